"""Recognition stage: OCR every text line, build Words and Glyphs in the original scan's frame.

For each line of each text block, the working-frame rectangle (``page.transform.to_work`` of
``line.polygon``) is cropped from ``scan.work`` with a small padding and sent to the engine in
batches.  The engine's character boxes (crop pixels) are tightened to the ink
(:mod:`digitize.lineink`), shifted into the working frame and mapped back to the original scan.
All character-changing cleaning (:func:`digitize.textclean.clean_line`, and the judgement of
marks the engine read from specks) happens here, so ALTO Strings and the text file agree.
"""
from __future__ import annotations

import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Optional, Sequence

import numpy as np

from . import cores
from .config import RecognitionSettings
from .engines.base import CharResult, Engine, LineResult
from .geometry import Box
from .lineink import (Components, field_gaps, full_mark, gap_piece, gap_specks, han_em, ink_mask, line_em,
                      low_mark, low_mark_shape, spread_chars, split_bands, tighten, trailing_ink, without_specks)
from .lineink import TRAIL_GAP, TRAIL_MAX
from .model import Block, BlockType, Glyph, Line, Page, ProcessingStep, Scan, Word
from .script import VERTICAL_QUOTES, is_simplified, traditional_forms
from .textclean import MARKS, clean_line, drop_spurious_marks, is_cjk, is_han, tokens

PAD_FRACTION = 0.15        # crop padding, as a share of the line height (width for vertical lines)
TAIL_MARKS = set("。，、；！？”’）》…")   # end marks credible beyond the layout's line end ...
TAIL_MARK_CONFIDENCE = 0.8               # ... when read this confidently
TAIL_CHAR_CONFIDENCE = 0.9               # a clipped character (Han, letter, digit) likewise
# A vertical column's end marks: the same, and the closing quotes of vertical print (「」『』, set turned).
# A paragraph's last column stops short of its block's end, so the layout's extension of full lines to the
# block's measure does not reach its end mark, and a thin 。 (a ring of 2 px strokes at 300 dpi) is gone at
# layout resolution: 20 of vertical dev vt_000's 45 。 were lost so (line box 1055-1508, the ring at 1519-1529).
VERTICAL_TAIL_MARKS = TAIL_MARKS | set("」』")
MARK_CELL = 1.5            # Han characters around a real mark stand this many advances apart or more
SPACE_GAP_EM = 0.35        # an ink gap this wide (in em) between Latin characters is a space
NOISE_CONFIDENCE = 0.5     # a line read with a lower mean confidence is noise (texture, specks, rules)
SHORT_LINE_CONFIDENCE = 0.7   # ... and so is a line of 1-2 characters below this
SYMBOL_LINE_CONFIDENCE = 0.85  # ... or a line of symbols only (no letter, digit or Han) below this
EDGE_MARKS = ".·"          # marks that specks at a line's ends are read as
MARK_ROOM_EM = 0.2         # a printed mark at a line's end stands this far (em) from the Han character
                           # beside it (its own cell); a speck read as a mark sits on or against it
MEASURE_EM = 0.3           # a line of running text whose last Han character ends within this (em) of its
                           # neighbours' ends fills the column's measure: print sets no mark beyond it (line
                           # breaking pulls a mark that does not fit onto the next line, with the character
                           # before it), so a . or · read there is a speck (seen synth and browser pages: specks
                           # 0.03-0.26 em short of the longest neighbour, one 0.42; printed marks ending a line
                           # 1.10-1.20 em short; the narrowest printed middle dot takes a cell of 0.36 em)
MEASURE_LINES = 2          # the neighbours: this many lines above and below in the block
MIDDLE_DOT_OFF = 0.2       # a printed middle dot's ink is centred within this (em) of the line's middle;
                           # ink lower down is a comma read as ·, ink elsewhere a speck
FULL_STOP_EM = 0.3         # a "." after a Han character is a misread 。 (a ring this wide, in em) or a
                           # speck: ink smaller than this both ways is a speck


