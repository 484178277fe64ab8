"""Building blocks shared by the feature schemas."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import PlainSerializer, WithJsonSchema


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
