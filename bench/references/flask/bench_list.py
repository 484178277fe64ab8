"""Reference: the smallest auth'd, database-backed list, written as Flask's tutorial (flaskr)
writes one: sqlite3 opened per request on `g`, PyJWT as the generated app uses, the table the
generated app migrated. Served by the project's gunicorn.conf.py."""

import os
import sqlite3

import jwt
from flask import Flask, g, request

app = Flask(__name__)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(os.environ["BENCH_SQLITE_PATH"])
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_error):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.get("/api/todos")
def list_todos():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        user_id = jwt.decode(token, os.environ["SECRET_KEY"], algorithms=["HS256"])["sub"]
    except jwt.InvalidTokenError:
        return {"detail": "invalid token"}, 401
    limit = request.args.get("limit", 20, type=int)
    offset = request.args.get("offset", 0, type=int)
    rows = get_db().execute(
        "SELECT id, title, done, created_at, updated_at FROM todos WHERE user_id = ?"
        " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        (user_id, limit, offset),
    )
    items = [{**row, "done": bool(row["done"])} for row in map(dict, rows)]
    return {"items": items, "limit": limit, "offset": offset}
