"""Lab criteria: each published threshold on both sides, reasons, age bands, and bad input."""
import pytest
from hypothesis import given, settings, strategies as st

from helpers.models.diagnosis import PARAMS, cd4_centiles_per_ul, classify

X_SCID_INFANT = dict(age_months=3, sex="male", cd3_per_ul=20, cd4_per_ul=10, trecs="low", cd19_percent=60,
                     igg_g_per_l=3.0)
XLA_BOY = dict(age_months=24, sex="male", cd19_percent=0.5, igg_g_per_l=1.2, igm_g_per_l=0.1, iga_g_per_l=0.05)
HIGM_BOY = dict(age_months=24, sex="male", igg_g_per_l=1.5, igm_g_per_l=2.5, iga_g_per_l=0.05)
VSAA_ADULT = dict(age_months=240, anc_1e9_per_l=0.15, platelets_1e9_per_l=12, reticulocytes_1e9_per_l=10,
                  marrow_cellularity_percent=10)


def test_a_healthy_adult_meets_no_criterion():
    assert classify().met == ()
    summary = classify().summary().splitlines()
    assert len(summary) == len(classify().findings) and all(line.startswith("not met: ") for line in summary)


def test_the_summary_gives_the_reasons_of_criteria_not_met_too():
    """The notebook reads 'TRECs normal ... argues against SCID' off a criterion that fails."""
    summary = classify(**{**X_SCID_INFANT, "trecs": "normal"}).summary()
    assert "not met: typical SCID (2022): T cells 20 /uL < 50 /uL" in summary and "argues against SCID" in summary
    assert summary.index("met: typical SCID (2014 rule)") < summary.index("not met: typical SCID (2022)")


def test_each_case_meets_its_own_criteria_and_no_other_disease():
    assert set(classify(**X_SCID_INFANT).met) == {"typical SCID (2022)", "typical SCID (2014 rule)",
                                                   "CD4 below the 5th centile for age"}
    assert classify(**XLA_BOY).met == ("X-linked agammaglobulinaemia",)
    assert classify(**HIGM_BOY).met == ("hyper-IgM pattern",)
    assert set(classify(**VSAA_ADULT).met) == {"severe aplastic anaemia", "very severe aplastic anaemia",
                                               "neutropenia with rising infection risk"}


@pytest.mark.parametrize("cd3, typical, old_rule, leaky", [
    (49, True, True, False), (50, False, True, True), (299, False, True, True), (300, False, False, True),
    (999, False, False, True), (1000, False, False, False)])
def test_scid_thresholds_on_both_sides(cd3, typical, old_rule, leaky):
    result = classify(age_months=6, cd3_per_ul=cd3, cd4_per_ul=0, trecs="low")
    assert result.finding("typical SCID (2022)").met is typical
    assert result.finding("typical SCID (2014 rule)").met is old_rule
    assert result.finding("leaky SCID range").met is leaky


@pytest.mark.parametrize("age, limit", [(24, 1000), (36, 800), (48, 800), (60, 600)])
def test_leaky_scid_limit_falls_with_age(age, limit):
    assert classify(age_months=age, cd3_per_ul=limit - 1, cd4_per_ul=0).finding("leaky SCID range").met
    assert not classify(age_months=age, cd3_per_ul=limit, cd4_per_ul=0).finding("leaky SCID range").met


def test_normal_trecs_argue_against_typical_scid():
    finding = classify(**{**X_SCID_INFANT, "trecs": "normal"}).finding("typical SCID (2022)")
    assert not finding.met and "TRECs normal" in " ".join(finding.reasons)


def test_a_pathogenic_variant_meets_the_2022_definition_whatever_the_trecs():
    for trecs in ("not_tested", "low", "normal"):
        boy = classify(**{**X_SCID_INFANT, "trecs": trecs, "scid_variant": "found"})
        assert boy.finding("typical SCID (2022)").met


def test_very_few_t_cells_alone_do_not_meet_the_2022_definition():
    finding = classify(**{**X_SCID_INFANT, "trecs": "not_tested"}).finding("typical SCID (2022)")
    assert not finding.met and "pathogenic variant" in " ".join(finding.reasons)


def test_older_and_leaky_rules_name_the_function_test_they_also_need():
    old = " ".join(classify(age_months=6, cd3_per_ul=200, cd4_per_ul=0).finding("typical SCID (2014 rule)").reasons)
    assert "< 10% of the lower limit of normal" in old and "maternal" in old
    leaky = " ".join(classify(age_months=6, cd3_per_ul=200, cd4_per_ul=0).finding("leaky SCID range").reasons)
    assert "< 30% of normal" in leaky and "no maternal T cells" in leaky


@pytest.mark.parametrize("method, count, low", [("automated", 59, True), ("automated", 60, False),
                                                ("manual", 19, True), ("manual", 20, False), ("manual", 30, False)])
