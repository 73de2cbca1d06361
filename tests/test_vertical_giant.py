"""A vertical article on a horizontal page kept whole as one giant "line" (lines.split_tall leaves it for
vertical.detect_vertical), grouped into one block with lines around it: the article is still read as columns
(vertical._giant_apart; browser 69 di_002, 68 dh_004, 51 cp_006); rows of horizontal text joined to its side
are cut off it (lines._columns_span)."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.params import DEFAULT as P
from digitize.layout.regions import Region, Seg
from digitize.layout.lines import split_tall
from digitize.layout.vertical import detect_vertical, looks_vertical
from digitize.model import BlockType

EM = 11                     # body type, layout px


def _page(neighbour: bool) -> tuple[np.ndarray, Region]:
    """Layout-px ink: eight columns of characters 9 px wide, 10 px tall at an 11 px pitch down 40 characters (a vertical
    article 44 em tall), columns 18 px apart; under it, 3 em lower, two horizontal lines across its width (a
    photo's top, a caption) in the same block; with ``neighbour`` a horizontal headline and a line of a
    neighbouring article beside the columns' top, 12 px right of them: part of the giant fragment (the line
    smear joins them)."""
    text = np.zeros((700, 420), np.uint8)
    x0, top, n = 40, 40, 40
    cols = []
    for k in range(8):
        x = x0 + 18 * k
        for i in range(n):
            y = top + 11 * i
            text[y:y + 10, x:x + 9] = 255
        cols.append(x)
    bottom = top + 11 * n
    right = x0 + 18 * 7 + 9
    if neighbour:                           # two rows of horizontal text 60 px wide right of the columns
        for y, h in ((top, 20), (top + 26, 10)):
            text[y:y + h, right + 12:right + 72] = 255
        right += 72
    giant = Seg(Box(x0, top, right, bottom))
    under = [Seg(Box(x0 - 5, y, x0 + 18 * 7 + 14, y + 10)) for y in (bottom + 3 * EM, bottom + 3 * EM + 16)]
    for s in under:
        text[s.box.y0:s.box.y1, s.box.x0:s.box.x1] = 255
    lines = [giant] + under
    return text, Region(Box.union_all([s.box for s in lines]), BlockType.BODY, lines, font=float(EM))


def test_a_giant_vertical_line_grouped_with_lines_under_it_is_read_as_columns() -> None:
    text, region = _page(neighbour=False)
    assert region.lines[0].box.height > P.giant_em * EM
    out = detect_vertical([region], text, float(EM), apart=True)
    vert = [r for r in out if r.vertical]
    assert len(vert) == 1 and len(vert[0].lines) == 8
    assert all(ln.box.height > 30 * EM and ln.box.width < 2 * EM for ln in vert[0].lines)
    rest = [r for r in out if not r.vertical]      # the two lines under it keep their own block
    assert sum(len(r.lines) for r in rest) == 2 and all(r.box.y0 > vert[0].box.y1 for r in rest)


def test_rows_of_a_neighbour_in_the_giant_fragment_are_cut_off_it() -> None:
    """The giant fragment holds the article's columns and, beside them, a neighbour's headline and a line
    (the line smear joined them): split_tall cuts the article out at its columns, the rows beside it are
    horizontal text of its own (split_tall's rows), not a 6 em wide "column" of the article."""
    text, region = _page(neighbour=True)
    giant = region.lines[0]
    assert looks_vertical(text, giant.box)          # as a whole it still looks vertical
    out = split_tall(text, [giant], float(EM), beside=True)
    art = [s for s in out if s.box.height > P.giant_em * EM]
    assert len(art) == 1 and art[0].box.x0 == 40 and art[0].box.x1 == 40 + 18 * 7 + 9
    rows = [s for s in out if s is not art[0]]
    assert rows and all(s.box.x0 > art[0].box.x1 and s.box.width > s.box.height for s in rows)


def test_off_on_a_turned_vertical_page() -> None:
    text, region = _page(neighbour=False)
    out = detect_vertical([region], text, float(EM))
    assert out == [region] and not region.vertical


def test_on_film_grain_in_the_channels_the_giant_is_looked_at_with_the_specks_discounted() -> None:
    """Film grain puts a speck in every pixel column of the channels between the article's columns: no
    pixel column is blank, the giant looks vertical only with the specks discounted (as a one-line block
    does, params.vertical_blank_share); grouped with the lines under it, it is still read as columns."""
    text, region = _page(neighbour=False)
    giant = region.lines[0].box
    rng = np.random.default_rng(3)
    for k in range(7):                      # one speck per pixel column of each channel
        for x in range(40 + 18 * k + 9, 40 + 18 * (k + 1)):
            text[rng.integers(giant.y0, giant.y1), x] = 255
    assert not looks_vertical(text, giant) and looks_vertical(text, giant, grainy=True)
    out = detect_vertical([region], text, float(EM), apart=True)
    vert = [r for r in out if r.vertical]
    assert len(vert) == 1 and len(vert[0].lines) == 8


def _listing() -> tuple[np.ndarray, Region]:
    """Layout-px ink of a TV listing on film: 13 rows at a 14 px pitch (a fragment 16.5 em tall) of three
    fields, a time 3 characters wide, a name 8 and a channel 4 (characters 10 px square, 1 px apart: they
    touch at layout resolution), fields 15 px apart; film grain puts 8 specks in each 4 px row of leading
    between the rows, inside the fields (3, 3 and 2 of them), so no pixel row of the fragment is blank and
    its fields stand as "columns" 33-88 px wide; under it, 3 em lower, a line of the next item, in the same
    block."""
    text = np.zeros((300, 260), np.uint8)
    x0, top, n = 20, 20, 13
    fields = []
    x = x0
    for chars in (3, 8, 4):
        fields.append((x, x + 11 * chars - 1))
        x += 11 * chars - 1 + 15
    for i in range(n):
        y = top + 14 * i
        for a, z in fields:
            for c in range(a, z, 11):
                text[y:y + 10, c:c + 10] = 255
        if i < n - 1:
            for (a, z), k in zip(fields, (3, 3, 2)):
                for j in range(4):                  # grain in the leading: k specks a row, spread along the field
                    for s in range(k):
                        text[y + 10 + j, a + 2 + (s * 7 + j * 3) % (z - a - 4)] = 255
    right = fields[-1][1]
    bottom = top + 14 * (n - 1) + 10
    giant = Seg(Box(x0, top, right, bottom))
    under = Seg(Box(x0, bottom + 3 * EM, right, bottom + 3 * EM + 10))
    text[under.box.y0:under.box.y1, under.box.x0:under.box.x1] = 255
    return text, Region(Box.union_all([giant.box, under.box]), BlockType.BODY, [giant, under], font=float(EM))


def test_a_listings_rows_joined_by_grain_are_not_taken_for_columns() -> None:
    """A TV listing's rows that film grain joined into one fragment taller than giant_em look vertical (their
    leading holds specks, the white between the fields none): its "columns" are the fields, each ink piece
    down them one row of a field, 3-8 characters wide and one tall.  It is no vertical article: the block is
    left whole, horizontal (microfilm 61 ml3_005: such a listing read as 5 columns)."""
    text, region = _listing()
    giant = region.lines[0].box
    assert giant.height > P.giant_em * EM and looks_vertical(text, giant)
    out = detect_vertical([region], text, float(EM), apart=True)
    assert out == [region] and not region.vertical and len(region.lines) == 2