def crop_box(page: Page, line: Line, vertical: bool, work_size: tuple[int, int],
             work: Optional[np.ndarray] = None) -> Optional[Box]:
    """The padded working-frame rectangle to crop for ``line`` (None when it is empty).

    With the working image given, a horizontal line is first widened over ink that the layout
    left just beyond its right end (:func:`trailing_ink`).
    """
    poly = line.polygon or line.box.corners()
    w, h = work_size
    box = Box.around(page.transform.to_work(poly)).clip(w, h)
    if box.width < 2 or box.height < 2:
        return None
    if work is not None and not vertical:
        box = Box(box.x0, box.y0, box.x1 + trailing_ink(work, box), box.y1)
    elif work is not None:
        box = Box(box.x0, box.y0, box.x1, box.y1 + trailing_ink_below(work, box))
    pad = max(2, int(round(PAD_FRACTION * (box.width if vertical else box.height))))
    return Box(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad).clip(w, h)


def trailing_ink_below(work: np.ndarray, box: Box) -> int:
    """How far (px) ink continues below a vertical line's box: :func:`trailing_ink` on the column turned so
    that its end (the bottom) is a horizontal line's right end (the column's width is the line height)."""
    reach = box.y1 + int((TRAIL_MAX + TRAIL_GAP) * box.width) + 2
    turned = np.ascontiguousarray(work[box.y0:reach, box.x0:box.x1].T)
    return trailing_ink(turned, Box(0, 0, box.height, box.width))


def own_span(page: Page, line: Line, crop: Box, vertical: bool, work_size: tuple[int, int]) -> tuple[int, int]:
    """The rows (columns for a vertical line) of the crop ``crop`` that the layout's line box covers."""
    own = Box.around(page.transform.to_work(line.polygon or line.box.corners())).clip(*work_size)
    return (own.x0 - crop.x0, own.x1 - crop.x0) if vertical else (own.y0 - crop.y0, own.y1 - crop.y0)


def within_line(chars: list[CharResult], span: tuple[int, int], vertical: bool) -> list[CharResult]:
    """Character boxes of a body line cut to its layout box across the reading direction: the crop's padding holds
    the ascenders and descenders of the lines above and below (Fraktur, tight leading), which an engine's
    box or the ink under it takes in; the line's own ink lies inside its layout box.  Before, the ALTO
    TextLines of a Fraktur page grew 10 px (median 58 -> 68 px at a line pitch of 45) over the lines beside."""
    lo, hi = span
    out = []
    for c in chars:
        x0, y0, x1, y1 = c.box
        if vertical:
            a, b = max(x0, lo), min(x1, hi)
            box = (a, y0, b, y1) if b > a else c.box
        else:
            a, b = max(y0, lo), min(y1, hi)
            box = (x0, a, x1, b) if b > a else c.box
        out.append(CharResult(c.text, box, c.confidence))
    return out


def accept_tail(chars: list[CharResult], spaces: list[bool], limit: int,
                vertical: bool = False) -> tuple[list[CharResult], list[bool]]:
    """Of the characters read beyond the layout's line end (x > ``limit``; y for a vertical line), keep the
    credible ones.

    The widened crop should add a clipped end mark or character; what specks there produce
    (``.``, ``·``, ``：``, a doubtful ``。``) goes.
    """
    keep = []
    a, marks = (1, VERTICAL_TAIL_MARKS) if vertical else (0, TAIL_MARKS)
    for i, c in enumerate(chars):
        if (c.box[a] + c.box[a + 2]) / 2 <= limit:
            keep.append(i)
        elif c.text in marks and c.confidence >= TAIL_MARK_CONFIDENCE:
            keep.append(i)
        elif c.text.isalnum() and c.confidence >= TAIL_CHAR_CONFIDENCE:
            keep.append(i)
    return [chars[i] for i in keep], [spaces[i] for i in keep]


def _explode(chars: Sequence[CharResult]) -> list[CharResult]:
    """One CharResult per (NFC) character: multi-character results share their box in equal parts."""
    out = []
    for c in chars:
        text = unicodedata.normalize("NFC", c.text).strip()
        if len(text) <= 1:
            if text:
                out.append(CharResult(text, c.box, c.confidence))
            continue
        x0, y0, x1, y1 = c.box
        step = (x1 - x0) / len(text)
        for i, ch in enumerate(text):
            a = int(round(x0 + i * step))
            out.append(CharResult(ch, (a, y0, max(a + 1, int(round(x0 + (i + 1) * step))), y1), c.confidence))
    return out


