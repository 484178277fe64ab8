"""POST /graphql (and GET for queries) with Strawberry's Django view, and the GraphiQL IDE.

The transport follows GraphQL over HTTP for application/json: a well-formed request is answered 200
with {"data", "errors"?} (core/graphql/errors.py writes the body); a request that is not (malformed
JSON, a body that is not an object, no string `query`, `variables` not an object: 400; another
content type: 415; a mutation over GET, PUT/PATCH/DELETE: 405) gets a problem+json answer like every
other error of the app (core/errors.py). Bodies over 1 MiB never get here
(core.middleware.RequestBodyLimitMiddleware: 413).
"""

import json
import mimetypes
import re
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphql import GraphQLError
from strawberry.django.views import GraphQLView
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLRequestData
from strawberry.schema import Schema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult

from core.errors import problem_response
from core.graphql.errors import VALIDATION_FAILED, format_result
from core.graphql.rules import operations_in

# The vendored GraphiQL (template/_shared/graphiql, copied into the project): the page and the files
# it loads, served by this app so the IDE works with no internet.
GRAPHIQL_DIR = Path(__file__).resolve().parent.parent.parent / "graphiql"
GRAPHIQL_PAGE = "graphiql.html"

NO_QUERY = "`query` must be a string holding the GraphQL document."


@method_decorator(csrf_exempt, name="dispatch")
class ContractGraphQLView(GraphQLView):
    """Strawberry's Django view with the transport rules of docs/CONTRACT.md.

    CSRF: the view is exempt from Django's middleware check because queries never need a token,
    and register/login neither; the other mutations check it themselves when a session cookie
    came with the request (accounts/schema.py).
    """

    allow_queries_via_get = True
    schemas: dict[bool, Schema] | None = None  # as_view(schemas=...): {development?: Schema}

    def __init__(self, *, schemas: dict[bool, Schema], **kwargs: Any) -> None:
        # Django makes a view object per request, so these follow the settings of the moment.
        # Outside development: introspection off (schemas[False]) and no IDE page. Strawberry's own
        # page loads GraphiQL from a CDN; render_graphql_ide serves the vendored one instead.
        development = settings.DEVELOPMENT
        super().__init__(
            schema=schemas[development],
            graphql_ide="graphiql" if development else None,
            **kwargs,
        )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return self.run(request=request)
        except HTTPException as error:
            if error.status_code == 404:  # the IDE page outside development
                return problem_response(404, f"Nothing is at {request.path}.")
            response = problem_response(error.status_code, error.reason)
            if error.status_code == 405:
                response["Allow"] = getattr(error, "allow", "GET, POST")
            return response

    def should_render_graphql_ide(self, request) -> bool:
        # A browser asking for a page; curl's */* with no query is a request without a query (400).
        return (
            request.method == "GET"
            and request.query_params.get("query") is None
            and "text/html" in request.headers.get("accept", "")
        )

    def render_graphql_ide(self, request: HttpRequest) -> HttpResponse:
        return FileResponse((GRAPHIQL_DIR / GRAPHIQL_PAGE).open("rb"), content_type="text/html")

    def parse_http_body(self, request) -> GraphQLRequestData:
        """The request's {"query", "variables"?, "operationName"?}; HTTPException when it is not
        well-formed (turned into a problem+json answer by dispatch)."""
        if request.method == "GET":
            data: Any = dict(request.query_params)
            if data.get("variables"):
                data["variables"] = self.parse_json(data["variables"])
        else:
            content_type = (request.content_type or "").split(";")[0].strip().lower()
            if content_type != "application/json":
                raise HTTPException(415, "Send the request as application/json.")
            try:
                data = json.loads(request.body)
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                raise HTTPException(400, "The request body is not valid JSON.") from None
        if not isinstance(data, dict):
            raise HTTPException(400, "The request body must be a JSON object.")
        if not isinstance(data.get("query"), str):
            raise HTTPException(400, NO_QUERY)
        if not isinstance(data.get("variables"), dict | None):
            raise HTTPException(400, "`variables` must be a JSON object.")
        if not isinstance(data.get("operationName"), str | None):
            raise HTTPException(400, "`operationName` must be a string.")
        return GraphQLRequestData(
            query=data["query"],
            variables=data.get("variables"),
            operation_name=data.get("operationName"),
            extensions=None,
        )

    def execute_single(self, request, request_adapter, *args: Any, **kwargs: Any):
        data: GraphQLRequestData = kwargs["request_data"]
        if data.operation_name is None and operations_in(data.query) > 1:
            # Strawberry would run the first one; GraphQL says no operation can be chosen.
            return request_error("Several operations: name the one to run in operationName.")
        try:
            return super().execute_single(request, request_adapter, *args, **kwargs)
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):
                not_allowed = HTTPException(405, "A mutation must be sent with POST.")
                not_allowed.allow = "POST"
                raise not_allowed from None
            if isinstance(error.__cause__, CannotGetOperationTypeError):
                # No operation of that name, or several and no operationName: a request error
                # (200, `errors`, no `data`), like a document that does not validate.
                return request_error(error.reason)
            if isinstance(error.__cause__, MissingQueryError):
                raise HTTPException(400, NO_QUERY) from None
            raise

    def process_result(self, request: HttpRequest, result) -> dict[str, Any]:
        return format_result(result)


def request_error(message: str) -> ExecutionResult:
    """A GraphQL request error: answered 200 with `errors` and no `data` (format_result)."""
    return ExecutionResult(
        data=None, errors=[GraphQLError(message, extensions={"code": VALIDATION_FAILED})]
    )


# Only the files of the vendored folder, by name: nothing else of the disk is reachable.
SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}


def graphiql_asset(request: HttpRequest, name: str) -> HttpResponse:
    """GET /graphql/assets/<name>: one file of the vendored GraphiQL; 404 in production."""
    path = GRAPHIQL_DIR / name
    if not settings.DEVELOPMENT or not SAFE_NAME.fullmatch(name) or not path.is_file():
        raise Http404(name)
    content_type = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(name)[0] or "text/plain"
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    return FileResponse(path.open("rb"), content_type=content_type)
