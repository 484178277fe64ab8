"""The services' exceptions (DRF's, todos/services.py) as the GraphQL errors of the contract.

The services raise what the REST views raise; this maps each by its HTTP status, so a rule and its
message exist once: ValidationError (422) -> BAD_USER_INPUT with `extensions.errors` [{"field",
"message"}] (field = the GraphQL argument or input-field name, e.g. refreshToken), 401 ->
UNAUTHENTICATED, 403 -> FORBIDDEN, 404 -> NOT_FOUND, 409 -> CONFLICT, Throttled (429) ->
TOO_MANY_REQUESTS with `extensions.retryAfter` (whole seconds). Anything else is a bug: None, so it
becomes INTERNAL_SERVER_ERROR and is logged.
"""

import math

from rest_framework import exceptions
from strawberry.utils.str_converters import to_camel_case

from core.errors import field_errors, first_message
from core.graphql.errors import (
    ApiError,
    BadUserInput,
    Conflict,
    Forbidden,
    NotFound,
    TooManyRequests,
    Unauthenticated,
)

ERRORS_BY_STATUS: dict[int, type[ApiError]] = {
    401: Unauthenticated,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
}


def translate(error: Exception) -> ApiError | None:
    """The GraphQL error for an exception of the service layer, None for an unexpected one."""
    if isinstance(error, exceptions.ValidationError):
        errors = [
            {"field": to_camel_case(entry["field"]), "message": entry["message"]}
            for entry in field_errors(error.detail)
        ]
        return BadUserInput("The request has invalid fields.", errors)
    if isinstance(error, exceptions.Throttled):
        return TooManyRequests(first_message(error.detail), max(1, math.ceil(error.wait or 1)))
    if isinstance(error, exceptions.APIException) and error.status_code in ERRORS_BY_STATUS:
        return ERRORS_BY_STATUS[error.status_code](first_message(error.detail))
    return None
