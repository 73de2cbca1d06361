"""Pictures found in the gray image: large areas of tone (light photos binarize to almost nothing)."""
from __future__ import annotations

from typing import Callable

import cv2
import numpy as np

from ..geometry import Box
from .components import component_stats
from .params import DEFAULT as PARAMS
from .quantiles import above, histogram, percentile
from .lines import smear_segments
from .separators import rule_between


def _marks(binary: np.ndarray, box: Box, lo: float, hi: float) -> np.ndarray:
    """The stats rows (x, y, width, height, area; ``box``'s own coordinates) of the ink components ``lo`` to
    ``hi`` tall and at most ``hi`` wide inside ``box``, in the order cv2 labels them."""
    crop = (binary[box.y0:box.y1, box.x0:box.x1] > 0).astype(np.uint8)
    _, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    st = st[1:]
    return st[(st[:, 3] >= lo) & (st[:, 3] <= hi) & (st[:, 2] <= hi)]


def _mark_density(binary: np.ndarray, box: Box, lo: float, hi: float, cell: float) -> float:
    """Ink components ``lo`` to ``hi`` tall and at most ``hi`` wide inside ``box``, per square of ``cell``."""
    return len(_marks(binary, box, lo, hi)) / max(1.0, box.area / cell ** 2)


def _charlike_density(binary: np.ndarray, box: Box, unit: float) -> float:
    """Character-sized ink components per (4 mm)^2 inside ``box``: high for text, low for a photo."""
    P = PARAMS
    return _mark_density(binary, box, P.charlike_min_mm * unit, P.charlike_max_mm * unit, P.charlike_cell_mm * unit)


def photo_margin(gray: np.ndarray) -> float:
    """How far under the paper's level (75th percentile) a photo piece's lightest tenth must lie: the
    paper's noise, as ``tone_level`` measures it (``photo_piece``'s ``margin``)."""
    return float(percentile(gray, PARAMS.paper_level_percentile)) - tone_level(gray)


def grow_over_pieces(pictures: list[Box], items: list, box_of: Callable[[object], Box],
                     touches: Callable[[Box, Box], bool], is_piece: Callable[[Box, list[Box]], bool]) -> list[Box]:
    """Pictures grown, until nothing changes, over each item whose box ``touches`` a picture and
    ``is_piece`` of one (given the pictures as they are then).  Returns the pictures."""
    pics = list(pictures)
    left = list(items)
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(pics):
            for it in left:
                b = box_of(it)
                if touches(p, b) and is_piece(b, pics):
                    pics[i] = p.union(b)
                    left.remove(it)
                    changed = True
                    break
            if changed:
                break
    return pics


# the last page's gray image at layout size (a copy) and its tone_level: the layout asks for the level of one
# page up to four times (toned_mask, tone_pictures, photo_margin twice); comparing the pixels costs far less
_last_tone: tuple[np.ndarray, float] | None = None


def tone_level(small: np.ndarray) -> float:
    """The gray level under which a pixel of the page at layout size is clearly darker than the paper: the
    paper's level less three times its noise (at least 10 levels)."""
    global _last_tone
    last = _last_tone
    if last is not None and last[0].shape == small.shape and last[0].dtype == small.dtype \
            and np.array_equal(last[0], small):
        return last[1]
    level = _tone_level(small)
    _last_tone = (small.copy(), level)
    return level


def _tone_level(small: np.ndarray) -> float:
    counts = histogram(small) if small.dtype == np.uint8 else None   # quantiles.py: the same numbers, faster
    paper = float(percentile(small, PARAMS.paper_level_percentile, np.float32, counts))
    ink = float(percentile(small, 2, np.float32, counts))
    if small.dtype == np.uint8:
        near_paper = small[above(small, paper - PARAMS.paper_near_share * (paper - ink))].astype(np.float32)
    else:
        small = small.astype(np.float32)
        near_paper = small[small > paper - PARAMS.paper_near_share * (paper - ink)]
    sigma = float(np.std(near_paper)) if near_paper.size else 0.0
    return paper - max(PARAMS.paper_noise_min_levels, PARAMS.paper_noise_sigmas * sigma)


def tint_levels(small: np.ndarray, frames: list[Box], unit: float) -> list[tuple[Box, float]]:
    """The boxed articles printed on a tint, as (the frame's inside, the level under which a pixel there is
    darker than the tint: ``tone_level`` of the inside).  A tint is one flat tone darker than the paper:
    at least ``tint_flat_share`` of the inside (kept ``tint_inset_mm`` off the frame's rules) lies within
    ``tint_flat_levels`` of its commonest level, and that level is itself toned on the page.  A photo
    framed by a rule is no tint: its tones spread."""
    if not frames:
        return []
    page = tone_level(small)
    d = int(round(PARAMS.tint_inset_mm * unit))
    out = []
    for f in frames:
        inside = Box(f.x0 + d, f.y0 + d, f.x1 - d, f.y1 - d)
        if inside.width < PARAMS.tint_min_mm * unit or inside.height < PARAMS.tint_min_mm * unit:
            continue
        g = small[inside.y0:inside.y1, inside.x0:inside.x1]
        counts = np.bincount(g.ravel(), minlength=256) if g.dtype == np.uint8 else \
            np.bincount(np.clip(g, 0, 255).astype(np.uint8).ravel(), minlength=256)
        mode = int(np.argmax(counts))
        k = int(PARAMS.tint_flat_levels)
        flat = float(counts[max(0, mode - k):mode + k + 1].sum()) / max(1, g.size)
        if mode < page and flat >= PARAMS.tint_flat_share:
            out.append((inside, _tone_level(g)))
    return out


def _below_paper(img: np.ndarray, level: float, tints: list[tuple[Box, float]]) -> np.ndarray:
    """``img`` (layout size) under the paper's ``level``, and inside each boxed article on a tint
    (``tints``, from ``tint_levels``) under the tint's level: there the tint is the paper."""
    mask = img < level
    for b, tint in tints:
        mask[b.y0:b.y1, b.x0:b.x1] = img[b.y0:b.y1, b.x0:b.x1] < tint
    return mask


def toned_mask(small: np.ndarray, tints: list[tuple[Box, float]] = ()) -> np.ndarray:
    """Pixels of the gray page at layout size clearly darker than the paper: ink and the tone of photos.
    Inside a boxed article on a tint (``tints``, from ``tint_levels``) the tint is its paper."""
    return _below_paper(small, tone_level(small), tints)