def line_chars(result: LineResult, ink: np.ndarray, vertical: bool, positions: bool = False,
               parts: Optional[Components] = None,
               dropped: Optional[list[float]] = None) -> tuple[list[CharResult], list[bool]]:
    """The engine's characters with ink-tight boxes, and per character whether a space precedes it.

    ``positions``: the engine places characters reliably (PP-OCR's CTC columns; tesseract's LSTM
    symbol boxes are not), so marks can be judged by their room (:func:`marks_between_han`).
    ``parts``: the connected components of ``ink``, when already found.  ``dropped``, when given,
    receives the x centres of the marks :func:`drop_spurious_marks` dropped as specks (for
    :func:`digitize.lineink.field_gaps`; not the middle dots :func:`middle_dots` drops: there the ink was
    as often a printed ``、`` or ``，`` read as ``·``)
    """
    text = unicodedata.normalize("NFC", result.text)
    chars = _explode(result.chars)
    if len(chars) != sum(1 for c in text if not c.isspace()):
        chars = spread_chars(text, ink, vertical, result.confidence)
    em = line_em(ink, vertical)
    solid = without_specks(ink, em, parts=parts)
    chars = [CharResult(c.text, tighten(c.box, ink, solid), c.confidence) for c in chars]
    spaces, k, pending = [False] * len(chars), 0, False
    for ch in text:
        if ch.isspace():
            pending = True
            continue
        if k < len(chars):
            spaces[k] = pending
        pending = False
        k += 1
    keep = drop_spurious_marks([c.text for c in chars], [c.confidence for c in chars])
    if dropped is not None and len(keep) < len(chars):
        dropped.extend((c.box[0] + c.box[2]) / 2 for i, c in enumerate(chars) if i not in set(keep))
    if len(keep) < len(chars):
        spaces = [spaces[i] for i in keep]
        chars = [chars[i] for i in keep]
    if positions and not vertical:
        chars, spaces = marks_between_han(chars, spaces)
    if not vertical:
        chars, spaces = edge_specks(chars, spaces, han_em(chars, ink))
        chars, spaces = middle_dots(chars, spaces, ink, parts)
        specks = set(gap_specks(chars, ink, parts))   # a speck in a field gap read as a mark
        if specks:
            keep = [i for i in range(len(chars)) if i not in specks]
            chars, spaces = [chars[i] for i in keep], [spaces[i] for i in keep]
    if not vertical and chars:
        for i in range(1, len(chars)):
            a, b = chars[i - 1], chars[i]
            if not is_cjk(a.text) and not is_cjk(b.text) and b.box[0] - a.box[2] > SPACE_GAP_EM * em:
                spaces[i] = True
    return chars, spaces


def marks_between_han(chars: list[CharResult], spaces: list[bool]) -> tuple[list[CharResult], list[bool]]:
    """Judge a sentence mark read between two Han characters by the room it has.

    Chinese print gives every mark a character cell of its own.  When the two Han characters
    around a mark stand one advance apart (centre distance under ``MARK_CELL`` times the line's
    median advance between Han neighbours), the mark is a speck read as ``.``, ``,``, ``：``: it
    goes.  ``·`` is left alone: fonts often set it narrow (``12版·总第``).  An ASCII ``.`` with a
    cell of its own is a full-width mark the engine read too thin; it becomes ``，``, the commonest.
    """
    def centre(c: CharResult) -> float:
        return (c.box[0] + c.box[2]) / 2

    steps = [centre(b) - centre(a) for a, b in zip(chars, chars[1:]) if is_han(a.text) and is_han(b.text)]
    if len(steps) < 3:
        return chars, spaces
    advance = float(np.median(steps))
    out_c: list[CharResult] = []
    out_s: list[bool] = []
    for i, c in enumerate(chars):
        if (c.text in MARKS and c.text != "·" and 0 < i < len(chars) - 1 and is_han(chars[i - 1].text)
                and is_han(chars[i + 1].text)):
            if centre(chars[i + 1]) - centre(chars[i - 1]) < MARK_CELL * advance:
                continue
            if c.text == ".":
                c = CharResult("，", c.box, c.confidence)
        out_c.append(c)
        out_s.append(spaces[i])
    return out_c, out_s


