"""How close plain ``pdftotext`` comes to digitize's reading order when a few characters are written turned.

    .venv/bin/python benchmarks/pdf_poppler_pivots.py OUT [--budget N] [--seed S] [--keep DIR]

Poppler (plain ``pdftotext`` and the viewers built on it) sorts its text blocks with Breuel's two
rules, but it takes rule 2's direction ("the block on the left comes first") from each block's *own*
rotation: a one-character block written a quarter turn up (poppler rotation 3) counts as coming
before every block whose top is above its bottom, one written a quarter turn down (rotation 1) before
every block whose bottom is below its top, one written upside down (rotation 2) before every block
wholly to its left, each unless a third block lies between the two by rule 1 (BENCHMARKS.md, issue 13).
Such a *pivot* adds edges to poppler's order that no block of upright text can add, and its own
predecessors (the blocks above it and beside it) are output before it.

For every ``STEM.pdf`` with ``STEM.txt`` beside it under OUT (``digitize run --pdf``), the page's
text layer as the writer wrote it (the scan image left out: no text reader looks at it) is searched
for pivots: a line's first or last character written alone, invisible like the rest, turned by a
quarter or half turn, with its box exactly where the character is printed (the font size and ``Tz``
chosen so that the turned box is the upright one).  The search reads at most ``--budget`` PDFs a
page: greedy passes over the ends of the ALTO's blocks (``STEM.xml`` beside; each end and turn tried
alone, kept when plain ``pdftotext``'s CER falls), then random single changes (add, turn or drop a
pivot at any line's end, seeded), kept when the CER does not rise.  It uses poppler itself as the
judge, so it shows what a text layer *can* reach, not what digitize's writer does (the writer
places no pivots).

Printed per page: the CER of plain ``pdftotext`` before and after, the number of pivots, PDFium's
CER after (Chromium's viewer), whether every pivot's box in ``pdftotext -bbox`` is its printed box
(largest difference, points), and the spaces PDFium puts before or after a pivot (it reads the turn
as a word break).  ``--keep DIR`` writes each page's best text layer as ``DIR/STEM.pdf`` (text only) and its pivots as
``DIR/STEM.pivots.json`` (line index in the writer's order, which end, rotation).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

WS = re.compile(r"\s+", re.UNICODE)
# one horizontal line as digitize's writer writes it (writers/pdf.py text_layer)
LINE = re.compile(r"BT\n3 Tr\n/(F\d+) ([\d.]+) Tf\n1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm\n(.*?)\nET", re.S)
CHAR = re.compile(r"([\d.]+) Tz <([0-9A-F]+)> Tj")
ASCENT = 0.88          # the writer's glyph box: 88 % of it above the baseline, 12 % below
GAP_PT = 0.02          # a turned character gives up this much of its box on the side of its line's other
                       # characters: boxes that touch overlap for poppler (its test is <=), and a turned
                       # character overlapping its line's block sideways is ordered by rule 1, not by its turn


def norm(s: str) -> str:
    return WS.sub("", unicodedata.normalize("NFKC", s))


def cer(got: str, ref: str) -> float:
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(norm(got), ref) / max(1, len(ref))


def text_only(src: Path, dst: Path) -> tuple[str, dict[str, float]]:
    """``src`` without its scan image, saved as ``dst``: (content stream, glyph box / font size per font)."""
    import pikepdf
    pdf = pikepdf.open(src)
    page = pdf.pages[0]
    stream = page.Contents.read_bytes().decode("latin-1")
    stream = re.sub(r"q [^\n]* cm /Im\d+ Do Q\n", "", stream)
    for name in list(page.Resources.get("/XObject", {}).keys()):
        del page.Resources.XObject[name]
    ratios = {}
    for name, font in page.Resources.Font.items():
        d = font.DescendantFonts[0].FontDescriptor
        ratios[str(name)[1:]] = (float(d.Ascent) - float(d.Descent)) / 1000.0
    page.Contents = pdf.make_stream(stream.encode("latin-1"))
    pdf.save(dst)
    return stream, ratios


def turned(font: str, ratio: float, fs: float, x: float, width: float, base: float, cid: str, rot: int) -> str:
    """One character, box (x .. x + width) x (baseline - 12 % .. + 88 % of the line's glyph box), written
    with poppler rotation ``rot`` (1: running down, 2: upside down, 3: running up) on the same box."""
    h = fs * ratio
    bottom = base - (1 - ASCENT) * h
    if rot == 2:                      # along = width at the line's size; the glyph box flipped in place
        size, tm, along = fs, f"-1 0 0 -1 {x + width:.3f} {bottom + ASCENT * h:.3f} Tm", width
    else:                             # across the turned glyph = the character's width; along = its height
        size = width / ratio
        tm = (f"0 1 -1 0 {x + ASCENT * width:.3f} {bottom:.3f} Tm" if rot == 3
              else f"0 -1 1 0 {x + (1 - ASCENT) * width:.3f} {bottom + h:.3f} Tm")
        along = h
    return f"BT\n3 Tr\n/{font} {size:.4f} Tf\n{tm}\n{100 * along / size:.3f} Tz <{cid}> Tj\nET"


def with_pivots(stream: str, ratios: dict[str, float], pivots: dict[tuple[int, str], int]) -> str:
    """The content stream with each pivot ((line index, 'first' or 'last'): rotation) written turned."""
    want: dict[int, dict[str, int]] = {}
    for (i, end), rot in pivots.items():
        want.setdefault(i, {})[end] = rot
    out, last = [], 0
    for i, m in enumerate(LINE.finditer(stream)):
        if i not in want:
            continue
        font, fs, x0, base = m.group(1), float(m.group(2)), float(m.group(3)), float(m.group(4))
        chars = list(CHAR.finditer(m.group(5)))
        adv = [float(c.group(1)) / 100 * fs for c in chars]
        lo, hi, head, tail = 0, len(chars), [], []
        if "first" in want[i] and hi - lo > 1:
            head.append(turned(font, ratios[font], fs, x0, adv[0] - GAP_PT, base, chars[0].group(2), want[i]["first"]))
            lo = 1
        if "last" in want[i] and hi - lo > 1:
            tail.append(turned(font, ratios[font], fs, x0 + sum(adv[:-1]) + GAP_PT, adv[-1] - GAP_PT, base,
                               chars[-1].group(2), want[i]["last"]))
            hi -= 1
        rest = "\n".join(c.group(0) for c in chars[lo:hi])
        mid = [f"BT\n3 Tr\n/{font} {m.group(2)} Tf\n1 0 0 1 {x0 + sum(adv[:lo]):.3f} {m.group(4)} Tm\n{rest}\nET"]
        out += [stream[last:m.start()], "\n".join(head + mid + tail)]
        last = m.end()
    out.append(stream[last:])
    return "".join(out)


def write(base: Path, stream: str, dst: Path) -> None:
    import pikepdf
    pdf = pikepdf.open(base)
    pdf.pages[0].Contents = pdf.make_stream(stream.encode("latin-1"))
    pdf.save(dst)


def plain(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdfium_text(pdf: Path) -> str:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return doc[0].get_textpage().get_text_range()
    finally:
        doc.close()


def word_boxes(pdf: Path) -> list[tuple[str, tuple[float, ...]]]:
    got = plain(pdf, "-bbox")
    return [(unicodedata.normalize("NFKC", w), tuple(float(v) for v in box)) for *box, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', got)]


def block_ends(xml: Path) -> list[tuple[int, str]]:
    """(line index, end) of the first character of each ALTO TextBlock and the last of each: where one
    block of the reading order hands over to the next (lines counted as the writer writes them)."""
    from lxml import etree
    out, k = [], 0
    for block in etree.parse(str(xml)).getroot().iter("{*}TextBlock"):
        n = sum(1 for ln in block.iter("{*}TextLine")
                if "".join(st.get("CONTENT", "") for st in ln.iter("{*}String")).strip())
        if n:
            out += [(k, "first"), (k + n - 1, "last")]
        k += n
    return out


def search(stream: str, ratios: dict[str, float], ref: str, base: Path, tmp: Path, budget: int,
           rng: random.Random, ends: list[tuple[int, str]]) -> tuple[float, float, dict]:
    """Greedy passes over the block ends (each end and turn tried alone, a change kept when the CER
    falls), then random single changes over every line's ends (kept when the CER does not rise),
    ``budget`` PDFs read in all; then every pivot that does not help is dropped."""
    n = len(LINE.findall(stream))
    cands = [(i, end) for i in range(n) for end in ("first", "last")]
    used = [0]

    def score(piv: dict) -> float:
        used[0] += 1
        write(base, with_pivots(stream, ratios, piv), tmp)
        return cer(plain(tmp), ref)

    piv: dict = {}
    start = cur = score(piv)
    better = True
    while better and used[0] < budget:
        better = False
        for c in ends:
            for rot in (3, 2, 1):
                if c[0] >= n or piv.get(c) == rot or used[0] >= budget:
                    continue
                trial = dict(piv)
                trial[c] = rot
                d = score(trial)
                if d < cur:
                    piv, cur, better = trial, d, True
                    break
    best = (cur, dict(piv))
    while used[0] < budget:
        trial = dict(piv)
        c = rng.choice(list(piv) if piv and rng.random() < 0.2 else cands)
        if c in trial and rng.random() < 0.5:
            del trial[c]
        else:
            trial[c] = rng.choice([r for r in (1, 2, 3) if r != trial.get(c)])
        d = score(trial)
        if d <= cur:
            piv, cur = trial, d
            if d < best[0]:
                best = (d, dict(trial))
    piv, cur = dict(best[1]), best[0]
    for c in list(piv):
        trial = {k: v for k, v in piv.items() if k != c}
        d = score(trial)
        if d <= cur:
            piv, cur = trial, d
    return start, cur, piv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--budget", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--pages", nargs="*", help="stems to run (default: all)")
    args = ap.parse_args()
    import tempfile
    tmpdir = Path(tempfile.mkdtemp(prefix="pivots-"))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    print("| page | chars | plain `pdftotext` before | after | pivots | PDFium after | pivot boxes off (pt) | PDFium spaces at pivots |")
    print("|---|---|---|---|---|---|---|---|")
    tot = [0.0, 0.0, 0.0, 0]
    for pdf in sorted(args.out.glob("*.pdf")):
        txt = pdf.with_suffix(".txt")
        if not txt.exists() or (args.pages and pdf.stem not in args.pages):
            continue
        ref = norm(txt.read_text(encoding="utf-8"))
        base, tmp = tmpdir / f"{pdf.stem}.base.pdf", tmpdir / f"{pdf.stem}.pdf"
        stream, ratios = text_only(pdf, base)
        xml = pdf.with_suffix(".xml")
        ends = block_ends(xml) if xml.exists() else []
        start, after, piv = search(stream, ratios, ref, base, tmp, args.budget, random.Random(args.seed), ends)
        final = with_pivots(stream, ratios, piv)
        write(base, final, tmp)
        # honesty check: each pivot is a word of its own in poppler's -bbox, on the character's printed box
        write(base, stream, tmpdir / "unturned.pdf")
        turned_words = word_boxes(tmp)
        lines = LINE.findall(stream)
        frame = _frame(stream)
        off = 0.0 if frame is not None else float("nan")
        for (li, end), _ in (piv.items() if frame is not None else ()):
            font, fs, x0, base_y, body = lines[li]
            chars = CHAR.findall(body)
            adv = [float(t) / 100 * float(fs) for t, _ in chars]
            x = float(x0) + (0.0 if end == "first" else sum(adv[:-1]))
            w = adv[0] if end == "first" else adv[-1]
            h = float(fs) * ratios[font]
            page_h = _page_height(base)
            want = (x, page_h - (float(base_y) + ASCENT * h + frame), x + w,
                    page_h - (float(base_y) - (1 - ASCENT) * h + frame))
            near = min((max(abs(a - b) for a, b in zip(box, want)) for _, box in turned_words), default=99.0)
            off = max(off, near)
        pdfium = pdfium_text(tmp)
        spaces = len(re.findall(r"\S \S", pdfium)) - len(re.findall(r"\S \S", pdfium_text(tmpdir / "unturned.pdf")))
        pc = cer(pdfium, ref)
        tot[0] += start * len(ref)
        tot[1] += after * len(ref)
        tot[2] += len(ref)
        tot[3] += len(piv)
        print(f"| {pdf.stem} | {len(ref)} | {start:.4f} | {after:.4f} | {len(piv)} | {pc:.4f} | {off:.2f} | {spaces} |",
              flush=True)
        if args.keep:
            (args.keep / pdf.name).write_bytes(tmp.read_bytes())
            (args.keep / f"{pdf.stem}.pivots.json").write_text(json.dumps(
                [{"line": i, "end": end, "rotation": rot} for (i, end), rot in sorted(piv.items())]))
    if tot[2]:
        print(f"| all (micro) | {int(tot[2])} | {tot[0] / tot[2]:.4f} | {tot[1] / tot[2]:.4f} | {tot[3]} | | | |")


def _page_height(pdf: Path) -> float:
    import pikepdf
    with pikepdf.open(pdf) as p:
        box = p.pages[0].MediaBox
        return float(box[3]) - float(box[1])


def _frame(stream: str):
    """The vertical offset of the text layer's ``cm`` when it is a plain shift (a page not turned), else None."""
    m = re.search(r"^q 1 0 0 1 0 ([-\d.]+) cm$", stream, re.M)
    return float(m.group(1)) if m else None


if __name__ == "__main__":
    sys.exit(main())
