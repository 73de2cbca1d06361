"""A line's type size by its box leaves out specks above and below it (classify.ink_height)."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.classify import classify, ink_height
from digitize.layout.regions import Region, Seg
from digitize.model import BlockType

EM = 15.0


def _chars(mask: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> None:
    for x in range(x0, x1 - 9, 15):               # characters 9 px wide, 6 px apart
        mask[y0:y1, x:x + 9] = 255


def test_specks_above_and_below_a_byline_do_not_make_it_a_headline() -> None:
    """Body lines 15 px tall; a one-line byline of type 16 px tall (1.07 em) with a speck 3 px above it and
    one 2 px below (a heavy scan), taken into its box (21 px): body size, no headline.  A line of type 1.5 em
    is a headline."""
    mask = np.zeros((400, 380), np.uint8)
    by_box = Box(0, 20, 180, 41)
    _chars(mask, 0, 180, 23, 39)
    mask[20, 60] = mask[40, 120] = 255                                 # the specks
    lines = []
    for i in range(8):
        y = 60 + 21 * i
        _chars(mask, 0, 360, y, y + 15)
        lines.append(Seg(Box(0, y, 360, y + 15)))
    body = Region(Box(0, 60, 360, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=EM)
    by = Region(by_box, BlockType.BODY, lines=[Seg(by_box)], cols=(0, 0), font=1.08 * EM)
    assert ink_height(mask, by_box) == 16
    classify([by, body], EM, [(0, 360)], mask)
    assert by.type != BlockType.HEADLINE
    mask[20:41, 0:180] = 0
    _chars(mask, 0, 180, 20, 43)
    head = Region(Box(0, 20, 180, 43), BlockType.BODY, lines=[Seg(Box(0, 20, 180, 43))], cols=(0, 0), font=1.5 * EM)
    classify([head, body], EM, [(0, 360)], mask)
    assert head.type == BlockType.HEADLINE