def edge_specks(chars: list[CharResult], spaces: list[bool], em: float) -> tuple[list[CharResult], list[bool]]:
    """Drop a ``.`` / ``·`` that a speck made at a line's start or end, next to a Han character.

    Chinese print never starts a line with these marks (line breaking keeps a mark with the character
    before it), so one before a Han character at a line's start is a speck, wherever it sits.  A mark at
    a line's end has a cell of its own: its ink stands at least ``MARK_ROOM_EM`` from the character beside
    it.  A speck read as a mark touches or overlaps that character's ink (its box reaches into the
    character's).  Chinese text has no ASCII ``.`` after a Han character: one whose ink is smaller than a
    full stop ``。`` (``FULL_STOP_EM``) is a speck too.  (A mark at a line's end beyond the column's measure:
    :func:`beyond_measure`.)  Middle dots inside a line (``12版·总第``, ``约翰·斯``) are left to
    :func:`marks_between_han`.
    """
    if len(chars) < 2:
        return chars, spaces

    def speck(mark: CharResult, gap: int) -> bool:
        small = mark.box[2] - mark.box[0] < FULL_STOP_EM * em and mark.box[3] - mark.box[1] < FULL_STOP_EM * em
        return gap < MARK_ROOM_EM * em or (mark.text == "." and small)

    drop = set()
    first, second = chars[0], chars[1]
    if first.text in EDGE_MARKS and is_han(second.text):
        drop.add(0)
    last, before = chars[-1], chars[-2]
    if last.text in EDGE_MARKS and is_han(before.text) and speck(last, last.box[0] - before.box[2]):
        drop.add(len(chars) - 1)
    if not drop:
        return chars, spaces
    keep = [i for i in range(len(chars)) if i not in drop]
    return [chars[i] for i in keep], [spaces[i] and i != keep[0] for i in keep]


def beyond_measure(block: Block) -> int:
    """Drop a ``.`` / ``·`` ending a line of running text after a Han character that already fills the
    column's measure (it ends within ``MEASURE_EM`` of the longest of its ``MEASURE_LINES`` neighbours
    above and below in the block); returns how many went.

    Print breaks a line before a mark that does not fit (the character before it goes along), so no
    such mark stands beyond the column's right edge; a speck beside the column's edge does, and the
    engine reads it as ``·`` or ``.`` (``被·任命``: a speck after ``被``, the last character of a full
    line, read into the text where the next line goes on).  A printed middle dot ending a line
    (``詹姆斯·`` / ``马克``) stands inside the measure, the character before it short of the edge.
    Horizontal body and caption blocks of three lines or more (the neighbours give the measure)."""
    if block.vertical or block.type not in (BlockType.BODY, BlockType.CAPTION):
        return 0
    lines = [ln for ln in block.lines if ln.words and not ln.vertical]
    heights = [g.box.height for ln in lines for w in ln.words for g in w.glyphs if is_han(g.text)]
    if len(lines) < 3 or not heights:
        return 0
    em = float(np.median(heights))

    def marked(ln: Line) -> bool:
        w = ln.words
        return len(w) >= 2 and w[-1].text in EDGE_MARKS and len(w[-2].text) >= 1 and is_han(w[-2].text[-1])

    ends = [ln.words[-2].box.x1 if marked(ln) else ln.words[-1].box.x1 for ln in lines]
    dropped = 0
    for k, ln in enumerate(lines):
        near = ends[max(0, k - MEASURE_LINES):k] + ends[k + 1:k + 1 + MEASURE_LINES]
        if marked(ln) and near and ends[k] >= max(near) - MEASURE_EM * em:
            ln.words.pop()
            dropped += 1
    return dropped


