"""Article grouping and line splitting on small hand-built layouts: the failure shapes of held-out pages
(a one-column headline lower than its neighbours under a teaser, speckle under a body line, a pale photo
found only in part)."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.articles import assign_articles, headline_spans
from digitize.layout.blocks import group_lines
from digitize.layout.lines import extend_line_ends, join_row, measure_core, split_tall
from digitize.layout.pictures import grow_pictures
from digitize.layout.regions import Region, Seg
from digitize.model import BlockType

EM = 10.0
COLS = [(0, 200), (220, 420), (440, 640)]


def region(kind: BlockType, x0: int, y0: int, x1: int, y1: int, cols: tuple[int, int] = (-1, -1)) -> Region:
    return Region(Box(x0, y0, x1, y1), kind, lines=[Seg(Box(x0, y0, x1, y0 + 10))], cols=cols, font=EM)


def column_block(t: BlockType, x0: int, y0: int, x1: int, y1: int, c: int | None = None) -> Region:
    """A block of 10 px lines at a 14 px pitch, in grid column ``c`` (none if None)."""
    lines = [Seg(Box(x0, y, x1, min(y1, y + 10))) for y in range(y0, y1 - 5, 14)]
    return Region(Box(x0, y0, x1, y1), t, lines=lines, cols=(c, c) if c is not None else (-1, -1))


def test_lower_headline_does_not_take_other_articles_columns() -> None:
    """Lead headline over columns 0-1 with a photo, caption and body under it; column 2 holds a teaser box
    and, lower down, a one-column headline with its own body.  No vertical rules anywhere."""
    lead = region(BlockType.HEADLINE, 20, 10, 400, 40)
    photo = region(BlockType.PICTURE, 0, 60, 200, 260)
    photo.pic = 0
    caption = region(BlockType.CAPTION, 0, 265, 200, 285, (0, 0))
    caption.caption_of = 0
    body0 = region(BlockType.BODY, 0, 300, 200, 600, (0, 0))
    body1 = region(BlockType.BODY, 220, 55, 420, 600, (1, 1))
    teaser = region(BlockType.TEASER, 440, 10, 640, 50)
    teaser.in_frame = 0
    late = region(BlockType.HEADLINE, 445, 75, 635, 95)       # 3.5 em below the lead headline's top
    body2 = region(BlockType.BODY, 440, 110, 640, 600, (2, 2))
    regions = [lead, photo, caption, body0, body1, teaser, late, body2]
    spans = headline_spans([lead, late], COLS, [], EM, regions)
    assert spans[id(late)] == (2, 2)
    assert spans[id(lead)] == (0, 1)
    assign_articles(regions, COLS, [], EM)
    assert body0.article == body1.article == photo.article == caption.article == lead.article
    assert body2.article == late.article != lead.article
    assert teaser.article not in (lead.article, late.article)


def test_headline_still_takes_free_columns_of_its_row() -> None:
    """A short left-aligned headline heads the empty columns to its right (its body runs under them)."""
    head = region(BlockType.HEADLINE, 0, 10, 150, 40)
    bodies = [region(BlockType.BODY, c0, 60, c1, 600, (i, i)) for i, (c0, c1) in enumerate(COLS)]
    spans = headline_spans([head], COLS, [], EM, [head] + bodies)
    assert spans[id(head)] == (0, 2)


def _blocky_line(img: np.ndarray, y: int, x0: int, x1: int, em: int, rng: np.random.Generator) -> None:
    """Character-like ink: per character cell a few strokes, all within ``em`` rows from ``y``."""
    for x in range(x0, x1 - em, em + 2):
        img[y + 1:y + em - 1, x + 2:x + 4] = 255
        img[y + em // 2, x:x + em] = 255
        img[y + 1, x + rng.integers(0, em // 2):x + em - 1] = 255
        img[y + em - 2, x + 1:x + em - rng.integers(1, em // 2)] = 255


def test_two_body_lines_with_speckle_below_are_split() -> None:
    em = 16
    rng = np.random.default_rng(3)
    img = np.zeros((80, 260), np.uint8)
    _blocky_line(img, 10, 5, 250, em, rng)
    _blocky_line(img, 10 + em + 7, 5, 250, em, rng)
    low = 10 + 2 * em + 7
    for x in rng.integers(5, 250, 14):             # speckle and dust in the rows under the second line
        img[low + rng.integers(0, 4), x] = 255
    ys, xs = np.nonzero(img)
    seg = Seg(Box(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))
    out = split_tall(img, [seg], float(em))
    assert len(out) == 2
    assert all(s.box.height <= 1.4 * em for s in out)
    assert out[0].box.y1 <= out[1].box.y0


def test_big_character_is_not_split() -> None:
    em = 16
    img = np.zeros((80, 200), np.uint8)
    img[10:48, 10:14] = 255                        # one 2.4-em glyph: two strokes joined by bars, white inside
    img[10:48, 40:44] = 255
    img[10:12, 10:44] = 255
    img[46:48, 10:44] = 255
    img[10:48, 60:64] = 255
    img[10:12, 60:100] = 255
    img[10:48, 96:100] = 255
    seg = Seg(Box(10, 10, 100, 48))
    assert len(split_tall(img, [seg], float(em))) == 1


def test_short_headline_line_with_a_faint_row_across_is_not_cut_in_two() -> None:
    """A line of three 3-em headline characters, wider than 5 em, whose strokes thin out across its middle
    (a profile valley like the one between two touching body lines) stays one line; two body lines that
    touch through a few blobs are still cut apart."""
    em = 16
    img = np.zeros((90, 200), np.uint8)
    for x in (10, 70, 130):                        # per glyph: a full-height stem, a top part, a bottom part
        img[10:58, x + 20:x + 24] = 255
        img[10:30, x:x + 44][::4] = 255
        img[38:58, x:x + 44][::3] = 255
        img[10:30, x:x + 4] = 255
        img[38:58, x + 40:x + 44] = 255
    seg = Seg(Box(10, 10, 174, 58))
    assert len(split_tall(img, [seg], float(em))) == 1
    rng = np.random.default_rng(4)
    body = np.zeros((80, 260), np.uint8)
    _blocky_line(body, 10, 5, 250, em, rng)
    _blocky_line(body, 10 + em, 5, 250, em, rng)   # no white row between the two lines
    body[10 + em - 2:10 + em + 2, 100:104] = 255
    ys, xs = np.nonzero(body)
    out = split_tall(body, [Seg(Box(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))], float(em))
    assert len(out) == 2


def test_pale_photo_found_in_part_grows_over_its_tone() -> None:
    toned = np.zeros((400, 600), bool)
    toned[100:300, 100:400] = True                 # the photo's tone
    toned[100:300, 420:600:3] = True               # text in the next column: a third of the pixels at most
    grown = grow_pictures([Box(250, 120, 400, 300)], toned, unit=4.0)
    assert grown == [Box(100, 100, 400, 300)]


def test_tone_over_the_whole_page_height_is_not_a_picture() -> None:
    toned = np.zeros((400, 600), bool)
    toned[:, 0:60] = True                          # shaded scanner margin along the whole page
    toned[100:300, 60:300] = True
    grown = grow_pictures([Box(150, 100, 300, 300)], toned, unit=4.0)
    assert grown == [Box(60, 100, 300, 300)]


def test_rendered_five_columns_photo_on_top_and_speckle(tmp_path) -> None:
    """Two bands on a 5-column grid without rules, a photo at the top of the lead article, speckle: every
    block is read in order and stays with the headline it follows in the ground truth."""
    from tests.fixtures.render import PageSpec
    from tests.test_layout import analyse_rendered, match

    spec = PageSpec(width=2600, height=2400, columns=5, seed=1, bands=2, picture=True, picture_at="top",
                    headline_span=2, rules=False, speckles=600, noise=8)
    r, page = analyse_rendered(spec, tmp_path)
    pairs = match(r, page)
    assert all(h is not None for _, h in pairs), [g["box"] for g, h in pairs if h is None]
    orders = [h.order for _, h in pairs]
    assert orders == sorted(orders)
    head = None
    for g, h in pairs:
        if g["type"] == "headline":
            head = h
            assert h.type.value == "headline"
        elif head is not None and g["type"] in ("subhead", "byline", "body"):
            assert h.article == head.article, (g["type"], g["box"])
        if g["type"] == "body":
            assert h.type.value == "body", g["box"]


def test_line_boxes_reach_the_measure_and_take_in_a_trailing_mark() -> None:
    em = 16
    text = np.zeros((100, 400), np.uint8)
    full = Seg(Box(10, 10, 390, 26))
    comma = Seg(Box(10, 32, 378, 48))                # ends in a mark at the left of its cell
    text[44:48, 370:374] = 255
    short = Seg(Box(10, 54, 200, 70))                # paragraph end: ”。 with the 。 taken for dust
    text[60:66, 205:212] = 255
    last = Seg(Box(10, 76, 120, 92))                 # a paragraph end with nothing after it
    text[80:84, 300:304] = 255                       # a speck far away stays out
    extend_line_ends([full, comma, short, last], text, float(em))
    assert comma.box.x1 == 390 and full.box.x1 == 390
    assert short.box.x1 == 212
    assert last.box.x1 == 120


def test_paragraph_starting_with_an_opening_mark_stays_in_the_block() -> None:
    """A paragraph end, then a new paragraph whose first ink is a bracket at the right of its cell after
    the 2-em indent (its opening quote lost in binarization): one block, not two."""
    em = 12.0
    cols = [(0, 240)]
    segs = [Seg(Box(0, y, 240, y + 12), core=12.0) for y in (0, 18, 36)]
    segs.append(Seg(Box(0, 54, 70, 66), core=12.0))          # paragraph end
    segs.append(Seg(Box(46, 72, 240, 84), core=12.0))        # （一）... starts 3.8 em in, runs to the edge
    segs += [Seg(Box(0, y, 240, y + 12), core=12.0) for y in (90, 108)]
    regions = group_lines(segs, em, cols, [], [])
    assert len(regions) == 1 and len(regions[0].lines) == 7


def test_pieces_of_one_row_join_although_one_box_holds_rows_of_the_line_above() -> None:
    em = 12
    text = np.zeros((60, 300), np.uint8)
    text[30:42, 10:50] = 255                                   # “变脸” (ink rows 30-41)
    text[30:42, 70:290] = 255                                  # the rest of the line, 20 px away
    text[22:24, 120:140] = 255                                 # descender ink of the line above in its box
    segs = measure_core(text, [Seg(Box(10, 30, 50, 42)), Seg(Box(70, 22, 290, 42))])
    out = join_row(segs, float(em), [])
    assert len(out) == 1 and out[0].box == Box(10, 22, 290, 42)


def test_stroke_of_a_huge_title_glyph_is_not_a_block_of_its_own() -> None:
    from digitize.layout import drop_nested

    title = Region(Box(50, 40, 400, 110), BlockType.MASTHEAD, lines=[Seg(Box(50, 40, 400, 110))])
    stroke = Region(Box(65, 40, 110, 60), BlockType.MASTHEAD, lines=[Seg(Box(65, 40, 110, 60))])
    date = Region(Box(50, 120, 400, 135), BlockType.MASTHEAD, lines=[Seg(Box(50, 120, 400, 135))])
    assert drop_nested([title, stroke, date]) == [title, date]


def test_column_without_headline_stays_one_article() -> None:
    """A headline set barely larger than the body is typed body: the blocks stacked under it in its column
    (subhead, byline, body) continue its article instead of each starting one; a rule ends the run."""
    from digitize.layout.separators import Rule

    top = region(BlockType.BODY, 0, 10, 200, 40, (0, 0))
    sub = region(BlockType.BODY, 0, 45, 200, 60, (0, 0))
    body = region(BlockType.BODY, 0, 70, 200, 400, (0, 0))
    below_rule = region(BlockType.BODY, 0, 430, 200, 600, (0, 0))
    head = region(BlockType.HEADLINE, 220, 20, 640, 50)
    other = region(BlockType.BODY, 220, 60, 420, 600, (1, 1))
    rule = Rule(Box(0, 414, 640, 416), "h", 2.0)
    regions = [top, sub, body, below_rule, head, other]
    assign_articles(regions, COLS, [rule], EM)
    assert top.article == sub.article == body.article
    assert below_rule.article != top.article
    assert other.article == head.article != top.article


def test_latin_run_joins_its_line() -> None:
    """A run of Latin letters (small x-height core, box as tall as the line) joins the Han text of its row."""
    text = np.zeros((40, 300), np.uint8)
    text[10:24, 10:120] = 255                                  # Han characters: ink over the full em
    text[10:15, 160:162] = 255                                 # 'r.txt.vbs': a few ascenders (t, b)...
    text[10:15, 200:202] = 255
    text[15:21, 150:250] = 255                                 # ...over dense x-height rows
    segs = measure_core(text, [Seg(Box(10, 10, 120, 24)), Seg(Box(150, 10, 250, 24))])
    assert segs[1].size < 0.65 * segs[0].size
    assert len(join_row(segs, 12.0, [])) == 1


def test_short_paragraph_tail_between_body_lines_is_not_a_headline() -> None:
    """A paragraph's last line of two characters, read big on a heavy scan (speckles swell its size), sits
    a line gap under the body above and over the body below: it stays body.  The same short line with a
    clear gap above (the top of a new article) is still a headline."""
    from digitize.layout.classify import classify

    def body(y0: int, n: int) -> Region:
        lines = [Seg(Box(0, y0 + 14 * i, 200, y0 + 14 * i + 10)) for i in range(n)]
        return Region(Box(0, y0, 200, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=EM)

    def short(y0: int) -> Region:
        return Region(Box(0, y0, 26, y0 + 14), BlockType.BODY, lines=[Seg(Box(0, y0, 26, y0 + 14))],
                      cols=(0, 0), font=1.3 * EM)

    above, tail, below = body(0, 6), short(80), body(98, 6)
    wedged = classify([above, tail, below], EM, [(0, 200)], np.zeros((400, 220), np.uint8))
    assert tail in wedged and tail.type == BlockType.BODY
    above, head, below = body(0, 6), short(120), body(138, 6)
    classify([above, head, below], EM, [(0, 200)], np.zeros((400, 220), np.uint8))
    assert head.type == BlockType.HEADLINE


def test_full_width_lines_between_headline_and_byline_are_a_subhead() -> None:
    """A body-size subhead whose first line fills the column still sits between the headline and the byline:
    it is the subhead (read before the byline), not the start of the body."""
    from digitize.layout.classify import classify

    head = Region(Box(0, 0, 160, 16), BlockType.BODY, lines=[Seg(Box(0, 0, 160, 16))], cols=(0, 0), font=16.0)
    sub = Region(Box(0, 20, 200, 44), BlockType.BODY, lines=[Seg(Box(0, 20, 200, 30)), Seg(Box(0, 34, 60, 44))],
                 cols=(0, 0), font=EM)
    by = Region(Box(0, 48, 90, 57), BlockType.BODY, lines=[Seg(Box(0, 48, 90, 57))], cols=(0, 0), font=9.0)
    lines = [Seg(Box(0, 64 + 14 * i, 200, 74 + 14 * i)) for i in range(8)]
    body = Region(Box(0, 64, 200, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=EM)
    classify([head, sub, by, body], EM, [(0, 200)], np.zeros((300, 220), np.uint8))
    assert [r.type for r in (head, sub, by, body)] == \
        [BlockType.HEADLINE, BlockType.SUBHEAD, BlockType.BYLINE, BlockType.BODY]


def test_grainy_photo_is_a_picture_but_text_on_paper_or_tint_is_not() -> None:
    """A noisy photo binarizes to many character-sized blobs (so the character test alone rejects it) but
    its lighter half holds many tones; text on paper and text on a flat tint are never pictures."""
    from digitize.layout.pictures import tone_pictures, toned_mask

    rng = np.random.default_rng(5)
    unit = 4.0                                     # layout px per mm
    gray = np.full((700, 900), 245, np.uint8)
    yy, xx = np.mgrid[0:240, 0:300]
    photo = 120 + 90 * np.sin(xx / 37.0) * np.cos(yy / 23.0) + rng.normal(0, 25, (240, 300))
    gray[60:300, 60:360] = np.clip(photo, 20, 235).astype(np.uint8)
    gray[360:640, 500:860] = 190                   # a tint behind text
    for y0, x0, x1 in ((60, 420, 860), (360, 60, 420), (360, 500, 860)):
        for y in range(y0 + 6, y0 + 270, 14):      # rows of 9-px characters 1 px apart: dense body text
            for x in range(x0 + 4, x1 - 10, 10):
                gray[y:y + 9, x:x + 9] = 25
    binary = np.where(gray < 110, 255, 0).astype(np.uint8)
    toned = toned_mask(gray)
    found = tone_pictures(gray, binary, unit, toned, gray)
    photo_box = Box(60, 60, 360, 300)
    assert any(b.intersection(photo_box) >= 0.8 * photo_box.area for b in found), found
    for text in (Box(420, 60, 860, 330), Box(60, 360, 420, 630), Box(500, 360, 860, 640)):
        assert all(b.intersection(text) <= 0.05 * text.area for b in found), (text, found)
    assert not tone_pictures(gray, binary, unit, toned)    # without the gray page: the character test alone


def test_kicker_above_a_headline_joins_its_article_but_a_paragraph_end_does_not() -> None:
    """A short line right above a headline and smaller than it (引题) is read with the headline's article,
    before the headline; the last line of a paragraph sitting closer to its own text above does not."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 200), (210, 410)]

    def block(t: BlockType, x0: int, y0: int, x1: int, n: int, pitch: int) -> Region:
        lines = [Seg(Box(x0, y0 + i * pitch, x1, y0 + i * pitch + pitch - 4)) for i in range(n)]
        return Region(Box(x0, y0, x1, y0 + n * pitch - 4), t, lines=lines)

    body_a = block(BlockType.BODY, 0, 10, 200, 8, 14)          # ends at y=118
    tail = block(BlockType.BODY, 0, 121, 120, 1, 14)           # its paragraph's last line, 3 px below
    head_b = block(BlockType.HEADLINE, 0, 141, 200, 1, 34)     # next article's headline, 6 px below that
    kicker = block(BlockType.BODY, 220, 100, 330, 1, 16)       # a kicker, 5 px above a headline
    head_c = block(BlockType.HEADLINE, 210, 117, 410, 1, 34)
    body_c = block(BlockType.BODY, 210, 160, 410, 6, 14)
    body_b = block(BlockType.BODY, 0, 185, 200, 6, 14)
    regions = [body_a, tail, head_b, kicker, head_c, body_c, body_b]
    assign_articles(regions, cols, [], em)
    assert kicker.article == head_c.article and kicker.type == BlockType.SUBHEAD
    assert tail.article != head_b.article and tail.type == BlockType.BODY
    seq = reading_order(regions, 4 * em)
    assert seq.index(kicker) == seq.index(head_c) - 1


