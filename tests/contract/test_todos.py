"""CONTRACT.md, Todos: CRUD, Location, pagination, filter, order, validation, 404s.

Assertions are relative (a user's list may hold todos of earlier tests; with auth = none the list is
global), and the suite runs serially, so no other client writes in between.
"""

from __future__ import annotations

import time
import uuid
from urllib.parse import quote, urljoin, urlsplit

import pytest

from tests.contract.contract_api import (
    BASE_URL,
    assert_timestamp,
    assert_todo,
    describe,
    expect_json,
    expect_problem,
    expect_validation_problem,
    smoke,
)


def listing(actor, **params):
    body = expect_json(actor.get("/api/todos", params=params), 200)
    assert isinstance(body, dict) and set(body) == {"items", "total", "limit", "offset"}, body
    assert isinstance(body["items"], list)
    assert type(body["total"]) is int and body["total"] >= len(body["items"])
    for item in body["items"]:
        assert_todo(item)
    return body


def create_several(actor, count, prefix, **fields):
    todos = []
    for index in range(count):
        todos.append(actor.create_todo(f"{prefix} {index}", **fields))
        time.sleep(0.02)  # "newest" needs distinct timestamps, whatever their precision
    return todos


@smoke
def test_create_answers_201_with_the_todo_and_its_location(alice):
    response = alice.post("/api/todos", json={"title": "buy milk"})
    todo = assert_todo(expect_json(response, 201))
    assert todo["title"] == "buy milk" and todo["done"] is False
    location = response.headers.get("location")
    assert location, "201 must carry Location" + describe(response)
    assert urlsplit(urljoin(BASE_URL + "/", location)).path == f"/api/todos/{todo['id']}", (
        f"Location must be /api/todos/{todo['id']}, got {location}"
    )


def test_create_accepts_done_true(alice):
    assert alice.create_todo("already done", done=True)["done"] is True


def test_create_trims_the_title(alice):
    assert alice.create_todo("   padded title \t ")["title"] == "padded title"


def test_create_accepts_a_title_of_200_chars_after_trimming(alice):
    assert alice.create_todo("  " + "t" * 200 + "  ")["title"] == "t" * 200


def test_titles_are_utf8_and_their_length_counts_characters_not_bytes(alice):
    assert alice.create_todo("café ☕ 日本語")["title"] == "café ☕ 日本語"
    assert alice.create_todo("é" * 200)["title"] == "é" * 200
    expect_validation_problem(alice.post("/api/todos", json={"title": "é" * 201}), "title")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": ""},
        {"title": "   "},
        {"title": "t" * 201},
        {"title": 42},
        {"title": None},
        {"title": ["a list"]},
    ],
    ids=["missing", "empty", "blank", "201-chars", "number", "null", "list"],
)
def test_create_with_an_invalid_title_is_a_422_problem_naming_title(alice, body):
    expect_validation_problem(alice.post("/api/todos", json=body), "title")


@pytest.mark.parametrize("done", ["yes", 1, "true", None])
def test_create_with_a_non_boolean_done_is_a_422_problem_naming_done(alice, done):
    expect_validation_problem(alice.post("/api/todos", json={"title": "t", "done": done}), "done")


@smoke
def test_get_answers_200_with_the_todo(alice):
    todo = alice.create_todo("fetch me")
    assert expect_json(alice.get(f"/api/todos/{todo['id']}"), 200) == todo


@smoke
def test_list_answers_items_total_limit_offset_with_defaults_20_and_0(alice):
    alice.create_todo("listed")
    body = listing(alice)
    assert body["limit"] == 20 and body["offset"] == 0
    assert len(body["items"]) == min(20, body["total"])


def test_list_is_newest_first(alice):
    created = create_several(alice, 3, "order")
    body = listing(alice, limit=3)
    assert [t["id"] for t in body["items"]] == [t["id"] for t in reversed(created)]


