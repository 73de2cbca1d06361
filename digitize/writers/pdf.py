"""Searchable PDF writer: one page = the scan as an image + an invisible text layer per character.

Built the way Tesseract's ``pdfrenderer.cpp`` and OCRmyPDF's hOCR transform build theirs: the text
is drawn in render mode 3 (invisible) with a *glyph-less* font, a Type0 / CIDFontType2 font whose
one glyph is a plain 1 x 1 em box, so the file stays small and nothing shows over the scan.  One
text object per line, on a level baseline through the printed line's middle; each character's
horizontal scaling (``Tz``) makes its advance end exactly where the next character starts, so
each character's box lies on the printed one and text extractors (``pdftotext``, a viewer's search
and selection) see a line as one run, with no spaces between Chinese characters and a space only
where the model has one (an ALTO ``SP``).  Lines are written in the model's reading order, so
``pdftotext -raw`` reads the page in that order.

Plain ``pdftotext`` (and the Linux viewers built on poppler) ignores that order: poppler groups
lines into blocks by geometry and sorts the blocks itself.  So the layer is shaped for poppler's
block finder: each block of the model is written with one font size, just large enough for poppler
to join its lines, chosen apart from its neighbours' so poppler joins nothing across blocks (see
``_separate_sizes``); on a skewed scan a column's lines, level each, would lean over the next
column, so a block is written in short upright runs (``_runs``).  That size is poppler's measure
for grouping only: the box poppler (and PDFium) gives a character is the font's ascent to descent
times the size, so each size is written with a font whose glyph box is as tall as the printed line
(``_Fonts``; a flat glyph under a size larger than the line, a tall one under a smaller size), and
every character's box stays on the print whatever size poppler groups by.  Poppler then finds the
model's blocks and lines intact; the order it puts the blocks in is its own (Breuel's column
rules), which differs from the model's wherever an article is read across a row or a caption after
its article.  Upright text alone cannot change that order in general; a character written turned
(poppler takes rule 2's direction from each block's own rotation) can, but only with a model of
poppler's sort to place it, which this writer does not have (BENCHMARKS.md, issue 13, session 8).

Character codes are 2-byte CIDs numbered per document (1, 2, ... per distinct character), and the
``ToUnicode`` CMap maps each back to its Unicode text (characters outside the BMP included), so
copy and search return the real characters.  Vertical lines are placed character by character.

A writer: it reads the model and the page image (8-bit gray as the pipeline saw it), nothing else.
A JPEG scan whose pixels the pipeline took as they are (no EXIF turn), or a PDF page's JPEG scan
image, is embedded as it is stored, byte for byte; other scans are stored as JPEG (``JPEG_QUALITY``),
or lossless 1-bit when bilevel.
"""
from __future__ import annotations

import functools
import io
import math
import os
import zlib
from pathlib import Path
from typing import Callable, Optional, Union

import numpy as np
from PIL import Image

from .. import __version__
from ..atomic import write_bytes
from ..geometry import Box
from ..model import Glyph, Line, Page

