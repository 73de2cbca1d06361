"""PDF in (every page a page, scan images taken as stored, bad PDFs named) and searchable PDF out
(invisible per-character text layer that pdftotext and PDFium read in reading order)."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import cv2
import numpy as np
import pytest
from lxml import etree
from PIL import Image

from digitize.config import InputSettings
from digitize.errors import InputError
from digitize.load import load_pages
from digitize.validate import validate_file

from .test_cli_run import digitize_run, page_image

pdfium = pytest.importorskip("pypdfium2")


def make_pdf(path: Path, images: list[Image.Image], dpi: float = 300.0, cover: float = 1.0) -> Path:
    """A PDF with one scan image per page, placed at ``dpi`` (``cover`` < 1: the image fills only part)."""
    doc = pdfium.PdfDocument.new()
    for im in images:
        w, h = im.size[0] * 72 / dpi, im.size[1] * 72 / dpi
        page = doc.new_page(w / cover, h / cover)
        obj = pdfium.PdfImage.new(doc)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(im))
        obj.set_matrix(pdfium.PdfMatrix().scale(w, h))
        page.insert_obj(obj)
        page.gen_content()
    doc.save(str(path))
    doc.close()
    return path


def _gray(h: int, w: int, seed: int) -> Image.Image:
    return Image.fromarray(np.random.default_rng(seed).integers(0, 256, (h, w), dtype=np.uint8))


def alto_strings(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    return [el.get("CONTENT") for el in root.iter() if etree.QName(el).localname == "String"]


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


# ---------------------------------------------------------------- loading

def test_scan_images_are_taken_as_stored_page_by_page(tmp_path: Path) -> None:
    ims = [_gray(90 + 10 * i, 70, i) for i in range(3)]
    pdf = make_pdf(tmp_path / "issue.pdf", ims, dpi=400)
    pages = list(load_pages(pdf, InputSettings()))
    assert [p.stem for p, _ in pages] == ["issue", "issue_p002", "issue_p003"]
    for (page, scan), im in zip(pages, ims):
        assert np.array_equal(scan.gray, np.asarray(im))          # lossless, own resolution
        assert page.dpi == pytest.approx(400, abs=0.5)
        assert page.steps[-1].settings["image"] == "embedded image"


def test_a_turned_page_gives_its_scan_turned_as_shown(tmp_path: Path) -> None:
    blocks = np.random.default_rng(9).integers(0, 256, (4, 7), dtype=np.uint8)
    im = Image.fromarray(np.kron(blocks, np.ones((10, 10), np.uint8)))   # 70 x 40, coarse: survives resampling
    pdf = make_pdf(tmp_path / "turned.pdf", [im])
    doc = pdfium.PdfDocument(str(pdf))
    doc[0].set_rotation(90)                                  # /Rotate 90: shown turned clockwise
    doc.save(str(tmp_path / "turned90.pdf"))
    doc.close()
    [(page, scan)] = list(load_pages(tmp_path / "turned90.pdf", InputSettings()))
    assert page.steps[-1].settings["image"] == "embedded image"
    assert np.array_equal(scan.gray, np.rot90(np.asarray(im), -1))
    shown = pdfium.PdfDocument(str(tmp_path / "turned90.pdf"))[0].render(scale=300 / 72, grayscale=True).to_numpy()
    shown = shown.reshape(shown.shape[0], shown.shape[1], -1)[:70, :40, 0].astype(float)   # as a viewer shows it
    assert np.corrcoef(shown.ravel(), scan.gray.astype(float).ravel())[0, 1] > 0.9


def test_other_pages_are_rendered_at_300_dpi(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "small.pdf", [_gray(60, 60, 1)], dpi=300, cover=0.5)   # image on a quarter of it
    [(page, scan)] = list(load_pages(pdf, InputSettings()))
    assert page.steps[-1].settings["image"] == "rendered" and page.dpi == 300
    assert scan.gray.shape == (120, 120)


def test_bad_pdfs_fail_with_one_line_reason(tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    doc = pikepdf.new()
    doc.add_blank_page()
    doc.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog\nthis is no PDF")
    pikepdf.new().save(tmp_path / "empty.pdf")                      # a valid PDF without pages
    reasons = {}
    for name in ("locked.pdf", "broken.pdf", "empty.pdf"):
        with pytest.raises(InputError) as ei:
            list(load_pages(tmp_path / name, InputSettings()))
        reasons[name] = ei.value.reason
        assert "\n" not in ei.value.reason
    assert reasons["locked.pdf"].startswith("encrypted PDF")
    assert reasons["broken.pdf"].startswith("broken PDF")
    assert reasons["empty.pdf"].startswith("empty PDF")
    # restrictions without a password to open (owner password only) are no bar: any viewer opens it
    make_pdf(tmp_path / "plain.pdf", [_gray(50, 40, 3)])
    with pikepdf.open(tmp_path / "plain.pdf") as doc:
        doc.save(tmp_path / "restricted.pdf", encryption=pikepdf.Encryption(user="", owner="owner"))
    [(page, scan)] = list(load_pages(tmp_path / "restricted.pdf", InputSettings()))
    assert np.array_equal(scan.gray, np.asarray(_gray(50, 40, 3)))


# ---------------------------------------------------------------- batch: PDF in, searchable PDF out

@pytest.fixture(scope="module")
def pdf_runs(tmp_path_factory):
    """The same three pages as images given directly and as one 3-page PDF in a folder (with --pdf)."""
    base = tmp_path_factory.mktemp("pdfrun")
    frames = [page_image(40 + i, lines=3) for i in range(3)]
    imgs = base / "imgs"
    imgs.mkdir()
    paths = []
    for i, (im, _) in enumerate(frames):
        paths.append(imgs / f"p{i + 1}.png")
        im.save(paths[-1], dpi=(300, 300))
    folder = base / "folder"
    folder.mkdir()
    make_pdf(folder / "issue.pdf", [im for im, _ in frames])
    (folder / "notes.txt").write_text("not a page", encoding="utf-8")
    (folder / ".hidden.png").write_bytes(b"")
    (folder / "locked.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< broken")
    res_img = digitize_run(*paths, "-o", base / "out-img", "--workers", 1)
    res_pdf = digitize_run(folder, "-o", base / "out-pdf", "--workers", 1, "--pdf", "--jp2")
    return base, frames, res_img, res_pdf


def test_pdf_folder_gives_the_same_alto_text_as_the_images(pdf_runs) -> None:
    base, frames, res_img, res_pdf = pdf_runs
    assert res_img.returncode == 0, res_img.stderr
    assert res_pdf.returncode == 1, res_pdf.stderr                 # locked.pdf is broken: named, the rest done
    for i, stem in enumerate(["issue", "issue_p002", "issue_p003"]):
        want = alto_strings(base / "out-img" / f"p{i + 1}.xml")
        assert want and alto_strings(base / "out-pdf" / f"{stem}.xml") == want
        assert validate_file(base / "out-pdf" / f"{stem}.xml") == []


def test_jp2_derivative_is_the_scan(pdf_runs) -> None:
    base, frames, _, _ = pdf_runs
    for i, stem in enumerate(["issue", "issue_p002", "issue_p003"]):
        with Image.open(base / "out-pdf" / f"{stem}.jp2") as im:
            assert im.format == "JPEG2000" and im.size == frames[i][0].size
            diff = np.abs(np.asarray(im.convert("L"), np.int16) - np.asarray(frames[i][0], np.int16))
        assert diff.mean() < 3


def test_nothing_in_an_input_folder_is_skipped_silently(pdf_runs) -> None:
    _, _, _, res = pdf_runs
    assert "locked.pdf: broken PDF" in res.stderr
    summary = res.stderr[res.stderr.index("Not processed"):]
    assert "notes.txt: not a page image or PDF" in summary
    assert ".hidden.png: hidden file" in summary


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_searchable_pdf_text_in_reading_order_without_spaces(pdf_runs) -> None:
    base, frames, _, _ = pdf_runs
    out = base / "out-pdf"
    for i, stem in enumerate(["issue", "issue_p002", "issue_p003"]):
        pdf, txt = out / f"{stem}.pdf", (out / f"{stem}.txt").read_text(encoding="utf-8")
        got = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
        assert norm(got) == norm(txt) and len(norm(txt)) > 20
        assert not re.search(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]", got)      # no space inside Chinese
        doc = pdfium.PdfDocument(str(pdf))                                  # PDFium: Chromium's PDF engine
        try:
            page = doc[0]
            tp = page.get_textpage()
            assert norm(tp.get_text_range()) == norm(txt)
            # the first character lies where the ALTO says (PDF points vs scan pixels at 300 dpi)
            first = next(el for el in etree.parse(str(out / f"{stem}.xml")).getroot().iter()
                         if etree.QName(el).localname == "String")
            left, bottom, right, top = tp.get_charbox(0, loose=True)
            k = 72 / 300
            width = float(first.get("WIDTH")) * k        # the line's first character gives up 15 % outside
            assert abs(left - float(first.get("HPOS")) * k - 0.15 * width) < 1.0 and right > left
            line_bottom = page.get_height() - (float(first.get("VPOS")) + float(first.get("HEIGHT"))) * k
            assert bottom <= line_bottom + 2.0 and top > line_bottom
            # the picture is the scan at its own size
            [img] = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
            assert img.get_px_size() == frames[i][0].size
        finally:
            doc.close()


CHROMIUM = Path("/usr/bin/chromium")


def _viewer_screenshot(pdf: Path, shot: Path, done, wait_s: float) -> np.ndarray:
    """Open ``pdf`` in Chromium's own PDF viewer (headless, Debian's chromium) and screenshot it every half
    second until ``done(screenshot, previous)`` holds, or after ``wait_s`` seconds.  The test waits for the
    state it checks (the scan drawn), not for a time, so a loaded machine only makes it slower."""
    import time
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.goto(pdf.resolve().as_uri())
            deadline = time.monotonic() + wait_s
            last = None
            while True:
                page.screenshot(path=str(shot))
                a = np.asarray(Image.open(shot).convert("L"))
                if done(a, last) or time.monotonic() > deadline:
                    return a
                last = a
                time.sleep(0.5)
        finally:
            browser.close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_searchable_pdf_opens_in_chromiums_pdf_viewer(pdf_runs, tmp_path: Path) -> None:
    pytest.importorskip("playwright")
    base, frames, _, _ = pdf_runs
    page = base / "out-pdf" / "issue_p002.pdf"
    scan = np.asarray(frames[1][0], dtype=np.float32)
    # the good file: until the viewer shows the scan (5 minutes at most: a runaway guard, not a race);
    # the broken one: until the viewer has shown the same thing for 2 s (or 20 s), then it is no scan
    shown = _viewer_screenshot(page, tmp_path / "good.png", lambda a, _: _shown_page_matches(a, scan) > 0.8, 300.0)
    assert _shown_page_matches(shown, scan) > 0.8
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(page.read_bytes()[:400])
    still = []

    def settled(a: np.ndarray, last: np.ndarray | None) -> bool:
        still.append(last is not None and np.array_equal(a, last))
        return len(still) >= 4 and all(still[-4:])
    assert _shown_page_matches(_viewer_screenshot(broken, tmp_path / "broken.png", settled, 20.0), scan) < 0.5


def _shown_page_matches(shot: np.ndarray, scan: np.ndarray) -> float:
    """Correlation between the scan and the largest paper-white area of the screenshot (the page the
    viewer drew), after scaling the scan to that area; 0 when there is nothing page-like."""
    n, _, stats, _ = cv2.connectedComponentsWithStats((shot >= 235).astype(np.uint8), connectivity=4)
    if n < 2:
        return 0.0
    big = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h = stats[big, :4]
    if w < 50 or h < 20:
        return 0.0
    shown = shot[y:y + h, x:x + w].astype(np.float32)
    want = cv2.resize(scan, (int(w), int(h)), interpolation=cv2.INTER_AREA)
    return float(np.corrcoef(shown.ravel(), want.ravel())[0, 1])


def _poppler_lines(pdf: Path) -> list[str]:
    """The lines plain ``pdftotext`` (poppler's own layout analysis, no -raw) finds, blank ones dropped."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [t for t in out.splitlines() if t.strip()]


def test_text_layer_on_a_skewed_scan(tmp_path: Path, rendered_page) -> None:
    """On a skewed scan every character's box, as PDFium reports it, lies on the printed character
    (level lines through the printed line's middle), PDFium reads the model's lines whole and in order,
    and plain pdftotext finds every line whole (no line of one column joined with the other's)."""
    from digitize.writers.pdf import to_pdf
    from tests.fixtures.to_model import page_from_rendered
    r = rendered_page(skew_deg=2.5, columns=2, width=1400, height=1000, seed=5)
    page = page_from_rendered(r)
    pdf = tmp_path / "skewed.pdf"
    pdf.write_bytes(to_pdf(page, np.asarray(r.image)))
    k = 72 / page.dpi
    want = [ln.text for b in page.text_blocks() for ln in b.lines]
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[0].get_textpage()
        text = tp.get_text_range()
        assert [t for t in text.splitlines() if t.strip()] == want     # whole lines, spaces only the model's
        model = [(w, ch, ln) for b in page.text_blocks() for ln in b.lines for w in ln.words for ch in w.text]
        chars = [i for i in range(tp.count_chars()) if not tp.get_text_range(i, 1).isspace()]
        assert len(chars) == len(model) > 100
        height = doc[0].get_height()
        for i, (w, ch, ln) in zip(chars, model):
            assert tp.get_text_range(i, 1) == ch
            if len(w.text) > 1:
                continue
            left, bottom, right, top = tp.get_charbox(i, loose=True)
            cx, cy = (left + right) / 2 / k, (height - (bottom + top) / 2) / k          # scan pixels
            p0, _, _, p3 = (np.array(pt) for pt in ln.polygon)
            line_h = float(np.hypot(*(p3 - p0)))
            gx, gy = (w.box.x0 + w.box.x1) / 2, (w.box.y0 + w.box.y1) / 2
            assert abs(cx - gx) < 0.3 * line_h            # at most a fifth of an em sideways (upright runs)
            assert abs(cy - gy) < 0.5 * line_h            # level lines: off by sin(skew) x half a line at the ends
    finally:
        doc.close()
    if shutil.which("pdftotext"):
        assert sorted(_poppler_lines(pdf)) == sorted(want)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.parametrize("gap_em, skew", [(0.6, 0.0), (0.8, -1.5)])
def test_plain_pdftotext_keeps_close_columns_apart(tmp_path: Path, rendered_page, gap_em: float, skew: float) -> None:
    """Columns closer than poppler's reach (it pulls text within 0.7 of the font size into a block)
    still come out of plain pdftotext as the model's lines, whole; on a level page each block's lines
    together and in order (a skewed block is written in upright runs, which poppler may order apart)."""
    from digitize.writers.pdf import to_pdf
    from tests.fixtures.to_model import page_from_rendered
    r = rendered_page(columns=3, column_gap_em=gap_em, skew_deg=skew, width=1500, height=1100, seed=11,
                      rules=False, byline=False)
    page = page_from_rendered(r)
    pdf = tmp_path / "close.pdf"
    pdf.write_bytes(to_pdf(page, np.asarray(r.image)))
    blocks = [[ln.text for ln in b.lines] for b in page.text_blocks()]
    got = _poppler_lines(pdf)
    assert sorted(got) == sorted(t for b in blocks for t in b)
    for lines in blocks if not skew else []:              # a block's lines come out together, in order
        at = got.index(lines[0])
        assert got[at:at + len(lines)] == lines


def _two_columns(char: int, pitch: int, gap: int) -> "Page":
    """Two columns of six 8-character lines, ``gap`` pixels apart; boxes ``char`` pixels tall."""
    from digitize.geometry import Box
    from digitize.model import Block, BlockType, Glyph, Line, Page, Word
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
    page = Page(source=Path("two.png"), width=1200, height=500, dpi=300.0)
    for c in range(2):
        x0 = 50 + c * (8 * char + gap)
        lines = []
        for i in range(6):
            t, y0 = text[(c * 7 + i * 3) % 24:(c * 7 + i * 3) % 24 + 8], 50 + i * pitch
            boxes = [Box(x0 + k * char, y0, x0 + (k + 1) * char, y0 + char) for k in range(8)]
            lines.append(Line(f"l{c}{i}", Box(x0, y0, x0 + 8 * char, y0 + char),
                              words=[Word(ch, b, 0.9, glyphs=[Glyph(ch, b, 0.9)]) for ch, b in zip(t, boxes)]))
        page.blocks.append(Block(f"b{c}", BlockType.BODY, Box(x0, 50, x0 + 8 * char, 50 + 5 * pitch + char),
                                 lines=lines, order=c))
    return page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_poppler_groups_by_the_line_pitch_while_boxes_stay_on_the_print(tmp_path: Path) -> None:
    """Line boxes taller than their pitch (as a skewed scan's are) in two columns 0.3 em apart: the
    size poppler groups text by follows the pitch, not the box, so plain pdftotext gives each column's
    lines whole and in order (with the box height as font size it joined the two columns' lines), while
    every character's box, as poppler (-bbox) and PDFium report it, is still the printed box's height."""
    from digitize.writers.pdf import SINGLE_LINE_EM, to_pdf
    page = _two_columns(char=50, pitch=35, gap=15)
    pdf = tmp_path / "two.pdf"
    pdf.write_bytes(to_pdf(page, np.full((page.height, page.width), 255, np.uint8)))
    assert _poppler_lines(pdf) == [ln.text for b in page.text_blocks() for ln in b.lines]
    glyph = SINGLE_LINE_EM * 50 * 72 / 300                               # the em box written: 0.9 line heights
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    words = etree.fromstring(xml, etree.HTMLParser(encoding="utf-8")).iter("word")
    heights = [float(w.get("ymax")) - float(w.get("ymin")) for w in words]
    assert len(heights) == 12 and all(abs(h - glyph) < 0.02 * glyph for h in heights)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[0].get_textpage()
        boxes = [tp.get_charbox(i, loose=True) for i in range(tp.count_chars()) if tp.get_text_range(i, 1).strip()]
        assert len(boxes) == 96 and all(abs((top - bottom) - glyph) < 0.02 * glyph for _, bottom, _, top in boxes)
    finally:
        doc.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_vertical_text_reads_down_the_columns(tmp_path: Path, rendered_page) -> None:
    """A vertically set article is written in vertical writing mode: plain pdftotext gives each of
    its lines (columns) whole, no space inside, right to left as the model reads them; PDFium reads
    the whole page as the model has it."""
    from digitize.writers.pdf import to_pdf
    from tests.fixtures.to_model import page_from_rendered
    r = rendered_page(columns=3, vertical=True, width=1500, height=1100, seed=2)
    page = page_from_rendered(r)
    pdf = tmp_path / "vertical.pdf"
    pdf.write_bytes(to_pdf(page, np.asarray(r.image)))
    [block] = [b for b in page.text_blocks() if b.vertical]
    want = [ln.text for ln in block.lines]
    assert len(want) >= 4 and all(" " not in t for t in want)
    got = _poppler_lines(pdf)
    at = got.index(want[0])
    assert got[at:at + len(want)] == want
    doc = pdfium.PdfDocument(str(pdf))
    try:
        assert norm(doc[0].get_textpage().get_text_range()) == norm("".join(
            ln.text for b in page.text_blocks() for ln in b.lines))
    finally:
        doc.close()


def test_rerun_with_pdf_adds_the_missing_pdfs(pdf_runs) -> None:
    base, _, _, _ = pdf_runs
    out = base / "out-img"                       # done earlier without --pdf
    assert not list(out.glob("*.pdf"))
    res = digitize_run(*sorted((base / "imgs").glob("*.png")), "-o", out, "--workers", 1, "--pdf")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == ["p1.pdf", "p2.pdf", "p3.pdf"]
    res = digitize_run(*sorted((base / "imgs").glob("*.png")), "-o", out, "--workers", 1, "--pdf")
    assert "3 skipped" in res.stderr             # now complete: nothing redone


def test_a_pdf_pages_jpeg_scan_goes_into_the_searchable_pdf_as_it_is(tmp_path: Path) -> None:
    from digitize.writers.pdf import to_pdf
    im, _ = page_image(7, lines=2)
    jpg = tmp_path / "scan.jpg"
    im.save(jpg, quality=80, dpi=(300, 300))
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(im.size[0] * 72 / 300, im.size[1] * 72 / 300)
    obj = pdfium.PdfImage.new(doc)
    obj.load_jpeg(str(jpg), inline=True)
    obj.set_matrix(pdfium.PdfMatrix().scale(page.get_width(), page.get_height()))
    page.insert_obj(obj)
    page.gen_content()
    doc.save(str(tmp_path / "in.pdf"))
    doc.close()
    [(model, scan)] = list(load_pages(tmp_path / "in.pdf", InputSettings()))
    assert model.steps[-1].settings["filters"] == "DCTDecode"
    assert jpg.read_bytes() in to_pdf(model, lambda: pytest.fail("the page image is not needed"))