def test_kicker_right_under_a_vertical_article_still_joins_its_headline() -> None:
    """A vertical article (top-to-bottom columns) ends 3 px above a kicker that stands 6 px over its headline:
    a horizontal line never continues top-to-bottom text, so the kicker still joins the headline under it
    (microfilm seed 6 my_005: it went to the article above, and the row's articles were read in another order)."""
    em = 10.0
    cols = [(0, 200), (210, 410)]
    vert = Region(Box(0, 10, 200, 100), BlockType.BODY,
                  lines=[Seg(Box(x, 10, x + 10, 100), vertical=True) for x in range(190, 0, -14)])
    vert.vertical = True
    kicker = Region(Box(20, 103, 130, 115), BlockType.BODY, lines=[Seg(Box(20, 103, 130, 115))])
    head = Region(Box(0, 121, 200, 151), BlockType.HEADLINE, lines=[Seg(Box(0, 121, 200, 151))])
    body = column_block(BlockType.BODY, 0, 160, 200, 300, 0)
    regions = [vert, kicker, head, body]
    assign_articles(regions, cols, [], em)
    assert kicker.article == head.article and kicker.type == BlockType.SUBHEAD


def test_kicker_right_under_the_masthead_still_joins_its_headline() -> None:
    """The masthead band's last line a few px above a kicker is not text above the kicker."""
    em = 10.0
    cols = [(0, 200), (210, 410)]
    mast = Region(Box(0, 60, 300, 95), BlockType.MASTHEAD, lines=[Seg(Box(0, 60, 300, 95))], masthead=True)
    kicker = Region(Box(0, 98, 120, 110), BlockType.BODY, lines=[Seg(Box(0, 98, 120, 110))])
    head = Region(Box(0, 115, 200, 145), BlockType.HEADLINE, lines=[Seg(Box(0, 115, 200, 145))])
    body = Region(Box(0, 155, 200, 300), BlockType.BODY,
                  lines=[Seg(Box(0, 155 + 14 * i, 200, 165 + 14 * i)) for i in range(10)])
    assign_articles([mast, kicker, head, body], cols, [], em)
    assert kicker.article == head.article and kicker.type == BlockType.SUBHEAD


def test_pale_piece_of_a_photo_joins_it_but_text_beside_it_does_not() -> None:
    """A photo found in part (its pale side broke up into junk 'text') grows over the pale piece, which is
    darker than the paper around it even in its lightest tenth; text on paper beside the photo and text on
    a tint beside it (as light between its strokes as the tint around it) stay text."""
    from digitize.layout.pictures import absorb_photo_pieces, toned_mask

    rng = np.random.default_rng(3)
    em = 10.0
    gray = np.clip(rng.normal(245, 3, (400, 700)), 0, 255).astype(np.uint8)
    gray[50:250, 50:250] = np.clip(rng.normal(110, 20, (200, 200)), 0, 255).astype(np.uint8)   # found part
    gray[50:250, 250:290] = np.clip(rng.normal(205, 6, (200, 40)), 0, 255).astype(np.uint8)    # pale part
    gray[50:250, 400:700] = np.clip(rng.normal(200, 3, (200, 300)), 0, 255).astype(np.uint8)   # a tint
    for x0, x1 in ((293, 380), (410, 520)):          # text beside the photo on paper, and on the tint
        for y in range(60, 240, 14):
            for x in range(x0, x1 - 9, 10):
                gray[y:y + 9, x:x + 8] = 30
    gray[100:110, 258:266] = 60                       # a dark fleck in the pale part, read as a 'character'
    toned = toned_mask(gray)
    photo = Box(50, 50, 250, 250)
    piece = Region(Box(250, 55, 290, 245), BlockType.BODY)
    paper_text = Region(Box(293, 60, 380, 240), BlockType.BODY)
    tint_text = Region(Box(410, 60, 520, 240), BlockType.BODY)
    pics = absorb_photo_pieces([photo, Box(400, 300, 420, 320)], [piece, paper_text, tint_text], toned, gray, em)
    assert pics[0] == Box(50, 50, 290, 250), pics
    tint_photo = Box(525, 60, 690, 240)              # the tint text touches a picture on its right: still text
    pics = absorb_photo_pieces([tint_photo], [paper_text, tint_text], toned, gray, em)
    assert pics == [tint_photo]


def test_pale_photo_read_as_text_is_a_picture_but_text_and_a_bold_headline_are_not() -> None:
    """A pale photo the picture finder missed (read as a junk headline) is darker than the paper around it
    nearly everywhere: a picture.  Body text, a bold headline and a small dark fleck stay text."""
    from digitize.layout.pictures import photos_read_as_text, toned_mask

    rng = np.random.default_rng(5)
    em = 10.0
    gray = np.clip(rng.normal(245, 3, (400, 700)), 0, 255).astype(np.uint8)
    shade = np.linspace(165, 225, 160)[None, :] + rng.normal(0, 8, (160, 160))      # a pale photo: many tones
    gray[40:200, 40:200] = np.clip(shade, 0, 255).astype(np.uint8)
    for y in range(40, 200, 14):                      # body text
        for x in range(300, 450, 10):
            gray[y:y + 9, x:x + 8] = 30
    for y in (60, 100):                               # a bold headline: two lines of 30 px characters
        for x in range(480, 680, 34):
            gray[y:y + 30, x:x + 30] = 20
            gray[y + 7:y + 23, x + 7:x + 23] = 245
    gray[260:290, 40:70] = 40                         # a fleck, under the size of a picture
    toned = toned_mask(gray)
    photo = Region(Box(40, 40, 200, 200), BlockType.HEADLINE)
    body = Region(Box(300, 40, 450, 200), BlockType.BODY)
    head = Region(Box(480, 60, 680, 130), BlockType.HEADLINE)
    fleck = Region(Box(40, 260, 70, 290), BlockType.BODY)
    tint = Region(Box(300, 230, 500, 390), BlockType.BODY)
    gray[230:390, 300:500] = np.clip(rng.normal(200, 3, (160, 200)), 0, 255).astype(np.uint8)
    for y in range(235, 385, 14):                     # text on a flat tint: as dark as the pale photo
        for x in range(305, 495, 10):
            gray[y:y + 9, x:x + 8] = 30
    toned = toned_mask(gray)
    ink = (gray < 100).astype(np.uint8) * 255
    assert photos_read_as_text([photo, body, head, fleck, tint], [], toned, gray, ink, em) == [photo.box]


