"""Preprocessing: orientation, deskew, binarization for layout (first version: deskew + Otsu)."""
from __future__ import annotations

import math

import cv2
import numpy as np

from . import __version__
from .config import PreprocessSettings
from .geometry import Transform
from .model import Page, ProcessingStep, Scan


def estimate_skew(binary: np.ndarray, max_deg: float) -> float:
    """Skew of ``binary`` in degrees (counter-clockwise as displayed): rotating by -skew maximises row-profile variance."""
    h, w = binary.shape
    best, best_score = 0.0, -1.0
    for step, span in ((0.5, max_deg), (0.1, 0.5), (0.02, 0.1)):
        centre = best
        for a in np.arange(centre - span, centre + span + 1e-9, step):
            m = cv2.getRotationMatrix2D((w / 2, h / 2), float(a), 1.0)
            r = cv2.warpAffine(binary, m, (w, h), flags=cv2.INTER_NEAREST)
            prof = r.sum(axis=1, dtype=np.float64)
            score = float(np.var(prof))
            if score > best_score:
                best, best_score = float(a), score
    return -best


def run(page: Page, scan: Scan, settings: PreprocessSettings) -> Page:
    gray = scan.gray
    h, w = gray.shape
    scale = min(1.0, settings.layout_dpi / (page.dpi or 300.0))
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    _, small_bin = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    angle = estimate_skew(small_bin, settings.max_skew_deg) if settings.deskew else 0.0
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    work = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    page.transform = Transform(tuple(map(tuple, m.tolist())), (w, h))
    page.deskew_angle = angle
    ms = cv2.getRotationMatrix2D((small.shape[1] / 2, small.shape[0] / 2), -angle, 1.0)
    small_work = cv2.warpAffine(small, ms, (small.shape[1], small.shape[0]), flags=cv2.INTER_LINEAR, borderValue=255)
    _, binary = cv2.threshold(small_work, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    scan.work = work
    scan.binary = binary
    scan.binary_scale = small.shape[1] / w
    page.steps.append(ProcessingStep("preprocess", "digitize", __version__,
                                     {"deskew_angle": round(angle, 3), "binarization": "otsu",
                                      "layout_scale": round(scan.binary_scale, 4)}, category="preOperation"))
    return page
