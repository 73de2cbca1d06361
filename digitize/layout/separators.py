"""Rules, box frames, pictures and scanner-border debris in the layout binary.

Rules are found by morphological opening with a long line element (so a rule touching text is still found),
frames are rectangles of four rules, pictures are big dense components once rules are taken out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from ..geometry import Box
from .params import DEFAULT as PARAMS
from .regions import runs


@dataclass
class Rule:
    box: Box                 # layout px
    orientation: str         # "h" or "v"
    thickness: float         # layout px
    kind: str = "rule"       # "rule", "double" or "frame"


@dataclass
class Ink:
    """The layout binary split into what it is."""

    text: np.ndarray              # uint8 mask (255 = ink) of what may be text
    rules: list[Rule]
    frames: list[Box]
    pictures: list[Box]
    scratches: list[Box] = field(default_factory=list)    # film scratches taken out of the ink (is_scratch)


def drop_border_debris(binary: np.ndarray, unit: float) -> np.ndarray:
    """Remove specks and big dark components touching the image edge (scanner border)."""
    h, w = binary.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    x, y, bw, bh, area = (stats[:, i] for i in range(5))
    keep = area > 2
    edge = (x <= 1) | (y <= 1) | (x + bw >= w - 1) | (y + bh >= h - 1)
    big = ((bw > PARAMS.border_debris_mm * unit) | (bh > PARAMS.border_debris_mm * unit)
           | (area > PARAMS.border_debris_mm2 * unit * unit))
    keep &= ~(edge & big)
    keep[0] = False
    return np.where(keep, 255, 0).astype(np.uint8)[labels]       # (a lookup per label: uint8 at once)


def find_rules(binary: np.ndarray, unit: float, min_len: float) -> tuple[list[Rule], list[np.ndarray]]:
    """Straight thin lines at least ``min_len`` px long; returns them and each one's ink mask (its box's crop)."""
    thin_max = PARAMS.rule_max_thick_mm * unit
    span = max(PARAMS.rule_open_min_px, int(min(PARAMS.rule_open_mm * unit, min_len)))
    rules: list[Rule] = []
    masks: list[np.ndarray] = []
    for orient in ("h", "v"):
        if orient == "h":
            fat = cv2.dilate(binary, np.ones((3, 1), np.uint8))          # tolerate a little residual skew
            lines = cv2.morphologyEx(fat, cv2.MORPH_OPEN, np.ones((1, span), np.uint8))
            lines = cv2.morphologyEx(lines, cv2.MORPH_CLOSE, np.ones((1, max(PARAMS.min_kernel_px, int(PARAMS.rule_close_mm * unit))), np.uint8))
        else:
            fat = cv2.dilate(binary, np.ones((1, 3), np.uint8))
            lines = cv2.morphologyEx(fat, cv2.MORPH_OPEN, np.ones((span, 1), np.uint8))
            lines = cv2.morphologyEx(lines, cv2.MORPH_CLOSE, np.ones((max(PARAMS.min_kernel_px, int(PARAMS.rule_close_mm * unit)), 1), np.uint8))
        lines &= binary
        n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        long_enough = stats[:, 2 if orient == "h" else 3] >= min_len        # (the first test below, at once)
        for i in np.flatnonzero(long_enough[1:]) + 1:
            x, y, bw, bh, area = (int(v) for v in stats[i])
            length, across = (bw, bh) if orient == "h" else (bh, bw)
            thick = area / max(1, length)
            if length >= min_len and across <= thin_max + PARAMS.rule_skew_share * length and 0.5 <= thick <= thin_max:
                rules.append(Rule(Box(x, y, x + bw, y + bh), orient, thick))
                masks.append(np.where(labels[y:y + bh, x:x + bw] == i, 255, 0).astype(np.uint8))
            elif length >= min_len and across > thin_max and orient == "h":
                for a, b in _rule_through(labels[y:y + bh, x:x + bw] == i, unit):
                    box = Box(x, y + a, x + bw, y + b)
                    m = np.zeros((box.height, box.width), np.uint8)
                    m[labels[box.y0:box.y1, box.x0:box.x1] == i] = 255
                    rules.append(Rule(box, orient, float(np.count_nonzero(m)) / max(1, length)))
                    masks.append(m)
    return rules, masks


def _rule_through(m: np.ndarray, unit: float) -> list[tuple[int, int]]:
    """The rows of a thick long horizontal component (mask ``m``) that run nearly its whole length in a band
    no thicker than a rule: a rule that touches a photo (a photo's edge set against the rule under a
    masthead; ``unit`` layout px per mm) made one component with it and failed the thickness test
    (params.rule_through_*).  A photo's own rows span the photo, not the rule's length beyond it; a rule
    tilted a pixel over its length is taken with the rows next to it (one row each side)."""
    length = m.shape[1]
    thin_max = PARAMS.rule_max_thick_mm * unit
    if length == 0:
        return []
    near = cv2.dilate(m.astype(np.uint8), np.ones((3, 1), np.uint8)) > 0
    full = near.sum(axis=1) >= PARAMS.rule_through_cover * length
    out: list[tuple[int, int]] = []
    for a, r in runs(full):
        own = [k for k in range(a, r) if m[k].sum() >= PARAMS.rule_through_row * length]
        if not own:
            continue
        a, b = own[0], own[-1] + 1              # the dilation's rows each side back off
        if b - a > thin_max or m[a:b].sum(axis=0).astype(bool).mean() < PARAMS.rule_through_cover:
            continue
        # the rule runs on well beyond the solid thing it touches: a photo's own edge row (a bordered photo)
        # spans the photo, which is then as wide as the "rule"
        rest = m.copy()
        rest[a:b] = False
        solid = np.flatnonzero(rest.sum(axis=0) > PARAMS.rule_through_solid_mm * unit)
        if solid.size and solid[-1] - solid[0] + 1 > PARAMS.rule_through_beyond * length:
            continue
        out.append((a, b))
    return out


def _rule_in_gap(binary: np.ndarray, y0: int, y1: int, lo: int, hi: int) -> bool:
    """Does the (vertical) strip ``lo:hi`` show a thin rule over rows ``y0:y1``: inked on ``rule_gap_ink``
    of them, with the strips of twice a pixel beside it white on most of them (a text stroke or a run of
    letters is wider than the rule; a hyphen or a letter touching the rule does so on a few rows only)?"""
    h, w = binary.shape
    if y1 <= y0:
        return True
    lo, hi = max(0, lo), min(w, hi)
    if hi <= lo:
        return False
    on = (binary[y0:y1, lo:hi] > 0).any(axis=1)
    side = np.zeros(y1 - y0, bool)
    for a, b in ((lo - 2, lo), (hi, hi + 2)):
        a, b = max(0, a), min(w, b)
        if b > a:
            side |= (binary[y0:y1, a:b] > 0).any(axis=1)
    return float(on.mean()) >= PARAMS.rule_gap_ink and float((on & side).mean()) <= 1.0 - PARAMS.rule_gap_ink


def join_broken_rules(rules: list[Rule], masks: list[np.ndarray], binary: np.ndarray, min_len: float,
                      long_len: float) -> tuple[list[Rule], list[np.ndarray]]:
    """A rule worn to pieces by the scan is one rule: a long rule (``long_len``, a rule kept on its own
    length) and a piece of the same orientation in line with it (their centre lines within
    ``rule_join_offset`` of the thicker one's thickness) with a gap shorter than a rule's minimum length
    (``min_len``; the opening in ``find_rules`` drops any piece shorter than that, so a rule's short middle
    piece between two long ones is lost) join when the scan shows the rule in the gap (``_rule_in_gap``).
    White where a headline crosses the column, or a rule that ends, stays apart; so does text whose
    strokes line up (they are wider than a rule).  The ink of that strip in the gap becomes the rule's (so
    a hyphen touching it no longer joins two columns)."""
    p = PARAMS
    items = list(zip(rules, masks))
    changed = True
    while changed:
        changed = False
        for i in range(len(items)):
            for j in range(len(items)):
                if i == j:
                    continue
                (a, ma), (b, mb) = items[i], items[j]
                if a.orientation != b.orientation or a.kind != "rule" or b.kind != "rule":
                    continue
                v = a.orientation == "v"
                a0, a1, b0, b1 = ((a.box.y0, a.box.y1, b.box.y0, b.box.y1) if v
                                  else (a.box.x0, a.box.x1, b.box.x0, b.box.x1))
                if not a1 <= b0 or b0 - a1 >= min_len:          # b follows a along the line
                    continue
                ca = (a.box.x0 + a.box.x1) / 2 if v else (a.box.y0 + a.box.y1) / 2
                cb = (b.box.x0 + b.box.x1) / 2 if v else (b.box.y0 + b.box.y1) / 2
                thick = max(a.thickness, b.thickness)
                if abs(ca - cb) > p.rule_join_offset * thick + 1:
                    continue
                if max(a1 - a0, b1 - b0) < long_len:
                    continue
                lo = int(np.floor(min(ca, cb) - thick / 2 - 1))
                hi = int(np.ceil(max(ca, cb) + thick / 2 + 1)) + 1
                if not _rule_in_gap(binary if v else binary.T, a1, b0, lo, hi):
                    continue
                box = a.box.union(b.box)
                m = np.zeros((box.height, box.width), np.uint8)
                for r, mr in ((a, ma), (b, mb)):
                    y, x = r.box.y0 - box.y0, r.box.x0 - box.x0
                    m[y:y + mr.shape[0], x:x + mr.shape[1]] |= mr
                if v:
                    s0, s1 = max(lo, box.x0), min(hi, box.x1)
                    m[a1 - box.y0:b0 - box.y0, s0 - box.x0:s1 - box.x0] = binary[a1:b0, s0:s1]
                else:
                    s0, s1 = max(lo, box.y0), min(hi, box.y1)
                    m[s0 - box.y0:s1 - box.y0, a1 - box.x0:b0 - box.x0] = binary[s0:s1, a1:b0]
                length = (a1 - a0) + (b1 - b0)
                t = (a.thickness * (a1 - a0) + b.thickness * (b1 - b0)) / max(1, length)
                items[i] = (Rule(box, a.orientation, t), m)
                del items[j]
                changed = True
                break
            if changed:
                break
    return [r for r, _ in items], [m for _, m in items]


def _faded_side(binary: np.ndarray | None, x: int, top: Rule, bot: Rule, tol: float) -> bool:
    """Is there a side rule at ``x`` between ``top`` and ``bot`` that the scan left only in pieces (ink
    on at least a third of the rows of a thin strip there)?"""
    if binary is None:
        return False
    y0, y1 = top.box.y1, bot.box.y0
    x0, x1 = max(0, int(x - tol)), min(binary.shape[1], int(x + tol) + 1)
    if y1 - y0 < PARAMS.faded_side_min_px or x1 <= x0:
        return False
    return float((binary[y0:y1, x0:x1] > 0).any(axis=1).mean()) >= PARAMS.faded_side_ink_share


def find_frames(rules: list[Rule], unit: float, binary: np.ndarray | None = None) -> tuple[list[Box], list[Rule]]:
    """Rectangles closed by two horizontal and two vertical rules; returns (frames, the other rules).
    With ``binary`` given, one side may be faded to pieces too short to be a rule (a box is still a box
    when its top and bottom match, one side is whole and the other shows in the scan)."""
    tol = PARAMS.frame_corner_mm * unit
    hs = [r for r in rules if r.orientation == "h"]
    vs = [r for r in rules if r.orientation == "v"]
    used: set[int] = set()
    frames: list[Box] = []
    for i, top in enumerate(hs):
        for j, bot in enumerate(hs):
            if j == i or bot.box.y0 <= top.box.y1 + PARAMS.frame_min_height_mm * unit:
                continue
            if abs(top.box.x0 - bot.box.x0) > tol or abs(top.box.x1 - bot.box.x1) > tol:
                continue
            sides = [v for v in vs if abs(v.box.y0 - top.box.y0) <= tol and abs(v.box.y1 - bot.box.y1) <= tol]
            left = [v for v in sides if abs(v.box.x0 - top.box.x0) <= tol]
            right = [v for v in sides if abs(v.box.x1 - top.box.x1) <= tol]
            if left and not right and _faded_side(binary, top.box.x1 - 2, top, bot, tol / PARAMS.faded_side_tol_parts):
                right = left
            if right and not left and _faded_side(binary, top.box.x0 + 2, top, bot, tol / PARAMS.faded_side_tol_parts):
                left = right
            if left and right and (top.box.width >= PARAMS.frame_min_side_mm * unit
                                   or left[0].box.height >= PARAMS.frame_min_side_mm * unit):
                frames.append(top.box.union(bot.box))
                used.update({id(top), id(bot), id(left[0]), id(right[0])})
                break
    return frames, [r for r in rules if id(r) not in used]


def drop_specks(text: np.ndarray, unit: float, em: float = 0.0) -> np.ndarray:
    """Remove small isolated dots (dust, speckle noise): tiny components with no bigger ink close by.

    Punctuation is as small as dust but always sits next to a character on its line.  Tiny is at most half
    a square mm, and (with the page's type size ``em`` measured, layout px) at most ``speck_em2`` of a
    square em: a resolution tag that overstates the scan's (preprocessing then scales the page by its type
    size, not the tag) makes the mm too many pixels, and the strokes of small type, each a component of
    its own, would go as dust.
    """
    n, labels, stats, cent = cv2.connectedComponentsWithStats(text, connectivity=8)
    if n <= 1:
        return text
    area = stats[:, 4]
    limit = PARAMS.speck_mm2 * unit * unit
    if em > 0:
        limit = min(limit, PARAMS.speck_em2 * em * em)
    small = area <= max(PARAMS.speck_min_area_px, int(limit))
    small[0] = False
    big_lut = np.where(~small, 255, 0).astype(np.uint8)
    big_lut[0] = 0
    big = big_lut[labels]
    r = max(2, int(PARAMS.speck_reach_mm * unit))
    near = cv2.dilate(big, np.ones((max(1, r // PARAMS.speck_reach_tall_parts) * 2 + 1, 2 * r + 1), np.uint8))
    cx = np.clip(cent[:, 0].round().astype(int), 0, text.shape[1] - 1)
    cy = np.clip(cent[:, 1].round().astype(int), 0, text.shape[0] - 1)
    lonely = small & (near[cy, cx] == 0)
    return text * np.where(lonely, 0, 1).astype(np.uint8)[labels]      # text, with the lonely specks 0


def _is_dash(binary: np.ndarray, r: Rule, unit: float, upright: list[Rule] = ()) -> bool:
    """A horizontal stroke with characters at both ends on its own row is a dash (——) in a headline.  Ink at
    an end that is a vertical rule of ``upright`` (the rule meets the column rules at a T or a corner:
    browser 21 by_003, a rule under a row of articles read as a line of text) is no character."""
    if r.orientation != "h":
        return False
    h, w = binary.shape
    b = r.box
    reach, k = int(PARAMS.dash_reach_mm * unit), max(2, int(PARAMS.dash_side_mm * unit))
    if any(v.box.y0 <= b.y1 and v.box.y1 >= b.y0 and (v.box.x1 >= b.x0 - k and v.box.x0 <= b.x0
                                                       or v.box.x0 <= b.x1 + k and v.box.x1 >= b.x1)
           for v in upright):
        return False
    y0, y1 = max(0, int(b.cy) - reach), min(h, int(b.cy) + reach)
    left = binary[y0:y1, max(0, b.x0 - k):max(0, b.x0 - 1)]
    right = binary[y0:y1, min(w, b.x1 + 1):min(w, b.x1 + k)]

    def tall_ink(a: np.ndarray) -> bool:
        rows = np.flatnonzero(a.any(axis=1)) if a.size else []
        return len(rows) > 0 and rows[-1] - rows[0] >= PARAMS.dash_ink_min_mm * unit

    return tall_ink(left) and tall_ink(right)


def _solid_cluster(solid: np.ndarray, unit: float) -> tuple[Box, int] | None:
    """Box and pixel count of the largest solid piece and the pieces close to it (one photo), leaving out
    solid bits far away along thin connections (a frame or rule the photo touches)."""
    n, _, st, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    if n <= 1:
        return None
    order = sorted(range(1, n), key=lambda i: -st[i, 4])
    big = order[0]
    box = Box(int(st[big, 0]), int(st[big, 1]), int(st[big, 0] + st[big, 2]), int(st[big, 1] + st[big, 3]))
    count = int(st[big, 4])
    rest = [i for i in order[1:] if st[i, 4] >= PARAMS.solid_piece_share * st[big, 4]]
    grown = True
    while grown:
        grown = False
        for i in list(rest):
            b = Box(int(st[i, 0]), int(st[i, 1]), int(st[i, 0] + st[i, 2]), int(st[i, 1] + st[i, 3]))
            if max(b.x0 - box.x1, box.x0 - b.x1, b.y0 - box.y1, box.y0 - b.y1) <= PARAMS.solid_piece_near_mm * unit:
                box = box.union(b)
                count += int(st[i, 4])
                rest.remove(i)
                grown = True
    return box, count


def _holds_blobs(text: np.ndarray, f: Box, unit: float) -> bool:
    """Does the frame enclose ink blobs far bigger than characters (the dark parts of a photo)?"""
    inner = text[f.y0 + 2:f.y1 - 2, f.x0 + 2:f.x1 - 2]
    if inner.size == 0:
        return False
    n, _, stats, _ = cv2.connectedComponentsWithStats(inner, connectivity=8)
    big = ((stats[1:, 2] > PARAMS.frame_blob_mm * unit) & (stats[1:, 3] > PARAMS.frame_blob_mm * unit)
           & (stats[1:, 4] > PARAMS.frame_blob_fill * stats[1:, 2] * stats[1:, 3]))
    if not big.any():
        return False
    st = stats[1:][big]
    x0, y0 = st[:, 0].min(), st[:, 1].min()
    x1, y1 = (st[:, 0] + st[:, 2]).max(), (st[:, 1] + st[:, 3]).max()
    return (x1 - x0) * (y1 - y0) >= 0.5 * inner.size       # the blobs fill the frame: a framed photo


def _glyph_line_rows(strip: np.ndarray, em: float) -> list[tuple[int, int]]:
    """The rows (start, end) of ``strip`` holding a line of characters: at least
    ``PARAMS.frame_caption_glyphs`` glyph-sized pieces of ink side by side (``frame_glyph_*_em``: a stroke or a
    character, never a photo's blob nor a speck of grain) on at least ``line_min_em`` of an em of rows, and
    nearly all the ink there in such pieces (``frame_glyph_share``: a photo's dark patch breaks into blobs
    and a few glyph-sized crumbs)."""
    p = PARAMS
    n, _, st, _ = cv2.connectedComponentsWithStats(strip, connectivity=8)
    st = st[1:]
    size = np.maximum(st[:, 2], st[:, 3])
    glyph = (size >= p.frame_glyph_min_em * em) & (size <= p.frame_glyph_max_em * em)
    blob = size > p.frame_glyph_max_em * em
    cover = np.zeros(strip.shape[0], np.int32)
    for x, y, w, h, _a in st[glyph]:
        cover[y:y + h] += 1
    out = []
    for start, y in runs(cover >= p.frame_caption_glyphs):
        if y - start >= p.line_min_em * em:
            near = (st[:, 1] < y) & (st[:, 1] + st[:, 3] > start)
            inked = float(st[near & (glyph | blob), 4].sum())
            if inked and float(st[near & glyph, 4].sum()) >= p.frame_glyph_share * inked:
                out.append((start, y))
    return out


def caption_in_frame(text: np.ndarray, f: Box, inner: list[Box], em: float) -> tuple[int, int] | None:
    """Frame ``f`` round pictures ``inner``: when a line of characters lies between the pictures' joint box
    and the frame's top or bottom side (a caption, a credit), the frame is the photo's edges and rules round
    photo and caption, and the picture is the frame ending at that line: its (top, bottom).  None: no such
    line, the frame is the picture's border.  Pale parts of the photo between its dark part and the caption
    stay in the picture (grain is no glyph, a dark blob is none either)."""
    if em <= 0:
        return None
    joint = Box.union_all(inner)
    top, bottom, found = f.y0, f.y1, False
    x0, x1 = f.x0 + 2, f.x1 - 2
    if joint.y0 - f.y0 >= PARAMS.frame_caption_room_em * em:
        lines = _glyph_line_rows(text[f.y0 + 2:joint.y0, x0:x1], em)
        if lines:
            top, found = f.y0 + 2 + lines[-1][1], True
    if f.y1 - joint.y1 >= PARAMS.frame_caption_room_em * em:
        lines = _glyph_line_rows(text[joint.y1:f.y1 - 2, x0:x1], em)
        if lines:
            bottom, found = joint.y1 + lines[0][0], True
    return (top, bottom) if found else None


def split_ink(binary: np.ndarray, unit: float, em: float = 0.0, fill: float = 0.0, part: bool = True,
              toned: np.ndarray | None = None) -> Ink:
    """Classify the ink; ``unit`` is layout px per mm, ``em`` the type size measured (``drop_specks``);
    ``fill``: see :func:`merge_pictures`; ``part``: a rule between two pictures parts them
    (:func:`parted_by_rule`; layout.analyse: not on a turned vertical page); ``toned``: the page's pixels
    darker than the paper (pictures.toned_mask, layout size), given on a turned vertical page: pictures
    join there only when their joint box takes in no text (:func:`text_between`)."""
    clean = drop_border_debris(binary, unit)
    P = PARAMS
    cands, masks = find_rules(clean, unit, P.rule_min_len_mm * unit)
    frames, rules = find_frames(cands, unit, clean)
    framed = {id(r) for r in cands} - {id(r) for r in rules}
    # a rule worn to pieces is one rule (the sides of boxes stacked edge to edge stay the boxes' own)
    rules, rule_masks = join_broken_rules(rules, [m for r, m in zip(cands, masks) if id(r) not in framed],
                                          clean, P.rule_min_len_mm * unit, P.rule_long_mm * unit)
    # long rules, or shorter hairlines (between the columns of a short article); never a dash in a headline
    upright = [r for r in rules if r.orientation == "v" and r.box.height >= P.rule_long_mm * unit]
    kept = [(r, m) for r, m in zip(rules, rule_masks)
            if (max(r.box.width, r.box.height) >= P.rule_long_mm * unit
                or (max(r.box.width, r.box.height) >= P.hairline_min_mm * unit
                    and r.thickness <= P.hairline_max_thick_mm * unit))
            and not _is_dash(clean, r, unit, upright)]
    # a film scratch is taken out of the ink like a rule but parts nothing (issue 11, micro7)
    scratched = [is_scratch(clean, r, em, m) for r, m in kept]
    rules = [r for (r, _), sc in zip(kept, scratched) if not sc]
    scratches = [r.box for (r, _), sc in zip(kept, scratched) if sc]
    rest = clean.copy()
    for r, m in [(r, m) for r, m in zip(cands, masks) if id(r) in framed] + kept:
        b = r.box
        rest[b.y0:b.y1, b.x0:b.x1] = cv2.subtract(rest[b.y0:b.y1, b.x0:b.x1], m)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    pictures: list[Box] = []
    drop = np.zeros(n, bool)
    drop[_beside_rules(stats, rules, unit)] = True
    k = max(P.min_kernel_px, int(P.picture_open_mm * unit)) | 1
    sw, sh = stats[:, 2].astype(np.float64), stats[:, 3].astype(np.float64)
    big = ((sw > P.picture_min_width_mm * unit) & (sh > P.picture_min_height_mm * unit)
           & (stats[:, 4] / (sw * sh) > P.picture_min_fill))   # the test below, at once
    for i in np.flatnonzero(big[1:]) + 1:
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if bw > P.picture_min_width_mm * unit and bh > P.picture_min_height_mm * unit \
                and area / float(bw * bh) > P.picture_min_fill:
            # the solid body of the picture, without rules or text that happen to touch it
            comp = np.where(labels[y:y + bh, x:x + bw] == i, 255, 0).astype(np.uint8)
            solid = cv2.morphologyEx(comp, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
            found = _solid_cluster(solid, unit)
            if found is None:
                continue
            sb, count = found
            box = Box(x + sb.x0, y + sb.y0, x + sb.x1, y + sb.y1)
            if box.width > P.picture_solid_min_mm * unit and box.height > P.picture_solid_min_mm * unit \
                    and count > P.picture_min_fill * box.area:
                pictures.append(box)
                drop[i] = True
    text = rest.copy()
    if drop.any():
        text[drop[labels]] = 0
    # a frame around a picture (pieces of it found, or blobs too big for characters inside) is its border
    keep_frames = []
    for f in frames:
        inner = [j for j, q in enumerate(pictures)
                 if q.intersection(f) > PARAMS.frame_picture_inside * q.area and q.area > PARAMS.frame_picture_share * f.area]
        edges = caption_in_frame(text, f, [pictures[j] for j in inner], em) if inner else None
        if edges is not None:
            # the photo's own edges and a rule or two round it and its caption: the photo reaches the frame's
            # sides but not over the caption (browser 12 bw_000: the frame's bottom was the rule under the
            # caption, whose lines were lost in the picture)
            pictures = [p for j, p in enumerate(pictures) if j not in inner] + [Box(f.x0, edges[0], f.x1, edges[1])]
            continue
        if inner or _holds_blobs(text, f, unit):
            pictures = [p for j, p in enumerate(pictures) if j not in inner] + [f]
        else:
            keep_frames.append(f)
    pictures = merge_pictures(pictures, unit, fill, rules if part else [], None if toned is None else (toned, text),
                              (text, em) if part else None)
    for p in pictures:          # whatever lies inside a picture belongs to it
        text[p.y0:p.y1, p.x0:p.x1] = 0
    text = drop_specks(text, unit, em)
    return Ink(text, merge_double(rules, unit), keep_frames, pictures, scratches)


def _beside_rules(stats: np.ndarray, rules: list[Rule], unit: float) -> list[int]:
    """Components (``stats`` of connectedComponentsWithStats) that are thin slivers running along a rule
    within rule_beside_gap of its thickness: the other line of a double rule, worn to pieces too short to be
    a rule (the masthead's double rule of browser seed 9 bx_000 left three slivers read as text lines)."""
    thin = PARAMS.rule_max_thick_mm * unit
    least = PARAMS.rule_min_len_mm * unit
    out = []
    sw, sh = stats[:, 2], stats[:, 3]
    slivers = ((sh <= thin) & (sw >= least)) | ((sw <= thin) & (sh >= least))   # the tests below, at once
    for i in np.flatnonzero(slivers[1:]) + 1:
        x, y, bw, bh, _ = (int(v) for v in stats[i])
        for r in rules:
            b, t = r.box, max(1.0, r.thickness)
            reach = PARAMS.rule_beside_gap * t + 1
            if r.orientation == "h" and bh <= thin and bw >= least and x >= b.x0 - 1 and x + bw <= b.x1 + 1 \
                    and (0 <= b.y0 - (y + bh) <= reach or 0 <= y - b.y1 <= reach):
                out.append(i)
                break
            if r.orientation == "v" and bw <= thin and bh >= least and y >= b.y0 - 1 and y + bh <= b.y1 + 1 \
                    and (0 <= b.x0 - (x + bw) <= reach or 0 <= x - b.x1 <= reach):
                out.append(i)
                break
    return out


def is_scratch(binary: np.ndarray, r: Rule, em: float, mask: np.ndarray | None = None) -> bool:
    """Is vertical rule ``r`` a scratch drawn down the film through the text rather than a rule in a gutter:
    ink touches it on both sides (within ``PARAMS.scratch_touch_em``) on at least ``PARAMS.scratch_text_share``
    of its rows?  (``em``: the first pass's type size, layout px; 0 = unknown: never a scratch.)  With the
    rule's ink ``mask`` (its box's crop) it is also one when, measured beside the stroke row by row, ink
    touches both sides within ``PARAMS.scratch_window_em`` above or below on that share of its rows and the
    leading between lines of type leaves both sides white on ``PARAMS.scratch_leading_share`` of them (micro10)."""
    if r.orientation != "v" or em <= 0:
        return False
    h, w = binary.shape
    b = r.box
    reach = max(1, round(PARAMS.scratch_touch_em * em))
    if b.x0 - 1 - reach < 0 or b.x1 + 1 + reach > w or b.height <= 0:
        return False
    left = binary[b.y0:b.y1, b.x0 - 1 - reach:b.x0 - 1].any(axis=1)
    right = binary[b.y0:b.y1, b.x1 + 1:b.x1 + 1 + reach].any(axis=1)
    if float((left & right).mean()) >= PARAMS.scratch_text_share:
        return True
    rows = np.flatnonzero(mask.any(axis=1)) if mask is not None else np.zeros(0, int)
    if not rows.size:
        return False
    cols = np.arange(mask.shape[1])
    inked = mask[rows] > 0
    a = b.x0 + np.where(inked, cols, mask.shape[1]).min(axis=1)      # the stroke's ends, row by row
    c = b.x0 + np.where(inked, cols, -1).max(axis=1)
    ys = b.y0 + rows
    left = np.zeros(b.height, bool)
    right = np.zeros(b.height, bool)
    for k in range(reach):
        left[rows] |= binary[ys, np.clip(a - 1 - k, 0, w - 1)] > 0
        right[rows] |= binary[ys, np.clip(c + 1 + k, 0, w - 1)] > 0
    win = np.ones(2 * max(1, round(PARAMS.scratch_window_em * em)) + 1)
    touched = (np.convolve(left.astype(float), win, "same") > 0) & (np.convolve(right.astype(float), win, "same") > 0)
    if float(touched[rows].mean()) < PARAMS.scratch_text_share:
        return False
    lead = max(1, round(PARAMS.scratch_leading_em * em))
    white = np.ones(rows.size, bool)
    for k in range(lead):
        white &= (binary[ys, np.clip(a - 1 - k, 0, w - 1)] == 0) & (binary[ys, np.clip(c + 1 + k, 0, w - 1)] == 0)
    return float(white.mean()) >= PARAMS.scratch_leading_share


def one_picture(a: Box, b: Box, fill: float) -> bool:
    """Can ``a`` and ``b`` be pieces of one picture: do they fill at least ``fill`` of their joint box?
    Two photos side by side in an L do not (``PARAMS.picture_join_fill``)."""
    joint = a.union(b)
    return a.area + b.area - a.intersection(b) >= fill * joint.area


def text_between(a: Box, b: Box, toned: np.ndarray, ink: np.ndarray) -> bool:
    """Does the part of ``a`` and ``b``'s joint box outside both hold text: inked over
    ``picture_join_ink_share`` of it (``ink``: the text's binary) and toned (``toned``: darker than the
    paper) under ``picture_join_toned_share``, where a photo's pale part is toned nearly all over?"""
    joint = a.union(b)
    h, w = ink.shape[:2]
    x0, y0, x1, y1 = max(0, joint.x0), max(0, joint.y0), min(w, joint.x1), min(h, joint.y1)
    if x1 <= x0 or y1 <= y0:
        return False
    rest = np.ones((y1 - y0, x1 - x0), bool)
    for p in (a, b):
        rest[max(0, p.y0 - y0):max(0, p.y1 - y0), max(0, p.x0 - x0):max(0, p.x1 - x0)] = False
    n = int(rest.sum())
    if n == 0:
        return False
    inked = float(np.count_nonzero(ink[y0:y1, x0:x1][rest])) / n
    tone = float(np.count_nonzero(toned[y0:y1, x0:x1][rest])) / n
    return inked >= PARAMS.picture_join_ink_share and tone < PARAMS.picture_join_toned_share


def paper_between(a: Box, b: Box, toned: np.ndarray) -> bool:
    """Do ``a`` and ``b`` stand side by side (or one over the other) with a strip of paper between them along
    their common extent: the white (and a rule) between two photos, toned under ``picture_gap_toned_share``,
    where the pieces of one photo have the photo's tone between them?"""
    gx = max(a.x0, b.x0) - min(a.x1, b.x1)
    gy = max(a.y0, b.y0) - min(a.y1, b.y1)
    if gx > 0 and gy < 0:
        strip = toned[max(a.y0, b.y0):min(a.y1, b.y1), min(a.x1, b.x1):max(a.x0, b.x0)]
    elif gy > 0 and gx < 0:
        strip = toned[min(a.y1, b.y1):max(a.y0, b.y0), max(a.x0, b.x0):min(a.x1, b.x1)]
    else:
        return False
    return strip.size > 0 and float(np.count_nonzero(strip)) / strip.size < PARAMS.picture_gap_toned_share


def rule_between(a: Box, b: Box, rules: list[Rule]) -> Rule | None:
    """A rule standing between ``a`` and ``b`` (a vertical one between two side by side, a horizontal one
    between two stacked) along over ``picture_rule_along`` of each one's side, if any."""
    for r in rules:
        if r.orientation == "v":
            lo, hi = (a, b) if a.cx <= b.cx else (b, a)
            if lo.cx < r.box.cx < hi.cx and min(r.box.y1, a.y1) - max(r.box.y0, a.y0) > PARAMS.picture_rule_along * a.height \
                    and min(r.box.y1, b.y1) - max(r.box.y0, b.y0) > PARAMS.picture_rule_along * b.height:
                return r
        else:
            lo, hi = (a, b) if a.cy <= b.cy else (b, a)
            if lo.cy < r.box.cy < hi.cy and min(r.box.x1, a.x1) - max(r.box.x0, a.x0) > PARAMS.picture_rule_along * a.width \
                    and min(r.box.x1, b.x1) - max(r.box.x0, b.x0) > PARAMS.picture_rule_along * b.width:
                return r
    return None


def parted_by_rule(a: Box, b: Box, rules: list[Rule], unit: float) -> bool:
    """Two pictures with a rule between them (``rule_between``) that are not level along it (tops and
    bottoms, or left and right edges, within ``picture_level_mm``): two pictures, not the pieces of one
    photo a rule was printed across."""
    r = rule_between(a, b, rules)
    if r is None:
        return False
    tol = PARAMS.picture_level_mm * unit
    if r.orientation == "v":
        return abs(a.y0 - b.y0) > tol or abs(a.y1 - b.y1) > tol
    return abs(a.x0 - b.x0) > tol or abs(a.x1 - b.x1) > tol


def merge_pictures(pictures: list[Box], unit: float, fill: float = 0.0, rules: list[Rule] = (),
                   tone: tuple[np.ndarray, np.ndarray] | None = None,
                   lines: tuple[np.ndarray, float] | None = None) -> list[Box]:
    """Pieces of one picture (split by a rule drawn behind it, or nested) become one box; with ``fill`` only
    pieces that fill that share of their joint box (vertical pages: ``PARAMS.picture_join_fill``; on
    horizontal pages 0, every piece within 2 mm: there separating two photos in an L changed the article
    order downstream for the worse, browser seed 7's bs_007); never two that one of ``rules`` parts
    (``parted_by_rule``); with ``tone`` (the page's toned mask and its text ink, layout size; vertical
    pages) never two whose joint box takes in text (``text_between``); with ``lines`` (the text's ink and the
    page's em; horizontal pages) never two whose joint box, outside the pictures, holds lines of the page's
    text (``holds_text``)."""
    from .pictures import holds_text                    # (pictures.py owns the line finder; it imports this module)
    boxes = list(pictures)
    texted: dict[tuple[Box, Box], bool] = {}     # holds_text of a pair, asked once (the loop starts over)

    def over_text(a: Box, b: Box) -> bool:
        if (a, b) not in texted:
            texted[(a, b)] = holds_text(a.union(b), boxes, *lines)
        return texted[(a, b)]

    changed = True
    while changed:
        changed = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                gx = max(a.x0, b.x0) - min(a.x1, b.x1)
                gy = max(a.y0, b.y0) - min(a.y1, b.y1)
                if gx <= PARAMS.picture_piece_gap_mm * unit and gy <= PARAMS.picture_piece_gap_mm * unit \
                        and one_picture(a, b, fill) \
                        and not parted_by_rule(a, b, rules, unit) \
                        and not (tone is not None and (text_between(a, b, *tone) or paper_between(a, b, tone[0]))) \
                        and not (lines is not None and over_text(a, b)):
                    boxes[i] = a.union(b)
                    del boxes[j]
                    changed = True
                    break
            if changed:
                break
    return boxes


def merge_double(rules: list[Rule], unit: float) -> list[Rule]:
    """Two parallel rules a hair apart are one double rule."""
    out: list[Rule] = []
    used = [False] * len(rules)
    gap, along = PARAMS.double_rule_gap_mm * unit, PARAMS.double_rule_along
    for i, a in enumerate(rules):
        if used[i]:
            continue
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if used[j] or b.orientation != a.orientation:
                continue
            if a.orientation == "h":
                near = abs(b.box.y0 - a.box.y1) <= gap or abs(a.box.y0 - b.box.y1) <= gap
                same = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0) > along * min(a.box.width, b.box.width)
            else:
                near = abs(b.box.x0 - a.box.x1) <= gap or abs(a.box.x0 - b.box.x1) <= gap
                same = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0) > along * min(a.box.height, b.box.height)
            if near and same:
                used[j] = True
                a = Rule(a.box.union(b.box), a.orientation, a.thickness + b.thickness, "double")
        out.append(a)
    return out


def cut_boxes(ink: Ink) -> tuple[list[Box], list[Box]]:
    """Where line smearing must not join across: (walls = vertical rules, crossed only where text is drawn
    over them; cuts = horizontal rules and the four sides of every frame, never crossed)."""
    walls = [Box(r.box.x0 - 2, r.box.y0, r.box.x1 + 2, r.box.y1) for r in ink.rules if r.orientation == "v"]
    cuts = [r.box for r in ink.rules if r.orientation == "h"]
    for f in ink.frames:
        cuts += [Box(f.x0, f.y0, f.x1, f.y0 + 2), Box(f.x0, f.y1 - 2, f.x1, f.y1),
                 Box(f.x0, f.y0, f.x0 + 2, f.y1), Box(f.x1 - 2, f.y0, f.x1, f.y1)]
    return walls, cuts
