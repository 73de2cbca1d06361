"""Block types from type size and position: headline, subhead, byline, body (captions, teasers, masthead are set earlier)."""
from __future__ import annotations

import cv2
import numpy as np

from ..geometry import Box
from ..model import BlockType
from .articles import headline_spans
from .blocks import inside_frame
from .columns import columns_of
from .lines import body_type
from .regions import Region, Seg, centred, ink_height, x_overlap, y_overlap
from .params import DEFAULT as PARAMS
from .separators import Rule


def stroke_width(text: np.ndarray, r: Region) -> float:
    """Mean horizontal ink run length inside the region's lines: bold faces have wider strokes."""
    ink = runs = 0
    for ln in r.lines:
        b = ln.box
        crop = text[b.y0:b.y1, b.x0:b.x1] > 0
        ink += int(crop.sum())
        runs += int(np.count_nonzero(crop[:, 1:] & ~crop[:, :-1]) + np.count_nonzero(crop[:, 0]))
    return ink / runs if runs else 0.0


def scan_stroke_width(work: np.ndarray, r: Region, scale: float, lines: int = 0) -> float:
    """:func:`stroke_width` at the scan's resolution: ``work`` is the working (gray) image, ``scale`` its
    pixels per layout pixel; each line (the first ``lines`` when given) is binarized on its own (Otsu)."""
    ink = runs = 0
    for ln in (r.lines[:lines] if lines else r.lines):
        b = ln.box
        crop = work[int(b.y0 * scale):int(b.y1 * scale), int(b.x0 * scale):int(b.x1 * scale)]
        if crop.size == 0:
            continue
        _, m = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
        m = m.astype(bool)
        ink += int(m.sum())
        runs += int(np.count_nonzero(m[:, 1:] & ~m[:, :-1]) + np.count_nonzero(m[:, 0]))
    return ink / runs if runs else 0.0


def _bold(text: list[Region], em: float, text_mask: np.ndarray, work: np.ndarray | None) -> dict[int, bool]:
    """Which of the blocks ``text`` that could be bold headlines (params.headline_bold_*) are set bold: their
    stroke width against the body's (blocks of body size of three lines and more), at the scan's resolution
    when the working image ``work`` is given (params.headline_bold_stroke), else at the layout's."""
    def body(r: Region) -> bool:
        return PARAMS.body_type_lo * em <= r.font <= PARAMS.body_type_hi * em and len(r.lines) >= PARAMS.pitch_min_lines
    cands = [r for r in text if not r.vertical and len(r.lines) <= PARAMS.headline_bold_max_lines]
    if work is not None and work.ndim == 2 and text_mask.shape[1] > 0:
        scale = work.shape[1] / text_mask.shape[1]
        ref = [scan_stroke_width(work, r, scale, PARAMS.headline_bold_ref_lines) for r in text if body(r)]
        bound = PARAMS.headline_bold_stroke
        sw = {id(r): scan_stroke_width(work, r, scale) for r in cands}
    else:
        ref = [stroke_width(text_mask, r) for r in text if body(r)]
        bound = PARAMS.headline_bold_stroke_coarse
        sw = {id(r): stroke_width(text_mask, r) for r in cands}
    ref = [v for v in ref if v > 0]
    med = float(np.median(ref)) if ref else 0.0
    return {k: med > 0 and v >= bound * med for k, v in sw.items()}


