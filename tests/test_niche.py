"""Niche models: limiting cases, invariants over the allowed domain, calibration, bad input, and every claim of
notebook 03 as a tested property."""
import numpy as np
import pytest
from scipy.integrate import solve_ivp
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.models import niche
from helpers.models.niche import compete, mobilise
from strategies import within

DOSE_HOURS = 9  # Liles 2003 measured 9 h after the plerixafor dose
PARAMS_LEAD_HOURS = niche.PARAMS["plerixafor_lead_hours"].default


def at_day(result, day):
    return float(np.interp(day, result.days, result.blood_cd34_per_ul))


# ---------------------------------------------------------------- mobilisation: limits and calibration


def test_without_drugs_blood_cd34_stays_at_steady_state_exactly():
    result = mobilise(regimen="steady_state")
    np.testing.assert_allclose(result.blood_cd34_per_ul, result.steady_cd34_per_ul, rtol=1e-9)
    np.testing.assert_allclose(result.marrow_bound_fraction + result.marrow_free_fraction, 1.0, rtol=1e-9)


def test_steady_state_lies_between_the_two_published_baseline_means():
    low, high = niche.LILES_BASELINE_MEANS_PER_UL
    assert low <= mobilise(regimen="steady_state").collection_cd34_per_ul <= high


def test_plerixafor_raises_blood_cd34_about_15_fold_at_9_hours():
    """Liles 2003: 2.6 -> 40.4/uL (15.5x) at 9 h; the model must land within 20 %."""
    result = mobilise(regimen="plerixafor", plerixafor_lead_hours=DOSE_HOURS)
    assert 15.5 * 0.8 <= result.fold_over_steady_state <= 15.5 * 1.2
    from_liles_baseline = mobilise(regimen="plerixafor", steady_cd34_per_ul=2.6, plerixafor_lead_hours=DOSE_HOURS)
    assert from_liles_baseline.collection_cd34_per_ul == pytest.approx(niche.PLERIXAFOR_9H_PER_UL, rel=0.2)


def test_plerixafor_peaks_6_to_9_hours_after_the_dose():
    result = mobilise(regimen="plerixafor", plerixafor_lead_hours=DOSE_HOURS)
    dose_day = result.collection_day - DOSE_HOURS / 24
    assert 6 <= (result.peak_day - dose_day) * 24 <= 9.5


def test_gcsf_day_5_count_lies_in_the_published_medians():
    low, high = niche.GCSF_DAY5_RANGE_PER_UL
    assert low <= mobilise(regimen="gcsf").collection_cd34_per_ul <= high


def test_gcsf_acts_over_days_and_plerixafor_over_hours():
    gcsf = mobilise(regimen="gcsf")
    assert at_day(gcsf, 2.0) < 0.1 * gcsf.collection_cd34_per_ul  # a slow start: under a tenth by day 2...
    assert 2 < at_day(gcsf, 2.0) / gcsf.steady_cd34_per_ul < 3  # ...about 2.5-fold, as the notebook says
    assert at_day(gcsf, 3.0) < 0.5 * gcsf.collection_cd34_per_ul < at_day(gcsf, 4.5)
    assert at_day(gcsf, 0.9) == pytest.approx(gcsf.steady_cd34_per_ul)  # steady state before the first dose
    plerixafor = mobilise(regimen="plerixafor")
    dose_day = plerixafor.collection_day - PARAMS_LEAD_HOURS / 24
    assert at_day(plerixafor, dose_day + 4 / 24) > 0.5 * plerixafor.collection_cd34_per_ul  # half way within 4 h
    assert at_day(plerixafor, dose_day + 1) < 2 * plerixafor.steady_cd34_per_ul  # back near baseline in a day


def test_regimens_rank_as_the_notebook_says():
    counts = {r: mobilise(regimen=r).collection_cd34_per_ul for r in niche.REGIMENS}
    assert counts["gcsf_plerixafor"] > counts["gcsf"] > counts["plerixafor"] > counts["steady_state"]


def test_yield_against_the_2e6_and_5e6_per_kg_thresholds():
    assert not mobilise(regimen="steady_state").meets_minimum
    gcsf = mobilise(regimen="gcsf")
    assert gcsf.meets_minimum and gcsf.meets_target
    small_collection = mobilise(regimen="plerixafor", processed_blood_volume_l=10)
    assert small_collection.meets_minimum and not small_collection.meets_target


