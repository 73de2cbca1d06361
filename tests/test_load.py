"""Loading: formats, modes, DPI, multi-page TIFF, and a clear InputError for every bad input."""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from digitize.config import InputSettings
from digitize.errors import InputError
from digitize.load import load_pages


def _gradient(w: int = 120, h: int = 80) -> np.ndarray:
    """A gray test image with a dark square (so orientation and content can be checked)."""
    a = np.full((h, w), 230, np.uint8)
    a[10:30, 10:40] = 20
    return a


def _load(path: Path, **kw) -> list:
    return list(load_pages(path, InputSettings(**kw)))


def _reason(path: Path, **kw) -> str:
    with pytest.raises(InputError) as ei:
        _load(path, **kw)
    assert ei.value.path == path
    return ei.value.reason


# ---------------------------------------------------------------- good input

def test_png_gray_keeps_dpi_and_size(tmp_path: Path) -> None:
    p = tmp_path / "a.png"
    Image.fromarray(_gradient()).save(p, dpi=(400, 400))
    [(page, scan)] = _load(p)
    assert (page.width, page.height) == (120, 80)
    assert page.dpi == pytest.approx(400, abs=0.1)
    assert scan.gray.dtype == np.uint8 and scan.gray.shape == (80, 120)
    assert scan.gray[20, 20] == 20 and scan.gray[60, 100] == 230
    assert page.checksum and len(page.checksum) == 64
    assert page.steps[-1].category == "preOperation"


def test_missing_dpi_uses_default_with_warning(tmp_path: Path) -> None:
    p = tmp_path / "nodpi.png"
    Image.fromarray(_gradient()).save(p)
    [(page, _)] = _load(p, default_dpi=350.0)
    assert page.dpi == 350.0
    assert any("resolution" in w for w in page.warnings)


def test_tiff_dpi_in_centimetres(tmp_path: Path) -> None:
    p = tmp_path / "cm.tif"
    # 118.11 px/cm = 300 dpi; ResolutionUnit 3 = centimetre
    Image.fromarray(_gradient()).save(p, tiffinfo={282: 118.11, 283: 118.11, 296: 3}, compression="tiff_lzw")
    [(page, _)] = _load(p)
    assert page.dpi == pytest.approx(300, abs=0.5)


def test_multipage_tiff_gives_one_page_per_frame(tmp_path: Path) -> None:
    p = tmp_path / "multi.tif"
    frames = [Image.fromarray(np.full((50 + 10 * i, 70), 40 * i + 20, np.uint8)) for i in range(3)]
    frames[0].save(p, save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(300, 300))
    pages = _load(p)
    assert len(pages) == 3
    for i, (page, scan) in enumerate(pages):
        assert page.frame == i and page.page_number == i + 1
        assert scan.gray.shape == (50 + 10 * i, 70)
        assert int(scan.gray[0, 0]) == 40 * i + 20
    assert pages[1][0].stem == "multi_p002"


def test_g4_bilevel_tiff(tmp_path: Path) -> None:
    p = tmp_path / "g4.tif"
    Image.fromarray(_gradient() > 128).convert("1").save(p, compression="group4", dpi=(400, 400))
    [(page, scan)] = _load(p)
    assert page.dpi == pytest.approx(400)
    assert scan.gray.shape == (80, 120)
    assert set(np.unique(scan.gray)) == {0, 255}
    assert scan.gray[20, 20] == 0


def test_16bit_gray_is_scaled_not_clipped(tmp_path: Path) -> None:
    p = tmp_path / "g16.png"
    a = (_gradient().astype(np.uint16) * 257)          # full 16-bit range
    Image.fromarray(a).save(p)
    [(_, scan)] = _load(p)
    assert scan.gray.dtype == np.uint8
    assert int(scan.gray[20, 20]) == 20 and int(scan.gray[60, 100]) == 230


def test_16bit_tiff(tmp_path: Path) -> None:
    p = tmp_path / "g16.tif"
    Image.fromarray(_gradient().astype(np.uint16) * 257).save(p, dpi=(300, 300))
    [(_, scan)] = _load(p)
    assert int(scan.gray[20, 20]) == 20 and int(scan.gray[60, 100]) == 230


def test_cmyk_jpeg_converted_correctly(tmp_path: Path) -> None:
    p = tmp_path / "cmyk.jpg"
    rgb = Image.fromarray(np.stack([_gradient()] * 3, axis=-1))
    rgb.convert("CMYK").save(p, quality=95, dpi=(300, 300))
    [(_, scan)] = _load(p)
    assert abs(int(scan.gray[20, 20]) - 20) < 12      # ink stays dark
    assert abs(int(scan.gray[60, 100]) - 230) < 12    # paper stays light


def test_palette_and_rgba(tmp_path: Path) -> None:
    p1 = tmp_path / "pal.png"
    Image.fromarray(_gradient()).convert("P").save(p1)
    [(_, scan)] = _load(p1)
    assert abs(int(scan.gray[20, 20]) - 20) < 5 and abs(int(scan.gray[60, 100]) - 230) < 5
    p2 = tmp_path / "rgba.png"
    rgba = np.zeros((80, 120, 4), np.uint8)
    rgba[..., 3] = 0                                   # fully transparent -> white paper
    rgba[10:30, 10:40] = (0, 0, 0, 255)
    Image.fromarray(rgba, "RGBA").save(p2)
    [(_, scan)] = _load(p2)
    assert scan.gray[20, 20] == 0 and scan.gray[60, 100] == 255


