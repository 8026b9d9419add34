"""What the notebook-text tests share: a notebook's prose as one line, percentages as the notebooks print them, and
which quoted phrases the prose lacks."""
import re
from pathlib import Path

import nbformat

from helpers.formatting import percent

NOTEBOOK_DIR = Path(__file__).parents[1] / "notebooks"


def prose(name: str) -> str:
    """The markdown of ``notebooks/<name>``, whitespace collapsed and emphasis stars dropped."""
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    return re.sub(r"\s+", " ", " ".join(c.source for c in nb.cells if c.cell_type == "markdown")).replace("*", "")


def pct(share: float) -> str:
    return percent(share, html=False)


def missing(text: str, quoted: list[str]) -> list[str]:
    return [phrase for phrase in quoted if phrase not in text]
