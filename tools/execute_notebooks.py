"""Execute notebooks in a fresh kernel and write them back in the committed form.

    python tools/execute_notebooks.py                 # every notebook in notebooks/
    python tools/execute_notebooks.py notebooks/01_hematopoiesis.ipynb

What is committed: execution counts on every code cell (nbval skips output checks for cells without one), outputs
only for cells tagged ``keep_output`` (their source starts with ``# NBVAL_CHECK_OUTPUT``), no widget state, and
slide metadata derived from headings (each ``#``/``##`` heading starts a slide) so a notebook can be shown as slides.
A cell that raises stops the run with the error.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbstripout import strip_output

ROOT = Path(__file__).resolve().parents[1]
KEEP_TAG = "keep_output"


def slide_type(cell: nbformat.NotebookNode) -> str:
    first_line = cell.source.lstrip().split("\n", 1)[0]
    if cell.cell_type == "markdown" and (first_line.startswith("# ") or first_line.startswith("## ")):
        return "slide"
    return "-"


def committed_form(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip outputs (except ``keep_output`` cells), keep counts and ids, drop widget state, add slide metadata."""
    nb = strip_output(nb, keep_output=False, keep_count=True, keep_id=True,
                      extra_keys=["metadata.widgets", "cell.metadata.execution"])
    for cell in nb.cells:
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell)}
    return nb


def execute(path: Path, timeout: int = 300) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(committed_form(nb), path)
    print(f"executed and stripped {path.relative_to(ROOT)}")


def main(paths: list[str]) -> None:
    notebooks = [Path(p).resolve() for p in paths] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in notebooks:
        execute(path)


if __name__ == "__main__":
    main(sys.argv[1:])
