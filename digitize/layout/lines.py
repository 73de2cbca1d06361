"""Text line segments: horizontally smeared ink, one connected component per line (fragment)."""
from __future__ import annotations

import cv2
import numpy as np

from ..geometry import Box
from .params import DEFAULT as PARAMS
from .regions import Seg, runs

# A pixel row of a fragment holding at most this share of its fullest row's ink is white between two lines
# (split_tall): a descender's tip or a speck leaves a few pixels there, a line's own rows hold far more.
EMPTY_ROW_SHARE = 0.06


def component_boxes(mask: np.ndarray, joined: np.ndarray) -> tuple[list[tuple[int, Box]], np.ndarray]:
    """(label, box) of the ink of ``mask`` grouped by the connected components of ``joined`` (a dilation of
    it), and the label image."""
    n, labels = cv2.connectedComponents(joined, connectivity=8)
    if mask.dtype == np.uint8 and mask.ndim == 2:     # the ink's pixels, found by OpenCV (int32: the
        pts = cv2.findNonZero(mask)                   # accumulations below stay in int32, which is fast)
        if pts is None:
            return [], labels
        pts = pts.reshape(-1, 2)
        xs, ys = pts[:, 0], pts[:, 1]
    else:
        ys, xs = (v.astype(np.int32) for v in np.nonzero(mask))
        if len(xs) == 0:
            return [], labels
    lab = labels[ys, xs]
    x0 = np.full(n, 1 << 30, np.int32)
    y0 = np.full(n, 1 << 30, np.int32)
    x1 = np.full(n, -1, np.int32)
    y1 = np.full(n, -1, np.int32)
    np.minimum.at(x0, lab, xs)
    np.minimum.at(y0, lab, ys)
    np.maximum.at(x1, lab, xs)
    np.maximum.at(y1, lab, ys)
    ok = np.nonzero(x1 >= 0)[0]
    return [(int(i), Box(int(x0[i]), int(y0[i]), int(x1[i]) + 1, int(y1[i]) + 1)) for i in ok if i != 0], labels


def smear_segments(text: np.ndarray, gap: int, walls: list[Box] = (), em: float = 0.0,
                   cuts: list[Box] = (), rules: list[Box] = (), spaces: list[Box] = ()) -> tuple[list[Seg], np.ndarray]:
    """Horizontal line fragments: ink joined across gaps narrower than ``gap`` px.

    ``walls`` (column gutters of the page grid) are crossed only on rows where ink lies inside the wall (a
    spanning headline or caption drawn across it); ``rules`` (vertical rules) only where that ink also covers
    most of the wall's width, ``spaces`` (whitespace gutters) where it reaches into each third of it (the
    glyphs of a spanning headline, never a hyphen or a closing mark of a line ending at the gutter);
    ``cuts`` (horizontal rules, frame sides) are never crossed.
    Returns the fragments and the label image their ``label`` refers to.
    """
    gap = max(2, int(gap))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1))
    joined = cv2.dilate(text, kernel)
    reach = max(1, int(PARAMS.crossing_reach_em * em))
    h, w = text.shape
    kinds = [0] * len(walls) + [1] * len(rules) + [2] * len(spaces)
    for kind, wall in zip(kinds, list(walls) + list(rules) + list(spaces)):
        a, b = max(0, wall.x0), min(w, wall.x1)
        y0, y1 = max(0, wall.y0), min(h, wall.y1)
        if b <= a or y1 <= y0:
            continue
        # ink drawn across the wall near a row (more than a speck's worth) lets that row cross it
        strip = (text[y0:y1, a:b] > 0).astype(np.uint8)
        per_row = strip.sum(axis=1).astype(np.float64)
        window = np.convolve(per_row, np.ones(2 * reach + 1), mode="same")
        inner = window >= max(PARAMS.crossing_ink_min_px, PARAMS.crossing_ink_em * em)
        if kind:
            near = cv2.dilate(strip, np.ones((2 * reach + 1, 1), np.uint8)) > 0
            if kind == 1:
                inner &= near.mean(axis=1) >= PARAMS.rule_crossing_cover
            else:
                for part in np.array_split(near, PARAMS.space_crossing_parts, axis=1):
                    if part.shape[1]:
                        inner &= part.any(axis=1)
                inner &= near.mean(axis=1) >= PARAMS.space_crossing_cover
        joined[y0:y1][~inner, a:b] = 0
    for c in cuts:
        joined[max(0, c.y0):c.y1, max(0, c.x0):c.x1] = 0
    found, labels = component_boxes(text, joined)
    return [Seg(b, label=i) for i, b in found], labels


def _side_run(strip: np.ndarray, r0: int, r1: int) -> tuple[int, int] | None:
    """The run of inked rows of ``strip`` (gaps of 2 rows bridged) meeting rows ``r0:r1``, or None."""
    idx = np.flatnonzero(strip.any(axis=1))
    if len(idx) == 0:
        return None
    breaks = np.flatnonzero(np.diff(idx) > PARAMS.side_run_step_px)
    for s0, s1 in zip(np.r_[0, breaks + 1], np.r_[breaks, len(idx) - 1]):
        top, bot = int(idx[s0]), int(idx[s1]) + 1
        if top < r1 and bot > r0:
            return top, bot
    return None


