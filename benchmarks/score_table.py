"""Markdown rows from the bench scorer's JSON (``score.py --json FILE``), one row per profile.

    .venv/bin/python benchmarks/score_table.py LABEL=score.json [LABEL=score.json ...]

Order loss = CER (micro) minus the order-free bag error: what reading order and segmentation cost.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def rows(label: str, path: Path) -> list[str]:
    summary = json.loads(path.read_text(encoding="utf-8"))["summary"]
    out = []
    for profile in ("clean", "light", "heavy", "all"):
        s = summary.get(profile)
        if not s:
            continue
        blocks = (f"{s['block_recall_micro']:.2f} | {s['block_precision_macro']:.2f} | {s['over']}/{s['under']}"
                  if "block_recall_micro" in s else "- | - | -")
        out.append(f"| {label} | {profile} | {s['pages']} | {s['gt_chars']} | {s['cer_micro']:.3f} | "
                   f"{s['bag_err_macro']:.3f} | {max(0.0, s['cer_micro'] - s['bag_err_macro']):.3f} | {blocks} |")
    return out


def main() -> int:
    print("| system | profile | pages | GT chars | CER (micro) | bag error | order loss | block R@.5 | block P@.5 | over/under |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for arg in sys.argv[1:]:
        label, _, path = arg.partition("=")
        print("\n".join(rows(label, Path(path))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
