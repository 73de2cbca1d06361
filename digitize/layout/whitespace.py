"""Column gutters found in the page's own whitespace, at the page's own text scale.

A gutter between two columns of text is a strip of paper that is (a) at least a little wider than the
space between two characters of a line, (b) white over several consecutive text lines, and (c) has text on
both sides of it.  Unlike the page's column grid (``columns.py``, which needs one grid for the whole page
and gutters wider than ~0.6 em) this finds narrow gutters (half an em, with or without a hairline rule),
gutters of one article's own columns, and gutters that stop where a spanning headline crosses them
(the whitespace is interrupted there, so the headline is not cut).

The method follows kraken's ``compute_colseps_conv`` and Breuel's whitespace analysis: whitespace that is
tall compared with the text scale separates columns.  All sizes are in units of the body type size ``em``
(layout px) measured on the page, see :class:`~digitize.layout.params.LayoutParams`.
"""
from __future__ import annotations

import logging

import cv2
import numpy as np

from ..geometry import Box
from .lines import valley_cuts
from .params import LayoutParams

log = logging.getLogger(__name__)


def _kernel(w: int, h: int) -> np.ndarray:
    return np.ones((max(1, int(h)), max(1, int(w))), np.uint8)


def _column_beside(ink: np.ndarray, x0: int, x1: int, y0: int, y1: int, em: float, p: LayoutParams) -> bool:
    """Is ``x0:x1`` (rows ``y0:y1``) text all the way across, as a column beside a gutter is?  Every stretch
    of half an em there has ink on a good share of the rows; a gutter or a margin inside it has none."""
    h, w = ink.shape
    if x0 < 0 or x1 > w or x1 <= x0:
        return False
    rows = ink[y0:y1, x0:x1]
    win = max(1, round(0.5 * em))
    inked = cv2.dilate(rows, _kernel(win, 1)).mean(axis=0)    # share of rows with ink within half an em
    return float(inked.min()) >= p.column_min_ink_share


def whitespace_gutters(text: np.ndarray, em: float, p: LayoutParams, top: float = 0) -> list[Box]:
    """Tall narrow white strips with text on both sides (layout px), below row ``top`` (the masthead's
    field gaps are not gutters).  ``text`` is the layout ink mask (255 = ink) without rules and pictures."""
    return _gutters(text, em, p, top, p.gutter_core_share)


