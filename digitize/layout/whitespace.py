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
from .regions import runs
from .vertical import columns_in

log = logging.getLogger(__name__)


def _kernel(w: int, h: int) -> np.ndarray:
    return np.ones((max(1, int(h)), max(1, int(w))), np.uint8)


def _column_beside(ink: np.ndarray, x0: int, x1: int, y0: int, y1: int, em: float, p: LayoutParams,
                   whole: bool = False) -> bool:
    """Is ``x0:x1`` (rows ``y0:y1``) text all the way across, as a column beside a gutter is?  Every stretch
    of half an em there has ink on a good share of the rows; a gutter or a margin inside it has none.
    The stretches are centred on each pixel column of ``x0:x1``, so the first and the last reach half out of
    it and see only a quarter em of it.  ``whole``: only stretches lying wholly inside ``x0:x1`` count
    (:func:`_strip`: a long gutter off the page's grid)."""
    h, w = ink.shape
    if x0 < 0 or x1 > w or x1 <= x0:
        return False
    rows = ink[y0:y1, x0:x1]
    win = max(1, round(p.column_stretch_em * em))
    inked = cv2.dilate(rows, _kernel(win, 1)).mean(axis=0)    # share of rows with ink within half an em
    if whole:       # (the kernel's anchor is its middle: column j sees j - win // 2 ... j + (win - 1) // 2)
        inside = inked[win // 2: len(inked) - (win - 1) // 2]
        inked = inside if inside.size else inked
    return float(inked.min()) >= p.column_min_ink_share


def whitespace_gutters(text: np.ndarray, em: float, p: LayoutParams, top: float = 0, listings: bool = True,
                       grid: list[tuple[int, int]] | None = None, across: bool = True) -> list[Box]:
    """Tall narrow white strips with text on both sides (layout px), below row ``top`` (the masthead's
    field gaps are not gutters).  ``text`` is the layout ink mask (255 = ink) without rules and pictures.
    ``listings``: a strip beside a listing's column counts too (:func:`_strip`); off on a vertical page laid
    out turned (layout.analyse's ``turned``), which has no listings (``find_listings`` is skipped there) and
    whose turned columns of characters are no horizontal text's lines: the listing test made gutters in the
    white beside a turned column's short ends (vertical dev vt_002).  ``grid``: the gutters (x0, x1) of the
    page's column grid; given, a long strip off them is judged more leniently (:func:`_strip`); None on a
    vertical page laid out turned.  ``across``: a strip white only between lines set across it is dropped
    (:func:`_lines_across`); off on film and on a vertical page laid out turned (layout.analyse)."""
    return _gutters(text, em, p, top, p.gutter_core_share, listings, grid, across)


def _gutters(text: np.ndarray, em: float, p: LayoutParams, top: float, core_share: float, listings: bool = True,
             grid: list[tuple[int, int]] | None = None, across_lines: bool = True) -> list[Box]:
    h, w = text.shape
    if em <= 0 or h == 0 or w == 0:
        return []
    ink = (text > 0).astype(np.uint8)
    white = 1 - ink
    # (a) white runs along the row at least gutter_min_width wide (inter-character space is narrower)
    wide = cv2.morphologyEx(white, cv2.MORPH_OPEN, _kernel(round(p.gutter_min_width_em * em), 1))
    # (b) ... and white over gutter_min_height of consecutive rows (several text lines); a hyphen, a comma
    # or a speck reaching into the gutter interrupts it for less than gutter_intrusion
    tall_px = max(p.min_kernel_px, round(p.gutter_min_height_em * em))
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
    for i in np.flatnonzero(stats[1:, 3] >= tall_px) + 1:      # (the first test below, at once)
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if bh < tall_px:
            continue
        comp = labels[y:y + bh, x:x + bw] == i
        found = _strip(ink, comp, x, y, em, p, core_share, listings=listings, grid=grid)
        if found is not None:
            out.append(found)
            continue
        cores = _core_runs(ink, comp, x, y, tall_px, em, p, core_share, listings, grid)
        out += cores + [s for s in _spines(ink, comp, x, y, tall_px, em, p, core_share, listings, grid)
                        if not any(min(s.x1, r.x1) > max(s.x0, r.x0) for r in cores)]
    rivers = [g for g in out if _level(ink, g, em, p) and (_crossed(ink, g, em, p, above=True)
              + _crossed(ink, g, em, p, above=False)) >= (1 if g.height < p.river_short_em * em else 2)]
    if rivers:
        log.debug("whitespace gutters: %d rivers inside paragraphs dropped: %s", len(rivers),
                  [(b.x0, b.y0, b.x1, b.y1) for b in rivers])
        out = [g for g in out if g not in rivers]
    across = [g for g in out if across_lines and _lines_across(ink, g, em, p)]
    if across:
        log.debug("whitespace gutters: %d white between characters of lines set across dropped: %s", len(across),
                  [(b.x0, b.y0, b.x1, b.y1) for b in across])
        out = [g for g in out if g not in across]
    log.debug("whitespace gutters: %d (em %.1f px): %s", len(out), em, [(b.x0, b.y0, b.x1, b.y1) for b in out][:20])
    return out


def _level(ink: np.ndarray, g: Box, em: float, p: LayoutParams, share: float | None = None) -> bool:
    """Are the lines on both sides of gutter ``g`` the same rows (a paragraph's lines on both sides of a
    river are one set of lines): of the rows inked within ``river_side_em`` on either side, at least
    ``share`` (default ``river_level_share``) are inked on both."""
    share = p.river_level_share if share is None else share
    side = round(p.river_side_em * em)
    y0, y1 = int(g.y0), int(g.y1)
    left = ink[y0:y1, max(0, int(g.x0) - side):int(g.x0)].any(axis=1)
    right = ink[y0:y1, int(g.x1):int(g.x1) + side].any(axis=1)
    either = int((left | right).sum())
    return either > 0 and (left & right).sum() >= share * either


def _lines_across(ink: np.ndarray, g: Box, em: float, p: LayoutParams) -> bool:
    """Is gutter ``g`` white only between lines set across it: lines of body type (``river_line_min_em`` to
    ``headline_min_em`` tall) with text on both sides within ``column_min_width_em`` whose own white at the
    strip, over the line's whole height, is under ``river_line_white_em`` (the white between two of the
    line's characters, lined up down the lines by chance: in justified CJK text every character's cell is
    one em), ``river_lines_across`` of them at least, cut it into pieces all shorter than
    ``gutter_min_height_em``?  (One line across is as often a real gutter's end: a spanning line that the
    finder's window bridged.)  A gutter's white is as wide in
    each line beside it as the gutter itself; a white run that the finder joined from a few lines' wide
    white (closing marks, spaced numerals, a paragraph's end, the strip beside a picture's caption) across
    the lines between them is not (browser 89 ec_002: a 0.38 em run under a picture's side through the full
    lines of its article halved them)."""
    h, w = ink.shape
    side = round(p.column_min_width_em * em)
    x0, x1, y0, y1 = int(g.x0), int(g.x1), int(g.y0), int(g.y1)
    a, b = max(0, x0 - side), min(w, x1 + side)
    band = ink[y0:y1, a:b] > 0
    longest, top, crossed = 0, 0, 0
    for r0, r1 in runs(band.any(axis=1)):
        if not p.river_line_min_em * em <= r1 - r0 < p.headline_min_em * em:
            continue
        inked = band[r0:r1].any(axis=0)
        if not (inked[:x0 - a].any() and inked[x1 - a:].any()):
            continue                         # no text on one side: a paragraph's end, not a line across
        white = max((e - s for s, e in runs(~inked) if s < x1 - a and e > x0 - a), default=0)
        if white < p.river_line_white_em * em:
            longest, top, crossed = max(longest, r0 - top), r1, crossed + 1
    return crossed >= p.river_lines_across and max(longest, (y1 - y0) - top) < p.gutter_min_height_em * em


def _crossed(ink: np.ndarray, g: Box, em: float, p: LayoutParams, above: bool) -> bool:
    """Does a line of body type run on across gutter ``g``'s top (``above``) or bottom end: a line (a run of
    inked rows from ``river_side_em`` left of the gutter to as far right of it) within ``river_reach_em`` of
    the gutter's end (the gutter's white may be bridged over it), shorter than headline type, with no
    gutter-wide white in it where the gutter runs?  (White elsewhere in the line is a closing mark or a
    spaced numeral of its own: synth 82 ss_000, a 0.36 em river through punctuation ended at a line with a
    comma's white two characters on.)"""
    h, w = ink.shape
    reach = max(1, round(p.river_reach_em * em))
    look = reach + round(p.headline_min_em * em)                 # room to see how tall a line there is
    end = int(g.y0) if above else int(g.y1)
    y0, y1 = max(0, end - look), min(h, end + look)
    side = round(p.river_side_em * em)
    xa, xb = int(g.x0) - side, int(g.x1) + side
    if xa < 0 or xb > w or y1 - y0 < 2 * reach:
        return False
    band = ink[y0:y1, xa:xb]
    rows = np.flatnonzero(band.any(axis=1))
    if rows.size == 0:
        return False
    for run in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1):
        r0, r1 = y0 + int(run[0]), y0 + int(run[-1]) + 1
        if r1 < end - reach or r0 > end + reach or run[0] == 0 or run[-1] == y1 - y0 - 1:
            continue                         # not at the gutter's end, or taller than the window shows
        if r1 - r0 >= p.headline_min_em * em:
            continue                         # headline type: a gutter stops at a headline
        white = np.flatnonzero(~band[run[0]:run[-1] + 1].any(axis=0))
        if white.size == 0:
            return True
        gaps = [q for q in np.split(white, np.flatnonzero(np.diff(white) > 1) + 1)
                if q[0] <= int(g.x1) - xa and q[-1] >= int(g.x0) - xa]
        if not gaps or max(len(q) for q in gaps) < p.gutter_min_width_em * em:
            return True
    return False


