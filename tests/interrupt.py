"""A terminated test run ends the way an interrupted one does.

pytest turns Ctrl-C (SIGINT) into KeyboardInterrupt and still runs every fixture's teardown, so
the private PostgreSQL, MariaDB and FerretDB servers (tests/services.py) and the generated apps'
servers that tier 3 starts in their own sessions are stopped. SIGTERM (`kill`, a CI timeout, a
stopped rehearsal) would end the process at once and leave them running. pytest-xdist's workers
load this too; a `kill -- -<pgid>` of the run reaches each of them, as Ctrl-C does. A `kill` of the
controller alone stops the controller's fixtures only: xdist does not pass it to the workers.
"""

from __future__ import annotations

import signal


def pytest_configure(config) -> None:
    """SIGTERM raises KeyboardInterrupt, as SIGINT does (signal.default_int_handler)."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
