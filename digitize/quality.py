"""Measure stage: what the pipeline knows about how well a page went, for QA's quality estimate.

Runs last, after recognition.  It changes nothing on the page; it appends one processing step
(``quality``, category ``postOperation``) whose settings carry the measurements, so they travel in
the ALTO file (``processingStepSettings``) to ``digitize qa``, which reads what was written:

* ``lines``: text lines with text; ``noise_lines``: lines the recognition stage read as noise and
  dropped (texture, specks, rules read as characters), from the recognition step;
* ``unread_ink``: share of the page's text-like ink (connected components of about a character's
  size, at layout resolution) that lies in no text line, picture or separator: text the layout
  never sent to recognition;
* ``em_mm``: median measured type size of the text lines, in millimetres (small type reads worse);
  ``em_px``: the same in scan pixels (under about 12 px per em there is too little to read reliably);
* ``skew_deg``: the measured skew;
* ``unstable_text``: share of the page's text that changes place when the layout reads the page again with
  a parameter nudged (``layout/stability.py``; only when ``layout.stability`` is on).
"""
from __future__ import annotations

import cv2
import numpy as np

from . import __version__
from .geometry import Box
from .model import Page, ProcessingStep, Scan

TEXT_LIKE_MIN_EM = 0.3     # ink components between these heights (in the page's median em) look like
TEXT_LIKE_MAX_EM = 1.6     # characters or their parts; smaller is dust, larger is rules, frames, pictures
LINE_MARGIN_EM = 0.3       # a component counts as read when its centre lies this close (em) to a line box
MM_PER_INCH = 25.4


def _median_em_px(page: Page) -> float:
    sizes = [ln.font_size_px or min(ln.box.width, ln.box.height) for b in page.blocks if b.type.is_text
             for ln in b.lines if ln.words]
    return float(np.median(sizes)) if sizes else 0.0


def unread_ink(page: Page, scan: Scan, em_px: float) -> float:
    """Share of text-like ink components of ``scan.binary`` whose centre is in no text line, picture
    or separator box (working frame, at layout scale).  0 when the page has no such ink."""
    binary = scan.binary
    if binary is None or em_px <= 0:
        return 0.0
    scale = scan.binary_scale or 1.0
    em = em_px * scale
    n, _, stats, centroids = cv2.connectedComponentsWithStats((binary > 0).astype(np.uint8), connectivity=8)
    if n <= 1:
        return 0.0
    h = stats[1:, cv2.CC_STAT_HEIGHT]
    w = stats[1:, cv2.CC_STAT_WIDTH]
    size = np.maximum(h, w)
    text_like = (size >= TEXT_LIKE_MIN_EM * em) & (size <= TEXT_LIKE_MAX_EM * em)
    if not text_like.any():
        return 0.0
    area = stats[1:, cv2.CC_STAT_AREA].astype(float)
    cx, cy = centroids[1:, 0], centroids[1:, 1]
    covered = np.zeros(n - 1, bool)
    margin = LINE_MARGIN_EM * em
    boxes: list[Box] = []
    for b in page.blocks:
        if b.type.is_text:
            boxes += [page.transform.box_to_work(ln.box) for ln in b.lines if ln.words]
        else:
            boxes.append(page.transform.box_to_work(b.box))
    boxes += [page.transform.box_to_work(s.box) for s in page.separators]
    for bx in boxes:
        x0, y0, x1, y1 = (v * scale for v in (bx.x0, bx.y0, bx.x1, bx.y1))
        covered |= (cx >= x0 - margin) & (cx <= x1 + margin) & (cy >= y0 - margin) & (cy <= y1 + margin)
    total = area[text_like].sum()
    return float(area[text_like & ~covered].sum() / total) if total else 0.0


def run(page: Page, scan: Scan) -> Page:
    """Append the ``quality`` processing step with the page's measurements."""
    rec = next((s for s in reversed(page.steps) if s.name == "recognition"), None)
    lines = sum(1 for b in page.blocks if b.type.is_text for ln in b.lines if ln.words)
    em_px = _median_em_px(page)
    dpi = page.dpi or 300.0
    measures = {
        "lines": lines,
        "noise_lines": int(rec.settings.get("noise_lines", 0)) if rec else 0,
        "unread_ink": round(unread_ink(page, scan, em_px), 4),
        "em_mm": round(em_px / dpi * MM_PER_INCH, 2),
        "em_px": round(em_px, 1),
        "skew_deg": round(page.deskew_angle, 2),
    }
    stab = next((s for s in reversed(page.steps) if s.name == "layout-stability"), None)
    if stab is not None:
        measures["unstable_text"] = stab.settings.get("unstable_text", 0.0)
    page.steps.append(ProcessingStep("quality", "digitize", __version__, measures, category="postOperation",
                                     description="measurements for the QA quality estimate"))
    return page
