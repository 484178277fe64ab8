"""Building blocks shared by the feature schemas."""

from datetime import UTC, datetime

from marshmallow import EXCLUDE, Schema, fields


class BaseSchema(Schema):
    class Meta:
        # The contract: unknown JSON fields are ignored, not rejected.
        unknown = EXCLUDE


class UTCDateTime(fields.DateTime):
    """RFC 3339 in UTC with a `Z`, as JavaScript's Date.toISOString() and most clients expect."""

    def _serialize(self, value: datetime | None, attr, obj, **kwargs) -> str | None:
        if value is None:
            return None
        return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


class StrictBoolean(fields.Boolean):
    """JSON true or false only. marshmallow's Boolean also takes "yes", "on" and 1, and truthy={True}
    is no help because 1 == True in Python."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value
