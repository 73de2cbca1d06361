"""The run manifest ``OUT/manifest.sqlite``: one row per input page, written by the client alone.

This module is the only one that knows the ``pages`` table: the runner writes it through
:func:`open_manifest` (read-write, WAL mode, so ``digitize qa`` may read during a run); QA and the
METS writer read it through :func:`open_existing` / :func:`read_rows` (read-only: works on a
finished batch in a read-only folder).  A run that ends switches the file back to a plain rollback
journal (:func:`close_manifest`), so a finished batch is one self-contained file.

Schema (table ``pages``)::

    id             INTEGER PRIMARY KEY
    source         TEXT     absolute input path
    rel            TEXT     input path relative to the input folder (outputs mirror it)
    frame          INTEGER  0-based page inside the file (multi-page TIFF), 0 otherwise
    size           INTEGER  input file size in bytes
    mtime_ns       INTEGER  input file modification time (ns); a quick "unchanged?" test before hashing
    checksum       TEXT     sha256 of the input file
    status         TEXT     pending | running | done | failed | skipped
    reason         TEXT     one line: why the page failed or was skipped (NULL when done)
    engine         TEXT     OCR engine that produced the page ("ppocr" / "tesseract")
    alto           TEXT     ALTO file, relative to OUT
    txt            TEXT     text file, relative to OUT (NULL when text output is off)
    width, height  INTEGER  original scan size in pixels
    chars          INTEGER  recognised characters (spaces excluded)
    mean_conf      REAL     mean character confidence 0..1 (NULL when no text)
    low_conf_chars INTEGER  characters below settings.recognition.low_confidence
    deskew_angle   REAL     degrees
    blocks         INTEGER  layout blocks on the page
    articles       INTEGER  articles on the page
    warnings       TEXT     JSON list of the page's warnings
    timings        TEXT     JSON object: stage -> wall seconds, stage_cpu -> CPU seconds ("write": client time for the
                            outputs; "recognition_threads": most threads that read the page's lines at once)
    started        TEXT     ISO 8601 UTC: last time the page was handed to a worker
    finished       TEXT     ISO 8601 UTC: last time it was done or failed
    attempts       INTEGER  how many times the page has been handed to a worker
    UNIQUE(source, frame)

``pending``: found, not processed yet; ``running``: handed to a worker (a row left ``running`` means
the run was killed; the next run redoes it); ``done``: outputs written; ``failed``: see ``reason``;
``skipped``: not processed because the run was aborted by ``--max-failures`` (redone next run).
Other tables in the file (e.g. the QA reviewer table) are left alone.
"""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError

STATUSES = ("pending", "running", "done", "failed", "skipped")

COLUMNS: dict[str, str] = {
    "source": "TEXT NOT NULL",
    "rel": "TEXT",
    "frame": "INTEGER NOT NULL DEFAULT 0",
    "size": "INTEGER",
    "mtime_ns": "INTEGER",
    "checksum": "TEXT",
    "status": "TEXT NOT NULL DEFAULT 'pending'",
    "reason": "TEXT",
    "engine": "TEXT",
    "alto": "TEXT",
    "txt": "TEXT",
    "width": "INTEGER",
    "height": "INTEGER",
    "chars": "INTEGER",
    "mean_conf": "REAL",
    "low_conf_chars": "INTEGER",
    "deskew_angle": "REAL",
    "blocks": "INTEGER",
    "articles": "INTEGER",
    "warnings": "TEXT",
    "timings": "TEXT",
    "started": "TEXT",
    "finished": "TEXT",
    "attempts": "INTEGER NOT NULL DEFAULT 0",
}

MANIFEST_NAME = "manifest.sqlite"