def _flat_tone(gray: np.ndarray, binary: np.ndarray, box: Box, tints: list[tuple[Box, float]] = ()) -> bool:
    """Is the paper between the marks in ``box`` one flat tone (a tint behind text), not the changing
    tones of a photo?  The middle 80 % of its gray levels span less than ``flat_tone_span`` levels; inside
    a boxed article on a tint (``tints``) their median is the tint's too, not darker (a pale photo there)."""
    g = gray[box.y0:box.y1, box.x0:box.x1]
    bg = g[binary[box.y0:box.y1, box.x0:box.x1] == 0]
    if bg.size < PARAMS.tone_min_px:
        return False
    lo, mid, hi = percentile(bg, (10, 50, 90))
    cx, cy = (box.x0 + box.x1) // 2, (box.y0 + box.y1) // 2
    if any(b.x0 <= cx < b.x1 and b.y0 <= cy < b.y1 and float(mid) < level for b, level in tints):
        return False
    return float(hi - lo) < PARAMS.flat_tone_span


def grow_pictures(pictures: list[Box], toned: np.ndarray, unit: float,
                  binary: np.ndarray | None = None, gray: np.ndarray | None = None,
                  tints: list[tuple[Box, float]] = (), rules: list = (),
                  lines: tuple[np.ndarray, float] | None = None) -> list[Box]:
    """A picture reaches as far as its tone: each side moves out over the rows / columns next to it that are
    mostly toned along the picture's extent (the pale part of a photo that binarized to loose marks).
    Text on paper is far from mostly toned, so a picture does not grow into the column beside it; tone
    running down (across) most of the page is scanner background or border, not the picture.  Nor does
    it grow over a flat tone that holds characters (with ``binary`` and the ``gray`` page at layout size):
    a boxed article printed on a tint (``tints``: those known, whose tint level a photo is darker than),
    flat both over the strip a side grows over and where that strip meets the picture (along its extent).
    Nor over one of ``rules`` (separators.Rule) that stands between it and another picture (two photos, the
    column rule between them: separators.rule_between, parted_by_rule); a rule with no picture beyond it
    (the picture's own frame) is grown over as before.  Nor, with ``lines`` (the page's text ink and em), over
    a strip that holds lines of the page's text (:func:`_short_of_text`): a boxed article's text on a tint that is not
    flat (a heavy scan's noise) is text, whatever its tone."""
    h, w = toned.shape
    # the page's tone is measured outside the pictures: two photos side by side over most of the page's
    # width are no scanner border (browser 15 bh_001: a photo's pale lower part was not grown over)
    free = np.ones(toned.shape, bool)
    for p in pictures:
        free[p.y0:p.y1, p.x0:p.x1] = False
    rest = toned & free
    page_cols = rest.sum(axis=0) < PARAMS.page_tone_share * np.maximum(1, free.sum(axis=0))
    page_rows = rest.sum(axis=1) < PARAMS.page_tone_share * np.maximum(1, free.sum(axis=1))
    out: list[Box] = []
    for p in pictures:
        if p.width < PARAMS.picture_grow_min_mm * unit or p.height < PARAMS.picture_grow_min_mm * unit:
            out.append(p)
            continue
        x0, y0, x1, y1 = p.x0, p.y0, p.x1, p.y1
        walls = [r for r in rules if any(q is not p and rule_between(p, q, [r]) for q in pictures)]
        for _ in range(2):
            cm = (toned[y0:y1].mean(axis=0) >= PARAMS.mostly_toned_share) & page_cols
            for r in walls:
                if r.orientation == "v" and min(r.box.y1, y1) - max(r.box.y0, y0) > PARAMS.picture_rule_along * (y1 - y0):
                    cm[max(0, r.box.x0):max(0, r.box.x1)] = False
            while x1 < w and cm[x1]:
                x1 += 1
            while x0 > 0 and cm[x0 - 1]:
                x0 -= 1
            rm = (toned[:, x0:x1].mean(axis=1) >= PARAMS.mostly_toned_share) & page_rows
            for r in walls:
                if r.orientation == "h" and min(r.box.x1, x1) - max(r.box.x0, x0) > PARAMS.picture_rule_along * (x1 - x0):
                    rm[max(0, r.box.y0):max(0, r.box.y1)] = False
            while y1 < h and rm[y1]:
                y1 += 1
            while y0 > 0 and rm[y0 - 1]:
                y0 -= 1
        if binary is not None and gray is not None:
            # (nor where the strip meets the picture, along its own extent, are its tones flat: the pale part
            # of a photo on a tinted column, the tint above and below it in the strip, is no tint; browser 15
            # bh_004)
            strips = {"x0": (Box(x0, y0, p.x0, y1), Box(x0, p.y0, p.x0, p.y1)),
                      "x1": (Box(p.x1, y0, x1, y1), Box(p.x1, p.y0, x1, p.y1)),
                      "y0": (Box(x0, y0, x1, p.y0), Box(p.x0, y0, p.x1, p.y0)),
                      "y1": (Box(x0, p.y1, x1, y1), Box(p.x0, p.y1, p.x1, y1))}
            for side, (strip, beside) in strips.items():
                if strip.width > 0 and strip.height > 0 \
                        and _charlike_density(binary, strip, unit) >= PARAMS.charlike_text_density \
                        and _flat_tone(gray, binary, strip, tints) and _flat_tone(gray, binary, beside, tints):
                    x0, y0, x1, y1 = (getattr(p, side) if k == side else v
                                      for k, v in zip(("x0", "y0", "x1", "y1"), (x0, y0, x1, y1)))
            x0, y0, x1, y1 = _trim_clean_tint(gray, binary, p, Box(x0, y0, x1, y1), unit)
            if lines is not None:
                x0, y0, x1, y1 = _short_of_tint_gap(gray, binary, p, Box(x0, y0, x1, y1), unit, lines[1])
        if lines is not None:
            # a side whose grown strip holds lines of the page's text stops short of the nearest of them
            # (browser 65 de_004: a boxed article's two photos grown over its text to the box's top and bottom)
            x0, y0, x1, y1 = _short_of_text(p, Box(x0, y0, x1, y1), pictures, *lines)
        out.append(Box(x0, y0, x1, y1))
    return out


