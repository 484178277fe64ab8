"""Helpers of the contract suite's GraphQL part (CONTRACT_API=graphql): requests to /graphql, the
checks of a GraphQL answer, users and tokens acting over GraphQL.

The law is CONTRACT.md, section "GraphQL", with the decisions every stack shares (RULES.md of this
round, "GraphQL decisions"): POST /graphql with a JSON body; 200 and `{"data", "errors"?}` for every
well-formed request; a request error (syntax, validation, the 100-field rule) has `errors` and NO
`data` key; a field error carries `extensions.code` out of CODES. Only plain HTTP (httpx) and the
standard library here; graphql-core is used by the schema test alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.contract import contract_api
from tests.contract.contract_api import (
    AUTH,
    PASSWORD,
    UNSAFE_METHODS,
    assert_id,
    assert_timestamp,
    describe,
    media_type,
    new_client,
    unique_email,
)
from tests.oidc.driver import forget_provider_cookies

ENDPOINT = "/graphql"
CODES = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "CONFLICT",
    "TOO_MANY_REQUESTS",
    "INTERNAL_SERVER_ERROR",
}
# The `BAD_USER_INPUT` fields: the GraphQL argument or input-field names (RULES.md decision 3).
INPUT_FIELDS = {"title", "done", "email", "password", "refreshToken", "limit", "offset", "id"}
TODO_FIELDS = "id title done createdAt updatedAt"
USER_FIELDS = "id email createdAt"
TODO_KEYS = {"id", "title", "done", "createdAt", "updatedAt"}
USER_KEYS = {"id", "email", "createdAt"}
TOKEN_PAIR_KEYS = {"accessToken", "refreshToken", "tokenType", "expiresIn"}

CREATE_TODO = f"""mutation Create($input: NewTodo!) {{
  createTodo(input: $input) {{ {TODO_FIELDS} }}
}}"""
UPDATE_TODO = f"""mutation Update($id: ID!, $input: TodoChanges!) {{
  updateTodo(id: $id, input: $input) {{ {TODO_FIELDS} }}
}}"""
DELETE_TODO = "mutation Delete($id: ID!) { deleteTodo(id: $id) }"
GET_TODO = f"query One($id: ID!) {{ todo(id: $id) {{ {TODO_FIELDS} }} }}"
LIST_TODOS = f"""query List($limit: Int, $offset: Int, $done: Boolean) {{
  todos(limit: $limit, offset: $offset, done: $done) {{
    items {{ {TODO_FIELDS} }} total limit offset
  }}
}}"""
ME = f"query Me {{ me {{ {USER_FIELDS} }} }}"
REGISTER = f"""mutation Register($email: String!, $password: String!) {{
  register(email: $email, password: $password) {{ {USER_FIELDS} }}
}}"""
LOGIN_JWT = """mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken tokenType expiresIn }
}"""
LOGIN_SESSION = f"""mutation Login($email: String!, $password: String!) {{
  login(email: $email, password: $password) {{ user {{ {USER_FIELDS} }} csrfToken }}
}}"""
LOGIN = LOGIN_JWT if AUTH == "jwt" else LOGIN_SESSION  # (no login at all when auth = oauth)


def post(
    client: httpx.Client,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    operation_name: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST /graphql with the JSON body the GraphQL over HTTP spec describes."""
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    if operation_name is not None:
        body["operationName"] = operation_name
    return client.post(ENDPOINT, json=body, headers=headers or {})


def answer(response: httpx.Response) -> dict[str, Any]:
    """A well-formed request's answer: 200, application/json, a JSON object whose keys are only
    `data`, `errors` and `extensions`, every error shaped as the spec says."""
    assert response.status_code == 200, "a well-formed GraphQL request is a 200" + describe(
        response
    )
    assert media_type(response) == "application/json", "GraphQL answers application/json" + (
        describe(response)
    )
    body = response.json()
    assert isinstance(body, dict), "the answer is a JSON object" + describe(response)
    extra = set(body) - {"data", "errors", "extensions"}
    assert not extra, f"unexpected top-level keys {sorted(extra)}" + describe(response)
    for error in body.get("errors", []):
        assert isinstance(error, dict) and isinstance(error.get("message"), str), (
            "each error has a message" + describe(response)
        )
    return body


