"""Skew estimation from the centres of character-sized ink components.

Only components about one character in size vote (speckles, rules, photos and scanner borders do
not), so dark borders and noise cannot pull the estimate.  The angle maximises the sharpness of
the projection of the centres onto the page's vertical axis: first coarsely over the whole range,
then finely around the best coarse angle.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np


@dataclass
class TextComponents:
    """Character-sized ink components of a binary image."""

    centres: np.ndarray       # (N, 2) float: x, y of box centres
    sizes: np.ndarray         # (N, 2) int: width, height
    em: float                 # typical character size in pixels (0 when no text was found)
    text: np.ndarray | None = None   # the binary with only components up to 1.5 em (no rules, photos)


def glyph_size(sizes: np.ndarray, min_px: int) -> float:
    """The characters' typical size (px) from the larger sides ``sizes`` of the candidate components (all
    ``min_px`` or more), past a tail of film grain.

    The count median is the typical size while the characters outnumber the rest.  Heavy film grain does not
    let them: it leaves thousands of specks at layout resolution, whose count falls with their size from the
    smallest counted (``min_px``) on, and the median lands on that falling tail (microfilm 36 mt_004: 5 px for
    10-11 px characters; microfilm 73 mx3_001: 6 px for 10 px).  The characters stand past the tail as a peak of
    their own.  So when the median lies on the tail (the sizes from ``min_px`` on over which the count falls),
    the typical size is the most frequent size from the first size where the count stops falling: the page's
    own size distribution, no threshold.  By count, not ink, so a page's headlines (few characters, much
    ink) do not decide it.  On the 408 seen microfilm pages at their first layout scale the median lies on such
    a tail on 26 (BENCHMARKS.md, session 30, film30); on 1 of the seen paper pages counted (synth 126 sk3_004).
    """
    if sizes.size == 0:
        return 0.0
    median = float(np.median(sizes))
    hist = np.bincount(sizes.astype(np.int64))
    end = min_px                     # the tail: the count falls with every size from min_px on
    while end + 1 < hist.size and hist[end + 1] < hist[end]:
        end += 1
    if median > end or end >= hist.size - 1:    # the median past the tail; or no characters past it
        return median
    return float(end + int(np.argmax(hist[end:])))


def text_components(binary: np.ndarray, min_px: int = 4,
                    cc: tuple[np.ndarray, np.ndarray] | None = None, by_ink: bool = False,
                    past_grain: bool = False) -> TextComponents:
    """Components of ``binary`` (ink = 255) whose size is close to the typical character size.

    ``cc``: (labels, stats) of ``binary`` from cv2.connectedComponentsWithStats, when already known.
    ``by_ink``: the typical size is the median weighted by each component's ink (a character holds several
    times a speck's ink, so specks that outnumber the characters do not decide it) instead of by count.
    ``past_grain``: the typical size by count, past a tail of film grain specks (``glyph_size``; the microfilm
    profile, preprocess.grain_glyph_size).
    """
    if cc is None:
        _, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    else:
        labels, stats = cc
    stats = stats[1:]
    w = stats[:, cv2.CC_STAT_WIDTH].astype(np.float64)
    h = stats[:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    big = np.maximum(w, h)
    limit = max(min_px + 1, min(binary.shape) / 8)
    cand = (big >= min_px) & (big <= limit) & (np.minimum(w, h) >= 0.4 * big)
    if cand.sum() < 10:
        return TextComponents(np.zeros((0, 2)), np.zeros((0, 2), int), 0.0)
    if by_ink:
        bc, ink = big[cand], stats[cand, cv2.CC_STAT_AREA].astype(np.float64)
        order = np.argsort(bc, kind="stable")
        cum = np.cumsum(ink[order])
        em = float(bc[order][np.searchsorted(cum, cum[-1] / 2)])
    elif past_grain:
        em = glyph_size(big[cand].astype(np.int64), min_px)
    else:
        em = float(np.median(big[cand]))
    sel = cand & (big >= 0.7 * em) & (big <= 1.5 * em)
    x0 = stats[sel, cv2.CC_STAT_LEFT] + w[sel] / 2
    y0 = stats[sel, cv2.CC_STAT_TOP] + h[sel] / 2
    keep = np.concatenate([[False], big <= 1.5 * em]).astype(np.uint8) * 255
    text = keep[labels]
    return TextComponents(np.stack([x0, y0], axis=1), np.stack([w[sel], h[sel]], axis=1).astype(int), em, text)


def _sharpness(centres: np.ndarray, angles_deg: np.ndarray, bin_px: float) -> np.ndarray:
    """Sum of squared histogram counts of the de-rotated y of ``centres`` for each skew angle."""
    x, y = centres[:, 0], centres[:, 1]
    out = np.empty(len(angles_deg))
    for i, a in enumerate(angles_deg):
        t = math.radians(a)
        yr = (x * math.sin(t) + y * math.cos(t)) / bin_px
        yr -= yr.min()
        hist = np.bincount(yr.astype(np.int64))
        hist = hist + 0.5 * (np.roll(hist, 1) + np.roll(hist, -1))   # tolerate bin edges
        out[i] = float(np.dot(hist, hist))
    return out


def _rotate_points(pts: np.ndarray, angle_deg: float, centre: tuple[float, float]) -> np.ndarray:
    """Rotate points clockwise as displayed by ``angle_deg`` about ``centre`` (straightens that skew)."""
    t = math.radians(angle_deg)
    x, y = pts[:, 0] - centre[0], pts[:, 1] - centre[1]
    return np.stack([x * math.cos(t) - y * math.sin(t) + centre[0],
                     x * math.sin(t) + y * math.cos(t) + centre[1]], axis=1)


def _profile_skew(centres: np.ndarray, em: float, max_deg: float) -> tuple[float, float]:
    """Coarse skew (within ~0.1 deg) and confidence from the projection profile of the centres."""
    c = centres - centres.mean(axis=0)
    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.2)
    s = _sharpness(c, coarse, bin_px=max(1.0, em / 6))
    best = float(coarse[int(np.argmax(s))])
    conf = float(1.0 - np.median(s) / s.max()) if s.max() > 0 else 0.0
    fine = np.arange(best - 0.3, best + 0.3 + 1e-9, 0.05)
    fine = fine[np.abs(fine) <= max_deg + 1e-9]
    sf = _sharpness(c, fine, bin_px=max(0.5, em / 10))
    return float(fine[int(np.argmax(sf))]), conf


def _line_fit_skew(binary: np.ndarray, comps: TextComponents, coarse: float) -> tuple[float, int]:
    """Refine ``coarse``: straighten by it, link characters into lines, fit each line's slope.

    Returns (skew, number of lines used); the skew is the weighted median of per-line angles,
    weights = points x span^2 (the inverse variance of a least-squares slope).
    """
    h, w = binary.shape
    centre = (w / 2.0, h / 2.0)
    t = math.radians(coarse)
    m = np.array([[math.cos(t), -math.sin(t), 0.0], [math.sin(t), math.cos(t), 0.0]])
    m[:, 2] = np.array(centre) - m[:, :2] @ np.array(centre)
    src = comps.text if comps.text is not None else binary
    rot = cv2.warpAffine(src, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    k = max(3, int(round(0.8 * comps.em)))
    smear = cv2.dilate(rot, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    n, labels = cv2.connectedComponents(smear, connectivity=8)
    pts = _rotate_points(comps.centres, coarse, centre)
    xi = np.clip(np.round(pts[:, 0]).astype(int), 0, w - 1)
    yi = np.clip(np.round(pts[:, 1]).astype(int), 0, h - 1)
    lab = labels[yi, xi]
    ok = lab > 0
    lab, x, y = lab[ok], pts[ok, 0], pts[ok, 1]
    cnt = np.bincount(lab, minlength=n).astype(np.float64)
    sx, sy = np.bincount(lab, x, n), np.bincount(lab, y, n)
    sxx, sxy = np.bincount(lab, x * x, n), np.bincount(lab, x * y, n)
    syy = np.bincount(lab, y * y, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        varx = sxx - sx * sx / cnt
        slope = (sxy - sx * sy / cnt) / varx
        resid = (syy - sy * sy / cnt) - slope * (sxy - sx * sy / cnt)
    span2 = varx / np.maximum(cnt, 1) * 12.0                     # ~ squared x-extent of the line
    good = (cnt >= 5) & (span2 > (4 * comps.em) ** 2) & np.isfinite(slope)
    good &= resid / np.maximum(cnt, 1) < (0.25 * comps.em) ** 2   # straight lines of characters only
    if good.sum() < 3:
        return coarse, 0
    ang = -np.degrees(np.arctan(slope[good]))
    wts = cnt[good] * span2[good]
    order = np.argsort(ang)
    cum = np.cumsum(wts[order])
    med = float(ang[order][np.searchsorted(cum, cum[-1] / 2)])
    # pooled least squares over the lines that agree with the weighted median (one common slope,
    # one intercept per line): more precise than the median, as robust once outliers are gone
    mad = float(np.median(np.abs(ang - med))) * 1.4826
    inl = np.abs(ang - med) <= max(3 * mad, 0.05)
    with np.errstate(divide="ignore", invalid="ignore"):
        sxy_c = (sxy - sx * sy / cnt)[good][inl]
    sxx_c = varx[good][inl]
    if sxx_c.sum() <= 0:
        return coarse + med, int(good.sum())
    delta = float(-np.degrees(np.arctan(sxy_c.sum() / sxx_c.sum())))
    return coarse + delta, int(inl.sum())


# the line fit corrects the profile's angle (which can be a degree off on a clean page whose lines vary in
# length); a correction of more than half a degree is trusted only from ten lines or more: microfilm
# mu_000 of seed 2 had 5 "lines" of film grain linked into rows fitted at -6.8 deg where the profile said
# -0.35 (the page is straight), and the page was turned 5 degrees
MAX_REFINE_DEG = 0.5
MIN_LINES_FAR_REFINE = 10


# The projection profile of character centres is sharp wherever they are characters: its confidence (1 - median /
# best sharpness over the angles searched) was 0.18-0.65 on every page of the 35 seen sets (lowest: heavy vertical
# pages, vertical 13 vm_006 0.18, vertical 15 vp_002 0.23).  Far below that the components that voted were not
# characters: on microfilm 8 ma_005 film grain specks 4-7 px across outnumber the 13-17 px characters, the median
# component size came out as grain, the characters (over 1.5 of that "em") were left out, and the flat profile
# (confidence 0.04) left the page turned by its whole 0.36 degrees.  Below this confidence the skew is measured
# again on the components sized by the ink-weighted median (``text_components(by_ink=True)``), and the more
# confident of the two measurements is kept.
MIN_PROFILE_CONF = 0.1


def estimate_skew(binary: np.ndarray, comps: TextComponents, max_deg: float) -> tuple[float, float]:
    """(skew in degrees counter-clockwise as displayed, confidence 0..1) of ``binary``.

    The page is straightened by rotating it clockwise by the returned angle.  Confidence is 0
    when there are too few characters or text lines to measure.
    """
    angle, conf = _estimate_skew(binary, comps, max_deg)
    if conf < MIN_PROFILE_CONF and binary.any():
        inked = text_components(binary, by_ink=True)
        if inked.em > comps.em:
            angle2, conf2 = _estimate_skew(binary, inked, max_deg)
            if conf2 > conf:
                angle, conf = angle2, conf2
    return angle, conf


def _estimate_skew(binary: np.ndarray, comps: TextComponents, max_deg: float) -> tuple[float, float]:
    """``estimate_skew`` on the components ``comps``."""
    if len(comps.centres) < 20 or comps.em <= 0:
        return 0.0, 0.0
    coarse, conf = _profile_skew(comps.centres, comps.em, max_deg)
    angle, n_lines = _line_fit_skew(binary, comps, coarse)
    if n_lines == 0 or (abs(angle - coarse) > MAX_REFINE_DEG and n_lines < MIN_LINES_FAR_REFINE):
        angle, conf = (coarse, conf * 0.5)
    angle = float(np.clip(angle, -max_deg, max_deg))
    return round(angle, 3), conf
