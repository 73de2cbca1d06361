"""Listings (TV programmes): one ``table`` block whose lines are the rows, never run into the body column
beside it however narrow the gutter; body text is never taken for a listing.  Pages rendered here; no OCR."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from digitize import layout, preprocess
from digitize.config import Settings
from digitize.geometry import Box
from digitize.load import load_pages
from digitize.model import Block, BlockType, Line, Page, Word
from digitize.config import OutputSettings
from digitize.qa.alto import read_alto
from digitize.writers.alto import write_alto
from digitize.writers.text import render_text
from tests.fixtures.render import PageSpec, render_page
from tests.fixtures.texts import load_pool
from tests.fixtures.typeset import break_lines, draw_line, font

PROGRAMMES = ["新闻联播", "天气预报", "今日说法", "纪录片：大江大河", "少儿节目", "经济半小时", "戏曲欣赏", "体育新闻"]


def _analyse(path: Path) -> Page:
    settings = Settings()
    page, scan = next(load_pages(path, settings.input))
    return layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)


def _listing_page(tmp_path: Path) -> tuple[Path, list[Box], list[Box]]:
    """A TV listing between two body columns, 0.8 em from each, every column under its own headline; the
    listing's rows (time, 1.2 em of white, programme) at a pitch of 1.4 em of its 32 px type, the bodies at
    1.6 em of 36 px: the pitches differ, as on a printed page.  Returns the image, the rows' boxes and the
    bodies' boxes."""
    em, lem = 36, 32
    im = Image.new("L", (1640, 1100), 255)
    draw = ImageDraw.Draw(im)
    body_w, list_w, gap = 12 * em, 11 * em, int(0.8 * em)
    x_list = 120 + body_w + gap
    head, body, small = font("sans_bold", 54), font("serif", em), font("sans", lem)
    text = "".join(load_pool().paragraphs[:4])
    lines = break_lines(text, body, body_w)
    bodies = []
    for k, x in enumerate((120, x_list + list_w + gap)):
        draw_line(draw, x, 90, "重庆市科学院" if k else "西部科学城", head)
        y = 190.0
        for ln in lines[14 * k:14 * k + 14]:
            draw_line(draw, x, y, ln, body, justify_to=body_w)
            y += 1.6 * em
        bodies.append(Box(x, 190, x + body_w, int(y)))
    draw_line(draw, x_list, 90, "今日电视", head)
    rows, t = [], 6 * 60
    y = 190.0
    for k in range(16):
        x0, _, x1, _ = draw_line(draw, x_list, y, f"{t // 60:02d}:{t % 60:02d}", small)
        _, _, x2, _ = draw_line(draw, x1 + 1.2 * lem, y, PROGRAMMES[k % len(PROGRAMMES)], small)
        rows.append(Box(x0, int(y), x2, int(y + lem)))
        y += 1.4 * lem
        t += 30 if k % 3 else 45
    path = tmp_path / "listing.png"
    im.save(path, dpi=(300, 300))
    return path, rows, bodies


def test_listing_between_body_columns_is_one_table_block(tmp_path: Path) -> None:
    path, rows, bodies = _listing_page(tmp_path)
    page = _analyse(path)
    tables = [b for b in page.blocks if b.type is BlockType.TABLE]
    assert len(tables) == 1, [(b.type, b.box) for b in page.blocks]
    table = tables[0]
    assert len(table.lines) == len(rows)
    for ln, row in zip(table.lines, rows):                 # one line per row, the row whole and only it
        assert ln.box.intersection(row) >= 0.8 * row.area, (ln.box, row)
        assert not any(ln.box.intersection(b) for b in bodies), ln.box
    for b in page.blocks:                                  # no body line reaches into the listing
        if b is not table and b.type.is_text:
            for ln in b.lines:
                assert ln.box.intersection(table.box) <= 0.05 * ln.box.area, (b.type, ln.box, table.box)
    assert any("table: its first field" in t for t in table.trace)
    seq = page.ordered_blocks()                            # read right after its own headline, in its article
    head = seq[seq.index(table) - 1]
    assert head.type is BlockType.HEADLINE and head.article == table.article
    assert abs(head.box.x0 - table.box.x0) <= 20


