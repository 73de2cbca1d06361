"""Settings: the documented profile matches the code, and bad profiles fail with a clear message."""
import dataclasses
import tomllib
from pathlib import Path

import pytest

from digitize.config import Settings, load_settings
from digitize.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def _flatten(obj, prefix=""):
    out = {}
    for f in dataclasses.fields(obj):
        v = getattr(obj, f.name)
        if dataclasses.is_dataclass(v):
            out.update(_flatten(v, f"{prefix}{f.name}."))
        else:
            out[prefix + f.name] = v
    return out


def _flatten_toml(d, prefix=""):
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(_flatten_toml(v, f"{prefix}{k}."))
        else:
            out[prefix + k] = v
    return out


def test_default_profile_documents_every_setting_with_its_default():
    doc = _flatten_toml(tomllib.loads((ROOT / "configs" / "default.toml").read_text(encoding="utf-8")))
    code = _flatten(Settings())
    assert set(doc) == set(code), f"missing in default.toml: {set(code) - set(doc)}; unknown: {set(doc) - set(code)}"
    for key, value in code.items():
        assert doc[key] == value, f"{key}: default.toml says {doc[key]!r}, code says {value!r}"


def test_every_setting_in_default_toml_has_a_comment():
    lines = (ROOT / "configs" / "default.toml").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.lstrip().startswith("#"):
            assert "#" in line or (i and lines[i - 1].lstrip().startswith("#")), f"undocumented: {line}"


def test_profiles_in_configs_load():
    for p in (ROOT / "configs").glob("*.toml"):
        load_settings(p)


def test_unknown_key_names_file_and_key(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[recognition]\nengin = 'tesseract'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml.*engin"):
        load_settings(p)


def test_wrong_type_and_bad_toml(tmp_path):
    p = tmp_path / "t.toml"
    p.write_text("[batch]\nworkers = 'many'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="workers"):
        load_settings(p)
    p.write_text("[batch\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(p)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")


def test_override_keeps_other_sections():
    s = Settings().override("recognition", engine="tesseract", language=None)
    assert s.recognition.engine == "tesseract"
    assert s.recognition.language == Settings().recognition.language
    assert s.output == Settings().output



def test_article_order_is_checked(tmp_path):
    from digitize.config import load_settings
    from digitize.errors import ConfigError
    good = tmp_path / "xy.toml"
    good.write_text('[layout]\narticle_order = "xy-cut"\n', encoding="utf-8")
    assert load_settings(good).layout.article_order == "xy-cut"
    bad = tmp_path / "bad.toml"
    bad.write_text('[layout]\narticle_order = "columns"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="article_order"):
        load_settings(bad)


@pytest.mark.parametrize("section,key,value", [("output", "text_script", "pinyin"),
                                               ("output", "script_alternatives", "tra"),
                                               ("layout", "writing_mode", "diagonal")])
def test_bad_script_and_writing_mode_values_name_file_and_setting(tmp_path, section, key, value):
    p = tmp_path / "bad.toml"
    p.write_text(f'[{section}]\n{key} = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"bad.toml.*{section}\.{key}.*{value}"):
        load_settings(p)


def test_dpi_setting_below_a_scan_resolution_is_an_error(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[input]\ndpi = 3.0\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.toml.*input\.dpi.*3"):
        load_settings(p)
    p.write_text("[input]\ndpi = 300.0\n", encoding="utf-8")
    assert load_settings(p).input.dpi == 300.0
