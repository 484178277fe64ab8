"""CONTRACT.md, Auth: login is rate limited per client address -> 429 + Retry-After.

Runs LAST (file name order; the suite runs with `-p no:randomly`): once it passes, this client
address cannot log in for a while. Earlier tests keep their logins well under the limit the server
was started with (CONTRACT_LOGIN_RATE_LIMIT), so the 429 must arrive within limit + 1 attempts.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from tests.contract import contract_api
from tests.contract.contract_api import (
    LOGIN_RATE_LIMIT,
    PASSWORD,
    describe,
    expect_json,
    expect_problem,
    login,
    new_client,
    register,
    unique_email,
)


def test_login_is_rate_limited_per_client_address_with_429_and_retry_after():
    earlier = contract_api.login_attempts
    assert earlier < LOGIN_RATE_LIMIT, (
        f"the suite already sent {earlier} logins; start the server with a limit well above that"
    )
    address = unique_email("limited")
    with new_client() as client:
        expect_json(register(client, address), 201)
        for _attempt in range(LOGIN_RATE_LIMIT + 1):
            response = login(client, address, "wrong password, again")
            if response.status_code == 429:
                break
            expect_problem(response, 401)
        else:
            raise AssertionError(
                f"no 429 after {LOGIN_RATE_LIMIT + 1} login attempts (limit {LOGIN_RATE_LIMIT}/min,"
                f" {earlier} logins before)" + describe(response)
            )
        expect_problem(response, 429)
        retry_after = response.headers.get("retry-after", "")
        assert retry_after, "429 must carry Retry-After" + describe(response)
        if retry_after.isdigit():
            assert 0 < int(retry_after) <= 3600, f"Retry-After {retry_after} seconds"
        else:
            assert parsedate_to_datetime(retry_after), f"Retry-After {retry_after!r}"
        # The limit is per client address, not per outcome: the right password is refused too.
        expect_problem(login(client, address, PASSWORD), 429)
