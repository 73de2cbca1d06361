"""Ink analysis of one line crop: ink mask, em, specks, box tightening, line ends, merged lines.

Plain functions on small numpy arrays (a line crop or the working image around one line), used
by the recognition stage.  Ink is found with Otsu's threshold per crop; "specks" are connected
components much smaller than a character stroke.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import cv2
import numpy as np

from .engines.base import CharResult
from .geometry import Box
from .textclean import is_cjk, is_latin

SPECK_AREA = 0.015         # ink components under this share of em squared are specks (box tightening)
TRAIL_START = 0.6          # ink this close (line heights) after a line's end belongs to it ...
TRAIL_MAX = 1.6            # ... when it ends within this distance
TRAIL_GAP = 0.45           # gaps inside that ink (between 。 and ”) are narrower than this
BAND_SPLIT_RATIO = 1.7     # a horizontal crop this many times its tallest ink band holds 2+ lines


def ink_mask(crop: np.ndarray) -> np.ndarray:
    """Dark pixels of a line crop (Otsu), as a bool array."""
    if crop.size == 0 or int(crop.max()) - int(crop.min()) < 24:
        return np.zeros(crop.shape, bool)
    _, inv = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return inv.astype(bool)


def line_em(ink: np.ndarray, vertical: bool = False) -> float:
    """The text's em across the line: extent of the rows (columns) that carry real ink, not specks."""
    profile = ink.sum(axis=0 if vertical else 1)
    length = ink.shape[0 if vertical else 1]
    idx = np.where(profile >= max(2, 0.01 * length))[0]
    return float(idx[-1] - idx[0] + 1) if idx.size else float(ink.shape[1 if vertical else 0])


class Components:
    """The 8-connected components of one ink mask, found once.

    Every mask the recognition stage derives from a line's ink (without specks, the line's core
    ink, without blobs, the marks in a field gap) keeps or drops whole components.  Removing whole
    components never joins or splits the others, so one labelling of the crop's ink serves them
    all: a selection is a bool per component (``keep``, index 0 is the background) and
    :meth:`mask` turns it into pixels.  One pass instead of five per line (the labelling was
    5 % of the recognition stage's CPU)."""

    def __init__(self, ink: np.ndarray):
        self.ink = ink
        self.n, self.labels, self.stats, self.centroids = cv2.connectedComponentsWithStats(
            ink.view(np.uint8) if ink.dtype == bool else ink.astype(np.uint8), connectivity=8)
        self.all = np.ones(self.n, bool)
        self.all[0] = False

    def mask(self, keep: np.ndarray) -> np.ndarray:
        """The pixels of the components selected by ``keep`` (never the background)."""
        return np.take(keep & self.all, self.labels)      # (twice as fast as keep[labels])

    def specks(self, em: float, area: float = SPECK_AREA) -> np.ndarray:
        """Per component: smaller than ``area`` em squared."""
        return self.stats[:, cv2.CC_STAT_AREA] < area * em * em

    def blobs(self, size: float) -> np.ndarray:
        """Per component: less than ``size`` px both wide and high."""
        return (self.stats[:, cv2.CC_STAT_WIDTH] < size) & (self.stats[:, cv2.CC_STAT_HEIGHT] < size)


def without_specks(ink: np.ndarray, em: float, area: float = SPECK_AREA,
                   parts: Optional[Components] = None) -> np.ndarray:
    """The ink mask without specks: connected components smaller than ``area`` em squared
    (``parts``: the components of ``ink``, when already found)."""
    parts = Components(ink) if parts is None else parts
    if parts.n <= 1:
        return ink
    return parts.mask(~parts.specks(em, area))


def tighten(box: tuple[int, int, int, int], ink: np.ndarray,
            solid: Optional[np.ndarray] = None) -> tuple[int, int, int, int]:
    """Shrink a character box (crop pixels) to the ink inside it; unchanged when it holds none.

    With ``solid`` (the ink without specks) given, that is used unless the box holds none of it
    (a small mark such as ``.`` is all speck-sized).
    """
    if solid is not None:
        x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(ink.shape[1], box[2]), min(ink.shape[0], box[3])
        if x1 > x0 and y1 > y0 and solid[y0:y1, x0:x1].any():
            ink = solid
    h, w = ink.shape
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3])
    if x1 <= x0 or y1 <= y0:
        return (min(x0, w - 1), min(y0, h - 1), min(x0, w - 1) + 1, min(y0, h - 1) + 1)
    sub = ink[y0:y1, x0:x1]
    cols = np.where(sub.any(axis=0))[0]
    if cols.size == 0:
        return (x0, y0, x1, y1)
    rows = np.where(sub.any(axis=1))[0]
    return (x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1)


