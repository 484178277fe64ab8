"""CONTRACT.md, General, over GraphQL (the twin of test_strings.py, RULES.md decision 2 of issue
9): client input never reaches the database's or the parser's limits as an internal error.

- a U+0000 in a title → BAD_USER_INPUT naming title (PostgreSQL cannot store it);
- a body that is not valid UTF-8 → 400 problem details;
- titles are trimmed of Unicode white space (ECMAScript's set), so one of only such characters is
  BAD_USER_INPUT;
- an integer beyond GraphQL's 32-bit Int is refused before anything runs (a request error);
- JSON nested deeper than 1000 levels → 400;
- characters outside the Basic Multilingual Plane round-trip.
"""

from __future__ import annotations

import json

import pytest

from tests.contract.contract_api import describe, expect_problem, new_client
from tests.contract.graphql_api import (
    CREATE_TODO,
    ENDPOINT,
    LIST_TODOS,
    expect_bad_input,
    expect_data,
    expect_request_error,
)
from tests.contract.test_strings import UNICODE_SPACES

JSON = {"Content-Type": "application/json"}


def test_a_nul_character_in_a_title_is_bad_user_input_naming_title(alice):
    expect_bad_input(alice.gql(CREATE_TODO, {"input": {"title": "a\u0000b"}}), "title")
    todo = alice.create_todo("no nul yet")
    expect_bad_input(alice.update(todo["id"], title="a\u0000b"), "title")


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": "{ __typename }", "x": "caf\xe9"}',
        b'{"query": "{ \xff\xfe }"}',
        b'{"query": "{ __typename }", "x": "\xed\xa0\x80"}',
    ],
    ids=["latin-1", "stray-bytes", "utf-16-surrogate"],
)
def test_a_body_that_is_not_valid_utf8_is_a_400_problem(body):
    with new_client() as client:
        expect_problem(client.post(ENDPOINT, content=body, headers=JSON), 400)


@pytest.mark.parametrize(
    "title",
    ["\u00a0", "\u3000", UNICODE_SPACES, " \t\u00a0\u3000\n "],
    ids=["nbsp", "ideographic-space", "every-unicode-space", "mixed"],
)
def test_a_title_of_only_unicode_white_space_is_bad_user_input_naming_title(alice, title):
    expect_bad_input(alice.gql(CREATE_TODO, {"input": {"title": title}}), "title")


def test_titles_are_trimmed_of_unicode_white_space(alice):
    assert alice.create_todo("\u00a0\u3000 trimmed \u00a0\u3000")["title"] == "trimmed"


@pytest.mark.parametrize(
    "limit", [2**31, -(2**31) - 1, 99999999999999999999999], ids=["2-pow-31", "below", "huge"]
)
def test_an_integer_beyond_32_bits_is_refused_before_it_runs(alice, limit):
    expect_request_error(alice.gql(LIST_TODOS, {"limit": limit}))
    expect_request_error(alice.gql(f"{{ todos(limit: {limit}) {{ total }} }}"))


@pytest.mark.parametrize("depth", [1001, 100_000])
def test_json_nested_deeper_than_1000_levels_is_a_400_problem(depth):
    body = b'{"query": "{ __typename }", "variables": {"x": ' + b"[" * depth + b"]" * depth + b"}}"
    with new_client() as client:
        expect_problem(client.post(ENDPOINT, content=body, headers=JSON), 400)


@pytest.mark.parametrize(
    "title",
    ["📝 emoji 🚀", "𝄞 musical symbol G clef", "家族: 👨‍👩‍👧‍👦", "🀄" * 50],
    ids=["emoji", "non-bmp-symbol", "zwj-sequence", "50-astral-chars"],
)
def test_characters_beyond_the_basic_multilingual_plane_round_trip(alice, title):
    created = alice.create_todo(title)
    assert created["title"] == title, f"stored {created['title']!r}, sent {title!r}"
    assert expect_data(alice.todo(created["id"]))["todo"]["title"] == title
    raw = json.dumps(
        {"query": CREATE_TODO, "variables": {"input": {"title": title}}}, ensure_ascii=False
    ).encode()
    response = alice.client.post(ENDPOINT, content=raw, headers=alice.headers(CREATE_TODO, JSON))
    assert expect_data(response)["createTodo"]["title"] == title, describe(response)
