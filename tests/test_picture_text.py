"""benchmarks/picture_text.py: GT characters under our pictures (what the full pipeline clears before recognition,
and layout_only's oracle CER does not see)."""
from .fixtures import benchmarks


def test_characters_under_a_picture_grown_over_the_start_of_lines():
    pt = benchmarks.load("picture_text.py")
    # two body lines of ten characters beside a photo (0-500); a third line under it, vertical line far off
    lines = [((520, 0, 1020, 40), "一二三四五六七八九十"), ((520, 50, 1020, 90), "一二三四五六七八九十"),
             ((0, 600, 1000, 640), "五六"), ((2000, 0, 2040, 400), "甲乙丙丁")]
    photo = [(0, 0, 500, 500)]
    assert pt.page_figures(lines, photo, [True] * 4) == {"chars": 26, "under": 0, "blind": 0, "lines": 0}
    # the photo grown 120 px over the start of the lines beside it: cells 50 px wide, centres 545, 595, 645
    grown = [(0, 0, 620, 500)]
    assert pt.under_pictures(*lines[0], grown) == 2
    f = pt.page_figures(lines, grown, [True, False, True, True])
    assert f == {"chars": 26, "under": 4, "blind": 2, "lines": 2}       # the unmatched line's 2 are seen by the oracle
    # a vertical line's characters are set down its height: a picture over its top takes the first of them
    assert pt.under_pictures(*lines[3], [(1900, 0, 2100, 150)]) == 1
    assert pt.char_centres((0, 0, 100, 10), "") == []


def test_rows_parse_back():
    pt = benchmarks.load("picture_text.py")
    rows = [pt.HEADER, f"{'bd_007':24s} {4179:7d} {29:6d} {29:6d} {7:6d}", f"{'all':24s} {4179:7d} {29:6d} {29:6d} {7:6d}"]
    assert pt.parse(rows) == {"bd_007": (4179, 29, 29, 7), "all": (4179, 29, 29, 7)}


def test_a_turned_picture_is_its_polygon_not_the_box_around_it():
    pt = benchmarks.load("picture_text.py")
    # a tall picture turned a little: its right side runs from x 500 (top) to 520 (bottom); the box around it
    # reaches 520 all down, over the start of the line beside its top (cells 10 px wide from 505)
    poly = [(0, 0), (500, 0), (520, 1000), (20, 1000)]
    line = ((505, 10, 605, 30), "一二三四五六七八九十")
    assert pt.under_pictures(*line, [(0, 0, 520, 1000)]) == 1
    assert pt.under_pictures(*line, [poly]) == 0
    assert pt.under_pictures((505, 980, 605, 1000), "一二三四五六七八九十", [poly]) == 1
