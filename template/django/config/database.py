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
"""

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import dj_database_url

from config.environment import refuse_to_start

DEFAULT_DATABASE_URL = "sqlite:///./data/app.db"
POSTGRESQL_SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
MYSQL_SSL_MODES = ("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY")


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
    if engine.endswith("sqlite3") and settings["NAME"] not in ("", ":memory:"):
        # Relative to the working directory; the folder is created when missing.
        path = Path(settings["NAME"]).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        settings["NAME"] = str(path)
    return settings
