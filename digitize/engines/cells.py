"""Vertical lines for horizontal recognisers: a tall crop cut into character cells along the gaps of its
ink profile, pasted side by side into one horizontal line, and the characters read from it mapped back to
their cells.  Used by PP-OCR (which has no vertical model) and by Tesseract when a ``*_vert`` model is not
installed."""
from __future__ import annotations

import numpy as np

from .base import CharResult, LineResult


def vertical_to_horizontal(img: np.ndarray, turn: frozenset[int] = frozenset()
                           ) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Cut a tall line into character cells and paste them, upright, left to right (the cells numbered in
    ``turn`` turned a quarter counter-clockwise: :func:`turned_mark_cells`).

    Returns the horizontal image and, per cell, ``(x0, x1 in the horizontal image, y0, y1 in the tall one)``.
    """
    return paste_cells(img, *cut_cells(img), turn)


def cut_cells(img: np.ndarray) -> tuple[list[list[int]], float]:
    """The character cells (rows ``[y0, y1)``) of a tall line, cut along the gaps of its ink profile, and the
    column's ink width (its em)."""
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
    return cells, em


def paste_cells(img: np.ndarray, cells: list[list[int]], em: float, turn: frozenset[int] = frozenset()
                ) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """The cells of :func:`cut_cells` pasted left to right, upright or (numbered in ``turn``) turned."""
    h, w = img.shape
    if not cells:
        return img.copy(), []
    gap = max(2, int(0.2 * em))
    pad = max(2, int(0.15 * em))
    tiles = [np.ascontiguousarray(np.rot90(img[y0:y1, :])) if k in turn else img[y0:y1, :]
             for k, (y0, y1) in enumerate(cells)]
    height = max(t.shape[0] for t in tiles) + 2 * pad
    out = np.full((height, gap + sum(t.shape[1] + gap for t in tiles)), 255, np.uint8)
    mapping = []
    x = gap
    for (y0, y1), t in zip(cells, tiles):
        top = (height - t.shape[0]) // 2
        out[top:top + t.shape[0], x:x + t.shape[1]] = t
        mapping.append((x, x + t.shape[1], y0, y1))
        x += t.shape[1] + gap
    return out, mapping


# Marks that vertical print sets turned a quarter clockwise (brackets, quotes, dashes: ﹁﹂︵︶︽︾︱), so that
# upright in a pasted cell they are a flat bar or arc the horizontal model reads as 一, へ, ～ or nothing
# (vertical dev vt_000: 「 read 一 in 11 of 11 columns, （ as へ, ） as 一).  A cell whose ink is a flat bar
# across the column (at most TURNED_FLAT_EM tall, at least TURNED_WIDE_EM wide) or an upright bar (at most
# TURNED_FLAT_EM wide, at least TURNED_WIDE_EM tall) may be one; it is read again turned back.
TURNED_FLAT_EM = 0.45
TURNED_WIDE_EM = 0.5
UPRIGHT_BARS = frozenset("一へヘーㄧ～~|｜-_")
TURNED_MARKS = frozenset("「」『』（）《》〈〉—…～()")     # ASCII brackets too: the text cleaning widens them


def turned_mark_cells(img: np.ndarray, cells: list[list[int]], em: float) -> frozenset[int]:
    """The cells of :func:`cut_cells` whose ink is shaped as a mark set turned (see ``TURNED_FLAT_EM``)."""
    ink = img < min(160, int(img.mean()) - 20)
    out = set()
    for k, (y0, y1) in enumerate(cells):
        part = ink[y0:y1]
        rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
        if not rows.size:
            continue
        tall, wide = (rows[-1] - rows[0] + 1) / em, (cols[-1] - cols[0] + 1) / em
        if (tall <= TURNED_FLAT_EM and wide >= TURNED_WIDE_EM) or (wide <= TURNED_FLAT_EM and tall >= TURNED_WIDE_EM):
            out.add(k)
    return frozenset(out)


