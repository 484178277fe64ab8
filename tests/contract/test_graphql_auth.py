"""CONTRACT.md, GraphQL, with auth = jwt, session or oauth: `register`, `login` and `me` hold the
REST rules (email normalised to lower case and validated, password 8..128 characters, a taken
email is `CONFLICT` in any case, a wrong password and an unknown email are the same
`UNAUTHENTICATED`), and a field that needs a user answers `UNAUTHENTICATED` without credentials
(RULES.md, GraphQL decisions 3, 4 and 5). With oauth only `me` and the `UNAUTHENTICATED` rules
apply: the register and login tests are marked `password_routes`."""

from __future__ import annotations

import pytest

from tests.contract.contract_api import (
    PASSWORD,
    assert_no_secret,
    describe,
    new_client,
    password_routes,
    unique_email,
)
from tests.contract.graphql_api import (
    LIST_TODOS,
    ME,
    REGISTER,
    assert_user,
    expect_bad_input,
    expect_data,
    expect_error,
    login,
    post,
    register,
)


@password_routes
def test_register_answers_the_user_and_never_the_password_or_hash():
    email = unique_email("register")
    with new_client() as client:
        response = register(client, email)
    assert_user(expect_data(response)["register"], email)
    assert_no_secret(response, PASSWORD)


@password_routes
def test_register_normalises_the_email_to_lower_case():
    email = unique_email("MixedCase").replace("user", "User")
    with new_client() as client:
        user = expect_data(register(client, f"  {email.upper()} "))["register"]
    assert user["email"] == email.lower()


@password_routes
def test_register_with_a_taken_email_is_a_conflict_even_in_another_case():
    email = unique_email("taken")
    with new_client() as client:
        expect_data(register(client, email))
        for again in (email, email.upper()):
            response = register(client, again)
            data, _error = expect_error(response, "CONFLICT", ["register"])
            assert data is None, describe(response)


@password_routes
@pytest.mark.parametrize("email", ["not-an-email", "user@", "@example.com", "two@@example.com", ""])
def test_register_with_an_invalid_email_is_bad_user_input_naming_email(email):
    with new_client() as client:
        expect_bad_input(register(client, email), "email")


@password_routes
def test_register_with_a_nul_in_the_email_is_bad_user_input_naming_email():
    with new_client() as client:
        expect_bad_input(register(client, unique_email("nul").replace("@", "\u0000@")), "email")


@password_routes
@pytest.mark.parametrize("password", ["short77", "x" * 129, ""], ids=["7", "129", "empty"])
def test_register_with_a_password_outside_8_to_128_chars_is_bad_user_input(password):
    with new_client() as client:
        expect_bad_input(register(client, unique_email("pw"), password), "password")


@password_routes
def test_register_with_both_invalid_names_both_fields():
    with new_client() as client:
        expect_bad_input(register(client, "nope", "short"), "email", "password")


@password_routes
@pytest.mark.parametrize("length", [8, 128])
def test_register_accepts_passwords_of_8_and_128_chars(length):
    with new_client() as client:
        expect_data(register(client, unique_email(f"len{length}"), "p" * length))


@password_routes
def test_register_with_a_missing_argument_is_refused_before_it_runs():
    with new_client() as client:
        response = post(client, REGISTER, {"email": unique_email("half")})
    body = response.json()
    assert response.status_code == 200 and "data" not in body and body.get("errors"), describe(
        response
    )


@password_routes
def test_login_with_a_wrong_password_and_with_an_unknown_email_are_the_same_unauthenticated():
    email = unique_email("wrong")
    with new_client() as client:
        expect_data(register(client, email))
        wrong_password = login(client, email, "not the password at all")
        unknown_email = login(client, unique_email("nobody"), PASSWORD)
    first = expect_error(wrong_password, "UNAUTHENTICATED", ["login"])
    second = expect_error(unknown_email, "UNAUTHENTICATED", ["login"])
    assert first[0] is None and second[0] is None
    assert first[1]["message"] == second[1]["message"], (
        "a wrong password and an unknown email must be indistinguishable"
    )


@password_routes
def test_login_accepts_the_email_in_any_case():
    email = unique_email("anycase")
    with new_client() as client:
        expect_data(register(client, email))
        expect_data(login(client, email.upper()))


def test_me_answers_the_logged_in_user(alice):
    me = assert_user(expect_data(alice.gql(ME))["me"], alice.email)
    assert me == alice.user


def test_me_and_todos_without_credentials_are_unauthenticated_with_data_null():
    with new_client() as client:
        for query, field in ((ME, "me"), (LIST_TODOS, "todos")):
            data, _error = expect_error(post(client, query), "UNAUTHENTICATED", [field])
            assert data is None, f"{field} is non-null: data is null, got {data!r}"


def test_mutations_without_credentials_are_unauthenticated():
    document = 'mutation { createTodo(input: {title: "anonymous"}) { id } }'
    with new_client() as client:
        data, _error = expect_error(post(client, document), "UNAUTHENTICATED", ["createTodo"])
    assert data is None


def test_a_query_needing_no_user_runs_without_credentials():
    """Credentials only matter to the fields that need a user (RULES.md GraphQL decision 5)."""
    with new_client() as client:
        assert expect_data(post(client, "{ __typename }")) == {"__typename": "Query"}
