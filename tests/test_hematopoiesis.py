"""Notebook 01's models: clone fates, the steady-state hierarchy and feedback recovery."""
import math
import time

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.integrate import solve_ivp

from helpers.models import hematopoiesis as hem
from helpers.models.hematopoiesis import PARAMS, clone_fates, simulate, steady_state

RED, NEUTROPHIL, PLATELET = range(3)


def floats(name):
    spec = PARAMS[name]
    return st.floats(spec.low, spec.high)


def integers(name):
    spec = PARAMS[name]
    return st.integers(int(spec.low), int(spec.high))


# ------------------------------------------------------------------------------------------------ calibration
def test_defaults_land_in_the_published_ranges():
    state = steady_state()
    assert state.lineages == ("red_cell", "neutrophil", "platelet")
    # Catlin 2011: > 1e11/day each of red cells and platelets.
    assert state.daily_output[RED] > 1e11 and state.daily_output[PLATELET] > 1e11
    # Neutrophils: 5-10e10/day (Summers 2010), the low end, so that with the 19-h half-life (Lahoz-Beneytez 2016)
    # the blood pool stays within 1.5x of ~4e10 (circulating ~2e10 at ANC 4e9/L in 5 L, and about as many marginated).
    assert 5e10 * 0.98 <= state.daily_output[NEUTROPHIL] <= 1e11
    assert state.blood_pool[NEUTROPHIL] <= 1.5 * 4e10
    # Sender and Milo 2021: red cells made at 2.1e11/day into a pool of 2.5e13.
    assert state.daily_output[RED] == pytest.approx(2.1e11, rel=0.05)
    assert 2.2e13 <= state.blood_pool[RED] <= 2.8e13
    # Lee-Six 2018 (1e5 HSCs) dividing every 280 days (Catlin 2011): ~357 cells leave the HSC pool a day.
    assert state.hsc_output_per_day == pytest.approx(1e5 / 280)
    # "By the numbers": about 30 doublings between HSC output and ~3.7e11 cells a day.
    assert 29.5 <= state.amplifying_divisions <= 30.5
    assert state.amplifying_divisions == pytest.approx(math.log2(state.total_daily_output / state.hsc_output_per_day))


def test_defaults_are_within_the_published_bands_of_calibration_md():
    assert 5e4 <= PARAMS["hsc_count"].default <= 2e5  # Lee-Six 2018
    assert 25 * 7 <= PARAMS["hsc_division_interval_days"].default <= 50 * 7  # Catlin 2011
    assert PARAMS["red_cell_lifespan_days"].default == 116  # Sender and Milo 2021
    assert PARAMS["neutrophil_half_life_days"].default == pytest.approx(19 / 24, rel=0.01)  # Lahoz-Beneytez 2016
    assert PARAMS["marrow_transit_days"].default == 5.8  # Lahoz-Beneytez 2016
    assert 8 <= PARAMS["platelet_lifespan_days"].default <= 10  # Fliedner 2002: at most about 10 days


def test_pools_are_output_times_residence():
    state = steady_state(neutrophil_half_life_days=0.79, platelet_lifespan_days=9)
    residence = state.blood_pool / state.daily_output
    np.testing.assert_allclose(residence, [116, 0.79 / math.log(2), 9])
    np.testing.assert_allclose(state.marrow_pool / state.daily_output, 5.8)


def test_normal_counts_follow_the_published_pool():
    unit, typical, low, high, _ = hem.NORMAL_COUNTS["red_cell"]
    assert typical == pytest.approx(5.0) and low < typical < high
    for unit, typical, low, high, _ in hem.NORMAL_COUNTS.values():
        assert low < typical < high
    assert hem.NORMAL_COUNTS["neutrophil"][2:4] == (1.5, 7.5)  # calibration.md, adult ANC


# ------------------------------------------------------------------------------------------ steady-state claims
def test_output_scales_with_hsc_number_and_division_rate():
    base = steady_state()
    np.testing.assert_allclose(steady_state(hsc_count=2e5).daily_output, 2 * base.daily_output)
    np.testing.assert_allclose(steady_state(hsc_division_interval_days=560).daily_output, base.daily_output / 2)
    # One more amplifying division doubles every lineage's output.
    np.testing.assert_allclose(steady_state(amplifying_divisions=31).daily_output, 2 * base.daily_output)


