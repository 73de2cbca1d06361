"""Percentiles of 8-bit images from their histogram: the same numbers as ``np.percentile`` in linear time.

``np.percentile`` partitions a copy of the whole array for every call (tens of ms for a page at layout size,
more for a photo's crop at scan resolution); an 8-bit image has at most 256 values, so the order statistics
the percentile interpolates between are read off the cumulative histogram instead.  The interpolation is
numpy's own ("linear" method, its dtype rules included), so the result is bit for bit what
``np.percentile`` returns; ``tests/test_layout_quantiles.py`` checks that against numpy.
"""
from __future__ import annotations

import cv2
import numpy as np


def histogram(a: np.ndarray) -> np.ndarray:
    """Pixel count of each of the 256 levels of the uint8 array ``a`` (int64)."""
    if a.ndim == 2 and a.size < (1 << 24):          # float32 counts are exact below 2**24
        return cv2.calcHist([a], [0], None, [256], [0, 256]).ravel().astype(np.int64)
    return np.bincount(a.ravel(), minlength=256)


def percentile(a: np.ndarray, q, as_type=None, counts: np.ndarray | None = None):
    """``np.percentile(a.astype(as_type) if as_type else a, q)`` for any ``a``; counted, not partitioned,
    when ``a`` is uint8 (``as_type``: the float type numpy would have interpolated in, e.g. np.float32;
    ``counts``: ``histogram(a)``, when several percentiles of one image are wanted)."""
    a = np.asarray(a)
    if a.dtype != np.uint8 or a.size == 0:
        return np.percentile(a if as_type is None else a.astype(as_type), q)
    weak_q = type(q) in (int, float)            # numpy's promotion rule for a Python scalar q
    q = np.asanyarray(np.true_divide(q, 100))
    if np.any(q < 0) or np.any(q > 1):
        raise ValueError("Percentiles must be in the range [0, 100]")
    n = a.size
    # numpy's "linear" method: the virtual index, its neighbours, and gamma
    virtual = np.asanyarray((n - 1) * q)
    prev = np.floor(virtual)
    nxt = prev + 1
    above, below = virtual >= n - 1, virtual < 0
    prev, nxt = np.where(above, -1, np.where(below, 0, prev)), np.where(above, -1, np.where(below, 0, nxt))
    prev, nxt = prev.astype(np.intp), nxt.astype(np.intp)
    gamma = np.asanyarray(virtual - prev, dtype=virtual.dtype)
    # the value at each sorted position: the first level whose cumulative count exceeds the position
    cum = np.cumsum(histogram(a) if counts is None else counts)
    dtype = np.dtype(as_type) if as_type is not None else a.dtype

    def value(idx: np.ndarray):
        level = np.searchsorted(cum, np.where(idx < 0, n + idx, idx), side="right").astype(np.uint8)
        return level.astype(dtype)[()] if level.ndim == 0 else level.astype(dtype)

    lo, hi = value(prev), value(nxt)
    t = float(gamma) if weak_q else gamma
    return _lerp(lo, hi, t)


def _lerp(a, b, t):
    """numpy's ``_lerp`` (``np.percentile``'s interpolation), with its exact operations and dtypes."""
    diff_b_a = b - a
    out = np.asanyarray(np.add(a, diff_b_a * t, out=...))
    np.subtract(b, diff_b_a * (1 - t), out=out, where=t >= 0.5, casting="unsafe", dtype=type(out.dtype))
    return out[()] if out.ndim == 0 else out


def above(a: np.ndarray, level: float) -> np.ndarray:
    """``a.astype(np.float32) > level`` for a uint8 ``a`` (numpy compares in float32: ``level`` is rounded
    to float32 first), without making the float copy: an integer exceeds x exactly when it reaches
    floor(x) + 1."""
    first = int(np.floor(np.float32(level))) + 1
    if first > 255:
        return np.zeros(a.shape, bool)
    return a >= max(first, 0) if first > 0 else np.ones(a.shape, bool)
