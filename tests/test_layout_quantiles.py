"""Layout's counted percentiles of 8-bit images (layout/quantiles.py) give numpy's numbers bit for bit."""
import numpy as np
import pytest

from digitize.layout.quantiles import above, histogram, percentile


def _same(ref, got) -> bool:
    return (type(ref) is type(got) and np.asarray(ref).dtype == np.asarray(got).dtype
            and np.array_equal(np.asarray(ref), np.asarray(got)))


@pytest.mark.parametrize("n", [1, 2, 3, 7, 100, 101, 4099])
def test_percentile_is_numpys(n):
    rng = np.random.default_rng(n)
    for a in (rng.integers(0, 256, n).astype(np.uint8), rng.integers(120, 126, n).astype(np.uint8),
              np.clip(rng.normal(200, 30, n), 0, 255).astype(np.uint8).reshape(1, n)):
        for q in (0, 1, 2, 2.5, 10, 33.3, 50, 75, 90, 97.5, 100, (10, 90), (75, 95), [2, 75]):
            for as_type in (None, np.float32, np.float64):
                ref = np.percentile(a if as_type is None else a.astype(as_type), q)
                assert _same(ref, percentile(a, q, as_type)), (n, q, as_type)


def test_percentile_of_a_view_and_shared_counts():
    img = np.random.default_rng(0).integers(0, 256, (120, 160)).astype(np.uint8)
    view = img[7:90:2, 11:150]                       # not contiguous: a crop of a page
    assert np.array_equal(histogram(view), np.bincount(view.ravel(), minlength=256))
    counts = histogram(view)
    for q in (2, 75):
        assert _same(np.percentile(view.astype(np.float32), q), percentile(view, q, np.float32, counts))
    # anything but uint8 is left to numpy
    f = view.astype(np.float64) / 3
    assert _same(np.percentile(f, 75), percentile(f, 75))
    with pytest.raises(ValueError):
        percentile(view, 101)


def test_above_is_the_float32_comparison():
    img = np.arange(256, dtype=np.uint8).reshape(16, 16)
    for level in [-3.0, -0.0, 0.0, 0.5, 1.0, 99.99999999, 100.0, 100.0000001, 254.5, 255.0, 255.5, 300.0]:
        assert np.array_equal(above(img, level), img.astype(np.float32) > level), level
