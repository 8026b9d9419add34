"""Transplant model: calibration to the published engraftment days, every directional claim of notebook 04 as a tested
property, invariants over the allowed domain, bad input and speed."""
import timeit

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from helpers.models import neutropenia, niche, physiology, transplant
from helpers.models.transplant import DONORS, SOURCES, TYPICAL_CD34_PER_KG, simulate
from helpers.formatting import percent
from strategies import within

ALLOGENEIC = DONORS[1:]
DOSE = transplant.PARAMS["cd34_per_kg"]


def typical(source, **kwargs):
    """A graft of the dose its source typically delivers."""
    return simulate(graft_source=source, cd34_per_kg=TYPICAL_CD34_PER_KG[source], **kwargs)


def scenario(name, **changes):
    """The model's named scenario (notebook 04's buttons), with ``changes`` on top."""
    return simulate(**transplant.SCENARIOS[name].kwargs(**changes))


# ---------------------------------------------------------------- calibration


def test_mobilised_blood_from_a_matched_sibling_engrafts_neutrophils_about_day_14():
    """Champlin 2000: median 14 days to ANC >= 0.5e9/L and 18 days to platelets >= 20e9/L."""
    result = simulate(graft_source="peripheral_blood", cd34_per_kg=5e6, donor="matched_sibling",
                      conditioning="myeloablative")
    assert 11 <= result.neutrophil_engraftment_day <= 17
    assert 15 <= result.platelet_engraftment_day <= 21


def test_bone_marrow_engrafts_about_day_19():
    """Champlin 2000: marrow 19 days for neutrophils, 25 for platelets."""
    result = typical("bone_marrow")
    assert 17 <= result.neutrophil_engraftment_day <= 22
    assert 22 <= result.platelet_engraftment_day <= 28


def test_cord_blood_engrafts_much_later_and_platelets_latest():
    """Barker 2005: neutrophils at a median of 23 days with two units (later with one); platelets ~6-8 weeks."""
    cord = scenario("cord blood")
    assert 22 <= cord.neutrophil_engraftment_day <= 30
    assert 35 <= cord.platelet_engraftment_day <= 65
    assert cord.platelet_engraftment_day > typical("bone_marrow").platelet_engraftment_day


@pytest.mark.parametrize("lineage", ["neutrophil_engraftment_day", "platelet_engraftment_day"])
def test_sources_rank_blood_then_marrow_then_cord(lineage):
    days = [getattr(typical(source), lineage) for source in SOURCES]
    assert days == sorted(days) and len(set(days)) == 3
    same_dose = [getattr(simulate(graft_source=source, cd34_per_kg=2.5e6), lineage) for source in SOURCES[:2]]
    assert same_dose[0] < same_dose[1]  # mobilised blood beats marrow at the same CD34+ dose too


def test_aplasia_lasts_about_two_weeks_after_a_myeloablative_blood_graft():
    result = simulate()
    assert 10 <= result.aplasia_days <= 17
    assert result.nadir_anc < 0.1
    assert 0.95 <= result.final_donor_chimerism <= 1


def test_counts_start_normal_and_return_to_normal():
    result = simulate(days=180)
    normal_anc = transplant.PARAMS["normal_anc_1e9_per_l"].default
    normal_platelets = transplant.PARAMS["normal_platelets_1e9_per_l"].default
    assert result.days[0] == -7
    assert result.anc[0] == pytest.approx(normal_anc)
    assert result.platelets[0] == pytest.approx(normal_platelets)
    assert result.anc[-1] == pytest.approx(normal_anc, rel=0.01)
    assert result.platelets[-1] == pytest.approx(normal_platelets, rel=0.01)


def test_the_curves_have_a_few_hundred_points_and_every_whole_day():
    for days in (30, 100, 180):
        result = simulate(days=days)
        assert 70 <= result.days.size <= 500
        assert set(range(-7, days + 1)) <= set(result.days.tolist())


