"""One reference list for the collection (notebooks/references.md): every source a notebook cites is in it, every
entry in it is cited, and every notebook links to it."""
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("0*.ipynb"))
ENTRY = re.compile(r"^(?:- |\d+\. )(.+?)(?=^(?:- |\d+\. )|\Z)", re.M | re.S)
PARTICLE = r"(?:van den |de |von )?"
SURNAME = PARTICLE + r"[A-Z][a-z][\w'\-]+"
CO_AUTHOR = r"[A-Z][a-z][\w'\-]*"
# "Pai et al. 2014", "Pai et al. (2014)", "Morrison and Scadden 2014", "Glimm, Oh and Eaves 2000"
INLINE = re.compile(rf"\b({SURNAME})(?: et al\.?|(?:, {CO_AUTHOR})? and {CO_AUTHOR}),? \(?((?:19|20)\d\d)\b")


def markdown(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")


def key(entry: str) -> tuple[str, str]:
    """(first author's surname, year) of a reference entry: "Pai SY, Logan BR... (2014)" -> ("pai", "2014")."""
    text = entry.replace("*", "").strip()
    particle = re.match(PARTICLE, text).group(0)
    surname = re.split(r"[ ,(.]", text[len(particle):])[0]
    year = re.search(r"\b(19[5-9]\d|20[0-3]\d)\b", text)
    return (particle + surname).lower(), year.group(1) if year else ""


def section(text: str) -> str:
    found = re.search(r"^#+\s*References\s*\n(.*?)(?=^#|\Z)", text, re.M | re.S)
    return found.group(1) if found else ""


def entries(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", e).strip() for e in ENTRY.findall(text)]


COLLECTION = {key(e): e for e in entries((NOTEBOOK_DIR / "references.md").read_text())}


def test_the_collection_list_has_no_source_twice():
    listed = entries((NOTEBOOK_DIR / "references.md").read_text())
    assert len(COLLECTION) == len(listed) >= 70


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_reference_of_a_notebook_is_in_the_collection_list(path):
    own = entries(section(markdown(path)))
    assert own, f"{path.name} has no references"
    assert not [e for e in own if key(e) not in COLLECTION], f"{path.name}: not in references.md"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_author_year_citation_in_the_text_is_in_the_collection_list(path):
    text = markdown(path).split("## References")[0]
    cited = {(m.group(1).lower(), m.group(2)) for m in INLINE.finditer(text)}
    assert cited or path.stem.startswith("00")
    assert not sorted(cited - set(COLLECTION)), f"{path.name} cites these, which references.md lacks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_links_the_collection_list_and_is_named_by_its_entries(path):
    assert "(references.md)" in section(markdown(path))
    own = {key(e) for e in entries(section(markdown(path)))}
    for source, entry in COLLECTION.items():
        assert (f"({path.name})" in entry) == (source in own), f"{entry[:60]}: 'Cited in' is wrong for {path.name}"


def test_the_inline_pattern_reads_the_usual_forms():
    text = "as Pai et al. 2014 and Pai et al. (2014) found; Morrison and Scadden 2014; Glimm, Oh and Eaves 2000; " \
           "van den Brink et al. 2015"
    assert {(m.group(1), m.group(2)) for m in INLINE.finditer(text)} == {
        ("Pai", "2014"), ("Morrison", "2014"), ("Glimm", "2000"), ("van den Brink", "2015")}


def _minutes(path: Path) -> int:
    return int(re.search(r"Time needed:\*\* about (\d+) minutes", markdown(path)).group(1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_start_page_and_readme_list_each_notebook_with_its_time(path):
    readme = (NOTEBOOK_DIR.parent / "README.md").read_text()
    assert re.search(rf"^\| `{path.stem}` \|.*\| {_minutes(path)} min \|$", readme, re.M), path.stem
    if not path.stem.startswith("00"):
        start = markdown(NOTEBOOK_DIR / "00_start_here.ipynb")
        assert re.search(rf"^\| \[{path.stem[:2]} [^]]+\]\({path.name}\) \|.*\| {_minutes(path)} min \|$", start, re.M)
