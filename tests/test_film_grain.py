"""A film photo split by its pale parts into pieces is grown over the grain between them
(pictures.grow_over_grain), not over the text column beside it nor the headline above it."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.pictures import _headline_rows, grow_over_grain, grow_pictures

UNIT = 4.0                                          # layout px per mm (100 dpi)
EM = 10.0                                           # the page's type: 10 px


def _page() -> tuple[np.ndarray, np.ndarray]:
    """A 600 x 600 page: a grain photo (100..400 x 120..320, 45 % of its pixels toned, dots of 1-2 px),
    its dark right part solid; a body column left of it (glyphs 8 px, pitch 10 px, lines 14 px apart); a
    headline above it (marks 25 px tall, 22 wide, 6 px apart)."""
    rng = np.random.default_rng(3)
    toned = np.zeros((600, 600), bool)
    ink = np.zeros((600, 600), np.uint8)
    grain = rng.random((200, 300)) < 0.45
    toned[120:320, 100:400] = grain
    ink[120:320, 100:400][rng.random((200, 300)) < 0.02] = 255      # grain dots binarized
    toned[150:320, 260:400] = True                                  # the photo's dark part: found
    for y in range(120, 320, 14):                                   # the body column beside it
        for x in range(10, 88, 10):
            toned[y:y + 8, x:x + 8] = True
            ink[y:y + 8, x:x + 8] = 255
    for x in range(100, 400, 28):                                   # the headline above it
        toned[80:105, x:x + 22] = True
        ink[80:105, x:x + 22] = 255
    return toned, ink


def test_a_film_photo_grows_over_its_grain_to_its_edges() -> None:
    toned, ink = _page()
    piece = Box(260, 150, 400, 320)
    # grow_pictures' rows / columns mostly toned: the grain (45 %) stays out
    assert grow_pictures([piece], toned, UNIT)[0].x0 >= 250
    grown = grow_over_grain([piece], toned, ink, EM, UNIT)[0]
    assert grown.x0 <= 100 + EM and grown.y0 <= 120 + EM          # over the grain to the photo's edges
    assert grown.x1 >= 400 and grown.y1 >= 318
    assert grown.x0 >= 90 and grown.y0 >= 105                      # not the text column, not the headline


def test_no_growth_over_text_or_headlines() -> None:
    toned, ink = _page()
    body = Box(10, 120, 88, 320)                                    # a "picture" in the text column stays
    assert grow_over_grain([body], toned, ink, EM, UNIT)[0] == body
    assert _headline_rows(ink, Box(100, 100, 400, 110), EM)        # the headline's row of marks
    assert not _headline_rows(ink, Box(100, 200, 250, 220), EM)    # grain


def test_title_glyphs_found_as_pictures_do_not_grow() -> None:
    """Two masthead title glyphs found as pictures, of one size and level, on grainy film: not grown."""
    rng = np.random.default_rng(5)
    toned = rng.random((400, 600)) < 0.5                           # film grain all over the top of the page
    ink = np.zeros((400, 600), np.uint8)
    glyphs = [Box(100, 50, 180, 130), Box(200, 52, 278, 131)]
    for g in glyphs:
        toned[g.y0:g.y1, g.x0:g.x1] = True
    assert grow_over_grain(glyphs, toned, ink, EM, UNIT) == glyphs
    # one of them alone would grow over the grain
    assert grow_over_grain(glyphs[:1], toned, ink, EM, UNIT)[0] != glyphs[0]


def test_a_rule_is_a_wall_only_between_level_pictures() -> None:
    """A scratch down the film (a "rule") between the photo and a title glyph far above it does not stop the
    photo's growth; a column rule between it and a photo level with it does."""
    from digitize.layout.separators import Rule
    toned, ink = _page()
    piece = Box(260, 150, 400, 320)
    scratch = Rule(Box(220, 0, 224, 600), "v", 4.0)
    glyph = Box(120, 10, 200, 70)                                   # far above, left of the scratch
    grown = grow_over_grain([piece, glyph], toned, ink, EM, UNIT, [scratch])[0]
    assert grown.x0 <= 100 + EM
    other = Box(10, 150, 95, 320)                                   # a photo level with it, left of the rule
    grown = grow_over_grain([piece, other], toned, ink, EM, UNIT, [scratch])[0]
    assert grown.x0 >= 224


