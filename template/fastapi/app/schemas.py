"""Building blocks shared by the feature schemas."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema

from app.text import trim


def trimmed(value: object) -> object:
    return trim(value) if isinstance(value, str) else value


def without_nul(value: str) -> str:
    # PostgreSQL text cannot hold U+0000 (the insert would fail with a 500); no stack stores it.
    if "\x00" in value:
        raise ValueError("must not contain the NUL character (U+0000)")
    return value


# A string that is stored: trimmed of Unicode white space, NUL refused (a 422 naming the field).
Trimmed = BeforeValidator(trimmed)
NoNul = AfterValidator(without_nul)


def rfc3339_utc(value: datetime) -> str:
    """Always microseconds and `Z`, so timestamps sort as text the way they sort as times."""
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


UTCDateTime = Annotated[
    datetime,
    PlainSerializer(rfc3339_utc, return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "example": "2025-01-01T12:00:00.000000Z"}
    ),
]