def test_longer_lifespan_means_a_bigger_pool_from_the_same_output():
    short, long = steady_state(red_cell_lifespan_days=60), steady_state(red_cell_lifespan_days=120)
    assert long.daily_output[RED] == short.daily_output[RED]
    assert long.blood_pool[RED] == pytest.approx(2 * short.blood_pool[RED])


def test_lineage_bias_moves_output_between_lineages_not_the_total():
    erythroid = steady_state(erythroid_share=0.6)
    myeloid = steady_state(erythroid_share=0.3)
    assert erythroid.daily_output[RED] > myeloid.daily_output[RED]
    assert erythroid.daily_output[NEUTROPHIL] < myeloid.daily_output[NEUTROPHIL]
    assert erythroid.total_daily_output == pytest.approx(myeloid.total_daily_output)


# ----------------------------------------------------------------------------------------------- clone fates
def test_extinction_is_certain_when_differentiation_matches_or_beats_renewal():
    for renew, diff in [(0.25, 0.25), (0.1, 0.4), (0, 0.5), (0.3, 0.3)]:
        assert clone_fates(p_sym_renew=renew, p_sym_diff=diff).extinction_probability == 1.0


def test_extinction_is_the_ratio_when_renewal_wins():
    fates = clone_fates(p_sym_renew=0.4, p_sym_diff=0.1)
    assert fates.extinction_probability == pytest.approx(0.25)
    # It is a root of the offspring generating function f(s) = s.
    q, asym = fates.extinction_probability, 1 - 0.4 - 0.1
    assert 0.1 + asym * q + 0.4 * q * q == pytest.approx(q)
    assert fates.mean_offspring == pytest.approx(1.3)


def test_without_symmetric_differentiation_no_clone_dies():
    fates = clone_fates(p_sym_renew=0.2, p_sym_diff=0)
    assert fates.extinction_probability == 0 and fates.simulated_extinction == 0
    only_asymmetric = clone_fates(p_sym_renew=0, p_sym_diff=0, divisions=10)
    assert np.all(only_asymmetric.sizes == 1) and only_asymmetric.extinction_probability == 0


@pytest.mark.parametrize("renew, diff", [(0.25, 0.25), (0.15, 0.35), (0.35, 0.15), (0.45, 0.05), (0.3, 0.2)])
def test_simulated_extinction_matches_the_analytic_one_within_sampling_error(renew, diff):
    fates = clone_fates(p_sym_renew=renew, p_sym_diff=diff, divisions=40, n_clones=300)
    q = fates.extinct_by_division
    error = 4 * np.sqrt(q * (1 - q) / 300) + 3 / 300  # four standard errors, plus a few clones in the tails
    assert np.all(np.abs((1 - fates.surviving_fraction) - q) <= error)
    # By 40 divisions the finite-time answer has nearly reached the eventual one (except at the critical point).
    if renew != diff:
        assert q[-1] == pytest.approx(fates.extinction_probability, abs=0.01)


def test_mean_clone_size_follows_the_mean_offspring():
    fates = clone_fates(p_sym_renew=0.3, p_sym_diff=0.25, divisions=20, n_clones=300)
    np.testing.assert_allclose(fates.expected_clone_size, 1.05 ** np.arange(21))
    assert fates.mean_clone_size[-1] == pytest.approx(fates.expected_clone_size[-1], rel=0.25)


def test_more_self_renewal_means_fewer_clones_die_out():
    analytic = [clone_fates(p_sym_renew=r, p_sym_diff=0.2).extinction_probability for r in (0.2, 0.3, 0.4, 0.5)]
    assert analytic == sorted(analytic, reverse=True) and analytic[0] > analytic[-1]
    simulated = [clone_fates(p_sym_renew=r, p_sym_diff=0.2, n_clones=300).simulated_extinction for r in (0.1, 0.3, 0.5)]
    assert simulated == sorted(simulated, reverse=True)