# ---------------------------------------------------------------- dose


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SOURCES), st.floats(np.log(DOSE.low), np.log(DOSE.high)),
       st.floats(np.log(1.2), np.log(10)))
def test_a_larger_dose_engrafts_sooner_and_fails_less(source, log_dose, log_factor):
    low = simulate(graft_source=source, cd34_per_kg=float(np.exp(log_dose)))
    high = simulate(graft_source=source, cd34_per_kg=float(min(np.exp(log_dose + log_factor), DOSE.high)))
    assert high.neutrophil_engraftment_day <= low.neutrophil_engraftment_day
    assert high.platelet_engraftment_day <= low.platelet_engraftment_day
    assert high.aplasia_days <= low.aplasia_days
    assert high.graft_failure_risk < low.graft_failure_risk or high.cd34_per_kg == low.cd34_per_kg
    assert np.all(high.anc >= low.anc * (1 - 1e-12)) and np.all(high.platelets >= low.platelets * (1 - 1e-12))


@settings(max_examples=40, deadline=None)
@given(within(transplant.PARAMS.subset(["graft_source", "cd34_per_kg", "donor", "marrow_regrowth_per_day"])))
def test_gentler_conditioning_never_deepens_or_lengthens_the_aplasia(values):
    runs = [simulate(conditioning=c, **values) for c in ("myeloablative", "reduced", "none")]
    for harsher, gentler in zip(runs, runs[1:]):
        assert np.all(gentler.anc >= harsher.anc * (1 - 1e-12))
        assert gentler.aplasia_days <= harsher.aplasia_days
        assert gentler.final_donor_chimerism < harsher.final_donor_chimerism


def test_doses_below_the_2e6_minimum_engraft_later_and_fail_more():
    at_minimum = simulate(cd34_per_kg=2e6)
    below = simulate(cd34_per_kg=1e6)
    target = simulate(cd34_per_kg=5e6)
    assert below.below_minimum_dose and not at_minimum.below_minimum_dose
    assert below.neutrophil_engraftment_day > at_minimum.neutrophil_engraftment_day >= \
        target.neutrophil_engraftment_day
    assert below.platelet_engraftment_day > at_minimum.platelet_engraftment_day > target.platelet_engraftment_day
    assert below.graft_failure_risk > at_minimum.graft_failure_risk > target.graft_failure_risk


def test_cord_blood_is_judged_by_nucleated_cells_not_the_adult_cd34_minimum():
    assert not scenario("cord blood").below_minimum_dose


def test_dose_is_per_kg_and_weight_sets_the_cells_to_collect():
    light, heavy = simulate(weight_kg=10), simulate(weight_kg=100)
    assert light.neutrophil_engraftment_day == heavy.neutrophil_engraftment_day
    assert heavy.total_cd34 == pytest.approx(100 * 5e6)
    assert heavy.repopulating_cells == pytest.approx(10 * light.repopulating_cells)


def test_cord_cd34_cells_carry_more_repopulating_cells_than_adult_ones():
    """Wang 1997: 1 repopulating cell per 9.3e5 cord, 3e6 marrow, 6e6 mobilised mononuclear cells."""
    per_cd34 = [simulate(graft_source=s, cd34_per_kg=1e6).repopulating_cells_per_kg for s in SOURCES]
    assert per_cd34[0] < per_cd34[1] < per_cd34[2]
    assert per_cd34[2] / per_cd34[0] == pytest.approx(6.0e6 / 9.3e5)
    # but a typical cord unit still carries fewer than a typical mobilised-blood graft
    assert scenario("cord blood").repopulating_cells_per_kg < typical("peripheral_blood").repopulating_cells_per_kg


# ---------------------------------------------------------------- conditioning and chimerism


@pytest.mark.parametrize("donor", DONORS)
def test_without_conditioning_counts_do_not_crash(donor):
    result = simulate(conditioning="none", donor=donor)
    normal = transplant.PARAMS["normal_anc_1e9_per_l"].default
    assert result.aplasia_days == 0 and result.infection_risk == 0
    assert result.anc.min() >= 0.95 * normal
    assert result.platelets.min() >= 0.95 * transplant.PARAMS["normal_platelets_1e9_per_l"].default
    assert result.neutrophil_engraftment_day is None  # nothing to recover from


