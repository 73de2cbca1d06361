"""The benchmark tools that rebuild page sets and compare layouts between two checkouts."""
import sys
import textwrap
from pathlib import Path

import pytest
from .fixtures import benchmarks

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import compare_layout  # noqa: E402
import pagesets  # noqa: E402


def test_every_set_can_be_made_again():
    sets = pagesets.load()
    made = [s for s in sets.values() if "bench" not in s]
    assert len(made) >= 30
    # no set is listed twice under two names
    keys = [(s["generator"], s["seed"], s["plan_text"]) for s in made]
    assert len(keys) == len(set(keys))
    for name, s in sets.items():
        assert s["status"], name
        assert s["group"] in pagesets.GROUPS
        if s["group"] == "microfilm":
            assert s.get("config") == "configs/microfilm.toml", name
        if "bench" not in s:
            cmd = pagesets.command(name, s, Path("/out"), python="py")
            assert cmd[cmd.index("--out") + 1] == f"/out/{name}"
            assert cmd[cmd.index("--seed") + 1] == str(s["seed"])


def test_browser_plans_are_ones_the_generator_takes():
    pytest.importorskip("playwright")
    mod = benchmarks.load("browserpages/make.py", "browserpages_make_plans")
    for name, s in pagesets.load().items():
        if s.get("generator") == "browser":
            items = mod.parse_plan(s["plan_text"])
            assert len(items) == len(s["plan_text"].split(",")), name
            if s["group"] == "vertical":
                assert all(i.get("kind") == "vertical" for i in items), name


