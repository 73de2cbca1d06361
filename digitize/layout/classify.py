"""Block types from type size and position: headline, subhead, byline, body (captions, teasers, masthead are set earlier)."""
from __future__ import annotations

from ..model import BlockType
from .regions import Region, x_overlap


def classify(regions: list[Region], em: float, cols: list[tuple[int, int]]) -> None:
    """Set ``type`` on the body-area text regions in place."""
    text = [r for r in regions if r.type == BlockType.BODY]
    for r in text:
        if r.font >= 1.45 * em:
            r.type = BlockType.HEADLINE
    heads = [r for r in text if r.type == BlockType.HEADLINE]
    for r in text:
        if r.type != BlockType.BODY:
            continue
        above = [h for h in heads if h.box.y1 <= r.box.y0 + 0.3 * em and r.box.y0 - h.box.y1 <= 4.5 * em
                 and x_overlap(h.box, r.box) > -2 * em]
        if not above or len(r.lines) > 3:
            continue
        # between a headline and the body: a subhead (centred / larger) or a byline (left, smaller)
        col_left = min((c[0] for c in cols if abs(c[0] - r.box.x0) < 1.0 * em), default=None)
        full = r.cols[0] >= 0 and all(ln.box.width > 0.9 * (cols[r.cols[0]][1] - cols[r.cols[0]][0]) for ln in r.lines[:-1]) and len(r.lines) > 1
        if full:
            continue
        if col_left is not None and r.font <= 0.95 * em and len(r.lines) <= 2:
            r.type = BlockType.BYLINE
        else:
            r.type = BlockType.SUBHEAD