def _strip(ink: np.ndarray, comp: np.ndarray, x: int, y: int, em: float, p: LayoutParams,
           core_share: float, spine: tuple[int, int] | None = None, listings: bool = True,
           grid: list[tuple[int, int]] | None = None) -> Box | None:
    """The gutter that white component ``comp`` (its box's mask, at ``x, y``) is, or None: its core (the
    columns white on ``core_share`` of its rows: its box may bulge at a paragraph end) is gutter-wide and
    has a column of text on both sides all along it (or, with ``listings``, a listing's column on one side).
    With ``spine`` (columns of ``comp``), only the run of core columns that meets it."""
    bh = comp.shape[0]
    core = np.flatnonzero(comp.sum(axis=0) / float(bh) >= core_share)
    if spine is not None and len(core):
        runs = np.split(core, np.flatnonzero(np.diff(core) > 1) + 1)
        core = next((r for r in runs if r[0] < spine[1] and r[-1] >= spine[0]), core[:0])
    if len(core) == 0:
        return None
    x0, x1 = x + int(core[0]), x + int(core[-1]) + 1
    if x1 - x0 < p.gutter_min_width_em * em:
        return None                                    # white of different widths staggered down the lines
    if x1 - x0 > p.gutter_max_width_em * em:
        return None                                    # a wide white area, not a gutter between columns
    full = round(p.column_min_width_em * em)
    # a long strip off the page's grid: the columns beside are judged by half-em stretches wholly inside them
    # (a blurred column's ragged edge, or a gap between two characters at the far end, fails a stretch that
    # reaches out half into white; params.gutter_whole_stretch_em), unless a side is top-to-bottom columns (the
    # white between a vertical article's columns is no gutter of a horizontal page: microfilm 13 m13_005)
    whole = grid is not None and bh >= p.gutter_whole_stretch_em * em \
        and not any(g0 < x1 and x0 < g1 for g0, g1 in grid) \
        and not any(columns_in(ink, Box(a, y, b, y + bh)) for a, b in ((x0 - full, x0), (x1, x1 + full))
                    if a >= 0 and b <= ink.shape[1])
    left = _column_beside(ink, x0 - full, x0, y, y + bh, em, p, whole)
    right = _column_beside(ink, x1, x1 + full, y, y + bh, em, p, whole)
    if left and right:
        return Box(x0, y, x1, y + bh)
    if not listings:
        return None
    # a listing's column beside a column of text: its first fields (times) stand along the gutter, the white
    # between them and the next fields fails the text test; its rows are not the text's (issue 11, micro7)
    edge = round(p.listing_side_em * em)
    if (left and _column_beside(ink, x1, x1 + edge, y, y + bh, em, p)
            or right and _column_beside(ink, x0 - edge, x0, y, y + bh, em, p)):
        if not _level(ink, Box(x0, y, x1, y + bh), em, p, p.listing_side_level_share):
            return Box(x0, y, x1, y + bh)
    return None                                        # white down a column of text (一, ，, 上 in a row)


