"""Prometheus metrics: request count and latency per route, served at /metrics."""

from prometheus_client import Histogram

# The histogram's _count is the request count; labelled by route, never by raw path (ids).
REQUEST_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request, per method, route and status",
    ["method", "route", "status"],
)


def observe(method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_DURATION.labels(method, route, str(status)).observe(seconds)
