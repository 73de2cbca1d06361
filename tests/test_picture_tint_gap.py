"""A photo grown over the tint of a boxed article stops at the clean tint between it and the headline set on the
tint above it (pictures._short_of_tint_gap; issue 10, session 31, picgrow31: browser 98 el_004, a photo in a
tinted box whose frame was not found, grown up over the tint to the box's top, took the article's headline)."""
from __future__ import annotations

import cv2
import numpy as np

from digitize.geometry import Box
from digitize.layout.pictures import grow_pictures

DPI = 100.0
UNIT = DPI / 25.4                                   # layout px per mm
EM = 12                                             # the page's body type, px
PAPER, TINT = 245, 218


def _glyph(gray: np.ndarray, x: int, y: int, s: int, w: int) -> None:
    """A CJK-like character ``s`` px square (口 and 十), strokes ``w`` px, dark on the page."""
    gray[y:y + w, x:x + s] = gray[y + s - w:y + s, x:x + s] = 30
    gray[y:y + s, x:x + w] = gray[y:y + s, x + s - w:x + s] = 30
    gray[y + s // 2:y + s // 2 + w, x:x + s] = 30
    gray[y:y + s, x + s // 2:x + s // 2 + w] = 30


def _page(tint: bool) -> tuple[np.ndarray, np.ndarray, Box]:
    """A photo (its dark lower part found by the ink split, its pale noisy top not) under a two-em headline and
    a byline, all in a box printed on a tint (``tint``) or on the paper; the gray page and its ink."""
    rng = np.random.default_rng(5)
    gray = np.full((900, 1000), PAPER, np.float32)
    if tint:
        gray[80:850, 100:800] = TINT                # the box's tint, no frame round it
    for i in range(12):                             # the headline, type two ems, 1.2 em apart
        _glyph(gray, 160 + i * 36, 110, 2 * EM, 3)
    for i in range(7):                              # the byline under it, body type
        _glyph(gray, 300 + i * EM, 160, EM - 2, 1)
    photo = Box(150, 220, 650, 600)
    gray[photo.y0:photo.y1, photo.x0:photo.x1] = 165 + rng.normal(0, 18, (photo.height, photo.width))
    dark = Box(150, 450, 650, 600)                  # its dark part, what split_ink finds
    gray[dark.y0:dark.y1, dark.x0:dark.x1] = 40
    gray = cv2.GaussianBlur(gray, (5, 5), 1.0) + rng.normal(0, 1.5, gray.shape)
    gray = np.clip(gray, 0, 255).astype(np.uint8)
    ink = ((gray < 120) * 255).astype(np.uint8)
    return gray, ink, dark


def _grow(tint: bool, rule: bool = True) -> Box:
    gray, ink, dark = _page(tint)
    toned = gray < 233                              # the tint is toned as a photo's pale part is
    ink_outside = ink.copy()
    ink_outside[dark.y0:dark.y1, dark.x0:dark.x1] = 0
    return grow_pictures([dark], toned, UNIT, ink, gray, (), (), (ink_outside, float(EM)) if rule else None)[0]


def test_a_photo_on_a_tint_stops_at_the_clean_tint_under_the_headline() -> None:
    grown = _grow(tint=True)
    assert 210 <= grown.y0 <= 225                   # its own pale top (from 220), not the headline (110-134)
    assert grown.y1 >= 600 - 2                      # and still down to its foot
    assert _grow(tint=True, rule=False).y0 < 110    # without lines (a turned page): over the headline, as before


def test_a_photo_on_the_paper_still_grows_over_its_pale_top() -> None:
    """No tint: the paper above the photo is no tone to grow over; the photo reaches its pale top as before."""
    grown = _grow(tint=False)
    assert 210 <= grown.y0 <= 225
