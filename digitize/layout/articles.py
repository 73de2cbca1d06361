"""Group blocks into articles: each headline heads the columns it spans (or that it is left/centred over)."""
from __future__ import annotations

from ..geometry import Box
from ..model import BlockType
from .columns import columns_of
from .regions import Region, x_overlap, y_overlap
from .separators import Rule


def _vrule_between(x0: float, x1: float, box: Box, rules: list[Rule]) -> bool:
    for r in rules:
        if r.orientation == "v" and x0 <= r.box.cx <= x1 and y_overlap(r.box, box) > 0.5 * box.height:
            return True
    return False


def headline_spans(heads: list[Region], cols: list[tuple[int, int]], rules: list[Rule], em: float) -> dict[int, tuple[int, int]]:
    """Column span of each headline: the columns it covers, widened over uncovered neighbours in its row."""
    spans = {id(h): columns_of(h.box, cols, em) for h in heads}
    for h in heads:
        c0, c1 = spans[id(h)]
        if c0 < 0:
            continue
        row = [g for g in heads if g is not h and y_overlap(g.box, h.box) > -2 * em]

        def covered(c: int) -> bool:
            return any(spans[id(g)][0] <= c <= spans[id(g)][1] for g in row)

        # widen right over columns no headline of the row covers (left-aligned / short headlines)
        while c1 + 1 < len(cols) and not covered(c1 + 1) and not _vrule_between(cols[c1][1] - em, cols[c1 + 1][0] + em, h.box, rules):
            c1 += 1
        # widen left only when nothing on the left could head it
        while c0 - 1 >= 0 and not covered(c0 - 1) and not any(spans[id(g)][1] < c0 - 1 or g.box.x1 <= cols[c0 - 1][0] for g in row) \
                and not _vrule_between(cols[c0 - 1][1] - em, cols[c0][0] + em, h.box, rules):
            c0 -= 1
        spans[id(h)] = (c0, c1)
    return spans


def _h_barrier(top: int, bottom: int, span_box: Box, x: Box, rules: list[Rule], em: float) -> bool:
    """A horizontal rule between a headline and a block that is wider than the headline's article: a new band."""
    for r in rules:
        if r.orientation == "h" and top - 1 <= r.box.cy <= bottom + 1 and x_overlap(r.box, x) > 0 \
                and (r.box.x0 < span_box.x0 - 2 * em or r.box.x1 > span_box.x1 + 2 * em):
            return True
    return False


def assign_articles(regions: list[Region], cols: list[tuple[int, int]], rules: list[Rule], em: float) -> None:
    """Set ``article`` on every region (masthead regions get article 0, the rest 1..)."""
    next_id = 1
    for r in regions:
        if r.masthead:
            r.article = 0
    frames: dict[int, int] = {}
    for r in regions:                       # each framed box is one article
        if r.in_frame is not None and r.article is None:
            if r.in_frame not in frames:
                frames[r.in_frame] = next_id
                next_id += 1
            r.article = frames[r.in_frame]
    heads = [r for r in regions if r.type == BlockType.HEADLINE and r.article is None]
    spans = headline_spans(heads, cols, rules, em)
    for h in heads:
        h.article = next_id
        next_id += 1
    for h in heads:                         # a headline heads all the columns of its article
        if spans[id(h)][0] >= 0:
            h.cols = spans[id(h)]
    for r in regions:
        if r.article is not None or r.type in (BlockType.CAPTION,):
            continue
        rc = r.cols if r.cols[0] >= 0 else columns_of(r.box, cols, em)
        best, best_y = None, None
        for h in heads:
            c0, c1 = spans[id(h)]
            if c0 < 0 or h.box.y0 > r.box.y0 + 0.5 * em:
                continue
            if not (c0 <= rc[0] and rc[1] <= c1) and not (rc[0] < 0 and x_overlap(h.box, r.box) > 0):
                continue
            span_box = Box(cols[c0][0], h.box.y0, cols[c1][1], h.box.y1)
            if _h_barrier(h.box.y1, r.box.y0, span_box, r.box, rules, em):
                continue
            if best_y is None or h.box.y1 > best_y:
                best, best_y = h, h.box.y1
        if best is not None:
            r.article = best.article
    # captions follow their picture; pictures without a headline above start their own article
    for r in regions:
        if r.article is None and r.type != BlockType.CAPTION:
            r.article = next_id
            next_id += 1
    for r in regions:
        if r.type == BlockType.CAPTION:
            pic = regions_picture(regions, r)
            r.article = pic.article if pic is not None and pic.article is not None else next_id
            if pic is None or pic.article is None:
                next_id += 1


def regions_picture(regions: list[Region], caption: Region) -> Region | None:
    for r in regions:
        if r.type == BlockType.PICTURE and r.pic == caption.caption_of:
            return r
    return None
