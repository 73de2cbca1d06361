"""What runs in a worker process (local pool or Dask worker): one input file -> its finished pages.

The worker never raises: every problem comes back as a :class:`TaskResult` with a one-line reason,
so exceptions that cannot be pickled, or that carry a traceback the user should not see, stay here.

Test hook: when the environment variable ``DIGITIZE_TEST_HOOK`` is ``module:function``, that
function is called with the input path before the file is processed, and with None when a local
worker starts (tests use it to make a page hang or kill its worker).  It is not meant for users.
"""
from __future__ import annotations

import importlib
import os
import resource
import sys
import tempfile
import threading
import time
import traceback
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..config import Settings
from ..errors import InputError
from ..model import Page

HOOK_ENV = "DIGITIZE_TEST_HOOK"

_init_error: Optional[str] = None
_init_stderr: list[str] = []         # printed by C libraries while the engine loaded (the first task logs it)


@dataclass
class TaskResult:
    """The outcome of one input file: its pages, or why it failed."""

    source: Path
    pages: list[Page] = field(default_factory=list)     # with an error: the frames before the bad one
    error: Optional[str] = None        # one line, None when the file succeeded
    kind: str = ""                     # "input" (bad file), "engine" (engine cannot start), "error"
    traceback: str = ""                # for --debug
    seconds: float = 0.0               # wall time in the worker
    worker: str = ""                   # host:pid that did it
    peak_rss_mb: float = 0.0           # peak resident memory of the worker process so far
    cpu_seconds: float = 0.0           # CPU time the worker spent on the file (load-independent cost)
    python_warnings: list[str] = field(default_factory=list)   # Python warnings raised meanwhile (log only)
    stderr_lines: list[str] = field(default_factory=list)      # what C libraries printed meanwhile (log only)


def limit_threads() -> None:
    """One thread per library in a worker: parallelism comes from processes."""
    from .. import cores
    cores.one_thread_env()
    try:
        import cv2
        cv2.setNumThreads(1)
    except Exception:  # pragma: no cover - cv2 is a dependency; never fatal here
        pass


def watch_client(client_pid: int, every: float = 2.0) -> None:
    """Exit this worker soon after the client process dies (e.g. kill -9): no orphan keeps working."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(client_pid, 0)
            except ProcessLookupError:
                os._exit(3)
            except PermissionError:
                pass

    threading.Thread(target=watch, name="digitize-client-watch", daemon=True).start()


def init_worker(settings: Settings, client_pid: Optional[int] = None, idle: Optional[Any] = None) -> None:
    """Pool initializer: limit threads, watch the client, load the OCR engine once for this process.

    ``idle``: a shared number of idle workers, whose cores this worker's pages may borrow (:mod:`digitize.cores`)."""
    global _init_error
    limit_threads()
    from .. import cores
    cores.publish_to(idle)
    if client_pid:
        watch_client(client_pid)
    _run_hook(None)
    with c_stderr_to(_init_stderr):          # what the engine's libraries print while loading: the log
        try:
            from ..engines import get_engine
            get_engine(settings.recognition)
            _init_error = None
        except Exception as e:
            _init_error = describe_error(e)


# At most this much of what C libraries print while one file is processed is kept for the log.
MAX_STDERR_BYTES = 64 * 1024
MAX_STDERR_LINES = 20
_stderr_lock = threading.Lock()


@contextmanager
def c_stderr_to(lines: list[str]):
    """While the block runs, file descriptor 2 of this process goes to a temporary file; its distinct
    lines are added to ``lines`` (the JSON log), not printed on the user's terminal.

    C libraries write there directly, past Python: Leptonica under Tesseract (``Error in
    pixScaleAreaMap: pixd too small``), ONNX Runtime.  In a Dask worker running several tasks at
    once, the first task's capture covers the others."""
    if not _stderr_lock.acquire(blocking=False):
        yield
        return
    try:
        try:
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        saved = os.dup(2)
        with tempfile.TemporaryFile() as tmp:
            os.dup2(tmp.fileno(), 2)
            try:
                yield
            finally:
                try:
                    sys.stderr.flush()
                except (OSError, ValueError):
                    pass
                os.dup2(saved, 2)
                os.close(saved)
                tmp.seek(0)
                data = tmp.read(MAX_STDERR_BYTES)
        text = data.decode("utf-8", "replace").splitlines()
        lines.extend(list(dict.fromkeys(t.strip() for t in text if t.strip()))[:MAX_STDERR_LINES])
    finally:
        _stderr_lock.release()


def describe_error(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    msg = text[0] if text else ""
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def _run_hook(path: Optional[Path]) -> None:
    spec = os.environ.get(HOOK_ENV)
    if spec:
        module, _, attr = spec.partition(":")
        getattr(importlib.import_module(module), attr)(path)


def process_path(path: str | Path, settings: Settings) -> TaskResult:
    """Every page of one input file through the pipeline; never raises."""
    import socket
    path = Path(path)
    t0 = time.perf_counter()
    res = TaskResult(source=path, worker=f"{socket.gethostname()}:{os.getpid()}")
    if os.environ.get("OMP_THREAD_LIMIT") != "1":
        limit_threads()          # a Dask worker: no initializer ran
    try:
        from ..engines import get_engine
        if _init_error is not None:
            raise RuntimeError(_init_error)
        get_engine(settings.recognition)
    except Exception as e:
        res.error, res.kind, res.traceback = f"cannot start the OCR engine ({describe_error(e)})", "engine", traceback.format_exc()
        return res
    cpu0 = time.process_time()
    with warnings.catch_warnings(record=True) as caught, c_stderr_to(res.stderr_lines):   # for the log only
        warnings.simplefilter("default")
        try:
            _run_hook(path)
            from ..pipeline import process_file
            for page in process_file(path, settings):      # pages before a bad frame are kept
                res.pages.append(page)
            if not res.pages:
                res.error, res.kind = "no pages in file", "input"
        except InputError as e:
            res.error, res.kind = e.reason, "input"
        except Exception as e:
            res.error, res.kind, res.traceback = describe_error(e), "error", traceback.format_exc()
    if _init_stderr:
        res.stderr_lines[:0] = _init_stderr
        _init_stderr.clear()
    res.python_warnings = list(dict.fromkeys(
        f"{Path(w.filename).name}:{w.lineno}: {w.category.__name__}: {w.message}" for w in caught))[:10]
    res.cpu_seconds = time.process_time() - cpu0
    res.seconds = time.perf_counter() - t0
    res.peak_rss_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return res
