"""What the service layer raises when a rule refuses a request, for either API to answer.

The REST API answers each as problem details with `status` (app/errors.py); the GraphQL API as an
error whose `extensions.code` is `code` (docs/CONTRACT.md, "GraphQL"). The message is the same.
"""


class ServiceError(Exception):
    """A refusal: `message` is shown to the client as it is (REST `detail`, GraphQL `message`)."""

    status = 400
    code = "BAD_REQUEST"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        # Extra HTTP headers for the REST answer (WWW-Authenticate, Retry-After).
        self.headers = headers


class NotFound(ServiceError):
    status = 404
    code = "NOT_FOUND"


class Conflict(ServiceError):
    status = 409
    code = "CONFLICT"


class Unauthenticated(ServiceError):
    status = 401
    code = "UNAUTHENTICATED"


class Forbidden(ServiceError):
    status = 403
    code = "FORBIDDEN"


class BadGateway(ServiceError):
    """A service this one depends on (an identity provider) is unreachable or answered in error."""

    status = 502
    code = "BAD_GATEWAY"


class TooManyRequests(ServiceError):
    """`retry_after`: whole seconds until the next attempt is allowed (REST: Retry-After)."""

    status = 429
    code = "TOO_MANY_REQUESTS"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after