def test_exif_rotated_jpeg_is_turned_upright(tmp_path: Path) -> None:
    p = tmp_path / "exif.jpg"
    im = Image.fromarray(_gradient())                  # 120 wide, 80 high; square at top-left
    exif = im.getexif()
    exif[0x0112] = 6                                   # display = rotate 90 deg clockwise
    im.save(p, exif=exif.tobytes(), quality=95, dpi=(300, 300))
    [(page, scan)] = _load(p)
    assert (page.width, page.height) == (80, 120)
    # the dark square moves to the top-right corner after a clockwise turn
    assert scan.gray[20, 60] < 80 and scan.gray[20, 10] > 180


def _jp2_with_resolution(data: bytes, dpi: float) -> bytes:
    """Add a capture-resolution box ('res ' > 'resc', pixels per metre) to a JP2 file's header box."""
    ppm = int(round(dpi / 0.0254))
    resc = struct.pack(">I4sHHHHbb", 18, b"resc", ppm, 1, ppm, 1, 0, 0)
    res = struct.pack(">I4s", 8 + len(resc), b"res ") + resc
    out, i = b"", 0
    while i < len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        length = length or len(data) - i
        box = data[i:i + length]
        if kind == b"jp2h":
            box = struct.pack(">I4s", length + len(res), b"jp2h") + box[8:] + res
        out += box
        i += length
    return out


def test_jpeg2000(tmp_path: Path) -> None:
    p = tmp_path / "page.jp2"
    buf = io.BytesIO()
    Image.fromarray(_gradient()).save(buf, "JPEG2000", irreversible=False, no_jp2=False)
    p.write_bytes(_jp2_with_resolution(buf.getvalue(), 400))
    [(page, scan)] = _load(p)
    assert (page.width, page.height) == (120, 80)
    assert page.dpi == pytest.approx(400, abs=1)
    assert int(scan.gray[20, 20]) == 20


# ---------------------------------------------------------------- bad input

def test_missing_and_empty(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.png") == "no such file"
    e = tmp_path / "empty.png"
    e.write_bytes(b"")
    assert _reason(e) == "empty file"


def test_text_file_named_png(tmp_path: Path) -> None:
    p = tmp_path / "notes.png"
    p.write_text("这不是图片 / not an image\n", encoding="utf-8")
    assert _reason(p).startswith("not an image")


def test_unsupported_format(tmp_path: Path) -> None:
    p = tmp_path / "page.gif"
    Image.fromarray(_gradient()).save(p)
    assert "unsupported image format GIF" in _reason(p)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert _reason(pdf).startswith("broken PDF")          # PDFs are read (tests/test_pdf.py): this one is cut short


@pytest.mark.parametrize("fmt,suffix", [("JPEG", ".jpg"), ("PNG", ".png")])
def test_truncated_file(tmp_path: Path, fmt: str, suffix: str) -> None:
    rng = np.random.default_rng(1)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (300, 400), dtype=np.uint8)).save(buf, fmt)
    data = buf.getvalue()
    p = tmp_path / f"cut{suffix}"
    p.write_bytes(data[: len(data) // 2])
    assert _reason(p).startswith("truncated")


def test_pixel_limit_checked_before_decoding(tmp_path: Path) -> None:
    """A PNG header claiming 60000x60000 fails fast, without allocating 3.6 GB."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    p = tmp_path / "bomb.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    reason = _reason(p)
    assert "60000x60000" in reason and "over the limit" in reason
    small = tmp_path / "small.png"
    Image.fromarray(_gradient()).save(small)
    assert "over the limit" in _reason(small, max_pixels=5000)


def test_pixel_limit_per_tiff_frame(tmp_path: Path) -> None:
    p = tmp_path / "multi.tif"
    a, b = Image.fromarray(np.zeros((10, 10), np.uint8)), Image.fromarray(np.zeros((100, 100), np.uint8))
    a.save(p, save_all=True, append_images=[b])
    it = load_pages(p, InputSettings(max_pixels=1000))
    page, _ = next(it)
    assert page.frame == 0
    with pytest.raises(InputError) as ei:
        next(it)
    assert "frame 2" in ei.value.reason and "over the limit" in ei.value.reason


def test_colour_jpeg_decodes_to_luminance(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    rgb = rng.integers(0, 255, (60, 90, 3), dtype=np.uint8).repeat(4, axis=0).repeat(4, axis=1)
    p = tmp_path / "colour.jpg"
    Image.fromarray(rgb).save(p, quality=95, dpi=(300, 300))
    [(page, scan)] = _load(p)
    ref = np.asarray(Image.open(p).convert("L")).astype(int)
    assert scan.gray.shape == ref.shape == (240, 360)
    assert np.abs(scan.gray.astype(int) - ref).mean() < 1.5
    assert page.steps[-1].settings["mode"] == "RGB"
    cut = tmp_path / "colour-cut.jpg"
    cut.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    assert _reason(cut).startswith("truncated")


def test_truncated_tiff_header(tmp_path: Path) -> None:
    """LZW TIFFs keep their directory at the end: cut short, the header itself is gone."""
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(4).integers(0, 255, (200, 300), dtype=np.uint8)).save(
        buf, "TIFF", compression="tiff_lzw")
    p = tmp_path / "cut.tif"
    p.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    assert _reason(p) == "truncated or corrupt TIFF file (its header cannot be read)"


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    assert _reason(tmp_path) == "not a file"


def test_dpi_setting_overrides_a_wrong_tag(tmp_path: Path) -> None:
    """A scan whose tag says 475 dpi for a 300-dpi scan: ``input.dpi`` wins, and the page says so."""
    p = tmp_path / "wrong.tif"
    Image.fromarray(np.full((40, 30), 200, np.uint8)).save(p, dpi=(475, 475))
    [(page, _)] = _load(p)
    assert page.dpi == 475.0 and not page.warnings
    [(page, _)] = _load(p, dpi=300.0)
    assert page.dpi == 300.0
    assert any("input.dpi" in w and "475" in w for w in page.warnings)