def expect_data(response: httpx.Response) -> dict[str, Any]:
    """`data` of an answer without errors."""
    body = answer(response)
    assert not body.get("errors"), "expected no errors" + describe(response)
    assert isinstance(body.get("data"), dict), "expected data" + describe(response)
    return body["data"]


def code_of(error: dict[str, Any]) -> Any:
    return (error.get("extensions") or {}).get("code")


def expect_error(
    response: httpx.Response, code: str, path: list[Any] | None = None
) -> tuple[Any, dict[str, Any]]:
    """An executed request (`data` present, maybe null) with an error of `code` (at `path` when
    given): returns (data, that error). Every error's code is one of CODES."""
    body = answer(response)
    assert "data" in body, "a field error keeps the data key (null up to a nullable parent)" + (
        describe(response)
    )
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, f"expected a {code} error" + describe(response)
    unknown = [code_of(e) for e in errors if code_of(e) not in CODES]
    assert not unknown, f"extensions.code must be one of {sorted(CODES)}: {unknown}" + describe(
        response
    )
    matching = [e for e in errors if code_of(e) == code]
    assert matching, f"no error with extensions.code {code}" + describe(response)
    if path is not None:
        at_path = [e for e in matching if e.get("path") == path]
        assert at_path, f"the {code} error must have path {path}" + describe(response)
        return body["data"], at_path[0]
    return body["data"], matching[0]


def expect_bad_input(response: httpx.Response, *fields: str) -> dict[str, Any]:
    """A BAD_USER_INPUT error whose `extensions.errors` lists [{field, message}] naming `fields`."""
    _data, error = expect_error(response, "BAD_USER_INPUT")
    listed = error["extensions"].get("errors")
    assert isinstance(listed, list) and listed, "BAD_USER_INPUT lists extensions.errors" + (
        describe(response)
    )
    for item in listed:
        assert isinstance(item, dict) and isinstance(item.get("field"), str), describe(response)
        assert item["field"] in INPUT_FIELDS, (
            f"field {item['field']!r} is not a GraphQL argument or input field name"
            + (describe(response))
        )
        assert isinstance(item.get("message"), str) and item["message"], describe(response)
    named = {item["field"] for item in listed}
    for wanted in fields:
        assert wanted in named, f"extensions.errors must name {wanted!r}" + describe(response)
    return error


def expect_request_error(response: httpx.Response, code: str | None = None) -> list[dict]:
    """GraphQL over HTTP, request errors (syntax, validation, variable coercion): 200, `errors`
    non-empty and NO `data` key, nothing executed."""
    body = answer(response)
    assert "data" not in body, "a request error has no data key at all" + describe(response)
    errors = body.get("errors")
    assert isinstance(errors, list) and errors, "a request error lists errors" + describe(response)
    if code is not None:
        assert [code_of(e) for e in errors] == [code], (
            f"expected exactly one error with extensions.code {code}" + describe(response)
        )
    return errors


def assert_todo(value: Any) -> dict[str, Any]:
    assert isinstance(value, dict) and set(value) == TODO_KEYS, f"a Todo, got {value!r}"
    assert_id(value["id"])
    assert isinstance(value["title"], str)
    assert type(value["done"]) is bool, f"done is a Boolean, got {value['done']!r}"
    created = assert_timestamp(value["createdAt"])
    updated = assert_timestamp(value["updatedAt"])
    assert updated >= created, f"updatedAt is before createdAt in {value!r}"
    return value


def assert_user(value: Any, email: str | None = None) -> dict[str, Any]:
    assert isinstance(value, dict) and set(value) == USER_KEYS, f"a User, got {value!r}"
    assert_id(value["id"])
    assert_timestamp(value["createdAt"])
    if email is not None:
        assert value["email"] == email, f"expected email {email!r}, got {value['email']!r}"
    return value


def assert_token_pair(value: Any) -> dict[str, Any]:
    assert isinstance(value, dict) and set(value) == TOKEN_PAIR_KEYS, f"a TokenPair: {value!r}"
    assert value["tokenType"] == "Bearer", value
    assert type(value["expiresIn"]) is int and value["expiresIn"] > 0, value
    assert value["accessToken"] and value["refreshToken"], value
    return value


