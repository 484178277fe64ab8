"""Building blocks shared by the feature schemas."""

from datetime import UTC, datetime
from typing import ClassVar

from marshmallow import EXCLUDE, Schema, fields

from app.text import trim


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


class Text(fields.String):
    """A string every database can store: U+0000 is refused (PostgreSQL's text types cannot hold
    it), with a 422 naming the field. `trim=True` strips ECMAScript white space (app.text.trim) at both ends before
    the validators run, so a title of only U+00A0 or U+3000 fails `Length(min=1)`."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "null_character": "Must not contain the character U+0000."
    }

    def __init__(self, *, trim: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.trim = trim

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise self.make_error("null_character")
        return trim(text) if self.trim else text
