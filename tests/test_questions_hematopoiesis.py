"""Notebook 01's questions: the answers come from the model and match what the notebook and the explorers show."""
import math

import pytest

from helpers.models import hematopoiesis as hem
from helpers.questions import hematopoiesis as questions


def test_doublings_answer_is_the_models_amplification():
    assert questions.doublings.answer == pytest.approx(hem.steady_state().amplifying_divisions)
    # The learner's route: log2 of the total daily output over the stem cells' output, as the notebook states it.
    assert questions.doublings.check(math.log2(3.7e11 / (1e5 / 280))).correct
    assert not questions.doublings.check(None).correct
    assert "3.7e11" in questions.doublings.explanation


def test_percentages_accept_a_percent_sign_and_flag_fractions():
    assert questions.clones_lost.check("25%").correct
    assert questions.clones_lost.check(25).correct
    assert "fraction" in questions.clones_lost.check(0.25).message


def test_multiple_choice_answers_match_the_models():
    assert questions.balance.check(questions.balance.answer).correct
    recovery = hem.simulate(blood_loss_fraction=0.2, days=365).recovery_day
    assert max(recovery) == recovery[0] and questions.last_to_recover.answer == "Red cells"
    nadir_day = hem.simulate(blood_loss_fraction=0, marrow_kill_fraction=0.97, days=42).nadir_day[1]
    assert 7 <= nadir_day <= 14 and questions.chemotherapy_nadir.answer == "In the second week"
