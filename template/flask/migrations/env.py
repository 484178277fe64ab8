"""How Alembic reaches the database: through the Flask app, so DATABASE_URL is the only setting."""

from alembic import context
from flask import current_app

from app import models  # noqa: F401  (registers the tables for `flask db migrate`)

config = context.config
migrate_extension = current_app.extensions["migrate"]
metadata = migrate_extension.db.metadata


def run_migrations_offline() -> None:
    """Print the SQL instead of running it (`flask db upgrade --sql`)."""
    url = migrate_extension.db.engine.url.render_as_string(hide_password=False)
    context.configure(url=url, target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty_autogenerate(context, revision, directives):
        # `flask db migrate` with no model changes should not write an empty migration.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []

    options = {"process_revision_directives": skip_empty_autogenerate}
    options.update(migrate_extension.configure_args)
    with migrate_extension.db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, **options)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
