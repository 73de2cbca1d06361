"""The layout trace of a page (``run --debug``): per block in reading order, its type, box and the rules
that made, typed, split or merged it.  Plain UTF-8 text beside the ALTO, ``<stem>.trace.txt``."""
from __future__ import annotations

from pathlib import Path

from ..atomic import write_text
from ..model import Page


def trace_text(page: Page) -> str:
    out = [f"# layout trace of {page.source.name} (page {page.page_number}); boxes x0,y0,x1,y1 in scan pixels"]
    for step in page.steps:
        if step.name == "layout":
            out.append("# layout: " + ", ".join(f"{k}={v}" for k, v in step.settings.items()))
    for b in page.blocks:
        first = b.lines[0].text[:20] if b.lines else ""
        out.append(f"{b.id} {b.type.value} article={b.article} box={b.box.x0},{b.box.y0},{b.box.x1},{b.box.y1}"
                   f" lines={len(b.lines)} {first!r}")
        out.extend(f"    - {t}" for t in b.trace)
    return "\n".join(out) + "\n"


def write_trace(page: Page, path: Path) -> None:
    write_text(path, trace_text(page))
