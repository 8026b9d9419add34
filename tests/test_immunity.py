"""The infection model: known limits, invariants, its solver against solve_ivp, and the notebook's claims."""
import time

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.integrate import solve_ivp

from strategies import within

from helpers.models import immunity
from helpers.models.immunity import OUTCOMES, PARAMS, PROFILES, simulate_infection


def _logistic(t, p0, net_rate, capacity):
    return capacity / (1 + (capacity / p0 - 1) * np.exp(-net_rate * t))


# --- limiting cases with known answers -------------------------------------------------------------------------

def test_scid_without_ivig_is_pure_logistic_growth_against_innate_killing():
    """No T cells, no antibodies: the kill rate is constant, so the load is a logistic with net rate r - k."""
    course = simulate_infection(profile="x_scid", second_exposure_day=0, days=40)
    k = course.kill_per_day[0]
    assert np.allclose(course.kill_per_day, k)
    r, capacity = course.growth_per_day, PARAMS["pathogen_capacity"].default
    expected = _logistic(course.days, PARAMS["inoculum"].default, r - k, capacity * (1 - k / r))
    assert np.allclose(course.pathogen, expected, rtol=1e-6)


def test_no_immunity_at_all_gives_the_logistic_curve():
    values = {**PARAMS.defaults(), "second_exposure_day": 0}
    system = immunity._system("x_scid", "off", values)
    bare = immunity._System(**{**system.__dict__, "constant_kill": 0.0})
    load, _ = immunity._solve_segment(bare, system.priming, 10.0, 20 * 64)
    t = np.arange(load.size) * immunity.STEP_DAYS
    assert np.allclose(load, _logistic(t, 10.0, bare.growth, bare.capacity), rtol=1e-9)


def test_missing_arms_are_exactly_zero():
    xla = simulate_infection(profile="xla")
    assert not xla.igm.any() and not xla.igg.any()
    scid = simulate_infection(profile="x_scid")
    assert not scid.t_cells.any() and not scid.igm.any() and not scid.igg.any() and not scid.memory_t_cells.any()
    higm = simulate_infection(profile="x_hyper_igm")
    assert not higm.igg.any() and higm.igm.max() > 0.5


# --- the solver against the model's definition ------------------------------------------------------------------

@pytest.mark.parametrize("case", immunity.ode_cases(), ids=lambda c: c.name)
def test_fast_solver_matches_a_tight_lsoda_reference(case):
    reference = solve_ivp(case.rhs, (case.t[0], case.t[-1]), case.y0, method="LSODA", t_eval=case.t,
                          rtol=1e-10, atol=1e-12)
    fast = case.fast()
    scale = np.maximum(np.abs(reference.y).max(axis=1, keepdims=True), 1e-12)
    assert np.max(np.abs(fast - reference.y) / scale) < case.rtol
    above_one = reference.y[0] > 1  # the load across its whole range, on a log scale
    assert np.max(np.abs(np.log(fast[0][above_one]) - np.log(reference.y[0][above_one]))) < 1e-4


def _best_time(fn, repeats=7):
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("case", immunity.ode_cases(), ids=lambda c: c.name)
def test_fast_solver_beats_lsoda_at_matched_accuracy(case):
    def lsoda():
        return solve_ivp(case.rhs, (case.t[0], case.t[-1]), case.y0, method="LSODA", t_eval=case.t, rtol=1e-6)

    reference = solve_ivp(case.rhs, (case.t[0], case.t[-1]), case.y0, method="LSODA", t_eval=case.t,
                          rtol=1e-10, atol=1e-12)
    scale = np.maximum(np.abs(reference.y).max(axis=1, keepdims=True), 1e-12)
    fast_error = np.max(np.abs(case.fast() - reference.y) / scale)
    lsoda_error = np.max(np.abs(lsoda().y - reference.y) / scale)
    assert fast_error <= lsoda_error  # at least as accurate...
    assert _best_time(case.fast) < _best_time(lsoda)  # ...and faster