def test_balanced_clones_drift_most_die_and_survivors_grow():
    # The notebook's claim for "healthy": the average stays at one HSC, but most clones are lost and a few grow.
    fates = clone_fates(n_clones=300)
    assert fates.mean_offspring == 1 and fates.expected_clone_size[-1] == 1
    assert fates.simulated_extinction > 0.8
    survivors = fates.sizes[fates.sizes[:, -1] > 0, -1]
    assert survivors.mean() > 5
    # A critical process: the variance of the clone size after n divisions is n (p_sym_renew + p_sym_diff).
    standard_error = np.sqrt(40 * 0.5 / 300)
    assert fates.mean_clone_size[-1] == pytest.approx(1, abs=4 * standard_error)


def test_a_fixed_seed_gives_the_same_clones():
    np.testing.assert_array_equal(clone_fates(seed=7).sizes, clone_fates(seed=7).sizes)
    assert not np.array_equal(clone_fates(seed=7).sizes, clone_fates(seed=8).sizes)


# ------------------------------------------------------------------------------------------------- feedback
def test_without_a_disturbance_counts_stay_normal():
    course = simulate(blood_loss_fraction=0, marrow_kill_fraction=0)
    np.testing.assert_allclose(course.relative, 1.0, atol=1e-12)
    assert course.recovery_day == (0.0, 0.0, 0.0)
    typical = [hem.NORMAL_COUNTS[name][1] for name in hem.LINEAGES]
    np.testing.assert_allclose(course.counts[:, -1], typical)


def test_a_bleed_lowers_every_count_and_production_rises():
    course = simulate(blood_loss_fraction=0.3)
    np.testing.assert_allclose(course.relative[:, 0], 0.7)
    assert np.all(course.production[:, 0] > 1)
    assert np.all(course.relative[:, -1] > 0.95)


def test_a_blood_donation_is_made_up_within_one_to_three_months():
    red, neutrophil, platelet = simulate(blood_loss_fraction=0.1, days=180).recovery_day
    assert 20 <= red <= 90 and neutrophil <= 1.5 and platelet <= 8


def test_an_overshoot_counts_as_recovered():
    # After a major bleed platelets overshoot a little; they are back when they reach 95% of normal, not when the
    # overshoot has settled.
    course = simulate(blood_loss_fraction=0.4, days=180)
    assert course.peak_relative[PLATELET] > 1.02
    back = course.recovery_day[PLATELET]
    first_back = course.days[np.argmax(course.relative[PLATELET] >= 0.95)]
    assert back == pytest.approx(first_back) and back < 16


@pytest.mark.parametrize("loss", [0.1, 0.2, 0.4])
def test_short_lived_cells_come_back_first(loss):
    red, neutrophil, platelet = simulate(blood_loss_fraction=loss, days=365).recovery_day
    assert neutrophil < platelet < red


def test_without_feedback_red_cells_take_most_of_a_year():
    with_feedback = simulate(blood_loss_fraction=0.4, days=365).recovery_day[RED]
    without = simulate(blood_loss_fraction=0.4, feedback_gain=0, days=365).recovery_day[RED]
    assert 60 <= with_feedback <= 130 and without > 180


def test_a_bigger_bleed_takes_longer_to_recover():
    days = [simulate(blood_loss_fraction=f, days=365).recovery_day[RED] for f in (0.1, 0.2, 0.3, 0.4, 0.5)]
    assert days == sorted(days) and days[0] < days[-1]


def test_stronger_feedback_recovers_red_cells_sooner():
    days = [simulate(blood_loss_fraction=0.3, feedback_gain=g, days=365).recovery_day[RED] for g in (0.5, 1, 1.5)]
    assert days == sorted(days, reverse=True) and days[0] > days[-1]


def test_chemotherapy_dip_hits_short_lived_cells_hardest_and_recovers():
    course = simulate(blood_loss_fraction=0, marrow_kill_fraction=0.9, days=60)
    relative_nadir = course.relative.min(axis=1)
    assert relative_nadir[NEUTROPHIL] < relative_nadir[PLATELET] < relative_nadir[RED]
    assert course.nadir[NEUTROPHIL] < hem.NORMAL_COUNTS["neutrophil"][2]  # below the normal range
    assert course.neutropenia_days > 0
    assert course.nadir_day[NEUTROPHIL] < course.nadir_day[PLATELET] < course.nadir_day[RED]
    assert all(day is not None and day < 60 for day in course.recovery_day[1:])
    # Counts may overshoot a little after the dip, never wildly.
    assert np.all(course.peak_relative < 1.35)