def _words(st: np.ndarray, keep: np.ndarray, a: int, b: int, em: float) -> np.ndarray:
    """Components (``st``: stats of the wall's crop, its columns ``a:b``) wholly inside the wall that are
    characters of a word standing there: at least ``gutter_glyph_em`` tall (a digit is 0.7 em, under the
    0.75 em a lone piece needs) with another such character, or a piece kept by its length, level beside it
    (overlapping over half the lower one's height) within ``gutter_word_gap_em``, one of them under 0.75
    em, with white over and under them (``gutter_word_white_em``: nothing but specks); and the small marks
    in the white between such a pair, level with it (the colon of 06:30, a decimal point).  A listing's first column narrower than a grid column (a time, 2-3 em) is folded into the gutter
    beside it (columns.column_grid): its digits are no dust (browser 31 cq_005: 20 times of a TV listing
    erased, their programmes read without them).  Two pieces kept by their length already keep the marks
    between them erased as before (specks of a heavy scan between two characters of a vertical article
    standing in a gutter, browser dev bd_005)."""
    x, y, w, h = (st[:, k].astype(np.int64) for k in range(4))
    within = (x >= a) & (x + w <= b)
    within[0] = False
    tall = within & ((h >= PARAMS.gutter_glyph_em * em) | keep)
    out = np.zeros(len(st), bool)
    idx = np.flatnonzero(tall)
    if len(idx) < 2:
        return out
    idx = idx[np.argsort(x[idx])]
    gap = PARAMS.gutter_word_gap_em * em
    lead = PARAMS.gutter_word_white_em * em
    seen = within & (np.maximum(w, h) >= PARAMS.listing_speck_em * em)     # ink that is no speck
    boxes = []
    for k, i in enumerate(idx):
        for j in idx[k + 1:]:
            if x[j] - (x[i] + w[i]) > gap:
                break
            if not (keep[i] and keep[j]) and min(y[i] + h[i], y[j] + h[j]) - max(y[i], y[j]) > 0.5 * min(h[i], h[j]):
                x0, x1 = min(x[i], x[j]), max(x[i] + w[i], x[j] + w[j])
                y0, y1 = min(y[i], y[j]), max(y[i] + h[i], y[j] + h[j])
                near = seen & (x < x1) & (x + w > x0) \
                    & (((y < y0) & (y + h > y0 - lead)) | ((y + h > y1) & (y < y1 + lead)))
                if near.any():
                    continue            # no white above and below it: film grain, a character of text set solid
                out[i] = out[j] = True
                boxes.append((x[i] + w[i], max(y[i], y[j]) - min(h[i], h[j]) // PARAMS.gutter_word_mark_parts, x[j],
                              min(y[i] + h[i], y[j] + h[j]) + min(h[i], h[j]) // PARAMS.gutter_word_mark_parts))
    for x0, y0, x1, y1 in boxes:            # the colon in the white between them, a decimal point
        out |= within & (x >= x0) & (x + w <= x1) & (y >= y0) & (y + h <= y1)
    return out


def glyph_ink(text: np.ndarray, a: int, b: int, y0: int, y1: int, em: float) -> np.ndarray:
    """The ink inside wall columns ``a:b`` (rows ``y0:y1``) that belongs to text: pieces reaching out of the
    wall or as long as 0.75 em, the characters of a word standing in the wall (``_words``), and small marks
    (a comma of a line running across the gutter) lying within the rows of one line of text level on both
    sides of the wall.  Other specks wholly inside a gutter (a blot straddling two lines) are dust."""
    inside = text[y0:y1, a:b] > 0
    if em <= 0 or not inside.any():
        return inside
    h, w = text.shape
    lo, hi = max(0, a - 1), min(w, b + 1)
    n, labels, st, _ = cv2.connectedComponentsWithStats((text[y0:y1, lo:hi] > 0).astype(np.uint8), connectivity=8)
    keep = ((st[:, 0] < a - lo) | (st[:, 0] + st[:, 2] > b - lo)
            | (np.maximum(st[:, 2], st[:, 3]) >= PARAMS.gutter_mark_min_em * em))
    keep |= _words(st, keep, a - lo, b - lo, em)
    reach, tol = max(2, int(round(em))), PARAMS.gutter_mark_level_em * em
    for i in np.flatnonzero(~keep[1:]) + 1:
        c0, c1 = y0 + int(st[i, 1]), y0 + int(st[i, 1] + st[i, 3])
        r0, r1 = max(0, c0 - reach), min(h, c1 + reach)
        left = _side_run(text[r0:r1, max(0, a - reach):a] > 0, c0 - r0, c1 - r0)
        right = _side_run(text[r0:r1, b:min(w, b + reach)] > 0, c0 - r0, c1 - r0)
        level = left and right and abs(left[0] - right[0]) <= tol and abs(left[1] - right[1]) <= tol
        if level and c0 - r0 >= min(left[0], right[0]) - tol and c1 - r0 <= max(left[1], right[1]) + tol:
            keep[i] = True
    keep[0] = False
    return keep[labels][:, a - lo:b - lo] & inside


def clear_gutter_dust(text: np.ndarray, gutters: list[Box], em: float) -> None:
    """Erase (in place) the specks lying wholly inside column gutters: dust there would carry a body line
    across the gutter or make the line beside it look tall.  Glyphs drawn across a gutter stay."""
    h, w = text.shape
    for g in gutters:
        a, b, y0, y1 = max(0, g.x0), min(w, g.x1), max(0, g.y0), min(h, g.y1)
        if b > a and y1 > y0:
            text[y0:y1, a:b][~glyph_ink(text, a, b, y0, y1, em)] = 0


def own_ink(text: np.ndarray, labels: np.ndarray | None, s: Seg) -> np.ndarray:
    """The fragment's own ink inside its box (other lines' ink reaching into the box left out)."""
    b = s.box
    crop = text[b.y0:b.y1, b.x0:b.x1] > 0
    if labels is not None and s.label > 0:
        crop &= labels[b.y0:b.y1, b.x0:b.x1] == s.label
    return crop


def field_gaps(text: np.ndarray, segs: list[Seg], em: float) -> None:
    """Count on each horizontal line the white runs inside it at least ``PARAMS.field_gap_em`` wide with a
    whole character on both sides (the gap between a credit line's fields: '本报记者  张三  通讯员  李四'):
    ink over at least ``PARAMS.field_flank_share`` of the line's height within half an em of each side.
    Running text leaves as wide a white only beside a punctuation mark ('”，' '》、': small marks at the
    top or the foot of the line, some lost at layout resolution).  Sets ``Seg.fields``."""
    wide = PARAMS.field_gap_em * em
    reach = max(1, int(round(PARAMS.field_flank_em * em)))
    for s in segs:
        b = s.box
        if s.vertical or b.width < PARAMS.field_line_min_gaps * wide:
            continue
        crop = text[b.y0:b.y1, b.x0:b.x1] > 0
        xs = np.flatnonzero(crop.any(axis=0))
        if len(xs) < 2:
            continue
        tall = PARAMS.field_flank_share * b.height
        n = 0
        for i in np.flatnonzero(np.diff(xs) - 1 >= wide):
            left = crop[:, max(0, xs[i] + 1 - reach):xs[i] + 1].any(axis=1)
            right = crop[:, xs[i + 1]:xs[i + 1] + reach].any(axis=1)
            if left.sum() >= tall and right.sum() >= tall:
                n += 1
        s.fields = n


def estimate_em(segs: list[Seg]) -> float:
    """Body type size: the median height of the long, flat fragments (most of them are body lines)."""
    P = PARAMS
    hs = np.array([s.size for s in segs if s.box.width >= P.em_flat_aspect * s.box.height
                   and s.box.height >= P.em_min_px], float)
    if len(hs) < P.em_min_lines:
        hs = np.array([s.size for s in segs if s.box.height >= P.em_min_px], float)
    return float(np.median(hs)) if len(hs) else P.em_fallback_px


def merge_pieces(segs: list[Seg], em: float) -> list[Seg]:
    """Join fragments of one line: stacked pieces of a character (二, 旱) and small pieces beside a line."""
    P = PARAMS
    boxes = [s.box for s in segs]
    for _ in range(P.merge_pieces_passes):
        if not boxes:
            break
        arr = np.array([(b.x0, b.y0, b.x1, b.y1) for b in boxes], float)
        hs, ws = arr[:, 3] - arr[:, 1], arr[:, 2] - arr[:, 0]
        alive = np.ones(len(boxes), bool)
        small = np.nonzero((hs < P.piece_small_height_em * em) | (ws < P.piece_small_width_em * em))[0]
        merged = False
        for i in small:
            if not alive[i]:
                continue
            a = arr[i]
            xo = np.minimum(a[2], arr[:, 2]) - np.maximum(a[0], arr[:, 0])
            yo = np.minimum(a[3], arr[:, 3]) - np.maximum(a[1], arr[:, 1])
            uh = np.maximum(a[3], arr[:, 3]) - np.minimum(a[1], arr[:, 1])
            stacked = ((xo > P.piece_stack_overlap * np.minimum(ws[i], ws)) & (yo > -P.piece_stack_gap_em * em)
                       & (uh <= P.piece_stack_height * np.maximum(em, hs)))
            row = (yo > 0.5 * np.minimum(hs[i], hs)) & (-xo < P.piece_row_gap_em * em) & (hs >= hs[i] * P.piece_row_height)
            cand = np.nonzero((stacked | row) & alive)[0]
            cand = cand[cand != i]
            if len(cand) == 0:
                continue
            j = int(cand[np.argmax(hs[cand] * ws[cand])])
            arr[j] = [min(a[0], arr[j, 0]), min(a[1], arr[j, 1]), max(a[2], arr[j, 2]), max(a[3], arr[j, 3])]
            hs[j], ws[j] = arr[j, 3] - arr[j, 1], arr[j, 2] - arr[j, 0]
            alive[i] = False
            merged = True
        boxes = [Box(*map(int, arr[k])) for k in np.nonzero(alive)[0]]
        if not merged:
            break
    return [Seg(b) for b in sorted(boxes, key=lambda b: (b.y0, b.x0))]


def _headline_pieces(t: Seg, s: Seg, gap: int, em: float) -> bool:
    """Two pieces of one line of headline type cut apart where a column gutter runs up into the headline:
    both with a dense core (``Seg.size``, not the box: ascenders and descenders of Latin and Fraktur body
    type make tall boxes) at least ``headline_min_em``, level (tops and heights within 15 %), and the white
    between them under half their height, as between the characters of one headline (two headlines side by
    side are set apart by a gutter and the ragged end of the left one, far more than that)."""
    a, b = t.box, s.box
    h = max(a.height, b.height)
    level = PARAMS.headline_piece_level * h
    return (min(t.size, s.size) >= PARAMS.headline_min_em * em and abs(a.height - b.height) <= level
            and abs(a.y0 - b.y0) <= level and 0 <= gap <= PARAMS.headline_piece_gap * min(a.height, b.height))


def _headlines_apart(t: Seg, s: Seg, gap: int, em: float, gutters: list[tuple[int, int]]) -> bool:
    """Two pieces of display type (dense core at least ``PARAMS.display_min_em``) more than
    ``PARAMS.headline_space_max`` of their height apart, in two columns of the grid (a gutter's middle lies
    between the left one's start and the right one's end, or their type sizes differ by more than
    ``headline_piece_level``): two headlines side by side, not one.  Pieces of one type size within one grid
    column are one headline whatever the white between them (a middle dot there, 今日16版 · 总第384, is as
    small as dust and goes with it: browser 21 by_004)."""
    a, b = t.box, s.box
    one_type = abs(t.size - s.size) <= PARAMS.headline_piece_level * max(t.size, s.size)
    return min(t.size, s.size) >= PARAMS.display_min_em * em \
        and gap > PARAMS.headline_space_max * min(a.height, b.height) \
        and (not one_type or any(g0 <= g1 and a.x0 < (g0 + g1) / 2 < b.x1 for g0, g1 in gutters))


def _straddles(a: Box, b: Box, gutters: list[tuple[int, int]], em: float, near: list[Box]) -> bool:
    """Are ``a`` (left) and ``b`` (right) the halves of one short line set centred over two columns and cut at
    the gutter between them (a byline over an article's two columns whose field gap falls on it: browser 9
    bx_002, bx_004)?  Each ends within ``straddle_reach_em`` of that gutter, the white between them is wider
    than the gutter (running text runs flush to both its sides), they are centred on it
    (``centred_offset_em``), and the lines ``near`` them (the rows above and below) reach more than
    ``straddle_inset_em`` beyond each on its column's outer side: the columns are wider than the halves."""
    p = PARAMS
    for g0, g1 in gutters:
        if not (g0 <= g1 and g0 >= a.x1 - 1 and g1 <= b.x0 + 1):
            continue
        if g0 - a.x1 > p.straddle_reach_em * em or b.x0 - g1 > p.straddle_reach_em * em \
                or (g0 - a.x1) + (b.x0 - g1) < p.straddle_white_em * em \
                or abs((a.x0 + b.x1) / 2 - (g0 + g1) / 2) > p.centred_offset_em * em:
            return False
        inset = p.straddle_inset_em * em
        wider_left = any(n.x0 <= a.x0 - inset and a.x0 < n.x1 <= g0 + 1 for n in near)
        wider_right = any(n.x1 >= b.x1 + inset and g1 - 1 <= n.x0 < b.x1 for n in near)
        return wider_left and wider_right
    return False


def _bridged(a: Box, b: Box, gutters: list[tuple[int, int]], em: float, near: list[Box]) -> bool:
    """Do the lines next to ``a`` (left) and ``b`` (right) above and below (``near``: ``_near_lines`` within
    ``bridge_near_lines``) each run across the grid gutter between them, ``bridge_over_em`` beyond both its
    sides?  Then no gutter runs through these rows (a band of small ads under body columns), and the two are
    pieces of one line cut where a white between its characters fell in the gutter."""
    over = PARAMS.bridge_over_em * em
    for g0, g1 in gutters:
        if not (g0 <= g1 and g0 >= a.x1 - 1 and g1 <= b.x0 + 1):
            continue
        across = [n for n in near if n.x0 <= g0 - over and n.x1 >= g1 + over]
        above = any(n.y1 <= min(a.y0, b.y0) for n in across)
        below = any(n.y0 >= max(a.y1, b.y1) for n in across)
        return above and below
    return False


def _near_lines(segs: list[Seg], t: Seg, s: Seg, lines: float | None = None) -> list[Box]:
    """The lines of ``segs`` in the rows above and below the pair ``t``, ``s`` (``_straddles``): within
    ``straddle_near_lines`` of the pair's height of it, their type size within a quarter of the pair's
    (``Seg.size``; a headline set under or over the pair is no line of its columns: synth 81 sr_007, two
    columns' last lines taken for a byline's halves over the headlines of the band below, as wide)."""
    a, b = t.box, s.box
    reach = (PARAMS.straddle_near_lines if lines is None else lines) * max(a.height, b.height)
    size = max(t.size, s.size)
    return [n.box for n in segs if n is not t and n is not s
            and 0 < max(n.box.y0 - max(a.y1, b.y1), min(a.y0, b.y0) - n.box.y1) <= reach
            and PARAMS.straddle_near_size[0] * size <= n.size <= PARAMS.straddle_near_size[1] * size]


def _end_mark(text: np.ndarray, box: Box, right: bool) -> int:
    """The width of the mark at one end of a line (its last inked run of columns, from the end to the first
    white column gap of ``bracket_white_frac`` of the line's height), or 0 when no white parts it from the
    rest of the line."""
    prof = (text[box.y0:box.y1, box.x0:box.x1] > 0).any(axis=0)
    if right:
        prof = prof[::-1]
    ink = np.flatnonzero(prof)
    if ink.size == 0:
        return 0
    start = int(ink[0])
    white = np.flatnonzero(~prof[start:])
    if white.size == 0:
        return 0
    end = start + int(white[0])                 # first white column after the end mark
    rest = np.flatnonzero(prof[end:])
    if rest.size == 0 or rest[0] < PARAMS.bracket_white_frac * box.height:
        return 0
    return end - start


def _bracket_white(text: np.ndarray, a: Box, b: Box) -> float:
    """The white of their own cells that two facing punctuation marks leave between two pieces of a line of
    display type: a closing bracket inks the left side of its square cell, an opening one the right side, so
    between "日）" and "（附" lies over a full em of white that is no space (synth 78 s78_002: a headline
    "...日）（附图片1张）" cut there at a column gutter).  Counted only when the marks at both facing ends are
    narrow (at most ``bracket_max_width`` of the line's height) and stand apart from the rest of their
    piece: each mark's cell is taken as ``bracket_cell`` of the line's height wide."""
    h = min(a.height, b.height)
    wa, wb = _end_mark(text, a, right=True), _end_mark(text, b, right=False)
    if not (0 < wa <= PARAMS.bracket_max_width * h and 0 < wb <= PARAMS.bracket_max_width * h):
        return 0.0
    return max(0.0, PARAMS.bracket_cell * h - wa) + max(0.0, PARAMS.bracket_cell * h - wb)


def join_row(segs: list[Seg], em: float, gutters: list[tuple[int, int]], cuts: list[Box] = (),
             hard: list[Box] = (), text: np.ndarray | None = None) -> list[Seg]:
    """Join fragments on one row separated by wide spaces (bylines) unless a column gutter or a separator
    (``cuts``) lies between.  Pieces alike in box height or in dense core (``measure_core``, when measured)
    join: a few rows of the neighbouring line's ink in one piece's box do not keep it apart, nor does the
    small x-height core of a run of Latin letters.  Pieces of one headline line (``_headline_pieces``) join
    across a gutter or a cut too, but never across a rule or frame side (``hard``)."""
    segs = sorted(segs, key=lambda s: (s.box.x0, s.box.y0))
    out: list[Seg] = []
    # the boxes of ``out`` as arrays, to find at once the pieces ending left of a fragment and sharing rows
    # with it: only those pass the first test below (pages have many pairs), taken in the same order
    ox1, oy0, oy1 = (np.zeros(len(segs)) for _ in range(3))

    def between(c: Box, a: Box, b: Box) -> bool:
        return c.x0 >= a.x1 - 1 and c.x1 <= b.x0 + 1 and c.y0 < max(a.y1, b.y1) and c.y1 > min(a.y0, b.y0)

    for s in segs:
        m, sb = len(out), s.box
        near = np.flatnonzero((ox1[:m] <= sb.x0) & (oy1[:m] > sb.y0) & (oy0[:m] < sb.y1) & (oy1[:m] > oy0[:m])
                              & (sb.y1 > sb.y0))
        for k in near.tolist():
            t = out[k]
            a, b = t.box, s.box
            yo = min(a.y1, b.y1) - max(a.y0, b.y0)
            gap = b.x0 - a.x1
            if gap < 0 or yo <= 0:          # neither join below holds (cheap test first: pages have many pairs)
                continue
            # (grid columns of two bands may overlap: the "gutter" between two such columns runs backwards
            # and lies between nothing; bq_003: a headline cut at its 、 where one did)
            across_grid = any(g0 <= g1 and g0 >= a.x1 - 1 and g1 <= b.x0 + 1 for g0, g1 in gutters)
            level = PARAMS.headline_piece_level * max(a.height, b.height)
            pair = across_grid and abs(a.y0 - b.y0) <= level and abs(a.height - b.height) <= level
            straddle = pair and _straddles(a, b, gutters, em, _near_lines(segs, t, s))
            bridged = pair and not straddle and not any(between(c, a, b) for c in cuts) \
                and _bridged(a, b, gutters, em, _near_lines(segs, t, s, PARAMS.bridge_near_lines))
            white = gap                     # the white that is space: a bracket pair's own white is not
            if text is not None and min(t.size, s.size) >= PARAMS.display_min_em * em \
                    and gap > PARAMS.headline_piece_gap * min(a.height, b.height):
                white = max(0, int(gap - _bracket_white(text, a, b)))
            if (_headline_pieces(t, s, white, em) or (
                    yo > PARAMS.row_join_level * min(a.height, b.height) and gap < PARAMS.row_join_gap_em * em
                    and (abs(a.height - b.height) < PARAMS.row_join_alike * max(a.height, b.height)
                         or abs(t.size - s.size) < PARAMS.row_join_alike * max(t.size, s.size))
                    and (straddle or bridged or (not across_grid and not any(between(c, a, b) for c in cuts)))
                    and not _headlines_apart(t, s, white, em, gutters))) \
                    and not any(between(c, a, b) for c in hard):
                out[k] = Seg(a.union(b), core=max(t.core, s.core) if t.core and s.core else 0.0)
                ox1[k], oy0[k], oy1[k] = out[k].box.x1, out[k].box.y0, out[k].box.y1
                break
        else:
            ox1[m], oy0[m], oy1[m] = sb.x1, sb.y0, sb.y1
            out.append(s)
    return sorted(out, key=lambda s: (s.box.y0, s.box.x0))


def _core(prof: np.ndarray, around_peak: bool = False) -> float:
    """Rows from the first to the last holding a fifth of the densest row's ink; ``around_peak``: only the
    run of such rows around the densest row (another line's ink in the box lies beyond a thinner row)."""
    if prof.size == 0 or prof.max() == 0:
        return 0.0
    dense = prof >= PARAMS.core_row_share * prof.max()
    if around_peak:
        top = bot = int(np.argmax(prof))
        while top > 0 and dense[top - 1]:
            top -= 1
        while bot + 1 < len(dense) and dense[bot + 1]:
            bot += 1
        return float(bot - top + 1)
    idx = np.nonzero(dense)[0]
    return float(idx[-1] - idx[0] + 1)


def _level_profile(crop: np.ndarray, pieces: int) -> np.ndarray | None:
    """The row profile of a horizontal line's ink with the line levelled: the ink's mean row in each of
    ``pieces`` stretches along it, a straight line fitted through them, and every column shifted by it.
    None when the line is level already (its ends less than a row apart)."""
    h, w = crop.shape
    ys, xs = np.nonzero(crop)
    # the stretches np.array_split(crop, pieces, axis=1) makes; per stretch its ink's pixel count and the sums
    # of its pixels' columns (from the stretch's start) and rows: integers, so exactly the numbers summed
    # stretch by stretch before (and the means below divide the same floats)
    each, extra = divmod(w, pieces)
    starts = np.cumsum([0] + [each + 1] * extra + [each] * (pieces - extra))[:-1]
    part = np.searchsorted(starts, xs, side="right") - 1
    count = np.bincount(part, minlength=pieces).astype(np.float64)
    sum_x = np.bincount(part, weights=xs - starts[part], minlength=pieces)
    sum_y = np.bincount(part, weights=ys, minlength=pieces)
    mx = [int(starts[k]) + float(sum_x[k]) / count[k] for k in range(pieces) if count[k] > 0]
    my = [float(sum_y[k]) / count[k] for k in range(pieces) if count[k] > 0]
    if len(mx) < 2:
        return None
    x, y = np.array(mx), np.array(my)
    dx = x - x.mean()
    slope = float(dx @ (y - y.mean())) / float(dx @ dx)
    if abs(slope) * w < 1.0:
        return None
    yy = ys - np.round(slope * (xs - w / 2.0)).astype(int)
    return np.bincount(yy - yy.min())


def measure_core(text: np.ndarray, segs: list[Seg]) -> list[Seg]:
    """Set each line's ``core``: the span of rows (columns for vertical lines) holding at least a fifth of
    the line's peak ink, i.e. the body of the characters without protruding brackets and punctuation.
    A long horizontal line (``core_pieces`` stretches of ``core_piece_len`` of its height or longer) is
    measured levelled along its own slope (``_level_profile``): a line that slopes (a warped page, the
    foot of a scan) spans more rows end to end than its type is tall, and must not pass for bigger type;
    and its core is the dense run around its densest row: the descenders or ascenders of the lines above
    and below in its box (lines set tight, a box widened by a joined piece) lie beyond a thinner row.  A
    long line has ink in every row of its own type (8 characters or more), a short one may not (二)."""
    p = PARAMS
    for s in segs:
        b = s.box
        crop = text[b.y0:b.y1, b.x0:b.x1] > 0
        prof = None
        long = not s.vertical and b.width >= p.core_pieces * p.core_piece_len * b.height
        if long:
            prof = _level_profile(crop, p.core_pieces)
        if prof is None:
            prof = crop.sum(axis=0 if s.vertical else 1)
        core = _core(prof, around_peak=long)
        if core:
            s.core = core
    return segs


def inked_height(low: np.ndarray) -> int:
    """Rows from the first to the last inked row of a part (``low``: rows with no more than speckle ink), so
    a few rows of dust or descenders above or below a line do not make it look taller than a line."""
    idx = np.flatnonzero(~low)
    return int(idx[-1] - idx[0] + 1) if len(idx) else 0


def valley_cuts(prof: np.ndarray, low: np.ndarray, em: float) -> list[int]:
    """Rows at which to cut a wide fragment holding body lines that touch (blur, bleed-through, or the
    descenders and ascenders of Latin and Fraktur type): repeatedly the faintest row at least
    ``line_min_em`` from either end, while a piece is taller than ``line_max_em`` and that row holds at
    most ``valley_share`` of the piece's densest row.  Kept only if every piece is then one line tall."""
    p = PARAMS
    cuts = [0, len(prof)]
    k = 0
    while k < len(cuts) - 1:
        a, z = cuts[k], cuts[k + 1]
        lo, hi = a + int(p.line_min_em * em), z - int(p.line_min_em * em)
        if inked_height(low[a:z]) > p.line_max_em * em and hi > lo:
            y = lo + int(np.argmin(prof[lo:hi]))
            if prof[y] <= p.valley_share * prof[a:z].max():
                cuts.insert(k + 1, y)
                continue
        k += 1
    if len(cuts) > 2 and all(inked_height(low[a:z]) <= p.line_max_em * em for a, z in zip(cuts, cuts[1:])):
        return cuts
    return [0, len(prof)]


def big_type(crop: np.ndarray, em: float) -> bool:
    """Is the ink of a fragment one line of big type (a headline line), not body lines run together?  Half
    of its ink (by area) lies in components taller than ``line_max_em`` but no wider than
    ``headline_max_em``: the characters and radicals of headline type.  Body lines that touch (blur,
    ascenders meeting descenders) are mostly characters under ``line_max_em`` tall, with a few blobs
    bridging them; lines blurred into one long blob are wider than any character."""
    n, _, st, _ = cv2.connectedComponentsWithStats(crop.astype(np.uint8), connectivity=8)
    if n <= 1:
        return False
    h, w, area = st[1:, 3], st[1:, 2], st[1:, 4]
    tall = (h > PARAMS.line_max_em * em) & (w <= PARAMS.headline_max_em * em)
    return float(area[tall].sum()) >= 0.5 * float(area.sum())


def body_type(crop: np.ndarray, em: float) -> bool:
    """Is most of a fragment's ink (by area) in components no taller than a body line (``line_max_em``):
    body lines (with specks between them), not the glyphs of a masthead title or a headline?"""
    n, _, st, _ = cv2.connectedComponentsWithStats(crop.astype(np.uint8), connectivity=8)
    if n <= 1:
        return False
    small = st[1:, 3] <= PARAMS.line_max_em * em
    return float(st[1:, 4][small].sum()) >= 0.5 * float(st[1:, 4].sum())


def column_slices(crop: np.ndarray, em: float) -> list[tuple[int, int]]:
    """The x ranges (of ``crop``, a fragment's own ink) of the columns of text a tall fragment holds: where its
    ink covers at least ``giant_column_share`` of the rows its densest columns cover, runs less than a gutter
    apart joined (params.giant_em); between them, a stretch a column wide whose ink is mostly characters
    (not grain: ``grain_glyph_em``) is a column of sparser text.  Empty when that is the whole fragment (one
    column, nothing to cut) or a range is narrower than a column (a listing's fields)."""
    share = crop.mean(axis=0)
    if share.size == 0 or share.max() <= 0:
        return []
    dense = share >= PARAMS.giant_column_share * float(np.percentile(share, PARAMS.giant_dense_percentile))
    gutter = max(1, int(round(PARAMS.gutter_min_width_em * em)))
    parts = [(a, z) for a, z in runs(dense, gutter) if z - a >= PARAMS.giant_column_min_em * em]
    if not parts:
        return []
    n, _, st, cent = cv2.connectedComponentsWithStats(crop.astype(np.uint8), connectivity=8)
    glyph = np.maximum(st[1:, 2], st[1:, 3]) >= PARAMS.grain_glyph_em * em
    area, cx = st[1:, 4].astype(float), cent[1:, 0]
    edges = [0] + [v for a, z in parts for v in (a, z)] + [crop.shape[1]]
    for a, z in zip(edges[::2], edges[1::2]):           # the stretches between (and beside) the dense runs
        inside = (cx >= a) & (cx < z)
        if z - a >= PARAMS.column_min_width_em * em and area[inside & glyph].sum() >= 0.5 * area[inside].sum() > 0:
            parts.append((a, z))
    parts.sort()
    if len(parts) == 1 and parts[0][1] - parts[0][0] >= crop.shape[1] - gutter:
        return []
    if any(z - a < PARAMS.column_min_width_em * em for a, z in parts):
        return []                               # fields of a listing, not columns
    return parts


def vertical_chain(crop: np.ndarray, em: float) -> tuple[int, int] | None:
    """The x range (of ``crop``, a tall fragment's own ink) of the columns of a vertical article inside it: the
    longest chain of at least ``vertical_chain_columns`` dense runs (as :func:`column_slices` finds them), each
    one character wide (``line_min_em`` to ``line_max_em``), the channel between two no wider than the wider of
    them, and inked down at least ``vertical_columns_min_chars`` times their width in the median (the columns
    of a text; a Fraktur masthead title's letter stems, 12 em tall and 1.3 em wide, are not: real NZZ 1890).
    None when there is none."""
    share = crop.mean(axis=0)
    if share.size == 0 or share.max() <= 0:
        return None
    dense = share >= PARAMS.giant_column_share * float(np.percentile(share, PARAMS.giant_dense_percentile))
    gutter = max(1, int(round(PARAMS.gutter_min_width_em * em)))
    best: list[tuple[int, int]] = []
    chain: list[tuple[int, int]] = []
    for a, z in runs(dense, gutter):
        if not PARAMS.line_min_em * em <= z - a <= PARAMS.line_max_em * em:
            chain = []
            continue
        if chain and a - chain[-1][1] > max(z - a, chain[-1][1] - chain[-1][0]):
            chain = []
        chain.append((a, z))
        if len(chain) > len(best):
            best = list(chain)
    if len(best) < PARAMS.vertical_chain_columns:
        return None
    inked = [np.flatnonzero(crop[:, a:z].any(axis=1)) for a, z in best]
    if np.median([(r[-1] - r[0] + 1) / (z - a) for r, (a, z) in zip(inked, best)]) \
            < PARAMS.vertical_columns_min_chars:
        return None                     # runs under ten characters long: the stems of big letters, no columns
    return best[0][0], best[-1][1]


def _columns_span(crop: np.ndarray, em: float) -> tuple[int, int] | None:
    """The x range of a vertical article's columns in ``crop`` (a giant fragment's own ink that looks vertical
    as a whole), without a "column" at either side wider than the biggest type (``headline_max_em``): that is
    no column of characters but rows of horizontal text beside the article, joined to it by the line smear (a
    neighbour's headline and kicker beside the article's headline column, browser 69 di_002; kept in the
    fragment, the neighbour's first lines were read as one column of the vertical article, and the rest of
    that article started articles of its own).  None when there is no such side."""
    from .vertical import vertical_lines
    cols = sorted(vertical_lines(crop.astype(np.uint8), Box(0, 0, crop.shape[1], crop.shape[0]), em),
                  key=lambda c: c.box.x0)
    wide = PARAMS.headline_max_em * em
    lo, hi = 0, len(cols)
    while lo < hi and cols[lo].box.width > wide:
        lo += 1
    while hi > lo and cols[hi - 1].box.width > wide:
        hi -= 1
    if (lo == 0 and hi == len(cols)) or hi - lo < PARAMS.vertical_chain_columns:
        return None
    return cols[lo].box.x0, cols[hi - 1].box.x1


def _cut_vertical_chain(crop: np.ndarray, s: Seg, em: float, beside: bool = False) -> tuple[Seg, list[Seg]] | None:
    """A tall fragment holding a vertical article (:func:`vertical_chain`) and ink beside it: the article's
    columns as one fragment, and the ink left and right of it (what there is) as fragments of their own.
    None when there is no such article or nothing beside it, or when the fragment looks vertical as a whole
    (``vertical.looks_vertical``: the article alone, perhaps with a short column of its own beside the chain,
    which detect_vertical reads whole) unless, with ``beside`` (a horizontal page), rows of horizontal text lie
    at its side (:func:`_columns_span`: then the article is its columns without them)."""
    from .vertical import ink_looks_vertical
    chain = vertical_chain(crop, em)
    if chain is None:
        return None
    if ink_looks_vertical(crop):
        chain = _columns_span(crop, em) if beside else None
        if chain is None:
            return None
    b = s.box

    def piece(x0: int, x1: int) -> Seg | None:
        ys, xs = np.nonzero(crop[:, x0:x1])
        if not len(xs):
            return None
        return Seg(Box(b.x0 + x0 + int(xs.min()), b.y0 + int(ys.min()), b.x0 + x0 + int(xs.max()) + 1,
                       b.y0 + int(ys.max()) + 1), s.vertical, label=s.label)
    beside = [q for q in (piece(0, chain[0]), piece(chain[1], crop.shape[1])) if q is not None]
    article = piece(*chain)
    return (article, beside) if beside and article is not None else None


def lines_share(cuts: list[int], line_like: list[bool]) -> float:
    """The share of a fragment's height (cut at ``cuts``) in row pieces one body line tall (``line_like``)."""
    return sum(z - a for (a, z), ok in zip(zip(cuts, cuts[1:]), line_like) if ok) / max(1, cuts[-1] - cuts[0])


def split_tall(text: np.ndarray, segs: list[Seg], em: float, labels: np.ndarray | None = None,
               gutters: list[Box] | None = None, walls: list[Box] | None = None, grain: bool = False,
               beside: bool = False) -> list[Seg]:
    """Cut fragments that hold several lines (touching through blur, bleed-through or dust) at the empty
    rows between them; a fragment of several columns' lines joined by film grain (params.giant_em) first
    down its columns, whose gutters (gutter-wide) are appended to ``gutters`` when given.  A vertical article
    in such a fragment (:func:`vertical_chain`) is cut out whole first; its sides are appended to ``walls``
    (for join_row as rules are: its columns are level pieces of one height, which join_row would join to the
    ink beside them again as pieces of one headline).  ``grain`` (layout.grain_joined_lines, the microfilm profile): a
    giant fragment inside the page whose row pieces are mostly body lines is cut at its rows
    (params.giant_rows_line_share).  ``beside`` (a horizontal page): a vertical article is cut out of a fragment
    that looks vertical as a whole too, when rows of horizontal text lie at its side (:func:`_columns_span`)."""
    out: list[Seg] = []
    for s in segs:
        b = s.box
        if b.height <= PARAMS.split_tall_min_em * em or b.width < PARAMS.split_tall_min_width_em * em:
            out.append(s)
            continue
        crop = own_ink(text, labels, s)
        giant = b.height > PARAMS.giant_em * em
        cut = _cut_vertical_chain(crop, s, em, beside) if giant else None
        if cut is not None:                     # a vertical article beside other columns (vertical_chain_columns):
            art = cut[0].box                    # its columns whole, the ink beside it cut again; its sides are
            out.append(cut[0])                  # walls for join_row
            out += split_tall(text, cut[1], em, labels, gutters, walls, grain, beside)
            if walls is not None:
                walls += [Box(q.box.x1, b.y0, art.x0, b.y1) if q.box.x1 <= art.x0 else
                          Box(art.x1, b.y0, q.box.x0, b.y1) for q in cut[1]]
            continue
        parts = column_slices(crop, em) if giant and body_type(crop, em) else []
        if parts:                               # lines of several columns joined by grain (params.giant_em)
            pieces = []
            for x0, x1 in parts:                # each column at its own white rows, as far as they go
                sub = crop[:, x0:x1]
                rows = sub.sum(axis=1)
                for a, z in runs(rows > max(1, EMPTY_ROW_SHARE * rows.max())):
                    if z - a < PARAMS.line_min_em * em:
                        continue                # grain between two lines
                    xs = np.flatnonzero(sub[a:z].any(axis=0))
                    pieces.append(Seg(Box(b.x0 + x0 + int(xs[0]), b.y0 + a, b.x0 + x0 + int(xs[-1]) + 1,
                                          b.y0 + z), s.vertical, label=s.label))
            out += split_tall(text, pieces, em, labels, gutters, walls, grain, beside)
            if gutters is not None:
                gutters += [Box(b.x0 + a[1], b.y0, b.x0 + z[0], b.y1) for a, z in zip(parts, parts[1:])
                            if z[0] - a[1] <= PARAMS.gutter_max_width_em * em]
            continue
        prof = crop.sum(axis=1)
        low = prof <= max(1, EMPTY_ROW_SHARE * prof.max())
        cuts = [0]
        y = 0
        while y < len(low):
            if low[y]:
                e = y
                while e < len(low) and low[e]:
                    e += 1
                mid = (y + e) // 2
                if mid - cuts[-1] >= PARAMS.split_piece_min_em * em and (len(low) - mid) >= PARAMS.split_piece_min_em * em and prof[cuts[-1]:mid].max() > 0:
                    cuts.append(mid)
                y = e
            else:
                y += 1
        cuts.append(len(low))
        line_like = [PARAMS.line_min_em * em <= z - a and inked_height(low[a:z]) <= PARAMS.line_max_em * em
                     for a, z in zip(cuts, cuts[1:])]
        stacked = len(cuts) > 2 and not all(line_like)
        # a fragment taller than any character (params.giant_em) touching the image edge, which
        # layout.off_edge would drop whole, or on film (``grain``) inside the page with its row pieces mostly
        # body lines (params.giant_rows_line_share), which recognition would read as one line: its row pieces, each cut
        # at its gutter-wide white too (join_row joins the pieces of one line again, never across a gutter),
        # are cut again on their own
        if stacked and giant and (b.x0 <= 1 or b.y0 <= 1 or b.x1 >= text.shape[1] - 1 or b.y1 >= text.shape[0] - 1
                                  or grain and lines_share(cuts, line_like) >= PARAMS.giant_rows_line_share):
            pieces = []
            for a, z in zip(cuts, cuts[1:]):
                for x0, x1 in runs(crop[a:z].any(axis=0), PARAMS.gutter_min_width_em * em):
                    ys, xs = np.nonzero(crop[a:z, x0:x1])
                    pieces.append(Seg(Box(b.x0 + x0 + int(xs.min()), b.y0 + a + int(ys.min()),
                                          b.x0 + x0 + int(xs.max()) + 1, b.y0 + a + int(ys.max()) + 1),
                                      s.vertical, label=s.label))
            out += split_tall(text, pieces, em, labels, gutters, walls, grain, beside)
            continue
        if stacked:
            cuts = [0, len(low)]            # a big character with white rows inside, not stacked lines
        if len(cuts) == 2 and b.width >= PARAMS.valley_min_width_em * em and not big_type(crop, em):
            cuts = valley_cuts(prof, low, em)
        if len(cuts) == 2:
            out.append(s)
            continue
        for a, z in zip(cuts, cuts[1:]):
            part = crop[a:z]
            ys, xs = np.nonzero(part)
            if len(xs):
                out.append(Seg(Box(b.x0 + int(xs.min()), b.y0 + a + int(ys.min()), b.x0 + int(xs.max()) + 1,
                                   b.y0 + a + int(ys.max()) + 1), s.vertical))
    return out


def trim_dust(text: np.ndarray, segs: list[Seg], em: float, labels: np.ndarray | None = None) -> list[Seg]:
    """Drop dust that smearing hung on a line's ends: a tiny blob separated from the line by a gap."""
    out: list[Seg] = []
    small = PARAMS.dust_blob_em2 * em * em
    for s in segs:
        b = s.box
        crop = own_ink(text, labels, s)
        cols = crop.sum(axis=0)
        inked = cols > 0
        # runs of inked columns
        edges = np.flatnonzero(np.diff(np.concatenate([[0], inked.astype(np.int8), [0]])))
        starts, ends = edges[::2], edges[1::2]
        first = np.ones(len(starts), bool)             # pieces a hair apart are one blob
        first[1:] = starts[1:] - ends[:-1] >= PARAMS.dust_blob_gap_em * em
        last = np.ones(len(starts), bool)
        last[:-1] = first[1:]
        runs = [[a, z] for a, z in zip(starts[first].tolist(), ends[last].tolist())]
        if len(runs) < 2:
            out.append(s)
            continue
        while len(runs) >= 2 and cols[runs[-1][0]:runs[-1][1]].sum() <= small and runs[-1][0] - runs[-2][1] >= PARAMS.dust_gap_em * em:
            runs.pop()
        while len(runs) >= 2 and cols[runs[0][0]:runs[0][1]].sum() <= small and runs[1][0] - runs[0][1] >= PARAMS.dust_gap_em * em:
            runs.pop(0)
        x0, x1 = int(runs[0][0]), int(runs[-1][1])
        if (x0, x1) == (0, b.width):
            out.append(s)
            continue
        # rows of the line itself: the inked run around the densest row (the box may hold other lines' ink)
        prof = crop[:, x0:x1].sum(axis=1)
        top = bot = int(np.argmax(prof))
        while top > 0 and prof[top - 1] > 0:
            top -= 1
        while bot + 1 < len(prof) and prof[bot + 1] > 0:
            bot += 1
        out.append(Seg(Box(b.x0 + x0, b.y0 + top, b.x0 + x1, b.y0 + bot + 1), s.vertical, s.core, s.label))
    return out


def clip_to_text_area(text: np.ndarray, segs: list[Seg], left: int, right: int,
                      labels: np.ndarray | None = None, em: float = 0.0) -> list[Seg]:
    """Lines reaching past the text area (scanner-border debris in the margin hung on them) are cut back to
    it; their rows are recomputed from the ink left inside: a line's, the inked run around its densest row
    (other ink the debris hung on it goes); a fragment taller than giant_em (``em`` given: lines joined by
    grain in the margin, which split_tall cuts at its rows next), all its rows with ink inside."""
    out: list[Seg] = []
    for s in segs:
        b = s.box
        if b.x0 >= left and b.x1 <= right:
            out.append(s)
            continue
        x0, x1 = max(b.x0, left), min(b.x1, right)
        if x1 - x0 < 0.5 * b.width:
            out.append(s)                   # mostly outside: leave it (margin notes, page furniture)
            continue
        crop = own_ink(text, labels, s)[:, x0 - b.x0:x1 - b.x0]
        prof = crop.sum(axis=1)
        if prof.max() == 0:
            continue
        if 0 < em and b.height > PARAMS.giant_em * em:
            inked = np.flatnonzero(prof)
            top, bot = int(inked[0]), int(inked[-1])
        else:
            top = bot = int(np.argmax(prof))
            while top > 0 and prof[top - 1] > 0:
                top -= 1
            while bot + 1 < len(prof) and prof[bot + 1] > 0:
                bot += 1
        xs = np.flatnonzero(crop[top:bot + 1].any(axis=0))
        out.append(Seg(Box(x0 + int(xs[0]), b.y0 + top, x0 + int(xs[-1]) + 1, b.y0 + bot + 1), s.vertical,
                       label=s.label))
    return out


def extend_line_ends(lines: list[Seg], text: np.ndarray, em: float) -> None:
    """Line boxes of one block reach the block's measure: a line ending within 1.5 em of the right edge of
    the block's longest line is a full line and ends there (a closing mark such as 。，、： sits at the left
    of its cell, or was taken for dust); a shorter line (a paragraph end) takes in ink up to 1 em past its
    end on its own rows (a mark after a closing quote)."""
    horiz = [s for s in lines if not s.vertical]
    if len(horiz) < 2:
        return
    right = max(s.box.x1 for s in horiz)
    for s in horiz:
        b = s.box
        if right - b.x1 <= PARAMS.line_to_measure_em * em:
            s.box = Box(b.x0, b.y0, right, b.y1)
            continue
        x1 = min(right, b.x1 + int(round(PARAMS.line_end_mark_em * em)))
        inked = np.flatnonzero(text[b.y0:b.y1, b.x1:x1].any(axis=0))
        if len(inked):
            s.box = Box(b.x0, b.y0, b.x1 + int(inked[-1]) + 1, b.y1)