def _short_of_text(p: Box, grown: Box, pictures: list[Box], text: np.ndarray, em: float) -> tuple[int, ...]:
    """``grown`` (picture ``p`` grown) with each grown side whose strip holds ``picture_text_lines`` lines of the
    page's text (``text_lines_in``, outside ``pictures``) moved back to the edge of the nearest of them: text
    the page shows as text is no part of a picture.  Never inside ``p``.

    A side's strip is first taken along ``p``'s own extent (its rows for a left or right side, its columns for
    the top or bottom), then along the box as the sides left it (the corners): text beside a photo that stops
    its growth sideways does not stop its growth up or down as well (synth 71 su2_004: a photo found in part,
    the column of text to its left, grown up over its own pale top)."""
    box = {"x0": grown.x0, "y0": grown.y0, "x1": grown.x1, "y1": grown.y1}
    if em <= 0:
        return grown.x0, grown.y0, grown.x1, grown.y1
    for own in (True, False):
        for side in ("x0", "x1", "y0", "y1"):
            x0, y0, x1, y1 = box["x0"], box["y0"], box["x1"], box["y1"]
            if own:
                y0, y1 = (p.y0, p.y1) if side[0] == "x" else (y0, y1)
                x0, x1 = (p.x0, p.x1) if side[0] == "y" else (x0, x1)
            strip = {"x0": Box(x0, y0, p.x0, y1), "x1": Box(p.x1, y0, x1, y1),
                     "y0": Box(x0, y0, x1, p.y0), "y1": Box(x0, p.y1, x1, y1)}[side]
            if strip.width <= 0 or strip.height <= 0:
                continue
            found = text_lines_in(text, strip, [q for q in pictures if q.intersection(strip) > 0], em)
            if len(found) < PARAMS.picture_text_lines:
                continue
            if side == "x0":
                box["x0"] = min(p.x0, max(t.x1 for t in found))
            elif side == "x1":
                box["x1"] = max(p.x1, min(t.x0 for t in found))
            elif side == "y0":
                box["y0"] = min(p.y0, max(t.y1 for t in found))
            else:
                box["y1"] = max(p.y1, min(t.y0 for t in found))
    return box["x0"], box["y0"], box["x1"], box["y1"]


def _clean_tone(gray: np.ndarray, binary: np.ndarray, band: Box) -> bool:
    """Is the paper of ``band`` (its pixels off the ink) one clean tone: ``tint_band_share`` of it within
    ``tint_flat_levels`` of its commonest level?"""
    g = gray[band.y0:band.y1, band.x0:band.x1]
    bg = g[binary[band.y0:band.y1, band.x0:band.x1] == 0]
    if bg.size < PARAMS.tone_min_px:
        return False
    counts = np.bincount(np.clip(bg, 0, 255).astype(np.uint8).ravel(), minlength=256)
    mode, k = int(np.argmax(counts)), int(PARAMS.tint_flat_levels)
    return float(counts[max(0, mode - k):mode + k + 1].sum()) >= PARAMS.tint_band_share * bg.size


def _trim_clean_tint(gray: np.ndarray, binary: np.ndarray, p: Box, grown: Box, unit: float) -> tuple[int, ...]:
    """``grown`` (picture ``p`` grown) with each grown side moved back, a band of ``tint_band_mm`` at a time
    along ``p``'s extent, while the outermost band is one clean tone (``_clean_tone``): a blank tint, not
    the grain of a photo's pale part.  Never inside ``p``."""
    k = max(1, int(round(PARAMS.tint_band_mm * unit)))
    x0, y0, x1, y1 = grown.x0, grown.y0, grown.x1, grown.y1
    while y0 < p.y0 and _clean_tone(gray, binary, Box(p.x0, y0, p.x1, min(p.y0, y0 + k))):
        y0 = min(p.y0, y0 + k)
    while y1 > p.y1 and _clean_tone(gray, binary, Box(p.x0, max(p.y1, y1 - k), p.x1, y1)):
        y1 = max(p.y1, y1 - k)
    while x0 < p.x0 and _clean_tone(gray, binary, Box(x0, p.y0, min(p.x0, x0 + k), p.y1)):
        x0 = min(p.x0, x0 + k)
    while x1 > p.x1 and _clean_tone(gray, binary, Box(max(p.x1, x1 - k), p.y0, x1, p.y1)):
        x1 = max(p.x1, x1 - k)
    return x0, y0, x1, y1


def _short_of_tint_gap(gray: np.ndarray, binary: np.ndarray, p: Box, grown: Box, unit: float,
                       em: float) -> tuple[int, ...]:
    """``grown`` (picture ``p`` grown) with each grown side ended at the first gap of clean tone out from ``p``:
    walking out from ``p``'s edge a ``tint_band_mm`` band at a time along ``p``'s own extent, the first run of
    bands each one clean tone (``_clean_tone``) ``picture_tint_gap_em`` of the page's ``em`` deep or more; the
    side ends at the run's inner edge.  A photo's pale part is not one clean tone band after band: such a gap is
    the paper or tint beside the photo, and the headline or text set on the tint beyond it is no part of it.
    Never inside ``p``."""
    if em <= 0:
        return grown.x0, grown.y0, grown.x1, grown.y1
    k = max(1, int(round(PARAMS.tint_band_mm * unit)))
    need = PARAMS.picture_tint_gap_em * em

    def gap(edge: int, end: int, step: int, band) -> int:
        """The inner edge of the first clean run walking from ``edge`` towards ``end`` (``step`` -1 or +1),
        ``end`` when there is none."""
        run, start, at = 0, edge, edge
        while (at - end) * step < 0:
            nxt = at + step * k
            nxt = max(nxt, end) if step < 0 else min(nxt, end)
            if _clean_tone(gray, binary, band(min(at, nxt), max(at, nxt))):
                if run == 0:
                    start = at
                run += abs(nxt - at)
                if run >= need:
                    return start
            else:
                run = 0
            at = nxt
        return end

    y0 = gap(p.y0, grown.y0, -1, lambda a, b: Box(p.x0, a, p.x1, b)) if grown.y0 < p.y0 else grown.y0
    y1 = gap(p.y1, grown.y1, 1, lambda a, b: Box(p.x0, a, p.x1, b)) if grown.y1 > p.y1 else grown.y1
    x0 = gap(p.x0, grown.x0, -1, lambda a, b: Box(a, p.y0, b, p.y1)) if grown.x0 < p.x0 else grown.x0
    x1 = gap(p.x1, grown.x1, 1, lambda a, b: Box(a, p.y0, b, p.y1)) if grown.x1 > p.x1 else grown.x1
    return x0, y0, x1, y1


def _photo_tone(work: np.ndarray, box: Box, shape: tuple[int, int]) -> bool:
    """Does the lightest quarter of the gray page inside ``box`` (layout px; ``work`` at scan resolution)
    span more than ``flat_tone_span`` levels (75th to 95th percentile)?  Text covers well under three
    quarters of its area, and between its strokes lies paper or a flat tint, so at scan resolution the
    lightest quarter of a text area is one tone; a photo's lightest quarter holds many tones."""
    sy, sx = work.shape[0] / shape[0], work.shape[1] / shape[1]
    g = work[int(box.y0 * sy):int(box.y1 * sy), int(box.x0 * sx):int(box.x1 * sx)]
    if g.size < PARAMS.photo_tone_min_px:
        return False
    lo, hi = percentile(g, (75, 95))
    return float(hi - lo) >= PARAMS.flat_tone_span


