"""Model fields shared by the apps."""

import uuid

from django.db import models


class UUIDField(models.UUIDField):
    """A UUID that keeps its canonical 36-character form where the database has no UUID type.

    Django stores UUIDs as CHAR(32) hex digits on MySQL and SQLite; as CHAR(36) with dashes they
    read the same in the database as in the API (and as in this template's other stacks).
    PostgreSQL and MariaDB keep their native uuid type.
    """

    def db_type(self, connection) -> str:
        if connection.features.has_native_uuid_field:
            return super().db_type(connection)
        return "char(36)"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        if not isinstance(value, uuid.UUID):
            value = self.to_python(value)
        return value if connection.features.has_native_uuid_field else str(value)
