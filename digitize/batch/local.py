"""Local worker processes: a ``pebble.ProcessPool`` with a per-task timeout.

Each worker loads its OCR engine once (pool initializer).  A task that passes its timeout has its
worker stopped and replaced; a worker that dies (segfault, OOM killer, kill -9) is replaced and its
task fails with the signal named.  Either way the batch goes on.
"""
from __future__ import annotations

import os
import signal
from concurrent.futures import FIRST_COMPLETED, Future, TimeoutError as FutureTimeout, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from ..config import Settings
from ..errors import EngineStartError
from . import forkserver
from .work import TaskResult, describe_error, init_worker, limit_threads, process_path


# A worker is replaced (fresh process, engine loaded again: ~1-2 s) after this many files, so memory
# that a long run's worker slowly gathers (allocator fragmentation, caches) is given back.
MAX_TASKS_PER_WORKER = 500


def death_reason(e: ProcessExpired) -> str:
    """One line for a worker that died: the signal or exit code."""
    code = getattr(e, "exitcode", None)
    if isinstance(code, int) and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory, or killed)" if -code == signal.SIGKILL else ""
        return f"worker process died: {name}{hint}"
    return f"worker process died (exit code {code})"


class LocalBackend:
    """Runs files on ``workers`` local processes; ``slots`` tasks are kept in flight."""

    name = "local"

    def __init__(self, settings: Settings, workers: int):
        limit_threads()    # inherited by workers before any library starts its thread pools
        ctx = forkserver.context()
        forkserver.start()           # at once unless the run started it early (digitize.cli run)
        self.workers = workers
        self.slots = workers + 1      # one queued task hides the client's output writing
        self.settings = settings
        self._ctx = ctx
        self._idle = ctx.Value("i", 0, lock=False)   # idle workers, read by busy ones (digitize.cores)
        self._pool = self._new_pool()
        self._futures: dict[Future, tuple[Path, float]] = {}
        self._breaks = 0              # pool breakdowns since a task last finished

    def _new_pool(self) -> ProcessPool:
        return ProcessPool(max_workers=self.workers, max_tasks=MAX_TASKS_PER_WORKER, initializer=init_worker,
                           initargs=(self.settings, os.getpid(), self._idle), context=self._ctx)

    def submit(self, path: Path, timeout: float) -> None:
        self._publish_idle(len(self._futures) + 1)          # before the task can start
        fut = self._pool.schedule(process_path, args=(str(path), self.settings), timeout=timeout)
        self._futures[fut] = (path, timeout)

    def _publish_idle(self, tasks: int) -> None:
        """Workers with no task while others still work (the batch's last pages): their cores are
        lent to the busy workers' pages.  ``slots`` exceeds ``workers``, so this is 0 until the
        queue has run dry."""
        self._idle.value = max(0, self.workers - tasks)

    @property
    def in_flight(self) -> int:
        return len(self._futures)

    def wait(self, timeout: float) -> list[TaskResult]:
        """Results of the tasks that finish within ``timeout`` seconds (maybe none)."""
        if not self._futures:
            return []
        done, _ = wait(list(self._futures), timeout=timeout, return_when=FIRST_COMPLETED)
        out, orphaned = [], []
        for fut in done:
            path, limit = self._futures.pop(fut)
            if isinstance(fut.exception(), BrokenProcessPool):
                orphaned.append((path, limit))
            else:
                out.append(self._result(fut, path, limit))
                self._breaks = 0
        if orphaned:
            self._restart(orphaned)
        self._publish_idle(len(self._futures))
        return out

    def _restart(self, orphaned: list[tuple[Path, float]]) -> None:
        """Pebble gives up its pool when a worker dies while no task runs (e.g. while it loads the
        engine): start a new pool and hand it the tasks that never started; stop after 3 in a row."""
        self._breaks += 1
        if self._breaks > 3:
            raise EngineStartError("worker processes keep dying while they start (does the OCR engine crash "
                                "when it loads? try --workers 1 --debug)")
        self._pool.stop()
        self._pool.join(timeout=30)
        self._pool = self._new_pool()
        for path, limit in orphaned + [self._futures.pop(f) for f in list(self._futures)]:
            self.submit(path, limit)

    @staticmethod
    def _result(fut: Future, path: Path, limit: float) -> TaskResult:
        try:
            return fut.result()
        except FutureTimeout:
            return TaskResult(path, error=f"timed out after {limit:g} s (page timeout); worker stopped", kind="timeout")
        except ProcessExpired as e:
            return TaskResult(path, error=death_reason(e), kind="died")
        except Exception as e:     # e.g. a result that cannot be sent back
            return TaskResult(path, error=describe_error(e), kind="error", traceback=getattr(e, "traceback", ""))

    def close(self, cancel: bool = False) -> None:
        if cancel:
            for fut in self._futures:
                fut.cancel()
            self._pool.stop()
        else:
            self._pool.close()
        self._pool.join(timeout=30)
        self._futures.clear()
