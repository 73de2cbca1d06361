#!/usr/bin/env python3
"""The held-out report of a session, from the repository alone: full pipeline and plain Tesseract on page sets,
scored, with QA's estimate checked against the truth.

Sessions report their figures on sets of ``pagesets.toml`` (unseen report sets, fresh seeds, dev sets).  Until
session 26 the runs were driven by scripts kept outside the repository, lost with the machine they ran on; this
keeps the whole chain here, so a fresh machine gets every figure again with ``pagesets.py make`` and:

    python benchmarks/heldout.py run CHECKOUT RUNS --sets NAME... --pages DIR [--workers 1] [--nice 5] [--config F]
    python benchmarks/heldout.py tesseract RUNS --sets NAME... --pages DIR
    python benchmarks/heldout.py table RUNS --sets NAME... --pages DIR [--pages-detail] [--qa CHECKOUT]

``run`` lays out and reads each set with the code of CHECKOUT (a git worktree; ``PYTHONPATH``), its profile
(``config`` in pagesets.toml, taken in CHECKOUT), into ``RUNS/NAME`` (``digitize run`` resumes: rerunning goes on
where it stopped).  ``tesseract`` runs ``tesseract IMG OUT -l chi_sim --psm 3 alto txt`` (``chi_tra_vert`` on the
vertical sets) one page at a time, single-threaded, into ``RUNS/NAME``.  ``table`` scores ``RUNS/NAME`` against
the set's ground truth with ``digitize eval`` (CER micro, order-free error macro, text-block recall; GT lines
found, consecutive GT lines in order, GT lines merged with another block's line) and, with ``--qa``, compares
QA's ``estimated_cer`` (``digitize qa summary``, with the code of that checkout) with each page's true CER:
Spearman rank correlation, the worst true-CER page's rank by estimate, and how many pages of true CER >= 0.02
are estimated within a factor of 2 (issue 12's figures).

A set is named as in ``pagesets.py list``; ``--pages DIR`` is where ``pagesets.py make`` made it (several
``--pages`` are searched in turn); bench sets (``dev``, ``real``) are taken from the shared bench.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pagesets  # noqa: E402
from fit_quality import BIG as QA_MIN_CER, spearman  # noqa: E402,F401  (issue 12: judged on pages of CER >= 0.02)
from digitize.batch.inputs import find_inputs  # noqa: E402  (fit_quality put the repository on the path)



def set_dir(name: str, sets: dict, pages: list[Path], bench: Path) -> Path:
    """The folder holding set NAME: the shared bench's for a bench set, else the first ``--pages`` DIR/NAME."""
    if name not in sets:
        raise SystemExit(f"heldout: no set named {name} (see `pagesets.py list`)")
    s = sets[name]
    for d in [pagesets.path(name, s, p, bench) for p in pages or [bench]]:
        if "bench" in s or d.is_dir():
            return d
    raise SystemExit(f"heldout: set {name} is not made in {', '.join(map(str, pages))} (pagesets.py make {name})")


def page_images(folder: Path) -> list[Path]:
    """The page images and PDFs of a set's folder, as ``digitize run`` finds them (ground truth is not one)."""
    return sorted(f.source for f in find_inputs([folder]))


def run_digitize(checkout: Path, name: str, s: dict, src: Path, out: Path, workers: int, nice: int,
                 config: Path | None = None) -> int:
    cmd = ["nice", "-n", str(nice), sys.executable, "-m", "digitize", "run", *map(str, page_images(src)),
           "-o", str(out), "--workers", str(workers), "-q"]
    if config or s.get("config"):
        cmd += ["--config", str(config.resolve() if config else checkout / s["config"])]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    return subprocess.run(cmd, cwd=checkout, env=env).returncode


def run_tesseract(name: str, s: dict, src: Path, out: Path, nice: int) -> int:
    lang = "chi_tra_vert" if s["group"] == "vertical" else "chi_sim"
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    failed = 0
    for img in page_images(src):
        rc = subprocess.run(["nice", "-n", str(nice), "tesseract", str(img), str(out / img.stem), "-l", lang,
                             "--psm", "3", "alto", "txt"], env=env, capture_output=True).returncode
        failed += rc != 0
        if rc:
            print(f"heldout: tesseract failed on {img}", file=sys.stderr)
    return 1 if failed else 0


def evaluate(runs: Path, name: str, src: Path) -> dict:
    from digitize.qa.evaluate import evaluate as _evaluate
    return _evaluate(src, runs / name, "output").to_json()


