"""Serializer fields that take JSON types as they are.

DRF's CharField turns 42 into "42" and its BooleanField takes "yes", "on" and 1: friendly for HTML
forms, wrong for a JSON API whose contract says "a string" or "a boolean".
"""

import datetime

from rest_framework import serializers

from core.text import trim


class _StrictString:
    """A JSON string only, trimmed with trim() unless trim_whitespace=False.

    DRF's own CharField also refuses U+0000 (ProhibitNullCharactersValidator): 422 on every
    database, before PostgreSQL could refuse it with a 500.
    """

    def __init__(self, *, trim_whitespace: bool = True, **kwargs):
        self.trims = trim_whitespace
        super().__init__(trim_whitespace=False, **kwargs)

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str) and self.trims:
            data = trim(data)  # a title of only spaces becomes "" and fails as blank
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictCharField(_StrictString, serializers.CharField):
    """A JSON string only."""


class StrictEmailField(_StrictString, serializers.EmailField):
    """A JSON string that is an email address."""


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, the body of every error (for the OpenAPI document)."""

    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()


class UTCDateTimeField(serializers.DateTimeField):
    """A timestamp answered in UTC as RFC 3339 with `Z` (2024-05-01T12:00:00.123456Z).

    DRF's own field looks up Django's current time zone (a context-local read) for every value;
    the API always answers UTC, so the zone is fixed here: about 7% of a 20-todo list (issue 15).
    """

    def __init__(self, **kwargs):
        super().__init__(default_timezone=datetime.UTC, **kwargs)
