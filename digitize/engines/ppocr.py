"""PP-OCR recognition through rapidocr 3.10 with its bundled models (offline), rec only on line crops.

The recogniser is the PP-OCRv6 rec model bundled with rapidocr (pinned to 3.10.0), run here on an
ONNX Runtime session with rapidocr's session options, and decoded here as rapidocr's greedy CTC
decoder does (:func:`ctc_decode`); rapidocr's own loader is not imported (its model tables cost
1.2 s of CPU per worker).  Lines go through the model one at a time (batches padded to their widest
line cost more on one thread); each gray crop is scaled to the model's height and normalised as
rapidocr's pre-processing does, but squeezed in width and not padded (``SQUEEZE``: the model's cost
is its input's width) and without a 3-channel copy of the crop.  Det and cls models are never run.

Per-character positions come from the CTC time steps: each decoded character sits at a known
column of the model's output, which maps linearly onto the crop's width.  The character box is the cell around that centre, at most one
em wide (half an em for Latin letters and digits); the recognition stage tightens it to the ink.

Vertical lines (tall crops, read top to bottom) are cut into character cells along the gaps of
the ink profile and pasted side by side into a horizontal line, which the horizontal model
reads; each character's box is its cell in the tall crop.
"""
from __future__ import annotations

import importlib.util
import math
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path
from typing import Any, Optional, Sequence

import cv2
import numpy as np
from rapidfuzz.distance import Levenshtein

from ..config import RecognitionSettings
from ..errors import EngineError
from ..textclean import is_cjk
from .base import CharResult, LineResult
from .cells import (cut_cells, dot_marks, grid_cells, map_vertical, paste_cells, put_turned_marks, turn_grid_marks,
                    turned_mark_cells)

# The bundled recogniser of rapidocr 3.10 (its config.yaml: Rec PP-OCRv6, small, ch), loaded from the
# package folder by name: importing rapidocr's own loader parses its 1,600-line model table twice with
# OmegaConf, 1.2 s of CPU in every worker at start-up (measured), for a file name.
MODEL_FILE = "PP-OCRv6_rec_small.onnx"
MODEL_NAME = "PP-OCRv6 rec small (ch)"
ORT_THREADS = 1            # one inference thread per session; parallelism comes from processes and
                           # from threads lending idle cores (digitize.cores)

MODEL_HEIGHT = 48          # the recogniser's input height (rapidocr's rec_img_shape)
# The model's cost grows with the width of its input (measured: CPU per line proportional to the
# columns fed).  Measured on the 1,650 line crops of 8 dev and 4 browser-made pages (bag error of
# the page text from the crops alone, dev / browser):
#   as rapidocr (aspect kept, short lines padded to 320 columns)   0.0050 / 0.0385, CPU 100 %
#   no padding                                                     0.0047 / 0.0396, CPU  96 %
#   no padding, squeezed to 0.8 / 0.7 / 0.6 / 0.5 of the width     0.0050 / 0.0384, 0.0044 / 0.0386,
#                                                                  0.0045 / 0.0378, 0.0078 / 0.0389;
#                                                                  CPU 77 / 66 / 60 / 46 %
# A text line at the model's 48 px height comes to ~34 px per Han character (the crop is ~1.3 em
# tall): squeezed to 0.7 that is still ~3 output columns per character; at 0.5 characters merge.
# Page text through the whole recognition stage (BENCHMARKS.md, issue 15), the limit is digits and Latin
# letters, half as wide as Han: at 0.6 two alike in a row merge (CTC needs a blank column between them:
# 2001 -> 201, 12月 -> 2月, www -> ww), dev bag error 0.00341 -> 0.00414; at 0.65 few do (dev 0.00356,
# browser dev 0.00821 against 0.00805, synth 53 and browser 6 within 0.0003), for 7 % less engine CPU.
# A vertical line's cell reading is trusted when its characters (marks aside) differ from the turned
# reading's in at most this share (pick_vertical).
CELL_AGREEMENT = 0.1
MIN_WIDTH = 0              # no padding of short lines (rapidocr pads to 320 columns)
SQUEEZE = 0.65             # line width scale beyond keeping the aspect ratio (horizontal lines)
SQUEEZE_KEPT = 0.7         # the scale before, for vertical lines (cells pasted side by side, or the column
                           # turned: not measured below 0.7) and for crops under SMALL_LINE_PX tall ...
SMALL_LINE_PX = 40         # ... which are enlarged to the model's 48 px, strokes blurred (microfilm dev, crops
                           # ~35 px tall, bag error: 0.06376 at 0.7, 0.06493 with every line at 0.65, 0.06473
                           # with these at 0.7); the other sets have under 1.5 % of their crops below it


