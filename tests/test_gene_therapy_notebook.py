"""Notebook 06 against its models: every number its text quotes, and every direction it claims, as a test."""
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.explorers.gene_therapy import explore_clones, explore_marking, explore_transduction
from helpers.formatting import percent
from helpers.models import gene_therapy, reconstitution
from helpers.models.gene_therapy import CLONE_SCENARIOS, SCENARIOS, TRANSDUCTION_SCENARIOS
from notebook_text import missing, pct, prose

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "06_gene_therapy.ipynb"
YEAR = gene_therapy.DAYS_PER_YEAR


@pytest.fixture(scope="module")
def text():
    return prose(NOTEBOOK.name)


def copies(name):
    return gene_therapy.transduction(**TRANSDUCTION_SCENARIOS[name].kwargs())


def run(name, **changes):
    return gene_therapy.simulate(**SCENARIOS[name].kwargs(**changes))


def clones(name, **changes):
    return gene_therapy.clonal_dynamics(**CLONE_SCENARIOS[name].kwargs(**changes))


def three_or_more(result):
    return float(result.probability[result.copies >= 3].sum() + result.tail_probability)


def test_section_2_vector_copies(text):
    one, little, much = (copies(n) for n in ("bulk VCN 1 (MOI 50)", "little vector (MOI 25)", "much vector (MOI 150)"))
    quoted = [
        f"{pct(one.fraction_transduced)} of cells transduced, {one.copies_per_transduced_cell:.2f} copies per "
        f"transduced cell, and {pct(three_or_more(one))} of all cells carry 3 copies or more",
        f"(m = {little.mean_integrations:g}): only {pct(little.fraction_transduced)} transduced, but "
        f"{little.copies_per_transduced_cell:.2f} copies each, and {pct(three_or_more(little))} with 3 or more",
        f"(m = {much.mean_integrations:g}): {pct(much.fraction_transduced)} transduced, at "
        f"{much.copies_per_transduced_cell:.2f} copies each: {pct(three_or_more(much))} of all cells carry 3 or more",
    ]
    assert not missing(text, quoted)
    # diminishing return in cells, climbing copies per cell
    ms = np.linspace(0.1, 4, 40)
    transduced = 1 - np.exp(-ms)
    assert np.all(np.diff(np.diff(transduced)) < 0) and np.all(np.diff(ms / transduced) > 0)


def test_section_3_engraftment_and_selection(text):
    reduced, none = run("X-SCID, lentiviral + busulfan"), run("X-SCID, lentiviral, no busulfan")
    gamma = run("X-SCID, 2000s gamma-retroviral")
    ada, aiuti = run("ADA-SCID, lentiviral + busulfan"), run(
        "ADA-SCID, gamma-retroviral (Aiuti 2009)")
    mark = {name: {lineage: r.marking_at(lineage, YEAR) for lineage in r.marking} for name, r in
            (("reduced", reduced), ("none", none), ("gamma", gamma), ("ada", ada), ("aiuti", aiuti))}
    quoted = [
        f"{pct(reduced.corrected_hsc_share)} of stem cells corrected (the infused cells are "
        f"{pct(reduced.infused_hsc_share)} of them, and {pct(reduced.hsc_transduced_fraction)} of those carry the",
        f"After a year {pct(mark['reduced']['neutrophil'])} of neutrophils and {pct(mark['reduced']['b_cell'])} of B "
        f"cells are marked (still rising), but {pct(mark['reduced']['cd4'])} of CD4 T cells and NK cells",
        f"CD4 T cells reach the normal range for age on day {reduced.recovery_day('cd4'):.0f}",
        f"only {pct(none.corrected_hsc_share)} of stem cells corrected, yet the T cells are still "
        f"{pct(mark['none']['cd4'])} marked and back on day {none.recovery_day('cd4'):.0f}",
        f"({pct(mark['none']['b_cell'])} marked)",
        f"T cells again (day {gamma.recovery_day('cd4'):.0f}: this scenario's child is "
        f"{SCENARIOS['X-SCID, 2000s gamma-retroviral'].values['age_months']} months old",
        f"corrected B cells again almost none ({pct(mark['gamma']['b_cell'])})",
        f"index is {gamma.genotoxicity_index:.2g} against {reduced.genotoxicity_index:.2g} for the lentiviral vector",
        f"the neutrophil marking is {pct(mark['aiuti']['neutrophil'])}, as in Aiuti et al.'s 3.5-8.9%",
    ]
    assert not missing(text, quoted)
    assert mark["reduced"]["nk"] == pytest.approx(1) and mark["ada"]["b_cell"] == mark["ada"]["nk"] == pytest.approx(1)
    assert none.recovery_day("nk") is None
    assert reduced.recovery_day("b_cell") == 0  # the child's own B cells: busulfan spares mature lymphocytes
    assert aiuti.recovery_day("b_cell") is None and aiuti.recovery_day("nk") is None
    low, high = gene_therapy.CALIBRATION["aiuti_2009_myeloid_marking_1y"]
    assert low <= mark["aiuti"]["neutrophil"] <= high


