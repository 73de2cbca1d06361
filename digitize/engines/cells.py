"""Vertical lines for horizontal recognisers: a tall crop cut into character cells along the gaps of its
ink profile, pasted side by side into one horizontal line, and the characters read from it mapped back to
their cells.  Used by PP-OCR (which has no vertical model) and by Tesseract when a ``*_vert`` model is not
installed."""
from __future__ import annotations

import numpy as np

from .base import CharResult, LineResult


def vertical_to_horizontal(img: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Cut a tall line into character cells and paste them, upright, left to right.

    Returns the horizontal image and, per cell, ``(x0, x1 in the horizontal image, y0, y1 in the tall one)``.
    """
    h, w = img.shape
    ink = img < min(160, int(img.mean()) - 20)
    rows = ink.any(axis=1)
    pieces: list[list[int]] = []
    y = 0
    while y < h:
        if rows[y]:
            y1 = y
            while y1 < h and rows[y1]:
                y1 += 1
            pieces.append([y, y1])
            y = y1
        else:
            y += 1
    cols = np.where(ink.any(axis=0))[0]
    em = float(cols[-1] - cols[0] + 1) if cols.size else float(w)
    cells: list[list[int]] = []
    for p in pieces:   # strokes of one character (二, 三, 旦...) are merged while they fit one em
        if cells and p[1] - cells[-1][0] <= 1.12 * em:
            cells[-1][1] = p[1]
        else:
            cells.append(list(p))
    if not cells:
        return img.copy(), []
    gap = max(2, int(0.2 * em))
    pad = max(2, int(0.15 * em))
    height = max(c[1] - c[0] for c in cells) + 2 * pad
    out = np.full((height, gap + len(cells) * (w + gap)), 255, np.uint8)
    mapping = []
    x = gap
    for y0, y1 in cells:
        top = (height - (y1 - y0)) // 2
        out[top:top + y1 - y0, x:x + w] = img[y0:y1, :]
        mapping.append((x, x + w, y0, y1))
        x += w + gap
    return out, mapping


def map_vertical(result: LineResult, cells: list[tuple[int, int, int, int]], width: int) -> LineResult:
    """Boxes of a pasted horizontal line -> boxes in the tall crop (the cell of each character)."""
    if not cells or not result.chars:
        return LineResult(result.text, result.confidence, [])
    starts = [c[0] for c in cells]
    chars = []
    for c in result.chars:
        cx = (c.box[0] + c.box[2]) / 2
        k = max(0, int(np.searchsorted(starts, cx, side="right")) - 1)
        _, _, y0, y1 = cells[k]
        chars.append(CharResult(c.text, (0, y0, width, y1), c.confidence))
    return LineResult(result.text, result.confidence, chars)
