"""Notebook 08's patients: each case's labs meet the criteria its diagnosis claims, and every treatment option runs
through the earlier model it names, with values that model accepts."""
import pytest

from helpers.models import cases, diagnosis, ivig
from helpers.models.cases import CASES

OPTIONS = [(case, option) for case, c in CASES.items() for option in c.options]


def test_the_four_patients_of_the_issue_are_there():
    assert len(CASES) == 4
    assert {CASES[c].labs for c in CASES} == {"X-SCID infant", "XLA boy", "hyper-IgM boy",
                                              "very severe aplastic anaemia"}


@pytest.mark.parametrize("name", CASES)
def test_each_cases_labs_meet_the_criteria_its_diagnosis_claims(name):
    case = CASES[name]
    met = case.read_labs().met
    assert set(case.diagnosis) <= set(met), f"{name}: {case.read_labs().summary()}"
    assert case.labs in diagnosis.SCENARIOS


@pytest.mark.parametrize("name, option", OPTIONS)
def test_every_option_runs_through_the_model_it_names(name, option):
    chosen = CASES[name].options[option]
    assert chosen.model in cases.MODELS
    result = chosen.run()
    assert result is not None


def test_lifelong_ivig_every_3_to_4_weeks_for_20_years_is_260_to_350_infusions():
    """The burden arithmetic of issue 12: 20 years x 365.25 days / 28 or 21 days between infusions."""
    for interval in (21, 28):
        course = ivig.course(interval_days=interval)
        assert 260 <= 20 * course.infusions_per_year <= 350
    lifelong = CASES["a boy with XLA on IVIG"].options["lifelong IVIG"].run()
    assert round(20 * lifelong.infusions_per_year) == 261


def test_a_case_option_outside_its_models_range_is_refused_when_declared():
    with pytest.raises(ValueError, match="age_months=-1 is outside"):
        cases._option("reconstitution", "not yet born", age_months=-1)
    with pytest.raises(ValueError, match="disease='cvid' is not a valid choice"):
        cases._option("reconstitution", "another disease", disease="cvid")
