#!/usr/bin/env python3
"""Failure classes of one checkout's layout over every page set: which pages fail, and how.

    python benchmarks/census.py CHECKOUT --group all --pages DIR [--pages DIR2] [--min-cer 0.05] [--measure split]

Fixing failures one page at a time does not carry to pages nobody tuned on (session 12: 25 seen pages better,
no unseen page moved).  This lists, from the same layout-only figures ``compare_layout.py`` computes and caches,
every page whose oracle CER (the text in our line and block order, each line's text from the ground truth) is
at least ``--min-cer``, with the class of its failure read from the other figures, and then how many pages,
sets and page sources each class covers and how much oracle CER it carries: a rule worth writing fixes a class
that spans sets and sources, not one page.

Classes (first that applies):

* ``lost``: fewer than LOST_BELOW of the ground truth's lines are found (lines eaten by a picture, a rule or a
  block dropped as noise);
* ``merged``: at least MERGED_FROM of them are joined with another block's line (a gutter or a rule not seen);
* ``cut`` (only with ``--measure split``): most of the page's split CER is charged for GT lines cut over
  several of our lines (a listing's rows read as a column of times and a column of names, a line cut at a
  photo's edge): the oracle CER, which gives each of our lines the text of the GT lines it matches, does not see
  it (session 18: browser 31 cq_005 split 0.140, oracle 0.018; full pipeline 0.247);
* ``order``: every line found and none merged, yet the text is wrong: blocks or articles read in the wrong
  order, or a block cut in pieces read apart.

``spurious`` (lines read from no ground-truth line: specks, picture texture) is shown beside the class.
``--measure split`` selects and sums pages by layout_only's split CER (the GT text charged over the lines that
cut each GT line) instead of the oracle CER.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_layout  # noqa: E402
import pagesets  # noqa: E402

LOST_BELOW = 0.98     # share of GT lines found: under it, lost lines alone cost several points of CER
MERGED_FROM = 0.01    # share of GT lines merged across blocks: issue 10's limit is 1 %


CUT_SHARE = 0.5      # with --measure split: a page is "cut" when at least this share of its split CER is what
                     # cutting GT lines adds to the oracle CER (the larger part of its loss)


def classify(found: float, merged: float, oracle: float | None = None, split: float | None = None) -> str:
    """The failure class of a page from its layout-only figures (see the module's doc); ``oracle`` and
    ``split`` given (``--measure split``), a page whose loss is mostly lines cut in pieces is ``cut``."""
    if found < LOST_BELOW:
        return "lost"
    if merged >= MERGED_FROM:
        return "merged"
    if split is not None and oracle is not None and split - oracle >= CUT_SHARE * split > 0:
        return "cut"
    return "order"


def census(rows_by_set: dict[str, tuple[str, dict[str, list[str]]]], min_cer: float, measure: str = "oracle"):
    """(failing pages, per-class totals) from {set: (group, compare_layout.rows(...))}.  A page row is
    (group, set, page, class, found, in order, merged, CER, spurious), the CER being the oracle's or, with
    ``measure="split"``, the split CER (layout_only's last column); a total is keyed (group, class) and holds
    pages, sets and that CER summed over the pages."""
    pages, totals = [], defaultdict(lambda: {"pages": 0, "sets": set(), "cer": 0.0})
    for name, (group, rows) in rows_by_set.items():
        for page, r in rows.items():
            if page == "all":
                continue
            found, order, merged, cer, spurious = float(r[0]), float(r[1]), float(r[2]), float(r[3]), int(r[4])
            cls = None
            if measure == "split":
                oracle, cer = cer, float(r[5])
                cls = classify(found, merged, oracle, cer)
            if cer < min_cer:
                continue
            cls = cls or classify(found, merged)
            pages.append((group, name, page, cls, found, order, merged, cer, spurious))
            t = totals[(group, cls)]
            t["pages"] += 1
            t["sets"].add(name)
            t["cer"] += cer
    pages.sort(key=lambda p: (p[0], p[3], -p[7]))
    return pages, dict(totals)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path)
    ap.add_argument("--group", action="append", default=[], choices=[*pagesets.GROUPS, "all"])
    ap.add_argument("--pages", type=Path, action="append", default=[])
    ap.add_argument("--exclude", action="append", default=[],
                    help="leave out sets whose pagesets.toml status contains this (e.g. a session's fresh seeds)")
    ap.add_argument("--min-cer", type=float, default=0.05)
    ap.add_argument("--measure", choices=["oracle", "split"], default="oracle",
                    help="select and sum pages by the oracle CER (default) or by the split CER (lines cut in pieces "
                         "charged; adds the class 'cut')")
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    ap.add_argument("--cache", type=Path, default=compare_layout.DEFAULT_CACHE)
    ap.add_argument("--python", default=sys.executable)
    a = ap.parse_args(argv)
    known = pagesets.load()
    rows_by_set = {}
    for d, config in compare_layout.group_sets(a.group or ["all"], a.pages, a.bench):
        s = known.get(d.name, {})
        if any(x in s.get("status", "") for x in a.exclude):
            continue
        rows = compare_layout.rows(compare_layout.run(a.checkout, d, config, a.cache, a.python))
        rows_by_set[d.name] = (s.get("group", "other"), rows)
    pages, totals = census(rows_by_set, a.min_cer, a.measure)
    print(f"{'source':9s} {'set':15s} {'page':12s} {'class':7s} found  order  merged {a.measure} spurious")
    for g, name, page, cls, found, order, merged, cer, spurious in pages:
        print(f"{g:9s} {name:15s} {page:12s} {cls:7s} {found:.3f}  {order:.3f}  {merged:.3f}  {cer:.3f}  {spurious}")
    print(f"\nclasses (pages with {a.measure} CER >= {a.min_cer}):")
    print(f"{'source':9s} {'class':7s} pages  sets  {a.measure} CER summed")
    for (g, cls), t in sorted(totals.items(), key=lambda kv: -kv[1]["cer"]):
        print(f"{g:9s} {cls:7s} {t['pages']:5d} {len(t['sets']):5d}  {t['cer']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
