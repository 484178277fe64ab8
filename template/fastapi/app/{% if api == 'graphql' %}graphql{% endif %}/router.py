"""POST /graphql (and GET for queries): GraphQL over HTTP with Strawberry's FastAPI router, and the
GraphiQL IDE served from the app's own copy (app/graphiql/) outside production.

Changes to Strawberry's router, and why:
- What is not a well-formed GraphQL request gets problem details like every other error of this
  app (Strawberry answers plain text): 400 for a body or `variables` that is not a JSON object or
  a missing/non-string `query`, 405 with `Allow: POST` for a mutation over GET, 415 for a body
  that is not application/json. 413 and the 415 of other content types come from app/errors.py
  before the router runs; PUT, PATCH and DELETE are Starlette's 405.
- A request error (syntax, validation, a variable that does not coerce) has no `data` key
  (GraphQL over HTTP) and every error has `extensions.code` (app/graphql/errors.py).
- The operation runs in a worker thread (Schema.execute_sync), as FastAPI runs the REST variant's
  sync routes: the resolvers call the blocking service layer (SQLAlchemy, Argon2) without stalling
  the event loop, and one thread at a time uses the request's database session.
- Strawberry's own GraphiQL page loads its scripts from a CDN (blank offline): the vendored page
  is served instead, and only outside production.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cross_web import HTTPException as StrawberryHTTPException
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from graphql import GraphQLError, OperationDefinitionNode
from starlette.concurrency import run_in_threadpool
from strawberry.exceptions import MissingQueryError
from strawberry.extensions import SchemaExtension
from strawberry.fastapi import GraphQLRouter as StrawberryGraphQLRouter
from strawberry.http import GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from app.graphql.errors import format_result

GRAPHIQL = Path(__file__).resolve().parent.parent / "graphiql"
NOT_AN_OBJECT = 'Send a JSON object: {"query": "...", "variables": {...}}.'


class RequireOperationName(SchemaExtension):
    """A document with several operations and no operationName is a request error (GraphQL spec,
    "GetOperation"); Strawberry would run the first one."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        # The operationName the client sent: ExecutionContext.operation_name falls back to the
        # first operation's name, which is what must not happen here.
        sent_name = context._provided_operation_name
        if sent_name is None and document is not None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) > 1:
                # Set before validation runs: Strawberry then answers these errors, runs nothing.
                context.pre_execution_errors = [
                    GraphQLError(
                        "The document has several operations: name one with operationName.",
                        operations,
                    )
                ]
        yield


class GraphQLRouter(StrawberryGraphQLRouter):
    async def run(self, request: Any, context: Any = None, root_value: Any = None) -> Any:
        try:
            return await super().run(request, context=context, root_value=root_value)
        except StrawberryHTTPException as error:
            if request.method == "GET" and isinstance(error.__cause__, InvalidOperationTypeError):
                raise HTTPException(
                    405, "Send mutations with POST.", headers={"Allow": "POST"}
                ) from None
            raise HTTPException(error.status_code, error.reason) from None

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """A browser opening /graphql: GET, Accept names text/html, and no query to run."""
        return (
            request.method == "GET"
            and request.query_params.get("query") is None
            and "text/html" in request.headers.get("accept", "")
        )

    async def render_graphql_ide(self, request: Request) -> FileResponse:  # type: ignore[override]
        return FileResponse(GRAPHIQL / "graphiql.html", media_type="text/html")

    async def parse_http_body(self, request: Any) -> Any:
        media_type = (request.content_type or "").split(";", 1)[0].strip().lower()
        if request.method == "POST" and media_type != "application/json":
            raise HTTPException(415, "Send the request body as application/json.")
        return await super().parse_http_body(request)

    def parse_json(self, data: str | bytes) -> Any:
        """The JSON body (or GET's `variables`); 400 unless it is an object (no batching)."""
        try:
            parsed = super().parse_json(data)
        except RecursionError:
            raise HTTPException(400, "JSON nested too deeply.") from None
        if not isinstance(parsed, dict):
            raise HTTPException(400, NOT_AN_OBJECT)
        return parsed

    async def execute_single(  # type: ignore[override]
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Any,
        context: Any,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            return await run_in_threadpool(
                self.schema.execute_sync,
                request_data.query,
                variable_values=request_data.variables,
                context_value=context,
                root_value=root_value,
                operation_name=request_data.operation_name,
                # GET runs queries only; POST runs queries and mutations.
                allowed_operation_types=OperationType.from_http(request_adapter.method),
                operation_extensions=request_data.extensions,
            )
        except CannotGetOperationTypeError as error:
            # An operationName naming no operation of the document: a request error (200, errors,
            # no data), as a document that does not validate.
            return ExecutionResult(data=None, errors=[GraphQLError(error.as_http_error_reason())])
        except InvalidOperationTypeError as error:
            raise StrawberryHTTPException(
                400, error.as_http_error_reason(request_adapter.method)
            ) from error
        except MissingQueryError:
            raise HTTPException(400, "No GraphQL query found in the request.") from None

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:  # type: ignore[override]
        return format_result(result)


def install(app: FastAPI, schema: Any, context_getter: Any, *, production: bool) -> None:
    """/graphql, and outside production the IDE's files at /graphql/assets/<name>."""
    router = GraphQLRouter(
        schema,
        # A page only outside production (render_graphql_ide serves the vendored one).
        graphql_ide=None if production else "graphiql",
        context_getter=context_getter,
        # No subscriptions in this schema: nothing to speak over WebSocket.
        subscription_protocols=(),
        # FastAPI's API docs are off with api=graphql; introspection documents the schema.
        include_in_schema=False,
    )
    app.include_router(router, prefix="/graphql")
    if not production:
        app.mount("/graphql/assets", StaticFiles(directory=GRAPHIQL), name="graphiql")
