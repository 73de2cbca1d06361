"""Rules, box frames, pictures and scanner-border debris from the connected components of the layout binary."""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ..geometry import Box


@dataclass
class Rule:
    box: Box                 # layout px
    orientation: str         # "h" or "v"
    thickness: float         # layout px
    kind: str = "rule"       # "rule", "double" or "frame"


@dataclass
class Ink:
    """The layout binary split into what it is."""

    text: np.ndarray              # uint8 mask (255 = ink) of what may be text
    rules: list[Rule]
    frames: list[Box]
    pictures: list[Box]


def _frame_like(comp: np.ndarray) -> bool:
    """A component that is the outline of a rectangle: ink along all four sides, empty inside."""
    h, w = comp.shape
    t = max(2, min(h, w) // 30)
    sides = [comp[:t].any(axis=0).mean(), comp[-t:].any(axis=0).mean(),
             comp[:, :t].any(axis=1).mean(), comp[:, -t:].any(axis=1).mean()]
    return min(sides) > 0.85


def split_ink(binary: np.ndarray, unit: float) -> Ink:
    """Classify components; ``unit`` is layout px per mm."""
    h, w = binary.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    x, y, bw, bh, area = (stats[:, i] for i in range(5))
    keep = np.ones(n, bool)
    keep[0] = False
    keep &= area > 2                                                # speckles
    edge = (x <= 1) | (y <= 1) | (x + bw >= w - 1) | (y + bh >= h - 1)
    big = (bw > 8 * unit) | (bh > 8 * unit)
    keep &= ~(edge & (big | (area > 4 * unit * unit)))              # scanner border debris
    long_min = 25 * unit
    thin_max = 1.6 * unit
    rules: list[Rule] = []
    frames: list[Box] = []
    pictures: list[Box] = []
    drop = np.zeros(n, bool)
    for i in np.nonzero(keep & ((bw >= long_min) | (bh >= long_min)))[0]:
        bx = Box(int(x[i]), int(y[i]), int(x[i] + bw[i]), int(y[i] + bh[i]))
        fill = area[i] / float(bw[i] * bh[i])
        # a rule: long, its ink per unit length thin, its box no thicker than a slightly skewed line
        if bw[i] >= long_min and bh[i] <= thin_max + 0.03 * bw[i] and 0.6 <= area[i] / bw[i] <= thin_max:
            rules.append(Rule(bx, "h", area[i] / float(bw[i])))
            drop[i] = True
        elif bh[i] >= long_min and bw[i] <= thin_max + 0.03 * bh[i] and 0.6 <= area[i] / bh[i] <= thin_max:
            rules.append(Rule(bx, "v", area[i] / float(bh[i])))
            drop[i] = True
        elif bw[i] > 25 * unit and bh[i] > 20 * unit:
            comp = labels[bx.y0:bx.y1, bx.x0:bx.x1] == i
            if fill < 0.12 and _frame_like(comp):
                frames.append(bx)
                drop[i] = True
            elif fill > 0.12:
                pictures.append(bx)
                drop[i] = True
    keep &= ~drop
    text = np.where(keep[labels], 255, 0).astype(np.uint8)
    for p in pictures:          # whatever lies inside a picture belongs to it
        text[p.y0:p.y1, p.x0:p.x1] = 0
    return Ink(text, merge_double(rules, unit), frames, pictures)


def merge_double(rules: list[Rule], unit: float) -> list[Rule]:
    """Two parallel rules a hair apart are one double rule."""
    out: list[Rule] = []
    used = [False] * len(rules)
    for i, a in enumerate(rules):
        if used[i]:
            continue
        for j in range(i + 1, len(rules)):
            b = rules[j]
            if used[j] or b.orientation != a.orientation:
                continue
            if a.orientation == "h":
                near = abs(b.box.y0 - a.box.y1) <= 1.5 * unit or abs(a.box.y0 - b.box.y1) <= 1.5 * unit
                same = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0) > 0.8 * min(a.box.width, b.box.width)
            else:
                near = abs(b.box.x0 - a.box.x1) <= 1.5 * unit or abs(a.box.x0 - b.box.x1) <= 1.5 * unit
                same = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0) > 0.8 * min(a.box.height, b.box.height)
            if near and same:
                used[j] = True
                a = Rule(a.box.union(b.box), a.orientation, a.thickness + b.thickness, "double")
        out.append(a)
    return out
