"""A vertical article on a film page whose columns film grain ran together: a few specks in every pixel column of
the narrow white channel between two columns leave none of it blank, so the column finder reads the two (or more)
columns as one "line", which recognition reads as nothing (fresh microfilm 77 m15_002: 23 of the body's 40
columns in 9 such lines).  vertical.split_joined_columns parts such a line, measured against the block's own
narrow columns, where the specks are discounted."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.params import DEFAULT as P
from digitize.layout.regions import Region, Seg
from digitize.layout.vertical import detect_vertical, split_joined_columns
from digitize.model import BlockType

EM = 10                     # body type, layout px
PITCH, WIDTH, CHARS = 14, 9, 30     # columns 9 px wide at a 14 px pitch (a 5 px channel), 30 characters long


def _block(grain: tuple[int, ...], head: bool = False) -> tuple[np.ndarray, Region]:
    """Layout-px ink of eight columns of characters (9 x 9 px at an 11 px pitch, each column's a little
    lower); in the channel right of each column index in ``grain``, three specks of one pixel in every pixel
    column (film grain); column 7 stands 1 px right of column 6 (a channel of one pixel column).  With
    ``head`` the rightmost column is a headline column instead: characters twice as wide and tall, the white
    between their strokes at another place in each, no grain beside it."""
    rng = np.random.default_rng(7)
    text = np.zeros((420, 200), np.uint8)
    x0, top = 20, 20
    for k in range(8):
        x = x0 + PITCH * k - (PITCH - WIDTH - 1 if k == 7 and not head else 0)
        if head and k == 7:
            for i in range(CHARS // 2):
                y = top + 22 * i
                cut = x + (4, 9, 13)[i % 3]             # each character's strokes apart at another place
                text[y:y + 18, x:x + 18] = 255
                text[y:y + 18, cut:cut + 2] = 0
            continue
        for i in range(CHARS):
            y = top + 11 * i + (4 * k) % 11          # (rows of characters not level across the columns)
            text[y:y + 9, x:x + WIDTH] = 255
    for k in grain:
        for cx in range(x0 + PITCH * k + WIDTH, x0 + PITCH * (k + 1)):
            for cy in rng.integers(top, top + 11 * CHARS, 3):
                text[cy, cx] = 255
    box = Box(x0 - 2, top - 2, x0 + PITCH * 7 + (18 if head else WIDTH) + 2, top + 11 * CHARS + 12)
    return text, Region(box, BlockType.BODY, [Seg(box)], font=float(EM))


def test_columns_run_together_by_grain_are_parted() -> None:
    text, region = _block(grain=(1, 2, 5))
    vert = [r for r in detect_vertical([region], text, float(EM)) if r.vertical]
    assert len(vert) == 1
    assert len(vert[0].lines) == 4            # columns 1-3 read as one line, 5-7 as another
    split_joined_columns(vert, text, float(EM))
    assert len(vert[0].lines) == 8
    assert all(s.box.width <= WIDTH + 1 for s in vert[0].lines)
    assert [s.box.x1 for s in vert[0].lines] == sorted((s.box.x1 for s in vert[0].lines), reverse=True)
    assert vert[0].font <= WIDTH + 1 and any("parted" in t for t in vert[0].trace)


def test_without_grain_or_in_a_headline_column_nothing_is_parted() -> None:
    text, region = _block(grain=(), head=True)
    vert = [r for r in detect_vertical([region], text, float(EM)) if r.vertical]
    before = [s.box for s in vert[0].lines]
    assert len(before) == 8
    # (a headline column twice as wide as the body's is one column: the white between its characters' strokes
    # lies at another place in each, no pixel column of it blank)
    assert max(s.width for s in before) > P.vertical_joined_width_ratio * WIDTH
    split_joined_columns(vert, text, float(EM))
    assert [s.box for s in vert[0].lines] == before
