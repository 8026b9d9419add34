"""Notebook 05 against its models: every number its text quotes, and every direction it claims, as a test."""
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.explorers.reconstitution import PRESETS, explore_ivig, explore_reconstitution, explore_t_cells
from helpers.models import ivig, physiology, reconstitution
from helpers.models.reconstitution import DAYS_PER_MONTH, SCENARIOS, T_CELL_SCENARIOS, simulate
from notebook_text import missing, pct, prose

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "05_immune_reconstitution.ipynb"
EXPLORERS = {"explore_reconstitution": explore_reconstitution, "explore_t_cells": explore_t_cells,
             "explore_ivig": explore_ivig}
UNCONDITIONED = "infant X-SCID, unconditioned marrow from a sibling"
HAPLO = "haploidentical, T-cell depleted"


@pytest.fixture(scope="module")
def text():
    return prose(NOTEBOOK.name)


def run(name, table=SCENARIOS, **changes):
    return simulate(**table[name].kwargs(**changes))


def day(value):
    return f"{value:.0f}"


def months(value):
    return f"{value / DAYS_PER_MONTH:.0f} months"


def course(name, **changes):
    return ivig.course(**ivig.SCENARIOS[name].kwargs(**changes))


def cd4_range(age_months):
    low, high = (float(np.ravel(v)[0]) for v in physiology.normal_range_cells_per_ul("cd4", age_months))
    return f"{round(low, -1):,.0f}-{round(high, -1):,.0f}"


def test_section_1_the_order_of_return(text):
    ada, xla, adult = run("ADA-SCID"), run("XLA"), run("adult with aplastic anaemia, sibling, ATG")
    r = ada.recovery_day
    quoted = [
        f"neutrophils reach their normal range on day {day(r('neutrophil'))}, NK cells on day {day(r('nk'))}, CD8 T "
        f"cells on day {day(r('cd8'))} ({months(r('cd8'))}), CD4 T cells on day {day(r('cd4'))} ({months(r('cd4'))}) "
        f"and B cells on day {day(r('b_cell'))} ({months(r('b_cell'))})",
        f"engrafted earlier, on day {ada.neutrophil_engraftment_day}",
        f"(neutrophils day {day(xla.recovery_day('neutrophil'))}, NK day {day(xla.recovery_day('nk'))}, B cells day "
        f"{day(xla.recovery_day('b_cell'))}, CD4 T cells day {day(xla.recovery_day('cd4'))})",
        f"neutrophils day {day(adult.recovery_day('neutrophil'))}, NK day {day(adult.recovery_day('nk'))}, B cells day "
        f"{day(adult.recovery_day('b_cell'))}, CD4 T cells day {day(adult.recovery_day('cd4'))}",
        f"falls from {cd4_range(3)}/uL at 3 months to {cd4_range(27)} at 27 months, on its way to an adult's "
        f"{cd4_range(360)}",
    ]
    assert not missing(text, quoted)
    # the adult's T cells are the slowest of the three
    assert adult.recovery_day("cd4") > max(ada.recovery_day("cd4"), xla.recovery_day("cd4"))


def test_section_2_infant_and_adult_t_cells(text):
    explorer = explore_t_cells(scenario="1-year-old")
    quoted = []
    for name, words in (("1-year-old", "from day {day} ({months}); a year after the transplant {share} of them"),
                        ("40-year-old", "day {day} ({months}), and only {share} are new from the thymus"),
                        ("1-year-old, T-cell depleted", "(day {day}, {months}; {share} thymic after a year)"),
                        ("40-year-old, T-cell depleted", "waits until day {day} ({months}), with {cd4} CD4 T cells/uL "
                                                         "after a year against a normal range from {low}")):
        explorer.apply_scenario(name)
        result = run(name, T_CELL_SCENARIOS)
        cd4 = result.recovery_day("cd4")
        share = float(np.interp(365, result.days, result.thymic_share_of_t))
        quoted.append(words.format(
            day=day(cd4), months=months(cd4), share=pct(share),
            cd4=f"{np.interp(365, result.days, result.course.counts['cd4']):.0f}",
            low=f"{np.interp(365, result.days, result.course.normal_low['cd4']):.0f}"))
        assert f"{pct(share)} of CD4 T cells are new from the thymus" in explorer.readout.value.replace("<b>", "")
    assert not missing(text, quoted)
    assert f"halves every {reconstitution.PARAMS['thymic_halving_years'].default:g} years of age" in text


