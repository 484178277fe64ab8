"""tests/scheduling.py: the order the workers of `make test` get their tests in."""

import pytest

from tests.scheduling import deal, xdist_slice_sizes


def test_the_slices_have_the_sizes_xdist_sends_first():
    assert xdist_slice_sizes(1445, 3) == [481, 482, 482]
    assert xdist_slice_sizes(10, 2) == [5, 5]
    assert xdist_slice_sizes(2, 3) == [0, 1, 1]
    with pytest.raises(ValueError, match="at least 1"):
        xdist_slice_sizes(5, 0)


def test_each_worker_gets_its_share_of_the_long_tests_longest_first():
    seconds = {
        "spring": 130,
        "django": 70,
        "express": 40,
        "image": 30,
        "render-a": 1,
        "render-b": 1,
    }
    order = deal(list(seconds), 2, seconds.get)
    assert order[:3] == ["spring", "render-a", "render-b"]
    assert order[3:] == ["django", "express", "image"]


def test_heavy_tests_leave_one_worker_free_of_them():
    seconds = {f"spring{i}": 130 for i in range(4)} | {f"flask{i}": 60 for i in range(8)}
    order = deal(list(seconds), 3, seconds.get, heavy=lambda name: name.startswith("spring"))
    slices = [order[:4], order[4:8], order[8:]]
    assert not any(name.startswith("spring") for name in slices[2])
    assert [sum(name.startswith("spring") for name in one) for one in slices[:2]] == [2, 2]


def test_only_the_order_changes():
    items = [f"test{i}" for i in range(101)]
    for workers in (1, 2, 3, 4):
        dealt = deal(items, workers, lambda name: int(name[4:]) % 7)
        assert sorted(dealt) == sorted(items)
