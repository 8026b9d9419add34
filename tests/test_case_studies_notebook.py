"""Notebook 08 against its models: every number its text quotes, and every direction it claims, as a test."""
from pathlib import Path

import pytest

from helpers.explorers.cases import explore_case
from helpers.models import burden, immunosuppression, ivig
from helpers.models.cases import CASES, PNEUMONIA
from notebook_text import missing, pct, prose

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "08_case_studies.ipynb"
SCID, XLA, HIGM, SAA = CASES


@pytest.fixture(scope="module")
def text():
    return prose(NOTEBOOK.name)


def option(case, name):
    chosen = CASES[case].options[name]
    result = chosen.run()
    return result, chosen.risks(result), chosen.burden(20, result)


def test_x_scid(text):
    mud, _, mud_b = option(SCID, "unrelated marrow, reduced intensity")
    haplo, _, haplo_b = option(SCID, "a parent's graft, T-cell depleted")
    gt, gt_risk, gt_b = option(SCID, "lentiviral gene therapy")
    quoted = [
        f"neutrophils engraft on day {mud.neutrophil_engraftment_day} (and are normal for age "
        f"{mud.course.recovery_day('neutrophil') - mud.neutrophil_engraftment_day:.0f} days later), CD4 T cells are "
        "normal for age by day "
        f"{mud.course.recovery_day('cd4'):.0f} and B cells by day {mud.course.recovery_day('b_cell'):.0f}; IVIG stops "
        f"on day {mud.ivig_free_day:.0f}, after {mud_b.ivig_infusions:.0f} infusions",
        f"acute GVHD {pct(mud.acute_gvhd_risk)}, graft failure {pct(mud.graft_failure_risk)}, and a toy 5-year "
        f"survival of {pct(mud.survival_estimate)}",
        f"donor stem cells take only {pct(haplo.donor_stem_cell_share)} of the marrow",
        f"CD4 T cells normal for age by day {haplo.course.recovery_day('cd4'):.0f}",
        f"counts {haplo_b.ivig_infusions:.0f} infusions over 20 years, an upper bound",
        f"Less GVHD ({pct(haplo.acute_gvhd_risk)}), much more graft failure ({pct(haplo.graft_failure_risk)})",
        f"after busulfan {pct(gt.corrected_hsc_share)} of his stem cells are corrected (the readout gives the vector's "
        f"genotoxicity index, {gt.genotoxicity_index:.2g}, against 1 for the old gamma-retroviral vectors of notebook "
        f"06), neutrophils engraft on day {gt.neutrophil_engraftment_day} and CD4 T cells are normal for age by day "
        f"{gt.course.recovery_day('cd4'):.0f}",
    ]
    assert not missing(text, quoted)
    # the directions the block claims
    assert haplo.ivig_free_day is None and haplo_b.ivig_upper_bound
    assert haplo.acute_gvhd_risk < mud.acute_gvhd_risk and haplo.graft_failure_risk > mud.graft_failure_risk
    assert gt_risk["acute GVHD"] == 0 and gt_risk["graft failure"] is None and gt_b.hospital_days is None


def test_years_counted_grow_only_the_treatment_that_never_ends():
    for name, chosen in CASES[SCID].options.items():
        short, long = chosen.burden(5), chosen.burden(40)
        grows = short.ivig_infusions != long.ivig_infusions
        assert grows == (name == "a parent's graft, T-cell depleted"), name
        assert (short.hospital_days, short.transfusion_months) == (long.hospital_days, long.transfusion_months)


def test_xla_and_hyper_igm(text):
    lifelong, lifelong_risk, lifelong_b = option(XLA, "lifelong IVIG")
    sibling, sibling_risk, sibling_b = option(XLA, "sibling marrow, myeloablative")
    unrelated, _, _ = option(HIGM, "unrelated marrow, myeloablative")
    quoted = [
        f"his trough IgG is {lifelong.steady_trough_mg_dl:.0f} mg/dL, with a {pct(lifelong_risk[PNEUMONIA])} "
        f"chance of a pneumonia each year",
        f"after {sibling_b.ivig_infusions:.0f} infusions; a pneumonia in the first year {pct(sibling_risk[PNEUMONIA])}",
        f"Over 20 years, {sibling_b.clinic_visits:.0f} clinic visits",
        f"{lifelong_b.ivig_infusions:.0f} infusions, each a visit to the clinic",
        f"Over 20 years, {lifelong_b.ivig_infusions:.0f} infusions",
        f"neutrophils engraft on day {sibling.neutrophil_engraftment_day}, his new B cells are normal in number by day "
        f"{sibling.course.recovery_day('b_cell'):.0f}, and IVIG stops on day {sibling.ivig_free_day:.0f}, after "
        f"{sibling_b.ivig_infusions:.0f} infusions",
        f"About {burden.ADMISSION_DAYS['bone_marrow']:.0f} days in hospital for the admission",
        f"acute GVHD {pct(sibling.acute_gvhd_risk)}, graft failure {pct(sibling.graft_failure_risk)}, a toy 5-year "
        f"survival of {pct(sibling.survival_estimate)}",
        f"CD4 T cells normal for age by day {unrelated.course.recovery_day('cd4'):.0f}), and IVIG stops on day "
        f"{unrelated.ivig_free_day:.0f}",
        f"acute GVHD {pct(unrelated.acute_gvhd_risk)} and a toy 5-year survival of {pct(unrelated.survival_estimate)}, "
        f"against {pct(sibling.acute_gvhd_risk)} and {pct(sibling.survival_estimate)} with the brother's marrow",
    ]
    assert not missing(text, quoted)
    assert CASES[HIGM].options["lifelong IVIG"].burden().ivig_infusions == lifelong_b.ivig_infusions
    assert unrelated.acute_gvhd_risk > sibling.acute_gvhd_risk and unrelated.survival_estimate < sibling.survival_estimate


