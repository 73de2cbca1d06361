"""Listings: TV programmes, stock prices and other tables set as rows of short fields.

A listing is found from the page's own ink, not from its position: rows of short fields separated by white,
whose first field (a time, a stock code: digits of one width) starts and ends at the same x in five rows or
more in a row, at an even pitch with more white between the rows than body lines leave (``listing_*`` in
``params.py``).  Its side edges are where the white between its rows stops: a body column beside it is set
at another line pitch, so its lines cross the listing's leading; a row never runs on into the body beside it,
however narrow the gutter between them is.  A listing is one block of type ``table`` whose lines are its rows
(the fields of a row on one line, read as one unit with field gaps, as the clean text writes them).

Entry point: :func:`find_listings` (on the page's text lines before they are grouped into blocks).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..geometry import Box
from ..model import BlockType
from .columns import columns_of, gutters
from .lines import measure_core
from .params import DEFAULT as PARAMS, LayoutParams
from .regions import Region, Seg, runs, union


@dataclass
class _Field:
    box: Box                 # the field's ink
    seg: int                 # index of the line it is in


def _median(values: list[float]) -> float:
    v = sorted(values)
    return v[len(v) // 2]


def _despeckle(text: np.ndarray, em: float, p: LayoutParams) -> np.ndarray:
    """The ink mask (bool) without specks: components under ``listing_speck_em`` both ways (scanner dust
    beside a number must not move a field's edge nor dirty the white between rows; a full stop or the dots
    of a colon are as small but lie inside a field, where they do not matter)."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats((text > 0).astype(np.uint8), connectivity=8)
    speck = p.listing_speck_em * em
    small = (stats[:, cv2.CC_STAT_WIDTH] < speck) & (stats[:, cv2.CC_STAT_HEIGHT] < speck)
    small[0] = True
    return ~small[lab]


def _pieces(crop: np.ndarray, gap: int, line: float, widest: float, depth: int = 3) -> list[tuple[int, int, int, int]]:
    """(x0, y0, x1, y1) of the ink of ``crop`` cut apart across ``gap``-wide white columns and, where it is
    taller than a ``line``, at any white row, again and again (``depth`` rounds): a line that ran on from one
    listing row into the body beside it, and from there into the next row, falls apart into the rows'
    fields.  Pieces one line tall and wider than ``widest`` are left out (no first field is that wide)."""
    out = []
    for a, e in runs(crop.any(axis=0), gap):
        col = crop[:, a:e]
        if col.shape[0] <= line:
            if e - a <= widest:
                ys = np.nonzero(col.any(axis=1))[0]
                out.append((a, int(ys[0]), e, int(ys[-1]) + 1))
            continue
        for u, v in runs(col.any(axis=1), 1):
            if depth > 1:
                out.extend((a + x0, u + y0, a + x1, u + y1)
                           for x0, y0, x1, y1 in _pieces(col[u:v], gap, line, widest, depth - 1))
            elif e - a <= widest:
                xs = np.nonzero(col[u:v].any(axis=0))[0]
                out.append((a + int(xs[0]), u, a + int(xs[-1]) + 1, v))
    return out


def _fields(text: np.ndarray, ink: np.ndarray, segs: list[Seg], em: float, p: LayoutParams,
            widest_em: float | None = None) -> list[_Field]:
    """The body-sized fields (at most ``widest_em``, by default ``listing_anchor_max_em``, wide) of every
    horizontal line: its ink cut where at least ``listing_field_gap_em`` of white lies between two characters,
    and between rows (``_pieces``); each measured on ``ink`` (the mask without specks: dust beside a number
    does not move its edges, while the dots of a colon, as small, still hold 06:30 together)."""
    gap = max(2, int(round(p.listing_field_gap_em * em)))
    line, widest = p.headline_min_em * em, (widest_em or p.listing_anchor_max_em) * em
    out = []
    for i, s in enumerate(segs):
        b = s.box
        if s.vertical:
            continue
        for x0, y0, x1, y1 in _pieces(text[b.y0:b.y1, b.x0:b.x1] > 0, gap, line, widest):
            crop = ink[b.y0 + y0:b.y0 + y1, b.x0 + x0:b.x0 + x1]
            xs, ys = np.nonzero(crop.any(axis=0))[0], np.nonzero(crop.any(axis=1))[0]
            if xs.size and p.listing_field_min_em * em <= ys[-1] - ys[0] + 1 <= line:
                out.append(_Field(Box(b.x0 + x0 + int(xs[0]), b.y0 + y0 + int(ys[0]),
                                      b.x0 + x0 + int(xs[-1]) + 1, b.y0 + y0 + int(ys[-1]) + 1), i))
    return out


