"""Scan-like degradation of a rendered page (numpy + OpenCV), and the box geometry that goes with it.

Rotation convention (same as the shared bench's ground truth): ``rotation_deg`` > 0 turns the page
counter-clockwise as displayed; points map with ``cv2.getRotationMatrix2D((W/2, H/2), rotation_deg, 1)``.

Profiles:
  clean  nothing (white paper, black anti-aliased text)
  light  rotation 0.3-1.5 deg, paper/ink tone, blur sigma 0.5-0.9, noise sigma 3-7
  heavy  rotation 1-3 deg, paper/ink tone, bleed-through of the mirrored page, uneven illumination,
         dark scanner border on 1-2 edges, blur sigma 1.0-1.6, noise sigma 9-16, dark speckles
  microfilm  (see ``microfilm``) 200-240 dpi film look: bitonal or near-bitonal, grain, scratches,
         uneven exposure, a black film edge, slight keystone.
The JPEG quality is chosen by make.py (85 light, 60 heavy).
"""
import cv2
import numpy as np


def rotation_matrix(W, H, angle):
    return cv2.getRotationMatrix2D((W / 2.0, H / 2.0), angle, 1.0)


def map_box(M, box, W, H):
    """Box [x0,y0,x1,y1] of the unrotated page -> (axis-aligned box clipped to the image, 4 corners).
    ``M``: the 2x3 rotation matrix, or a 3x3 homography (microfilm keystone)."""
    x0, y0, x1, y1 = box
    pts = np.array([[x0, y0, 1.0], [x1, y0, 1.0], [x1, y1, 1.0], [x0, y1, 1.0]]) @ np.asarray(M, float).T
    if pts.shape[1] == 3:
        pts = pts[:, :2] / pts[:, 2:3]
    poly = [[int(round(x)), int(round(y))] for x, y in pts]
    bb = [int(max(0, np.floor(pts[:, 0].min()))), int(max(0, np.floor(pts[:, 1].min()))),
          int(min(W, np.ceil(pts[:, 0].max()))), int(min(H, np.ceil(pts[:, 1].max())))]
    return bb, poly


def _tone(a, paper, ink):
    """Map white..black to paper..ink."""
    return paper - (255.0 - a) / 255.0 * (paper - ink)


def _dark_edge(a, rng, nr, edge):
    H, W = a.shape
    L = H if edge in ("left", "right") else W
    base = rng.randint(20, 80)
    walk = np.clip(np.cumsum(nr.normal(0, 1.2, L)) * 0.5 + base, 6, 2 * base).astype(int)
    shade = rng.uniform(8, 50)
    for i, wv in enumerate(walk):
        if edge == "left":
            a[i, :wv] = shade
        elif edge == "right":
            a[i, W - wv:] = shade
        elif edge == "top":
            a[:wv, i] = shade
        else:
            a[H - wv:, i] = shade


