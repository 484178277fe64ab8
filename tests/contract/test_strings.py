"""CONTRACT.md, General: client input never reaches the database's or the parser's limits as a 5xx.
The details every stack shares are RULES.md decision 2 (issue 9.4, 9.5):

- a U+0000 in a stored string (title, email) → 422 naming the field (PostgreSQL cannot store it);
- a body that is not valid UTF-8 → 400 (never stored as U+FFFD);
- titles are trimmed of Unicode white space (ECMAScript `String.prototype.trim`'s set: U+00A0
  NO-BREAK SPACE and U+3000 IDEOGRAPHIC SPACE count), so a title of only such characters → 422;
- an integer query parameter beyond 64 bits → 422, like any other out-of-range value;
- JSON nested deeper than 1000 levels → 400 ("JSON nested too deeply"), never a RecursionError;
- emoji and other characters outside the Basic Multilingual Plane round-trip (MySQL: utf8mb4
  tables, whatever the database's default; tier 3 creates its MySQL databases latin1).
"""

from __future__ import annotations

import json

import pytest

from tests.contract.contract_api import (
    AUTH,
    PASSWORD,
    describe,
    expect_json,
    expect_problem,
    expect_validation_problem,
    new_client,
    password_routes,
    unique_email,
)

JSON = {"Content-Type": "application/json"}
# ECMAScript's WhiteSpace and LineTerminator beyond ASCII (what String.prototype.trim removes).
UNICODE_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
UNICODE_SPACES += "\u2028\u2029\u202f\u205f\u3000\ufeff"


def test_a_nul_character_in_a_title_is_a_422_problem_naming_title(alice):
    expect_validation_problem(alice.post("/api/todos", json={"title": "a\u0000b"}), "title")
    todo = alice.create_todo("no nul yet")
    response = alice.patch(f"/api/todos/{todo['id']}", json={"title": "a\u0000b"})
    expect_validation_problem(response, "title")


@password_routes
def test_a_nul_character_in_an_email_is_a_422_problem_naming_email():
    if AUTH == "none":
        pytest.skip("auth = none stores no email")
    email = unique_email("nul").replace("@", "\u0000@")
    with new_client() as client:
        response = client.post("/api/auth/register", json={"email": email, "password": PASSWORD})
    expect_validation_problem(response, "email")


@pytest.mark.parametrize(
    "body",
    [b'{"title": "caf\xe9"}', b'{"title": "\xff\xfe"}', b'{"title": "\xed\xa0\x80"}'],
    ids=["latin-1", "stray-bytes", "utf-16-surrogate"],
)
def test_a_body_that_is_not_valid_utf8_is_a_400_problem(alice, body):
    expect_problem(alice.post("/api/todos", content=body, headers=JSON), 400)


@pytest.mark.parametrize(
    "title",
    ["\u00a0", "\u00a0\u00a0\u00a0", "\u3000", UNICODE_SPACES, " \t\u00a0\u3000\n "],
    ids=["nbsp", "nbsp-x3", "ideographic-space", "every-unicode-space", "mixed"],
)
def test_a_title_of_only_unicode_white_space_is_a_422_problem_naming_title(alice, title):
    expect_validation_problem(alice.post("/api/todos", json={"title": title}), "title")


def test_titles_are_trimmed_of_unicode_white_space(alice):
    assert alice.create_todo("\u00a0\u3000 trimmed \u00a0\u3000")["title"] == "trimmed"


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "99999999999999999999999"},
        {"limit": "-99999999999999999999999"},
        {"offset": "99999999999999999999999"},
        {"limit": "18446744073709551617"},
    ],
    ids=["limit-huge", "limit-huge-negative", "offset-huge", "limit-2-pow-64-plus-1"],
)
def test_an_integer_query_parameter_beyond_64_bits_is_a_422_problem(alice, params):
    expect_validation_problem(alice.get("/api/todos", params=params), *params)


@pytest.mark.parametrize("depth", [1001, 100_000])
def test_json_nested_deeper_than_1000_levels_is_a_400_problem(alice, depth):
    body = b'{"title": ' + b"[" * depth + b"]" * depth + b"}"
    response = alice.post("/api/todos", content=body, headers=JSON)
    expect_problem(response, 400)


def test_json_nested_1000_levels_deep_is_never_a_5xx(alice):
    """At the limit a parser may read the body (then its title, a list, is invalid) or refuse it."""
    body = b'{"title": ' + b"[" * 999 + b"]" * 999 + b"}"
    response = alice.post("/api/todos", content=body, headers=JSON)
    assert response.status_code in (400, 422), describe(response)
    if response.status_code == 422:
        expect_validation_problem(response, "title")


@pytest.mark.parametrize(
    "title",
    ["📝 emoji 🚀", "𝄞 musical symbol G clef", "家族: 👨‍👩‍👧‍👦", "🀄" * 50],
    ids=["emoji", "non-bmp-symbol", "zwj-sequence", "50-astral-chars"],
)
def test_characters_beyond_the_basic_multilingual_plane_round_trip(alice, title):
    created = alice.create_todo(title)
    assert created["title"] == title, f"stored {created['title']!r}, sent {title!r}"
    fetched = expect_json(alice.get(f"/api/todos/{created['id']}"), 200)
    assert fetched["title"] == title, f"read back {fetched['title']!r}, sent {title!r}"
    raw = json.dumps({"title": title}, ensure_ascii=False).encode()
    response = alice.post("/api/todos", content=raw, headers=JSON)
    assert expect_json(response, 201)["title"] == title, "sent as raw UTF-8 (not \\u escapes)"
