"""Binarization for layout: Sauvola (local, survives uneven light and faint bleed-through) or Otsu.

All functions return uint8 images with ink = 255 and paper = 0.
"""
from __future__ import annotations

import cv2
import numpy as np

SAUVOLA_R = 128.0          # dynamic range of the standard deviation for 8-bit images


def paper_and_ink(gray: np.ndarray, mask: np.ndarray | None = None) -> tuple[float, float]:
    """(paper, ink) gray levels: medians of the two Otsu classes (pixels where ``mask`` is 0)."""
    keep = cv2.bitwise_not(mask) if mask is not None else None
    hist = cv2.calcHist([gray], [0], keep, [256], [0, 256]).ravel().astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 255.0, 0.0
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m0[-1] * w0 - m0 * total) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = -1.0
    t = int(np.argmax(between))                  # Otsu: dark class = levels <= t

    def median(lo: int, hi: int) -> float | None:
        c = np.cumsum(hist[lo:hi])
        return float(lo + np.searchsorted(c, c[-1] / 2)) if c.size and c[-1] > 0 else None

    ink = median(0, t + 1)
    paper = median(t + 1, 256)
    return (paper if paper is not None else 255.0), (ink if ink is not None else 0.0)


def sauvola(gray: np.ndarray, window: int, k: float, min_contrast: float = 0.0) -> np.ndarray:
    """Sauvola threshold T = m * (1 + k (s / R - 1)) over a ``window`` x ``window`` box.

    ``min_contrast``: a pixel must also be at least this much darker than its local mean, which
    keeps faint mirrored bleed-through and paper texture out of the ink.
    """
    window = max(3, int(window) | 1)
    g = gray.astype(np.float32)
    mean = cv2.boxFilter(g, cv2.CV_32F, (window, window), borderType=cv2.BORDER_REFLECT)
    sq = cv2.boxFilter(g * g, cv2.CV_32F, (window, window), borderType=cv2.BORDER_REFLECT)
    std = np.sqrt(np.maximum(sq - mean * mean, 0.0))
    thresh = mean * (1.0 + k * (std / SAUVOLA_R - 1.0))
    if min_contrast > 0:
        thresh = np.minimum(thresh, mean - min_contrast)
    return np.where(g < thresh, np.uint8(255), np.uint8(0))


def otsu(gray: np.ndarray) -> np.ndarray:
    """Global Otsu threshold, ink = 255."""
    _, b = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return b


def despeckle(binary: np.ndarray, max_px: int) -> tuple[np.ndarray, int]:
    """Remove speckles; returns (image, removed count).

    Removed: ink components whose box fits in ``max_px`` x ``max_px``, and lonely ones up to
    ``2 * max_px + 1`` (no other ink within ``3 * max_px`` px) - scanner dust and paper flecks.
    Punctuation survives: it is as small, but it sits next to characters.
    """
    if max_px <= 0:
        return binary, 0
    n, labels, stats, cents = cv2.connectedComponentsWithStats(binary, connectivity=8)
    side = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    tiny = side <= max_px
    medium = (side <= 2 * max_px + 1) & ~tiny
    tiny[0] = medium[0] = False
    if medium.any():
        big = np.where((tiny | medium)[labels], np.uint8(0), binary)
        r = 3 * max_px
        near = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * r + 1, 2 * r + 1)))
        idx = np.flatnonzero(medium)
        cx = np.clip(np.round(cents[idx, 0]).astype(int), 0, binary.shape[1] - 1)
        cy = np.clip(np.round(cents[idx, 1]).astype(int), 0, binary.shape[0] - 1)
        lonely = near[cy, cx] == 0
        medium[idx[~lonely]] = False
    drop = tiny | medium
    removed = int(drop.sum())
    if removed:
        binary = np.where(drop[labels], np.uint8(0), binary)
    return binary, removed