def test_section_3_busulfan_raises_marking_and_selection_needs_the_disease():
    shares = [run("X-SCID, lentiviral + busulfan", busulfan=b).corrected_hsc_share
              for b in ("none", "reduced", "myeloablative")]
    assert shares == sorted(shares) and shares[0] < 0.02 < 0.2 < shares[1]
    result = run("X-SCID, lentiviral + busulfan")
    assert result.lymphoid_advantage["cd4"] and not result.lymphoid_advantage["b_cell"]
    assert not result.lymphoid_advantage["neutrophil"]


def test_section_4_clones(text):
    default, neutral = clones("a clone with an advantage"), clones("neutral drift")
    weak, strong = clones("a weak advantage"), clones("a strong advantage")
    longer, larger = clones("a clone with an advantage", years=20), clones("a clone with an advantage",
                                                                            marked_hscs=20000)
    quoted = [
        f"only a {pct(default.dominance_probability)} chance (± {pct(default.dominance_standard_error)}, "
        f"{default.replicates} seeded runs)",
        f"{default.generations:.0f} stem-cell divisions are not enough",
        f"It is lost by drift in {pct(default.extinct_share)} of runs",
        f"no clone dominates ({pct(neutral.dominance_probability)}); the largest neutral clone stays near "
        f"{pct(neutral.largest_neutral_share)}",
        f"A weak advantage (20%): {pct(weak.dominance_probability)}",
        f"A strong advantage (80%): {pct(strong.dominance_probability)}",
        f"the 50% clone dominates in {pct(longer.dominance_probability)} of runs",
        f"20,000 marked HSCs (10 years): {pct(larger.dominance_probability)}",
    ]
    assert not missing(text, quoted)
    explorer = explore_clones(scenario="a clone with an advantage")
    assert f"<b>{percent(default.dominance_probability)}</b>" in explorer.readout.value


def test_section_5_the_same_child(text):
    table = gene_therapy.comparison_with_transplant()
    corrected = run(gene_therapy.SAME_CHILD_GENE_THERAPY, age_months=gene_therapy.SAME_CHILD_AGE_MONTHS)
    haplo, mud = (reconstitution.simulate(**getattr(reconstitution, t)[s].kwargs(
        age_months=gene_therapy.SAME_CHILD_AGE_MONTHS, infection_status="never"))
        for t, s in gene_therapy.SAME_CHILD_TRANSPLANTS.values())
    quoted = [
        f"on day {corrected.recovery_day('cd4'):.0f}, the parent's depleted graft only on day "
        f"{haplo.recovery_day('cd4'):.0f}, the unrelated marrow on day {mud.recovery_day('cd4'):.0f}",
        f"{100 * corrected.marking_at('b_cell', YEAR):.0f}% of B cells corrected after gene therapy with busulfan, "
        f"{100 * haplo.donor_stem_cell_share:.0f}% donor",
        f"{100 * mud.donor_stem_cell_share:.0f}% donor after the conditioned unrelated graft (IVIG stops on day "
        f"{mud.ivig_free_day:.0f})",
        f"none after gene therapy, {100 * haplo.acute_gvhd_risk:.0f}% and {100 * mud.acute_gvhd_risk:.0f}% after the "
        f"donor grafts; graft failure {100 * haplo.graft_failure_risk:.0f}%",
        f"a small genotoxicity index ({corrected.genotoxicity_index:.2g} here)",
    ]
    assert not missing(text, quoted)
    assert f"day {corrected.recovery_day('cd4'):.0f}" in table and "none needed" in table


def test_the_summary_quotes_the_sections(text):
    one = copies("bulk VCN 1 (MOI 50)")
    quoted = [f"{pct(one.fraction_transduced)} of cells are transduced with {one.copies_per_transduced_cell:.2f} "
              f"copies each and {pct(one.probability[0])} carry none"]
    assert not missing(text, quoted)


def test_the_explorers_open_on_the_scenarios_the_notebook_names():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = " ".join(c.source for c in nb.cells if c.cell_type == "code")
    calls = re.findall(r"(explore_\w+)\(scenario=\"([^\"]+)\"\)", source)
    explorers = {"explore_transduction": (explore_transduction, TRANSDUCTION_SCENARIOS),
                 "explore_marking": (explore_marking, SCENARIOS), "explore_clones": (explore_clones, CLONE_SCENARIOS)}
    assert {name for name, _ in calls} == set(explorers)
    for name, scenario in calls:
        build, table = explorers[name]
        assert scenario in table and build(scenario=scenario).opened_on == scenario


def test_section_3_myeloablative_busulfan(text):
    full = run("ADA-SCID, lentiviral, myeloablative")
    assert f"Myeloablative busulfan: {pct(full.corrected_hsc_share)} of stem cells corrected" in text
    assert full.infused_hsc_share > 0.95
