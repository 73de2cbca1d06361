"""Uneven illumination: estimate the paper's brightness field and divide it out.

The field is estimated at layout resolution (a max filter wider than any stroke removes the ink,
a median and a box blur smooth what is left) and applied to the full-resolution working image in
one pass: ``work * paper / field``.
"""
from __future__ import annotations

import cv2
import numpy as np


def paper_field(small: np.ndarray, dpi: float) -> np.ndarray:
    """Smooth estimate of the paper brightness of the reduced gray image ``small`` at ``dpi``."""
    k = max(3, int(round(dpi * 0.15)) | 1)            # ~4 mm: wider than headline strokes
    field = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    m = max(3, int(round(dpi * 0.4)) | 1)             # ~1 cm
    field = cv2.medianBlur(field, min(m, 255))
    return cv2.blur(field, (m, m), borderType=cv2.BORDER_REPLICATE)


def flatten(work: np.ndarray, field_work: np.ndarray, paper: int) -> np.ndarray:
    """``work`` with the paper field divided out (in place); ``field_work`` has work's shape."""
    cv2.divide(work, np.maximum(field_work, 1), dst=work, scale=float(paper))
    return work
