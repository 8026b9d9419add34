"""Notebook hygiene and shape, the glossary, and every notebook run twice in one kernel.

nbval (``pytest --nbval-lax``, configured in pyproject.toml) runs each notebook once in a fresh kernel and compares
the outputs of cells marked ``# NBVAL_CHECK_OUTPUT``; these tests check what nbval cannot.
"""
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
KEEP_TAG, CHECK_MARK = "keep_output", "# NBVAL_CHECK_OUTPUT"
LOCAL_PATH = re.compile(r"/(home|root|tmp|Users|work)/[\w.\-]+")
LABEL = re.compile(r"[:?.]$")  # bold text ending like this is a label ("**Time needed:**"), not a glossary term

EVERY_NOTEBOOK = {
    "learning objectives": r"learning objectives|you will be able to",
    "time needed": r"time needed",
    "prerequisites": r"prerequisites",
    "summary": r"^#+\s*summary",
    "what's next": r"^#+\s*what's next",
    "references": r"^#+\s*references",
    "a 'What did you see?' explanation folded in <details>": r"<details>\s*<summary>.*what did you see",
}
TOPIC_NOTEBOOK = {  # the shape every notebook after 00 follows (../shared/curriculum.md)
    "question to hold in mind": r"question to hold in mind",
    "by the numbers": r"^#+\s*by the numbers",
    "self-check": r"^#+\s*self-check",
    "model card": r"^#+\s*model card",
}


def markdown(nb):
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_the_learning_path_starts_here():
    assert NOTEBOOKS[0].name == "00_start_here.ipynb"
    assert len(NOTEBOOKS) >= 2


def test_notebook_is_small_and_stores_no_widget_state(notebook):
    path, nb = notebook
    assert path.stat().st_size < 300_000, "stored outputs or widget state? run make notebooks"
    assert "widgets" not in nb.metadata, "widget state stored: it embeds plotly.js; run make notebooks"
    assert "application/vnd.jupyter.widget-view+json" not in path.read_text()


def test_only_tagged_cells_keep_outputs_and_every_cell_keeps_its_count(notebook):
    _, nb = notebook
    counts = [cell.execution_count for cell in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "execute the notebook top to bottom: make notebooks"
    for cell in code_cells(nb):
        tagged = KEEP_TAG in cell.metadata.get("tags", [])
        assert tagged == cell.source.startswith(CHECK_MARK), f"tag {KEEP_TAG} and {CHECK_MARK} go together:\n{cell.source}"
        assert bool(cell.outputs) == tagged, f"outputs kept on a cell not tagged {KEEP_TAG} (or missing on one):\n{cell.source}"


def test_no_errors_and_no_local_paths(notebook):
    _, nb = notebook
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", cell.source
        assert not LOCAL_PATH.search(cell.source + json.dumps(cell.get("outputs", []))), cell.source


def test_required_sections_are_present(notebook):
    path, nb = notebook
    text = markdown(nb)
    required = EVERY_NOTEBOOK | ({} if path.name.startswith("00") else TOPIC_NOTEBOOK)
    missing = [name for name, pattern in required.items() if not re.search(pattern, text, re.I | re.M | re.S)]
    assert not missing, f"{path.name} lacks: {', '.join(missing)}"


def test_learner_facing_code_stays_short(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        assert len(cell.source.splitlines()) <= 25, f"{path.name}: move plumbing into helpers/:\n{cell.source}"


def test_links_between_notebooks_resolve(notebook):
    path, nb = notebook
    for target in re.findall(r"\]\(([^)#\s]+\.(?:ipynb|md))\)", markdown(nb)):
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def glossary_terms():
    text = (NOTEBOOK_DIR / "glossary.md").read_text()
    terms = set()
    for names in re.findall(r"^- \*\*(.+?)\*\*", text, re.M):
        terms.update(name.strip().lower() for name in names.split("/"))
    return terms


def test_every_bold_term_has_a_glossary_entry(notebook):
    path, nb = notebook
    terms = glossary_terms()
    for term in re.findall(r"\*\*([^*\n]+?)\*\*", markdown(nb)):
        if LABEL.search(term.strip()):
            continue
        word = term.strip().lower()
        assert word in terms or word.rstrip("s") in terms, f"{path.name}: **{term}** has no entry in glossary.md"


@pytest.mark.slow
def test_every_cell_runs_twice_in_one_kernel(notebook):
    """Run-all in a fresh kernel, then run every cell again in the same kernel: both must pass."""
    _, nb = notebook
    client = NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    with client.setup_kernel():
        for _ in range(2):
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
                assert not [o for o in cell.get("outputs", []) if o.output_type == "error"]
