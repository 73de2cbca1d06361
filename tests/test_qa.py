"""QA commands on a batch output built from rendered fixture pages: flags, overlays, reviews, export,
the HTML report (opened in headless Chromium).

The batch output is written the way `digitize run` writes it: the project's ALTO and text writers
on a page model (here: the fixture's ground truth with chosen confidences) and a manifest table
``pages`` with the batch runner's columns.
"""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from digitize.cli import cli
from digitize.config import OutputSettings, QASettings
from digitize.geometry import Box
from digitize.model import Article, Block, BlockType, Glyph, Line, Page, ProcessingStep, Separator, Word
from digitize.qa.overlay import LOW_CONF_COLOUR, TYPE_COLOURS
from digitize.writers.alto import write_alto
from digitize.writers.text import write_text
from tests.fixtures import benchmarks
from tests.fixtures.render import PageSpec, Rendered, render_page

MANIFEST_COLUMNS = """id INTEGER PRIMARY KEY, source TEXT, rel TEXT, frame INTEGER, size INTEGER, checksum TEXT,
    status TEXT, reason TEXT, engine TEXT, alto TEXT, txt TEXT, width INTEGER, height INTEGER, chars INTEGER,
    mean_conf REAL, low_conf_chars INTEGER, deskew_angle REAL, blocks INTEGER, articles INTEGER, timings TEXT,
    started TEXT, finished TEXT, attempts INTEGER"""


