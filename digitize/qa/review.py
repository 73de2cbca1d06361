"""Reviewers' decisions, kept in table ``reviews`` of the batch manifest (created on demand).

Every decision is a new row (the history stays); a page's current review is its latest row.
"""
from __future__ import annotations

import getpass
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from ..errors import InputError, UsageError
from .pages import PageRow, connect, manifest_path, query, read_pages

DECISIONS = ("approved", "rejected")
REVIEW_STATES = ("approved", "rejected", "unreviewed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    page_id INTEGER NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_page ON reviews (page_id, id);
"""


@dataclass
class Review:
    page_id: int
    decision: str
    note: str
    reviewer: str
    time: str          # ISO 8601 UTC


def _has_table(out: str | Path) -> bool:
    return bool(query(out, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='reviews'"))


def latest_reviews(out: str | Path) -> dict[int, Review]:
    """page id -> its current (latest) review; pages never reviewed are absent."""
    if not _has_table(out):
        return {}
    rows = query(out, "SELECT page_id, decision, note, reviewer, time FROM reviews ORDER BY id")
    return {r["page_id"]: Review(r["page_id"], r["decision"], r["note"], r["reviewer"], r["time"]) for r in rows}


def history(out: str | Path, page_id: int) -> list[Review]:
    """Every review of one page, oldest first."""
    if not _has_table(out):
        return []
    rows = query(out, "SELECT page_id, decision, note, reviewer, time FROM reviews WHERE page_id=? ORDER BY id",
                 (page_id,))
    return [Review(*tuple(r)) for r in rows]


def mark(out: str | Path, page: PageRow, decision: str, note: str = "", reviewer: Optional[str] = None,
         now: Optional[datetime] = None) -> Review:
    """Record a decision on ``page``.  Approving needs a finished page with its ALTO file."""
    if decision not in DECISIONS:
        raise UsageError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    if decision == "approved" and (page.status != "done" or page.alto is None or not page.alto.is_file()):
        why = page.reason or page.status if page.status != "done" else "its ALTO file is missing"
        raise InputError(page.alto or page.source, f"cannot approve page {page.id} ({page.name}): {why}")
    if reviewer is None:
        try:
            reviewer = getpass.getuser()
        except (KeyError, OSError):
            reviewer = ""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    review = Review(page.id, decision, note, reviewer, stamp)
    con = connect(out)
    try:
        with con:
            con.executescript(_SCHEMA)
            con.execute("INSERT INTO reviews (page_id, decision, note, reviewer, time) VALUES (?, ?, ?, ?, ?)",
                        (review.page_id, review.decision, review.note, review.reviewer, review.time))
    except sqlite3.DatabaseError as e:
        raise InputError(manifest_path(out), f"cannot record the review ({e})") from None
    finally:
        con.close()
    return review


def review_state(review: Optional[Review]) -> str:
    return review.decision if review else "unreviewed"


def export(out: str | Path, state: str = "approved") -> list[Path]:
    """ALTO files of the pages whose current review state is ``state`` (manifest order).

    Only pages that are done and whose ALTO file exists are listed."""
    if state not in REVIEW_STATES:
        raise UsageError(f"review state must be one of {', '.join(REVIEW_STATES)}, not {state!r}")
    reviews = latest_reviews(out)
    return [p.alto for p in read_pages(out)
            if review_state(reviews.get(p.id)) == state and p.status == "done"
            and p.alto is not None and p.alto.is_file()]