POINTS_PER_INCH = 72.0
DEFAULT_DPI = 300.0            # a page without a known resolution (the pipeline's own default)
JPEG_QUALITY = 85              # access copy of a non-JPEG scan: visually lossless for print at 300 dpi
EM = 1000                      # glyph units per em of the glyph-less font
ASCENT, DESCENT = 880, -120    # ideographic em box: 12 % of it below the baseline (as CJK fonts set it)
Image_ = Union[np.ndarray, Callable[[], np.ndarray], None]
FONT_TIMESTAMP = 0             # the font's head.created/modified: fixed, so a page's PDF is reproducible
MAX_SHEAR_EM = 0.2             # a skewed block is written in runs of lines moved sideways by at most this (em)
SAME_BLOCK_FONT_RATIO = 1.06   # runs above/below each other differ in size by this (poppler joins lines within 5 %)
SIDE_FONT_RATIO = 1.27         # a run beside another differs by this (poppler adds side lines within 20 % of the larger)
SIDE_REACH_EM = 1.1            # poppler adds up to three lines beside a block within 1 font size of it,
INLINE_REACH_EM = 0.75         # text on the block's own lines within 0.7 font size (sizes within 60 %)
INLINE_FONT_RATIO = 2.6        # (so only a size 2.5 times apart keeps such text out)
STACK_REACH_EM = 1.6           # and the lines above and below within 1.5 font sizes that overlap it
SINGLE_LINE_EM = 0.9           # a one-line run's font size: this share of its height (no pitch to keep)
FONT_STEPS = (1.0, 1.06, 1.125, 1.19, 1.27, 1.35, 1.43, 1.52)   # font-size factors tried for a run, smallest first
MAX_PITCH_FS = 1.42            # a run's lines are this many font sizes apart at most (poppler joins up to 1.5)
MAX_VERTICAL_STEP = 1.5        # a vertical block's font size is at most this many median character steps
END_INSET = 0.15               # a line's first and last character lose this share of their width outside
MIN_ADVANCE_PT = 0.05          # a character never gets a zero or negative advance (viewers choke on Tz 0)
# The size poppler groups text by is the font size; the box it gives a character is the font's ascent
# to descent times that size.  A font whose glyph box is ``r`` em tall (ascent and descent scaled by r)
# lets the size poppler sees differ from the printed line's height: r = glyph box height / font size.
GLYPH_RATIO_STEP = 25          # r in thousandths, rounded to this (a few fonts per page; the box off by <= 1.3 %)
MAX_GLYPH_RATIO = 3.0          # poppler drops an ascent of 3 em or more (and uses its own 0.95): stay below


