"""Bylines on browser-set pages: a credit line sets its fields a wide gap apart ('本报记者  张三'), and that gap
tells it from running text, which is set solid (issue 10, session 8)."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.blocks import group_lines
from digitize.layout.lines import field_gaps
from digitize.layout.regions import Seg

EM = 10.0
COLS = [(100, 300)]


def _line(x0: int, y: int, x1: int, fields: int = 0) -> Seg:
    return Seg(Box(x0, y, x1, y + 10), fields=fields)


def test_field_gaps_counts_the_gaps_of_a_credit_line_and_none_in_running_text() -> None:
    text = np.zeros((90, 320), np.uint8)
    for x in list(range(100, 140, 11)) + list(range(160, 182, 11)):       # '本报记者', 1.8 em of white, '张三'
        text[5:15, x:x + 10] = 255
    for x in list(range(100, 140, 11)) + list(range(152, 174, 11)):       # 0.9 em: a lost mark's cell
        text[35:45, x:x + 10] = 255
    for x in list(range(100, 140, 11)) + list(range(165, 187, 11)):       # 2.4 em beside a comma at the foot
        text[65:75, x:x + 10] = 255
    text[71:75, 144:147] = 255
    segs = [Seg(Box(100, 5, 182, 15)), Seg(Box(100, 35, 174, 45)), Seg(Box(100, 65, 187, 75))]
    field_gaps(text, segs, EM * 0.9)            # at an em of 9 px
    assert [s.fields for s in segs] == [1, 0, 0]


def test_a_byline_over_an_unindented_body_line_is_a_block_of_its_own() -> None:
    """A short credit line flush left at a column's top, the body's first line under it not indented (a
    paragraph carried on): before, any full line of the same size continued a short one."""
    lines = [_line(100, 100, 190, fields=1), _line(100, 114, 300), _line(100, 128, 300)]
    regions = group_lines(lines, EM, COLS, [], [])
    assert [len(r.lines) for r in regions] == [1, 2]
    lines[0].fields = 0                         # a paragraph's short last line: the next one continues it
    assert [len(r.lines) for r in group_lines(lines, EM, COLS, [], [])] == [3]


def test_a_byline_under_a_subhead_does_not_continue_it() -> None:
    """A full-width subhead ('——聚焦大数据智能化') and a centred credit line under it (browser 9 bx_002)."""
    lines = [_line(100, 100, 300), _line(150, 114, 250, fields=1), _line(120, 130, 300), _line(100, 144, 300)]
    regions = group_lines(lines, EM, COLS, [], [])
    assert [len(r.lines) for r in regions] == [1, 1, 2]


def test_a_byline_wrapped_over_two_lines_ends_before_the_body() -> None:
    """'本报记者  罗盘报  通讯员' running the column's width (two gaps), its last name on a short second line
    flush left, then the body's indented first line (browser 9 bx_007)."""
    lines = [_line(100, 100, 295, fields=2), _line(100, 114, 125), _line(120, 128, 300), _line(100, 142, 300)]
    regions = group_lines(lines, EM, COLS, [], [])
    assert [len(r.lines) for r in regions] == [2, 2]


def test_two_headlines_side_by_side_are_two_lines_but_a_bylines_fields_are_one() -> None:
    """Pieces of headline type (1.3 em) two body ems apart, over 1.5 of their height (browser 9 bx_006: two
    articles' headlines in neighbouring columns) stay apart; a headline's full-width space (one em of its
    type) is kept in the line, and body-size pieces (a byline's fields) join across the same two ems."""
    from digitize.layout.lines import join_row

    def piece(x0: int, x1: int, h: int) -> Seg:
        return Seg(Box(x0, 100, x1, 100 + h), core=float(h))

    # the body columns' gutter (200-268) runs up under the left headline's end (bx_006)
    gutter = [(200, 268)]
    assert len(join_row([piece(100, 250, 13), piece(270, 400, 13)], EM, gutter)) == 2
    assert len(join_row([piece(100, 250, 13), piece(262, 400, 13)], EM, gutter)) == 1
    assert len(join_row([piece(100, 150, 10), piece(170, 200, 10)], EM, gutter)) == 1


def test_a_headline_cut_at_its_middle_dot_within_one_column_is_one_line() -> None:
    """今日16版 · 总第384 in 1.6 em type filling one grid column (browser 21 by_004): the middle dot is dropped
    as dust, leaving 1.1 of the type's height white between the halves.  No gutter's middle lies between
    them (the grid's gutters are this column's sides), so they are one line, not two headlines."""
    from digitize.layout.lines import join_row

    def piece(x0: int, x1: int, h: int) -> Seg:
        return Seg(Box(x0, 100, x1, 100 + h), core=float(h))

    sides = [(90, 98), (402, 410)]
    assert len(join_row([piece(100, 250, 16), piece(268, 400, 16)], EM, sides)) == 1
    # a 2.4 em headline and a 1.75 em piece as far apart in one column are two lines (vertical 5 vx_005)
    assert len(join_row([piece(100, 250, 24), piece(276, 400, 18)], EM, sides)) == 2


