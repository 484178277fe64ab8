"""CONTRACT.md, Todos when auth is on: owned by the current user; 404 (never 403) for others'; 401
without valid auth."""

from __future__ import annotations

import uuid

import pytest

from tests.contract.contract_api import AUTH, describe, expect_json, expect_problem, new_client


def test_a_todo_of_another_user_is_404_for_get_patch_and_delete_and_stays_unchanged(alice, bob):
    todo = alice.create_todo("alice's secret")
    path = f"/api/todos/{todo['id']}"
    expect_problem(bob.get(path), 404)
    expect_problem(bob.patch(path, json={"done": True, "title": "taken over"}), 404)
    expect_problem(bob.delete(path), 404)
    assert expect_json(alice.get(path), 200) == todo


def test_the_list_holds_only_the_current_users_todos(alice, bob):
    mine = alice.create_todo("only alice sees this")
    theirs = bob.create_todo("only bob sees this")
    alice_ids = {t["id"] for t in expect_json(alice.get("/api/todos?limit=100"), 200)["items"]}
    bob_body = expect_json(bob.get("/api/todos?limit=100"), 200)
    bob_ids = {t["id"] for t in bob_body["items"]}
    assert mine["id"] in alice_ids and mine["id"] not in bob_ids
    assert theirs["id"] in bob_ids and theirs["id"] not in alice_ids
    assert bob_body["total"] == len(bob_ids), "bob's total counts only bob's todos"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/todos"),
        ("POST", "/api/todos"),
        ("GET", "/api/todos/{id}"),
        ("PATCH", "/api/todos/{id}"),
        ("DELETE", "/api/todos/{id}"),
    ],
)
def test_todos_without_credentials_are_a_401_problem(alice, method, path):
    todo_id = alice.create_todo("guarded")["id"] if "{id}" in path else str(uuid.uuid4())
    body = {"title": "anonymous", "done": True} if method in ("POST", "PATCH") else None
    with new_client() as anonymous:
        response = anonymous.request(method, path.format(id=todo_id), json=body)
    expect_problem(response, 401)
    if AUTH == "jwt":
        assert response.headers.get("www-authenticate", "").lower().startswith("bearer"), (
            "401 must carry WWW-Authenticate: Bearer" + describe(response)
        )
