"""Issue 10, item 3: the layout's thresholds are named (``digitize/layout/params.py`` or a module's own table of
constants), each with its reason; no bare number in a comparison or in arithmetic of the rule code.

The scan looks at every number that is an operand of a comparison or of arithmetic (``ast.Compare``,
``ast.BinOp``; a negated number too) in ``digitize/layout/*.py`` other than ``params.py``.  Allowed anywhere:
0, 1, 2 and -1 (counts, indices, halving, neighbours) and 0.5 (halves, midpoints), and 25.4 (mm per inch);
operands of a bit shift (``1 << 30``: an int32 sentinel) are not looked at.  Allowed at one place each, with
the reason: ``ALLOWED_AT``.  Module-level numeric constants live only in ``TABLE_MODULES`` (a module's own
table) or under the names of ``MODULE_CONSTANTS``.  Numbers passed to a call (``np.percentile(x, 90)``,
``max(3, k)``) are scanned too (:func:`bare_call_arguments`), but for properties of the data or the library
listed with their reason.  A threshold that happens to be 0.5, 1 or 2 of a unit (``0.5 * em``, ``2 * unit``,
``em / 2``) passes that scan (0.5, 1 and 2 are halves and counts there), so products and quotients of such a
number and a unit measure (``UNIT_NAMES``: the em, px per mm, a pitch, a reach or band made of them) are scanned
apart (:func:`unit_multiples`), but for the geometric idioms: a window's width from its reach (``2 * r + 1``), a
midpoint (``(a + b) / 2``), and the places of ``GEOMETRY_AT``, each with its reason.  Halves of a box's own size
(``0.5 * min(a.height, b.height)``: "over half of the narrower overlaps") name no unit and are not looked at.
A threshold of one whole unit has no number at all (``gap <= em``, ``b.y0 + em``, ``pw.x0 - em_work``), so a bare
unit measure (``BARE_UNITS``: the em, px per mm) added to, taken off or compared with anything is flagged too
(:func:`bare_units`), but for the checks that the unit was measured (compared with 0: ``em <= 0``, ``0 < em``)."""
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


# Names of unit measures in layout px: a product or quotient of one and 0.5, 1 or 2 is a threshold in that unit
UNIT_NAMES = {
    "em": "the page's body type size",
    "em_work": "the body type size in a turned page's work frame",
    "unit": "layout px per mm",
    "px_per_mm": "px per mm",
    "pitch": "a line or column pitch",
    "cell": "a character cell's height",
    "reach": "a reach made of an em",
    "wide": "a width made of an em",
    "band": "a band's depth made of an em",
    "tol": "a tolerance made of an em",
    "gutter": "a gutter's width made of an em",
}
UNIT_SUFFIXES = ("_em", "_mm")             # an attribute such as PARAMS.gutter_min_width_em: a named size
UNIT_FACTORS = {0.5, 1, 2, -0.5, -1, -2}
# Unit multiples that are geometry, not thresholds: (module, the expression) -> why
GEOMETRY_AT = {
    ("whitespace.py", "2 * reach"): "the window's height: the reach above and below a gutter's end",
    ("pictures.py", "2 * band"): "room for a band on each side of the box",
    ("listings.py", "0.5 * (pitch - float(np.median([f.box.height for f in run])))"):
        "half the white between two rows: the box reaches it above the first row and below the last",
    ("listings.py", "gutter // 2"): "half of the least gutter before a row's first field: still in its white",
    ("listings.py", "int(p.gutter_min_width_em * em) // 2"): "the middle of the gutter before the listing beside it",
    ("vertical_page.py", "0.5 * cell"): "rows by their cells' middles: half a cell apart is the next row",
}


def _unit_measure(node: ast.AST) -> bool:
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id in UNIT_NAMES:
            return True
        if isinstance(n, ast.Attribute) and (n.attr in UNIT_NAMES or n.attr.endswith(UNIT_SUFFIXES)):
            return True
    return False


def unit_multiples(source: str, name: str = "<source>") -> list[tuple[int, str]]:
    """(line, expression) of the products and quotients of 0.5, 1 or 2 and a unit measure in ``source`` (a layout
    module named ``name``) that are none of the geometric idioms (a window from its reach ``2 * r + 1``, a
    midpoint ``(a + b) / 2``) nor listed in ``GEOMETRY_AT``."""
    tree = ast.parse(source)
    parent = {id(c): n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, (ast.Mult, ast.Div, ast.FloorDiv)):
            continue
        sides = [(node.left, node.right), (node.right, node.left)] if isinstance(node.op, ast.Mult) \
            else [(node.right, node.left)]                       # x / 2, not 2 / x
        for k, other in sides:
            v = _number(k)
            if v is None or v not in UNIT_FACTORS or not _unit_measure(other):
                continue
            up = parent.get(id(node))
            window = isinstance(node.op, ast.Mult) and v == 2 and isinstance(up, ast.BinOp) \
                and isinstance(up.op, ast.Add) and 1 in (_number(up.left), _number(up.right))
            midpoint = not isinstance(node.op, ast.Mult) and v == 2 and isinstance(other, ast.BinOp) \
                and isinstance(other.op, ast.Add)
            if not (window or midpoint) and (name, ast.unparse(node)) not in GEOMETRY_AT:
                out.append((node.lineno, ast.unparse(node)))
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


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_no_unit_multiples_in_layout_rules(path: Path) -> None:
    found = unit_multiples(path.read_text(encoding="utf-8"), path.name)
    assert not found, (f"{path.name}: thresholds of half, one or two of a unit in rule code {found}: name them in "
                       "layout/params.py (LayoutParams, in em or mm, with their reason) or list the geometry in "
                       "GEOMETRY_AT with its reason")