def test_text_over_a_photo_on_shaded_paper_is_not_grain() -> None:
    """A dark-scanned page: the paper above the photo is toned all over, its text lines' glyphs sparse in the
    binary; the rows of the leading between them hold no ink, so the photo does not grow up over them."""
    rng = np.random.default_rng(7)
    toned = np.zeros((600, 600), bool)
    ink = np.zeros((600, 600), np.uint8)
    toned[40:400, 100:400] = rng.random((360, 300)) < 0.7         # shaded paper with text, and the photo
    for y in range(40, 200, 15):                                    # text lines 10 px, leading 5 px, their
        for x in range(100, 400, 40):                               # glyphs blurred into runs (a coarse scan:
            ink[y:y + 10, x:x + 32] = 255                           # no glyph-sized marks)
    ink[205:400, 100:400][rng.random((195, 300)) < 0.05] = 255      # the photo's grain, 5 px under the text
    photo = Box(100, 260, 400, 400)
    grown = grow_over_grain([photo], toned, ink, EM, UNIT)[0]
    assert grown.y0 >= 200                                          # not over the text lines
    # the same text with its leading inked (grain) is grown over
    ink[40:205, 100:400][rng.random((165, 300)) < 0.05] = 255
    assert grow_over_grain([photo], toned, ink, EM, UNIT)[0].y0 < 195


def _tinted_box() -> tuple[np.ndarray, np.ndarray]:
    """A tinted box (toned all over, 20..400 x 100..400) holding a photo (150..400, grain dots) and, left of it,
    body lines on the tint: glyphs 8 px square at a 14 px pitch, 6 to a line (40..124), lines 20 px apart
    (browser dev bd_007: a band 2 em deep over them holds under grain_glyph_density glyphs, and the tint
    leaves no blank line in it)."""
    rng = np.random.default_rng(11)
    toned = np.zeros((600, 600), bool)
    ink = np.zeros((600, 600), np.uint8)
    toned[100:400, 20:400] = True
    ink[100:400, 150:400][rng.random((300, 250)) < 0.02] = 255
    for y in range(104, 396, 20):
        for x in range(40, 124, 14):
            ink[y:y + 8, x:x + 8] = 255
    return toned, ink


def test_a_photo_stops_short_of_the_text_lines_beside_it() -> None:
    """Growth over a tint stops ``grain_text_gap_em`` short of the text lines running out of the picture
    (text_lines_outside); a picture does grow over the tint up to them."""
    from digitize.layout.params import DEFAULT as P
    from digitize.layout.pictures import cuts_text, text_lines_outside
    toned, ink = _tinted_box()
    photo = Box(150, 100, 400, 400)
    lines = text_lines_outside(ink, [photo], EM)
    assert len(lines) == 15 and all(t.x0 == 40 and t.x1 == 118 for t in lines)
    assert cuts_text(Box(115, 100, 150, 400), Box(115, 100, 400, 400), lines, P.grain_text_gap_em * EM, "left")
    assert not cuts_text(Box(130, 100, 150, 400), Box(130, 100, 400, 400), lines, P.grain_text_gap_em * EM, "left")
    # a line the grown picture would hold whole does not stop it (grain smeared into a "line" inside a photo)
    assert not cuts_text(Box(0, 100, 150, 400), Box(0, 100, 400, 400), lines, P.grain_text_gap_em * EM, "left")
    grown = grow_over_grain([photo], toned, ink, EM, UNIT)[0]
    assert 118 + P.grain_text_gap_em * EM <= grown.x0 < 150      # up to the lines, not over them
