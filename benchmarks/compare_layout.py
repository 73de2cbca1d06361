#!/usr/bin/env python3
"""Layout only, page by page, in two checkouts of digitize: which pages a change moved, on every page set.

    python benchmarks/compare_layout.py A B SET...                  # sets by folder
    python benchmarks/compare_layout.py A B --group all --pages DIR [--pages DIR2]
                                            # every set of pagesets.toml made into DIR (or DIR2)

A and B are checkouts (git worktrees) of this repository.  Each runs ``benchmarks/layout_only.py`` of its own
checkout, with its own code (``PYTHONPATH``), on every set; a set of ``pagesets.toml`` is run with its
profile (``config``, taken in each checkout).  The figures are cached in ``--cache`` by a hash of what decides
them (the checkout's ``digitize/``, ``configs/`` and ``layout_only.py``, the set's folder with its files' names
and sizes, and the profile), so
an unchanged side is never run twice, and a dirty worktree is hashed as it is.  Printed per set: the pages whose
figures differ (columns of ``layout_only.py`` after the GT line count: found, in order, merged, oracle CER, ...)
and the set's totals on both sides.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pagesets  # noqa: E402

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "digitize-layout-cache"


def code_key(root: Path, set_dir: Path, config: Path | None, script: Path | None = None) -> str:
    """Hash of everything that decides ``script``'s output (default: the checkout's ``layout_only.py``) for this
    checkout, set and profile: the checkout's ``digitize/`` and ``configs/``, the script, the set's files by name
    and size, and the profile."""
    script = script or root / "benchmarks" / "layout_only.py"
    h = hashlib.sha1()
    files = sorted([*(root / "digitize").rglob("*.py"), *(root / "configs").glob("*.toml"), script])
    for f in files:
        h.update(str(f.relative_to(root) if f.is_relative_to(root) else f.name).encode())
        h.update(f.read_bytes())
    h.update(str(set_dir.resolve()).encode())
    for f in sorted(set_dir.iterdir()) if set_dir.is_dir() else []:
        # the set's files by name and size: a set compared while it is still being made (or made again with
        # another plan under the same name) is not served from a cache entry of fewer or other pages
        if f.is_file():
            h.update(f"{f.name}:{f.stat().st_size}".encode())
    if config is not None:
        h.update(config.read_bytes())
    return h.hexdigest()[:16]


def run(root: Path, set_dir: Path, config: str | None, cache: Path, python: str, script: Path | None = None,
        tag: str = "lo") -> list[str]:
    """The output lines of ``script`` (default: the checkout's ``layout_only.py``) for one checkout and set, run
    with that checkout's code (``PYTHONPATH``); from the cache (files ``TAG_KEY_SET.txt``) when present."""
    script = script or root / "benchmarks" / "layout_only.py"
    cfg = None if config is None else (Path(config) if os.path.isabs(config) else root / config)
    out = cache / f"{tag}_{code_key(root, set_dir, cfg, script)}_{set_dir.name}.txt"
    if not out.exists():
        cmd = [python, str(script), str(set_dir)]
        if cfg is not None:
            cmd += ["--config", str(cfg)]
        env = dict(os.environ, PYTHONPATH=str(root), OMP_THREAD_LIMIT="1")
        r = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"compare_layout: {script.name} failed in {root} on {set_dir}:\n{r.stderr[-3000:]}")
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=".tmp")
        with os.fdopen(fd, "w") as f:
            f.write(r.stdout)
        os.replace(tmp, out)            # atomic: a run cut short leaves no half file in the cache
    return out.read_text().splitlines()


def rows(lines: list[str]) -> dict[str, list[str]]:
    """Page -> its figures after the GT line count (the header line skipped)."""
    return {ln.split()[0]: ln.split()[2:] for ln in lines[1:] if ln.strip()}


def differences(a: dict[str, list[str]], b: dict[str, list[str]]) -> list[str]:
    """Pages (not the 'all' row) whose figures differ between the two sides, or that one side lacks.  Only the
    columns both sides have are compared: layout_only.py appends new columns at the end, and a checkout from
    before one was added still compares on the rest."""
    def same(x: list[str], y: list[str]) -> bool:
        n = min(len(x), len(y))
        return x[:n] == y[:n]
    return [p for p in sorted(set(a) | set(b)) if p != "all" and not (p in a and p in b and same(a[p], b[p]))]


def group_sets(group: list[str], pages_dirs: list[Path], bench: Path) -> list[tuple[Path, str | None]]:
    """(folder, profile) of every set of pagesets.toml in these groups ('all': every group), each taken from the
    first of PAGES_DIRS that holds it; sets made nowhere are left out."""
    groups = pagesets.GROUPS if "all" in group else group
    known = pagesets.load()
    jobs = []
    for g in groups:
        for name, s in known.items():
            if s["group"] != g:
                continue
            for pages in pages_dirs or [Path("pages")]:
                d = pagesets.path(name, s, pages, bench)
                if d.is_dir():
                    jobs.append((d, s.get("config")))
                    break
    return jobs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("sets", nargs="*", type=Path, help="set folders (run with --config, if given)")
    ap.add_argument("--config", default=None, help="profile for the SETS given by folder (relative to each checkout)")
    ap.add_argument("--group", action="append", default=[], choices=[*pagesets.GROUPS, "all"],
                    help="every set of this page source in pagesets.toml that exists under --pages (repeatable)")
    ap.add_argument("--pages", type=Path, action="append", default=[],
                    help="a folder the sets were made into (repeatable: seen sets and every helper's fresh seeds, so "
                         "that a change is checked on the seeds other people kept unseen too)")
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--python", default=sys.executable)
    a = ap.parse_args(argv)
    jobs = [(s, a.config) for s in a.sets] + group_sets(a.group, a.pages, a.bench)
    if not jobs:
        ap.error("no set to compare (give set folders or --group with --pages)")
    for d, config in jobs:
        ra = rows(run(a.a, d, config, a.cache, a.python))
        rb = rows(run(a.b, d, config, a.cache, a.python))
        for p in differences(ra, rb):
            print(f"  {d.name:16s} {p:24s} A {' '.join(ra.get(p, ['-']))}  B {' '.join(rb.get(p, ['-']))}")
        print(f"{d.name:18s} all A {' '.join(ra.get('all', ['-']))}  B {' '.join(rb.get('all', ['-']))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
