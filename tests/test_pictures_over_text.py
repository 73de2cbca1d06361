"""Two pictures never join over lines of the page's text (separators.merge_pictures' ``lines``,
pictures.holds_text): two photos set in an L a millimetre apart, the text of their article under the wide one
beside the tall one (microfilm 29 mn2_001: one picture took in both photos and the article between them)."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.separators import split_ink

DPI = 100.0
UNIT = DPI / 25.4                                   # layout px per mm
EM = 12                                             # the page's type size, px


def _photo(img: np.ndarray, b: Box, rng: np.random.Generator) -> None:
    """A photo binarized: a solid dark body with some paper specks in it."""
    img[b.y0:b.y1, b.x0:b.x1] = 255
    holes = rng.random((b.height, b.width)) < 0.05
    img[b.y0:b.y1, b.x0:b.x1][holes] = 0


def _glyph(img: np.ndarray, x: int, y: int) -> None:
    """A CJK-like character an em square: a box with a cross in it (口 and 十), strokes 1 px."""
    s = EM - 2
    img[y, x:x + s] = img[y + s - 1, x:x + s] = 255
    img[y:y + s, x] = img[y:y + s, x + s - 1] = 255
    img[y + s // 2, x:x + s] = 255
    img[y:y + s, x + s // 2] = 255


def _text(img: np.ndarray, area: Box) -> None:
    """Body lines filling ``area``: glyphs an em apart, lines 1.7 em apart."""
    for y in range(area.y0, area.y1 - EM, int(1.7 * EM)):
        for x in range(area.x0, area.x1 - EM, EM):
            _glyph(img, x, y)


def _page(text: bool) -> np.ndarray:
    rng = np.random.default_rng(3)
    img = np.zeros((900, 1000), np.uint8)
    _photo(img, Box(100, 100, 600, 300), rng)       # the wide photo
    _photo(img, Box(606, 100, 800, 700), rng)       # the tall one beside it, 6 px (1.5 mm) off
    if text:
        _text(img, Box(100, 320, 590, 690))         # the article's lines under the wide photo
    return img


def test_two_photos_do_not_join_over_the_text_between_them() -> None:
    pics = split_ink(_page(text=True), UNIT, float(EM)).pictures
    assert len(pics) == 2
    assert not any(p.intersection(Box(100, 320, 590, 690)) > 0 for p in pics)


def test_two_photos_with_paper_between_them_still_join() -> None:
    """No text in their joint box: the pieces join as before (two photos in an L within 2 mm)."""
    pics = split_ink(_page(text=False), UNIT, float(EM)).pictures
    assert pics == [Box(100, 100, 800, 700)]


def test_a_toned_strip_over_two_photos_does_not_join_them_over_the_text() -> None:
    """A tone picture along the tops of two photos side by side (microfilm 37 mw_001) joins them only where no
    text lies in their joint box: the article under the shorter photo stays out."""
    from digitize.layout.pictures import add_tone_pictures
    img = np.zeros((900, 1000), np.uint8)
    _text(img, Box(100, 320, 590, 690))
    short, tall, strip = Box(100, 100, 600, 300), Box(606, 100, 800, 700), Box(300, 105, 800, 140)
    assert add_tone_pictures([short, tall], [strip], (img, float(EM))) == [short, tall]
    assert add_tone_pictures([short, tall], [strip]) == [Box(100, 100, 800, 300), Box(300, 100, 800, 700)]
    # no text under the shorter photo: the strip joins them as before
    blank = np.zeros_like(img)
    assert add_tone_pictures([short, tall], [strip], (blank, float(EM))) == [Box(100, 100, 800, 300),
                                                                               Box(300, 100, 800, 700)]


def test_a_photo_does_not_grow_over_the_text_of_its_tinted_box() -> None:
    """A boxed article printed on a tint that a heavy scan left uneven (browser 65 de_004): the tint is toned from
    the photo's foot to the box's bottom, the article's lines on it.  The photo grows over its own pale parts
    but not over a strip holding lines of the page's text (pictures.grow_pictures' ``lines``)."""
    from digitize.layout.pictures import grow_pictures
    img = np.zeros((900, 1000), np.uint8)
    _text(img, Box(100, 320, 590, 690))
    toned = np.zeros(img.shape, bool)
    toned[100:700, 100:600] = True                  # the photo and the tint of its box under it
    photo = Box(100, 100, 600, 300)
    assert grow_pictures([photo], toned, UNIT, img) == [Box(100, 100, 600, 700)]      # as before: over the text
    assert grow_pictures([photo], toned, UNIT, img, lines=(img, float(EM))) == [Box(100, 100, 600, 320)]
    # the photo's pale foot, found short (its ink ends at y 260), is still grown over, up to the text
    short = Box(100, 100, 600, 260)
    grown = grow_pictures([short], toned, UNIT, img, lines=(img, float(EM)))[0]
    assert 300 <= grown.y1 <= 320


def test_text_beside_a_photo_stops_its_growth_sideways_only() -> None:
    """A photo found in part (its dark middle), toned up to its pale top and over the column of text to its left
    (synth 71 su2_004): the text stops the photo's growth to the left, not its growth up over its own pale top
    (the grown top strip, taken along the photo's own columns, holds no text)."""
    from digitize.layout.pictures import grow_pictures
    img = np.zeros((900, 1000), np.uint8)
    _text(img, Box(100, 100, 390, 500))               # the column beside the photo, from above its dark part
    toned = np.zeros(img.shape, bool)
    toned[100:500, 100:800] = True                  # the photo's pale top and the tone over the text beside it
    photo = Box(420, 300, 800, 500)                 # its dark middle, found by split_ink
    grown = grow_pictures([photo], toned, UNIT, img, lines=(img, float(EM)))[0]
    assert 380 <= grown.x0 <= 420                   # short of the text to its left (its glyphs end at 382)
    assert grown.y0 == 100                          # over its own pale top
