"""benchmarks/layout_only.py: the split oracle charges a row cut into pieces that land in different blocks (each
piece is read where its hypothesis line stands), which the oracle CER (one GT line credited once) does not; the
split column is appended after the existing ones."""
import shutil

from digitize.geometry import Box

from .fixtures import benchmarks


def _module():
    return benchmarks.load("layout_only.py")


def _page(lines: list[tuple[str, str, list[int]]]) -> tuple[dict, list]:
    """A GT JSON (one block per distinct block id, in first-seen order) and read_ground_truth-style lines."""
    blocks = list(dict.fromkeys(b for b, _, _ in lines))
    gt_json = {"blocks": [{"id": b, "order": k} for k, b in enumerate(blocks)],
               "lines": [{"block": b, "text": t, "bbox": box} for b, t, box in lines]}
    return gt_json, [(Box(*box), b) for b, _, box in lines]


def test_a_row_cut_over_two_blocks_costs_in_the_split_oracle_only():
    lo = _module()
    # block a: two rows 400 px wide; block b below: one row.  The hypothesis cuts a's first row at its middle
    # and reads the right half after block b (as a layout that put the cut-off piece into another block would).
    gt_json, gt_lines = _page([("a", "一二三四五六七八", [0, 0, 400, 40]),
                               ("a", "甲乙丙丁戊己庚辛", [0, 50, 400, 90]),
                               ("b", "子丑寅卯辰巳午未", [0, 120, 400, 160])])
    hyp = [Box(0, 0, 205, 40), Box(0, 50, 400, 90), Box(0, 120, 400, 160), Box(205, 0, 400, 40)]
    d, n = lo.oracle_cer(gt_json, gt_lines, hyp)
    assert (d, n) == (0, 24)                       # the GT line is credited once, to its larger piece
    sd, sn = lo.split_oracle_cer(gt_json, gt_lines, hyp)
    assert sn == 24 and sd == 8                    # "五六七八" read after block b: 4 deleted + 4 inserted
    # the same pieces read in place cost nothing
    in_place = [hyp[0], hyp[3], hyp[1], hyp[2]]
    assert lo.split_oracle_cer(gt_json, gt_lines, in_place) == (0, 24)


def test_split_pieces_follow_the_covered_length_and_the_line_direction():
    lo = _module()
    # a horizontal row of 10 characters, covered 30 % / 70 %; a row above touching it by 5 px covers nothing
    pieces = lo.split_pieces(Box(0, 100, 1000, 140), "零一二三四五六七八九",
                             [Box(0, 60, 1000, 105), Box(300, 98, 1000, 142), Box(0, 100, 300, 140)])
    assert [(i, p) for i, _, p in pieces] == [(2, "零一二"), (1, "三四五六七八九")]
    # a vertical line (taller than wide) is split along its height
    pieces = lo.split_pieces(Box(500, 0, 540, 400), "甲乙丙丁", [Box(500, 200, 540, 400), Box(498, 0, 541, 200)])
    assert [(i, p) for i, _, p in pieces] == [(1, "甲乙"), (0, "丙丁")]
    # a line no hypothesis line covers gives nothing
    assert lo.split_pieces(Box(0, 0, 100, 20), "甲乙", [Box(0, 200, 100, 220)]) == []


def test_main_appends_the_split_column_after_the_existing_ones(sample_dir, tmp_path, capsys):
    lo = _module()
    page = tmp_path / "set"
    page.mkdir()
    shutil.copy(sample_dir / "page-a.png", page)
    for suffix in (".gt.txt", ".gt.json"):
        shutil.copy(sample_dir / "ground-truth" / f"page-a{suffix}", page)
    assert lo.main([str(page)]) == 0
    rows = [r.split() for r in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["page", "lines", "found", "order", "merged", "oracle", "CER", "spurious", "split", "CER"]
    assert [r[0] for r in rows[1:]] == ["page-a", "all"]
    for row in rows[1:]:
        assert len(row) == 8                       # page, lines, found, order, merged, oracle, spurious, split
        assert int(row[1]) > 10 and int(row[6]) >= 0 and 0.0 <= float(row[7]) <= 1.0
