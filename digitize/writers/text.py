"""Clean reading-order text: one UTF-8 file per page, one unit per paragraph, blank line between.

Text blocks come in reading order (``page.ordered_blocks()``).  Headline, subhead, byline and
caption blocks are one unit each; so is each row of a table (listing) block, its fields one space
apart (``08:00 新闻联播``).  Body blocks are cut into paragraphs at indented lines; a body block
whose first line has no indent continues the previous body paragraph of its article (the
paragraph runs on from the previous column).  Masthead blocks are a list: each line, and each item of
a row (wide gap), is a unit.  Teaser blocks start a new unit at an indented line, after a line
that ends well short of the block's right edge, and at a wide gap.  Lines are joined
without a space next to Chinese characters, with one between Latin words; a hyphenated Latin word
at a line end is joined with its rest.  The characters are exactly the Words' text (as the
ALTO Strings), so the two outputs agree apart from whitespace.

The text is NFKC-normalised by default, like the reference document (ASCII ``, ( ) : ;`` beside
``。、“”《》``, ASCII digits); ``nfkc=False`` (setting ``output.text_nfkc``) keeps the printed
full-width forms.  ALTO ``CONTENT`` always keeps them as printed.  A space between Chinese
characters appears only where the recognition stage measured a field gap in the print.  A caption
line set well right of the caption's left edge (a right-aligned ``XXX 摄`` photo credit) is a unit
of its own.
"""
from __future__ import annotations

import os
import unicodedata

from .. import atomic
from ..geometry import Box, Transform
from ..script import convert
from ..model import Block, BlockType, Line, Page
from ..textclean import join_lines

SINGLE_UNIT = {BlockType.HEADLINE, BlockType.SUBHEAD, BlockType.BYLINE, BlockType.CAPTION}
SHORT_LINE = 0.8            # a masthead/teaser line ending before this share of the width ends a unit
WIDE_GAP = 1.5             # a gap of this many line heights between words on a masthead row ends a unit
CREDIT_OFFSET = 2.0        # a caption line starting this many line heights right of the caption's left
                           # edge is set apart (right-aligned photo credit): it is a unit of its own


def _join(text: str, line_text: str, after_hyphen: bool) -> str:
    return text + line_text if after_hyphen else join_lines(text, line_text)


def _pieces(line: Line, transform: Transform) -> list[tuple[str, Box]]:
    """A masthead / teaser line cut where its words leave a wide gap or drop to a new row.

    Mastheads set separate items on one row (``弘扬科学精神    普及科学知识``); a line that the
    recognition stage read as two bands holds two rows.  Boxes are in the working frame.
    """
    pieces: list[tuple[list, Box]] = []
    height = max(1, transform.box_to_work(line.box).height)
    for w in line.words:
        wb = transform.box_to_work(w.box)
        if pieces:
            words, pb = pieces[-1]
            if wb.x0 - pb.x1 <= WIDE_GAP * height and wb.y0 < pb.y1 and wb.x0 >= pb.x0:
                words.append(w)
                pieces[-1] = (words, pb.union(wb))
                continue
        pieces.append(([w], wb))
    out = []
    for words, box in pieces:
        text = "".join((" " if w.space_before and i else "") + w.text for i, w in enumerate(words))
        out.append((text, box))
    return out


def _paragraphs(block: Block, transform: Transform) -> list[tuple[str, bool]]:
    """The block's paragraphs: ``(text, starts_new)``; the first one may continue an earlier block."""
    lines = [ln for ln in block.lines if ln.words]
    if not lines:
        return []
    if block.type is BlockType.TABLE:       # a listing: each row is a unit, its fields one space apart
        return [(ln.text, True) for ln in lines]
    if block.type in SINGLE_UNIT or block.type is BlockType.BODY:
        breaks = [block.type is BlockType.BODY and ln.indent for ln in lines]
        if block.type is BlockType.CAPTION:
            left = transform.box_to_work(block.box).x0
            for i, ln in enumerate(lines[1:], 1):
                lb = transform.box_to_work(ln.box)
                breaks[i] = lb.x0 - left >= CREDIT_OFFSET * max(1, lb.height)
        paras: list[tuple[str, bool]] = []
        text, starts, hyphen = "", block.type is not BlockType.BODY or lines[0].indent, False
        for i, ln in enumerate(lines):
            if i > 0 and breaks[i]:
                paras.append((text, starts))
                text, starts, hyphen = "", True, False
            text = _join(text, ln.text, hyphen)
            hyphen = ln.words[-1].hyphenated
        paras.append((text, starts))
        return paras
    # masthead: every line and every item of a row is a unit; teaser: a full line runs on
    bb = transform.box_to_work(block.box)
    units: list[str] = []
    run_on = False
    for ln in lines:
        pieces = _pieces(ln, transform)
        for k, (text, box) in enumerate(pieces):
            if k == 0 and run_on and not ln.indent and units and block.type is not BlockType.MASTHEAD:
                units[-1] = join_lines(units[-1], text)
            else:
                units.append(text)
            run_on = box.x1 - bb.x0 >= SHORT_LINE * max(1, bb.width)
    return [(u, True) for u in units]


def render_text(page: Page, nfkc: bool = True) -> str:
    """The page's clean text: units in reading order separated by blank lines, ending in a newline.

    ``nfkc``: NFKC-normalise it (the default); False keeps full-width punctuation as printed."""
    units: list[str] = []
    last_body: dict[str, int] = {}          # article id ("" when unknown) -> its last body paragraph
    for block in page.ordered_blocks():
        if not block.type.is_text:
            continue
        art = block.article or ""
        if block.type is not BlockType.BODY and not block.article:
            last_body.pop("", None)          # articles unknown: a heading ends the running paragraph
        for k, (text, starts) in enumerate(_paragraphs(block, page.transform)):
            if k == 0 and not starts and art in last_body:
                i = last_body[art]
                units[i] = join_lines(units[i], text)
                continue
            units.append(text)
            if block.type is BlockType.BODY:
                last_body[art] = len(units) - 1
    text = "\n\n".join(units) + "\n" if units else ""
    return unicodedata.normalize("NFKC", text) if nfkc else text


def write_text(page: Page, path: str | os.PathLike, nfkc: bool = True, script: str = "") -> None:
    """Write :func:`render_text` to ``path`` atomically (UTF-8)."""
    atomic.write_text(path, convert(render_text(page, nfkc), script))
