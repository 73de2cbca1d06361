"""Idle cores a page may borrow: the last pages of a batch need not run on one core each.

A local batch runs one page per worker process, each single-threaded.  When fewer pages are left
than workers, some workers sit idle; the batch client then publishes how many (a number in shared
memory, :func:`digitize.batch.local.LocalBackend`), and a worker still busy with a page reads it
(:func:`spare`) and recognises that page's lines on that many extra threads.  Outside a local
batch (the Python API, a Dask worker) nothing is published and pages stay on one thread.
"""
from __future__ import annotations

import os
from typing import Any, Optional

_shared: Optional[Any] = None      # a multiprocessing Value('i') written by the batch client


def publish_to(value: Optional[Any]) -> None:
    """Read idle cores from ``value`` (a shared ``multiprocessing.Value``) from now on; None: none."""
    global _shared
    _shared = value


def spare() -> int:
    """How many more threads this process may use right now (0 unless a batch client says so)."""
    if _shared is None:
        return 0
    try:
        return max(0, min(MAX_THREADS - 1, int(_shared.value)))
    except (OSError, ValueError):      # pragma: no cover - the client is gone
        return 0


MAX_THREADS = 8                    # at most this many threads for one page's lines, whatever is idle


def one_thread_env() -> None:
    """One thread per library (OpenMP, BLAS) in this process and the processes it starts, set in the
    environment before those libraries load: parallelism comes from processes, and from the idle
    cores above."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ.setdefault("OMP_NUM_THREADS", "1")
