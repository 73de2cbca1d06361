"""Internal layout geometry in the layout (binary) frame: line segments and regions before they become model Blocks."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from ..geometry import Box
from ..model import BlockType
from .params import DEFAULT as PARAMS

# a full pixel row (column) of a block: one crossing its characters; the 90th percentile of the box's rows
# (columns) is one, whatever share of them the leading (the white between columns) takes
FULL_PERCENTILE = 90


@dataclass
class Seg:
    """A text line (or line fragment) in layout pixels."""

    box: Box
    vertical: bool = False
    core: float = 0.0          # extent of the dense part across the reading direction (0: not measured)
    label: int = 0             # its component in the smeared label image (0: none, e.g. after merging)
    fields: int = 0            # white runs inside it as wide as a credit line's field gap (lines.field_gaps)

    @property
    def size(self) -> float:
        """Type size estimate: the line's dense extent across the reading direction (brackets, quotes and
        punctuation that stick out do not count)."""
        if self.core:
            return self.core
        return float(self.box.width if self.vertical else self.box.height)


@dataclass
class Region:
    """A block under construction, in layout pixels."""

    box: Box
    type: BlockType
    lines: list[Seg] = field(default_factory=list)
    cols: tuple[int, int] = (-1, -1)        # first, last grid column it covers
    font: float = 0.0                       # median line size (layout px)
    article: Optional[int] = None
    caption_of: Optional[int] = None        # for captions: index of their picture
    pic: Optional[int] = None               # for pictures: their index
    vertical: bool = False
    in_frame: Optional[int] = None          # index of the frame holding it
    masthead: bool = False
    ear: Optional[int] = None               # an ear of the masthead band: its index (masthead.band_ears)
    trace: list[str] = field(default_factory=list)   # which rules made, typed, split or merged it (--debug)

    @property
    def column(self) -> Optional[int]:
        return self.cols[0] if self.cols[0] == self.cols[1] and self.cols[0] >= 0 else None


def union(boxes: list[Box]) -> Box:
    return Box.union_all(boxes)


def x_overlap(a: Box, b: Box) -> int:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def centred(x0: float, x1: float, lo: float, hi: float, em: float) -> bool:
    """Is the run ``x0..x1`` set centred between ``lo`` and ``hi`` (``centred_*`` in params: short of both
    edges by ``centred_margin_em``, its centre within ``centred_offset_em`` of theirs)?"""
    return x0 - lo >= PARAMS.centred_margin_em * em and hi - x1 >= PARAMS.centred_margin_em * em \
        and abs((x0 + x1) / 2 - (lo + hi) / 2) <= PARAMS.centred_offset_em * em


def y_overlap(a: Box, b: Box) -> int:
    return min(a.y1, b.y1) - max(a.y0, b.y0)


def inside(inner: Box, outer: Box, slack: int = 0) -> bool:
    return (inner.x0 >= outer.x0 - slack and inner.y0 >= outer.y0 - slack
            and inner.x1 <= outer.x1 + slack and inner.y1 <= outer.y1 + slack)


def runs(mask: np.ndarray, min_gap: int = 1) -> list[tuple[int, int]]:
    """Runs of True in the 1-d ``mask`` joined across gaps shorter than ``min_gap`` (1: exact runs):
    [(start, end)), in order."""
    idx = np.nonzero(mask)[0]
    if idx.size == 0:
        return []
    breaks = np.nonzero(np.diff(idx) > min_gap)[0]
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]])) + 1
    return [(int(a), int(b)) for a, b in zip(starts, ends)]


def ink_height(text: np.ndarray, box: Box) -> int:
    """Rows of a line's box from its first to its last row holding more than ``line_speck_row_share`` of a
    full row's ink (the 90th percentile of its rows): a speck of a heavy scan in the white above or below
    the line, taken into its box, does not make the line's type look bigger."""
    prof = (text[box.y0:box.y1, box.x0:box.x1] > 0).sum(axis=1)
    if prof.size == 0:
        return box.height
    rows = np.flatnonzero(prof > PARAMS.line_speck_row_share * np.percentile(prof, FULL_PERCENTILE))
    return int(rows[-1] - rows[0] + 1) if len(rows) else box.height
