"""The quality stage's measurements: text-like ink left unread, lines dropped as noise, type size."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from digitize import quality
from digitize.geometry import Box
from digitize.model import Block, BlockType, Line, Page, ProcessingStep, Scan, Word


def _page_and_scan(read_rows: int) -> tuple[Page, Scan]:
    """A 1000x1000 page at 300 dpi with 4 rows of ten 30-px 'characters'; the first ``read_rows`` rows
    are text lines with words, the others were never sent to recognition."""
    binary = np.zeros((1000, 1000), np.uint8)
    lines = []
    for r in range(4):
        y = 100 + r * 60
        for k in range(10):
            binary[y:y + 30, 100 + k * 40:130 + k * 40] = 255
        if r < read_rows:
            box = Box(95, y - 5, 505, y + 35)
            lines.append(Line(f"l{r}", box, words=[Word("字", box, 0.9)], font_size_px=30))
    page = Page(source=Path("p.png"), width=1000, height=1000, dpi=300.0,
                blocks=[Block("b0", BlockType.BODY, Box(90, 90, 510, 340), lines=lines)])
    page.steps.append(ProcessingStep("recognition", "x", "1", {"noise_lines": 2}))
    scan = Scan(original=binary, gray=binary, work=binary, binary=binary, binary_scale=1.0)
    return page, scan


def test_unread_ink_is_the_share_of_text_like_ink_in_no_line() -> None:
    page, scan = _page_and_scan(read_rows=3)
    assert quality.unread_ink(page, scan, 30.0) == 0.25
    page, scan = _page_and_scan(read_rows=4)
    assert quality.unread_ink(page, scan, 30.0) == 0.0


def test_quality_step_carries_the_measurements() -> None:
    page, scan = _page_and_scan(read_rows=2)
    quality.run(page, scan)
    step = page.steps[-1]
    assert step.name == "quality" and step.category == "postOperation"
    m = step.settings
    assert m["lines"] == 2 and m["noise_lines"] == 2 and m["unread_ink"] == 0.5
    assert m["em_mm"] == round(30 / 300 * 25.4, 2)
    assert m["em_px"] == 30.0
