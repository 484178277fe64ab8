"""`python -m app`: serve with uvicorn on 0.0.0.0:$PORT (`--reload` restarts on code changes).

Settings come from the environment and .env; a missing SECRET_KEY in production stops here with one
line, before anything listens.
"""

import argparse
import logging
import os

import uvicorn

from app.config import load_settings
from app.main import create_app
from app.observability import logging_config


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    parser.add_argument("--reload", action="store_true", help="restart on code changes (dev)")
    reload = parser.parse_args().reload
    settings = load_settings()
    skip_unlogged_record_attributes()
    options = {
        "host": "0.0.0.0",  # noqa: S104  (a container or VM publishes the port; bind every interface)
        "port": settings.port,
        "log_config": logging_config(settings),
        # RequestContextMiddleware writes one line per request, with its id.
        "access_log": False,
        # create_app() installs ProxyHeadersMiddleware with FORWARDED_ALLOW_IPS (from .env too).
        "proxy_headers": False,
        "server_header": False,
        # Keep-alive (README "Production server settings"): a client or a proxy reuses its
        # connection within 5 s; behind a load balancer, make it longer than the balancer's idle
        # timeout (AWS ALB: 60 s) so the app never closes a connection about to be reused.
        "timeout_keep_alive": int(os.environ.get("UVICORN_KEEPALIVE", "5")),
    }
    if reload:
        # The reloader imports the factory anew in each child process.
        uvicorn.run(
            "app.main:create_app", factory=True, reload=True, reload_dirs=["app"], **options
        )
    else:
        # One process: the metrics and the login rate-limit counts live in its memory.
        uvicorn.run(create_app(settings), **options)


def skip_unlogged_record_attributes() -> None:
    """Log records stop collecting what no log line of this app shows: the caller's file, line and
    function, the thread, the process and the asyncio task (the Python logging HOWTO,
    "Optimization"). That is about a third of the cost of the line logged for every request
    (bench/README.md). A format that shows %(lineno)d, %(funcName)s, %(thread)d or %(process)d
    needs these lines removed."""
    logging._srcfile = None  # the HOWTO's documented switch, though its name is private
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging.logAsyncioTasks = False  # Python 3.12+; ignored before


if __name__ == "__main__":
    main()
