"""Believe X-Forwarded-For / X-Forwarded-Proto only from the reverse proxies in FORWARDED_ALLOW_IPS
(the rule: app/forwarding.py). gunicorn's forwarded_allow_ips only sets the scheme, so the client
address is set here, before anything (the login rate limit, the request log) reads it."""

from collections.abc import Callable, Iterable
from typing import Any

from app.forwarding import TrustedProxies as Trusted
from app.forwarding import forwarded_client


class TrustedProxies:
    """WSGI middleware: rewrites REMOTE_ADDR and wsgi.url_scheme from the forwarding headers when
    (and only when) the peer is a trusted proxy."""

    def __init__(self, app: Callable, trusted: Trusted) -> None:
        self.app = app
        self.trusted = trusted

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        client, scheme = forwarded_client(
            environ.get("REMOTE_ADDR", ""),
            environ.get("HTTP_X_FORWARDED_FOR", ""),
            environ.get("HTTP_X_FORWARDED_PROTO", ""),
            self.trusted,
        )
        environ["REMOTE_ADDR"] = client
        if scheme:
            environ["wsgi.url_scheme"] = scheme
        return self.app(environ, start_response)
