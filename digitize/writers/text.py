"""Clean reading-order text: one UTF-8 file per page, one unit per paragraph, blank line between.

Text blocks come in reading order (``page.ordered_blocks()``).  Headline, subhead, byline and
caption blocks are one unit each.  Body blocks are cut into paragraphs at indented lines; a body
block whose first line has no indent continues the previous body paragraph of its article (the
paragraph runs on from the previous column).  Masthead and teaser blocks start a new unit at an
indented line or after a line that ends well short of the block's right edge.  Lines are joined
without a space next to Chinese characters, with one between Latin words; a hyphenated Latin word
at a line end is joined with its rest.  The characters are exactly the Words' text (as the
ALTO Strings), so the two outputs agree apart from whitespace.
"""
from __future__ import annotations

import os

from .. import atomic
from ..model import Block, BlockType, Line, Page
from ..textclean import join_lines

SINGLE_UNIT = {BlockType.HEADLINE, BlockType.SUBHEAD, BlockType.BYLINE, BlockType.CAPTION}
SHORT_LINE = 0.8            # a masthead/teaser line ending before this share of the width ends a unit


def _join(text: str, line: Line, after_hyphen: bool) -> str:
    t = line.text
    return text + t if after_hyphen else join_lines(text, t)


def _paragraphs(block: Block) -> list[tuple[str, bool]]:
    """The block's paragraphs: ``(text, starts_new)``; the first one may continue an earlier block."""
    lines = [ln for ln in block.lines if ln.words]
    if not lines:
        return []
    if block.type in SINGLE_UNIT:
        breaks = [False] * len(lines)
    elif block.type is BlockType.BODY:
        breaks = [ln.indent for ln in lines]
    else:
        width = max(1, block.box.width)
        breaks = [ln.indent or (i > 0 and (lines[i - 1].box.x1 - block.box.x0) < SHORT_LINE * width)
                  for i, ln in enumerate(lines)]
    paras: list[tuple[str, bool]] = []
    text, starts, hyphen = "", True, False
    for i, ln in enumerate(lines):
        if i > 0 and breaks[i]:
            paras.append((text, starts))
            text, starts, hyphen = "", True, False
        if i == 0:
            starts = block.type is not BlockType.BODY or ln.indent
        text = _join(text, ln, hyphen)
        hyphen = ln.words[-1].hyphenated
    paras.append((text, starts))
    return paras


def render_text(page: Page) -> str:
    """The page's clean text: units in reading order separated by blank lines, ending in a newline."""
    units: list[str] = []
    last_body: dict[str, int] = {}          # article id ("" when unknown) -> its last body paragraph
    for block in page.ordered_blocks():
        if not block.type.is_text:
            continue
        art = block.article or ""
        if block.type is not BlockType.BODY and not block.article:
            last_body.pop("", None)          # articles unknown: a heading ends the running paragraph
        for k, (text, starts) in enumerate(_paragraphs(block)):
            if k == 0 and not starts and art in last_body:
                i = last_body[art]
                units[i] = join_lines(units[i], text)
                continue
            units.append(text)
            if block.type is BlockType.BODY:
                last_body[art] = len(units) - 1
    return "\n\n".join(units) + "\n" if units else ""


def write_text(page: Page, path: str | os.PathLike) -> None:
    """Write :func:`render_text` to ``path`` atomically (UTF-8)."""
    atomic.write_text(path, render_text(page))