@functools.lru_cache(maxsize=None)
def glyphless_font(ratio: int = EM) -> bytes:
    """A TrueType font whose one glyph is a plain rectangle 1 em wide and ``ratio`` thousandths of an em
    tall, 12 % of it below the baseline (built with fontTools, a few hundred bytes).  Never seen
    (render mode 3); it needs an outline all the same: PDFium (Chromium's viewer) drops characters
    whose glyph has no box from search and selection, as Tesseract's ``pdf.ttf`` avoids the same way."""
    ascent, descent = _metrics(ratio)
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    fb = FontBuilder(EM, isTTF=True)
    fb.setupGlyphOrder([".notdef", "glyph"])
    fb.setupCharacterMap({0x20: "glyph"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, descent))
    pen.lineTo((0, ascent))
    pen.lineTo((EM, ascent))
    pen.lineTo((EM, descent))
    pen.closePath()
    fb.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "glyph": pen.glyph()})
    fb.setupHorizontalMetrics({".notdef": (EM, 0), "glyph": (EM, 0)})
    fb.setupHorizontalHeader(ascent=ascent, descent=descent)
    fb.setupNameTable({"familyName": "GlyphLessFont", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=ascent, sTypoDescender=descent, usWinAscent=ascent, usWinDescent=-descent)
    fb.setupPost()
    fb.updateHead(created=FONT_TIMESTAMP, modified=FONT_TIMESTAMP)   # same bytes on every run
    fb.font.recalcTimestamp = False
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def _metrics(ratio: int) -> tuple[int, int]:
    """(ascent, descent) in glyph units of the font whose glyph box is ``ratio`` thousandths of an em."""
    return round(ASCENT * ratio / EM), round(DESCENT * ratio / EM)


class _Fonts:
    """The horizontal fonts of a page, one per glyph box ratio (thousandths of an em): resource names
    F1 (ratio 1000, also the vertical font F2's), F3, F4, ... in first-use order."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {EM: "F1"}

    def name(self, ratio: int) -> str:
        return self.names.setdefault(ratio, f"F{len(self.names) + 2}")


def _ratio(glyph: float, fs: float) -> int:
    """Glyph box height / font size in thousandths, rounded to ``GLYPH_RATIO_STEP``, at most ``MAX_GLYPH_RATIO``."""
    r = min(glyph / fs, MAX_GLYPH_RATIO) * EM
    return max(GLYPH_RATIO_STEP, int(round(r / GLYPH_RATIO_STEP)) * GLYPH_RATIO_STEP)


def _num(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


class _Cids:
    """Character -> CID (1, 2, ...), in first-use order."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    def hex(self, ch: str) -> str:
        cid = self.codes.setdefault(ch, len(self.codes) + 1)
        return f"{cid:04X}"

    def to_unicode(self) -> bytes:
        items = sorted((cid, ch) for ch, cid in self.codes.items())
        out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
               "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
               "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
        for i in range(0, len(items), 100):          # at most 100 entries per bfchar section
            chunk = items[i:i + 100]
            out.append(f"{len(chunk)} beginbfchar")
            out += [f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for cid, ch in chunk]
            out.append("endbfchar")
        out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(out).encode("ascii")

    def cid_to_gid(self) -> bytes:
        """Every used CID -> glyph 1 (the empty glyph); CID 0 -> .notdef."""
        n = len(self.codes) + 1
        return b"\x00\x00" + b"\x00\x01" * (n - 1)


class _Frame:
    """Where the text layer is laid out.  Lines are measured in the page's working frame (after the
    90-degree turn and the deskew), where they are level; they are *placed* in the upright frame: the
    scan turned by its quarter turn only, not by the deskew, in points with y up.  There each line is
    written on a level baseline through the printed line's middle (as Tesseract's renderer writes
    lines), so on a skewed scan a line's ends sit up to sin(skew) x half its length off the print.
    A sloping baseline would follow the print exactly, but poppler's text extraction (plain
    ``pdftotext``, the readers built on it) breaks a sloping line into pieces at different heights
    and joins them with the neighbouring column's pieces; level lines keep every line whole."""

    def __init__(self, page: Page, k: float) -> None:
        self.t, self.k = page.transform, k
        (a, b, _), (d, e, _) = page.transform.matrix
        turns = int(round(math.degrees(math.atan2(d, a)) / 90.0)) % 4      # the quarter turn of original -> work
        c, s_ = ((1, 0), (0, 1), (-1, 0), (0, -1))[turns]                    # cos, sin of that turn
        self.q = ((c, -s_), (s_, c))                                          # original -> upright (linear)
        self.skew = math.atan2(d, a) - turns * math.pi / 2                     # what is left: the deskew
        r00, r01, r10, r11 = c, s_, -s_, c                                    # the turn's inverse (its transpose)
        # (A, B) points in the upright frame, y up, A = k ux, B = -k uy  ->  PDF points on the original page
        self.cm = (r00, -r10, -r01, r11, 0.0, page.height * k)

    def box(self, box: Box, polygon=None) -> Box:
        """An original-frame box (or its polygon) as an upright box in work pixels."""
        return Box.around(self.t.to_work(polygon if polygon else box.corners()))

    def upright(self, x: float, y: float) -> tuple[float, float]:
        """An original-frame point in upright-frame points (A, B)."""
        (a, b), (c, d) = self.q
        return (a * x + b * y) * self.k, -(c * x + d * y) * self.k

    def upright_box(self, box: Box) -> tuple[float, float, float, float]:
        """An original-frame box as (left, bottom, right, top) in upright-frame points."""
        pts = [self.upright(x, y) for x, y in box.corners()]
        return min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts)

    def centre(self, box: Box, polygon=None) -> tuple[float, float]:
        """Centre of an original-frame box (or polygon) in upright-frame points."""
        pts = polygon if polygon else box.corners()
        return self.upright(sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))

    def width(self, box: Box) -> float:
        """Width along the work frame's lines of an upright rectangle whose axis-aligned box in the
        original is ``box`` (a box around a turned rectangle is wider by |sin| x its height)."""
        (a, b, _), _ = self.t.matrix
        c, s_ = abs(a), abs(b)                                # |cos|, |sin| of the turn
        if c >= s_:
            w = (box.width - s_ * box.height) / max(c * c - s_ * s_, 1e-6) * c if s_ > 1e-9 else box.width
        else:                                                 # a quarter turn: the box's height runs along
            w = (box.height - c * box.width) / max(s_ * s_ - c * c, 1e-6) * s_ if c > 1e-9 else box.height
        return max(w, 0.5 * min(box.width, box.height), 1.0)


