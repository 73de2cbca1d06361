"""Two photos side by side with a column rule between them stay two pictures (separators.merge_pictures,
pictures.grow_pictures); the pieces of one photo a rule was printed across still join."""
from __future__ import annotations

import numpy as np

from digitize.geometry import Box
from digitize.layout.pictures import grow_pictures
from digitize.layout.separators import Rule, merge_pictures

UNIT = 4.0                                          # layout px per mm (100 dpi)


def _rule(x: int, y0: int, y1: int) -> Rule:
    return Rule(Box(x, y0, x + 2, y1), "v", 2.0)


def test_photos_in_neighbouring_columns_parted_by_a_rule_stay_two() -> None:
    """Two photos 6 px apart (under 2 mm), a column rule between them running past both; their tops 44 px
    apart (the text of the left column runs on over the shorter photo)."""
    left, right = Box(456, 1195, 649, 1444), Box(655, 1151, 845, 1437)
    rule = _rule(650, 616, 1524)
    assert len(merge_pictures([left, right], UNIT, 0.0, [rule])) == 2
    assert merge_pictures([left, right], UNIT) == [left.union(right)]         # no rule known: as before
    # a photo printed across the rule: its two pieces are level along it and join
    a, b = Box(456, 1195, 648, 1444), Box(656, 1196, 845, 1443)
    assert merge_pictures([a, b], UNIT, 0.0, [rule]) == [a.union(b)]
    # a horizontal rule between two stacked photos of different widths parts them too
    top, bottom = Box(100, 100, 400, 300), Box(100, 306, 300, 500)
    hrule = Rule(Box(50, 302, 600, 304), "h", 2.0)
    assert len(merge_pictures([top, bottom], UNIT, 0.0, [hrule])) == 2


def test_a_picture_does_not_grow_over_a_rule_into_the_photo_beyond() -> None:
    """A heavy scan: the gray between two photos is toned; neither photo grows across the column rule
    between them into the other.  A rule with no picture beyond it (the photo's own frame) is grown over."""
    toned = np.zeros((1600, 1000), bool)
    toned[1151:1437, 620:845] = True               # the right photo and the toned gap up to the left one
    toned[1195:1444, 456:660] = True               # the left photo, its pale right edge up to the rule
    rule = _rule(650, 616, 1524)
    left, right = Box(456, 1195, 620, 1444), Box(663, 1151, 845, 1437)
    grown = grow_pictures([left, right], toned, UNIT, rules=[rule])
    assert grown[0].x1 <= 650 and grown[1].x0 >= 652
    assert grow_pictures([left, right], toned, UNIT)[0].x1 == 845                 # without the rule
    # the left photo alone: its frame's side at x=650 is its edge, grown over
    toned[1195:1444, 660:845] = False
    toned[1151:1195, 620:845] = False
    toned[1195:1444, 650:652] = True
    assert grow_pictures([left], toned, UNIT, rules=[rule])[0].x1 == 660


def test_two_photos_over_most_of_a_row_are_no_scanner_border() -> None:
    """Tone across over 80 % of the page is scanner border, not a picture to grow over; the pictures' own
    tone does not count: two photos side by side and a column of text on a gray scan (browser 15 bh_001),
    the right photo's pale lower part is grown over.  A band toned across the whole page still stops it."""
    toned = np.zeros((1000, 1000), bool)
    toned[100:300, 20:420] = True                   # a photo, found whole
    toned[100:300, 450:850] = True                  # the photo beside it: its pale lower part (250-300) not found
    toned[:, 870:1000:3] = True                     # a column of text on a gray scan: a third of it toned
    left, right = Box(20, 100, 420, 300), Box(450, 100, 850, 250)
    assert grow_pictures([left, right], toned, UNIT)[1] == Box(450, 100, 850, 300)
    toned[250:320, :] = True                        # a border band across the page from row 300
    toned[250:300, 850:1000] = False
    assert grow_pictures([left, right], toned, UNIT)[1].y1 == 300


def test_the_pale_part_of_a_photo_on_a_tinted_column_is_grown_over_but_not_the_tint() -> None:
    """A photo on a tinted column (browser 15 bh_004): its pale left part is grown over, judged where it meets
    the photo (its tones spread); the tint with text above, below and right of the photo is not."""
    rng = np.random.default_rng(0)
    gray = np.full((2000, 1000), 250, np.uint8)
    binary = np.zeros(gray.shape, np.uint8)
    gray[100:1100, 300:700] = 220                                   # the tinted column
    gray[500:600, 300:650] = rng.integers(150, 216, (100, 350))     # the photo's pale part ...
    gray[500:600, 450:650] = 90                                     # ... and its dark part, found in the binary
    binary[500:600, 450:650] = 255
    for y in list(range(110, 480, 24)) + list(range(620, 1090, 24)):     # text on the tint
        for x in range(310, 690, 20):
            gray[y:y + 16, x:x + 16] = 40
            binary[y:y + 16, x:x + 16] = 255
    grown = grow_pictures([Box(450, 500, 650, 600)], gray < 235, UNIT, binary, gray)
    assert grown == [Box(300, 500, 650, 600)]


def test_a_picture_grown_over_a_blank_tint_is_trimmed_back_to_its_grain() -> None:
    """A piece of a photo in a boxed article on a clean tint grows up over the blank tint above the photo
    (no text there to tell it; browser 19 bj_007, joined with another piece it then held the headline): the
    grown part is trimmed back while its outer band is one clean tone; the photo's grainy pale part stays."""
    rng = np.random.default_rng(1)
    gray = np.full((2000, 1000), 250, np.uint8)
    binary = np.zeros(gray.shape, np.uint8)
    gray[100:900, 304:696] = 213                                    # the box's clean tint
    gray[300:800, 320:680] = rng.integers(150, 200, (500, 360))     # the photo: grainy pale part ...
    gray[500:800, 400:600] = 90                                     # ... and its dark part, found in the binary
    binary[500:800, 400:600] = 255
    grown = grow_pictures([Box(400, 500, 600, 800)], gray < 235, UNIT, binary, gray)
    assert grown == [Box(320, 300, 680, 800)], grown
