"""Health probes: /health/live says the process runs, /health/ready that it can serve."""

from sqlalchemy.exc import OperationalError

from app import create_app
from app.extensions import db


def test_live_is_ok_while_the_process_runs(client):
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_ready_is_ok_when_the_database_answers(client):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}


def test_ready_is_503_while_the_database_is_down_and_ok_again_when_it_is_back(
    app, client, monkeypatch
):
    def refuse_connection(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("database is down"))

    with app.app_context():
        monkeypatch.setattr(db.engine, "connect", refuse_connection)

    down = client.get("/health/ready")
    assert down.status_code == 503
    assert down.json["checks"] == {"database": "unreachable"}

    monkeypatch.undo()
    assert client.get("/health/ready").status_code == 200


def test_ready_is_503_whatever_the_driver_raises(env):
    # A driver refusing an option raises its own TypeError, not a SQLAlchemy error (as PyMySQL did
    # with ssl-mode): the probe still says "not ready", never 500.
    options = {"pool_pre_ping": True, "connect_args": {"no_such_option": 1}}
    client = create_app(env, TESTING=True, SQLALCHEMY_ENGINE_OPTIONS=options).test_client()

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json["checks"] == {"database": "unreachable"}