def rejoin_continuations(regions: list[Region], heads: list[Region], em: float, cols: list[tuple[int, int]],
                         spans: dict[int, tuple[int, int]]) -> list[Region]:
    """The end of a paragraph carried over to the top of a later column of an article (a few unindented
    lines, all but the last full) is body, not a byline or subhead: put it back on top of the body below."""
    out = list(regions)
    for r in regions:
        if r.type != BlockType.BODY or len(r.lines) > PARAMS.carried_max_lines or r.column is None:
            continue
        c = r.column
        c0, c1 = cols[c]
        if any(ln.box.x0 - c0 >= PARAMS.carried_indent_em * em for ln in r.lines) \
                or any(ln.box.x1 < c1 - PARAMS.carried_short_em * em for ln in r.lines[:-1]):
            continue
        if any(ln.fields >= PARAMS.credit_min_fields and (ln.box.x0 < c0 - PARAMS.credit_overhang_em * em
                                                          or ln.box.x1 > c1 + PARAMS.credit_overhang_em * em)
               for ln in r.lines):
            continue                # a credit line (byline) set over the columns is no paragraph's end
        above = [h for h in heads if h.box.y1 <= r.box.y0 + PARAMS.head_above_slack_em * em
                 and r.box.y0 - h.box.y1 <= PARAMS.head_above_reach_em * em
                 and spans[id(h)][0] <= c <= spans[id(h)][1]]
        if not above:
            continue
        h = max(above, key=lambda h: h.box.y1)
        if c == spans[id(h)][0]:
            continue
        # (not onto a centred line or two under it: a byline, credit or subhead starts no paragraph's end)
        below = [b for b in out if b is not r and b.type == BlockType.BODY and b.column == c
                 and 0 <= b.box.y0 - r.box.y1 <= PARAMS.carried_gap_lines * max(em, r.font)
                 and not (len(b.lines) <= 2 and all(centred(ln.box.x0, ln.box.x1, c0, c1, em) for ln in b.lines))]
        if below:
            b = below[0]
            b.lines = r.lines + b.lines
            b.box = b.box.union(r.box)
            b.trace.append(f"merged: {len(r.lines)} line(s) above it are a paragraph's end carried over to this column")
            out.remove(r)
    return out


def is_paragraph_tail(r: Region, text: list[Region], em: float) -> bool:
    """A lone line of at most three characters with body text of its column right above and right below
    it (a line gap or less) ends a paragraph: no headline is that short and wedged inside a column."""
    if len(r.lines) != 1 or r.box.width > PARAMS.tail_max_em * em:
        return False
    near = [b for b in text if b is not r and b.type == BlockType.BODY and len(b.lines) >= 2
            and x_overlap(b.box, r.box) > 0.5 * r.box.width]
    lo, hi = -PARAMS.tail_overlap_em * em, PARAMS.tail_gap_em * em
    above = any(lo <= r.box.y0 - b.box.y1 <= hi and b.box.x0 <= r.box.x0 + PARAMS.tail_left_slack_em * em
                for b in near)
    below = any(lo <= b.box.y0 - r.box.y1 <= hi and b.box.x0 <= r.box.x0 + PARAMS.tail_left_slack_em * em
                for b in near)
    return above and below


def is_swollen_body_line(r: Region, text: list[Region]) -> bool:
    """Is ``r`` one line whose box touches or reaches into a body line right above it and one right below it
    in its column, no white row between (params.swollen_line_column_share): a body line swollen by its
    neighbours' ink, not a headline (a headline is set apart from the text around it)."""
    if len(r.lines) != 1:
        return False
    b = r.lines[0].box
    near = _column_body_lines(r, text, b)
    return any(n.y0 < b.y0 <= n.y1 for n in near) and any(n.y0 <= b.y1 < n.y1 for n in near)


def _column_body_lines(r: Region, text: list[Region], b: Box) -> list[Box]:
    """The boxes of the horizontal body lines of the blocks of ``text`` other than ``r`` that stand in the
    column of box ``b``: overlapping it across by over params.swollen_line_column_share of the narrower."""
    share = PARAMS.swollen_line_column_share
    return [ln.box for o in text if o is not r and o.type == BlockType.BODY and not o.vertical for ln in o.lines
            if x_overlap(ln.box, b) > share * min(ln.box.width, b.width)]


def body_leading(text: list[Region]) -> float:
    """The body's own leading: the median white (layout px) between consecutive lines of the horizontal
    body blocks of three lines or more (0 when there are none)."""
    gaps = [b.box.y0 - a.box.y1 for r in text if r.type == BlockType.BODY and not r.vertical
            and len(r.lines) >= PARAMS.pitch_min_lines
            for a, b in zip(r.lines, r.lines[1:])]
    return max(0.0, float(np.median(gaps))) if gaps else 0.0


def body_ink(r: Region, text_mask: np.ndarray, em: float) -> bool:
    """Is the ink of ``r`` (a block of a stack, ``body_run_stacks``) that of body lines, not of headline type:
    body type (``lines.body_type``: most of it in components no taller than a body line), or no headline
    glyphs: under params.run_glyph_ink_share of it (by area) in components at least
    params.run_glyph_line_share of their line's height tall.  A headline's characters fill the height of
    their line (film grain joins their strokes into components that do); body lines that grain joined into
    one tall "line" are components of a body line's height and grain bridging two or three of them, none
    near the height of the "line"."""
    b = r.box
    if body_type(text_mask[b.y0:b.y1, b.x0:b.x1] > 0, em):
        return True
    glyph = total = 0.0
    for ln in r.lines:
        q = ln.box
        n, _, st, _ = cv2.connectedComponentsWithStats((text_mask[q.y0:q.y1, q.x0:q.x1] > 0).astype(np.uint8),
                                                       connectivity=8)
        h, area = st[1:, 3], st[1:, 4].astype(float)
        glyph += float(area[h >= PARAMS.run_glyph_line_share * q.height].sum())
        total += float(area.sum())
    return total > 0 and glyph < PARAMS.run_glyph_ink_share * total


