"""The masthead band at the top of a front page: a very large title down to the first long rule under it."""
from __future__ import annotations

from .regions import Seg
from .separators import Rule


def masthead_title(segs: list[Seg], em: float, shape: tuple[int, int]) -> Seg | None:
    """The biggest type in the top 30 % of the page, if it is at least 3 body sizes tall, with the pieces of
    the same title line beside it (a title set in words, or cut where a column gutter runs up into it:
    level with it, as tall within 25 %): the big piece's box widened to the whole row."""
    h, _ = shape
    tops = [s for s in segs if s.box.y1 < 0.3 * h and s.box.height >= 3.0 * em and s.box.width >= 0.6 * s.box.height]
    if not tops:
        return None
    big = max(tops, key=lambda s: s.box.height)
    row = [s for s in tops if abs(s.box.height - big.box.height) <= 0.25 * big.box.height
           and min(s.box.y1, big.box.y1) - max(s.box.y0, big.box.y0) >= 0.6 * big.box.height]
    x0 = min(s.box.x0 for s in row)
    x1 = max(s.box.x1 for s in row)
    return Seg(big.box.__class__(x0, big.box.y0, x1, big.box.y1))


def masthead_bottom(segs: list[Seg], rules: list[Rule], em: float, shape: tuple[int, int]) -> float:
    """y (layout px) where the masthead band ends; 0 when the page has no masthead."""
    h, w = shape
    title = masthead_title(segs, em, shape)
    if title is None:
        return 0.0
    below = [r for r in rules if r.orientation == "h" and r.box.y0 >= title.box.y1 and r.box.width >= 0.7 * w
             and r.box.y0 < 0.4 * h]
    if below:
        return float(min(r.box.y0 for r in below))
    if title.box.height >= 3.6 * em and title.box.x0 < 0.25 * w:
        # no rule under it: a very large title at the top left still makes a masthead band as tall as it
        return float(title.box.y1 + 0.3 * title.box.height)
    return 0.0
