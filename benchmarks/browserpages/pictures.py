"""Generated grayscale pictures (no photos are shipped): smooth gradients, blobs and grain, as data URLs."""
import base64

import cv2
import numpy as np


def picture(rng, w, h):
    """A ``w`` x ``h`` (pixels) photo-like grayscale picture drawn from ``rng`` (random.Random)."""
    nr = np.random.default_rng(rng.randrange(1 << 30))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, np.pi)
    g = (np.cos(ang) * xx / w + np.sin(ang) * yy / h)
    img = 70 + 140 * (g - g.min()) / max(1e-6, float(g.max() - g.min()))
    for _ in range(rng.randint(4, 12)):   # soft shapes: "people", "buildings", "trees"
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        ax, ay = rng.uniform(0.04, 0.3) * w, rng.uniform(0.05, 0.35) * h
        layer = np.zeros((h, w), np.float32)
        if rng.random() < 0.5:
            cv2.ellipse(layer, (int(cx), int(cy)), (int(ax), int(ay)), rng.uniform(0, 180), 0, 360, 1.0, -1)
        else:
            cv2.rectangle(layer, (int(cx - ax), int(cy - ay)), (int(cx + ax), int(cy + ay * 2)), 1.0, -1)
        layer = cv2.GaussianBlur(layer, (0, 0), rng.uniform(1.0, 6.0))
        img = img * (1 - layer) + layer * rng.uniform(10, 240)
    tex = cv2.resize(nr.normal(0, 1, (max(2, h // 8), max(2, w // 8))).astype(np.float32), (w, h))
    img += tex * rng.uniform(5, 25) + nr.normal(0, rng.uniform(2, 8), (h, w)).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def data_url(img):
    ok, buf = cv2.imencode(".png", img)
    if not ok:
        raise RuntimeError("cannot encode a generated picture")
    return "data:image/png;base64," + base64.b64encode(buf.tobytes()).decode("ascii")