def is_set_in_body_run(r: Region, text: list[Region], leading: float, text_mask: np.ndarray, em: float) -> bool:
    """Is ``r`` (any number of lines) set inside a column's run of body text: a body line of its column right
    above its first line and one right below its last line, each within ``leading`` times
    params.body_run_leading (or reaching into it; a pixel of slack at a small em, params.slack: a leading of
    2 px is measured to the whole pixel), and its ink body type (``lines.body_type``)?  Body lines
    joined by grain into a tall "line", not a headline: a headline is set apart by more white than the
    body's leading, and its glyphs are taller than a body line."""
    if r.vertical or not r.lines:
        return False
    reach = PARAMS.body_run_leading * leading + PARAMS.slack(em)     # (to the whole pixel: params.slack)
    if not _between_body_lines(r, r, text, reach):
        return False
    b = r.box
    return body_type(text_mask[b.y0:b.y1, b.x0:b.x1] > 0, em)


def _between_body_lines(top: Region, bottom: Region, text: list[Region], reach: float) -> bool:
    """Is there a body line of their column right above ``top``'s first line and one right below ``bottom``'s
    last line, each within ``reach`` px of it or reaching into it (``top`` is ``bottom`` for one block)?"""
    first, last = top.lines[0].box, bottom.lines[-1].box
    return any(n.y0 < first.y0 <= n.y1 + reach for n in _column_body_lines(top, text, first)) \
        and any(n.y0 - reach <= last.y1 < n.y1 for n in _column_body_lines(bottom, text, last))


def body_run_stacks(text: list[Region], leading: float, text_mask: np.ndarray, em: float) -> list[list[Region]]:
    """Stacks of two or more horizontal blocks typed headline, each starting within ``leading`` times
    params.body_run_leading (a pixel of slack at a small em, params.slack) under the last line of the one above
    it in its column (overlapping it across by over params.swollen_line_column_share of the narrower), that
    sit in a column's run of body text as one (``is_set_in_body_run`` for the stack: a body line of its column
    right above the first block's first line and one right below the last block's last line, within the same
    reach) and whose ink is that of body lines, every block's (``body_ink``).  Grain joins the body lines of a
    column into tall "lines" one after the other; each such block's neighbour above or below is the next
    one, not body, and ``is_set_in_body_run`` does not see it (microfilm 22 ml_003: a 4.2 em and a 10.6 em
    "line" stacked in a column's body started an article that took the column's body under them)."""
    reach = PARAMS.body_run_leading * leading + PARAMS.slack(em)
    share = PARAMS.swollen_line_column_share
    heads = [r for r in text if r.type == BlockType.HEADLINE and not r.vertical and r.lines]

    def under(a: Region) -> Region | None:
        last = a.lines[-1].box
        below = [b for b in heads if b is not a and last.y0 < b.lines[0].box.y0 <= last.y1 + reach
                 and x_overlap(a.box, b.box) > share * min(a.box.width, b.box.width)]
        return min(below, key=lambda b: b.lines[0].box.y0) if below else None

    followers = {id(b) for a in heads for b in [under(a)] if b is not None}
    out = []
    for r in heads:
        if id(r) in followers:
            continue                    # (not the top of a stack)
        stack = [r]
        while (n := under(stack[-1])) is not None and n not in stack:
            stack.append(n)
        if len(stack) < 2:
            continue
        if _between_body_lines(stack[0], stack[-1], text, reach) and all(body_ink(b, text_mask, em) for b in stack):
            out.append(stack)
    return out


