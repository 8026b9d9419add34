"""Notebook 08's patients: each case's labs meet the criteria its diagnosis claims, and every treatment option runs
through the earlier model it names, with values that model accepts."""
import numpy as np
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


@pytest.mark.parametrize("name, option", OPTIONS)
def test_every_risk_is_a_chance_or_not_given(name, option):
    risks = CASES[name].options[option].risks()
    assert risks and all(value is None or 0 <= value <= 1 for value in risks.values())
    assert risks["acute GVHD"] == 0 or CASES[name].options[option].model == "reconstitution"  # only a donor's graft


def test_a_transplant_and_lifelong_ivig_give_the_same_pneumonia_chance_when_the_igg_is_the_same():
    """The pneumonia row of the dashboard compares like with like: the transplant's chance in its first year comes from
    the same hazard of the IgG level (Orange 2010) as IVIG's steady trough."""
    from helpers.models import reconstitution
    result = reconstitution.simulate(disease="xla", conditioning="none")  # no donor B cells: IVIG throughout
    chance = result.pneumonia_chance(365.25)
    expected = -np.expm1(-np.trapezoid(result.pneumonia_per_year[result.days <= 365], result.days[result.days <= 365])
                         / 365.25)
    assert chance == pytest.approx(expected, rel=0.01)
    assert 0 < result.pneumonia_chance(30) < chance
    with pytest.raises(ValueError, match="until_day=-1 is outside"):
        result.pneumonia_chance(-1)


def test_what_if_values_reach_only_the_models_that_take_them():
    case = CASES["a young adult with very severe aplastic anaemia"]
    assert [spec.name for spec in case.what_if_specs()] == ["relapse_by_4_years", "clonal_evolution_by_4_years"]
    atg, sibling = case.options["horse ATG and ciclosporin"], case.options["sibling marrow"]
    assert atg.risks(atg.run(relapse_by_4_years=0.6))["relapse by 4 years"] == pytest.approx(0.6)
    assert sibling.run(relapse_by_4_years=0.6).survival_estimate == sibling.run().survival_estimate
