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
distance / characters of the text file.  For plain ``pdftotext`` a second figure undoes poppler's
block order: each of its paragraphs (poppler blocks, blank-line separated) is placed where it best
matches the text file, then the CER is taken again.  What is left there is text poppler broke up
(lines of two columns joined, a block split and interleaved with another); the difference between the
two figures is block order alone.  Also counted: spaces poppler puts between two Chinese characters
beyond those in the text file (which has one only where the print has a field gap).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--json", type=Path)
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
    if args.json:
        args.json.write_text(json.dumps({"pages": rows, "micro": micro}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