def test_reticulocyte_threshold_depends_on_how_they_were_counted(method, count, low):
    result = classify(marrow_cellularity_percent=15, anc_1e9_per_l=0.3, platelets_1e9_per_l=100,
                      reticulocytes_1e9_per_l=count, reticulocyte_count=method)
    assert result.finding("severe aplastic anaemia").met is low  # the ANC and the reticulocytes make two


def test_a_partly_cellular_marrow_points_to_the_criterion_left_out():
    reasons = " ".join(classify(**{**VSAA_ADULT, "marrow_cellularity_percent": 40}).finding(
        "severe aplastic anaemia").reasons)
    assert "25-50%" in reasons and "not entered here" in reasons


def test_reasons_quote_the_values_and_thresholds():
    reasons = " ".join(classify(**X_SCID_INFANT).finding("typical SCID (2022)").reasons)
    assert "T cells 20 /uL < 50 /uL" in reasons and "TRECs low" in reasons
    saa = classify(**VSAA_ADULT).finding("severe aplastic anaemia")
    assert "marrow cellularity 10 % < 25 %" in saa.reasons and "3 of 3 counts below threshold (need >= 2)" in saa.reasons
    assert "Camitta" in saa.source


def test_infant_cd4_centiles_match_denny_1992():
    assert cd4_centiles_per_ul(age_months=2) == pytest.approx((1460, 2830, 5110))
    assert cd4_centiles_per_ul(age_months=6) == pytest.approx((1690, 2950, 4610))
    assert cd4_centiles_per_ul(age_months=30) == pytest.approx((900, 1800, 2860))
    assert cd4_centiles_per_ul(age_months=360) is None
    with pytest.raises(ValueError, match="age_months=-1 is outside the allowed range"):
        cd4_centiles_per_ul(age_months=-1)


def test_a_cd4_count_normal_for_an_adult_is_low_for_an_infant():
    adult_normal = dict(cd3_per_ul=1500, cd4_per_ul=900)
    assert not classify(age_months=360, **adult_normal).finding("CD4 below the 5th centile for age").met
    assert classify(age_months=3, **adult_normal).finding("CD4 below the 5th centile for age").met


def test_xla_needs_a_boy():
    girl = classify(**{**XLA_BOY, "sex": "female"}).finding("X-linked agammaglobulinaemia")
    assert not girl.met and any("autosomal" in r for r in girl.reasons)


@pytest.mark.parametrize("cd19, met", [(1.9, True), (2.0, False)])
def test_xla_b_cell_threshold(cd19, met):
    assert classify(**{**XLA_BOY, "cd19_percent": cd19}).finding("X-linked agammaglobulinaemia").met is met


def test_hyper_igm_needs_b_and_t_cells_and_low_igg_and_iga():
    assert not classify(**{**HIGM_BOY, "cd19_percent": 0.5}).finding("hyper-IgM pattern").met
    assert not classify(**{**HIGM_BOY, "cd3_per_ul": 200, "cd4_per_ul": 100}).finding("hyper-IgM pattern").met
    assert not classify(**{**HIGM_BOY, "igg_g_per_l": 9}).finding("hyper-IgM pattern").met
    assert not classify(**{**HIGM_BOY, "iga_g_per_l": 1.5}).finding("hyper-IgM pattern").met


@pytest.mark.parametrize("igm", [0.1, 0.2, 1.0, 2.5, 8.0])
def test_hyper_igm_does_not_require_high_or_normal_igm(igm):
    """ESID (Conley et al. 1999): in X-linked hyper-IgM, IgM may be low, normal or high."""
    finding = classify(**{**HIGM_BOY, "igm_g_per_l": igm}).finding("hyper-IgM pattern")
    assert finding.met
    assert ("does not rule it out" in " ".join(finding.reasons)) is (igm < 0.4)


@pytest.mark.parametrize("low_counts, met", [(0, False), (1, False), (2, True), (3, True)])
def test_severe_aplastic_anaemia_needs_two_of_three_counts(low_counts, met):
    counts = dict(anc_1e9_per_l=(0.3, 1.0), platelets_1e9_per_l=(10, 100), reticulocytes_1e9_per_l=(10, 80))
    values = {name: low if i < low_counts else high for i, (name, (low, high)) in enumerate(counts.items())}
    assert classify(marrow_cellularity_percent=15, **values).finding("severe aplastic anaemia").met is met


def test_aplastic_anaemia_needs_an_empty_marrow():
    assert not classify(**{**VSAA_ADULT, "marrow_cellularity_percent": 25}).finding("severe aplastic anaemia").met


@pytest.mark.parametrize("anc, very_severe", [(0.19, True), (0.2, False), (0.45, False)])
def test_very_severe_needs_anc_below_0_2(anc, very_severe):
    result = classify(**{**VSAA_ADULT, "anc_1e9_per_l": anc})
    assert result.finding("severe aplastic anaemia").met
    assert result.finding("very severe aplastic anaemia").met is very_severe