def headline_pieces(heads: list[Region], text_mask: np.ndarray, em: float, rules: list[Rule] = (),
                    frames: list[Box] = ()) -> list[tuple[Region, Region]]:
    """Pairs (left, right) of horizontal blocks typed headline that are pieces of one line of headline type cut
    at a column gutter: a line of each, set in one type (inked heights, ``regions.ink_height``, within
    params.headline_piece_size_share of each other; a line of headline type, at most params.headline_max_em
    tall: a photo's dither read as "lines" tens of ems tall is none, microfilm 25 md2_003), level (tops and feet within
    params.headline_piece_level_share of that height), the right one starting at most
    params.headline_piece_gap_share of that height after the left one ends (one character's spacing; two
    headlines over neighbouring columns stand a gutter and more apart), no vertical rule between them that
    reaches more than params.headline_piece_rule_reach of that height above or below the line (a column
    rule; a mark no longer than the line's own height, a colon's dots or a scratch joined into a short
    "rule", cut microfilm 34 mq_001's headline), not one inside a boxed article (``frames``) and the other
    outside it or in another (a box's side parts them: microfilm 45 mg2_000, a headline's left piece and
    the column under it inside a frame).  Each
    right piece is paired with its nearest left piece only."""
    out: dict[int, tuple[float, Region, Region]] = {}
    inked: dict[int, int] = {}

    def frame_of(b: Box) -> int | None:
        return next((i for i, f in enumerate(frames) if inside_frame(b, f)), None)

    def height(ln: Seg) -> int:
        if id(ln) not in inked:
            inked[id(ln)] = ink_height(text_mask, ln.box)
        return inked[id(ln)]

    for a in heads:
        for b in heads:
            if a is b or a.in_frame != b.in_frame or b.box.x0 <= a.box.x0 \
                    or frame_of(a.box) != frame_of(b.box):
                continue
            for la in a.lines:
                for lb in b.lines:
                    p, q = la.box, lb.box
                    gap = q.x0 - p.x1
                    if gap < -1 or gap > PARAMS.headline_piece_gap_share * max(p.height, q.height) \
                            or y_overlap(p, q) <= 0:
                        continue                # (boxes hold their ink: the ink's height is no more)
                    ha, hb = height(la), height(lb)
                    h = max(ha, hb)
                    if h <= 0 or h > PARAMS.headline_max_em * em \
                            or min(ha, hb) < PARAMS.headline_piece_size_share * h \
                            or not -1 <= gap <= PARAMS.headline_piece_gap_share * h \
                            or abs(q.y0 - p.y0) > PARAMS.headline_piece_level_share * h \
                            or abs(q.y1 - p.y1) > PARAMS.headline_piece_level_share * h:
                        continue
                    if any(r.orientation == "v" and p.x1 - 1 <= r.box.cx <= q.x0 + 1
                           and min(r.box.y1, p.y1) - max(r.box.y0, p.y0) > 0
                           and (r.box.y0 < p.y0 - PARAMS.headline_piece_rule_reach * h
                                or r.box.y1 > p.y1 + PARAMS.headline_piece_rule_reach * h) for r in rules):
                        continue                # (a column rule between two headlines runs on down the columns)
                    if id(b) not in out or gap < out[id(b)][0]:
                        out[id(b)] = (gap, a, b)
    return [(a, b) for _, a, b in out.values()]


def join_headline_pieces(regions: list[Region], heads: list[Region], text_mask: np.ndarray, em: float,
                         rules: list[Rule] = (), frames: list[Box] = ()) -> list[Region]:
    """Join the pieces of one headline line cut at a column gutter (``headline_pieces``) into one block: the
    level lines of the two joined into one line, the rest of their lines kept; returns ``regions`` without
    the right pieces."""
    gone: set[int] = set()
    keep: dict[int, Region] = {}
    for a, b in sorted(headline_pieces(heads, text_mask, em, rules, frames), key=lambda t: t[0].box.x0):
        while id(a) in keep:
            a = keep[id(a)]
        if a is b or id(b) in gone:
            continue
        lines = list(a.lines)
        for lb in b.lines:
            k = next((i for i, la in enumerate(lines)
                      if y_overlap(la.box, lb.box) > 0.5 * min(la.box.height, lb.box.height)), None)
            if k is None:
                lines.append(lb)
            else:
                la = lines[k]
                lines[k] = Seg(la.box.union(lb.box), la.vertical, max(la.core, lb.core), fields=la.fields + lb.fields)
        a.lines = sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0))
        a.box = a.box.union(b.box)
        a.font = max(a.font, b.font)
        a.trace.append(f"headline: joined with the piece of its line right of it (layout px x={b.box.x0}-{b.box.x1}): "
                       "one line of headline type cut at a column gutter")
        gone.add(id(b))
        keep[id(b)] = a
    return [r for r in regions if id(r) not in gone]


