"""Stray ``.`` / ``·`` between two Han characters in the clean text, against the ground truth.

Specks on a degraded scan are read as half-width marks inside Chinese text (``发.展``); the printed
text has them only in a few places (``12版·总第``, ``约翰·斯``).  Both sides are NFKC-normalised.

    python benchmarks/stray_marks.py --gt ../shared/bench/dev --hyp runs/dev
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

HAN = "[\u3400-\u9fff]"
MARK = re.compile(f"(?<={HAN})[.·](?={HAN})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gt", type=Path, required=True)
    ap.add_argument("--hyp", type=Path, required=True)
    a = ap.parse_args()
    hyp_marks = gt_marks = hyp_han = gt_han = files = 0
    for g in sorted(a.gt.glob("*.gt.txt")):
        h = next(a.hyp.rglob(g.name[:-len(".gt.txt")] + ".txt"), None)
        if h is None:
            continue
        files += 1
        ht = unicodedata.normalize("NFKC", h.read_text(encoding="utf-8"))
        gt = unicodedata.normalize("NFKC", g.read_text(encoding="utf-8"))
        hyp_marks += len(MARK.findall(ht))
        gt_marks += len(MARK.findall(gt))
        hyp_han += len(re.findall(HAN, ht))
        gt_han += len(re.findall(HAN, gt))
    print(f"files {files}  stray ./· between Han: hypothesis {hyp_marks} ({1000 * hyp_marks / max(1, hyp_han):.2f} "
          f"per 1000 Han), ground truth {gt_marks} ({1000 * gt_marks / max(1, gt_han):.2f} per 1000 Han)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