def degrade(img, profile, rng):
    """img: uint8 HxW render (255 = paper). Returns (uint8 image, rotation_deg, parameters used)."""
    if profile == "clean":
        return img, 0.0, {}
    H, W = img.shape
    heavy = profile == "heavy"
    nr = np.random.default_rng(rng.randrange(1 << 30))
    angle = rng.uniform(1.0, 3.0) if heavy else rng.uniform(0.3, 1.5)
    angle *= rng.choice((-1, 1))
    paper = rng.uniform(220, 238) if heavy else rng.uniform(236, 250)
    ink = rng.uniform(22, 55) if heavy else rng.uniform(10, 35)
    p = dict(paper=round(paper, 1), ink=round(ink, 1))
    a = _tone(img.astype(np.float32), paper, ink)
    if heavy:   # bleed-through: the mirrored page, blurred and faint, shifted a little
        ghost = cv2.GaussianBlur(255.0 - img[:, ::-1].astype(np.float32), (0, 0), 2.5)
        ghost = np.roll(ghost, (rng.randint(-30, 30), rng.randint(-30, 30)), axis=(0, 1))
        alpha = rng.uniform(0.05, 0.11)
        a -= alpha * ghost
        p["bleed_alpha"] = round(alpha, 3)
    M = rotation_matrix(W, H, angle)
    a = cv2.warpAffine(a, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=float(paper))
    if heavy:
        field = cv2.resize(nr.uniform(0.74, 1.0, (3, 5)).astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
        a *= np.clip(field, 0.65, 1.05)
        edges = rng.sample(["top", "bottom", "left", "right"], rng.choice((1, 2)))
        for e in edges:
            _dark_edge(a, rng, nr, e)
        p["dark_edges"] = edges
    sigma = rng.uniform(1.0, 1.6) if heavy else rng.uniform(0.5, 0.9)
    a = cv2.GaussianBlur(a, (0, 0), sigma)
    noise = rng.uniform(9, 16) if heavy else rng.uniform(3, 7)
    a += nr.normal(0, noise, a.shape).astype(np.float32)
    if heavy:
        n = rng.randint(1500, 5000)
        for x, y, r, v in zip(nr.integers(0, W, n), nr.integers(0, H, n), nr.integers(1, 4, n), nr.uniform(0, 100, n)):
            cv2.circle(a, (int(x), int(y)), int(r), float(v), -1)
        p["speckles"] = n
    p.update(blur_sigma=round(sigma, 2), noise_sigma=round(noise, 1))
    return np.clip(a, 0, 255).astype(np.uint8), angle, p


FILM_PARTS = ("exposure", "keystone", "rotation", "scratches", "dust", "grain", "edge")


def microfilm(img, rng, bitonal, off=()):
    """Microfilm look for a page rendered at 200-240 dpi. Returns (uint8 image, rotation_deg, parameters,
    3x3 homography mapping unrotated page points to output points). ``bitonal``: threshold to 0/255
    (written as a Group 4 TIFF by make.py), else near-bitonal gray.  ``off``: parts of FILM_PARTS left out (a
    diagnostic: what each costs); every random draw is made all the same, so the rest of the page is unchanged."""
    H, W = img.shape
    nr = np.random.default_rng(rng.randrange(1 << 30))
    p = {}
    a = _tone(img.astype(np.float32), rng.uniform(205, 235), rng.uniform(25, 60))
    # uneven exposure: a smooth field plus a vignette
    field = cv2.resize(nr.uniform(0.75, 1.05, (3, 4)).astype(np.float32), (W, H), interpolation=cv2.INTER_CUBIC)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    vig = 1.0 - rng.uniform(0.08, 0.2) * (((xx - W / 2) / (W / 2)) ** 2 + ((yy - H / 2) / (H / 2)) ** 2) / 2
    if "exposure" not in off:
        a *= field * vig
    # slight keystone (film plane not parallel to the page) and rotation
    angle = rng.uniform(0.2, 1.0) * rng.choice((-1, 1))
    k = rng.uniform(0.004, 0.012)
    src = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    side = rng.choice(("top", "bottom", "left", "right"))
    d = {"top": [[k * W, 0], [-k * W, 0], [0, 0], [0, 0]], "bottom": [[0, 0], [0, 0], [-k * W, 0], [k * W, 0]],
         "left": [[0, k * H], [0, 0], [0, 0], [0, -k * H]], "right": [[0, 0], [0, k * H], [0, -k * H], [0, 0]]}[side]
    K = cv2.getPerspectiveTransform(src, src + np.float32(d))
    R = np.vstack([rotation_matrix(W, H, angle), [0, 0, 1]])
    if "keystone" in off:
        K = np.eye(3)
    if "rotation" in off:
        R, angle = np.eye(3), 0.0
    T = R @ K
    a = cv2.warpPerspective(a, T, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=float(a.mean()))
    p.update(keystone=round(k, 4), keystone_side=side)
    # scratches: long, thin, nearly vertical, bright or dark
    n_scr = rng.randint(3, 12)
    for _ in range(n_scr):
        x = rng.uniform(0, W)
        slope = rng.uniform(-0.02, 0.02)
        y0, y1 = sorted((rng.uniform(0, H), rng.uniform(0, H)))
        val = rng.choice((rng.uniform(230, 255), rng.uniform(0, 60)))
        width = rng.choice((1, 1, 2))
        if "scratches" not in off:
            cv2.line(a, (int(x), int(y0)), (int(x + slope * (y1 - y0)), int(y1)), float(val), width, cv2.LINE_AA)
    p["scratches"] = n_scr
    # dust and grain
    n = rng.randint(300, 1500)
    for x, y, r in zip(nr.integers(0, W, n), nr.integers(0, H, n), nr.integers(1, 3, n)):
        v = float(rng.choice((10.0, 245.0)))
        if "dust" not in off:
            cv2.circle(a, (int(x), int(y)), int(r), v, -1)
    a = cv2.GaussianBlur(a, (0, 0), rng.uniform(0.5, 0.9))
    grain = cv2.GaussianBlur(nr.normal(0, 1, (H, W)).astype(np.float32), (0, 0), 1.2)
    noise = grain * rng.uniform(20, 40) + nr.normal(0, rng.uniform(3, 8), (H, W)).astype(np.float32)
    if "grain" not in off:
        a += noise
    # black film edge on one or two sides, with a ragged inner border
    edges = rng.sample(["left", "right", "top", "bottom"], rng.choice((1, 2)))
    for e in edges:
        _dark_edge(a if "edge" not in off else a.copy(), rng, nr, e)
    p["film_edges"] = edges
    # the film scanner follows the exposure (its background estimate), then thresholds or steepens
    bg = cv2.GaussianBlur(cv2.dilate(a, np.ones((15, 15), np.uint8)), (0, 0), 25)
    f = rng.uniform(0.72, 0.82)
    if bitonal:
        a = np.where(a > bg * f, 255, 0)
    else:   # near-bitonal gray: a steep tone curve around the same level
        a = 255.0 / (1.0 + np.exp(-(a - bg * f) / rng.uniform(6, 12)))
    p["threshold_of_background"] = round(f, 3)
    p["rotation_deg"] = round(angle, 4)
    return np.clip(a, 0, 255).astype(np.uint8), angle, p, T
