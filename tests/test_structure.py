"""The package stays small enough to hold in one's head (issue 15): short functions in every module,
no stage importing the package root, the aligner core's configuration passed whole rather than copied
field by field."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "align"
CORE = ("aligner.py", "confidence.py", "search.py", "features.py", "anchors.py", "lexicon.py", "config.py")
MAX_FUNCTION_LINES = 60


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_are_shorter_than_60_lines(path):
    # Counted from the def line to the last line, docstring and nested functions included.
    long = [(name, lines) for name, lines in _functions(path) if lines >= MAX_FUNCTION_LINES]
    assert not long, f"{path.relative_to(PACKAGE)}: {long}"


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "__init__.py"],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_stage_imports_the_package_root(path):
    # Importing the root loads every stage (lxml with the formats): a stage names the module it needs.
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module is None:  # "from . import readers" names a subpackage
                submodules = [alias.name for alias in node.names
                              if not ((path.parent / alias.name).is_dir() or (path.parent / f"{alias.name}.py").is_file())]
                assert not submodules, f"{path.name}: from . import {', '.join(submodules)}"
            assert node.module != "align" or node.level, f"{path.name}: from align import ..."
        if isinstance(node, ast.Import):
            assert all(alias.name != "align" for alias in node.names), f"{path.name}: import align"


def _root(node: ast.AST) -> str:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


@pytest.mark.parametrize("module", CORE)
def test_configuration_is_not_copied_field_by_field(module):
    # A structure built from the configuration's fields (``CostModel(weight=params.lexical_weight,
    # ...)``) is a copy that drifts from it; the sections of Params are passed whole.
    sections = {"params", "config", "lexical", "length", "search", "scoring", "settings"}
    text = (PACKAGE / module).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            copied = [arg for arg in [*node.args, *(k.value for k in node.keywords)]
                      if isinstance(arg, ast.Attribute) and _root(arg) in sections]
            assert not (name[:1].isupper() and copied), f"{module}:{node.lineno}: {name}(...) copies {len(copied)} fields"
    assert "vars(" not in text


# --- a command line that starts fast --------------------------------------------------------------

HEAVY = ("numba", "scipy", "lxml")


def _heavy_imports(*args: str, cwd: Path) -> list[str]:
    """The libraries of HEAVY that ``python -m align ARGS`` imports (from ``-X importtime``)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "align", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    found = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return [name for name in HEAVY if name in found]


def test_commands_that_need_no_aligner_load_neither_numba_scipy_nor_lxml(tmp_path):
    text = tmp_path / "doc.vi.txt"
    text.write_text("Việt Nam là thành viên của ASEAN. Hà Nội là thủ đô.\n", encoding="utf-8")
    ladder = tmp_path / "doc.ladder"
    ladder.write_text("[0]:[0]\n", encoding="utf-8")
    for args in (["--version"], ["--help"], ["split", text, "--lang", "vi", "-o", tmp_path / "out.txt"],
                 ["evaluate", "--gold", ladder, "--test", ladder], ["align", "--help"],
                 ["srx", "--lang", "vi", "-o", tmp_path / "rules.srx"]):
        assert _heavy_imports(*map(str, args), cwd=tmp_path) == [], args
    tmx = tmp_path / "a.tmx"
    subprocess.run([sys.executable, "-m", "align", "tmx", "from-tsv", "-", "-o", tmx], input="Xin chào.\tHello.\n",
                   text=True, check=True, capture_output=True, timeout=120)
    assert _heavy_imports("tmx", "info", str(tmx), cwd=tmp_path) == ["lxml"]  # reading TMX needs it


def test_the_package_root_imports_its_names_when_first_used():
    code = ("import sys, align; loaded = [m for m in %r if m in sys.modules]; "
            "from align import align as run, split, write_tmx; "
            "print(loaded, [m for m in %r if m in sys.modules], callable(run), callable(split))") % (HEAVY, HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["[]", "['numba',", "'scipy',", "'lxml']", "True", "True"]


def test_every_name_of_the_package_root_is_what_its_module_defines():
    import importlib
    import types

    import align
    import align.evaluate  # noqa: F401  (the submodule shares the function's name)

    for name in align.__all__:
        value = getattr(align, name)
        assert not isinstance(value, types.ModuleType), name
        if isinstance(value, (type, types.FunctionType)):
            assert getattr(importlib.import_module(value.__module__), name) is value, name
    assert set(align.__all__) <= set(dir(align))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        align.nothing  # noqa: B018
