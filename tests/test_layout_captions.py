"""Captions under a photo found narrower than it is (its pale edge lost): the caption, starting left of the
found box but lying mostly under it, is still the photo's caption, with its short second line."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout.blocks import attach_captions
from digitize.layout.regions import Region, Seg
from digitize.model import BlockType

EM = 10.0


def body(x0: int, y0: int, x1: int, y1: int, cols: tuple[int, int]) -> Region:
    lines = [Seg(Box(x0, y, x1, y + 10)) for y in range(y0, y1 - 9, 14)]
    return Region(Box(x0, y0, x1, lines[-1].box.y1), BlockType.BODY, lines, cols, EM)


def test_caption_of_photo_found_in_part() -> None:
    photo = Box(60, 100, 420, 300)                  # the photo really starts at x=20, with the columns
    first = body(20, 306, 415, 316, (0, 1))         # caption line 1, across both columns
    second = body(20, 320, 150, 330, (0, 0))        # its short last line
    below = body(40, 350, 200, 500, (0, 0))         # body text further down in column 0
    out = attach_captions([first, second, below], [photo], EM)
    caps = [r for r in out if r.type == BlockType.CAPTION]
    assert len(caps) == 1 and caps[0].caption_of == 0
    assert len(caps[0].lines) == 2 and caps[0].box.y1 == 330
    assert below in out and below.type == BlockType.BODY


def test_body_mostly_beside_a_photo_is_not_its_caption() -> None:
    photo = Box(200, 100, 420, 300)                 # a one-column photo in column 1
    wide = body(20, 306, 415, 350, (0, 1))          # text across both columns, half of it beside the photo
    out = attach_captions([wide], [photo], EM)
    assert [r.type for r in out] == [BlockType.BODY]


def test_caption_of_photo_found_short_on_the_right() -> None:
    """The photo's pale right edge was lost: its caption runs 1.5 em past the found box but lies 88% under it."""
    photo = Box(100, 100, 256, 350)                 # the photo really ends at x=290
    cap = body(100, 354, 277, 400, (0, 0))          # four caption lines
    below = body(100, 440, 290, 600, (0, 0))        # body text further down
    out = attach_captions([cap, below], [photo], EM)
    assert cap.type == BlockType.CAPTION and cap.caption_of == 0
    assert below.type == BlockType.BODY


def test_headline_type_under_a_photo_is_no_caption_but_a_flush_right_credit_is() -> None:
    """A headline (1.8 em type) right under a photo whose caption is printed inside it stays text; under
    another photo a caption's credit line ('... 摄') set flush right under the photo joins its caption."""
    photo = Box(20, 100, 420, 300)
    head = body(40, 306, 400, 330, (0, 1))
    head.font = 1.8 * EM
    out = attach_captions([head], [photo], EM)
    assert head.type == BlockType.BODY and head.caption_of is None and out == [head]
    cap = body(20, 306, 260, 330, (0, 1))           # caption, two lines, at the left
    credit = body(340, 336, 420, 346, (1, 1))       # credit line, flush right with the photo
    later = body(20, 380, 420, 500, (0, 1))         # body text further down
    out = attach_captions([cap, credit, later], [photo], EM)
    assert cap.type == BlockType.CAPTION and len(cap.lines) == 3 and credit not in out
    assert later.type == BlockType.BODY


def test_caption_with_an_indented_first_line_and_its_credit_taken_by_the_text_beside_the_photo() -> None:
    """A photo floated left in a body (browser dev bd_007): its caption's first line is indented two
    characters, the second starts flush with the photo, and the credit line under it was taken as the last
    line of the text running beside the photo.  All three lines are the caption; the text beside keeps the
    rest of its lines."""
    photo = Box(20, 100, 220, 300)
    first = body(40, 306, 218, 316, (0, 0))         # indented 2 em
    second = body(20, 320, 120, 330, (0, 0))        # flush with the photo's left edge
    beside = body(250, 100, 420, 330, (1, 1))       # text right of the photo, its lines 10 px tall
    credit = Seg(Box(170, 334, 218, 344))
    beside.lines.append(credit)
    beside.box = beside.box.union(credit.box)
    later = body(20, 380, 420, 500, (0, 1))
    out = attach_captions([first, second, beside, later], [photo], EM)
    assert first.type == BlockType.CAPTION and len(first.lines) == 3, first.lines
    assert second not in out
    assert credit not in beside.lines and beside.box.x0 == 250 and beside.type == BlockType.BODY
    assert later.type == BlockType.BODY


def test_an_indented_captions_short_last_line_mostly_left_of_its_first_line_is_taken() -> None:
    """A small photo's caption (browser 12 bw_007): its first line indented two characters, its last line
    short and flush with the photo's left edge, lying mostly left of where the first line starts.  Both
    lines are the caption; text under the caption is not."""
    photo = Box(774, 283, 937, 407)
    first = body(794, 409, 937, 419, (5, 5))
    last = body(775, 424, 810, 434, (5, 5))
    text = body(775, 457, 1063, 520, (5, 6))
    out = attach_captions([first, last, text], [photo], EM)
    assert first.type == BlockType.CAPTION and len(first.lines) == 2
    assert last not in out and text.type == BlockType.BODY


def test_a_caption_set_in_from_the_photos_edge_keeps_its_short_last_line() -> None:
    """A caption set in from its photo's edge (the photo's box a little wider than the caption's measure): its
    first line indented, its short last line ('度递增。') starting left of it but 0.6-1.1 em right of the photo's
    edge, a credit ('薛原报 摄') on the row under it flush right.  The last line is the caption's too, read
    with it, not as body text under the photo (browser 18 be_006, 8 bt_006); a body line (in body type) there
    stays body."""
    photo = Box(100, 100, 300, 300)
    first = Region(Box(125, 304, 299, 313), BlockType.BODY, [Seg(Box(125, 304, 299, 313))], (0, 0), 7.0)
    last = Region(Box(111, 316, 150, 325), BlockType.BODY, [Seg(Box(111, 316, 150, 325))], (0, 0), 8.0)
    credit = Region(Box(260, 329, 300, 338), BlockType.BODY, [Seg(Box(260, 329, 300, 338))], (0, 0), 7.0)
    out = attach_captions([first, credit, last], [photo], EM)
    caps = [r for r in out if r.type == BlockType.CAPTION]
    assert len(caps) == 1 and len(caps[0].lines) == 3 and last not in out
    text = Region(Box(111, 316, 150, 326), BlockType.BODY, [Seg(Box(111, 316, 150, 326))], (0, 0), 10.0)
    first = Region(Box(125, 304, 299, 313), BlockType.BODY, [Seg(Box(125, 304, 299, 313))], (0, 0), 7.0)
    out = attach_captions([first, text], [photo], EM)
    assert text in out and text.type == BlockType.BODY