def _core_runs(ink: np.ndarray, comp: np.ndarray, x: int, y: int, tall_px: int, em: float, p: LayoutParams,
               core_share: float, listings: bool = True,
               grid: list[tuple[int, int]] | None = None) -> list[Box]:
    """Gutters inside a white component whose core (columns white on ``core_share`` of its rows) is several
    runs of columns with ink between them: two or more gutters joined by white along a row (the open space
    under a headline over the columns, the white between two bands).  Each run, over the longest stretch
    of rows where it is white (gaps shorter than ``gutter_bridge_em`` bridged), is tested as a gutter of its
    own (:func:`_strip`: gutter-wide, text beside it).  Unlike a spine, a run is white down most of the
    component, so the plain gutter width holds for it (a narrow gutter of half an em beside its neighbour:
    browser seed 8, bt_002)."""
    bh = comp.shape[0]
    core = np.flatnonzero(comp.sum(axis=0) / float(bh) >= core_share)
    if len(core) == 0:
        return []
    runs = np.split(core, np.flatnonzero(np.diff(core) > 1) + 1)
    if len(runs) < 2:
        return []
    return [f for r in runs for f in _run_strips(ink, comp, x, y, int(r[0]), int(r[-1]) + 1, tall_px, em, p,
                                                 core_share, listings, grid)]