def test_pale_photo_on_a_tint_not_found_as_a_tint_is_a_picture_by_its_middle_tone() -> None:
    """A boxed article on a tint whose frame was not found (its top part of a longer rule: browser 98 el_002),
    so the tint counts as tone and the layout knows no tint there.  A pale photo in it, read as a headline, has
    light parts as light as the tint (photo_piece's lightest-tenth test fails), but its middle tone lies well
    under the tint around it and its tones spread: a picture (``middle``, upright paper pages).  Body text and a
    headline of big characters on the same tint (few glyph-sized marks) keep the tint as their middle tone:
    text.  Without ``middle`` the photo stays text."""
    from digitize.layout.pictures import photos_read_as_text, toned_mask

    rng = np.random.default_rng(7)
    em = 10.0
    gray = np.clip(rng.normal(245, 3, (420, 1600)), 0, 255).astype(np.uint8)      # the page: mostly paper
    gray[10:410, 10:710] = np.clip(rng.normal(212, 3, (400, 700)), 0, 255).astype(np.uint8)   # the tint
    shade = np.linspace(150, 228, 160)[None, :] + rng.normal(0, 8, (160, 160))      # a pale photo: many tones
    gray[40:200, 40:200] = np.clip(shade, 0, 255).astype(np.uint8)
    for y in range(40, 200, 14):                      # body text on the tint: strokes of 9 px characters
        for x in range(300, 450, 10):
            gray[y:y + 9, x + 3:x + 5] = 30
            gray[y + 1:y + 3, x:x + 8] = 30
            gray[y + 6:y + 8, x:x + 8] = 30
    for y in (60, 100):                               # a headline of 30 px characters (4 px strokes) on the tint
        for x in range(480, 680, 34):
            gray[y:y + 30, x:x + 30] = 20
            gray[y + 4:y + 26, x + 4:x + 26] = 212
    toned = toned_mask(gray)
    ink = (gray < 100).astype(np.uint8) * 255
    photo = Region(Box(40, 40, 200, 200), BlockType.HEADLINE)
    body = Region(Box(300, 40, 450, 200), BlockType.BODY)
    head = Region(Box(480, 60, 680, 130), BlockType.HEADLINE)
    assert photos_read_as_text([photo, body, head], [], toned, gray, ink, em, middle=True) == [photo.box]
    assert photos_read_as_text([photo, body, head], [], toned, gray, ink, em) == []


def test_foot_of_an_l_shaped_article_is_its_own_and_read_after_its_upper_part() -> None:
    """Article B sits in the top-left corner (column 0); article A heads columns 1-2 and runs on under B
    in a band across all three columns.  The band is A's (it holds most of the band's columns) and is
    read after A's upper part; a body split after one line (no white gap) is no foot."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 100), (110, 210), (220, 320)]

    block = column_block

    head_b = block(BlockType.HEADLINE, 0, 10, 100, 40)
    body_b = block(BlockType.BODY, 0, 50, 100, 300, 0)
    head_a = block(BlockType.HEADLINE, 110, 10, 320, 40)
    top_a = [block(BlockType.BODY, 110, 50, 210, 300, 1), block(BlockType.BODY, 220, 50, 320, 300, 2)]
    foot = [block(BlockType.BODY, x, 318, x + 100, 480, c) for c, x in enumerate((0, 110, 220))]
    regions = [head_b, body_b, head_a] + top_a + foot
    assign_articles(regions, cols, [], em)
    assert all(f.article == head_a.article for f in foot)
    assert body_b.article == head_b.article
    seq = [r for r in reading_order(regions, 4 * em) if r.article == head_a.article]
    assert seq == [head_a] + top_a + foot
    # the same band without the white above it (a column split after a line) stays with its columns
    body_b2 = block(BlockType.BODY, 0, 50, 100, 310, 0)
    top_a2 = [block(BlockType.BODY, 110, 50, 210, 310, 1), block(BlockType.BODY, 220, 50, 320, 310, 2)]
    foot2 = [block(BlockType.BODY, x, 313, x + 100, 480, c) for c, x in enumerate((0, 110, 220))]
    head_b2, head_a2 = block(BlockType.HEADLINE, 0, 10, 100, 40), block(BlockType.HEADLINE, 110, 10, 320, 40)
    assign_articles([head_b2, body_b2, head_a2] + top_a2 + foot2, cols, [], em)
    assert foot2[0].article == head_b2.article
    # balanced columns end higher than the neighbour's: A's upper part ends 3.8 em above its foot
    head_b3, head_a3 = block(BlockType.HEADLINE, 0, 10, 100, 40), block(BlockType.HEADLINE, 110, 10, 320, 40)
    body_b3 = block(BlockType.BODY, 0, 50, 100, 300, 0)
    top_a3 = [block(BlockType.BODY, 110, 50, 210, 280, 1), block(BlockType.BODY, 220, 50, 320, 280, 2)]
    foot3 = [block(BlockType.BODY, x, 318, x + 100, 480, c) for c, x in enumerate((0, 110, 220))]
    assign_articles([head_b3, body_b3, head_a3] + top_a3 + foot3, cols, [], em)
    assert all(f.article == head_a3.article for f in foot3)
    # a paragraph's last line split off right above the band's block in column 0: B's text runs on there
    head_b4, head_a4 = block(BlockType.HEADLINE, 0, 10, 100, 40), block(BlockType.HEADLINE, 110, 10, 320, 40)
    body_b4, tail_b4 = block(BlockType.BODY, 0, 50, 100, 290, 0), block(BlockType.BODY, 0, 300, 60, 312, 0)
    top_a4 = [block(BlockType.BODY, 110, 50, 210, 300, 1), block(BlockType.BODY, 220, 50, 320, 300, 2)]
    foot4 = [block(BlockType.BODY, x, 318, x + 100, 480, c) for c, x in enumerate((0, 110, 220))]
    assign_articles([head_b4, body_b4, tail_b4, head_a4] + top_a4 + foot4, cols, [], em)
    assert foot4[0].article == head_b4.article
    assert foot4[1].article == foot4[2].article == head_a4.article
    # the foot's first line in column 0 ends a paragraph ('...的。'); the next paragraph starts right under
    # it, in a block of its own: both are the foot's
    head_b5, head_a5 = block(BlockType.HEADLINE, 0, 10, 100, 40), block(BlockType.HEADLINE, 110, 10, 320, 40)
    body_b5 = block(BlockType.BODY, 0, 50, 100, 300, 0)
    top_a5 = [block(BlockType.BODY, 110, 50, 210, 300, 1), block(BlockType.BODY, 220, 50, 320, 300, 2)]
    end5, para5 = block(BlockType.BODY, 0, 318, 30, 328, 0), block(BlockType.BODY, 10, 332, 100, 480, 0)
    foot5 = [end5] + [block(BlockType.BODY, x, 318, x + 100, 480, c) for c, x in ((1, 110), (2, 220))]
    regions5 = [head_b5, body_b5, head_a5] + top_a5 + foot5 + [para5]
    assign_articles(regions5, cols, [], em)
    assert {r.article for r in foot5 + [para5]} == {head_a5.article}


def test_l_shaped_article_whose_upper_column_ends_short_keeps_its_whole_foot() -> None:
    """Session 28 (unseen 89 ec_003, browser 68 dh_004, browser 80 dv_001): article B in
    column 0, article A heads columns 1-2 and runs on under B in a band across all three.  A's column 1
    ends short (a ragged column end): 4.8 em above the foot (past foot_reach_em) and 3.0 em above B's
    column (past foot_tops_em).  It still joins the band that starts in column 0 (foot_short_column_em), so
    the whole band is A's (it holds most of the band's columns) and is read after A's upper part, and so
    is the paragraph that starts right under the foot's first block in column 0."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 100), (110, 210), (220, 320)]
    block = column_block

    head_b = block(BlockType.HEADLINE, 0, 10, 100, 40)
    body_b = block(BlockType.BODY, 0, 50, 100, 300, 0)
    head_a = block(BlockType.HEADLINE, 110, 10, 320, 40)
    top_a = [block(BlockType.BODY, 110, 50, 210, 270, 1), block(BlockType.BODY, 220, 50, 320, 290, 2)]
    foot = [block(BlockType.BODY, 0, 318, 100, 380, 0), block(BlockType.BODY, 0, 385, 100, 480, 0),
            block(BlockType.BODY, 110, 318, 210, 480, 1), block(BlockType.BODY, 220, 318, 320, 480, 2)]
    regions = [head_b, body_b, head_a] + top_a + foot
    assign_articles(regions, cols, [], em)
    assert all(f.article == head_a.article for f in foot)
    assert body_b.article == head_b.article
    seq = [r for r in reading_order(regions, 4 * em) if r.article == head_a.article]
    assert seq == [head_a] + top_a + [foot[0], foot[1], foot[2], foot[3]]
    # only the short column has text under it, each other column's ends with its article: no band
    head_b2, head_a2 = block(BlockType.HEADLINE, 0, 10, 100, 40), block(BlockType.HEADLINE, 110, 10, 320, 40)
    body_b2 = block(BlockType.BODY, 0, 50, 100, 480, 0)
    top_a2 = [block(BlockType.BODY, 110, 50, 210, 270, 1), block(BlockType.BODY, 220, 50, 320, 480, 2)]
    low_b2 = block(BlockType.BODY, 110, 318, 210, 480, 1)
    low_b2.article = None
    assign_articles([head_b2, body_b2, head_a2] + top_a2 + [low_b2], cols, [], em)
    assert low_b2.article == head_a2.article


def test_pieces_of_one_headline_line_join_across_a_gutter_but_not_a_rule() -> None:
    from digitize.layout.lines import join_row

    em = 10.0
    a, b = Seg(Box(0, 0, 100, 40), core=36.0), Seg(Box(106, 1, 200, 41), core=36.0)
    assert len(join_row([a, b], em, [(101, 105)])) == 1                   # headline pieces, gutter between
    assert len(join_row([a, b], em, [(101, 105)], hard=[Box(102, 0, 104, 50)])) == 2   # a rule between
    c, d = Seg(Box(0, 0, 100, 10), core=9.0), Seg(Box(106, 0, 200, 10), core=9.0)
    assert len(join_row([c, d], em, [(101, 105)])) == 2                   # body lines of two columns


def test_masthead_title_set_in_pieces_is_found_whole() -> None:
    from digitize.layout.masthead import masthead_title

    em = 10.0
    segs = [Seg(Box(300, 20, 600, 70)), Seg(Box(40, 22, 280, 71)), Seg(Box(620, 21, 900, 69)),
            Seg(Box(40, 100, 900, 110))]
    t = masthead_title(segs, em, (1000, 1000))
    assert (t.box.x0, t.box.x1) == (40, 900) and t.box.height >= 45


def test_vertical_article_under_a_horizontal_one_is_its_own_and_read_right_to_left() -> None:
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 200)]
    head = Region(Box(0, 0, 200, 30), BlockType.HEADLINE, lines=[Seg(Box(0, 0, 200, 30))])
    body = Region(Box(0, 40, 200, 200), BlockType.BODY,
                  lines=[Seg(Box(0, y, 200, y + 10)) for y in range(40, 200, 14)])
    vhead = Region(Box(175, 215, 198, 330), BlockType.BODY, lines=[Seg(Box(175, 215, 198, 330), vertical=True)])
    vbody = Region(Box(0, 215, 160, 400), BlockType.BODY, vertical=True,
                   lines=[Seg(Box(x, 215, x + 10, 400), vertical=True) for x in range(150, 0, -14)])
    regions = [head, body, vhead, vbody]
    assign_articles(regions, cols, [], em)
    assert vbody.article == vhead.article != head.article
    seq = reading_order(regions, 4 * em)
    assert seq.index(vhead) == seq.index(vbody) - 1


def test_vertical_headline_heads_no_horizontal_text_beside_it_in_one_grid_column() -> None:
    """A vertical article set inside one wide grid column beside a horizontal article's text (browser 28 ce_002,
    26 bk_000): its headline, a column of top-to-bottom type as high as the horizontal headline beside it and
    ending far lower, spans the same grid column, and was taken for the nearest headline above the horizontal
    text; that text is its own headline's, the vertical columns the vertical headline's, and so is a row read
    across those columns (their first characters taken as a line)."""
    em = 10.0
    cols = [(0, 200), (210, 610)]
    head = Region(Box(220, 100, 400, 120), BlockType.HEADLINE, lines=[Seg(Box(220, 100, 400, 120))])
    body = Region(Box(220, 130, 400, 400), BlockType.BODY,
                  lines=[Seg(Box(220, y, 400, y + 10)) for y in range(130, 400, 14)])
    vhead = Region(Box(585, 100, 605, 300), BlockType.HEADLINE, vertical=True,
                   lines=[Seg(Box(585, 100, 605, 300), vertical=True)])
    vbody = Region(Box(430, 100, 570, 400), BlockType.BODY, vertical=True,
                   lines=[Seg(Box(x, 100, x + 10, 400), vertical=True) for x in range(560, 430, -14)])
    lhead = Region(Box(0, 100, 180, 120), BlockType.HEADLINE, lines=[Seg(Box(0, 100, 180, 120))])
    lbody = Region(Box(0, 130, 200, 400), BlockType.BODY,
                   lines=[Seg(Box(0, y, 200, y + 10)) for y in range(130, 400, 14)])
    row = Region(Box(420, 100, 560, 112), BlockType.BODY, lines=[Seg(Box(420, 100, 560, 112))])
    regions = [lhead, lbody, head, body, vhead, vbody, row]
    assign_articles(regions, cols, [], em)
    assert lbody.article == lhead.article
    assert body.article == head.article
    assert vbody.article == vhead.article not in (head.article, lhead.article)
    assert row.article == vhead.article     # a row read across its columns is ink of them (browser 38 by_002)


