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
    assert "looks like millions" in question.check(400).message and question.check("400 million cells").correct
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
    blood = transplant.simulate(**transplant.SCENARIOS["sibling, mobilised blood"].kwargs())
    marrow = transplant.simulate(**transplant.SCENARIOS["bone marrow"].kwargs())
    assert blood.neutrophil_engraftment_day < marrow.neutrophil_engraftment_day
    assert blood.graft_failure_risk < marrow.graft_failure_risk
    per_cd34 = transplant.REPOPULATING_PER_CD34
    assert per_cd34["peripheral_blood"] < per_cd34["bone_marrow"] < per_cd34["cord_blood"]
    question = questions.source_trade_off
    assert question.check(question.answer).correct and "chronic GVHD" in question.answer
    # The prompt says the model matches Champlin et al. 2000 (median day 14 after blood, 19 after marrow).
    assert (blood.neutrophil_engraftment_day, marrow.neutrophil_engraftment_day) == (14, 19)
    assert f"day {blood.neutrophil_engraftment_day} and a marrow graft on day {marrow.neutrophil_engraftment_day}" \
        in question.prompt
    # Fewer graft failures is Olsson et al. 2015's finding, not Champlin's.
    assert "Olsson et al. 2015" in question.explanation and "Champlin" not in question.why[questions._SIMPLY_BETTER]


def test_cord_question_states_the_models_cd34_gap_and_the_real_one():
    gap = transplant.TYPICAL_CD34_PER_KG["peripheral_blood"] / transplant.TYPICAL_CD34_PER_KG["cord_blood"]
    assert questions.MODEL_CORD_CD34_GAP == pytest.approx(gap)
    # At the CD34+ share real units hold (0.2-0.5% of nucleated cells, not the model's 1%) the gap is 40-100-fold.
    assert questions.REAL_CORD_CD34_GAPS == pytest.approx((40, 100))
    explanation = questions.cord_platelet_delay.explanation
    assert f"{gap:.0f} times fewer CD34+ cells per kg" in explanation
    assert "nucleated cells/kg to be CD34+" in explanation and "0.2-0.5%" in explanation
    assert "nearer 40-100-fold" in explanation and "Mazzocchetti et al. 2014" in explanation


def test_a_delay_given_in_weeks_is_pointed_out():
    weeks = questions.CORD_PLATELET_DELAY_DAYS / 7
    assert "looks like weeks" in questions.cord_platelet_delay.check(round(weeks)).message
    assert "You answered in weeks" in questions.cord_platelet_delay.check(f"{weeks:.1f} weeks").message
    assert questions.cord_platelet_delay.check(f"{questions.CORD_PLATELET_DELAY_DAYS} days").correct


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
    assert "exactly as long as a matched-sibling graft" in questions.autologous_graft.explanation
    assert questions.autologous_graft.check(questions.autologous_graft.answer).correct