def test_without_conditioning_donor_chimerism_stays_low_in_a_competent_host():
    for source in SOURCES:
        assert typical(source, conditioning="none").final_donor_chimerism < 0.05


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("conditioning", transplant.CONDITIONINGS)
def test_chimerism_is_notebook_03s(source, conditioning):
    """The marrow's final donor share is niche.compete's, with the source's repopulating cells per CD34+ cell."""
    result = typical(source, conditioning=conditioning)
    per_million = transplant.REPOPULATING_PER_CD34[source] * 1e6 / niche.CASHMAN_HOMING
    compete = niche.compete(conditioning_logs=transplant.CONDITIONING_LOGS[conditioning],
                            donor_dose=TYPICAL_CD34_PER_KG[source] / 1e6, hsc_per_million_cd34=per_million)
    assert result.final_donor_chimerism == pytest.approx(compete.final_hsc_chimerism, rel=1e-6)


def test_myeloablative_gives_full_donor_reduced_mixed_none_host():
    full, mixed, host = (simulate(conditioning=c).final_donor_chimerism
                         for c in ("myeloablative", "reduced", "none"))
    assert full > 0.95 and 0.5 < mixed < 0.95 and host < 0.05


def test_donor_cells_reach_the_blood_only_after_the_infusion():
    result = simulate()
    assert np.all(result.donor_chimerism[result.days <= 0] == 0)
    assert result.donor_chimerism[-1] > 0.95


def test_reduced_intensity_gives_a_shorter_shallower_aplasia():
    full, reduced = simulate(conditioning="myeloablative"), simulate(conditioning="reduced")
    assert reduced.aplasia_days < full.aplasia_days
    assert reduced.nadir_anc > full.nadir_anc
    assert reduced.infection_risk <= full.infection_risk


# ---------------------------------------------------------------- risks


def test_autologous_grafts_cause_no_gvhd_and_rarely_fail():
    for source in SOURCES:
        for conditioning in transplant.CONDITIONINGS:
            result = typical(source, donor="autologous", conditioning=conditioning)
            assert result.acute_gvhd_risk == 0
            assert result.graft_failure_risk < typical(source, donor="matched_sibling").graft_failure_risk
    assert simulate(donor="autologous").graft_failure_risk < 0.02


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("conditioning", transplant.CONDITIONINGS)
def test_gvhd_rises_from_sibling_to_unrelated_to_mismatched_to_haploidentical(source, conditioning):
    risks = [typical(source, donor=d, conditioning=conditioning).acute_gvhd_risk for d in ALLOGENEIC]
    assert all(a < b for a, b in zip(risks, risks[1:]))


def test_haploidentical_without_special_prophylaxis_gives_high_gvhd():
    assert simulate(donor="haploidentical").acute_gvhd_risk > 0.6
    assert 0.25 <= simulate(donor="matched_sibling").acute_gvhd_risk <= 0.45


@pytest.mark.parametrize("donor", ALLOGENEIC)
def test_cord_blood_gives_less_gvhd_than_an_adult_graft_for_the_same_mismatch(donor):
    cord = typical("cord_blood", donor=donor).acute_gvhd_risk
    assert cord < typical("peripheral_blood", donor=donor).acute_gvhd_risk
    assert cord < typical("bone_marrow", donor=donor).acute_gvhd_risk


@pytest.mark.parametrize("source", SOURCES)
def test_graft_failure_rises_with_mismatch(source):
    risks = [typical(source, donor=d).graft_failure_risk for d in DONORS]
    assert all(a < b for a, b in zip(risks, risks[1:]))


@pytest.mark.parametrize("donor", ALLOGENEIC)
def test_graft_failure_rises_as_conditioning_gets_gentler(donor):
    risks = [simulate(donor=donor, conditioning=c).graft_failure_risk for c in ("myeloablative", "reduced", "none")]
    assert risks[0] < risks[1] < risks[2]


