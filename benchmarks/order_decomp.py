"""Where a page's reading-order loss lies: the order of ARTICLES, of BLOCKS inside an article, of blocks given to
the wrong article, or of LINES (segmentation).

For each page (``STEM.gt.json`` beside the image), layout with the project's settings, then the oracle CER
(``layout_only.oracle_cer``: every hypothesis line reads the GT text of the GT lines matched to it) of our order
and of four repaired orders, each repairing one more part from the GT's order (a line's GT rank is its place in
the GT's block order):

- ``ours``: our order;
- ``art``: our articles re-sorted by GT rank (an article's key: the median GT rank of its lines' characters),
  each article's blocks kept in our order;
- ``blk``: ``art`` and inside each article its blocks re-sorted by GT rank (a block's key: its median);
- ``glob``: every block re-sorted by GT rank (an article's blocks need not stay together: blocks given to the
  wrong article);
- ``line``: every hypothesis line re-sorted by GT rank (what is left: lines merged across blocks or lost).

The shares: article order = ours - art, inside articles = art - blk, membership = blk - glob, lines inside
blocks = glob - line, segmentation = line.

    python benchmarks/order_decomp.py IMAGE... [--config FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from digitize import layout, preprocess
from digitize.config import load_settings
from digitize.load import load_pages
from digitize.qa.evaluate import read_ground_truth

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout_only import gt_sequence, line_owners  # noqa: E402


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else 1e12


def decompose(image: Path, settings) -> dict:
    """Layout ``image`` with ``settings`` and split its oracle CER (``parts``)."""
    gt_json = json.loads(image.with_name(image.stem + ".gt.json").read_text(encoding="utf-8"))
    gt = next(g for g in read_ground_truth(image.parent) if g.stem == image.stem)
    page, scan = next(load_pages(image, settings.input))
    page = layout.analyse(preprocess.run(page, scan, settings.preprocess), scan, settings.layout)
    return parts(gt_json, gt.lines, [(b.article, [ln.box for ln in b.lines]) for b in page.ordered_blocks()])


def parts(gt_json: dict, gt_lines, blocks: list[tuple[object, list]]) -> dict:
    """The oracle CER of our order and of the repaired orders (module doc): ``blocks`` are our blocks in
    reading order as (article, line boxes in reading order); ``gt_lines`` ``read_ground_truth``'s lines."""
    lines = gt_json["lines"]
    gt_seq = gt_sequence(gt_json)
    rank = {gi: r for r, gi in enumerate(gt_seq)}
    gt_text = "".join(lines[i]["text"] for i in gt_seq)
    hyp = [(bi, box) for bi, (_, boxes) in enumerate(blocks) for box in boxes]
    owner = line_owners(gt_lines, [h for _, h in hyp])
    hl = [(bi, sorted(owner.get(i, []), key=lambda g: rank[g])) for i, (bi, _) in enumerate(hyp)]

    def cer(seq: list[int]) -> float:
        text = "".join(lines[g]["text"] for i in seq for g in hl[i][1])
        return Levenshtein.distance(text, gt_text) / max(1, len(gt_text))

    def key(idx: list[int]) -> float:
        return _median([rank[g] for i in idx for g in hl[i][1] for _ in lines[g]["text"]])

    ours = list(range(len(hl)))
    by_block: dict[int, list[int]] = {}
    for i in ours:
        by_block.setdefault(hl[i][0], []).append(i)
    arts: list[object] = []
    art_blocks: dict[object, list[int]] = {}
    for bi in sorted(by_block):
        a = blocks[bi][0]
        if a not in art_blocks:
            arts.append(a)
            art_blocks[a] = []
        art_blocks[a].append(bi)
    akey = {a: key([i for bi in art_blocks[a] for i in by_block[bi]]) for a in arts}
    bkey = {bi: key(by_block[bi]) for bi in by_block}
    art_sorted = sorted(arts, key=lambda a: akey[a])
    s_art = [i for a in art_sorted for bi in art_blocks[a] for i in by_block[bi]]
    s_blk = [i for a in art_sorted for bi in sorted(art_blocks[a], key=lambda b: bkey[b]) for i in by_block[bi]]
    s_glob = [i for bi in sorted(by_block, key=lambda b: bkey[b]) for i in by_block[bi]]
    s_line = sorted(ours, key=lambda i: min((rank[g] for g in hl[i][1]), default=1e12))
    r = {"ours": cer(ours), "art": cer(s_art), "blk": cer(s_blk), "glob": cer(s_glob), "line": cer(s_line)}
    r["arts_out_of_place"] = sum(1 for k, a in enumerate(arts) if art_sorted[k] != a)
    r["articles"] = len(arts)
    return r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("images", type=Path, nargs="+")
    ap.add_argument("--config", default=None)
    a = ap.parse_args(argv)
    settings = load_settings(a.config)
    print(f"{'page':28s} {'oracle':>7s} {'article':>8s} {'inside':>7s} {'member':>7s} {'lines':>6s} {'segm':>6s}  arts")
    for img in a.images:
        r = decompose(img, settings)
        print(f"{img.stem:28s} {r['ours']:7.3f} {r['ours'] - r['art']:8.3f} {r['art'] - r['blk']:7.3f} "
              f"{r['blk'] - r['glob']:7.3f} {r['glob'] - r['line']:6.3f} {r['line']:6.3f}  "
              f"{r['arts_out_of_place']}/{r['articles']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
