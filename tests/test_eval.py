"""`digitize eval`: CER, order-free bag error and text-block recall against rendered ground truth."""
from __future__ import annotations

import json
import random
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from digitize.cli import cli
from digitize.config import OutputSettings
from digitize.geometry import Box
from digitize.qa.evaluate import block_score, evaluate, normalize, text_score
from digitize.writers.alto import write_alto
from tests.fixtures.render import PageSpec, Rendered, render_page
from tests.test_qa import page_from_render


@pytest.fixture(scope="module")
def gt_dir(tmp_path_factory) -> Path:
    """Two rendered pages with STEM.gt.txt and STEM.gt.json (boxes in output-image pixels)."""
    d = tmp_path_factory.mktemp("gt")
    for stem, spec in (("p1", PageSpec(seed=21, columns=3)), ("p2", PageSpec(seed=22, columns=2, skew_deg=1.0))):
        r = render_page(spec)
        r.save(d / f"{stem}.png", gt=True)
    return d


def _gt_text(gt_dir: Path, stem: str) -> str:
    return (gt_dir / f"{stem}.gt.txt").read_text(encoding="utf-8")


def _units(text: str) -> list[str]:
    return [u for u in text.split("\n\n") if u.strip()]


def eval_json(gt_dir: Path, out: Path) -> dict:
    res = CliRunner().invoke(cli, ["eval", "--gt", str(gt_dir), str(out), "--json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_definitions_on_small_strings():
    s = text_score("AB CD\n", "ＡBXD E")           # NFKC folds the full-width A, whitespace is dropped
    assert (s.gt_chars, s.hyp_chars, s.edits) == (4, 5, 2)
    assert s.cer == pytest.approx(0.5)
    assert s.bag == pytest.approx(1 - 2 * (3 / 5) * (3 / 4) / (3 / 5 + 3 / 4))
    assert normalize("中 文\u3000，１") == "中文,1"
    assert text_score("abc", "").cer == 1.0 and text_score("abc", "").bag == 1.0
    b = block_score([Box(0, 0, 100, 100), Box(200, 0, 300, 100)], [Box(0, 0, 100, 90), Box(500, 0, 600, 100)])
    assert (b.matched, b.hyp_matched, b.recall, b.precision) == (1, 1, 0.5, 0.5)
    split = block_score([Box(0, 0, 100, 100)], [Box(0, 0, 33, 100), Box(33, 0, 66, 100), Box(66, 0, 100, 100)])
    assert (split.matched, split.over, split.under) == (0, 1, 0)
    merged = block_score([Box(0, 0, 100, 100), Box(200, 0, 300, 100)], [Box(0, 0, 300, 100)])
    assert (merged.matched, merged.over, merged.under) == (0, 0, 1)


def test_perfect_then_swapped_paragraphs(gt_dir, tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    for stem in ("p1", "p2"):
        (out / "sub" / f"{stem}.txt").write_text(_gt_text(gt_dir, stem), encoding="utf-8")
    perfect = eval_json(gt_dir, out)
    assert perfect["overall"]["cer_micro"] == 0 and perfect["overall"]["bag_macro"] == 0
    units = _units(_gt_text(gt_dir, "p1"))
    big = sorted(range(len(units)), key=lambda i: -len(units[i]))[:2]
    units[big[0]], units[big[1]] = units[big[1]], units[big[0]]
    (out / "sub" / "p1.txt").write_text("\n\n".join(units), encoding="utf-8")
    swapped = eval_json(gt_dir, out)
    p1 = next(p for p in swapped["pages"] if p["page"] == "p1")
    assert p1["cer"] > 0.2 and p1["bag"] == 0            # order broken, characters all there
    o = swapped["overall"]
    assert o["cer_macro"] == pytest.approx(p1["cer"] / 2)
    assert o["cer_micro"] == pytest.approx(p1["edits"] / o["gt_chars"])
    assert o["bag_micro"] == 0


def test_alto_text_and_block_recall(gt_dir, tmp_path):
    out = tmp_path / "out"
    for stem in ("p1", "p2"):
        gt = json.loads((gt_dir / f"{stem}.gt.json").read_text(encoding="utf-8"))
        r = Rendered(np.zeros((gt["height"], gt["width"]), np.uint8), gt["dpi"], gt["blocks"], gt["lines"],
                     _gt_text(gt_dir, stem), gt["rotation_deg"])
        page = page_from_render(r, gt_dir / f"{stem}.png")
        if stem == "p2":                       # everything merged into one block: no block matches
            texts = [b for b in page.ordered_blocks() if b.type.is_text]
            merged = texts[0]
            merged.lines = [ln for b in texts for ln in b.lines]
            merged.box = Box.union_all(b.box for b in texts)
            page.blocks, page.articles = [merged], []
            merged.article = None
        write_alto(page, out / f"{stem}.xml", OutputSettings())
    res = eval_json(gt_dir, out)
    pages = {p["page"]: p for p in res["pages"]}
    assert pages["p1"]["hyp"].endswith("p1.xml") and pages["p1"]["bag"] == 0
    assert pages["p1"]["cer"] < 0.01                       # text from the ALTO Strings, document order
    assert pages["p1"]["blocks"]["recall"] == 1.0 and pages["p1"]["blocks"]["precision"] == 1.0
    assert pages["p2"]["blocks"]["recall"] == 0.0
    n1, n2 = pages["p1"]["blocks"]["gt_blocks"], pages["p2"]["blocks"]["gt_blocks"]
    assert res["overall"]["block_recall_micro"] == pytest.approx(n1 / (n1 + n2))
    assert res["overall"]["block_recall_macro"] == pytest.approx(0.5)


def test_missing_page_and_errors(gt_dir, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "p1.txt").write_text(_gt_text(gt_dir, "p1"), encoding="utf-8")
    res = eval_json(gt_dir, out)
    p2 = next(p for p in res["pages"] if p["page"] == "p2")
    assert p2["missing"] and p2["cer"] == 1.0 and res["overall"]["missing"] == 1
    table = CliRunner().invoke(cli, ["eval", "--gt", str(gt_dir), str(out)])
    assert table.exit_code == 0 and "MISSING" in table.output and "CER micro=" in table.output
    res = CliRunner().invoke(cli, ["eval", "--gt", str(tmp_path / "nope"), str(out)])
    assert res.exit_code == 2 and "ground-truth folder not found" in res.output and "Traceback" not in res.output
    res = CliRunner().invoke(cli, ["eval", "--gt", str(out / ".."), str(tmp_path / "nope")])
    assert res.exit_code == 2 and res.output.startswith("digitize: error: ")


def test_plain_txt_ground_truth_and_speed(tmp_path):
    """STEM.txt ground truth; a 10,000-character page scores in well under a second or two."""
    rng = random.Random(5)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    gt = "".join(rng.choice(alphabet) for _ in range(10_000))
    hyp = list(gt)
    for i in rng.sample(range(len(hyp)), 500):
        hyp[i] = rng.choice(alphabet)
    (tmp_path / "gt").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "gt" / "big.txt").write_text(gt, encoding="utf-8")
    (tmp_path / "out" / "big.txt").write_text("\n".join("".join(hyp[i:i + 40]) for i in range(0, 10_000, 40)),
                                              encoding="utf-8")
    t = time.perf_counter()
    ev = evaluate(tmp_path / "gt", tmp_path / "out")
    assert time.perf_counter() - t < 30.0     # a guard against a quadratic alignment (minutes), not a speed test
    (page,) = ev.pages
    assert page.text.gt_chars == 10_000 and 0.04 < page.text.cer <= 0.05


def test_alto_in_inch1200_is_scored_in_pixels(gt_dir, tmp_path):
    gt = json.loads((gt_dir / "p1.gt.json").read_text(encoding="utf-8"))
    r = Rendered(np.zeros((gt["height"], gt["width"]), np.uint8), gt["dpi"], gt["blocks"], gt["lines"],
                 _gt_text(gt_dir, "p1"), gt["rotation_deg"])
    page = page_from_render(r, gt_dir / "p1.png")
    write_alto(page, tmp_path / "p1.xml", OutputSettings(measurement_unit="inch1200"))
    assert "inch1200" in (tmp_path / "p1.xml").read_text(encoding="utf-8")
    (p1, _) = evaluate(gt_dir, tmp_path).pages
    assert p1.blocks.recall == 1.0 and p1.text.cer < 0.01


def test_line_figures_found_in_order_and_merged() -> None:
    from digitize.geometry import Box
    from digitize.qa.evaluate import line_score

    # two columns of three GT lines each (blocks A and B), read column by column
    gt = [(Box(0, y, 100, y + 20), "A") for y in (0, 30, 60)] + [(Box(150, y, 250, y + 20), "B") for y in (0, 30, 60)]
    same = [b for b, _ in gt]
    s = line_score(gt, same)
    assert (s.found, s.pairs, s.in_order, s.merged) == (6, 5, 5, 0)
    across = [Box(0, y, 250, y + 20) for y in (0, 30, 60)]          # read straight across the gutter
    s = line_score(gt, across)
    assert s.found == 6 and s.merged == 6 and s.in_order == 4       # only A3 -> B1 jumps back
    rows = [same[3], same[4], same[5], same[0], same[1]]              # column B first, one line of A missing
    s = line_score(gt, rows)
    assert s.found == 5 and s.found_share == pytest.approx(5 / 6)
    assert s.order_share == pytest.approx(3 / 4) and s.merged_share == 0.0
    assert line_score(gt, []).found == 0
