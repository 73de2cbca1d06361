"""Score a batch output against ground truth: CER, order-free character error, text-block recall.

Definitions (the bench's conventions):

* both texts are NFKC-normalised and all whitespace is removed;
* ``cer`` = Levenshtein distance / ground-truth length (can exceed 1);
* ``bag`` = 1 - F1 of the character multiset overlap (ignores order: a low bag error with a high
  CER points at reading order / segmentation, not recognition);
* block recall = share of ground-truth text blocks whose best-IoU hypothesis TextBlock (one with
  text) reaches IoU 0.5; precision likewise for hypothesis blocks.

Line figures, independent of recognition (when ``STEM.gt.json`` has ``lines`` and the ALTO file
exists): each ground-truth line (in reading order) is matched to the hypothesis TextLine it overlaps
most (hypothesis lines in the ALTO reading order: TextBlocks by ``ReadingOrder``, the rest after in
document order), when the overlap is at least half of the smaller box;

* ``found`` = share of ground-truth lines matched;
* ``in order`` = share of consecutive matched ground-truth lines whose hypothesis lines are the same
  line or the next one (reading across columns fails it);
* ``merged`` = share of matched ground-truth lines whose hypothesis line also holds a ground-truth
  line of another block (lines joined across a gutter).

Overall numbers are micro (summed over pages) and macro (mean of pages).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
from rapidfuzz.distance import Levenshtein

from ..errors import DigitizeError, InputError
from ..geometry import Box
from .alto import TEXT_TYPES, read_alto

_WS = re.compile(r"\s+")
IOU_MATCH = 0.5


def normalize(text: str) -> str:
    """NFKC, then every whitespace character removed."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


@dataclass
class TextScore:
    gt_chars: int
    hyp_chars: int
    edits: int
    overlap: int        # size of the character multiset intersection

    @property
    def cer(self) -> float:
        return self.edits / max(1, self.gt_chars)

    @property
    def bag(self) -> float:
        return 1.0 - _f1(self.overlap, self.hyp_chars, self.gt_chars)


def _f1(overlap: int, hyp: int, gt: int) -> float:
    p = overlap / hyp if hyp else 0.0
    r = overlap / gt if gt else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def text_score(gt: str, hyp: str) -> TextScore:
    """Edit distance and multiset overlap of the normalised texts (linear memory, fast C code)."""
    g, h = normalize(gt), normalize(hyp)
    overlap = sum((Counter(g) & Counter(h)).values())
    return TextScore(len(g), len(h), Levenshtein.distance(g, h), overlap)


@dataclass
class BlockScore:
    gt_blocks: int
    hyp_blocks: int
    matched: int        # ground-truth blocks whose best hypothesis block has IoU >= 0.5
    hyp_matched: int    # hypothesis blocks whose best ground-truth block has IoU >= 0.5
    over: int = 0       # unmatched GT blocks split into >= 2 hypothesis blocks (each >= 50 % inside it)
    under: int = 0      # hypothesis blocks covering >= 50 % of >= 2 GT blocks (merges)

    @property
    def recall(self) -> float:
        return self.matched / self.gt_blocks if self.gt_blocks else 0.0

    @property
    def precision(self) -> float:
        return self.hyp_matched / self.hyp_blocks if self.hyp_blocks else 0.0


def block_score(gt: list[Box], hyp: list[Box], threshold: float = IOU_MATCH) -> BlockScore:
    """Best-IoU matching both ways (a hypothesis block may match several ground-truth blocks),
    plus split (over) and merge (under) counts."""
    best_g = [max((g.iou(h) for h in hyp), default=0.0) for g in gt]
    best_h = [max((h.iou(g) for g in gt), default=0.0) for h in hyp]
    over = sum(1 for g, v in zip(gt, best_g) if v < threshold
               and sum(1 for h in hyp if h.area and g.intersection(h) >= 0.5 * h.area) >= 2)
    under = sum(1 for h in hyp if sum(1 for g in gt if g.area and g.intersection(h) >= 0.5 * g.area) >= 2)
    return BlockScore(len(gt), len(hyp), sum(v >= threshold for v in best_g), sum(v >= threshold for v in best_h),
                      over, under)


