"""Notebook 07 against its models: every number its text quotes, and every direction it claims, as a test."""
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.explorers.engineering import _about
from helpers.formatting import significant
from helpers.models import editing, expansion, transplant
from helpers.questions import engineering as questions
from notebook_text import missing, pct, prose

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "07_engineering_hscs.ipynb"


@pytest.fixture(scope="module")
def text():
    return prose(NOTEBOOK.name)


def edit(name, **changes):
    return editing.outcomes(**editing.SCENARIOS[name].kwargs(**changes))


def culture(name, **changes):
    return expansion.simulate(**expansion.SCENARIOS[name].kwargs(**changes))


def graft(name, **changes):
    return expansion.engraftment(**expansion.GRAFT_SCENARIOS[name].kwargs(**changes))


def test_section_1_editing(text):
    hdr, nhej, base, prime, boy = (edit(n) for n in ("Cas9 + template (HDR)", "Cas9 disruption (NHEJ)", "base editor",
                                                     "prime editor", "X-linked gene in a boy"))
    frame_shifted = nhej.allele["bulk"].nhej - nhej.allele["bulk"].in_frame_nhej
    quoted = [
        f"the laboratory reports {pct(hdr.bulk_corrected)} corrected alleles in the product",
        f"the product has {pct(hdr.bulk_corrected)} corrected alleles, what the laboratory measures; the long-term "
        f"HSCs only {pct(hdr.persisting_corrected)}, {pct(hdr.persisting_corrected / hdr.bulk_corrected)} of it",
        f"Cells with a corrected copy: {pct(hdr.cell['bulk'].corrected)} of the product, "
        f"{pct(hdr.cell['quiescent'].corrected)} of long-term HSCs",
        f"every copy is disrupted in {pct(hdr.cell['quiescent'].all_copies_disrupted)} of them",
        f"{pct(nhej.cell['bulk'].all_copies_disrupted)} of cells carry an indel on every copy (0.8 x 0.8)",
        f"an in-frame indel ({pct(nhej.allele['bulk'].in_frame_nhej)} of alleles) may still work, so only the "
        f"{pct(frame_shifted ** 2)} of cells with both copies frame-shifted",
        f"{pct(base.bulk_corrected)} of alleles corrected in the product and {pct(base.persisting_corrected)} in the "
        f"long-term HSCs, {pct(base.persisting_corrected / base.bulk_corrected)} of it",
        f"fewer, {pct(prime.bulk_corrected)}, but all of it kept ({pct(prime.persisting_corrected / prime.bulk_corrected)})",
        f"({pct(boy.cell['bulk'].corrected)} in the product, {pct(boy.cell['quiescent'].corrected)} in long-term HSCs)",
        f"{pct(boy.cell['quiescent'].all_copies_disrupted)} of his long-term HSCs have it",
        "about 80% of alleles edited in healthy donors' CD34+ cells",
        f"would match the product (both {pct(edit('Cas9 + template (HDR)', hdr_share_quiescent=0.3).bulk_corrected)})",
    ]
    assert not missing(text, quoted)
    defaults = editing.PARAMS.defaults()
    assert f"0.3 in cycling cells, 0.05 in quiescent ones" in text
    assert (defaults["hdr_share_cycling"], defaults["hdr_share_quiescent"]) == (0.3, 0.05)
    # HDR share in quiescent cells at 0.3: the long-term HSCs would match the product
    same = edit("Cas9 + template (HDR)", hdr_share_quiescent=0.3)
    assert same.persisting_corrected == pytest.approx(same.bulk_corrected)
    assert nhej.cell["bulk"].all_copies_disrupted == pytest.approx(0.8 * 0.8)
    assert 0.17 <= hdr.bulk_corrected <= 0.26  # "land bulk HDR in the published 17-26%"


def test_section_2_culture(text):
    alone, um171, sr1, long = (culture(n) for n in ("cytokines only", "+ UM171", "+ SR1", "long culture"))

    def x(value):
        return "x" + significant(value, 2)

    quoted = [
        f"all cells {x(alone.total_fold[-1])} and CD34+ cells {x(alone.cd34_fold[-1])}, but stem cells "
        f"{x(alone.hsc_fold)}: fewer than were put in",
        f"stem cells {x(um171.hsc_fold)} (still rising), CD34+ cells {x(um171.cd34_fold[-1])}, all cells "
        f"{x(um171.total_fold[-1])}",
        f"stem cells {x(sr1.hsc_fold)}, CD34+ cells {x(sr1.cd34_fold[-1])}, all cells {x(sr1.total_fold[-1])}",
        f"all cells {x(long.total_fold[-1])}, stem cells {x(long.hsc_fold)}: about 1 stem cell in "
        f"{_about(1 / long.hsc_share[-1])} cells, against 1 in {_about(1 / long.hsc_share[0])}",
    ]
    assert not missing(text, quoted)
    assert alone.best_hsc_day < 1 and alone.hsc_self_renewal[4] < 0.5  # "fell below 1/2 within the first day"
    assert um171.best_hsc_day == um171.days[-1]  # still rising on day 7
    month = culture("+ UM171", days=28)
    assert month.best_hsc_day < 28 and month.hsc[-1] < month.hsc.max()  # levels off and falls
    for molecule in expansion.SMALL_MOLECULES:  # "in every culture the total outruns the stem cells"
        run = culture("cytokines only", small_molecule=molecule, days=28)
        assert np.all(np.diff(run.total_fold / run.hsc) >= 0)


