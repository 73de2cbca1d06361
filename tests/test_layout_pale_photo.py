"""A pale photo whose lightest quarter is one tone (browser 22 bz_001, browser 4 bq_002): self-made gray page."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.pictures import tone_pictures, toned_mask


def test_pale_photo_with_blotches_bigger_than_glyphs_is_a_picture_but_text_on_a_tint_is_not() -> None:
    """A pale photo of flat light tone with darker blotches (binarized: character-sized blobs, too many for
    the character test; its lightest quarter one tone, so the photo-tone test fails) is a picture: its blobs
    are bigger than glyphs.  Dense text on a flat tint, as dark and as veiled, stays text."""
    rng = np.random.default_rng(3)
    unit, em = 4.0, 10.0                            # layout px per mm; body type 10 px
    gray = np.full((700, 900), 245, np.uint8)
    photo = np.clip(175 + rng.normal(0, 2, (240, 300)), 0, 255)
    for y in range(10, 230, 40):                    # dark blotches 20 px (2 em) across
        for x in range(10, 290, 40):
            photo[y:y + 20, x:x + 20] = 60
    gray[60:300, 60:360] = photo.astype(np.uint8)
    gray[360:640, 500:860] = 190                    # a tint behind text
    for y in range(366, 630, 14):                   # rows of 9-px characters 1 px apart
        for x in range(504, 850, 10):
            gray[y:y + 9, x:x + 9] = 25
    binary = np.where(gray < 110, 255, 0).astype(np.uint8)
    toned = toned_mask(gray)
    found = tone_pictures(gray, binary, unit, toned, gray, em=em)
    photo_box = Box(60, 60, 360, 300)
    assert any(b.intersection(photo_box) >= 0.8 * photo_box.area for b in found), found
    text = Box(500, 360, 860, 640)
    assert all(b.intersection(text) <= 0.05 * text.area for b in found), found
    assert not tone_pictures(gray, binary, unit, toned, gray)       # without the type size: tone test alone
    # a photo the binary found already (a piece of it) is left to grow_pictures, not redrawn
    assert not tone_pictures(gray, binary, unit, toned, gray, em=em, known=[Box(100, 100, 200, 150)])