@pytest.mark.parametrize("donor", DONORS)
def test_typical_cord_and_marrow_grafts_fail_more_than_mobilised_blood(donor):
    blood, marrow, cord = (typical(s, donor=donor).graft_failure_risk for s in SOURCES)
    assert blood < marrow < cord


def test_graft_failure_stays_in_the_published_order_of_magnitude():
    """Olsson 2013: 5.6% overall; a well-dosed matched graft fails rarely, a typical cord graft in 10-20%."""
    assert 0.01 <= simulate().graft_failure_risk <= 0.06
    assert 0.08 <= scenario("cord blood").graft_failure_risk <= 0.3


# ---------------------------------------------------------------- engraftment rules and reused models


def test_neutrophil_engraftment_needs_three_consecutive_days():
    days = np.arange(-7.0, 30.5, 0.5)
    anc = np.where(days < 0, 4.0, 0.05)
    anc[(days >= 10) & (days <= 11)] = 0.6  # two days above: not engraftment
    anc[days >= 15] = 0.6
    assert transplant._engraftment_day(days, anc, 0.5, 3) == 15
    assert transplant._engraftment_day(days, np.full_like(days, 4.0), 0.5, 3) is None  # never fell below
    assert transplant._engraftment_day(days, np.where(days < 0, 4.0, 0.05), 0.5, 3) is None  # never recovered


def test_platelet_engraftment_is_the_first_of_three_consecutive_days():
    """CIBMTR: first of 3 consecutive days >= 20e9/L with no transfusion in the previous 7 days (the toy gives none,
    so the 7-day window is not a run of high counts)."""
    assert transplant.PLATELET_RUN_DAYS == transplant.ANC_RUN_DAYS == 3
    days = np.arange(-7.0, 40.5, 0.5)
    platelets = np.where(days < 0, 250.0, 5.0)
    platelets[(days >= 12) & (days <= 13)] = 25  # two days: not engraftment
    platelets[days >= 20] = 25
    assert transplant._engraftment_day(days, platelets, 20, transplant.PLATELET_RUN_DAYS) == 20
    platelets[(days >= 12) & (days <= 14)] = 25  # three days: engraftment, though the count falls back afterwards
    assert transplant._engraftment_day(days, platelets, 20, transplant.PLATELET_RUN_DAYS) == 12


def test_engraftment_beyond_the_horizon_is_none():
    short, long = scenario("cord blood", days=30), scenario("cord blood", days=100)
    assert short.platelet_engraftment_day is None is not long.platelet_engraftment_day
    assert short.neutrophil_engraftment_day == long.neutrophil_engraftment_day  # day 25: its 3 days fit in 30


def test_infection_risk_is_notebook_02s_over_the_neutropenic_window():
    result = simulate(conditioning="reduced")
    window = np.flatnonzero(result.anc < 1.0)
    first, last = window[0] - 1, window[-1] + 2
    episode = neutropenia.infection_risk(days=result.days[first:last], anc_1e9_per_l=result.anc[first:last])
    assert result.infection_risk == pytest.approx(episode.total_risk)
    assert result.aplasia_days == pytest.approx(episode.days_below_0_5)
    assert np.all(result.cumulative_infection_risk[:first] == 0)
    assert result.cumulative_infection_risk[-1] == pytest.approx(result.infection_risk)


def test_closed_form_marrow_integral_matches_quadrature():
    start, rate = 0.06, 0.45
    logistic = lambda u: 1 / (1 + (1 / start - 1) * np.exp(-rate * u))  # noqa: E731
    for u in (-3.0, 0.0, 2.0, 10.0, 60.0):
        expected = quad(logistic, 0, u)[0] if u > 0 else 0.0
        assert transplant._logistic_integral(np.array(u), start, rate) == pytest.approx(expected, abs=1e-9)


# ---------------------------------------------------------------- invariants, bad input, speed