def _with_pairs(fields: list[_Field], em: float, p: LayoutParams) -> list[_Field]:
    """The fields and each two neighbours of a line less than ``listing_pair_gap_em`` apart taken as one:
    a time whose colon binarization lost (06 30: the white of a field gap) or a code and a short name."""
    out = list(fields)
    ordered = sorted(fields, key=lambda f: (f.seg, f.box.x0))
    for a, b in zip(ordered, ordered[1:]):
        if a.seg == b.seg and 0 < b.box.x0 - a.box.x1 <= p.listing_pair_gap_em * em \
                and min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0) >= 0.5 * min(a.box.height, b.box.height):
            out.append(_Field(a.box.union(b.box), a.seg))
    return out


def _anchor(f: _Field, ink: np.ndarray, em: float, p: LayoutParams, widest_em: float | None = None) -> bool:
    """Could ``f`` be a listing's first field: a short field (at most ``widest_em``, by default
    ``listing_anchor_max_em``) with white before it and another field of its row after the white that follows
    it, ending in a character as tall as the field (a digit, a Han character), not in a mark at its foot (the
    white after a comma ends the phrases of running text)?"""
    b = f.box
    if not p.listing_anchor_min_em * em <= b.width <= (widest_em or p.listing_anchor_max_em) * em:
        return False
    tail = ink[b.y0:b.y1, max(b.x0, b.x1 - int(round(p.listing_mark_em * em))):b.x1].any(axis=1).nonzero()[0]
    if tail.size == 0 or tail[-1] - tail[0] + 1 < p.listing_mark_height * b.height:
        return False                        # it ends in a mark (，。、): a phrase of running text
    gap = max(2, int(round(p.listing_field_gap_em * em)))
    row = ink[b.y0:b.y1]
    x0 = b.x0               # its own ink cut off by its line's edge (a gutter found over a thin first stroke)
    while x0 > 0 and b.x0 - x0 < gap and row[:, x0 - 1].any():
        x0 -= 1
    if x0 - gap >= 0 and row[:, x0 - gap:x0].any():
        return False
    return _next_field(b, ink, em, p) is not None


def _next_field(b: Box, ink: np.ndarray, em: float, p: LayoutParams) -> int | None:
    """The x where the field after field ``b`` in its row starts: the first ink within
    ``listing_next_field_em`` after it, past white of ``listing_field_gap_em`` at least; None if there is none."""
    gap = max(2, int(round(p.listing_field_gap_em * em)))
    after = np.nonzero(ink[b.y0:b.y1, b.x1:b.x1 + int(p.listing_next_field_em * em) + 1].any(axis=0))[0]
    return b.x1 + int(after[0]) if after.size and after[0] >= gap else None


def _chains(fields: list[_Field], em: float, p: LayoutParams) -> list[list[_Field]]:
    """Columns of anchors, top down: each next one is the nearest anchor below the last, at most
    ``listing_pitch_max_em`` lower (more past rows whose first field is spoilt, ``listing_skip_rows``),
    starting and ending where the column's fields so far do (their medians): one edge within
    ``listing_align_em``, the other within ``listing_align_loose_em`` (a speck or a mark of scanner dust fused
    to a number moves one edge)."""
    tol, loose = p.listing_align_em * em, p.listing_align_loose_em * em
    fields = sorted(fields, key=lambda f: (f.box.cy, f.box.x0))
    used: set[int] = set()
    chains = []
    for i, f in enumerate(fields):
        if i in used:
            continue
        chain, used_here = [f], {i}
        x0s, x1s = [f.box.x0], [f.box.x1]
        for j in range(i + 1, len(fields)):
            g, last = fields[j], chain[-1]
            dy = g.box.cy - last.box.cy
            if dy > (1 + p.listing_skip_rows) * p.listing_pitch_max_em * em:
                break
            if j in used or dy < 0.5 * last.box.height:
                continue
            d0, d1 = abs(g.box.x0 - _median(x0s)), abs(g.box.x1 - _median(x1s))
            if min(d0, d1) <= tol and max(d0, d1) <= loose:
                chain.append(g)
                used_here.add(j)
                x0s.append(g.box.x0)
                x1s.append(g.box.x1)
        if len(chain) >= p.listing_min_rows:
            used |= used_here
        chains.append(chain)
    return chains