def test_aplastic_anaemia(text):
    sibling, _, sibling_b = option(SAA, "sibling marrow")
    ist, ist_risk, ist_b = option(SAA, "horse ATG and ciclosporin")
    rabbit = immunosuppression.treat(atg="rabbit")
    quoted = [
        f"{pct(ist.response_at_6_months)} responded to horse ATG by 6 months and {pct(rabbit.response_at_6_months)} to "
        "rabbit ATG (Scheinberg et al. 2011)",
        f"neutrophils engraft on day {sibling.neutrophil_engraftment_day}; about "
        f"{sibling.neutrophil_engraftment_day / 7:.0f} weeks on transfusions until then "
        f"({burden.count(sibling_b.transfusion_months)} months in the burden figure), and "
        f"{burden.ADMISSION_DAYS['bone_marrow']:.0f} days in hospital",
        f"Acute GVHD {pct(sibling.acute_gvhd_risk)}, graft failure {pct(sibling.graft_failure_risk)}, a toy 5-year "
        f"survival of {pct(sibling.survival_estimate)}",
        f"{pct(ist_risk['no response at 6 months'])} have no response at 6 months, {pct(ist_risk['relapse by 4 years'])} "
        f"of responders relapse by 4 years and {pct(ist_risk['a new clone by 4 years'])} of patients have a new "
        "abnormal clone",
        f"{pct(ist_risk['death by 3 years (before any transplant)'])} die within 3 years, counting only deaths before "
        "any later transplant",
        f"he would expect {ist_b.transfusion_months:.0f} months without a response",
    ]
    assert not missing(text, quoted)


def test_the_closing_section_and_the_numeric_question(text):
    lifelong = CASES[XLA].options["lifelong IVIG"].burden()
    transplant = CASES[XLA].options["sibling marrow, myeloablative"].burden()
    assert f"one admission and about ten infusions can replace {lifelong.ivig_infusions:.0f} infusions in 20 years" \
           in text and round(transplant.ivig_infusions, -1) == 10
    assert round(20 * ivig.DAYS_PER_YEAR / ivig.PARAMS["interval_days"].default) == round(lifelong.ivig_infusions) == 261


@pytest.mark.parametrize("case", CASES)
def test_every_dashboard_opens_on_the_option_its_text_names_and_has_a_button_per_option(case, text):
    explorer = explore_case(case)
    assert list(explorer.scenarios) == list(CASES[case].options)
    first = next(iter(CASES[case].options))
    assert explorer.values()["treatment"] == first
    opens = {SCID: "unrelated marrow", XLA: "lifelong IVIG", HIGM: "lifelong IVIG", SAA: "the sister's marrow"}[case]
    assert f"The dashboard opens on {opens}" in text or f"The dashboard opens on the {opens}" in text


def test_the_labs_section_matches_the_labs_and_the_criteria_they_meet(text):
    from helpers.models import diagnosis
    labs = {name: diagnosis.SCENARIOS[CASES[name].labs].values for name in CASES}
    assert labs[SCID]["cd3_per_ul"] < 50 and labs[SCID]["trecs"] == "low"
    assert labs[XLA]["cd19_percent"] < 2
    assert labs[HIGM]["igm_g_per_l"] >= 0.4 and labs[HIGM]["igg_g_per_l"] < 7 and labs[HIGM]["iga_g_per_l"] < 0.7
    assert labs[SAA]["marrow_cellularity_percent"] == 10 and labs[SAA]["anc_1e9_per_l"] < 0.2
    assert "almost empty marrow (10% cellularity) with neutrophils below 0.2e9/L" in text
    assert "very severe aplastic anaemia" in CASES[SAA].read_labs().met