def test_body_columns_are_no_listing(tmp_path: Path) -> None:
    r = render_page(PageSpec(width=1800, height=1400, columns=4, column_gap_em=0.6, seed=5, noise=4.0, speckles=300))
    page = _analyse(r.save(tmp_path / "page.png"))
    assert not [b for b in page.blocks if b.type is BlockType.TABLE]
    assert sum(len(b.lines) for b in page.blocks) >= 0.95 * len(r.lines)


def test_table_rows_are_units_with_their_fields_one_space_apart(tmp_path: Path) -> None:
    def line(i: int, fields: list[str]) -> Line:
        words = [Word(f, Box(100 * k, 50 * i, 100 * k + 80, 50 * i + 40), 0.9, space_before=k > 0)
                 for k, f in enumerate(fields)]
        return Line(f"l{i}", Box(0, 50 * i, 400, 50 * i + 40), words=words)

    page = Page(source=Path("p.png"), width=2000, height=3000, blocks=[
        Block("b0", BlockType.HEADLINE, Box(0, 0, 400, 40), lines=[line(0, ["今日电视节目"])], article="a1", order=0),
        Block("b1", BlockType.TABLE, Box(0, 50, 400, 200), article="a1", order=1,
              lines=[line(1, ["08:00", "新闻联播"]), line(2, ["08:30", "纪录片：大江大河"]), line(3, ["09:00", "天气预报"])]),
    ])
    assert render_text(page) == "今日电视节目\n\n08:00 新闻联播\n\n08:30 纪录片:大江大河\n\n09:00 天气预报\n"
    write_alto(page, tmp_path / "p.xml", OutputSettings())        # typed in ALTO, read back as such
    blocks = read_alto(tmp_path / "p.xml").blocks
    assert [b.type for b in blocks] == ["headline", "table"]
    assert [ln.text for ln in blocks[1].lines] == ["08:00新闻联播", "08:30纪录片：大江大河", "09:00天气预报"]


def test_runs_of_a_mask_exact_and_joined_across_short_gaps() -> None:
    from digitize.layout.regions import runs
    mask = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 1], bool)
    assert runs(mask) == [(1, 3), (4, 5), (7, 10)]
    assert runs(mask, 2) == [(1, 5), (7, 10)]
    assert runs(np.zeros(4, bool)) == []


def _film_rows(ink: np.ndarray, x0: int, width: int, height: int, rows: int = 12, pitch: int = 14) -> list:
    """First fields at film scale (10 layout px per em): solid fields ``width`` x ``height`` px from ``x0``."""
    from digitize.layout.listings import _Field
    out = []
    for k in range(rows):
        y = 20 + k * pitch
        ink[y:y + height, x0:x0 + width] = True
        out.append(_Field(Box(x0, y, x0 + width, y + height), k))
    return out


def test_a_stock_tables_next_column_is_no_listing_of_its_own() -> None:
    """On film (10 layout px per em) a stock table's codes and names measure as wide and as tall within a
    pixel, like two listings of one kind side by side; but nothing stands between the codes and the names, so
    the names are the codes' next column and the table is not cut before them.  Two TV listings side by side
    have their programmes between the left one's times and the right one's: there the left one ends."""
    from digitize.layout.listings import _Listing, _twins
    from digitize.layout.params import DEFAULT
    em = 10.0
    for between, walls in ((False, 0), (True, 1)):
        ink = np.zeros((220, 500), bool)
        codes = _film_rows(ink, 100, 36, 8)
        names = _film_rows(ink, 175, 37, 9)
        if between:                                       # the left listing's programmes
            for f in codes:
                ink[f.box.y0:f.box.y1, 148:165] = True
        cands = [_Listing(Box(100, 18, 400, 190), codes, 14.0, []), _Listing(Box(175, 18, 400, 190), names, 14.0, [])]
        assert len(_twins(cands, ink, em, DEFAULT)) == walls, between


def test_a_first_field_cut_by_its_lines_edge_still_starts_a_listing() -> None:
    """A gutter found over the thin first stroke of a stock code (film) cuts the line's box a few pixels into
    the code: the field starts at the box's edge with its own ink just left of it.  That ink is the field's,
    not text before it."""
    from digitize.layout.listings import _Field, _anchor
    from digitize.layout.params import DEFAULT
    ink = np.zeros((40, 300), bool)
    ink[10:18, 100:136] = True                           # the code, 3.6 em
    ink[10:19, 175:212] = True                           # the name after it
    assert _anchor(_Field(Box(103, 10, 136, 18), 0), ink, 10.0, DEFAULT)
    ink[10:18, 93:98] = True                             # text 2 px before the field: no listing's start
    assert not _anchor(_Field(Box(100, 10, 136, 18), 0), ink, 10.0, DEFAULT)