def _gutters(text: np.ndarray, em: float, p: LayoutParams, top: float, core_share: float) -> list[Box]:
    h, w = text.shape
    if em <= 0 or h == 0 or w == 0:
        return []
    ink = (text > 0).astype(np.uint8)
    white = 1 - ink
    # (a) white runs along the row at least gutter_min_width wide (inter-character space is narrower)
    wide = cv2.morphologyEx(white, cv2.MORPH_OPEN, _kernel(round(p.gutter_min_width_em * em), 1))
    # (b) ... and white over gutter_min_height of consecutive rows (several text lines); a hyphen, a comma
    # or a speck reaching into the gutter interrupts it for less than gutter_intrusion
    tall_px = max(3, round(p.gutter_min_height_em * em))
    share = cv2.blur(wide.astype(np.float32), (1, tall_px), borderType=cv2.BORDER_CONSTANT)
    run = (share >= 1.0 - p.gutter_intrusion_em / p.gutter_min_height_em - 1e-4).astype(np.uint8)
    tall = cv2.dilate(run, _kernel(1, tall_px)) & wide
    # (c) text on both sides within gutter_reach; text rows are widened over the leading between lines
    reach = max(2, round(p.gutter_reach_em * em))
    rows = cv2.dilate(ink, _kernel(1, round(p.line_leading_em * em) | 1))
    left = cv2.dilate(rows, _kernel(reach, 1), anchor=(reach - 1, 0))
    right = cv2.dilate(rows, _kernel(reach, 1), anchor=(0, 0))
    flanked = tall & left & right
    if top > 0:
        flanked[:min(h, int(top))] = 0
    # a gutter holds together over a paragraph's short last line (no text on one side for a row or two)
    flanked = cv2.morphologyEx(flanked, cv2.MORPH_CLOSE, _kernel(1, round(p.gutter_bridge_em * em)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(flanked, connectivity=8)
    out: list[Box] = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if bh < tall_px:
            continue
        # the strip's core: the columns white on most of its rows (its box may bulge at a paragraph end)
        comp = labels[y:y + bh, x:x + bw] == i
        share = comp.sum(axis=0) / float(bh)
        core = np.flatnonzero(share >= core_share)
        if len(core) == 0:
            continue
        x0, x1 = x + int(core[0]), x + int(core[-1]) + 1
        if x1 - x0 < p.gutter_min_width_em * em:
            continue                                   # white of different widths staggered down the lines
        if x1 - x0 > p.gutter_max_width_em * em:
            continue                                   # a wide white area, not a gutter between columns
        if not (_column_beside(ink, x0 - round(p.column_min_width_em * em), x0, y, y + bh, em, p)
                and _column_beside(ink, x1, x1 + round(p.column_min_width_em * em), y, y + bh, em, p)):
            continue                                   # white down a column of text (一, ，, 上 in a row)
        out.append(Box(x0, y, x1, y + bh))
    log.debug("whitespace gutters: %d (em %.1f px): %s", len(out), em, [(b.x0, b.y0, b.x1, b.y1) for b in out][:20])
    return out


def stop_at_headlines(gutters: list[Box], lines: list[Box], em: float, p: LayoutParams) -> list[Box]:
    """Gutters cut where a line of headline type (``lines``: its fragments) runs across them: fragments
    of one row reaching within an em of the gutter from both sides (the white between two of its big
    characters is not a gutter).  Pieces shorter than a gutter's minimum height are dropped."""
    out: list[Box] = []
    for g in gutters:
        left = [b for b in lines if b.x0 < g.x0 and b.x1 >= g.x0 - em]
        right = [b for b in lines if b.x1 > g.x1 and b.x0 <= g.x1 + em]
        rows = [(min(a.y0, b.y0), max(a.y1, b.y1)) for a in left for b in right
                if min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * min(a.height, b.height)]
        pieces = [g]
        for y0, y1 in rows:
            nxt = []
            for q in pieces:
                if y1 <= q.y0 or y0 >= q.y1:
                    nxt.append(q)
                    continue
                nxt += [r for r in (Box(q.x0, q.y0, q.x1, y0), Box(q.x0, y1, q.x1, q.y1)) if r.height > 0]
            pieces = nxt
        out += [q for q in pieces if q.height >= p.gutter_min_height_em * em]
    return out


def headline_line(text: np.ndarray, box: Box, em: float, p: LayoutParams) -> bool:
    """Is this fragment one line of headline type: between ``p.headline_min_em`` and ``p.headline_max_em``
    tall, its dense core (rows holding a fifth of its densest row's ink: a Latin line's x-height, not its
    ascenders) at least ``p.headline_min_em`` tall, not lines touching one another (which
    ``lines.valley_cuts`` would cut), and made of big glyphs: its typical mark (the median height of marks
    taller than a third of an em) at least ``p.headline_glyph_em`` (two body lines run together by skew or
    blur are as tall as a headline, but their letters are body-sized)?"""
    if not p.headline_min_em * em <= box.height <= p.headline_max_em * em:
        return False
    crop = (text[box.y0:box.y1, box.x0:box.x1] > 0).astype(np.uint8)
    prof = crop.sum(axis=1)
    if prof.size == 0 or prof.max() == 0:
        return False
    dense = np.flatnonzero(prof >= 0.2 * prof.max())
    if dense[-1] - dense[0] + 1 < p.headline_min_em * em:
        return False
    if len(valley_cuts(prof, prof <= max(1, 0.06 * prof.max()), em)) != 2:
        return False
    n, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    heights = st[1:, 3][st[1:, 3] >= em / 3]
    return heights.size == 0 or float(np.median(heights)) >= p.headline_glyph_em * em
