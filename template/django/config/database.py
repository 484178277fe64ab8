"""DATABASE_URL in the standard form hosting platforms hand out, translated for Django."""

from pathlib import Path
from typing import Any

import dj_database_url

DEFAULT_DATABASE_URL = "sqlite:///./data/app.db"


def database_settings(database_url: str) -> dict[str, Any]:
    """Django's DATABASES["default"] for a URL such as postgresql://u:p@host:5432/name."""
    try:
        settings = dj_database_url.parse(
            database_url.strip() or DEFAULT_DATABASE_URL,
            # Keep connections open between requests, but test each one before reusing it: the
            # app recovers by itself when the database comes back after an outage.
            conn_max_age=60,
            conn_health_checks=True,
        )
    except ValueError as error:
        raise SystemExit(
            f"Refusing to start: DATABASE_URL is not a database URL: {error}"
        ) from None
    engine = settings["ENGINE"]
    if engine.endswith("mysql"):
        # utf8mb4: MySQL's "utf8" cannot store emoji and other 4-byte characters.
        settings.setdefault("OPTIONS", {})["charset"] = "utf8mb4"
    if engine.endswith("sqlite3") and settings["NAME"] not in ("", ":memory:"):
        # Relative to the working directory; the folder is created when missing.
        path = Path(settings["NAME"]).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        settings["NAME"] = str(path)
    return settings