def test_section_3_expanded_cord(text):
    um171, sr1, alone, long = (graft(n) for n in ("+ UM171", "+ SR1", "cytokines only", "long culture"))
    rich = graft("+ UM171", cord_cd34_per_kg=1e6)
    cord = transplant.simulate(**transplant.SCENARIOS["cord blood"].kwargs())

    def fold(value):
        return "x" + significant(value, 2)

    quoted = [
        f"day {cord.neutrophil_engraftment_day} for a single unit of 0.25e6 CD34+ cells/kg",
        f"neutrophils on day {um171.expanded.neutrophil_engraftment_day} instead of "
        f"{um171.unexpanded.neutrophil_engraftment_day}, {um171.days_sooner} days sooner",
        f"the toy graft failure falls from {pct(um171.unexpanded.graft_failure_risk)} to "
        f"{pct(um171.expanded.graft_failure_risk)}",
        f"holds {um171.expanded_cd34_per_kg / 1e7:.1f}e7 CD34+ cells/kg ({fold(um171.culture.cd34_fold[-1])})",
        f"as many stem cells as {um171.repopulating_dose_cd34_per_kg / 1e6:.1f}e6/kg unexpanded CD34+ cells",
        f"day {sr1.expanded.neutrophil_engraftment_day}, {sr1.days_sooner} days sooner, failure "
        f"{pct(sr1.expanded.graft_failure_risk)}",
        f"day {alone.expanded.neutrophil_engraftment_day}, only {alone.days_sooner} day sooner, and the graft failure "
        f"rises to {pct(alone.expanded.graft_failure_risk)}",
        f"day {long.expanded.neutrophil_engraftment_day}, {-long.days_sooner} day later, and the failure "
        f"{pct(long.expanded.graft_failure_risk)}",
        f"come on day {long.expanded.platelet_engraftment_day} instead of {long.unexpanded.platelet_engraftment_day}",
        f"(day {um171.expanded.neutrophil_engraftment_day} instead of {um171.unexpanded.neutrophil_engraftment_day} "
        "with UM171, in notebook 04's model) mostly because of its progenitors",
        f"Alone, the extra progenitors would give {um171.sooner_from_progenitors} days sooner and the stem-cell dose "
        f"{um171.sooner_from_stem_cells}",
        f"unexpanded day {rich.unexpanded.neutrophil_engraftment_day}, expanded day "
        f"{rich.expanded.neutrophil_engraftment_day}, failure {pct(rich.unexpanded.graft_failure_risk)} to "
        f"{pct(rich.expanded.graft_failure_risk)}",
    ]
    assert um171.sooner_from_progenitors > um171.sooner_from_stem_cells > 0  # "most of the gain"
    assert long.below_model_range  # "computed at that dose (the readout says so)"
    # "expansion buys about a week at any dose, and lowers graft failure most for small units"
    doses = np.geomspace(5e4, 2e6, 8)
    runs = [graft("+ UM171", cord_cd34_per_kg=dose) for dose in doses]
    assert all(6 <= run.days_sooner <= 8 for run in runs)
    drops = [run.unexpanded.graft_failure_risk - run.expanded.graft_failure_risk for run in runs]
    assert drops == sorted(drops, reverse=True)
    assert not missing(text, quoted)
    assert cord.neutrophil_engraftment_day == um171.unexpanded.neutrophil_engraftment_day
    assert f"log(3000)" in text and expansion.GRAFT_PARAMS["progenitor_fold_for_blood_delay"].default == 3000


def test_summary_and_by_the_numbers(text):
    hdr = edit("Cas9 + template (HDR)")
    assert (f"{pct(hdr.bulk_corrected)} corrected alleles in the product can be {pct(hdr.persisting_corrected)} in "
            "the long-term stem cells") in text
    assert questions.CORRECTED_CELL_PERCENT == pytest.approx(100 * (1 - (1 - 0.8 * 0.3) ** 2))


def test_the_notebook_names_only_questions_that_exist():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    names = re.findall(r"questions\.(\w+)", " ".join(c.source for c in nb.cells if c.cell_type == "code"))
    assert names and all(hasattr(questions, name) for name in names)
