"""Hooks of the template's own test run (`make test`), for every tier."""

from __future__ import annotations

from tests.interrupt import pytest_configure  # noqa: F401 - a hook, found by name
from tests.scheduling import DEFAULT_SECONDS, SECONDS_PER_TEST, deal
from tests.support import language_of


def tier3_row(item) -> dict | None:
    """The row `item` runs when it is a tier-3 row (its module estimates rows with
    `expected_seconds`), else None."""
    row = getattr(getattr(item, "callspec", None), "params", {}).get("row")
    estimate = getattr(item.module, "expected_seconds", None)
    return row if isinstance(row, dict) and callable(estimate) else None


def expected_seconds(item) -> float:
    """How long `item` should take, for ordering only: a tier-3 row's own estimate
    (tests/generated ROW_SECONDS...), else its file's SECONDS_PER_TEST."""
    row = tier3_row(item)
    if row is not None:
        return item.module.expected_seconds(row)
    return SECONDS_PER_TEST.get(item.nodeid.split("::")[0], DEFAULT_SECONDS)


def keeps_every_core_busy(item) -> bool:
    """A tier-3 row of a JVM stack (Maven, javac, the app's JVM): tests/scheduling.py leaves one
    worker free of them."""
    row = tier3_row(item)
    return row is not None and language_of(row["framework"]) == "java"


def pytest_collection_modifyitems(config, items):
    """In a pytest-xdist worker, the order of tests/scheduling.py: longest first, dealt evenly
    across the workers. Plain runs (one process, the contract suite a tier-3 row starts) keep
    pytest's order."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None or workerinput.get("workercount", 1) < 2:
        return
    items[:] = deal(items, workerinput["workercount"], expected_seconds, keeps_every_core_busy)
