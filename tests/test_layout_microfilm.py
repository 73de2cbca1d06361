"""Microfilm pages (issue 11): a listing's column a narrow gutter beside a column of text, scratches down the
film.  Small binary fixtures drawn here; no OCR."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from digitize.layout.params import DEFAULT
from digitize.layout.separators import split_ink
from digitize.layout.whitespace import whitespace_gutters


def characters(im: np.ndarray, y: int, x0: int, x1: int, size: int) -> None:
    """A line of square 'characters' of ``size`` px, 2 px apart, from ``x0`` to at most ``x1``."""
    for x in range(x0, x1 - size + 1, size + 2):
        im[y:y + size, x:x + size] = 255
        im[y + 3:y + size - 3, x + 3:x + size - 3] = 0


def listing_beside_text(listing_pitch: int) -> np.ndarray:
    """A column of body text (em 12, pitch 18) ending at x=200, a gutter of 0.8 em, and a listing from x=210:
    a time (two narrow glyphs, 2 em) at the gutter, 1.5 em of white, a programme of four characters; its rows
    at ``listing_pitch``."""
    em = 12
    im = np.zeros((420, 420), np.uint8)
    for i in range(20):
        characters(im, 20 + i * 18, 20, 200, em)
    y = 20
    while y + em < 20 + 20 * 18:
        im[y + 2:y + em - 1, 210:220] = 255                      # "08" "30": digits 0.7 em tall
        im[y + 2:y + em - 1, 222:234] = 255
        characters(im, y, 252, 310, em)
        y += listing_pitch
    return im


def test_gutter_beside_a_listing_at_its_own_pitch_is_found() -> None:
    """The white between the listing's times and programmes fails the test that a column of text is inked
    all across; yet the gutter is one: the listing's rows are not the text's (a river inside one paragraph
    has the same lines on both sides)."""
    found = whitespace_gutters(listing_beside_text(23), 12.0, DEFAULT)
    assert len(found) == 1, found
    assert 198 <= found[0].x0 and found[0].x1 <= 212, found
    assert found[0].height >= 15 * 18, found


def test_listing_gutter_rule_is_off_on_a_turned_vertical_page() -> None:
    """A vertical page is laid out turned a quarter (layout.analyse's ``turned``): it has no listings, and
    the white beside the short ends of its turned columns is no listing's gutter.  With ``listings`` off the
    strip beside the same fields is left as a horizontal page's text test finds it: no gutter."""
    assert whitespace_gutters(listing_beside_text(23), 12.0, DEFAULT, listings=False) == []


def test_white_beside_fields_level_with_the_text_is_no_gutter() -> None:
    """The same strip with the fields on the text's own rows is white inside one set of lines (a table
    set on the text's lines, or a river): not a gutter by this rule."""
    assert whitespace_gutters(listing_beside_text(18), 12.0, DEFAULT) == []


def two_columns_and_rule(draw, em: int) -> np.ndarray:
    """Two columns of 26 lines of type drawn by ``draw`` (em 12 at 100 dpi), a hairline rule in the middle of
    the 1.2 em gutter between them."""
    im = np.zeros((520, 440), np.uint8)
    for i in range(26):
        draw(im, 20 + i * 18, 20, 206, em)
        draw(im, 20 + i * 18, 222, 420, em)
    im[15:490, 213:215] = 255
    return im


def test_scratch_through_the_text_is_no_rule_but_a_rule_in_a_gutter_is() -> None:
    """Two columns of text (em 12, 100 dpi), a hairline rule in the 1.2 em gutter between them, and a
    scratch down the left column through its characters: the rule parts the columns, the scratch is taken
    out of the ink and parts nothing."""
    em, unit = 12, 100 / 25.4
    im = two_columns_and_rule(characters, em)
    im[15:490, 101:103] = 255                                      # the scratch, through the left column
    ink = split_ink(im, unit, float(em))
    xs = sorted(r.box.x0 for r in ink.rules if r.orientation == "v")
    assert len(xs) == 1 and 208 <= xs[0] <= 214, [r.box for r in ink.rules]
    assert not ink.text[100:400, 101:103].any()                    # the scratch's ink is gone


def test_microfilm_profile_binarizes_film_grain_as_paper() -> None:
    """A gray film page at layout resolution: near-black characters on paper with mid-gray grain.  With the
    microfilm profile's Sauvola k the grain is paper and the characters stay ink; with the default k (paper
    scans) the grain becomes ink."""
    from pathlib import Path

    import cv2

    from digitize.binarize import sauvola
    from digitize.config import Settings, load_settings

    rng = np.random.default_rng(7)
    im = np.full((300, 400), 205, np.uint8)
    grain = rng.random((300, 400)) < 0.06
    im[grain] = rng.integers(150, 170, int(grain.sum())).astype(np.uint8)
    text = np.zeros((300, 400), np.uint8)
    for i in range(6):
        characters(text, 20 + i * 18, 20, 380, 12)
    im[text > 0] = 25
    profile = load_settings(Path(__file__).resolve().parents[1] / "configs" / "microfilm.toml").preprocess
    window = Settings().preprocess.sauvola_window
    film = sauvola(im, window, profile.sauvola_k)
    paper = sauvola(im, window, Settings().preprocess.sauvola_k)
    empty = slice(150, 300)                                        # rows under the text: paper and grain
    assert film[empty].mean() / 255 < 0.005, film[empty].mean() / 255
    assert paper[empty].mean() / 255 > 0.03, paper[empty].mean() / 255
    assert (film[text > 0] > 0).mean() > 0.95
    assert cv2.countNonZero(film[:140]) >= 0.9 * cv2.countNonZero(text[:140])


def test_top_left_headline_of_a_page_without_masthead_is_no_masthead_title() -> None:
    """A half page without a masthead: its top-left headline (4 em) is the biggest type, with no rule under
    it, and the next article's headline further down is 3.4 em: a headline, not a masthead title.  A title of 7 em over the
    same headlines, with its info lines under it, is a masthead (without them it is a lead headline over its
    columns: masthead_info_min_lines)."""
    from digitize.geometry import Box
    from digitize.layout.masthead import masthead_bottom
    from digitize.layout.regions import Seg

    em = 10.0

    def big_characters(im: np.ndarray, y: int, x0: int, x1: int, size: int) -> None:
        for x in range(x0, x1 - size + 1, size + 4):               # glyphs with white slits down them
            im[y:y + size, x:x + size] = 255
            for k in range(size // 4, size - 3, size // 4):
                im[y + 3:y + size - 3, x + k:x + k + 2] = 0

    def page(title_px: int) -> tuple[np.ndarray, list[Seg]]:
        im = np.zeros((1000, 800), np.uint8)
        segs = [Seg(Box(30, 40, 30 + 6 * (title_px + 4), 40 + title_px))]
        big_characters(im, 40, 30, 30 + 6 * (title_px + 4), title_px)
        segs.append(Seg(Box(30, 420, 30 + 8 * 38, 454)))           # the next article's headline, 3.4 em
        big_characters(im, 420, 30, 30 + 8 * 38, 34)
        for y in list(range(130, 400, 14)) + list(range(470, 700, 14)):    # body columns
            characters(im, y, 30, 380, 10)
            characters(im, y, 420, 770, 10)
            segs += [Seg(Box(30, y, 380, y + 10)), Seg(Box(420, y, 770, y + 10))]
        return im, segs

    im, segs = page(40)
    assert masthead_bottom(segs, [], em, im.shape, im) == 0.0
    im, segs = page(70)                         # a 7 em title with its info lines (date, issue) under it
    for x in (30, 200, 370):
        characters(im, 114, x, x + 150, 10)
        segs.append(Seg(Box(x, 114, x + 150, 124)))
    assert masthead_bottom(segs, [], em, im.shape, im) > 110


def test_masthead_title_is_the_first_row_of_big_type_not_bigger_ink_under_it() -> None:
    """The masthead title stands at the top of the page: a taller piece of "type" further down in the top
    30 % (grain left of a photo, a vertical article's columns read as one piece) is not the title
    (microfilm seed 5 mx_003, microfilm dev mf_001)."""
    from digitize.geometry import Box
    from digitize.layout.masthead import masthead_title
    from digitize.layout.regions import Seg

    em = 10.0
    segs = [Seg(Box(40 + 60 * k, 40, 95 + 60 * k, 95)) for k in range(5)]        # title, 5.5 em, in words
    segs.append(Seg(Box(40, 200, 160, 300)))                                      # 10 em of ink under it
    segs += [Seg(Box(40, y, 400, y + 10)) for y in range(320, 700, 15)]            # body lines
    title = masthead_title(segs, em, (1200, 900))
    assert title is not None and title.box.y0 == 40 and title.box.y1 == 95, title
    assert title.box.x0 == 40 and title.box.x1 == 40 + 60 * 4 + 55


def test_grain_and_the_film_edge_at_the_top_are_no_masthead_title() -> None:
    """Above the title of a film frame: a tall patch of grain binarized into specks (each under an em) and
    a piece of ink at the image's top edge (the film's).  Neither is the title; the title row under them is
    (microfilm seed 2 mu_000, seed 4 mq_001)."""
    from digitize.geometry import Box
    from digitize.layout.masthead import masthead_title
    from digitize.layout.regions import Seg

    em = 10.0
    rng = np.random.default_rng(3)
    im = np.zeros((1200, 900), np.uint8)
    ys, xs = rng.integers(10, 100, 900), rng.integers(500, 800, 900)
    im[ys, xs] = im[ys + 1, xs] = im[ys, xs + 1] = 255                 # grain: 2x2 specks, 9 em tall patch
    im[0:60, 100:300] = 255                                            # the film's edge at the top
    segs = [Seg(Box(500, 10, 801, 101)), Seg(Box(100, 0, 300, 60))]
    for k in range(5):                                                 # the title, 5.5 em, in words
        x = 40 + 60 * k
        im[130:185, x:x + 55] = 255
        im[135:180, x + 5:x + 50] = 0
        im[150:155, x:x + 55] = 255
        segs.append(Seg(Box(x, 130, x + 55, 185)))
    title = masthead_title(segs, em, im.shape, im)
    assert title is not None and (title.box.y0, title.box.y1) == (130, 185), title


def thin_characters(im: np.ndarray, y: int, x0: int, x1: int, size: int) -> None:
    """A line of 'characters' drawn with 1 px strokes (a box with a bar across its middle), 2 px apart: mostly
    white inside, as small type is at layout resolution."""
    for x in range(x0, x1 - size + 1, size + 2):
        im[y, x:x + size] = im[y + size - 1, x:x + size] = im[y + size // 2, x:x + size] = 255
        im[y:y + size, x] = im[y:y + size, x + size - 1] = 255


def test_slanted_scratch_through_thin_glyphs_is_no_rule() -> None:
    """A scratch drawn slightly slanted (12 px over its length) down a column of type drawn with thin strokes:
    beside its box there is white on most rows, and beside its stroke the glyphs touch it on only a few rows of
    each line (their bars).  Measured beside the stroke over a line's rows it is a scratch and parts nothing;
    the hairline rule in the gutter still parts the columns."""
    em, unit = 12, 100 / 25.4
    im = two_columns_and_rule(thin_characters, em)
    for y in range(15, 490):                                       # the scratch: x 96 at the top, 108 at the foot
        x = 96 + (y - 15) * 12 // 475
        im[y, x:x + 2] = 255
    ink = split_ink(im, unit, float(em))
    xs = sorted(r.box.x0 for r in ink.rules if r.orientation == "v")
    assert len(xs) == 1 and 208 <= xs[0] <= 214, [r.box for r in ink.rules]


def test_rule_between_columns_of_vertical_type_is_no_scratch() -> None:
    """A hairline between two columns of vertical type set close to it (glyphs stacked 1 px apart, their sides
    3 px from the rule, their bars reaching to 1 px from it): over a glyph's rows ink touches the rule on both
    sides all the way down, as a scratch through type would, but no leading between lines of type crosses
    it: it stays a rule (without the leading test it was taken for a scratch)."""
    em, unit = 12, 100 / 25.4
    im = np.zeros((520, 200), np.uint8)
    for y in range(20, 480, em + 1):
        for x, x0, x1 in ((85, 85, 99), (105, 103, 117)):            # left and right of the rule at x 100-101
            im[y:y + em, x] = im[y:y + em, x + em - 1] = 255
            im[y, x0:x1] = im[y + em // 2, x0:x1] = im[y + em - 1, x0:x1] = 255
    im[15:490, 100:102] = 255
    ink = split_ink(im, unit, float(em))
    assert [r.box.x0 for r in ink.rules if r.orientation == "v"] == [100], [r.box for r in ink.rules]


def _two_columns_joined_by_grain(offset: int) -> tuple[np.ndarray, int]:
    """Two columns of body text (em 20, pitch 30, 20 lines) with a 0.75 em gutter, the right column's lines
    ``offset`` px lower than the left's, and film grain (single pixels) in the gutter and the leading: one
    fragment of smeared ink 30 em tall.  Returns the image and the gutter's left edge."""
    em, rng = 20, np.random.default_rng(5)
    im = np.zeros((640, 260), np.uint8)
    for i in range(20):
        characters(im, 10 + i * 30, 10, 98, em)                 # 4 characters: x 10-96
        characters(im, 10 + offset + i * 30, 111, 241, em)      # 6 characters: x 111-241
    ys, xs = rng.integers(0, 640, 400), rng.integers(0, 260, 400)
    im[ys, xs] = 255
    return im, 96


def test_columns_joined_by_grain_are_cut_down_their_gutter_then_at_their_rows() -> None:
    """Film grain joins the lines of two columns set at different heights into one fragment that no white row
    crosses (microfilm seed 8 ma_005: 55 % of its lines merged with another block's): it is cut down its
    columns first, each column at its own rows, and the gutter between them is handed back for join_row."""
    from digitize.geometry import Box
    from digitize.layout.lines import split_tall
    from digitize.layout.regions import Seg
    im, gutter_x = _two_columns_joined_by_grain(offset=15)
    h, w = im.shape
    gutters: list[Box] = []
    out = split_tall(im, [Seg(Box(0, 0, w, h))], 20.0, None, gutters)
    lines = [s.box for s in out if s.box.width >= 40]
    assert len(lines) == 40                                   # 20 lines in each column, none across the gutter
    assert all(b.x1 <= gutter_x + 2 or b.x0 >= gutter_x + 13 for b in lines)
    assert all(b.height <= 24 for b in lines)
    assert len(gutters) == 1 and gutter_x <= gutters[0].x0 and gutters[0].x1 <= gutter_x + 15
    # lines of one column at one height, taller than giant_em: cut at its rows as before (no gutter)
    one = np.zeros((640, 130), np.uint8)
    for i in range(20):
        characters(one, 10 + i * 30, 10, 112, 20)
    gutters = []
    out = split_tall(one, [Seg(Box(0, 0, 130, 640))], 20.0, None, gutters)
    assert len(out) == 20 and gutters == []


def test_big_type_and_listing_fields_are_not_cut_as_columns() -> None:
    """A tall fragment of masthead-size glyphs (a title 13 em tall) is no set of columns; nor are a listing's
    fields (times 2 em wide beside their programmes)."""
    from digitize.layout.lines import column_slices, body_type
    title = np.zeros((270, 900), np.uint8)
    for x in (10, 300, 590):
        title[10:260, x:x + 250] = 255
        title[40:230, x + 30:x + 220] = 0
    assert not body_type(title > 0, 20.0)
    listing = np.zeros((640, 300), np.uint8)
    for i in range(20):
        listing[10 + i * 30:28 + i * 30, 10:50] = 255               # "08:30", 2 em
        characters(listing, 10 + i * 30, 80, 290, 20)
    assert column_slices(listing > 0, 20.0) == []


def test_a_sparser_column_of_text_beside_dense_grain_is_kept_as_a_column() -> None:
    """Grain denser than the text beside it (the bottom of a photo on film, microfilm seed 8 ma_001): the
    stretch of characters is a column of its own, not grain to drop with the gutter."""
    from digitize.layout.lines import column_slices
    crop = np.zeros((640, 300), np.uint8)
    for i in range(10):
        characters(crop, 10 + i * 60, 10, 120, 20)            # lines 3 em apart: sparse ink
    crop[::2, 150:290:2] = 255                                 # isolated grain pixels, half the rows of every other column
    parts = column_slices(crop > 0, 20.0)
    assert len(parts) == 2
    assert parts[0][0] <= 10 and parts[0][1] >= 118           # the text column
    assert parts[1][0] >= 120 and parts[1][1] <= 300


def test_the_white_a_scratch_leaves_down_a_column_is_no_gutter() -> None:
    """A scratch down a column between two of its characters' stems is taken out of the ink with their edges:
    the white strip left (half an em) passes the whitespace gutter tests, and the column's lines were cut in
    two there (fresh microfilm 20 mi_000).  The scratch is kept on the Ink, and a gutter along it is dropped."""
    from digitize.layout.whitespace import off_scratches
    em, unit = 12, 100 / 25.4
    im = two_columns_and_rule(characters, em)
    im[15:490, 99:101] = 255                                       # the scratch, in the left column
    ink = split_ink(im, unit, float(em))
    assert len(ink.scratches) == 1 and 97 <= ink.scratches[0].x0 <= 100
    ws = whitespace_gutters(ink.text, em, DEFAULT)
    assert any(g.x0 <= 101 and g.x1 >= 99 for g in ws)           # the strip passes the gutter tests ...
    assert not any(g.x0 <= 101 and g.x1 >= 99 for g in off_scratches(ws, ink.scratches, em, DEFAULT))


def test_a_gutter_wider_than_a_scratch_strip_along_a_scratch_stays() -> None:
    """A slanted scratch down a narrow gutter touches the glyphs on both sides and is taken for a scratch
    (microfilm 11 mu_003); the gutter, 0.75 em wide, is wider than the white a scratch leaves in a column
    and stays."""
    from digitize.geometry import Box
    from digitize.layout.whitespace import off_scratches
    em = 12.0
    scratch = [Box(100, 0, 110, 400)]
    gutter, strip = Box(101, 20, 110, 380), Box(102, 20, 107, 380)        # 0.75 em and 0.42 em wide
    assert off_scratches([gutter, strip], scratch, em, DEFAULT) == [gutter]


def _vertical_article_between_columns() -> tuple[np.ndarray, tuple[int, int]]:
    """A vertical article of five columns (characters of em 20 stacked 2 px apart, columns 0.5 em apart: wider
    than a gutter's join) between two columns of horizontal body text (lines at different heights), an em of
    white either side and film grain bridging it: one fragment 30 em tall.  Returns the image and the
    article's x range."""
    rng = np.random.default_rng(7)
    im = np.zeros((640, 420), np.uint8)
    for i in range(20):
        characters(im, 10 + i * 30, 10, 98, 20)                 # left body: 4 characters, x 10-96
        characters(im, 25 + i * 30, 286, 412, 20)               # right body, its lines 15 px lower
    x0 = 116
    for c in range(5):                                          # columns x 116-136, 146-166, ... 236-256
        x = x0 + c * 30
        for y in range(10, 620, 22):
            im[y:y + 20, x:x + 20] = 255
            im[y + 3:y + 17, x + 3:x + 17] = 0
    ys, xs = rng.integers(0, 640, 900), rng.integers(0, 420, 900)
    im[ys, xs] = 255
    return im, (x0, x0 + 4 * 30 + 20)


def test_a_vertical_article_joined_to_the_columns_beside_it_is_cut_out_whole() -> None:
    """Film grain joins a vertical article (its columns half an em apart, each a run one character wide) and the
    bodies either side into one fragment 30 em tall that neither the column cut nor the row cut parts: read
    as one line (microfilm 7 mz_004, 9 mg_004, 12 mb_004 and mb_005, 13 m13_005).  The article's columns are
    cut out as one fragment, and the bodies either side are cut into their lines."""
    from digitize.geometry import Box
    from digitize.layout.lines import join_row, split_tall, vertical_chain
    from digitize.layout.regions import Seg
    im, (a, z) = _vertical_article_between_columns()
    h, w = im.shape
    chain = vertical_chain(im > 0, 20.0)
    assert chain is not None and abs(chain[0] - a) <= 2 and abs(chain[1] - z) <= 2
    walls: list[Box] = []
    out = split_tall(im, [Seg(Box(0, 0, w, h))], 20.0, None, [], walls)
    article = [s.box for s in out if s.box.height > 25 * 20]
    assert len(article) == 1 and abs(article[0].x0 - a) <= 2 and abs(article[0].x1 - z) <= 2
    lines = [s.box for s in out if s.box.width >= 60 and s.box.height <= 25 * 20]
    assert len(lines) == 40 and all(b.height <= 24 for b in lines)
    assert all(b.x1 <= a or b.x0 >= z for b in lines)
    # the article's sides are walls, so join_row does not join its columns to the lines beside them again
    assert len(walls) == 2 and walls[0].x1 <= a + 2 and walls[1].x0 >= z - 2
    joined = join_row(out, 20.0, [], [], walls, im)
    assert sum(1 for s in joined if s.box.height > 25 * 20 and s.box.x0 >= a - 2 and s.box.x1 <= z + 2) == 1


def test_lines_of_body_text_are_no_vertical_article() -> None:
    """Body lines (characters 2 px apart along the row) hold no chain of character-wide runs: a column of them,
    and the listing of the test above, are left to the column and row cuts."""
    from digitize.layout.lines import vertical_chain
    one = np.zeros((640, 130), np.uint8)
    for i in range(20):
        characters(one, 10 + i * 30, 10, 112, 20)
    assert vertical_chain(one > 0, 20.0) is None
    listing = np.zeros((640, 300), np.uint8)
    for i in range(20):
        listing[10 + i * 30:28 + i * 30, 10:50] = 255
        characters(listing, 10 + i * 30, 80, 290, 20)
    assert vertical_chain(listing > 0, 20.0) is None
    # the stems of a big title's letters (12.5 em tall, 1.3 em wide, an em apart: a Fraktur masthead, real NZZ
    # 1890) stand like columns one character wide, but run under ten of their widths long
    title = np.zeros((270, 300), np.uint8)
    for x in range(10, 240, 46):
        title[10:260, x:x + 26] = 255
    assert vertical_chain(title > 0, 20.0) is None


def test_a_vertical_article_on_grainy_film_read_as_one_line_gets_its_columns() -> None:
    """A vertical article cut out whole on grainy film is a block of one "line" 30 em tall; the grain in the
    channels between its columns leaves no pixel column blank, so the look for blank pixel columns found no
    columns there (microfilm 7 mz_002 and mz_004, 12 mb_005).  A one-line block taller than giant_em is looked
    at with the specks discounted, and its columns are parted at pixel columns holding only specks.  A block of
    body lines (many lines) keeps the first look."""
    from digitize.geometry import Box
    from digitize.layout.regions import Region, Seg
    from digitize.layout.vertical import detect_vertical
    from digitize.model import BlockType
    im, (a, z) = _vertical_article_between_columns()
    im[:, :a - 4] = 0
    im[:, z + 4:] = 0
    for x in range(a + 20, z, 30):                              # a speck in every channel, every 40 rows
        im[5:640:40, x + 4] = 255
    box = Box(a, 10, z, 620)
    one = Region(box, BlockType.BODY, [Seg(box)])
    out = detect_vertical([one], im, 20.0)
    assert len(out) == 1 and out[0].vertical and len(out[0].lines) == 5
    rows = Region(box, BlockType.BODY, [Seg(Box(a, y, z, y + 20)) for y in range(10, 620, 22)])
    assert not detect_vertical([rows], im, 20.0)[0].vertical


def test_a_giant_fragment_at_the_image_edge_with_a_headline_over_body_lines_is_cut_at_its_rows() -> None:
    """A fragment taller than giant_em touching the image edge (grain on the film's edge joined the first columns
    and a headline into one) has white rows between its lines; one of its pieces is taller than a body line (the
    headline), which in a smaller fragment means a big character with white rows inside it, kept whole.  No
    character is giant_em tall: the pieces are lines (fresh microfilm 15 me_004: kept whole, one "line" touching
    the edge, dropped as border debris with its 24 lines).  Inside the page on film too (session 21: its row
    pieces are mostly body lines)."""
    from digitize.geometry import Box
    from digitize.layout.lines import join_row, split_tall
    from digitize.layout.regions import Seg
    em = 20
    im = np.zeros((400, 400), np.uint8)
    for x in range(10, 380, 70):
        im[10:70, x:x + 60] = 255                              # a headline: big solid glyphs, 3 em
    for i in range(10):
        characters(im, 90 + i * 30, 10, 390, em)                # ten body lines under it
    out = join_row(split_tall(im, [Seg(Box(0, 0, 400, 400))], float(em)), float(em), [])
    assert len(out) == 11
    assert sum(1 for s in out if s.box.height >= 55) == 1       # the headline whole, one line
    assert all(s.box.height <= 24 for s in out if s.box.height < 55)
    # not touching the image edge: kept whole on paper; on film cut at its rows too (see the next test)
    inside = np.zeros((420, 420), np.uint8)
    inside[10:410, 10:410] = im
    assert len(split_tall(inside, [Seg(Box(10, 10, 410, 410))], float(em))) == 1
    assert len(join_row(split_tall(inside, [Seg(Box(10, 10, 410, 410))], float(em), grain=True), float(em), [])) == 11
    # a big character with white rows inside it, shorter than giant_em, stays whole (as before)
    big = np.zeros((200, 100), np.uint8)
    big[10:20, 30:70] = 255                                     # a stroke over a box: 8.5 em tall
    big[60:180, 10:90] = 255
    big[75:165, 25:75] = 0
    out = split_tall(big, [Seg(Box(0, 0, 100, 200))], float(em))
    assert len(out) == 1


def test_a_giant_fragment_inside_the_page_mostly_body_lines_is_cut_at_its_rows() -> None:
    """Heavy film joins a masthead title, a headline and the body lines under them into one fragment taller
    than giant_em that touches no image edge, has no column of body type to cut down (the title is no body
    type) and holds no vertical article (microfilm 28 mk2_003: one "line" 57 em tall held 104 GT lines, 30 %
    of the page's text, read by recognition as one line).  No character is giant_em tall: when body-line
    pieces (one line tall between white rows) make up giant_rows_line_share of its height, it is lines stacked,
    cut at its rows.  A giant of tall pieces (columns of a vertical article: white rows only between a few
    characters' rows) stays whole for detect_vertical.  Only on film (layout.grain_joined_lines): on paper a
    giant is a vertical article's columns, which may stand level on a grid."""
    from digitize.geometry import Box
    from digitize.layout.lines import join_row, split_tall
    from digitize.layout.regions import Seg
    em = 20
    im = np.zeros((500, 460), np.uint8)
    for x in range(20, 420, 100):
        im[20:140, x:x + 90] = 255                             # a masthead title: glyphs 6 em tall
        im[40:120, x + 20:x + 70] = 0
    for x in range(20, 420, 70):
        im[160:220, x:x + 60] = 255                            # a headline: 3 em
    for i in range(9):
        characters(im, 240 + i * 28, 20, 440, em)              # nine body lines
    im[20:480, 10] = 255                                       # grain down the left joins them into one fragment
    box = Box(10, 20, 440, 490)
    out = join_row(split_tall(im, [Seg(box)], float(em), grain=True), float(em), [])
    body = [s.box for s in out if s.box.width >= 200 and s.box.y0 >= 230]
    assert len(body) == 9 and all(b.height <= 30 for b in body)   # nine body lines, each one line tall
    assert any(s.box.y1 <= 150 and s.box.width >= 200 for s in out)   # the title a line of its own
    # columns of a vertical article (tall pieces between white rows every four characters) are kept whole
    vert = np.zeros((500, 460), np.uint8)
    for x in range(20, 420, 32):
        for y in range(20, 470, 90):
            vert[y:y + 80, x:x + 20] = 255                    # four characters touching
            vert[y + 5:y + 75:20, x + 5:x + 15] = 0
    vert[20:480, 10] = 255
    assert len(split_tall(vert, [Seg(box)], float(em), grain=True)) == 1
    # on paper (no grain) a giant inside the page stays whole: a vertical article's columns on a grid
    assert len(split_tall(im, [Seg(box)], float(em))) == 1


def test_lines_joined_by_grain_in_the_margin_keep_all_their_rows_when_clipped_to_the_text_area() -> None:
    """Grain in the margin joins a column's lines into one fragment reaching past the text area; cut back to
    the text area, a line keeps the inked run around its densest row (debris hung on it goes), but this
    fragment is taller than giant_em: it keeps all its rows, and split_tall cuts it into its lines (fresh
    microfilm 17 mk_000: 15 lines of the first column lost, one kept)."""
    from digitize.geometry import Box
    from digitize.layout.lines import clip_to_text_area, split_tall
    from digitize.layout.regions import Seg
    em = 20
    im = np.zeros((640, 260), np.uint8)
    for i in range(20):
        characters(im, 10 + i * 30, 40, 250, em)
    im[10:610, 5:9] = 255                                      # grain down the margin, touching every line
    im[10:610:30, 9:40] = 255
    seg = Seg(Box(5, 10, 250, 610))
    out = clip_to_text_area(im, [seg], 35, 260, None, float(em))
    assert len(out) == 1 and out[0].box.y0 <= 12 and out[0].box.y1 >= 598
    assert len(split_tall(im, out, float(em))) == 20
    # without em (or a fragment shorter than giant_em): the inked run around the densest row, as before
    assert clip_to_text_area(im, [seg], 35, 260)[0].box.height <= 2 * em


def _article(im: np.ndarray, x0: int, x1: int, top: int, lines: int, head: int = 30, em: int = 12) -> int:
    """An article from ``top``: a headline of ``head`` px type over two thirds of its width, then two columns of
    ``lines`` body lines (em 12, pitch 18).  Returns the y under its last line."""
    characters(im, top, x0, x0 + (x1 - x0) * 2 // 3, head)
    y = top + head + em
    mid = (x0 + x1) // 2
    for i in range(lines):
        characters(im, y + i * 18, x0, mid - 8, em)
        characters(im, y + i * 18, mid + 8, x1, em)
    return y + lines * 18


def _row_of_two(shift: int, settings) -> list[tuple[int, int]]:
    """A 100-dpi page: two articles side by side, the left one's top ``shift`` px lower than the right one's,
    and a third article under the right one 40 px (10 mm) below its last line.  Returns the articles' headline
    boxes (x0, y0, scan px) in reading order."""
    from digitize import layout
    from digitize.model import BlockType, Page, Scan
    im = np.zeros((700, 860), np.uint8)
    _article(im, 30, 420, 60 + shift, 12)
    bottom = _article(im, 440, 830, 60, 8)
    _article(im, 440, 830, bottom + 40, 10)
    h, w = im.shape
    white = np.full((3 * h, 3 * w), 255, np.uint8)
    page = Page(source=Path("row.png"), width=3 * w, height=3 * h, dpi=300.0)
    scan = Scan(original=white, gray=white, work=white, binary=im, binary_scale=1 / 3)
    page = layout.analyse(page, scan, settings)
    return [(b.box.x0, b.box.y0) for b in page.ordered_blocks() if b.type == BlockType.HEADLINE]


def test_a_row_of_articles_whose_tops_lie_over_the_conventions_tolerance_apart_stays_one_row_on_film() -> None:
    """The tops of two articles of one row, measured on film 4.3 mm apart (1.3 times the reading-order
    convention's 3.39 mm: what stands at an article's top on film moves its ink top off its box's), are one row
    with the microfilm profile (``layout.row_tolerance_mm``): the left article is read first, the article under
    the right one after both.  Paper pages keep the convention (the shared generator sets rows 3.6 mm apart):
    there the right article, higher, is read first.  Tops 6.1 mm apart are two rows on film too."""
    from digitize.config import LayoutSettings, load_settings
    film = load_settings(Path(__file__).resolve().parents[1] / "configs" / "microfilm.toml").layout
    heads = _row_of_two(17, film)
    assert len(heads) == 3 and heads[0][0] < heads[1][0] and heads[2][1] > heads[1][1], heads
    heads = _row_of_two(17, LayoutSettings())
    assert len(heads) == 3 and heads[0][0] > heads[1][0], heads
    heads = _row_of_two(24, film)
    assert len(heads) == 3 and heads[0][0] > heads[1][0], heads
