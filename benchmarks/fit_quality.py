"""Fit and check QA's page quality estimate (``estimated_cer``) against ground truth.

Each set is ``NAME=OUT:GT``: a batch output folder written by ``digitize run`` and the folder of
its ground truth (``STEM.gt.txt``).  The constants are fitted on the ``--fit`` sets only and, with
``--write``, stored in ``digitize/qa/calibration.json`` (the one place they live); ``--check`` sets
are only scored, so keep fresh seeds there to see how the estimate does on pages it never saw.

For every set (page source) it prints the Spearman rank correlation between estimate and true CER,
where the page with the worst true CER ranks by estimate, and over all sets the share of pages with
true CER >= 0.02 whose estimate is within a factor of 2.  ``--plot`` draws the scatter (log-log PNG).

    python benchmarks/fit_quality.py --fit dev=runs/dev:../shared/bench/dev --fit s21=runs/s21:GT21 \
        --check s41=runs/s41:GT41 --write --plot benchmarks/quality_scatter.png
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digitize.config import QASettings  # noqa: E402
from digitize.qa.estimate import CALIBRATION, FEATURES, Calibration, transformed  # noqa: E402
from digitize.qa.evaluate import evaluate  # noqa: E402
from digitize.qa.summary import summarize  # noqa: E402

CER_FLOOR = 0.002          # true CERs below this count as this in the fit's relative error (a clean page)
BIG = 0.02                 # "pages with real errors": the factor-2 target is judged on these


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (average ranks for ties)."""
    def ranks(x):
        order = sorted(range(len(x)), key=lambda i: x[i])
        r = [0.0] * len(x)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    ra, rb = np.array(ranks(a)), np.array(ranks(b))
    if ra.std() == 0 or rb.std() == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def load_set(spec: str) -> tuple[str, list[dict]]:
    """Pages of one set: name, features, true CER."""
    name, _, paths = spec.partition("=")
    out, _, gt = paths.partition(":")
    truth = {p.stem: p.text.cer for p in evaluate(gt, out).pages}
    dummy = Calibration(0.0, {})
    rows = []
    for r in summarize(out, QASettings(), calibration=dummy):
        stem = Path(r.page.alto).stem if r.page.alto else r.page.name
        if stem in truth and r.features:
            rows.append({"set": name, "page": stem, "cer": truth[stem], "features": r.features})
    return name, rows


def fit(rows: list[dict]) -> Calibration:
    """Least squares on log CER (true CERs below ``CER_FLOOR`` count as it) with non-negative weights
    (more doubt or more warnings never lower the estimate) and a free intercept."""
    x = np.array([[1.0] + [transformed(r["features"])[k] for k in FEATURES] for r in rows])
    y = np.log(np.maximum(np.array([r["cer"] for r in rows]), CER_FLOOR))
    coef = np.zeros(x.shape[1])
    free = list(range(x.shape[1]))
    for _ in range(x.shape[1]):          # drop any negative weight and refit (a small NNLS)
        sol, *_ = np.linalg.lstsq(x[:, free], y, rcond=None)
        if all(v >= 0 for f, v in zip(free, sol) if f != 0):
            coef[:] = 0
            coef[free] = sol
            break
        free = [f for f, v in zip(free, sol) if f == 0 or v > 0]
    return Calibration(float(coef[0]), {k: float(v) for k, v in zip(FEATURES, coef[1:])})


def report(sets: dict[str, list[dict]], cal: Calibration, label: str) -> dict:
    out = {}
    big_ok = big_n = 0
    for name, rows in sets.items():
        est = [cal.estimate(r["features"]) for r in rows]
        cer = [r["cer"] for r in rows]
        for r, e in zip(rows, est):
            r["estimate"] = e
        worst = max(range(len(rows)), key=lambda i: cer[i])
        rank = 1 + sum(1 for e in est if e > est[worst])
        rho = spearman(est, cer)
        ok = sum(1 for e, c in zip(est, cer) if c >= BIG and c / 2 <= e <= 2 * c)
        n = sum(1 for c in cer if c >= BIG)
        big_ok, big_n = big_ok + ok, big_n + n
        out[name] = {"pages": len(rows), "spearman": rho, "worst": rows[worst]["page"], "worst_rank": rank,
                     "within_2x": f"{ok}/{n}"}
        print(f"{label:5s} {name:10s} pages {len(rows):2d}  Spearman {rho:5.2f}  worst {rows[worst]['page']} "
              f"(CER {cer[worst]:.3f}) ranked {rank} by estimate  CER>={BIG}: {ok}/{n} within 2x")
    if big_n:
        print(f"{label:5s} all        CER>={BIG}: {big_ok}/{big_n} = {big_ok / big_n:.2f} within a factor of 2")
    return out