# --- invariants over the whole allowed domain ---------------------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(values=within(PARAMS))
def test_no_nan_no_negatives_and_consistent_outcomes(values):
    """Over the whole allowed domain of every parameter on the card."""
    course = simulate_infection(**values)
    days = values["days"]
    arrays = [course.pathogen, course.t_cells, course.memory_t_cells, course.igm, course.igg, course.ivig_igg,
              course.kill_per_day, course.neutrophils]
    for array in arrays:
        assert array.shape == course.days.shape
        assert np.all(np.isfinite(array)) and np.all(array >= 0)
    assert course.days.size <= 370 and course.days[-1] == days
    # at most the room there is, plus a re-dose landing on a full house
    assert course.pathogen.max() <= (values["pathogen_capacity"] + values["inoculum"]) * (1 + 1e-9)
    assert course.outcome in OUTCOMES
    if course.outcome == "cleared":
        assert 0 <= course.clearance_day <= course.chronic_after_days
    if course.outcome == "chronic":
        assert course.clearance_day is None or course.clearance_day > course.chronic_after_days
    assert (course.overwhelming_day is not None) == (course.outcome == "overwhelming")
    assert (course.second_outcome is None) == (course.second_exposure_day is None)
    first_episode = course.pathogen[course.days < (course.second_exposure_day or days + 1)]
    assert course.peak_load >= first_episode.max() * (1 - 1e-9)  # the readout's peak is the plotted one


@settings(max_examples=30, deadline=None)
@given(profile=st.sampled_from(PROFILES), ivig=st.sampled_from(("off", "on")), growth=st.floats(0.5, 4),
       days=st.integers(10, 365), second=st.integers(0, 365))
def test_an_exposure_outcome_does_not_depend_on_follow_up_or_the_next_exposure(profile, ivig, growth, days, second):
    course = simulate_infection(profile=profile, ivig=ivig, growth_per_day=growth, days=days, second_exposure_day=second)
    alone = simulate_infection(profile=profile, ivig=ivig, growth_per_day=growth, days=365, second_exposure_day=0)
    assert (course.outcome, course.clearance_day, course.overwhelming_day) == (
        alone.outcome, alone.clearance_day, alone.overwhelming_day)


# --- calibration and the notebook's claims ------------------------------------------------------------------------

def test_healthy_primary_response_clears_in_one_to_two_weeks_with_igm_before_igg():
    course = simulate_infection(profile="healthy", second_exposure_day=0, days=60)
    assert course.outcome == "cleared" and 7 <= course.clearance_day <= 14
    peak_day = {name: course.days[np.argmax(getattr(course, name))] for name in ("t_cells", "igm", "igg")}
    assert 6 <= peak_day["t_cells"] <= 10  # effector T cells peak about a week after exposure
    assert peak_day["igm"] < peak_day["igg"]  # IgM first, IgG after class switching


def test_igg_falls_with_a_half_life_near_three_weeks():
    course = simulate_infection(profile="healthy", second_exposure_day=0, days=365)
    late = course.days > 200
    slope = np.polyfit(course.days[late], np.log(course.igg[late]), 1)[0]
    assert 15 <= np.log(2) / -slope <= 30  # days; plasma-cell loss adds to the 21-day antibody half-life


def test_profiles_give_their_textbook_outcomes():
    assert simulate_infection(profile="healthy").outcome == "cleared"
    assert simulate_infection(profile="x_scid").outcome == "overwhelming"
    assert simulate_infection(profile="xla").outcome == "chronic"
    assert simulate_infection(profile="x_hyper_igm").outcome == "chronic"
    assert simulate_infection(profile="severe_aplastic_anemia").outcome == "overwhelming"


def test_ivig_rescues_antibody_deficiencies():
    for profile in ("xla", "x_hyper_igm"):
        assert simulate_infection(profile=profile, ivig="on").outcome == "cleared"


def test_ivig_speeds_clearance_even_in_a_healthy_person():
    assert simulate_infection(profile="healthy", ivig="on").clearance_day < simulate_infection(profile="healthy").clearance_day


def test_ivig_cannot_replace_neutrophils():
    assert simulate_infection(profile="severe_aplastic_anemia", ivig="on").outcome == "overwhelming"


def test_ivig_cannot_replace_t_cells_in_scid():
    assert simulate_infection(profile="x_scid", ivig="on").outcome != "cleared"


def test_memory_makes_the_second_exposure_faster_in_a_healthy_person():
    course = simulate_infection(profile="healthy", second_exposure_day=45)
    assert course.second_outcome == "cleared"
    assert course.second_clearance_days < course.clearance_day / 2


@pytest.mark.parametrize("profile", ["x_scid", "xla"])
def test_no_faster_second_exposure_without_memory(profile):
    course = simulate_infection(profile=profile, second_exposure_day=45)
    assert course.second_outcome != "cleared"


def test_passive_ivig_leaves_no_memory():
    course = simulate_infection(profile="x_scid", ivig="on", growth_per_day=1.5, second_exposure_day=45)
    assert course.outcome == course.second_outcome == "cleared"
    assert course.second_clearance_days == pytest.approx(course.clearance_day, abs=0.05)


