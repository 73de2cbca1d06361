"""Line finding on real broadsheet scans (issue 10, the NZZ pages): a column rule worn to pieces is still a
wall between the columns, and a masthead title's tails do not swallow the small lines beside them."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.masthead import split_title_lines
from digitize.layout.regions import Seg
from digitize.layout.separators import join_broken_rules, find_rules, split_ink

UNIT = 4.0          # layout px per mm (about 100 dpi)


def worn_rule(gap_ink: bool, text: bool = False) -> np.ndarray:
    """A vertical rule at x=100 from y=20 to 380, worn away at 180-205 except for a middle piece too short
    for the rule finder (``gap_ink``); with ``text``, a letter 12 px wide stands in the gap instead."""
    im = np.zeros((400, 200), np.uint8)
    im[20:180, 100:102] = 255
    im[205:380, 100:102] = 255
    if gap_ink:
        im[184:201, 100:102] = 255
    if text:
        im[184:201, 95:107] = 255
    return im


def v_rules(im: np.ndarray) -> list[Box]:
    rules, masks = join_broken_rules(*find_rules(im, UNIT, 8 * UNIT), im, 8 * UNIT, 25 * UNIT)
    return sorted((r.box for r in rules if r.orientation == "v"), key=lambda b: b.y0)


def test_rule_worn_to_pieces_is_one_rule() -> None:
    found = v_rules(worn_rule(gap_ink=True))
    assert len(found) == 1
    assert found[0].y0 <= 24 and found[0].y1 >= 378
    # ... and its middle piece is the rule's ink, not text: a hyphen touching it joins no columns
    ink = split_ink(worn_rule(gap_ink=True), UNIT)
    assert not ink.text[184:201, 100:102].any()


def test_rule_pieces_with_white_or_text_between_stay_apart() -> None:
    assert len(v_rules(worn_rule(gap_ink=False))) == 2           # a headline's white crosses the column
    assert len(v_rules(worn_rule(gap_ink=False, text=True))) == 2  # a text stroke, wider than the rule


def title_page() -> tuple[np.ndarray, Seg]:
    """A masthead title: 12 letters 60 px tall (em 10), two of them with a tail 30 px down beside a row of
    small info text 8 px tall that one tail touches; the title's fragment holds it all."""
    im = np.zeros((200, 800), np.uint8)
    for k in range(12):
        x = 40 + 60 * k
        im[40:100, x:x + 40] = 255
        im[45:95, x + 8:x + 32] = 0                         # an open letter: its ink is a ring
    for x in (40, 460):                                     # tails of a Z and a g
        im[100:132, x:x + 6] = 255
    for x in range(48, 420, 12):                            # info text the first tail touches
        im[118:126, x:x + 8] = 255
    return im, Seg(Box(40, 40, 760, 132))


def test_masthead_title_line_leaves_out_its_tails_and_the_lines_they_touch() -> None:
    im, title = title_page()
    out = split_title_lines([title], im, 10.0, band=300)
    boxes = sorted((s.box for s in out), key=lambda b: b.y0)
    assert boxes[0].y0 == 40 and boxes[0].y1 == 100            # the letters' rows only
    info = [b for b in boxes[1:] if b.width > 200]
    assert len(info) == 1 and info[0].y0 >= 115 and info[0].y1 <= 130


def test_title_without_tails_and_lines_below_the_masthead_stay() -> None:
    im, _ = title_page()
    im[100:140] = 0
    plain = Seg(Box(40, 40, 760, 100))
    assert [s.box for s in split_title_lines([plain], im, 10.0, band=300)] == [plain.box]
    tailed = Seg(Box(40, 40, 760, 132))
    im2, _ = title_page()
    assert [s.box for s in split_title_lines([tailed], im2, 10.0, band=50)] == [tailed.box]


def test_small_type_is_not_dust_where_the_resolution_tag_overstates() -> None:
    """Letters of a word, each a component of 12 px (small type at a resolution tag 1.7x too high: half a
    square mm is 21 px), stay when the page's type size (em 12 px) is known; a lone 2x2 speck goes."""
    from digitize.layout.separators import drop_specks
    im = np.zeros((60, 200), np.uint8)
    for x in range(20, 80, 5):
        im[20:26, x:x + 2] = 255
    im[50:52, 180:182] = 255
    unit = 6.5
    assert not drop_specks(im, unit)[20:26].any()                    # the mm bound alone: all taken for dust
    kept = drop_specks(im, unit, em=12.0)
    assert kept[20:26].sum() == im[20:26].sum() and not kept[50:52].any()