def _listing_by_rule_page(tmp_path: Path, beside: str) -> tuple[Path, list[Box], Box]:
    """A TV listing between two body columns: the left one 0.8 em away in 36 px type at a pitch of 1.6 em,
    the right one in the listing's 32 px type at its pitch (1.4 em), each of its lines level with a listing
    row, so the white between the listing's rows runs on across it; the listing and the right column 1.3 em
    apart with (``beside`` "rule") a column rule down the middle of the gutter, from above the first row to
    below the last, or ("photo") a photo over the right column's first ten rows, its text under it, or
    ("scratch") a thin line down through the listing's own white between its times and programmes, from above
    its headline to below its last row (a film scratch).  Returns the image, the rows' boxes and the box of the
    right column's text."""
    em, lem = 36, 32
    pitch = 1.4 * lem
    im = Image.new("L", (1760, 1100), 255)
    draw = ImageDraw.Draw(im)
    col_w, gap = 12 * lem, int(1.3 * lem)
    x_list = 120 + 12 * em + int(0.8 * em)
    x_body = x_list + col_w + gap
    head, body_font, small = font("sans_bold", 54), font("serif", em), font("sans", lem)
    text = "".join(load_pool().paragraphs[:6])
    y = 190.0
    for ln in break_lines(text, body_font, 12 * em)[:14]:
        draw_line(draw, 120, y, ln, body_font, justify_to=12 * em)
        y += 1.6 * em
    draw_line(draw, 120, 90, "西部科学城", head)
    draw_line(draw, x_list, 90, "今日电视", head)
    draw_line(draw, x_body, 90, "重庆市科学院", head)
    rows, t, y = [], 6 * 60, 190.0
    for k in range(16):
        x0, _, x1, _ = draw_line(draw, x_list, y, f"{t // 60:02d}:{t % 60:02d}", small)
        _, _, x2, _ = draw_line(draw, x1 + 1.2 * lem, y, PROGRAMMES[k % len(PROGRAMMES)], small)
        rows.append(Box(x0, int(y), x2, int(y + lem)))
        y += pitch
        t += 30 if k % 3 else 45
    skip = 10 if beside == "photo" else 0
    y = 190.0 + skip * pitch
    for ln in break_lines("".join(load_pool().paragraphs[6:9]), small, col_w)[:16 - skip]:
        draw_line(draw, x_body, y, ln, small, justify_to=col_w)
        y += pitch
    body = Box(x_body, int(190 + skip * pitch), x_body + col_w, int(y))
    if beside == "rule":
        xr = x_list + col_w + gap // 2
        draw.rectangle([xr - 1, 170, xr + 1, int(y) + 20], fill=0)
    if beside == "scratch":
        xs = x_list + int(3.1 * lem)
        draw.rectangle([xs, 60, xs + 1, int(y) + 60], fill=0)
    if beside == "photo":
        h = int(skip * pitch - 0.6 * lem)
        tex = np.random.default_rng(5).normal(90, 25, (h, col_w)).clip(20, 200).astype(np.uint8)
        im.paste(Image.fromarray(tex), (x_body, 190))
    path = tmp_path / "listing_rule.png"
    im.save(path, dpi=(300, 300))
    return path, rows, body


def test_only_a_rule_in_a_gutter_of_the_column_grid_ends_a_listing() -> None:
    """A stock table at film scale (10 layout px per em): codes, names and, past a vertical rule, prices, in
    16 rows.  The rule inside the table's column (a film scratch down through its white, kept as a rule:
    microfilm 23 mp_002) leaves the table whole; a rule standing in a gutter of the column grid is a column
    rule: no listing runs over it."""
    from digitize.layout.listings import find_listings
    from digitize.layout.regions import Seg
    text = np.zeros((300, 400), np.uint8)
    segs = []
    for k in range(16):
        y = 20 + 14 * k
        for x0, x1 in ((20, 56), (75, 95), (160, 190), (205, 230)):     # code, name | price, change
            text[y:y + 8, x0:x1] = 255
        segs.append(Seg(Box(20, y, 230, y + 8)))
    rule = Box(130, 5, 132, 260)
    tables, _ = find_listings(segs, text, 10.0, [(15, 240)], rules=[rule])
    assert [(t.box.x0, t.box.x1) for t in tables] == [(20, 230)]
    tables, _ = find_listings(segs, text, 10.0, [(15, 125), (137, 240)], rules=[rule])
    assert tables and not any(t.box.x0 < rule.x0 and t.box.x1 > rule.x1 for t in tables), [t.box for t in tables]


