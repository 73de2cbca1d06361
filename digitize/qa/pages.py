"""The batch's pages as QA sees them, read from the manifest through its owner
:mod:`digitize.batch.manifest` (read-only, so a finished batch in a read-only folder can be reviewed).

QA only reads the ``pages`` table; reviews and corrections live in their own tables
(see :mod:`digitize.qa.review`, :mod:`digitize.qa.correct`).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Optional

from ..batch import manifest as mf
from ..errors import InputError

MANIFEST = mf.MANIFEST_NAME


@dataclass
class PageRow:
    """One row of the manifest's ``pages`` table, with paths resolved against OUT."""

    id: int
    source: Path
    rel: str
    frame: int
    status: str
    reason: str = ""
    engine: str = ""
    alto: Optional[Path] = None
    txt: Optional[Path] = None
    width: int = 0
    height: int = 0
    chars: int = 0
    mean_conf: Optional[float] = None
    low_conf_chars: int = 0
    deskew_angle: Optional[float] = None
    blocks: int = 0
    articles: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    finished: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """A short readable name: the relative input path without suffix (+ ``_pNNN`` for frames > 0)."""
        stem = PurePosixPath(self.rel).with_suffix("").as_posix() if self.rel else self.source.stem
        return stem if not self.frame else f"{stem}_p{self.frame + 1:03d}"


def manifest_path(out: str | Path) -> Path:
    return mf.manifest_file(out)


def connect(out: str | Path, readonly: bool = False) -> sqlite3.Connection:
    """A connection to OUT's manifest for QA's own tables (reviews, corrections)."""
    return mf.open_existing(out, readonly=readonly)


def _opt_path(out: Path, value: Any) -> Optional[Path]:
    if not value:
        return None
    p = Path(value)
    return p if p.is_absolute() else out / p


def _row(out: Path, r: sqlite3.Row) -> PageRow:
    keys = r.keys()

    def get(name: str, default: Any = None) -> Any:
        return r[name] if name in keys and r[name] is not None else default

    try:
        timings = json.loads(get("timings", "{}") or "{}")
    except ValueError:
        timings = {}
    try:
        warnings = json.loads(get("warnings", "[]") or "[]")
    except ValueError:
        warnings = [str(get("warnings"))]
    return PageRow(
        id=int(r["id"]), source=Path(get("source", "")), rel=get("rel", ""), frame=int(get("frame", 0)),
        status=get("status", "pending"), reason=get("reason", ""), engine=get("engine", ""),
        alto=_opt_path(out, get("alto")), txt=_opt_path(out, get("txt")),
        width=int(get("width", 0)), height=int(get("height", 0)), chars=int(get("chars", 0)),
        mean_conf=get("mean_conf"), low_conf_chars=int(get("low_conf_chars", 0)),
        deskew_angle=get("deskew_angle"), blocks=int(get("blocks", 0)), articles=int(get("articles", 0)),
        timings=timings if isinstance(timings, dict) else {}, finished=get("finished", ""),
        warnings=[str(w) for w in warnings] if isinstance(warnings, list) else [str(warnings)])


def query(out: str | Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    """Rows of a read-only query on QA's own tables in OUT's manifest; a damaged file is a one-line
    InputError.  (The ``pages`` table is read through :mod:`digitize.batch.manifest`.)"""
    con = connect(out, readonly=True)
    try:
        return con.execute(sql, params).fetchall()
    except sqlite3.DatabaseError as e:
        raise InputError(manifest_path(out), f"cannot read the manifest ({e})") from None
    finally:
        con.close()


def read_pages(out: str | Path) -> list[PageRow]:
    """Every page of the batch, in manifest order."""
    out = Path(out)
    return [_row(out, r) for r in mf.read_rows(out)]


def find_page(pages: list[PageRow], key: str, where: str | Path = "") -> PageRow:
    """The page named by ``key``: its manifest id, relative input path (with or without suffix),
    ALTO file name/stem or input stem.  A key matching several pages is an error listing them."""
    key = key.strip()
    if key.isdigit():
        for p in pages:
            if p.id == int(key):
                return p
    norm = key.replace("\\", "/")
    exact = [p for p in pages if norm in (p.rel, PurePosixPath(p.rel).with_suffix("").as_posix())
             or (p.alto is not None and norm in (p.alto.name, p.alto.stem))]
    if not exact:
        exact = [p for p in pages if norm in (p.name, p.source.name, p.source.stem)]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        names = ", ".join(f"{p.id}={p.rel or p.source}#{p.frame}" for p in exact[:8])
        raise InputError(where or key, f"page '{key}' is ambiguous ({names}); give the manifest id")
    raise InputError(where or key, f"no page '{key}' in the manifest (give its id, relative path or stem)")