def test_bar_of_ads_under_a_wide_headline_ends_its_article_in_those_columns() -> None:
    """A headline over three columns heads the text under it until a bar of teasers (ads) stands across
    the columns: the text under the bar is not its article's; text under a smaller headline below the
    wide one, which ends the wide one's article in its column, is that headline's."""
    em = 10.0
    cols = [(0, 100), (110, 210), (220, 320)]

    block = column_block

    head = block(BlockType.HEADLINE, 0, 10, 320, 40)
    top = [block(BlockType.BODY, x, 50, x + 100, 200, c) for c, x in enumerate((0, 110, 220))]
    ads = [block(BlockType.TEASER, x, 240, x + 100, 300) for x in (0, 110, 220)]
    for i, a in enumerate(ads):
        a.in_frame = i                                                 # teasers are framed boxes
    under = [block(BlockType.BODY, x, 320, x + 100, 420, c) for c, x in enumerate((0, 110))]
    small_head = block(BlockType.HEADLINE, 230, 310, 300, 330)         # a narrow headline over column 2
    under_small = block(BlockType.BODY, 220, 340, 320, 420, 2)
    regions = [head] + top + ads + under + [small_head, under_small]
    assign_articles(regions, cols, [], em)
    assert all(t.article == head.article for t in top)
    assert all(u.article != head.article for u in under)
    assert under_small.article == small_head.article != head.article
    # without the bar the text under it is still the wide headline's
    head2 = block(BlockType.HEADLINE, 0, 10, 320, 40)
    top2 = [block(BlockType.BODY, x, 50, x + 100, 200, c) for c, x in enumerate((0, 110, 220))]
    under2 = [block(BlockType.BODY, x, 214, x + 100, 420, c) for c, x in enumerate((0, 110))]
    assign_articles([head2] + top2 + under2, cols, [], em)
    assert all(u.article == head2.article for u in under2)


def test_headline_type_right_above_a_bigger_headline_is_its_kicker() -> None:
    """A line of headline type set right above a bigger headline is its kicker: typed subhead, read with
    the headline's article before it; two headlines of one size stacked stay two headlines."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 200), (210, 410)]
    kicker = Region(Box(0, 10, 200, 26), BlockType.HEADLINE, lines=[Seg(Box(0, 10, 200, 26))])
    head = Region(Box(20, 30, 180, 56), BlockType.HEADLINE, lines=[Seg(Box(20, 30, 180, 56))])
    body = Region(Box(0, 66, 200, 200), BlockType.BODY, lines=[Seg(Box(0, 66 + 14 * i, 200, 76 + 14 * i)) for i in range(9)])
    regions = [kicker, head, body]
    assign_articles(regions, cols, [], em)
    assert kicker.type == BlockType.SUBHEAD and kicker.article == head.article == body.article
    assert reading_order(regions, 4 * em)[:2] == [kicker, head]
    upper = Region(Box(0, 10, 200, 36), BlockType.HEADLINE, lines=[Seg(Box(0, 10, 200, 36))])
    lower = Region(Box(20, 40, 180, 66), BlockType.HEADLINE, lines=[Seg(Box(20, 40, 180, 66))])
    assign_articles([upper, lower], cols, [], em)
    assert upper.type == lower.type == BlockType.HEADLINE and upper.article != lower.article


def test_foot_under_a_headless_article_joins_the_l_shaped_article_beside_it() -> None:
    """Column 0 holds a headless article; article A heads column 1 and runs on under both columns after a
    white gap.  The foot's block in column 0 started an article of its own (nothing within 2 em above it),
    yet it is level with A's foot in column 1, so it is A's, read after A's upper part."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 100), (110, 210)]

    block = column_block

    body_b = block(BlockType.BODY, 0, 10, 100, 300, 0)
    head_a = block(BlockType.HEADLINE, 110, 10, 210, 40)
    top_a = block(BlockType.BODY, 110, 50, 210, 290, 1)
    foot = [block(BlockType.BODY, 0, 330, 100, 480, 0), block(BlockType.BODY, 110, 330, 210, 480, 1)]
    regions = [body_b, head_a, top_a] + foot
    assign_articles(regions, cols, [], em)
    assert body_b.article != head_a.article
    assert all(f.article == head_a.article for f in foot)
    seq = [r for r in reading_order(regions, 4 * em) if r.article == head_a.article]
    assert seq == [head_a, top_a] + foot


def test_foot_band_on_film_cuts_a_block_grain_kept_whole_at_its_blank_line() -> None:
    """The L-shaped article of the test above, on film: article A's column 1 runs on uncut across the foot's
    first line, three specks of grain standing in the blank line's white there (microfilm 29 mn2_002), and
    the foot's first line in column 0 grown 0.7 em up by a speck (its bottom level with its neighbours',
    microfilm dev mf_002).  Column 1 is cut at the white: the band is A's, read after A's upper part.  A
    paragraph's last line (flush left) in the white is text running on: nothing is cut, the foot in column
    0 stays B's; a band of one article's text cuts nothing."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 100), (110, 210), (220, 320)]
    block = column_block

    def film(between: list[Seg]) -> tuple[list[Region], Region, Region, Region, list[Region]]:
        head_b, head_a = block(BlockType.HEADLINE, 0, 10, 100, 40), block(BlockType.HEADLINE, 110, 10, 320, 40)
        body_b = block(BlockType.BODY, 0, 50, 100, 300, 0)
        col1 = block(BlockType.BODY, 110, 50, 210, 300, 1)
        col1.lines += between + block(BlockType.BODY, 110, 318, 210, 480, 1).lines
        col1.box = Box(110, 50, 210, 480)
        top2 = block(BlockType.BODY, 220, 50, 320, 300, 2)
        foot0 = block(BlockType.BODY, 0, 318, 100, 480, 0)
        foot0.lines[0] = Seg(Box(0, 312, 100, 328))           # a speck grew its first line 0.6 em up
        foot0.box = Box(0, 312, 100, 480)
        foot2 = block(BlockType.BODY, 220, 318, 320, 480, 2)
        return [head_b, body_b, head_a, col1, top2, foot0, foot2], head_a, head_b, col1, [foot0, foot2]

    specks = [Seg(Box(190, 299, 204, 304)), Seg(Box(186, 303, 205, 308)), Seg(Box(192, 306, 203, 311))]
    regions, head_a, head_b, col1, feet = film(specks)
    n = len(regions)
    assign_articles(regions, cols, [], em, grain=True)
    assert len(regions) == n + 1                       # column 1 cut at its blank line
    cut = regions[-1]
    assert col1.box.y1 == 311 and cut.box.y0 == 318 and cut.lines[0].box.y0 == 318
    assert all(f.article == head_a.article for f in feet) and cut.article == head_a.article
    seq = [r for r in reading_order(regions, 4 * em) if r.article == head_a.article]
    assert seq.index(col1) < seq.index(feet[0]) and seq.index(regions[4]) < seq.index(feet[0])
    assert seq.index(feet[0]) < seq.index(cut) < seq.index(feet[1])
    # a paragraph's last line, flush left, in the white: text runs on, no blank line; nothing is cut
    regions, head_a, head_b, col1, feet = film([Seg(Box(110, 302, 150, 312))])
    n = len(regions)
    assign_articles(regions, cols, [], em, grain=True)
    assert len(regions) == n and col1.box.y1 == 480
    assert feet[0].article == head_b.article
    # every column of the band continues one article's text: no foot to give, nothing is cut
    regions, head_a, head_b, col1, feet = film(specks)
    regions = [r for r in regions if r is not feet[0]]
    regions[1].box = Box(0, 50, 100, 480)
    n = len(regions)
    assign_articles(regions, cols, [], em, grain=True)
    assert len(regions) == n and col1.box.y1 == 480
    # paper (no grain): the band is found as before, by its blocks' tops; nothing is cut
    regions, head_a, head_b, col1, feet = film(specks)
    n = len(regions)
    assign_articles(regions, cols, [], em)
    assert len(regions) == n and feet[0].article == head_b.article


def test_small_ad_in_a_frame_is_its_title_and_its_text_but_a_teaser_stays_one_block() -> None:
    """A framed small ad (a big title line over lines of text) is a headline and a body of one boxed
    article; a teaser box (lines of one size ending in one small '详见N版' line) stays one teaser block."""
    from digitize.layout.blocks import frame_regions

    def seg(x0: int, y0: int, x1: int, h: int) -> Seg:
        return Seg(Box(x0, y0, x1, y0 + h))

    ad = [seg(40, 10, 80, 20)] + [seg(10, 36 + 16 * i, 110, 12) for i in range(4)]
    teaser = [seg(210, 10, 310, 16), seg(210, 30, 310, 16), seg(260, 50, 310, 11)]
    regions, left = frame_regions(ad + teaser, [Box(0, 0, 120, 110), Box(200, 0, 320, 70)], 10.0)
    assert not left
    kinds = sorted((r.in_frame, r.type.name, len(r.lines)) for r in regions)
    assert kinds == [(0, "BODY", 4), (0, "HEADLINE", 1), (1, "TEASER", 3)], kinds
    assign_articles(regions, [(0, 120), (200, 320)], [], 10.0)
    ad_regions = [r for r in regions if r.in_frame == 0]
    assert ad_regions[0].article == ad_regions[1].article != regions[-1].article


def test_centred_byline_over_the_body_is_a_block_of_its_own() -> None:
    """A line set centred in its column (a byline) is no paragraph of the body under it: the body starts
    a block of its own; a paragraph's lines (indented first line, full lines) stay one block."""
    em = 10.0
    cols = [(0, 200)]
    by = Seg(Box(60, 0, 140, 10))
    body = [Seg(Box(20, 14, 200, 24))] + [Seg(Box(0, 14 + 14 * i, 200, 24 + 14 * i)) for i in range(1, 6)]
    regions = group_lines([by] + body, em, cols, [], [])
    assert [len(r.lines) for r in regions] == [1, 6], [(r.box, len(r.lines)) for r in regions]
    assert "centred line" in regions[1].trace[0]


def _vertical_article(short: int) -> tuple[np.ndarray, list[int]]:
    """Eight top-to-bottom columns of 20 characters (11 px, pitch 18 px; em 12), column ``short`` only two
    characters long; returns the image and the columns' left edges."""
    img = np.zeros((500, 400), np.uint8)
    xs = [100 + 18 * k for k in range(8)]
    for k, x in enumerate(xs):
        for j in range(2 if k == short else 20):
            img[100 + 13 * j:111 + 13 * j, x:x + 11] = 255
    return img, xs


def test_vertical_article_cut_at_a_short_column_is_put_back_together() -> None:
    from digitize.layout.blocks import join_vertical_pieces
    from digitize.layout.separators import Rule
    from digitize.layout.vertical import vertical_lines

    em = 12.0
    img, xs = _vertical_article(short=3)
    bottom = 100 + 13 * 19                                  # top of the last row of characters

    def piece(x0: int, x1: int) -> Region:
        box = Box(x0, 100, x1, bottom + 5)
        return Region(box, BlockType.BODY, vertical_lines(img, box, em), vertical=True, font=11.0)

    def pieces() -> list[Region]:
        left, right = piece(xs[0], xs[2] + 11), piece(xs[4], xs[7] + 11)
        strip = Region(Box(xs[0], bottom, xs[7] + 11, bottom + 11), BlockType.BODY,
                       [Seg(Box(xs[0], bottom, xs[7] + 11, bottom + 11))], font=11.0)
        img[bottom + 20:bottom + 40, 90:330] = 255                  # a headline under the article
        tail = Seg(Box(xs[5], bottom - 13, xs[6] + 11, bottom - 2))  # two characters of its columns
        head = Region(Box(90, bottom - 13, 330, bottom + 40), BlockType.HEADLINE,
                      [tail, Seg(Box(90, bottom + 20, 330, bottom + 40))], font=20.0)
        return [left, right, strip, head]

    regions = pieces()
    left, right, strip, head = regions
    assert len(left.lines) == 3 and len(right.lines) == 4
    out = join_vertical_pieces(regions, img, [], em)
    joined = [r for r in out if r.vertical]
    assert len(joined) == 1 and len(joined[0].lines) == 8                  # the short column too
    assert strip not in out and joined[0].box.y1 >= bottom + 11             # the columns' ends taken in
    assert head in out and [ln.box.y0 for ln in head.lines] == [bottom + 20]    # its own line only
    assert head.box.y0 == bottom + 20
    # a vertical rule between the two pieces: two articles
    rule = Rule(Box(xs[3] + 4, 90, xs[3] + 6, bottom + 12), "v", 2.0)
    out = join_vertical_pieces(pieces(), img, [rule], em)
    assert sum(1 for r in out if r.vertical) == 2
    # three columns missing (three pitches of white and more): two articles side by side
    img, xs = _vertical_article(short=3)
    img[:, xs[2]:xs[4]] = 0
    regions = pieces()
    regions[0] = piece(xs[0], xs[1] + 11)
    out = join_vertical_pieces(regions, img, [], em)
    assert sum(1 for r in out if r.vertical) == 2