def put_turned_marks(upright: LineResult, turned: LineResult, cells: list[tuple[int, int, int, int]],
                     turn: frozenset[int]) -> LineResult:
    """The upright cells' reading (boxes mapped to the column) with each cell of ``turn`` that the reading
    with those cells turned back reads as one mark of ``TURNED_MARKS`` given that mark instead of what the
    upright reading has there (a real 一 turned reads as a stroke, not a bracket: it stays)."""
    rows = [(c[2], c[3]) for c in cells]
    marks: dict[int, CharResult] = {}
    for k in turn:
        here = [c for c in turned.chars if (c.box[1], c.box[3]) == rows[k]]
        mine = "".join(c.text for c in upright.chars if (c.box[1], c.box[3]) == rows[k])
        # what a flat or upright bar reads as upright (一, へ, ー, ～, |, nothing); not a digit or letter (a 1
        # upright in a column, turned, reads as a dash), nor a mark set upright (；：, turned read as …)
        if len(here) == 1 and here[0].text in TURNED_MARKS and all(ch in UPRIGHT_BARS for ch in mine):
            marks[k] = here[0]
    if not marks:
        return upright
    out: list[CharResult] = []
    done: set[int] = set()
    for c in upright.chars:
        k = rows.index((c.box[1], c.box[3])) if (c.box[1], c.box[3]) in rows else -1
        if k in marks:
            if k not in done:
                out.append(marks[k])
                done.add(k)
            continue
        out.append(c)
    for k in sorted(set(marks) - done):          # the upright reading had nothing there: put it in its place
        i = next((i for i, c in enumerate(out) if c.box[1] >= rows[k][1]), len(out))
        out.insert(i, marks[k])
    return LineResult("".join(c.text for c in out), upright.confidence, out)


# A pause mark 、 of simplified type stands small in the top right of its cell; cut out on its own and pasted
# upright it is read as 一 (browser 22 bz_003: 8 of 8, its ink 0.21-0.27 of the column's width tall and
# wide, starting 0.70-0.73 of it right of the column's left edge), which is a bar across the whole column
# (0.7-1.0 wide, from its left).  A cell read as a bar whose ink is DOT_MIN_EM to DOT_EM tall and wide and
# starts DOT_RIGHT_EM or more right of the column's ink is the pause mark (on a heavy traditional page,
# vertical dev vt_005, a 一 printed pale at a column's head kept only a speck 0.1 em wide as ink).
DOT_EM = 0.35
DOT_MIN_EM = 0.15
DOT_RIGHT_EM = 0.5
DOT_MARKS = frozenset("、，。")


def dot_marks(result: LineResult, img: np.ndarray, em: float) -> LineResult:
    """``result`` (the upright cells' reading, boxes mapped to the column ``img``) with each bar (一, ー, -)
    whose cell holds ink ``DOT_MIN_EM`` to ``DOT_EM`` tall and wide, in the right of the column (``DOT_RIGHT_EM``), read
    as 、 (dropped where the same cell is read as a mark already)."""
    ink = img < min(160, int(img.mean()) - 20)
    inked = np.flatnonzero(ink.any(axis=0))
    left = int(inked[0]) if inked.size else 0
    out: list[CharResult] = []
    changed = False
    for c in result.chars:
        if c.text in "一ー-" and em > 0:
            part = ink[c.box[1]:c.box[3]]
            rows, cols = np.flatnonzero(part.any(axis=1)), np.flatnonzero(part.any(axis=0))
            tall, wide = (rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1) if rows.size else (0, 0)
            if DOT_MIN_EM * em <= min(tall, wide) and max(tall, wide) <= DOT_EM * em \
                    and cols[0] - left >= DOT_RIGHT_EM * em:
                changed = True
                if any(o is not c and o.box == c.box and o.text in DOT_MARKS for o in result.chars):
                    continue
                out.append(CharResult("、", c.box, c.confidence))
                continue
        out.append(c)
    if not changed or len(result.chars) != sum(1 for ch in result.text if not ch.isspace()):
        return result
    return LineResult("".join(c.text for c in out), result.confidence, out)


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


# Whole character cells for a column whose cells could not be cut at its ink gaps (grain, speckle and
# heavy ink join or split the pieces): CJK type is set on a grid of cells one character pitch tall, so the
# column is cut at that pitch, the phase where the fewest ink rows are cut.  Each cell is pasted whole, so a
# mark keeps its place in the cell (a comma low and left, as in horizontal text) instead of being centred
# into a dash.  The pitch is searched between GRID_PITCH_MIN and GRID_PITCH_MAX widths of the column's ink
# (characters are square; a justified column spreads them a little), in GRID_PITCH_STEP px around the
# autocorrelation's peak of the ink-row profile.
GRID_PITCH_MIN = 0.8
GRID_PITCH_MAX = 1.4
GRID_PITCH_STEP = 0.25
GRID_MIN_CELLS = 2.5       # a column shorter than this many widths has too few cells for a pitch
GRID_INK_COLUMN = 0.05     # a pixel column is the column's ink when this share of its rows have ink
GRID_EMPTY_SHARE = 0.01    # a cell with less ink than this share of its area is empty (an indent, the end)