@dataclass
class LineScore:
    gt_lines: int
    hyp_lines: int
    found: int          # ground-truth lines matched to a hypothesis line
    pairs: int          # consecutive pairs of matched ground-truth lines
    in_order: int       # ... whose hypothesis lines are the same or consecutive
    merged: int         # matched ground-truth lines sharing their hypothesis line with another block's line

    @property
    def found_share(self) -> float:
        return self.found / self.gt_lines if self.gt_lines else 0.0

    @property
    def order_share(self) -> float:
        return self.in_order / self.pairs if self.pairs else 0.0

    @property
    def merged_share(self) -> float:
        return self.merged / self.found if self.found else 0.0


LINE_MATCH = 0.5    # a ground-truth line matches the hypothesis line it overlaps most by this share of the smaller box


def match_lines(gt: list[Box], hyp: list[Box]) -> list[Optional[int]]:
    """For each ground-truth line box, the index of the hypothesis line box it overlaps most, if that
    overlap is at least LINE_MATCH of the smaller box, else None."""
    match: list[Optional[int]] = []
    if hyp:
        h = np.array([[b.x0, b.y0, b.x1, b.y1] for b in hyp], dtype=float)
        h_area = np.maximum(1.0, (h[:, 2] - h[:, 0]) * (h[:, 3] - h[:, 1]))
    for box in gt:
        if not hyp:
            match.append(None)
            continue
        w = np.minimum(h[:, 2], box.x1) - np.maximum(h[:, 0], box.x0)
        ht = np.minimum(h[:, 3], box.y1) - np.maximum(h[:, 1], box.y0)
        inter = np.where((w > 0) & (ht > 0), w * ht, 0.0)
        best = int(np.argmax(inter))          # the first of equal overlaps
        g_area = max(1.0, float(box.width * box.height))
        ok = inter[best] > 0 and inter[best] >= LINE_MATCH * min(g_area, h_area[best])
        match.append(best if ok else None)
    return match


def line_score(gt: list[tuple[Box, str]], hyp: list[Box]) -> LineScore:
    """Match ground-truth lines ``(box, block id)`` in reading order to hypothesis line boxes in
    reading order (see the module doc)."""
    match = match_lines([box for box, _ in gt], hyp)
    found = [m for m in match if m is not None]
    pairs = max(0, len(found) - 1)
    in_order = sum(1 for a, b in zip(found, found[1:]) if b in (a, a + 1))
    owners: dict[int, set] = {}
    for m, (_, block) in zip(match, gt):
        if m is not None:
            owners.setdefault(m, set()).add(block)
    merged = sum(1 for m in found if len(owners[m]) > 1)
    return LineScore(len(gt), len(hyp), len(found), pairs, in_order, merged)


@dataclass
class PageScore:
    stem: str
    text: TextScore
    blocks: Optional[BlockScore] = None
    lines: Optional[LineScore] = None
    missing: bool = False           # no hypothesis text or ALTO found for this page
    hyp_path: str = ""
    group: str = ""                 # the ground truth's profile (e.g. clean/light/heavy), if given

    def to_json(self) -> dict:
        d = {"page": self.stem, "group": self.group, "missing": self.missing, "hyp": self.hyp_path,
             **asdict(self.text),
             "cer": self.text.cer, "bag": self.text.bag}
        if self.blocks is not None:
            d["blocks"] = {**asdict(self.blocks), "recall": self.blocks.recall, "precision": self.blocks.precision}
        if self.lines is not None:
            d["lines"] = {**asdict(self.lines), "found_share": self.lines.found_share,
                          "order_share": self.lines.order_share, "merged_share": self.lines.merged_share}
        return d


