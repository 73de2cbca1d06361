"""Text of the searchable PDFs (``digitize run --pdf``) as ``pdftotext`` reads it, against the page's text file.

    .venv/bin/python benchmarks/pdf_text.py OUT [--json FILE]

For every ``STEM.pdf`` under OUT with its ``STEM.txt`` beside it, the PDF's text as three readers
extract it is compared with the text file:

* ``pdftotext -raw``: content-stream order, i.e. the order digitize wrote (its reading order);
* plain ``pdftotext``: poppler's own layout analysis (it groups lines into blocks by geometry and
  puts the blocks in its own order; evince, okular and other poppler-based viewers select and
  search that way);
* PDFium (the engine of Chromium's PDF viewer: what its search and copy see).

Both sides are NFKC-normalised with all whitespace removed (as the bench scorer does); CER = edit
distance / characters of the text file.  With the ALTO (``STEM.xml``) beside, also counted: how many of its lines plain ``pdftotext`` gives
whole, and how many of its blocks come out whole, their lines together and in order (poppler found
digitize's block).  For plain ``pdftotext`` a second figure undoes poppler's
block order: each of its paragraphs (poppler blocks, blank-line separated) is placed where it best
matches the text file, then the CER is taken again.  What is left there is text poppler broke up
(lines of two columns joined, a block split and interleaved with another); the difference between the
two figures is block order alone.  Also counted: spaces poppler puts between two Chinese characters
beyond those in the text file (which has one only where the print has a field gap).

Where the characters are: with ``--boxes``, each character's box as PDFium reports it (what a
viewer highlights on search or selection) is compared with the character's ``String`` box in the
page's ALTO (``STEM.xml``): the distance between their centres in character heights (the String's
HEIGHT), median, 95th percentile and share over half a character.  The same for the layout Tesseract's
renderer uses, one advance for the whole line (characters spread evenly over the line), computed from
the ALTO, for comparison.  Horizontal lines only; a page whose PDFium text does not match the ALTO
character for character is left out.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Optional

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

WS = re.compile(r"\s+", re.UNICODE)
HAN_SPACE_HAN = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
PARAGRAPH = re.compile(r"\n\s*\n")
MODES = ("raw", "default", "pdfium")


def norm(s: str) -> str:
    return WS.sub("", unicodedata.normalize("NFKC", s))


def pdftotext(pdf: Path, raw: bool) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(pdf), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def pdfium_text(pdf: Path) -> str:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def block_order_undone(got: str, ref: str) -> str:
    """``got``'s paragraphs, each placed at the position in ``ref`` (normalised) where it matches best."""
    paras = [p for p in (norm(p) for p in PARAGRAPH.split(got)) if p]
    at = [fuzz.partial_ratio_alignment(p, ref).dest_start for p in paras]
    return "".join(p for _, p in sorted(zip(at, paras), key=lambda t: t[0]))


def measure(pdf: Path, text: str) -> dict:
    ref = norm(text)
    n = max(1, len(ref))
    spaces_ref = len(HAN_SPACE_HAN.findall(text))
    row: dict = {"chars": len(ref)}
    for mode in MODES:
        got = pdfium_text(pdf) if mode == "pdfium" else pdftotext(pdf, mode == "raw")
        row[f"cer_{mode}"] = Levenshtein.distance(norm(got), ref) / n
        row[f"han_spaces_{mode}"] = max(0, len(HAN_SPACE_HAN.findall(got)) - spaces_ref)
        if mode == "default":
            row["cer_default_blocks"] = Levenshtein.distance(block_order_undone(got, ref), ref) / n
    return row


def poppler_blocks(pdf: Path, xml: Path) -> tuple[int, int, int, int]:
    """(lines, lines plain pdftotext gives whole, blocks, blocks whose lines it gives whole, together
    and in order) of the page's ALTO TextBlocks: whether poppler found digitize's lines and blocks."""
    from lxml import etree
    got = [norm(t) for t in pdftotext(pdf, False).splitlines() if t.strip()]
    have = set(got)
    n_lines = ok_lines = n_blocks = ok_blocks = 0
    for block in etree.parse(str(xml)).getroot().iter("{*}TextBlock"):
        lines = [norm("".join(s.get("CONTENT", "") for s in ln.iter("{*}String"))) for ln in block.iter("{*}TextLine")]
        lines = [t for t in lines if t]
        if not lines:
            continue
        n_lines += len(lines)
        ok_lines += sum(t in have for t in lines)
        n_blocks += 1
        if lines[0] in have:
            at = got.index(lines[0])
            ok_blocks += got[at:at + len(lines)] == lines
    return n_lines, ok_lines, n_blocks, ok_blocks