def test_vertical_article_cut_across_by_a_row_read_as_a_line_is_one_block() -> None:
    """A vertical article's columns cut across (a row of characters level across them read as one tall line,
    a block of its own): the vertical blocks above and below, the same columns, are one block again, and the
    row's line, inside it, is read in its columns (browser 24 bg_003); a vertical block of other columns
    under it, one further off, or one under a rule (a tier's rule on a vertical page), stays apart."""
    from digitize.layout.blocks import join_vertical_pieces
    from digitize.layout.separators import Rule
    from digitize.layout.vertical import vertical_lines

    em = 12.0
    img, xs = _vertical_article(short=-1)
    cut0, cut1 = 100 + 13 * 8, 100 + 13 * 10                # two rows of characters: rows 8 and 9

    def vert(y0: int, y1: int, x0: int = xs[0], x1: int = xs[7] + 11) -> Region:
        box = Box(x0, y0, x1, y1)
        return Region(box, BlockType.BODY, vertical_lines(img, box, em), vertical=True, font=11.0)

    def pieces() -> list[Region]:
        row = Region(Box(xs[0], cut0, xs[7] + 11, cut1 - 2), BlockType.HEADLINE,
                     [Seg(Box(xs[0], cut0, xs[7] + 11, cut1 - 2))], font=24.0)
        return [vert(100, cut0 - 2), row, vert(cut1, 100 + 13 * 20)]

    regions = pieces()
    out = join_vertical_pieces(regions, img, [], em)
    assert len(out) == 1 and out[0].vertical and len(out[0].lines) == 8, [(r.box, len(r.lines)) for r in out]
    assert out[0].box.y0 == 100 and out[0].box.y1 >= 100 + 13 * 19 + 11
    assert all(ln.box.height >= 13 * 19 for ln in out[0].lines)
    # a horizontal rule across the gap (two tiers of a vertical page, their columns lined up): two blocks
    rule = Rule(Box(xs[0] - 4, cut0 + 6, xs[7] + 15, cut0 + 8), "h", 2.0)
    out = join_vertical_pieces(pieces(), img, [rule], em)
    assert sum(1 for r in out if r.vertical) == 2
    # the lower block four characters off: two blocks
    regions = pieces()
    regions[2] = vert(cut1 + 13 * 3, 100 + 13 * 20)
    img2 = img.copy()
    img[cut1:cut1 + 13 * 3] = 0
    out = join_vertical_pieces(regions, img, [], em)
    assert sum(1 for r in out if r.vertical) == 2
    # the lower block's columns between the upper one's (another article's columns): two blocks
    img = img2
    shifted = np.zeros_like(img)
    shifted[:cut1] = img[:cut1]
    shifted[cut1:, 9:] = img[cut1:, :-9]
    img = shifted
    regions = pieces()
    regions[2] = vert(cut1, 100 + 13 * 20, xs[0] + 9, xs[7] + 20)
    out = join_vertical_pieces(regions, img, [], em)
    assert sum(1 for r in out if r.vertical) == 2


def test_vertical_article_top_rows_read_as_lines_of_its_headline_size_are_taken_in() -> None:
    """The first rows of a vertical article's characters, its headline column's big characters among them, read
    as horizontal lines of a block of their own touching the article's block (no white row between): rows of
    the block's own columns, as tall as its widest column is wide, not the body's em.  They are taken in, so
    the article starts at its true top (browser 30 cm_006: cut 178 px below its row's top, the article was read
    after the row's other four).  A headline set across the columns (its ink filling the white between them)
    stays a block of its own."""
    from digitize.layout.blocks import join_vertical_pieces
    from digitize.layout.vertical import vertical_lines

    em = 12.0
    img = np.zeros((500, 400), np.uint8)
    xs = [100 + 18 * k for k in range(8)]                   # eight body columns, characters 11 px
    for x in xs:
        for j in range(20):
            img[100 + 13 * j:111 + 13 * j, x:x + 11] = 255
    for j in range(9):                                      # the headline column, characters 24 px
        img[100 + 27 * j:124 + 27 * j, 250:274] = 255
    cut = 100 + 2 * 13                                      # the block found from the third row down

    def regions(image: np.ndarray) -> list[Region]:
        box = Box(100, cut, 274, 100 + 13 * 20)
        vert = Region(box, BlockType.BODY, vertical_lines(image, box, em), vertical=True, font=11.0)
        rows = Region(Box(100, 100, 274, cut), BlockType.BODY,
                      [Seg(Box(100, 100, 274, 113)), Seg(Box(100, 113, 274, cut))], font=26.0)
        return [vert, rows]

    vert, rows = regions(img)
    assert len(vert.lines) == 9
    out = join_vertical_pieces([vert, rows], img, [], em)
    assert out == [vert] and vert.box.y0 == 100 and len(vert.lines) == 9
    assert all(ln.box.y0 == 100 for ln in vert.lines)
    # a headline set across the columns above them: its ink runs the columns together, it stays apart
    img[100:cut, 100:274] = 255
    vert, rows = regions(img)
    out = join_vertical_pieces([vert, rows], img, [], em)
    assert rows in out and vert.box.y0 == cut


def test_kicker_flush_left_over_a_centred_headline_joins_it() -> None:
    """A kicker set flush left over the first of the three columns a centred headline heads (no overlap with
    the headline itself) is that headline's kicker, so the article starts at the kicker's top and is read
    before an article whose top is a little lower than the kicker's but higher than the headline's."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 200), (210, 410), (420, 620), (640, 840)]
    kicker = Region(Box(0, 100, 90, 112), BlockType.BODY, lines=[Seg(Box(0, 100, 90, 112))])
    head = Region(Box(230, 118, 400, 148), BlockType.HEADLINE, lines=[Seg(Box(230, 118, 400, 148))])
    bodies = [Region(Box(x0, 160, x1, 300), BlockType.BODY,
                     lines=[Seg(Box(x0, 160 + 14 * i, x1, 170 + 14 * i)) for i in range(10)]) for x0, x1 in cols[:3]]
    other = Region(Box(640, 106, 760, 126), BlockType.HEADLINE, lines=[Seg(Box(640, 106, 760, 126))])
    other_body = Region(Box(640, 135, 840, 300), BlockType.BODY,
                        lines=[Seg(Box(640, 135 + 14 * i, 840, 145 + 14 * i)) for i in range(11)])
    regions = [kicker, head, *bodies, other, other_body]
    assign_articles(regions, cols, [], em)
    assert kicker.article == head.article and kicker.type == BlockType.SUBHEAD
    seq = reading_order(regions, 4 * em)
    assert seq.index(kicker) < seq.index(head) < seq.index(other)


def test_column_stack_of_text_picture_caption_and_text_is_one_article() -> None:
    """With no headline found (a headline set in body size), the text at a column's top, the picture right
    under it, its caption and the body under that are one story, read before the article beside it."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 200), (220, 420), (440, 640)]
    top = Region(Box(5, 10, 195, 34), BlockType.BODY, lines=[Seg(Box(5, 10, 195, 20)), Seg(Box(5, 24, 195, 34))])
    photo = Region(Box(0, 45, 200, 200), BlockType.PICTURE, pic=0)
    caption = Region(Box(0, 205, 200, 219), BlockType.CAPTION, lines=[Seg(Box(0, 205, 200, 219))], caption_of=0)
    body = Region(Box(0, 235, 200, 400), BlockType.BODY,
                  lines=[Seg(Box(0, 235 + 14 * i, 200, 245 + 14 * i)) for i in range(12)])
    head = Region(Box(220, 12, 640, 42), BlockType.HEADLINE, lines=[Seg(Box(220, 12, 640, 42))])
    right = [Region(Box(x0, 55, x1, 400), BlockType.BODY,
                    lines=[Seg(Box(x0, 55 + 14 * i, x1, 65 + 14 * i)) for i in range(24)]) for x0, x1 in cols[1:]]
    regions = [top, photo, caption, body, head, *right]
    assign_articles(regions, cols, [], em)
    assert top.article == photo.article == caption.article == body.article != head.article
    seq = reading_order(regions, 4 * em)
    assert seq.index(body) < seq.index(head)


def test_byline_wrapped_over_two_lines_is_one_block_but_a_subhead_over_a_byline_is_not() -> None:
    """A byline's full first line and its centred second line are one block and the indented body under it
    starts its own; a full line of bigger type over a centred byline stays apart from it."""
    em = 12.0
    cols = [(0, 240)]
    body = [Seg(Box(24, 34, 240, 46), core=12.0)] + [Seg(Box(0, y, 240, y + 12), core=12.0) for y in (52, 70, 88)]
    segs = [Seg(Box(0, 0, 240, 12), core=12.0), Seg(Box(30, 16, 210, 28), core=12.0)] + body
    regions = sorted(group_lines(segs, em, cols, [], []), key=lambda r: r.box.y0)
    assert [len(r.lines) for r in regions] == [2, 4]
    segs = [Seg(Box(0, 0, 240, 15), core=12.0), Seg(Box(30, 19, 210, 31), core=12.0)] + \
        [Seg(Box(s.box.x0, s.box.y0 + 3, s.box.x1, s.box.y1 + 3), core=12.0) for s in body]
    regions = sorted(group_lines(segs, em, cols, [], []), key=lambda r: r.box.y0)
    assert [len(r.lines) for r in regions][:2] == [1, 1]