def _words(text: str, box: Box, vertical: bool, conf_of) -> list[Word]:
    n = max(1, len(text))
    words = []
    for i, ch in enumerate(text):
        if vertical:
            b = Box(box.x0, box.y0 + i * box.height // n, box.x1, box.y0 + (i + 1) * box.height // n)
        else:
            b = Box(box.x0 + i * box.width // n, box.y0, box.x0 + (i + 1) * box.width // n, box.y1)
        c = conf_of()
        words.append(Word(ch, b, c, glyphs=[Glyph(ch, b, c)]))
    return words


def page_from_render(r: Rendered, source: Path, low_every: int = 0, deskew: float = 0.0) -> Page:
    """A finished page model from the fixture's ground truth: every character a Word with
    confidence 0.95, or 0.3 for every ``low_every``-th character."""
    h, w = r.image.shape
    counter = iter(range(10**9))
    conf_of = (lambda: 0.3 if low_every and next(counter) % low_every == 0 else 0.95)
    page = Page(source=source, width=w, height=h, dpi=r.dpi, checksum="0" * 64, deskew_angle=deskew)
    page.steps.append(ProcessingStep("deskew", "digitize", "0.1", {"angle": deskew}, category="preOperation"))
    articles: dict[str, Article] = {}
    for b in r.blocks:
        if b["type"] == "separator":
            page.separators.append(Separator(b["id"], Box(*b["box"]), b["orientation"], kind=b["kind"]))
            continue
        art = f"art{b['article']}" if b["article"] is not None else None
        block = Block(b["id"], BlockType(b["type"]), Box(*b["box"]), order=b["order"], article=art)
        for ln in r.lines:
            if ln["block"] == b["id"]:
                lbox = Box(*ln["box"])
                block.lines.append(Line(ln["id"], lbox, words=_words(ln["text"], lbox, ln["vertical"], conf_of),
                                        indent=ln["indent"], vertical=ln["vertical"]))
        page.blocks.append(block)
        if art:
            articles.setdefault(art, Article(art)).block_ids.append(block.id)
    page.articles = list(articles.values())
    return page


def add_page(out: Path, con: sqlite3.Connection, src_root: Path, rel: str, page: Page | None,
             status: str = "done", reason: str = "", image: np.ndarray | None = None) -> None:
    """Write the page's scan, ALTO and text like the batch runner, and its manifest row."""
    source = src_root / rel
    source.parent.mkdir(parents=True, exist_ok=True)
    if image is not None:
        Image.fromarray(image).save(source, dpi=(300, 300))
    else:
        source.write_bytes(b"this is not an image")
    row = dict(source=str(source), rel=rel, frame=0, size=source.stat().st_size, checksum="0" * 64,
               status=status, reason=reason, engine="ppocr", alto=None, txt=None, width=0, height=0, chars=0,
               mean_conf=None, low_conf_chars=0, deskew_angle=None, blocks=0, articles=0, timings="{}",
               started="2026-01-01T00:00:00+00:00", finished="2026-01-01T00:00:09+00:00", attempts=1)
    if page is not None:
        stem = str(Path(rel).with_suffix(""))
        write_alto(page, out / f"{stem}.xml", OutputSettings())
        write_text(page, out / f"{stem}.txt")
        confs = [g.confidence for w in page.words() for g in w.glyphs]
        row.update(alto=f"{stem}.xml", txt=f"{stem}.txt", width=page.width, height=page.height, chars=len(confs),
                   mean_conf=sum(confs) / len(confs) if confs else None,
                   low_conf_chars=sum(c < 0.6 for c in confs), deskew_angle=page.deskew_angle,
                   blocks=len(page.blocks), articles=len(page.articles),
                   timings=json.dumps({"layout": 1.0, "recognition": 5.0}))
    con.execute(f"INSERT INTO pages ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


@pytest.fixture(scope="module")
def handmade(tmp_path_factory) -> Path:
    """OUT written by hand (exact confidences and boxes) with four pages: good, blank (no text),
    broken (failed), skewed (3 deg, low confidence, a body block widened across a column rule)."""
    root = tmp_path_factory.mktemp("qa")
    out, src = root / "out", root / "scans"
    out.mkdir()
    con = sqlite3.connect(out / "manifest.sqlite")
    con.execute(f"CREATE TABLE pages ({MANIFEST_COLUMNS})")
    good = render_page(PageSpec(seed=3, columns=3, picture=True))
    add_page(out, con, src, "issue1/good.png", page_from_render(good, src / "issue1/good.png"), image=good.image)
    blank = np.full((1400, 1800), 250, np.uint8)
    add_page(out, con, src, "issue1/blank.png", Page(source=src / "issue1/blank.png", width=1800, height=1400),
             image=blank)
    add_page(out, con, src, "issue1/broken.jpg", None, status="failed",
             reason="not a readable image (UnidentifiedImageError)")
    skewed = render_page(PageSpec(seed=4, columns=3, skew_deg=3.0))
    page = page_from_render(skewed, src / "issue2/skewed.png", low_every=3, deskew=3.0)
    body = [b for b in page.blocks if b.type is BlockType.BODY]
    body[1].box = Box(body[0].box.x0 + body[0].box.width // 3, body[1].box.y0, body[1].box.x1, body[1].box.y1)
    add_page(out, con, src, "issue2/skewed.png", page, image=skewed.image)
    con.commit()
    con.close()
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """A real `digitize run` output on rendered pages: issue1/good.png (3 columns, picture),
    issue1/blank.png (no text) and issue1/broken.jpg (not an image); ground truth in ../gt."""
    root = tmp_path_factory.mktemp("qarun")
    inp = root / "in" / "issue1"
    render_page(PageSpec(seed=3, columns=3, picture=True)).save(inp / "good.png", gt=True, gt_dir=root / "gt")
    Image.fromarray(np.full((1400, 1800), 250, np.uint8)).save(inp / "blank.png", dpi=(300, 300))
    (inp / "broken.jpg").write_bytes(b"this is not an image")
    out = root / "out"
    res = subprocess.run([sys.executable, "-c", "from digitize.cli import main; main()", "run", str(root / "in"),
                          "-o", str(out), "--workers", "1", "-q"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 1 and (out / "manifest.sqlite").is_file(), res.stdout + res.stderr  # 1: a page failed
    return out


def run(*args: str) -> object:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result


def summary_rows(out: Path, *extra: str) -> dict[str, dict]:
    res = run("qa", "summary", out, "--json", *extra)
    assert res.exit_code == 0, res.output
    return {r["name"]: r for r in json.loads(res.output)}


def codes(row: dict) -> set[str]:
    return {f["code"] for f in row["flags"]}


def test_summary_of_a_real_run(batch):
    rows = summary_rows(batch)
    assert set(rows) == {"issue1/good", "issue1/blank", "issue1/broken"}
    broken = rows["issue1/broken"]
    assert broken["status"] == "failed" and codes(broken) == {"failed"} and broken["reason"]
    assert broken["flags"][0]["message"] == f"failed: {broken['reason']}"
    assert "few-chars" in codes(rows["issue1/blank"]) and rows["issue1/blank"]["chars"] == 0
    good = rows["issue1/good"]
    assert good["status"] == "done" and good["chars"] > 300 and good["blocks"] > 3
    assert good["alto"] == "issue1/good.xml" and good["mean_conf"] > 0.5
    order = [r["name"] for r in json.loads(run("qa", "summary", batch, "--json").output)]
    assert order[0] == "issue1/broken"                                # worst first
    res = run("qa", "summary", batch, "--status", "failed")
    assert res.exit_code == 0 and "broken" in res.output and "good" not in res.output
    assert "failed:" in res.output


def test_flags_on_handmade_pages(handmade):
    rows = summary_rows(handmade)
    assert codes(rows["issue1/good"]) == set()                        # clean page, blocks inside their columns
    assert codes(rows["issue1/blank"]) == {"few-chars"}
    assert codes(rows["issue1/broken"]) == {"failed"}
    skewed = rows["issue2/skewed"]
    assert codes(skewed) >= {"skew", "low-conf", "overlap", "across-rule"}
    assert skewed["low_conf_share"] == pytest.approx(1 / 3, abs=0.02)
    order = [r["name"] for r in json.loads(run("qa", "summary", handmade, "--json").output)]
    assert order[:2] == ["issue1/broken", "issue2/skewed"]              # highest estimated CER first
    by_name = [r["name"] for r in json.loads(run("qa", "summary", handmade, "--json", "--sort", "name").output)]
    assert by_name == sorted(by_name)
    assert set(summary_rows(handmade, "--flagged")) == {"issue1/blank", "issue1/broken", "issue2/skewed"}


def test_thresholds_come_from_the_qa_profile(handmade, tmp_path):
    cfg = tmp_path / "qa.toml"
    cfg.write_text("[qa]\nmax_skew_deg = 5.0\n", encoding="utf-8")
    res = run("qa", "--config", cfg, "summary", handmade, "--json")
    skewed = next(r for r in json.loads(res.output) if r["name"] == "issue2/skewed")
    assert "skew" not in codes(skewed) and "low-conf" in codes(skewed)
    quick = summary_rows(handmade, "--quick")["issue2/skewed"]          # no ALTO read: no layout flags
    assert "skew" in codes(quick) and not codes(quick) & {"overlap", "across-rule"}
    cfg.write_text("[qa]\nmax_skew = 5.0\n", encoding="utf-8")
    res = run("qa", "--config", cfg, "summary", handmade)
    assert res.exit_code == 2 and "max_skew" in res.output


def test_own_calibration_from_the_qa_profile(handmade, tmp_path):
    """A profile's [qa] calibration (a path from the TOML file's folder) replaces the shipped constants:
    weak characters alone, weighted 1, give the skewed page (a third of its characters weak) 0.01 + 1/3 (the
    shipped constants weigh them 1.8-3.4)."""
    (tmp_path / "cal").mkdir()
    (tmp_path / "cal" / "mine.json").write_text(json.dumps(
        {"intercept": 0.01, "weights": {"low_conf_share": 1.0}}), encoding="utf-8")
    cfg = tmp_path / "qa.toml"
    cfg.write_text("[qa]\ncalibration = \"cal/mine.json\"\n", encoding="utf-8")
    res = run("qa", "--config", cfg, "summary", handmade, "--json")
    assert res.exit_code == 0, res.output
    rows = {r["name"]: r for r in json.loads(res.output)}
    assert rows["issue2/skewed"]["estimated_cer"] == pytest.approx(0.01 + 1 / 3, abs=0.03)
    assert rows["issue1/good"]["estimated_cer"] == pytest.approx(0.01, abs=0.005)
    shipped = summary_rows(handmade)["issue2/skewed"]["estimated_cer"]
    assert abs(shipped - rows["issue2/skewed"]["estimated_cer"]) > 0.1
    cfg.write_text("[qa]\ncalibration = \"cal/missing.json\"\n", encoding="utf-8")
    res = run("qa", "--config", cfg, "summary", handmade)
    assert res.exit_code != 0 and "missing.json" in res.output and "Traceback" not in res.output


def test_mark_persists_and_export_lists_approved_only(batch):
    out = batch
    res = run("qa", "mark", out, "issue1/good.png", "--approve", "--note", "fine", "--reviewer", "ann")
    assert res.exit_code == 0, res.output
    blank_id = summary_rows(out)["issue1/blank"]["id"]
    assert run("qa", "mark", out, str(blank_id), "--approve", "--reviewer", "bob").exit_code == 0
    assert run("qa", "mark", out, "blank", "--reject", "--note", "empty page").exit_code == 0   # latest wins
    rows = summary_rows(out)
    good = rows["issue1/good"]
    assert good["review"] == "approved" and good["reviewer"] == "ann" and good["review_note"] == "fine"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", good["review_time"])
    assert rows["issue1/blank"]["review"] == "rejected" and rows["issue1/broken"]["review"] == "unreviewed"
    assert set(summary_rows(out, "--status", "approved")) == {"issue1/good"}
    assert set(summary_rows(out, "--status", "unreviewed")) == {"issue1/broken"}
    table = run("qa", "summary", out).output
    assert "approved" in table and "empty page" in table
    exported = run("qa", "export", out).output.splitlines()
    assert exported == [str((out / "issue1/good.xml").resolve())]
    assert run("qa", "export", out, "--status", "rejected", "--relative").output.split() == ["issue1/blank.xml"]
    con = sqlite3.connect(out / "manifest.sqlite")
    assert con.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 3
    assert con.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 3     # the batch's table is untouched
    con.close()
    res = run("qa", "mark", out, "broken", "--approve")                 # a failed page cannot be approved
    assert res.exit_code == 2 and "cannot approve" in res.output and "Traceback" not in res.output
    res = run("qa", "mark", out, "nosuchpage", "--reject")
    assert res.exit_code == 2 and "no page 'nosuchpage'" in res.output
    assert run("qa", "mark", out, "good").exit_code != 0                 # neither --approve nor --reject


def _colour_pixels(arr: np.ndarray, colour, tol: int = 40) -> int:
    return int((np.abs(arr.astype(int) - np.array(colour)).max(axis=2) <= tol).sum())


def _page_part(im: Image.Image, width: int, height: int) -> tuple[np.ndarray, int, float]:
    """The overlay's page area (below the header), the header height and the scale."""
    scale = im.size[0] / width
    header = im.size[1] - round(height * scale)
    return np.asarray(im.convert("RGB"))[header:], header, scale


def test_show_on_a_real_run(batch, tmp_path):
    png = tmp_path / "good.png"
    res = run("qa", "show", batch, "issue1/good", "-o", png)
    assert res.exit_code == 0, res.output
    im = Image.open(png)
    assert im.format == "PNG" and min(im.size) >= 800
    page, header, _ = _page_part(im, 1800, 1400)
    assert header > 30
    assert _colour_pixels(page, TYPE_COLOURS["body"], 10) > 500          # body outlines drawn
    assert _colour_pixels(page, TYPE_COLOURS["headline"], 10) > 100
    assert run("qa", "show", batch, "broken", "-o", tmp_path / "broken.png").exit_code == 0
    assert min(Image.open(tmp_path / "broken.png").size) >= 800         # no image: a grey canvas with the reason


def test_overlay_puts_blocks_and_low_confidence_where_they_are(handmade, tmp_path):
    png = tmp_path / "good.png"
    assert run("qa", "show", handmade, "1", "-o", png).exit_code == 0
    im = Image.open(png)
    page, header, scale = _page_part(im, 1800, 1400)
    for t in ("headline", "body", "byline", "picture"):
        assert _colour_pixels(page, TYPE_COLOURS[t], 10) > 300, t
    from digitize.qa.alto import read_alto
    body = next(b for b in read_alto(handmade / "issue1/good.xml").blocks if b.type == "body")
    x = round(body.box.x0 * scale) + 1                                  # left outline of the first body block
    edge = np.array([page[y, x] for y in range(round(body.box.y0 * scale) + 40, round(body.box.y1 * scale) - 40, 7)])
    assert np.mean(np.abs(edge.astype(int) - TYPE_COLOURS["body"]).max(axis=1) <= 40) > 0.7
    assert _colour_pixels(page, LOW_CONF_COLOUR, 40) == 0               # all confident: nothing highlighted
    assert _colour_pixels(np.asarray(im.convert("RGB"))[:header], LOW_CONF_COLOUR, 10) > 100   # legend
    skew_png = tmp_path / "skewed.png"
    assert run("qa", "show", handmade, "skewed", "-o", skew_png, "--size", "900").exit_code == 0
    sk = Image.open(skew_png)
    assert min(sk.size) >= 900
    assert _colour_pixels(_page_part(sk, 1800, 1400)[0], LOW_CONF_COLOUR, 60) > 2000


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium_run(args: list[str], tmp: Path) -> subprocess.CompletedProcess:
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp / 'profile'}",
           "--virtual-time-budget=5000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_report_is_self_contained_and_renders_in_chromium(batch, tmp_path):
    html_path = tmp_path / "report.html"
    res = run("qa", "report", batch, "-o", html_path)
    assert res.exit_code == 0, res.output
    html = html_path.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html          # nothing fetched from the network
    assert len(re.findall(r'<tr class="(?:flagged|clean)"', html)) == 3
    assert len(re.findall(r'src="data:image/jpeg;base64,', html)) == 2 + 3   # 2 thumbnails (broken has none) + 3 overlays
    names = re.findall(r'<a href="#page-\d+">([^<]+)</a>', html)
    assert names[0] == "issue1/broken"
    if _chromium() is None:
        pytest.skip("chromium not installed (make install adds it)")
    probe = tmp_path / "probe.html"                                    # count images decoded by the browser
    probe.write_text(html.replace("</body>", "<script>window.addEventListener('load',()=>{document.body."
                                  "setAttribute('data-decoded',[...document.images].filter(i=>i.complete&&"
                                  "i.naturalWidth>0).length)})</script></body>"), encoding="utf-8")
    dom = _chromium_run(["--dump-dom", probe.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert 'data-decoded="5"' in dom.stdout
    assert len(re.findall(r'<tr class="(?:flagged|clean)"', dom.stdout)) == 3
    shot = tmp_path / "shot.png"
    res = _chromium_run([f"--screenshot={shot}", "--window-size=1280,2000", html_path.as_uri()], tmp_path)
    assert shot.is_file(), res.stderr[-2000:]
    arr = np.asarray(Image.open(shot).convert("L"))
    assert arr.std() > 20 and (arr < 128).mean() > 0.01               # text and pictures, not a blank page


def test_eval_on_a_real_run(batch):
    res = run("eval", "--gt", batch.parent / "gt", batch, "--json")
    assert res.exit_code == 0, res.output
    (page,) = json.loads(res.output)["pages"]
    assert page["page"] == "good" and not page["missing"] and page["hyp"].endswith("good.txt")
    assert page["gt_chars"] > 300 and page["bag"] < 0.2 and "blocks" in page


def test_correct_rewrites_the_line_in_alto_and_text(batch, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(batch, out)
    from digitize.qa.alto import read_alto
    from digitize.validate import validate_file

    alto = read_alto(out / "issue1/good.xml")
    line = next(ln for b in alto.ordered_blocks() for ln in b.lines if len(ln.text) >= 4)
    old_txt = (out / "issue1/good.txt").read_text(encoding="utf-8")
    res = run("qa", "correct", out, "good", line.id, "改正后的标题 ABC 2024", "--reviewer", "eve")
    assert res.exit_code == 0, res.output
    new = read_alto(out / "issue1/good.xml")
    (fixed,) = [ln for b in new.blocks for ln in b.lines if ln.id == line.id]
    assert fixed.text == "改正后的标题ABC2024" and all(s.confidence == 1.0 for s in fixed.strings)
    assert validate_file(out / "issue1/good.xml") == []
    xml = (out / "issue1/good.xml").read_text(encoding="utf-8")
    assert xml.count('CS="true"') == 1 + 8                              # the line and its 8 Strings
    txt = (out / "issue1/good.txt").read_text(encoding="utf-8")
    if old_txt.count(line.text) == 1:
        assert "改正后的标题 ABC 2024" in txt and line.text not in txt
    else:
        assert "NOT updated" in res.output and txt == old_txt
    con = sqlite3.connect(out / "manifest.sqlite")
    assert con.execute("SELECT line_id, old, reviewer FROM corrections").fetchall() == [(line.id, line.text, "eve")]
    con.close()
    res = run("qa", "correct", out, "good", "no-such-line", "x")
    assert res.exit_code == 2 and "no TextLine with ID 'no-such-line'" in res.output


def test_errors_are_one_line(tmp_path):
    res = run("qa", "summary", tmp_path / "missing")
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "not a folder" in res.output
    res = run("qa", "summary", tmp_path)
    assert res.exit_code == 2 and "no batch manifest" in res.output
    (tmp_path / "manifest.sqlite").write_bytes(b"garbage" * 100)
    res = run("qa", "summary", tmp_path)
    assert res.exit_code == 2 and "manifest.sqlite" in res.output and "Traceback" not in res.output


def test_flag_thresholds_unit():
    from digitize.qa.flags import measure_flags
    from digitize.qa.pages import PageRow

    qa = QASettings()
    row = PageRow(id=1, source=Path("x.png"), rel="x.png", frame=0, status="done", width=2000, height=2000,
                  chars=100, mean_conf=0.9, low_conf_chars=10, deskew_angle=0.5)
    assert [f.code for f in measure_flags(row, qa)] == ["few-chars"]          # 25 chars/MP < 40
    row.chars = 400
    assert measure_flags(row, qa) == []
    row.low_conf_chars, row.mean_conf, row.deskew_angle = 100, 0.5, -2.5
    assert {f.code for f in measure_flags(row, qa)} == {"low-conf", "mean-conf", "skew"}


def test_find_page_by_id_path_or_stem_and_ambiguity():
    from digitize.errors import InputError
    from digitize.qa.pages import PageRow, find_page

    rows = [PageRow(id=1, source=Path("/s/a/p1.tif"), rel="a/p1.tif", frame=0, status="done"),
            PageRow(id=2, source=Path("/s/a/p1.tif"), rel="a/p1.tif", frame=1, status="done"),
            PageRow(id=3, source=Path("/s/b/p1.png"), rel="b/p1.png", frame=0, status="done")]
    assert find_page(rows, "3").id == 3
    assert find_page(rows, "b/p1.png").id == 3 and find_page(rows, "b/p1").id == 3
    assert find_page(rows, "a/p1_p002").id == 2 and rows[1].name == "a/p1_p002"
    with pytest.raises(InputError, match="ambiguous"):
        find_page(rows, "p1")
    with pytest.raises(InputError, match="no page 'zz'"):
        find_page(rows, "zz")


def test_overlap_judged_on_the_straightened_page():
    """Upright boxes around two neighbouring columns of a page skewed by 3 deg overlap at their corners;
    that is not an overlap of the columns.  A block really pushed into its neighbour still is."""
    import math

    from digitize.config import QASettings
    from digitize.qa.alto import AltoBlock, AltoPage
    from digitize.qa.flags import layout_flags

    W, H, skew = 3000, 4000, 3.0
    t = math.radians(skew)

    def turned(x0, y0, x1, y1):
        pts = []
        for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1)):   # turn counter-clockwise on screen
            dx, dy = x - W / 2, y - H / 2
            pts.append((W / 2 + math.cos(t) * dx + math.sin(t) * dy, H / 2 - math.sin(t) * dx + math.cos(t) * dy))
        return Box.around(pts)

    cols = [turned(200 + i * 700, 400, 850 + i * 700, 3600) for i in range(3)]   # 50 px gutters
    alto = AltoPage(Path("p.xml"), W, H, [AltoBlock(f"b{i}", "body", c) for i, c in enumerate(cols)])
    assert any(a.intersection(b) for a, b in zip(cols, cols[1:]))                  # upright boxes do overlap
    qa = QASettings(max_block_overlap=0.05)
    assert "overlap" not in {f.code for f in layout_flags(alto, qa, skew)}
    assert "overlap" in {f.code for f in layout_flags(alto, qa, 0.0)}
    pushed = turned(200 + 700 - 300, 400, 850 + 700, 3600)                         # column 2 reaching into 1
    alto.blocks[1] = AltoBlock("b1", "body", pushed)
    assert "overlap" in {f.code for f in layout_flags(alto, qa, skew)}


def test_estimated_cer_ranks_pages_and_each_flag_says_why(handmade):
    rows = summary_rows(handmade)
    assert rows["issue1/broken"]["estimated_cer"] == 1.0                 # nothing usable was read
    good, skewed = rows["issue1/good"], rows["issue2/skewed"]
    assert 0.0 <= good["estimated_cer"] < skewed["estimated_cer"] <= 1.0  # a third of its characters are weak
    assert skewed["features"]["low_conf_share"] == pytest.approx(1 / 3, abs=0.02)
    assert skewed["features"]["layout"] >= 2 and skewed["features"]["skew"] == pytest.approx(2.0, abs=0.1)
    order = [r["name"] for r in json.loads(run("qa", "summary", handmade, "--json").output)]
    estimates = [rows[n]["estimated_cer"] for n in order]
    assert estimates == sorted(estimates, reverse=True)                   # worst first = highest estimate first
    for f in skewed["flags"]:                                             # a reason in words, with the numbers
        assert len(f["message"].split()) >= 4 and re.search(r"\d", f["message"])
    table = run("qa", "summary", handmade).output
    assert "est. CER" in table and f"{skewed['estimated_cer']:.3f}" in table


def test_calibration_is_one_documented_file(tmp_path):
    from digitize.errors import InputError
    from digitize.qa.estimate import CALIBRATION, FEATURES, load_calibration

    cal = load_calibration()
    data = json.loads(CALIBRATION.read_text(encoding="utf-8"))
    assert "benchmarks/fit_quality.py" in data["command"] and data["fitted_on"]
    assert set(cal.weights) <= set(FEATURES) and all(v >= 0 for v in cal.weights.values())
    clean = {k: 0.0 for k in FEATURES}
    assert 0.0 < cal.estimate(clean) < 0.05
    doubtful = {**clean, "conf_error": 0.2, "low_conf_share": 0.3, "gap_lines": 0.2, "fragments": 0.5}
    assert cal.estimate(doubtful) > cal.estimate(clean)
    for k in FEATURES:                                                     # no warning lowers the estimate
        assert cal.estimate({**clean, k: 0.5}) >= cal.estimate(clean)
    bad = tmp_path / "cal.json"
    bad.write_text("{\"intercept\": 1}", encoding="utf-8")
    with pytest.raises(InputError, match="not a usable quality calibration"):
        load_calibration(bad)
    bad.write_text(json.dumps({"intercept": 0.002, "weights": {"fragments": -0.1}}), encoding="utf-8")
    with pytest.raises(InputError, match="negative constants"):
        load_calibration(bad)
    bad.write_text(json.dumps({"intercept": 0.002, "weights": {"moon_phase": 0.1}}), encoding="utf-8")
    with pytest.raises(InputError, match="unknown features moon_phase"):
        load_calibration(bad)


def test_quality_fit_recovers_an_additive_model_and_holds_sources_out():
    """benchmarks/fit_quality.py: pages whose CER is a known sum of feature costs give those costs back;
    a feature that does not matter gets (about) nothing."""
    import random

    fq = benchmarks.load("fit_quality.py")
    rng = random.Random(5)
    rows = []
    for i in range(60):
        f = {"low_conf_share": rng.uniform(0, 0.05), "unread_ink": rng.uniform(0, 0.02), "noise_share": rng.uniform(0, 0.1),
             "gap_lines": rng.uniform(0, 0.1), "fragments": rng.choice([0.0, rng.uniform(0, 0.8)])}
        cer = 0.003 + 3.0 * f["low_conf_share"] + 1.0 * f["unread_ink"] + 0.4 * f["fragments"]
        rows.append({"set": f"s{i % 3}", "page": str(i), "cer": cer, "features": f})
    cal = fq.fit(rows)
    assert cal.intercept == pytest.approx(0.003, rel=0.1)
    assert cal.weights["low_conf_share"] == pytest.approx(3.0, rel=0.1)
    assert cal.weights["fragments"] == pytest.approx(0.4, rel=0.1)
    assert cal.weights["noise_share"] < 0.01 and cal.weights["gap_lines"] < 0.01
    s = fq.scores(rows[:20], [cal.estimate(r["features"]) for r in rows[:20]])
    assert s["spearman"] > 0.95 and s["worst_rank"] == 1 and s["big_ok"] == s["big"]


def test_quality_fit_weighs_pages_with_real_errors_more():
    """fit_quality.fit weighs each page with CER >= BIG as BIG_WEIGHT clean pages: with nothing to tell them
    apart, the fitted estimate lies nearer the broken pages' CER than an unweighted fit puts it."""
    fq = benchmarks.load("fit_quality.py")
    rows = [{"set": "s", "page": str(i), "cer": 0.004, "features": {"fragments": 0.0}} for i in range(6)]
    rows += [{"set": "s", "page": "b", "cer": 0.1, "features": {"fragments": 0.0}}]
    plain, weighted = fq.fit(rows, ["fragments"], big_weight=1.0), fq.fit(rows, ["fragments"])
    assert fq.BIG_WEIGHT > 1
    assert plain.intercept == pytest.approx((0.004 ** 6 * 0.1) ** (1 / 7), rel=0.05)       # geometric mean
    assert weighted.intercept == pytest.approx((0.004 ** 6 * 0.1 ** fq.BIG_WEIGHT) ** (1 / (6 + fq.BIG_WEIGHT)), rel=0.05)


def test_quality_check_scores_stored_constants_without_fitting(tmp_path, capsys):
    """benchmarks/fit_quality.py without --fit scores --check sets with stored constants (the shipped ones or
    --constants FILE) and fits nothing; a set named GROUP/NAME is drawn with its group."""
    from digitize.qa.estimate import Calibration

    fq = benchmarks.load("fit_quality.py")
    rows = [{"set": "synth/a", "page": str(i), "cer": c, "features": {"low_conf_share": w}}
            for i, (c, w) in enumerate([(0.01, 0.004), (0.3, 0.001), (0.05, 0.02), (0.002, 0.0)])]
    cal = Calibration(0.002, {"low_conf_share": 2.0})
    s = fq.score_stored({"synth/a": rows}, cal)["synth/a"]
    assert [r["stored"] for r in rows] == [0.01, 0.004, 0.042, 0.002]       # 0.002 + 2 * share, as stored
    assert s["worst"] == "1" and s["worst_rank"] == 3 and s["big_ok"] == 1 and s["big"] == 2
    other = dict(rows[0], set="synth/b")
    assert {k: len(v) for k, v in fq.by_group({"synth/a": rows, "synth/b": [other], "vt": [other]}).items()} == \
        {"synth": 5, "vt": 1}
    sys_argv = sys.argv
    try:
        sys.argv = ["fit_quality.py", "--fit", "a=x:y", "--constants", str(tmp_path / "c.json")]
        with pytest.raises(SystemExit):
            fq.main()
    finally:
        sys.argv = sys_argv
    assert "with --check sets only" in capsys.readouterr().err      # stored constants are not fitted


def test_show_labels_line_ids(handmade, tmp_path):
    from digitize.qa.alto import read_alto

    plain, labelled = tmp_path / "plain.png", tmp_path / "ids.png"
    assert run("qa", "show", handmade, "issue1/good", "-o", plain).exit_code == 0
    res = run("qa", "show", handmade, "issue1/good", "-o", labelled, "--line-ids")
    assert res.exit_code == 0, res.output
    a, header, scale = _page_part(Image.open(plain), 1800, 1400)
    b, _, _ = _page_part(Image.open(labelled), 1800, 1400)
    alto = read_alto(handmade / "issue1/good.xml")
    lines = [ln for blk in alto.blocks for ln in blk.lines]
    assert lines and all(ln.id for ln in lines)
    changed = 0
    for ln in lines:                                                       # a label at every line's start
        x0, y0 = round(ln.box.x0 * scale), round(ln.box.y0 * scale)
        patch_a, patch_b = a[y0:y0 + 8, x0:x0 + 12].astype(int), b[y0:y0 + 8, x0:x0 + 12].astype(int)
        changed += np.abs(patch_a - patch_b).max() > 60
    assert changed >= 0.9 * len(lines)
    assert np.abs(a.astype(int) - b.astype(int)).max(axis=2).mean() < 30   # the page is still visible


def test_mark_with_both_decisions_is_a_usage_error(handmade):
    res = run("qa", "mark", handmade, "good", "--approve", "--reject")
    assert res.exit_code == 2 and "not both" in res.output and "Traceback" not in res.output


def test_every_command_help_ends_with_one_example():
    from digitize.cli import COMMANDS

    commands = [[]] + [[c] for c in COMMANDS] + [["qa", c] for c in ("summary", "show", "mark", "export", "report",
                                                                     "correct")]
    for args in commands:
        res = run(*args, "--help")
        assert res.exit_code == 0, (args, res.output)
        tail = [ln for ln in res.output.rstrip().splitlines()][-2:]
        assert tail[0].strip() == "Example:" and tail[1].strip().startswith("digitize "), (args, tail)
        assert res.output.count("Example:") == 1, args


def test_report_text_beside_overlay_in_headless_chromium(batch, tmp_path):
    """The report opened in Chromium (through playwright) shows, per page, the overlay and the text
    in reading order with each line's ID; the IDs are the ALTO TextLine IDs `qa correct` takes."""
    from digitize.qa.alto import read_alto

    html_path = tmp_path / "report.html"
    assert run("qa", "report", batch, "-o", html_path).exit_code == 0
    alto = read_alto(batch / "issue1/good.xml")
    ids = [ln.id for b in alto.ordered_blocks() if b.is_text for ln in b.lines]
    html = html_path.read_text(encoding="utf-8")
    assert all(f'<code class="lid">{i}</code>' in html for i in ids)
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} not installed (make install adds it)")
    good_id = summary_rows(batch)["issue1/good"]["id"]
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(html_path.as_uri())
            section = page.locator(f"#page-{good_id}")
            overlay = section.locator("img.overlay")
            text = section.locator(f"#text-{good_id}")
            assert overlay.is_visible() and text.is_visible()
            assert overlay.evaluate("i => i.complete && i.naturalWidth > 0")
            o, t = overlay.bounding_box(), text.bounding_box()
            assert t["x"] >= o["x"] + o["width"] - 1 and t["y"] < o["y"] + o["height"]   # beside the overlay
            first = text.locator("code.lid").first
            assert first.is_visible() and first.inner_text() == ids[0]
            assert text.locator("code.lid").count() == len(ids)
            rows = summary_rows(batch)
            for name in ("issue1/good", "issue1/blank"):                       # every page read: its own
                pid = rows[name]["id"]                                         # overlay, text and line IDs
                page_ids = [ln.id for b in read_alto(batch / f"{name}.xml").ordered_blocks() if b.is_text
                            for ln in b.lines]
                sec = page.locator(f"#page-{pid}")
                sec.scroll_into_view_if_needed()
                assert sec.locator("img.overlay").evaluate("i => i.complete && i.naturalWidth > 0"), name
                assert sec.locator(f"#text-{pid}").is_visible(), name
                assert sec.locator("code.lid").all_inner_texts() == page_ids, name
            shot = tmp_path / "section.png"
            section.screenshot(path=str(shot))
        finally:
            browser.close()
    arr = np.asarray(Image.open(shot).convert("RGB"))
    scale = arr.shape[1] / 1400 if arr.shape[1] > 1400 else 1.0
    ox0, ox1 = int((o["x"]) * scale), int((o["x"] + o["width"]) * scale)
    tx0 = int(t["x"] * scale)
    assert _colour_pixels(arr[:, ox0:ox1], TYPE_COLOURS["body"], 40) > 200   # the overlay's blocks are painted
    panel = arr[:, tx0:].mean(axis=2)
    assert (panel < 100).mean() > 0.005                                      # dark text in the text panel


CHROMIUM = "/usr/bin/chromium"


def test_gap_inside_running_text_is_a_flag_and_a_feature(tmp_path):
    from digitize.config import QASettings as QS
    from digitize.qa.alto import read_alto
    from digitize.qa.estimate import gap_lines
    from digitize.qa.flags import pipeline_flags

    page = Page(source=tmp_path / "p.png", width=1000, height=600, dpi=300.0)
    lines = []
    for i, text in enumerate(["第一栏的正文第二栏的正文", "正常的一行正文没有空白"]):
        box = Box(10, 10 + 50 * i, 900, 50 + 50 * i)
        words = [Word(ch, Box(10 + 40 * k, box.y0, 50 + 40 * k, box.y1), 0.95,
                      glyphs=[Glyph(ch, Box(10 + 40 * k, box.y0, 50 + 40 * k, box.y1), 0.95)],
                      space_before=(i == 0 and k == 6)) for k, ch in enumerate(text)]
        lines.append(Line(f"l{i}", box, words=words))
    page.blocks = [Block("b0", BlockType.BODY, Box(10, 10, 900, 100), lines=lines, order=0)]
    write_alto(page, tmp_path / "p.xml", OutputSettings())
    alto = read_alto(tmp_path / "p.xml")
    assert gap_lines(alto) == (1, 2)
    flags = {f.code: f for f in pipeline_flags(alto, QS())}
    assert "gap-lines" in flags and "column gutter" in flags["gap-lines"].message


def test_type_under_12_px_per_em_is_flagged_with_its_size(tmp_path):
    from digitize.config import QASettings as QS
    from digitize.qa.alto import read_alto
    from digitize.qa.flags import pipeline_flags
    from digitize.model import ProcessingStep

    def flags_for(em_px: float) -> dict:
        page = Page(source=tmp_path / "p.png", width=400, height=300, dpi=72.0)
        box = Box(10, 10, 300, 10 + int(em_px))
        words = [Word(ch, Box(10 + 12 * k, 10, 20 + 12 * k, 20), 0.95) for k, ch in enumerate("小字的一行")]
        page.blocks = [Block("b0", BlockType.BODY, box, lines=[Line("l0", box, words=words)], order=0)]
        page.steps.append(ProcessingStep("quality", "digitize", "0", {"lines": 1, "em_px": em_px, "em_mm": 3.0},
                                         category="postOperation"))
        write_alto(page, tmp_path / "p.xml", OutputSettings())
        return {f.code: f for f in pipeline_flags(read_alto(tmp_path / "p.xml"), QS())}

    small = flags_for(9.5)
    assert "few-pixels" in small and "9.5 px per em" in small["few-pixels"].message
    assert "few-pixels" not in flags_for(20.0)


def test_order_breaks_sees_a_column_read_out_of_its_paragraph(tmp_path):
    """A column that continues a paragraph, read after anything but the column that runs on into it,
    is an order break (qa.estimate.order_breaks); the same blocks in the right order are not (em 40 px:
    the first column's first line is indented 2 em, its last runs to the end; the second's ends short)."""
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import order_breaks

    def column(bid: str, x: int, indent: bool, last_short: bool, btype: str = "body") -> AltoBlock:
        lines = []
        for i in range(4):
            x0 = x + (80 if indent and i == 0 else 0)
            x1 = x + (200 if last_short and i == 3 else 400)
            text = "正文" * ((x1 - x0) // 80) + ("。" if last_short and i == 3 else "")
            y = 100 + 50 * i
            lines.append(AltoLine(f"{bid}l{i}", Box(x0, y, x1, y + 40),
                                  [AltoString(ch, Box(x0 + 40 * k, y, x0 + 40 * k + 40, y + 40), 0.99)
                                   for k, ch in enumerate(text)]))
        return AltoBlock(bid, btype, Box(x, 100, x + 400, 290), lines, "a1")

    head = AltoBlock("h", "headline", Box(0, 0, 900, 80),
                     [AltoLine("hl", Box(0, 0, 900, 80), [AltoString("标题", Box(0, 0, 900, 80), 0.99)])], "a1")
    first, second = column("c1", 0, indent=True, last_short=False), column("c2", 450, indent=False, last_short=True)
    page = AltoPage(tmp_path / "p.xml", 1000, 400, blocks=[head, first, second], order=["h", "c1", "c2"])
    assert order_breaks(page) == 0.0
    page.order = ["h", "c2", "c1"]          # the second column read first: it continues a paragraph but
    share = order_breaks(page)               # follows the headline (the first, indented, breaks nothing)
    assert share == pytest.approx(len(second.text) / sum(len(b.text) for b in page.blocks))


def test_interleaved_counts_text_inside_another_articles_box(tmp_path):
    """A block whose centre lies inside the box of an article it is not part of counts with its text
    (qa.estimate.interleaved); articles side by side count nothing."""
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import interleaved

    def block(bid: str, box: Box, article: str, n: int = 10) -> AltoBlock:
        line = AltoLine(bid + "l", box, [AltoString("字", box, 0.99) for _ in range(n)])
        return AltoBlock(bid, "body", box, [line], article)

    a1, a2 = block("a", Box(0, 0, 400, 300), "A"), block("b", Box(0, 500, 400, 800), "A")
    c = block("c", Box(500, 0, 900, 800), "B")
    page = AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=[a1, a2, c], articles={"A": ["a", "b"], "B": ["c"]})
    assert interleaved(page) == 0.0
    mid = block("m", Box(0, 320, 400, 480), "B", n=5)     # between A's two blocks, grouped with B: it lies
    page.blocks.append(mid)                                # in A's box, and B's box now takes in A's blocks
    page.articles["B"].append("m")
    assert interleaved(page) == pytest.approx(25 / 35)


def test_interleaved_articles_are_flagged_in_words(tmp_path):
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.flags import pipeline_flags

    def block(bid: str, box: Box, article: str) -> AltoBlock:
        return AltoBlock(bid, "body", box, [AltoLine(bid + "l", box, [AltoString("字", box, 0.99)] * 10)], article)

    blocks = [block("a", Box(0, 0, 400, 300), "A"), block("b", Box(0, 500, 400, 800), "A"),
              block("c", Box(500, 0, 900, 800), "B")]
    page = AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=blocks, articles={"A": ["a", "b"], "B": ["c"]})
    assert "interleaved" not in {f.code for f in pipeline_flags(page, QS())}
    page.blocks.append(block("m", Box(0, 320, 400, 480), "B"))
    page.articles["B"].append("m")
    flag = {f.code: f for f in pipeline_flags(page, QS())}["interleaved"]
    assert "75% of the text" in flag.message and "wrong order" in flag.message


def test_vertical_interleaved_counts_only_columns_of_vertical_lines_and_is_flagged(tmp_path):
    """qa.estimate.interleaved(vertical_only=True) (the estimate's ``vertical_interleaved``) counts a block
    inside another article's box only when its lines run vertically, as a share of all the page's text;
    QA flags it in words above VERTICAL_INTERLEAVED_FLAG."""
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import VERTICAL_INTERLEAVED_FLAG, interleaved, page_features
    from digitize.qa.flags import pipeline_flags

    def block(bid: str, box: Box, article: str, upright: bool, n: int = 10) -> AltoBlock:
        w, h = (40, box.height) if upright else (box.width, 40)
        line = AltoLine(bid + "l", Box(box.x0, box.y0, box.x0 + w, box.y0 + h), [AltoString("字", box, 0.99)] * n)
        return AltoBlock(bid, "body", box, [line], article)

    def page(upright: bool) -> AltoPage:
        blocks = [block("a", Box(500, 0, 900, 300), "A", upright), block("b", Box(500, 500, 900, 800), "A", upright),
                  block("c", Box(0, 0, 400, 800), "B", upright), block("m", Box(500, 320, 900, 480), "B", upright, 5)]
        return AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=blocks, articles={"A": ["a", "b"], "B": ["c", "m"]})

    flat, upright = page(False), page(True)
    assert interleaved(flat) == interleaved(upright) == pytest.approx(25 / 35)
    assert interleaved(flat, vertical_only=True) == 0.0                   # horizontal lines: not counted
    assert interleaved(upright, vertical_only=True) == pytest.approx(25 / 35)
    upright.blocks[0] = block("a", Box(500, 0, 900, 300), "A", False)    # one of them horizontal: the share is
    assert interleaved(upright, vertical_only=True) == pytest.approx(15 / 35)   # still of all the text
    assert 15 / 35 > VERTICAL_INTERLEAVED_FLAG
    codes = {f.code: f for f in pipeline_flags(upright, QS())}
    assert "vertical-interleaved" in codes and "43% of the text" in codes["vertical-interleaved"].message
    assert "wrong order" in codes["vertical-interleaved"].message
    assert "vertical-interleaved" not in {f.code for f in pipeline_flags(flat, QS())}
    from digitize.qa.pages import PageRow
    row = PageRow(1, tmp_path / "p.png", "p.png", 0, "done", width=1000, height=1000, chars=35, mean_conf=0.99)
    assert page_features(row, upright, [])["vertical_interleaved"] == pytest.approx(15 / 35)


def test_interleaved_leaves_out_the_masthead_band(tmp_path):
    """An article of masthead blocks only is the page's title band: text under and between its pieces
    lies in its box but is no article grouped across another (qa.estimate.BANDS)."""
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import interleaved

    def block(bid: str, box: Box, article: str, btype: str) -> AltoBlock:
        line = AltoLine(bid + "l", Box(box.x0, box.y0, box.x0 + 40, box.y1), [AltoString("字", box, 0.99)] * 10)
        return AltoBlock(bid, btype, box, [line], article)

    def page(band: str) -> AltoPage:
        blocks = [block("m1", Box(0, 0, 200, 300), "M", band), block("m2", Box(700, 0, 900, 300), "M", band),
                  block("c", Box(400, 20, 440, 280), "B", "body")]      # a column between the band's pieces
        return AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=blocks, articles={"M": ["m1", "m2"], "B": ["c"]})

    assert interleaved(page("masthead"), vertical_only=True) == 0.0
    assert interleaved(page("headline"), vertical_only=True) == pytest.approx(1 / 3)


def test_lone_pieces_count_articles_of_one_or_two_body_lines_and_are_flagged(tmp_path):
    """An article that is only one or two lines of body text is a piece split off its article
    (qa.estimate.lone_pieces counts its text, QA flags it in words); a short body block inside an
    article with a headline, or a long body alone, counts nothing."""
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import lone_pieces
    from digitize.qa.flags import pipeline_flags

    def block(bid: str, btype: str, y: int, lines: int, article: str) -> AltoBlock:
        rows = [AltoLine(f"{bid}l{i}", Box(0, y + 50 * i, 400, y + 50 * i + 40),
                         [AltoString("字", Box(0, y + 50 * i, 40, y + 50 * i + 40), 0.99)] * 10) for i in range(lines)]
        return AltoBlock(bid, btype, Box(0, y, 400, y + 50 * lines), rows, article)

    blocks = [block("h", "headline", 0, 1, "A"), block("s", "body", 60, 2, "A"), block("b", "body", 200, 8, "B")]
    page = AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=blocks, articles={"A": ["h", "s"], "B": ["b"]})
    assert lone_pieces(page) == 0.0 and "lone-pieces" not in {f.code for f in pipeline_flags(page, QS())}
    page.blocks.append(block("x", "body", 700, 2, "C"))                  # two lines of body, an article alone
    page.articles["C"] = ["x"]
    assert lone_pieces(page) == pytest.approx(20 / 130)
    flag = {f.code: f for f in pipeline_flags(page, QS())}["lone-pieces"]
    assert "1 article" in flag.message and "x" in flag.message and "split off" in flag.message


def test_read_backward_counts_articles_read_against_the_print_direction_and_is_flagged(tmp_path):
    """A block read after a block of another article lying wholly below it in its column (overlapping
    across by BACKWARD_OVERLAP of the narrower), or, in vertical text, wholly left of it in its row, is read
    against the print's direction: qa.estimate.read_backward counts the text of its article, QA flags it in
    words naming the blocks.  Read downwards (right to left), beside each other, or inside one article,
    nothing counts."""
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import backward_blocks, page_features, read_backward
    from digitize.qa.flags import pipeline_flags
    from digitize.qa.pages import PageRow

    def block(bid: str, x: int, y: int, lines: int, article: str, btype: str = "body") -> AltoBlock:
        rows = [AltoLine(f"{bid}l{i}", Box(x, y + 50 * i, x + 400, y + 50 * i + 40),
                         [AltoString("字", Box(x, y + 50 * i, x + 40, y + 50 * i + 40), 0.99)] * 10) for i in range(lines)]
        return AltoBlock(bid, btype, Box(x, y, x + 400, y + 50 * lines), rows, article)

    def page(order: list[str]) -> AltoPage:
        blocks = [block("h", 0, 0, 1, "A", "headline"), block("a", 0, 60, 4, "A"), block("b", 0, 400, 4, "B"),
                  block("c", 500, 0, 4, "C")]
        return AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=blocks,
                        articles={"A": ["h", "a"], "B": ["b"], "C": ["c"]}, order=order)

    down = page(["h", "a", "c", "b"])            # A, then the column beside, then B under A: downwards
    assert backward_blocks(down) == [] and read_backward(down) == 0.0
    assert "read-backward" not in {f.code for f in pipeline_flags(down, QS())}
    up = page(["b", "c", "h", "a"])              # B (under A) read first: A's headline and body go back up
    assert backward_blocks(up) == ["h", "a"]
    assert read_backward(up) == pytest.approx(50 / 130)
    flag = {f.code: f for f in pipeline_flags(up, QS())}["read-backward"]
    assert "2 block(s) (h, a)" in flag.message and "against the print's direction" in flag.message
    assert "38.5% of the" in flag.message
    inside = page(["b", "c", "h", "a"])
    inside.articles = {"A": ["h", "a", "b"], "C": ["c"]}   # one article read from its foot: not counted here
    for blk in inside.blocks:
        blk.article = "C" if blk.id == "c" else "A"
    assert read_backward(inside) == 0.0
    gutter = page(["b", "c", "h", "a"])          # B under the gutter: less than BACKWARD_OVERLAP across A or C
    gutter.blocks[2] = block("b", 250, 400, 4, "B")
    assert read_backward(gutter) == 0.0
    row = PageRow(1, tmp_path / "p.png", "p.png", 0, "done", width=1000, height=1000, chars=130, mean_conf=0.99)
    assert page_features(row, up, [])["read_backward"] == pytest.approx(50 / 130)

    def column(bid: str, x: int, article: str) -> AltoBlock:   # a block of three vertical lines
        rows = [AltoLine(f"{bid}l{i}", Box(x + 50 * i, 0, x + 50 * i + 40, 400),
                         [AltoString("字", Box(x + 50 * i, 0, x + 50 * i + 40, 40), 0.99)] * 10) for i in range(3)]
        return AltoBlock(bid, "body", Box(x, 0, x + 150, 400), rows, article)

    def vertical(order: list[str], upright: bool = True) -> AltoPage:
        blocks = [column("r", 600, "R"), column("l", 200, "L")]
        if not upright:                          # the same boxes with horizontal lines: no row rule
            for blk in blocks:
                blk.lines = [AltoLine(ln.id, Box(blk.box.x0, ln.box.y0 // 10, blk.box.x1, ln.box.y0 // 10 + 40),
                                      ln.strings) for ln in blk.lines]
        return AltoPage(tmp_path / "v.xml", 1000, 1000, blocks=blocks, articles={"R": ["r"], "L": ["l"]}, order=order)

    assert read_backward(vertical(["r", "l"])) == 0.0          # right to left: the print's way
    assert backward_blocks(vertical(["l", "r"])) == ["r"]      # the left article first: back to the right
    assert read_backward(vertical(["l", "r"])) == pytest.approx(0.5)
    assert read_backward(vertical(["l", "r"], upright=False)) == 0.0   # horizontal text is read left to right


def test_late_heading_sees_a_second_article_read_inside_the_first(tmp_path):
    """A headline or byline read after a body block (of more than FRAGMENT_LINES lines) of its own article starts a
    second article joined to the first: qa.estimate.late_heading counts the text from it to the article's end, QA flags
    it in words naming the block.  An article read headline, byline, body does not count, nor a byline after a
    headline the layout typed body (a body block of FRAGMENT_LINES lines or fewer), nor a subhead after the body."""
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import late_heading, late_heading_blocks, page_features
    from digitize.qa.flags import pipeline_flags
    from digitize.qa.pages import PageRow

    def block(bid: str, y: int, lines: int, btype: str = "body") -> AltoBlock:
        rows = [AltoLine(f"{bid}l{i}", Box(0, y + 50 * i, 400, y + 50 * i + 40),
                         [AltoString("字", Box(0, y + 50 * i, 40, y + 50 * i + 40), 0.99)] * 10) for i in range(lines)]
        return AltoBlock(bid, btype, Box(0, y, 400, y + 50 * lines), rows, "A")

    def page(types: list[tuple[str, int, str]]) -> AltoPage:
        blocks, y = [], 0
        for bid, lines, btype in types:
            blocks.append(block(bid, y, lines, btype))
            y += 50 * lines + 20
        return AltoPage(tmp_path / "p.xml", 1000, 3000, blocks=blocks, articles={"A": [b.id for b in blocks]},
                        order=[b.id for b in blocks])

    whole = page([("h", 1, "headline"), ("y", 1, "byline"), ("a", 8, "body"), ("b", 6, "body")])
    assert late_heading_blocks(whole) == [] and late_heading(whole) == 0.0
    assert "late-heading" not in {f.code for f in pipeline_flags(whole, QS())}
    joined = page([("h", 1, "headline"), ("a", 8, "body"), ("h2", 1, "headline"), ("y2", 1, "byline"), ("b", 6, "body")])
    assert late_heading_blocks(joined) == ["h2"]
    assert late_heading(joined) == pytest.approx(80 / 170)           # h2, y2 and b: 10 + 10 + 60 of 170
    flag = {f.code: f for f in pipeline_flags(joined, QS())}["late-heading"]
    assert "1 headline(s) or byline(s) (h2)" in flag.message and "47.1% of the text" in flag.message
    row = PageRow(1, tmp_path / "p.png", "p.png", 0, "done", width=1000, height=3000, chars=170, mean_conf=0.99)
    assert page_features(row, joined, [])["late_heading"] == pytest.approx(80 / 170)
    typed_body = page([("h", 2, "body"), ("y", 1, "byline"), ("a", 8, "body")])   # a headline typed body
    assert late_heading(typed_body) == 0.0
    crosshead = page([("h", 1, "headline"), ("a", 8, "body"), ("s", 1, "subhead"), ("b", 6, "body")])
    assert late_heading(crosshead) == 0.0


def test_row_backward_sees_a_row_of_articles_read_right_to_left(tmp_path):
    """Articles whose first blocks start level (tops within LEVEL_EM) are read left to right: one read after the
    article right of it counts with its text in qa.estimate.row_backward, and QA flags it in words naming the article's
    first block.  Read left to right, heads a row apart, or vertical text (read right to left), nothing counts."""
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import page_features, row_backward, row_backward_articles
    from digitize.qa.flags import pipeline_flags
    from digitize.qa.pages import PageRow

    def block(bid: str, x: int, y: int, lines: int, article: str, btype: str = "body") -> AltoBlock:
        rows = [AltoLine(f"{bid}l{i}", Box(x, y + 50 * i, x + 400, y + 50 * i + 40),
                         [AltoString("字", Box(x + 40 * k, y + 50 * i, x + 40 * k + 40, y + 50 * i + 40), 0.99)
                          for k in range(10)]) for i in range(lines)]
        return AltoBlock(bid, btype, Box(x, y, x + 400, y + 50 * lines), rows, article)

    def page(order: list[str], right_top: int = 10) -> AltoPage:
        blocks = [block("h1", 0, 0, 1, "L", "headline"), block("l", 0, 60, 6, "L"),
                  block("h2", 500, right_top, 1, "R", "headline"), block("r", 500, right_top + 60, 4, "R")]
        return AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=blocks,
                        articles={"L": ["h1", "l"], "R": ["h2", "r"]}, order=order)

    right = page(["h1", "l", "h2", "r"])
    assert row_backward_articles(right) == [] and row_backward(right) == 0.0
    assert "row-backward" not in {f.code for f in pipeline_flags(right, QS())}
    wrong = page(["h2", "r", "h1", "l"])                      # the right article first
    assert row_backward_articles(wrong) == ["h1"]
    assert row_backward(wrong) == pytest.approx(70 / 120)
    flag = {f.code: f for f in pipeline_flags(wrong, QS())}["row-backward"]
    assert "1 article(s) (h1)" in flag.message and "58.3% of the text" in flag.message
    row = PageRow(1, tmp_path / "p.png", "p.png", 0, "done", width=1000, height=1000, chars=120, mean_conf=0.99)
    assert page_features(row, wrong, [])["row_backward"] == pytest.approx(70 / 120)
    assert row_backward(page(["h2", "r", "h1", "l"], right_top=200)) == 0.0   # heads 5 em apart: not one row

    def column(bid: str, x: int, article: str) -> AltoBlock:   # a block of three vertical lines
        rows = [AltoLine(f"{bid}l{i}", Box(x + 50 * i, 0, x + 50 * i + 40, 400),
                         [AltoString("字", Box(x + 50 * i, 40 * k, x + 50 * i + 40, 40 * k + 40), 0.99)
                          for k in range(10)]) for i in range(3)]
        return AltoBlock(bid, "body", Box(x, 0, x + 150, 400), rows, article)

    upright = AltoPage(tmp_path / "v.xml", 1000, 1000, blocks=[column("r", 600, "R"), column("l", 200, "L")],
                       articles={"R": ["r"], "L": ["l"]}, order=["r", "l"])
    assert row_backward(upright) == 0.0                      # vertical text: right to left is the print's way


