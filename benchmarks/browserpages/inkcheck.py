#!/usr/bin/env python3
"""A generator self-check: ground-truth characters that the page does not print.

Makes sets of pagesets.toml again with ``make.py --ink-check`` (pages exactly as their entry makes them, into
a scratch folder) and sums, per source, font and character, the ground-truth characters whose box holds no ink
on the clean render (before degradation): characters the ground truth says and the page does not show.

    python benchmarks/browserpages/inkcheck.py run NAME... --out DIR [--options "--vert-marks"]
    python benchmarks/browserpages/inkcheck.py sum DIR/ink.jsonl [...]

``run`` writes DIR/NAME/ (the pages) and appends to DIR/ink.jsonl; ``--options`` adds generator options to
every set (to check a fix on old sets).  ``sum`` prints, per source and font, the pages, characters and blank
characters, and per font the blank characters with how many of that character the font set.
Spaces are never in the check (make.py leaves them out of the characters it measures).
"""
import argparse
import json
import shlex
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import pagesets  # noqa: E402


def run(names, out, bench, options):
    sets = pagesets.load()
    out.mkdir(parents=True, exist_ok=True)
    log = out / "ink.jsonl"
    for n in names:
        s = dict(sets[n])
        if s.get("generator") != "browser":
            raise SystemExit("inkcheck: %s is not made by browserpages/make.py" % n)
        cmd = pagesets.command(n, s, out.resolve()) + ["--ink-check", str(log.resolve())] + shlex.split(options)
        rc = subprocess.run(cmd, cwd=bench, stdout=subprocess.DEVNULL).returncode
        print("%s: %s" % (n, "ok" if rc == 0 else "FAILED (exit %d)" % rc), flush=True)


def summarize(files):
    recs = [json.loads(l) for f in files for l in open(f, encoding="utf-8") if l.strip()]
    src = lambda r: r["set"].split("-", 1)[0] + (" (--vert-marks)" if r.get("vert_marks") else "")
    pages = defaultdict(set)
    chars, blank, setc, blank_sets = Counter(), Counter(), Counter(), defaultdict(set)
    for r in recs:
        for f, cs in r["counts"].items():
            for c, k in cs.items():
                setc[src(r), f, c] += k
                chars[src(r), f] += k
        for c, f, t, *_ in r["blank"]:
            blank[src(r), f, c] += 1
            blank_sets[src(r), f].add(r["set"])
        pages[src(r)].add((r["set"], r["page"]))
    print("%-28s %-18s %6s %9s %7s" % ("source", "font", "sets", "chars", "blank"))
    for s in sorted(pages):
        sets_ = {p[0] for p in pages[s]}
        print("%-28s %-18s %6d %9d %7s   (%d pages)" % (s, "(all fonts)", len(sets_), sum(v for (a, f), v in chars.items() if a == s),
                                                      sum(v for (a, f, c), v in blank.items() if a == s), len(pages[s])))
        for (a, f), v in sorted(chars.items()):
            if a != s:
                continue
            b = sum(k for (a2, f2, c), k in blank.items() if (a2, f2) == (a, f))
            print("%-28s %-18s %6s %9d %7d   %s" % ("", f, len(blank_sets[a, f]) or "", v, b,
                                                 " ".join("%s %d/%d" % (c, k, setc[a, f, c])
                                                          for (a2, f2, c), k in sorted(blank.items(), key=lambda x: -x[1])
                                                          if (a2, f2) == (a, f))))
    # pages of a body font: the blank characters of pages set in it (the body font decides the page)
    print("\nper page body font (vertical pages): pages with a blank character / pages")
    bf = defaultdict(lambda: [0, 0])
    for r in recs:
        k = (src(r), r.get("body_font") or "?")
        bf[k][1] += 1
        bf[k][0] += bool(r["blank"])
    for k, (a, b) in sorted(bf.items()):
        print("  %-28s %-20s %d/%d" % (k[0], k[1], a, b))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("names", nargs="+")
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--bench", type=Path, default=HERE.parent.parent.parent / "shared" / "bench")
    r.add_argument("--options", default="", help="generator options added to every set, e.g. --vert-marks")
    s = sub.add_parser("sum")
    s.add_argument("files", nargs="+")
    a = ap.parse_args(argv)
    if a.cmd == "run":
        run(a.names, a.out, a.bench, a.options)
    else:
        summarize(a.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