def middle_dots(chars: list[CharResult], spaces: list[bool], ink: np.ndarray,
                parts: Optional[Components] = None) -> tuple[list[CharResult], list[bool]]:
    """Judge a ``·`` between two Han characters by where its ink sits.

    A middle dot (``12版·总第``, ``约翰·斯``) is a small round dot printed at the middle of the line's
    height.  The mark's ink is the largest piece of the line's own ink between the two characters,
    one centred within ``MIDDLE_DOT_OFF`` of the middle first (:func:`digitize.lineink.gap_piece`;
    ``parts``: the components of ``ink``, when already found).  A ring is a full stop read as ``·``
    (:func:`digitize.lineink.full_mark`; fonts that centre their marks put ``。`` at the middle), and so
    is a stretched piece a ``，`` or ``、`` (a middle dot is round); ink centred more than ``MIDDLE_DOT_OFF``
    em below the middle is a mark read as ``·`` (``，`` unless its shape says ``、`` or ``。``,
    :func:`digitize.lineink.low_mark_shape`).  Either becomes that mark when it has a cell of its own
    (``MARK_CELL``), else it is a speck; ink above the middle, or none at all: a speck.  A round piece at
    the middle is a middle dot unless a mark sits low and left in its own cell beside it
    (:func:`digitize.lineink.low_mark`): then the round piece is a speck and the mark the print's.  The line's middle and em come from its Han characters' boxes (medians,
    which specks do not move).
    """
    idx = [i for i in range(1, len(chars) - 1) if chars[i].text == "·"
           and is_han(chars[i - 1].text) and is_han(chars[i + 1].text)]
    han = [c for c in chars if is_han(c.text)]
    if not idx or len(han) < 3:
        return chars, spaces
    top = float(np.median([c.box[1] for c in han]))
    bottom = float(np.median([c.box[3] for c in han]))
    em, middle = max(1.0, bottom - top), (top + bottom) / 2
    steps = [(b.box[0] + b.box[2] - a.box[0] - a.box[2]) / 2 for a, b in zip(han, han[1:])]
    advance = float(np.median(steps))
    parts = Components(ink) if parts is None else parts
    drop: set[int] = set()
    mark: dict[int, str] = {}
    for i in idx:
        a, b = chars[i - 1], chars[i + 1]
        x0, x1 = a.box[2], b.box[0]
        if x1 - x0 < 1:
            x0, x1 = chars[i].box[0], chars[i].box[2]
        piece = gap_piece(parts, x0, x1, em, (middle - MIDDLE_DOT_OFF * em, middle + MIDDLE_DOT_OFF * em))
        if piece is None:
            drop.add(i)
            continue
        room = (b.box[0] + b.box[2] - a.box[0] - a.box[2]) / 2 >= MARK_CELL * advance
        full = full_mark(piece, em)
        off = (piece.y + piece.height / 2 - middle) / em
        if full is None and abs(off) <= MIDDLE_DOT_OFF:
            low = low_mark(parts, x0, x1, em, middle + MIDDLE_DOT_OFF * em, b.box[0]) if room else None
            if low is not None:                    # a round speck at the middle beside a comma low in its cell
                mark[i] = low_mark_shape(low, em)
            continue
        if room and (full is not None or off > 0):
            mark[i] = full or low_mark_shape(piece, em)
        else:
            drop.add(i)
    out_c = [CharResult(mark[i], c.box, c.confidence) if i in mark else c for i, c in enumerate(chars) if i not in drop]
    out_s = [s for i, s in enumerate(spaces) if i not in drop]
    return out_c, out_s


def build_words(chars: list[CharResult], spaces: list[bool], to_original,
                fields: Optional[Sequence[bool]] = None) -> list[Word]:
    """Clean the line text and cut it into Words (one per Han character / punctuation mark / Latin run).

    ``fields`` (per character): a field gap precedes it (:func:`digitize.lineink.field_gaps`); the
    Word starting there gets a space before it even between Chinese characters."""
    raw = "".join((" " if sp else "") + c.text for c, sp in zip(chars, spaces))
    cleaned = clean_line(raw)
    flat = [c for c in cleaned if not c.isspace()]
    if len(flat) != len(chars):   # cleaning maps characters one to one; never expected
        raise AssertionError(f"cleaning changed the character count: {raw!r} -> {cleaned!r}")
    words, k = [], 0
    for token, space_before in tokens(cleaned):
        glyphs = []
        for ch in token:
            c = chars[k]
            glyphs.append(Glyph(ch, to_original(c.box), c.confidence))
            k += 1
        box = Box.union_all(g.box for g in glyphs)
        conf = sum(g.confidence for g in glyphs) / len(glyphs)
        field = bool(fields) and bool(fields[k - len(token)])
        words.append(Word(token, box, conf, glyphs, space_before=(space_before or field) and bool(words)))
    return words