def test_paragraph_end_carried_over_does_not_take_a_centred_byline_under_it() -> None:
    """One full line at the top of an article's second column over a centred one-line byline is a subhead
    over its byline (browser 4 bq_005), not a paragraph's end carried over onto the byline."""
    from digitize.layout.classify import rejoin_continuations

    cols = [(0, 200), (220, 420)]
    head = Region(Box(0, 0, 420, 30), BlockType.HEADLINE, lines=[Seg(Box(0, 0, 420, 30))], cols=(0, 1), font=30.0)
    sub = Region(Box(220, 40, 420, 52), BlockType.BODY, lines=[Seg(Box(220, 40, 420, 52))], cols=(1, 1), font=EM)
    by = Region(Box(270, 56, 370, 68), BlockType.BODY, lines=[Seg(Box(270, 56, 370, 68))], cols=(1, 1), font=EM)
    lines = [Seg(Box(220, 74 + 14 * i, 420, 84 + 14 * i)) for i in range(6)]
    body = Region(Box(220, 74, 420, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(1, 1), font=EM)
    out = rejoin_continuations([head, sub, by, body], [head], EM, cols, {id(head): (0, 1)})
    assert sub in out and len(by.lines) == 1
    # the same line over the body itself is a paragraph's end carried over
    lines = [Seg(Box(220, 56 + 14 * i, 420, 66 + 14 * i)) for i in range(6)]
    body = Region(Box(220, 56, 420, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(1, 1), font=EM)
    out = rejoin_continuations([head, sub, body], [head], EM, cols, {id(head): (0, 1)})
    assert sub not in out and len(body.lines) == 7


def test_full_width_lines_over_a_centred_byline_are_a_subhead() -> None:
    """A subhead whose full first line wraps to a short second one, over a byline set centred in the column:
    the subhead is typed so (it is read before the byline), though its left edge is not the byline's."""
    from digitize.layout.classify import classify

    head = Region(Box(20, 0, 180, 16), BlockType.BODY, lines=[Seg(Box(20, 0, 180, 16))], cols=(0, 0), font=16.0)
    sub = Region(Box(0, 20, 200, 44), BlockType.BODY, lines=[Seg(Box(0, 20, 200, 30)), Seg(Box(90, 34, 110, 44))],
                 cols=(0, 0), font=EM)
    by = Region(Box(50, 48, 150, 58), BlockType.BODY, lines=[Seg(Box(50, 48, 150, 58))], cols=(0, 0), font=EM)
    lines = [Seg(Box(20 if i == 0 else 0, 64 + 14 * i, 200, 74 + 14 * i)) for i in range(8)]
    body = Region(Box(0, 64, 200, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=EM)
    classify([head, sub, by, body], EM, [(0, 200)], np.zeros((300, 220), np.uint8))
    assert [r.type for r in (head, sub, by, body)] == \
        [BlockType.HEADLINE, BlockType.SUBHEAD, BlockType.BYLINE, BlockType.BODY]


def test_lines_beside_a_floated_picture_are_one_paragraph_not_one_block_each() -> None:
    """Lines running beside a picture floated into their column end at the strip beside it (not short of
    the column's edge, each a paragraph's end): they and the full lines under the picture are one block."""
    em = 12.0
    cols = [(0, 240)]
    wall = Box(130, 18, 150, 110)                   # the strip between the lines' edge and the picture
    segs = [Seg(Box(0, 0, 240, 12), core=12.0)]
    segs += [Seg(Box(0, y, 130, y + 12), core=12.0) for y in (18, 36, 54, 72, 90)]
    segs += [Seg(Box(0, y, 240, y + 12), core=12.0) for y in (108, 126)]
    regions = group_lines(segs, em, cols, [], [Box(150, 18, 240, 100)], [wall])
    assert [len(r.lines) for r in regions] == [8]
    assert len(group_lines(segs, em, cols, [], [Box(150, 18, 240, 100)])) > 1       # (without the strip)


def test_a_rule_under_columns_of_body_text_does_not_end_a_masthead_band() -> None:
    """A page without a masthead: its top-left headline (the biggest type at the top) has a column of body
    lines under it and a long rule under that row of articles; that rule is no masthead rule.  A real
    masthead (title, two info lines, rule) keeps its band."""
    from digitize.layout.masthead import masthead_bottom
    from digitize.layout.separators import Rule

    em, shape = 10.0, (2000, 1000)
    title = Seg(Box(20, 20, 400, 52))              # 3.2 em: no band without a rule under it
    rule = Rule(Box(10, 250, 990, 252), "h", 2.0)
    body = [Seg(Box(20, 70 + 14 * i, 300, 80 + 14 * i)) for i in range(12)]
    assert masthead_bottom([title] + body, [rule], em, shape) == 0.0
    info = [Seg(Box(20, 70, 300, 80)), Seg(Box(20, 84, 300, 94))]
    assert masthead_bottom([title] + info, [Rule(Box(10, 110, 990, 112), "h", 2.0)], em, shape) == 110.0


def _type_mask(shape: tuple[int, int], segs: list[Seg]) -> np.ndarray:
    """A layout ink mask with each line of ``segs`` set as square glyphs as tall as the line, a tenth apart."""
    text = np.zeros(shape, np.uint8)
    for s in segs:
        b = s.box
        step = max(2, b.height + b.height // 10)
        for x in range(b.x0, b.x1 - b.height + 1, step):
            text[b.y0:b.y1, x + 2:x + b.height - 2] = 255
    return text


def test_a_title_no_bigger_than_the_headlines_over_a_rule_is_the_lead_headline() -> None:
    """A page without a masthead: its lead headline at the top (3.2 em) over a full-width rule of its own, and
    another headline on the page as tall: no masthead band.  The same "title" with the masthead's info lines
    between it and the rule (date and issue lines in fields), or set far bigger than the page's headlines,
    keeps its band."""
    from digitize.layout.masthead import masthead_bottom
    from digitize.layout.separators import Rule

    em, shape = 10.0, (2000, 1000)
    title = Seg(Box(20, 20, 400, 52))
    head = Seg(Box(20, 600, 420, 631))
    rule = [Rule(Box(10, 90, 990, 92), "h", 2.0)]
    assert masthead_bottom([title, head], rule, em, shape, _type_mask(shape, [title, head])) == 0.0
    info = [Seg(Box(20 + 120 * i, y, 120 + 120 * i, y + 10)) for i in range(4) for y in (58, 74)]
    segs = [title, head] + info
    assert masthead_bottom(segs, rule, em, shape, _type_mask(shape, segs)) == 90.0
    big = Seg(Box(20, 10, 600, 58))             # 4.8 em: far bigger than the 3.1 em headline
    assert masthead_bottom([big, head], [Rule(Box(10, 90, 990, 92), "h", 2.0)], em, shape,
                           _type_mask(shape, [big, head])) == 90.0


def test_a_title_with_no_rule_makes_a_band_only_over_its_info_lines() -> None:
    """A very large title at the top left with no rule under it makes a masthead band of its height and a
    third when the masthead's info lines stand under it; a page's lead headline read as a title has nothing
    there but its own columns further down: no band."""
    from digitize.layout.masthead import masthead_bottom

    em, shape = 10.0, (2000, 1000)
    title = Seg(Box(20, 20, 400, 60))           # 4 em, at the top left
    body = [Seg(Box(20, 90 + 14 * i, 300, 100 + 14 * i)) for i in range(5)]
    segs = [title] + body
    assert masthead_bottom(segs, [], em, shape, _type_mask(shape, segs)) == 0.0
    info = [Seg(Box(20 + 100 * i, 62, 100 + 100 * i, 71)) for i in range(3)]
    segs = [title] + info + body
    assert masthead_bottom(segs, [], em, shape, _type_mask(shape, segs)) == 72.0


def test_pieces_of_a_headline_join_past_a_backward_gutter_of_overlapping_grid_columns() -> None:
    """Grid columns of two bands overlap ((336, 472) and (345, 610)): the 'gutter' between them runs
    backwards (472 -> 345) and lies between nothing, so the pieces of a headline cut at its 、 join; a real
    gutter between two pieces still keeps them apart."""
    pieces = [Seg(Box(335, 220, 432, 248), core=26.0), Seg(Box(453, 220, 579, 248), core=26.0)]
    assert len(join_row(pieces, 12.0, [(472, 345)])) == 1
    assert len(join_row(pieces, 12.0, [(436, 448)])) == 2


def test_bold_headline_of_near_body_size_is_told_by_its_strokes_at_scan_resolution() -> None:
    """A two-line headline only 1.2 em tall is a headline when it is set bold: its strokes, measured on the
    scan's working image (three times the layout's scale here), are three times the body's.  The layout mask
    alone (blank here, as a coarse 100 dpi mask nearly is for thin strokes) cannot tell it, so without the
    working image it stays body."""
    from digitize.layout.classify import classify

    em = 14.0

    def regions():
        head = Region(Box(0, 0, 280, 37), BlockType.BODY, lines=[Seg(Box(0, 0, 280, 17)), Seg(Box(60, 20, 220, 37))],
                      cols=(0, 0), font=16.0)
        lines = [Seg(Box(0, 50 + 20 * i, 280, 64 + 20 * i)) for i in range(8)]
        body = Region(Box(0, 50, 280, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(0, 0), font=em)
        return head, body

    work = np.full((3 * 220, 3 * 300), 255, np.uint8)
    for line, stroke in [(ln, 6) for ln in regions()[0].lines] + [(ln, 2) for ln in regions()[1].lines]:
        b = line.box
        for x in range(3 * b.x0, 3 * b.x1 - stroke, 10):       # vertical strokes, 10 px apart
            work[3 * b.y0:3 * b.y1, x:x + stroke] = 0
    head, body = regions()
    classify([head, body], em, [(0, 280)], np.zeros((220, 300), np.uint8), work=work)
    assert (head.type, body.type) == (BlockType.HEADLINE, BlockType.BODY)
    assert "bold" in head.trace[-1]
    head, body = regions()
    classify([head, body], em, [(0, 280)], np.zeros((220, 300), np.uint8))
    assert head.type == BlockType.BODY


def test_text_under_a_framed_ad_is_not_the_ads_article() -> None:
    """A wide headline over two columns, a grid of framed ads under its body, and under the ads an ad whose
    frame was not found (its title typed body): the ads' titles end the wide headline's article there, but
    the text under a framed box is not the box's (a box is closed): it starts an article of its own
    (browser 9 bx_007: it went to the framed ad 2,400 px above it)."""
    em = 10.0
    cols = [(0, 100), (110, 210)]
    head = column_block(BlockType.HEADLINE, 0, 10, 210, 40)
    top = [column_block(BlockType.BODY, x, 50, x + 100, 200, c) for c, x in enumerate((0, 110))]
    ads = []
    for i, x in enumerate((0, 110)):
        title = column_block(BlockType.HEADLINE, x + 30, 220, x + 70, 236)
        text = column_block(BlockType.BODY, x + 5, 240, x + 95, 290)
        title.in_frame = text.in_frame = i
        ads += [title, text]
    loose_title = column_block(BlockType.BODY, x + 30, 320, x + 70, 334)
    loose_text = column_block(BlockType.BODY, x + 5, 338, x + 95, 390)
    regions = [head] + top + ads + [loose_title, loose_text]
    assign_articles(regions, cols, [], em)
    assert all(t.article == head.article for t in top)
    framed = {a.article for a in ads}
    assert loose_title.article not in framed | {head.article}
    assert loose_text.article == loose_title.article


def test_pale_photo_in_a_boxed_article_on_a_tint_is_darker_than_the_tint() -> None:
    """A boxed article printed on a tint (226 on 255 paper) holds a pale, low-contrast photo: the whole box is
    darker than the paper, so only the tint, as the box's own paper, tells the photo from it; the photo's
    pale left part grows into the picture found in its dark part, while the tint holding text stays out.
    A photo framed by a rule is no tint."""
    from digitize.layout.pictures import tint_levels, toned_mask

    rng = np.random.default_rng(3)
    unit = 4.0
    gray = np.full((500, 800), 255, np.uint8)
    gray[100:460, 100:760] = 226                   # the tint inside the frame
    photo = 190 + rng.normal(0, 8, (200, 300))     # pale, low-contrast photo
    photo[:, 120:] -= 60                           # its darker right part: found as a picture
    gray[150:350, 120:420] = np.clip(photo, 0, 255).astype(np.uint8)
    for y in range(160, 440, 14):                  # text on the tint right of the photo
        for x in range(440, 740, 10):
            gray[y:y + 9, x:x + 9] = 25
    gray[96:100, 96:764] = gray[460:464, 96:764] = 0    # the frame's rules
    gray[96:464, 96:100] = gray[96:464, 760:764] = 0
    binary = np.where(gray < 110, 255, 0).astype(np.uint8)
    frame = Box(96, 96, 764, 464)
    tints = tint_levels(gray, [frame], unit)
    assert len(tints) == 1 and 200 <= tints[0][1] < 226, tints
    toned = toned_mask(gray, tints)
    assert toned[150:350, 120:420].mean() > 0.9    # the photo, pale part too
    assert toned[380:440, 120:420].mean() < 0.05   # the bare tint
    assert toned_mask(gray)[380:440, 120:420].all()     # without the tint: all of it darker than the paper
    grown = grow_pictures([Box(240, 150, 420, 350)], toned, unit, binary, gray, tints)
    assert 110 <= grown[0].x0 <= 125 and grown[0].x1 <= 430 and grown[0].y1 <= 360, grown
    # a framed photo (its tones spread) is no tint
    framed = gray.copy()
    framed[100:460, 100:760] = np.clip(150 + rng.normal(0, 40, (360, 660)), 0, 255).astype(np.uint8)
    assert tint_levels(framed, [frame], unit) == []


def test_headline_pieces_apart_at_a_bracket_pair_are_one_line() -> None:
    """A headline "...日）（附图片1张）" is cut at the white between a closing and an opening bracket: each
    inks the far side of its own square cell, so over a full em of white lies between the pieces.  Counted as
    the brackets' own white, the pieces are one headline; the same white between two square characters
    keeps two headlines side by side apart."""
    em, h = 10.0, 40                                # body em; display type 40 px (4 em)
    text = np.zeros((80, 600), np.uint8)
    for x in range(20, 220, 42):                    # piece a: square characters set solid ...
        text[10:46, x:x + 36] = 255
    text[8:50, 256:264] = 255                       # ... and a closing bracket at its left side of the cell
    for x in (318, ):                               # piece b: an opening bracket at the right side of its cell
        text[8:50, x:x + 8] = 255
    for x in range(334, 520, 42):
        text[10:46, x:x + 36] = 255
    a = Seg(Box(20, 8, 264, 50))
    b = Seg(Box(318, 8, 544, 50))
    gutters = [(280, 300)]                          # a grid gutter runs up into the white between them
    assert len(join_row([a, b], em, gutters, text=text)) == 1
    assert len(join_row([a, b], em, gutters)) == 2          # without the ink: 54 px (1.35 heights) of white
    plain = text.copy()
    plain[8:50, 256:264] = 0
    plain[8:50, 318:326] = 0
    plain[10:46, 228:264] = 255                     # square characters at both ends instead
    plain[10:46, 318:354] = 255
    assert len(join_row([a, b], em, gutters, text=plain)) == 2


def test_a_byline_as_wide_as_its_column_is_no_paragraph_end_carried_over() -> None:
    """A byline centred over three columns ('本报记者  顾正龙  通讯员  鞠鹏摄', two field gaps and more) runs
    as wide as the middle column at its top: it is no paragraph's end carried over to it (browser 32 bo_006,
    read after the first column with the middle one's body)."""
    from digitize.layout.classify import rejoin_continuations

    cols = [(0, 200), (220, 420), (440, 640)]
    head = Region(Box(0, 0, 640, 30), BlockType.HEADLINE, lines=[Seg(Box(0, 0, 640, 30))], cols=(0, 2), font=30.0)

    def middle(fields: int) -> tuple[Region, Region]:
        by = Region(Box(215, 40, 425, 52), BlockType.BODY, lines=[Seg(Box(215, 40, 425, 52), fields=fields)],
                    cols=(1, 1), font=EM)
        lines = [Seg(Box(220, 56 + 14 * i, 420, 66 + 14 * i)) for i in range(6)]
        body = Region(Box(220, 56, 420, lines[-1].box.y1), BlockType.BODY, lines=lines, cols=(1, 1), font=EM)
        return by, body

    by, body = middle(fields=3)
    out = rejoin_continuations([head, by, body], [head], EM, cols, {id(head): (0, 2)})
    assert by in out and len(body.lines) == 6
    by, body = middle(fields=0)                 # a full line of running text there is a paragraph's end
    out = rejoin_continuations([head, by, body], [head], EM, cols, {id(head): (0, 2)})
    assert by not in out and len(body.lines) == 7
    # ... and so is one with two punctuation whites ('纷、冲突的火种。但') that keeps to the column's measure
    # (browser 24 bg_004)
    by, body = middle(fields=2)
    by.box = by.lines[0].box = Box(220, 40, 420, 52)
    out = rejoin_continuations([head, by, body], [head], EM, cols, {id(head): (0, 2)})
    assert by not in out and len(body.lines) == 7


def test_kicker_over_a_headline_measured_by_inked_rows() -> None:
    """Film grain above and below a headline's lines and its kicker's swells their boxes (kicker 19 px over
    headline lines of 26 and 22 px: 0.86, over kicker_type_share); by their inked rows (15 against 22) the
    kicker is clearly smaller type and is typed subhead in the headline's article (microfilm 7 mz_002)."""
    em = 10.0
    cols = [(0, 300)]
    text = np.zeros((400, 320), np.uint8)

    def ink(x0: int, x1: int, y0: int, y1: int) -> None:
        for x in range(x0, x1 - 9, 14):
            text[y0:y1, x:x + 10] = 255

    ink(0, 240, 102, 117)
    text[100, 50] = text[118, 120] = 255                    # grain: the kicker's box 100-119
    ink(0, 290, 124, 146)
    text[121, 60] = text[146, 200] = 255                    # the headline's first line 121-147
    ink(0, 290, 150, 172)
    kicker = Region(Box(0, 100, 240, 119), BlockType.HEADLINE, lines=[Seg(Box(0, 100, 240, 119))])
    head = Region(Box(0, 121, 290, 172), BlockType.HEADLINE,
                  lines=[Seg(Box(0, 121, 290, 147)), Seg(Box(0, 150, 290, 172))])
    body = Region(Box(0, 180, 290, 320), BlockType.BODY,
                  lines=[Seg(Box(0, 180 + 14 * i, 290, 190 + 14 * i)) for i in range(10)])
    assign_articles([kicker, head, body], cols, [], em, text)
    assert kicker.type == BlockType.SUBHEAD and kicker.article == head.article


def test_kicker_a_pixel_over_an_em_above_its_headline_at_a_coarse_em() -> None:
    """At a layout em of 10 px (microfilm) a kicker 11 px above a 3.6 em headline is measured to the whole
    pixel (params.slack) and joins the headline's article (microfilm 7 mz_001: it was an article of its own,
    read before the row of the headline's neighbours).  Over a headline line 36 px tall a kicker may stand
    half that height above it (params.kicker_head_white_share), to the whole pixel too: 19 px above it is its
    kicker, 20 px is none."""
    em = 10.0
    cols = [(0, 200), (210, 410)]
    for gap, joins in ((11, True), (19, True), (20, False)):
        kicker = Region(Box(0, 100, 180, 112), BlockType.BODY, lines=[Seg(Box(0, 100, 180, 112))])
        y0 = 112 + gap
        head = Region(Box(0, y0, 300, y0 + 36), BlockType.HEADLINE, lines=[Seg(Box(0, y0, 300, y0 + 36), core=36)],
                      font=36.0)
        body = Region(Box(0, y0 + 46, 200, y0 + 186), BlockType.BODY,
                      lines=[Seg(Box(0, y0 + 46 + 14 * i, 200, y0 + 56 + 14 * i)) for i in range(10)])
        assign_articles([kicker, head, body], cols, [], em)
        assert (kicker.article == head.article and kicker.type == BlockType.SUBHEAD) == joins


def test_head_group_cut_off_by_its_own_rule_continues_into_its_body() -> None:
    """A headline set in near-body type (two lines, typed body) and its byline start an article of their own;
    the thin rule the page sets under the article's head, over its column only, does not part them from the
    text (or the picture) right under it.  A rule across wider columns does, and so does a rule under a
    block that is no head group (a paragraph of many lines)."""
    from digitize.layout.separators import Rule

    def column(x0: int, rule_x1: int, head_lines: int = 2) -> tuple[list[Region], Region, Rule]:
        head = column_block(BlockType.BODY, x0, 10, x0 + 200, 10 + 14 * head_lines - 4, x0 // 220)
        by = column_block(BlockType.BODY, x0, head.box.y1 + 6, x0 + 120, head.box.y1 + 16, x0 // 220)
        rule = Rule(Box(x0, by.box.y1 + 8, rule_x1, by.box.y1 + 9), "h", 1.0)
        body = column_block(BlockType.BODY, x0, by.box.y1 + 18, x0 + 200, 400, x0 // 220)
        return [head, by], body, rule

    heads, body, rule = column(0, 200)
    assign_articles(heads + [body], COLS, [rule], EM)
    assert heads[0].article == heads[1].article == body.article
    # under a picture and its caption: the picture goes with the head group, the text under it too
    heads, _, rule = column(0, 200)
    pic = region(BlockType.PICTURE, 0, rule.box.y1 + 8, 200, 200)
    pic.pic = 0
    cap = column_block(BlockType.CAPTION, 0, 204, 200, 218, 0)
    cap.caption_of = 0
    text = column_block(BlockType.BODY, 0, 226, 200, 400, 0)
    assign_articles(heads + [pic, cap, text], COLS, [rule], EM)
    assert heads[0].article == pic.article == cap.article == text.article
    # a rule across all three columns parts articles
    heads, body, rule = column(0, 640)
    assign_articles(heads + [body], COLS, [rule], EM)
    assert body.article != heads[0].article
    # a paragraph of six lines over a rule is no head group
    heads, body, rule = column(0, 200, head_lines=6)
    assign_articles(heads + [body], COLS, [rule], EM)
    assert body.article != heads[0].article


def test_dark_shape_of_a_photo_read_as_one_huge_character_joins_the_photo() -> None:
    """A photo found in part: the dark shape on its pale side, read as a one-line block of huge type (one mark
    as tall as the block), joins the photo beside it; a column of vertical type as tall beside the photo
    (marks of a character's size), and a shape too far from the photo, do not."""
    from digitize.layout.pictures import absorb_photo_blobs

    em = 10.0
    text = np.zeros((300, 600), np.uint8)
    photo = Box(100, 50, 300, 200)
    text[70:180, 40:85] = 255                                       # the dark shape, 3.5 em left of the photo
    blob = Region(Box(40, 70, 85, 180), BlockType.HEADLINE, lines=[Seg(Box(40, 70, 85, 180))])
    assert absorb_photo_blobs([photo], [blob], text, em) == [Box(40, 50, 300, 200)]
    for y in range(60, 190, 13):                                    # vertical type right of the photo
        text[y:y + 10, 320:330] = 255
    vertical = Region(Box(320, 60, 331, 190), BlockType.HEADLINE, lines=[Seg(Box(320, 60, 331, 190))])
    assert absorb_photo_blobs([photo], [vertical], text, em) == [photo]
    far = Box(photo.x0 + 200, photo.y0, photo.x1 + 200, photo.y1)   # the shape 21.5 em from this photo
    assert absorb_photo_blobs([far], [blob], text, em) == [far]
    # text between the shape and the photo: not one photo
    between = Region(Box(88, 100, 98, 110), BlockType.BODY, lines=[Seg(Box(88, 100, 98, 110))])
    assert absorb_photo_blobs([photo], [blob, between], text, em) == [photo]


def test_a_deck_in_smaller_headline_type_under_a_headline_stays_in_its_article() -> None:
    """A two-line subhead (副题) set in headline type a size smaller, right under a two-line headline, is the
    headline's subhead, not the head of an article of its own: otherwise the article beside it, whose headline
    stands a little lower than the first headline, is read between the headline and its deck and body (synth 89
    so_007).  A headline of the same size right under another stays a headline of its own."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 200), (210, 410)]

    def block(t: BlockType, x0: int, y0: int, x1: int, n: int, pitch: int) -> Region:
        lines = [Seg(Box(x0, y0 + i * pitch, x1, y0 + i * pitch + pitch - 4)) for i in range(n)]
        return Region(Box(x0, y0, x1, y0 + n * pitch - 4), t, lines=lines)

    head_a = block(BlockType.HEADLINE, 0, 100, 200, 2, 34)      # lines 30 px high, ends at y=164
    deck = block(BlockType.HEADLINE, 10, 166, 190, 2, 24)       # lines 20 px high: two thirds of the headline's
    body_a = block(BlockType.BODY, 0, 220, 200, 10, 14)
    head_b = block(BlockType.HEADLINE, 210, 120, 410, 1, 34)    # the article beside, its top 20 px lower
    body_b = block(BlockType.BODY, 210, 160, 410, 12, 14)
    regions = [head_a, deck, body_a, head_b, body_b]
    assign_articles(regions, cols, [], em)
    assert deck.type == BlockType.SUBHEAD and deck.article == head_a.article == body_a.article
    seq = reading_order(regions, 4 * em)
    assert seq.index(deck) == seq.index(head_a) + 1 and seq.index(body_a) < seq.index(head_b)

    same = block(BlockType.HEADLINE, 10, 166, 190, 2, 34)       # the same type size: two headlines stacked
    regions = [block(BlockType.HEADLINE, 0, 100, 200, 2, 34), same, block(BlockType.BODY, 0, 240, 200, 8, 14)]
    assign_articles(regions, cols, [], em)
    assert same.type == BlockType.HEADLINE


def test_text_ending_in_a_headlines_top_does_not_stop_its_span() -> None:
    """A headline centred over three columns heads all three although the text of the article above ends
    in the left column with a line whose box reaches into the headline's top (a speck or grain on the
    line, microfilm 39 my_005).  A column of another article that runs on beside the headline's lower line
    (it starts below the headline's middle) still keeps the headline out of that column (synth 65 sf_002)."""
    above = [column_block(BlockType.BODY, c0, 10, c1, 124 if i == 0 else 110, i) for i, (c0, c1) in enumerate(COLS)]
    head = region(BlockType.HEADLINE, 230, 118, 410, 150)           # over column 1, centred over 0-2
    head.lines = [Seg(Box(230, 118, 410, 150))]
    below = [column_block(BlockType.BODY, c0, 160, c1, 400, i) for i, (c0, c1) in enumerate(COLS)]
    regions = [*above, head, *below]
    assert headline_spans([head], COLS, [], EM, regions)[id(head)] == (0, 2)
    assign_articles(regions, COLS, [], EM)
    assert all(b.article == head.article for b in below)
    # a two-line headline over column 2; columns 0-1 hold another article's text from 2 px below its middle
    late = region(BlockType.HEADLINE, 440, 100, 640, 140)
    late.lines = [Seg(Box(440, 100, 640, 118)), Seg(Box(440, 122, 640, 140))]
    beside = [column_block(BlockType.BODY, c0, 122, c1, 400, i) for i, (c0, c1) in enumerate(COLS[:2])]
    lead = region(BlockType.HEADLINE, 0, 40, 420, 70)
    assert headline_spans([lead, late], COLS, [], EM, [lead, late, *beside])[id(late)] == (2, 2)


def test_a_piece_of_a_headline_inside_its_box_joins_its_article() -> None:
    """Film broke a three-column headline's second line in two (microfilm 29 mn2_004): the left piece stayed
    in the headline's block, the right piece became a headline block of its own inside that block's box,
    level with its sibling.  It is the headline's piece: no article of its own, the columns under it stay the
    headline's (on film: ``grain``, the microfilm profile).  A headline beside another's box (the next
    article's) still starts its own."""
    lead = Region(Box(20, 10, 620, 78), BlockType.HEADLINE,
                  lines=[Seg(Box(20, 10, 620, 40)), Seg(Box(150, 48, 300, 78))], font=EM)
    piece = Region(Box(310, 48, 420, 80), BlockType.HEADLINE, lines=[Seg(Box(310, 48, 420, 80))], font=EM)
    bodies = [column_block(BlockType.BODY, c0, 100, c1, 600, i) for i, (c0, c1) in enumerate(COLS)]
    assign_articles([lead, piece, *bodies], COLS, [], EM, grain=True)
    assert piece.article == lead.article
    assert all(b.article == lead.article for b in bodies)
    # the same headline pieces side by side, not inside one box: two headlines, two articles
    left = Region(Box(0, 10, 200, 40), BlockType.HEADLINE, lines=[Seg(Box(0, 10, 200, 40))], font=EM)
    right = Region(Box(220, 12, 420, 42), BlockType.HEADLINE, lines=[Seg(Box(220, 12, 420, 42))], font=EM)
    under = [column_block(BlockType.BODY, c0, 60, c1, 600, i) for i, (c0, c1) in enumerate(COLS[:2])]
    assign_articles([left, right, *under], COLS[:2], [], EM, grain=True)
    assert left.article != right.article
    assert under[0].article == left.article and under[1].article == right.article


def test_a_photos_pale_strip_read_as_headline_type_joins_the_photo() -> None:
    """A photo found in part: the strip under it, pale with light shapes (the tone test for pale pieces fails on
    it), read as a one-line block of headline type (1.7 em), holds specks and one wide blob but no mark of its
    own type size, so it joins the photo; otherwise it starts an article of its own that takes the caption
    and is read a row later (synth 71 su2_004).  A real headline of that size touching the photo (characters:
    one mark of its type size or more each) stays text, and so does the strip when it lies 2 em from the photo."""
    from digitize.layout.pictures import absorb_photo_heads

    em = 10.0
    text = np.zeros((400, 600), np.uint8)
    photo = Box(100, 50, 400, 200)
    strip = Box(110, 200, 400, 217)                                 # right under the photo, 17 px = 1.7 em tall
    rng = np.random.default_rng(3)
    for x, y in zip(rng.integers(110, 398, 40), rng.integers(200, 215, 40)):
        text[y:y + 2, x:x + 2] = 255                                # specks of the photo's grain
    text[203:216, 150:330] = 255                                    # a dark shape wider than the line is tall
    piece = Region(strip, BlockType.HEADLINE, lines=[Seg(strip)])
    assert absorb_photo_heads([photo], [piece], text, em) == [Box(100, 50, 400, 217)]

    head = Box(110, 300, 390, 317)                                  # a headline of 1.7-em characters
    for x in range(112, 380, 19):
        text[302:316, x:x + 14] = 255
    headline = Region(head, BlockType.HEADLINE, lines=[Seg(head)])
    below = Box(100, 150, 400, 300)                                 # a photo right above the headline
    assert absorb_photo_heads([below], [headline], text, em) == [below]

    far = Box(photo.x0, photo.y0 - 20, photo.x1, photo.y1 - 20)     # the strip 2 em under this photo
    assert absorb_photo_heads([far], [piece], text, em) == [far]


def test_columns_right_under_a_wide_headline_stay_its_own_though_a_lower_headline_beside_spans_them() -> None:
    """A headline over columns 1-3 with a deck under it in column 2, its body columns right under them; in
    column 0 a one-column headline lower down (its top under the wide one's foot, so not its row-mate) whose
    span grows over the free columns of its own row, 1-3, where nothing stands level with it.  The body
    columns under the wide headline are still the wide one's (synth 109 sj2_001, synth 116 sx2_003): the
    headline right over a block's own columns, with only its deck between, wins over a lower one beside.
    Text that starts under the lower headline after the wide article's own text ended in that column (an
    L-shaped article of the lower headline) is still the lower one's."""
    em = 10.0
    cols = [(0, 200), (220, 420), (440, 640), (660, 860)]
    wide = region(BlockType.HEADLINE, 240, 10, 840, 45)
    deck = region(BlockType.SUBHEAD, 480, 60, 600, 75)
    low = region(BlockType.HEADLINE, 10, 95, 190, 125)
    byline = region(BlockType.BYLINE, 0, 135, 120, 145, (0, 0))
    left = column_block(BlockType.BODY, 0, 160, 200, 700, 0)
    under = [column_block(BlockType.BODY, x0, 130, x1, 700, c + 1) for c, (x0, x1) in enumerate(cols[1:])]
    regions = [wide, deck, low, byline, left] + under
    spans = headline_spans([wide, low], cols, [], em, regions)
    assert spans[id(low)][1] == 3                 # the lower headline's span does reach over columns 1-3
    assign_articles(regions, cols, [], em)
    assert all(u.article == wide.article for u in under)
    assert left.article == byline.article == low.article != wide.article
    # the wide article's text ends in column 1; the lower headline's article runs on under it there
    wide2 = region(BlockType.HEADLINE, 240, 10, 840, 45)
    top2 = [column_block(BlockType.BODY, x0, 60, x1, 300, c + 1) for c, (x0, x1) in enumerate(cols[1:])]
    low2 = region(BlockType.HEADLINE, 10, 400, 190, 430)
    left2 = column_block(BlockType.BODY, 0, 450, 200, 700, 0)
    foot2 = column_block(BlockType.BODY, 220, 450, 420, 700, 1)
    assign_articles([wide2, low2, left2, foot2] + top2, cols, [], em)
    assert all(t.article == wide2.article for t in top2)
    assert foot2.article == left2.article == low2.article != wide2.article


def test_kicker_over_a_big_headline_may_stand_its_leading_above_it() -> None:
    """The white between a kicker and its headline is the headline's leading over its ink, which grows with its
    type: a kicker 1.2 em over a lead headline of 3.5 em type (two lines 1.3 em apart) is that headline's, and
    the lead article (whose top is then the kicker's) is read before the article beside it whose headline
    stands level with the kicker (browser 74 dn_004: the kicker was an article of its own, read first, and the
    lead headline, 2.4 em lower than its neighbour's, came after that article).  Over a headline of 1.5 em type
    the same 1.2 em of white parts a line from it."""
    from digitize.layout.order import reading_order

    em = 10.0
    cols = [(0, 200), (220, 420), (440, 640)]

    def block(t: BlockType, x0: int, y0: int, x1: int, n: int, height: int, pitch: int) -> Region:
        lines = [Seg(Box(x0, y0 + i * pitch, x1, y0 + i * pitch + height)) for i in range(n)]
        return Region(Box(x0, y0, x1, y0 + (n - 1) * pitch + height), t, lines=lines)

    kicker = block(BlockType.BODY, 2, 100, 80, 1, 12, 14)          # ends at y=112
    lead = block(BlockType.HEADLINE, 15, 124, 400, 2, 35, 48)      # 12 px (1.2 em) under the kicker
    lead_body = [column_block(BlockType.BODY, x0, 220, x1, 600, c) for c, (x0, x1) in enumerate(cols[:2])]
    side = block(BlockType.HEADLINE, 440, 100, 600, 1, 15, 20)     # the neighbour's headline, level with the kicker
    side_body = column_block(BlockType.BODY, 440, 125, 640, 600, 2)
    regions = [kicker, lead, *lead_body, side, side_body]
    assign_articles(regions, cols, [], em)
    assert kicker.article == lead.article and kicker.type == BlockType.SUBHEAD
    assert side.article != lead.article
    seq = reading_order(regions, 4 * em)
    assert seq.index(kicker) == seq.index(lead) - 1 and seq.index(lead_body[1]) < seq.index(side)

    line = block(BlockType.BODY, 2, 100, 80, 1, 12, 14)
    small = block(BlockType.HEADLINE, 15, 124, 400, 1, 15, 20)     # 1.5 em type, 12 px under the line
    body = [column_block(BlockType.BODY, x0, 150, x1, 600, c) for c, (x0, x1) in enumerate(cols[:2])]
    assign_articles([line, small, *body], cols, [], em)
    assert line.article != small.article and line.type == BlockType.BODY

    # the right piece of a body line cut at a column edge, its left piece level with it in the headline's span:
    # a row of the text above, not a kicker (synth 98 ss_001)
    above = column_block(BlockType.BODY, 0, 20, 200, 112, 0)        # its last line level with the piece
    piece = block(BlockType.BODY, 220, 100, 300, 1, 12, 14)
    lead = block(BlockType.HEADLINE, 15, 124, 400, 2, 35, 48)
    lead_body = [column_block(BlockType.BODY, x0, 220, x1, 600, c) for c, (x0, x1) in enumerate(cols[:2])]
    assign_articles([above, piece, lead, *lead_body], cols, [], em)
    assert piece.article != lead.article and piece.type == BlockType.BODY

    # a mark 1.5 em long and a short line set flush right in its column (a credit ending the text above) are
    # no kickers there (microfilm 50 mo2_001, mo2_002)
    for x0, x1 in ((2, 17), (100, 200)):
        mark = block(BlockType.BODY, x0, 100, x1, 1, 12, 14)
        lead = block(BlockType.HEADLINE, 15, 124, 400, 2, 35, 48)
        lead_body = [column_block(BlockType.BODY, a, 220, b, 600, c) for c, (a, b) in enumerate(cols[:2])]
        mark.cols = (0, 0)
        assign_articles([mark, lead, *lead_body], cols, [], em)
        assert mark.article != lead.article and mark.type == BlockType.BODY, (x0, x1)


def test_news_photo_of_its_own_under_an_article_opens_the_next_row() -> None:
    """A two-column article (headline over columns 0-1, its text ending at y=300); under it, across the same
    columns, a photo and its caption with no headline (a news photo of its own, an article by itself); in
    column 2 another article starts level with the photo's top.  The photo and its caption are not the
    article above's (browser pages: 39 seen pages in 32 sets lost the photo's caption into the article
    above), and are read in their row, before the article beside them.  Left alone: a photo at the foot of
    its article with no article starting level beside it (column 2's text runs on down); a photo whose
    article's text runs on beside it; a photo right under its own head set in body type (browser 81 dw_005)."""
    from digitize.layout.order import reading_order
    from digitize.layout.separators import Rule

    em = 10.0
    cols = [(0, 200), (220, 420), (440, 640)]

    def page(side_starts: bool = True, beside_text: bool = False, head_in_body: bool = False):
        if head_in_body:        # one line of body type right over the photo: the photo's own head
            head = column_block(BlockType.BODY, 0, 300, 300, 315)
            top_text = []
        else:
            head = region(BlockType.HEADLINE, 0, 10, 420, 45)
            top_text = [column_block(BlockType.BODY, x0, 60, x1, 600 if beside_text and c == 1 else 300, c)
                        for c, (x0, x1) in enumerate(cols[:2])]
        x1 = 200 if beside_text else 420
        photo = Region(Box(0, 320, x1, 520), BlockType.PICTURE, cols=(-1, -1), pic=0)
        caption = column_block(BlockType.CAPTION, 0, 525, x1, 550)
        caption.caption_of = 0
        side_top = region(BlockType.HEADLINE, 440, 10, 640, 45)
        side_top_body = column_block(BlockType.BODY, 440, 60, 640, 300 if side_starts else 600, 2)
        regions = [head, *top_text, photo, caption, side_top, side_top_body]
        side = None
        if side_starts:          # a headline level with the photo's top (0.2 em lower) and its text
            side = region(BlockType.HEADLINE, 440, 322, 640, 352)
            regions += [side, column_block(BlockType.BODY, 440, 365, 640, 600, 2)]
        # (with the photo's own head: a rule between columns 1 and 2 keeps column 2's headline from heading them)
        rules = [Rule(Box(429, 0, 431, 600), "v", 2.0)] if head_in_body else []
        assign_articles(regions, cols, rules, em)
        return regions, head, photo, caption, side

    regions, head, photo, caption, side = page()
    assert photo.article not in (head.article, side.article) and caption.article == photo.article
    assert any("a photo of its own" in t for t in photo.trace)
    seq = reading_order(regions, 4 * em)
    assert max(seq.index(r) for r in regions if r.article == head.article) < seq.index(photo) < seq.index(side)
    # no article starts level with it: the foot of the article above
    _, head, photo, caption, _ = page(side_starts=False)
    assert photo.article == head.article == caption.article
    # the article's text runs on beside the photo in column 1: the photo is inside its article
    _, head, photo, caption, _ = page(beside_text=True)
    assert photo.article == head.article
    # a photo right under a one-line head set in body type: that head's photo
    _, head, photo, caption, _ = page(head_in_body=True)
    assert photo.article == head.article


def _photo_under_three_articles(x0: int, x1: int) -> tuple[list[Region], Region, Region, list[Region]]:
    """Three articles side by side (a headline over a body column in grid columns 0, 1, 2; the body in column
    2 ends lowest) and a headless photo with its caption under them, from x0 to x1."""
    heads, bodies = [], []
    for c, (a, b) in enumerate(COLS):
        heads.append(Region(Box(a, 0, b, 30), BlockType.HEADLINE, lines=[Seg(Box(a, 0, b, 30))], font=EM))
        bodies.append(column_block(BlockType.BODY, a, 40, b, 380 + 15 * c, c))
    photo = Region(Box(x0, 420, x1, 700), BlockType.PICTURE, pic=0)
    caption = Region(Box(x0, 705, x1, 719), BlockType.CAPTION, lines=[Seg(Box(x0, 705, x1, 719))], caption_of=0)
    return [*heads, *bodies, photo, caption], photo, caption, bodies


def test_headless_photo_across_the_page_under_several_articles_is_an_article_of_its_own() -> None:
    """A picture and its caption with no headline, set across the page's whole text width under the text of
    three articles (browser 94 eh_003), are an article of their own read after them, not the foot of the
    article whose column ends lowest; a photo under two of the three columns stays with the text above it."""
    from digitize.layout.order import reading_order

    regions, photo, caption, bodies = _photo_under_three_articles(0, 640)
    assign_articles(regions, COLS, [], EM)
    assert photo.article == caption.article and photo.article not in {b.article for b in bodies}
    assert any("across the page's text width" in t for t in photo.trace)
    seq = reading_order(regions, 4 * EM)
    assert seq[-2:] == [photo, caption]
    regions, photo, caption, bodies = _photo_under_three_articles(220, 640)
    assign_articles(regions, COLS, [], EM)
    assert photo.article == caption.article == bodies[2].article
