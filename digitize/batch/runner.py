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
from ..model import page_stem
from . import manifest as mf
from .inputs import InputFile, find_inputs
from .outputs import page_stats, write_outputs
from .progress import Reporter
from .work import TaskResult

STALE_TMP = re.compile(r"^\..+\.(xml|txt|pdf|jp2)\..+\.tmp$")   # digitize.atomic's temporary names


FATAL_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


@dataclass
class RunSummary:
    pages: int = 0                 # pages found (multi-page files counted by their pages once known)
    done: int = 0                  # pages written in this run
    skipped: int = 0               # pages already done earlier (unchanged input)
    failed: list[tuple[str, str]] = field(default_factory=list)    # (rel path, reason) per failed file
    tracebacks: dict[str, str] = field(default_factory=dict)       # rel path -> worker traceback (--debug)
    aborted: bool = False          # stopped by --max-failures
    not_processed: int = 0         # pages left undone because the run was aborted
    ignored: list[tuple[str, str]] = field(default_factory=list)   # (path, why) in input folders, not pages
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
    """Pages in a multi-page TIFF or a PDF (1 for other formats or when unreadable: the worker will say why)."""
    from .. import pdfinput
    if pdfinput.is_pdf(path):
        try:
            return pdfinput.page_count(path)
        except Exception:
            return 1
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


# The last pages of a batch start largest first: with pages of unequal size on several workers, a
# batch in input order may end on a big page while the other workers sit idle (longest processing
# time first).  Size is the pixel count from the image header (known before decoding) times the
# frames.  Only the last files of a batch are reordered, this many per worker: ahead of them the
# workers' loads differ by at most a page, which that many pages largest first even out, and a
# long batch still runs (and its headers are read) in input order.  Simulated on the per-page
# times of six quiet runs of benchmarks/speed.py (12 pages: 8 full and half dev pages, then 4 half
# browser pages; 2 workers): the time one worker idles at the end 2.5 -> 1.1 s on average, the
# batch 0.7 s (1.7 %) shorter (BENCHMARKS.md, issue 15).  Outputs, manifest rows, output names
# and the summary do not depend on the start order.
LARGEST_FIRST_PER_WORKER = 8


def page_pixels(path: Path) -> Optional[int]:
    """Pixels of one page of ``path`` from its header (no decoding); None when the header does not
    tell (a PDF, an unreadable file: the worker will say why)."""
    if path.suffix.lower() == ".pdf":
        return None
    try:
        from PIL import Image
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as im:
                w, h = im.size
        return int(w) * int(h)
    except Exception:
        return None


