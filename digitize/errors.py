"""Errors a user may see.  Each names the file and the problem in one line."""
from __future__ import annotations

from pathlib import Path


class DigitizeError(Exception):
    """Base class: anything raised on purpose by digitize."""


class InputError(DigitizeError):
    """An input file cannot be used (unreadable, truncated, not an image, too large...)."""

    def __init__(self, path: Path | str, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ConfigError(DigitizeError):
    """A configuration file or option is wrong."""


class EngineError(DigitizeError):
    """An OCR engine cannot be created or failed on a page."""
