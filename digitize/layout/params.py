"""Named layout parameters, in units of the page's own measured body type size (``em``, layout px).

Every value says why it is what it is.  The layout measures ``em`` on the page (``lines.estimate_em``), so
these hold at any resolution and type size: a 7 pt microfilm page and a 11 pt broadsheet scale alike.
Rules that still use bare numbers are being moved here one by one (issue 10).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class LayoutParams:
    # --- whitespace gutters (whitespace.py) -------------------------------------------------------------
    # CJK body type is set solid: neighbouring characters are 0.05-0.15 em apart; Latin word spaces are
    # 0.2-0.33 of a line's height.  A gutter of half an em keeps >= 0.35 em of paper even with side bearings.
    gutter_min_width_em: float = 0.35
    # White over about three consecutive lines (pitch 1.3-1.6 em).  A closing mark (。，、) leaves ~0.6 em of
    # white in its line, as wide as a narrow gutter, but the same place is rarely white in 3 lines in a row.
    gutter_min_height_em: float = 9.0
    # A hyphen, a comma or a speck reaching into a gutter interrupts its white for less than half an em
    # in all over the gutter's minimum height (white down a column of text is interrupted far more, and
    # is told from a gutter by the text on both sides, see column_min_ink_share).
    gutter_intrusion_em: float = 0.5
    # A gutter has text on both sides within 1.5 em (further away it is open space, not a gutter).
    gutter_reach_em: float = 1.5
    # The white between two lines of one column (leading) is under 1 em at a line pitch under 2 em.
    line_leading_em: float = 1.0
    # A paragraph's short last line leaves a gutter without text on one side for a line: bridge 1.5 em.
    gutter_bridge_em: float = 1.5
    # A gutter's core is the x-range white on half of its rows (its box bulges at paragraph ends) ...
    gutter_core_share: float = 0.5
    # ... at twice the resolution on 90 % of them: there, white running down between characters set on a
    # grid is as wide where narrow glyphs (十, 1, 是) happen to line up.
    fine_gutter_core_share: float = 0.9
    # Text columns are at least 4 em wide; in a column of text every half-em stretch has ink on at least
    # a fifth of the rows (lines, where white between characters of one line never lines up for long).
    column_min_width_em: float = 4.0
    column_min_ink_share: float = 0.2
    # Gutters are looked for at twice the layout resolution (200 dpi for a 300-dpi scan): at 100 dpi a
    # half-em gutter is 6 px and the layout binarization's fattened strokes close it.
    gutter_resolution: float = 2.0
    # There, a pixel darker than the paper by a third of the paper-to-ink contrast is ink (thin blurred
    # strokes stay ink; a bleed-through ghost, 6-12 % of the contrast, does not).
    ink_contrast: float = 0.33
    # Wider white than 3 em is open space between articles, not a gutter between columns.
    gutter_max_width_em: float = 3.0

    # --- crossing walls (lines.smear_segments) ------------------------------------------------------------
    # A row crosses a vertical rule only where ink within half an em of it covers 80 % of the wall's width
    # (text of both columns touching a rule from either side covers its edges, not its middle).
    rule_crossing_cover: float = 0.8
    # ... a whitespace gutter where that ink reaches into each third of its width and covers 60 % of it
    # (the glyphs of a spanning headline, an open one such as 广 included; not a hyphen and the next
    # column's first letter reaching into a narrow gutter from either side).
    space_crossing_cover: float = 0.6

    # --- touching lines (lines.valley_cuts) ---------------------------------------------------------------
    # A body line's inked height is under 1.4 em (the measured em is a line's dense core) ...
    line_max_em: float = 1.4
    # ... a cut keeps 0.6 em on each side ...
    line_min_em: float = 0.6
    # ... and a valley between two touching lines holds at most a quarter of the densest row's ink
    # (Fraktur ascenders and descenders meeting; blur between CJK lines).
    valley_share: float = 0.25

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


DEFAULT = LayoutParams()