PINNED = "3.10.0"


def _model_path() -> Optional[Path]:
    """rapidocr's bundled model file, found without importing rapidocr."""
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "models" / MODEL_FILE
    return path if path.is_file() else None


def _version() -> str:
    try:
        return package_version("rapidocr")
    except PackageNotFoundError:  # pragma: no cover
        return "unknown"


class PPOCREngine:
    """Line recogniser on rapidocr's PP-OCR rec model; create once per worker process."""

    name = "ppocr"
    software = "rapidocr"
    reliable_positions = True      # character centres come from the CTC columns
    thread_safe = True             # an ONNX Runtime session runs from several threads at once

    def __init__(self, settings: RecognitionSettings):
        path = _model_path()
        try:
            import onnxruntime as ort
        except ImportError as e:  # pragma: no cover - dependency missing
            raise EngineError(f"ppocr engine: onnxruntime is not installed ({e})") from None
        if path is None:
            raise EngineError(f"ppocr engine: rapidocr's bundled model {MODEL_FILE} not found (is rapidocr "
                              f"{PINNED} installed?)")
        opts = ort.SessionOptions()          # as rapidocr 3.10 sets them up for onnxruntime
        opts.log_severity_level = 4
        opts.enable_cpu_mem_arena = False
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.intra_op_num_threads = ORT_THREADS
        opts.inter_op_num_threads = ORT_THREADS
        try:
            self._session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
            chars = self._session.get_modelmeta().custom_metadata_map["character"].splitlines()
        except Exception as e:
            raise EngineError(f"ppocr engine: cannot load the bundled model {path} ({e})") from None
        shape = self._session.get_inputs()[0].shape
        if list(shape[1:3]) != [3, MODEL_HEIGHT]:     # pragma: no cover - pinned rapidocr
            raise EngineError(f"ppocr engine: unexpected model input shape {shape}")
        self._input = self._session.get_inputs()[0].name
        self._chars = ["blank", *chars, " "]           # CTC blank first, space last (as rapidocr's decoder)
        self.version = _version()
        self.model = MODEL_NAME
        self.batch = 1

    def settings(self) -> dict[str, Any]:
        return {"mode": "rec-only on line crops", "rec_batch_num": self.batch, "model_file": MODEL_FILE,
                "onnxruntime_threads": ORT_THREADS, "line_width_scale": SQUEEZE,
                "small_or_vertical_line_width_scale": SQUEEZE_KEPT,
                "vertical": "cells pasted into a horizontal line, or the column turned 90 deg ccw (pick_vertical) "
                            "with the marks of whole cells cut at the character pitch (add_marks); kept cells' readings "
                            "with the turned column's pause marks, quotes and Han zeros they lack (add_marks)"}

    def recognize_lines(self, images: Sequence[np.ndarray], vertical: bool = False,
                        dpi: Optional[float] = None) -> list[LineResult]:
        if not images:
            return []
        if vertical:
            cut = [cut_cells(img) for img in images]
            pasted = [paste_cells(img, *c) for img, c in zip(images, cut)]
            results = self._run([p[0] for p in pasted], SQUEEZE_KEPT)
            cells = [map_vertical(r, c, im.shape[1]) for r, (_, c), im in zip(results, pasted, images)]
            # brackets and quotes set turned in the column, read upright as 一 or へ: the cells' reading takes
            # them from a reading with those cells turned back (only columns that have such cells are read
            # again), before it is checked against the turned column's (their 一 made it disagree)
            turn = {i: t for i, t in ((i, turned_mark_cells(img, *c)) for i, (img, c) in enumerate(zip(images, cut)))
                    if t}
            again = {i: paste_cells(images[i], *cut[i], turn[i]) for i in turn}
            for i, r in zip(again, self._run([again[i][0] for i in again], SQUEEZE_KEPT)):
                cells[i] = put_turned_marks(cells[i], map_vertical(r, again[i][1], images[i].shape[1]), again[i][1],
                                            turn[i])
            turned = self._run([np.ascontiguousarray(np.rot90(img)) for img in images], SQUEEZE_KEPT)
            out = [pick_vertical(c, t, im.shape) for c, t, im in zip(cells, turned, images)]
            kept = [o is c for o, c in zip(out, cells)]
            # kept cells' readings: digits set across the column from the turned reading, pause marks read as bars
            out = [dot_marks(across_digits(o, t, im.shape), im, em) if k else o
                   for o, k, t, im, (_, em) in zip(out, kept, turned, images, cut)]
            # where the cells were cut wrong (the turned reading taken), the marks the turned column drops come
            # from whole grid cells (not a kept reading the step above changed: it takes the turned column's marks)
            redo = [i for i, k in enumerate(kept) if not k]
            grids = {i: grid_cells(images[i]) for i in redo}
            redo = [i for i in redo if grids[i] is not None]
            readings = dict(zip(redo, self._run([grids[i][0] for i in redo], SQUEEZE_KEPT)))
            grid = {i: map_vertical(readings[i], grids[i][1], images[i].shape[1]) for i in redo}
            # the grid's brackets and quotes (set turned) read with their cells turned back, as the cells' are
            turned_grids = {i: t for i, t in ((i, turn_grid_marks(images[i], grids[i], cut[i][1])) for i in redo) if t}
            for i, r in zip(turned_grids, self._run([turned_grids[i][0] for i in turned_grids], SQUEEZE_KEPT)):
                grid[i] = put_turned_marks(grid[i], map_vertical(r, grids[i][1], images[i].shape[1]), grids[i][1],
                                           turned_grids[i][1])
            for i in redo:
                out[i] = add_marks(out[i], grid[i])
            # kept cells' readings: the pause marks, quotes and zeros the cells lost (a mark cut into its
            # neighbour's cell, read as a dot or a bar; 〇〇 read as nothing) from the turned column
            for i in (i for i, k in enumerate(kept) if k):
                out[i] = add_marks(out[i], on_column(turned[i], images[i].shape), TURNED_READ_MARKS, CELL_WEAK_MARKS)
            return [ideographic_zero(o) for o in out]
        return self._run(list(images), SQUEEZE)

    def _run(self, images: list[np.ndarray], squeeze: float) -> list[LineResult]:
        out = [LineResult("", 0.0, []) for _ in images]
        for i, im in enumerate(images):
            if im.ndim == 2 and im.shape[0] >= 4 and im.shape[1] >= 4:
                out[i] = self._line(im, squeeze if im.shape[0] >= SMALL_LINE_PX else max(squeeze, SQUEEZE_KEPT))
        return out

    def _line(self, image: np.ndarray, squeeze: float) -> LineResult:
        """One gray line crop through the model: scaled to the model's height, normalised once, the
        gray plane written to the three colour planes the model takes (no 3-channel crop per line)."""
        h, w = image.shape
        exact = MODEL_HEIGHT * w / h * squeeze
        width = max(MIN_WIDTH, int(exact), 1)
        scaled = min(int(math.ceil(exact)), width)        # as rapidocr rounds
        plane = cv2.resize(image, (scaled, MODEL_HEIGHT), interpolation=cv2.INTER_LINEAR).astype(np.float32)
        np.multiply(plane, 2.0 / 255.0, out=plane)
        plane -= 1.0
        x = np.zeros((1, 3, MODEL_HEIGHT, width), np.float32)     # padding: 0 = mid-gray, as rapidocr pads
        x[0, :, :, :scaled] = plane
        preds = self._session.run(None, {self._input: x})[0]
        text, score, cols, confs, columns = ctc_decode(preds[0], self._chars)
        return LineResult(text, max(0.0, min(1.0, score)), _char_boxes(text, cols, confs, columns * scaled / width, w, h))


