"""Boxed articles side by side and gutters of different bands (browser 21 by_002): self-made line boxes."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout.blocks import group_lines
from digitize.layout.columns import split_at_gutters
from digitize.layout.regions import Seg

EM = 10.0


def _line(x0: int, y: int, x1: int) -> Seg:
    return Seg(Box(x0, y, x1, y + 10))


def test_the_tallest_gutter_splits_a_column_when_two_are_too_close_for_both() -> None:
    """A short gutter beside a photo low on the page and the tall gutter of an article's two columns above it
    lie 1.5 em apart: only one can split the grid column (3 em at least each side).  The tall one wins."""
    cols = [(0, 400)]
    short = Box(215, 600, 225, 800)                 # a photo's side, 200 px tall
    tall = Box(240, 100, 250, 580)                  # two columns' gutter, 480 px tall
    out, used = split_at_gutters(cols, [short, tall], EM, 3.0)
    assert out == [(0, 240), (250, 400)] and used == [tall]


def test_a_line_wholly_beside_a_block_does_not_continue_it() -> None:
    """Two columns of lines whose baselines are staggered by half a line, in one grid column (their gutter
    unfound): no block pairs lines across (browser dev bd_003); on a turned vertical page the rule is off."""
    cols = [(100, 400)]
    right = [_line(260, 100 + 14 * i, 400) for i in range(4)]
    left = [_line(100, 107 + 14 * i, 240) for i in range(4)]
    regions = group_lines(left + right, EM, cols, [], [])
    assert all(len({ln.box.x0 for ln in r.lines}) == 1 for r in regions)
    assert [len(r.lines) for r in regions if r.box.x0 == 260] == [4]
    turned = group_lines(left + right, EM, cols, [], [], beside=False)
    assert not all(len({ln.box.x0 for ln in r.lines}) == 1 for r in turned)


def test_a_framed_box_measures_its_lines_against_its_own_columns() -> None:
    """Two framed boxes side by side in one page column (100..400): lines running to a box's edge are full
    lines of the box, not paragraph ends of the page column, so each box's body is one block; a box's
    lines never join a block outside it."""
    cols = [(100, 400)]
    f1, f2 = Box(95, 90, 245, 200), Box(255, 90, 405, 200)
    left = [_line(100, 100 + 14 * i, 240) for i in range(5)]
    right = [_line(260, 103 + 14 * i, 400) for i in range(5)]
    under = [_line(100, 210, 400)]                                  # text under both boxes, across
    grids = [(f1, [(100, 240)]), (f2, [(260, 400)])]
    regions = group_lines(left + right + under, EM, cols, [], [], (), grids)
    assert sorted((r.box.x0, r.box.y0, len(r.lines)) for r in regions) == [(100, 100, 5), (100, 210, 1),
                                                                          (260, 103, 5)]
    # without the boxes' grids the lines' own measure (blocks.tab_stops: five lines ending at 240) keeps them
    # one block too; at the page column's edge alone (400) each would end short
    without = group_lines(left + right + under, EM, cols, [], [])
    assert any(r.box.x0 == 100 and len(r.lines) == 5 for r in without)


def test_text_beside_a_photo_is_read_before_the_foot_under_it_that_it_overhangs_by_a_descender() -> None:
    """An L-shaped article: text in column 2 beside a photo (columns 0-1), then its foot set across all three
    columns under the photo.  The column's last line reaches 4 px (under half a line) below the foot's top;
    the column is still read first (by_002)."""
    from digitize.layout.order import article_sequence
    from digitize.model import BlockType
    from digitize.layout.regions import Region

    beside = Region(Box(210, 100, 300, 304), BlockType.BODY, cols=(2, 2), font=10.0)
    foot = Region(Box(0, 300, 300, 400), BlockType.BODY, cols=(0, 2), font=10.0)
    assert article_sequence([foot, beside]) == [beside, foot]


def test_a_caption_indented_like_a_paragraph_keeps_its_short_last_line() -> None:
    """A caption across two grid columns whose first line is indented 2 of its ems, its last line '起。'
    flush at the measure's left edge, less than a gutter from the first line's start (by_002)."""
    cols = [(0, 100), (110, 300)]
    first = Seg(Box(20, 100, 250, 109))
    tail = Seg(Box(2, 110, 17, 119))
    regions = group_lines([first, tail], EM, cols, [], [])
    assert [len(r.lines) for r in regions] == [2]


def test_a_kicker_inside_a_framed_box_is_read_before_the_boxs_headline() -> None:
    """A framed box: a short kicker line flush left, under it the box's headline (bigger, indented), then
    its body.  The kicker is typed subhead and read before the headline (browser 8 bt_005)."""
    from digitize.layout.articles import assign_articles
    from digitize.layout.order import article_sequence
    from digitize.model import BlockType
    from digitize.layout.regions import Region

    kicker = Region(Box(10, 100, 150, 112), BlockType.BODY, [Seg(Box(10, 100, 150, 112))], (0, 0), 12.0,
                    in_frame=0)
    head = Region(Box(30, 116, 250, 140), BlockType.HEADLINE, [Seg(Box(30, 116, 250, 140))], (0, 0), 24.0,
                  in_frame=0)
    body = Region(Box(10, 150, 290, 300), BlockType.BODY, [Seg(Box(10, 150 + 14 * i, 290, 160 + 14 * i))
                                                           for i in range(10)], (0, 0), 10.0, in_frame=0)
    regions = [head, body, kicker]
    assign_articles(regions, [(0, 300)], [], EM)
    assert kicker.type == BlockType.SUBHEAD and kicker.article == head.article == body.article
    assert article_sequence(regions) == [kicker, head, body]


def test_a_picture_under_an_articles_jump_line_is_not_that_articles() -> None:
    """Two articles side by side; the right one's body ends with '（转第12版）' set flush right on its own line;
    a photo across both columns under them (its top level with the next row's headline) is not that
    article's picture.  Under a paragraph's short last line, set flush left, the photo still goes with the
    text above (browser 21 by_000).  A third article's column runs on beside the photo: a photo across the
    page's whole text width under two articles is an article of its own (articles._photo_across)."""
    from digitize.layout.articles import assign_articles
    from digitize.model import BlockType
    from digitize.layout.regions import Region

    cols = [(0, 200), (220, 420), (440, 640)]

    def build(last_x0: int, last_x1: int) -> list[Region]:
        out = []
        for c, (x0, x1) in enumerate(cols):
            foot = 170 if c < 2 else 310
            out.append(Region(Box(x0, 0, x1, 24), BlockType.HEADLINE, [Seg(Box(x0, 0, x1, 24))], (c, c), 24.0))
            out.append(Region(Box(x0, 30, x1, foot), BlockType.BODY, [Seg(Box(x0, y, x1, y + 10))
                                                                     for y in range(30, foot - 9, 14)], (c, c), 10.0))
        out.append(Region(Box(last_x0, 172, last_x1, 182), BlockType.BODY, [Seg(Box(last_x0, 172, last_x1, 182))],
                          (1, 1), 10.0))
        out.append(Region(Box(0, 195, 420, 300), BlockType.PICTURE, cols=(0, 1), pic=0))
        return out

    jump = build(360, 420)
    assign_articles(jump, cols, [], EM)
    assert jump[-1].article not in (jump[0].article, jump[2].article)
    tail = build(220, 280)
    assign_articles(tail, cols, [], EM)
    assert tail[-1].article == tail[2].article