def test_a_byline_centred_over_two_columns_is_one_line_across_the_gutter() -> None:
    """'本报记者' ending at the gutter, '张兴华' starting after it, the pair centred on the gutter between two
    columns (browser 9 bx_002): one line.  Two lines of running text beside each other (a line running to
    the gutter, a paragraph's end starting at it) stay apart."""
    from digitize.layout.lines import join_row

    gutters = [(100, 100), (300, 310), (510, 510)]          # text area edges and the gutter between

    def piece(x0: int, x1: int, y: int = 100) -> Seg:
        return Seg(Box(x0, y, x1, y + 10), core=10.0)

    body = [piece(100, 300, 114), piece(310, 510, 114)]      # the columns' first lines under it
    assert len(join_row([piece(230, 296), piece(318, 380)] + body, EM, gutters)) == 3
    assert len(join_row([piece(230, 296), piece(318, 380)], EM, gutters)) == 2      # no wider column round it
    assert len(join_row([piece(100, 299), piece(311, 380)] + body, EM, gutters)) == 4
    assert len(join_row([piece(230, 299), piece(311, 380)] + body, EM, gutters)) == 4   # flush to the gutter
    assert len(join_row([piece(230, 296), piece(318, 420)] + body, EM, gutters)) == 4   # not centred on it


def test_a_byline_over_a_paragraphs_indented_first_lines_straddles_the_gutter_too() -> None:
    """Under a byline centred over two columns the first line of each column starts a paragraph, indented
    2 em: the column's edges show in the line after it (browser 23 ba_007, '本报记者  采访或' set 6 em in
    from its columns' outer edges).  One line; with no line reaching beyond the halves it stays two."""
    from digitize.layout.lines import join_row

    gutters = [(100, 100), (300, 310), (510, 510)]

    def piece(x0: int, x1: int, y: int = 100) -> Seg:
        return Seg(Box(x0, y, x1, y + 10), core=10.0)

    first = [piece(120, 300, 117), piece(330, 510, 117)]     # indented 2 em: only 3 em beyond the halves
    second = [piece(100, 300, 134), piece(310, 510, 134)]    # the columns' full lines (pitch 1.7 em)
    assert len(join_row([piece(150, 296), piece(318, 460)] + first + second, EM, gutters)) == 5
    assert len(join_row([piece(150, 296), piece(318, 460)] + first, EM, gutters)) == 4


def test_headlines_under_two_columns_last_lines_do_not_make_them_a_straddling_byline() -> None:
    """Two columns' last lines, each ending short of the gutter (a mark's white), level and centred on it,
    with the next band's headlines under them, as wide as two columns: the headlines tell nothing of the
    columns' width, the lines stay apart (synth 81 sr_007)."""
    from digitize.layout.lines import join_row

    gutters = [(100, 100), (300, 310), (510, 510)]

    def piece(x0: int, x1: int, y: int = 100, size: float = 10.0) -> Seg:
        return Seg(Box(x0, y, x1, y + int(size)), core=size)

    heads = [piece(0, 290, 128, 24.0), piece(315, 505, 128, 24.0)]
    assert len(join_row([piece(140, 295), piece(315, 455)] + heads, EM, gutters)) == 4


def test_a_byline_wider_than_its_column_does_not_start_the_body_under_it() -> None:
    """A byline centred over three columns overhangs the middle one on both sides; the body's first line
    under it is flush with the column (a paragraph carried on), 0.8 em right of the byline's left end:
    the credit test measured 'flush' from the byline's end and let the body continue it (browser 32 bo_006)."""
    cols = [(100, 300)]
    lines = [_line(92, 100, 308, fields=3), _line(100, 114, 300), _line(100, 128, 300)]
    regions = group_lines(lines, EM, cols, [], [])
    assert [len(r.lines) for r in regions] == [1, 2]


def test_a_line_cut_where_a_grid_gutter_runs_through_a_band_of_ads_joins_again() -> None:
    """A band of small ads under body columns: the page grid's gutter runs on through it, and an ad's line is
    cut where the white after its comma falls in the gutter, while the lines above and below run across it
    (browser 32 bo_003, '议，|拟向登记机关').  One line; two columns' lines side by side with only a
    line across above them (a spanning line, no line across below) stay apart."""
    from digitize.layout.lines import join_row

    gutters = [(100, 100), (300, 310), (510, 510)]

    def piece(x0: int, x1: int, y: int = 100) -> Seg:
        return Seg(Box(x0, y, x1, y + 10), core=10.0)

    above, below = piece(150, 460, 86), piece(150, 460, 114)       # the ad's lines before and after it

    def rows(segs: list[Seg]) -> list[tuple[int, int]]:
        return sorted((s.box.x0, s.box.x1) for s in segs if s.box.y0 == 100)

    assert rows(join_row([piece(150, 299), piece(311, 460), above, below], EM, gutters)) == [(150, 460)]
    assert rows(join_row([piece(150, 299), piece(311, 460), above], EM, gutters)) == [(150, 299), (311, 460)]
    cut_below = [piece(150, 299, 114), piece(311, 460, 114)]        # the line below is cut there too
    assert rows(join_row([piece(150, 299), piece(311, 460), above] + cut_below, EM, gutters)) \
        == [(150, 299), (311, 460)]
