"""DATABASE_URL in the standard form hosting platforms hand out, translated for SQLAlchemy."""

import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url

# postgresql:// and mysql:// name the database; SQLAlchemy also wants the driver.
DRIVERS = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mysql+pymysql",
}


def sqlalchemy_url(database_url: str) -> URL:
    url = make_url(database_url)
    url = url.set(drivername=DRIVERS.get(url.drivername, url.drivername))
    if url.get_backend_name() == "mysql":
        # utf8mb4: MySQL's "utf8" cannot store emoji and other 4-byte characters.
        url = url.update_query_dict({"charset": "utf8mb4"})
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        # Relative to the working directory (Flask-SQLAlchemy would pick instance/ otherwise).
        path = Path(url.database).resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = url.set(database=str(path))
    return url


@event.listens_for(Engine, "connect")
def _enforce_sqlite_foreign_keys(dbapi_connection, _connection_record) -> None:
    # SQLite ignores foreign keys (and ON DELETE CASCADE) unless asked, per connection.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