def tone_pictures(work: np.ndarray, binary: np.ndarray, unit: float, toned: np.ndarray,
                  gray: np.ndarray | None = None, tints: list[tuple[Box, float]] = (), em: float | None = None,
                  known: list[Box] = ()) -> list[Box]:
    """Boxes (layout px) of large areas where nearly every pixel is darker than the paper and few
    character-sized marks lie: photos and illustrations, including pale ones.

    With ``gray`` (the page at layout size) also grainy or noisy photos, which binarize to many
    character-sized blobs: areas where even the lightest pixel near each point is darker than the paper
    (between the lines and characters of text lies paper) and whose lighter half holds many tones (a tint
    behind text is one tone).  Inside a boxed article on a tint (``tints``) darker means darker than the tint.
    With ``em`` (the page's type size) also pale photos whose lightest quarter is one tone, where they hold
    no text (``_glyph_free``) and no picture found in the binary (``known``) touches them."""
    toned = toned.astype(np.float32)
    win = int(PARAMS.tone_window_mm * unit) | 1
    frac = cv2.boxFilter(toned, -1, (win, win))
    dense = frac >= PARAMS.tone_window_share
    out = [b for b in _toned_areas(dense, toned, win, unit)
           if _charlike_density(binary, b, unit) < PARAMS.charlike_text_density]
    if gray is not None:
        # the lightest pixel within a text line's pitch (about 1.5 mm at any body size) of each point
        k = int(round(PARAMS.veil_reach_mm * unit)) | 1
        veiled = _below_paper(cv2.dilate(gray, np.ones((k, k), np.uint8)), tone_level(gray), tints)
        for b in _toned_areas(dense & veiled, veiled.astype(np.float32), win, unit):
            if not _photo_tone(work, b, binary.shape):
                # (a photo the binary found already is grown by grow_pictures, not redrawn here)
                fresh = em and not any(b.intersection(q) > 0 for q in known)
                b = _glyph_free(binary, b, em, unit) if fresh else None
            if b is not None and not any(b.intersection(o) > 0.5 * b.area for o in out):
                out.append(b)
    return out


def _glyph_free(binary: np.ndarray, box: Box, em: float, unit: float) -> Box | None:
    """The part of a veiled area (``box``, layout px) that holds no text, or None.  A pale photo's lightest
    quarter may be one tone (flat light areas: the photo-tone test fails), and its darker patches binarize to
    blobs of a character's size in millimetres (the character test fails), but few of them are of a glyph's
    size in the page's type (``_glyph_density`` under ``photo_alone_glyph_density``: text on paper or on a
    tint has 0.43-0.50 per square em).  A band of text along a side (a column set close beside the photo,
    taken into the veiled area) is trimmed off an em at a time while a strip two em wide there is as dense
    as text; then every part of the rest ``photo_alone_min_em`` square must be free of text too (a tinted box
    holding a photo and its text is no picture: browser 22 bz_005)."""
    limit = PARAMS.photo_alone_glyph_density
    step, band = max(1, int(round(em))), max(2, int(round(PARAMS.glyph_free_band_em * em)))
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    for _ in range(4):                                  # each side, until none moves
        moved = False
        while x1 - x0 > 2 * band and _glyph_density(binary, Box(x0, y0, x0 + band, y1), em) >= limit:
            x0, moved = x0 + step, True
        while x1 - x0 > 2 * band and _glyph_density(binary, Box(x1 - band, y0, x1, y1), em) >= limit:
            x1, moved = x1 - step, True
        while y1 - y0 > 2 * band and _glyph_density(binary, Box(x0, y0, x1, y0 + band), em) >= limit:
            y0, moved = y0 + step, True
        while y1 - y0 > 2 * band and _glyph_density(binary, Box(x0, y1 - band, x1, y1), em) >= limit:
            y1, moved = y1 - step, True
        if not moved:
            break
    if x1 - x0 < PARAMS.tone_area_min_width_mm * unit or y1 - y0 < PARAMS.tone_area_min_height_mm * unit:
        # (_toned_areas' least picture)
        return None
    tile = max(1, int(round(PARAMS.photo_alone_min_em * em)))
    for ty in range(y0, y1, tile):
        for tx in range(x0, x1, tile):
            t = Box(tx, ty, min(x1, tx + tile), min(y1, ty + tile))
            if t.width * t.height >= 0.5 * tile * tile and _glyph_density(binary, t, em) >= limit:
                return None
    return Box(x0, y0, x1, y1)


def _toned_areas(mask: np.ndarray, toned: np.ndarray, win: int, unit: float) -> list[Box]:
    """Boxes of the large connected areas of ``mask`` (at least 15 x 10 mm, not touching the image edge),
    grown back by the half window the box filter took off, over rows / columns mostly ``toned``."""
    h, w = mask.shape
    out: list[Box] = []
    st = component_stats(mask)                   # components.py: labelled over the box of the mask's pixels
    least_w, least_h = PARAMS.tone_area_min_width_mm * unit, PARAMS.tone_area_min_height_mm * unit
    for row in st[(st[:, 2] >= least_w) & (st[:, 3] >= least_h)]:     # (the first test below, at once)
        x, y, bw, bh, _ = (int(v) for v in row)
        if bw < least_w or bh < least_h:
            continue
        if x <= 1 or y <= 1 or x + bw >= w - 1 or y + bh >= h - 1:
            continue                            # scanner border, not a picture
        pad = win // 2
        box = Box(max(0, x - pad), max(0, y - pad), min(w, x + bw + pad), min(h, y + bh + pad))
        crop = toned[box.y0:box.y1, box.x0:box.x1]
        rows = np.flatnonzero(crop.mean(axis=1) >= PARAMS.mostly_toned_share)
        cols = np.flatnonzero(crop.mean(axis=0) >= PARAMS.mostly_toned_share)
        if len(rows) == 0 or len(cols) == 0:
            continue
        out.append(Box(box.x0 + int(cols[0]), box.y0 + int(rows[0]), box.x0 + int(cols[-1]) + 1,
                       box.y0 + int(rows[-1]) + 1))
    return out


