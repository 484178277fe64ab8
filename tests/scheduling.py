"""The order `make test` hands its tests to pytest-xdist's worksteal scheduler.

worksteal gives each of the N workers one contiguous slice of the collected items (the first
len // N to the first worker, and so on), then lets an idle worker take the second half of the
longest queue. Collected as pytest finds them, one worker's slice held the image builds, the
two-instance runs and the longest tier-3 rows while another's held only renders, so the run waited
on one queue. `deal()` sorts the items by expected duration, longest first, and deals them
round-robin into slices of xdist's sizes: every worker starts on its share of the long tests and
ends on quick ones, which are also what stealing moves.

Only the order changes: no test is added, dropped or merged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")

# Seconds per test of each file, from the CI run of 2026-11-30 (two workers on 2 cores; the
# timeline of <basetemp>/popen-gw*). Only the order uses them; a file not named here counts
# DEFAULT_SECONDS per test, and tier-3 rows give their own (tests/generated ROW_SECONDS...).
SECONDS_PER_TEST = {
    "tests/containers/test_instances.py": 33,
    "tests/containers/test_images.py": 30,
    "tests/containers/test_compose.py": 18,
    "tests/generated/test_toolchain.py": 13,
    "tests/deploy/test_deploy_run.py": 11,
    "tests/oidc/test_harness.py": 10,
    "tests/test_update.py": 10,
    "tests/test_questions.py": 2.4,
    "tests/test_data_layer.py": 0.7,
    "tests/test_render.py": 0.45,
}
DEFAULT_SECONDS = 1.0


def xdist_slice_sizes(count: int, workers: int) -> list[int]:
    """The sizes of the slices worksteal's first schedule sends, in order: the i-th idle worker
    gets len(pending) // (workers - i) of what is still pending (xdist 3.8,
    WorkStealingScheduling.check_schedule). Raises ValueError for workers < 1."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    sizes, pending = [], count
    for i in range(workers):
        size = pending // (workers - i)
        sizes.append(size)
        pending -= size
    return sizes


def deal(
    items: Sequence[Item],
    workers: int,
    seconds: Callable[[Item], float],
    heavy: Callable[[Item], bool] = lambda _item: False,
) -> list[Item]:
    """`items` reordered for `workers` xdist workers, the slices of xdist_slice_sizes() joined.

    Longest first (`seconds`, ties in collection order), each item goes to the slice with the
    fewest expected seconds so far that still has room: every worker starts on its share of the
    long tests and ends on quick ones, which are also what stealing moves. Items `heavy` says keep
    every core busy by themselves (a Spring Boot row: Maven, javac and JVMs) go only to the first
    workers - 1 slices, so one worker is always on lighter work: three Spring rows at once on 2
    cores took 260 s each instead of 130 (the run of 2026-11-30). The result holds exactly the
    same items."""
    ranked = sorted(items, key=seconds, reverse=True)
    sizes = xdist_slice_sizes(len(ranked), workers)
    slices: list[list[Item]] = [[] for _ in range(workers)]
    load = [0.0] * workers
    heavy_slices = range(max(1, workers - 1))
    for item in ranked:
        allowed = heavy_slices if heavy(item) else range(workers)
        room = [w for w in allowed if len(slices[w]) < sizes[w]]
        room = room or [w for w in range(workers) if len(slices[w]) < sizes[w]]
        chosen = min(room, key=lambda w: (load[w], w))
        slices[chosen].append(item)
        load[chosen] += seconds(item)
    return [item for one in slices for item in one]
