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


# The recogniser (PP-OCR, trained mostly on simplified text) reads some traditional characters of a
# traditional page as their simplified forms (內 -> 内, 稅 -> 税, 統 -> 统, 說 -> 说: vertical dev, seeds 4
# and 5, session 7's runs, 190 such characters in 80,202).  On a page whose text is traditional (at least
# TRADITIONAL_MIN_CHARS characters that only traditional text uses, and characters that only simplified
# text uses under SIMPLIFIED_SHARE of them), a simplified character with exactly one traditional form is
# written in that form, as Taiwan's standard sets it (OpenCC's TWVariants: 峰 and 秘, not 峯 and 祕, whose
# simplified forms they are): it is what was printed.  Characters with several forms (后 -> 後 or 后, 干 -> 幹
# 乾 干) stay as read.
TRADITIONAL_MIN_CHARS = 20
SIMPLIFIED_SHARE = 0.1


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, list[str]]:
    """One of OpenCC's character tables (``STCharacters``: simplified -> traditional forms; ``TSCharacters``)."""
    from pathlib import Path

    import opencc
    out: dict[str, list[str]] = {}
    path = Path(opencc.__file__).parent / "dictionary" / f"{name}.txt"
    for row in path.read_text(encoding="utf-8").splitlines():
        key, _, forms = row.partition("\t")
        if key and forms:
            out[key] = forms.split()
    return out


def traditional_forms(chars: list[str]) -> dict[str, str]:
    """For the characters read on one page: simplified character -> its one traditional form, when the page
    is traditional (see ``TRADITIONAL_MIN_CHARS``); else nothing."""
    st, ts = _table("STCharacters"), _table("TSCharacters")
    simplified = [c for c in chars if c in st and c not in st[c]]        # never a traditional form
    traditional = [c for c in chars if c in ts and c not in ts[c]]        # never a simplified form
    if len(traditional) < TRADITIONAL_MIN_CHARS or len(simplified) > SIMPLIFIED_SHARE * len(traditional):
        return {}
    tw = _table("TWVariants")
    forms = {c: tw.get(st[c][0], st[c])[0] for c in set(simplified) if len(st[c]) == 1}
    forms.update(variant_forms(set(traditional)))
    return {c: t for c, t in forms.items() if t != c}


def variant_forms(chars: set[str]) -> dict[str, str]:
    """Traditional variants the recogniser reads for the form Taiwan's standard sets (産 for 產, 爲 for 為,
    衆 for 眾, 説 for 說: a Japanese or an older form; seen vertical pages, session 29: 產 read 産 176 times,
    為 爲 33, 眾 衆 24, 說 説 12 in 193,912 characters): each of ``chars`` whose one simplified form has one
    traditional form, written as Taiwan's standard sets that (``TWVariants``, as :func:`traditional_forms`),
    when that is another character.  A character of several simplified or traditional forms stays as read."""
    st, ts, tw = _table("STCharacters"), _table("TSCharacters"), _table("TWVariants")
    out = {}
    for c in chars:
        simple = ts.get(c, [])
        if len(simple) != 1 or len(st.get(simple[0], [])) != 1:
            continue
        form = st[simple[0]][0]
        form = tw.get(form, [form])[0]
        if form != c:
            out[c] = form
    return out


# Vertical print sets quotation marks as corner brackets turned (﹁﹂﹃﹄), which the recogniser reads as 「」『』.
# On a traditional page they are those brackets; mainland print (GB/T 15834: 竖排文稿中的引号用﹃﹄﹁﹂) sets its
# double and single quotes “” ‘’ so: on a simplified page (at least TRADITIONAL_MIN_CHARS characters only
# simplified text uses, those only traditional text uses under SIMPLIFIED_SHARE of them) the brackets read in
# a vertical line are its quotes (browser 22 bz_003, a vertical article on a simplified page: “双规” read
# 『双规』).
VERTICAL_QUOTES = {"『": "“", "』": "”", "「": "‘", "」": "’"}


def is_simplified(chars: list[str]) -> bool:
    """Is the text of these characters simplified (see ``VERTICAL_QUOTES``)?"""
    st, ts = _table("STCharacters"), _table("TSCharacters")
    simplified = sum(1 for c in chars if c in st and c not in st[c])
    traditional = sum(1 for c in chars if c in ts and c not in ts[c])
    return simplified >= TRADITIONAL_MIN_CHARS and traditional <= SIMPLIFIED_SHARE * simplified