def test_narrow_blocks_and_fragment_text_count_text_shares(tmp_path):
    """A column cut lengthwise (two blocks of half-width lines side by side) counts with its text in
    ``narrow_blocks``; body blocks of at most two lines count with their text in ``fragment_text``."""
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import fragment_text, narrow_blocks

    def block(bid: str, x: int, width: int, lines: int, y: int = 0) -> AltoBlock:
        rows = []
        for i in range(lines):
            box = Box(x, y + 50 * i, x + width, y + 50 * i + 40)
            rows.append(AltoLine(f"{bid}l{i}", box, [AltoString("字", box, 0.99)] * (width // 40)))
        return AltoBlock(bid, "body", Box(x, y, x + width, y + 50 * lines), rows, "A")

    whole = [block("c1", 0, 400, 10), block("c2", 450, 400, 10)]
    page = AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=whole)
    assert narrow_blocks(page) == 0.0 and fragment_text(page) == 0.0
    halves = [block("h1", 900, 200, 10), block("h2", 1110, 200, 10)]      # a third column cut in two
    page.blocks += halves
    assert narrow_blocks(page) == pytest.approx(100 / 300)
    page.blocks.append(block("f", 0, 400, 2, y=600))                        # a piece of two lines
    assert fragment_text(page) == pytest.approx(20 / 320)


def test_narrow_blocks_are_flagged_in_words(tmp_path):
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.flags import pipeline_flags

    def block(bid: str, x: int, width: int) -> AltoBlock:
        rows = [AltoLine(f"{bid}l{i}", Box(x, 50 * i, x + width, 50 * i + 40),
                         [AltoString("字", Box(x, 50 * i, x + 40, 50 * i + 40), 0.99)] * (width // 40)) for i in range(10)]
        return AltoBlock(bid, "body", Box(x, 0, x + width, 500), rows, "A")

    page = AltoPage(tmp_path / "p.xml", 2000, 1000, blocks=[block("c1", 0, 400), block("c2", 450, 400)])
    assert "narrow-blocks" not in {f.code for f in pipeline_flags(page, QS())}
    page.blocks += [block("h1", 900, 200), block("h2", 1110, 200)]
    flag = {f.code: f for f in pipeline_flags(page, QS())}["narrow-blocks"]
    assert "cut lengthwise" in flag.message and "33%" in flag.message


def test_headline_alone_and_order_doubts_see_a_page_read_out_of_order_with_clean_text(tmp_path):
    """An article of headlines only (its body given to another article) counts in ``headline_alone`` (per
    article; the title band left out); ``order_doubts`` is the share of the kinds of order doubt that show on
    the page at all.  A page with confident characters, a headline alone and an article grouped across it is
    estimated worse than the same page read in print order with its headline over its body."""
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.config import QASettings as QS
    from digitize.qa.estimate import ORDER_DOUBTS, Calibration, headline_alone, order_doubts, page_features
    from digitize.qa.flags import pipeline_flags
    from digitize.qa.pages import PageRow

    def block(bid: str, x: int, y: int, lines: int, article: str, btype: str = "body") -> AltoBlock:
        rows = [AltoLine(f"{bid}l{i}", Box(x + 80 * (i == 0), y + 50 * i, x + 400, y + 50 * i + 40),   # indented
                         [AltoString("字", Box(x, y + 50 * i, x + 40, y + 50 * i + 40), 0.99)] * 10) for i in range(lines)]
        return AltoBlock(bid, btype, Box(x, y, x + 400, y + 50 * lines), rows, article)

    def page(articles: dict[str, list[str]], order: list[str]) -> AltoPage:
        blocks = [block("m", 0, 0, 1, "M", "masthead"), block("h", 0, 100, 1, "A", "headline"),
                  block("a", 0, 160, 6, "A"), block("g", 500, 100, 1, "B", "headline"), block("b", 500, 160, 6, "B")]
        owner = {i: art for art, ids in articles.items() for i in ids}
        for blk in blocks:
            blk.article = owner[blk.id]
        return AltoPage(tmp_path / "p.xml", 1000, 1000, blocks=blocks, articles=articles, order=order)

    good = page({"M": ["m"], "A": ["h", "a"], "B": ["g", "b"]}, ["m", "h", "a", "g", "b"])
    assert headline_alone(good) == 0.0                        # the title band is no article of text
    # B's headline alone; its body given to A and read before A's own headline and body
    bad = page({"M": ["m"], "A": ["h", "a", "b"], "B": ["g"]}, ["m", "g", "b", "h", "a"])
    assert headline_alone(bad) == pytest.approx(1 / 2)
    assert "headline-alone" not in {f.code for f in pipeline_flags(good, QS())}
    flag = {f.code: f for f in pipeline_flags(bad, QS())}["headline-alone"]
    assert "1 article(s) of only a headline (g)" in flag.message and "read away" in flag.message
    row = PageRow(1, tmp_path / "p.png", "p.png", 0, "done", width=1000, height=1000, chars=150, mean_conf=0.99)
    fg, fb = page_features(row, good, []), page_features(row, bad, [])
    assert fg["order_doubts"] == 0.0, {k: fg[k] for k in ORDER_DOUBTS}
    shown = [k for k in ORDER_DOUBTS if fb[k] > 0]
    assert "headline_alone" in shown and "interleaved" in shown   # A's box now reaches around B's headline
    assert fb["order_doubts"] == pytest.approx(len(shown) / len(ORDER_DOUBTS)) == order_doubts(fb)
    cal = Calibration(0.001, {"order_doubts": 0.05})
    assert cal.estimate(fb) > cal.estimate(fg) == 0.001


def test_headless_continued_sees_a_column_split_off_its_article(tmp_path):
    """An article with no headline or subhead whose first column continues a paragraph (first line flush, as
    long as the next) is a column split off its article (qa.estimate.headless_continued, per article's text;
    flagged in words); the same column kept with its headline, or a headless notice that opens an indented
    paragraph, is not.  Vertical columns are measured along their height (em 40 px, indent 2 em)."""
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import headless_continued, headless_continued_articles
    from digitize.qa.flags import pipeline_flags

    def column(bid: str, x: int, indent: bool, article: str, vertical: bool = False) -> AltoBlock:
        lines = []
        for i in range(4):
            lead = 80 if indent and i == 0 else 0
            if vertical:               # columns read right to left, each 400 px tall
                x0, y0 = x + 300 - 50 * i, 100 + lead
                box = Box(x0, y0, x0 + 40, 500)
                strings = [AltoString("字", Box(x0, y0 + 40 * k, x0 + 40, y0 + 40 * k + 40), 0.99)
                           for k in range((500 - y0) // 40)]
            else:
                y0 = 100 + 50 * i
                box = Box(x + lead, y0, x + 400, y0 + 40)
                strings = [AltoString("字", Box(x + lead + 40 * k, y0, x + lead + 40 * k + 40, y0 + 40), 0.99)
                           for k in range((400 - lead) // 40)]
            lines.append(AltoLine(f"{bid}l{i}", box, strings))
        return AltoBlock(bid, "body", Box(x, 100, x + 400, 500), lines, article)

    def head(bid: str, x: int, article: str) -> AltoBlock:
        return AltoBlock(bid, "headline", Box(x, 0, x + 400, 80),
                         [AltoLine(f"{bid}l", Box(x, 0, x + 400, 80), [AltoString("标题", Box(x, 0, x + 400, 80), 0.99)])],
                         article)

    def page(split: bool, indent_second: bool = False, vertical: bool = False) -> AltoPage:
        blocks = [head("h", 0, "A"), column("c1", 0, True, "A", vertical),
                  column("c2", 450, indent_second, "C" if split else "A", vertical),
                  head("g", 900, "B"), column("d1", 900, True, "B", vertical)]
        articles = {"A": ["h", "c1"] + ([] if split else ["c2"]), "B": ["g", "d1"]}
        if split:
            articles["C"] = ["c2"]
        order = ["h", "c1", "g", "d1", "c2"] if split else ["h", "c1", "c2", "g", "d1"]
        return AltoPage(tmp_path / "p.xml", 1400, 600, blocks=blocks, articles=articles, order=order)

    whole = page(split=False)
    assert headless_continued(whole) == 0.0 and headless_continued_articles(whole) == []
    assert "headless-continued" not in {f.code for f in pipeline_flags(whole, QS())}
    torn = page(split=True)
    second = next(b for b in torn.blocks if b.id == "c2")
    assert headless_continued_articles(torn) == ["c2"]
    assert headless_continued(torn) == pytest.approx(len(second.text) / sum(len(b.text) for b in torn.blocks))
    flag = {f.code: f for f in pipeline_flags(torn, QS())}["headless-continued"]
    assert "1 article(s) without a headline" in flag.message and "(c2)" in flag.message
    assert headless_continued(page(split=True, indent_second=True)) == 0.0    # a notice opening a paragraph
    assert headless_continued_articles(page(split=True, vertical=True)) == ["c2"]
    assert headless_continued(page(split=True, indent_second=True, vertical=True)) == 0.0


def test_headless_continued_weighs_a_vertical_article_cut_at_its_tier_rule(tmp_path):
    """A vertical page of two tiers: article A's body runs on from the upper tier into the lower one, under itself.
    Read whole, nothing is estimated beyond a clean page; with A's lower part split off (an article without a headline
    whose first column starts flush, as long as the next: it continues a paragraph) and read after article B beside
    A's upper part, ``headless_continued`` measures that part's text, the shipped calibration weighs it (the estimate
    rises by its weight times that share) and the flag says in words that a vertical article's lower tier was cut
    off.  Columns 40 px wide at a 50 px pitch, read right to left; em 40 px."""
    from digitize.config import QASettings as QS
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import MODEL_FEATURES, default_calibration, headless_continued, headless_continued_articles
    from digitize.qa.flags import pipeline_flags

    def body(bid: str, x: int, top: int, indent: bool, article: str) -> AltoBlock:
        lines = []
        for i in range(4):                           # four columns, right to left, each 400 px tall
            x0, y0 = x + 330 - 50 * i, top + (80 if indent and i == 0 else 0)
            strings = [AltoString("字", Box(x0, y0 + 40 * k, x0 + 40, y0 + 40 * k + 40), 0.99)
                       for k in range((top + 400 - y0) // 40)]
            lines.append(AltoLine(f"{bid}l{i}", Box(x0, y0, x0 + 40, top + 400), strings))
        return AltoBlock(bid, "body", Box(x + 180, top, x + 370, top + 400), lines, article)

    def head(bid: str, x: int, top: int, article: str) -> AltoBlock:
        box = Box(x, top, x + 40, top + 320)
        strings = [AltoString("题", Box(x, top + 40 * k, x + 40, top + 40 * k + 40), 0.99) for k in range(8)]
        return AltoBlock(bid, "headline", box, [AltoLine(f"{bid}l", box, strings)], article)

    def page(split: bool) -> AltoPage:
        blocks = [head("ha", 1300, 100, "A"), body("a1", 900, 100, True, "A"), body("a2", 900, 600, False, "D" if split else "A"),
                  head("hb", 800, 100, "B"), body("b1", 400, 100, True, "B"),
                  head("hc", 800, 600, "C"), body("c1", 400, 600, True, "C")]
        articles = {"A": ["ha", "a1"] + ([] if split else ["a2"]), "B": ["hb", "b1"], "C": ["hc", "c1"]}
        if split:
            articles["D"] = ["a2"]
        order = (["ha", "a1", "hb", "b1", "a2", "hc", "c1"] if split else ["ha", "a1", "a2", "hb", "b1", "hc", "c1"])
        return AltoPage(tmp_path / "p.xml", 1400, 1100, blocks=blocks, articles=articles, order=order)

    cal = default_calibration()
    assert "headless_continued" in MODEL_FEATURES and cal.weights.get("headless_continued", 0.0) > 0
    whole, torn = page(split=False), page(split=True)
    assert headless_continued(whole) == 0.0 and headless_continued_articles(whole) == []
    assert headless_continued_articles(torn) == ["a2"]
    share = headless_continued(torn)
    lower = next(b for b in torn.blocks if b.id == "a2")
    assert share == pytest.approx(len(lower.text) / sum(len(b.text) for b in torn.blocks))
    clean = cal.estimate({"headless_continued": headless_continued(whole)})
    torn_estimate = cal.estimate({"headless_continued": share})
    assert torn_estimate > clean
    assert torn_estimate == pytest.approx(clean + cal.weights["headless_continued"] * share, abs=1e-4)
    flag = {f.code: f for f in pipeline_flags(torn, QS())}["headless-continued"]
    assert "(a2)" in flag.message and "tier below" in flag.message


def test_quality_fit_holds_out_a_whole_group_of_sets():
    """fit_quality.hold_out with by="group" leaves all sets of one group (``synth/a``, ``synth/b``) out of the fit
    together: a group whose pages follow another law than the rest's is estimated by the others' law only, while
    left out set by set each of its sets is fitted with its sibling."""
    fq = benchmarks.load("fit_quality.py")

    def rows(name: str, scale: float) -> list[dict]:
        return [{"set": name, "page": str(i), "cer": 0.003 + scale * w, "features": {"fragments": w}}
                for i, w in enumerate([0.0, 0.05, 0.1, 0.2, 0.4])]

    sets = {"synth/a": rows("synth/a", 1.0), "synth/b": rows("synth/b", 1.0),
            "vertical/a": rows("vertical/a", 0.1), "vertical/b": rows("vertical/b", 0.1)}
    held = fq.hold_out(sets, ["fragments"], by="group")
    assert set(held) == set(sets) and held["synth/a"] == held["synth/b"]
    assert held["synth/a"]["weights"]["fragments"] == pytest.approx(0.1, rel=0.1)     # vertical's law
    assert sets["synth/a"][-1]["held_out"] == pytest.approx(0.003 + 0.1 * 0.4, rel=0.1)
    by_set = fq.hold_out(sets, ["fragments"])
    assert 0.1 < by_set["synth/a"]["weights"]["fragments"] < 1.0                      # synth/b was in its fit


def test_missing_marks_sees_punctuation_never_read(tmp_path):
    """qa.estimate.missing_marks: running text keeps about one punctuation mark in ten characters (MARKS_RATE); a
    page whose body text puts out fewer lost them in recognition (vertical and full-width forms count as the mark,
    NFKC), a page that keeps them measures 0, and so do headlines (no marks) and a page with too little Han text.
    A page more than MARKS_FLAG short is flagged (``missing-marks``, in words)."""
    from digitize.qa.alto import AltoBlock, AltoLine, AltoPage, AltoString
    from digitize.qa.estimate import MARKS_FLAG, MARKS_MIN_HAN, MARKS_RATE, marks_rate, missing_marks
    from digitize.qa.flags import pipeline_flags

    def block(bid: str, kind: str, text: str, y: int) -> AltoBlock:
        strings = [AltoString(ch, Box(40 * k, y, 40 * k + 40, y + 40), 0.99) for k, ch in enumerate(text)]
        return AltoBlock(bid, kind, Box(0, y, 40 * len(text), y + 40), [AltoLine(f"{bid}l", strings[0].box, strings)])

    def page(*blocks: AltoBlock) -> AltoPage:
        return AltoPage(tmp_path / "p.xml", 40000, 2000, blocks=list(blocks), articles={}, order=[b.id for b in blocks])

    sentence = "今天天气很好我们一起去公园散步︐看见许多孩子在草地上游戏︒"      # 27 Han, 2 marks (vertical forms)
    kept = page(block("h", "headline", "重大新闻标题没有标点" * 20, 0), block("b", "body", sentence * 12, 100))
    rate, han = marks_rate(kept)
    assert han == 27 * 12 and rate == pytest.approx(2 / 29)
    assert missing_marks(kept) == pytest.approx(MARKS_RATE - 2 / 29)      # 0.069 < 0.083: a little short
    full = "今天天气很好，我们一起去公园。看见许多孩子、在草地上游戏。"       # 25 Han, 4 marks (full-width)
    assert missing_marks(page(block("b", "body", full * 12, 100))) == 0.0
    bare = sentence.replace("︐", "").replace("︒", "")
    lost = page(block("b", "body", bare * 12, 100))
    assert missing_marks(lost) == pytest.approx(MARKS_RATE)                 # every mark lost
    assert MARKS_RATE - 2 / 29 < MARKS_FLAG < MARKS_RATE
    codes = {f.code: f for f in pipeline_flags(lost, QASettings())}
    assert "never read" in codes["missing-marks"].message                  # said in words
    assert "missing-marks" not in {f.code for f in pipeline_flags(kept, QASettings())}   # a little short: no flag
    assert missing_marks(page(block("b", "body", bare * 2, 100))) == 0.0     # 54 Han: too little to say
    assert 27 * 2 < MARKS_MIN_HAN <= 27 * 12
    assert missing_marks(page(block("b", "body", "Die Zeitung von heute " * 40, 100))) == 0.0   # no Han text


def test_quality_fit_reports_each_source_set_by_set():
    """fit_quality.source_summary judges issue 12's test set by set inside each source (group): sets with Spearman
    >= SET_SPEARMAN, sets whose worst page ranks in the top SET_TOP by estimate, the sets' mean Spearman, and the
    source's pages pooled."""
    fq = benchmarks.load("fit_quality.py")

    def rows(name: str, cer: list[float], est: list[float]) -> list[dict]:
        return [{"set": name, "page": f"{name}-{i}", "cer": c, "features": {}, "held_out": e}
                for i, (c, e) in enumerate(zip(cer, est))]

    sets = {"synth/a": rows("synth/a", [0.01, 0.02, 0.05, 0.3], [0.01, 0.02, 0.04, 0.2]),      # ranked right
            "synth/b": rows("synth/b", [0.01, 0.02, 0.05, 0.3], [0.2, 0.04, 0.02, 0.01]),      # ranked backwards
            "vertical/a": rows("vertical/a", [0.01, 0.02, 0.05, 0.3], [0.01, 0.02, 0.3, 0.05])}
    s = fq.source_summary(sets, "held_out")
    assert set(s) == {"synth", "vertical"}
    assert s["synth"]["sets"] == 2 and s["synth"]["spearman_ok"] == 1 and s["synth"]["worst_top"] == 1
    assert s["synth"]["mean_spearman"] == pytest.approx(0.0)
    assert s["synth"]["pooled"]["pages"] == 8
    assert s["vertical"]["spearman_ok"] == 1 and s["vertical"]["worst_top"] == 1        # 0.8; worst ranked 2nd
    assert "sets  2: Spearman >= 0.7 1, worst page in top 2 1" in fq.source_line("held-out", "synth", s["synth"])


def test_quality_fit_keeping_weighs_a_new_feature_against_the_stored_constants():
    """fit_quality.fit_keeping (``--refit``) fits only the named features' weights: the intercept and the other
    weights of the stored constants stay as they are, and a new feature's cost is found on top of them; held out
    set by set with the same partial fit."""
    from digitize.qa.estimate import Calibration

    fq = benchmarks.load("fit_quality.py")
    base = Calibration(0.002, {"low_conf_share": 2.0, "fragments": 0.1})
    rows = []
    for i in range(40):
        f = {"low_conf_share": 0.002 * (i % 7), "fragments": 0.05 * (i % 3), "missing_marks": 0.004 * (i % 5)}
        rows.append({"set": f"s{i % 4}", "page": str(i), "features": f,
                     "cer": 0.002 + 2.0 * f["low_conf_share"] + 0.1 * f["fragments"] + 0.7 * f["missing_marks"]})
    cal = fq.fit_keeping(rows, base, ["missing_marks"])
    assert cal.intercept == 0.002 and cal.weights["low_conf_share"] == 2.0 and cal.weights["fragments"] == 0.1
    assert cal.weights["missing_marks"] == pytest.approx(0.7, rel=0.05)
    sets = {}
    for r in rows:
        sets.setdefault(r["set"], []).append(r)
    held = fq.hold_out(sets, [], fitter=lambda rs: fq.fit_keeping(rs, base, ["missing_marks"]))
    assert set(held) == set(sets) and all(h["weights"]["low_conf_share"] == 2.0 for h in held.values())
    assert all(r["held_out"] == pytest.approx(r["cer"], rel=0.05) for r in rows)
