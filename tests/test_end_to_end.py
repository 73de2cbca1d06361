"""The whole product as an archivist uses it: `digitize run` on a folder of rendered newspaper scans.

Pages are rendered by the project's own renderer (Chinese text in a CJK font, columns, headlines, skew,
noise), so the expected text and reading order are known exactly.  The run goes through the real CLI in a
subprocess with the default engine, like `make demo` does.
"""
from __future__ import annotations

import re
import unicodedata
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from digitize.qa.evaluate import evaluate
from digitize.validate import load_schema, validate_file
from tests.fixtures.render import PageSpec

HAN = r"[\u3400-\u9fff]"

SPECS = {
    # the layout problem plain Tesseract fails at: three columns under a spanning headline, slightly skewed
    "issue1/p1-3col.png": PageSpec(width=1700, height=1300, columns=3, seed=11, headline_span=2, body_px=34),
    "issue1/p2-skew.jpg": PageSpec(width=1700, height=1300, columns=3, seed=12, headline_span=3, skew_deg=1.5,
                                   noise=5.0, blur=0.6, paper=240, ink=30, jpeg_quality=85, body_px=34),
    "issue1/p3-4col.tif": PageSpec(width=2000, height=1500, columns=4, seed=13, headline_span=2, rules=True,
                                   subhead=True, body_px=32),
    # one article set top-to-bottom, its columns read right to left
    "issue2/p4-vertical.png": PageSpec(width=2200, height=1400, columns=4, seed=14, vertical=True, body_px=34),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory, rendered_page):
    root = tmp_path_factory.mktemp("e2e")
    scans, gt, out = root / "scans", root / "gt", root / "out"
    for rel, spec in SPECS.items():
        rendered_page(spec).save(scans / rel, gt=True, gt_dir=gt)
    # bad inputs next to the good pages
    (scans / "issue1" / "empty.png").write_bytes(b"")
    (scans / "issue1" / "notes.png").write_text("这不是图片", encoding="utf-8")
    good_jpeg = (scans / "issue1" / "p2-skew.jpg").read_bytes()
    (scans / "issue1" / "truncated.jpg").write_bytes(good_jpeg[: len(good_jpeg) // 3])
    proc = subprocess.run([sys.executable, "-m", "digitize", "run", str(scans), "-o", str(out),
                           "--workers", "2", "--quiet"], capture_output=True, text=True, timeout=600)
    return proc, scans, gt, out


def test_good_pages_written_bad_ones_named_without_traceback(batch):
    proc, scans, gt, out = batch
    assert proc.returncode == 1, proc.stderr           # some pages failed
    assert "Traceback" not in proc.stderr + proc.stdout
    for rel in SPECS:
        stem = Path(rel).with_suffix("")
        assert (out / f"{stem}.xml").is_file() and (out / f"{stem}.txt").is_file(), rel
    report = proc.stdout + proc.stderr
    for name, reason in (("empty.png", "empty"), ("notes.png", "not"), ("truncated.jpg", "trunc")):
        line = next((ln for ln in report.splitlines() if name in ln), "")
        assert reason in line.lower(), f"{name}: {line!r}\n{report}"
    assert not list(out.rglob("*.tmp"))


def test_manifest_records_wall_and_cpu_time_per_stage(batch):
    import json
    import sqlite3

    _, _, _, out = batch
    con = sqlite3.connect(out / "manifest.sqlite")
    rows = con.execute("SELECT timings FROM pages WHERE status = 'done'").fetchall()
    con.close()
    assert len(rows) == len(SPECS)
    for (timings,) in rows:
        t = json.loads(timings)
        for stage in ("preprocess", "layout", "recognition"):
            # a stage runs on one thread, but recognition's lines may also be read on cores idle workers lend
            threads = t.get(stage + "_threads", 1)
            assert t[stage] > 0 and 0 < t[stage + "_cpu"] <= t[stage] * threads * 1.5 + 0.05, t


def test_alto_is_valid_4_4(batch):
    _, _, _, out = batch
    schema = load_schema("alto-4-4.xsd")
    altos = sorted(out.rglob("*.xml"))
    assert len(altos) == len(SPECS)
    for path in altos:
        assert validate_file(path) == [], path
        assert schema.validate(etree.parse(str(path))), schema.error_log


def test_text_is_right_and_in_reading_order(batch):
    _, _, gt, out = batch
    result = evaluate(gt, out)
    for page in result.pages:
        # the renderer's ground truth is exact: what is left is recognition noise, not order
        assert page.text.cer <= 0.05, (page.stem, page.text.cer, page.text.bag)
        assert page.text.cer - page.text.bag <= 0.02, (page.stem, page.text.cer, page.text.bag)


def test_vertical_block_marked_in_alto(batch):
    _, _, _, out = batch
    alto = etree.parse(str(out / "issue2" / "p4-vertical.xml"))
    ns = {"a": alto.getroot().nsmap[None]}
    vertical = alto.xpath("//a:TextBlock[@BASEDIRECTION='ttb']", namespaces=ns)
    assert len(vertical) == 1
    lines = vertical[0].xpath("a:TextLine", namespaces=ns)
    assert len(lines) >= 5
    xs = [float(ln.get("HPOS")) for ln in lines]
    assert xs == sorted(xs, reverse=True)              # columns of a vertical block read right to left
    assert all(float(ln.get("HEIGHT")) > 3 * float(ln.get("WIDTH")) for ln in lines)


def test_clean_text_shape(batch):
    _, _, gt, out = batch
    for txt in out.rglob("*.txt"):
        text = txt.read_text(encoding="utf-8")
        gt_text = unicodedata.normalize("NFKC", (gt / f"{txt.stem}.gt.txt").read_text(encoding="utf-8"))
        # a space between Chinese characters only where the print leaves a field gap (as the truth has it)
        field_pairs = set(re.findall(f"({HAN}) +({HAN})", gt_text))
        assert set(re.findall(f"({HAN}) +(?={HAN})", text)) <= {a for a, _ in field_pairs}, txt
        units = [u for u in text.split("\n\n") if u.strip()]
        truth = [u for u in gt_text.split("\n\n") if u.strip()]
        # headline, byline and each paragraph is one unit, like the reference front page
        assert abs(len(units) - len(truth)) <= max(1, len(truth) // 5), (txt, len(units), len(truth))
        assert text == unicodedata.normalize("NFKC", text), txt       # NFKC, like the reference document