def test_more_neutrophils_mean_a_smaller_peak_in_aplastic_anaemia():
    peaks = [simulate_infection(profile="severe_aplastic_anemia", aplastic_anc_1e9_per_l=anc).peak_load
             for anc in (0.05, 0.1, 0.2, 0.3, 0.5)]
    assert all(a > b for a, b in zip(peaks, peaks[1:]))


def test_a_faster_growing_pathogen_reaches_a_higher_peak():
    for profile in PROFILES:
        peaks = [simulate_infection(profile=profile, growth_per_day=g).peak_load for g in (1.0, 2.0, 3.0)]
        assert peaks[0] <= peaks[1] <= peaks[2]


def test_a_fast_enough_pathogen_outruns_even_a_healthy_response():
    assert simulate_infection(profile="healthy", growth_per_day=3.5).outcome != "cleared"


# --- bad input ----------------------------------------------------------------------------------------------------

def test_bad_input_names_the_parameter_and_the_allowed_values():
    with pytest.raises(ValueError, match="profile='scid' is not a valid choice.*'x_scid'"):
        simulate_infection(profile="scid")
    with pytest.raises(ValueError, match=r"growth_per_day=10 is outside the allowed range 0.5..4"):
        simulate_infection(profile="healthy", growth_per_day=10)
    with pytest.raises(ValueError, match="ivig=True is not a valid choice"):
        simulate_infection(profile="xla", ivig=True)
    with pytest.raises(ValueError, match="days=20.5 must be a whole number"):
        simulate_infection(profile="healthy", days=20.5)


def test_fast_enough_for_an_explorer():
    simulate_infection(profile="healthy")
    assert _best_time(lambda: simulate_infection(profile="healthy", days=365)) < 0.005


def test_scid_is_overwhelmed_within_two_weeks():
    course = simulate_infection(profile="x_scid")
    first_day_over = course.days[np.argmax(course.pathogen >= course.overwhelming_load)]
    assert course.pathogen.max() >= course.overwhelming_load and first_day_over <= 14


def test_on_ivig_t_cell_memory_still_speeds_a_second_exposure_in_xla():
    course = simulate_infection(profile="xla", ivig="on", second_exposure_day=45)
    assert course.second_clearance_days < course.clearance_day


def test_more_neutrophils_delay_the_crisis_in_aplastic_anaemia_but_do_not_prevent_it():
    courses = [simulate_infection(profile="severe_aplastic_anemia", aplastic_anc_1e9_per_l=anc)
               for anc in (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)]
    assert all(c.outcome == "overwhelming" for c in courses)
    days = [c.overwhelming_day for c in courses]
    assert all(a < b for a, b in zip(days, days[1:]))
    assert days[0] < 10 and days[-1] > 60  # "from about day 9 to after day 60"


def test_x_scid_on_ivig_drifts_down_slowly_and_is_chronic():
    """IVIG and neutrophils kill a little faster than the pathogen grows: the load fades over months."""
    course = simulate_infection(profile="x_scid", ivig="on", second_exposure_day=0)
    assert course.outcome == "chronic" and 80 <= course.clearance_day <= 95
    assert course.kill_per_day[0] - course.growth_per_day == pytest.approx(0.08, abs=0.02)
    assert simulate_infection(profile="x_scid", ivig="on", growth_per_day=2.1).clearance_day is None  # a faster one stays


def test_a_fast_pathogen_outruns_a_healthy_response_once_effector_t_cells_contract():
    course = simulate_infection(profile="healthy", growth_per_day=3.5, second_exposure_day=0)
    assert course.outcome == "overwhelming" and 60 <= course.overwhelming_day <= 90
    assert simulate_infection(profile="healthy", growth_per_day=2.5).outcome == "cleared"


@pytest.mark.parametrize("profile", ["xla", "x_hyper_igm"])
def test_in_chronic_profiles_the_second_exposure_is_a_re_dose_that_recalls_t_cell_memory(profile):
    course = simulate_infection(profile=profile, second_exposure_day=45)
    assert course.load_at_second_exposure > 1e6  # the first infection never went away
    after = course.pathogen[(course.days > 45) & (course.days <= 65)]
    assert after.min() < course.load_at_second_exposure / 1000  # memory T cells push the load far down...
    assert course.second_outcome == "chronic"  # ...but without antibody do not clear it
    assert course.memory_t_cells[course.days == 60][0] > course.memory_t_cells[course.days == 44][0]


def test_healthy_second_exposure_comes_after_clearance():
    assert simulate_infection(profile="healthy", second_exposure_day=45).load_at_second_exposure == 0


