"""The engine interface: one small contract every OCR engine fulfils.

An engine is created **once per worker process** (it loads a model) and then reused for every
line of every page that process handles.  It never sees pages or the model: it gets line images
(8-bit gray numpy arrays, upright; vertical lines are tall and read top to bottom) and returns,
per image, the text with per-character boxes (in that image's pixels) and confidences.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Protocol, Sequence

import numpy as np


@dataclass
class CharResult:
    text: str                                  # usually one character
    box: tuple[int, int, int, int]             # x0, y0, x1, y1 in the line image
    confidence: float                          # 0..1


@dataclass
class LineResult:
    text: str                                  # raw engine text (spaces as the engine gave them)
    confidence: float                          # 0..1 for the line
    chars: list[CharResult] = field(default_factory=list)   # may be empty: caller spreads the box


class Engine(Protocol):
    name: str          # "tesseract" / "ppocr": what --engine takes
    software: str      # provenance: e.g. "tesseract", "rapidocr"
    version: str       # software version string
    model: str         # model name(s) used, e.g. "chi_sim", "PP-OCRv5 rec mobile"
    reliable_positions: bool   # True when character boxes are exact enough to place glyphs by
    thread_safe: bool  # True when several threads may call recognize_lines at once (idle cores)

    def recognize_lines(self, images: Sequence[np.ndarray], vertical: bool = False,
                        dpi: Optional[float] = None) -> list[LineResult]:
        """Recognise line images (scanned at ``dpi``); one LineResult per image, same order."""
        ...

    def settings(self) -> dict[str, Any]:
        """The settings that matter for provenance (ALTO Processing)."""
        ...
