"""benchmarks/order_decomp.py: a page's oracle CER split into the order of articles, of blocks inside an
article, of blocks given to the wrong article, and what is left."""
from digitize.geometry import Box

from .fixtures import benchmarks


def _gt(blocks: list[tuple[str, list[tuple[str, list[int]]]]]) -> tuple[dict, list]:
    """GT JSON and read_ground_truth-style lines: blocks in reading order, each (id, [(text, bbox)])."""
    gt_json = {"blocks": [{"id": b, "order": k} for k, (b, _) in enumerate(blocks)],
               "lines": [{"block": b, "text": t, "bbox": box} for b, ls in blocks for t, box in ls]}
    return gt_json, [(Box(*box), b) for b, ls in blocks for _, box in ls]


def test_parts_tell_article_order_from_block_order_inside_an_article():
    od = benchmarks.load("order_decomp.py")
    # GT: article A (head a1, body a2), then article B (one block b1), then article C (one block c1)
    gt_json, gt_lines = _gt([("a1", [("一二三四", [0, 0, 400, 40])]), ("a2", [("五六七八", [0, 50, 400, 90])]),
                             ("b1", [("甲乙丙丁", [500, 0, 900, 40])]), ("c1", [("子丑寅卯", [0, 500, 400, 540])])])
    head, body = [Box(0, 0, 400, 40)], [Box(0, 50, 400, 90)]
    other, third = [Box(500, 0, 900, 40)], [Box(0, 500, 400, 540)]
    # articles in the wrong order, each read right inside: all of the loss is the articles' order
    r = od.parts(gt_json, gt_lines, [("B", other), ("A", head), ("A", body), ("C", third)])
    assert r["ours"] > 0 and r["art"] == 0 and r["arts_out_of_place"] == 2
    # articles in order, A's body read before its head: all of it is inside the article
    r = od.parts(gt_json, gt_lines, [("A", body), ("A", head), ("B", other), ("C", third)])
    assert r["ours"] > 0 and r["art"] == r["ours"] and r["blk"] == 0
    # A's body given to article C: no order of the articles nor inside C reads it right (membership)
    r = od.parts(gt_json, gt_lines, [("A", head), ("B", other), ("C", third), ("C", body)])
    assert r["blk"] > 0 and r["glob"] == 0