def _even(chain: list[_Field], p: LayoutParams) -> list[list[_Field]]:
    """Cut a chain where its pitch strays from its median (or a multiple of it: rows skipped) by more than
    ``listing_pitch_spread``, or drop it where its rows leave too little white between them
    (``listing_leading_min``: a column of vertical text, a character grid); the runs left of
    ``listing_min_rows`` rows or more."""
    if len(chain) < p.listing_min_rows:
        return []
    pitch = [b.box.cy - a.box.cy for a, b in zip(chain, chain[1:])]
    med = float(np.median(pitch))
    height = float(np.median([f.box.height for f in chain]))
    if med < p.listing_leading_min * height:
        return []
    out, run = [], [chain[0]]
    for e, f in zip(chain, chain[1:]):
        # tops or bottoms one pitch apart: a field that took in a speck or a stroke above or below is taller
        ds = (f.box.y0 - e.box.y0, f.box.y1 - e.box.y1)
        if min(abs(d - k * med) for d in ds for k in range(1, 2 + p.listing_skip_rows)) <= p.listing_pitch_spread * med:
            run.append(f)
        else:
            out.append(run)
            run = [f]
    out.append(run)
    return [r for r in out if len(r) >= p.listing_min_rows]


def _ends(run: list[_Field], every: list[_Field], em: float, p: LayoutParams) -> list[_Field]:
    """The run with the rows right above and below it whose first field is spoilt (a character lost to
    the line finder, a mark fused to it) but still starts or ends where the run's do (``listing_align_em``),
    one pitch away (within ``listing_pitch_spread``)."""
    pitch = float(np.median([b.box.cy - a.box.cy for a, b in zip(run, run[1:])]))
    lo, hi = np.median([f.box.x0 for f in run]), np.median([f.box.x1 for f in run])
    tol = p.listing_align_em * em

    near = [g for g in every if g.box.x0 >= lo - tol and g.box.x1 <= hi + tol
            and (abs(g.box.x0 - lo) <= tol or abs(g.box.x1 - hi) <= tol)]

    def next_to(f: _Field, step: int) -> _Field | None:
        for g in near:
            if abs(g.box.cy - (f.box.cy + step * pitch)) <= p.listing_pitch_spread * pitch:
                return g
        return None

    run = list(run)
    while (g := next_to(run[-1], 1)) is not None:
        run.append(g)
    while (g := next_to(run[0], -1)) is not None:
        run.insert(0, g)
    return run