@settings(max_examples=150, deadline=None)
@given(within(transplant.PARAMS))
def test_finite_non_negative_and_bounded_over_the_whole_domain(values):
    result = simulate(**values)
    for series in (result.anc, result.platelets, result.donor_chimerism, result.cumulative_infection_risk):
        assert np.all(np.isfinite(series)) and np.all(series >= 0)
        assert series.shape == result.days.shape
    assert np.all(result.donor_chimerism <= 1) and np.all(result.cumulative_infection_risk <= 1)
    assert np.all(np.diff(result.cumulative_infection_risk) >= 0)
    assert np.all(result.anc <= values["normal_anc_1e9_per_l"] * (1 + 1e-9))
    for risk in (result.graft_failure_risk, result.acute_gvhd_risk, result.infection_risk):
        assert 0 <= risk <= 1
    for day in (result.neutrophil_engraftment_day, result.platelet_engraftment_day):
        assert day is None or 0 <= day <= values["days"]
    assert 0 <= result.aplasia_days <= values["days"] + 7


def test_bad_input_names_the_parameter_value_and_range():
    with pytest.raises(ValueError, match=r"cd34_per_kg=1000.0 is outside the allowed range 5e4\.\.2e7"):
        simulate(cd34_per_kg=1000.0)
    with pytest.raises(ValueError, match=r"graft_source='liver'.*'peripheral_blood', 'bone_marrow', 'cord_blood'"):
        simulate(graft_source="liver")


def test_one_call_takes_well_under_5_ms():
    simulate()
    per_call = min(timeit.repeat(lambda: scenario("cord blood", days=180),
                                 number=20, repeat=5)) / 20
    assert per_call < 5e-3


def test_the_risk_table_lists_every_choice_for_the_model_card():
    table = transplant.risk_table()
    for name in ("graft_source", "donor", "conditioning"):
        for label, _option in transplant.PARAMS[name].labelled_options:
            assert f"| {label} |" in table


# ---------------------------------------------------------------- one physiology, one lineage course


def test_the_course_gives_neutrophils_and_platelets_in_cells_per_ul_with_adult_normal_ranges():
    result = simulate()
    lineage_course = result.course
    assert lineage_course.lineages == ("neutrophil", "platelet")
    np.testing.assert_array_equal(lineage_course.days, result.days)
    np.testing.assert_allclose(lineage_course.counts["neutrophil"], 1000 * result.anc)
    np.testing.assert_allclose(lineage_course.counts["platelet"], 1000 * result.platelets)
    for lineage, (low, high) in physiology.ADULT_NORMAL_CELLS_PER_UL.items():
        assert np.all(lineage_course.normal_low[lineage] == low) and np.all(lineage_course.normal_high[lineage] == high)
    # back within the normal range (ANC >= 1.5e9/L) only after engraftment (>= 0.5e9/L)
    assert result.neutrophil_engraftment_day < lineage_course.recovery_day("neutrophil") < result.days[-1]
    assert result.platelet_engraftment_day < lineage_course.recovery_day("platelet") < result.days[-1]


@pytest.mark.parametrize("name", transplant.SCENARIOS)
def test_every_scenario_has_a_valid_course(name):
    lineage_course = scenario(name).course
    assert lineage_course.recovery_day("neutrophil") is not None  # every scenario recovers within 100 days


def test_shared_quantities_are_physiologys_and_the_card_lists_what_is_taken_from_niche():
    for spec in (physiology.RECIPIENT_WEIGHT, physiology.NEUTROPHIL_MATURATION, physiology.NORMAL_ANC,
                 physiology.NORMAL_PLATELETS, physiology.PLATELET_LIFESPAN):
        assert transplant.PARAMS[spec.name] is spec
    assert (transplant.PARAMS + niche.PARAMS)["weight_kg"] is physiology.RECIPIENT_WEIGHT  # merges without a clash
    card = transplant.PARAMS.model_card()
    assert "Taken from `niche.compete` at its defaults" in card and "| niches_per_kg | 1400 |" in card


