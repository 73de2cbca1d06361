"""OCR engines behind one interface (see :mod:`digitize.engines.base`).

``get_engine(settings)`` returns the engine for this process, creating it on first use: each
worker process loads its model once and keeps it.
"""
from __future__ import annotations

from ..config import RecognitionSettings
from ..errors import EngineError
from .base import CharResult, Engine, LineResult

ENGINES = ("ppocr", "tesseract")
_cache: dict[tuple, Engine] = {}


def create_engine(settings: RecognitionSettings) -> Engine:
    if settings.engine == "tesseract":
        from .tesseract import TesseractEngine
        return TesseractEngine(settings)
    if settings.engine == "ppocr":
        from .ppocr import PPOCREngine
        return PPOCREngine(settings)
    raise EngineError(f"unknown engine '{settings.engine}' (choose one of: {', '.join(ENGINES)})")


def get_engine(settings: RecognitionSettings) -> Engine:
    """The engine of this process for these settings (created once, then reused)."""
    key = (settings.engine, settings.language, settings.tessdata)
    if key not in _cache:
        _cache[key] = create_engine(settings)
    return _cache[key]


__all__ = ["CharResult", "Engine", "LineResult", "ENGINES", "create_engine", "get_engine"]