def _chars(line: Line, fr: _Frame, shift: float = 0.0) -> list[tuple[str, float, float, bool]]:
    """(character, centre A, half width, space before) in upright-frame points, in the model's order.

    A word with glyphs gives one entry per glyph; a word without (a Latin run) is spread evenly
    over its box, one entry per character.  Centres are mapped exactly; a box mapped from a skewed
    scan is wider than the character by the skew, so its half width is taken from the original box."""
    out: list[tuple[str, float, float, bool]] = []
    for w in line.words:
        glyphs: list[Glyph] = [g for g in w.glyphs if g.text] or []
        first = True
        pieces = [(g.text, g.box) for g in glyphs] if glyphs and "".join(g.text for g in glyphs) == w.text \
            else [(w.text, w.box)]
        for text, box in pieces:
            cx = fr.centre(box)[0] + shift
            width = fr.width(box) * fr.k
            step = width / max(1, len(text))
            for k, ch in enumerate(text):
                out.append((ch, cx - width / 2 + (k + 0.5) * step, step / 2, w.space_before and first))
                first = False
    return out


def _spans(chars: list[tuple[str, float, float, bool]]) -> list[tuple[float, float, bool]]:
    """(start, end, space before) of each character along the line: neighbours meet half-way between
    their centres (no gap, no overlap: extractors see one run of text); a space keeps the gap the
    model saw between two words (at least a sliver, so the space is there and in its place).  The
    line's first and last characters give up ``END_INSET`` of their width on the outer side, which
    widens the gap between close columns as poppler sees it."""
    out = []
    for i, (ch, c, hw, space) in enumerate(chars):
        if i == 0:
            start = c - hw * (1 - 2 * END_INSET)
        elif space:
            start = max(c - hw, out[-1][1])
        else:
            start = out[-1][1]
        nxt = chars[i + 1] if i + 1 < len(chars) else None
        if nxt is None or nxt[3]:
            end = c + hw * (1 - 2 * END_INSET) if nxt is None else c + hw
            if nxt is not None:
                end = min(end, max((c + nxt[1]) / 2, start))
        else:
            end = (c + nxt[1]) / 2
        out.append((start, max(end, start), space and i > 0))
    return out


class _Run:
    """Lines of one block written with one font size: the whole block, or on a skewed scan a few
    consecutive lines of it (see ``_runs``)."""

    def __init__(self, block, lines: list[Line], glyph: float, min_fs: float,
                 box: tuple[float, float, float, float], shift: dict[int, float]) -> None:
        self.block, self.lines, self.glyph, self.box, self.shift = block, lines, glyph, box, shift
        self.min_fs = self.fs = min_fs


def _runs(page: Page, fr: _Frame) -> list[_Run]:
    """The horizontal text blocks cut into runs, in reading order, each with its font size.

    Each line is level and sits where it is printed, so on a skewed scan a column's lines step
    sideways by sin(skew) x the line pitch: a tall column's box leans over its neighbour's, and
    poppler (which grows a block by every line overlapping its box) swallows the neighbour.  So a
    skewed block is cut into runs of lines that each move sideways by at most ``MAX_SHEAR_EM`` to
    stand upright over the run's middle line (``_shear``)."""
    runs: list[_Run] = []
    sin = abs(math.sin(fr.skew))
    for block in page.text_blocks():
        if block.vertical:
            continue
        lines = [ln for ln in block.lines if ln.words and not ln.vertical]
        if not lines:
            continue
        boxes = [fr.box(ln.box, ln.polygon) for ln in lines]
        height = _median([b.height for b in boxes])
        pitch = _median([d for d in (b.y1 - a.y1 for a, b in zip(boxes, boxes[1:])) if d > 0.5 * height]) or height
        n = len(lines) if sin < 1e-6 else max(1, 1 + int(2 * MAX_SHEAR_EM * height / (pitch * sin)))
        for i in range(0, len(lines), n):
            part = lines[i:i + n]
            glyph = max(pitch / MAX_PITCH_FS if len(part) > 1 else 0.0, SINGLE_LINE_EM * height) * fr.k
            # the size poppler sees: just enough to join the run's lines (its reach sideways grows with it)
            min_fs = max(pitch * fr.k / MAX_PITCH_FS if len(part) > 1 else glyph, glyph / MAX_GLYPH_RATIO)
            shift = _shear(part, boxes[i:i + n], fr)
            ext = []
            for ln in part:                        # what is written: the em box around each line's characters
                chars = _chars(ln, fr, shift[id(ln)])
                if chars:
                    spans = _spans(chars)
                    mid = fr.centre(ln.box, ln.polygon)[1]
                    ext.append((spans[0][0], mid - glyph / 2, spans[-1][1], mid + glyph / 2))
            if ext:
                box = (min(b[0] for b in ext), min(b[1] for b in ext), max(b[2] for b in ext), max(b[3] for b in ext))
                runs.append(_Run(block, part, glyph, min_fs, box, shift))
    _separate_sizes(runs)
    return runs


