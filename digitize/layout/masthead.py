"""The masthead band at the top of a front page: a very large title down to the first long rule under it."""
from __future__ import annotations

import cv2
import numpy as np

from ..geometry import Box
from ..model import BlockType
from .lines import measure_core, smear_segments, split_tall
from .params import DEFAULT as PARAMS
from .regions import Region, Seg
from .separators import Rule


def masthead_title(segs: list[Seg], em: float, shape: tuple[int, int], text: np.ndarray | None = None) -> Seg | None:
    """The biggest type of the first row of big type (at least 3 body sizes tall) in the top 30 % of the
    page, with the pieces of the same title line beside it (a title set in words, or cut where a column
    gutter runs up into it: level with it, as tall within 25 %): the big piece's box widened to the whole
    row.  The title stands at the top: bigger "type" lower down is something else (microfilm dev mf_001: a
    vertical article's columns read as one piece; mf_000: a dithered photo).  Ink at the image's edge is the
    film's (or the scanner's), and with ``text`` (the layout ink mask) a piece must be glyphs
    (``_glyphs``), not grain."""
    h, w = shape
    P = PARAMS
    tops = [s for s in segs if s.box.y1 < P.masthead_top_share * h and s.box.height >= P.title_min_em * em
            and s.box.width >= P.title_min_aspect * s.box.height
            and s.box.y0 > 0 and s.box.x0 > 0 and s.box.x1 < w and (text is None or _glyphs(text, s.box, em))]
    if not tops:
        return None
    first = min(tops, key=lambda s: s.box.y0)
    tops = [s for s in tops if s.box.y0 < first.box.y1]             # the first row: beside the topmost
    big = max(tops, key=lambda s: s.box.height)
    row = [s for s in tops if abs(s.box.height - big.box.height) <= P.title_row_alike * big.box.height
           and min(s.box.y1, big.box.y1) - max(s.box.y0, big.box.y0) >= P.title_row_level * big.box.height]
    x0 = min(s.box.x0 for s in row)
    x1 = max(s.box.x1 for s in row)
    return Seg(big.box.__class__(x0, big.box.y0, x1, big.box.y1))


def _glyphs(text: np.ndarray, b: Box, em: float) -> bool:
    """Is the ink in box ``b`` (layout px) type: at least ``title_glyph_share`` of it in pieces as tall as
    headline type (``headline_min_em``) or more?  Grain is specks however tall its patch."""
    crop = (text[b.y0:b.y1, b.x0:b.x1] > 0).astype(np.uint8)
    n, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    area = st[1:, cv2.CC_STAT_AREA]
    tall = st[1:, cv2.CC_STAT_HEIGHT] >= PARAMS.headline_min_em * em
    return area.sum() > 0 and float(area[tall].sum()) >= PARAMS.title_glyph_share * float(area.sum())


def masthead_bottom(segs: list[Seg], rules: list[Rule], em: float, shape: tuple[int, int],
                    text: np.ndarray | None = None) -> float:
    """y (layout px) where the masthead band ends; 0 when the page has no masthead.  ``text``: the layout
    ink mask, to tell the title's glyphs from grain (``masthead_title``) and a title with no rule under it
    from the page's headlines (``masthead_over_headline``)."""
    h, w = shape
    title = masthead_title(segs, em, shape, text)
    if title is None:
        return 0.0
    P = PARAMS
    below = [r for r in rules if r.orientation == "h" and r.box.y0 >= title.box.y1
             and r.box.width >= P.masthead_rule_width_share * w and r.box.y0 < P.masthead_rule_top_share * h]
    below = [r for r in below if not _body_under(title, r.box.y0, segs, em)]
    if below:
        y = float(min(r.box.y0 for r in below))
        # a "title" no bigger than the page's headlines, with no info lines under it, over a rule is the lead
        # headline over its own rule
        if _headline_sized(title, segs, em, text, PARAMS.masthead_rule_over_headline) \
                and _info_lines(title, y, segs, em) < PARAMS.masthead_rule_info_lines:
            return 0.0
        return y
    if title.box.height >= P.bare_title_min_em * em and title.box.x0 < P.bare_title_left_share * w \
            and not _headline_sized(title, segs, em, text):
        # no rule under it: a very large title at the top left still makes a masthead band as tall as it,
        # when its info lines stand under it there (a lead headline has its columns under it instead)
        band = title.box.y1 + P.bare_title_band_share * title.box.height
        if text is None or _info_lines(title, band, segs, em) >= PARAMS.masthead_info_min_lines:
            return float(band)
    return 0.0