def is_noise(words: list[Word]) -> bool:
    """True for what layout sent as a line but is not text: a picture's texture, specks, a rule.

    On the dev pages such lines came back as one or two characters or stray symbols (``#``, ``•.``)
    with mean confidence 0.2-0.7, while real lines, even one-character ones, read above 0.9.
    """
    confs = [g.confidence for w in words for g in w.glyphs] or [w.confidence for w in words]
    if not confs:
        return True
    mean = sum(confs) / len(confs)
    if mean < NOISE_CONFIDENCE:
        return True
    text = "".join(w.text for w in words)
    if not any(ch.isalnum() for ch in text):
        return mean < SYMBOL_LINE_CONFIDENCE
    return len(text) <= 2 and mean < SHORT_LINE_CONFIDENCE


def mark_hyphenation(lines: list[Line]) -> None:
    """A Latin word broken with ``-`` at a line end, continued in lower case: drop the ``-``, flag it."""
    for cur, nxt in zip(lines, lines[1:]):
        if not cur.words or not nxt.words:
            continue
        last, first = cur.words[-1], nxt.words[0]
        if (len(last.text) >= 3 and last.text.endswith("-") and last.text[-2].isalpha()
                and last.text[-2].isascii() and first.text[:1].islower() and first.text[:1].isascii()):
            last.text = last.text[:-1]
            if len(last.glyphs) > 1:
                last.glyphs = last.glyphs[:-1]
                last.box = Box.union_all(g.box for g in last.glyphs)
            last.hyphenated = True


def _mapper(page: Page, dx: int, dy: int):
    w, h = page.width, page.height
    transform = page.transform

    def to_original(b: tuple[int, int, int, int]) -> Box:
        box = Box(b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy)
        out, _ = transform.box_to_original(box, w, h)
        if out.width <= 0 or out.height <= 0:
            out = Box(min(out.x0, w - 1), min(out.y0, h - 1), min(out.x0, w - 1) + 1, min(out.y0, h - 1) + 1)
        return out

    return to_original


