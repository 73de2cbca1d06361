"""Boxes and the transform between the original scan and the working (upright, deskewed) image.

Every box stored in the model is in the *original scan's* pixel frame.  Stages that work on the
upright image (layout, recognition) map their results back with :class:`Transform`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """Axis-aligned box, integer pixels, half-open: x0 <= x < x1, y0 <= y < y1."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def area(self) -> int:
        return max(0, self.width) * max(0, self.height)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def union(self, other: "Box") -> "Box":
        return Box(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def intersection(self, other: "Box") -> int:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(0, w) * max(0, h)

    def iou(self, other: "Box") -> float:
        i = self.intersection(other)
        u = self.area + other.area - i
        return i / u if u > 0 else 0.0

    def clip(self, width: int, height: int) -> "Box":
        x0 = min(max(self.x0, 0), width)
        y0 = min(max(self.y0, 0), height)
        return Box(x0, y0, min(max(self.x1, x0), width), min(max(self.y1, y0), height))

    def scaled(self, f: float) -> "Box":
        return Box(int(math.floor(self.x0 * f)), int(math.floor(self.y0 * f)),
                   int(math.ceil(self.x1 * f)), int(math.ceil(self.y1 * f)))

    def corners(self) -> list[Point]:
        return [(self.x0, self.y0), (self.x1, self.y0), (self.x1, self.y1), (self.x0, self.y1)]

    @staticmethod
    def around(points: Iterable[Point]) -> "Box":
        pts = list(points)
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return Box(int(math.floor(min(xs))), int(math.floor(min(ys))), int(math.ceil(max(xs))), int(math.ceil(max(ys))))

    @staticmethod
    def union_all(boxes: Iterable["Box"]) -> "Box":
        it = iter(boxes)
        acc = next(it)
        for b in it:
            acc = acc.union(b)
        return acc


@dataclass(frozen=True)
class Transform:
    """Affine map original scan -> working image (rotation by a multiple of 90 deg, then deskew).

    ``matrix`` is the 2x3 forward matrix (original -> work), as accepted by ``cv2.warpAffine``.
    ``work_size`` is (width, height) of the working image.
    """

    matrix: tuple[tuple[float, float, float], tuple[float, float, float]]
    work_size: tuple[int, int]

    @staticmethod
    def identity(width: int, height: int) -> "Transform":
        return Transform(((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)), (width, height))

    def as_array(self) -> np.ndarray:
        return np.array(self.matrix, dtype=np.float64)

    def inverse_array(self) -> np.ndarray:
        return np.array(_inverse(self.matrix), dtype=np.float64)

    def to_work(self, points: Sequence[Point]) -> list[Point]:
        m = self.as_array()
        return [(m[0, 0] * x + m[0, 1] * y + m[0, 2], m[1, 0] * x + m[1, 1] * y + m[1, 2]) for x, y in points]

    def to_original(self, points: Sequence[Point]) -> list[Point]:
        (a, b, c), (d, e, f) = _inverse(self.matrix)
        return [(a * x + b * y + c, d * x + e * y + f) for x, y in points]

    def box_to_original(self, box: Box, width: int, height: int) -> tuple[Box, list[Point]]:
        """A working-frame box -> (axis-aligned box in the original, clipped; its 4 corners there)."""
        poly = self.to_original(box.corners())
        return Box.around(poly).clip(width, height), poly

    def box_to_work(self, box: Box) -> Box:
        w, h = self.work_size
        return Box.around(self.to_work(box.corners())).clip(w, h)


@lru_cache(maxsize=64)
def _inverse(matrix: tuple[tuple[float, float, float], tuple[float, float, float]]
             ) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """The 2x3 inverse of a forward matrix, computed once per page (every glyph box is mapped back)."""
    m = np.vstack([np.array(matrix, dtype=np.float64), [0.0, 0.0, 1.0]])
    inv = np.linalg.inv(m)[:2]
    return (tuple(float(v) for v in inv[0]), tuple(float(v) for v in inv[1]))  # type: ignore[return-value]