def test_section_2_depletion_costs_an_adult_far_more_than_a_child():
    delay = {age: run(f"{age}, T-cell depleted", T_CELL_SCENARIOS).recovery_day("cd4")
             - run(age, T_CELL_SCENARIOS).recovery_day("cd4") for age in ("1-year-old", "40-year-old")}
    assert 0 < delay["1-year-old"] < 0.2 * delay["40-year-old"]


def test_section_3_split_chimerism_and_what_conditioning_costs(text):
    none = run(UNCONDITIONED)
    reduced, full = run(UNCONDITIONED, conditioning="reduced"), run(UNCONDITIONED, conditioning="myeloablative")
    xla, higm = run("XLA", conditioning="none"), run("hyper-IgM", conditioning="none")
    quoted = [
        f"donor stem cells {pct(none.donor_stem_cell_share)}, yet donor T cells {pct(none.donor_t_cell_share[-1])}",
        f"CD4 T cells reach the normal range on day {day(none.recovery_day('cd4'))} ({months(none.recovery_day('cd4'))})",
        f"own IgG stays at {none.igg_own_mg_dl[-1]:.0f} mg/dL, and IVIG is still needed on day {day(none.days[-1])}",
        f"donor stem cells {pct(reduced.donor_stem_cell_share)}, donor B cells appear and IVIG can stop on day "
        f"{day(reduced.ivig_free_day)} ({months(reduced.ivig_free_day)})",
        f"{pct(full.donor_stem_cell_share)} and day {day(full.ivig_free_day)} ({months(full.ivig_free_day)})",
        f"({pct(reduced.neutropenic_risk[-1])} and more than 99.9%, against none)",
        f"acute GVHD rises from {pct(none.acute_gvhd_risk)} to {pct(reduced.acute_gvhd_risk)} and "
        f"{pct(full.acute_gvhd_risk)}",
        f"toy survival falls from {pct(none.survival_estimate)} to {pct(reduced.survival_estimate)} and "
        f"{pct(full.survival_estimate)}",
        f"XLA without conditioning: donor stem cells {pct(xla.donor_stem_cell_share)}",
        f"({pct(xla.graft_failure_risk)} in the model)",
        f"the donor's T cells stay at {pct(higm.donor_t_cell_share[-1])} of the T cells",
        f"stays above {reconstitution.PARAMS['ivig_stop_igg_mg_dl'].default:.0f} mg/dL",
        f"its {ivig.PARAMS['igg_half_life_days'].default:.0f}-day half-life",
    ]
    assert pct(full.neutropenic_risk[-1]) == ">99.9%" and none.neutropenic_risk[-1] == 0
    assert none.recovery_day("nk") is None and none.ivig_free_day is None
    assert xla.ivig_free_day is None and higm.ivig_free_day is None
    assert not missing(text, quoted)


def test_section_3_conditioning_trades_ivig_for_risk():
    """More conditioning: more donor stem cells, IVIG stops sooner, more GVHD, lower toy survival."""
    results = [run(UNCONDITIONED, conditioning=c) for c in ("none", "reduced", "myeloablative")]
    shares = [r.donor_stem_cell_share for r in results]
    assert shares == sorted(shares)
    assert results[0].ivig_free_day is None and results[1].ivig_free_day > results[2].ivig_free_day
    gvhd, survival = [r.acute_gvhd_risk for r in results], [r.survival_estimate for r in results]
    assert gvhd == sorted(gvhd) and survival == sorted(survival, reverse=True)


def test_section_4_by_the_numbers_cell_is_the_model(text):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "code" and "volume_dl_per_kg" in c.source)
    namespace = {"np": np, "print": lambda *args: None}
    exec(cell, namespace)
    assert namespace["trough"] == pytest.approx(ivig.trough_igg(dose_mg_per_kg=400))
    assert ivig.PARAMS["igg_volume_ml_per_kg"].default == pytest.approx(100 * namespace["volume_dl_per_kg"])
    assert f"{ivig.PARAMS['igg_volume_ml_per_kg'].default:g} mL/kg" in text
    assert "0.113 per patient-year at 500 mg/dL to 0.023 at 1000" in text