def _shear(lines: list[Line], boxes: list[Box], fr: _Frame) -> dict[int, float]:
    """Sideways shift (points) of each line of a run that puts its start where it would be at the
    run's middle height: on a skewed scan the lines of a column step sideways by sin(skew) x their
    pitch, and the run is written as an upright column (each line moves by at most ``MAX_SHEAR_EM``)."""
    mid = (boxes[0].y0 + boxes[-1].y1) / 2
    out = {}
    for ln, b in zip(lines, boxes):
        y = (b.y0 + b.y1) / 2
        (ax, ay), (bx, by) = fr.t.to_original([(b.x0, y), (b.x0, mid)])
        out[id(ln)] = fr.upright(bx, by)[0] - fr.upright(ax, ay)[0]
    return out


def _separate_sizes(runs: list[_Run]) -> None:
    """Choose each run's font size so that poppler (plain ``pdftotext``, and the PDF viewers built on
    it) takes every run for a block of its own.  Poppler grows a block by (1) the lines above and
    below that overlap it, within 1.5 font sizes and with sizes within 5 %; (2) text on its own lines
    within 0.7 of its font size sideways, sizes within 60 %; (3) up to three lines within 1 font size
    beside it, sizes within 20 %.  So a run is written as small as its line pitch allows (its reach
    sideways grows with its size), and a run stacked over another or close beside it gets a size
    ``SAME_BLOCK_FONT_RATIO`` or ``SIDE_FONT_RATIO`` apart from the other's; the smallest step that
    satisfies every neighbour wins (the least bad one when none does).  The runs of one block (a skewed
    block's upright pieces) share one size, chosen for the box around all of them, so poppler may join
    them into the block again; where that box would clash with a neighbour, each run gets its own."""
    groups: dict[int, list[_Run]] = {}
    for r in runs:
        groups.setdefault(id(r.block), []).append(r)
    placed: list[_Run] = []
    for group in groups.values():
        whole = _Run(group[0].block, [ln for r in group for ln in r.lines], max(r.glyph for r in group),
                     max(r.min_fs for r in group),
                     (min(r.box[0] for r in group), min(r.box[1] for r in group),
                      max(r.box[2] for r in group), max(r.box[3] for r in group)), {})
        bad = _choose_size(whole, placed)
        if bad and len(group) > 1:                # the whole leans into a neighbour: size each run apart
            for r in group:
                _choose_size(r, placed)
                placed.append(r)
            continue
        placed.append(whole)
        for r in group:
            r.fs = whole.fs


def _choose_size(r: _Run, placed: list[_Run]) -> int:
    """Set ``r.fs`` to the smallest step of its size that clashes with no placed run (the least bad
    one when every step does); returns how bad that is (0: no clash)."""
    best = None
    for f in FONT_STEPS:
        fs = r.min_fs * f
        bad = sum(_clash(r, fs, o) for o in placed)
        if best is None or bad < best[0]:
            best = (bad, fs)
        if bad == 0:
            break
    r.fs = best[1]
    return best[0]


def _clash(r: _Run, fs: float, o: _Run) -> int:
    """How badly run ``r`` written at ``fs`` and the (placed) run ``o`` would be joined by poppler:
    0 not at all; 1 by a size clash that another size avoids; 3 by reach (only a smaller size helps)."""
    x0, y0, x1, y1 = r.box
    ox0, oy0, ox1, oy1 = o.box
    big = max(fs, o.fs)
    ratio = big / min(fs, o.fs)
    gap_x = max(ox0 - x1, x0 - ox1)                     # < 0: they overlap sideways
    gap_y = max(oy0 - y1, y0 - oy1)
    if gap_x < 0 and gap_y < STACK_REACH_EM * big and ratio < SAME_BLOCK_FONT_RATIO:
        return 1
    if gap_y < 0 and gap_x >= 0:
        if gap_x < INLINE_REACH_EM * big and ratio < INLINE_FONT_RATIO:
            return 3
        if gap_x < SIDE_REACH_EM * big and ratio < SIDE_FONT_RATIO:
            return 1
    return 0


