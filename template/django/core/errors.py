"""Every error as RFC 9457 problem details (application/problem+json).

DRF's exceptions (validation, auth, throttling, 404/405/415...) go through
problem_exception_handler; Django's own error views (unknown paths, bad requests, crashes) are
replaced by the handlers below, wired in config/urls.py.
"""

import math
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

PROBLEM_JSON = "application/problem+json"
# Django's own limit (RequestDataTooBig) and core.middleware's early check answer alike.
BODY_TOO_LARGE = "The request body is larger than 1 MiB."


def problem_body(status: int, detail: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }


def problem_response(status: int, detail: str, **extra: Any) -> JsonResponse:
    """A problem for plain Django views and middleware (outside DRF)."""
    return JsonResponse(
        problem_body(status, detail, **extra), status=status, content_type=PROBLEM_JSON
    )


def first_message(detail: Any) -> str:
    """DRF details are strings, lists or dicts of them (simplejwt nests one more level)."""
    if isinstance(detail, dict):
        if "detail" in detail:
            return first_message(detail["detail"])
        return "; ".join(first_message(value) for value in detail.values())
    if isinstance(detail, list):
        return "; ".join(first_message(item) for item in detail)
    return str(detail)


def field_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested validation messages into [{"field": "title", "message": "..."}]."""
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            # non_field_errors means the whole body, e.g. a JSON array where an object was expected.
            name = (
                prefix if key == "non_field_errors" else f"{prefix}.{key}" if prefix else str(key)
            )
            errors.extend(field_errors(value, name))
        return errors
    if isinstance(detail, list) and all(not isinstance(item, dict | list) for item in detail):
        return [{"field": prefix or "body", "message": str(message)} for message in detail]
    if isinstance(detail, list):
        return [error for item in detail for error in field_errors(item, prefix)]
    return [{"field": prefix or "body", "message": str(detail)}]


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: the same statuses and headers as DRF's, as problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: Django's handler500 answers and the traceback is logged
    set_rollback()

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(max(1, math.ceil(exc.wait)))

    if isinstance(exc, exceptions.ValidationError):
        # 422, not DRF's 400: the JSON was fine, its fields were not. 400 is for broken JSON.
        body = problem_body(422, "The request has invalid fields.", errors=field_errors(exc.detail))
        return Response(body, status=422, headers=headers, content_type=PROBLEM_JSON)
    body = problem_body(exc.status_code, first_message(exc.detail))
    return Response(body, status=exc.status_code, headers=headers, content_type=PROBLEM_JSON)


def bad_request(request, exception=None) -> JsonResponse:
    if isinstance(exception, RequestDataTooBig):
        return problem_response(413, BODY_TOO_LARGE)
    return problem_response(400, "The request could not be understood.")


def permission_denied(request, exception=None) -> JsonResponse:
    return problem_response(403, "You may not do this.")


def page_not_found(request, exception=None) -> JsonResponse:
    return problem_response(404, f"Nothing is at {request.path}.")


def server_error(request) -> JsonResponse:
    return problem_response(500, "The server failed to answer; the error is in its log.")


def csrf_failure(request, reason: str = "") -> JsonResponse:
    return problem_response(403, f"CSRF check failed: {reason}")