def _char_weight(ch: str) -> float:
    return 1.0 if is_cjk(ch) or not ch.isascii() else 0.55


def spread_chars(text: str, ink: np.ndarray, vertical: bool, confidence: float) -> list[CharResult]:
    """Characters without engine boxes: spread the ink extent over them (CJK square, Latin half)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return []
    h, w = ink.shape
    axis_profile = ink.any(axis=1) if vertical else ink.any(axis=0)
    idx = np.where(axis_profile)[0]
    lo, hi = (int(idx[0]), int(idx[-1]) + 1) if idx.size else (0, h if vertical else w)
    weights = [_char_weight(c) for c in chars]
    total = sum(weights)
    out, pos = [], float(lo)
    for c, wt in zip(chars, weights):
        nxt = pos + (hi - lo) * wt / total
        a, b = int(round(pos)), max(int(round(pos)) + 1, int(round(nxt)))
        out.append(CharResult(c, (0, a, w, b) if vertical else (a, 0, b, h), confidence))
        pos = nxt
    return out


def trailing_ink(work: np.ndarray, box: Box) -> int:
    """How far (px) ink continues right after a line box: a small end mark the layout dropped.

    Small marks (``。``, ``，``, ``”``) can vanish at layout resolution, so a line box may stop
    one character short.  Ink starting within ``TRAIL_START`` line heights of the box's right edge
    and ending within ``TRAIL_MAX`` is taken in.  Not the next column's line: a vertical rule (ink
    on nearly every row of a narrow run) ends the search, and ink that runs on past ``TRAIL_MAX``
    (no ``TRAIL_GAP`` of white after it: the characters of a line beyond a narrow gutter) is text,
    not an end mark.  Specks do not count.
    """
    lh = box.height
    limit = int(TRAIL_MAX * lh)
    gap = max(2, TRAIL_GAP * lh)
    x_end = min(work.shape[1], box.x1 + limit + int(gap) + 1)
    if min(x_end - box.x1, limit) < 2:
        return 0
    whole = ink_mask(work[box.y0:box.y1, box.x0:x_end])
    near = whole[:, box.width:box.width + int(TRAIL_START * lh) + 1]
    if not (near.sum(axis=0) >= 2).any():    # no ink starts near the end even with specks (most lines):
        return 0                             # the speck-free ink below has none either
    ink = without_specks(whole, line_em(whole[:, :box.width]))[:, box.width:]
    inked = np.flatnonzero(ink.any(axis=0))
    for piece in np.split(inked, np.flatnonzero(np.diff(inked) > 1) + 1) if inked.size else []:
        if len(piece) <= 0.15 * lh and ink[:, piece[0]:piece[-1] + 1].any(axis=1).mean() > 0.95:
            ink = ink[:, :piece[0]]           # a rule (narrow, inked on nearly every row): the line ends here
            break
    cols = np.where(ink.sum(axis=0) >= 2)[0]
    if cols.size == 0 or cols[0] > TRAIL_START * lh:
        return 0
    end = int(cols[0])
    for c in cols[1:]:
        if c - end > gap:
            break
        end = int(c)
    if end + 1 >= limit:                 # ink runs on past the limit: text, not an end mark
        return 0
    return end + 1


def split_bands(crop: np.ndarray, box: Box, ink: Optional[np.ndarray] = None) -> list[Box]:
    """A horizontal line crop that holds two or more text lines (a layout merge) -> one box per line.

    Bands are runs of rows with ink; bands much thinner than the tallest (rules, specks, the gap
    strokes of 一 or 二 are inside a taller band anyway) are ignored.  The crop is split only when
    it is at least 1.7 times as tall as its tallest band, at the middle of the gaps.  ``ink``: the
    crop's :func:`ink_mask`, when already found.
    """
    ink = ink_mask(crop) if ink is None else ink
    h, w = ink.shape
    rows = ink.sum(axis=1) >= max(2, 0.01 * w)
    bands: list[list[int]] = []
    for y in np.where(rows)[0]:
        if bands and y - bands[-1][1] <= 2:
            bands[-1][1] = int(y) + 1
        else:
            bands.append([int(y), int(y) + 1])
    if len(bands) < 2:
        return [box]
    tallest = max(b1 - b0 for b0, b1 in bands)
    bands = [b for b in bands if b[1] - b[0] >= 0.6 * tallest]
    if len(bands) < 2 or h < BAND_SPLIT_RATIO * tallest:
        return [box]
    cuts = [0] + [(a[1] + b[0]) // 2 for a, b in zip(bands, bands[1:])] + [h]
    return [Box(box.x0, box.y0 + c0, box.x1, box.y0 + c1) for c0, c1 in zip(cuts, cuts[1:])]


FIELD_GAP_EM = 0.45        # white between two characters of a line this wide (in em) may be a field gap ...
FIELD_GAP_OVER_EM = 0.3    # ... when it is also this much wider than the line's usual gap: justified
                           # body text spreads every gap alike, a field gap (a half-em space or more
                           # between 本报记者 and a name, a date and a weekday) stands out of its line
FIELD_STEP_EM = 0.35       # between two Han characters the centres must also stand this much (em) beyond the
                           # line's usual step: a narrow 目 or 日 leaves a wide white but no extra step.  The
                           # step is measured between ink centres, which sit up to 0.1 em off the centres of
                           # the characters' cells (a half-em field gap measured 0.40 beside 日)
CUT_LINE_STEP = 2.0        # Han characters read this many ems apart (engine boxes, ink height) or more: the
                           # layout cut the line through and the ink height measured is a stroke's; no field
                           # gaps there (a garbled crop of half a line read with gaps of 5 em)
GAP_SPECK_SIZE = 0.2       # ink blobs narrower and lower than this (em) do not fill such a gap: a speck
                           # there is read as a mark (which the recognition stage drops); every stroke
                           # of a character, even of 一 or 二, is longer
GAP_MARK_AREA = 0.015      # ink of this many em squared or more inside such a gap, clear of both characters,
                           # is a mark the engine did not read (、，。 on the synth pages: 0.017-0.042, a faint
                           # comma the least); the largest specks measure as much (0.02) and then cost a
                           # field gap, which is rarer than a missed mark read as a space


MARK_PIECE_MAX = 0.08      # ink of at most this many em squared alone in its columns, standing this far ...
MARK_CLEAR_EM = 0.12       # ... (em) from the columns of more ink (a character's strokes), is a mark
                           # (marks: 0.017-0.042, and 0.45 em clear of the characters beside them; the dot
                           # of 办 stands 0.03 em from its stroke)
GAP_SPECK_MARKS = set("，。、；：,.;:")   # marks a speck in a field gap is read as (· is judged by its height,
                                       # :func:`digitize.recognize.middle_dots`; quotes are left alone) ...
GAP_SPECK_CONFIDENCE = 0.5             # ... with a confidence below this: printed marks read at 0.9 and more, the
                                       # specks in the field gaps of the synth pages' bylines at 0.23-0.95; a
                                       # printed mark's own ink does not tell (an engine box may cover the ink of
                                       # the mark beside it).  Raising it does not pay: on the synth and dev
                                       # pages 11 printed marks were read at 0.5-0.7 against 4 specks
GAP_SPECK_QUOTES = set("“”‘’")          # quotes a speck in a field gap is read as (the same confidence), judged
QUOTE_TOP = 0.4                        # by their own ink: a printed quote is two comma-sized pieces (each at
                                       # least GAP_MARK_AREA) side by side in the top of the line, centred in its
                                       # upper QUOTE_TOP (printed: 0.08-0.17 of the Han characters' height from
                                       # their top; a speck read as a quote in a byline: one piece at 0.29)


def _solid(ch: str) -> bool:
    """A character whose ink fills its cell: Han, letter or digit (not punctuation, whose ink sits
    in one corner of its cell and leaves a wide white beside it)."""
    return ch.isalnum()


def han_em(chars: list[CharResult], ink: np.ndarray) -> float:
    """The line's em from its characters: median height of the ink-tight boxes of Han / CJK letters,
    else the line's ink extent (:func:`line_em`).  Specks do not move a median."""
    heights = sorted(c.box[3] - c.box[1] for c in chars if is_cjk(c.text) and c.text.isalnum())
    return float(heights[len(heights) // 2]) if len(heights) >= 3 else line_em(ink)


def core_ink(parts: Components) -> tuple[np.ndarray, np.ndarray]:
    """The ink of the line itself, and the part of it wholly inside the crop, as selections of the
    crop's components (:class:`Components`; a bool per component).

    A crop is the line's box padded on both sides, so the line's own characters and marks (low
    ``。，``, high ``“``) lie inside it; a tightly set line above or below shows only the ends of its
    strokes, cut off at the crop's top or bottom.  A component cut by the edge but centred in the
    middle half of the crop is a character of the line that blur or a speck joined to such ends: it
    is part of the line's ink (first selection), not of the part wholly inside (second)."""
    h = parts.ink.shape[0]
    top = parts.stats[:, cv2.CC_STAT_TOP]
    inside = (top > 0) & (top + parts.stats[:, cv2.CC_STAT_HEIGHT] < h) & parts.all
    keep = (inside | (np.abs(parts.centroids[:, 1] - h / 2) <= h / 4)) & parts.all
    return keep, inside


GAP_PIECE_AREA = (0.008, 0.12)   # ink between two characters read as a mark, em squared: smaller is noise of a
                                 # pixel or two, larger a character's part (marks measured 0.010-0.088)
RING_EM = 0.15             # a piece of ink this wide and high (em) or more around a hole is a full stop 。 read as
                           # · (synth pages: rings 0.18-0.38 em, a hole of 1-13 px; no middle dot had a hole)
MARK_LONG_EM = 0.2         # a piece at least this long (em) one way and MARK_THIN_EM the other, thin and running
MARK_THIN_EM = 0.12        # down to the right (IDEO_COMMA_*), is an ideographic comma 、 read as · (centred 、 on the
                           # synth pages: 0.24-0.47 em long); a rule's or a stroke's end is thinner (0.09 em)
COMMA_LONG_EM = 0.3        # ... one at least this long, stretched (its second moments' minor/major axis ratio
ROUND_RATIO = 0.9          # under ROUND_RATIO), is a comma ，: middle dots are round (ratio 0.93-1.00 at 0.23-0.31 em,
                           # the large ones of sans type; one on a heavy page 0.87 at 0.27 em), printed ， read as ·
                           # are not (ratio 0.62-0.87 at 0.31-0.45 em; clean glyphs of the eight synth fonts: ，
                           # 0.37-0.58, 、 0.24-0.45, · 0.94-1.00, 。 0.95-0.99)
IDEO_COMMA_ANGLE = (25.0, 65.0)   # 、 is one stroke down to the right: its major axis 40-50 degrees below the x axis in
IDEO_COMMA_RATIO = 0.7            # every font (printed 、 read as · on the synth pages: 38-60, ratio 0.40-0.60); a comma's
                                  # runs near upright (79-87 degrees; degraded 62-89, one low comma 68 at ratio 0.46)
CELL_WHITE_EM = 0.6        # a comma, 、 or 。 in simplified type sits low and left in its own cell: at least this
                           # much white (em) between it and the next character (synth pages: 0.94-1.23 em).  The
                           # low pieces beside a middle dot are the next character's strokes (the left dot of
                           # 心 in 总: 0.0-0.34 em from that character's ink)


@dataclass(frozen=True)
class Piece:
    """One connected piece of a line's ink (crop pixels)."""
    x: int
    y: int
    width: int
    height: int
    area: int
    hole: bool                 # it encloses white (a ring: 。)
    ratio: float = 1.0         # minor / major axis of its second moments (1: round, 0: a line)
    angle: float = 0.0         # its major axis, degrees below the x axis (y grows downwards), -90..90


def _piece(parts: Components, k: int) -> Piece:
    """Component ``k`` of ``parts`` as a :class:`Piece`, with its hole and its second moments' shape."""
    x, y, w, h, a = (int(v) for v in parts.stats[k, :5])
    own = (parts.labels[y:y + h, x:x + w] == k).astype(np.uint8)
    outline, _ = cv2.findContours(own, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(own)
    cv2.drawContours(filled, outline, -1, 1, -1)
    m = cv2.moments(own, True)
    mu20, mu02, mu11 = m["mu20"] / m["m00"], m["mu02"] / m["m00"], m["mu11"] / m["m00"]
    spread = float(np.hypot((mu20 - mu02) / 2, mu11))
    major, minor = (mu20 + mu02) / 2 + spread, max(0.0, (mu20 + mu02) / 2 - spread)
    ratio = float(np.sqrt(minor / major)) if major > 0 else 1.0
    angle = float(0.5 * np.degrees(np.arctan2(2 * mu11, mu20 - mu02)))
    return Piece(x, y, w, h, a, int(filled.sum()) > a, ratio, angle)


def _gap_pieces(parts: Components, x0: int, x1: int, em: float) -> np.ndarray:
    """Per component: part of the line's own ink (:func:`core_ink`), centred between columns ``x0`` and
    ``x1``, with an area in ``GAP_PIECE_AREA``."""
    keep, _ = core_ink(parts)
    area = parts.stats[:, cv2.CC_STAT_AREA] / (em * em)
    cx = parts.centroids[:, 0]
    return keep & (cx >= x0) & (cx < x1) & (area >= GAP_PIECE_AREA[0]) & (area <= GAP_PIECE_AREA[1])


def gap_piece(parts: Components, x0: int, x1: int, em: float,
              band: Optional[tuple[float, float]] = None) -> Optional[Piece]:
    """The largest piece of the line's own ink (:func:`core_ink`) centred between columns ``x0`` and
    ``x1`` with an area in ``GAP_PIECE_AREA`` (the ink of a mark read between two characters); None when
    that white holds no such ink.  ``band`` (rows, crop pixels): a piece centred in it comes first
    (a middle dot beside a larger stroke end of its neighbour that reaches into the white).

    Ink of the lines above and below (their strokes' ends, cut off at the crop's edge) is not the
    line's, and a speck beside a printed mark is mostly smaller than the mark: the rows of all the
    ink in those columns put a low comma or a full stop at the line's middle (synth pages: 41 of 50
    ``·`` read between Han characters where the print has ``，、。``)."""
    sel = _gap_pieces(parts, x0, x1, em)
    if not sel.any():
        return None
    st = parts.stats
    if band is not None:
        cy = st[:, cv2.CC_STAT_TOP] + st[:, cv2.CC_STAT_HEIGHT] / 2
        inside = sel & (cy >= band[0]) & (cy <= band[1])
        sel = inside if inside.any() else sel
    return _piece(parts, int(np.argmax(np.where(sel, st[:, cv2.CC_STAT_AREA], -1))))


def low_mark(parts: Components, x0: int, x1: int, em: float, below: float, next_ink: int) -> Optional[Piece]:
    """A mark set low and left in its own cell between columns ``x0`` and ``x1``: the largest piece of the
    line's own ink there (as :func:`gap_piece`) centred below row ``below`` and ending at least
    ``CELL_WHITE_EM`` before column ``next_ink`` (the next character's ink); None when there is none.

    A printed ， read as · beside a speck at the line's middle: simplified type sets its marks low in
    the left of their cell, a middle dot's neighbours have no such piece (their strokes' low pieces
    touch their own character)."""
    sel = _gap_pieces(parts, x0, x1, em)
    st = parts.stats
    cy = st[:, cv2.CC_STAT_TOP] + st[:, cv2.CC_STAT_HEIGHT] / 2
    right = st[:, cv2.CC_STAT_LEFT] + st[:, cv2.CC_STAT_WIDTH]
    sel &= (cy > below) & (right <= next_ink - CELL_WHITE_EM * em)
    if not sel.any():
        return None
    return _piece(parts, int(np.argmax(np.where(sel, st[:, cv2.CC_STAT_AREA], -1))))


def full_mark(piece: Piece, em: float) -> Optional[str]:
    """The full-cell mark a piece of ink between two characters is by its shape: ``。`` for a ring of at
    least ``RING_EM`` both ways; ``、`` for a thin piece running down to the right (``IDEO_COMMA_ANGLE``,
    ``IDEO_COMMA_RATIO``) at least ``MARK_LONG_EM`` long; ``，`` for a stretched piece (axis ratio under
    ``ROUND_RATIO``) at least ``COMMA_LONG_EM`` long; both at least ``MARK_THIN_EM`` the other way.  None
    for a round or small piece (a middle dot, a speck, or a mark whose shape does not tell)."""
    if piece.hole and piece.width >= RING_EM * em and piece.height >= RING_EM * em:
        return "。"
    long, thin = max(piece.width, piece.height), min(piece.width, piece.height)
    if thin < MARK_THIN_EM * em:
        return None
    if long >= MARK_LONG_EM * em and _ideographic_comma(piece):
        return "、"
    if long >= COMMA_LONG_EM * em and piece.ratio < ROUND_RATIO:
        return "，"
    return None


def _ideographic_comma(piece: Piece) -> bool:
    return IDEO_COMMA_ANGLE[0] <= piece.angle <= IDEO_COMMA_ANGLE[1] and piece.ratio < IDEO_COMMA_RATIO


def low_mark_shape(piece: Piece, em: float) -> str:
    """Which of ``，、。`` a mark's piece is by its shape (a ring: ``。``; thin and down to the right:
    ``、``; else the commonest, ``，``)."""
    if piece.hole and piece.width >= RING_EM * em and piece.height >= RING_EM * em:
        return "。"
    if min(piece.width, piece.height) >= MARK_THIN_EM * em and _ideographic_comma(piece):
        return "、"
    return "，"


def char_em(chars: list[CharResult], inside: np.ndarray, fallback: float) -> float:
    """Median ink height of the line's Han characters, from ink wholly inside the crop (``fallback``
    when fewer than three characters show such ink)."""
    heights = []
    for c in chars:
        if not (is_cjk(c.text) and c.text.isalnum()):
            continue
        rows = np.where(inside[:, max(0, c.box[0]):max(0, c.box[2])].any(axis=1))[0]
        if rows.size:
            heights.append(int(rows[-1] - rows[0] + 1))
    return float(np.median(heights)) if len(heights) >= 3 else fallback


def field_gaps(chars: list[CharResult], ink: np.ndarray, parts: Optional[Components] = None,
               specks: Sequence[float] = ()) -> list[bool]:
    """Per character of a horizontal line: does a field gap (one space in the clean text) precede it?

    Only gaps between two solid characters (Han, letters, digits) count: punctuation leaves a wide
    white in its own cell and is never a field boundary.  Everything is measured on the line's own
    ink without specks (:func:`core_ink`), in em of the characters' ink height (:func:`char_em`):

    * the white: where two neighbours part, between their box centres, the widest run of ink-free
      columns (an engine box may reach over the white beside its character up to the next one's
      ink, so the boxes' edges are not used).  Between a letter or digit and a Han character the
      search starts at the Latin box's left edge: the engine's boxes of narrow Latin glyphs sit up to
      half a glyph right of their ink (``0033 代号``: the last ``3``'s box centre on the white, ``代``'s
      ink inside that box), and a Latin glyph has no white columns of its own to be mistaken for the
      gap (inside a Latin run the drift is alike for all);
    * between two Han characters also the step: the distance of their ink centres (each character's
      ink lies between the cuts on either side of it) beyond the line's usual Han-to-Han step (its
      lower quartile: a short byline's one field gap must not count as usual).  Han characters stand
      one advance apart whatever their width, so a narrow ``目`` or ``日`` leaves a wide white but no
      extra step.

    A gap counts when its white is at least ``FIELD_GAP_EM`` and ``FIELD_GAP_OVER_EM`` more than the
    line's median white (justified body text spreads every gap alike, a field gap stands out of its
    line) and, between Han, its extra step is at least ``FIELD_STEP_EM``.  A gap holding a mark's ink
    (:meth:`_LineInk.marked`) is no field gap: it is the cell of a mark the engine did not read (the
    ``、`` of ``排、连、营`` read as ``排、连营``); a field gap is white.  Not so where the recognition stage
    dropped a mark it judged a speck (``specks``: the x centres, crop pixels, of such characters' boxes,
    :func:`digitize.recognize.line_chars`): the engine read that ink and it was found to be a speck, not
    a mark (``0033.代号``, a speck read as ``.`` and dropped), so it vetoes nothing and its columns count
    as white (a speck of 0.2 em in a half-em gap leaves no white of 0.45 em on either side).  A line
    whose characters stand ``CUT_LINE_STEP`` ems apart or more has none (the layout cut it through).
    ``parts``: the connected components of ``ink``, when already found.
    """
    if len(chars) < 2:
        return [False] * len(chars)
    return _LineInk(chars, ink, parts).gaps(chars, specks)


def gap_specks(chars: list[CharResult], ink: np.ndarray, parts: Optional[Components] = None) -> list[int]:
    """Indices of sentence marks (``GAP_SPECK_MARKS``) or quotes (``GAP_SPECK_QUOTES``) that a speck in a
    field gap made the engine read.

    On speckled scans the white of a field gap often holds a speck, which the engine reads as a
    mark (``通讯员,胡斌``, ``指导:重庆``).  A mark read with a confidence below ``GAP_SPECK_CONFIDENCE``
    between two solid characters is such a speck when no mark's ink lies between them
    (:meth:`_LineInk.marked`; for a quote: no printed quote's two pieces in the top of the line,
    :meth:`_LineInk.quoted`) and, without it, the two stand a field gap apart (:func:`field_gaps`).
    ``parts``: the connected components of ``ink``, when already found.
    """
    if len(chars) < 3:
        return []
    found = [i for i in range(1, len(chars) - 1)
             if chars[i].text in GAP_SPECK_MARKS | GAP_SPECK_QUOTES and chars[i].confidence < GAP_SPECK_CONFIDENCE
             and _solid(chars[i - 1].text) and _solid(chars[i + 1].text)]
    if not found:
        return []
    line = _LineInk(chars, ink, parts)
    own = line.own(chars)
    out = []
    for i in found:
        if (line.quoted(chars, own[i - 1], own[i + 1]) if chars[i].text in GAP_SPECK_QUOTES
                else line.marked(chars[i - 1], chars[i + 1], own[i - 1], own[i + 1])):
            continue                                  # the mark's own ink: a printed mark
        if line.gaps(chars[:i] + chars[i + 1:], [(chars[i].box[0] + chars[i].box[2]) / 2])[i]:
            out.append(i)
    return out


class _LineInk:
    """What :func:`field_gaps` measures once per line: the em, the ink columns, the mark-sized pieces."""

    def __init__(self, chars: list[CharResult], ink: np.ndarray, parts: Optional[Components] = None) -> None:
        parts = Components(ink) if parts is None else parts     # one labelling for every mask below
        self.parts = parts
        keep, inside = core_ink(parts)
        core_em = line_em(parts.mask(keep))
        self.em = em = max(1.0, char_em(chars, parts.mask(inside & ~parts.specks(core_em)), core_em))
        keep &= ~parts.blobs(GAP_SPECK_SIZE * em)
        self.width = ink.shape[1]
        core = parts.mask(keep)
        self.empty = ~core.any(axis=0)
        self.empty_cols = self.empty.tolist()                   # walked column by column
        self.profile = core.sum(axis=0)
        stats = parts.stats[keep]
        comps = [(int(x), int(x + w), a / (em * em)) for x, w, a in
                 stats[:, [cv2.CC_STAT_LEFT, cv2.CC_STAT_WIDTH, cv2.CC_STAT_AREA]]]
        self.pieces = [(x0, x1) for x0, x1, a in comps if a >= GAP_MARK_AREA]
        stacks: list[list] = []                        # pieces sharing columns (a character's strokes) ...
        for x0, x1, a in sorted(comps):
            if stacks and x0 < stacks[-1][1]:
                stacks[-1][1] = max(stacks[-1][1], x1)
                stacks[-1][2] += a
            else:
                stacks.append([x0, x1, a])
        body = np.zeros(self.width + 1, bool)          # ... their columns when they hold more ink than a mark
        for x0, x1, a in stacks:
            if a > MARK_PIECE_MAX:
                body[x0:x1] = True
        self.body = body
        clear = int(np.ceil(MARK_CLEAR_EM * em))
        self.marks = [(x0, x1) for x0, x1, a in stacks if GAP_MARK_AREA <= a <= MARK_PIECE_MAX
                      and not body[max(0, x0 - clear):x1 + clear].any()]

    def cut(self, lo: int, hi: int, empty: Optional[list[bool]] = None) -> tuple[int, int]:
        """Where two neighbours part, between their box centres: the widest ink-free run of columns
        (``empty``: per column, default the line's ink-free columns), else the column with the least
        ink (touching glyphs)."""
        lo, hi = max(0, lo), max(0, hi)
        if hi <= lo:
            return lo, lo
        best = start = run = 0
        for k, v in enumerate((self.empty_cols if empty is None else empty)[lo:hi]):
            run = run + 1 if v else 0
            if run > best:
                best, start = run, k - run + 1
        if best:
            return lo + start, lo + start + best
        k = lo + int(np.argmin(self.profile[lo:hi]))
        return k, k

    def extent(self, x0: int, x1: int, fallback: tuple[int, int, int, int]) -> tuple[int, int]:
        x0, x1 = max(0, x0), max(0, x1)
        cols = np.where(~self.empty[x0:x1])[0] if x1 > x0 else np.zeros(0, int)
        return (x0 + int(cols[0]), x0 + int(cols[-1]) + 1) if cols.size else (fallback[0], fallback[2])

    def gaps(self, chars: list[CharResult], specks: Sequence[float] = ()) -> list[bool]:
        out = [False] * len(chars)
        if len(chars) < 2:
            return out
        em = self.em
        mid = [(c.box[0] + c.box[2]) // 2 for c in chars]
        lo = [c.box[0] + 1 if is_latin(c.text) and i + 1 < len(chars) and not is_latin(chars[i + 1].text)
              else mid[i] for i, c in enumerate(chars)]                   # Latin box drift, before a non-Latin
        speck = [False] + [any(mid[i - 1] < x < mid[i] for x in specks) for i in range(1, len(chars))]
        light = (~self.body[:self.width]).tolist() if any(speck) else None    # columns without a character's ink
        cuts = [(0, max(0, chars[0].box[0]))] + [self.cut(lo[i - 1], mid[i], light if speck[i] else None)
                                                 for i in range(1, len(chars))] + [(chars[-1].box[2],) * 2]
        spans = [self.extent(cuts[i][1], cuts[i + 1][0], c.box) for i, c in enumerate(chars)]
        own = self.own(chars)
        centre = [(x0 + x1) / 2 for x0, x1 in spans]
        han = [is_cjk(c.text) and c.text.isalnum() for c in chars]
        boxed = [mid[i] - mid[i - 1] for i in range(1, len(chars)) if han[i] and han[i - 1]]
        if boxed and float(np.median(boxed)) > CUT_LINE_STEP * em:
            return out                                # a line cut through: its ink is not its type's height
        steps = [centre[i] - centre[i - 1] for i in range(1, len(chars)) if han[i] and han[i - 1]]
        step = float(np.percentile(steps, 25)) if len(steps) >= 3 else None
        whites = [(i, (cuts[i][1] - cuts[i][0]) / em) for i in range(1, len(chars))
                  if _solid(chars[i - 1].text) and _solid(chars[i].text)]
        if not whites:
            return out
        usual = float(np.median([w for _, w in whites]))
        for i, w in whites:
            stepped = (not (han[i] and han[i - 1] and step is not None)
                       or (centre[i] - centre[i - 1] - step) / em >= FIELD_STEP_EM)
            out[i] = (stepped and w >= FIELD_GAP_EM and w - usual >= FIELD_GAP_OVER_EM
                      and (speck[i] or not self.marked(chars[i - 1], chars[i], own[i - 1], own[i])))
        return out

    def own(self, chars: list[CharResult]) -> list[tuple[int, int]]:
        """Each character's ink inside its box, the box taken only half way to the neighbours' centres.

        A mark the engine did not read lies beside the cut between its neighbours, so ink clear of
        both characters is looked for between these spans."""
        mid = [(c.box[0] + c.box[2]) // 2 for c in chars]
        bounds = [0] + [(a + b) // 2 for a, b in zip(mid, mid[1:])] + [self.width]
        return [self.extent(max(c.box[0], bounds[i]), min(c.box[2], bounds[i + 1]), c.box) for i, c in enumerate(chars)]

    def quoted(self, chars: list[CharResult], left: tuple[int, int], right: tuple[int, int]) -> bool:
        """Does a printed quote's ink lie between two :meth:`own` spans: two pieces of at least
        ``GAP_MARK_AREA`` centred in the upper ``QUOTE_TOP`` of the line's Han characters?"""
        han = [c.box for c in chars if is_cjk(c.text) and c.text.isalnum()]
        if not han:
            return True                                     # nothing to judge the height by: keep it
        top, bottom = float(np.median([b[1] for b in han])), float(np.median([b[3] for b in han]))
        limit = top + QUOTE_TOP * max(1.0, bottom - top)
        st = self.parts.stats
        x, y, w, h, a = (st[:, k] for k in (cv2.CC_STAT_LEFT, cv2.CC_STAT_TOP, cv2.CC_STAT_WIDTH,
                                            cv2.CC_STAT_HEIGHT, cv2.CC_STAT_AREA))
        hit = (self.parts.all & (x > left[1]) & (x + w < right[0]) & (a >= GAP_MARK_AREA * self.em * self.em)
               & (y + h / 2 <= limit))
        return int(hit.sum()) >= 2

    def marked(self, a: CharResult, b: CharResult, left: tuple[int, int], right: tuple[int, int]) -> bool:
        """Does a mark's ink lie between two neighbours ``a`` and ``b`` (``left`` and ``right`` their
        :meth:`own` spans)?  A piece of ink of ``GAP_MARK_AREA`` or more wholly between the spans and
        ``MARK_CLEAR_EM`` clear of the left one (the right dot of ``办`` lies 0.03 em from its stroke and may lie
        outside the engine's box: ``主办 重庆`` was glued on synth 82's masthead; marks sit left in their cell or
        centred, so the right span is not held off: an engine box of 1 px for ``一`` leaves its ink left of it), or a
        mark's ink (up to ``MARK_PIECE_MAX``, alone in its columns) between the two box centres,
        ``MARK_CLEAR_EM`` clear of the columns of every character: an engine box may cover the mark beside
        its character."""
        lo, hi = (a.box[0] + a.box[2]) / 2, (b.box[0] + b.box[2]) / 2
        clear = MARK_CLEAR_EM * self.em      # a piece closer to the left span is that character's stroke outside its box
        return (any(left[1] + clear <= x0 and x1 < right[0] for x0, x1 in self.pieces)
                or any(lo < x0 and x1 < hi for x0, x1 in self.marks))
