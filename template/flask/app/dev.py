"""`flask --app app --debug dev`, what `make dev` runs: the development server on PORT.

`flask run` takes its port from --port or FLASK_RUN_PORT, and a `--port $PORT` in the Makefile is
expanded by the shell before Flask reads .env. This command runs after Flask has loaded .env
(variables already in the environment win), so PORT from either place is honoured.
"""

from flask import Flask
from werkzeug.serving import run_simple


def init_app(app: Flask) -> None:
    @app.cli.command("dev")
    def dev() -> None:
        """Serve on 127.0.0.1:PORT with the debugger, reloading on every saved change."""
        # Loopback only: the debugger runs any code it is sent.
        run_simple(
            "127.0.0.1",
            app.config["PORT"],
            app,
            use_reloader=True,
            use_debugger=True,
            threaded=True,
        )