def grid_cells(img: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int, int, int]]] | None:
    """Cut a tall line into cells of one character pitch and paste them whole, left to right, each in a
    square tile; None when the column is too short or holds no ink.  Returns the horizontal image and, per
    cell, ``(x0, x1 in the horizontal image, y0, y1 in the tall one)`` (as :func:`vertical_to_horizontal`)."""
    h, w = img.shape
    if h < 4 or w < 4:
        return None
    ink = img < min(160, int(img.mean()) - 20)
    prof = ink.sum(axis=1).astype(np.float64)
    strong = np.nonzero(ink.sum(axis=0) >= GRID_INK_COLUMN * h)[0]
    if strong.size == 0:
        return None
    width = float(strong[-1] - strong[0] + 1)
    lo, hi = max(3, int(GRID_PITCH_MIN * width)), min(h // 2, int(GRID_PITCH_MAX * width) + 1)
    if h < GRID_MIN_CELLS * width or hi <= lo:
        return None
    r = prof - prof.mean()
    peak = max(range(lo, hi + 1), key=lambda k: float(np.dot(r[:-k], r[k:])) / (h - k))
    smooth = np.convolve(prof, np.ones(3) / 3.0, mode="same")
    best: tuple[float, float, float] | None = None
    for pitch in np.arange(peak - 1.0, peak + 1.0 + 1e-9, GRID_PITCH_STEP):
        phases = np.arange(0.0, pitch, 1.0)
        n = int(np.ceil(h / pitch)) + 1
        cuts = np.clip((phases[:, None] + pitch * np.arange(n)[None, :]).astype(int), 0, h - 1)
        valid = (phases[:, None] + pitch * np.arange(n)[None, :]) < h
        cost = (smooth[cuts] * valid).sum(axis=1) / valid.sum(axis=1)
        k = int(np.argmin(cost))
        if best is None or cost[k] < best[0]:
            best = (float(cost[k]), float(pitch), float(phases[k]))
    _, pitch, phase = best
    edges = sorted({0, h, *(int(round(y)) for y in np.arange(phase, h, pitch) if 0 < int(round(y)) < h)})
    cells = [(a, b) for a, b in zip(edges[:-1], edges[1:])
             if prof[a:b].sum() >= max(4.0, GRID_EMPTY_SHARE * (b - a) * width)]
    if not cells:
        return None
    tile = int(np.ceil(pitch)) + 2
    out = np.full((tile, len(cells) * tile), 255, np.uint8)
    sx, sw = max(0, (w - tile) // 2), min(w, tile)
    x_in = (tile - sw) // 2
    mapping = []
    for i, (a, b) in enumerate(cells):
        b = min(b, a + tile)
        top = (tile - (b - a)) // 2
        out[top:top + b - a, i * tile + x_in:i * tile + x_in + sw] = img[a:b, sx:sx + sw]
        mapping.append((i * tile, (i + 1) * tile, a, b))
    return out, mapping


def turn_grid_marks(img: np.ndarray, grid: tuple[np.ndarray, list[tuple[int, int, int, int]]], em: float
                    ) -> tuple[np.ndarray, frozenset[int]] | None:
    """The whole-cell paste of :func:`grid_cells` with the cells shaped as marks set turned
    (:func:`turned_mark_cells`; ``em`` the column's ink width, as :func:`cut_cells` measures it) turned back,
    and those cells' numbers; None when there are none."""
    out, mapping = grid
    turn = turned_mark_cells(img, [[a, b] for _, _, a, b in mapping], em)
    if not turn:
        return None
    again = out.copy()
    for k in turn:
        x0, x1 = mapping[k][0], mapping[k][1]
        again[:, x0:x1] = np.rot90(out[:, x0:x1])          # square tiles: a tile turns in its place
    return again, turn