@pytest.mark.parametrize("kill", [0.3, 0.6, 0.9, 0.97, 0.99])
def test_chemotherapy_nadir_comes_in_the_second_week(kill):
    # The post-mitotic marrow pool is spared and keeps releasing neutrophils for about 5.8 days, so the nadir comes
    # at days 7-14, as in patients (general knowledge), not at once.
    course = simulate(blood_loss_fraction=0, marrow_kill_fraction=kill, days=60)
    assert 7 <= course.nadir_day[NEUTROPHIL] <= 14
    assert np.all(course.relative[NEUTROPHIL, course.days < 2] > 0.97)  # spared cells keep the count up at first


def test_a_strong_kill_gives_severe_neutropenia():
    course = simulate(blood_loss_fraction=0, marrow_kill_fraction=0.97, days=60)
    assert course.nadir[NEUTROPHIL] < hem.SEVERE_NEUTROPENIA and course.severe_neutropenia_days > 0


def test_more_chemotherapy_means_a_deeper_neutrophil_dip():
    nadirs = [simulate(blood_loss_fraction=0, marrow_kill_fraction=k).nadir[NEUTROPHIL] for k in (0.3, 0.6, 0.9, 0.99)]
    assert nadirs == sorted(nadirs, reverse=True) and nadirs[0] > nadirs[-1]


def test_neutrophils_recover_after_the_chemotherapy_nadir():
    course = simulate(blood_loss_fraction=0, marrow_kill_fraction=0.97, days=60)
    after = course.days > course.nadir_day[NEUTROPHIL]
    back = course.days[after][np.argmax(course.counts[NEUTROPHIL, after] >= hem.NEUTROPENIA)]
    assert course.counts[NEUTROPHIL, after].max() >= hem.NEUTROPENIA and back <= 28  # out of neutropenia by week 4
    assert np.all(course.counts[NEUTROPHIL, course.days > 28] >= hem.NEUTROPENIA)


def test_without_feedback_there_is_no_overshoot():
    course = simulate(blood_loss_fraction=0.3, marrow_kill_fraction=0.5, feedback_gain=0)
    assert np.all(course.peak_relative <= 1 + 1e-12)


# ----------------------------------------------------------------------------------------- properties (domain)
@settings(max_examples=150, deadline=None)
@given(renew=floats("p_sym_renew"), diff=floats("p_sym_diff"), divisions=integers("divisions"),
       n_clones=st.integers(10, 300), seed=integers("seed"))
def test_clone_fates_are_finite_and_non_negative(renew, diff, divisions, n_clones, seed):
    fates = clone_fates(p_sym_renew=renew, p_sym_diff=diff, divisions=divisions, n_clones=n_clones, seed=seed)
    assert fates.sizes.shape == (n_clones, divisions + 1) and np.all(fates.sizes >= 0)
    for values in (fates.surviving_fraction, fates.extinct_by_division, fates.mean_clone_size,
                   fates.expected_clone_size):
        assert np.all(np.isfinite(values)) and np.all(values >= 0)
    assert np.all(fates.surviving_fraction <= 1) and np.all(np.diff(fates.surviving_fraction) <= 0)
    assert np.all(np.diff(fates.extinct_by_division) >= -1e-15)
    assert 0 <= fates.extinct_by_division[-1] <= fates.extinction_probability + 1e-12 <= 1 + 1e-12
    assert 0 <= fates.simulated_extinction <= 1


@settings(max_examples=150, deadline=None)
@given(hsc=floats("hsc_count"), interval=floats("hsc_division_interval_days"),
       doublings=floats("amplifying_divisions"), erythroid=floats("erythroid_share"),
       platelet=floats("platelet_share_of_myeloid"), other=floats("other_lineage_share"),
       red=floats("red_cell_lifespan_days"), half_life=floats("neutrophil_half_life_days"),
       platelet_life=floats("platelet_lifespan_days"), marrow=floats("marrow_transit_days"))