def test_second_exposure_beyond_follow_up_is_not_shown():
    course = simulate_infection(profile="healthy", second_exposure_day=90, days=90)
    assert course.second_exposure_day is None and course.second_outcome is None


def test_a_later_second_exposure_is_cleared_a_little_slower_but_still_faster_than_the_first():
    """IgG left from the first infection wanes (half-life ~3 weeks); memory cells stay."""
    times = [simulate_infection(profile="healthy", second_exposure_day=day, days=day + 30).second_clearance_days
             for day in (20, 45, 90, 150)]
    assert all(a < b for a, b in zip(times, times[1:]))
    assert times[-1] < simulate_infection(profile="healthy").clearance_day


@pytest.mark.parametrize("kwargs, first, second", [
    (dict(profile="healthy"), "cleared in 11.0 days", "cleared in 3.4 days"),
    (dict(profile="x_scid"), "overwhelming after 12 days", "overwhelming already"),
    (dict(profile="x_scid", ivig="on", second_exposure_day=0), "chronic (fades out only after 86 days)", "-"),
    (dict(profile="xla"), "chronic (still there after 60 days)", "chronic (still there after 60 days)"),
])
def test_outcomes_described_with_the_day_that_decided_them(kwargs, first, second):
    course = simulate_infection(**kwargs)
    assert (course.verdict(1), course.verdict(2)) == (first, second)
    with pytest.raises(ValueError, match="exposure=3 is not a valid choice"):
        course.verdict(3)


@pytest.mark.parametrize("kwargs, interrupted", [
    (dict(profile="healthy"), False),  # cleared on day 11, before the second exposure on day 45
    (dict(profile="x_scid"), False),  # past the danger line on day 12
    (dict(profile="healthy", growth_per_day=3.5), True),  # alone it would pass the line on day 75
    (dict(profile="x_scid", ivig="on"), True),  # alone it would fade out on day 86
    (dict(profile="xla"), True),  # chronic: settled only by a year without the line
    (dict(profile="xla", second_exposure_day=0), False),
])
def test_the_first_verdict_is_flagged_when_the_second_exposure_came_before_it_was_settled(kwargs, interrupted):
    """The readout must not claim 'overwhelming after 75 days' for a course the plot shows cleared by a re-dose."""
    course = simulate_infection(**kwargs)
    assert course.outcome_interrupted is interrupted
    if interrupted:
        assert course.outcome_decided_day > course.second_exposure_day and course.load_at_second_exposure > 0


def test_every_parameter_is_keyword_only_and_settable():
    import inspect
    parameters = inspect.signature(simulate_infection).parameters.values()
    assert {p.name for p in parameters} == set(PARAMS.names)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters)
    with pytest.raises(TypeError):
        simulate_infection("healthy")  # noqa: the profile is named, like every other parameter


def test_kinetic_parameters_change_the_course_in_their_direction():
    base = simulate_infection(profile="healthy", second_exposure_day=0)
    slow_contraction = simulate_infection(profile="healthy", second_exposure_day=0, t_contraction_per_day=0.15)
    assert slow_contraction.t_cells.max() > base.t_cells.max()  # units stay those of the default healthy peak
    assert base.t_cells.max() == pytest.approx(1, abs=0.01)
    weaker_t = simulate_infection(profile="healthy", second_exposure_day=0, t_cell_kill_per_day=0.2)
    assert weaker_t.peak_load > base.peak_load
    bigger_room = simulate_infection(profile="x_scid", pathogen_capacity=1e10)
    assert bigger_room.overwhelming_load == pytest.approx(0.4e10)


def test_hyper_igm_re_dose_pushes_the_load_above_the_first_peak():
    course = simulate_infection(profile="x_hyper_igm", second_exposure_day=45)
    assert course.second_peak_load > course.peak_load


def test_ivig_only_delays_the_crisis_in_aplastic_anaemia():
    without, with_ivig = (simulate_infection(profile="severe_aplastic_anemia", ivig=ivig) for ivig in ("off", "on"))
    assert 11 <= without.overwhelming_day <= 13 and with_ivig.outcome == "overwhelming"
    assert 0 < with_ivig.overwhelming_day - without.overwhelming_day <= 7


def test_a_re_dose_recalls_memory_and_clears_a_fast_pathogen_in_a_healthy_person():
    course = simulate_infection(profile="healthy", growth_per_day=3.5, second_exposure_day=45)
    assert course.outcome == "overwhelming" and course.second_outcome == "cleared"


