"""Health probes: /health/live says the process runs, /health/ready that it can serve."""

from sqlalchemy.exc import OperationalError


def test_live_is_ok_while_the_process_runs(client):
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_is_ok_when_the_database_answers(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def test_ready_is_503_while_the_database_is_down_and_ok_again_when_it_is_back(
    app, client, monkeypatch
):
    def refuse_connection(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("database is down"))

    monkeypatch.setattr(app.state.engine, "connect", refuse_connection)

    down = client.get("/health/ready")
    assert down.status_code == 503
    assert down.json()["checks"] == {"database": "unreachable"}
    assert client.get("/health/live").status_code == 200

    monkeypatch.undo()
    assert client.get("/health/ready").status_code == 200


def test_ready_is_503_whatever_the_database_layer_raises(app, client, monkeypatch):
    def driver_refuses_its_options(*args, **kwargs):
        # What PyMySQL said to ssl-mode=PREFERRED passed on as a keyword argument.
        raise TypeError("__init__() got an unexpected keyword argument 'ssl-mode'")

    monkeypatch.setattr(app.state.engine, "connect", driver_refuses_its_options)

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "unreachable"}