def _extent(chain: list[_Field], ink: np.ndarray, inked: np.ndarray, em: float, p: LayoutParams,
            cut_out: list[Box] = ()) -> tuple[int, int]:
    """The listing's x-range [x0, x1): from its first field (its left edge: a listing starts with the field
    that lines up) rightwards as far as the white between its rows stays white (a column beside it, set at
    another pitch, has ink there), back to the white before that ink (a gutter: ``gutter_min_width_em`` of paper
    in every row); never over more white than ``listing_next_field_em`` (open space); never over a column rule
    or a picture, ``cut_out`` (``_dirty``): the listing ends at its side, the ink before it the listing's own
    (a programme's last character may stand closer to a rule than a gutter's width: microfilm 40 mz2_005).
    ``inked``: the page's columns that hold ink of a text line level with the listing."""
    w = ink.shape[1]
    bands = _bands(chain, ink, em, p)
    need = p.listing_dirty_share * max(1, len(bands))
    busy = _dirty(bands, ink, cut_out) >= need
    walled = busy & (_dirty(bands, ink) < need) if cut_out else np.zeros_like(busy)
    lo, hi = int(np.median([f.box.x0 for f in chain])), int(np.median([f.box.x1 for f in chain]))
    reach = int(p.listing_max_width_em * em)
    gutter = max(2, int(round(p.gutter_min_width_em * em)))

    def back(x: int) -> int:
        """From the neighbour's first ink column ``x`` leftwards into the first gutter-wide white run (its
        white is trimmed off later); ``x`` when there is none before the first field."""
        run = 0
        for k in range(x - 1, hi, -1):
            run = 0 if inked[k] else run + 1
            if run >= gutter:
                return k
        return x

    open_space = int(p.listing_next_field_em * em)      # white wider than a gap between two fields
    right, white = hi, 0
    while right < min(w, hi + reach) and not busy[right] and white < open_space:
        white = 0 if inked[right] else white + 1
        right += 1
    x1 = right if right >= w or not busy[right] or walled[right] else back(right)
    x0 = max(0, lo - gutter // 2)           # a row's first field may start a pixel or two left of the median
    cols = np.nonzero(inked[x0:x1])[0]
    return (x0 + int(cols[0]), x0 + int(cols[-1]) + 1) if cols.size else (lo, hi)


def _rows(text: np.ndarray, ink: np.ndarray, box: Box, em: float) -> list[Seg]:
    """The listing's rows: its ink inside ``box`` (``ink``: despeckled) cut into bands at the white between
    them."""
    crop = ink[box.y0:box.y1, box.x0:box.x1]
    rows = []
    for a, e in runs(crop.any(axis=1), 1):
        cols = np.nonzero(crop[a:e].any(axis=0))[0]
        if e - a >= PARAMS.listing_row_min_em * em:
            rows.append(Seg(Box(box.x0 + int(cols[0]), box.y0 + a, box.x0 + int(cols[-1]) + 1, box.y0 + e)))
    return measure_core(text, rows)


def _outside(text: np.ndarray, s: Seg, x0: int, x1: int, em: float) -> list[Seg]:
    """The parts of line ``s`` left of ``x0`` and right of ``x1``: the ink there, cut at white rows (a line
    that ran through the listing's rows into the next body line holds two lines there), re-measured."""
    b = s.box
    out = []
    for a, e in ((b.x0, min(b.x1, x0)), (max(b.x0, x1), b.x1)):
        if e - a <= 0:
            continue
        crop = text[b.y0:b.y1, a:e] > 0
        for u, v in runs(crop.any(axis=1), 1):
            xs = np.nonzero(crop[u:v].any(axis=0))[0]
            if xs[-1] - xs[0] + 1 >= PARAMS.listing_row_min_em * em or v - u >= PARAMS.listing_row_min_em * em:
                out.append(Seg(Box(a + int(xs[0]), b.y0 + u, a + int(xs[-1]) + 1, b.y0 + v)))
    return measure_core(text, out)


@dataclass
class _Listing:
    box: Box                 # layout px, its rows with half the white between rows around them
    run: list[_Field]        # the first fields that line up
    pitch: float             # median row pitch, layout px
    notes: list[str]


def _next_rows(f: _Field, ink: np.ndarray, em: float, p: LayoutParams, lo: int, hi: int) -> tuple[int, int] | None:
    """The ink rows within [``lo``, ``hi``) of the first character (``listing_row_glyph_em``) of the field after
    first field ``f`` (the one ``_anchor`` found after its white), or None."""
    x = _next_field(f.box, ink, em, p)
    if x is None or hi <= lo:
        return None
    ys = np.nonzero(ink[lo:hi, x:x + max(1, int(round(p.listing_row_glyph_em * em)))].any(axis=1))[0]
    return (lo + int(ys[0]), lo + int(ys[-1]) + 1) if ys.size else None


def _bands(run: list[_Field], ink: np.ndarray, em: float, p: LayoutParams) -> list[tuple[int, int]]:
    """The white between the run's rows: the middle half of the gap between each two rows one pitch apart
    (past a skipped row there is no white band to measure), a row's ink its first field and the first
    character of the field after it (a programme's or a stock's Han name stands taller than the digits of a
    time or a code: ``listing_row_glyph_em`` in params.py), each looked for no further than the middle of the
    white between the two first fields."""
    pitch = float(np.median([b.box.cy - a.box.cy for a, b in zip(run, run[1:])]))
    bands = []
    for a, b in zip(run, run[1:]):
        if b.box.cy - a.box.cy <= (1 + p.listing_pitch_spread) * pitch:
            m = (a.box.y1 + b.box.y0) // 2
            lower, upper = _next_rows(a, ink, em, p, a.box.y0, m), _next_rows(b, ink, em, p, m + 1, b.box.y1)
            y1 = max(a.box.y1, lower[1]) if lower else a.box.y1
            y0 = min(b.box.y0, upper[0]) if upper else b.box.y0
            if y0 <= y1:                    # the rows touch: the middle row of the first fields' white
                y1, y0 = m, m + 1
            mid, half = (y1 + y0) / 2, max(1.0, (y0 - y1) / p.listing_band_parts)
            bands.append((int(mid - half), int(round(mid + half)) + 1))
    return bands


def _dirty(bands: list[tuple[int, int]], ink: np.ndarray, cut_out: list[Box] = ()) -> np.ndarray:
    """Per column of the page: in how many of ``bands`` it holds ink, a box of ``cut_out`` (the vertical rules
    and the pictures, taken out of the text ink) counted as ink over the bands it runs across.  A column rule
    or a photo beside a listing stands in the white between its rows as the next column's lines do: with its
    ink gone, the white ran on over it into the column past it, each row of the listing read with that
    column's lines (browser 29 ci_001: over a column rule into the next column of a body set at the same
    line pitch; browser 27 ca_007: over a photo into the text under it)."""
    h = ink.shape[0]
    dirty = np.zeros(ink.shape[1])
    for y0, y1 in bands:
        band = ink[max(0, y0):min(h, y1)].any(axis=0)
        for r in cut_out:
            if r.y0 <= y0 and r.y1 >= y1:
                band[r.x0:r.x1] = True
        dirty += band
    return dirty


def _side_by_side(found: list[_Listing], ink: np.ndarray, walls: list[tuple[int, Box]], em: float,
                  p: LayoutParams, cut_out: list[Box] = ()) -> list[_Listing]:
    """Listings side by side with the same rows (level over ``listing_level_share`` of either's height, pitches
    within ``listing_level_pitch``) overlapping or with nothing between them that crosses the white between
    their rows are one: a stock table's right-aligned prices and changes line up as well as its codes."""
    out: list[_Listing] = []
    for t in sorted(found, key=lambda t: t.box.x0):
        for o in out:
            a, b = o.box, t.box
            over = min(a.y1, b.y1) - max(a.y0, b.y0)
            if over < p.listing_level_share * max(a.height, b.height) \
                    or abs(o.pitch - t.pitch) > p.listing_level_pitch * o.pitch:
                continue
            if any(a.x0 < x <= b.x0 + p.listing_align_em * em and _level(box, b, p) for x, box in walls):
                continue                # never across a second listing of the same kind (_twins)
            bands = _bands(o.run, ink, em, p)
            if b.x0 > a.x1 and (_dirty(bands, ink, cut_out)[a.x1:b.x0] >= p.listing_dirty_share * max(1, len(bands))).any():
                continue
            o.box = a.union(b)
            o.notes.append(f"joined by the column lining up at layout px x={b.x0} (its rows level with these)")
            break
        else:
            out.append(t)
    return out


def _header(t: _Listing, segs: list[Seg], ink: np.ndarray, em: float, p: LayoutParams) -> None:
    """A header row (代码 名称 收盘 涨跌) right above the listing, within its width, of body size, of two fields
    or more (the listing's headline above is one run of characters), joins it."""
    b = t.box
    slack = p.listing_align_loose_em * em
    above = [s for s in segs if b.y0 - p.listing_header_pitches * t.pitch <= s.box.cy < b.y0 and not s.vertical
             and s.box.x0 >= b.x0 - slack and s.box.x1 <= b.x1 + slack]
    if not above:
        return
    row = union([s.box for s in above])
    if row.height > p.headline_min_em * em or any(s.box.height > p.headline_min_em * em for s in above):
        return
    if any(s.size >= p.headline_size_em * em for s in above):
        return                              # a line of headline type (classify's measure, as _parted's)
    gap = max(2, int(round(p.listing_field_gap_em * em)))
    if len(runs(ink[row.y0:row.y1, row.x0:row.x1].any(axis=0), gap)) < 2:
        return
    t.box = Box(b.x0, row.y0, b.x1, b.y1)
    t.notes.append("its header row above it (two fields or more, within its width) joined it")


def _short_fields(run: list[_Field], x1: int, ink: np.ndarray, em: float, p: LayoutParams) -> float:
    """The median over the run's rows of the longest field after the first one up to ``x1`` (em): a
    listing's names and numbers are short, a column of running text beside a first field is not; 0 when
    half the rows or more hold nothing after it (a column of words at a line's start or end is no listing:
    the ascenders and descenders of the line beside them end its extent there)."""
    gap = max(2, int(round(p.listing_field_gap_em * em)))
    longest = []
    for f in run:
        b = f.box
        fields = runs(ink[b.y0:b.y1, b.x1:x1].any(axis=0), gap)
        longest.append(max((e - a for a, e in fields), default=0))
    return float(np.median(longest)) / em


def _listing(run: list[_Field], segs: list[Seg], ink: np.ndarray, em: float, p: LayoutParams,
             cut_out: list[Box] = ()) -> _Listing:
    """The listing a run of first fields starts: its box (its x-range by ``_extent``, its rows with half the
    white between rows around them)."""
    top, bottom = run[0].box.y0, run[-1].box.y1
    inked = np.zeros(ink.shape[1], bool)
    for s in segs:
        if s.box.y1 > top and s.box.y0 < bottom:
            inked[s.box.x0:s.box.x1] |= ink[max(top, s.box.y0):min(bottom, s.box.y1), s.box.x0:s.box.x1].any(axis=0)
    x0, x1 = _extent(run, ink, inked, em, p, cut_out)
    pitch = float(np.median([b.box.cy - a.box.cy for a, b in zip(run, run[1:])]))
    half = int(0.5 * (pitch - float(np.median([f.box.height for f in run]))))
    box = Box(x0, max(0, top - half), x1, min(ink.shape[0], bottom + half))
    return _Listing(box, run, pitch, [
        f"table: its first field ({np.median([f.box.width for f in run]) / em:.1f} em wide) starts and ends "
        f"level in {len(run)} rows at a pitch of {pitch / em:.2f} em; its right side where the white between "
        f"its rows ends"])


def _parted(t: _Listing, segs: list[Seg], em: float, p: LayoutParams) -> list[list[_Field]]:
    """The runs of ``t``'s rows parted where a line of headline type (``headline_size_em``: classify's measure,
    of the line's core) stands between two of its rows within its width: two listings one above the other,
    their first fields at one x, each under its headline (browser 50 co_004: two TV listings read as one
    table, the lower one's headline a row of it); the parts of ``listing_min_rows`` rows or more."""
    heads = [s.box for s in segs if not s.vertical and s.size >= p.headline_size_em * em
             and min(s.box.x1, t.box.x1) > max(s.box.x0, t.box.x0)]
    out, run = [], [t.run[0]]
    for a, b in zip(t.run, t.run[1:]):
        if any(h.y0 >= a.box.y1 and h.y1 <= b.box.y0 for h in heads):
            out.append(run)
            run = []
        run.append(b)
    out.append(run)
    return [r for r in out if len(r) >= p.listing_min_rows]


def _level(a: Box, b: Box, p: LayoutParams) -> bool:
    return min(a.y1, b.y1) - max(a.y0, b.y0) >= p.listing_level_share * max(a.height, b.height)


def _fields_before(t: _Listing, x0: int, x1: int, ink: np.ndarray, em: float, p: LayoutParams) -> bool:
    """Do most rows of ``t`` hold a field between its first field's end ``x0`` and ``x1`` (a field gap's white
    off either end)?  A listing ends with more than its first field; one that would not is a table's first
    column, and what stands at ``x1`` is its next column, not a listing of its own (micro10: on film, at about
    10 layout px per em, a stock table's codes and names, or its closing prices and changes, measure as wide
    and as tall within a pixel)."""
    gap = max(2, int(round(p.listing_field_gap_em * em)))
    if x1 - gap <= x0 + gap:
        return False
    rows = [ink[f.box.y0:f.box.y1, x0 + gap:x1 - gap].any() for f in t.run]
    return sum(rows) >= 0.5 * len(rows)


def _inner_column(a: _Listing, la: float, cands: list[_Listing], shape: list[tuple[float, float, float]],
                  ink: np.ndarray, em: float, p: LayoutParams) -> bool:
    """Is ``a`` (its first fields starting at ``la``) a later column of a listing that starts further left: a
    candidate level with it (``_level``), its first fields left of ``a``'s and its extent reaching over them,
    of short fields (``_short_fields``)?  Then ``a`` is no listing of its own, and two of a table's columns
    that measure alike are no twins (browser 31 cq_001: a stock table's names, 1.9-2.3 em of Han, and its
    closing prices, 2.4 em of digits, as tall at 10 layout px per em: the wall between them cut the table
    off after its names; its codes and names were read as body text, its prices and changes as a table)."""
    for c, (lc, _, _) in zip(cands, shape):
        if c is not a and lc < la - p.listing_align_em * em and c.box.x1 > la and _level(c.box, a.box, p) \
                and 0 < _short_fields(c.run, c.box.x1, ink, em, p) <= p.listing_field_max_em:
            return True
    return False


def _wide(t: _Listing, em: float, p: LayoutParams) -> bool:
    """Are ``t``'s first fields wider than an ordinary listing's (``listing_anchor_max_em``, on their median)?"""
    return _median([f.box.width for f in t.run]) > p.listing_anchor_max_em * em


def _beside_listing(t: _Listing, cands: list[_Listing], em: float, p: LayoutParams) -> bool:
    """Does a listing of ordinary first fields (not ``_wide``) stand level with ``t`` (``_level``, pitches within
    ``listing_level_pitch``) and start right of ``t``'s first fields: ``t``'s column of wide first fields is
    that listing's first column (browser 83 du_000: a stock table's seven-digit codes, 4.9 em of a page em
    measured on its digits, beside its prices and changes, found as a listing of their own)?"""
    lo = _median([f.box.x1 for f in t.run])
    return any(o is not t and not _wide(o, em, p) and _median([f.box.x0 for f in o.run]) > lo
               and _level(o.box, t.box, p) and abs(o.pitch - t.pitch) <= p.listing_level_pitch * o.pitch
               for o in cands)


def _twins(cands: list[_Listing], ink: np.ndarray, em: float, p: LayoutParams) -> list[tuple[int, Box]]:
    """Two listings of one kind side by side (two TV listings, each under its headline): level, their first
    fields as wide (``listing_align_em``) and as tall (``listing_twin_height_em``: digits are 0.7 em tall, a
    stock's Han name 0.9 em however wide).  Every listing reaching from left of the right one's first fields
    over them ends before them.  Returns those walls: (x, the right one's box).  The right one is no twin when
    it is a later column of a listing of another kind that starts between the two (``_inner_column`` over the
    listings starting between them that are no later column themselves): a TV listing, then a stock table
    whose closing prices measure as the TV listing's times, 2.4 em of digits, at one pitch (browser 69 di_004,
    browser 27 ca_005: the stock table cut before its prices, its rows read as two columns)."""
    tol, tall = p.listing_align_em * em, p.listing_twin_height_em * em
    shape = [(_median([f.box.x0 for f in t.run]), _median([f.box.width for f in t.run]),
              _median([f.box.height for f in t.run])) for t in cands]
    inner = [_inner_column(t, lt, cands, shape, ink, em, p) for t, (lt, _, _) in zip(cands, shape)]

    def between(la: float, lb: float) -> tuple[list[_Listing], list[tuple[float, float, float]]]:
        """The listings that start between ``la`` and ``lb`` and are no later column of another themselves."""
        keep = [k for k, (lc, _, _) in enumerate(shape) if la + tol < lc < lb - tol and not inner[k]]
        return [cands[k] for k in keep], [shape[k] for k in keep]

    walls = [(int(lb), b.box) for a, (la, wa, ha), ia in zip(cands, shape, inner)
             for b, (lb, wb, hb) in zip(cands, shape)
             if la < lb and abs(wa - wb) <= tol and abs(ha - hb) <= tall and _level(a.box, b.box, p)
             and _fields_before(a, int(la + wa), int(lb), ink, em, p) and not ia
             and not _inner_column(b, lb, *between(la, lb), ink, em, p)]
    for t, (lo, _, _) in zip(cands, shape):
        for x, box in walls:
            if lo < x < t.box.x1 and _level(t.box, box, p):
                t.box = Box(t.box.x0, t.box.y0, x - max(1, int(p.gutter_min_width_em * em) // 2), t.box.y1)
                t.notes.append(f"ends before the listing beside it at layout px x={x} (its first fields as wide "
                               f"and tall as these, its rows level)")
    return walls


def find_listings(segs: list[Seg], text: np.ndarray, em: float, cols: list[tuple[int, int]],
                  p: LayoutParams = PARAMS, rules: list[Box] = (),
                  pictures: list[Box] = ()) -> tuple[list[Region], list[Seg]]:
    """Listings among the text lines ``segs`` (layout px; ``text`` the ink mask, 255 = ink): one ``table``
    region per listing, its rows as lines, and the lines left over (lines that ran from a row into the body
    beside it are cut at the listing's edge, their outer part kept).  A listing never runs over a vertical
    rule of ``rules`` that stands in a gutter of the column grid ``cols`` (a column rule), nor over a picture
    of ``pictures`` (layout px boxes, both taken out of ``text``: ``_dirty``); a rule inside a column is no
    such wall (microfilm 23 mp_002: a film scratch down through a stock table's white, kept as a rule, cut
    the table in two)."""
    clean = _despeckle(text, em, p)
    cut_out = [r for r in rules if any(g0 <= r.cx <= g1 for g0, g1 in gutters(cols))] + list(pictures)
    def candidates(widest_em: float) -> list[_Listing]:
        """The listings started by runs of first fields at most ``widest_em`` wide."""
        every = _with_pairs(_fields(text, clean, segs, em, p, widest_em), em, p)
        fields = [f for f in every if _anchor(f, clean, em, p, widest_em)]
        out = []
        for run in (_ends(run, every, em, p) for chain in _chains(fields, em, p) for run in _even(chain, p)):
            whole = _listing(run, segs, clean, em, p, cut_out)
            parts = _parted(whole, segs, em, p)
            out += [whole] if parts == [run] else [_listing(part, segs, clean, em, p, cut_out) for part in parts]
        return out

    cands = candidates(p.listing_anchor_max_em)
    if cands:       # a run of wide first fields is a listing's only as the first column of one found beside it
        wide = [t for t in candidates(p.listing_wide_anchor_max_em)
                if _wide(t, em, p) and _beside_listing(t, cands, em, p)]
        for t in wide:
            t.notes.append(f"its first fields wider than {p.listing_anchor_max_em:g} em: the first column of the "
                           f"listing level with it to its right")
        cands += wide
    walls = _twins(cands, clean, em, p)
    found: list[_Listing] = []
    for t in cands:
        if 0 < _short_fields(t.run, t.box.x1, clean, em, p) <= p.listing_field_max_em:
            found.append(t)
    if not found:
        return [], segs
    regions, rest = [], list(segs)
    kept: list[_Listing] = []                      # of listings still overlapping, the longest
    for t in sorted(_side_by_side(found, clean, walls, em, p, cut_out), key=lambda t: (-len(t.run), t.box.x0)):
        if not any(o.box.intersection(t.box) > 0 for o in kept):
            kept.append(t)
    for t in kept:
        _header(t, rest, clean, em, p)
        rows = _rows(text, clean, t.box, em)
        if len(rows) < p.listing_min_rows:
            continue
        lbox = union([r.box for r in rows])
        kept = []
        for s in rest:
            b = s.box
            over = min(b.y1, lbox.y1) - max(b.y0, lbox.y0)
            if over > 0.5 * b.height and min(b.x1, lbox.x1) > max(b.x0, lbox.x0):
                kept.extend(_outside(text, s, lbox.x0, lbox.x1, em))
            else:
                kept.append(s)
        rest = kept
        sizes = sorted(r.size for r in rows)
        regions.append(Region(lbox, BlockType.TABLE, rows, columns_of(lbox, cols, em), float(sizes[len(sizes) // 2]),
                              trace=t.notes + [f"table: a listing of {len(rows)} rows"]))
    return regions, rest