def add_tone_pictures(pictures: list[Box], found: list[Box], lines: tuple[np.ndarray, float] | None = None) -> list[Box]:
    """Pictures from the binary plus the tone pictures that are not already (mostly) among them.  A tone picture
    over several of them joins them; with ``lines`` (the text's ink and the page's em) not when their joint box,
    outside the pictures, holds lines of the page's text (``holds_text``): a toned strip along the tops
    of two photos side by side does not take in the text under the shorter one (microfilm 37 mw_001)."""
    out = list(pictures)
    for t in found:
        hit = [i for i, p in enumerate(out) if p.intersection(t) > PARAMS.tone_picture_overlap * min(p.area, t.area)]
        if len(hit) > 1 and lines is not None and holds_text(Box.union_all([out[i] for i in hit] + [t]), out + [t],
                                                             *lines):
            continue
        if hit:
            for i in hit:
                out[i] = out[i].union(t)
        else:
            out.append(t)
    return out


def _ring(gray: np.ndarray, box: Box, pictures: list[Box], em: float) -> np.ndarray:
    """The gray pixels in a ring of ``photo_piece_ring_em`` round ``box`` (layout px), outside ``box`` and
    ``pictures``: the background (paper or tint) around a block."""
    h, w = gray.shape
    r = int(round(PARAMS.photo_piece_ring_em * em))
    ring = Box(max(0, box.x0 - r), max(0, box.y0 - r), min(w, box.x1 + r), min(h, box.y1 + r))
    keep = np.ones((ring.height, ring.width), bool)
    for q in pictures + [box]:
        x0, y0 = max(q.x0, ring.x0) - ring.x0, max(q.y0, ring.y0) - ring.y0
        x1, y1 = min(q.x1, ring.x1) - ring.x0, min(q.y1, ring.y1) - ring.y0
        if x1 > x0 and y1 > y0:
            keep[y0:y1, x0:x1] = False
    return gray[ring.y0:ring.y1, ring.x0:ring.x1][keep]


def _darker_than_ring(gray: np.ndarray, box: Box, pictures: list[Box], em: float, margin: float,
                      q: float) -> bool:
    """Is the ``q``-th percentile of ``box``'s gray pixels (layout px) darker than the same percentile of the
    background in a ring round it (``_ring``) by more than ``margin`` (the paper's noise)?  False when the
    ring holds under ``photo_ring_min_px`` pixels or the box is empty."""
    around = _ring(gray, box, pictures, em)
    if around.size < PARAMS.photo_ring_min_px or box.area <= 0:
        return False
    inside = gray[box.y0:box.y1, box.x0:box.x1]
    return float(percentile(inside, q)) < float(percentile(around, q)) - margin


def photo_piece(gray: np.ndarray, toned: np.ndarray, box: Box, pictures: list[Box], em: float,
                margin: float) -> bool:
    """Is ``box`` (layout px) a pale piece of a photo rather than text?  Between the characters of text
    lies its background, so most of a text block's area is as light as the paper or tint around it (a
    bold headline inks well under three quarters of its box); a piece of a photo is darker than the
    background around it nearly everywhere, even in its lightest tenth (``margin``: the paper's noise)."""
    crop = toned[box.y0:box.y1, box.x0:box.x1]
    if crop.size == 0 or float(crop.mean()) < PARAMS.photo_piece_toned_share:
        return False
    return _darker_than_ring(gray, box, pictures, em, margin, PARAMS.photo_light_percentile)


def photo_middle(gray: np.ndarray, box: Box, pictures: list[Box], em: float, margin: float) -> bool:
    """Is the middle of ``box``'s tone (its median pixel, layout px) darker than the middle of the background
    in a ring round it by more than ``margin`` (the paper's noise)?  Characters ink well under half of a text
    block's box, so its median pixel is its background, as light as the paper or tint around it, whatever the
    type's size or weight; a photo's median is a tone of the photo.  A pale photo with patches as light as the
    background around it (a lit area on paper: browser 90 ed_005; a tint that was not found as a tint, its
    frame's top part of a longer rule: browser 98 el_002) fails ``photo_piece``'s lightest-tenth test, not
    this one (params ``photo_middle_percentile``)."""
    return _darker_than_ring(gray, box, pictures, em, margin, PARAMS.photo_middle_percentile)


def photos_read_as_text(regions: list, pictures: list[Box], toned: np.ndarray, gray: np.ndarray,
                        binary: np.ndarray, em: float, middle: bool = False) -> list[Box]:
    """Boxes of the text regions that are photos on their own (``photo_alone_*`` in params): large, darker
    than the background around them nearly everywhere (``photo_piece``), and with few glyph-sized marks
    (``_glyph_density``): a boxed article printed on a tint is as dark as a pale photo, but it is text.
    With ``middle`` (upright paper pages), also a region whose middle tone is darker than the background
    around it (``photo_middle``) and whose paper between the marks is no flat tone (``_flat_tone``): a pale
    photo whose light patches are as light as the paper or tint around it."""
    side = PARAMS.photo_alone_min_em * em
    cands = [r.box for r in regions if r.box.width >= side and r.box.height >= side
             and float(toned[r.box.y0:r.box.y1, r.box.x0:r.box.x1].mean()) >= PARAMS.photo_piece_toned_share]
    if not cands:                                   # the common case: no page-wide tone statistics needed
        return []
    margin = photo_margin(gray)
    return [b for b in cands if (photo_piece(gray, toned, b, pictures, em, margin)
                                 or middle and photo_middle(gray, b, pictures, em, margin)
                                 and not _flat_tone(gray, binary, b))
            and _glyph_density(binary, b, em) < PARAMS.photo_alone_glyph_density]


