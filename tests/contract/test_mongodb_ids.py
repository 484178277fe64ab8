"""CONTRACT.md "Databases", MongoDB: ids are ObjectIds written as 24 lowercase hex digits, and any
other id is "not found" (404 problem details over REST, NOT_FOUND over GraphQL), never a 500 or a
cast error. Collected only when CONTRACT_DATABASE=mongodb (tier 3 sets it from the row): an id
of another form that names the same ObjectId (upper case) must not reach it either.

(A token whose `sub` names no user: test_auth_jwt_subject.py, for every database.)"""

from __future__ import annotations

import pytest

from tests.contract.contract_api import (
    API,
    OBJECT_ID,
    expect_json,
    expect_problem,
)
from tests.contract.graphql_api import expect_data, expect_error


def variants(todo_id: str) -> dict[str, str]:
    """Ids that are not this ObjectId's canonical form, several of them of the same value."""
    return {
        "upper-case": todo_id.upper(),
        "mixed-case": todo_id[:12] + todo_id[12:].upper(),
        "23-digits": todo_id[:-1],
        "25-digits": todo_id + "0",
        "non-hex": todo_id[:-1] + "g",
        "padded": f" {todo_id}",
        "object-literal": f'ObjectId("{todo_id}")',
    }


HEX_LETTERS = set("abcdef")


@pytest.fixture(scope="module")
def todo(alice):
    """A todo whose id has a hex letter in each half, so that its "upper-case" and "mixed-case"
    variants differ from it: an ObjectId may be digits only in its last 12 (FerretDB's were
    `...0000624376` once, and the "mixed-case" variant was then the todo's own id, found)."""
    for _ in range(50):
        created = alice.create_todo("an ObjectId")
        todo_id = created["id"]
        assert OBJECT_ID.match(todo_id), f"ids are 24 lowercase hex digits: {todo_id!r}"
        if HEX_LETTERS & set(todo_id[:12]) and HEX_LETTERS & set(todo_id[12:]):
            return created
    raise AssertionError(f"50 todos, and no id with a hex letter in each half: last {todo_id!r}")


@pytest.mark.parametrize(
    "variant",
    ["upper-case", "mixed-case", "23-digits", "25-digits", "non-hex", "padded", "object-literal"],
)
def test_an_id_that_is_not_the_objectids_lowercase_hex_form_is_not_found(alice, todo, variant):
    other = variants(todo["id"])[variant]
    assert other != todo["id"], f"the {variant} variant of {todo['id']} is the id itself"
    if API == "graphql":
        data, _error = expect_error(alice.todo(other), "NOT_FOUND", ["todo"])
        assert data == {"todo": None}
        expect_error(alice.update(other, done=True), "NOT_FOUND", ["updateTodo"])
        expect_error(alice.delete(other), "NOT_FOUND", ["deleteTodo"])
        assert expect_data(alice.todo(todo["id"]))["todo"]["done"] is False
    else:
        from urllib.parse import quote

        path = f"/api/todos/{quote(other, safe='')}"
        expect_problem(alice.get(path), 404)
        expect_problem(alice.patch(path, json={"done": True}), 404)
        expect_problem(alice.delete(path), 404)
        assert expect_json(alice.get(f"/api/todos/{todo['id']}"), 200)["done"] is False