def test_steady_state_is_finite_and_non_negative(hsc, interval, doublings, erythroid, platelet, other, red,
                                                 half_life, platelet_life, marrow):
    state = steady_state(hsc_count=hsc, hsc_division_interval_days=interval, amplifying_divisions=doublings,
                         erythroid_share=erythroid, platelet_share_of_myeloid=platelet, other_lineage_share=other,
                         red_cell_lifespan_days=red, neutrophil_half_life_days=half_life,
                         platelet_lifespan_days=platelet_life, marrow_transit_days=marrow)
    for values in (state.daily_output, state.blood_pool, state.marrow_pool):
        assert np.all(np.isfinite(values)) and np.all(values >= 0)
    assert state.total_daily_output > 0 and math.isfinite(state.amplifying_divisions)
    assert state.total_daily_output <= state.hsc_output_per_day * 2 ** doublings * (1 + 1e-12)


@settings(max_examples=300, deadline=None)
@given(loss=floats("blood_loss_fraction"), kill=floats("marrow_kill_fraction"), gain=floats("feedback_gain"),
       progenitor=floats("progenitor_transit_days"), precursor=floats("precursor_transit_days"),
       marrow=floats("marrow_transit_days"),
       red=floats("red_cell_lifespan_days"), half_life=floats("neutrophil_half_life_days"),
       platelet=floats("platelet_lifespan_days"), days=integers("days"))
def test_recovery_is_finite_non_negative_and_production_never_negative(loss, kill, gain, progenitor, precursor,
                                                                       marrow, red, half_life, platelet, days):
    # Non-negativity over the allowed domain: production (progenitor output + g x deficit) stays >= 0, so every
    # compartment, fed by a non-negative input, stays >= 0; and every count is finite.
    course = simulate(blood_loss_fraction=loss, marrow_kill_fraction=kill, feedback_gain=gain,
                      progenitor_transit_days=progenitor, precursor_transit_days=precursor,
                      marrow_transit_days=marrow, red_cell_lifespan_days=red,
                      neutrophil_half_life_days=half_life, platelet_lifespan_days=platelet, days=days)
    for values in (course.counts, course.compartments, course.production):
        assert np.all(np.isfinite(values))
    assert np.all(course.production >= 0)
    assert np.all(course.compartments >= -1e-12) and np.all(course.counts >= 0)
    assert course.days[-1] == days and len(course.days) == hem.TIME_POINTS
    assert 0 <= course.severe_neutropenia_days <= course.neutropenia_days <= days
    assert all(day is None or 0 <= day <= days for day in course.recovery_day)


# ---------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("function, name, value, message", [
    (clone_fates, "p_sym_renew", 0.7, r"p_sym_renew=0.7 is outside the allowed range 0..0.5"),
    (clone_fates, "divisions", 2.5, r"divisions=2.5 must be a whole number in 1..50 divisions"),
    (clone_fates, "n_clones", 5, r"n_clones=5 is outside the allowed range 10..300 clones"),
    (steady_state, "hsc_count", -1, r"hsc_count=-1 is outside the allowed range 1e4..1e6 cells"),
    (steady_state, "hsc_division_interval_days", 3, r"hsc_division_interval_days=3 is outside the allowed range 50..700 days"),
    (simulate, "blood_loss_fraction", 0.9, r"blood_loss_fraction=0.9 is outside the allowed range 0..0.5"),
    (simulate, "feedback_gain", float("nan"), r"feedback_gain=nan is outside the allowed range 0..1.5"),
    (simulate, "days", "ten", r"days='ten' is not a number"),
])
def test_bad_input_names_the_parameter_value_and_range(function, name, value, message):
    with pytest.raises(ValueError, match=message):
        function(**{name: value})


