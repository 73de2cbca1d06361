"""An article's body in two tiers over the same columns, on film (order._body_sequence with ``tiers``,
params.order_tier_gap_pitch)."""
from __future__ import annotations

from digitize.geometry import Box
from digitize.layout.order import article_sequence
from digitize.layout.regions import Region, Seg
from digitize.model import BlockType

PITCH = 20          # the body's line pitch (font 16): leading 4 px


def _text(t: BlockType, x0: int, y0: int, x1: int, y1: int, col: int, name: str) -> Region:
    """A block of lines PITCH apart over grid column ``col``, named in its trace."""
    r = Region(Box(x0, y0, x1, y1), t, cols=(col, col), font=16.0,
               lines=[Seg(Box(x0, y, x1, min(y1, y + 16))) for y in range(y0, y1 - 8, PITCH)])
    r.trace.append(name)
    return r


def _two_tiers(lower_top: int) -> list[Region]:
    """A headline over columns 0-1, the body under it in both columns down to y=296, and a second band of body
    in the same two columns from ``lower_top`` on."""
    head = _text(BlockType.HEADLINE, 0, 0, 410, 30, 0, "head")
    head.cols = (0, 1)
    return [head,
            _text(BlockType.BODY, 0, 40, 200, 296, 0, "c0 top"), _text(BlockType.BODY, 210, 40, 410, 296, 1, "c1 top"),
            _text(BlockType.BODY, 0, lower_top, 200, lower_top + 256, 0, "c0 low"),
            _text(BlockType.BODY, 210, lower_top, 410, lower_top + 256, 1, "c1 low")]


def test_a_band_a_blank_line_under_the_body_above_is_read_as_a_tier_of_its_own() -> None:
    """Microfilm 69 mt3_001, mt3_003: the foot of an L-shaped article whose new column the layout lost, or a
    headless article under another's body, stands under the body above across a blank line (1.3-1.6 pitches
    of white) in the same columns: read after the whole part above, not column by column with it."""
    seq = article_sequence(_two_tiers(296 + 2 * PITCH), tiers=True)
    assert [r.trace[0] for r in seq] == ["head", "c0 top", "c1 top", "c0 low", "c1 low"]


def test_off_film_the_columns_are_read_as_they_run() -> None:
    """Without ``tiers`` (every profile but the microfilm one) the same body is read column by column, as
    before: the rule was measured on film pages only."""
    seq = article_sequence(_two_tiers(296 + 2 * PITCH))
    assert [r.trace[0] for r in seq] == ["head", "c0 top", "c0 low", "c1 top", "c1 low"]


def test_a_column_cut_at_its_leading_is_still_read_column_by_column() -> None:
    """Film grain cuts the columns into pieces at the white between two lines (the leading, under half a pitch):
    one tier, read down each column."""
    seq = article_sequence(_two_tiers(296 + PITCH // 4), tiers=True)
    assert [r.trace[0] for r in seq] == ["head", "c0 top", "c0 low", "c1 top", "c1 low"]


def test_text_above_and_under_a_photo_across_the_columns_keeps_the_column_order() -> None:
    """A photo (with its caption) set across the article's columns between the two bands: the white between
    them holds the photo, and the columns are read as they run (as at the start code)."""
    regions = _two_tiers(296 + 12 * PITCH)
    pic = _text(BlockType.PICTURE, 0, 306, 410, 500, 0, "pic")
    pic.lines, pic.pic, pic.cols = [], 0, (0, 1)
    cap = _text(BlockType.CAPTION, 0, 505, 410, 530, 0, "cap")
    cap.caption_of = 0
    seq = article_sequence(regions + [pic, cap], tiers=True)
    assert [r.trace[0] for r in seq] == ["head", "c0 top", "c0 low", "c1 top", "c1 low", "pic", "cap"]


def test_a_band_under_one_of_the_columns_is_no_tier() -> None:
    """Column 1 ends short and column 0 goes on under a blank line (a paragraph set off, a lost line): the band
    under the white runs across one of the two columns only, and the columns are read as they run."""
    head = _text(BlockType.HEADLINE, 0, 0, 410, 30, 0, "head")
    head.cols = (0, 1)
    regions = [head, _text(BlockType.BODY, 0, 40, 200, 296, 0, "c0 top"),
               _text(BlockType.BODY, 210, 40, 410, 280, 1, "c1"),
               _text(BlockType.BODY, 0, 296 + 2 * PITCH, 200, 500, 0, "c0 low")]
    assert [r.trace[0] for r in article_sequence(regions, tiers=True)] == ["head", "c0 top", "c0 low", "c1"]