def pick_vertical(cells: LineResult, turned: LineResult, shape: tuple[int, int]) -> LineResult:
    """The better of two readings of a vertical line: its character cells pasted upright side by side
    (``cells``: reads the marks, set upright in their own cells, but needs the cells cut right, which fails
    on grainy or speckled crops) and the whole column turned a quarter counter-clockwise (``turned``: PP-OCR
    reads characters lying on their side well, but not the marks).  Measured on vertical dev pages (GT
    columns cut from the working image, rapidocr's PP-OCRv5 model): clean CER 0.021 cells / 0.077 turned,
    heavy 0.43 / 0.066, both together 0.042.  The cell reading is kept when its characters other than marks
    agree with the turned reading's within ``CELL_AGREEMENT``; else the turned reading is used, its boxes
    mapped back onto the column."""
    def plain(t: str) -> str:
        return "".join(ch for ch in t if ch.isalnum())

    a, b = plain(cells.text), plain(turned.text)
    if b and Levenshtein.distance(a, b) <= CELL_AGREEMENT * len(b):
        return cells
    return on_column(turned, shape)


def on_column(turned: LineResult, shape: tuple[int, int]) -> LineResult:
    """The turned column's reading with its boxes mapped back onto the upright column (``shape``): the turned
    line's x is the column's y, each box the column's width."""
    w = shape[1]
    chars = [CharResult(c.text, (0, c.box[0], w, c.box[2]), c.confidence) for c in turned.chars]   # x turned = y
    return LineResult(turned.text, turned.confidence, chars)