def run(page: Page, scan: Scan, engine: Engine, settings: RecognitionSettings) -> Page:
    """Recognise every line of every text block; fills ``Line.words``; drops lines left empty.

    A line whose reading is noise (:func:`is_noise`) is dropped too.
    """
    work = scan.work if scan.work is not None else scan.gray
    size = (work.shape[1], work.shape[0])
    jobs: dict[bool, list[tuple[Line, Box, Optional[np.ndarray]]]] = {False: [], True: []}   # + the crop's ink
    tails: dict[int, int] = {}     # id(line) -> working-frame x (y: vertical) where the layout's line ended (+ pad)
    blocks: list[Block] = [b for b in page.blocks if b.type.is_text]
    # body lines' boxes hold all their ink (a masthead title's is cut to its letters' core rows on purpose)
    body_lines = {id(ln) for b in blocks if b.type == BlockType.BODY for ln in b.lines}
    for block in blocks:
        for line in block.lines:
            vertical = line.vertical or block.vertical
            box = crop_box(page, line, vertical, size, work)
            line.words = []
            if box is None:
                continue
            plain = crop_box(page, line, vertical, size)
            if plain is not None and plain.x1 < box.x1:
                tails[id(line)] = plain.x1
            elif plain is not None and plain.y1 < box.y1:
                tails[id(line)] = plain.y1
            if vertical:
                jobs[True].append((line, box, None))
                continue
            crop = work[box.y0:box.y1, box.x0:box.x1]
            ink = ink_mask(crop)                       # found once: for the bands and for the line's ink
            bands = split_bands(crop, box, ink)
            jobs[False].extend((line, b, ink if len(bands) == 1 else None) for b in bands)
    batch = max(1, int(settings.batch_lines))
    positions = engine.reliable_positions
    engine_seconds, engine_cpu, n_chars, noise, threads = 0.0, 0.0, 0, set(), 1
    for vertical, items in jobs.items():
        crops = [work[b.y0:b.y1, b.x0:b.x1] for _, b, _ in items]
        readings = Readings(engine, crops, vertical, page.dpi, batch)
        try:
            for k, ((line, box, ink), crop) in enumerate(zip(items, crops)):
                result = readings.get(k)
                if not result.text.strip():
                    continue
                ink = ink_mask(crop) if ink is None else ink
                parts = Components(ink)       # one labelling of the line's ink for every mask
                specks: list[float] = []
                chars, spaces = line_chars(result, ink, vertical, positions, parts, specks)
                if id(line) in tails:
                    chars, spaces = accept_tail(chars, spaces, tails[id(line)] - (box.y0 if vertical else box.x0),
                                                vertical)
                if id(line) in body_lines:
                    chars = within_line(chars, own_span(page, line, box, vertical, size), vertical)
                fields = None if vertical else field_gaps(chars, ink, parts, specks)
                words = build_words(chars, spaces, _mapper(page, box.x0, box.y0), fields)
                if words and not is_noise(words):
                    line.words.extend(words)      # a line split into bands gets them top to bottom
                    n_chars += sum(len(w.text) for w in words)
                elif words:
                    noise.add(id(line))
        finally:
            readings.close()
        engine_seconds += readings.seconds
        engine_cpu += readings.cpu
        threads = max(threads, readings.threads)
    noise_lines = sum(1 for block in blocks for ln in block.lines if id(ln) in noise and not ln.words)
    for block in blocks:
        block.lines = [ln for ln in block.lines if ln.words]
        n_chars -= beyond_measure(block)
        mark_hyphenation(block.lines)
    traditional = as_printed_script(blocks)
    page.timings["recognition_engine"] = page.timings.get("recognition_engine", 0.0) + engine_seconds
    page.timings["recognition_engine_cpu"] = page.timings.get("recognition_engine_cpu", 0.0) + engine_cpu
    # lent cores read lines beside the page's thread: its CPU seconds can be up to this many times its wall
    page.timings["recognition_threads"] = max(page.timings.get("recognition_threads", 1), threads)
    page.steps.append(ProcessingStep(
        "recognition", engine.software, engine.version,
        {"engine": engine.name, "model": engine.model, **engine.settings(),
         "batch_lines": batch, "characters": n_chars, "noise_lines": noise_lines,
         "simplified_read_as_traditional": traditional},
        description="line OCR; NFC, full-width punctuation in Chinese context, no spaces next to Chinese"))
    return page


def as_printed_script(blocks: list[Block]) -> int:
    """On a traditional page, the simplified forms the engine read written traditional
    (:func:`digitize.script.traditional_forms`); on a simplified page, the turned corner brackets of vertical
    lines written as the quotes they are (``script.VERTICAL_QUOTES``); returns how many characters changed."""
    words = [w for b in blocks for ln in b.lines for w in ln.words]
    forms = traditional_forms([ch for w in words for ch in w.text])
    if not forms and is_simplified([ch for w in words for ch in w.text]):
        quotes = [w for b in blocks for ln in b.lines if b.vertical or ln.vertical for w in ln.words]
        for w in quotes:
            w.text = "".join(VERTICAL_QUOTES.get(ch, ch) for ch in w.text)
            for g in w.glyphs:
                g.text = "".join(VERTICAL_QUOTES.get(ch, ch) for ch in g.text)
        return 0
    n = 0
    for w in words:
        if any(ch in forms for ch in w.text):
            n += sum(1 for ch in w.text if ch in forms)
            w.text = "".join(forms.get(ch, ch) for ch in w.text)
            for g in w.glyphs:
                g.text = "".join(forms.get(ch, ch) for ch in g.text)
    return n


