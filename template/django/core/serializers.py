"""Serializer fields that take JSON types as they are.

DRF's CharField turns 42 into "42" and its BooleanField takes "yes", "on" and 1: friendly for HTML
forms, wrong for a JSON API whose contract says "a string" or "a boolean".
"""

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A JSON string only."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictEmailField(serializers.EmailField):
    """A JSON string that is an email address."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


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