def _run_strips(ink: np.ndarray, comp: np.ndarray, x: int, y: int, k: int, e: int, tall_px: int, em: float,
                p: LayoutParams, core_share: float, listings: bool = True,
                grid: list[tuple[int, int]] | None = None) -> list[Box]:
    """The gutters (:func:`_strip`) that the columns ``k:e`` of white component ``comp`` are, at least
    ``tall_px`` tall.  The rows where most of them is white come in stretches (gaps shorter than
    ``gutter_bridge_em`` bridged: a speck, a comma); a stretch is cut further where no text stands on both
    sides of it for over ``gutter_bridge_em`` (:func:`_flanked_rows`: the white under a column's end, between
    two blocks), the white past those rows a piece of its own.  Each stretch as a whole, and runs of these
    pieces, one after the other, are tested as gutters, the longest first, each row in one gutter at most.
    A run's inner pieces and the gaps between its stretches have text beside them on one side at least
    (no empty line across both sides, ``line_leading_em``); a gap is white down a gutter's width
    (``gutter_min_width_em``) of ``k:e`` at least (no line runs across it); a gutter found in part of a
    stretch is as wide as a spine at least (``spine_min_width_em``).  So a gutter is found in the part of
    its white that has columns of text on both sides: its white may run on past the columns' end into the white between a
    vertical article's columns set below (fresh browser 18 be_003, two columns read as one), and a
    paragraph's end on one side with the white under it may part it (browser 23 ba_004: the gutter's
    white over the two columns' first lines, under two one-column headlines, was tested on its own, too
    short, and the columns were read as one there); the longest stretch alone was tested before, and still
    is on a vertical page laid out turned (``grid`` None), whose gutters are the white between its tiers
    (``tier_gutters``): a part of a stretch there is white between a tier's turned columns (vertical 8
    va_002 read worse)."""
    white = np.flatnonzero(comp[:, k:e].mean(axis=1) >= core_share)
    if len(white) == 0:
        return []
    bridge = round(p.gutter_bridge_em * em)
    if grid is None:        # a vertical page laid out turned: the longest stretch only, as before (vertical 8 va_002)
        r0, r1 = max(_stretches(white, bridge), key=lambda q: q[1] - q[0])
        found = _strip(ink, comp[r0:r1], x, y + r0, em, p, core_share, (k, e), listings, grid) \
            if r1 - r0 >= tall_px else None
        return [found] if found is not None else []
    stretches = _stretches(white, bridge)
    pieces: list[tuple[int, int]] = []
    stretch: list[int] = []                         # the stretch each piece lies in
    for n, (r0, r1) in enumerate(stretches):
        # the stretch cut at the ends of its rows with text on both sides: the white past them a piece, too
        ends = sorted({r0, r1} | {min(r1, max(r0, v - y)) for a, b in
                                  _flanked_rows(ink, x + k, x + e, y + r0, y + r1, em, p, bridge) for v in (a, b)})
        cut = [(a, b) for a, b in zip(ends, ends[1:]) if b > a]
        pieces += cut
        stretch += [n] * len(cut)
    x0, x1 = x + k, x + e
    col = ink[:, x0:x1] > 0
    need = min(e - k, round(p.gutter_min_width_em * em))
    empty = round(p.line_leading_em * em)

    def beside(a: int, b: int) -> bool:
        """Text on one side or the other of rows a:b all down them, but for a line's leading: the white
        beside a paragraph's end, not an empty line across both sides (the white lined up in a paragraph
        between empty lines is a river: synth 63 sq_001)."""
        left, right = _ink_beside(ink, x0, x1, y + a, y + b, em, p)
        return max((q - o for o, q in runs(~(left | right))), default=0) <= empty

    def gap(i: int) -> bool:
        """Pieces i, i + 1 of two stretches join: the gap between them white down a gutter's width (or the
        columns k:e) at least (not the white between two characters of a line set across) and text beside."""
        a, b = pieces[i][1], pieces[i + 1][0]
        if stretch[i] == stretch[i + 1] or b <= a:
            return True
        return max((q - o for o, q in runs(~col[y + a:y + b].any(axis=0))), default=0) >= need and beside(a, b)

    joins = [gap(i) for i in range(len(pieces) - 1)]
    inner = [beside(a, b) for a, b in pieces]       # a piece inside a run (a flanked one passes at once)
    spans = {(pieces[i][0], pieces[j][1]) for i in range(len(pieces)) for j in range(i, len(pieces))
             if all(joins[i:j]) and all(inner[i + 1:j])}
    whole = set(stretches)                          # each stretch as a whole, too (as before)
    out: list[Box] = []
    taken: list[tuple[int, int]] = []
    for r0, r1 in sorted((q for q in spans | whole if q[1] - q[0] >= tall_px), key=lambda q: q[0] - q[1]):
        if any(r0 < t1 and t0 < r1 for t0, t1 in taken):
            continue
        found = _strip(ink, comp[r0:r1], x, y + r0, em, p, core_share, (k, e), listings, grid)
        # a gutter in part of a stretch is a spine's width at least (the white lined up down a paragraph's
        # lines, between its ends, is narrower: browser 25 br_002, a 0.4 em river)
        if found is not None and ((r0, r1) in whole or found.width >= p.spine_min_width_em * em):
            out.append(found)
            taken.append((r0, r1))
    return out


