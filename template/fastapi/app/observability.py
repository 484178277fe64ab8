"""Request ids, one log line per request, JSON logs outside development, Prometheus metrics."""

import logging
import re
import time
import uuid
from typing import Any

from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_fastapi_instrumentator import Instrumentator
from pythonjsonlogger.core import RESERVED_ATTRS
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.errors import problem

REQUEST_ID_HEADER = "X-Request-ID"
# Echo a client's id only when it is short and plain: it ends up in every log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

logger = logging.getLogger(__name__)
request_logger = logging.getLogger("app.request")


def logging_config(settings: Settings) -> dict[str, Any]:
    """A logging.config.dictConfig: readable lines in development, one JSON object per line else.

    uvicorn applies it in the server process and in every reloaded one (`make dev`); its own
    loggers go through the same handler, and its access log is off (RequestContextMiddleware logs).
    """
    if settings.development:
        formatter = {"format": "%(asctime)s %(levelname)-7s %(name)s: %(message)s"}
    else:
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            # uvicorn adds an ANSI-coloured copy of some messages, for terminals only.
            "reserved_attrs": [*RESERVED_ATTRS, "color_message"],
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["default"], "level": settings.log_level},
    }


class RequestContextMiddleware:
    """The outermost layer: gives every response an X-Request-ID and logs it once.

    Errors no handler caught become a 500 problem here, so they get the id and the log line too
    (Starlette's last-resort handler sits outside all middleware).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        sent = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        request_id = sent if VALID_REQUEST_ID.fullmatch(sent) else str(uuid.uuid4())
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        response_started = False

        async def send_with_request_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        except Exception:
            logger.exception("unhandled error on %s %s", scope["method"], scope["path"])
            if response_started:
                raise
            response = problem(500, "The server hit an unexpected error; it has been logged.")
            await response(scope, receive, send_with_request_id)
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            request_logger.info(
                # The id is in the message too, so even the readable development lines can be traced.
                "%s %s %s %.1fms id=%s",
                scope["method"],
                scope["path"],
                status,
                duration_ms,
                request_id,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round(duration_ms, 2),
                    "request_id": request_id,
                },
            )


def instrument(app: FastAPI) -> None:
    """Request count and latency per route at /metrics.

    Labelled by route template (/api/todos/{todo_id}), so ids do not each make a series; paths no
    route matches count as "none". A registry per app keeps several apps in one process (the
    tests) from clashing.
    """
    instrumentator = Instrumentator(registry=CollectorRegistry())
    instrumentator.instrument(app).expose(app, endpoint="/metrics", include_in_schema=False)
