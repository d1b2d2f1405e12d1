"""The aligner core stays small enough to hold in one's head (issue 15): short functions, no stage
importing the package root, the configuration passed whole rather than copied field by field."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "align"
CORE = ("aligner.py", "confidence.py", "search.py", "features.py", "anchors.py", "lexicon.py", "config.py")
MAX_FUNCTION_LINES = 60


def _functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


@pytest.mark.parametrize("module", CORE)
def test_core_functions_are_shorter_than_60_lines(module):
    long = [(name, lines) for name, lines in _functions(PACKAGE / module) if lines >= MAX_FUNCTION_LINES]
    assert not long, f"{module}: {long}"


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"),
                         ids=lambda p: p.name)
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
