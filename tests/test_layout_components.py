"""component_stats (layout/components.py) labels only the box of a mask's ink, with OpenCV's numbers."""
import cv2
import numpy as np

from digitize.layout.components import component_stats


def test_component_stats_match_the_whole_mask():
    rng = np.random.default_rng(7)
    for _ in range(300):
        h, w = (int(v) for v in rng.integers(3, 160, 2))
        mask = np.zeros((h, w), np.uint8)
        for _ in range(int(rng.integers(1, 25))):            # blobs, bars and specks anywhere, edges too
            y, x = int(rng.integers(0, h)), int(rng.integers(0, w))
            bh, bw = (int(v) for v in rng.integers(1, 30, 2))
            mask[y:y + bh, x:x + bw] = 1
        mask &= (rng.random((h, w)) < rng.choice([1.0, 0.8, 0.5])).astype(np.uint8)
        n, _, whole, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        assert np.array_equal(component_stats(mask), whole[1:])
        assert np.array_equal(component_stats(mask.astype(bool)), whole[1:])


def test_component_stats_of_an_empty_mask():
    assert component_stats(np.zeros((20, 30), bool)).shape == (0, 5)