def start_order(todo: list["_Planned"], workers: int) -> list["_Planned"]:
    """The order files start in: input order, but the last ``LARGEST_FIRST_PER_WORKER`` x ``workers``
    of them largest first (pixels times frames; a file whose size the header does not tell counts
    as the median page of the others, times its frames).  Ties keep the input order."""
    n = LARGEST_FIRST_PER_WORKER * workers if workers > 1 else 0
    if n < 2 or len(todo) < 2:
        return list(todo)
    head, tail = todo[:-n], todo[-n:]
    per_page = [page_pixels(p.item.source) for p in tail]
    known = sorted(v for v in per_page if v)
    usual = known[len(known) // 2] if known else 1
    size = [(v or usual) * max(1, p.frames) for v, p in zip(per_page, tail)]
    order = sorted(range(len(tail)), key=lambda i: -size[i])      # sorted() is stable: ties in input order
    return head + [tail[i] for i in order]


def unlock_output(out: Path, lock) -> None:
    """Remove the lock file (while still holding it), then release it."""
    try:
        os.unlink(out / LOCK_NAME)
    except OSError:
        pass
    lock.close()


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


LOCK_NAME = ".digitize-run.lock"


def lock_output(out: Path):
    """Hold ``OUT/.digitize-run.lock`` for the run: one client per output folder (freed when it dies;
    removed by :func:`unlock_output` at the end, so it never travels into an ingest package)."""
    import fcntl
    path = out / LOCK_NAME
    while True:
        f = open(path, "a+")
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            pid = f.read().strip() or "?"
            f.close()
            raise OutputError(out, f"another digitize run (pid {pid}) is writing to this folder") from None
        try:                        # the run before us may have removed the file we opened: lock the new one
            if os.fstat(f.fileno()).st_ino == os.stat(path).st_ino:
                break
        except FileNotFoundError:
            pass
        f.close()
    f.seek(0)
    f.truncate()
    f.write(str(os.getpid()))
    f.flush()
    return f


def _done_rows_match(rows: list[sqlite3.Row], size: int, out: Path, engine: str,
                     derivatives: tuple[str, ...] = ()) -> bool:
    """Every page of the file done by ``engine``, outputs present (``derivatives``: the suffixes of
    --pdf/--jp2 outputs asked for), same size: worth hashing."""
    if not rows or any(r["status"] != "done" for r in rows):
        return False
    if any(r["engine"] != engine for r in rows):
        return False
    for r in rows:
        if not r["alto"] or not (out / r["alto"]).is_file() or (r["txt"] and not (out / r["txt"]).is_file()):
            return False
        if any(not (out / r["alto"]).with_suffix(s).is_file() for s in derivatives):
            return False
    return rows[0]["size"] == size


# Files hashed at once when a run resumes (hashlib releases the GIL: threads use every core).
HASH_THREADS = max(1, min(4, len(os.sched_getaffinity(0))))


def _checksums(paths: list[Path]) -> dict[Path, Optional[str]]:
    """sha256 of each file (None when unreadable), hashed in parallel threads.

    Resume trusts no size or mtime: an input rewritten in place with both restored is redone.
    Measured cost: 0.22 s for a 63 MB 300-dpi gray broadsheet TIFF, 0.48 s for 190 MB RGB (one
    thread, loaded 2-core machine) -- next to the tens of seconds of OCR per page it is small."""
    if not paths:
        return {}
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(HASH_THREADS) as pool:
        return dict(zip(paths, pool.map(_checksum_or_none, paths)))


class OutputNames:
    """Which input page writes which output name (``<rel folder>/<stem>``, compared case-blind).

    A name is claimed by the first file (in input order) whose page would write it; a later file
    whose page would write the same name is refused whole, with both named in the reason -- never
    silently overwritten.  Later pages of a multi-page file count (``scan.tif`` page 2 and
    ``scan_p002.jpg`` both write ``scan_p002.xml``)."""

    def __init__(self) -> None:
        self._owner: dict[str, tuple[InputFile, int]] = {}

    @staticmethod
    def _key(item: InputFile, frame: int) -> tuple[str, str]:
        name = (item.rel.parent / page_stem(item.source.stem, frame)).as_posix()
        return name.lower(), name

    def conflict(self, item: InputFile, frames: range) -> Optional[str]:
        """Why ``item``'s pages ``frames`` cannot have their names (None: they are free)."""
        for frame in frames:
            key, name = self._key(item, frame)
            owner = self._owner.get(key)
            if owner is not None and owner[0].source != item.source:
                other, other_frame = owner
                whose = other.rel.as_posix() + (f" page {other_frame + 1}" if other_frame else "")
                mine = f"page {frame + 1}: " if frame else ""
                return (f"{mine}output name {name}.xml is already used by {whose}; "
                        f"rename one of the two files")
        return None

    def claim(self, item: InputFile, frames: range) -> None:
        for frame in frames:
            key, _ = self._key(item, frame)
            self._owner.setdefault(key, (item, frame))


def plan(conn: sqlite3.Connection, files: list[InputFile], out: Path, settings: Settings,
         force: bool, names: Optional[OutputNames] = None
         ) -> tuple[list[_Planned], int, list[tuple[InputFile, str]]]:
    """Which files to process: (to do, pages skipped as already done, files refused with a reason)."""
    todo: list[_Planned] = []
    skipped = 0
    refused: list[tuple[InputFile, str]] = []
    names = names if names is not None else OutputNames()
    engine = settings.recognition.engine
    found: list[tuple[InputFile, os.stat_result, list[sqlite3.Row]]] = []
    for item in files:
        try:
            st = item.source.stat()
        except OSError as e:
            refused.append((item, f"cannot read the file ({e.strerror or e})"))
            continue
        found.append((item, st, mf.rows_for(conn, item.source)))
    derivatives = tuple(s for s, on in ((".pdf", settings.output.pdf), (".jp2", settings.output.jp2)) if on)
    candidates = [] if force else [item.source for item, st, rows in found
                                   if _done_rows_match(rows, st.st_size, out, engine, derivatives)]
    sums = _checksums(candidates)
    conn.execute("BEGIN")
    try:
        for item, st, rows in found:
            done = item.source in sums and sums[item.source] is not None and sums[item.source] == rows[0]["checksum"]
            frames = len(rows) if done else count_frames(item.source)
            why = names.conflict(item, range(frames))
            if why is not None:
                refused.append((item, why))
                continue
            names.claim(item, range(frames))
            if done:
                if rows[0]["mtime_ns"] != st.st_mtime_ns:          # touched, but the same bytes
                    mf.update_source(conn, item.source, mtime_ns=st.st_mtime_ns)
                skipped += len(rows)
                continue
            fields = dict(rel=item.rel.as_posix(), size=st.st_size, mtime_ns=st.st_mtime_ns,
                          status="pending", reason=None)
            if rows:
                mf.update_source(conn, item.source, **fields)
            else:
                mf.upsert(conn, item.source, 0, **fields)
            todo.append(_Planned(item, st.st_size, st.st_mtime_ns, frames))
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
    _check_output_folder(inputs, out)
    problems: list[tuple[Path, str]] = []
    ignored: list[tuple[str, str]] = []
    files = find_inputs(inputs, out, problems, ignored)
    if not files:
        raise InputError(", ".join(str(i) for i in inputs), "no image or PDF files found "
                         f"(looked for {', '.join(sorted(SUFFIXES))})"
                         + (f"; {len(problems)} not searched ({problems[0][0]}: {problems[0][1]})" if problems else "")
                         + (f"; {len(ignored)} other files or folders not processed" if ignored else ""))
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = lock_output(out)
    except OSError as e:
        raise OutputError(out, f"cannot write to the output folder ({e.strerror or e})") from None
    summary = RunSummary(ignored=ignored)
    backend = None
    clean_end = False
    conn = None
    try:
        remove_stale_temporaries(out)
        try:
            conn = mf.open_manifest(out / mf.MANIFEST_NAME)
        except sqlite3.Error as e:
            raise OutputError(out / mf.MANIFEST_NAME, f"cannot open the manifest ({e})") from None
        names = OutputNames()
        todo, summary.skipped, refused = plan(conn, files, out, settings, force, names)
        total = summary.skipped + len(refused) + sum(p.frames for p in todo)
        summary.pages = total
        backend = _make_backend(settings) if todo else None      # nothing to do: no workers started
        reporter.start(total, summary.skipped, files=len(files), backend=backend.name if backend else None,
                       workers=backend.workers if backend else 0, out=str(out))
        for path, reason in problems:             # named in the summary; the batch goes on
            summary.failed.append((str(path), reason))
            reporter.event("input_not_searched", path=str(path), reason=reason)
        for item, reason in refused:
            _fail_refused(conn, item, reason, summary, reporter)
        if backend is not None:
            _loop(conn, backend, todo, out, settings, summary, reporter, debug, names)
        clean_end = not summary.aborted
    except sqlite3.OperationalError as e:    # the manifest cannot be written any more (disk full, read-only)
        _reset(conn)
        raise OutputFullError(f"{out / mf.MANIFEST_NAME}: cannot write the manifest ({e})") from None
    except BaseException:            # Ctrl-C, engine cannot start...: unfinished pages wait for the next run
        _reset(conn)
        raise
    finally:
        try:
            if backend is not None:
                backend.close(cancel=not clean_end)
        finally:
            if conn is not None:
                mf.close_manifest(conn)
            unlock_output(out, lock)
    summary.seconds = time.monotonic() - t0
    reporter.finish(pages=summary.pages, done=summary.done, skipped=summary.skipped,
                    failed=len(summary.failed), aborted=summary.aborted, seconds=round(summary.seconds, 3),
                    pages_per_minute=round(reporter.pages_per_minute(), 2), exit_code=summary.exit_code,
                    failures=[{"rel": r, "reason": why} for r, why in summary.failed],
                    not_processed=[{"path": f, "reason": why} for f, why in summary.ignored])
    return summary


def _reset(conn) -> None:
    if conn is None:
        return
    try:
        mf.reset_running(conn)
    except sqlite3.Error:
        pass


def _check_output_folder(inputs: list, out: Path) -> None:
    """Refuse an output folder that is one of the input folders: outputs would land among the scans
    (and a later run would search them).  An output folder inside an input folder is fine: it is
    never searched."""
    for item in inputs:
        p = Path(item)
        try:
            if p.is_dir() and p.resolve() == out:
                raise OutputError(out, "is also an input folder: outputs would be written among the scans "
                                       "and read again as inputs; choose another -o folder")
        except (OSError, RuntimeError):
            continue


def _make_backend(settings: Settings):
    if settings.batch.scheduler:
        from .cluster import ClusterBackend
        return ClusterBackend(settings, settings.batch.scheduler)
    from .local import LocalBackend
    workers = settings.batch.workers or len(os.sched_getaffinity(0))
    return LocalBackend(settings, max(1, workers))


def _fail_refused(conn, item: InputFile, reason: str, summary: RunSummary, reporter: Reporter) -> None:
    reason = _one_line(reason)
    try:
        st = item.source.stat()
        size, mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        size = mtime_ns = None
    finished = mf.now_iso()
    mf.upsert(conn, item.source, 0, rel=item.rel.as_posix(), size=size, mtime_ns=mtime_ns,
              status="failed", reason=reason, finished=finished)
    mf.fail_frames_from(conn, item.source, 0, reason=reason, finished=finished, checksum=None)
    summary.failed.append((item.rel.as_posix(), reason))
    reporter.page_failed(source=str(item.source), rel=item.rel.as_posix(), reason=reason)


def _loop(conn, backend, todo: list[_Planned], out: Path, settings: Settings, summary: RunSummary,
          reporter: Reporter, debug: bool, names: Optional[OutputNames] = None) -> None:
    names = names if names is not None else OutputNames()
    queue = list(reversed(start_order(todo, backend.workers)))    # pop() from the end: start order
    running: dict[Path, _Planned] = {}
    limit = settings.batch.max_failures
    while queue or running:
        while queue and backend.in_flight < backend.slots:
            p = queue.pop()                 # p.frames: counted when planned (timeout and progress per page)
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
            _finish(conn, p, res, out, settings, summary, reporter, debug, names)
        if limit and len(summary.failed) >= limit and (queue or running):
            summary.aborted = True
            reason = f"not processed: run aborted after {len(summary.failed)} failures (--max-failures {limit})"
            for p in list(running.values()) + queue:
                mf.update_source(conn, p.item.source, status="skipped", reason=reason)
                summary.not_processed += p.frames
            return


def _finish(conn, p: _Planned, res: TaskResult, out: Path, settings: Settings, summary: RunSummary,
            reporter: Reporter, debug: bool, names: Optional[OutputNames] = None) -> None:
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
        why = names.conflict(p.item, range(page.frame, page.frame + 1)) if names is not None else None
        if why is not None:                 # more pages than counted when planned, one of them taken
            error, kind, tb = why, "input", ""
            break
        if names is not None:
            names.claim(p.item, range(page.frame, page.frame + 1))
        try:
            alto, txt = write_outputs(page, out, p.item.rel, settings)
        except OSError as e:
            if e.errno in FATAL_WRITE_ERRNOS:
                raise OutputFullError(f"{out}: cannot write outputs ({e.strerror})") from None
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
                           **({"python_warnings": res.python_warnings} if res.python_warnings else {}),
                           **({"stderr": res.stderr_lines} if res.stderr_lines else {}))
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
                         **({"stderr": res.stderr_lines} if res.stderr_lines else {}),
                         **({"traceback": tb} if debug and tb else {}))


def _checksum_or_none(path: Path) -> Optional[str]:
    try:
        return sha256_of(path)
    except OSError:
        return None