@pytest.mark.parametrize("beside", ["rule", "photo"])
def test_a_listing_never_runs_over_a_column_rule_or_a_photo_into_the_column_beside(tmp_path: Path,
                                                                                   beside: str) -> None:
    """The column rule is taken out of the text ink; the body column past it, set at the listing's own line
    pitch, leaves the white between the listing's rows white, so the listing's extent ran on over the rule and
    took the body column in: here its lines, long fields, then failed the listing (no table, its rows read as
    body lines); on browser 29 ci_001, whose heavy body lines fell apart into short fields, each row was read
    with the line level with it across the rule (11.9 % of its lines merged).  The rule counts as ink in that
    white: the listing ends before it, one row per line, and the body column keeps its lines.  So does a photo
    beside the listing, its ink taken out of the text too (browser 27 ca_007: a TV listing ran on over a photo
    into the lines of the text under it)."""
    path, rows, body = _listing_by_rule_page(tmp_path, beside)
    page = _analyse(path)
    tables = [b for b in page.blocks if b.type is BlockType.TABLE]
    assert len(tables) == 1, [(b.type, b.box) for b in page.blocks]
    table = tables[0]
    assert table.box.intersection(body) <= 0.02 * body.area, (table.box, body)
    assert len(table.lines) == len(rows)
    for ln, row in zip(table.lines, rows):
        assert ln.box.intersection(row) >= 0.8 * row.area, (ln.box, row)
        assert not ln.box.intersection(body), (ln.box, body)
    body_lines = [ln for b in page.blocks if b is not table and b.type.is_text for ln in b.lines
                  if ln.box.intersection(body) >= 0.5 * ln.box.area]
    assert len(body_lines) == (16 if beside == "rule" else 6), [ln.box for ln in body_lines]


def test_a_tables_inner_columns_that_measure_alike_are_no_twins() -> None:
    """A stock table: codes (3.6 em of digits), names (1.9 em of Han, some longer) and closing prices (1.9 em
    of digits, as tall at 10 layout px per em).  Names and prices measure alike, and a long name stands
    between them, as a programme stands between two TV listings; but the names start inside the codes'
    listing, level with it: a later column of that table, no listing of its own, so no wall cuts the table
    after the names (browser 31 cq_001: codes and names read as body text, prices as a table)."""
    from digitize.layout.listings import _Listing, _twins
    from digitize.layout.params import DEFAULT
    em = 10.0
    ink = np.zeros((220, 500), bool)
    codes = _film_rows(ink, 100, 36, 8)
    names = _film_rows(ink, 160, 19, 8)
    prices = _film_rows(ink, 240, 19, 8)
    for f in names:                                       # four-character names run on past the median
        ink[f.box.y0:f.box.y1, 180:199] = True
    cands = [_Listing(Box(100, 18, 300, 190), codes, 14.0, []), _Listing(Box(160, 18, 300, 190), names, 14.0, []),
             _Listing(Box(240, 18, 300, 190), prices, 14.0, [])]
    assert _twins(cands, ink, em, DEFAULT) == []
    assert cands[0].box.x1 == 300                         # the codes' listing still reaches over the prices
    # without the codes the names are a listing of their own beside the prices: they are twins
    assert len(_twins(cands[1:], ink, em, DEFAULT)) == 1


