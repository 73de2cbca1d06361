"""Text of the searchable PDFs (``digitize run --pdf``) as ``pdftotext`` reads it, against the page's text file.

    .venv/bin/python benchmarks/pdf_text.py OUT [--json FILE]

For every ``STEM.pdf`` under OUT with its ``STEM.txt`` beside it: ``pdftotext -raw`` (content-stream
order, i.e. the order digitize wrote: its reading order) and plain ``pdftotext`` (poppler's own
layout analysis) are compared with the text file.  Both sides are NFKC-normalised with all
whitespace removed (as the bench scorer does), CER = edit distance / characters of the text file.
The same for the text PDFium extracts (the engine of Chromium's PDF viewer: what its search and copy
see).  Also counts spaces put between two Chinese characters (there should be none).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein

WS = re.compile(r"\s+", re.UNICODE)
HAN_SPACE_HAN = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")


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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    rows = []
    for pdf in sorted(args.out.rglob("*.pdf")):
        txt = pdf.with_suffix(".txt")
        if not txt.is_file():
            continue
        ref = norm(txt.read_text(encoding="utf-8"))
        row = {"page": pdf.relative_to(args.out).as_posix(), "chars": len(ref)}
        for mode in ("raw", "default", "pdfium"):
            got = pdfium_text(pdf) if mode == "pdfium" else pdftotext(pdf, mode == "raw")
            row[f"cer_{mode}"] = Levenshtein.distance(norm(got), ref) / max(1, len(ref))
            row[f"han_spaces_{mode}"] = len(HAN_SPACE_HAN.findall(got))
        rows.append(row)
    if not rows:
        print(f"no STEM.pdf with STEM.txt under {args.out}", file=sys.stderr)
        return 1
    modes = ("raw", "default", "pdfium")
    print("| page | chars | CER `pdftotext -raw` | CER `pdftotext` | CER PDFium | spaces between Han (raw / default / PDFium) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['page']} | {r['chars']} | " + " | ".join(f"{r[f'cer_{m}']:.4f}" for m in modes)
              + " | " + " / ".join(str(r[f"han_spaces_{m}"]) for m in modes) + " |")
    n = sum(r["chars"] for r in rows)
    micro = {m: sum(r[f"cer_{m}"] * r["chars"] for r in rows) / n for m in modes}
    print(f"| all ({len(rows)} pages, micro) | {n} | " + " | ".join(f"{micro[m]:.4f}" for m in modes)
          + " | " + " / ".join(str(sum(r[f"han_spaces_{m}"] for r in rows)) for m in modes) + " |")
    print("max CER: " + ", ".join(f"{m} {max(r[f'cer_{m}'] for r in rows):.4f}" for m in modes))
    if args.json:
        args.json.write_text(json.dumps({"pages": rows, "micro": micro}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
