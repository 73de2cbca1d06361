"""The one data model that flows through the pipeline: Page -> Block -> Line -> Word -> Glyph.

Conventions
-----------
* ``box`` is always an axis-aligned :class:`~digitize.geometry.Box` in the **original scan's**
  pixel frame (what ALTO's HPOS/VPOS/WIDTH/HEIGHT carry).
* ``polygon`` (optional) is the element's rectangle in the working (upright, deskewed) image,
  mapped back to the original frame: four (x, y) corners.  ``page.transform.to_work(polygon)``
  gives the exact working-frame rectangle again, which is what recognition crops.
* Stages never mutate their input in place in surprising ways: each stage function takes the
  page (and the :class:`Scan` images) and returns the page with its part filled in, appending one
  :class:`ProcessingStep` to ``page.steps``.  Writers only read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, Optional

import numpy as np

from .geometry import Box, Point, Transform


class BlockType(str, Enum):
    MASTHEAD = "masthead"
    HEADLINE = "headline"
    SUBHEAD = "subhead"
    BYLINE = "byline"
    BODY = "body"
    CAPTION = "caption"
    TEASER = "teaser"
    TABLE = "table"                # a listing (TV programmes, stock prices): one line per row, fields in it
    PICTURE = "picture"

    @property
    def is_text(self) -> bool:
        return self is not BlockType.PICTURE


@dataclass
class ProcessingStep:
    """Provenance of one stage; becomes one ALTO ``Processing`` element."""

    name: str                      # stage name, e.g. "deskew", "layout", "recognition"
    software: str                  # software that did it, e.g. "digitize", "tesseract", "rapidocr"
    version: str
    settings: dict[str, Any] = field(default_factory=dict)
    category: str = "contentGeneration"   # ALTO processingCategory
    description: str = ""


@dataclass
class Glyph:
    text: str
    box: Box
    confidence: float              # 0..1


@dataclass
class Word:
    """A String in ALTO: one Han character, or one Latin/number run."""

    text: str
    box: Box
    confidence: float              # 0..1
    glyphs: list[Glyph] = field(default_factory=list)
    space_before: bool = False     # an ALTO SP precedes this word
    hyphenated: bool = False       # Latin word broken at line end (ALTO HYP follows)


@dataclass
class Line:
    id: str
    box: Box
    polygon: Optional[list[Point]] = None
    words: list[Word] = field(default_factory=list)
    font_size_px: Optional[float] = None   # measured x/em height in original pixels
    indent: bool = False                    # first-line indent: starts a paragraph
    vertical: bool = False

    @property
    def text(self) -> str:
        out = []
        for w in self.words:
            if w.space_before and out:
                out.append(" ")
            out.append(w.text)
        return "".join(out)

    @property
    def confidence(self) -> Optional[float]:
        confs = [w.confidence for w in self.words]
        return sum(confs) / len(confs) if confs else None


@dataclass
class Block:
    id: str
    type: BlockType
    box: Box
    polygon: Optional[list[Point]] = None
    lines: list[Line] = field(default_factory=list)
    article: Optional[str] = None      # Article.id
    column: Optional[int] = None       # index in the page's column grid (None when spanning)
    order: Optional[int] = None        # reading-order index, 0-based (None for pictures w/o text)
    vertical: bool = False             # top-to-bottom text, columns read right to left
    font_size_px: Optional[float] = None
    caption_of: Optional[str] = None   # for captions: the picture Block.id
    trace: list[str] = field(default_factory=list)   # layout rules that made, typed, split or merged it

    @property
    def text_lines(self) -> list[str]:
        return [ln.text for ln in self.lines]


@dataclass
class Separator:
    id: str
    box: Box
    orientation: str                   # "h" or "v"
    thickness: float = 1.0             # original pixels
    kind: str = "rule"                 # "rule", "double", "frame"
    polygon: Optional[list[Point]] = None


@dataclass
class Article:
    id: str
    block_ids: list[str] = field(default_factory=list)   # in reading order
    title: str = ""


def page_stem(source_stem: str, frame: int) -> str:
    """Output file stem of page ``frame`` (0-based) of an input file: ``scan``, ``scan_p002``, ..."""
    return source_stem if frame == 0 else f"{source_stem}_p{frame + 1:03d}"


@dataclass
class Page:
    source: Path                       # the input file
    width: int                         # original scan size in pixels
    height: int
    dpi: Optional[float] = None
    page_number: int = 1               # 1-based sequence number (PHYSICAL_IMG_NR)
    frame: int = 0                     # frame index inside a multi-page file (TIFF), 0-based
    checksum: str = ""                 # sha256 of the input file
    transform: Transform = None        # original -> working frame; set by load/preprocess
    deskew_angle: float = 0.0          # measured skew in degrees, positive = counter-clockwise as displayed
                                       # (the page was straightened by turning it clockwise by this much)
    orientation: int = 0               # 0/90/180/270: clockwise turn applied before deskew
    blocks: list[Block] = field(default_factory=list)       # in reading order once ordered
    separators: list[Separator] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    steps: list[ProcessingStep] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)   # seconds per stage

    def __post_init__(self) -> None:
        if self.transform is None:
            self.transform = Transform.identity(self.width, self.height)

    @property
    def stem(self) -> str:
        return page_stem(self.source.stem, self.frame)

    def ordered_blocks(self) -> list[Block]:
        return sorted(self.blocks, key=lambda b: (b.order is None, b.order if b.order is not None else 0))

    def text_blocks(self) -> list[Block]:
        return [b for b in self.ordered_blocks() if b.type.is_text]

    def lines(self) -> Iterator[Line]:
        for b in self.ordered_blocks():
            yield from b.lines

    def words(self) -> Iterator[Word]:
        for ln in self.lines():
            yield from ln.words

    @property
    def confidence(self) -> Optional[float]:
        """Mean character confidence over the page (glyphs where present, else words)."""
        total, n = 0.0, 0
        for w in self.words():
            if w.glyphs:
                total += sum(g.confidence for g in w.glyphs)
                n += len(w.glyphs)
            else:
                total += w.confidence * len(w.text)
                n += len(w.text)
        return total / n if n else None

    def block(self, block_id: str) -> Block:
        for b in self.blocks:
            if b.id == block_id:
                return b
        raise KeyError(block_id)


@dataclass
class Scan:
    """The images of one page while it is processed (never written, never pickled to the client).

    ``original``: the decoded scan, 8-bit gray (H, W) or RGB (H, W, 3), as loaded.
    ``gray``: 8-bit grayscale of the original frame.
    ``work``: 8-bit gray, upright and deskewed, full resolution (recognition crops from here).
    ``binary``: uint8 {0, 255} with ink = 255, same frame as ``work`` (layout works from here),
    possibly at reduced resolution: ``binary_scale`` = binary size / work size.
    """

    original: np.ndarray
    gray: np.ndarray
    work: Optional[np.ndarray] = None
    binary: Optional[np.ndarray] = None
    binary_scale: float = 1.0