def test_a_stock_tables_prices_are_no_twin_of_a_tv_listing_before_it() -> None:
    """A TV listing (times 2.4 em of digits, programmes after them), then a stock table level with it at one
    pitch: codes (3.8 em), names, closing prices (2.4 em of digits, as wide and tall as the times), changes.
    The prices measure as the TV listing's times, but they are a later column of the stock table, which
    starts between the two: no wall cuts the stock table before its prices (browser 69 di_004, browser 27
    ca_005: the table read as two columns, codes and names, then prices and changes).  Two stock tables side
    by side are still twins: the second one's codes end the first one (its prices, between them, are a later
    column of the first one, no listing of their own)."""
    from digitize.layout.listings import _Listing, _twins
    from digitize.layout.params import DEFAULT
    em = 10.0
    ink = np.zeros((220, 320), bool)
    times = _film_rows(ink, 20, 24, 7)
    codes = _film_rows(ink, 120, 38, 7)
    prices = _film_rows(ink, 230, 24, 7)
    for f in times:                                       # programmes, names and changes after the first fields
        ink[f.box.y0:f.box.y1, 52:82] = True
        ink[f.box.y0:f.box.y1, 166:186] = True
        ink[f.box.y0:f.box.y1, 265:295] = True
    cands = [_Listing(Box(20, 18, 90, 190), times, 14.0, []), _Listing(Box(120, 18, 300, 190), codes, 14.0, []),
             _Listing(Box(230, 18, 300, 190), prices, 14.0, [])]
    assert _twins(cands, ink, em, DEFAULT) == []
    assert cands[1].box.x1 == 300                         # the stock table still reaches over its prices

    ink = np.zeros((220, 500), bool)
    a_codes, a_prices = _film_rows(ink, 10, 38, 7), _film_rows(ink, 100, 24, 7)
    b_codes, b_prices = _film_rows(ink, 200, 38, 7), _film_rows(ink, 290, 24, 7)
    for f in a_codes:
        for x in (56, 135, 246, 325):                     # names and changes
            ink[f.box.y0:f.box.y1, x:x + 20] = True
    cands = [_Listing(Box(x, 18, 360, 190), run, 14.0, [])
             for x, run in ((10, a_codes), (100, a_prices), (200, b_codes), (290, b_prices))]
    walls = _twins(cands, ink, em, DEFAULT)
    assert [x for x, _ in walls] == [200]
    assert cands[0].box.x1 < 200 and cands[1].box.x1 < 200


def test_two_listings_one_above_the_other_are_parted_at_the_headline_between_them() -> None:
    """Two TV listings stacked, their times at one x and their rows at one pitch, the lower one under its
    headline (1.4 em): the rows skipped over the headline are within a listing's reach (``listing_skip_rows``),
    but a listing never runs over a headline: two tables, the headline in neither (browser 50 co_004)."""
    from digitize.layout.listings import find_listings
    from digitize.layout.regions import Seg
    em, pitch = 10.0, 14
    text = np.zeros((420, 400), np.uint8)
    segs, rows = [], []
    ys = [20 + pitch * k for k in range(8)] + [20 + pitch * (k + 10) for k in range(8)]
    for y in ys:
        text[y:y + 8, 100:124] = 255                      # the time, 2.4 em
        text[y:y + 9, 150:150 + 20 + 10 * (y % 3)] = 255  # the programme, 2-4 em
        segs.append(Seg(Box(100, y, 190, y + 9)))
        rows.append(Box(100, y, 190, y + 9))
    head = Box(120, ys[7] + 18, 250, ys[7] + 32)           # the lower listing's headline between them
    text[head.y0:head.y1, head.x0:head.x1] = 255
    segs.append(Seg(head))
    tables, rest = find_listings(segs, text, em, [(0, 400)])
    assert len(tables) == 2, [t.box for t in tables]
    assert all(t.box.intersection(head) == 0 for t in tables)
    assert sorted(len(t.lines) for t in tables) == [8, 8]
    assert any(s.box == head for s in rest)


def test_a_listings_taller_names_leave_the_middle_of_the_white_between_its_rows() -> None:
    """On film (10 layout px per em, a pitch of 14 px) a TV listing's times are 9 px tall and its programmes'
    Han characters, blurred, a pixel taller above and below: they reach a pixel into the 5 px of white the
    times leave between rows.  The white bands that measure where the listing ends are the middle of that
    white, where the names never reach: the listing takes in its programmes (microfilm 23 mp_003: three TV
    listings ended at their times, the programmes read as body text).  A body column beside it, set at
    another pitch, still crosses the middle of the white between the rows: the listing ends before it."""
    from digitize.layout.listings import find_listings
    from digitize.layout.regions import Seg
    em, pitch = 10.0, 14
    text = np.zeros((300, 420), np.uint8)
    segs = []
    for k in range(14):
        y = 20 + k * pitch
        text[y:y + 9, 100:124] = 255                      # the time, 2.4 em of digits
        text[y - 1:y + 10, 160:160 + 20 + 10 * (k % 3)] = 255   # the programme, 2-4 em of Han, a pixel taller
        segs.append(Seg(Box(100, y - 1, 210, y + 10)))
    for k in range(11):                                   # a body column 4 em to the right at a pitch of 17 px
        y = 18 + k * 17
        text[y:y + 11, 250:390] = 255
        segs.append(Seg(Box(250, y, 390, y + 11)))
    tables, rest = find_listings(segs, text, em, [(90, 400)])
    assert len(tables) == 1, [t.box for t in tables]
    t = tables[0]
    assert len(t.lines) == 14
    assert t.box.x0 == 100 and 200 <= t.box.x1 < 250, t.box   # times and programmes, not the body column