def _info_lines(title: Seg, band: float, segs: list[Seg], em: float) -> int:
    """The pieces of lines (an em wide or more) lying under the masthead title's bottom (a fifth of an em of
    slack) and above ``band`` (layout px): its info lines (date, issue number, price), set in fields."""
    return sum(1 for s in segs if s.box.y0 >= title.box.y1 - PARAMS.info_line_slack_em * em and s.box.y1 <= band
               and s.box.width >= PARAMS.info_line_min_em * em)


def _body_under(title: Seg, y: float, segs: list[Seg], em: float) -> bool:
    """Does a column of body lines stand between the title and ``y`` (layout px): more than
    ``masthead_band_max_rows`` lines of body size (under headline type, ``headline_min_em``; two characters long
    or more) stacked one under another (overlapping sideways over half the narrower)?"""
    body = sorted((s.box for s in segs if not s.vertical and title.box.y1 <= s.box.y0 and s.box.y1 <= y
                   and s.box.height <= PARAMS.headline_min_em * em and s.box.width >= PARAMS.masthead_body_min_em * em), key=lambda b: b.y0)
    for i, b in enumerate(body):
        stack = [c for c in body[i:] if min(c.x1, b.x1) - max(c.x0, b.x0) > 0.5 * min(c.width, b.width)]
        if len(stack) > PARAMS.masthead_band_max_rows:
            return True
    return False


def split_title_lines(segs: list[Seg], text: np.ndarray, em: float, band: float) -> list[Seg]:
    """The masthead title's line holds the title's letters, not the tails of a few of them nor the small
    lines those tails touch.  A line of type ``title_min_em`` tall or more (the title's own scale) keeps the
    rows where its big glyphs (ink components taller than a line of headline type, ``headline_max_em``)
    hold at least ``title_core_share`` of their densest row: a Fraktur or Latin title's capitals and
    descenders (Z, g) reach an x-height or more below the rest, down beside the small info lines of the
    masthead; a box round them covers those lines, and where a tail touches one, that line's ink was taken
    into the title's fragment.  The small ink wholly outside those rows becomes lines of its own (smeared
    along rows as the line finder does, touching lines cut apart).  Han titles have no such tails: their
    line stays as it is.  Only lines in the masthead band (above ``band``, layout px) are titles."""
    out: list[Seg] = []
    for s in segs:
        b = s.box
        if s.vertical or b.height < PARAMS.title_min_em * em or b.cy >= band:
            out.append(s)
            continue
        crop = (text[b.y0:b.y1, b.x0:b.x1] > 0).astype(np.uint8)
        n, labels, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
        big = np.zeros(n, bool)
        big[1:] = st[1:, 3] > PARAMS.headline_max_em * em
        if not big.any():
            out.append(s)
            continue
        prof = big[labels].sum(axis=1)
        rows = np.flatnonzero(prof >= PARAMS.title_core_share * prof.max())
        c0, c1 = int(rows[0]), int(rows[-1]) + 1
        if (c0, c1) == (0, b.height):
            out.append(s)
            continue
        out.append(Seg(Box(b.x0, b.y0 + c0, b.x1, b.y0 + c1), core=float(c1 - c0)))
        top, bottom = st[:, 1], st[:, 1] + st[:, 3]
        rest = ~big & ((bottom <= c0) | (top >= c1))
        rest[0] = False
        if not rest.any():
            continue
        mask = np.where(rest[labels], 255, 0).astype(np.uint8)
        found, lab = smear_segments(mask, max(PARAMS.min_kernel_px, int(round(PARAMS.line_smear_em * em))))
        found = split_tall(mask, found, em, lab)
        for f in measure_core(mask, found):
            f.box = Box(f.box.x0 + b.x0, f.box.y0 + b.y0, f.box.x1 + b.x0, f.box.y1 + b.y0)
            f.label = 0
            out.append(f)
    return out


def _headline_sized(title: Seg, segs: list[Seg], em: float, text: np.ndarray | None,
                    factor: float = PARAMS.masthead_over_headline) -> bool:
    """Is ``title`` no bigger than the page's headlines: under ``factor`` (``masthead_over_headline``) times the
    tallest line of headline type (``whitespace.headline_line``) outside its own row?"""
    if text is None:
        return False
    from .whitespace import headline_line
    t = title.box
    heads = [s.box.height for s in segs
             if not (min(s.box.y1, t.y1) - max(s.box.y0, t.y0) > 0 and t.x0 <= s.box.cx <= t.x1)
             and headline_line(text, s.box, em, PARAMS)]
    return bool(heads) and t.height < factor * max(heads)



