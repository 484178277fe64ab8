"""CONTRACT.md, Auth (jwt and session alike): register, login failures, user JSON, /me. With
auth = oauth only /me applies (the rest is marked `password_routes`)."""

from __future__ import annotations

import pytest

from tests.contract.contract_api import (
    PASSWORD,
    assert_no_secret,
    assert_user,
    comparable_problem,
    expect_json,
    expect_problem,
    expect_validation_problem,
    login,
    new_client,
    password_routes,
    register,
    smoke,
    unique_email,
)


@password_routes
@smoke
def test_register_answers_201_with_the_user_json_and_never_the_password_or_hash():
    email = unique_email("register")
    with new_client() as client:
        response = register(client, email)
    assert_user(expect_json(response, 201), email)
    assert_no_secret(response, PASSWORD)


@password_routes
def test_register_normalises_the_email_to_lower_case():
    email = unique_email("Mixed.Case").replace("example.com", "Example.COM")
    with new_client() as client:
        user = expect_json(register(client, email), 201)
    assert user["email"] == email.lower()


@password_routes
def test_register_with_a_taken_email_is_a_409_problem_even_in_another_case():
    email = unique_email("taken")
    with new_client() as client:
        expect_json(register(client, email), 201)
        expect_problem(register(client, email), 409)
        expect_problem(register(client, email.upper()), 409)


@password_routes
@pytest.mark.parametrize(
    "email", ["not-an-email", "user@", "@example.com", "two@@example.com", "", 42, None]
)
def test_register_with_an_invalid_email_is_a_422_problem_naming_email(email):
    with new_client() as client:
        response = client.post("/api/auth/register", json={"email": email, "password": PASSWORD})
    expect_validation_problem(response, "email")


@password_routes
@pytest.mark.parametrize("password", ["short77", "x" * 129, "", 12345678, None])
def test_register_with_a_password_outside_8_to_128_chars_is_a_422_problem_naming_password(
    password,
):
    with new_client() as client:
        response = client.post(
            "/api/auth/register", json={"email": unique_email("pw"), "password": password}
        )
    expect_validation_problem(response, "password")


@password_routes
def test_register_without_fields_is_a_422_problem_naming_both():
    with new_client() as client:
        response = client.post("/api/auth/register", json={})
    expect_validation_problem(response, "email", "password")


@password_routes
@pytest.mark.parametrize("length", [8, 128])
def test_register_accepts_passwords_of_8_and_128_chars(length):
    with new_client() as client:
        response = register(client, unique_email(f"len{length}"), "p" * length)
    expect_json(response, 201)


@password_routes
@smoke
def test_login_with_a_wrong_password_and_with_an_unknown_email_are_the_same_401():
    email = unique_email("wrong")
    with new_client() as client:
        expect_json(register(client, email), 201)
        wrong_password = login(client, email, "not the password at all")
        unknown_email = login(client, unique_email("nobody"), PASSWORD)
    first = expect_problem(wrong_password, 401)
    second = expect_problem(unknown_email, 401)
    assert comparable_problem(first) == comparable_problem(second), (
        "a wrong password and an unknown email must be indistinguishable"
    )


@password_routes
def test_login_accepts_the_email_in_any_case():
    email = unique_email("anycase")
    with new_client() as client:
        expect_json(register(client, email), 201)
        response = login(client, email.upper())
    assert response.status_code == 200, f"login as {email.upper()} -> {response.status_code}"


@smoke
def test_me_answers_the_logged_in_user(alice):
    me = assert_user(expect_json(alice.get("/api/auth/me"), 200), alice.email)
    assert me == alice.user


@smoke
def test_me_without_credentials_is_a_401_problem():
    with new_client() as client:
        expect_problem(client.get("/api/auth/me"), 401)
