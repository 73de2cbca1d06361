"""Issue 10, item 3: the layout's thresholds are named (``digitize/layout/params.py`` or a module's own table of
constants), each with its reason; no bare number in a comparison or in arithmetic of the rule code.

The scan looks at every number that is an operand of a comparison or of arithmetic (``ast.Compare``,
``ast.BinOp``; a negated number too) in ``digitize/layout/*.py`` other than ``params.py``.  Allowed anywhere:
0, 1, 2 and -1 (counts, indices, halving, neighbours) and 0.5 (halves, midpoints), and 25.4 (mm per inch);
operands of a bit shift (``1 << 30``: an int32 sentinel) are not looked at.  Allowed at one place each, with
the reason: ``ALLOWED_AT``.  Module-level numeric constants live only in ``TABLE_MODULES`` (a module's own
table) or under the names of ``MODULE_CONSTANTS``.  Numbers passed to a call (``np.percentile(x, 90)``,
``max(3, k)``) are scanned too (:func:`bare_call_arguments`), but for properties of the data or the library
listed with their reason.  What the scan cannot tell: a threshold that happens to be 0.5, 1 or 2 of a unit
(``0.5 * em``) passes it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

LAYOUT = Path(__file__).resolve().parents[1] / "digitize" / "layout"

ALLOWED = {0, 1, 2, -1, 0.5, 25.4}
ALLOWED_AT = {
    ("emit.py", 0.999): "rounds a box's far edge out to the next whole pixel",
    ("lines.py", 2.0): "w / 2.0, the middle of a line (a midpoint, written as a float)",
    ("order.py", 3): "len(t) > 3: a sort key tuple's length, then its index 3",
    ("quantiles.py", 255): "the largest uint8 value (a histogram's last bin)",
    ("whitespace.py", 0.0001): "a float tolerance on a share computed from two parameters",
}
# modules whose numeric module-level constants are their own table (each with its reason above it)
TABLE_MODULES = {"vertical_page.py"}
MODULE_CONSTANTS = {
    "articles.py": {"KICKER_MAX_LINES", "KICKER_GAP_EM", "KICKER_OVERLAP_EM"},
    "lines.py": {"EMPTY_ROW_SHARE"},
    "order.py": {"TIED_TOP_SHARE"},
    "regions.py": {"FULL_PERCENTILE"},
    "stability.py": {"MATCH_SHARE"},
}


def _number(node: ast.AST) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = _number(node.operand)
        return None if v is None else -v
    return None


def bare_numbers(source: str, name: str = "<source>") -> list[tuple[int, float]]:
    """(line, value) of the bare thresholds in ``source`` (a layout module named ``name``)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.BinOp) and not isinstance(node.op, (ast.LShift, ast.RShift)):
            operands = [node.left, node.right]
        else:
            continue
        for k in operands:
            v = _number(k)
            if v is not None and v not in ALLOWED and (name, v) not in ALLOWED_AT:
                out.append((k.lineno, v))
    return sorted(set(out))


def module_constants(source: str, name: str = "<source>") -> list[str]:
    """Names of the module-level numeric constants of ``source`` not allowed in module ``name``."""
    if name in TABLE_MODULES:
        return []
    out = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and _number(node.value) is not None:
            out += [t.id for t in node.targets if isinstance(t, ast.Name)
                    and t.id not in MODULE_CONSTANTS.get(name, set())]
    return out


# Numbers passed to a call that are no threshold: a property of the data or of the library called
CALL_KEYWORDS = {
    "connectivity": "cv2's pixel neighbourhood (8: diagonal neighbours touch)",
    "minlength": "np.bincount's bins: one per uint8 value",
}
CALL_ARGS = {
    ("round", None): "digits a measurement is rounded to when written to the trace",
    ("np.where", 255): "the uint8 value of ink in a mask",
    ("np.clip", 255): "the largest uint8 value",
}
CALL_ARGS_AT = {
    ("blocks.py", "range", 4): "four arrays made at once (tuple unpacking)",
    ("lines.py", "range", 4): "the four box columns x, y, w, h of cv2's stats",
    ("lines.py", "range", 3): "three arrays made at once (tuple unpacking)",
    ("pictures.py", "range", 4): "each side of a box",
    ("separators.py", "range", 5): "the five columns of cv2's stats",
    ("quantiles.py", "np.true_divide", 100): "a percentile's percent to a share",
}