def test_yield_is_count_times_volume_times_efficiency_per_kg():
    result = mobilise(regimen="gcsf", processed_blood_volume_l=20, collection_efficiency=0.6, weight_kg=50)
    expected = result.collection_cd34_per_ul * 20e6 * 0.6 / 50
    assert result.yield_per_kg == pytest.approx(expected)
    assert result.collected_cd34 == pytest.approx(expected * 50)


# ---------------------------------------------------------------- mobilisation: the notebook's directional claims


@pytest.mark.parametrize("regimen", ["gcsf", "plerixafor", "gcsf_plerixafor"])
def test_more_blood_processed_and_better_efficiency_collect_more(regimen):
    yields = [mobilise(regimen=regimen, processed_blood_volume_l=v).yield_per_kg for v in (5, 10, 20, 30)]
    assert np.all(np.diff(yields) > 0)
    yields = [mobilise(regimen=regimen, collection_efficiency=e).yield_per_kg for e in (0.2, 0.4, 0.6, 0.8)]
    assert np.all(np.diff(yields) > 0)


def test_a_heavier_recipient_gets_fewer_cells_per_kg():
    yields = [mobilise(regimen="gcsf", weight_kg=w).yield_per_kg for w in (10, 40, 70, 100)]
    assert np.all(np.diff(yields) < 0)


def test_blood_cd34_keeps_rising_through_the_gcsf_course():
    counts = [mobilise(regimen="gcsf", collection_day=d).collection_cd34_per_ul for d in (3, 4, 5, 6)]
    assert np.all(np.diff(counts) > 0)


def test_a_stronger_cxcr4_block_releases_more_cells():
    counts = [mobilise(regimen="plerixafor", plerixafor_release_fold=f).collection_cd34_per_ul for f in (2, 10, 20, 50)]
    assert np.all(np.diff(counts) > 0)


def test_mobilisation_empties_niches_and_counts_fall_back_after_the_drugs_stop():
    for regimen in ("gcsf", "plerixafor", "gcsf_plerixafor"):
        result = mobilise(regimen=regimen)
        at_collection = np.searchsorted(result.days, result.collection_day)
        assert result.marrow_bound_fraction[at_collection] < result.marrow_bound_fraction[0]
        assert result.blood_cd34_per_ul[-1] < result.collection_cd34_per_ul


def test_plerixafor_adds_less_on_top_of_gcsf_than_alone():
    """G-CSF has already loosened most niches, so the combination is more than either but not their product."""
    counts = {r: mobilise(regimen=r).fold_over_steady_state for r in niche.REGIMENS}
    assert counts["gcsf_plerixafor"] / counts["gcsf"] < counts["plerixafor"]


# ---------------------------------------------------------------- mobilisation: invariants and speed


@settings(max_examples=60, deadline=None)
@given(within(niche.MOBILISE_PARAMS))
def test_mobilisation_is_finite_and_never_negative(values):
    result = mobilise(**values)
    for series in (result.blood_cd34_per_ul, result.marrow_bound_fraction, result.marrow_free_fraction):
        assert np.all(np.isfinite(series)) and np.all(series >= 0)
    assert np.isfinite(result.yield_per_kg) and result.yield_per_kg >= 0
    assert len(result.days) == niche.TIME_POINTS


@settings(max_examples=30, deadline=None)
@given(within(niche.MOBILISE_PARAMS))
def test_closed_form_matches_a_tight_numerical_solution(values):
    """Integrated piece by piece (so the solver sees every change of rates) with a tight tolerance."""
    schedule = mobilise(**values).schedule
    t = np.linspace(0.0, schedule.starts[-1] + 0.5, 50)
    edges = [*schedule.starts, t[-1]]
    state, reference = schedule.steady, []
    for start, stop in zip(edges[:-1], edges[1:]):
        inside = t[(t >= start) & (t < stop)]
        piece = solve_ivp(schedule.rhs, (start, stop), state, method="LSODA", t_eval=[*inside, stop],
                          rtol=1e-11, atol=1e-11 * schedule.steady)
        reference.append(piece.y[:, :-1])
        state = piece.y[:, -1]
    reference = np.hstack([*reference, state[:, None]])
    scale = np.max(np.abs(reference), axis=1, keepdims=True)
    assert np.max(np.abs(schedule.solve(t) - reference) / scale) < 1e-6


