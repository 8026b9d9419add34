"""Arrows point down only: models never import Plotly or ipywidgets, and never import the views."""
import ast
from pathlib import Path

import pytest

MODELS = sorted((Path(__file__).resolve().parents[1] / "helpers" / "models").glob("*.py"))
FORBIDDEN = ("plotly", "ipywidgets", "anywidget", "IPython", "helpers.figures", "helpers.explore", "helpers.quiz")


def imported_names(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            yield ("helpers." + module.lstrip(".")) if node.level == 2 else module
            if node.level == 2 and not module:
                yield from ("helpers." + alias.name for alias in node.names)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_models_import_no_view_code(path):
    for name in imported_names(path):
        assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), f"{path.name} imports {name}"


def test_there_are_models_to_check():
    assert len(MODELS) >= 2