def register(
    client: httpx.Client, email: str, password: str = PASSWORD, **kwargs: Any
) -> httpx.Response:
    return post(client, REGISTER, {"email": email, "password": password}, **kwargs)


def login(
    client: httpx.Client, email: str, password: str = PASSWORD, **kwargs: Any
) -> httpx.Response:
    """One login field executed: counted against the rate limit like a REST login."""
    contract_api.login_attempts += 1
    return post(client, LOGIN, {"email": email, "password": password}, **kwargs)


def is_mutation(query: str) -> bool:
    return query.lstrip().startswith("mutation")


@dataclass
class GraphQLActor:
    """A client acting as one user over /graphql: the bearer token (jwt), or the session cookie
    and, on mutations, the X-CSRF-Token (session); a plain client when auth = none."""

    client: httpx.Client
    email: str | None = None
    user: dict[str, Any] | None = None
    tokens: dict[str, Any] = field(default_factory=dict)
    csrf_token: str | None = None

    def headers(self, query: str, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.tokens.get("accessToken"):
            headers.setdefault("Authorization", f"Bearer {self.tokens['accessToken']}")
        if self.csrf_token and is_mutation(query):
            headers.setdefault("X-CSRF-Token", self.csrf_token)
        return headers

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Any request with this user's credentials (X-CSRF-Token on unsafe methods)."""
        headers = dict(kwargs.pop("headers", None) or {})
        if self.tokens.get("accessToken"):
            headers.setdefault("Authorization", f"Bearer {self.tokens['accessToken']}")
        if self.csrf_token and method.upper() in UNSAFE_METHODS:
            headers.setdefault("X-CSRF-Token", self.csrf_token)
        return self.client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        return post(self.client, query, variables, headers=self.headers(query, headers), **kwargs)

    def create_todo(self, title: str = "a todo", **fields: Any) -> dict[str, Any]:
        data = expect_data(self.gql(CREATE_TODO, {"input": {"title": title, **fields}}))
        return assert_todo(data["createTodo"])

    def todo(self, todo_id: str) -> httpx.Response:
        return self.gql(GET_TODO, {"id": todo_id})

    def update(self, todo_id: str, **changes: Any) -> httpx.Response:
        return self.gql(UPDATE_TODO, {"id": todo_id, "input": changes})

    def delete(self, todo_id: str) -> httpx.Response:
        return self.gql(DELETE_TODO, {"id": todo_id})

    def listing(self, **arguments: Any) -> dict[str, Any]:
        page = expect_data(self.gql(LIST_TODOS, arguments))["todos"]
        assert isinstance(page, dict) and set(page) == {"items", "total", "limit", "offset"}, page
        assert type(page["total"]) is int and page["total"] >= len(page["items"]), page
        for item in page["items"]:
            assert_todo(item)
        return page


def make_graphql_actor(tag: str = "user") -> GraphQLActor:
    """A fresh actor: a new user registered and logged in over GraphQL (jwt, session), signed in
    on the REST routes through the test provider (oauth: the schema has no sign-in), or anonymous
    (none)."""
    client = new_client()
    if AUTH == "none":
        return GraphQLActor(client)
    if AUTH == "oauth":
        account, response = contract_api.oauth_sign_in(client, tag)
        assert response.status_code == 303, "the oauth callback answers 303" + describe(response)
        forget_provider_cookies(client)  # the actor talks to the app only from here on
        user = assert_user(expect_data(post(client, ME))["me"], account.email)
        csrf = contract_api.expect_json(client.get("/api/auth/csrf"), 200)["csrf_token"]
        return GraphQLActor(client, email=account.email, user=user, csrf_token=csrf)
    email = unique_email(tag)
    user = assert_user(expect_data(register(client, email))["register"], email)
    data = expect_data(login(client, email))["login"]
    if AUTH == "jwt":
        return GraphQLActor(client, email=email, user=user, tokens=assert_token_pair(data))
    assert isinstance(data.get("csrfToken"), str) and data["csrfToken"], data
    return GraphQLActor(client, email=email, user=user, csrf_token=data["csrfToken"])


def absent_id() -> str:
    return str(uuid.uuid4())