def trim_to_tone(box: Box, toned: np.ndarray, most: float) -> Box:
    """``box`` with each side moved in over the rows / columns along it not mostly toned (under
    ``photo_edge_toned_share``), by at most ``most`` px: a photo read as text (``photos_read_as_text``) keeps
    its text block's box, which can hold the first row of its caption."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    share, m = PARAMS.photo_edge_toned_share, int(most)
    while y1 > box.y1 - m and y1 - y0 > 1 and toned[y1 - 1, x0:x1].mean() < share:
        y1 -= 1
    while y0 < box.y0 + m and y1 - y0 > 1 and toned[y0, x0:x1].mean() < share:
        y0 += 1
    while x1 > box.x1 - m and x1 - x0 > 1 and toned[y0:y1, x1 - 1].mean() < share:
        x1 -= 1
    while x0 < box.x0 + m and x1 - x0 > 1 and toned[y0:y1, x0].mean() < share:
        x0 += 1
    return Box(x0, y0, x1, y1)


def _glyph_density(binary: np.ndarray, box: Box, em: float) -> float:
    """Marks of a glyph's size (``glyph_min_em`` to ``glyph_max_em`` tall, at most that wide) in ``box`` per
    square em."""
    return _mark_density(binary, box, PARAMS.glyph_min_em * em, PARAMS.glyph_max_em * em, em)


def absorb_photo_pieces(pictures: list[Box], regions: list, toned: np.ndarray, gray: np.ndarray,
                        em: float) -> list[Box]:
    """Pictures grown over the text regions that are pale pieces of them (``photo_piece_*`` in params):
    a region touching a picture, within its extent along the touching side, darker than the background
    around it (``photo_piece``).  Returns the pictures; the caller drops the regions they now hold."""
    margin = photo_margin(gray)
    return grow_over_pieces(pictures, regions, lambda r: r.box, lambda p, b: _touches_piece(p, b, em),
                            lambda b, pics: photo_piece(gray, toned, b, pics, em, margin))


def _touches_piece(p: Box, b: Box, em: float) -> bool:
    """Does ``b`` touch picture ``p`` as a piece of it: within ``photo_piece_gap_em`` of one of its sides and
    inside its extent along that side (``photo_piece_slack_em`` of slack)?"""
    gap, slack = PARAMS.photo_piece_gap_em * em, PARAMS.photo_piece_slack_em * em
    beside = (-gap <= b.x0 - p.x1 <= gap or -gap <= p.x0 - b.x1 <= gap) \
        and b.y0 >= p.y0 - slack and b.y1 <= p.y1 + slack
    below = (-gap <= b.y0 - p.y1 <= gap or -gap <= p.y0 - b.y1 <= gap) \
        and b.x0 >= p.x0 - slack and b.x1 <= p.x1 + slack
    return beside or below


def type_mark_density(text: np.ndarray, line: Box) -> float:
    """Marks of ink of ``line``'s own type size (``photo_head_mark_*`` of its shorter side tall, at most its
    upper bound wide) inside it, per square of that side: a line of characters holds one or more per
    character, whatever its size (a column of vertical type read as one tall line: its width is the size)."""
    s = float(min(line.width, line.height))
    return _mark_density(text, line, PARAMS.photo_head_mark_lo * s, PARAMS.photo_head_mark_hi * s, s)


def absorb_photo_heads(pictures: list[Box], regions: list, text: np.ndarray, em: float) -> list[Box]:
    """Pictures grown over the text regions that are pieces of them read as headline type (``photo_head_*``
    in params): at most ``photo_head_max_lines`` lines, the tallest of headline height (``headline_size_em``),
    touching a picture as ``absorb_photo_pieces`` asks (within ``photo_piece_gap_em``, inside its extent
    along that side and ``photo_piece_slack_em``), and that tallest line holding fewer than
    ``photo_head_mark_density`` marks of its own type size (``type_mark_density``): a photo's strip cut off
    by the picture finder breaks into specks and blobs, not characters, whatever its tone (a pale strip with
    light shapes fails ``photo_piece``'s darker-everywhere test).  Returns the pictures; the caller drops the
    regions they now hold."""
    def piece(r) -> bool:
        if not 0 < len(r.lines) <= PARAMS.photo_head_max_lines:
            return False
        line = max(r.lines, key=lambda ln: ln.box.height).box
        return line.height >= PARAMS.headline_size_em * em \
            and type_mark_density(text, line) < PARAMS.photo_head_mark_density

    return grow_over_pieces(pictures, [r for r in regions if piece(r)], lambda r: r.box,
                            lambda p, b: _touches_piece(p, b, em), lambda b, pics: True)


def _one_blob(text: np.ndarray, box: Box) -> bool:
    """Does one mark of ``text`` ink (8-connected) span ``photo_blob_mark_share`` of ``box``'s height?"""
    crop = text[box.y0:box.y1, box.x0:box.x1]
    if crop.size == 0:
        return False
    n, _, stats, _ = cv2.connectedComponentsWithStats((crop > 0).astype(np.uint8), connectivity=8)
    return n > 1 and int(stats[1:, cv2.CC_STAT_HEIGHT].max()) >= PARAMS.photo_blob_mark_share * box.height


def absorb_photo_blobs(pictures: list[Box], regions: list, text: np.ndarray, em: float) -> list[Box]:
    """Pictures grown over the text regions that are a dark shape of the photo beside them (``photo_blob_*``
    in params): one line at least ``photo_blob_min_em`` tall and no wider than tall, one mark of ink as tall
    as it nearly (``_one_blob``), level with the picture and at most ``photo_blob_gap_em`` from it, the joint
    box holding no other text region's centre.  Returns the pictures; the caller drops the regions they now
    hold."""
    slack, gap = PARAMS.photo_piece_slack_em * em, PARAMS.photo_blob_gap_em * em
    pics = list(pictures)
    for r in regions:
        b = r.box
        if len(r.lines) != 1 or b.height < PARAMS.photo_blob_min_em * em or b.width > b.height:
            continue
        for i, p in enumerate(pics):
            dx = max(p.x0 - b.x1, b.x0 - p.x1)
            if dx > gap or b.y0 < p.y0 - slack or b.y1 > p.y1 + slack:
                continue
            joint = p.union(b)
            if any(o is not r and joint.x0 <= o.box.cx <= joint.x1 and joint.y0 <= o.box.cy <= joint.y1
                   for o in regions):
                continue
            if _one_blob(text, b):
                pics[i] = joint
                break
    return pics


def _headline_rows(binary: np.ndarray, band: Box, em: float) -> bool:
    """Is there a row (or column) of headline-sized marks within ``grain_head_ring_em`` of ``band``: at least
    ``grain_row_marks`` marks ``grain_head_min_em`` to ``grain_head_max_em`` tall, of alike height, in line?"""
    P = PARAMS
    h, w = binary.shape
    r = int(round(P.grain_head_ring_em * em))
    ring = Box(max(0, band.x0 - r), max(0, band.y0 - r), min(w, band.x1 + r), min(h, band.y1 + r))
    crop = (binary[ring.y0:ring.y1, ring.x0:ring.x1] > 0).astype(np.uint8)
    _, _, st, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    x, y, mw, mh = st[1:, 0] + ring.x0, st[1:, 1] + ring.y0, st[1:, 2], st[1:, 3]
    keep = (mh >= P.grain_head_min_em * em) & (mh <= P.grain_head_max_em * em) & (mw >= P.grain_head_min_width_em * em) \
        & (mw <= P.grain_head_max_em * em) & (x < band.x1) & (x + mw > band.x0) & (y < band.y1) & (y + mh > band.y0)
    x, y, mw, mh = x[keep], y[keep], mw[keep], mh[keep]
    if len(x) < P.grain_row_marks:
        return False
    cx, cy = x + mw / 2, y + mh / 2
    for i in range(len(x)):
        alike = np.abs(mh - mh[i]) <= P.grain_head_alike * mh[i]
        reach = P.grain_head_reach_em * mh[i]
        row = alike & (np.abs(cy - cy[i]) <= P.grain_head_level * mh[i]) & (np.abs(cx - cx[i]) <= reach)
        col = alike & (np.abs(cx - cx[i]) <= P.grain_head_level * mw[i]) & (np.abs(cy - cy[i]) <= reach)
        if row.sum() >= P.grain_row_marks or col.sum() >= P.grain_row_marks:
            return True
    return False


def _grain_band(toned: np.ndarray, binary: np.ndarray, band: Box, em: float, along_x: bool = False) -> bool:
    """Is ``band`` (beside a picture; ``along_x``: along its top or bottom) the grain of a film photo's pale part: toned, no blank lines along or across it, few glyphs of the page's type, no row of
    headline-sized marks near it (``grain_*`` in params)?"""
    P = PARAMS
    t = toned[band.y0:band.y1, band.x0:band.x1]
    if t.size == 0 or float(t.mean()) < P.grain_toned_share:
        return False
    blank = P.grain_blank_rel * float(t.mean())
    if (t.mean(axis=1) < blank).mean() > P.grain_blank_share or (t.mean(axis=0) < blank).mean() > P.grain_blank_share:
        return False
    if along_x:
        # text lines along the band on a shaded or noisy paper: their leading holds no ink, though toned
        # (grain leaves ink in nearly every row; a dark part of a photo, binarized to nothing, none in most)
        free = float((~(binary[band.y0:band.y1, band.x0:band.x1] > 0).any(axis=1)).mean())
        if P.grain_blank_share < free < 1 - P.grain_blank_share:
            return False
    if _glyph_density(binary, band, em) >= P.grain_glyph_density:
        return False
    return not _headline_rows(binary, band, em)


def _in_glyph_row(p: Box, pictures: list[Box]) -> bool:
    """Does another of ``pictures`` stand in a row with ``p``, of its size (height and width within
    ``grain_head_alike``), level (centres within ``grain_head_level`` of its height) and at most ``grain_head_reach_em``
    heights along: the glyphs of a masthead's title found as pictures, not a photo's pieces."""
    a, reach = PARAMS.grain_head_alike, PARAMS.grain_head_reach_em * p.height
    return any(q is not p and abs(q.height - p.height) <= a * p.height and abs(q.width - p.width) <= a * p.width
               and abs(q.cy - p.cy) <= PARAMS.grain_head_level * p.height and abs(q.cx - p.cx) <= reach
               for q in pictures)


def _type_run(x: np.ndarray, w: np.ndarray, h: np.ndarray, em: float) -> tuple[int, int] | None:
    """The span along a line of its run of type: from the first to the last mark (of marks sorted along the line,
    their left edges ``x``, widths ``w``, heights ``h``) that starts (ends) ``grain_text_run`` marks in a row of
    alike height (within ``grain_text_alike`` of the line's median) each at most ``grain_text_space_em`` from the
    next: a line of glyphs, not the grain dots the smear took in beyond its end.  None when there is none."""
    P = PARAMS
    n = P.grain_text_run
    if len(x) < n:
        return None
    alike = np.abs(h - np.median(h)) <= P.grain_text_alike * np.median(h)
    close = np.r_[x[1:] - (x[:-1] + w[:-1]) <= P.grain_text_space_em * em, False]
    run = [i for i in range(len(x) - n + 1) if alike[i:i + n].all() and close[i:i + n - 1].all()]
    if not run:
        return None
    return int(x[run[0]]), int((x + w)[run[-1] + n - 1])


def text_lines_outside(binary: np.ndarray, pictures: list[Box], em: float) -> list[Box]:
    """Lines of the page's text outside ``pictures`` (``grain_text_*`` in params): the ink outside them smeared
    ``grain_text_smear_em`` along its rows, each fragment cut to its run of type (``_type_run`` over its
    glyph-sized marks, 0.4-1.5 em as ``_glyph_density``: a photo's grain the smear took in beyond a line's end
    is no part of it), those of a body line's height, ``grain_text_min_em`` long or more, holding
    ``grain_glyph_density`` glyph-sized marks per square em or more."""
    text = binary.copy()
    for p in pictures:
        text[p.y0:p.y1, p.x0:p.x1] = 0
    return _type_lines(text, em)


def holds_text(area: Box, pictures: list[Box], text: np.ndarray, em: float) -> bool:
    """Does ``area`` hold, outside ``pictures``, ``picture_text_lines`` lines of the page's text or more
    (``text_lines_in``: glyphs of the page's em in runs along a line, dense as body type)?  Text the page
    shows as text is no part of a picture."""
    if em <= 0:
        return False
    inside = [p for p in pictures if p.intersection(area) > 0]
    return len(text_lines_in(text, area, inside, em)) >= PARAMS.picture_text_lines


def text_lines_in(binary: np.ndarray, area: Box, parts: list[Box], em: float) -> list[Box]:
    """Lines of the page's text (as ``text_lines_outside`` finds them) inside ``area`` and outside ``parts``
    (page coordinates): the text a picture of ``area`` made of ``parts`` would take in."""
    a = area.clip(binary.shape[1], binary.shape[0])
    if a.width <= 0 or a.height <= 0:
        return []
    text = binary[a.y0:a.y1, a.x0:a.x1].copy()
    for p in parts:
        text[max(0, p.y0 - a.y0):max(0, p.y1 - a.y0), max(0, p.x0 - a.x0):max(0, p.x1 - a.x0)] = 0
    return [Box(t.x0 + a.x0, t.y0 + a.y0, t.x1 + a.x0, t.y1 + a.y0) for t in _type_lines(text, em)]


def _type_lines(text: np.ndarray, em: float) -> list[Box]:
    """``text_lines_outside``'s lines in ``text`` (the ink left to read)."""
    P = PARAMS
    segs, _ = smear_segments(text, max(P.min_kernel_px, int(round(P.grain_text_smear_em * em))))
    lo, hi = P.grain_text_min_height_em * em, P.grain_text_max_height_em * em
    out = []
    for s in segs:
        b = s.box
        if not lo <= b.height <= hi or b.width < P.grain_text_min_em * em:
            continue
        st = _marks(text, b, P.glyph_min_em * em, P.glyph_max_em * em)     # glyph-sized, as _glyph_density counts them
        st = st[np.argsort(st[:, 0], kind="stable")]
        span = _type_run(st[:, 0].astype(float), st[:, 2].astype(float), st[:, 3].astype(float), em)
        if span is None:
            continue
        t = Box(b.x0 + span[0], b.y0, b.x0 + span[1], b.y1)
        if t.width >= P.grain_text_min_em * em and _glyph_density(text, t, em) >= P.grain_glyph_density:
            out.append(t)
    return out


def cuts_text(step: Box, held: Box, lines: list[Box], gap: float, side: str) -> bool:
    """Would growing a picture over ``step`` (out on its ``side``: "left", "right", "top" or "bottom";
    ``held``: the picture with the step) come within ``gap`` of a text line it would not hold whole (one
    running out of it: the lines set beside or under a photo)?  The gap is kept on the side grown only: a
    line running along the picture's bottom does not stop its growth sideways."""
    g = int(round(gap))
    near = Box(step.x0 - (g if side == "left" else 0), step.y0 - (g if side == "top" else 0),
               step.x1 + (g if side == "right" else 0), step.y1 + (g if side == "bottom" else 0))
    return any(t.intersection(near) > 0 and not (held.x0 <= t.x0 and t.x1 <= held.x1 and held.y0 <= t.y0
                                                  and t.y1 <= held.y1) for t in lines)


def grow_over_grain(pictures: list[Box], toned: np.ndarray, binary: np.ndarray, em: float, unit: float,
                    rules: list = ()) -> list[Box]:
    """Pictures grown over the grain of their pale parts (a film photo split by pale bands into pieces, the
    rest read as text lines; ``grain_*`` in params): each side of a picture at least ``grain_least_mm`` square moves out an
    em at a time while the band ``grain_band_em`` deep beyond it is grain (``_grain_band``) and crosses none
    of ``rules`` (separators.Rule) that stands between it and another picture (two photos, the column rule
    between them: as in grow_pictures; a rule with no picture beyond it, the photo's frame or a scratch down the
    film, is grown over), and comes no nearer than ``grain_text_gap_em`` to a text line running out of it
    (``cuts_text``: the lines set beside or under a photo).  A picture in a row of its size (``_in_glyph_row``:
    a masthead title's glyphs) stays as it is."""
    h, w = toned.shape
    d, k = max(2, int(round(PARAMS.grain_band_em * em))), max(1, int(round(em)))
    gap = PARAMS.grain_text_gap_em * em
    found: list[list[Box]] = []             # the page's text lines outside the pictures, found when first asked
                                            # (most pictures stop at their first grain band and never ask)

    out = []
    for p in pictures:
        x0, y0, x1, y1 = p.x0, p.y0, p.x1, p.y1
        least = PARAMS.grain_least_mm * unit
        if p.width < least or p.height < least or _in_glyph_row(p, pictures):
            out.append(p)
            continue
        # (the other picture level with this one across the rule: a rule down the page between this photo and a
        # masthead's title glyphs far above it, or a scratch down the film, is no wall; microfilm 22 ml_001)
        walls = [r for r in rules if any(q is not p and rule_between(p, q, [r]) and (
            min(p.y1, q.y1) > max(p.y0, q.y0) if r.orientation == "v" else min(p.x1, q.x1) > max(p.x0, q.x0))
            for q in pictures)]

        def free(b: Box) -> bool:
            return not any(r.box.intersection(b) > 0 for r in walls)

        def clear(step: Box, side: str) -> bool:
            """The picture grown over ``step`` (what a move takes in, not the band tested ahead of it) comes
            no nearer than ``gap`` to a text line running out of it."""
            held = Box(min(x0, step.x0), min(y0, step.y0), max(x1, step.x1), max(y1, step.y1))
            if not found:
                found.append(text_lines_outside(binary, pictures, em))
            return not cuts_text(step, held, found[0], gap, side)

        def ok(b: Box, step: Box, side: str) -> bool:
            return free(b) and _grain_band(toned, binary, b, em, side in ("top", "bottom")) and clear(step, side)

        for _ in range(PARAMS.grain_passes):
            while y1 + d <= h and ok(Box(x0, y1, x1, y1 + d), Box(x0, y1, x1, y1 + k), "bottom"):
                y1 += k
            while y0 - d >= 0 and ok(Box(x0, y0 - d, x1, y0), Box(x0, y0 - k, x1, y0), "top"):
                y0 -= k
            while x1 + d <= w and ok(Box(x1, y0, x1 + d, y1), Box(x1, y0, x1 + k, y1), "right"):
                x1 += k
            while x0 - d >= 0 and ok(Box(x0 - d, y0, x0, y1), Box(x0 - k, y0, x0, y1), "left"):
                x0 -= k
        if (x0, y0, x1, y1) != (p.x0, p.y0, p.x1, p.y1):
            # the last band reached the paper beyond the photo's edge: on, row by row (column by column), to
            # the edge, at most a band's depth, while a row is toned as grain is, and the em beyond it holds
            # few glyphs of the page's type (not the text line above or below the photo on a toned paper); a
            # row with no ink at all is the leading above or below a text line (grain inks nearly every row)
            share, lim, x0s, y0s, x1s, y1s = PARAMS.grain_toned_share, PARAMS.grain_glyph_density, x0, y0, x1, y1

            def edge(b: Box, line: np.ndarray, step: Box, side: str) -> bool:
                return float(line.mean()) >= share and free(b) and _glyph_density(binary, b, em) < lim \
                    and clear(step, side)

            while y1 < min(h, y1s + d) and binary[y1, x0:x1].any() \
                    and edge(Box(x0, y1, x1, min(h, y1 + k)), toned[y1, x0:x1], Box(x0, y1, x1, y1 + 1), "bottom"):
                y1 += 1
            while y0 > max(0, y0s - d) and binary[y0 - 1, x0:x1].any() \
                    and edge(Box(x0, max(0, y0 - k), x1, y0), toned[y0 - 1, x0:x1], Box(x0, y0 - 1, x1, y0), "top"):
                y0 -= 1
            while x1 < min(w, x1s + d) and edge(Box(x1, y0, min(w, x1 + k), y1), toned[y0:y1, x1],
                                                 Box(x1, y0, x1 + 1, y1), "right"):
                x1 += 1
            while x0 > max(0, x0s - d) and edge(Box(max(0, x0 - k), y0, x0, y1), toned[y0:y1, x0 - 1],
                                                 Box(x0 - 1, y0, x0, y1), "left"):
                x0 -= 1
        out.append(Box(x0, y0, x1, y1))
    return out
