"""benchmarks/picture_census.py: a photo found in part (its marks read as text), lines under a picture, floats."""
from .fixtures import benchmarks


def _gt() -> dict:
    """A page: article 1's body (two lines beside its floated photo, one under it), article 2's body beside."""
    return {"blocks": [{"id": "b1", "type": "body", "article": 1, "bbox": [0, 0, 1000, 700]},
                       {"id": "b2", "type": "image", "article": 1, "bbox": [0, 0, 600, 500]},
                       {"id": "b3", "type": "body", "article": 2, "bbox": [1100, 0, 1500, 700]}],
            "lines": [{"block": "b1", "text": "一二", "bbox": [620, 0, 1000, 40]},
                      {"block": "b1", "text": "三四", "bbox": [620, 50, 1000, 90]},
                      {"block": "b1", "text": "五六", "bbox": [0, 600, 1000, 640]},
                      {"block": "b3", "text": "七八", "bbox": [1100, 0, 1500, 40]}]}


def test_a_photo_found_in_part_and_its_marks_read_as_text():
    pc = benchmarks.load("picture_census.py")
    gt = _gt()
    assert pc.floats(gt) == 1                           # the photo lies inside its article's body block
    whole = [(0, 0, 600, 500)]
    assert pc.coverage(gt, whole) == [1.0] and pc.eaten(gt, whole) == 0
    half = [(300, 0, 600, 500)]                         # the dark half found; the pale half's marks read as text
    assert pc.coverage(gt, half) == [0.5]
    marks = [(20, 100, 280, 140), (20, 300, 200, 330)]
    assert pc.marks(gt, marks + [(620, 0, 1000, 40)]) == 2
    r = {"cov": pc.coverage(gt, half), "marks": pc.marks(gt, marks)}
    assert pc.in_part(r) and not pc.in_part({"cov": [1.0], "marks": 2})
    # a picture grown over the text beside it takes its lines
    assert pc.eaten(gt, [(0, 0, 1010, 500)]) == 2
