"""One row per page of a batch: the numbers a reviewer needs, the flags and the review state."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from ..config import QASettings
from ..errors import DigitizeError, UsageError
from .alto import AltoPage, read_alto
from .estimate import Calibration, NOT_READ, default_calibration, estimated_cer, load_calibration, page_features
from .flags import Flag, page_flags
from .pages import PageRow, read_pages
from .review import Review, latest_reviews, review_state

SORTS = ("worst", "name", "id")


@dataclass
class SummaryRow:
    page: PageRow
    flags: list[Flag] = field(default_factory=list)
    review: Optional[Review] = None
    estimated_cer: Optional[float] = None  # see digitize.qa.estimate; None while the page is not processed
    features: dict[str, float] = field(default_factory=dict)

    @property
    def badness(self) -> float:
        return sum(f.weight for f in self.flags)

    @property
    def low_conf_share(self) -> Optional[float]:
        return self.page.low_conf_chars / self.page.chars if self.page.chars else None

    @property
    def review_state(self) -> str:
        return review_state(self.review)

    def to_json(self, out: Path) -> dict[str, Any]:
        p = self.page

        def rel(path: Optional[Path]) -> Optional[str]:
            if path is None:
                return None
            try:
                return path.relative_to(out).as_posix()
            except ValueError:
                return str(path)

        return {
            "id": p.id, "name": p.name, "rel": p.rel, "frame": p.frame, "source": str(p.source),
            "status": p.status, "reason": p.reason, "alto": rel(p.alto), "txt": rel(p.txt),
            "width": p.width, "height": p.height, "chars": p.chars, "mean_conf": p.mean_conf,
            "low_conf_share": self.low_conf_share, "deskew_angle": p.deskew_angle,
            "blocks": p.blocks, "articles": p.articles, "estimated_cer": self.estimated_cer,
            "badness": round(self.badness, 2), "features": {k: round(v, 5) for k, v in self.features.items()},
            "flags": [asdict(f) for f in self.flags],
            "review": self.review_state,
            "review_note": self.review.note if self.review else "",
            "reviewer": self.review.reviewer if self.review else "",
            "review_time": self.review.time if self.review else "",
        }


def load_alto_safely(row: PageRow) -> tuple[Optional[AltoPage], list[Flag]]:
    """The page's ALTO, or None plus a flag explaining why it cannot be read."""
    if row.status != "done" or row.alto is None or not row.alto.is_file():
        return None, []
    try:
        return read_alto(row.alto, width_px=row.width or None), []
    except DigitizeError as e:
        return None, [Flag("bad-alto", f"ALTO unreadable: {e}", 60.0)]


def summarize(out: str | Path, qa: QASettings, statuses: Iterable[str] = (), sort: str = "worst",
              with_layout: bool = True, calibration: Optional[Calibration] = None) -> list[SummaryRow]:
    """Summary rows of the batch in OUT.

    ``statuses`` keeps pages whose processing status (pending/running/done/failed/skipped) or review
    state (approved/rejected/unreviewed) is listed; empty keeps all.  ``with_layout`` parses every
    ALTO file for the layout flags (overlaps, text outside blocks) and the quality estimate (without
    it the estimate comes from the manifest's confidence numbers alone).  The estimate's constants are
    ``calibration``, else those of the file ``qa.calibration`` names, else the shipped ones."""
    wanted = set(statuses)
    if calibration is None:
        calibration = load_calibration(Path(qa.calibration)) if qa.calibration else default_calibration()
    reviews = latest_reviews(out)
    rows = []
    for page in read_pages(out):
        review = reviews.get(page.id)
        if wanted and page.status not in wanted and review_state(review) not in wanted:
            continue
        alto, extra = load_alto_safely(page) if with_layout else (None, [])
        flags = sorted(page_flags(page, alto, qa) + extra, key=lambda f: -f.weight)
        row = SummaryRow(page, flags, review)
        unreadable = page.status == "done" and (bool(extra) or (with_layout and alto is None))
        if page.status == "failed" or unreadable:
            row.estimated_cer = NOT_READ
        elif page.status == "done":
            row.features = page_features(page, alto, flags)
            row.estimated_cer = calibration.estimate(row.features)
        rows.append(row)
    return sort_rows(rows, sort)


def sort_rows(rows: list[SummaryRow], sort: str) -> list[SummaryRow]:
    if sort == "worst":
        return sorted(rows, key=lambda r: (r.estimated_cer is None, -(r.estimated_cer or 0.0), -r.badness, r.page.name))
    if sort == "name":
        return sorted(rows, key=lambda r: (r.page.name, r.page.id))
    if sort == "id":
        return sorted(rows, key=lambda r: r.page.id)
    raise UsageError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")


def render_table(rows: list[SummaryRow], title: str = ""):
    """A rich Table of the rows (flags spelled out, review state coloured)."""
    from rich.table import Table

    table = Table(title=title or None, show_lines=False, header_style="bold")
    for name, justify in [("id", "right"), ("page", "left"), ("status", "left"), ("est. CER", "right"), ("chars", "right"),
                          ("conf", "right"), ("low", "right"), ("skew", "right"), ("art/blk", "right"),
                          ("flags", "left"), ("review", "left")]:
        table.add_column(name, justify=justify, overflow="fold")
    colours = {"approved": "green", "rejected": "red", "unreviewed": "dim"}
    for r in rows:
        p = r.page
        status = p.status if p.status == "done" else f"[bold red]{p.status}[/]"
        flags = "\n".join(f.message for f in r.flags) or "[green]-[/]"
        review = f"[{colours[r.review_state]}]{r.review_state}[/]"
        if r.review and r.review.note:
            review += f"\n[dim]{r.review.note}[/]"
        table.add_row(
            str(p.id), p.name, status, f"{r.estimated_cer:.3f}" if r.estimated_cer is not None else "-",
            str(p.chars) if p.status == "done" else "-",
            f"{p.mean_conf:.2f}" if p.mean_conf is not None else "-",
            f"{r.low_conf_share:.0%}" if r.low_conf_share is not None else "-",
            f"{p.deskew_angle:+.1f}" if p.deskew_angle is not None else "-",
            f"{p.articles}/{p.blocks}" if p.status == "done" else "-",
            flags, review)
    return table
