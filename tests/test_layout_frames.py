"""Box frames whose scan lost part of a side: a teaser box with a faded left side is still a box (its own
article, read in its place), and two rules with one side and nothing at the other end are not a box."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from digitize import layout, preprocess
from digitize.config import Settings
from digitize.geometry import Box
from digitize.layout.separators import find_frames, find_rules
from digitize.load import load_pages
from digitize.model import BlockType
from tests.fixtures.render import PageSpec, render_page

UNIT = 4.0          # layout px per mm (about 100 dpi)


def boxed(left_rows: list[slice] | None) -> np.ndarray:
    """A 3-sided box (top, bottom, right) with a few text-like blobs inside; ``left_rows`` of its left side
    are inked (None: no left side at all)."""
    im = np.zeros((200, 400), np.uint8)
    im[40:43, 50:350] = 255
    im[120:123, 50:350] = 255
    im[40:123, 347:350] = 255
    for rows in left_rows or []:
        im[rows, 50:53] = 255
    for x in range(70, 320, 16):            # a line of "characters"
        im[60:72, x:x + 12] = 255
        im[85:97, x:x + 12] = 255
    return im


def test_box_with_faded_side_is_a_frame() -> None:
    im = boxed([slice(43, 66), slice(110, 120)])   # pieces of the left side left, 40 % of its height
    rules, _ = find_rules(im, UNIT, 8 * UNIT)
    assert not any(r.orientation == "v" and r.box.x0 < 60 for r in rules)      # too short to be a rule
    frames, rest = find_frames(rules, UNIT, im)
    assert len(frames) == 1
    f = frames[0]
    assert abs(f.x0 - 50) <= 2 and abs(f.x1 - 350) <= 2 and abs(f.y0 - 40) <= 2 and abs(f.y1 - 123) <= 2
    assert not [r for r in rest if r.orientation == "h"]


def test_rules_with_one_side_only_are_not_a_frame() -> None:
    im = boxed(None)
    rules, _ = find_rules(im, UNIT, 8 * UNIT)
    frames, rest = find_frames(rules, UNIT, im)
    assert frames == []
    assert len(rest) == len(rules)


def test_teaser_with_faded_frame_side_is_its_own_article(tmp_path: Path) -> None:
    """The masthead band's teaser box, its left side mostly lost, stays a teaser read on its own, not a
    headline heading the article under it."""
    r = render_page(PageSpec(masthead=True, teaser=True, bands=2, height=2200, seed=3))
    sides = [b for b in r.blocks if b.get("kind") == "frame" and b.get("orientation") == "v"]
    assert len(sides) == 2
    x0, y0, x1, y1 = min(sides, key=lambda b: b["box"][0])["box"]
    r.image[y0 + (y1 - y0) // 3:y1 - (y1 - y0) // 8, max(0, x0 - 2):x1 + 2] = 255   # most of the left side fades
    path = r.save(tmp_path / "page.png")
    settings = Settings()
    page, scan = next(load_pages(path, settings.input))
    page = preprocess.run(page, scan, settings.preprocess)
    page = layout.analyse(page, scan, settings.layout)
    g = next(b for b in r.blocks if b["type"] == "teaser")
    gb = Box(*g["box"])
    hyp = max((b for b in page.blocks if b.type.is_text), key=lambda h: gb.iou(h.box))
    assert gb.iou(hyp.box) >= 0.5
    assert hyp.type == BlockType.TEASER
    art = next(a for a in page.articles if hyp.id in a.block_ids)
    assert art.block_ids == [hyp.id]


def _glyph_row(im: np.ndarray, y: int, x0: int, x1: int, size: int) -> None:
    """A line of square 'characters' of ``size`` px, 2 px apart, from ``x0`` to at most ``x1``."""
    for x in range(x0, x1 - size + 1, size + 2):
        im[y:y + size, x:x + size] = 255
        im[y + 3:y + size - 3, x + 3:x + size - 3] = 0


def test_a_frame_round_a_photo_and_its_caption_ends_the_picture_at_the_caption_line() -> None:
    """A frame made of a photo's edges and the rules round photo and caption (browser 12 bw_000) holds a line
    of characters between the photo and the frame's bottom: the picture ends at that line.  The photo's pale
    lower part (grain, a dark patch broken into blobs and crumbs: browser dev bd_002) is no line and stays in
    the picture."""
    from digitize.layout.separators import caption_in_frame

    em = 12
    frame, photo = Box(20, 20, 421, 441), Box(20, 20, 421, 300)
    text = np.zeros((460, 440), np.uint8)
    text[310:316, 100:130] = 255                       # a dark patch of the photo: a blob of 2.5 em ...
    for x in (140, 160, 185):                          # ... and crumbs of glyph size beside it
        text[308:318, x:x + 8] = 255
    for y, x in ((304, 60), (322, 250), (330, 380)):   # grain
        text[y:y + 2, x:x + 2] = 255
    assert caption_in_frame(text, frame, [photo], float(em)) is None
    _glyph_row(text, 340, 30, 410, em)
    _glyph_row(text, 358, 30, 250, em)
    assert caption_in_frame(text, frame, [photo], float(em)) == (frame.y0, 340)
    assert caption_in_frame(text, frame, [Box(20, 20, 421, 432)], float(em)) is None   # no room for a line


def test_rule_touching_a_photo_is_still_a_rule_and_its_worn_double_line_no_text() -> None:
    """A masthead's double rule with a photo set right under it (browser seed 9 bx_000): the lower line and
    the photo are one component, too thick for a rule, so the rule was lost and read as a line of text; the
    upper line, worn to pieces shorter than a rule, was read as text too.  The rule is found through the
    photo, and the upper line's pieces beside it are the rule's ink, not text."""
    from digitize.layout.separators import find_rules, split_ink

    unit = 4.0                                          # 100 dpi
    img = np.zeros((300, 600), np.uint8)
    img[100:103, 20:580] = 255                          # the lower line of the double rule
    for x0, x1 in ((20, 90), (100, 170), (180, 250), (300, 380), (390, 470), (480, 580)):
        img[95:97, x0:x1] = 255                         # the upper line, worn to pieces
    img[103:220, 200:420] = 255                         # a photo set against the rule
    rules, _ = find_rules(img, unit, 8 * unit)
    assert any(r.orientation == "h" and r.box.x0 <= 25 and r.box.x1 >= 575 and r.box.y1 <= 104 for r in rules)
    ink = split_ink(img, unit, 12.0)
    assert any(r.orientation == "h" and r.box.width >= 500 for r in ink.rules)
    assert not ink.text[90:100].any()                   # the worn upper line is no text
    assert any(p.y0 >= 100 and p.width >= 200 for p in ink.pictures)


def test_a_rule_between_two_column_rules_is_a_rule_not_a_dash() -> None:
    """A rule under a row of articles ends a hair short of the column rules on both sides (browser 21
    by_003): the column rules are tall ink at both its ends, as a headline's characters are beside a dash
    (——), and the rule was read as a line of text across three columns.  Ink at its ends that is a column
    rule is no character; a short dash between two characters stays ink of the text."""
    from digitize.layout.separators import split_ink

    unit = 4.0                                          # 100 dpi
    img = np.zeros((400, 700), np.uint8)
    img[20:380, 100:102] = 255                          # column rules
    img[20:380, 500:502] = 255
    img[200:202, 106:496] = 255                         # the rule between them, 4 px off each
    img[300:330, 560:590] = 255                         # a headline's characters with a dash between
    img[314:316, 594:660] = 255                         # (long enough for a hairline rule)
    img[300:330, 664:694] = 255
    ink = split_ink(img, unit, 12.0)
    assert any(r.orientation == "h" and r.box.x0 <= 110 and r.box.x1 >= 490 for r in ink.rules)
    assert not ink.text[195:205, 110:490].any()
    assert ink.text[314:316, 600:630].all()            # the dash
