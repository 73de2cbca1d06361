"""Reading order: masthead, then articles by rows of top edges (left to right), then inside each article
headline -> subhead -> byline -> body column by column -> each picture followed by its caption."""
from __future__ import annotations

from ..model import BlockType
from .regions import Region

_HEAD_KINDS = (BlockType.HEADLINE, BlockType.SUBHEAD, BlockType.BYLINE)


def rows(items: list[tuple[int, int, object]], tol: float) -> list[object]:
    """Sort (top, left, item) by rows: tops within ``tol`` of the row's first top form one row, read left to right."""
    items = sorted(items, key=lambda t: (t[0], t[1]))
    out: list[object] = []
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and items[j][0] - items[i][0] <= tol:
            j += 1
        out.extend(t[2] for t in sorted(items[i:j], key=lambda t: t[1]))
        i = j
    return out


def article_sequence(blocks: list[Region]) -> list[Region]:
    """The blocks of one article in reading order."""
    heads = sorted([b for b in blocks if b.type in _HEAD_KINDS or b.type in (BlockType.MASTHEAD, BlockType.TEASER)],
                   key=lambda b: (b.box.y0, b.box.x0))
    body = [b for b in blocks if b.type == BlockType.BODY]
    body.sort(key=lambda b: (b.cols[0] if b.cols[0] >= 0 else 1 << 20, b.box.x0 if b.cols[0] < 0 else 0, b.box.y0))
    pics = sorted([b for b in blocks if b.type == BlockType.PICTURE], key=lambda b: (b.box.y0, b.box.x0))
    caps = [b for b in blocks if b.type == BlockType.CAPTION]
    tail: list[Region] = []
    for p in pics:
        tail.append(p)
        tail.extend(c for c in caps if c.caption_of == p.pic)
    tail.extend(c for c in caps if c not in tail)
    return heads + body + tail


def reading_order(regions: list[Region], tol: float) -> list[Region]:
    """All regions in reading order; ``tol`` is the row tolerance in layout px."""
    mast = [r for r in regions if r.article == 0]
    out: list[Region] = list(rows([(r.box.y0, r.box.x0, r) for r in mast], tol))
    arts: dict[int, list[Region]] = {}
    for r in regions:
        if r.article != 0:
            arts.setdefault(r.article, []).append(r)
    tops = [(min(b.box.y0 for b in bl), min(b.box.x0 for b in bl), aid) for aid, bl in arts.items()]
    for aid in rows(tops, tol):
        out.extend(article_sequence(arts[aid]))
    return out
