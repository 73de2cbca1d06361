"""Chinese text cleaning: character classes, punctuation widths, spacing, tokens.

Pure functions on strings.  The recognition stage applies them to every line (so ALTO Strings
and the text file agree); the text writer uses the character classes to join lines.

Cleaning only ever maps a character to one character (punctuation widths, brackets) or changes
whitespace, so the non-space characters of a cleaned line still line up one-to-one with the
engine's characters and their boxes.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

# ASCII punctuation that print sets full width inside Chinese text.
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_OPENERS = {"(": ")", "（": "）"}
_SPACE_RE = re.compile(r"\s+")
_HAN_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff〇])[ \t\u3000]+(?=[\u3400-\u9fff\uf900-\ufaff〇])")


def is_han(ch: str) -> bool:
    """A Han ideograph (CJK unified, extensions, compatibility) or the ideographic zero 〇."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x3134F or o == 0x3007)


def is_fullwidth_punct(ch: str) -> bool:
    """CJK / full-width punctuation and symbols (，。、：；！？（）《》「」“”‘’·…— and the like)."""
    o = ord(ch)
    if 0x3000 <= o <= 0x303F and o != 0x3007:
        return True
    if 0xFF00 <= o <= 0xFFEF:
        return not ch.isalnum()
    return ch in "“”‘’·…—─―～•●○■□▲△◆◇★☆※"


def is_cjk(ch: str) -> bool:
    """Han, kana, or full-width punctuation: characters that take no spaces around them."""
    o = ord(ch)
    return is_han(ch) or is_fullwidth_punct(ch) or 0x3040 <= o <= 0x30FF


def is_latin(ch: str) -> bool:
    """A letter or digit of a Latin / number run (ASCII or full-width alphanumerics, Greek...)."""
    return ch.isalnum() and not is_cjk(ch)


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _in_code(text: str, i: int) -> bool:
    """True when the punctuation at ``i`` sits between two Latin/digit characters (``77:9``, ``a,b``)."""
    left = text[i - 1] if i > 0 else ""
    right = text[i + 1] if i + 1 < len(text) else ""
    return bool(left) and bool(right) and is_latin(left) and is_latin(right)


def fix_punctuation(text: str) -> str:
    """ASCII ``, : ; ( ) ! ?`` -> full width where a neighbour is Chinese; brackets kept in pairs.

    Codes and URLs (``CN 50-0033``, ``www.cqkjc.com``, ``77-9``, ``10:30``) are left alone.
    """
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch not in _FULL_WIDTH or _in_code(text, i):
            continue
        left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            chars[i] = _FULL_WIDTH[ch]
    # keep bracket pairs consistent: （...) -> （...）, (...）-> （...）
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）" and stack:
            j = stack.pop()
            if (chars[j] == "（") != (ch == "）"):
                chars[j], chars[i] = "（", "）"
    return "".join(chars)


def fix_brackets(text: str) -> str:
    """``〈`` / ``《`` misread for ``（``: fixed when closed by ``)``/``）`` before any ``》``/``〉``."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch not in "〈《":
            continue
        for j in range(i + 1, len(chars)):
            c = chars[j]
            if c in "》〉〈《（(":
                break
            if c in ")）":
                chars[i], chars[j] = "（", "）"
                break
    return "".join(chars)


MARKS = set("，。、；：？！,.;:·?!")          # sentence marks (not quotes or brackets)
DOT_DOUBT = 0.9                               # a "." before a Han character is dropped below this


def drop_spurious_marks(chars: Sequence[str], confidences: Sequence[float]) -> list[int]:
    """Indices of the characters to keep, without marks that specks make the engine read.

    On speckled scans an isolated dot next to real punctuation is read as a second mark
    (``，.``, ``。、``, ``，·``, ``：。``).  Two adjacent sentence marks never occur in print
    (except ``？！``), so the less confident one goes.  A doubtful ``.`` right before a Han character
    (``19.岁``) goes too, unless it ends an abbreviation (``Co.``).  Marks next to
    quotes are left alone: ``：“`` and ``，“`` are common and were often read with low confidence.
    """
    keep = list(range(len(chars)))
    changed = True
    while changed:
        changed = False
        for k in range(len(keep) - 1):
            i, j = keep[k], keep[k + 1]
            a, b = chars[i], chars[j]
            drop = None
            if a in MARKS and b in MARKS and not (a in "？！?!" and b in "？！?!"):
                drop = i if confidences[i] < confidences[j] else j
            elif (a == "." and is_han(b) and confidences[i] < DOT_DOUBT
                  and (k == 0 or not chars[keep[k - 1]].isalpha())):
                drop = i
            if drop is not None:
                keep.remove(drop)
                changed = True
                break
    return keep


def fix_dashes(text: str) -> str:
    """Dash / ``一`` confusions, judged by the neighbours.

    ``一`` (Han one) or ``—`` between Latin letters / digits is a hyphen (``in一paku`` ->
    ``in-paku``); a lone ``—`` between two Han characters is ``一`` (``统—`` -> ``统一``): the
    Chinese dash is always doubled (``——``).
    """
    if "一" not in text and "—" not in text:
        return text
    chars = list(text)
    for i in range(1, len(chars) - 1):
        a, b = chars[i - 1], chars[i + 1]
        if chars[i] in "一—" and a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
            chars[i] = "-"
        elif chars[i] == "—" and is_han(a) and is_han(b):
            chars[i] = "一"
    return "".join(chars)


def fix_spaces(text: str) -> str:
    """One space at most; none between two Chinese characters or next to full-width punctuation.

    A space between a Chinese character and a Latin / number run (``COVID-19 疫情``) is kept.
    """
    text = _SPACE_RE.sub(" ", text).strip()
    if " " not in text:
        return text
    out = []
    for i, ch in enumerate(text):
        if ch == " ":
            left, right = text[i - 1], text[i + 1]
            if (is_cjk(left) and is_cjk(right)) or is_fullwidth_punct(left) or is_fullwidth_punct(right):
                continue
        out.append(ch)
    return "".join(out)


def clean_line(text: str) -> str:
    """All character-level cleaning of one recognised line (NFC, dashes, punctuation, brackets, spaces)."""
    text = unicodedata.normalize("NFC", text)
    text = fix_punctuation(fix_brackets(fix_dashes(text)))
    return fix_spaces(text)


def tokens(text: str) -> list[tuple[str, bool]]:
    """Split a cleaned line into ALTO String tokens: ``(token, space_before)``.

    One token per Han character or full-width punctuation mark; a Latin letter / digit run
    (with its inner ``-./:%`` etc.: URLs, codes, decimals) is one token.
    """
    out: list[tuple[str, bool]] = []
    i, n, space = 0, len(text), False
    while i < n:
        ch = text[i]
        if ch.isspace():
            space = True
            i += 1
            continue
        if is_cjk(ch):
            out.append((ch, space))
            i += 1
        else:
            j = i + 1
            while j < n and not text[j].isspace() and not is_cjk(text[j]):
                j += 1
            out.append((text[i:j], space))
            i = j
        space = False
    return out


def join_lines(left: str, right: str) -> str:
    """Join two pieces of running text: no space next to Chinese, one space between Latin words."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if is_cjk(a) or is_cjk(b) or a.isspace() or b.isspace():
        return left + right
    return left + " " + right


def han_space_count(text: str) -> int:
    """Spaces that sit between two Han characters (must be zero in any output)."""
    return len(_HAN_SPACE_RE.findall(text))
