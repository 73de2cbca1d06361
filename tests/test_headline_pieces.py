"""One line of headline type cut into blocks at a column gutter is one headline (classify.headline_pieces)."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.classify import classify
from digitize.layout.regions import Region, Seg
from digitize.layout.separators import Rule
from digitize.model import BlockType

EM = 10.0
COLS = [(0, 200), (215, 415), (430, 630)]


def _glyphs(mask: np.ndarray, x0: int, x1: int, y0: int, y1: int, pitch: int, width: int) -> None:
    for x in range(x0, x1 - width + 1, pitch):
        mask[y0:y1, x:x + width] = 255


def _block(mask: np.ndarray, x0: int, x1: int, y0: int, y1: int, kind: str) -> Region:
    """A one-line block drawn: headline type (glyphs filling 40 px, 4 em) or a column of body lines."""
    if kind == "head":
        _glyphs(mask, x0, x1, y0, y1, 44, 40)
        return Region(Box(x0, y0, x1, y1), BlockType.BODY, lines=[Seg(Box(x0, y0, x1, y1))], font=float(y1 - y0))
    lines = []
    for y in range(y0, y1 - 9, 14):
        _glyphs(mask, x0, x1, y, y + 10, 11, 9)
        lines.append(Seg(Box(x0, y, x1, y + 10)))
    return Region(Box(x0, y0, x1, lines[-1].box.y1), BlockType.BODY, lines=lines, font=10.0)


def _page(gap: int, rule: tuple[int, int] | None = None, frames: list[Box] = ()) -> tuple[list[Region], list[Region]]:
    """A headline line 40 px tall over the first two of three columns, cut into a left piece (x 20-196) and a
    right one starting ``gap`` px after it; a headline over the third column, 16 px after the right piece;
    body under each column.  ``rule``: a vertical rule between the two pieces, its top and bottom (y)."""
    mask = np.zeros((400, 640), np.uint8)
    left = _block(mask, 20, 196, 40, 80, "head")
    right = _block(mask, 196 + gap, 196 + gap + 176, 40, 80, "head")
    third = _block(mask, right.box.x1 + 16, 630, 40, 80, "head")
    body = [_block(mask, c0, c1, 100, 380, "body") for c0, c1 in COLS]
    rules = [] if rule is None else [Rule(Box(196 + gap // 2 - 1, rule[0], 196 + gap // 2 + 2, rule[1]), "v", 3.0)]
    out = classify([left, right, third, *body], EM, COLS, mask, rules, frames=list(frames))
    return out, [left, right, third]


def test_a_headline_line_cut_at_a_gutter_is_one_headline_block() -> None:
    # the pieces 10 px apart (a quarter of the type's height): one line of headline type, one block over
    # both columns; the headline 16 px after it (0.4 of its height) stays a headline of its own
    out, (left, right, third) = _page(10)
    heads = [r for r in out if r.type == BlockType.HEADLINE]
    assert left in out and right not in out and third in out
    assert len(heads) == 2 and len(left.lines) == 1
    assert left.box.x0 == 20 and left.box.x1 == right.box.x1
    assert any("cut at a column gutter" in t for t in left.trace)
    # a mark between them no taller than the line (a colon's dots and grain found as a short "rule", microfilm
    # 34 mq_001) does not part them; a column rule running on down the columns does
    out, (left, right, _) = _page(10, rule=(30, 90))
    assert right not in out
    out, (left, right, _) = _page(10, rule=(30, 380))
    assert right in out and right.type == BlockType.HEADLINE
    # nor across the side of a boxed article's frame: the left piece and its column inside, the right outside
    out, (left, right, _) = _page(10, frames=[Box(10, 30, 204, 390)])
    assert right in out and right.type == BlockType.HEADLINE


def test_two_headlines_a_gutter_apart_stay_apart() -> None:
    # 20 px between them (half the type's height): two headlines over neighbouring columns
    out, (left, right, third) = _page(20)
    assert left in out and right in out and third in out
    assert all(r.type == BlockType.HEADLINE for r in (left, right, third))
