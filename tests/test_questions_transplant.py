"""Notebook 04's questions: the answers come from the model and match what the explorer shows."""
import pytest

from helpers.explorers.transplant import explore_engraftment
from helpers.models import transplant
from helpers.questions import transplant as questions


def test_cells_to_collect_is_the_models_total_and_flags_the_per_kg_slip():
    question = questions.cells_to_collect
    assert question.answer == pytest.approx(transplant.TARGET_CD34_PER_KG * questions.RECIPIENT_KG)
    assert question.answer == transplant.simulate(weight_kg=questions.RECIPIENT_KG).total_cd34
    assert question.check("5e6 * 80").correct and question.check(4e8).correct
    assert "per kg" in question.check(5e6).message
    assert "minimum" in question.check(1.6e8).message
    assert not question.check(3.5e8).correct and "70 kg" in question.check(3.5e8).message  # the default readout
    assert "millions" in question.check(400).message
    assert not question.check(None).correct


def test_cord_platelet_delay_matches_the_explorers_scenarios():
    explorer = explore_engraftment()
    days = {}
    for preset in ("sibling, mobilised blood", "cord blood"):
        explorer.apply_scenario(preset)
        days[preset] = explorer.figure.data[4].x[0]  # the platelet engraftment mark
    assert days["cord blood"] - days["sibling, mobilised blood"] == questions.CORD_PLATELET_DELAY_DAYS
    assert 20 <= questions.CORD_PLATELET_DELAY_DAYS <= 35
    assert questions.cord_platelet_delay.check(questions.CORD_PLATELET_DELAY_DAYS).correct
    assert "neutrophil" in questions.cord_platelet_delay.check(11).message
    assert "subtract" in questions.cord_platelet_delay.check(45).message


def test_source_trade_off_agrees_with_the_model():
    """Blood engrafts sooner and fails less than marrow, yet carries fewer repopulating cells per CD34+ cell."""
    blood = transplant.simulate()
    marrow = transplant.simulate(graft_source="bone_marrow", cd34_per_kg=transplant.TYPICAL_CD34_PER_KG["bone_marrow"])
    assert blood.neutrophil_engraftment_day < marrow.neutrophil_engraftment_day
    assert blood.graft_failure_risk < marrow.graft_failure_risk
    per_cd34 = transplant.REPOPULATING_PER_CD34
    assert per_cd34["peripheral_blood"] < per_cd34["bone_marrow"] < per_cd34["cord_blood"]
    assert questions.source_trade_off.check(questions.source_trade_off.answer).correct
    assert "chronic GVHD" in questions.source_trade_off.answer


@pytest.mark.parametrize("source", transplant.SOURCES)
def test_infection_is_near_certain_in_every_myeloablative_aplasia(source):
    result = transplant.simulate(graft_source=source, cd34_per_kg=transplant.TYPICAL_CD34_PER_KG[source])
    assert result.infection_risk > 0.99
    assert questions.infection_in_aplasia.check(questions.infection_in_aplasia.answer).correct


def test_autologous_graft_has_no_gvhd_the_least_failure_and_the_same_aplasia():
    own, sibling = transplant.simulate(donor="autologous"), transplant.simulate(donor="matched_sibling")
    assert own.acute_gvhd_risk == 0 < sibling.acute_gvhd_risk
    assert own.graft_failure_risk < sibling.graft_failure_risk
    assert own.aplasia_days == sibling.aplasia_days
    assert "identical in the model" in questions.autologous_graft.answer
    assert questions.autologous_graft.check(questions.autologous_graft.answer).correct


def test_every_wrong_option_explains_its_misconception():
    for question in (questions.source_trade_off, questions.infection_in_aplasia, questions.autologous_graft):
        wrong = set(question.options) - {question.answer}
        assert wrong == {option for option, _why in question.why}
        assert question.hints
