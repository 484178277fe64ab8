"""How Alembic reaches the database: DATABASE_URL, read as the app reads it (environment, .env).

The tests hand over a connection of their own in `config.attributes["connection"]`.
"""

from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context

from app.config import load_database_settings
from app.models import Base

config = context.config
target_metadata = Base.metadata
# Batch mode lets later migrations alter SQLite tables (which lack most ALTER TABLE forms).
OPTIONS = {"target_metadata": target_metadata, "render_as_batch": True}


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (`alembic upgrade head --sql`)."""
    url = load_database_settings().sqlalchemy_url.render_as_string(hide_password=False)
    context.configure(url=url, literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: sa.Connection) -> None:
    def skip_empty_autogenerate(context, revision, directives):
        # `alembic revision --autogenerate` with no model changes should not write an empty file.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []

    context.configure(
        connection=connection, process_revision_directives=skip_empty_autogenerate, **OPTIONS
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    engine = sa.create_engine(load_database_settings().sqlalchemy_url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        run_on(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
