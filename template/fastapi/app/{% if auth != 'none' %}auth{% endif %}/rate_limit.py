"""Login attempts per client address, counted with the `limits` library: 429 with Retry-After.

Every attempt counts, whatever its outcome: REST counts each POST /api/auth/login, GraphQL each
`login` field it executes (several aliased ones in one document too).
"""

import math
import time

from fastapi import Request
from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from app.service_errors import TooManyRequests


class LoginRateLimiter:
    def __init__(self, per_minute: int, storage_uri: str = "memory://") -> None:
        self.limit = RateLimitItemPerMinute(per_minute)
        # memory:// lives in this process; redis://... shares the counts between instances.
        self.storage = storage_from_string(storage_uri)
        self.strategy = MovingWindowRateLimiter(self.storage)

    def hit(self, client: str) -> int | None:
        """Count one attempt: None while allowed, else the seconds until the next one is."""
        if self.strategy.hit(self.limit, "login", client):
            return None
        reset_at = self.strategy.get_window_stats(self.limit, "login", client).reset_time
        return max(1, math.ceil(reset_at - time.time()))


def client_address(request: Request) -> str:
    # The connecting address, or behind a trusted proxy (FORWARDED_ALLOW_IPS, default 127.0.0.1)
    # the right-most untrusted one of X-Forwarded-For (ProxyHeadersMiddleware, in create_app):
    # clients cannot pick their own address.
    return request.client.host if request.client else "unknown"


def count_login_attempt(request: Request) -> None:
    """Count one login attempt of this client; TooManyRequests (with retry_after) over the limit."""
    retry_after = request.app.state.login_limiter.hit(client_address(request))
    if retry_after is not None:
        raise TooManyRequests("Too many login attempts; try again later.", retry_after)


def limit_login_attempts(request: Request) -> None:
    """A route dependency: every attempt counts, whatever its outcome."""
    count_login_attempt(request)
