"""Connected components of a sparse mask, labelled over the box of its ink only.

``cv2.connectedComponentsWithStats`` costs the same on a page-sized mask whether it holds one photo or
nothing; labelling just the box round the mask's nonzero pixels gives the same components.  OpenCV labels
2 x 2 blocks of pixels, and numbers the components in the order its block scan meets them, so the box
starts on an even row and column: the blocks, and so the numbering, are those of the whole mask
(``tests/test_layout_components.py`` checks that against the whole mask's labelling).
"""
from __future__ import annotations

import cv2
import numpy as np


def component_stats(mask: np.ndarray) -> np.ndarray:
    """The rows of ``cv2.connectedComponentsWithStats(mask, connectivity=8)``'s stats after the background's
    (x, y, width, height, area of each component, whole-mask coordinates), in the same order."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return np.zeros((0, 5), np.int32)
    cols = np.flatnonzero(mask.any(axis=0))
    y0, x0 = int(rows[0]) & ~1, int(cols[0]) & ~1
    crop = np.ascontiguousarray(mask[y0:int(rows[-1]) + 1, x0:int(cols[-1]) + 1], dtype=np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    stats = stats[1:].copy()
    stats[:, 0] += x0
    stats[:, 1] += y0
    return stats
