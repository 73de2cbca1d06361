"""Pages on an existing Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

One task per input file (``pure=False``); the worker function is the same as the local one, and
each Dask worker process keeps its OCR engine in the module-level cache of
:mod:`digitize.engines`.  Input paths must be readable by the workers (shared file system); the
finished pages come back to the client, which writes every output and the manifest.

The page timeout is enforced here, in the client: only as many tasks as the cluster has worker
threads are kept in flight, so a task starts when it is submitted; a task running longer than its
timeout is given up (failed) and keeps counting against the in-flight limit until the cluster
lets it go.  A ``KilledWorker`` (the task killed its workers) is a failed page.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..config import Settings
from ..errors import SchedulerError
from .work import TaskResult, describe_error, process_path


def _probe(address: str, timeout: float = 5.0) -> None:
    """Fail fast, with a clear reason, when nothing listens at a tcp:// address."""
    import socket
    from urllib.parse import urlsplit
    if not address.startswith("tcp://"):
        return
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port
    except ValueError as e:
        raise SchedulerError(f"--scheduler {address}: not an address like tcp://HOST:PORT ({e})") from None
    if not host or not port:
        raise SchedulerError(f"--scheduler {address}: not an address like tcp://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        raise SchedulerError(f"cannot connect to the Dask scheduler at {address} ({e.strerror or e})") from None


class ClusterBackend:
    name = "dask"

    def __init__(self, settings: Settings, address: str, connect_timeout: float = 10.0):
        from distributed import Client
        _probe(address)
        try:
            self._client = Client(address, timeout=connect_timeout)
        except Exception as e:
            raise SchedulerError(f"cannot connect to the Dask scheduler at {address} ({describe_error(e)})") from None
        self.settings = settings
        self._futures: dict = {}          # future -> (path, submitted at, timeout)
        self._abandoned: set = set()      # timed-out futures still occupying a worker thread
        self._threads = 0
        self._checked = 0.0

    @property
    def workers(self) -> int:
        return self._cluster_threads()

    def _cluster_threads(self) -> int:
        now = time.monotonic()
        if now - self._checked > 5.0 or not self._threads:
            info = self._client.scheduler_info()
            self._threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
            self._checked = now
        return self._threads

    @property
    def slots(self) -> int:
        self._abandoned = {f for f in self._abandoned if f.status == "pending"}
        return max(1, self._cluster_threads() - len(self._abandoned))

    @property
    def in_flight(self) -> int:
        return len(self._futures)

    def submit(self, path: Path, timeout: float) -> None:
        fut = self._client.submit(process_path, str(path), self.settings, pure=False)
        self._futures[fut] = (path, time.monotonic(), timeout)

    def wait(self, timeout: float) -> list[TaskResult]:
        """Results of the tasks that finish (or time out) within ``timeout`` seconds."""
        if not self._futures:
            return []
        from distributed import wait as dask_wait
        try:
            dask_wait(list(self._futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        out, now = [], time.monotonic()
        for fut, (path, started, limit) in list(self._futures.items()):
            if fut.status in ("finished", "error", "cancelled", "lost"):
                del self._futures[fut]
                out.append(self._result(fut, path))
            elif now - started > limit:
                del self._futures[fut]
                self._abandoned.add(fut)
                out.append(TaskResult(path, error=f"timed out after {limit:g} s (page timeout); task abandoned",
                                      kind="timeout"))
        return out

    @staticmethod
    def _result(fut, path: Path) -> TaskResult:
        try:
            return fut.result(timeout=60)
        except Exception as e:
            if type(e).__name__ == "KilledWorker":
                return TaskResult(path, error="worker process died repeatedly on this file (Dask KilledWorker)",
                                  kind="died")
            return TaskResult(path, error=describe_error(e), kind="error")

    def close(self, cancel: bool = False) -> None:
        if cancel and self._futures:
            self._client.cancel(list(self._futures), force=True)
        self._futures.clear()
        self._client.close()