def test_ode_cases_are_exposed_for_the_solver_checks():
    names = [case.name for case in niche.ode_cases()]
    assert "niche.mobilise[gcsf_plerixafor]" in names and "niche.compete[reduced]" in names


# ---------------------------------------------------------------- competition: limits and claims


def test_no_conditioning_and_no_homing_leaves_no_donor_stem_cells():
    result = compete(conditioning_logs=0, homing=0)
    assert np.all(result.hsc_chimerism == 0) and np.all(result.donor_niches == 0)


def test_no_dose_leaves_no_donor_stem_cells():
    assert compete(donor_dose=0).final_hsc_chimerism == 0


def test_the_strongest_conditioning_gives_a_fully_donor_marrow():
    result = compete(conditioning_logs=5)
    np.testing.assert_allclose(result.hsc_chimerism, 1.0, atol=1e-3)
    assert result.donor_niches[-1] == pytest.approx(1.0, abs=1e-3)


def test_conditioning_counts_logs_of_host_stem_cells_killed():
    for logs, surviving in ((0, 1.0), (1, 0.1), (2, 0.01), (4, 1e-4)):
        assert compete(conditioning_logs=logs).host_hscs_surviving == pytest.approx(surviving)


def test_myeloablative_gives_a_donor_marrow_reduced_intensity_mixed_none_almost_host():
    presets = {name: values["conditioning_logs"] for name, values in ((n, s.values) for n, s in niche.COMPETITION_SCENARIOS.items())}
    assert compete(conditioning_logs=presets["myeloablative"]).final_hsc_chimerism > 0.99
    assert 0.5 < compete(conditioning_logs=presets["reduced intensity"]).final_hsc_chimerism < 0.9
    assert compete(conditioning_logs=presets["no conditioning (SCID)"]).final_hsc_chimerism < 0.02


def test_conditioning_presets_are_many_slider_steps_apart():
    step = niche.PARAMS["conditioning_logs"].slider_step
    levels = sorted(values["conditioning_logs"] for values in (s.values for s in niche.COMPETITION_SCENARIOS.values()))
    assert np.all(np.diff(levels) >= 10 * step)


@pytest.mark.parametrize("host", niche.HOSTS)
def test_more_conditioning_gives_more_donor_chimerism(host):
    chimerism = [compete(conditioning_logs=c, host=host).final_hsc_chimerism for c in (0, 0.5, 1, 2, 3, 4, 5)]
    assert np.all(np.diff(chimerism) > 0)


@pytest.mark.parametrize("conditioning", [0, 1, 2])
def test_larger_dose_and_better_homing_give_more_donor_chimerism(conditioning):
    by_dose = [compete(conditioning_logs=conditioning, donor_dose=d).final_hsc_chimerism for d in (0.5, 2, 5, 10, 20)]
    by_homing = [compete(conditioning_logs=conditioning, homing=h).final_hsc_chimerism for h in (0.01, 0.05, 0.2, 1)]
    assert np.all(np.diff(by_dose) > 0) and np.all(np.diff(by_homing) > 0)


def test_without_conditioning_donor_stem_cells_cannot_exceed_the_free_niches():
    result = compete(conditioning_logs=0, donor_dose=20, homing=1, free_niches=0.01)
    assert result.final_hsc_chimerism <= 0.0101


def test_no_graft_means_no_donor_t_cells_and_no_split_chimerism():
    for conditioning in (0, 4):
        result = compete(conditioning_logs=conditioning, donor_dose=0, host="scid", graft_t_cells=0.2)
        assert np.all(result.donor_t_cells == 0) and not result.split_chimerism


def test_graft_t_cells_do_not_make_donor_stem_cells():
    chimerism = [compete(conditioning_logs=2, graft_t_cells=g).final_hsc_chimerism for g in (0, 0.05, 0.2)]
    assert np.ptp(chimerism) == 0


def test_more_graft_t_cells_fill_the_empty_scid_t_cell_pool_sooner():
    def months_to_half(graft_t_cells):
        result = compete(conditioning_logs=0, host="scid", graft_t_cells=graft_t_cells)
        return result.months[np.argmax(result.donor_t_cells >= 0.5)]
    assert months_to_half(0.001) > months_to_half(0.01) > months_to_half(0.1)


def test_myeloablative_graft_in_scid_is_fully_donor_not_split():
    result = compete(conditioning_logs=4, host="scid")
    assert not result.split_chimerism and result.final_hsc_chimerism > 0.99


