"""A vertical article on a horizontal page: its headline and byline columns become blocks of their own."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout.regions import Region, Seg
from digitize.layout.vertical import split_heads
from digitize.model import BlockType


def _col(x: int, y0: int, y1: int, w: int = 11) -> Seg:
    return Seg(Box(x, y0, x + w, y1), vertical=True, core=float(w))


def _article(head: bool = True, byline: bool = True, stray: bool = False) -> Region:
    """Columns right to left as measured on browser 22 bz_003 (layout px, body type 11 px): a headline
    column 18 px wide, a byline level with the top ending short, then body columns, a paragraph's first
    column indented two characters (23 px)."""
    cols = []
    x = 470
    if stray:
        cols.append(_col(x + 8, 600, 624, w=24))          # a squat stamp beside the article
    if head:
        cols.append(_col(x - 18, 591, 810, w=18))         # 1.6 times the body columns
        x -= 25
    if byline:
        cols.append(_col(x - 11, 591, 744))
        x -= 18
    for k in range(8):
        top = 614 if k % 3 == 0 else 591                   # paragraphs start indented
        cols.append(_col(x - 11, top, 1520))
        x -= 18
    box = Box.union_all([c.box for c in cols])
    return Region(box, BlockType.BODY, cols, vertical=True, font=11.0)


def test_headline_and_byline_columns_become_blocks_read_before_the_body() -> None:
    out = split_heads([_article()])
    kinds = [(r.type, len(r.lines)) for r in sorted(out, key=lambda r: -r.box.x1)]
    assert kinds == [(BlockType.HEADLINE, 1), (BlockType.BYLINE, 1), (BlockType.BODY, 8)]
    assert all(r.vertical for r in out)
    head = next(r for r in out if r.type == BlockType.HEADLINE)
    assert head.font == 18.0 and head.box.x0 == 452


def test_a_block_whose_first_column_is_indented_has_no_byline() -> None:
    r = _article(head=False, byline=False)
    out = split_heads([r])
    assert out == [r] and r.type == BlockType.BODY and len(r.lines) == 8


def test_a_headline_without_byline_and_a_squat_stamp_beside_it() -> None:
    out = split_heads([_article(byline=False, stray=True)])
    kinds = [(r.type, len(r.lines)) for r in sorted(out, key=lambda r: -r.box.x1)]
    # the stamp (as wide as a headline column but one character tall) is no headline: a block of its own
    assert kinds == [(BlockType.BODY, 1), (BlockType.HEADLINE, 1), (BlockType.BODY, 8)]


def test_horizontal_blocks_are_left_alone() -> None:
    r = Region(Box(0, 0, 300, 100), BlockType.BODY, [Seg(Box(0, y, 300, y + 12)) for y in range(0, 100, 18)])
    assert split_heads([r]) == [r]


def test_spaced_out_rows_standing_in_line_are_not_split() -> None:
    """A justified paragraph spaced out beside a photo: its characters stand in 'columns' 2 px apart and a
    paragraph's height (7 characters) long; its first, wider 'column' is no headline."""
    cols = [_col(185, 336, 426, w=32)] + [_col(x, 336, 435, w=14) for x in range(159, 40, -16)]
    r = Region(Box.union_all([c.box for c in cols]), BlockType.BODY, cols, vertical=True, font=14.0)
    assert split_heads([r]) == [r] and r.type == BlockType.BODY