def test_unknown_plan_name_is_refused(tmp_path):
    t = tmp_path / "t.toml"
    t.write_text('[plans]\na = "clean:full"\n[sets.browser-x]\nstatus = "x"\ngenerator = "browser"\nseed = 1\n'
                 'prefix = "x_"\nplan = "b"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="names plan 'b'"):
        pagesets.load(t)


def _checkout(root: Path, marker: str, value: str) -> Path:
    """A fake checkout whose layout_only.py prints one page row and counts its runs in MARKER (its code is found
    by the PYTHONPATH compare_layout sets, so two checkouts of the same code hash alike)."""
    (root / "digitize").mkdir(parents=True)
    (root / "configs").mkdir()
    (root / "benchmarks").mkdir()
    (root / "digitize" / "rule.py").write_text(f"VALUE = {value!r}\n")
    (root / "benchmarks" / "layout_only.py").write_text(textwrap.dedent(f"""
        from digitize.rule import VALUE
        open({marker!r}, "a").write("x")
        print("page lines found order merged oracle spurious")
        print(f"p_000 10 1.000 1.000 0.000 {{VALUE}} 0")
        print("p_001 10 1.000 0.900 0.000 0.100 0")
        print(f"all 20 1.000 0.950 0.000 {{VALUE}} 0")
    """))
    return root


def test_compare_runs_each_code_once_and_shows_moved_pages(tmp_path, capsys):
    marker = str(tmp_path / "runs")
    a = _checkout(tmp_path / "a", marker, "0.500")
    b = _checkout(tmp_path / "b", marker, "0.200")
    same = _checkout(tmp_path / "c", marker, "0.500")
    pages = tmp_path / "set"
    pages.mkdir()
    cache = tmp_path / "cache"
    args = [str(a), str(b), str(pages), "--cache", str(cache), "--python", sys.executable]
    compare_layout.main(args)
    out = capsys.readouterr().out
    assert "p_000" in out and "p_001" not in out          # only the page that moved is listed
    assert "A 1.000 1.000 0.000 0.500 0  B 1.000 1.000 0.000 0.200 0" in out
    assert Path(marker).read_text() == "xx"
    compare_layout.main(args)                               # both sides cached: nothing runs again
    assert Path(marker).read_text() == "xx"
    capsys.readouterr()
    compare_layout.main([str(a), str(same), str(pages), "--cache", str(cache), "--python", sys.executable])
    assert Path(marker).read_text() == "xx"                # same code in another checkout: the same cache entry
    assert "p_000" not in capsys.readouterr().out
    (b / "digitize" / "rule.py").write_text("VALUE = '0.300'\n")   # an edit in a dirty worktree counts
    compare_layout.main(args)
    assert Path(marker).read_text() == "xxx"
    assert "0.300" in capsys.readouterr().out


def test_differences_names_pages_one_side_lacks():
    a = {"p1": ["1"], "p2": ["2"], "all": ["x"]}
    b = {"p1": ["1"], "p3": ["3"], "all": ["y"]}
    assert compare_layout.differences(a, b) == ["p2", "p3"]


def test_differences_compares_the_columns_both_sides_have():
    """A checkout whose layout_only.py lacks a column appended since (the split oracle) is compared on the rest."""
    a = {"p1": ["1.000", "0.9", "0.0", "0.1", "0"], "p2": ["1.000", "0.9", "0.0", "0.1", "0"]}
    b = {"p1": ["1.000", "0.9", "0.0", "0.1", "0", "0.2"], "p2": ["1.000", "0.8", "0.0", "0.1", "0", "0.2"]}
    assert compare_layout.differences(a, b) == ["p2"]


def test_groups_take_the_sets_of_every_pages_folder(tmp_path, capsys):
    """--group finds each set of pagesets.toml in the first --pages folder holding it (seen sets in one folder,
    the helpers' fresh seeds in another), with the set's own profile; sets made nowhere are left out."""
    marker = str(tmp_path / "runs")
    a = _checkout(tmp_path / "a", marker, "0.500")
    b = _checkout(tmp_path / "b", marker, "0.200")
    (a / "configs" / "microfilm.toml").write_text("")
    (b / "configs" / "microfilm.toml").write_text("")
    seen, fresh = tmp_path / "seen", tmp_path / "fresh"
    (seen / "browser-dev").mkdir(parents=True)
    (fresh / "browser-s15").mkdir(parents=True)
    (fresh / "microfilm-s19").mkdir(parents=True)
    compare_layout.main([str(a), str(b), "--group", "browser", "--group", "microfilm", "--pages", str(seen),
                         "--pages", str(fresh), "--bench", str(tmp_path / "nobench"),
                         "--cache", str(tmp_path / "cache"), "--python", sys.executable])
    out = capsys.readouterr().out
    assert [ln.split()[0] for ln in out.splitlines() if " all A " in ln] == ["browser-dev", "browser-s15",
                                                                             "microfilm-s19"]


def test_census_classes_failing_pages_and_sums_them_per_source():
    import census
    rows = {"browser-a": ("browser", {"p1": ["1.000", "0.95", "0.000", "0.200", "0"],   # order
                                      "p2": ["0.900", "0.99", "0.000", "0.150", "3"],   # lines lost
                                      "p3": ["1.000", "0.99", "0.000", "0.010", "0"],   # good: not listed
                                      "all": ["0.97", "0.97", "0.0", "0.12", "3"]}),
            "synth-b": ("synth", {"q1": ["0.990", "0.90", "0.050", "0.300", "0"]})}    # merged across blocks
    pages, totals = census.census(rows, min_cer=0.05)
    assert [(p[2], p[3]) for p in pages] == [("p2", "lost"), ("p1", "order"), ("q1", "merged")]
    assert totals[("browser", "order")]["pages"] == 1 and totals[("synth", "merged")]["cer"] == 0.3
    assert set(totals) == {("browser", "order"), ("browser", "lost"), ("synth", "merged")}
    assert census.classify(0.979, 0.0) == "lost" and census.classify(1.0, 0.01) == "merged"


def test_census_by_split_cer_finds_pages_whose_lines_are_cut_that_the_oracle_does_not_see():
    """A listing read as a column of times and a column of names: each of our lines matches its GT lines (oracle
    0.018) but the GT rows are cut over two lines (split 0.140): ranked by the split CER it is a 'cut' page."""
    import census
    rows = {"browser-a": ("browser", {"cut": ["1.000", "0.98", "0.000", "0.018", "0", "0.140"],
                                      "ord": ["1.000", "0.95", "0.000", "0.200", "0", "0.210"],
                                      "ok": ["1.000", "0.99", "0.000", "0.001", "0", "0.004"]})}
    pages, _ = census.census(rows, min_cer=0.05)
    assert [p[2] for p in pages] == ["ord"]                       # the oracle column misses the cut page
    pages, totals = census.census(rows, min_cer=0.05, measure="split")
    assert [(p[2], p[3], p[7]) for p in pages] == [("cut", "cut", 0.14), ("ord", "order", 0.21)]
    assert totals[("browser", "cut")]["cer"] == 0.14


def test_a_set_that_grows_is_not_served_from_the_cache_of_fewer_pages(tmp_path):
    """A set compared while it was still being made must not leave a cache entry that stands for the whole set."""
    a = _checkout(tmp_path / "a", str(tmp_path / "runs"), "0.5")
    pages = tmp_path / "set"
    pages.mkdir()
    (pages / "p_000.png").write_bytes(b"x")
    before = compare_layout.code_key(a, pages, None)
    assert compare_layout.code_key(a, pages, None) == before
    (pages / "p_001.png").write_bytes(b"x")
    assert compare_layout.code_key(a, pages, None) != before


def test_heldout_qa_figures_rank_the_worst_page_and_count_estimates_within_a_factor_of_two():
    import heldout
    true = {"a": 0.40, "b": 0.10, "c": 0.01, "d": 0.03}
    est = {"a": 0.05, "b": 0.12, "c": 0.002, "d": 0.07}
    q = heldout.qa_figures(true, est)
    assert q["worst"] == "a" and q["worst_rank"] == 3          # b and d are estimated worse than a
    assert (q["within"], q["of"]) == (1, 3)                     # b only: a is 8x under, d 2.3x over; c below 0.02
    assert q["spearman"] == pytest.approx(0.4)
    assert heldout.spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert heldout.spearman([1, 1, 2], [1, 1, 2]) == pytest.approx(1.0)   # ties take their mean rank


def test_heldout_finds_a_set_in_the_first_pages_folder_holding_it_and_names_one_not_made(tmp_path):
    import heldout
    sets = pagesets.load()
    (tmp_path / "b" / "synth-s86").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    assert heldout.set_dir("synth-s86", sets, [tmp_path / "a", tmp_path / "b"], tmp_path) == tmp_path / "b" / "synth-s86"
    assert heldout.set_dir("dev", sets, [], tmp_path / "bench") == tmp_path / "bench" / "dev"
    with pytest.raises(SystemExit, match="not made"):
        heldout.set_dir("synth-s64", sets, [tmp_path / "a"], tmp_path)
    with pytest.raises(SystemExit, match="no set named"):
        heldout.set_dir("nonesuch", sets, [], tmp_path)


def test_a_sets_options_go_to_its_generator_and_a_set_without_keeps_its_command(tmp_path):
    t = tmp_path / "t.toml"
    t.write_text('[plans]\nv = "clean:full:kind=vertical"\n'
                 '[sets.vertical-a]\nstatus = "x"\ngenerator = "browser"\nseed = 1\nprefix = "a_"\nplan = "v"\n'
                 '[sets.vertical-b]\nstatus = "x"\ngenerator = "browser"\nseed = 1\nprefix = "b_"\nplan = "v"\n'
                 'options = "--vert-marks"\n', encoding="utf-8")
    sets = pagesets.load(t)
    a = pagesets.command("vertical-a", sets["vertical-a"], Path("/out"), python="py")
    b = pagesets.command("vertical-b", sets["vertical-b"], Path("/out"), python="py")
    assert a[-2:] == ["--plan", "clean:full:kind=vertical"]
    assert b[-3:] == ["--plan", "clean:full:kind=vertical", "--vert-marks"]