def across_digits(cells: LineResult, turned: LineResult, shape: tuple[int, int]) -> LineResult:
    """The cells' reading of a vertical line with the digits set across the column (two or three in one
    cell: 10只, 175度) or on their side put in from the turned column's reading: cut as one cell, such digits
    are read as nothing upright (browser 22 bz_003: 不足10只 read 不足只, 东经175度60分 read 东经度分), and the
    line's other characters agree, so the cells' reading is kept.  The two are aligned by their text; a run
    of ASCII digits the turned reading has where the cells read nothing goes in, its box mapped back onto the
    column (as :func:`pick_vertical` maps the turned reading)."""
    cchars = [c for c in cells.chars if not c.text.isspace()]
    tchars = [c for c in turned.chars if not c.text.isspace()]
    c = "".join(ch.text for ch in cchars)
    t = "".join(ch.text for ch in tchars)
    if not any(ch.isdigit() for ch in t) or len(c) != sum(1 for ch in cells.text if not ch.isspace()) \
            or len(t) != sum(1 for ch in turned.text if not ch.isspace()):
        return cells
    w = shape[1]
    out: list[CharResult] = []
    put = False
    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(c, t):
        if tag == "insert" and a0 > 0 and a0 < len(c) and all(ch.isascii() and ch.isdigit() for ch in t[b0:b1]):
            out.extend(CharResult(x.text, (0, x.box[0], w, x.box[2]), x.confidence) for x in tchars[b0:b1])
            put = True
            continue
        out.extend(cchars[a0:a1])
    if not put:
        return cells
    return LineResult("".join(x.text for x in out), cells.confidence, out)


# Marks (punctuation) that the turned column drops: lying on their side they read as nothing.
MARKS = frozenset("，。、；：！？「」『』（）《》〈〉—…·()")   # ASCII brackets: read so turned back (cells.py)


# The marks a kept cells' reading takes from the turned column where it has none (add_marks): pause marks and
# corner quotes, which turning the column back sets upright again.  Measured on the seen vertical pages'
# columns (BENCHMARKS.md, issue 11, session 29, vert29): the cells lose a mark cut into its neighbour's cell
# (a comma in the top right of its cell joined to the 「 below it) or read it as a dot or a bar, where the
# turned column reads it.
TURNED_READ_MARKS = frozenset("，。、；：！？「」『』○〇")     # and the zeros of Han numerals (二〇〇一), which
                                                              # the cells read as nothing where the turned column reads ○
# What the cells read a mark as (a comma as a middle dot, a turned quote as a bar): replaced by the turned
# column's mark where the two readings align one for one there.
CELL_WEAK_MARKS = frozenset("·一")


def add_marks(turned: LineResult, grid: LineResult, marks: frozenset[str] = MARKS,
              weak: frozenset[str] = frozenset()) -> LineResult:
    """The turned column's reading (boxes already in the column) with the marks the whole-cell grid reading
    (``grid``, boxes mapped to the column) has where the turned one has none.  The two are aligned by their
    text: a mark the grid reads between characters both read alike is put in; a stretch both read alike
    but for marks the grid adds keeps the turned reading's characters.  Measured on ground-truth columns
    (``benchmarks/vertical_reading.py``): BENCHMARKS.md, issue 11, session 7.  Used the other way round too
    (a kept cells' reading with the turned column's ``marks``; a ``weak`` character the first reading has
    where the second has a mark, one for one, becomes that mark)."""
    tchars = [c for c in turned.chars if not c.text.isspace()]
    gchars = [c for c in grid.chars if not c.text.isspace()]
    t = "".join(c.text for c in tchars)
    g = "".join(c.text for c in gchars)
    if not g or len(t) != sum(1 for ch in turned.text if not ch.isspace()) or len(t) != len(tchars):
        return turned
    out: list[CharResult] = []
    changed = False
    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(t, g):
        if tag == "insert":
            put = [c for c in gchars[b0:b1] if c.text in marks]
            out.extend(put)
            changed = changed or bool(put)
            continue
        if tag == "replace":
            if a1 - a0 == b1 - b0 and all(c.text in weak for c in tchars[a0:a1]) \
                    and all(c.text in marks for c in gchars[b0:b1]):
                out.extend(CharResult(g.text, m.box, g.confidence) for m, g in zip(tchars[a0:a1], gchars[b0:b1]))
                changed = True
                continue
            put = [c for c in gchars[b0:b1] if c.text in marks]
            rest = [c for c in gchars[b0:b1] if c.text not in marks]
            if put and len(rest) == a1 - a0 and not any(c.text in marks for c in tchars[a0:a1]):
                mine = iter(tchars[a0:a1])         # the same characters, with marks between: the grid's order
                out.extend(c if c.text in marks else next(mine) for c in gchars[b0:b1])
                changed = True
                continue
        out.extend(tchars[a0:a1])
    if not changed:
        return turned
    return LineResult("".join(c.text for c in out), turned.confidence, out)