@dataclass
class Evaluation:
    pages: list[PageScore] = field(default_factory=list)

    def overall(self) -> dict:
        """Micro (pooled) and macro (page mean) CER, bag error and block recall/precision."""
        ps = self.pages
        if not ps:
            return {"pages": 0}
        g = sum(p.text.gt_chars for p in ps)
        h = sum(p.text.hyp_chars for p in ps)
        out = {
            "pages": len(ps), "gt_chars": g, "hyp_chars": h, "missing": sum(p.missing for p in ps),
            "cer_micro": sum(p.text.edits for p in ps) / max(1, g),
            "cer_macro": sum(p.text.cer for p in ps) / len(ps),
            "bag_micro": 1.0 - _f1(sum(p.text.overlap for p in ps), h, g),
            "bag_macro": sum(p.text.bag for p in ps) / len(ps),
        }
        bs = [p.blocks for p in ps if p.blocks is not None]
        if bs:
            out.update({
                "block_pages": len(bs),
                "block_recall_micro": sum(b.matched for b in bs) / max(1, sum(b.gt_blocks for b in bs)),
                "block_recall_macro": sum(b.recall for b in bs) / len(bs),
                "block_precision_micro": sum(b.hyp_matched for b in bs) / max(1, sum(b.hyp_blocks for b in bs)),
                "block_precision_macro": sum(b.precision for b in bs) / len(bs),
                "over": sum(b.over for b in bs), "under": sum(b.under for b in bs),
            })
        ls = [p.lines for p in ps if p.lines is not None]
        if ls:
            gl, fd, pr = (sum(getattr(x, k) for x in ls) for k in ("gt_lines", "found", "pairs"))
            out.update({
                "line_pages": len(ls), "gt_lines": gl,
                "lines_found": fd / max(1, gl),
                "lines_in_order": sum(x.in_order for x in ls) / max(1, pr),
                "lines_merged": sum(x.merged for x in ls) / max(1, fd),
            })
        return out

    def groups(self) -> dict[str, dict]:
        """:meth:`overall` per ground-truth group (the ``profile`` in STEM.gt.json), when there are several."""
        names = sorted({p.group for p in self.pages if p.group})
        if len(names) < 2:
            return {}
        return {n: Evaluation([p for p in self.pages if p.group == n]).overall() for n in names}

    def to_json(self) -> dict:
        return {"pages": [p.to_json() for p in self.pages], "overall": self.overall(), "groups": self.groups()}


@dataclass
class GroundTruth:
    stem: str
    text: str
    blocks: Optional[list[Box]] = None     # text blocks, when STEM.gt.json has them
    dpi: Optional[float] = None
    width: Optional[int] = None            # scan width in pixels (turns inch1200/mm10 ALTO into pixels)
    group: str = ""                        # "profile" of the GT JSON (clean/light/heavy), for grouped totals
    lines: Optional[list[tuple[Box, str]]] = None   # GT lines in reading order: (box, block id)


def read_ground_truth(folder: str | Path, frame: str = "output") -> list[GroundTruth]:
    """``STEM.gt.txt`` files (else plain ``STEM.txt``) of ``folder``, with ``STEM.gt.json`` boxes
    (``bbox``/``box``, or ``bbox_orig``/``box_orig`` for ``frame="orig"``) of text-type blocks."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "ground-truth folder not found")
    files = sorted(folder.glob("*.gt.txt"))
    suffix = ".gt.txt"
    if not files:
        files, suffix = sorted(p for p in folder.glob("*.txt") if not p.name.startswith(".")), ".txt"
    if not files:
        raise InputError(folder, "no ground truth here (expected STEM.gt.txt or STEM.txt files)")
    keys = ("bbox_orig", "box_orig") if frame == "orig" else ("bbox", "box")
    out = []
    for path in files:
        stem = path.name[: -len(suffix)]
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8 text") from None
        gt = GroundTruth(stem, text)
        meta_path = folder / f"{stem}.gt.json"
        if meta_path.is_file():
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                gt.dpi = meta.get("dpi")
                gt.width = meta.get("width")
                gt.group = str(meta.get("profile") or "")
                blocks = meta.get("blocks") or []
                gt.blocks = [_gt_box(b, keys) for b in blocks if b.get("type") in TEXT_TYPES] or None
                if meta.get("lines"):
                    gt.lines = [(_line_box(ln, keys), str(ln.get("block"))) for ln in meta["lines"]]
            except (ValueError, KeyError, TypeError) as e:
                raise InputError(meta_path, f"not a usable ground-truth JSON ({type(e).__name__}: {e})") from None
        out.append(gt)
    return out


def _gt_box(block: dict, keys: tuple[str, str]) -> Box:
    """The block's [x0, y0, x1, y1] under the first key present (bench: ``bbox``, fixtures: ``box``)."""
    value = next((block[k] for k in keys if block.get(k) is not None), None)
    if value is None:
        raise KeyError(f"block {block.get('id', '?')} has no {' or '.join(keys)}")
    return Box(*(round(float(v)) for v in value))