def test_x_scid_second_exposure_lands_on_an_overwhelming_infection():
    course = simulate_infection(profile="x_scid", second_exposure_day=45)
    assert course.load_at_second_exposure > course.overwhelming_load and course.second_overwhelming_days == 0


def test_where_outcomes_flip_as_the_notebook_says():
    assert simulate_infection(profile="healthy", growth_per_day=2.9).outcome == "cleared"  # one slider step apart
    assert simulate_infection(profile="healthy", growth_per_day=2.95).outcome == "overwhelming"
    assert simulate_infection(profile="x_scid", ivig="on", growth_per_day=2.1).clearance_day is None


def _at(course, day):
    return float(course.pathogen[np.searchsorted(course.days, day)])


def test_the_numbers_notebook_02_quotes_for_the_infection_scenarios():
    """Section 2's 'What did you see?', setting by setting (second exposure on day 45 unless it says otherwise)."""
    healthy = simulate_infection(profile="healthy")
    assert 5000 <= healthy.peak_load <= 6000  # "about 5,400 at the peak"
    assert round(healthy.clearance_day) == 11 and round(healthy.second_clearance_days, 1) == 3.4
    primary = simulate_infection(profile="healthy", second_exposure_day=0, days=60)
    peaks = {name: primary.days[np.argmax(getattr(primary, name))] for name in ("t_cells", "igm", "igg")}
    assert peaks["t_cells"] == pytest.approx(7, abs=0.5) and peaks["igm"] == pytest.approx(8, abs=0.6)
    assert 25 <= peaks["igg"] <= 35  # "around day 30"
    later = simulate_infection(profile="healthy", days=180, second_exposure_day=150)
    assert round(later.second_clearance_days, 1) == 5.5  # "about 5.5 days instead of 3.4"

    scid = simulate_infection(profile="x_scid")
    assert round(scid.overwhelming_day) == 12 and scid.verdict(2) == "overwhelming already"
    scid_ivig = simulate_infection(profile="x_scid", ivig="on")
    assert scid_ivig.outcome_interrupted and round(scid_ivig.clearance_day) == 86

    xla = simulate_infection(profile="xla")
    t, load = xla.days, xla.pathogen
    early_peak = load[t <= 8].max()
    assert 5e3 <= early_peak <= 2e4 and 5e3 <= load[(t > 8) & (t <= 14)].min()  # "near ten thousand"
    assert 1.3 <= early_peak / load[(t > 5) & (t <= 14)].min() <= 1.7  # "dips only about 1.5-fold around day 10"
    assert 1e8 <= xla.load_at_second_exposure <= 1e9  # "hundreds of millions"
    after = (t > 45) & (t <= 70)
    assert 13_000 <= xla.load_at_second_exposure / load[after].min() <= 17_000  # "about 15,000-fold over 25 days"
    xla_ivig = simulate_infection(profile="xla", ivig="on")
    assert round(xla_ivig.clearance_day) == 7 and round(xla_ivig.second_clearance_days) == 5

    higm = simulate_infection(profile="x_hyper_igm")
    assert 6e7 <= higm.peak_load <= 7e7 and 1.1e8 <= higm.second_peak_load <= 1.3e8  # "1.2e8 against 6.7e7"
    assert simulate_infection(profile="x_hyper_igm", ivig="on").outcome == "cleared"

    aplastic = simulate_infection(profile="severe_aplastic_anemia")
    assert round(aplastic.overwhelming_day) == 12 and round(100 * aplastic.neutrophils_vs_normal[0]) == 4
    assert round(simulate_infection(profile="severe_aplastic_anemia", ivig="on").overwhelming_day) == 15

    fast = simulate_infection(profile="healthy", growth_per_day=3.5, second_exposure_day=0)
    assert 5e6 <= _at(fast, 8) <= 2e7  # "about ten million by day 8"
    held = fast.pathogen[(fast.days >= 8) & (fast.days <= 15)]
    assert held.max() / held.min() < 1.3  # "stays there for about a week"
    late = fast.pathogen[(fast.days >= 15) & (fast.days <= fast.overwhelming_day)]
    assert np.all(np.diff(late) > 0)  # "climbs steadily"
    assert round(fast.overwhelming_day) == 75
    boosted = simulate_infection(profile="healthy", growth_per_day=3.5)
    assert boosted.outcome_interrupted and boosted.second_outcome == "cleared"
    assert round(boosted.second_clearance_days) == 9  # "clear it in about 9 days"
    assert round(simulate_infection(profile="healthy", growth_per_day=2.9).clearance_day) == 37  # "in 37 days"