def _median(values: list[float]) -> float:
    v = sorted(values)
    return v[len(v) // 2] if v else 0.0


def text_layer(page: Page, cids: _Cids, dpi: float, fonts: Optional[_Fonts] = None) -> str:
    """The content-stream operators of the invisible text, in reading order (``fonts`` collects the
    horizontal fonts used)."""
    fonts = fonts if fonts is not None else _Fonts()
    k = POINTS_PER_INCH / dpi
    fr = _Frame(page, k)
    ops: list[str] = ["q " + " ".join(_num6(v) for v in fr.cm) + " cm"]
    runs = {id(ln): r for r in _runs(page, fr) for ln in r.lines}
    vertical = _vertical_sizes(page, fr)
    for block in page.text_blocks():
        for line in block.lines:
            run = runs.get(id(line))
            chars = _chars(line, fr, run.shift[id(line)] if run else 0.0)
            if not chars:
                continue
            if line.vertical or block.vertical:
                ops.append(_vertical_line(line, cids, fr, vertical[id(line)]))
                continue
            fs = run.fs
            ratio = _ratio(run.glyph, fs)
            glyph = fs * ratio / EM
            centre = fr.centre(line.box, line.polygon)[1]
            base = centre - glyph / 2 + (-DESCENT / EM) * glyph    # the glyph box centred on the line
            spans = _spans(chars)
            parts = ["BT", "3 Tr", f"/{fonts.name(ratio)} {_num(fs)} Tf", f"1 0 0 1 {_num(spans[0][0])} {_num(base)} Tm"]
            pos = spans[0][0]
            for (ch, *_), (start, end, space) in zip(chars, spans):
                if space:
                    gap = max(start - pos, MIN_ADVANCE_PT)
                    parts.append(f"{_num(100 * gap / fs)} Tz <{cids.hex(' ')}> Tj")
                    pos = max(start, pos + MIN_ADVANCE_PT)
                adv = max(end - pos, MIN_ADVANCE_PT)
                parts.append(f"{_num(100 * adv / fs)} Tz <{cids.hex(ch)}> Tj")
                pos += adv
            parts.append("ET")
            ops.append("\n".join(parts))
    ops.append("Q")
    return "\n".join(ops)


def _num6(v: float) -> str:
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _vertical_chars(line: Line, fr: _Frame) -> list[tuple[str, float, bool]]:
    """(character, top, space before) of a vertical line in upright-frame points, top to bottom: a
    glyph's box where the word has glyphs, else the word's box split evenly."""
    out: list[tuple[str, float, bool]] = []
    for w in line.words:
        glyphs = [g for g in w.glyphs if g.text]
        pieces = [(g.text, g.box) for g in glyphs] if glyphs and "".join(g.text for g in glyphs) == w.text \
            else [(w.text, w.box)]
        first = True
        for text, box in pieces:
            _, y0, _, y1 = fr.upright_box(box)
            step = (y1 - y0) / max(1, len(text))
            for i, ch in enumerate(text):
                out.append((ch, y1 - i * step, w.space_before and first))
                first = False
    return out


def _vertical_sizes(page: Page, fr: _Frame) -> dict[int, float]:
    """Font size (points) of each vertical block's lines: one per block, as large as the widest step
    between two characters of a line (a wider step would show poppler a gap, i.e. a space) and so
    that neighbouring lines (columns) are at most ``MAX_PITCH_FS`` sizes apart: poppler then reads
    the block as one, its columns right to left.  At most ``MAX_VERTICAL_STEP`` median steps."""
    out: dict[int, float] = {}
    for block in page.text_blocks():
        lines = [ln for ln in block.lines if ln.words and (ln.vertical or block.vertical)]
        if not lines:
            continue
        boxes = sorted((fr.box(ln.box, ln.polygon) for ln in lines), key=lambda b: b.x0)
        width = _median([b.width for b in boxes])
        pitch = _median([d for d in (b.x1 - a.x1 for a, b in zip(boxes, boxes[1:])) if d > 0.5 * width])
        steps = [a[1] - b[1] for ln in lines for a, b in zip(*(lambda c: (c, c[1:]))(_vertical_chars(ln, fr)))
                 if not b[2]]
        typical = _median(steps) or width * fr.k
        fs = max(min(max(steps, default=typical), MAX_VERTICAL_STEP * typical), typical, pitch * fr.k / MAX_PITCH_FS)
        for ln in lines:
            out[id(ln)] = fs
    return out


def _vertical_line(line: Line, cids: _Cids, fr: _Frame, fs: float) -> str:
    """A top-to-bottom line in vertical writing mode (font ``/F2``, ``Identity-V``: each glyph hangs
    below the pen and moves it down), each character placed at the top of its own box.  Poppler
    takes the line for one word read downwards and a block's lines for columns read right to left;
    PDFium reads the characters in the order written."""
    x0, _, x1, _ = fr.upright_box(line.box)
    cx = (x0 + x1) / 2
    parts = ["BT", "3 Tr", f"/F2 {_num(fs)} Tf"]
    for ch, top, space in _vertical_chars(line, fr):
        if space:
            parts += [f"1 0 0 1 {_num(cx)} {_num(top + fs)} Tm", f"<{cids.hex(' ')}> Tj"]
        parts += [f"1 0 0 1 {_num(cx)} {_num(top)} Tm", f"<{cids.hex(ch)}> Tj"]
    parts.append("ET")
    return "\n".join(parts)


def _load_step(page: Page) -> dict:
    return next((s.settings for s in page.steps if s.name == "load"), {})


def _image_xobject(page: Page, image: Image_) -> tuple[bytes, bytes]:
    """(XObject dictionary entries, stream data) of the page image."""
    load = _load_step(page)
    jpeg = None
    try:
        if load.get("format") == "JPEG" and load.get("exif_orientation", 1) in (1, None) and page.source.is_file():
            jpeg = page.source.read_bytes()
        elif load.get("format") == "PDF" and load.get("image") == "embedded image" and load.get("filters") == "DCTDecode":
            from ..pdfinput import embedded_jpeg
            jpeg = embedded_jpeg(page.source, page.frame)
    except Exception:                      # the source moved or changed: the decoded page image will do
        jpeg = None
    if jpeg is not None:
        try:
            with Image.open(io.BytesIO(jpeg)) as im:
                mode, size = im.mode, im.size
            if mode in ("L", "RGB") and size == (page.width, page.height):
                space = "/DeviceGray" if mode == "L" else "/DeviceRGB"
                return (f"/Width {size[0]} /Height {size[1]} /ColorSpace {space} /BitsPerComponent 8 "
                        f"/Filter /DCTDecode".encode(), jpeg)
        except OSError:
            pass
    if callable(image):
        image = image()
    if image is None:
        raise ValueError("the page image is needed for the PDF")
    h, w = image.shape[:2]
    if image.ndim == 2 and np.isin(image, (0, 255)).all():
        bits = np.packbits(image > 127, axis=1)                      # 1 = white with /Decode default
        return (f"/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 "
                f"/Filter /FlateDecode".encode(), zlib.compress(bits.tobytes(), 6))
    buf = io.BytesIO()
    mode = "L" if image.ndim == 2 else "RGB"
    Image.fromarray(image, mode).save(buf, "JPEG", quality=JPEG_QUALITY, optimize=True)
    space = "/DeviceGray" if mode == "L" else "/DeviceRGB"
    return (f"/Width {w} /Height {h} /ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode".encode(),
            buf.getvalue())


def to_pdf(page: Page, image: Image_) -> bytes:
    """The searchable PDF of one page (see the module doc).  ``image``: the page's 8-bit gray array, or
    a function returning it (called only when the scan is not embedded as its own JPEG file)."""
    dpi = page.dpi or DEFAULT_DPI
    k = POINTS_PER_INCH / dpi
    pw, ph = page.width * k, page.height * k
    cids = _Cids()
    fonts = _Fonts()
    text = text_layer(page, cids, dpi, fonts)
    content = f"q {_num(pw)} 0 0 {_num(ph)} 0 0 cm /Im1 Do Q\n{text}\n".encode("ascii")
    img_dict, img_data = _image_xobject(page, image)
    font = glyphless_font()
    cmap = cids.to_unicode()
    c2g = zlib.compress(cids.cid_to_gid(), 9)
    title = _pdf_string(page.stem)
    extra = [(name, ratio) for ratio, name in fonts.names.items() if ratio != EM]    # objects 13, 17, ...
    extra_refs = "".join(f" /{name} {13 + 4 * i} 0 R" for i, (name, _) in enumerate(extra))

    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_num(pw)} {_num(ph)}] /Contents 4 0 R "
         f"/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R /F2 12 0 R{extra_refs} >> >> >>").encode(),
        _stream(b"/Filter /FlateDecode", zlib.compress(content, 6)),
        _stream(b"/Type /XObject /Subtype /Image " + img_dict, img_data),
        *_font_objects("", 7, ASCENT, DESCENT, font),
        _stream(b"", cmap),
        _stream(b"/Filter /FlateDecode", c2g),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-V "
        b"/DescendantFonts [7 0 R] /ToUnicode 10 0 R >>",
    ]
    for i, (_, ratio) in enumerate(extra):
        n = 13 + 4 * i
        ascent, descent = _metrics(ratio)
        objs += _font_objects(str(ratio), n + 1, ascent, descent, glyphless_font(ratio))
    objs.append(f"<< /Producer (digitize {__version__}) /Title {title} >>".encode())
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {len(objs)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _font_objects(suffix: str, cid: int, ascent: int, descent: int, data: bytes) -> list[bytes]:
    """The four objects of one glyphless font, numbered ``cid - 1`` to ``cid + 2``: the Type0 font (horizontal,
    Identity-H), its CIDFontType2 descendant, its descriptor (``ascent``/``descent`` in font units) and the
    embedded font file ``data``.  Object 10 is the shared ToUnicode CMap, 11 the CIDToGIDMap."""
    name = f"GlyphLessFont{suffix}"
    return [
        (f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
         f"/DescendantFonts [{cid} 0 R] /ToUnicode 10 0 R >>").encode(),
        (f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
         f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
         f"/FontDescriptor {cid + 1} 0 R /DW {EM} /CIDToGIDMap 11 0 R >>").encode(),
        (f"<< /Type /FontDescriptor /FontName /{name} /Flags 5 /FontBBox [0 {descent} {EM} {ascent}] "
         f"/ItalicAngle 0 /Ascent {ascent} /Descent {descent} /CapHeight {ascent} /StemV 80 "
         f"/FontFile2 {cid + 2} 0 R >>").encode(),
        _stream(f"/Length1 {len(data)}".encode(), data),
    ]


def _stream(entries: bytes, data: bytes) -> bytes:
    head = b"<< " + (entries + b" " if entries else b"") + f"/Length {len(data)} >>".encode()
    return head + b"\nstream\n" + data + b"\nendstream"


def _pdf_string(text: str) -> str:
    """A PDF text string (UTF-16BE with BOM, hex) for the document info."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def write_pdf(page: Page, path: str | os.PathLike, image: Image_) -> Path:
    """Write the page's searchable PDF to ``path`` atomically; returns the path."""
    path = Path(path)
    write_bytes(path, to_pdf(page, image))
    return path


def join_pdfs(pages: list[Path], path: str | os.PathLike) -> Path:
    """The page PDFs, in this order, joined into one PDF at ``path`` (written atomically) with PDFium;
    text layers and images are carried over as they are."""
    import pypdfium2 as pdfium
    path = Path(path)
    doc = pdfium.PdfDocument.new()
    try:
        for p in pages:
            src = pdfium.PdfDocument(str(p))
            try:
                doc.import_pages(src)
            finally:
                src.close()
        buf = io.BytesIO()
        doc.save(buf)
    finally:
        doc.close()
    write_bytes(path, buf.getvalue())
    return path
