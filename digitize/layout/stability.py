"""Layout stability: how much of the page's text changes place when the layout reads the page again with one
of its named parameters nudged.

A page whose blocks are well formed but read in the wrong order shows no trouble in its text, its confidence
or its ink (QA's blind spot, BENCHMARKS.md "Page quality estimate").  Such a page is often on a knife edge: a
gutter just wide enough, a type size just over a threshold, decides which block follows which.  Reading it
again with a threshold a little lower or higher and comparing the reading orders shows the edge: where a
small change moves much of the text, the order the layout chose is one of two it nearly chose, and likely
enough the wrong one.  No recognition is needed: the text lines' boxes in reading order are compared.

:func:`text_moved` measures the change the way ``benchmarks/layout_only.py``'s oracle measures order loss,
in the units of a character error rate: each text line of the main reading stands for as many characters
as it is line heights long, the other reading reads them in its own line order (a line it lost reads
nothing), and the edit distance between the two sequences, over the main reading's characters, is the share
of the text that changed place.  :func:`measure` takes the mean over the runs of ``PERTURBATIONS`` and
records it in a processing step of its own (``layout-stability``); the quality stage copies it into the
page's measures (``unstable_text``), which QA's estimate reads (``digitize/qa/estimate.py``).
"""
from __future__ import annotations

import dataclasses
import logging
import time
from typing import Callable

import numpy as np
from rapidfuzz.distance import Levenshtein

from .. import __version__
from ..config import LayoutSettings
from ..geometry import Box
from ..model import Page, ProcessingStep, Scan
from .params import DEFAULT, LayoutParams, using

log = logging.getLogger(__name__)

# What the layout is read again with: a named parameter (a field of LayoutParams) or "dpi" (the page's
# resolution as the layout takes it: every threshold set in mm, the smear that finds the first lines, the
# row tolerance of article order), times a factor.  One nudge in each of three directions: the resolution
# (every mm threshold at once), the type size (every em threshold at once: ``em_scale``) and the narrowest
# gutter (which white parts columns).  Chosen on the page sources of session 12 (BENCHMARKS.md, "Session 12,
# qa12"): of 15 single-parameter nudges (x0.8 / x1.25, the em x0.9 / x1.1) these three together moved text
# on the pages read in the wrong order more than on clean ones (Spearman 0.63 against true CER inside a
# source, on its own); each costs one more layout run (about 0.5 s on a 100 dpi layout binary).
PERTURBATIONS: tuple[tuple[str, float], ...] = (("dpi", 1.25), ("em_scale", 1.1), ("gutter_min_width_em", 1.25))
MATCH_SHARE = 0.3     # a line of the main reading is found again in a line that covers this share of its box
                      # (a line cut in two still covers half of it with one piece; a neighbour row touches it
                      # by a descender only)


def reading_lines(page: Page) -> list[Box]:
    """The text lines' boxes (scan frame) in reading order."""
    return [ln.box for b in page.ordered_blocks() if b.type.is_text for ln in b.lines]


def _length(box: Box) -> int:
    """Characters a line holds, about: its length in line heights (at least 1)."""
    return max(1, int(round(max(box.width, box.height) / max(1, min(box.width, box.height)))))


def text_moved(main: list[Box], other: list[Box]) -> float:
    """Share of the main reading's text (characters by :func:`_length`) out of place in the other reading:
    the edit distance between the main reading's characters in its own order and in the other's line order
    (a main line goes to the other line covering most of it, at least ``MATCH_SHARE`` of its box; lines of
    one other line keep the main reading's order among themselves; a main line found nowhere is lost),
    over the main reading's characters.  0 when the readings agree; 1 at most."""
    if not main:
        return 0.0
    sizes = [_length(b) for b in main]
    start = np.concatenate([[0], np.cumsum(sizes)])
    owner: dict[int, list[int]] = {}
    if other:
        o = np.array([(b.x0, b.y0, b.x1, b.y1) for b in other], float)
        for i, b in enumerate(main):
            w = np.minimum(b.x1, o[:, 2]) - np.maximum(b.x0, o[:, 0])
            h = np.minimum(b.y1, o[:, 3]) - np.maximum(b.y0, o[:, 1])
            cover = np.where((w > 0) & (h > 0), w * h, 0.0)
            j = int(np.argmax(cover))
            if cover[j] >= MATCH_SHARE * max(1, b.area):
                owner.setdefault(j, []).append(i)
    ref = list(range(int(start[-1])))
    hyp = [c for j in range(len(other)) for i in sorted(owner.get(j, [])) for c in range(int(start[i]), int(start[i + 1]))]
    return min(1.0, Levenshtein.distance(ref, hyp) / len(ref))


def _fresh(page: Page) -> Page:
    """The page as the layout found it: no blocks, separators, articles or layout steps of its own."""
    steps = [s for s in page.steps if s.name not in ("layout", "layout-stability")]
    return dataclasses.replace(page, blocks=[], separators=[], articles=[], steps=steps, warnings=[], timings={})


def read_again(page: Page, scan: Scan, settings: LayoutSettings, analyse: Callable[..., Page], name: str,
               factor: float) -> Page:
    """The layout of ``page`` (before layout) with one parameter (a LayoutParams field, or "dpi") times ``factor``."""
    fresh = _fresh(page)
    if name == "dpi":
        fresh.dpi = (page.dpi or 300.0) * factor
        return analyse(fresh, scan, settings)
    with using(dataclasses.replace(DEFAULT, **{name: getattr(DEFAULT, name) * factor})):
        return analyse(fresh, scan, settings)


def measure(page: Page, scan: Scan, settings: LayoutSettings, analyse: Callable[..., Page],
            perturbations: tuple[tuple[str, float], ...] = PERTURBATIONS) -> Page:
    """Append the ``layout-stability`` step to the laid-out ``page``: the mean of :func:`text_moved` between its
    reading and the layout's reading with each of ``perturbations``.  ``scan`` is the one the layout read
    (the layout does not change it)."""
    t = time.perf_counter()
    main = reading_lines(page)
    moved, failed = [], []
    for n, f in perturbations:
        # A nudged run is a QA measurement of a page already laid out: if the layout fails under the nudge
        # (a rule's edge case the page's own parameters do not reach), the page keeps its layout and its text,
        # the failure is named in the step and the log, and the mean is over the runs that finished.
        try:
            moved.append(text_moved(main, reading_lines(read_again(page, scan, settings, analyse, n, f))))
        except Exception as exc:  # noqa: BLE001 (any failure of the nudged run; the main run has succeeded)
            log.warning("%s: layout read again with %s x%g failed (%s: %s); left out of the stability measure",
                        page.source, n, f, type(exc).__name__, exc)
            failed.append(f"{n} x{f:g}")
    page.steps.append(ProcessingStep(
        "layout-stability", "digitize", __version__,
        {"runs": len(moved), "unstable_text": round(float(np.mean(moved)) if moved else 0.0, 4),
         "max_moved": round(max(moved, default=0.0), 4), "seconds": round(time.perf_counter() - t, 2),
         **({"failed": ", ".join(failed)} if failed else {})},
        category="other",
        description="layout read again with one parameter nudged at a time ("
                    + ", ".join(f"{n} x{f:g}" for n, f in perturbations) + "): share of the text that changes place"))
    return page


__all__ = ["PERTURBATIONS", "LayoutParams", "measure", "read_again", "reading_lines", "text_moved"]
