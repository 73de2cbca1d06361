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
