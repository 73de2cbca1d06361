#!/usr/bin/env python3
"""The benchmark page sets: how each was made, and making them again on a fresh machine.

``benchmarks/pagesets.toml`` holds, per set, its generator (the shared bench's ``synth.py`` or our
``browserpages/make.py``), seed, file prefix and plan, the profile it is run with and how it was used (dev,
seen, or unseen until a session's report).  Pages are never kept in the repository; this makes them again:

    python benchmarks/pagesets.py list                         # name, group, status
    python benchmarks/pagesets.py command NAME                 # the generator command of one set
    python benchmarks/pagesets.py make NAME... --out DIR       # DIR/NAME/ for each (``all`` = every made set)

``--bench`` is the shared bench (default ``../shared/bench`` beside the repository); the generators run in
it, with its text files (``../example/front-page.txt`` eight times and ``corpus/news_a.txt``, as every set
was made).  A set that lives in the bench (``bench = "dev"``) is not made; ``path`` gives its folder.
A set's ``options`` (a string, e.g. ``options = "--vert-marks"``) are passed on to its generator after the plan;
a set without it is made as it always was.
"""
from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = HERE / "pagesets.toml"
BROWSER_MAKE = HERE / "browserpages" / "make.py"
TEXT = ["../example/front-page.txt*8", "corpus/news_a.txt"]     # relative to the bench, as every set was made
GROUPS = ("synth", "browser", "vertical", "microfilm", "real")


def load(table: Path = TABLE) -> dict[str, dict]:
    """Every set by name, with its plan resolved to the plan text and its group."""
    data = tomllib.loads(table.read_text(encoding="utf-8"))
    plans = data.get("plans", {})
    sets = {}
    for name, s in data["sets"].items():
        s = dict(s)
        if "plan" in s:
            if s["plan"] not in plans:
                raise SystemExit(f"pagesets: set {name} names plan {s['plan']!r}, which {table.name} does not hold")
            s["plan_text"] = plans[s["plan"]]
        elif "bench" not in s:
            raise SystemExit(f"pagesets: set {name} has neither a plan nor a bench folder")
        s["group"] = group_of(name, s)
        sets[name] = s
    return sets


def group_of(name: str, s: dict) -> str:
    """The page source a set belongs to: the shared generator's sets (dev included), browser, vertical,
    microfilm pages, or the real scans."""
    if s.get("bench") == "real":
        return "real"
    if s.get("bench") == "dev" or s.get("generator") == "synth":
        return "synth"
    head = name.split("-", 1)[0]
    if head not in GROUPS:
        raise SystemExit(f"pagesets: cannot tell the group of set {name} (name it browser-*, vertical-* or microfilm-*)")
    return head


def path(name: str, s: dict, pages: Path, bench: Path) -> Path:
    """Where a set's pages are: in the bench for a bench set, else PAGES/NAME."""
    return bench / s["bench"] if "bench" in s else pages / name


def command(name: str, s: dict, out: Path, python: str = sys.executable) -> list[str]:
    """The generator command that makes set NAME into OUT/NAME (run it in the bench folder)."""
    if "bench" in s:
        raise SystemExit(f"pagesets: {name} lives in the shared bench; nothing to make")
    gen = ["synth.py"] if s["generator"] == "synth" else [str(BROWSER_MAKE)]
    return [python, *gen, "--out", str(out / name), "--seed", str(s["seed"]), "--prefix", s["prefix"],
            "--text", *TEXT, "--plan", s["plan_text"], *shlex.split(s.get("options", ""))]


def make(names: list[str], sets: dict, out: Path, bench: Path, jobs: int) -> int:
    for n in names:
        if n not in sets:
            raise SystemExit(f"pagesets: no set named {n} (see `pagesets.py list`)")
    out.mkdir(parents=True, exist_ok=True)

    def one(n):
        log = out / f"{n}.log"
        with open(log, "w") as f:
            rc = subprocess.run(command(n, sets[n], out.resolve()), cwd=bench, stdout=f, stderr=subprocess.STDOUT).returncode
        print(f"{n}: {'ok' if rc == 0 else f'FAILED (exit {rc}, see {log})'}", flush=True)
        return rc

    with ThreadPoolExecutor(max(1, jobs)) as ex:
        rcs = list(ex.map(one, names))
    return 1 if any(rcs) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", type=Path, default=HERE.parent.parent / "shared" / "bench")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("list")
    c = sub.add_parser("command")
    c.add_argument("name")
    m = sub.add_parser("make")
    m.add_argument("names", nargs="+")
    m.add_argument("--out", type=Path, required=True)
    m.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    sets = load()
    if a.cmd == "list":
        for n, s in sets.items():
            print(f"{n:16s} {s['group']:10s} {s['status']}")
        return 0
    if a.cmd == "command":
        if a.name not in sets:
            raise SystemExit(f"pagesets: no set named {a.name}")
        print(f"cd {a.bench} && " + " ".join(f"'{x}'" if (" " in x or "*" in x or ":" in x) else x
                                             for x in command(a.name, sets[a.name], Path("OUT"))))
        return 0
    names = [n for n in sets if "bench" not in sets[n]] if a.names == ["all"] else a.names
    if not (a.bench / "synth.py").exists():
        raise SystemExit(f"pagesets: no shared bench at {a.bench} (set --bench)")
    return make(names, sets, a.out, a.bench, a.jobs)


if __name__ == "__main__":
    sys.exit(main())
