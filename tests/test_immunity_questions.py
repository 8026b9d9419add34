"""Notebook 02's questions: answers agree with the models, and known misconceptions get their own feedback."""
import pytest

from helpers.models import diagnosis, immunity
from helpers.questions import immunity as questions


def test_episode_risk_is_about_half_and_takes_percent_sign_or_sum():
    question = questions.episode_risk
    assert question.answer == pytest.approx(50.3, abs=0.1)
    assert question.check(50).correct and question.check("50%").correct
    assert question.check("100 * (1 - 2.718**-0.7)").correct and not question.check(None).correct


@pytest.mark.parametrize("answer", [70, "70%", "0.05 * 14 * 100"])
def test_adding_the_daily_risks_gets_its_own_explanation(answer):
    feedback = questions.episode_risk.check(answer)
    assert not feedback.correct and "Risks do not add" in feedback.message and "multiply" in feedback.message


def test_a_fraction_for_a_percentage_is_still_pointed_out():
    assert "looks like a fraction" in questions.episode_risk.check(0.5).message


def test_aplastic_question_answer_is_the_models_verdict():
    result = diagnosis.classify(**questions.APLASTIC_LABS)
    assert result.finding("severe aplastic anaemia").met and not result.finding("very severe aplastic anaemia").met
    assert questions.aplastic_grade.answer == "Severe, but not very severe, aplastic anaemia"
    automated = diagnosis.classify(**{**questions.APLASTIC_LABS, "reticulocyte_count": "automated"})
    assert "3 of 3 counts below threshold (need >= 2)" in automated.finding("severe aplastic anaemia").reasons


def test_second_exposure_question_matches_the_model():
    healthy = immunity.simulate_infection(profile="healthy", second_exposure_day=70, days=100)
    xla = immunity.simulate_infection(profile="xla", second_exposure_day=45)
    assert healthy.load_at_second_exposure == 0 and healthy.second_outcome == "cleared"
    assert healthy.second_clearance_days < 7
    assert xla.load_at_second_exposure > 0 and xla.second_outcome == "chronic" and xla.memory_t_cells.max() > 1