def qa_figures(true: dict[str, float], est: dict[str, float]) -> dict:
    """Issue 12's figures of one page source: Spearman, the worst page's rank by estimate (1 = estimated worst),
    and (within, of) pages of true CER >= QA_MIN_CER estimated within a factor of 2."""
    pages = sorted(p for p in true if p in est)
    worst = max(pages, key=lambda p: true[p])
    by_est = sorted(pages, key=lambda p: -est[p])
    big = [p for p in pages if true[p] >= QA_MIN_CER]
    within = sum(1 for p in big if true[p] / 2 <= est[p] <= 2 * true[p])
    return {"spearman": spearman([true[p] for p in pages], [est[p] for p in pages]), "worst": worst,
            "worst_true": true[worst], "worst_est": est[worst], "worst_rank": by_est.index(worst) + 1,
            "within": within, "of": len(big)}


def qa_estimates(checkout: Path, s: dict, out: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "digitize", "qa"]
    if s.get("config"):
        cmd += ["--config", str(checkout / s["config"])]
    cmd += ["summary", str(out), "--json"]
    res = subprocess.run(cmd, cwd=checkout, env={**os.environ, "PYTHONPATH": str(checkout)},
                         capture_output=True, text=True)
    if res.returncode not in (0, 1):
        raise SystemExit(f"heldout: qa summary failed on {out}: {res.stderr.strip()[-300:]}")
    return {Path(r["source"]).stem: r["estimated_cer"] for r in json.loads(res.stdout)
            if r.get("estimated_cer") is not None}


def table(runs: Path, names: list[str], sets: dict, pages: list[Path], bench: Path, detail: bool,
          qa: Path | None) -> int:
    within = of = 0
    for name in names:
        src = set_dir(name, sets, pages, bench)
        if not (runs / name).is_dir():
            print(f"{name:18s} not run ({runs / name})")
            continue
        r = evaluate(runs, name, src)
        o = r["overall"]
        blocks = f"{o['block_recall_micro']:.2f}" if "block_recall_micro" in o else "-"
        lines = (f"{o['lines_found']:.3f} / {o['lines_in_order']:.3f} / {100 * o['lines_merged']:.1f} %"
                 if "lines_found" in o else "-")
        print(f"{name:18s} {o['cer_micro']:.3f} / {o['bag_macro']:.3f} / {blocks}; {lines}  ({o['pages']} pages"
              f"{', ' + str(o['missing']) + ' missing' if o['missing'] else ''})")
        true = {p["page"]: p["cer"] for p in r["pages"]}
        if detail:
            print("    " + ", ".join(f"{p} {c:.3f}" for p, c in sorted(true.items(), key=lambda t: -t[1])))
        if qa is not None:
            q = qa_figures(true, qa_estimates(qa, sets[name], runs / name))
            within += q["within"]
            of += q["of"]
            print(f"    QA: Spearman {q['spearman']:.2f}; worst {q['worst']} {q['worst_true']:.3f} estimated "
                  f"{q['worst_est']:.3f}, rank {q['worst_rank']}; within 2x {q['within']} / {q['of']}")
    if qa is not None:
        print(f"QA over all: within 2x {within} / {of}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=pagesets.HERE.parent.parent / "shared" / "bench")
    sub = ap.add_subparsers(dest="cmd", required=True)
    for c in ("run", "tesseract", "table"):
        p = sub.add_parser(c)
        if c == "run":
            p.add_argument("checkout", type=Path)
        p.add_argument("runs", type=Path)
        p.add_argument("--sets", nargs="+", required=True)
        p.add_argument("--pages", type=Path, action="append", default=[])
        p.add_argument("--nice", type=int, default=5)
        if c == "run":
            p.add_argument("--workers", type=int, default=1)
            p.add_argument("--config", type=Path, help="profile for every set instead of the sets' own (e.g. the "
                           "real scans' Fraktur profile, ../shared/bench/real/README)")
        if c == "table":
            p.add_argument("--pages-detail", action="store_true")
            p.add_argument("--qa", type=Path, help="checkout whose `digitize qa summary` gives the estimates")
    a = ap.parse_args(argv)
    sets = pagesets.load()
    if a.cmd == "table":
        return table(a.runs, a.sets, sets, a.pages, a.bench, a.pages_detail, a.qa)
    rc = 0
    for name in a.sets:
        src = set_dir(name, sets, a.pages, a.bench)
        out = a.runs / name
        if a.cmd == "run":
            rc |= run_digitize(a.checkout.resolve(), name, sets[name], src, out.resolve(), a.workers, a.nice,
                               a.config) != 0
        else:
            rc |= run_tesseract(name, sets[name], src, out, a.nice)
        print(f"{name}: done", flush=True)
    return 1 if rc else 0


if __name__ == "__main__":
    sys.exit(main())
