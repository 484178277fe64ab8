"""DATABASE_URL in the standard form hosting platforms hand out, translated for Django.

    postgresql://user:pass@host:5432/name?sslmode=require   (postgres:// too; psycopg)
    mysql://user:pass@host:3306/name?ssl-mode=REQUIRED       (mysqlclient)
    sqlite:///relative/path.db   sqlite:////absolute/path.db

The port is optional (the driver's default); user and password are percent-decoded (`p%40ss` is
`p@ss`). The one query option each database takes keeps the meaning its own tools give it:
PostgreSQL's `sslmode` is libpq's (`disable`, `allow`, `prefer` (default), `require` = encrypted but
the certificate not verified, `verify-ca`, `verify-full`), handed to libpq as it is. MySQL's
`ssl-mode` is the mysql client's (`DISABLED`, `PREFERRED`, `REQUIRED` = encrypted, not verified,
`VERIFY_CA`, `VERIFY_IDENTITY`, any case), handed to mysqlclient as `ssl_mode`. Any other option
refuses to start with one line naming DATABASE_URL. No message ever repeats the URL: it holds the
password.

mysqlclient built on MariaDB Connector/C (Debian's and this template's images) treats ssl_mode
REQUIRED as "TLS when the server offers it" and falls back to plain text otherwise, and does not
try TLS at all for PREFERRED. So with REQUIRED (and the VERIFY_ modes) every new connection is
checked on the server's side and refused when it is not encrypted (refuse_plain_text_mysql).
"""

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import dj_database_url
from django.db import DatabaseError
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from config.environment import refuse_to_start

DEFAULT_DATABASE_URL = "sqlite:///./data/app.db"
POSTGRESQL_SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
MYSQL_SSL_MODES = ("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY")
MYSQL_ENCRYPTED_MODES = ("REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY")
# A key of DATABASES["default"] (Django ignores keys it does not know): refuse plain connections.
TLS_REQUIRED = "TLS_REQUIRED"


def connection_options(engine: str, query: str) -> dict[str, Any]:
    """The driver's OPTIONS for the URL's query string; unknown options refuse to start."""
    options: dict[str, Any] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        if engine.endswith("postgresql") and name == "sslmode":
            if value not in POSTGRESQL_SSLMODES:
                raise refuse_to_start(
                    f"DATABASE_URL's sslmode must be one of {', '.join(POSTGRESQL_SSLMODES)}, "
                    f"got {value!r}"
                )
            options["sslmode"] = value
        elif engine.endswith("mysql") and name == "ssl-mode":
            if value.upper() not in MYSQL_SSL_MODES:
                raise refuse_to_start(
                    f"DATABASE_URL's ssl-mode must be one of {', '.join(MYSQL_SSL_MODES)} "
                    f"(any case), got {value!r}"
                )
            options["ssl_mode"] = value.upper()
        else:
            known = {"postgresql": "sslmode", "mysql": "ssl-mode"}.get(engine.rsplit(".", 1)[-1])
            raise refuse_to_start(
                f"DATABASE_URL has an option this app does not know: {name!r}"
                + (f" (it takes {known})" if known else " (it takes none)")
            )
    return options


def database_settings(database_url: str) -> dict[str, Any]:
    """Django's DATABASES["default"] for a URL such as postgresql://u:p@host:5432/name."""
    # The query is translated below, option by option; dj-database-url would hand every option to
    # the driver as it is (mysqlclient has no `ssl-mode` keyword: a TypeError at the first query).
    url, _, query = (database_url.strip() or DEFAULT_DATABASE_URL).partition("?")
    try:
        settings = dj_database_url.parse(
            url,
            # Keep connections open between requests, but test each one before reusing it: the
            # app recovers by itself when the database comes back after an outage.
            conn_max_age=60,
            conn_health_checks=True,
        )
    except ValueError as error:
        # dj-database-url's messages name the scheme at most, never the password.
        raise refuse_to_start(f"DATABASE_URL is not a database URL: {error}") from None
    engine = settings["ENGINE"]
    options = connection_options(engine, query)
    if engine.endswith("mysql"):
        # utf8mb4: MySQL's "utf8" cannot store emoji and other 4-byte characters.
        options["charset"] = "utf8mb4"
    if options:
        settings["OPTIONS"] = options
    if options.get("ssl_mode") in MYSQL_ENCRYPTED_MODES:
        settings[TLS_REQUIRED] = True
    if engine.endswith("sqlite3") and settings["NAME"] not in ("", ":memory:"):
        # Relative to the working directory; the folder is created when missing.
        path = Path(settings["NAME"]).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        settings["NAME"] = str(path)
    return settings


@receiver(connection_created)
def refuse_plain_text_mysql(sender, connection, **kwargs) -> None:
    """Close a new MySQL connection that DATABASE_URL wants encrypted and is not (see above).

    Raises DatabaseError, which /health/ready answers with 503 and any other view with a 500, the
    same as for a server that cannot be reached.
    """
    if not connection.settings_dict.get(TLS_REQUIRED) or connection.vendor != "mysql":
        return
    with connection.connection.cursor() as cursor:
        cursor.execute("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
        row = cursor.fetchone()
    if not row or not row[1]:
        connection.connection.close()
        connection.connection = None
        raise DatabaseError(
            "DATABASE_URL's ssl-mode requires TLS, but the MySQL server did not encrypt the "
            "connection"
        )
