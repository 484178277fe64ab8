"""Request ids, one log line per request, JSON logs outside development, Prometheus metrics."""

import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request
from prometheus_client import CollectorRegistry
from prometheus_flask_exporter import PrometheusMetrics
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# Echo a client's id only when it is short and plain: it ends up in every log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

request_logger = logging.getLogger("app.request")


def configure_logging(app: Flask) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if app.config["DEVELOPMENT"]:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    else:
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(app.config["LOG_LEVEL"])


def start_request() -> None:
    g.started_at = time.perf_counter()
    sent = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = sent if VALID_REQUEST_ID.fullmatch(sent) else str(uuid.uuid4())


def finish_request(response: Response) -> Response:
    request_id = g.get("request_id") or str(uuid.uuid4())
    response.headers[REQUEST_ID_HEADER] = request_id
    duration_ms = (time.perf_counter() - g.get("started_at", time.perf_counter())) * 1000
    request_logger.info(
        # The id is in the message too, so even the readable development lines can be traced.
        "%s %s %s %.1fms id=%s",
        request.method,
        request.path,
        response.status_code,
        duration_ms,
        request_id,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(duration_ms, 2),
            "request_id": request_id,
        },
    )
    return response


def init_app(app: Flask) -> None:
    if not app.testing:
        configure_logging(app)
    app.before_request(start_request)
    app.after_request(finish_request)
    # Count and latency per route (url_rule, so /api/todos/<id> is one series, not one per id).
    # A registry per app keeps several apps in one process (the tests) from clashing.
    PrometheusMetrics(app, registry=CollectorRegistry(), group_by="url_rule")
