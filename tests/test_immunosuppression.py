"""Immunosuppression for severe aplastic anaemia: the trial's figures, the follow-up's relapse and clone figures,
directions (horse ATG beats rabbit; relapse and new clones only accumulate), invariants and bad input."""
import numpy as np
import pytest
from hypothesis import given, settings

from helpers.models import immunosuppression as ist
from tests.strategies import within


def test_response_and_survival_are_scheinbergs_for_each_atg():
    """Scheinberg 2011: response at 6 months 68% (horse) and 37% (rabbit); survival at 3 years 96% and 76%."""
    horse, rabbit = ist.treat(atg="horse"), ist.treat(atg="rabbit")
    assert (horse.response_at_6_months, rabbit.response_at_6_months) == (0.68, 0.37)
    assert (horse.survival_at_3_years, rabbit.survival_at_3_years) == (0.96, 0.76)
    assert horse.at(0.5)[0] == pytest.approx(0.68) and rabbit.at(0.5)[0] == pytest.approx(0.37)


def test_relapse_and_new_clones_at_4_years_are_the_follow_ups():
    """NIH follow-up (Blood 2022, 139:34): 39% of responders relapsed and 15% of patients had a new clone by 4 years."""
    result = ist.treat()
    in_response, new_clone = result.at(4.0)
    assert 1 - in_response / result.response_at_6_months == pytest.approx(0.39)
    assert new_clone == pytest.approx(0.15)


def test_no_response_is_counted_before_the_6_month_assessment():
    result = ist.treat()
    assert np.all(result.in_response[result.years < 0.5] == 0)


def test_horse_atg_keeps_more_patients_in_response_than_rabbit_at_every_time():
    horse, rabbit = ist.treat(atg="horse"), ist.treat(atg="rabbit")
    assessed = horse.years >= 0.5
    assert np.all(horse.in_response[assessed] > rabbit.in_response[assessed])


def test_more_relapse_leaves_fewer_in_response_and_more_clones_more_new_clones():
    base = ist.treat()
    assert ist.treat(relapse_by_4_years=0.6).at(3.0)[0] < base.at(3.0)[0]
    assert ist.treat(clonal_evolution_by_4_years=0.3).at(3.0)[1] > base.at(3.0)[1]


@settings(max_examples=60, deadline=None)
@given(within(ist.PARAMS))
def test_chances_stay_between_0_and_1_relapse_only_lowers_and_clones_only_rise(values):
    result = ist.treat(**values)
    for curve in (result.in_response, result.new_clone):
        assert np.all(np.isfinite(curve)) and np.all((curve >= 0) & (curve <= 1))
    assessed = result.in_response[result.years >= 0.5]
    assert np.all(np.diff(assessed) <= 0)
    assert np.all(np.diff(result.new_clone) >= 0)


def test_bad_input_names_the_parameter_its_value_and_the_allowed_range():
    with pytest.raises(ValueError, match="relapse_by_4_years=0.9 is outside the allowed range 0.1..0.7"):
        ist.treat(relapse_by_4_years=0.9)
    with pytest.raises(ValueError, match="atg='pig' is not a valid choice.*horse.*rabbit"):
        ist.treat(atg="pig")
    with pytest.raises(ValueError, match="years=5 is outside 0..4 years"):
        ist.treat().at(5)


def test_the_scenarios_are_valid_and_differ():
    results = {name: ist.treat(**scenario.kwargs()) for name, scenario in ist.SCENARIOS.items()}
    assert results["horse ATG"].response_at_6_months > results["rabbit ATG"].response_at_6_months
