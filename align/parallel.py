"""Work on the rows of a problem shared among threads, with the same result for any number of them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np

_MIN_ROWS_PER_THREAD = 256
"""Fewer rows than this a thread are not worth its start."""


_PARTS_PER_THREAD = 4
"""Rows are cut into this many parts a thread, taken by whichever thread is free: on a busy machine
a thread that loses its core for a while then holds up the others by one small part only."""


def in_parallel(work, rows: range) -> None:
    """``work(part)`` on consecutive parts of ``rows`` among the threads of :func:`numba.get_num_threads`
    (``NUMBA_NUM_THREADS``); ``work`` is a compiled kernel that releases the GIL and writes only
    its own part's results, so the results do not depend on which thread does which part."""
    threads = min(numba.get_num_threads(), max(len(rows) // _MIN_ROWS_PER_THREAD, 1))
    if threads <= 1:
        work(rows)
        return
    parts = min(threads * _PARTS_PER_THREAD, len(rows) // _MIN_ROWS_PER_THREAD)
    bounds = np.linspace(rows.start, rows.stop, parts + 1).round().astype(int)
    with ThreadPoolExecutor(threads) as pool:
        for _ in pool.map(work, [range(a, b) for a, b in zip(bounds, bounds[1:])]):
            pass  # map re-raises a part's exception here
