"""Reference: Flask's quickstart "Hello world" answering JSON, served by the generated project's
gunicorn.conf.py (same server, workers and threads as `make run`)."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    return {"status": "ok"}