def test_section_4_ivig_explorer(text):
    standard, low, high, own = (course(n) for n in ("standard", "low dose", "high dose", "some own IgG"))
    weekly = course("standard", interval_days=21)
    split = course("standard", dose_mg_per_kg=250, interval_days=14)
    short, long = course("standard", igg_half_life_days=18), course("standard", igg_half_life_days=35)
    quoted = [
        f"a steady trough of {standard.steady_trough_mg_dl:.0f} mg/dL (peak {standard.steady_peak_mg_dl:.0f})",
        f"The first trough is only {standard.first_trough_mg_dl:.0f}: it takes {standard.doses_to_steady} infusions",
        f"{standard.pneumonias_per_year:.2f} pneumonias per patient-year, {standard.infusions_per_year:.0f} infusions a "
        f"year, {standard.igg_g_per_kg_per_year:.1f} g of IgG per kg a year",
        f"{low.steady_trough_mg_dl:.0f} mg/dL and {low.pneumonias_per_year:.2f} pneumonias a year",
        f"{high.steady_trough_mg_dl:.0f} mg/dL and {high.pneumonias_per_year:.2f}",
        f"{own.steady_trough_mg_dl:.0f}: the patient's own IgG simply adds",
        f"{weekly.steady_trough_mg_dl:.0f} mg/dL, but {weekly.infusions_per_year:.0f} infusions and "
        f"{weekly.igg_g_per_kg_per_year:.1f} g/kg of IgG a year instead of {standard.igg_g_per_kg_per_year:.1f}",
        f"the same {split.igg_g_per_kg_per_year:.1f} g/kg a year as the standard, yet a trough of "
        f"{split.steady_trough_mg_dl:.0f} instead of {standard.steady_trough_mg_dl:.0f} and a peak of "
        f"{split.steady_peak_mg_dl:.0f} instead of {standard.steady_peak_mg_dl:.0f}",
        f"Half-life 18 days: {short.steady_trough_mg_dl:.0f} mg/dL; 35 days: {long.steady_trough_mg_dl:.0f}",
    ]
    assert own.steady_trough_mg_dl == pytest.approx(standard.steady_trough_mg_dl + 300)
    assert split.igg_g_per_kg_per_year == pytest.approx(standard.igg_g_per_kg_per_year)
    explorer = explore_ivig(scenario="standard")
    assert f"Steady trough <b>{standard.steady_trough_mg_dl:.0f} mg/dL</b>" in explorer.readout.value
    assert not missing(text, quoted)


