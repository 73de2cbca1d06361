"""PP-OCR recognition through rapidocr 3.10 with its bundled models (offline), rec only on line crops.

The recogniser is rapidocr's ``TextRecognizer`` (loaded through ``RapidOCR._load_rec_model``;
rapidocr is pinned to 3.10.0): its ONNX Runtime session and its CTC decoder.  Lines go through the
model one at a time (see ``PARAMS``); each gray crop is scaled to the model's height and normalised
here as rapidocr's own pre-processing does, but squeezed in width and not padded (``SQUEEZE``: the
model's cost is its input's width) and without a 3-channel copy of the crop.  Calling the session
directly means det and cls are never run.

Per-character positions come from the CTC time steps: each decoded character sits at a known
column of the model's output, which maps linearly onto the crop's width.  The character box is the cell around that centre, at most one
em wide (half an em for Latin letters and digits); the recognition stage tightens it to the ink.

Vertical lines (tall crops, read top to bottom) are cut into character cells along the gaps of
the ink profile and pasted side by side into a horizontal line, which the horizontal model
reads; each character's box is its cell in the tall crop.
"""
from __future__ import annotations

import math
from importlib.metadata import PackageNotFoundError, version as package_version
from typing import Any, Optional, Sequence

import cv2
import numpy as np

from ..config import RecognitionSettings
from ..errors import EngineError
from ..textclean import is_cjk
from .base import CharResult, LineResult
from .cells import map_vertical, vertical_to_horizontal

PARAMS = {
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,   # one thread per worker process
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    "Global.use_det": False,
    "Global.use_cls": False,
    "Global.log_level": "error",
    # Crops go through the model one at a time: on one CPU thread a batch is padded to its widest
    # crop, which cost 25-50 % more time and 2-3x the memory on dev pages (measured 1 vs 2/4/6/16).
    "Rec.rec_batch_num": 1,
}

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
MIN_WIDTH = 0              # no padding of short lines (rapidocr pads to 320 columns)
SQUEEZE = 0.7              # line width scale beyond keeping the aspect ratio: 0.6 still reads as well


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
        try:
            from rapidocr import RapidOCR
        except ImportError as e:  # pragma: no cover - dependency missing
            raise EngineError(f"ppocr engine: rapidocr is not installed ({e})") from None
        params = dict(PARAMS)
        try:
            self._ocr = RapidOCR(params=params)
            self._rec = self._ocr._load_rec_model()
        except Exception as e:
            raise EngineError(f"ppocr engine: cannot load the bundled rapidocr models ({e})") from None
        self._session = self._rec.session
        self._decoder = self._rec.postprocess_op
        if list(self._rec.rec_image_shape)[:2] != [3, MODEL_HEIGHT]:   # pragma: no cover - pinned rapidocr
            raise EngineError(f"ppocr engine: unexpected model input shape {self._rec.rec_image_shape}")
        rec = self._ocr.cfg.Rec
        self.version = _version()
        self.model = f"{rec.ocr_version} rec {rec.model_type} ({rec.lang_type})"
        self.batch = PARAMS["Rec.rec_batch_num"]

    def settings(self) -> dict[str, Any]:
        return {"mode": "rec-only on line crops", "rec_batch_num": self.batch,
                "onnxruntime_threads": 1, "line_width_scale": SQUEEZE, "vertical": "cells pasted into a horizontal line"}

    def recognize_lines(self, images: Sequence[np.ndarray], vertical: bool = False,
                        dpi: Optional[float] = None) -> list[LineResult]:
        if not images:
            return []
        if vertical:
            pasted = [vertical_to_horizontal(img) for img in images]
            results = self._run([p[0] for p in pasted])
            return [map_vertical(r, cells, im.shape[1]) for r, (_, cells), im in zip(results, pasted, images)]
        return self._run(list(images))

    def _run(self, images: list[np.ndarray]) -> list[LineResult]:
        out = [LineResult("", 0.0, []) for _ in images]
        for i, im in enumerate(images):
            if im.ndim == 2 and im.shape[0] >= 4 and im.shape[1] >= 4:
                out[i] = self._line(im)
        return out

    def _line(self, image: np.ndarray) -> LineResult:
        """One gray line crop through the model: scaled to the model's height, normalised once, the
        gray plane written to the three colour planes the model takes (no 3-channel crop per line)."""
        h, w = image.shape
        exact = MODEL_HEIGHT * w / h * SQUEEZE
        width = max(MIN_WIDTH, int(exact), 1)
        scaled = min(int(math.ceil(exact)), width)        # as rapidocr rounds
        plane = cv2.resize(image, (scaled, MODEL_HEIGHT), interpolation=cv2.INTER_LINEAR).astype(np.float32)
        np.multiply(plane, 2.0 / 255.0, out=plane)
        plane -= 1.0
        x = np.zeros((1, 3, MODEL_HEIGHT, width), np.float32)     # padding: 0 = mid-gray, as rapidocr pads
        x[0, :, :, :scaled] = plane
        preds = self._session(x)
        (text, score), info = _decode(self._decoder, preds, scaled / width)
        return LineResult(text, max(0.0, min(1.0, float(score))), _char_boxes(text, info, w, h))


def _decode(decoder: Any, preds: np.ndarray, used: float) -> tuple[tuple[str, float], Any]:
    """rapidocr's CTC decoding of one line, with the model columns of each character; ``used`` is
    the share of the model input's width the line fills (the rest is padding)."""
    lines, words = decoder(preds, return_word_box=True, wh_ratio_list=[used], max_wh_ratio=1.0)
    return lines[0], words[0]


def _char_boxes(text: str, info: Any, width: int, height: int) -> list[CharResult]:
    """Per-character boxes from the CTC columns of the decoded characters."""
    if not text or info is None or not getattr(info, "words", None) or not info.line_txt_len:
        return []
    cols = [c for word_cols in info.word_cols for c in word_cols]
    confs = list(info.confs or [])
    col_w = width / float(info.line_txt_len)
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