def test_sloping_line_measures_its_type_not_its_slope() -> None:
    """A line of 40 characters 10 px tall whose ends lie 8 px apart: its core is its type size (10 px), not
    the 18 rows it spans; a level line measures the same."""
    from digitize.layout.lines import measure_core
    for drop in (8, 0):
        im = np.zeros((60, 700), np.uint8)
        for k in range(40):
            x = 10 + 16 * k
            y = 20 + round(drop * k / 39)
            im[y:y + 10, x:x + 12] = 255
        ys, xs = np.nonzero(im)
        seg = Seg(Box(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))
        measure_core(im, [seg])
        assert seg.box.height == 10 + drop
        assert 9 <= seg.core <= 12


def test_long_line_core_leaves_out_the_neighbours_tails_in_its_box() -> None:
    """A line of 40 characters 10 px tall whose box also holds the descenders of the line above (4 rows of
    thin strokes, a white row between): its core is its own type (10 px); a short line keeps the old
    measure (first to last dense row)."""
    from digitize.layout.lines import measure_core
    im = np.zeros((40, 700), np.uint8)
    for k in range(40):
        x = 10 + 16 * k
        im[10:14, x:x + 3] = 255            # tails of the line above
        im[15:25, x:x + 12] = 255
    long = Seg(Box(10, 10, 650, 25))
    short = Seg(Box(10, 10, 10 + 16 * 4, 25))
    measure_core(im, [long, short])
    assert long.core == 10
    assert short.core == 15


# --- session 6 (real6): measuring to the pixel, the text area's edges ---------------------------------------

def _body_block(font: float) -> "Region":
    from digitize.layout.regions import Region
    from digitize.model import BlockType
    lines = [Seg(Box(0, 0, 400, 12), core=font), Seg(Box(0, 14, 400, 26), core=font)]
    return Region(Box(0, 0, 400, 26), BlockType.BODY, lines, (0, 0), font)


def test_lines_overlapping_one_pixel_more_are_still_one_block() -> None:
    """Fraktur ascenders and descenders of neighbouring lines overlap: at font 9 the bound is 0.4 em (3.6
    px); a line overlapping the one above by 4 px continues the block, by 6 px it does not."""
    from digitize.layout.blocks import _fits
    cols = [(0, 400)]
    assert not isinstance(_fits(_body_block(9.0), Seg(Box(0, 22, 400, 34), core=9.0), 9.0, cols), str)
    assert isinstance(_fits(_body_block(9.0), Seg(Box(0, 20, 400, 32), core=9.0), 9.0, cols), str)


def test_body_line_a_pixel_big_is_no_headline_at_a_small_em() -> None:
    """em 9 px: a block measured 11 px (1.22 em, one pixel over body type) stays body; 14 px (1.56 em) is a
    headline."""
    from digitize.layout.classify import classify
    from digitize.layout.regions import Region
    from digitize.model import BlockType

    def block(y: int, core: float, h: int, n: int) -> Region:
        lines = [Seg(Box(0, y + 16 * k, 400, y + 16 * k + h), core=core) for k in range(n)]
        return Region(Box(0, y, 400, y + 16 * n), BlockType.BODY, lines, (0, 0), core)

    body = [block(0, 9.0, 12, 5), block(100, 9.0, 12, 5), block(300, 9.0, 12, 5)]
    big = block(200, 11.0, 12, 2)
    head = block(400, 14.0, 18, 1)
    out = classify(body + [big, head], 9.0, [(0, 400)], np.zeros((600, 420), np.uint8))
    assert big in out and big.type == BlockType.BODY
    assert head.type == BlockType.HEADLINE
    # at a CJK page's em of 14 px a pixel is a smaller share: 18 px (1.29 em) stays a headline
    body = [block(0, 14.0, 16, 5), block(100, 14.0, 16, 5), block(300, 14.0, 16, 5)]
    cjk_head = block(200, 18.0, 16, 1)
    classify(body + [cjk_head], 14.0, [(0, 400)], np.zeros((600, 420), np.uint8))
    assert cjk_head.type == BlockType.HEADLINE


def test_mark_in_the_margin_is_no_part_of_a_line() -> None:
    """A column of lines (em 10) and a mark in the left margin 2.2 em from one of them, as tall: the line
    stays inside the text area (before, join_row joined them across the margin, under 3 em)."""
    from digitize.layout import text_lines
    from digitize.layout.separators import split_ink
    im = np.zeros((200, 400), np.uint8)
    for k in range(8):
        y = 20 + 18 * k
        for x in range(40, 356, 11):
            im[y:y + 10, x:x + 8] = 255
    im[74:86, 12:18] = 255                                  # beside the fourth line (y 74-84)
    ink = split_ink(im, 4.0)
    segs = text_lines(ink, [], 10.0, [(40, 356)], 8.0)
    row = [s.box for s in segs if s.box.y0 <= 80 <= s.box.y1]
    assert row and all(b.x0 >= 30 or b.x1 <= 20 for b in row)
    assert any(b.x0 >= 38 and b.x1 >= 350 for b in row)
