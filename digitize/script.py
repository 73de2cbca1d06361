"""Simplified <-> traditional Chinese, for cross-script search and text in either script on request.

The mapping is OpenCC's (PyPI ``opencc-python-reimplemented``: phrase-aware, pure Python): ``t2s`` makes
simplified text, ``s2t`` traditional.  This module is the only one that touches it.  What is printed stays
what ALTO ``CONTENT`` and (by default) the text file carry; see ``output.script_alternatives`` and
``output.text_script``.
"""
from __future__ import annotations

from functools import lru_cache

SCRIPTS = {"simplified": "t2s", "traditional": "s2t"}


@lru_cache(maxsize=None)
def _converter(target: str):
    from opencc import OpenCC
    return OpenCC(SCRIPTS[target])


def convert(text: str, target: str) -> str:
    """``text`` in ``target`` script ("simplified" or "traditional"); "" leaves it as it is."""
    if not target or not text:
        return text
    return _converter(target).convert(text)
