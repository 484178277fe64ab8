"""CONTRACT.md, GraphQL: every `login` field executed counts against the login rate limit of the
client address, several aliased ones in one document too (RULES.md, GraphQL decision 5); over the
limit a login answers `TOO_MANY_REQUESTS` with `extensions.retryAfter` (integer seconds).

Runs LAST (file name order; the suite runs with `-p no:randomly`): afterwards this client address
cannot log in for a while. Earlier tests keep their logins well under the limit the server was
started with (CONTRACT_LOGIN_RATE_LIMIT): the limit is reached within limit + 1 login fields.
"""

from __future__ import annotations

from tests.contract import contract_api
from tests.contract.contract_api import (
    AUTH,
    LOGIN_RATE_LIMIT,
    PASSWORD,
    describe,
    new_client,
    unique_email,
)
from tests.contract.graphql_api import (
    answer,
    code_of,
    expect_data,
    expect_error,
    login,
    post,
    register,
)

# Each aliased login selects one field: 2 field selections per alias, so a document of 45 stays
# under the 100-field rule (test_graphql_http.py).
ALIASES_PER_DOCUMENT = 45
SELECTION = "accessToken" if AUTH == "jwt" else "csrfToken"


def aliased_logins(email: str, password: str, count: int) -> str:
    fields = "\n".join(
        f'  l{index}: login(email: "{email}", password: "{password}") {{ {SELECTION} }}'
        for index in range(count)
    )
    return "mutation ManyLogins {\n" + fields + "\n}"


def test_aliased_logins_in_one_document_each_count_until_too_many_requests():
    """The logins are right: a mutation's fields run one after the other, and `login` is
    non-null, so the first failing one ends the document. A server counting the document once
    would log all of them in; counting each field, the one past the limit is TOO_MANY_REQUESTS."""
    earlier = contract_api.login_attempts
    assert earlier < LOGIN_RATE_LIMIT, (
        f"the suite already sent {earlier} logins; start the server with a limit well above that"
    )
    count = LOGIN_RATE_LIMIT - earlier + 1
    assert 2 <= count <= ALIASES_PER_DOCUMENT, (
        f"{count} aliased logins reach the limit of {LOGIN_RATE_LIMIT} after {earlier} logins: "
        f"start the server with a limit between {earlier + 1} and "
        f"{earlier + ALIASES_PER_DOCUMENT - 1}"
    )
    email = unique_email("limited")
    with new_client() as client:
        expect_data(register(client, email))
        response = post(client, aliased_logins(email, PASSWORD, count))
        contract_api.login_attempts += count
        body = answer(response)
        codes = [code_of(error) for error in body.get("errors", [])]
        assert codes == ["TOO_MANY_REQUESTS"], (
            f"{count} aliased logins in one document after {earlier} logins (limit "
            f"{LOGIN_RATE_LIMIT}/min): each login field executed must count, and the one past the "
            "limit answer TOO_MANY_REQUESTS" + describe(response)
        )
        assert body["data"] is None, "login is non-null: data is null" + describe(response)
        _data, error = expect_error(response, "TOO_MANY_REQUESTS")
        assert error.get("path", [""])[0].startswith("l"), describe(response)
        retry_after = error["extensions"].get("retryAfter")
        assert type(retry_after) is int and 0 < retry_after <= 3600, (
            f"extensions.retryAfter must be whole seconds, got {retry_after!r}" + describe(response)
        )
        # Per client address, not per outcome: a single login is refused too, whatever it sends.
        expect_error(login(client, email, PASSWORD), "TOO_MANY_REQUESTS", ["login"])
        expect_error(login(client, email, "wrong password"), "TOO_MANY_REQUESTS", ["login"])