def now_iso() -> str:
    """Current time, ISO 8601 UTC with milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def open_manifest(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) the manifest at ``path``; rows come back as :class:`sqlite3.Row`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    cols = ",\n  ".join(f"{name} {decl}" for name, decl in COLUMNS.items())
    conn.execute(f"CREATE TABLE IF NOT EXISTS pages (\n  id INTEGER PRIMARY KEY,\n  {cols},\n"
                 f"  UNIQUE(source, frame))")
    have = {r["name"] for r in conn.execute("PRAGMA table_info(pages)")}
    for name, decl in COLUMNS.items():      # a manifest from an older version: add new columns
        if name not in have:
            conn.execute(f"ALTER TABLE pages ADD COLUMN {name} {decl.replace('NOT NULL ', '')}")
    conn.execute("CREATE INDEX IF NOT EXISTS pages_status ON pages(status)")
    return conn


# How long a closing run waits for readers before leaving the manifest in WAL mode (harmless).
CLOSE_BUSY_MS = 1000


def close_manifest(conn: sqlite3.Connection) -> None:
    """Close the run's connection; the file goes back to a rollback journal (no -wal/-shm files
    needed to read it) unless a reader holds it right now."""
    try:
        conn.execute(f"PRAGMA busy_timeout={CLOSE_BUSY_MS}")
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error:
        pass
    conn.close()


def manifest_file(out: str | Path) -> Path:
    """``OUT/manifest.sqlite`` of an existing batch output folder (an InputError when there is none)."""
    out = Path(out)
    if not out.is_dir():
        raise InputError(out, "not a folder (expected a batch output folder written by `digitize run`)")
    path = out / MANIFEST_NAME
    if not path.is_file():
        raise InputError(path, "no batch manifest here (run `digitize run ... -o OUT` first)")
    return path


def open_existing(out: str | Path, *, readonly: bool = True) -> sqlite3.Connection:
    """A connection to the manifest of the batch in ``out`` (waits for a busy writer).

    ``readonly`` opens it with SQLite's ``mode=ro``: nothing is created or written, so a finished
    batch in a read-only folder (or on a read-only medium) can be read; a WAL-mode manifest there
    (a run that was killed) is opened as immutable.  Errors are one-line :class:`InputError`.
    """
    path = manifest_file(out).resolve()
    uri = path.as_uri()
    if not readonly:
        return _checked(path, sqlite3.connect(path, timeout=30.0, isolation_level=None))
    try:
        return _checked(path, sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30.0, isolation_level=None))
    except InputError:
        if os.access(path.parent, os.W_OK):
            raise
    # read-only folder and a WAL-mode file: SQLite cannot make its -shm index; nobody can write here
    return _checked(path, sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None))


def _checked(path: Path, conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("SELECT 1 FROM pages LIMIT 1").fetchall()
    except sqlite3.DatabaseError as e:
        conn.close()
        raise InputError(path, f"cannot read the manifest ({e})") from None
    return conn


def read_rows(out: str | Path) -> list[sqlite3.Row]:
    """Every row of the batch in ``out``, by id (read-only)."""
    conn = open_existing(out)
    try:
        return conn.execute("SELECT * FROM pages ORDER BY id").fetchall()
    except sqlite3.DatabaseError as e:
        raise InputError(manifest_file(out), f"cannot read the manifest ({e})") from None
    finally:
        conn.close()


def upsert(conn: sqlite3.Connection, source: str | Path, frame: int, **fields: Any) -> None:
    """Insert the row (source, frame) or update the given fields of the existing one."""
    unknown = set(fields) - set(COLUMNS)
    if unknown:
        raise KeyError(f"unknown manifest column(s): {', '.join(sorted(unknown))}")
    if "status" in fields and fields["status"] not in STATUSES:
        raise ValueError(f"unknown status {fields['status']!r}")
    names = ["source", "frame", *fields]
    values = [str(source), frame, *fields.values()]
    updates = ", ".join(f"{n} = excluded.{n}" for n in fields) or "source = excluded.source"
    conn.execute(f"INSERT INTO pages ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
                 f"ON CONFLICT(source, frame) DO UPDATE SET {updates}", values)


def update_source(conn: sqlite3.Connection, source: str | Path, **fields: Any) -> None:
    """Set fields on every row (every frame) of one input file."""
    unknown = set(fields) - set(COLUMNS)
    if unknown:
        raise KeyError(f"unknown manifest column(s): {', '.join(sorted(unknown))}")
    sets = ", ".join(f"{n} = ?" for n in fields)
    conn.execute(f"UPDATE pages SET {sets} WHERE source = ?", [*fields.values(), str(source)])


def mark_started(conn: sqlite3.Connection, source: str | Path, started: str) -> None:
    """The file was handed to a worker: every frame's row is ``running``, attempts + 1."""
    conn.execute("UPDATE pages SET status = 'running', reason = NULL, started = ?, attempts = attempts + 1 "
                 "WHERE source = ?", (started, str(source)))


def drop_frames_from(conn: sqlite3.Connection, source: str | Path, n_frames: int) -> None:
    """Forget rows for frames >= n_frames (the file now has fewer pages than before)."""
    conn.execute("DELETE FROM pages WHERE source = ? AND frame >= ?", (str(source), n_frames))


def reset_running(conn: sqlite3.Connection) -> None:
    """Pages handed to workers but not finished go back to ``pending`` (the run stops)."""
    conn.execute("UPDATE pages SET status = 'pending' WHERE status = 'running'")


def fail_frames_from(conn: sqlite3.Connection, source: str | Path, frame: int, *, reason: str, finished: str,
                     checksum: str | None) -> None:
    """Frames >= ``frame`` of one file failed: no outputs, the reason and time recorded."""
    conn.execute("UPDATE pages SET status = 'failed', reason = ?, finished = ?, checksum = ?, engine = NULL, "
                 "alto = NULL, txt = NULL WHERE source = ? AND frame >= ?",
                 (reason, finished, checksum, str(source), frame))


def share_first_frame_start(conn: sqlite3.Connection, source: str | Path) -> None:
    """Rows of frames first seen now share the file's started time and attempts (frame 0's)."""
    src = str(source)
    conn.execute("UPDATE pages SET started = (SELECT started FROM pages WHERE source = ? AND frame = 0), "
                 "attempts = MAX(attempts, (SELECT attempts FROM pages WHERE source = ? AND frame = 0)) "
                 "WHERE source = ? AND frame > 0", (src, src, src))


def rows_for(conn: sqlite3.Connection, source: str | Path) -> list[sqlite3.Row]:
    """Rows of one input file, by frame."""
    return conn.execute("SELECT * FROM pages WHERE source = ? ORDER BY frame", (str(source),)).fetchall()


def pages(conn: sqlite3.Connection, status: str | Iterable[str] | None = None) -> list[sqlite3.Row]:
    """Rows with the given status (or any of several; all rows when None), by source and frame."""
    if status is None:
        return conn.execute("SELECT * FROM pages ORDER BY source, frame").fetchall()
    wanted = [status] if isinstance(status, str) else list(status)
    marks = ", ".join("?" * len(wanted))
    return conn.execute(f"SELECT * FROM pages WHERE status IN ({marks}) ORDER BY source, frame",
                        wanted).fetchall()


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Number of rows per status."""
    return {r[0]: r[1] for r in conn.execute("SELECT status, COUNT(*) FROM pages GROUP BY status")}
