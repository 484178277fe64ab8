"""Derived values for the templates: the chosen stack's facts, names and a per-project secret.

Copier loads this through copier-template-extensions (see `_jinja_extensions` in copier.yml).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from copier_template_extensions import ContextHook

STACKS_FILE = Path(__file__).with_name("stacks.yml")


@cache
def load_facts() -> dict[str, Any]:
    """The parsed `stacks.yml`; also used by the template's tests and benchmarks."""
    return yaml.safe_load(STACKS_FILE.read_text())


def derive(answers: dict[str, Any]) -> dict[str, Any]:
    """Values computed from the answers; pure apart from the random secret."""
    facts = load_facts()
    identifier = answers["project_slug"].replace("-", "_")
    database = facts["databases"][answers["database"]]
    return {
        "stack": facts["stacks"][answers["framework"]],
        "db": {**database, "url": database["url"].format(db_name=identifier)},
        "app_port": facts["app_port"],
        "python_package": identifier,
        "db_name": identifier,
        "secret_key": secrets.token_urlsafe(48),
        "current_year": datetime.now(UTC).year,
    }


class StackContextHook(ContextHook):
    def hook(self, context: dict[str, Any]) -> None:
        # Copier also renders the questions themselves through this environment, before every
        # answer exists; derived values are only needed once all of them are known.
        if "framework" in context and "project_slug" in context and "database" in context:
            context.update(derive(context))
