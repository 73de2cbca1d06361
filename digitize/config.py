"""Settings: typed defaults, overridden by a TOML profile (``configs/*.toml``) and CLI options.

Each section is a dataclass; ``configs/default.toml`` documents every field (a test keeps the two
in step).  Unknown keys are an error naming the file and the key.
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass
class InputSettings:
    max_pixels: int = 300_000_000          # decompression-bomb guard (600 dpi broadsheet ~ 300 MP)
    default_dpi: float = 300.0             # used when the file carries no resolution
    dpi: float = 0.0                       # the scan's resolution, over the file's tag (0: the tag; a wrong tag)


@dataclass
class PreprocessSettings:
    orientation: bool = True               # detect 0/90/180/270
    deskew: bool = True
    max_skew_deg: float = 5.0
    remove_borders: bool = True
    binarization: str = "sauvola"          # "sauvola" or "otsu"
    sauvola_window: int = 31               # px at layout scale (odd)
    sauvola_k: float = 0.1                 # 0.2 breaks blurred low-contrast strokes at 100 dpi
    despeckle_px: int = 2                  # remove ink components up to this size (layout scale)
    layout_dpi: float = 100.0              # layout runs at this resolution
    flatten_illumination: bool = False     # divide the paper brightness field out of the work image
    grain_glyph_size: bool = False         # the characters' size (layout scale, skew and orientation votes) is
                                           # measured past a tail of film grain specks (deskew.glyph_size; the
                                           # microfilm profile)


@dataclass
class LayoutSettings:
    detect_vertical: bool = True
    min_column_gap_mm: float = 2.0
    article_order: str = "rows"            # "rows" (by top edges, left to right) or "xy-cut" (recursive cuts)
    writing_mode: str = "auto"             # "auto" (measured per page), "horizontal" or "vertical" (tiers, right to left)
    stability: bool = True                 # read the page again with layout parameters nudged (layout/stability.py):
                                           # QA's unstable_text; a few more layout runs per page
    grain_joined_lines: bool = False       # a block of headline size set inside a column's body text, its glyphs
                                           # body size, is body lines joined by film grain (classify.is_set_in_body_run;
                                           # the microfilm profile); a giant fragment of mostly body lines is
                                           # cut at its rows (lines.split_tall)
    row_tolerance_mm: float = 0.0          # articles whose tops lie within this of the previous top of their row
                                           # are one row; 0: the reading-order convention's 3.39 mm (40 px at 300
                                           # dpi, params.article_row_tolerance_mm); the microfilm profile widens it


@dataclass
class RecognitionSettings:
    engine: str = "ppocr"                  # "ppocr" or "tesseract"
    language: str = "chi_sim"              # tesseract model; "chi_tra" for traditional pages
    tessdata: str = ""                     # empty: TESSDATA_PREFIX or the Debian path
    batch_lines: int = 16                  # lines per engine call where the engine batches
    low_confidence: float = 0.6            # characters below this are "low confidence" in QA

    # scripts set top to bottom as well as left to right (Tesseract model names); PP-OCR reads Chinese
    VERTICAL_SCRIPTS = ("chi_", "jpn", "kor")

    def vertical_script(self) -> bool:
        """Can the pages this engine reads have top-to-bottom text?  Not a Latin, Fraktur or Greek model:
        dense Latin columns must not be taken for vertical text there."""
        if self.engine != "tesseract":
            return True
        return any(part.startswith(self.VERTICAL_SCRIPTS) for part in self.language.split("+"))


@dataclass
class OutputSettings:
    alto_version: str = "4.4"              # "4.4" or "2.1"
    measurement_unit: str = "pixel"        # "pixel", "inch1200" (NDNP) or "mm10", from the scan's DPI
    write_text: bool = True
    text_nfkc: bool = True                 # NFKC text file (ASCII , ( ) : ; digits); false: full-width as printed
    glyphs: bool = True                    # ALTO Glyph elements per character
    pdf: bool = False                      # searchable PDF per page (scan + invisible text), `run --pdf`
    jp2: bool = False                      # JPEG 2000 derivative of the scan per page, `run --jp2`
    trace: bool = False                    # <stem>.trace.txt: which layout rule made each block, `run --debug`
    script_alternatives: str = ""          # "simplified"/"traditional": each ALTO String in the other script gets it as ALTERNATIVE
    text_script: str = ""                  # "": the text file as printed; "simplified"/"traditional": converted (OpenCC)


@dataclass
class BatchSettings:
    workers: int = 0                       # 0 = all cores
    page_timeout: float = 900.0            # seconds before a page is given up
    max_failures: int = 0                  # 0 = never abort
    scheduler: str = ""                    # tcp://HOST:PORT of a Dask scheduler, empty = local


@dataclass
class QASettings:
    min_chars_per_mpx: float = 40.0        # fewer characters per megapixel of scan: "few characters"
    max_low_conf_share: float = 0.15       # more low-confidence characters than this share: flagged
    min_mean_conf: float = 0.75            # mean character confidence below this: flagged
    max_skew_deg: float = 2.0              # |deskew angle| above this: "large skew"
    max_outside_share: float = 0.02        # share of characters lying outside every text block
    max_block_overlap: float = 0.2         # two text blocks sharing more than this of the smaller one
    max_noise_share: float = 0.02          # more of the lines read as noise and dropped: flagged
    max_unread_ink: float = 0.02           # more of the text-like ink in no text line: flagged
    min_type_mm: float = 2.5               # measured type smaller than this (mm): flagged
    min_type_px: float = 12.0              # type measuring fewer scan pixels per em: flagged (72-dpi web images)
    max_gap_lines: float = 0.02            # more body/caption lines with a wide gap between Han characters
    max_fragment_share: float = 0.2        # more body blocks of at most two lines (columns cut into pieces)
    calibration: str = ""                  # estimated_cer's constants (JSON written by benchmarks/fit_quality.py
                                           # --calibration FILE); empty: digitize/qa/calibration.json. A relative
                                           # path is taken from the TOML file's folder
    overlay_short_side: int = 1200         # overlay PNG size (short side, px; never below 800)


@dataclass
class Settings:
    input: InputSettings = field(default_factory=InputSettings)
    preprocess: PreprocessSettings = field(default_factory=PreprocessSettings)
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    recognition: RecognitionSettings = field(default_factory=RecognitionSettings)
    output: OutputSettings = field(default_factory=OutputSettings)
    batch: BatchSettings = field(default_factory=BatchSettings)
    qa: QASettings = field(default_factory=QASettings)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return dataclasses.asdict(self)

    def override(self, section: str, **values: Any) -> "Settings":
        """A copy with some fields of one section replaced (None values are ignored)."""
        values = {k: v for k, v in values.items() if v is not None}
        sec = dataclasses.replace(getattr(self, section), **values)
        return dataclasses.replace(self, **{section: sec})


def _apply(obj: Any, data: dict[str, Any], where: str) -> Any:
    names = {f.name: f for f in dataclasses.fields(obj)}
    changes = {}
    for key, value in data.items():
        if key not in names:
            raise ConfigError(f"{where}: unknown setting '{key}' (known: {', '.join(sorted(names))})")
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{key}] must be a table")
            changes[key] = _apply(current, value, f"{where} [{key}]")
        else:
            if isinstance(current, float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if current is not None and type(value) is not type(current):
                raise ConfigError(f"{where}: '{key}' must be {type(current).__name__}, got {value!r}")
            changes[key] = value
    return dataclasses.replace(obj, **changes)


def load_settings(path: str | os.PathLike | None = None) -> Settings:
    """Defaults, overridden by the TOML file at ``path`` when given."""
    settings = Settings()
    if path is None:
        return settings
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{p}: not valid TOML ({e})") from None
    settings = _apply(settings, data, str(p))
    if settings.qa.calibration and not Path(settings.qa.calibration).is_absolute():
        settings.qa.calibration = str(p.parent / settings.qa.calibration)
    if settings.layout.article_order not in ARTICLE_ORDERS:
        raise ConfigError(f"{p}: layout.article_order must be one of {', '.join(ARTICLE_ORDERS)}, "
                          f"not '{settings.layout.article_order}'")
    for key in ("script_alternatives", "text_script"):
        if getattr(settings.output, key) not in ("", "simplified", "traditional"):
            raise ConfigError(f"{p}: output.{key} must be \"\", \"simplified\" or \"traditional\", "
                              f"not '{getattr(settings.output, key)}'")
    if settings.input.dpi and settings.input.dpi < MIN_DPI_SETTING:
        raise ConfigError(f"{p}: input.dpi must be 0 (the file's resolution) or at least {MIN_DPI_SETTING:g}, "
                          f"not {settings.input.dpi:g}")
    if settings.layout.row_tolerance_mm < 0:
        raise ConfigError(f"{p}: layout.row_tolerance_mm must be 0 (the convention's) or more, "
                          f"not {settings.layout.row_tolerance_mm:g}")
    if settings.layout.writing_mode not in WRITING_MODES:
        raise ConfigError(f"{p}: layout.writing_mode must be one of {', '.join(WRITING_MODES)}, "
                          f"not '{settings.layout.writing_mode}'")
    return settings


ARTICLE_ORDERS = ("rows", "xy-cut")
MIN_DPI_SETTING = 50.0     # a scan's resolution below this is a typo (web images are 72 dpi)
WRITING_MODES = ("auto", "horizontal", "vertical")