def test_list_paginates_with_limit_and_offset(alice):
    create_several(alice, 4, "page")
    whole = listing(alice, limit=4, offset=0)
    first = listing(alice, limit=2, offset=0)
    second = listing(alice, limit=2, offset=2)
    assert (first["limit"], first["offset"], second["offset"]) == (2, 0, 2)
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert [t["id"] for t in first["items"] + second["items"]] == [t["id"] for t in whole["items"]]
    assert first["total"] == second["total"] == whole["total"] >= 4
    beyond = listing(alice, limit=5, offset=whole["total"])
    assert beyond["items"] == [] and beyond["total"] == whole["total"]


def test_list_accepts_limit_1_and_100(alice):
    assert len(listing(alice, limit=1)["items"]) == 1
    assert listing(alice, limit=100)["limit"] == 100


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": -1},
        {"limit": "abc"},
        {"offset": -1},
        {"offset": "abc"},
        {"done": "maybe"},
    ],
    ids=[
        "limit-0",
        "limit-101",
        "limit-negative",
        "limit-text",
        "offset-negative",
        "offset-text",
        "done-maybe",
    ],
)
def test_list_with_an_invalid_query_is_a_422_problem(alice, params):
    expect_validation_problem(alice.get("/api/todos", params=params), *params)


def test_list_filters_by_done(alice):
    done = alice.create_todo("filter done", done=True)
    open_ = alice.create_todo("filter open")
    only_done = listing(alice, done="true", limit=100)
    only_open = listing(alice, done="false", limit=100)
    everything = listing(alice, limit=1)
    assert all(t["done"] for t in only_done["items"])
    assert not any(t["done"] for t in only_open["items"])
    assert done["id"] in {t["id"] for t in only_done["items"]}
    assert open_["id"] in {t["id"] for t in only_open["items"]}
    assert only_done["total"] + only_open["total"] == everything["total"]


@smoke
def test_patch_updates_done_and_keeps_the_title(alice):
    todo = alice.create_todo("to be done")
    time.sleep(0.02)
    patched = assert_todo(
        expect_json(alice.patch(f"/api/todos/{todo['id']}", json={"done": True}), 200)
    )
    assert patched["done"] is True and patched["title"] == "to be done"
    assert patched["id"] == todo["id"] and patched["created_at"] == todo["created_at"]
    assert assert_timestamp(patched["updated_at"]) > assert_timestamp(todo["updated_at"]), (
        "updated_at must move forward on update"
    )
    assert expect_json(alice.get(f"/api/todos/{todo['id']}"), 200) == patched


def test_patch_trims_a_new_title(alice):
    todo = alice.create_todo("old title")
    patched = expect_json(
        alice.patch(f"/api/todos/{todo['id']}", json={"title": "  new title "}), 200
    )
    assert patched["title"] == "new title" and patched["done"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"done": "yes"}, "done")],
    ids=["empty-title", "long-title", "text-done"],
)
def test_patch_with_invalid_fields_is_a_422_problem_and_changes_nothing(alice, body, field):
    todo = alice.create_todo("unchanged")
    expect_validation_problem(alice.patch(f"/api/todos/{todo['id']}", json=body), field)
    assert expect_json(alice.get(f"/api/todos/{todo['id']}"), 200) == todo


@smoke
def test_delete_answers_204_and_the_todo_is_gone(alice):
    todo = alice.create_todo("delete me")
    response = alice.delete(f"/api/todos/{todo['id']}")
    assert response.status_code == 204, describe(response)
    assert response.content == b"", "204 has no body"
    expect_problem(alice.get(f"/api/todos/{todo['id']}"), 404)
    expect_problem(alice.delete(f"/api/todos/{todo['id']}"), 404)
    expect_problem(alice.patch(f"/api/todos/{todo['id']}", json={"done": True}), 404)


@pytest.mark.parametrize(
    "todo_id",
    [str(uuid.uuid4()), "not-a-uuid", "12345", "0" * 24, "%20", "'; DROP TABLE todos; --"],
    ids=["absent-uuid", "word", "number", "objectid-shape", "space", "sql"],
)
def test_ids_that_cannot_exist_are_404_problems_never_5xx(alice, todo_id):
    path = f"/api/todos/{quote(todo_id, safe='%')}"
    expect_problem(alice.get(path), 404)
    expect_problem(alice.patch(path, json={"done": True}), 404)
    expect_problem(alice.delete(path), 404)
