"""Fewer garbage collections while articles are checked.

Checking an article allocates hundreds of thousands of small containers (tokens, hits, segments) that
die by reference counting; with Python's default threshold (a collection every 700 net allocations)
the cyclic collector runs thousands of times per run for nothing: 5-7 % of `check`'s time on the seeds
(bench/speed.py). Collecting every 50,000 allocations instead keeps memory flat (nothing checked forms
large cycles) and gives that time back.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLD = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the duration of the block, then restore them."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def in_worker() -> None:
    """A worker process checks articles until it ends: raise the thresholds for good."""
    gc.set_threshold(*THRESHOLD)
