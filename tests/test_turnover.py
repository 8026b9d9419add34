"""The one-pool model of notebook 00."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from helpers.models import turnover
from helpers.models.turnover import PARAMS, pool_over_time


def test_red_cell_pool_lands_near_the_published_count():
    # Sender and Milo 2021: ~2.5e13 red cells, output 2.1e11/day, lifespan 116 days.
    course = pool_over_time(start_fraction=1.0)
    assert 2.2e13 <= course.steady_state_pool <= 2.8e13
    np.testing.assert_allclose(course.pool, course.steady_state_pool)
    assert course.half_recovery_day is None


def test_half_the_gap_closes_after_lifespan_times_ln2():
    course = pool_over_time(lifespan_days=10, start_fraction=0.5, days=100)
    gap = course.steady_state_pool - course.pool
    day = np.interp(0.5 * gap[0], gap[::-1], course.days[::-1])
    assert day == pytest.approx(10 * np.log(2), rel=0.02)
    assert course.half_recovery_day == pytest.approx(10 * np.log(2))


def test_longer_lived_cells_refill_more_slowly():
    # The notebook's claim: a pool refills on the time scale of its cells' lifespan.
    short = pool_over_time(lifespan_days=1, start_fraction=0.5, days=30)
    long = pool_over_time(lifespan_days=100, start_fraction=0.5, days=30)
    assert short.pool[-1] / short.steady_state_pool > long.pool[-1] / long.steady_state_pool


spec = {p.name: p for p in PARAMS}


@settings(max_examples=200, deadline=None)
@given(
    output=st.floats(spec["daily_output"].low, spec["daily_output"].high),
    lifespan=st.floats(spec["lifespan_days"].low, spec["lifespan_days"].high),
    start=st.floats(spec["start_fraction"].low, spec["start_fraction"].high),
    days=st.integers(spec["days"].low, spec["days"].high),
)
def test_pool_is_finite_non_negative_and_between_start_and_steady_state(output, lifespan, start, days):
    course = pool_over_time(daily_output=output, lifespan_days=lifespan, start_fraction=start, days=days)
    assert np.all(np.isfinite(course.pool)) and np.all(course.pool >= 0)
    low, high = sorted([start * course.steady_state_pool, course.steady_state_pool])
    rounding = 1e-12 * course.steady_state_pool
    assert np.all(course.pool >= low - rounding) and np.all(course.pool <= high + rounding)


def test_bad_input_names_the_parameter():
    with pytest.raises(ValueError, match=r"lifespan_days=0 is outside the allowed range 0.5..200 days"):
        pool_over_time(lifespan_days=0)


def test_ode_case_matches_its_own_right_hand_side():
    (case,) = turnover.ode_cases()
    course = pool_over_time()
    slope = np.gradient(course.pool, course.days)
    np.testing.assert_allclose(slope[1:-1], [case.rhs(t, y) for t, y in zip(course.days[1:-1], course.pool[1:-1])],
                               rtol=1e-2, atol=1e-3 * course.steady_state_pool / 116)