def test_the_inherited_niche_parameters_are_exactly_those_that_change_the_graft_and_simulate_does_not_pass():
    """simulate passes conditioning, dose, homing, stem cells per CD34+ and months to niche.compete and uses only
    its starting shares: of the rest, exactly the inherited ones move those shares."""
    passed = {"conditioning_logs", "donor_dose", "homing", "hsc_per_million_cd34", "months"}
    base = niche.compete(conditioning_logs=2, months=3)
    moving = set()
    for spec in niche.COMPETE_PARAMS:
        if spec.name in passed:
            continue
        other = spec.options[1] if hasattr(spec, "options") else (spec.low + spec.high) / 2
        changed = niche.compete(conditioning_logs=2, months=3, **{spec.name: other})
        if (changed.host_niches[0], changed.donor_niches[0]) != (base.host_niches[0], base.donor_niches[0]):
            moving.add(spec.name)
    assert moving == set(transplant.PARAMS.inherits["niche.compete"].names)


def test_model_functions_are_keyword_only():
    import inspect
    for function in (simulate, niche.compete, niche.mobilise):
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in inspect.signature(function).parameters.values())


# ---------------------------------------------------------------- the numbers notebook 04 quotes


def notebook_text():
    import re
    from pathlib import Path
    import nbformat
    nb = nbformat.read(Path(__file__).parents[1] / "notebooks" / "04_transplantation.ipynb", as_version=4)
    return re.sub(r"\s+", " ", " ".join(c.source for c in nb.cells if c.cell_type == "markdown")).replace("*", "")


def pct(share):
    """As the explorer's readout shows it."""
    return percent(share, html=False)


def test_the_numbers_notebook_04_quotes_are_the_models():
    text = notebook_text()
    blood, marrow, cord = scenario("sibling, mobilised blood"), scenario("bone marrow"), scenario("cord blood")
    reduced, none, low = scenario("reduced intensity"), scenario("no conditioning"), scenario("low dose 1e6/kg")
    quoted = [
        # section 1
        f"2.5e7 x 0.01 = {cord.cd34_per_kg / 1e6:g}e6 CD34+/kg",
        f"In the model it is {blood.cd34_per_kg / cord.cd34_per_kg:.0f} times fewer",
        f"is {5e6 / 1.7e5:.0f} times fewer than 5e6/kg",
        # the text rounds Mazzocchetti's median share to 0.2%, and computes with what it states
        f"at {100 * round(transplant.MAZZOCCHETTI_CORD_CD34_SHARE, 3):g}% CD34+ (5e4/kg) is "
        f"{5e6 / (2.5e7 * round(transplant.MAZZOCCHETTI_CORD_CD34_SHARE, 3)):.0f} times fewer",
        f"Cord blood, 0.25e6/kg: day {cord.neutrophil_engraftment_day} for neutrophils, but day "
        f"{cord.platelet_engraftment_day} for platelets",
        f"mobilised blood at 2.5e6/kg still engrafts on day {simulate(cd34_per_kg=2.5e6).neutrophil_engraftment_day}",
        "(2.5e6/kg: day {}; 5e6: day {}; 1e7: day {}; 2e7: day {})".format(
            *(simulate(cd34_per_kg=d).neutrophil_engraftment_day for d in (2.5e6, 5e6, 1e7, 2e7))),
        f"graft failure {pct(blood.graft_failure_risk)} with mobilised blood, {pct(marrow.graft_failure_risk)} with "
        f"marrow, {pct(cord.graft_failure_risk)} with a mismatched cord unit",
        # section 2
        "rises from {} with a matched sibling to {} with a matched unrelated donor, {} with a mismatched one and {} "
        "with a haploidentical donor".format(*(pct(simulate(donor=d).acute_gvhd_risk) for d in ALLOGENEIC)),
        "Graft failure rises with mismatch too: {} (sibling), {}, {}, {} (haploidentical)".format(
            *(pct(simulate(donor=d).graft_failure_risk) for d in ALLOGENEIC)),
        f"the lowest failure risk ({100 * scenario('autologous').graft_failure_risk:.1f}%",
        # section 3
        f"the aplasia is hardly shorter ({reduced.aplasia_days:g} days against {blood.aplasia_days:g})",
        f"the lowest ANC is {reduced.nadir_anc:.2f}",
        f"donor chimerism settles near {pct(reduced.final_donor_chimerism)}",
        f"not {100 * blood.final_donor_chimerism:.1f}%",
        f"Graft failure reads {pct(none.graft_failure_risk)}",
        f"donor cells hold about {100 * none.final_donor_chimerism:.0f}% of the marrow",  # the readout: 1.0%
        # section 4
        f"{blood.aplasia_days:g} days with mobilised blood, {marrow.aplasia_days:g} with marrow, {cord.aplasia_days:g} "
        f"with cord blood and {low.aplasia_days:g} with a low dose",
        # section 6
        f"graft failure {pct(cord.graft_failure_risk)} (against {pct(blood.graft_failure_risk)})",
        f"acute GVHD (grade II-IV) {pct(cord.acute_gvhd_risk)}, against "
        f"{pct(simulate(donor='mismatched_unrelated').acute_gvhd_risk)}",
        f"it would be {pct(scenario('cord blood', donor='matched_unrelated').acute_gvhd_risk)}",
        f"lowers failure to {pct(scenario('cord blood', cd34_per_kg=0.5e6).graft_failure_risk)}",
        f"failure {pct(low.graft_failure_risk)}, three times the target dose's {pct(blood.graft_failure_risk)}",
        "failure {}, GVHD {}, and only {} donor chimerism".format(*(
            f(scenario("haploidentical", conditioning="reduced")) for f in
            (lambda r: pct(r.graft_failure_risk), lambda r: pct(r.acute_gvhd_risk),
             lambda r: pct(r.final_donor_chimerism)))),
    ]
    missing = [phrase for phrase in quoted if phrase not in text]
    assert not missing, missing


