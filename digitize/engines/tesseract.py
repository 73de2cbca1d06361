"""Tesseract through tesserocr (the wheel bundles libtesseract 5.5.4): one API per process.

Horizontal lines: ``chi_sim`` (setting ``language``), psm 7 (single line).  Vertical lines:
``chi_sim_vert`` with psm 5 (vertical block); where no ``<language>_vert`` model is installed (``Fraktur``
has none), a vertical line is cut into character cells pasted side by side and read by the horizontal
model (``cells.py``), so a block judged vertical never fails its page.  Per-symbol boxes and confidences come from the
result iterator; a space is emitted where tesseract reports blanks before a word.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from ..config import RecognitionSettings
from ..errors import EngineError
from .base import CharResult, LineResult
from .cells import map_vertical, vertical_to_horizontal

DEBIAN_TESSDATA = "/usr/share/tesseract-ocr/5/tessdata/"
VARIABLES = {"textord_noise_rejrows": "0",        # 5.5.4 regression: else some clean lines come back empty
             "preserve_interword_spaces": "1"}    # else a space between every CJK character


def tessdata_path(settings: RecognitionSettings) -> str:
    """Where the traineddata files are: the setting, TESSDATA_PREFIX, or the Debian path."""
    path = settings.tessdata or os.environ.get("TESSDATA_PREFIX") or DEBIAN_TESSDATA
    return path if path.endswith("/") else path + "/"


class TesseractEngine:
    """Line recogniser on tesserocr; create once per worker process."""

    name = "tesseract"
    software = "tesseract"
    reliable_positions = False     # LSTM symbol boxes are approximate (see research notes)
    thread_safe = False            # one tesseract API object per language, not shareable

    def __init__(self, settings: RecognitionSettings):
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        try:
            import tesserocr
        except ImportError as e:  # pragma: no cover - dependency missing
            raise EngineError(f"tesseract engine: tesserocr is not installed ({e})") from None
        self._tesserocr = tesserocr
        self.path = tessdata_path(settings)
        self.language = settings.language
        self.version = tesserocr.tesseract_version().split()[1]
        self.model = self.language
        self.default_dpi = 300
        self._apis: dict[str, Any] = {}
        self.vertical_model = f"{self.language}_vert"
        if not (Path(self.path) / f"{self.vertical_model}.traineddata").is_file():
            self.vertical_model = ""        # vertical lines: cells read by the horizontal model
        self._api(self.language, tesserocr.PSM.SINGLE_LINE)   # fail early on a missing model

    def _api(self, lang: str, psm: int) -> Any:
        api = self._apis.get(lang)
        if api is None:
            if not (Path(self.path) / f"{lang}.traineddata").is_file():
                raise EngineError(f"tesseract engine: no model '{lang}.traineddata' in {self.path} "
                                  f"(install tesseract-ocr-{lang.replace('_', '-')} or set tessdata)")
            t = self._tesserocr
            try:
                api = t.PyTessBaseAPI(path=self.path, lang=lang, psm=psm, oem=t.OEM.LSTM_ONLY)
            except RuntimeError as e:
                raise EngineError(f"tesseract engine: cannot load '{lang}' from {self.path} ({e})") from None
            for k, v in VARIABLES.items():
                api.SetVariable(k, v)
            self._apis[lang] = api
        api.SetPageSegMode(psm)
        return api

    def settings(self) -> dict[str, Any]:
        return {"language": self.language,
                "vertical_language": self.vertical_model or f"{self.language} (character cells)",
                "psm": 7, "vertical_psm": 5, "oem": 1, **VARIABLES}

    def recognize_lines(self, images: Sequence[np.ndarray], vertical: bool = False,
                        dpi: Optional[float] = None) -> list[LineResult]:
        t = self._tesserocr
        res = int(round(dpi or self.default_dpi))
        if vertical and not self.vertical_model:
            pasted = [vertical_to_horizontal(img) for img in images]
            api = self._api(self.language, t.PSM.SINGLE_LINE)
            return [map_vertical(self._one(api, im, res), cells, img.shape[1])
                    for (im, cells), img in zip(pasted, images)]
        if vertical:
            api = self._api(self.vertical_model, t.PSM.SINGLE_BLOCK_VERT_TEXT)
        else:
            api = self._api(self.language, t.PSM.SINGLE_LINE)
        results = [self._one(api, img, res) for img in images]
        if vertical:   # chi_sim_vert symbol boxes are degenerate (zero width, shared): let the caller spread
            results = [LineResult(r.text, r.confidence, []) for r in results]
        return results

    def _one(self, api: Any, img: np.ndarray, dpi: int) -> LineResult:
        t = self._tesserocr
        img = np.ascontiguousarray(img, dtype=np.uint8)
        if img.ndim != 2 or img.shape[0] < 2 or img.shape[1] < 2:
            return LineResult("", 0.0, [])
        h, w = img.shape
        api.SetImageBytes(img.tobytes(), w, h, 1, w)
        api.SetSourceResolution(dpi)
        api.Recognize()
        it = api.GetIterator()
        chars: list[CharResult] = []
        text: list[str] = []
        if it is not None:
            for sym in t.iterate_level(it, t.RIL.SYMBOL):
                try:
                    ch = sym.GetUTF8Text(t.RIL.SYMBOL)
                except RuntimeError:      # tesserocr raises on an empty result
                    continue
                bb = sym.BoundingBox(t.RIL.SYMBOL)
                if not ch or bb is None:
                    continue
                if text and sym.IsAtBeginningOf(t.RIL.WORD) and sym.BlanksBeforeWord() > 0:
                    text.append(" ")
                conf = max(0.0, min(1.0, sym.Confidence(t.RIL.SYMBOL) / 100.0))
                chars.append(CharResult(ch, (bb[0], bb[1], bb[2], bb[3]), conf))
                text.append(ch)
        api.Clear()
        line_conf = sum(c.confidence for c in chars) / len(chars) if chars else 0.0
        return LineResult("".join(text), line_conf, chars)
