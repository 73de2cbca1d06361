"""benchmarks/layout_dump.py: the layout model of a page as JSON, the same on every run (a speed change is
proven same-output by comparing two checkouts' dumps)."""
import json

from .fixtures import benchmarks


def _dump_module():
    return benchmarks.load("layout_dump.py")


def test_layout_dump_writes_the_blocks_and_lines_the_same_twice(sample_dir, tmp_path):
    dump = _dump_module()
    page = sample_dir / "page-a.png"
    assert dump.main([str(page), "--out", str(tmp_path / "a")]) == 0
    assert dump.main([str(page), "--out", str(tmp_path / "b")]) == 0
    a = (tmp_path / "a" / "page-a.layout.json").read_text(encoding="utf-8")
    assert a == (tmp_path / "b" / "page-a.layout.json").read_text(encoding="utf-8")
    rec = json.loads(a)
    assert rec["size"] == [1400, 1100]
    lines = [ln for b in rec["blocks"] for ln in b["lines"]]
    assert len(rec["blocks"]) >= 3 and len(lines) >= 10
    assert all(set(ln["box"]) == {"x0", "y0", "x1", "y1"} for ln in lines)
    assert {b["type"] for b in rec["blocks"]} >= {"body"}
    assert rec["layout_settings"]["columns"] >= 2
