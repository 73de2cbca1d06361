"""benchmarks/deskew_error.py: per page the ground truth's rotation, the skew digitize measured and the residual
(both counter-clockwise as displayed, so a page straightened right has a residual near 0 whatever its turn)."""
import importlib.util
import sys
from pathlib import Path

import pytest

from digitize.config import load_settings


def _module():
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("deskew_error", root / "benchmarks" / "deskew_error.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["deskew_error"] = mod              # its dataclass looks its module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("skew", [1.5, -2.0])
def test_residual_is_measured_minus_true_in_the_same_sense(rendered_page, tmp_path, skew, capsys):
    de = _module()
    rendered_page(columns=3, seed=4, width=1500, height=1200, body_px=32, skew_deg=skew).save(
        tmp_path / "p.png", gt=True)
    (row,) = de.measure_set(tmp_path, load_settings(None))
    assert row.true == pytest.approx(skew)
    assert row.measured == pytest.approx(skew, abs=0.15)      # same sign convention: not -skew
    assert abs(row.residual) < 0.15 and row.residual == pytest.approx(row.measured - row.true)
    assert de.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "p " in out and "over 0.3: 0" in out


def test_keystone_spread_from_the_homography():
    de = _module()
    assert de.keystone_spread({"width": 100, "height": 100}) == 0.0
    turn = {"width": 1000, "height": 1000, "degradation": {"homography": [[0.99, 0.01, 0], [-0.01, 0.99, 0], [0, 0, 1]]}}
    assert de.keystone_spread(turn) == pytest.approx(0.0, abs=1e-9)     # a plain rotation: every line alike
    side = {"width": 2640, "height": 3760, "degradation": {"homography": [
        [0.97991499, 0.00619497, -11.62016422], [-0.02054726, 0.97991519, 46.1042314], [-7.6e-06, 0.0, 1.0]]}}
    assert de.keystone_spread(side) == pytest.approx(0.655, abs=0.01)   # microfilm 8 ma_005: 1.017 .. -0.293
