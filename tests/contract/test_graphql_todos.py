"""CONTRACT.md, GraphQL: the todo operations hold the REST rules field by field (RULES.md, GraphQL
decision 4): title trimmed to 1..200 characters, done a Boolean defaulting to false, newest first,
limit 1..100 (default 20), offset >= 0 (default 0), the done filter; a validation failure is
`BAD_USER_INPUT` naming the argument or input field in `extensions.errors`; an absent todo or an id
that cannot exist is `NOT_FOUND` (`todo` answers null with the error at path ["todo"]).

Assertions are relative, as in test_todos.py: a user's list may hold todos of earlier tests, and
with auth = none the list is global; the suite runs serially.
"""

from __future__ import annotations

import time

import pytest

from tests.contract.contract_api import assert_timestamp, describe
from tests.contract.graphql_api import (
    CREATE_TODO,
    LIST_TODOS,
    absent_id,
    assert_todo,
    expect_bad_input,
    expect_data,
    expect_error,
    expect_request_error,
)


def create_several(actor, count, prefix, **fields):
    todos = []
    for index in range(count):
        todos.append(actor.create_todo(f"{prefix} {index}", **fields))
        time.sleep(0.02)  # "newest" needs distinct timestamps, whatever their precision
    return todos


def test_create_todo_answers_the_todo_with_done_false_by_default(alice):
    todo = alice.create_todo("buy milk")
    assert todo["title"] == "buy milk" and todo["done"] is False


def test_create_todo_accepts_done_true(alice):
    assert alice.create_todo("already done", done=True)["done"] is True


def test_create_todo_trims_the_title(alice):
    assert alice.create_todo("   padded title \t ")["title"] == "padded title"


def test_create_todo_accepts_200_characters_after_trimming_and_counts_characters(alice):
    assert alice.create_todo("  " + "t" * 200 + "  ")["title"] == "t" * 200
    assert alice.create_todo("é" * 200)["title"] == "é" * 200


@pytest.mark.parametrize(
    "title", ["", "   ", "t" * 201, "é" * 201], ids=["empty", "blank", "201-chars", "201-accents"]
)
def test_create_todo_with_an_invalid_title_is_bad_user_input_naming_title(alice, title):
    response = alice.gql(CREATE_TODO, {"input": {"title": title}})
    data, _error = expect_error(response, "BAD_USER_INPUT", ["createTodo"])
    assert data is None, "createTodo is non-null: data is null" + describe(response)
    expect_bad_input(response, "title")


def test_a_title_of_the_wrong_type_is_refused_before_it_runs(alice):
    """Variable coercion is the GraphQL layer's: a request error, nothing executed."""
    for value in (42, None, ["a list"]):
        expect_request_error(alice.gql(CREATE_TODO, {"input": {"title": value}}))
    expect_request_error(alice.gql(CREATE_TODO, {"input": {"title": "t", "done": "yes"}}))


def test_todo_answers_the_todo_by_id(alice):
    todo = alice.create_todo("fetch me")
    assert expect_data(alice.todo(todo["id"])) == {"todo": todo}


def test_todos_answers_items_total_limit_offset_with_defaults_20_and_0(alice):
    alice.create_todo("listed")
    page = alice.listing()
    assert page["limit"] == 20 and page["offset"] == 0
    assert len(page["items"]) == min(20, page["total"])


def test_todos_are_newest_first(alice):
    created = create_several(alice, 3, "order")
    page = alice.listing(limit=3)
    assert [t["id"] for t in page["items"]] == [t["id"] for t in reversed(created)]


def test_todos_paginate_with_limit_and_offset(alice):
    create_several(alice, 4, "page")
    whole = alice.listing(limit=4, offset=0)
    first = alice.listing(limit=2, offset=0)
    second = alice.listing(limit=2, offset=2)
    assert (first["limit"], first["offset"], second["offset"]) == (2, 0, 2)
    assert [t["id"] for t in first["items"] + second["items"]] == [t["id"] for t in whole["items"]]
    assert first["total"] == second["total"] == whole["total"] >= 4
    beyond = alice.listing(limit=5, offset=whole["total"])
    assert beyond["items"] == [] and beyond["total"] == whole["total"]


def test_todos_accept_limit_1_and_100(alice):
    assert len(alice.listing(limit=1)["items"]) == 1
    assert alice.listing(limit=100)["limit"] == 100