def test_unconditioned_scid_graft_gives_split_chimerism():
    result = compete(conditioning_logs=0, host="scid")
    assert result.split_chimerism
    assert result.final_hsc_chimerism < 0.05 and result.final_t_cell_chimerism > 0.9
    assert result.donor_t_cells[-1] > 0.5  # the graft T cells fill most of the empty T-cell space


def test_graft_t_cells_cannot_expand_in_a_host_with_its_own_t_cells():
    immunocompetent = compete(conditioning_logs=0, host="immunocompetent")
    assert not immunocompetent.split_chimerism and immunocompetent.final_t_cell_chimerism < 0.05


def test_no_graft_t_cells_means_no_donor_t_cells_early():
    assert compete(conditioning_logs=0, host="scid", graft_t_cells=0).final_t_cell_chimerism == 0


def test_niches_refill_over_months_and_the_donor_share_is_set_at_lodging():
    result = compete(conditioning_logs=2)
    occupied = result.donor_niches + result.host_niches
    assert np.all(np.diff(occupied) >= 0) and occupied[0] < 0.1 and occupied[-1] > 0.99
    np.testing.assert_allclose(result.hsc_chimerism, result.hsc_chimerism[0], rtol=1e-9)


def test_scid_t_cells_recover_over_a_year_or_more():
    donor_t = compete(conditioning_logs=0, host="scid").donor_t_cells
    months = compete(conditioning_logs=0, host="scid").months
    half = months[np.argmax(donor_t >= 0.5 * donor_t[-1])]
    assert 3 <= half <= 18


