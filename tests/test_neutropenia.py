"""Neutropenia hazard: closed forms, monotone directions, calibration against Bodey 1966, bad input."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.models.neutropenia import PARAMS, episode, episode_course, infection_risk

H_REF = PARAMS["reference_hazard_per_day"].default
TAU = PARAMS["duration_scale_days"].default


def test_constant_normal_count_gives_a_constant_hazard_and_exponential_risk():
    days = np.linspace(0, 30, 61)
    result = infection_risk(days=days, anc_1e9_per_l=np.full(days.shape, 4.0))
    assert np.allclose(result.hazard_per_day, H_REF * 0.25)
    assert np.allclose(result.cumulative_risk, 1 - np.exp(-H_REF * 0.25 * days))
    assert result.days_below_1_0 == 0


def test_constant_deep_neutropenia_matches_the_closed_form():
    """Below 1.0e9/L from day 0: h = h_ref (1/ANC)^beta (1 + t/tau), so H(t) = h0 (t + t^2 / (2 tau))."""
    days = np.linspace(0, 21, 2101)
    result = infection_risk(days=days, anc_1e9_per_l=np.full(days.shape, 0.1))
    h0 = H_REF * 10.0
    assert np.allclose(result.hazard_per_day, h0 * (1 + days / TAU))
    assert np.allclose(result.cumulative_risk, 1 - np.exp(-h0 * (days + days**2 / (2 * TAU))), rtol=1e-6)
    assert result.days_below_0_5 == pytest.approx(21)


def test_the_duration_clock_restarts_when_the_count_recovers():
    days = np.arange(0.0, 30.0)
    anc = np.where((days >= 10) & (days < 12), 3.0, 0.3)
    result = infection_risk(days=days, anc_1e9_per_l=anc)
    assert result.hazard_per_day[12] == pytest.approx(result.hazard_per_day[1])  # one day below, again
    assert result.hazard_per_day[9] > result.hazard_per_day[0]


def test_hazard_rises_steeply_below_1000_per_ul():
    days = np.array([0.0, 1.0])
    hazard = [infection_risk(days=days, anc_1e9_per_l=np.full(2, anc)).hazard_per_day[0] for anc in (1.0, 0.5, 0.1)]
    assert hazard[1] == pytest.approx(2 * hazard[0]) and hazard[2] == pytest.approx(10 * hazard[0])


def test_deeper_and_longer_episodes_carry_more_risk():
    by_depth = [episode(nadir_anc_1e9_per_l=a, neutropenia_days=14).total_risk for a in (1.0, 0.5, 0.2, 0.05)]
    by_length = [episode(nadir_anc_1e9_per_l=0.3, neutropenia_days=d).total_risk for d in (0, 7, 14, 28)]
    assert all(a < b for a, b in zip(by_depth, by_depth[1:]))
    assert all(a < b for a, b in zip(by_length, by_length[1:]))


def test_calibration_against_bodey_1966():
    """39% of episodes below 1000/uL (any length) ended in identified infection; persistent < 100/uL is the worst."""
    typical = episode(nadir_anc_1e9_per_l=0.3, neutropenia_days=10).total_risk
    assert 0.35 <= typical <= 0.45  # the model card: "a 10-day episode at 0.3e9/L carries ~40%"
    assert 0.5 <= episode(nadir_anc_1e9_per_l=0.3, neutropenia_days=14).total_risk <= 0.56  # two weeks: ~53%
    profound = episode(nadir_anc_1e9_per_l=0.05, neutropenia_days=21).total_risk
    assert profound > 0.95
    mild = episode(nadir_anc_1e9_per_l=1.2, neutropenia_days=14).total_risk
    assert mild < 0.15


def test_episode_course_has_the_requested_shape():
    days, anc = episode_course(nadir_anc_1e9_per_l=0.1, neutropenia_days=14, normal_anc_1e9_per_l=4.0)
    assert anc[0] == pytest.approx(4.0) and anc[-1] == pytest.approx(4.0) and anc.min() == pytest.approx(0.1)
    assert np.sum(np.isclose(anc, 0.1)) * (days[1] - days[0]) == pytest.approx(14, abs=0.5)
    assert days.size <= 400


@settings(max_examples=80, deadline=None)
@given(nadir=st.floats(0.01, 1.5), length=st.integers(0, 42), normal=st.floats(1.5, 7.5),
       h=st.floats(0.001, 0.05), beta=st.floats(0.25, 3), tau=st.floats(2, 30))
def test_risk_is_a_probability_that_never_falls(nadir, length, normal, h, beta, tau):
    result = episode(nadir_anc_1e9_per_l=nadir, neutropenia_days=length, normal_anc_1e9_per_l=normal,
                     reference_hazard_per_day=h, depth_exponent=beta, duration_scale_days=tau)
    assert np.all(np.isfinite(result.hazard_per_day)) and np.all(result.hazard_per_day > 0)
    assert np.all((result.cumulative_risk >= 0) & (result.cumulative_risk <= 1))
    assert np.all((result.daily_probability > 0) & (result.daily_probability <= 1))
    assert np.all(np.diff(result.cumulative_risk) >= 0)


@settings(max_examples=50, deadline=None)
@given(anc=st.lists(st.floats(0, 100), min_size=2, max_size=50))
def test_any_valid_course_gives_finite_risk(anc):
    result = infection_risk(days=np.arange(len(anc), dtype=float), anc_1e9_per_l=np.array(anc))
    assert np.all(np.isfinite(result.cumulative_risk)) and 0 <= result.total_risk <= 1


@pytest.mark.parametrize("days, anc, message", [
    ([0, 1, 2], [1.0, -0.5, 1.0], "must be finite and >= 0"),
    ([0, 1, 2], [1500, 300, 200], "looks like cells/uL; divide by 1000"),
    ([0, 2, 1], [1.0, 1.0, 1.0], "strictly increasing"),
    ([0, 1], [1.0, 1.0, 1.0], "same length"),
])
def test_bad_courses_raise_clear_errors(days, anc, message):
    with pytest.raises(ValueError, match=message):
        infection_risk(days=np.array(days, dtype=float), anc_1e9_per_l=np.array(anc, dtype=float))


def test_bad_parameters_name_the_parameter():
    with pytest.raises(ValueError, match="neutropenia_days=50 is outside the allowed range 0..42 days"):
        episode(neutropenia_days=50)


def test_a_short_deep_episode_weighs_more_than_a_long_shallower_one():
    """One week at 0.1e9/L (~63%) against three weeks at 0.5e9/L (~54%): five times lower for a third of the time."""
    deep_week = episode(nadir_anc_1e9_per_l=0.1, neutropenia_days=7).total_risk
    shallow_three_weeks = episode(nadir_anc_1e9_per_l=0.5, neutropenia_days=21).total_risk
    assert 0.5 <= shallow_three_weeks < deep_week <= 0.7


def test_chemotherapy_like_episode_and_a_month_of_very_severe_aplasia():
    assert 0.65 <= episode(nadir_anc_1e9_per_l=0.1, neutropenia_days=10).total_risk <= 0.85  # "about 3 in 4"
    assert episode(nadir_anc_1e9_per_l=0.1, neutropenia_days=30).total_risk > 0.99  # "almost certain"


def test_a_daily_hazard_above_one_is_a_rate_and_its_daily_probability_stays_below_one():
    result = episode(nadir_anc_1e9_per_l=0.02, neutropenia_days=35)
    assert result.hazard_per_day.max() > 1
    assert np.allclose(result.daily_probability, 1 - np.exp(-result.hazard_per_day))
    assert result.daily_probability.max() < 1


def test_a_constant_hazard_gives_one_minus_exp_of_hazard_times_days():
    """The by-the-numbers question: 5% per day for 14 days is about 50%, not the 70% of adding the days up."""
    days = np.linspace(0, 14, 15)
    risk = infection_risk(days=days, anc_1e9_per_l=np.full(days.shape, 1.0), reference_hazard_per_day=0.05).total_risk
    assert risk == pytest.approx(1 - np.exp(-0.7)) and 0.49 < risk < 0.51


def test_very_severe_long_preset_reaches_about_two_infections_per_day_at_risk():
    result = episode(nadir_anc_1e9_per_l=0.02, neutropenia_days=35)
    assert 1.8 <= result.hazard_per_day.max() <= 2.0 and 0.83 <= result.daily_probability.max() <= 0.87


def test_the_numbers_notebook_02_quotes_for_the_neutropenia_explorer():
    from helpers.formatting import percent
    from helpers.models.neutropenia import SCENARIOS
    chemo = episode(**SCENARIOS["chemotherapy-like"].kwargs())
    assert round(100 * chemo.total_risk) == 77 and round(chemo.days_below_1_0) == 15  # 10 at the nadir + fall, rise
    month = episode(**SCENARIOS["aplastic anaemia month"].kwargs()).total_risk
    assert percent(month, html=False) == "99.8%"  # as the readout writes it
    assert round(100 * episode(nadir_anc_1e9_per_l=0.1, neutropenia_days=7).total_risk) == 63
    assert round(100 * episode(nadir_anc_1e9_per_l=0.0992, neutropenia_days=7).total_risk) == 63  # as typed
    assert round(100 * episode(nadir_anc_1e9_per_l=0.5, neutropenia_days=21).total_risk) == 54
