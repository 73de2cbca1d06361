"""Dark scanner borders: the black/dark-gray area outside the paper, often jagged, on 1-4 edges.

Found on a reduced gray image: regions that stay dark after a wide blur (so text, even bold
mastheads, does not qualify) and touch the image edge are seeds; they are grown over adjacent dark
pixels (a bounded distance, to follow a jagged paper edge) and returned as a mask (255 = border).
"""
from __future__ import annotations

import cv2
import numpy as np

EDGES = ("top", "bottom", "left", "right")


def find_dark_border(small: np.ndarray, dpi: float, paper: float) -> tuple[np.ndarray, list[str]]:
    """(mask, edges) for the reduced gray ``small`` at ``dpi``; ``paper`` is the paper gray level.

    ``edges`` names the image edges the border touches (empty when there is none).
    """
    h, w = small.shape
    mask = np.zeros((h, w), np.uint8)
    k = max(5, int(round(dpi * 0.3)) | 1)                   # ~7.6 mm blur: text never stays this dark
    dark = 0.45 * paper
    blurred = cv2.blur(small, (k, k), borderType=cv2.BORDER_REPLICATE)
    seed = (blurred < dark).astype(np.uint8)
    # thin borders: mostly-dark runs ~2.5 cm long along the edge (text is never that solid)
    dark_px = (small < dark).astype(np.float32)
    run = max(k, int(round(dpi)))
    along_v = cv2.blur(dark_px, (1, run), borderType=cv2.BORDER_REPLICATE)
    along_h = cv2.blur(dark_px, (run, 1), borderType=cv2.BORDER_REPLICATE)
    edge_zone = np.zeros_like(seed)
    edge_zone[:, :k] = edge_zone[:, -k:] = 1                 # vertical runs only near left/right edges
    seed |= ((along_v > 0.7) & (edge_zone > 0)).astype(np.uint8)
    edge_zone[:] = 0
    edge_zone[:k] = edge_zone[-k:] = 1
    seed |= ((along_h > 0.7) & (edge_zone > 0)).astype(np.uint8)
    # hairline borders (a few px at scan resolution) are only grayish at layout resolution
    grey_px = (small[:, :2] < 0.75 * paper, small[:, -2:] < 0.75 * paper,
               small[:2] < 0.75 * paper, small[-2:] < 0.75 * paper)
    run_v, run_h = (1, run), (run, 1)
    seed[:, :2] |= (cv2.blur(grey_px[0].astype(np.float32), run_v) > 0.7).astype(np.uint8)
    seed[:, -2:] |= (cv2.blur(grey_px[1].astype(np.float32), run_v) > 0.7).astype(np.uint8)
    seed[:2] |= (cv2.blur(grey_px[2].astype(np.float32), run_h) > 0.7).astype(np.uint8)
    seed[-2:] |= (cv2.blur(grey_px[3].astype(np.float32), run_h) > 0.7).astype(np.uint8)
    if not seed.any():
        return mask, []
    n, labels, stats, _ = cv2.connectedComponentsWithStats(seed, connectivity=8)
    x0, y0 = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    x1, y1 = x0 + stats[:, cv2.CC_STAT_WIDTH], y0 + stats[:, cv2.CC_STAT_HEIGHT]
    touches = (x0 == 0) | (y0 == 0) | (x1 == w) | (y1 == h)
    touches[0] = False
    if not touches.any():
        return mask, []
    seed = touches[labels].astype(np.uint8)
    # grow over the dark pixels next to the seed, at most ~k/2 + 2 mm, to follow the jagged edge
    r = k // 2 + max(2, int(round(dpi * 0.08)))
    near = cv2.dilate(seed, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * r + 1, 2 * r + 1)))
    smooth = cv2.medianBlur(small, 3)
    grow = ((smooth < 0.8 * paper) & (near > 0)).astype(np.uint8) | seed
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grow, connectivity=8)
    keep = np.zeros(n, bool)
    keep[np.unique(labels[seed > 0])] = True
    keep[0] = False
    mask = keep[labels].astype(np.uint8) * 255
    pad = max(1, int(round(dpi * 0.03)))                     # anti-aliased edge of the paper
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * pad + 1, 2 * pad + 1)))
    edges = [name for name, line in zip(EDGES, (mask[0], mask[-1], mask[:, 0], mask[:, -1]))
             if (line > 0).mean() > 0.1]
    return mask, edges


def paper_behind(small: np.ndarray, mask: np.ndarray, dpi: float, paper: float) -> np.ndarray:
    """Gray values to paint the border ``mask`` with: the paper level next to it, carried smoothly
    into the border (a constant would leave a light/dark step that binarization reads as a rule)."""
    k = max(3, int(round(dpi * 0.15)) | 1)                  # ~4 mm max filter: removes the text
    bg = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))).astype(np.float32)
    valid = (mask == 0).astype(np.float32)
    out = np.full(small.shape, float(paper), np.float32)
    for size in (3.6, 1.2, 0.4):                            # ~9, 3, 1 cm: nearer paper overrides
        kk = max(3, int(round(dpi * size)) | 1)
        num = cv2.blur(bg * valid, (kk, kk), borderType=cv2.BORDER_REPLICATE)
        den = cv2.blur(valid, (kk, kk), borderType=cv2.BORDER_REPLICATE)
        w = np.clip((den - 0.02) * 10.0, 0.0, 1.0)          # blend in smoothly where paper is near
        out = num / np.maximum(den, 1e-6) * w + out * (1.0 - w)
    return np.where(mask > 0, np.clip(out, 0, 255).astype(np.uint8), small)
