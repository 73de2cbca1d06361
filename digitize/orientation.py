"""Page orientation (0/90/180/270) from cheap, explainable statistics of the binary image.

Two questions, each answered only when the evidence is clear:

1. Do text lines run horizontally or vertically?  Characters of one line nearly touch (gap ~0.1
   em) while neighbouring lines are ~0.4-0.6 em apart, so a short smear along the line direction
   merges characters into lines and a smear across it does not.
2. Where does punctuation sit in its character cell?  Full-width ``，。、`` of horizontal Chinese
   sit low-left in the cell; in vertical Chinese ``︐︒︑`` sit high-right.  With lines made
   horizontal, the (low/high, early/late) position of small isolated marks between characters
   tells upright horizontal text (low, early), horizontal text upside down (high, late) and
   vertical text turned sideways (low-late or high-early) apart.

Orientation values are the clockwise rotation that makes the page upright (``page.orientation``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from .deskew import TextComponents, text_components

MIN_MARKS = 12            # punctuation marks needed before a 180/90 decision is trusted
MIN_AGREEMENT = 0.35      # (a - b) / (a + b) needed for a decision
MIN_AGREEMENT_SIDEWAYS = 0.5   # ... and for turning vertical text a quarter turn
# Lines that run top to bottom as scanned are read as a horizontal page scanned sideways only on clearer
# evidence: upright vertical pages set in traditional (TC) fonts, whose marks sit centred or high in
# their cells, measured up to 0.67 "low and early" once turned (vertical dev page vt_004: low 0.78,
# early 0.67), while a sideways horizontal page's marks sit low and early far more consistently.
MIN_AGREEMENT_VERTICAL_LINES = 0.75
# A mark says where it sits only when it sits off its cell's centre.  Simplified-Chinese fonts set ，。、 low and
# left in the cell (their vertical forms high and right); traditional-Chinese (TW, HK) fonts set them in the
# cell's centre, across and down alike.  The low / early shares count only the marks off centre (low or high,
# early or late), so on a page set in such a font the few marks that sit off centre by accident decide: vertical
# 39 vy2_000, 36 marks, 1 of them low or high and 4 early or late (low +1.00, early +1.00), and vertical 33
# vo_006, 188 marks, 3 and 12 (+1.00, +0.83), both clean vertical pages read as horizontal pages scanned
# sideways.  A decision needs MIN_MARKS marks off centre on both counts.  Measured on every seen page at the
# start of session 18 (160 vertical, 162 browser, 152 synth, 120 microfilm, shared dev and real): where a vertical
# page's low and early agreed within 0.25 of MIN_AGREEMENT_VERTICAL_LINES (8 pages, two past it), its weaker count
# was 1-6 marks; where it was 12 or more, they agreed at most 0.33.  On the other sources' pages that their marks
# decide (about 400), the weaker count is 14 or more; no decision on them changes.


@dataclass
class Orientation:
    """What the orientation detector found (``angle`` is the clockwise turn to apply)."""

    angle: int = 0
    confident: bool = False
    lines: str = "?"                  # "h", "v" or "?" (line direction in the input)
    line_score: float = 0.0           # > 0: horizontal lines, < 0: vertical
    marks: int = 0                    # punctuation marks measured
    low: float = 0.0                  # share low-minus-high of the marks, -1..1
    early: float = 0.0                # share early-minus-late of the marks, -1..1
    vertical_text: bool = False       # the upright page is set top-to-bottom
    notes: list[str] = field(default_factory=list)


def line_direction(binary: np.ndarray, comps: TextComponents | None = None) -> tuple[str, float]:
    """("h" | "v" | "?", score): score = share of characters merged by a horizontal smear minus
    the share merged by a vertical one (-1..1).  ``comps``: text_components(binary) if known."""
    comps = comps if comps is not None else text_components(binary)
    if len(comps.centres) < 30:
        return "?", 0.0
    k = max(2, int(round(0.3 * comps.em)))
    xi = np.round(comps.centres[:, 0]).astype(int)
    yi = np.round(comps.centres[:, 1]).astype(int)
    shares = []
    for kernel in ((k, 1), (1, k)):
        smear = cv2.dilate(comps.text, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        _, labels = cv2.connectedComponents(smear, connectivity=8)
        lab = labels[yi, xi]
        per = np.bincount(lab)
        shares.append(float((per[lab] >= 3).mean()))
    score = shares[0] - shares[1]
    if score > 0.25:
        return "h", score
    if score < -0.25:
        return "v", score
    return "?", score


# Runs of type (run_direction): a smear along a line joins its characters (they stand ~0.1 em apart, the lines
# 0.4-0.6 em apart: line_direction's smear); a run is a smeared component as thick as a line of body type
# (RUN_THICK_EM of the page's em: characters are 0.7-1.5 em; thinner is a rule, thicker a headline, a picture or
# lines run together) and at least RUN_MIN_EM long along the line (three characters).
RUN_SMEAR_EM = 0.3
RUN_THICK_EM = (0.5, 1.6)
RUN_MIN_EM = 3.0


def run_direction(binary: np.ndarray, comps: TextComponents | None = None) -> tuple[float, float]:
    """(score, share): score = (h - v) / (h + v), -1..1, h and v the shares of the page's ink in runs of type
    across and down the page; share = h + v, how much of the ink the score measures.

    Unlike line_direction, which counts only character-sized components, this weighs all the ink of lines of
    body type, and a column whose characters touch (small type at layout resolution, a bold body font: one
    component many characters tall) counts in full where line_direction drops it (vertical 10 vr_006: most of
    its columns were single components, its few loose characters gave -0.295 against a threshold of -0.3;
    here -0.96).  (0, 0) when the page has no text or no runs."""
    comps = comps if comps is not None else text_components(binary)
    if comps.em <= 0:
        return 0.0, 0.0
    em = comps.em
    k = max(2, int(round(RUN_SMEAR_EM * em)))
    ink = binary > 0
    shares = []
    for kernel, along_x in (((k, 1), True), ((1, k), False)):
        smear = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(smear, connectivity=8)
        w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
        along, across = (w, h) if along_x else (h, w)
        run = (across >= RUN_THICK_EM[0] * em) & (across <= RUN_THICK_EM[1] * em) & (along >= RUN_MIN_EM * em)
        run[0] = False                                  # the background
        shares.append(float(np.bincount(labels[ink], minlength=n)[run].sum()))
    total = shares[0] + shares[1]
    ink_total = float(ink.sum())
    if total <= 0 or ink_total <= 0:
        return 0.0, 0.0
    return (shares[0] - shares[1]) / total, total / ink_total


def punctuation_position(binary: np.ndarray, heads: list[int] | None = None,
                         placed: list[int] | None = None) -> tuple[int, float, float]:
    """(marks, low, early) for a binary page whose lines run horizontally.

    ``low`` = (n_low - n_high) / (n_low + n_high) over small isolated marks between two characters of a line;
    ``early`` = (n_closer_to_previous - n_closer_to_next) / (their sum).  ``heads``, when given, gets the number of
    marks whose ink leans to the right and to the left of their box (a comma's head against its tail);
    ``placed`` gets [n_low + n_high, n_early + n_late], the marks off their cell's centre each way.
    """
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if n < 30:
        return 0, 0.0, 0.0
    comps = text_components(binary, cc=(labels, stats))
    em = comps.em
    if em <= 0:
        return 0, 0.0, 0.0
    st = stats[1:]
    x0, y0 = st[:, cv2.CC_STAT_LEFT], st[:, cv2.CC_STAT_TOP]
    w, h, area = st[:, cv2.CC_STAT_WIDTH], st[:, cv2.CC_STAT_HEIGHT], st[:, cv2.CC_STAT_AREA]
    x1, y1 = x0 + w, y0 + h
    big = np.maximum(w, h)
    char = (big >= 0.6 * em) & (big <= 1.5 * em)
    mark = (big <= 0.45 * em) & (big >= max(2.0, 0.15 * em)) & (area >= 3)
    # lines: a smear along the line joins characters across a whole punctuation cell
    k = max(3, int(round(1.6 * em)))
    smear = cv2.dilate(comps.text, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    _, lines = cv2.connectedComponents(smear, connectivity=8)
    cx = np.clip(((x0 + x1) // 2), 0, binary.shape[1] - 1)
    cy = np.clip(((y0 + y1) // 2), 0, binary.shape[0] - 1)
    line = lines[cy, cx]
    if mark.sum() == 0 or char.sum() < 10:
        return 0, 0.0, 0.0
    # neighbours along the line: characters sorted by (line, x0)
    ci = np.flatnonzero(char)
    key = line[ci].astype(np.int64) * 1_000_000 + x0[ci]
    order = np.argsort(key)
    ci, key = ci[order], key[order]
    mi = np.flatnonzero(mark)
    mkey = line[mi].astype(np.int64) * 1_000_000 + (x0[mi] + x1[mi]) // 2
    pos = np.searchsorted(key, mkey)
    has_prev = (pos > 0)
    has_next = (pos < len(ci))
    prev = ci[np.clip(pos - 1, 0, len(ci) - 1)]
    nxt = ci[np.clip(pos, 0, len(ci) - 1)]
    same = has_prev & has_next & (line[prev] == line[mi]) & (line[nxt] == line[mi])
    gap_prev = x0[mi] - x1[prev]
    gap_next = x0[nxt] - x1[mi]
    isolated = same & (gap_prev >= 0) & (gap_next >= 0) & (gap_prev + gap_next <= 1.5 * em)
    # the mark's vertical place relative to its neighbours' band (not the smeared line's)
    top = np.minimum(y0[prev], y0[nxt])
    bottom = np.maximum(y1[prev], y1[nxt])
    rel = ((y0[mi] + y1[mi]) / 2 - top) / np.maximum(bottom - top, 1)
    isolated &= ((bottom - top) <= 1.6 * em) & ((bottom - top) >= 0.6 * em) & (rel >= 0) & (rel <= 1)
    if isolated.sum() == 0:
        return 0, 0.0, 0.0
    if heads is not None:
        heads[:] = _leaning(labels, x0, y0, x1, y1, mi[isolated])
    rel, gp, gn = rel[isolated], gap_prev[isolated], gap_next[isolated]
    lo, hi = int((rel > 0.6).sum()), int((rel < 0.4).sum())
    ea, la = int((gp * 2 < gn).sum()), int((gn * 2 < gp).sum())
    if placed is not None:
        placed[:] = [lo + hi, ea + la]
    m = int(isolated.sum())
    low = (lo - hi) / max(lo + hi, 1)
    early = (ea - la) / max(ea + la, 1)
    return m, float(low), float(early)


# a mark "leans" when the centre of its ink lies this share of its width off its box's centre (a comma's
# head against its thin tail: about 0.1-0.2 of its width; a round 。 or a square mark does not lean)
MARK_LEAN = 0.06


def _leaning(labels: np.ndarray, x0, y0, x1, y1, marks: np.ndarray) -> list[int]:
    """[marks leaning right, marks leaning left] among the components ``marks`` (indices into the stats)."""
    right = left = 0
    for i in marks:
        w = int(x1[i] - x0[i])
        if w < 3:
            continue
        ys, xs = np.nonzero(labels[y0[i]:y1[i], x0[i]:x1[i]] == i + 1)
        lean = (xs.mean() + 0.5 - w / 2.0) / w
        right += lean > MARK_LEAN
        left += lean < -MARK_LEAN
    return [right, left]


def turn(binary: np.ndarray, angle: int) -> np.ndarray:
    """``binary`` rotated clockwise by 0/90/180/270 degrees."""
    k = {0: None, 90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}[angle % 360]
    return binary if k is None else cv2.rotate(binary, k)


def lines_turn(binary: np.ndarray, comps: TextComponents | None = None) -> Orientation:
    """Step 1: the clockwise turn (0 or 90) that makes text lines horizontal, when clear."""
    lines, score = line_direction(binary, comps)
    o = Orientation(lines=lines, line_score=round(score, 3))
    o.angle = 90 if lines == "v" else 0
    return o


def _strength(low: float, early: float, placed: list[int]) -> float:
    """How clearly (low, early) picks one hypothesis: 0 when it does not.  ``placed``: punctuation_position's
    counts of marks off centre (low or high, early or late; [0, 0] when it found too few marks to measure);
    fewer than MIN_MARKS either way decide nothing (each count is a part of the page's marks, so fewer than
    MIN_MARKS marks decide nothing either)."""
    if min(placed) < MIN_MARKS:
        return 0.0
    s = min(abs(low), abs(early))
    need = MIN_AGREEMENT if low * early > 0 else MIN_AGREEMENT_SIDEWAYS
    return s if s >= need else 0.0


def refine_with_punctuation(o: Orientation, upright_lines: np.ndarray) -> Orientation:
    """Step 2: given the page turned by ``o.angle`` (lines horizontal, deskewed), decide 0/180 and
    vertical-text cases from punctuation; sets ``o.angle`` to the final clockwise turn.

    When the line direction was unclear, the page is also read turned by 90 degrees and the
    clearer of the two readings is used.
    """
    heads, placed = [0, 0], [0, 0]
    m, low, early = punctuation_position(upright_lines, heads, placed)
    base = o.angle
    if o.lines == "?":
        placed2 = [0, 0]
        m2, low2, early2 = punctuation_position(turn(upright_lines, 90), placed=placed2)
        if _strength(low2, early2, placed2) > _strength(low, early, placed):
            m, low, early, base, placed = m2, low2, early2, (o.angle + 90) % 360, placed2
            o.notes.append("line direction unclear; punctuation read with the page turned 90 deg")
    o.marks, o.low, o.early = m, round(low, 3), round(early, 3)
    if _strength(low, early, placed) == 0.0:
        o.notes.append(f"punctuation inconclusive ({m} marks, {placed[0]} off centre up or down and {placed[1]} "
                       f"along the line, low {low:+.2f}, early {early:+.2f})")
        if o.lines == "v":
            # vertical lines and no clear punctuation: could be upright vertical text; leave it
            o.angle, o.vertical_text, o.confident = 0, True, False
            o.notes.append("vertical lines kept as they are")
        else:
            o.confident = o.lines == "h"
        return o
    if o.lines == "v" and low * early > 0 and min(abs(low), abs(early)) < MIN_AGREEMENT_VERTICAL_LINES:
        o.angle, o.vertical_text, o.confident = 0, True, False
        o.notes.append(f"lines run top to bottom and punctuation ({m} marks, low {low:+.2f}, early {early:+.2f}) "
                       "is not clear enough to call the page a sideways horizontal one: kept as scanned")
        return o
    if low > 0 and early > 0:            # horizontal text, upright in this frame
        extra, vertical = 0, False
    elif low < 0 and early < 0:          # horizontal text upside down
        extra, vertical = 180, False
    elif low > 0:                        # vertical text turned 90 cw: undo with 270 cw
        extra, vertical = 270, True
    else:                                # vertical text turned 90 ccw
        extra, vertical = 90, True
        if o.lines == "v" and heads[1] <= heads[0]:
            # marks low and left of their cells in top-to-bottom text as scanned: the vertical forms of an
            # upside-down page (top-right when upright), or the horizontal forms left in upright vertical text
            # (a font without vertical forms: vertical seed 2's vu_003 and vu_007).  Only the marks' shape
            # tells them apart: a comma's head is above its tail in upright text, so its ink leans (in this
            # frame, the page turned a quarter clockwise) to the right; upside down, to the left.
            o.angle, o.vertical_text, o.confident = 0, True, False
            o.notes.append(f"marks sit low and left in top-to-bottom text ({m} marks) but their heads are not "
                           f"below their tails ({heads[1]} of {heads[0] + heads[1]} leaning marks): kept as scanned")
            return o
    o.angle = (base + extra) % 360
    o.vertical_text = vertical
    o.confident = True
    return o