def band_ears(band: list[Region], title: Seg | None, em: float, rules: list[Rule] = (), frames: list[Box] = ()) -> int:
    """Mark the ears of the masthead band (报眼: a teaser box beside the title, 导读 lines ending in 详见N版) among
    the band's blocks (``band``, grouped by ``blocks.group_loose``; ``title``: ``masthead_title``'s row).  The
    title's group is the title's row and every band block whose span across overlaps it or reaches within
    ``ear_gap_em`` of it, chained (its info lines under it, a slogan beside it); a block under
    ``ear_chain_min_em`` wide (a speck) widens it by nothing.  The other blocks stand apart from the title and
    its lines by white at least ``ear_gap_em`` wide.  Each stack of them that a vertical cut parts from the
    others is an ear when it is boxed (``_boxed``: a frame holds one of its blocks, or a rule runs along the top
    or a side of one within ``ear_rule_pad_em``; the rule under the band does not count: the info lines set
    beside a title stand over it too) and holds a block ``ear_chain_min_em`` wide: typed teaser, ``ear`` its
    index (one teaser article: ``articles.assign_articles``; read after the band by the rows of articles, as a
    framed teaser box is).  By their tops they were read inside the band, between the title and its info lines
    (a box whose frame was not found closed, or holds more lines than ``teaser_max_lines``).  Returns the
    number of ears."""
    if title is None or not band:
        return 0
    from .order import cut_groups
    gap = PARAMS.ear_gap_em * em
    wide = PARAMS.ear_chain_min_em * em
    x0, x1 = title.box.x0, title.box.x1
    rest = list(band)
    grown = True
    while grown:
        grown = False
        for r in list(rest):
            if r.box.width >= wide and r.box.x0 < x1 + gap and r.box.x1 > x0 - gap:
                x0, x1 = min(x0, r.box.x0), max(x1, r.box.x1)
                rest.remove(r)
                grown = True
    rest = [r for r in rest if r.box.x1 <= x0 or r.box.x0 >= x1]       # (a speck over the title's group: its own)
    if not rest:
        return 0
    n = 0
    for group in cut_groups([(r.box, r) for r in rest], 1, 0):
        if not any(b.width >= wide for b, _ in group) \
                or not any(_boxed(b, x0, x1, em, rules, frames) for b, _ in group):
            continue
        for _, r in group:
            r.type = BlockType.TEASER
            r.ear = n
            off = r.box.x0 - x1 if r.box.x0 >= x1 else x0 - r.box.x1
            r.trace.append(f"teaser: an ear of the masthead band, a box {off / em:.1f} em beside the title and its "
                           f"lines (ear_gap_em {PARAMS.ear_gap_em})")
        n += 1
    return n


def _boxed(b: Box, x0: int, x1: int, em: float, rules: list[Rule], frames: list[Box]) -> bool:
    """Is block ``b`` (beside the title's group, which spans ``x0``-``x1``) set in a box: a frame holds its
    centre, or an h rule runs along its top (over half its width, above its middle, its bottom within
    ``ear_rule_pad_em`` of the block's top, reaching nowhere over the title's group: a rule across the page's top
    boxes nothing, and the rule under the band is under the block) or a v
    rule along a side (over half its height, within ``ear_rule_pad_em`` of that side)?"""
    pad = PARAMS.ear_rule_pad_em * em
    if any(f.x0 <= b.cx <= f.x1 and f.y0 <= b.cy <= f.y1 and (f.x1 <= x0 or f.x0 >= x1) for f in frames):
        return True
    for r in rules:
        q = r.box
        if r.orientation == "h":
            if min(q.x1, b.x1) - max(q.x0, b.x0) > b.width / 2 and abs(b.y0 - q.y1) <= pad and q.cy < b.cy \
                    and (q.x1 <= x0 or q.x0 >= x1):
                return True
        elif min(q.y1, b.y1) - max(q.y0, b.y0) > b.height / 2 \
                and (abs(q.x1 - b.x0) <= pad or abs(q.x0 - b.x1) <= pad):
            return True
    return False