def _stretches(rows: np.ndarray, bridge: int) -> list[tuple[int, int]]:
    """The stretches (start, end) of the sorted row numbers ``rows``, gaps up to ``bridge`` rows bridged."""
    breaks = np.flatnonzero(np.diff(rows) > bridge)
    return [(int(rows[a]), int(rows[b]) + 1) for a, b in zip(np.r_[0, breaks + 1], np.r_[breaks, len(rows) - 1])]


def _ink_beside(ink: np.ndarray, x0: int, x1: int, y0: int, y1: int, em: float,
                p: LayoutParams) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``y0:y1``: ink within ``gutter_reach_em`` left of column ``x0``, and right of ``x1``."""
    reach = max(2, round(p.gutter_reach_em * em))
    return ink[y0:y1, max(0, x0 - reach):x0].any(axis=1), ink[y0:y1, x1:x1 + reach].any(axis=1)


def _flanked_rows(ink: np.ndarray, x0: int, x1: int, y0: int, y1: int, em: float, p: LayoutParams,
                  bridge: int) -> list[tuple[int, int]]:
    """The stretches of rows ``y0:y1`` with ink within ``gutter_reach_em`` on both sides of columns
    ``x0:x1``, gaps up to ``bridge`` rows bridged (the leading between lines, a paragraph's short last line)."""
    left, right = _ink_beside(ink, x0, x1, y0, y1, em, p)
    both = np.flatnonzero(left & right)
    return [(y0 + a, y0 + b) for a, b in _stretches(both, bridge)] if len(both) else []


def _spines(ink: np.ndarray, comp: np.ndarray, x: int, y: int, tall_px: int, em: float, p: LayoutParams,
            core_share: float, listings: bool = True,
            grid: list[tuple[int, int]] | None = None) -> list[Box]:
    """Gutters inside a white component that is not one as a whole: white that runs on, through a
    paragraph end or a line's gaps, into the white beside a headline or between the columns of another
    block (a narrow gutter right under a headline).  Its spines are the runs of neighbouring columns
    white over at least a gutter's height in one stretch; each spine, over the rows where most of it is
    white, is tested as a gutter of its own (:func:`_strip`) and kept if at least ``spine_min_width_em``
    wide."""
    h = comp.shape[0]
    # longest vertical run of white in each column of the component
    c = comp.astype(np.int32)
    edges = np.diff(np.vstack([np.zeros((1, c.shape[1]), np.int32), c, np.zeros((1, c.shape[1]), np.int32)]),
                    axis=0)
    longest = np.zeros(c.shape[1], np.int32)
    # the runs' starts and ends column by column (transposed: in column order, each column's top down), so
    # the k-th start and the k-th end are one run's; each column's longest run, for all columns at once
    start_col, start_row = np.nonzero(edges.T == 1)
    end_row = np.nonzero(edges.T == -1)[1]
    np.maximum.at(longest, start_col, (end_row - start_row).astype(np.int32))
    tall_cols = longest >= tall_px
    out: list[Box] = []
    for k, e in runs(tall_cols):
        out += [f for f in _run_strips(ink, comp, x, y, k, e, tall_px, em, p, core_share, listings, grid)
                if f.width >= p.spine_min_width_em * em]
    return out


def tier_gutters(gutters: list[Box], em: float, p: LayoutParams) -> list[Box]:
    """The gutters of a vertical page laid out turned (layout.analyse's ``turned``): the white between its
    tiers only, at least ``turned_gutter_min_width_em`` wide; narrower strips are the white between the
    characters of a tier's columns lined up across them (a river on the character grid)."""
    return [g for g in gutters if g.width >= p.turned_gutter_min_width_em * em]


def stop_at_headlines(gutters: list[Box], lines: list[Box], em: float, p: LayoutParams) -> list[Box]:
    """Gutters cut where a line of headline type (``lines``: its fragments) runs across them: fragments
    of one row reaching within an em of the gutter from both sides (the white between two of its big
    characters is not a gutter).  Pieces shorter than a gutter's minimum height are dropped."""
    out: list[Box] = []
    for g in gutters:
        left = [b for b in lines if b.x0 < g.x0 and b.x1 >= g.x0 - p.headline_cross_em * em]
        right = [b for b in lines if b.x1 > g.x1 and b.x0 <= g.x1 + p.headline_cross_em * em]
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
    dense = np.flatnonzero(prof >= p.core_row_share * prof.max())
    if dense[-1] - dense[0] + 1 < p.headline_min_em * em:
        return False
    if len(valley_cuts(prof, prof <= max(1, p.headline_valley_share * prof.max()), em)) != 2:
        return False
    n, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    heights = st[1:, 3][st[1:, 3] >= em / p.headline_mark_parts]
    return heights.size == 0 or float(np.median(heights)) >= p.headline_glyph_em * em


def off_scratches(ws: list[Box], scratches: list[Box], em: float, p: LayoutParams) -> list[Box]:
    """The gutters of ``ws`` that are not the white a film scratch left (separators.is_scratch: taken out of
    the ink with the edges of the glyphs it ran through): a strip narrower than ``scratch_strip_max_em``
    within ``scratch_touch_em`` of a scratch along ``scratch_gutter_share`` of its height or more is no gutter
    (params)."""
    reach = p.scratch_touch_em * em
    out = []
    for g in ws:
        along = g.width < p.scratch_strip_max_em * em and any(s.x1 >= g.x0 - reach and s.x0 <= g.x1 + reach
                    and min(s.y1, g.y1) - max(s.y0, g.y0) >= p.scratch_gutter_share * g.height for s in scratches)
        if along:
            log.debug("whitespace gutter along a film scratch dropped: %s", (g.x0, g.y0, g.x1, g.y1))
        else:
            out.append(g)
    return out
