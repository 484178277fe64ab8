"""The client address behind trusted proxies, request ids, one log line and the metrics of every
request, and the request body limit."""

import logging
import re
import time
import uuid

from django.conf import settings

from core import metrics
from core.errors import BODY_TOO_LARGE, problem_response
from core.forwarding import forwarded_client

REQUEST_ID_HEADER = "X-Request-ID"
# Echo a client's id only when it is short and plain: it ends up in every log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# How much of an oversized body is read and thrown away before answering 413 (see below).
DRAIN_LIMIT = 16 * 1024 * 1024
DRAIN_CHUNK = 64 * 1024

request_logger = logging.getLogger("core.request")


def route_of(request) -> str:
    """The matched URL pattern (/api/todos/<uuid:pk>), not the path: one metric series per route."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None else "<unmatched>"


class TrustedProxyMiddleware:
    """The client's address and scheme as the trusted proxies saw them (settings.TRUSTED_PROXIES,
    from FORWARDED_ALLOW_IPS; the rule: core/forwarding.py). The address replaces REMOTE_ADDR,
    which DRF's throttles (NUM_PROXIES = 0) and the request log read."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = settings.TRUSTED_PROXIES

    def __call__(self, request):
        meta = request.META
        client, scheme = forwarded_client(
            meta.get("REMOTE_ADDR", ""),
            meta.get("HTTP_X_FORWARDED_FOR", ""),
            meta.get("HTTP_X_FORWARDED_PROTO", ""),
            self.trusted,
        )
        meta["REMOTE_ADDR"] = client
        if scheme:
            meta["wsgi.url_scheme"] = scheme
        return self.get_response(request)


# Responses that carry no body, and so no Content-Length (RFC 9110 sections 8.6 and 15.4.5).
BODILESS_STATUSES = frozenset({204, 304})


class RequestObservabilityMiddleware:
    """First in MIDDLEWARE, so it also sees the answers of the error handlers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        sent = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = sent if VALID_REQUEST_ID.fullmatch(sent) else str(uuid.uuid4())

        response = self.get_response(request)

        duration = time.perf_counter() - started
        response[REQUEST_ID_HEADER] = request.id
        if (
            not response.streaming
            and response.status_code not in BODILESS_STATUSES
            and not response.has_header("Content-Length")
        ):
            # Without it gunicorn sends the body chunked: a larger, slower answer for small JSON.
            response["Content-Length"] = str(len(response.content))
        metrics.observe(request.method, route_of(request), response.status_code, duration)
        request_logger.info(
            # The id is in the message too, so even the readable development lines can be traced.
            "%s %s %s %.1fms id=%s client=%s",
            request.method,
            request.path,
            response.status_code,
            duration * 1000,
            request.id,
            request.META.get("REMOTE_ADDR", ""),
            extra={
                "client": request.META.get("REMOTE_ADDR", ""),
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration * 1000, 2),
                "request_id": request.id,
            },
        )
        return response


class RequestBodyLimitMiddleware:
    """413 for bodies over DATA_UPLOAD_MAX_MEMORY_SIZE, before anything reads them.

    Django enforces that limit only when request.body is read; DRF's parsers read the stream
    instead, so the declared Content-Length is checked here.

    Before answering, the rest of the body (up to DRAIN_LIMIT, 16 MiB) is read and thrown away: a
    client that writes its whole body before reading the answer (Python's http.client, urllib,
    requests) would otherwise hit a closed connection (broken pipe, reset) and never see the 413.
    Beyond the bound the connection is closed anyway: reading it all would let a client tie up a
    worker for as long as it likes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in BODY_METHODS:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                if length <= DRAIN_LIMIT:
                    discard(request.META["wsgi.input"], length)
                return problem_response(413, BODY_TOO_LARGE)
        return self.get_response(request)


def discard(stream, length: int) -> None:
    """Read and drop `length` bytes of the request body (fewer if the client sends fewer)."""
    while length > 0:
        chunk = stream.read(min(DRAIN_CHUNK, length))
        if not chunk:
            return
        length -= len(chunk)
