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


def _column(mask: np.ndarray, ys: list[int], height: int) -> Region:
    """A body block of lines ``height`` px tall (its type that size) starting at ``ys``, 360 px wide, drawn."""
    lines = []
    for y in ys:
        _chars(mask, 0, 360, y, y + height)
        lines.append(Seg(Box(0, y, 360, y + height)))
    return Region(Box(0, ys[0], 360, ys[-1] + height), BlockType.BODY, lines=lines, cols=(0, 0), font=float(height))


def _grainy_body(mask: np.ndarray, em: float, pitch: int, ink: tuple[int, int], box_h: int) -> Region:
    """Eight body lines from y 80, ``pitch`` apart: characters inked over rows ``ink`` of each line's ``box_h``
    px box, a grain speck on the box's top and bottom rows (as film grain or a heavy scan leaves them)."""
    lines = []
    for i in range(8):
        y = 80 + pitch * i
        _chars(mask, 0, 360, y + ink[0], y + ink[1])
        mask[y, 30 * (i + 1)] = mask[y + box_h - 1, 20 + 30 * i] = 255
        lines.append(Seg(Box(0, y, 360, y + box_h)))
    return Region(Box(0, 80, 360, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=em)


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


def test_a_title_is_measured_against_body_lines_the_same_way() -> None:
    """Film grain in the white around body lines: their boxes 12 px, their inked rows 10 px (the em).  A
    listing's title of type 14 px (core 13 px, box 17 px with grain) is headline type by its inked rows
    against the body's inked rows (1.4 em); against the body's grain-swollen boxes it came out under the
    bound (microfilm 9 mg_003: a stock listing's title read as body, the listing inside the article above)."""
    em = 10.0
    mask = np.zeros((400, 380), np.uint8)
    body = _grainy_body(mask, em, 16, (1, 11), 12)   # grain right above and below
    title_box = Box(0, 20, 180, 37)
    _chars(mask, 0, 180, 22, 36)
    mask[20, 40] = mask[36, 100] = 255
    title = Region(title_box, BlockType.BODY, lines=[Seg(title_box)], cols=(0, 0), font=13.0)
    assert ink_height(mask, title_box) == 14
    classify([title, body], em, [(0, 360)], mask)
    assert title.type == BlockType.HEADLINE


def test_lines_merged_across_a_gutter_stay_body_on_a_grainy_page() -> None:
    """Body lines of a heavy page: boxes 13 px, inked rows 12 px (grain), em 11.  Two lines of neighbouring
    columns merged into one (box and inked rows 15 px, core 1.09 em): by inked rows against inked rows 1.25
    em, by boxes against boxes 1.15; a block is headline type only when both say so (browser 23 ba_004)."""
    em = 11.0
    mask = np.zeros((400, 380), np.uint8)
    body = _grainy_body(mask, em, 17, (1, 13), 13)
    merged_box = Box(0, 40, 180, 55)
    _chars(mask, 0, 90, 40, 52)
    _chars(mask, 90, 180, 43, 55)
    merged = Region(merged_box, BlockType.BODY, lines=[Seg(merged_box)], cols=(0, 0), font=12.0)
    assert ink_height(mask, merged_box) == 15
    classify([merged, body], em, [(0, 360)], mask)
    assert merged.type == BlockType.BODY


def test_a_slanted_body_line_is_no_headline() -> None:
    """A heavy page left 2.4 degrees askew (browser 19 bj_006): body line boxes 17 px, their inked rows 13 px,
    em 12.  One body line (core 13 px) slants over 17 inked rows in a 22 px box: 1.29 em by boxes, 1.31 by
    inked rows, but its inked rows are 1.31 times its core, no type of that size: it stays body."""
    em = 12.0
    mask = np.zeros((400, 380), np.uint8)
    body = _grainy_body(mask, em, 22, (2, 15), 17)
    box = Box(0, 40, 180, 62)
    for k, x in enumerate(range(0, 171, 15)):                       # characters stepping down the slant
        mask[42 + k * 4 // 11:42 + k * 4 // 11 + 13, x:x + 9] = 255
    mask[40, 60] = mask[61, 120] = 255
    slanted = Region(box, BlockType.BODY, lines=[Seg(box)], cols=(0, 0), font=13.0)
    assert ink_height(mask, box) == 17
    classify([slanted, body], em, [(0, 360)], mask)
    assert slanted.type == BlockType.BODY


def test_a_body_line_swollen_into_its_neighbours_is_no_headline_but_a_headline_set_apart_is() -> None:
    """A column of body lines 15 px tall, 21 px apart.  One line's box swollen by grain and the next line's
    ink to 29 px (1.9 em: headline size by its box and inked rows), touching the line above (no white row
    between) and reaching 2 px into the line below (microfilm: a body line typed headline started an article that took the column's body
    under it, 25 such blocks on 19 of 114 seen pages): body.  A headline of the same size set apart from the
    body lines above and below it by white stays a headline."""
    mask = np.zeros((500, 380), np.uint8)

    def column(skip: range) -> Region:
        lines = []
        for i in range(16):
            y = 20 + 21 * i
            if y in skip:
                continue
            _chars(mask, 0, 360, y, y + 15)
            lines.append(Seg(Box(0, y, 360, y + 15)))
        return Region(Box(0, 20, 360, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=EM)

    # the line at y 167 swollen over 161..190: touching the line above (146..161), into the line below
    # (188..203)
    above = column(range(167, 500))
    below = column(range(0, 188))
    swollen_box = Box(0, 161, 360, 190)
    _chars(mask, 0, 360, 161, 190)
    swollen = Region(swollen_box, BlockType.BODY, lines=[Seg(swollen_box)], cols=(0, 0), font=2.0 * EM)
    classify([above, swollen, below], EM, [(0, 360)], mask)
    assert swollen.type == BlockType.BODY
    assert any("swollen" in t for t in swollen.trace)
    # the same line set apart: white above and below it (the column's lines end at 140 and start at 209)
    mask[:] = 0
    above = column(range(146, 500))
    below = column(range(0, 209))
    head = Region(Box(0, 155, 360, 186), BlockType.BODY, lines=[Seg(Box(0, 155, 360, 186))], cols=(0, 0),
                  font=2.0 * EM)
    _chars(mask, 0, 360, 155, 186)
    classify([above, head, below], EM, [(0, 360)], mask)
    assert head.type == BlockType.HEADLINE


def test_body_lines_joined_by_grain_inside_a_column_are_no_headline_but_headline_type_there_is() -> None:
    """A column of body lines 15 px tall, 21 px apart (leading 6 px).  Two of its lines joined by a grain
    streak into one 36 px "line" (2.4 em: headline size by its box), 4 px under the line above and 5 px over
    the line below (within the body's leading), its glyphs body size: body lines, not a headline (microfilm
    9 mg_000: six body lines joined so started an article that took the column's body under it).  Glyphs of
    headline type (36 px tall) in the same place stay a headline, and so do the joined body lines set
    apart by white (12 px) wider than the leading.  Only with ``body_run`` (the microfilm profile's
    layout.grain_joined_lines)."""
    mask = np.zeros((500, 380), np.uint8)

    def case(top: int, gap: int, tall: bool) -> Region:
        mask[:] = 0
        above = _column(mask, [top - gap - 15 - 21 * k for k in range(6, -1, -1)], 15)
        below = _column(mask, [top + 36 + gap + 21 * k for k in range(6)], 15)
        box = Box(0, top, 360, top + 36)
        if tall:
            _chars(mask, 0, 360, top, top + 36)
        else:
            _chars(mask, 0, 360, top, top + 15)
            _chars(mask, 0, 360, top + 21, top + 36)
            mask[top:top + 36, 4] = 255                # the grain streak joining them
        joined = Region(box, BlockType.BODY, lines=[Seg(box)], cols=(0, 0), font=2.4 * EM)
        classify([above, joined, below], EM, [(0, 360)], mask, body_run=body_run)
        return joined

    body_run = False                # the default profile: off (layout.grain_joined_lines)
    assert case(164, 4, tall=False).type == BlockType.HEADLINE
    body_run = True                 # the microfilm profile
    joined = case(164, 4, tall=False)
    assert joined.type == BlockType.BODY
    assert any("set inside its column's body text" in t for t in joined.trace)
    assert case(164, 4, tall=True).type == BlockType.HEADLINE
    assert case(164, 12, tall=False).type == BlockType.HEADLINE


def test_the_microfilm_profile_takes_grain_joined_lines_for_body() -> None:
    """layout.grain_joined_lines is on in configs/microfilm.toml only (default off)."""
    from pathlib import Path

    from digitize.config import load_settings
    root = Path(__file__).resolve().parents[1]
    assert load_settings(str(root / "configs" / "microfilm.toml")).layout.grain_joined_lines
    assert not load_settings(None).layout.grain_joined_lines


def test_a_leading_of_a_few_pixels_is_measured_to_the_whole_pixel() -> None:
    """At a small layout em (9 px, microfilm) body lines 9 px tall, 12 px apart: a leading of 3 px.  Two lines
    joined by grain (a 21 px "line", 2.3 em) 4 px under the line above and over the line below: one pixel
    past the leading, within the pixel of slack (params.slack) a measure at that size has: body (microfilm 9
    mg_000: a body line swollen by the next line's short end, 3 px under the line above at a leading of 2)."""
    em = 9.0
    mask = np.zeros((400, 380), np.uint8)
    top = 150
    above = _column(mask, [top - 4 - 9 - 12 * k for k in range(6, -1, -1)], 9)
    below = _column(mask, [top + 21 + 4 + 12 * k for k in range(6)], 9)
    _chars(mask, 0, 360, top, top + 9)
    _chars(mask, 0, 360, top + 12, top + 21)
    mask[top:top + 21, 4] = 255
    box = Box(0, top, 360, top + 21)
    joined = Region(box, BlockType.BODY, lines=[Seg(box)], cols=(0, 0), font=21.0)
    classify([above, joined, below], em, [(0, 360)], mask, body_run=True)
    assert joined.type == BlockType.BODY


def test_a_stack_of_body_lines_joined_by_grain_in_a_column_is_no_headline_but_headline_type_on_it_is() -> None:
    """A column of body lines 15 px tall, 21 px apart (leading 6 px).  Eight of its lines read as two tall
    "lines" one right under the other, each four body lines whose characters grain joins two lines at a time
    (components 36 px tall: over a body line, so ``lines.body_type`` misses them; under 0.6 of the 78 px
    "line"): each one's neighbour in its column is the other, not body, and the single-block rule sees
    neither (microfilm 22 ml_003, 38 mx_005: two or three such blocks, 4-15 em tall, stacked in a column
    started an article that took the column's body under them).  With ``body_run`` (the microfilm profile)
    both are body.  A headline whose glyphs fill its 78 px line on top of such a block stays a headline."""
    mask = np.zeros((700, 380), np.uint8)

    def joined_lines(top: int) -> Region:
        for k in range(4):
            _chars(mask, 0, 360, top + 21 * k, top + 21 * k + 15)
        for x in range(0, 351, 15):         # grain joining lines 1-2 and 3-4 at every character
            mask[top + 15:top + 21, x + 4] = 255
            mask[top + 57:top + 63, x + 4] = 255
        box = Box(0, top, 360, top + 78)
        return Region(box, BlockType.BODY, lines=[Seg(box)], cols=(0, 0), font=78.0)

    def case(headline_on_top: bool, body_run: bool) -> tuple[Region, Region]:
        mask[:] = 0
        above = _column(mask, [20 + 21 * k for k in range(7)], 15)              # ends at 161
        if headline_on_top:
            box = Box(0, 167, 360, 245)
            _chars(mask, 0, 360, 167, 245)
            first = Region(box, BlockType.BODY, lines=[Seg(box)], cols=(0, 0), font=78.0)
        else:
            first = joined_lines(167)                                            # 167..245
        second = joined_lines(251)                                               # 251..329
        below = _column(mask, [335 + 21 * k for k in range(7)], 15)
        classify([above, first, second, below], EM, [(0, 360)], mask, body_run=body_run)
        return first, second

    first, second = case(headline_on_top=False, body_run=False)     # the default profile: off
    assert first.type == second.type == BlockType.HEADLINE
    first, second = case(headline_on_top=False, body_run=True)
    assert first.type == second.type == BlockType.BODY
    assert any("stacked in its column's body text" in t for t in first.trace + second.trace)
    first, _ = case(headline_on_top=True, body_run=True)
    assert first.type == BlockType.HEADLINE