def plot(sets: dict[str, list[dict]], path: Path, check: set[str]) -> None:
    """Log-log scatter of estimate against true CER, one colour per set (fitted sets filled, checked
    sets hollow), with the y = x line and the factor-2 band."""
    from PIL import Image, ImageDraw, ImageFont

    size, pad = 900, 90
    lo, hi = 1e-3, 1.0
    top = 40
    img = Image.new("RGB", (size + pad + 30, size + pad + 30 + top), "white")
    d = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 18)
    except OSError:
        font = ImageFont.load_default()

    def pos(x: float, y: float) -> tuple[float, float]:
        fx = (math.log10(max(lo, min(hi, x))) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        fy = (math.log10(max(lo, min(hi, y))) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        return pad + fx * size, top + (1 - fy) * size

    for k in range(-3, 1):
        v = 10.0 ** k
        x, _ = pos(v, lo)
        _, y = pos(lo, v)
        d.line([(x, top), (x, top + size)], fill=(225, 225, 225))
        d.line([(pad, y), (pad + size, y)], fill=(225, 225, 225))
        d.text((x - 20, top + 6 + size), f"{v:g}", fill="black", font=font)
        d.text((pad - 60, y - 10), f"{v:g}", fill="black", font=font)
    d.line([pos(lo, lo), pos(hi, hi)], fill=(120, 120, 120), width=2)
    d.line([pos(lo, 2 * lo), pos(hi / 2, hi)], fill=(190, 190, 190), width=1)
    d.line([pos(2 * lo, lo), pos(hi, hi / 2)], fill=(190, 190, 190), width=1)
    d.rectangle([pad, top, pad + size, top + size], outline="black")
    d.text((pad + size / 2 - 60, top + size + 40), "true CER", fill="black", font=font)
    d.text((5, 8), "estimated_cer", fill="black", font=font)
    colours = [(31, 119, 180), (214, 39, 40), (44, 160, 44), (148, 103, 189), (255, 127, 14), (23, 190, 207),
               (140, 86, 75), (227, 119, 194)]
    for i, (name, rows) in enumerate(sets.items()):
        c = colours[i % len(colours)]
        for r in rows:
            x, y = pos(r["cer"], r["estimate"])
            box = [x - 6, y - 6, x + 6, y + 6]
            d.ellipse(box, outline=c, width=2, fill=None if name in check else c)
        d.text((pad + 15, top + 10 + 24 * i), f"{'o' if name in check else '*'} {name}{' (check)' if name in check else ''}",
               fill=c, font=font)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit", action="append", default=[], help="NAME=OUT:GT, used to fit the constants")
    ap.add_argument("--check", action="append", default=[], help="NAME=OUT:GT, only scored")
    ap.add_argument("--write", action="store_true", help=f"store the fitted constants in {CALIBRATION}")
    ap.add_argument("--plot", type=Path, help="scatter PNG to write")
    ap.add_argument("--json", type=Path, help="per-page numbers to write")
    a = ap.parse_args()
    fit_sets = dict(load_set(s) for s in a.fit)
    check_sets = dict(load_set(s) for s in a.check)
    cal = fit([r for rows in fit_sets.values() for r in rows])
    print("intercept", round(cal.intercept, 4), {k: round(v, 4) for k, v in cal.weights.items()})
    summary = {"fit": report(fit_sets, cal, "fit"), "check": report(check_sets, cal, "check")}
    pooled = [r for rows in {**fit_sets, **check_sets}.values() for r in rows if r["cer"] >= BIG]
    ok = sum(1 for r in pooled if r["cer"] / 2 <= r["estimate"] <= 2 * r["cer"])
    print(f"every set together: CER>={BIG}: {ok}/{len(pooled)} = {ok / max(1, len(pooled)):.2f} within a factor of 2")
    summary["all_within_2x"] = f"{ok}/{len(pooled)}"
    if a.write:
        CALIBRATION.write_text(json.dumps({
            "intercept": round(cal.intercept, 6), "weights": {k: round(v, 6) for k, v in cal.weights.items()},
            "fitted_on": ", ".join(f"{n} ({len(r)} pages)" for n, r in fit_sets.items()),
            "command": "python benchmarks/fit_quality.py " + " ".join(
                [f"--fit {s}" for s in a.fit] + [f"--check {s}" for s in a.check] + ["--write"]),
        }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print("wrote", CALIBRATION)
    if a.plot:
        plot({**fit_sets, **check_sets}, a.plot, set(check_sets))
        print("wrote", a.plot)
    if a.json:
        a.json.write_text(json.dumps({"summary": summary, "pages": [r for rows in {**fit_sets, **check_sets}.values()
                                                                     for r in rows]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