# ------------------------------------------------------------------------------------------------- ODE speed
CASES = hem.ode_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_exact_propagator_matches_lsoda_and_beats_it(case):
    reference = solve_ivp(case.rhs, (case.t[0], case.t[-1]), case.y0, method="LSODA", t_eval=case.t,
                          rtol=1e-10, atol=1e-12)
    fast = case.fast()
    assert fast.shape == reference.y.shape
    assert np.max(np.abs(fast - reference.y)) < 1e-7

    def best_of(run, repeats=5):
        timings = []
        for _ in range(repeats):
            start = time.perf_counter()
            run()
            timings.append(time.perf_counter() - start)
        return min(timings)

    lsoda = best_of(lambda: solve_ivp(case.rhs, (case.t[0], case.t[-1]), case.y0, method="LSODA", t_eval=case.t,
                                      rtol=1e-6))
    assert best_of(case.fast) < lsoda / 3


def test_the_numbers_notebook_01_quotes_for_the_feedback_presets():
    donation = simulate(blood_loss_fraction=0.1, days=120).recovery_day
    assert donation[NEUTROPHIL] <= 1.5 and donation[PLATELET] <= 8 and 35 <= donation[RED] <= 50  # "about six weeks"
    major = simulate(blood_loss_fraction=0.4, days=180)
    assert 105 <= major.recovery_day[RED] <= 135  # "about four months"
    assert 1.02 <= major.peak_relative[PLATELET] <= 1.06  # "overshoot a little (by about 4%)"
    assert 210 <= simulate(blood_loss_fraction=0.4, feedback_gain=0, days=365).recovery_day[RED] <= 270  # ~8 months
    chemo = simulate(blood_loss_fraction=0, marrow_kill_fraction=0.97, days=42)
    assert chemo.nadir[NEUTROPHIL] == pytest.approx(0.47, abs=0.02) and round(chemo.nadir_day[NEUTROPHIL]) == 10
    below = chemo.days[chemo.counts[NEUTROPHIL] < hem.NEUTROPENIA]
    assert 6.5 <= below.min() and below.max() <= 15  # below the normal range from about day 7 to day 14
    late = chemo.days > 25  # a second, gentle dip while the progenitors grow back
    assert 0.75 <= chemo.relative[NEUTROPHIL, late].min() <= 0.9
    assert 30 <= chemo.days[late][chemo.relative[NEUTROPHIL, late].argmin()] <= 36
    assert 36 <= chemo.recovery_day[NEUTROPHIL] <= 42
    assert 14 <= chemo.nadir_day[PLATELET] <= 18 and chemo.relative[RED].min() > 0.85


def test_the_numbers_notebook_01_quotes_for_the_clone_presets():
    healthy = clone_fates()
    assert healthy.extinct_by_division[-1] == pytest.approx(0.91, abs=0.01)
    assert healthy.mean_clone_size[-1] == pytest.approx(0.425)  # the fixed seed's 200 clones
    assert clone_fates(n_clones=300).mean_clone_size[-1] == pytest.approx(0.82, abs=0.005)
    assert clone_fates(p_sym_renew=0.15, p_sym_diff=0.35).extinct_by_division[10] == pytest.approx(0.94, abs=0.01)
    assert 1 - clone_fates(p_sym_renew=0.35, p_sym_diff=0.15).extinction_probability == pytest.approx(0.57, abs=0.01)


def test_the_numbers_notebook_01_quotes_for_the_hierarchy_presets():
    base = steady_state()
    assert base.total_daily_output == pytest.approx(3.7e11, rel=0.02)
    assert base.blood_pool[NEUTROPHIL] == pytest.approx(5.7e10, rel=0.02)
    biased = steady_state(erythroid_share=0.3, platelet_share_of_myeloid=0.4)  # the "myeloid bias" preset
    assert 2.8 <= biased.daily_output[NEUTROPHIL] / base.daily_output[NEUTROPHIL] <= 3.3  # "triples"
    assert 0.5 <= biased.daily_output[RED] / base.daily_output[RED] <= 0.6  # "almost halves"
    # The older figure of > 1e11 granulocytes a day with the 19-h half-life: a pool of > 1.1e11, vs ~4e10 measured.
    assert 2.5 <= 1e11 * hem.blood_residence_days(red_cell_lifespan_days=116, neutrophil_half_life_days=0.79,
                                              platelet_lifespan_days=9)[NEUTROPHIL] / 4e10 <= 3  # "nearly three times"