def alto_lines(xml: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per ALTO TextLine its characters as (char, x0, y0, x1, y1) in pixels (a multi-character String
    spread evenly over its box)."""
    from lxml import etree
    out = []
    for line in etree.parse(str(xml)).getroot().iter("{*}TextLine"):
        chars = []
        for st in line.iter("{*}String"):
            text = st.get("CONTENT", "")
            x, y, w, h = (float(st.get(k, 0)) for k in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
            step = w / max(1, len(text))
            chars += [(ch, x + i * step, y, x + (i + 1) * step, y + h) for i, ch in enumerate(text) if not ch.isspace()]
        out.append(chars)
    return out


def box_offsets(pdf: Path, xml: Path, dpi: float = 300.0) -> Optional[tuple[list, list[float]]]:
    """(the PDF's (along, across the line) offsets, the along offsets of one advance per line) of
    horizontal lines' characters, in character heights; None when PDFium's characters do not match
    the ALTO's one for one."""
    import pypdfium2 as pdfium
    lines = alto_lines(xml)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        tp = page.get_textpage()
        k = dpi / 72.0
        height = page.get_height()
        got = []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if ch.strip():
                left, bottom, right, top = tp.get_charbox(i, loose=True)
                got.append((ch, (left + right) / 2 * k, (height - (bottom + top) / 2) * k))
    finally:
        doc.close()
    flat = [c for ln in lines for c in ln]
    if [unicodedata.normalize("NFKC", g[0]) for g in got] != [unicodedata.normalize("NFKC", c[0]) for c in flat]:
        return None
    pdf_off, line_off = [], []
    i = 0
    for ln in lines:
        n = len(ln)
        horizontal = n > 1 and (ln[-1][1] - ln[0][1]) > (ln[-1][2] - ln[0][2])
        if horizontal:
            x0, x1 = ln[0][1], ln[-1][3]
            for j, (ch, cx0, cy0, cx1, cy1) in enumerate(ln):
                h = max(cy1 - cy0, 1.0)
                cx, cy = (cx0 + cx1) / 2, (cy0 + cy1) / 2
                _, gx, gy = got[i + j]
                pdf_off.append((abs(gx - cx) / h, abs(gy - cy) / h))
                line_off.append(abs(x0 + (j + 0.5) * (x1 - x0) / n - cx) / h)
        i += n
    return pdf_off, line_off


def _stats(v: list[float]) -> str:
    v = sorted(v)
    if not v:
        return "-"
    return (f"median {v[len(v) // 2]:.3f}, p95 {v[int(0.95 * (len(v) - 1))]:.3f}, "
            f"over half a character {sum(x > 0.5 for x in v) / len(v):.4f} ({len(v)} characters)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--boxes", action="store_true", help="also compare PDFium's character boxes with the ALTO's")
    args = ap.parse_args()
    rows = []
    for pdf in sorted(args.out.rglob("*.pdf")):
        txt = pdf.with_suffix(".txt")
        if txt.is_file():
            rows.append({"page": pdf.relative_to(args.out).as_posix(), **measure(pdf, txt.read_text(encoding="utf-8"))})
    if not rows:
        print(f"no STEM.pdf with STEM.txt under {args.out}", file=sys.stderr)
        return 1
    cols = ("raw", "default", "default_blocks", "pdfium")
    print("| page | chars | CER `pdftotext -raw` | CER `pdftotext` | same, poppler's block order undone | CER PDFium "
          "| extra spaces between Han (raw / plain / PDFium) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['page']} | {r['chars']} | " + " | ".join(f"{r[f'cer_{m}']:.4f}" for m in cols)
              + " | " + " / ".join(str(r[f"han_spaces_{m}"]) for m in MODES) + " |")
    n = sum(r["chars"] for r in rows)
    micro = {m: sum(r[f"cer_{m}"] * r["chars"] for r in rows) / n for m in cols}
    print(f"| all ({len(rows)} pages, micro) | {n} | " + " | ".join(f"{micro[m]:.4f}" for m in cols)
          + " | " + " / ".join(str(sum(r[f"han_spaces_{m}"] for r in rows)) for m in MODES) + " |")
    print("max CER: " + ", ".join(f"{m} {max(r[f'cer_{m}'] for r in rows):.4f}" for m in cols))
    print("pages with CER <= 0.02: " + ", ".join(f"{m} {sum(r[f'cer_{m}'] <= 0.02 for r in rows)}/{len(rows)}"
                                             for m in cols))
    counts = [poppler_blocks(pdf, pdf.with_suffix(".xml")) for pdf in sorted(args.out.rglob("*.pdf"))
              if pdf.with_suffix(".txt").is_file() and pdf.with_suffix(".xml").is_file()]
    if counts:
        t = [sum(c[i] for c in counts) for i in range(4)]
        print(f"plain pdftotext: ALTO lines whole {t[1]}/{t[0]}, ALTO blocks whole and in order {t[3]}/{t[2]}")
    if args.boxes:
        pdf_off, line_off, skipped = [], [], []
        for pdf in sorted(args.out.rglob("*.pdf")):
            if pdf.with_suffix(".xml").is_file():
                res = box_offsets(pdf, pdf.with_suffix(".xml"))
                if res is None:
                    skipped.append(pdf.name)
                else:
                    pdf_off += res[0]
                    line_off += res[1]
        print("character box centre to ALTO String centre, in character heights:")
        print("  this PDF, along the line:  " + _stats([a for a, _ in pdf_off]))
        print("  this PDF, across the line: " + _stats([b for _, b in pdf_off]))
        print("  one advance a line, along: " + _stats(line_off))
        if skipped:
            print("  left out (PDFium text differs from the ALTO): " + ", ".join(skipped))
    if args.json:
        args.json.write_text(json.dumps({"pages": rows, "micro": micro}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
