"""A block's measure from its own lines' aligned edges (blocks.tab_stops): a narrow column that the page grid
took together with the column beside it (browser 57 cw_000) is grouped as it would be in a grid that found it.
The fixture draws the columns' lines itself (layout px): paragraphs of full lines, each opened by an indented
line and closed by a short one."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout.blocks import group_lines, tab_stops
from digitize.layout.regions import Seg

EM = 13
PITCH = 19                                   # line pitch, 1.45 em


def column(x0: int, width_em: int, paragraphs: list[int], y0: int = 100, ragged: bool = False) -> list[Seg]:
    """Lines of a column ``width_em`` wide at ``x0``: per paragraph, an indented first line, full lines, a short
    last line (``paragraphs``: the lines of each).  The ink of a full line ends 0-5 px short of the measure (a
    closing mark inks only the left of its cell).  ``ragged``: every line ends somewhere else (no measure)."""
    segs, y, k = [], y0, 0
    x1 = x0 + width_em * EM
    for n in paragraphs:
        for i in range(n):
            left = x0 + 2 * EM if i == 0 else x0
            right = x1 - (k * 7) % 6 if i < n - 1 else x0 + (width_em // 3) * EM
            if ragged:
                right = x1 - (2 + (k * 5) % 7) * EM
            segs.append(Seg(Box(left, y, right, y + EM)))
            y += PITCH
            k += 1
    return segs


def blocks_of(regions, x0: int, x1: int) -> list[int]:
    """Line counts of the blocks standing between x0 and x1, top to bottom."""
    return [len(r.lines) for r in sorted(regions, key=lambda r: r.box.y0) if x0 <= r.box.x0 and r.box.x1 <= x1]


def test_a_narrow_column_in_a_wide_grid_column_is_measured_by_its_own_lines() -> None:
    narrow = column(40, 14, [6, 7, 5])                  # 14 em wide, x 40-222
    beside = column(260, 13, [8, 9])                    # the column beside, x 260-429 (a box's)
    segs = narrow + beside
    wide_grid = [(40, 430), (460, 1000)]                # the page grid missed the gutter at 222-260
    right_grid = [(40, 222), (260, 430), (460, 1000)]   # as it should be
    got = group_lines(segs, EM, wide_grid, [], [])
    want = group_lines(segs, EM, right_grid, [], [])
    assert blocks_of(got, 0, 230) == blocks_of(want, 0, 230)
    assert blocks_of(got, 250, 440) == blocks_of(want, 250, 440)
    # paragraphs of one column are one block (an indented line continues a paragraph's end), not one a line
    assert max(blocks_of(got, 0, 230)) >= 6 and len(blocks_of(got, 0, 230)) <= 3


def test_tab_stops_are_the_aligned_edges_and_none_for_ragged_lines() -> None:
    narrow = column(40, 14, [6, 7])
    stops = tab_stops(narrow, EM)
    full = narrow[2]                                    # a full line of the first paragraph
    lo, hi = stops[id(full)]
    assert lo == 40 and abs(hi - (40 + 14 * EM)) <= 1
    ragged = column(40, 30, [8], ragged=True)
    assert all(hi is None for _, hi in tab_stops(ragged, EM).values())


def test_ragged_short_lines_in_a_wide_column_still_start_blocks() -> None:
    """Lines ending at no common edge short of their grid column are no measure: each short line still ends its
    paragraph (the rule narrows a grid column only to an edge its lines share)."""
    ragged = column(40, 30, [8], ragged=True)
    got = group_lines(ragged, EM, [(40, 40 + 30 * EM)], [], [])
    assert len(got) >= 6