@pytest.mark.parametrize("name, value, message", [
    ("anc_1e9_per_l", 1500, r"anc_1e9_per_l=1500 looks like cells/uL; give 1e9/L \(1500 cells/uL = 1.5 x 1e9/L"),
    ("anc_1e9_per_l", 80, r"anc_1e9_per_l=80 looks like cells/uL; give 1e9/L \(80 cells/uL = 0.08 x 1e9/L"),
    ("platelets_1e9_per_l", 250000, r"looks like cells/uL.*= 250 x 1e9/L"),
    ("igg_g_per_l", 700, r"igg_g_per_l=700 looks like mg/dL; give g/L \(700 mg/dL = 7 g/L"),
    ("igg_g_per_l", 50, r"igg_g_per_l=50 looks like mg/dL; give g/L \(50 mg/dL = 0.5 g/L"),
    ("igm_g_per_l", 40, r"igm_g_per_l=40 looks like mg/dL; give g/L \(40 mg/dL = 0.4 g/L"),
    ("iga_g_per_l", 70, r"iga_g_per_l=70 looks like mg/dL"),
    ("cd3_per_ul", -5, r"cd3_per_ul=-5 is negative"),
    ("anc_1e9_per_l", -0.1, r"is negative"),
    ("cd19_percent", 150, r"cd19_percent=150 is outside the allowed range 0..100"),
    ("sex", "boy", r"sex='boy' is not a valid choice; choose one of 'male', 'female'"),
    ("igm_g_per_l", float("nan"), r"outside the allowed range"),
])
def test_impossible_values_raise_clear_errors(name, value, message):
    with pytest.raises(ValueError, match=message):
        classify(**{name: value})


def test_cd4_cannot_exceed_cd3_and_the_message_says_what_to_change():
    with pytest.raises(ValueError, match="CD4 T cells are a subset of CD3.*Lower CD4 to 500 or less, or raise CD3"):
        classify(cd3_per_ul=500, cd4_per_ul=800)


_numbers = {spec.name: st.floats(spec.low, spec.high) for spec in PARAMS if hasattr(spec, "low")}


@settings(max_examples=100, deadline=None)
@given(values=st.fixed_dictionaries({**_numbers, "age_months": st.integers(0, 1200),
                                     "sex": st.sampled_from(("male", "female")),
                                     "trecs": st.sampled_from(("not_tested", "low", "normal")),
                                     "scid_variant": st.sampled_from(("not_tested", "found", "not_found")),
                                     "reticulocyte_count": st.sampled_from(("automated", "manual"))}))
def test_every_finding_has_reasons_and_a_source(values):
    values["cd4_per_ul"] = min(values["cd4_per_ul"], values["cd3_per_ul"])
    result = classify(**values)
    assert len(result.findings) == 9
    for finding in result.findings:
        assert finding.reasons and finding.source and all(isinstance(r, str) and r for r in finding.reasons)
    if result.finding("very severe aplastic anaemia").met:
        assert result.finding("severe aplastic anaemia").met
    assert not (result.finding("typical SCID (2022)").met and result.finding("leaky SCID range").met)


def test_the_notebooks_aplastic_walkthrough():
    """ANC 0.3: severe, not very severe; platelets 50: still two low; reticulocytes 70 (automated): one low."""
    step = {**VSAA_ADULT, "anc_1e9_per_l": 0.3}
    assert classify(**step).finding("severe aplastic anaemia").met
    assert not classify(**step).finding("very severe aplastic anaemia").met
    step["platelets_1e9_per_l"] = 50
    assert classify(**step).finding("severe aplastic anaemia").met
    step["reticulocytes_1e9_per_l"] = 70
    assert not classify(**step).finding("severe aplastic anaemia").met


def test_an_infant_with_adult_normal_t_cells_is_flagged_only_by_cd4_for_age():
    assert classify(age_months=3, cd3_per_ul=1500, cd4_per_ul=900).met == ("CD4 below the 5th centile for age",)


@pytest.mark.parametrize("name, typical_wrong_unit_values", [
    ("anc_1e9_per_l", (80, 500, 1500, 7500)),  # cells/uL: severe neutropenia to the top of normal
    ("platelets_1e9_per_l", (10_000, 150_000, 450_000)),
    ("reticulocytes_1e9_per_l", (10_000, 80_000)),
    ("igg_g_per_l", (50, 700, 1600)),  # mg/dL: agammaglobulinaemia-range to the top of normal
    ("igm_g_per_l", (40, 230)),
    ("iga_g_per_l", (70, 400)),
])
def test_the_plausibility_bounds_catch_usual_values_typed_in_the_other_unit(name, typical_wrong_unit_values):
    spec = PARAMS[name]
    for value in typical_wrong_unit_values:
        with pytest.raises(ValueError, match=f"{name}={value:g} looks like {spec.wrong_unit}"):
            classify(**{name: value})
    classify(**{name: spec.high})  # the whole allowed range itself is accepted
