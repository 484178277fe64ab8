"""Health probes: /health/live says the process runs, /health/ready that it can serve."""

from django.db import OperationalError, connection


def test_live_is_ok_while_the_process_runs(client):
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_small_json_answers_say_their_length(client):
    # Without Content-Length gunicorn sends the body chunked (issue 15), 404 problems included.
    for path in ("/health/live", "/health/ready", "/no-such-path"):
        response = client.get(path)

        assert response["Content-Length"] == str(len(response.content)), path


def test_ready_is_ok_when_the_database_answers(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def test_ready_is_503_while_the_database_is_down_and_ok_again_when_it_is_back(client, monkeypatch):
    def refuse_connection(*args, **kwargs):
        raise OperationalError("connection refused: the database is down")

    monkeypatch.setattr(connection, "cursor", refuse_connection)

    down = client.get("/health/ready")
    assert down.status_code == 503
    assert down.json()["checks"] == {"database": "unreachable"}

    monkeypatch.undo()
    assert client.get("/health/ready").status_code == 200
