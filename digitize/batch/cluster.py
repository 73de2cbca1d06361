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
from ..errors import SchedulerError, SchedulerLostError
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


# How long a run waits for the cluster to have a worker, at the start (workers may still be
# registering) and whenever every worker has left mid-run.  Seconds, not the page timeout: an empty
# cluster otherwise looks like a hanging page, and every page in turn would time out.
NO_WORKERS_WAIT_S = 10.0
# How long closing the client may take when the scheduler is gone (it would retry to connect).
CLOSE_TIMEOUT_S = 5.0
# Dask's own loggers print reconnect tracebacks to the terminal; the run reports the loss in one line.
QUIET_LOGGERS = ("distributed", "distributed.client", "distributed.comm", "distributed.core",
                 "distributed.batched", "distributed.utils", "tornado", "tornado.application", "asyncio")


def _quiet_dask_logging() -> None:
    import logging
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


class ClusterBackend:
    name = "dask"

    def __init__(self, settings: Settings, address: str, connect_timeout: float = 10.0,
                 no_workers_wait: float = NO_WORKERS_WAIT_S):
        from distributed import Client
        _probe(address)
        _quiet_dask_logging()
        try:
            self._client = Client(address, timeout=connect_timeout)
        except Exception as e:
            raise SchedulerError(f"cannot connect to the Dask scheduler at {address} ({describe_error(e)})") from None
        _quiet_dask_logging()                 # the client's config may have set the levels again
        self.address = address
        self.no_workers_wait = no_workers_wait
        try:
            self._client.wait_for_workers(1, timeout=no_workers_wait)
        except Exception as e:
            self._close_client()
            if isinstance(e, TimeoutError) or "Timed out" in str(e) or "TimeoutError" in type(e).__name__:
                raise SchedulerError(f"the Dask scheduler at {address} has no workers (waited {no_workers_wait:g} s); "
                                     f"start some (`dask worker {address}`) and rerun") from None
            raise SchedulerError(f"lost the Dask scheduler at {address} ({describe_error(e)})") from None
        self.settings = settings
        self._futures: dict = {}          # future -> (path, submitted at, timeout)
        self._abandoned: set = set()      # timed-out futures still occupying a worker thread
        self._threads = 0
        self._checked = 0.0
        self._empty_since: float | None = None

    def _lost(self, e: BaseException | None = None) -> SchedulerLostError:
        if e is None or "Cancelled" in type(e).__name__ or "CommClosed" in type(e).__name__:
            why = "connection closed"
        else:
            why = describe_error(e)
        return SchedulerLostError(f"lost the Dask scheduler at {self.address} ({why})")

    def _scheduler_gone(self) -> bool:
        return self._client.status not in ("running", "newly-created")
    @property
    def workers(self) -> int:
        return self._cluster_threads()

    def _cluster_threads(self) -> int:
        now = time.monotonic()
        if now - self._checked > 5.0 or not self._threads:
            try:
                info = self._client.scheduler_info() if not self._scheduler_gone() else None
            except Exception as e:
                raise self._lost(e) from None
            if info is None:
                raise self._lost()
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
        except Exception as e:            # FuturesCancelledError, CommClosedError: the scheduler went away
            raise self._lost(e) from None
        if self._scheduler_gone() or any(f.status == "cancelled" for f in self._futures):
            raise self._lost()            # we cancel nothing while running: the scheduler dropped them
        self._check_workers()
        out, now = [], time.monotonic()
        for fut, (path, started, limit) in list(self._futures.items()):
            if fut.status in ("finished", "error", "lost"):
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

    def _check_workers(self) -> None:
        """Stop when every worker has been gone for ``no_workers_wait`` seconds."""
        now = time.monotonic()
        if self._cluster_threads():
            self._empty_since = None
            return
        self._checked = 0.0               # ask the scheduler again next time
        if self._empty_since is None:
            self._empty_since = now
        elif now - self._empty_since > self.no_workers_wait:
            raise SchedulerLostError(f"the Dask cluster at {self.address} has had no workers for "
                                     f"{self.no_workers_wait:g} s")

    def close(self, cancel: bool = False) -> None:
        try:
            if cancel and self._futures and not self._scheduler_gone():
                self._client.cancel(list(self._futures), force=True)
        except Exception:
            pass
        self._futures.clear()
        self._close_client()

    def _close_client(self) -> None:
        try:
            self._client.close(timeout=CLOSE_TIMEOUT_S)
        except Exception:
            pass