@pytest.mark.parametrize(
    "arguments",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": -1},
        {"offset": -1},
        {"limit": 0, "offset": -5},
        # An explicit null is a value, not "use the default" (GraphQL spec, CoerceArgumentValues):
        # it is outside 1..100 / >= 0 like REST's `?limit=` (seen served as 20 by one stack).
        {"limit": None},
        {"offset": None},
    ],
    ids=[
        "limit-0",
        "limit-101",
        "limit-negative",
        "offset-negative",
        "both",
        "limit-null",
        "offset-null",
    ],
)
def test_todos_with_an_out_of_range_argument_is_bad_user_input_naming_it(alice, arguments):
    response = alice.gql(LIST_TODOS, arguments)
    data, _error = expect_error(response, "BAD_USER_INPUT", ["todos"])
    assert data is None, "todos is non-null: data is null" + describe(response)
    expect_bad_input(response, *arguments)


def test_todos_filter_by_done(alice):
    done = alice.create_todo("filter done", done=True)
    open_ = alice.create_todo("filter open")
    only_done = alice.listing(done=True, limit=100)
    only_open = alice.listing(done=False, limit=100)
    everything = alice.listing(limit=1)
    assert all(t["done"] for t in only_done["items"])
    assert not any(t["done"] for t in only_open["items"])
    assert done["id"] in {t["id"] for t in only_done["items"]}
    assert open_["id"] in {t["id"] for t in only_open["items"]}
    assert only_done["total"] + only_open["total"] == everything["total"]


def test_update_todo_sets_done_and_keeps_the_title(alice):
    todo = alice.create_todo("to be done")
    time.sleep(0.02)
    updated = assert_todo(expect_data(alice.update(todo["id"], done=True))["updateTodo"])
    assert updated["done"] is True and updated["title"] == "to be done"
    assert updated["id"] == todo["id"] and updated["createdAt"] == todo["createdAt"]
    assert assert_timestamp(updated["updatedAt"]) > assert_timestamp(todo["updatedAt"]), (
        "updatedAt must move forward on update"
    )
    assert expect_data(alice.todo(todo["id"])) == {"todo": updated}


def test_update_todo_trims_a_new_title_and_keeps_done(alice):
    todo = alice.create_todo("old title", done=True)
    updated = expect_data(alice.update(todo["id"], title="  new title "))["updateTodo"]
    assert updated["title"] == "new title" and updated["done"] is True


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"title": ""}, "title"), ({"title": "x" * 201}, "title"), ({"title": " \t "}, "title")],
    ids=["empty-title", "long-title", "blank-title"],
)
def test_update_todo_with_invalid_input_is_bad_user_input_and_changes_nothing(
    alice, changes, field
):
    todo = alice.create_todo("unchanged")
    response = alice.update(todo["id"], **changes)
    data, _error = expect_error(response, "BAD_USER_INPUT", ["updateTodo"])
    assert data is None, describe(response)
    expect_bad_input(response, field)
    assert expect_data(alice.todo(todo["id"])) == {"todo": todo}


def test_delete_todo_answers_true_and_the_todo_is_gone(alice):
    todo = alice.create_todo("delete me")
    assert expect_data(alice.delete(todo["id"])) == {"deleteTodo": True}
    data, _error = expect_error(alice.todo(todo["id"]), "NOT_FOUND", ["todo"])
    assert data == {"todo": None}
    expect_error(alice.delete(todo["id"]), "NOT_FOUND", ["deleteTodo"])
    expect_error(alice.update(todo["id"], done=True), "NOT_FOUND", ["updateTodo"])


@pytest.mark.parametrize(
    "todo_id",
    [absent_id(), "not-a-uuid", "12345", "0" * 24, " ", "'; DROP TABLE todos; --", ""],
    ids=["absent-uuid", "word", "number", "objectid-shape", "space", "sql", "empty"],
)
def test_ids_that_cannot_exist_are_not_found_never_internal_errors(alice, todo_id):
    data, _error = expect_error(alice.todo(todo_id), "NOT_FOUND", ["todo"])
    assert data == {"todo": None}, "todo is nullable: it answers null"
    data, _error = expect_error(alice.update(todo_id, done=True), "NOT_FOUND", ["updateTodo"])
    assert data is None
    data, _error = expect_error(alice.delete(todo_id), "NOT_FOUND", ["deleteTodo"])
    assert data is None


def test_several_mutations_in_one_document_run_in_order(alice):
    """GraphQL runs a mutation's root fields one after the other: the second sees the first."""
    todo = alice.create_todo("serial")
    document = f"""mutation {{
      first: updateTodo(id: "{todo["id"]}", input: {{title: "renamed"}}) {{ title done }}
      second: updateTodo(id: "{todo["id"]}", input: {{done: true}}) {{ title done }}
    }}"""
    data = expect_data(alice.gql(document))
    assert data == {
        "first": {"title": "renamed", "done": False},
        "second": {"title": "renamed", "done": True},
    }
