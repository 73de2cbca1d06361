"""Text of the searchable PDFs (``digitize run --pdf``) as ``pdftotext`` reads it, against the page's text file.

    .venv/bin/python benchmarks/pdf_text.py OUT [--json FILE]

For every ``STEM.pdf`` under OUT with its ``STEM.txt`` beside it: ``pdftotext -raw`` (content-stream
order, i.e. the order digitize wrote: its reading order) and plain ``pdftotext`` (poppler's own
layout analysis) are compared with the text file.  Both sides are NFKC-normalised with all
whitespace removed (as the bench scorer does), CER = edit distance / characters of the text file.
Also counts spaces pdftotext put between two Chinese characters (there should be none).
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
        for mode, raw in (("raw", True), ("default", False)):
            got = pdftotext(pdf, raw)
            row[f"cer_{mode}"] = Levenshtein.distance(norm(got), ref) / max(1, len(ref))
            row[f"han_spaces_{mode}"] = len(HAN_SPACE_HAN.findall(got))
        rows.append(row)
    if not rows:
        print(f"no STEM.pdf with STEM.txt under {args.out}", file=sys.stderr)
        return 1
    print("| page | chars | CER `pdftotext -raw` | CER `pdftotext` | spaces between Han (raw / default) |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['page']} | {r['chars']} | {r['cer_raw']:.4f} | {r['cer_default']:.4f} | "
              f"{r['han_spaces_raw']} / {r['han_spaces_default']} |")
    n = sum(r["chars"] for r in rows)
    micro = {m: sum(r[f"cer_{m}"] * r["chars"] for r in rows) / n for m in ("raw", "default")}
    print(f"| all ({len(rows)} pages, micro) | {n} | {micro['raw']:.4f} | {micro['default']:.4f} | "
          f"{sum(r['han_spaces_raw'] for r in rows)} / {sum(r['han_spaces_default'] for r in rows)} |")
    print(f"max CER: raw {max(r['cer_raw'] for r in rows):.4f}, default {max(r['cer_default'] for r in rows):.4f}")
    if args.json:
        args.json.write_text(json.dumps({"pages": rows, "micro": micro}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