def _line_box(line: dict, keys: tuple[str, str]) -> Box:
    """A GT line's box: ``bbox``/``box`` (or the ``orig`` ones), else the extent of its ``poly``."""
    value = next((line[k] for k in keys if line.get(k)), None)
    if value is None and line.get("poly") and keys[0] == "bbox":
        xs, ys = [p[0] for p in line["poly"]], [p[1] for p in line["poly"]]
        value = [min(xs), min(ys), max(xs), max(ys)]
    if value is None:
        raise KeyError(f"line {line.get('id', '?')} has no {' or '.join(keys)}")
    return Box(*(round(float(v)) for v in value))


def hyp_line_boxes(alto) -> list[Box]:
    """The ALTO TextLines' boxes in reading order (ReadingOrder first, the remaining TextBlocks after)."""
    by_id = {b.id: b for b in alto.blocks}
    order = [by_id[i] for i in alto.order if i in by_id]
    seen = {id(b) for b in order}
    order += [b for b in alto.blocks if id(b) not in seen]
    return [ln.box for b in order for ln in b.lines]


def index_outputs(out: str | Path) -> dict[str, dict[str, Path]]:
    """stem -> {"txt": path, "xml": path} for every text/ALTO file under ``out`` (hidden files skipped;
    the shallowest path wins when a stem occurs twice)."""
    out = Path(out)
    if not out.is_dir():
        raise InputError(out, "output folder not found")
    found: dict[str, dict[str, Path]] = {}
    paths = sorted((p for p in out.rglob("*") if p.suffix in (".txt", ".xml") and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(out).parts)),
                   key=lambda p: (len(p.relative_to(out).parts), str(p)))
    for p in paths:
        found.setdefault(p.stem, {}).setdefault(p.suffix[1:], p)
    return found


def score_page(gt: GroundTruth, files: dict[str, Path]) -> PageScore:
    """One page: text from STEM.txt (else the ALTO Strings), blocks from the ALTO TextBlocks."""
    alto = None
    if "xml" in files:
        try:
            alto = read_alto(files["xml"], dpi=gt.dpi, width_px=gt.width)
        except DigitizeError:
            alto = None
    if "txt" in files:
        hyp, path, missing = files["txt"].read_text(encoding="utf-8", errors="replace"), files["txt"], False
    elif alto is not None:
        hyp, path, missing = alto.text(), files["xml"], False
    else:
        hyp, path, missing = "", None, True
    score = PageScore(gt.stem, text_score(gt.text, hyp), missing=missing, hyp_path=str(path or ""),
                      group=gt.group)
    if alto is not None and gt.blocks:
        score.blocks = block_score(gt.blocks, [b.box for b in alto.blocks if b.is_text and normalize(b.text)])
    if gt.lines is not None:
        score.lines = line_score(gt.lines, hyp_line_boxes(alto) if alto is not None else [])
    return score


def evaluate(gt_folder: str | Path, out: str | Path, frame: str = "output") -> Evaluation:
    """Score every ground-truth page against the batch output (a missing page scores as empty)."""
    truths = read_ground_truth(gt_folder, frame)
    outputs = index_outputs(out)
    return Evaluation([score_page(gt, outputs.get(gt.stem, {})) for gt in truths])
