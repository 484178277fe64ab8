"""CONTRACT.md, GraphQL, when auth is on: a todo belongs to its user; someone else's is
`NOT_FOUND` for `todo`, `updateTodo` and `deleteTodo` (never FORBIDDEN, its existence is not
revealed) and stays unchanged; `todos` lists and counts only the user's own."""

from __future__ import annotations

from tests.contract.graphql_api import expect_data, expect_error


def test_a_todo_of_another_user_is_not_found_for_todo_update_and_delete_and_stays_unchanged(
    alice, bob
):
    todo = alice.create_todo("alice's secret")
    data, _error = expect_error(bob.todo(todo["id"]), "NOT_FOUND", ["todo"])
    assert data == {"todo": None}
    expect_error(bob.update(todo["id"], done=True, title="taken over"), "NOT_FOUND", ["updateTodo"])
    expect_error(bob.delete(todo["id"]), "NOT_FOUND", ["deleteTodo"])
    assert expect_data(alice.todo(todo["id"])) == {"todo": todo}


def test_todos_lists_only_the_current_users_todos(alice, bob):
    mine = alice.create_todo("only alice sees this")
    theirs = bob.create_todo("only bob sees this")
    alice_ids = {t["id"] for t in alice.listing(limit=100)["items"]}
    bob_page = bob.listing(limit=100)
    bob_ids = {t["id"] for t in bob_page["items"]}
    assert mine["id"] in alice_ids and mine["id"] not in bob_ids
    assert theirs["id"] in bob_ids and theirs["id"] not in alice_ids
    assert bob_page["total"] == len(bob_ids), "bob's total counts only bob's todos"
