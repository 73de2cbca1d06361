"""The batch loop: plan (resume from the manifest), hand files to workers, write what comes back.

The client alone writes outputs and the manifest.  Order for a finished page: ALTO and text
(each written atomically), then the manifest row ``done``; a crash anywhere leaves the page
``running`` (or ``pending``) and the next run redoes it, overwriting whatever was there.
"""
from __future__ import annotations

import errno
import os
import re
import sqlite3
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..config import Settings
from ..errors import EngineStartError, InputError, OutputError, OutputFullError
from ..checksum import sha256_of
from ..load import SUFFIXES
from . import manifest as mf
from .inputs import InputFile, find_inputs
from .outputs import page_stats, write_outputs
from .progress import Reporter
from .work import TaskResult

STALE_TMP = re.compile(r"^\..+\.(xml|txt)\..+\.tmp$")   # digitize.atomic's temporary names


FATAL_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


@dataclass
class RunSummary:
    pages: int = 0                 # pages found (multi-page files counted by their pages once known)
    done: int = 0                  # pages written in this run
    skipped: int = 0               # pages already done earlier (unchanged input)
    failed: list[tuple[str, str]] = field(default_factory=list)    # (rel path, reason) per failed file
    tracebacks: dict[str, str] = field(default_factory=dict)       # rel path -> worker traceback (--debug)
    aborted: bool = False          # stopped by --max-failures
    not_processed: int = 0         # pages left undone because the run was aborted
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 all done or skipped, 1 some page failed, 3 aborted by --max-failures."""
        if self.aborted:
            return 3
        return 1 if self.failed else 0


@dataclass
class _Planned:
    item: InputFile
    size: int
    mtime_ns: int
    frames: int


def count_frames(path: Path) -> int:
    """Pages in a multi-page TIFF (1 for other formats or when unreadable: the worker will say why)."""
    if path.suffix.lower() not in (".tif", ".tiff"):
        return 1
    try:
        from PIL import Image
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as im:
                return max(1, int(getattr(im, "n_frames", 1)))
    except Exception:
        return 1


def remove_stale_temporaries(out: Path) -> int:
    """Delete temporary files an interrupted run left in ``out`` (only the client writes there)."""
    n = 0
    for dirpath, _, names in os.walk(out):
        for name in names:
            if STALE_TMP.match(name):
                try:
                    os.unlink(os.path.join(dirpath, name))
                    n += 1
                except OSError:
                    pass
    return n


def lock_output(out: Path):
    """Hold ``OUT/.digitize-run.lock`` for the run: one client per output folder (freed when it dies)."""
    import fcntl
    f = open(out / ".digitize-run.lock", "a+")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.seek(0)
        pid = f.read().strip() or "?"
        f.close()
        raise OutputError(out, f"another digitize run (pid {pid}) is writing to this folder") from None
    f.seek(0)
    f.truncate()
    f.write(str(os.getpid()))
    f.flush()
    return f


def _already_done(conn: sqlite3.Connection, rows: list[sqlite3.Row], item: InputFile, size: int,
                  mtime_ns: int, out: Path, engine: str) -> bool:
    if not rows or any(r["status"] != "done" for r in rows):
        return False
    if any(r["engine"] != engine for r in rows):
        return False
    for r in rows:
        if not r["alto"] or not (out / r["alto"]).is_file() or (r["txt"] and not (out / r["txt"]).is_file()):
            return False
    first = rows[0]
    if first["size"] != size:
        return False
    if first["mtime_ns"] == mtime_ns:
        return True
    if sha256_of(item.source) == first["checksum"]:        # touched, but the same bytes
        mf.update_source(conn, item.source, mtime_ns=mtime_ns)
        return True
    return False


def plan(conn: sqlite3.Connection, files: list[InputFile], out: Path, settings: Settings,
         force: bool) -> tuple[list[_Planned], int, list[tuple[InputFile, str]]]:
    """Which files to process: (to do, pages skipped as already done, files refused with a reason)."""
    todo: list[_Planned] = []
    skipped = 0
    refused: list[tuple[InputFile, str]] = []
    claimed: dict[Path, InputFile] = {}
    conn.execute("BEGIN")
    try:
        for item in files:
            key = (item.rel.parent / item.source.stem)
            other = claimed.get(Path(str(key).lower()))
            if other is not None:
                refused.append((item, f"output name {key.as_posix()}.xml is already used by {other.rel.as_posix()}"))
                continue
            claimed[Path(str(key).lower())] = item
            try:
                st = item.source.stat()
            except OSError as e:
                refused.append((item, f"cannot read the file ({e.strerror or e})"))
                continue
            rows = mf.rows_for(conn, item.source)
            if not force and _already_done(conn, rows, item, st.st_size, st.st_mtime_ns, out,
                                            settings.recognition.engine):
                skipped += len(rows)
                continue
            fields = dict(rel=item.rel.as_posix(), size=st.st_size, mtime_ns=st.st_mtime_ns,
                          status="pending", reason=None)
            if rows:
                mf.update_source(conn, item.source, **fields)
            else:
                mf.upsert(conn, item.source, 0, **fields)
            todo.append(_Planned(item, st.st_size, st.st_mtime_ns, max(1, len(rows))))   # frames: counted at submission
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return todo, skipped, refused


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "unknown error"


def run_batch(inputs: Iterable[str | os.PathLike], out: str | os.PathLike, settings: Settings, *,
              force: bool = False, reporter: Optional[Reporter] = None, debug: bool = False) -> RunSummary:
    """Process every input page into ``out`` (ALTO + text + manifest), resuming an earlier run.

    ``settings.batch`` gives workers (0 = all cores), page_timeout, max_failures and scheduler
    (a Dask ``tcp://`` address; empty = local processes).  Raises :class:`InputError` for an input
    that does not exist, :class:`EngineStartError` when the OCR engine cannot start, and
    :class:`DigitizeError` when the Dask scheduler cannot be reached.
    """
    t0 = time.monotonic()
    out = Path(out).resolve()
    reporter = reporter or Reporter(quiet=True)
    inputs = list(inputs)
    files = find_inputs(inputs, out)
    if not files:
        raise InputError(", ".join(str(i) for i in inputs), "no image files found "
                         f"(looked for {', '.join(sorted(SUFFIXES))})")
    out.mkdir(parents=True, exist_ok=True)
    lock = lock_output(out)
    remove_stale_temporaries(out)
    conn = mf.open_manifest(out / mf.MANIFEST_NAME)
    summary = RunSummary()
    backend = None
    clean_end = False
    try:
        todo, summary.skipped, refused = plan(conn, files, out, settings, force)
        total = summary.skipped + len(refused) + sum(p.frames for p in todo)
        summary.pages = total
        backend = _make_backend(settings) if todo else None      # nothing to do: no workers started
        reporter.start(total, summary.skipped, files=len(files), backend=backend.name if backend else None,
                       workers=backend.workers if backend else 0, out=str(out))
        for item, reason in refused:
            _fail_refused(conn, item, reason, summary, reporter)
        if backend is not None:
            _loop(conn, backend, todo, out, settings, summary, reporter, debug)
        clean_end = not summary.aborted
    except BaseException:            # Ctrl-C, engine cannot start...: unfinished pages wait for the next run
        try:
            mf.reset_running(conn)
        except sqlite3.Error:
            pass
        raise
    finally:
        if backend is not None:
            backend.close(cancel=not clean_end)
        mf.close_manifest(conn)
        lock.close()
    summary.seconds = time.monotonic() - t0
    reporter.finish(pages=summary.pages, done=summary.done, skipped=summary.skipped,
                    failed=len(summary.failed), aborted=summary.aborted, seconds=round(summary.seconds, 3),
                    pages_per_minute=round(reporter.pages_per_minute(), 2), exit_code=summary.exit_code,
                    failures=[{"rel": r, "reason": why} for r, why in summary.failed])
    return summary


def _make_backend(settings: Settings):
    if settings.batch.scheduler:
        from .cluster import ClusterBackend
        return ClusterBackend(settings, settings.batch.scheduler)
    from .local import LocalBackend
    workers = settings.batch.workers or len(os.sched_getaffinity(0))
    return LocalBackend(settings, max(1, workers))


def _fail_refused(conn, item: InputFile, reason: str, summary: RunSummary, reporter: Reporter) -> None:
    try:
        st = item.source.stat()
        size, mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        size = mtime_ns = None
    mf.upsert(conn, item.source, 0, rel=item.rel.as_posix(), size=size, mtime_ns=mtime_ns,
              status="failed", reason=reason, finished=mf.now_iso())
    summary.failed.append((item.rel.as_posix(), reason))
    reporter.page_failed(source=str(item.source), rel=item.rel.as_posix(), reason=reason)


def _loop(conn, backend, todo: list[_Planned], out: Path, settings: Settings, summary: RunSummary,
          reporter: Reporter, debug: bool) -> None:
    queue = list(reversed(todo))          # pop() from the end keeps the input order
    running: dict[Path, _Planned] = {}
    limit = settings.batch.max_failures
    while queue or running:
        while queue and backend.in_flight < backend.slots:
            p = queue.pop()
            frames = count_frames(p.item.source)        # multi-page TIFF: timeout and progress per page
            if frames != p.frames:
                summary.pages += frames - p.frames
                reporter.grow(frames - p.frames)
                p.frames = frames
            started = mf.now_iso()
            mf.mark_started(conn, p.item.source, started)
            reporter.page_started(source=str(p.item.source), rel=p.item.rel.as_posix(), frames=p.frames)
            backend.submit(p.item.source, settings.batch.page_timeout * p.frames)
            running[p.item.source] = p
        for res in backend.wait(timeout=0.5):
            p = running.pop(Path(res.source))
            if res.kind == "engine":
                raise EngineStartError(f"the OCR engine '{settings.recognition.engine}' cannot start in the "
                                       f"workers: {res.error}")
            _finish(conn, p, res, out, settings, summary, reporter, debug)
        if limit and len(summary.failed) >= limit and (queue or running):
            summary.aborted = True
            reason = f"not processed: run aborted after {len(summary.failed)} failures (--max-failures {limit})"
            for p in list(running.values()) + queue:
                mf.update_source(conn, p.item.source, status="skipped", reason=reason)
                summary.not_processed += p.frames
            return


def _finish(conn, p: _Planned, res: TaskResult, out: Path, settings: Settings, summary: RunSummary,
            reporter: Reporter, debug: bool) -> None:
    """Write what came back for one file and record it: pages done, and the failure if any.

    A multi-page file that fails at page k keeps pages before k (written, ``done``); frame k and
    any later rows are ``failed``.
    """
    rel = p.item.rel.as_posix()
    src = str(p.item.source)
    finished = mf.now_iso()
    error, kind, tb = res.error, res.kind, res.traceback
    written = []
    for page in res.pages:
        try:
            alto, txt = write_outputs(page, out, p.item.rel, settings)
        except OSError as e:
            if e.errno in FATAL_WRITE_ERRNOS:
                raise OutputFullError(f"{out}: cannot write outputs ({e.strerror}); "
                                      f"free space and rerun to continue") from None
            error, kind = f"cannot write the outputs ({type(e).__name__}: {_one_line(e)})", "error"
            tb = traceback.format_exc()
            break
        except Exception as e:
            error, kind = f"cannot write the outputs ({type(e).__name__}: {_one_line(e)})", "error"
            tb = traceback.format_exc()
            break
        written.append((page, alto, txt))
    conn.execute("BEGIN")
    try:
        for page, alto, txt in written:
            mf.upsert(conn, src, page.frame, rel=rel, size=p.size, mtime_ns=p.mtime_ns,
                      checksum=page.checksum, status="done", reason=None, engine=settings.recognition.engine,
                      alto=alto.relative_to(out).as_posix(), txt=txt.relative_to(out).as_posix() if txt else None,
                      finished=finished, **page_stats(page, settings.recognition.low_confidence))
        if error is not None:
            error = _one_line(error)
            if written:
                error = f"page {len(written) + 1}: {error}"
            checksum = written[0][0].checksum if written else _checksum_or_none(p.item.source)
            mf.upsert(conn, src, len(written), rel=rel, size=p.size, mtime_ns=p.mtime_ns)
            mf.fail_frames_from(conn, src, len(written), reason=error, finished=finished, checksum=checksum)
        else:
            mf.drop_frames_from(conn, src, len(written))
        # rows of frames first seen now share the file's started/attempts
        mf.share_first_frame_start(conn, src)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    summary.done += len(written)
    for page, alto, txt in written:
        reporter.page_done(source=src, rel=rel, frame=page.frame, alto=alto.relative_to(out).as_posix(),
                           seconds=round(res.seconds, 3), timings={k: round(v, 3) for k, v in page.timings.items()},
                           worker=res.worker, worker_peak_rss_mb=res.peak_rss_mb,
                           cpu_seconds=round(res.cpu_seconds / max(1, len(written)), 3),
                           **({"python_warnings": res.python_warnings} if res.python_warnings else {}))
    if error is None:
        if len(written) != p.frames:
            summary.pages += len(written) - p.frames
            reporter.grow(len(written) - p.frames)
        return
    summary.failed.append((rel, error))
    if tb:
        summary.tracebacks[rel] = tb
    reporter.page_failed(pages=max(1, p.frames - len(written)), source=src, rel=rel, reason=error,
                         kind=kind, seconds=round(res.seconds, 3), worker=res.worker,
                         **({"python_warnings": res.python_warnings} if res.python_warnings else {}),
                         **({"traceback": tb} if debug and tb else {}))


def _checksum_or_none(path: Path) -> Optional[str]:
    try:
        return sha256_of(path)
    except OSError:
        return None
