"""CONTRACT.md, Auth when auth = none: no auth routes; todos are global."""

from __future__ import annotations

import pytest

from tests.contract.contract_api import PASSWORD, expect_json, expect_problem, new_client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/auth/register"),
        ("POST", "/api/auth/login"),
        ("POST", "/api/auth/refresh"),
        ("POST", "/api/auth/logout"),
        ("GET", "/api/auth/me"),
        ("GET", "/api/auth/csrf"),
    ],
)
def test_there_are_no_auth_routes(method, path):
    body = {"email": "someone@example.com", "password": PASSWORD} if method == "POST" else None
    with new_client() as client:
        expect_problem(client.request(method, path, json=body), 404)


def test_todos_are_global_and_need_no_credentials(alice):
    todo = alice.create_todo("shared by everyone")
    with new_client() as stranger:
        assert expect_json(stranger.get(f"/api/todos/{todo['id']}"), 200) == todo
        listed = expect_json(stranger.get("/api/todos", params={"limit": 100}), 200)
        assert todo["id"] in [t["id"] for t in listed["items"]]
        changed = expect_json(stranger.patch(f"/api/todos/{todo['id']}", json={"done": True}), 200)
        assert changed["done"] is True
        assert stranger.delete(f"/api/todos/{todo['id']}").status_code == 204