def _centred(r: Region, cols: list[tuple[int, int]], em: float) -> bool:
    """Is ``r`` set centred in its grid column(s)?"""
    c = columns_of(r.box, cols, em)
    return c[0] >= 0 and centred(r.box.x0, r.box.x1, cols[c[0]][0], cols[c[1]][1], em)


def classify(regions: list[Region], em: float, cols: list[tuple[int, int]], text_mask: np.ndarray,
             rules: list[Rule] = (), work: np.ndarray | None = None, body_run: bool = False,
             frames: list[Box] = ()) -> list[Region]:
    """Set ``type`` on the body-area text regions: headlines by size (or size and boldness), then subheads
    and bylines between a headline and its body.  ``work``: the scan's working image (gray, the layout's
    geometry at a finer scale) where boldness is measured.  Returns the regions (continuation lines merged
    back).  ``body_run``: a block of headline size set inside a column's body text whose glyphs are body size
    is body (``is_set_in_body_run``; settings.layout.grain_joined_lines, the microfilm profile).  ``frames``:
    the boxed articles' frames (a headline's pieces on both sides of a frame's side stay apart)."""
    text = [r for r in regions if r.type == BlockType.BODY]
    bolds = _bold(text, em, text_mask, work)
    flat = [ln for r in text for ln in r.lines if ln.box.width >= PARAMS.em_flat_aspect * ln.box.height]
    em_box = float(np.median([ln.box.height for ln in flat])) if flat else em
    em_ink = float(np.median([ink_height(text_mask, ln.box) for ln in flat])) if flat else em
    for r in text:
        if r.vertical:
            continue
        bold = bolds.get(id(r), False)
        # the dense core understates big bold type a little: also compare line boxes with body line boxes
        # (the block's inked rows, regions.ink_height, against the body's boxes: specks in the block's boxes do
        # not make it big); where the block's inked rows agree with its core (true type, not a slanted or
        # merged line), like with like too, boxes with boxes and inked rows with inked rows, the smaller: film
        # grain in the body's boxes does not make it small (params.line_speck_row_share)
        cap = PARAMS.headline_box_over_core * r.font
        inked = float(np.median([ink_height(text_mask, ln.box) for ln in r.lines]))
        boxed = inked / em_box
        if inked <= cap:
            boxed = max(boxed, min(float(np.median([ln.box.height for ln in r.lines])) / em_box, inked / em_ink))
        # (measured to the whole pixel: one pixel in the block's favour at a small em, params.slack)
        size = max(r.font / em, min(boxed, cap / em)) - PARAMS.slack(em) / em
        big = size >= PARAMS.headline_size_em
        if big or (size >= PARAMS.headline_bold_size_em and bold and len(r.lines) <= PARAMS.headline_bold_max_lines):
            r.type = BlockType.HEADLINE
            r.trace.append(f"headline: type {size:.2f} em" + (" and bold" if not big else
                                                              f" (>= {PARAMS.headline_size_em} em)"))
    for r in text:                  # a paragraph's short last line is not a headline
        if r.type == BlockType.HEADLINE and is_paragraph_tail(r, text, em):
            r.type = BlockType.BODY
            r.trace.append("body: a paragraph's short last line between body lines, not a headline")
    for r in text:                  # nor a body line swollen by its neighbours' ink
        if r.type == BlockType.HEADLINE and is_swollen_body_line(r, text):
            r.type = BlockType.BODY
            r.trace.append("body: one line touching the body lines above and below it in its column (a body "
                           "line swollen by grain, a scratch or its neighbours' ink), not a headline")
    leading = body_leading(text) if body_run else 0.0
    for r in text if body_run else ():                  # nor body lines joined by grain inside a column's run of body text
        if r.type == BlockType.HEADLINE and is_set_in_body_run(r, text, leading, text_mask, em):
            r.type = BlockType.BODY
            r.trace.append(f"body: set inside its column's body text (body lines right above and below within "
                           f"the body's leading, {leading:.0f} px) and its ink body type: body lines joined by "
                           "grain or a scratch, not a headline")
    for stack in body_run_stacks(text, leading, text_mask, em) if body_run else ():
        for r in stack:                 # nor a stack of such blocks, one right under the other
            r.type = BlockType.BODY
            r.trace.append(f"body: one of {len(stack)} blocks of headline size stacked in its column's body text "
                           f"(each within the body's leading, {leading:.0f} px, of the next; body lines right above "
                           "the first and below the last) and its ink that of body lines: lines joined by grain, not a "
                           "headline")
    heads = [r for r in text if r.type == BlockType.HEADLINE and not r.vertical]
    regions = join_headline_pieces(regions, heads, text_mask, em, rules, frames)     # one line cut at a gutter
    kept = {id(r) for r in regions}
    text = [r for r in text if id(r) in kept]
    heads = [r for r in text if r.type == BlockType.HEADLINE]
    for r in heads:                 # a smaller headline-like line right under a headline is its subhead
        if any(h is not r and -PARAMS.subhead_overlap_em * em <= r.box.y0 - h.box.y1 <= PARAMS.subhead_gap_em * em
               and x_overlap(h.box, r.box) > 0 and r.font < PARAMS.subhead_type_share * h.font for h in heads):
            r.type = BlockType.SUBHEAD
            r.trace.append("subhead: smaller headline type right under a headline")
    heads = [r for r in heads if r.type == BlockType.HEADLINE]
    spans = headline_spans(heads, cols, list(rules), em, regions)
    regions = rejoin_continuations(regions, heads, em, cols, spans)
    text = [r for r in text if r in regions]
    between: dict[int, list[Region]] = {}
    for r in text:
        if r.type not in (BlockType.BODY, BlockType.SUBHEAD) or r.vertical:
            continue
        rc = columns_of(r.box, cols, em)
        above = [h for h in heads if h.box.y1 <= r.box.y0 + PARAMS.head_above_slack_em * em
                 and r.box.y0 - h.box.y1 <= PARAMS.head_above_reach_em * em
                 and (x_overlap(h.box, r.box) > -PARAMS.head_above_side_em * em
                      or (rc[0] >= 0 and spans[id(h)][0] <= rc[0] and rc[1] <= spans[id(h)][1]))]
        if not above or len(r.lines) > PARAMS.head_group_max_lines:
            continue
        full = r.cols[0] >= 0 and len(r.lines) > 1 and \
            all(ln.box.width > PARAMS.full_line_share * (cols[r.cols[0]][1] - cols[r.cols[0]][0]) for ln in r.lines[:-1])
        if full:
            continue
        # between a headline and the body: a subhead (centred / larger) or a byline (left, body size or smaller)
        r.type = BlockType.SUBHEAD
        r.trace.append("subhead: at most 3 short lines between a headline and its body")
        h = max(above, key=lambda h: h.box.y1)
        between.setdefault(id(h), []).append(r)
    for group in between.values():
        lefts = [r for r in group if len(r.lines) <= 2 and r.font <= PARAMS.byline_max_type_em * em
                 and any(abs(c[0] - r.box.x0) < PARAMS.byline_flush_em * em for c in cols)]
        if lefts:
            low = max(lefts, key=lambda r: r.box.y0)
            if low.font <= PARAMS.byline_small_type_em * em or low is max(group, key=lambda r: r.box.y0):
                low.type = BlockType.BYLINE
                low.trace.append("byline: flush-left short line(s) of body size or smaller, last before the body")
        for r in group:             # a centred byline: body size, right above the body text of its column
            if r.type == BlockType.SUBHEAD and len(r.lines) <= 2 and r.font <= PARAMS.centred_byline_type_em * em \
                    and _centred(r, cols, em) \
                    and any(b.type == BlockType.BODY and 0 <= b.box.y0 - r.box.y1 <= PARAMS.byline_body_gap_em * em
                            and x_overlap(b.box, r.box) >= PARAMS.byline_over_body * r.box.width for b in text):
                r.type = BlockType.BYLINE
                r.trace.append("byline: a centred short line of body size right above the body text")
    for group in between.values():   # full-width lines between a headline and its byline (flush left with
        # it, or over a centred one) are a subhead
        for by in [g for g in group if g.type == BlockType.BYLINE]:
            for r in text:
                if r.type == BlockType.BODY and not r.vertical and len(r.lines) <= PARAMS.head_group_max_lines \
                        and r not in group \
                        and 0 <= by.box.y0 - r.box.y1 <= PARAMS.byline_body_gap_em * em \
                        and (abs(r.box.x0 - by.box.x0) <= PARAMS.byline_flush_em * em or _centred(by, cols, em)) \
                        and any(-PARAMS.subhead_full_overlap_em * em <= r.box.y0 - h.box.y1 <= PARAMS.subhead_gap_em * em
                                and x_overlap(h.box, r.box) > 0 for h in heads):
                    r.type = BlockType.SUBHEAD
                    r.trace.append("subhead: full-width lines between a headline and its byline")
    return regions