def test_unit_scan_finds_a_threshold() -> None:
    src = ("def near(a, b, em, unit, em_work):\n"
           "    over = y_overlap(a, b) > 0.5 * min(a.height, b.height)\n"      # over half of the narrower: geometry
           "    win = np.ones(2 * reach + 1)\n"                               # a window from its reach: geometry
           "    mid = (a.x0 + b.x1) / 2\n"                                    # a midpoint: geometry
           "    x = a.x0 > 0.5 * em and a.x1 < b.x0 + em / 2\n"               # half an em: thresholds
           "    return x and b.y0 - a.y1 <= 2 * unit and a.cy < 0.5 * em_work and -0.5 * em < 1\n")
    assert unit_multiples(src, "blocks.py") == [(5, "0.5 * em"), (5, "em / 2"), (6, "-0.5 * em"),
                                                (6, "0.5 * em_work"), (6, "2 * unit")]
    assert unit_multiples("x = a.x0 > PARAMS.foot_level_em * em\n", "blocks.py") == []
    assert unit_multiples("x = a.x0 > 0.5 * PARAMS.foot_level_em\n", "blocks.py") == [(1, "0.5 * PARAMS.foot_level_em")]
    assert unit_multiples("ok = h > 2 * reach\n", "blocks.py") == [(1, "2 * reach")]
    assert unit_multiples("ok = h > 2 * reach\n", "whitespace.py") == []       # listed there (GEOMETRY_AT)


# The measured units themselves (of UNIT_NAMES): one of them alone, added to or taken off a coordinate or compared
# with a size, is a threshold of one unit (an em of slack, a gap of an em), named in params.py as any other
# (``PARAMS.tail_left_slack_em * em``).  A reach, band or tolerance made of a named field is no bare unit.
BARE_UNITS = {"em", "em_work", "unit", "px_per_mm"}


def _bare_unit(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return (isinstance(node, ast.Name) and node.id in BARE_UNITS) \
        or (isinstance(node, ast.Attribute) and node.attr in BARE_UNITS)


def bare_units(source: str, name: str = "<source>") -> list[tuple[int, str]]:
    """(line, expression) of the sums, differences (``b.y0 + em``, ``x -= unit``) and comparisons (``gap <= em``,
    ``y > -em``) in ``source`` with a bare unit measure (``BARE_UNITS``) as an operand, but for the checks that the
    unit was measured: a unit compared with the number 0 (``em <= 0``, ``em > 0``, ``0 < em``)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for a, op, b in zip(sides, node.ops, sides[1:]):
                if (_bare_unit(a) and _number(b) != 0) or (_bare_unit(b) and _number(a) != 0):
                    out.append((node.lineno, ast.unparse(ast.Compare(left=a, ops=[op], comparators=[b]))))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            if _bare_unit(node.left) or _bare_unit(node.right):
                out.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, (ast.Add, ast.Sub)) and _bare_unit(node.value):
            out.append((node.lineno, ast.unparse(node)))
    return sorted(set(out))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_no_bare_units_in_layout_rules(path: Path) -> None:
    found = bare_units(path.read_text(encoding="utf-8"), path.name)
    assert not found, (f"{path.name}: thresholds of one bare unit in rule code {found}: name them in "
                       "layout/params.py (LayoutParams, in em or mm, with their reason)")


def test_bare_unit_scan_finds_a_threshold() -> None:
    src = ("def near(a, b, em, unit, em_work, page):\n"
           "    if em <= 0 or not 0 < em_work or unit > 0.0:\n"                  # was the unit measured: passes
           "        return False\n"
           "    side = abs(a.x1 - b.x0) <= em\n"                                  # within one em: a threshold
           "    lo, hi = a.x0 - em, a.x1 + unit\n"                                # an em, a mm of slack
           "    a.y0 -= em_work\n"
           "    return side and b.y0 >= -page.em and b.y0 < a.y1 + PARAMS.tail_left_slack_em * em\n")
    assert bare_units(src, "blocks.py") == [(4, "abs(a.x1 - b.x0) <= em"), (5, "a.x0 - em"), (5, "a.x1 + unit"),
                                            (6, "a.y0 -= em_work"), (7, "b.y0 >= -page.em")]
    assert bare_units("ok = x0 - reach <= b.cx <= x1 + tol and h >= 2 * em\n", "blocks.py") == []
    assert bare_units("ok = 0 < em < h\n", "blocks.py") == [(1, "em < h")]   # measured, then a threshold