@settings(max_examples=100, deadline=None)
@given(within(niche.COMPETE_PARAMS))
def test_occupancy_and_chimerism_stay_in_range(values):
    result = compete(**values)
    for series in (result.donor_niches, result.host_niches, result.donor_t_cells, result.host_t_cells):
        assert np.all(np.isfinite(series)) and np.all(series >= 0) and np.all(series <= 1 + 1e-12)
    for share in (result.hsc_chimerism, result.t_cell_chimerism):
        assert np.all(np.isfinite(share)) and np.all((share >= 0) & (share <= 1))
    assert np.all(result.donor_niches + result.host_niches <= 1 + 1e-12)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("call, message", [
    (lambda: mobilise(regimen="aspirin"),
     "regimen='aspirin' is not a valid choice; choose one of 'steady_state', 'gcsf', 'plerixafor', 'gcsf_plerixafor'"),
    (lambda: mobilise(regimen="gcsf", collection_day=0), "collection_day=0 is outside the allowed range 2..9 day"),
    (lambda: mobilise(regimen="gcsf", weight_kg=-70), "weight_kg=-70 is outside"),
    (lambda: compete(conditioning_logs=6), "conditioning_logs=6 is outside the allowed range 0..5 logs"),
    (lambda: compete(donor_dose=-1), "donor_dose=-1 is outside the allowed range 0..20 1e6 CD34\\+/kg"),
    (lambda: compete(homing="most"), "homing='most' is not a number"),
    (lambda: compete(host="mouse"), "host='mouse' is not a valid choice; choose one of 'immunocompetent', 'scid'"),
    (lambda: compete(months=2.5), "months=2.5 is outside"),
])
def test_bad_input_names_the_parameter_and_the_allowed_values(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---------------------------------------------------------------- further claims of notebook 03's text


def test_plerixafor_on_top_of_gcsf_roughly_triples_the_count():
    ratio = mobilise(regimen="gcsf_plerixafor").collection_cd34_per_ul / mobilise(regimen="gcsf").collection_cd34_per_ul
    assert 2 < ratio < 5


def test_with_both_drugs_most_of_the_marrow_pool_is_out_of_its_niches_at_collection():
    shares = {r: mobilise(regimen=r).unbound_share_at_collection for r in niche.REGIMENS}
    assert shares["gcsf_plerixafor"] > 0.8
    assert shares["steady_state"] < shares["plerixafor"] < shares["gcsf"] < shares["gcsf_plerixafor"]


def test_steady_state_collection_gives_about_a_sixth_of_the_minimum():
    share = mobilise(regimen="steady_state").yield_per_kg / niche.MINIMUM_YIELD_PER_KG
    assert 0.1 < share < 0.25


def test_doubling_the_dose_barely_changes_unconditioned_chimerism():
    single, double = (compete(conditioning_logs=0, donor_dose=d).final_hsc_chimerism for d in (5, 10))
    assert double - single < 0.005


def test_dose_and_homing_matter_most_after_reduced_intensity_conditioning():
    def gain(conditioning):
        return (compete(conditioning_logs=conditioning, homing=0.2).final_hsc_chimerism
                - compete(conditioning_logs=conditioning, homing=0.05).final_hsc_chimerism)
    assert gain(2) > gain(4) and gain(2) > gain(0)


def test_scid_t_cells_are_almost_all_donor_within_a_year():
    result = compete(conditioning_logs=0, host="scid")
    assert result.t_cell_chimerism[np.searchsorted(result.months, 12)] > 0.95


def test_niche_refilling_takes_months_after_myeloablation():
    result = compete(conditioning_logs=4)
    occupied = result.donor_niches + result.host_niches
    assert 2 <= result.months[np.argmax(occupied >= 0.5)] <= 8


# ---------------------------------------------------------------- homing is counted once


def test_homing_is_counted_once():
    """Wang 1997 counted repopulating cells after intravenous injection, so that count already includes the homing
    loss. At the defaults, the donor stem cells reaching the marrow equal dose x that count, not 5% of it."""
    measured_per_cd34 = niche.REPOPULATING_PER_MOBILISED_MNC / niche.CD34_SHARE_OF_MOBILISED_MNC
    reaching_per_kg = compete().homed_donor_hscs * niche.PARAMS["niches_per_kg"].default
    assert reaching_per_kg == pytest.approx(5e6 * measured_per_cd34, rel=0.02)


def test_homing_default_is_the_cashman_and_eaves_figure():
    assert niche.PARAMS["homing"].default == niche.CASHMAN_HOMING == 0.05


def test_slider_grids_are_tidy_and_pass_through_the_defaults():
    from helpers.explore import control_for
    for name in ("processed_blood_volume_l", "weight_kg", "collection_efficiency", "collection_day",
                 "conditioning_logs", "donor_dose", "homing", "graft_t_cells"):
        spec, slider = niche.PARAMS[name], control_for(niche.PARAMS[name])
        assert (slider.min, slider.max) == (spec.low, spec.high), name
        assert (spec.default - spec.low) / slider.step == pytest.approx(round((spec.default - spec.low) / slider.step))


def test_a_heavy_recipient_falls_short_of_the_target_when_less_blood_is_processed():
    assert mobilise(regimen="gcsf", weight_kg=120).meets_target
    assert not mobilise(regimen="gcsf", weight_kg=120, processed_blood_volume_l=7.5).meets_target


# ---------------------------------------------------------------- numbers the notebook's text gives


def test_gcsf_course_numbers_in_the_notebook():
    counts = {d: mobilise(regimen="gcsf", collection_day=d).collection_cd34_per_ul for d in (3, 5, 7)}
    assert counts[3] == pytest.approx(38, rel=0.05) and counts[7] == pytest.approx(112, rel=0.05)
    assert counts[5] > 2 * counts[3]
    gcsf = mobilise(regimen="gcsf")
    assert at_day(gcsf, 3.0) / gcsf.steady_cd34_per_ul == pytest.approx(12, rel=0.1)


def test_combination_is_limited_by_the_bound_pool():
    assert mobilise(regimen="gcsf").unbound_share_at_collection == pytest.approx(0.25, abs=0.02)
    assert mobilise(regimen="gcsf_plerixafor").unbound_share_at_collection == pytest.approx(0.87, abs=0.02)
    release = mobilise(regimen="gcsf").schedule.release
    assert release.max() / release[0] == pytest.approx(30, rel=0.1)  # "about 30 times faster than at rest"


def test_plerixafor_alone_reaches_the_target_in_the_model():
    assert mobilise(regimen="plerixafor").meets_target


def test_weight_numbers_in_the_notebook():
    child, adult = (mobilise(regimen="gcsf", weight_kg=w).yield_per_kg for w in (20, 70))
    assert child / adult == pytest.approx(3.5)
    assert mobilise(regimen="gcsf", weight_kg=120).yield_per_kg == pytest.approx(5.8e6, rel=0.02)


def test_chimerism_numbers_in_the_notebook():
    presets = {name: values["conditioning_logs"] for name, values in ((n, s.values) for n, s in niche.COMPETITION_SCENARIOS.items())}
    reduced, ablative = presets["reduced intensity"], presets["myeloablative"]
    assert compete(conditioning_logs=reduced).host_hscs_surviving == pytest.approx(
        100 * compete(conditioning_logs=ablative).host_hscs_surviving)
    assert compete(conditioning_logs=reduced).final_hsc_chimerism == pytest.approx(0.85, abs=0.01)
    assert compete(conditioning_logs=reduced, homing=0.2).final_hsc_chimerism == pytest.approx(0.95, abs=0.01)
    assert compete(conditioning_logs=0).final_hsc_chimerism == pytest.approx(0.01, abs=0.001)
    assert compete(conditioning_logs=0, host="scid").t_cell_chimerism[np.searchsorted(compete().months, 12)] > 0.98


@pytest.mark.parametrize("graft_t_cells, months", [(0.1, 4.5), (0.01, 9)])
def test_graft_t_cell_numbers_in_the_notebook(graft_t_cells, months):
    result = compete(conditioning_logs=0, host="scid", graft_t_cells=graft_t_cells)
    assert result.months[np.argmax(result.donor_t_cells >= 0.5)] == pytest.approx(months, abs=0.5)


def test_a_t_cell_depleted_graft_gives_no_donor_t_cells_in_the_model():
    assert np.all(compete(conditioning_logs=0, host="scid", graft_t_cells=0).donor_t_cells == 0)


# ---------------------------------------------------------------- the notebook's questions


def test_questions_answers_come_from_the_model():
    from helpers.questions import niche as questions
    assert questions.apheresis_yield.answer == pytest.approx(mobilise(regimen="gcsf").yield_per_kg, rel=0.01)
    assert questions.apheresis_yield.check("93 * 15e6 * 0.5 / 70").correct
    assert questions.stem_cells_reaching_marrow.answer == pytest.approx(5e6 * 100 / 6e6, rel=0.02)
    assert questions.stem_cells_reaching_marrow.check(5e6 * 100 / 6e6).correct
    assert not questions.stem_cells_reaching_marrow.check(5e6 * 100 / 6e6 * 0.05).correct  # homing counted twice
    for question in (questions.apheresis_yield, questions.stem_cells_reaching_marrow):
        assert not question.check(None).correct


def test_the_notebook_gives_the_learner_the_models_numbers():
    import re
    from pathlib import Path
    import nbformat
    from helpers.questions import niche as questions
    nb = nbformat.read(Path(__file__).parents[1] / "notebooks" / "03_hsc_niche.ipynb", as_version=4)
    text = re.sub(r"\s+", " ", " ".join(c.source for c in nb.cells if c.cell_type == "markdown")).replace("*", "")
    assert f"has {questions.DAY5_COUNT_PER_UL} CD34+ cells per microlitre" in text
    assert "processes 15 litres" in text and "collects half" in text and "weighs 70 kg" in text
    assert f"About 1 in {1 / niche.CD34_SHARE_OF_MOBILISED_MNC:.0f} mononuclear cells" in text
    assert f"1 repopulating cell in {questions.MNC_PER_REPOPULATING_CELL:.1e}".replace("e+06", "e6") in text
    assert f"about {niche.PARAMS['niches_per_kg'].default:,.0f} niches per kg" in text


def test_t_cell_chimerism_numbers_in_the_notebook():
    """Host T cells fall by the conditioning's logs: 2 logs leave 1% beside the graft's 1% (half and half), 4 logs
    0.01% (99% donor)."""
    assert compete(conditioning_logs=2).final_t_cell_chimerism == pytest.approx(0.5)
    assert compete(conditioning_logs=2).t_cell_chimerism[0] == pytest.approx(0.5)
    assert compete(conditioning_logs=4).final_t_cell_chimerism == pytest.approx(0.99, abs=0.001)
    assert niche.PARAMS["graft_t_cells"].default == 0.01


def test_the_notebook_names_scenarios_and_controls_as_the_explorers_show_them():
    import re
    from pathlib import Path
    import nbformat
    from helpers.explore import control_for
    nb = nbformat.read(Path(__file__).parents[1] / "notebooks" / "03_hsc_niche.ipynb", as_version=4)
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for name in (*niche.MOBILISATION_SCENARIOS, *niche.COMPETITION_SCENARIOS):
        assert re.search(rf"\*\*?{re.escape(name)}", text, flags=re.IGNORECASE), name
    assert f"*{control_for(niche.PARAMS['collection_day']).description}*" in text
    assert "**Both:**" not in text and "Steady state:" not in text
