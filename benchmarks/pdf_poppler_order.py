"""Where plain ``pdftotext`` does not follow digitize's reading order: two minimal pages, and one turned character that fixes each.

    .venv/bin/python benchmarks/pdf_poppler_order.py OUTDIR

Builds two small page models by hand, writes each with digitize's searchable-PDF writer (a blank
white scan, the text layer on the characters' boxes) and prints the text as plain ``pdftotext``,
``pdftotext -raw`` and PDFium read it, against the model's reading order:

* ``caption_above_body``: a one-line caption X printed above a body line Y and starting at or left
  of it, read after the body (digitize's and the bench's convention: a caption after its article's
  body).  Plain ``pdftotext`` reads X first.
* ``article_row``: a two-column article (C, A) and, under its left column only, the next article B:
  read C, A, B (across the row), poppler reads C, B, A (down the left side first, Breuel's rule 2).

Then the same PDF with one character written turned (``pdf_poppler_pivots.py``: the character alone,
invisible, a quarter or half turn, its box exactly the printed one, which the script checks in
``pdftotext -bbox``): Y's last character running up (poppler rotation 3) for the first page, A's last
character upside down (rotation 2) for the second.  Plain ``pdftotext`` then reads both pages in the
model's order (the turned character on a line of its own): poppler takes rule 2's direction from each
block's own rotation, so the turned character is "before" the caption (or B) and is output after the
text above and beside it (BENCHMARKS.md, issue 13, session 8).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from digitize.geometry import Box
from digitize.model import Block, BlockType, Glyph, Line, Page, Word
from digitize.writers.pdf import write_pdf
from pdf_poppler_pivots import plain, text_only, with_pivots, word_boxes, write

DPI = 300.0
CHAR = 50          # character box, pixels (12 pt at 300 dpi)
PITCH = 70         # line pitch, pixels


def _line(i: int, text: str, x0: int, y0: int) -> Line:
    words = []
    for k, ch in enumerate(text):
        box = Box(x0 + k * CHAR, y0, x0 + (k + 1) * CHAR, y0 + CHAR)
        words.append(Word(ch, box, 0.99, glyphs=[Glyph(ch, box, 0.99)]))
    return Line(f"l{i}", Box(x0, y0, x0 + len(text) * CHAR, y0 + CHAR), words=words)


def _block(n: int, kind: BlockType, lines: list[Line], article: str) -> Block:
    box = Box(min(ln.box.x0 for ln in lines), min(ln.box.y0 for ln in lines),
              max(ln.box.x1 for ln in lines), max(ln.box.y1 for ln in lines))
    return Block(f"b{n}", kind, box, lines=lines, article=article, order=n)


def caption_above_body() -> Page:
    """Y (body, read first) under X (caption, read second)."""
    page = Page(source=Path("caption_above_body.png"), width=1200, height=600, dpi=DPI)
    body = _line(0, "正文第一行在下面", 100, 300)
    caption = _line(1, "图片说明在上面", 100, 300 - 2 * PITCH)
    page.blocks = [_block(0, BlockType.BODY, [body], "a1"), _block(1, BlockType.CAPTION, [caption], "a1")]
    return page


def article_row() -> Page:
    """C (left column) and A (right column) of one article, B (next article) under C only."""
    page = Page(source=Path("article_row.png"), width=1400, height=1200, dpi=DPI)
    c = [_line(i, t, 100, 100 + i * PITCH) for i, t in enumerate(("左栏第一行文字", "左栏第二行文字"))]
    a = [_line(2 + i, t, 600, 100 + i * PITCH) for i, t in enumerate(("右栏第一行文字", "右栏第二行文字",
                                                                      "右栏第三行文字", "右栏第四行文字"))]
    b = [_line(6 + i, t, 100, 500 + i * PITCH) for i, t in enumerate(("下篇文章第一行", "下篇文章第二行"))]
    page.blocks = [_block(0, BlockType.BODY, c, "a1"), _block(1, BlockType.BODY, a, "a1"),
                   _block(2, BlockType.BODY, b, "a2")]
    return page


def _pdfium(pdf: Path) -> str:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[0].get_textpage().get_text_range()
    finally:
        doc.close()


def _boxes(pdf: Path) -> list[tuple[str, tuple[float, ...]]]:
    """Every non-space character with its box (points) as PDFium reports it, in PDFium's order."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[0].get_textpage()
        return [(tp.get_text_range(i, 1), tp.get_charbox(i, loose=True)) for i in range(tp.count_chars())
                if tp.get_text_range(i, 1).strip()]
    finally:
        doc.close()


def _moved(before: Path, after: Path) -> float:
    """Largest difference (points) between a character's box in two PDFs as PDFium reports them."""
    a, b = _boxes(before), _boxes(after)
    if [c for c, _ in a] != [c for c, _ in b]:
        return float("inf")
    return max((max(abs(p - q) for p, q in zip(x, y)) for (_, x), (_, y) in zip(a, b)), default=0.0)


def _flat(text: str) -> str:
    return " / ".join(ln.strip() for ln in text.splitlines() if ln.strip())


# the turned character that puts each page in the model's order: (line in reading order, which end): rotation
PIVOT = {"caption_above_body": {(0, "last"): 3}, "article_row": {(5, "last"): 2}}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for make in (caption_above_body, article_row):
        page = make()
        pdf = out / f"{make.__name__}.pdf"
        write_pdf(page, pdf, np.full((page.height, page.width), 255, np.uint8))
        print(f"{make.__name__}:")
        print("  model order      ", " / ".join(ln.text for b in page.text_blocks() for ln in b.lines))
        for name, args in (("pdftotext", []), ("pdftotext -raw", ["-raw"])):
            got = subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"],
                                 capture_output=True, text=True, check=True).stdout
            print(f"  {name:<17}", _flat(got))
        print(f"  {'PDFium':<17}", _flat(_pdfium(pdf)))
        base, turned = out / f"{make.__name__}.text.pdf", out / f"{make.__name__}.turned.pdf"
        stream, ratios = text_only(pdf, base)
        write(base, with_pivots(stream, ratios, PIVOT[make.__name__]), turned)
        print(f"  {'one char turned':<17}", _flat(plain(turned)))
        print(f"  {'  PDFium':<17}", _flat(_pdfium(turned)))
        print(f"  {'  boxes':<17}", f"every character's box in PDFium as before (largest difference "
              f"{_moved(pdf, turned):.3f} pt); pdftotext -bbox: "
              + ", ".join(f"{w} {x0:.2f}-{x1:.2f} x {y0:.2f}-{y1:.2f}" for w, (x0, y0, x1, y1) in word_boxes(turned)
                          if len(w) == 1))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "pdf_poppler_order"))