def test_section_4_the_same_igg_in_smaller_doses_lifts_the_trough_and_keeps_the_mean():
    k = np.log(2) / ivig.PARAMS["igg_half_life_days"].default
    for dose, interval in ((500, 28), (400, 42), (600, 14)):
        every, halves = course("standard", dose_mg_per_kg=dose, interval_days=interval), course(
            "standard", dose_mg_per_kg=dose / 2, interval_days=interval // 2)
        assert halves.steady_trough_mg_dl > every.steady_trough_mg_dl
        assert halves.steady_peak_mg_dl < every.steady_peak_mg_dl
        # the mean level over a steady interval is dose / (V k T) either way: peak (1 - q) / (k T)
        mean = 100 * dose / ivig.PARAMS["igg_volume_ml_per_kg"].default / (k * interval)
        for regimen, step in ((every, interval), (halves, interval // 2)):
            assert regimen.steady_peak_mg_dl * -np.expm1(-k * step) / (k * step) == pytest.approx(mean)


def test_section_5_earlier_and_infection_free_is_better(text):
    active, resolved = run(HAPLO), run(HAPLO, infection_status="resolved")
    never, early = run(HAPLO, infection_status="never"), run(HAPLO, infection_status="never", age_months=2)
    replete = run(HAPLO, t_cell_depletion_logs=0)
    quoted = [
        f"toy 5-year survival {pct(active.survival_estimate)}; CD4 T cells in range only on day "
        f"{day(active.recovery_day('cd4'))} ({months(active.recovery_day('cd4'))}), and graft failure "
        f"{pct(active.graft_failure_risk)}",
        f"Resolved: {pct(resolved.survival_estimate)}. Never infected: {pct(never.survival_estimate)}. Never "
        f"infected, transplanted at 2 months: {pct(early.survival_estimate)}",
        f"CD4 T cells are in range from day {day(replete.recovery_day('cd4'))}, and graft failure falls to "
        f"{pct(replete.graft_failure_risk)}, but acute GVHD climbs from {pct(active.acute_gvhd_risk)} to "
        f"{pct(replete.acute_gvhd_risk)}",
        "94% after a transplant at or before 3.5 months of age, 90% in older infants never infected, 82%",
        f"by {reconstitution.PARAMS['active_infection_hazard_ratio'].default:g} and a transplant at 3.5 months or later "
        f"by {reconstitution.PARAMS['age_hazard_ratio'].default:g}",
        f"a baseline of {pct(reconstitution.PARAMS['baseline_survival'].default)}",
    ]
    assert active.survival_estimate < resolved.survival_estimate < never.survival_estimate < early.survival_estimate
    assert not missing(text, quoted)
    # the bottom panel: no neutropenia, opportunistic hazard highest before CD4 T cells return
    assert active.neutropenic_per_year.max() == 0
    back = active.recovery_day("cd4")
    assert active.opportunistic_per_year[active.days < back].min() > active.opportunistic_per_year[-1]


def test_section_6_tables_and_their_numbers(text):
    table = reconstitution.comparison_table()
    x_scid, xla, higm = run(UNCONDITIONED), run("XLA"), run("hyper-IgM")
    quoted = [f"CD4 in range by day {day(x_scid.recovery_day('cd4'))}", f"IVIG stops on day {day(xla.ivig_free_day)} "
              "in the scenario", f"IVIG stops on day {day(higm.ivig_free_day)} in the scenario"]
    assert not missing(text, quoted)
    for disease, name in reconstitution.DISEASE_SCENARIO.items():
        assert f"| {name} |" in table
    assert "| not needed |" in table and "still needed on day 730" in table
    assert reconstitution.disease_table().count("\n") == len(reconstitution.DISEASES) + 1


def test_the_summary_quotes_the_sections(text):
    ada = run("ADA-SCID")
    infant, adult = (run(f"{age}, T-cell depleted", T_CELL_SCENARIOS) for age in ("1-year-old", "40-year-old"))
    quoted = [
        f"(in the ADA-SCID scenario: days {day(ada.recovery_day('neutrophil'))}, {day(ada.recovery_day('nk'))}, then "
        f"{day(ada.recovery_day('cd8'))}-{day(ada.recovery_day('b_cell'))})",
        f"(day {day(adult.recovery_day('cd4'))} against {day(infant.recovery_day('cd4'))} for a 1-year-old)",
    ]
    assert not missing(text, quoted)


def test_the_explorers_open_on_the_scenarios_the_notebook_names():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = " ".join(c.source for c in nb.cells if c.cell_type == "code")
    calls = re.findall(r"(explore_\w+)\(scenario=\"([^\"]+)\"(?:, presets=\"(\w+)\")?\)", source)
    assert len(calls) == source.count("explore_") - source.count("import explore_") - 2  # every call, not imports
    tables = {"explore_t_cells": T_CELL_SCENARIOS, "explore_ivig": ivig.SCENARIOS}
    for name, scenario, presets in calls:
        table = PRESETS[presets or "diseases"] if name == "explore_reconstitution" else tables[name]
        assert scenario in table, (name, scenario)
        explorer = EXPLORERS[name](scenario=scenario, **({"presets": presets} if presets else {}))
        assert set(explorer.buttons) == set(table)
    assert explore_reconstitution(scenario="ADA-SCID").values()["disease"] == "ada_scid"


def test_section_4_a_longer_half_life_raises_the_trough():
    troughs = [course("standard", igg_half_life_days=h).steady_trough_mg_dl for h in (15, 18, 25, 35, 40)]
    assert troughs == sorted(troughs) and troughs[0] < 0.5 * troughs[-1]