class Readings:
    """The engine's readings of a list of crops, taken in order by the page's thread (:meth:`get`).

    That thread reads the crops itself when it gets to them, ``batch`` crops per engine call.
    While workers of the batch sit idle (its last pages: :func:`digitize.cores.spare`), a
    thread-safe engine also reads on helper threads, one per idle core, started as soon as the core
    is free (checked at every line); they take the next crops not yet taken, one at a time (and so
    does the page's thread then), while the page's thread also works on the lines already read
    (ink, boxes, words).  Before, the lent cores read shares of each batch and waited while the
    page's thread worked on the batch's lines: with one core lent for a whole page, the page's
    recognition took 2.24 -> ~1.84 s on dev_007 and 2.74 -> ~2.28 s on bd_009 (CPU of the critical
    path; BENCHMARKS.md, issue 15).  Each crop gets the same reading whichever thread reads it.
    ``cpu``: CPU seconds of every engine call (each thread's own); ``seconds``: wall seconds the
    page's thread spent reading or waiting for a reading.
    """

    def __init__(self, engine: Engine, crops: list[np.ndarray], vertical: bool, dpi: Optional[float], batch: int):
        self.engine, self.crops, self.vertical, self.dpi = engine, crops, vertical, dpi
        self.shared = bool(getattr(engine, "thread_safe", False))
        self.step = max(1, batch)
        self.results: list[Optional[LineResult]] = [None] * len(crops)
        self.taken = 0                 # crops [0, taken) are read or being read
        self.cpu = self.seconds = 0.0
        self._error: Optional[BaseException] = None
        self._stop = False
        self._cond = threading.Condition()
        self._pool: Optional[ThreadPoolExecutor] = None
        self._helpers = 0
        self.threads = 1               # most threads that read this page's lines at once

    def get(self, k: int) -> LineResult:
        """The reading of crop ``k``: read here, or by a helper (read the next free crops meanwhile)."""
        t = time.perf_counter()
        try:
            self._add_helpers()
            while True:
                with self._cond:
                    if self._error is not None:
                        raise self._error
                    if self.results[k] is not None:
                        return self.results[k]       # type: ignore[return-value]
                    span = self._take(one=self._helpers > 0)
                    if span is None:                 # crop k is being read by a helper: wait for it
                        while self.results[k] is None and self._error is None:
                            self._cond.wait()
                        continue
                self._read(*span)
        finally:
            self.seconds += time.perf_counter() - t

    def close(self) -> None:
        """Stop the helpers (each finishes the crop it reads) and wait for them."""
        with self._cond:
            self._stop = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _take(self, one: bool = False) -> Optional[tuple[int, int]]:
        """The next crops nobody reads yet (called holding the lock); None when every crop is taken.
        ``one``: a single crop (helpers, and the page's thread while helpers read)."""
        if self._stop or self.taken >= len(self.crops):
            return None
        a = self.taken
        self.taken = min(len(self.crops), a + (1 if one else self.step))
        return a, self.taken

    def _read(self, a: int, b: int) -> None:
        c = time.thread_time()
        try:
            res = self.engine.recognize_lines(self.crops[a:b], vertical=self.vertical, dpi=self.dpi)
        except BaseException as e:
            with self._cond:
                self._error = self._error or e
                self._cond.notify_all()
            raise
        with self._cond:
            if len(res) != b - a:
                self._error = self._error or RuntimeError(f"the engine returned {len(res)} readings for {b - a} lines")
            else:
                self.results[a:b] = res
            self.cpu += time.thread_time() - c
            self._cond.notify_all()

    def _add_helpers(self) -> None:
        """One helper thread per core idle workers lend now, while crops are left to read."""
        if not self.shared or self.taken >= len(self.crops):
            return
        want = cores.spare()
        with self._cond:
            while self._helpers < want:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(max_workers=cores.MAX_THREADS - 1,
                                                    thread_name_prefix="recognize")
                self._helpers += 1
                self.threads = max(self.threads, 1 + self._helpers)
                self._pool.submit(self._help, self._helpers)

    def _help(self, rank: int) -> None:
        """Read the next free crops while this helper's core is still lent (``rank`` <= spare cores)."""
        try:
            while cores.spare() >= rank:
                with self._cond:
                    span = self._take(one=True)
                if span is None:
                    return
                self._read(*span)
        except BaseException:
            return                          # the page's thread raises it (get)
        finally:
            with self._cond:
                self._helpers -= 1
