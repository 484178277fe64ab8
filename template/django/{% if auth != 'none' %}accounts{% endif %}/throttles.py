"""The login rate limit: LOGIN_RATE_LIMIT_PER_MINUTE attempts per client address."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class LoginRateThrottle(SimpleRateThrottle):
    scope = "login"

    def get_rate(self) -> str:
        # Read per request, so the setting can change without touching REST_FRAMEWORK.
        return f"{settings.LOGIN_RATE_LIMIT_PER_MINUTE}/minute"

    def get_cache_key(self, request, view) -> str:
        # Every attempt counts, right or wrong, for whichever email.
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
