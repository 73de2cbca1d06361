"""Layout stability (layout/stability.py): the page read again with a parameter nudged, the text that changes
place, the measure carried to QA's estimate."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from digitize import layout, preprocess, quality
from digitize.config import Settings, load_settings
from digitize.geometry import Box
from digitize.layout import params as layout_params
from digitize.layout import stability
from digitize.layout import whitespace  # noqa: F401  (a layout module reading PARAMS)
from digitize.load import load_pages
from digitize.model import Block, BlockType, Line, Page, ProcessingStep, Scan, Word
from digitize.qa.alto import AltoPage
from digitize.qa.estimate import page_features
from digitize.qa.pages import PageRow
from tests.fixtures.render import PageSpec, render_page


def _column(x: int, rows: int = 4, y0: int = 100) -> list[Box]:
    return [Box(x, y0 + 40 * r, x + 300, y0 + 40 * r + 30) for r in range(rows)]   # 10 line heights each


def test_text_moved_is_zero_for_the_same_reading_and_counts_text_read_elsewhere() -> None:
    left, right = _column(100), _column(500)
    assert stability.text_moved(left + right, left + right) == 0.0
    assert stability.text_moved([], left) == 0.0
    moved = stability.text_moved(left + right, right + left)       # two columns of 40 characters swapped
    assert 0.9 <= moved <= 1.0                                      # all read elsewhere (edit distance 2 x 40)
    one = stability.text_moved(left + right, left[:1] + left[2:] + right[:1] + left[1:2] + right[1:])
    assert 0.1 <= one <= 0.3                                        # one line of ten characters out of 80


def test_text_moved_ignores_lines_cut_in_pieces_in_order_and_counts_lost_lines() -> None:
    main = _column(100)
    halves = [Box(b.x0, b.y0, b.x0 + 150, b.y1) for b in main[:1]] + [Box(b.x0 + 150, b.y0, b.x1, b.y1)
                                                                      for b in main[:1]] + main[1:]
    assert stability.text_moved(main, halves) == 0.0                # the first line read as two pieces, in order
    assert stability.text_moved(main, main[:3]) == pytest.approx(0.25)   # its last line lost


def test_using_swaps_every_layout_modules_params_and_puts_them_back() -> None:
    nudged = dataclasses.replace(layout_params.DEFAULT, gutter_min_width_em=0.5)
    with pytest.raises(RuntimeError):
        with layout_params.using(nudged):
            assert layout.PARAMS is nudged and layout.lines.PARAMS is nudged
            raise RuntimeError("inside")
    assert layout.PARAMS is layout_params.DEFAULT and layout.lines.PARAMS is layout_params.DEFAULT


def test_read_again_nudges_one_parameter_or_the_resolution() -> None:
    seen = []

    def fake(page, scan, settings):
        seen.append((page.dpi, layout.PARAMS.em_scale, page.blocks, [s.name for s in page.steps]))
        return page

    page = Page(source=Path("p.png"), width=100, height=100, dpi=300.0,
                blocks=[Block("b0", BlockType.BODY, Box(0, 0, 10, 10))])
    page.steps += [ProcessingStep("deskew", "d", "1"), ProcessingStep("layout", "d", "1")]
    stability.read_again(page, None, None, fake, "dpi", 1.25)
    stability.read_again(page, None, None, fake, "em_scale", 1.1)
    assert seen[0][:2] == (375.0, 1.0) and seen[1][:2] == (300.0, 1.1)
    assert seen[0][2] == [] and seen[0][3] == ["deskew"]           # read as the layout found the page
    assert page.dpi == 300.0 and len(page.blocks) == 1 and layout.PARAMS.em_scale == 1.0


def test_measure_records_the_text_a_nudge_moves() -> None:
    """A fake layout that reads the two columns the other way round when the resolution is nudged: a
    third of the runs move all the text."""
    def lines_page(boxes: list[Box]) -> list[Block]:
        return [Block(f"b{i}", BlockType.BODY, b, lines=[Line(f"l{i}", b)], order=i) for i, b in enumerate(boxes)]

    left, right = Box(100, 100, 400, 130), Box(500, 100, 800, 130)

    def fake(page, scan, settings):
        page.blocks = lines_page([right, left] if page.dpi != 300.0 else [left, right])
        return page

    page = Page(source=Path("p.png"), width=1000, height=1000, dpi=300.0, blocks=lines_page([left, right]))
    stability.measure(page, None, None, fake)
    step = page.steps[-1]
    assert step.name == "layout-stability" and step.settings["runs"] == len(stability.PERTURBATIONS) == 3
    assert step.settings["unstable_text"] == pytest.approx(1 / 3, abs=0.01)
    assert step.settings["max_moved"] == 1.0
    assert [b.box for b in page.ordered_blocks()] == [left, right]   # the page keeps its own reading


def test_em_scale_scales_the_type_size_the_layout_works_with(tmp_path: Path) -> None:
    r = render_page(PageSpec(columns=3, headline_span=2))
    path = r.save(tmp_path / "page.png")
    settings = Settings()
    page, scan = next(load_pages(path, settings.input))
    page = preprocess.run(page, scan, settings.preprocess)
    base = layout.analyse(stability._fresh(page), scan, settings.layout)
    again = layout.analyse(stability._fresh(page), scan, settings.layout)
    assert stability.text_moved(stability.reading_lines(base), stability.reading_lines(again)) == 0.0
    nudged = stability.read_again(page, scan, settings.layout, layout.analyse, "em_scale", 1.1)
    em = [p.steps[-1].settings["body_em_px"] for p in (base, nudged)]
    assert em[1] == pytest.approx(1.1 * em[0], rel=0.03)


def test_quality_and_estimate_carry_the_measure() -> None:
    page = Page(source=Path("p.png"), width=100, height=100, dpi=300.0)
    page.steps.append(ProcessingStep("layout-stability", "digitize", "1", {"runs": 3, "unstable_text": 0.25}))
    quality.run(page, Scan(original=None, gray=None))
    assert page.steps[-1].settings["unstable_text"] == 0.25
    row = PageRow(1, Path("p.png"), "p.png", 0, "done")
    alto = AltoPage(Path("p.xml"), 100, 100, measures=dict(page.steps[-1].settings))
    assert page_features(row, alto, [])["unstable_text"] == 0.25
    assert page_features(row, AltoPage(Path("p.xml"), 100, 100), [])["unstable_text"] == 0.0   # run without it


def test_the_stability_setting_is_documented_and_can_be_switched_off(tmp_path: Path) -> None:
    assert Settings().layout.stability is True
    cfg = tmp_path / "off.toml"
    cfg.write_text("[layout]\nstability = false\n")
    assert load_settings(cfg).layout.stability is False
    default = (Path(__file__).resolve().parents[1] / "configs" / "default.toml").read_text()
    assert "\nstability = true" in default


def test_a_nudged_run_that_fails_is_named_and_left_out_not_the_page(caplog) -> None:
    """The stability runs are QA measurements: a layout failing under a nudge must not fail the page."""
    box = Box(100, 100, 400, 130)

    def fragile(page, scan, settings):
        if page.dpi != 300.0:
            raise IndexError("list index out of range")
        page.blocks = [Block("b0", BlockType.BODY, box, lines=[Line("l0", box)], order=0)]
        return page

    page = Page(source=Path("p.png"), width=1000, height=1000, dpi=300.0,
                blocks=[Block("b0", BlockType.BODY, box, lines=[Line("l0", box)], order=0)])
    with caplog.at_level("WARNING"):
        stability.measure(page, None, None, fragile)
    step = page.steps[-1]
    assert step.settings["runs"] == 2 and step.settings["failed"] == "dpi x1.25"
    assert step.settings["unstable_text"] == 0.0
    assert "p.png" in caplog.text and "dpi x1.25" in caplog.text and "IndexError" in caplog.text
    assert [b.box for b in page.ordered_blocks()] == [box]