def bare_call_arguments(source: str, name: str = "<source>") -> list[tuple[int, float]]:
    """(line, value) of the numbers passed to a call (``np.percentile(x, 90)``, ``max(3, k)``) in ``source`` that
    are no count, half or listed property of the data (``CALL_KEYWORDS``, ``CALL_ARGS``, ``CALL_ARGS_AT``)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        fn = ast.unparse(node.func)
        args = [(None, a) for a in node.args] + [(k.arg, k.value) for k in node.keywords]
        for i, (kw, a) in enumerate(args):
            v = _number(a)
            if v is None or v in ALLOWED or kw in CALL_KEYWORDS:
                continue
            if (fn, v) in CALL_ARGS or (fn == "round" and i == 1 and (fn, None) in CALL_ARGS) \
                    or (name, fn, v) in CALL_ARGS_AT:
                continue
            out.append((a.lineno, v))
    return sorted(set(out))


def _modules() -> list[Path]:
    return sorted(p for p in LAYOUT.glob("*.py") if p.name != "params.py")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_no_bare_thresholds_in_layout_rules(path: Path) -> None:
    found = bare_numbers(path.read_text(encoding="utf-8"), path.name)
    assert not found, (f"{path.name}: bare numbers in rule code {found}: name them in layout/params.py "
                       "(LayoutParams, with their reason) or allow them in this test with a reason")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_no_bare_thresholds_passed_to_calls(path: Path) -> None:
    found = bare_call_arguments(path.read_text(encoding="utf-8"), path.name)
    assert not found, (f"{path.name}: bare numbers passed to calls {found}: name them in layout/params.py "
                       "(LayoutParams, with their reason) or list them in this test with a reason")


def test_call_scan_finds_a_bare_threshold() -> None:
    src = ("def paper(g, em):\n"
           "    k = max(3, int(em))\n"                                   # a kernel floor: a threshold
           "    return np.percentile(g, 75), round(k / em, 3), cv2.cc(g, connectivity=8)\n")
    assert bare_call_arguments(src, "pictures.py") == [(2, 3), (3, 75)]
    assert bare_call_arguments("x = np.percentile(g, PARAMS.paper_level_percentile)\n", "pictures.py") == []
    assert bare_call_arguments("for _ in range(4):\n    pass\n", "pictures.py") == []
    assert bare_call_arguments("for _ in range(4):\n    pass\n", "order.py") == [(1, 4)]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_module_constants_are_listed(path: Path) -> None:
    assert not module_constants(path.read_text(encoding="utf-8"), path.name)


def test_scan_finds_a_bare_threshold() -> None:
    src = ("def tall(b, em):\n"
           "    half = 0.5 * b.height\n"             # a half: allowed
           "    return b.height > 3.7 * em or b.width < -1.5 * em or len(b) >= 2\n")
    assert bare_numbers(src, "blocks.py") == [(3, -1.5), (3, 3.7)]
    assert bare_numbers("x = y < PARAMS.headline_max_em * em\n", "blocks.py") == []
    assert bare_numbers("x = np.full(3, 1 << 30)\n", "lines.py") == []
    assert bare_numbers("x = a > 0.999\n", "blocks.py") == [(1, 0.999)]      # allowed in emit.py only
    assert module_constants("GAP_EM = 1.5\n", "blocks.py") == ["GAP_EM"]
    assert module_constants("GAP_EM = 1.5\n", "vertical_page.py") == []


def test_every_layout_parameter_has_its_reason() -> None:
    """Each field of LayoutParams is under a comment (its reason): a run of fields shares the comment above."""
    lines = (LAYOUT / "params.py").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("class LayoutParams"))
    field = lambda ln: ln.startswith("    ") and not ln.startswith("     ") and ": " in ln.split("=")[0] \
        and not ln.strip().startswith(("#", "def ", "@", '"'))
    bare = []
    for i in range(start + 1, len(lines)):
        ln = lines[i]
        if ln.startswith("    def "):
            break
        if not field(ln):
            continue
        j = i - 1
        while j > start and field(lines[j]):
            j -= 1
        if not lines[j].strip().startswith("#"):
            bare.append(ln.strip())
    assert not bare, f"parameters without a reason above them: {bare}"
