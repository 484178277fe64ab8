"""Reading the environment variables the settings depend on: each bad value stops the start with one
line naming the variable (SystemExit prints it to stderr, no traceback), never a late 500.

The rules are the template's configuration contract (docs/CONTRACT.md, "General"), shared by every
stack of backend-roadmap-template.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from core.forwarding import TrustedProxies, parse_trusted

# LOG_LEVEL's accepted words (any case) and the logging level each one means.
LOG_LEVELS = {
    "debug": "DEBUG",
    "info": "INFO",
    "warning": "WARNING",
    "warn": "WARNING",
    "error": "ERROR",
}
# Every header a browser app may send to the API, whatever the authentication: a preflight asking
# for any of them is answered with all of them.
CORS_REQUEST_HEADERS = ("authorization", "content-type", "x-csrf-token", "x-request-id")
CORS_EXPOSED_HEADERS = ("Location", "Retry-After", "X-Request-ID")


def refuse_to_start(reason: str) -> SystemExit:
    # One line instead of a traceback: the fix is a setting, not the code.
    return SystemExit(f"Refusing to start: {reason}")


def positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip() or str(default)
    try:
        value = int(raw)
    except ValueError:
        raise refuse_to_start(f"{name} must be a whole number, got {raw!r}") from None
    if value < 1:
        raise refuse_to_start(f"{name} must be at least 1, got {value}")
    return value


def comma_separated(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def port(raw: str) -> int:
    """PORT: the TCP port to listen on, 1..65535; 8000 when empty."""
    try:
        value = int(raw.strip() or "8000")
    except ValueError:
        raise refuse_to_start(
            f"PORT must be a port number (1..65535), got {raw.strip()!r}"
        ) from None
    if not 1 <= value <= 65535:
        raise refuse_to_start(f"PORT must be a port number (1..65535), got {value}")
    return value


def log_level(raw: str) -> str:
    """LOG_LEVEL: debug, info (default, when empty), warning or its alias warn, error; any case.

    Returns the name of the logging level ("WARNING"); anything else refuses to start.
    """
    word = raw.strip().lower() or "info"
    if word not in LOG_LEVELS:
        allowed = ", ".join(LOG_LEVELS)
        raise refuse_to_start(f"LOG_LEVEL must be one of {allowed} (any case), got {raw.strip()!r}")
    return LOG_LEVELS[word]


def cors_settings(raw: str, *, cookies: bool) -> dict[str, Any]:
    """django-cors-headers' settings for CORS_ORIGINS (comma-separated origins, or `*`).

    Empty: no origin is allowed (no Access-Control-Allow-Origin on any answer). `*`: every origin,
    answered `Access-Control-Allow-Origin: *` without credentials; with cookie sessions that would
    let any site read a signed-in user's data, so it refuses to start. An origin is
    scheme://host[:port], nothing more (what browsers send in the Origin header).
    """
    origins = comma_separated(raw)
    settings: dict[str, Any] = {
        "CORS_ALLOWED_ORIGINS": [],
        "CORS_ALLOW_ALL_ORIGINS": False,
        "CORS_ALLOW_CREDENTIALS": cookies,
        "CORS_ALLOW_HEADERS": list(CORS_REQUEST_HEADERS),
        "CORS_EXPOSE_HEADERS": list(CORS_EXPOSED_HEADERS),
    }
    if "*" in origins:
        if cookies:
            raise refuse_to_start(
                "CORS_ORIGINS=* cannot be combined with cookie sessions: list the origins"
            )
        settings["CORS_ALLOW_ALL_ORIGINS"] = True
        return settings
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            raise refuse_to_start(
                f"CORS_ORIGINS must list origins such as https://app.example.com "
                f"(scheme://host[:port], no path), got {origin!r}"
            )
    settings["CORS_ALLOWED_ORIGINS"] = origins
    return settings


def trusted_proxies(raw: str) -> TrustedProxies:
    """FORWARDED_ALLOW_IPS: comma-separated IP addresses or CIDR networks of the proxies whose
    X-Forwarded-For and X-Forwarded-Proto are believed, or `*` for any peer (None is returned).
    Empty means the default, 127.0.0.1."""
    try:
        return parse_trusted(raw if raw.strip() else "127.0.0.1")
    except ValueError as error:
        raise refuse_to_start(
            f"FORWARDED_ALLOW_IPS must list IP addresses or networks (10.0.0.0/8) or be *: {error}"
        ) from None