def test_a_headline_right_above_a_listing_is_no_header_row_of_it() -> None:
    """A TV listing's headline (1.4 em, two runs of characters on film) stands within its width right above
    its first row, as a stock table's header row (代码 名称 收盘 涨跌, body size) does; it is of headline type
    (``headline_size_em``), so it stays a line of its own and the table starts at its first row (microfilm
    39 my_000: the headline read as the table's first row, the table read before the article beside it)."""
    from digitize.layout.listings import find_listings
    from digitize.layout.regions import Seg
    em, pitch = 10.0, 14
    for height, joins in ((14, False), (9, True)):
        text = np.zeros((220, 300), np.uint8)
        segs = []
        for k in range(8):
            y = 40 + k * pitch
            text[y:y + 9, 100:124] = 255                  # the time
            text[y:y + 9, 150:150 + 20 + 10 * (k % 3)] = 255   # the programme
            segs.append(Seg(Box(100, y, 200, y + 9)))
        y = 40 - 4 - height                               # the line above, two runs of characters
        text[y:y + height, 104:150] = 255
        text[y:y + height, 156:196] = 255
        segs.append(Seg(Box(104, y, 196, y + height)))
        tables, rest = find_listings(segs, text, em, [(90, 290)])
        assert len(tables) == 1, [t.box for t in tables]
        assert (tables[0].box.y0 <= y) == joins, (height, tables[0].box)
        assert (min(ln.box.y0 for ln in tables[0].lines) <= y) == joins   # its first line: the header row
        assert any(s.box.y0 == y and s.box.x0 == 104 for s in rest) != joins


def _stock_rows(width: int, prices: bool) -> tuple[np.ndarray, list]:
    """A stock table drawn at em 10 px as a page that is mostly a stock table measures it (its em taken on the
    codes' digits): 12 rows at a pitch of 18 px, 11 px tall; codes 49 px wide (4.9 em: seven digits of the
    table's type), names 30 px and 13 px tall (Han, taller than the digits) 101 px further on, and with
    ``prices`` closing prices (31 px) and changes (40 px) far right; each field a line of its own."""
    from digitize.layout.regions import Seg
    text = np.zeros((260, width), np.uint8)
    segs = []
    for k in range(12):
        y = 20 + 18 * k
        fields = [(50, 99, y, y + 11), (200, 230, y - 1, y + 12)]
        if prices:
            fields += [(460, 491, y, y + 11), (580, 620, y, y + 11)]
        for x0, x1, y0, y1 in fields:
            text[y0:y1, x0:x1] = 255
            segs.append(Seg(Box(x0, y0, x1, y1)))
    return text, segs


def test_a_stock_tables_wide_codes_are_its_first_column_beside_its_prices() -> None:
    """On a page that is mostly a stock table the em is measured on the table's digits, and its seven-digit
    codes measure 4.9 em, past an ordinary first field's 4.5 em (``listing_anchor_max_em``): the codes were no
    listing, only the prices and changes were, and the codes and names were read as body columns (browser 83
    du_000, split CER 0.772).  A run of first fields up to ``listing_wide_anchor_max_em`` is the first column of
    the listing of ordinary first fields level with it further right: one table of the whole rows.  Without
    that listing beside it (a column of 4.9 em fields, short fields after them) it is no listing."""
    from digitize.layout.listings import find_listings
    text, segs = _stock_rows(700, prices=True)
    tables, rest = find_listings(segs, text, 10.0, [(0, 700)])
    assert len(tables) == 1, [t.box for t in tables]
    assert tables[0].box.x0 == 50 and tables[0].box.x1 == 620
    assert len(tables[0].lines) == 12
    assert not rest
    text, segs = _stock_rows(400, prices=False)
    tables, rest = find_listings(segs, text, 10.0, [(0, 400)])
    assert tables == [] and len(rest) == len(segs)
