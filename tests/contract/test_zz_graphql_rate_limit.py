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


def aliased_logins(email: str, count: int) -> str:
    fields = "\n".join(
        f'  l{index}: login(email: "{email}", password: "wrong password {index}") {{ {SELECTION} }}'
        for index in range(count)
    )
    return "mutation ManyLogins {\n" + fields + "\n}"


def test_aliased_logins_in_one_document_each_count_until_too_many_requests():
    earlier = contract_api.login_attempts
    assert earlier < LOGIN_RATE_LIMIT, (
        f"the suite already sent {earlier} logins; start the server with a limit well above that"
    )
    remaining = LOGIN_RATE_LIMIT - earlier
    email = unique_email("limited")
    with new_client() as client:
        expect_data(register(client, email))
        limited = None
        documents = 0
        while remaining + 1 > 0 and limited is None:
            count = min(ALIASES_PER_DOCUMENT, remaining + 1)
            response = post(client, aliased_logins(email, count))
            contract_api.login_attempts += count
            documents += 1
            remaining -= count
            body = answer(response)
            codes = {code_of(error) for error in body.get("errors", [])}
            assert codes <= {"UNAUTHENTICATED", "TOO_MANY_REQUESTS"}, describe(response)
            if "TOO_MANY_REQUESTS" in codes:
                limited = response
        assert limited is not None, (
            f"no TOO_MANY_REQUESTS after {LOGIN_RATE_LIMIT + 1 - earlier} aliased login fields in "
            f"{documents} document(s) (limit {LOGIN_RATE_LIMIT}/min, {earlier} logins before): "
            "each login field executed must count" + describe(response)
        )
        _data, error = expect_error(limited, "TOO_MANY_REQUESTS")
        retry_after = error["extensions"].get("retryAfter")
        assert type(retry_after) is int and 0 < retry_after <= 3600, (
            f"extensions.retryAfter must be whole seconds, got {retry_after!r}" + describe(limited)
        )
        # Per client address, not per outcome: the right password is refused too.
        expect_error(login(client, email, PASSWORD), "TOO_MANY_REQUESTS", ["login"])