def test_reduced_intensity_leaves_a_hundred_times_more_host_stem_cells_alive():
    """Section 3's question: 2 logs leave 1% of host stem cells, 4 logs 0.01%; the aplasia is barely shorter."""
    survivors = {c: niche.compete(conditioning_logs=transplant.CONDITIONING_LOGS[c]).host_hscs_surviving
                 for c in ("reduced", "myeloablative")}
    assert survivors["reduced"] == pytest.approx(100 * survivors["myeloablative"]) == pytest.approx(0.01)
    assert "leaves a hundred times more host stem cells alive" in notebook_text()
    assert scenario("reduced intensity").aplasia_days > 0.9 * scenario("sibling, mobilised blood").aplasia_days


def test_marrow_with_reduced_intensity_as_the_notebook_instructs():
    """'click bone marrow, then choose reduced intensity in the conditioning dropdown': 18 days, 85% donor."""
    result = scenario("bone marrow", conditioning="reduced")
    assert result.aplasia_days == 18 and round(100 * result.final_donor_chimerism) == 85
    assert f"Reduced intensity with marrow: {result.aplasia_days:g} days of aplasia and 85% donor" in notebook_text()


def test_the_section_4_infection_and_platelet_numbers():
    result = scenario("sibling, mobilised blood")
    risk = result.cumulative_infection_risk
    assert result.days[np.argmax(risk >= 0.5)] == 2 and result.days[np.argmax(risk >= 0.9)] == 3.5
    below = result.days[result.platelets < transplant.PLATELET_ENGRAFTMENT_1E9_PER_L]
    assert (below[0], below[-1]) == (3.5, 17.5)
    for name in ("sibling, mobilised blood", "bone marrow", "cord blood", "low dose 1e6/kg"):
        assert scenario(name).infection_risk > 0.99
    text = notebook_text()
    assert "passes 50% by day 2 and 90% by day 3.5" in text and "from day 3.5 to day 17.5" in text