# Han numerals: a circle beside one in a vertical column is the ideographic zero 〇 (U+3007) of a Chinese
# numeral (二〇〇一年), which vertical print sets; the model, trained on horizontal simplified text, reads it
# as the geometric circle ○ (U+25CB): vertical dev, seeds 4 and 5 (session 7's runs), 〇 missing 250 times,
# ○ read 122 times where the text has none.
HAN_NUMERALS = frozenset("〇一二三四五六七八九十百千萬億兩零")


def ideographic_zero(result: LineResult) -> LineResult:
    """``result`` with every run of circles (○ or 〇) next to a Han numeral written as 〇."""
    t = result.text
    if "○" not in t:
        return result
    out = list(t)
    i = 0
    while i < len(t):
        if t[i] not in "○〇":
            i += 1
            continue
        j = i
        while j < len(t) and t[j] in "○〇":
            j += 1
        if (i > 0 and t[i - 1] in HAN_NUMERALS) or (j < len(t) and t[j] in HAN_NUMERALS):
            out[i:j] = "〇" * (j - i)
        i = j
    text = "".join(out)
    if text == t:
        return result
    if result.chars and [c.text for c in result.chars] != [ch for ch in t if not ch.isspace()]:
        return result                       # characters not one per box: leave both as read
    new = [ch for ch in text if not ch.isspace()]
    return LineResult(text, result.confidence, [CharResult(n, c.box, c.confidence) for n, c in zip(new, result.chars)])


def ctc_decode(probs: np.ndarray, chars: Sequence[str]) -> tuple[str, float, list[int], list[float], int]:
    """Greedy CTC decoding of one line's model output (time steps x classes), as rapidocr 3.10's
    ``CTCLabelDecode`` does it: best class per step, repeats merged, blanks (class 0) dropped; the
    line's confidence is the mean of the kept steps' probabilities (each rounded to 5 places; 0 when
    nothing is read).  Returns (text, confidence, model column of each non-space character,
    confidence of each character, number of time steps)."""
    idx = probs.argmax(axis=1)
    best = probs[np.arange(len(idx)), idx]          # the max, without a second pass over every class
    keep = np.ones(len(idx), dtype=bool)
    keep[1:] = idx[1:] != idx[:-1]
    keep &= idx != 0
    cols = np.flatnonzero(keep)
    tokens = [chars[i] for i in idx[cols]]
    confs = [round(float(c), 5) for c in best[cols]]
    score = float(np.mean(confs).round(5)) if confs else 0.0
    return "".join(tokens), score, [int(c) for c, t in zip(cols, tokens) if not t.isspace()], confs, len(idx)


def _char_boxes(text: str, cols: Sequence[int], confs: Sequence[float], columns: float, width: int,
                height: int) -> list[CharResult]:
    """Per-character boxes from the CTC columns of the decoded characters (``columns``: how many
    model columns the crop's width spans)."""
    if not text or not cols or not columns:
        return []
    col_w = width / float(columns)
    centres: list[tuple[str, float, float]] = []
    k = 0
    for i, ch in enumerate(text):
        conf = float(confs[i]) if i < len(confs) else 0.0
        if ch.isspace():
            continue
        if k >= len(cols):
            break
        centres.append((ch, (cols[k] + 0.5) * col_w, conf))
        k += 1
    chars = []
    for j, (ch, cx, conf) in enumerate(centres):
        half = (height * (0.5 if is_cjk(ch) else 0.3))
        left = cx - half
        right = cx + half
        if j > 0:
            left = max(left, (centres[j - 1][1] + cx) / 2)
        if j + 1 < len(centres):
            right = min(right, (centres[j + 1][1] + cx) / 2)
        x0 = max(0, int(math.floor(left)))
        x1 = min(width, max(x0 + 1, int(math.ceil(right))))
        chars.append(CharResult(ch, (x0, 0, x1, height), max(0.0, min(1.0, conf))))
    return chars
