"""Notebook 05's questions: the answers come from the models and match what the explorers show."""
import pytest

from helpers.explorers.reconstitution import explore_ivig, explore_reconstitution
from helpers.models import ivig, reconstitution
from helpers.questions import reconstitution as questions


def test_dose_for_trough_is_the_models_and_lees_slope_and_catches_the_usual_slips():
    question = questions.dose_for_trough
    trough = ivig.trough_igg(dose_mg_per_kg=question.answer, interval_days=28, endogenous_igg_mg_dl=0)
    assert trough == pytest.approx(questions.GOAL_TROUGH_MG_DL)
    with_lee = questions.START_DOSE_MG_PER_KG + 100 * (
        questions.GOAL_TROUGH_MG_DL - questions.START_TROUGH_MG_DL) / ivig.LEE_RISE_PER_100_MG_PER_KG
    assert with_lee == pytest.approx(question.answer, abs=1)  # V is fitted to Lee's slope
    explorer = explore_ivig(scenario="standard")
    explorer.set(dose_mg_per_kg=400)
    assert f"Steady trough <b>{questions.START_TROUGH_MG_DL:.0f} mg/dL" in explorer.readout.value
    for right in ("685", "685 mg/kg", "690 mg per kg", 684.7):
        assert question.check(right).correct, right
    assert "looks like g/kg" in question.check("0.685").message
    assert "g/kg" in question.check("0.685 g/kg").message and not question.check("0.685 g/kg").correct
    assert "73 mg/dL" in question.check(608).message  # adding mg/dL to mg/kg
    assert "divide" in question.check(552).message  # multiplying by 0.73
    assert "trough you want" in question.check(500).message
    assert not question.check(None).correct


def test_ivig_stop_after_ada_scid_is_the_readouts_day_in_months():
    explorer = explore_reconstitution(scenario="ADA-SCID")
    result = reconstitution.simulate(**reconstitution.SCENARIOS["ADA-SCID"].kwargs())
    assert f"can stop on day {result.ivig_free_day:.0f}" in explorer.readout.value
    question = questions.ivig_stop_after_ada_scid
    assert question.answer == pytest.approx(result.ivig_free_day / reconstitution.DAYS_PER_MONTH)
    assert question.check("10 months").correct and question.check(10).correct
    assert "days" in question.check(f"{result.ivig_free_day:.0f} days").message
    assert "B cells" in question.check(round(result.recovery_day("b_cell") / reconstitution.DAYS_PER_MONTH)).message


def test_scid_still_on_ivig_matches_the_unconditioned_scenario():
    result = reconstitution.simulate(**reconstitution.SCENARIOS[
        "infant X-SCID, unconditioned marrow from a sibling"].kwargs())
    assert result.donor_t_cell_share[-1] > 0.99 and result.donor_stem_cell_share < 0.02
    assert result.ivig_free_day is None and result.recovery_day("b_cell") == 0
    assert questions.scid_still_on_ivig.check(questions.scid_still_on_ivig.answer).correct


def test_hyper_igm_needs_donor_t_cells_not_donor_b_cells():
    """With the host's B cells and the donor's T cells alone (no donor B cells), class switching comes back."""
    result = reconstitution.simulate(**reconstitution.SCENARIOS["hyper-IgM"].kwargs())
    assert result.class_switch_help[-1] == pytest.approx(1)
    assert reconstitution.DEFECTS["x_hyper_igm"]["b_works"] == 1 and reconstitution.DEFECTS["x_hyper_igm"]["cd40l"] == 0


def test_age_and_t_cells_quotes_the_t_cell_scenarios():
    prompt = questions.age_and_t_cells.prompt
    for name in ("1-year-old, T-cell depleted", "40-year-old, T-cell depleted"):
        cd4 = reconstitution.simulate(**reconstitution.T_CELL_SCENARIOS[name].kwargs()).recovery_day("cd4")
        assert f"day {cd4:.0f}" in prompt


def test_who_does_best_agrees_with_the_toy_survival():
    def survival(**changes):
        return reconstitution.simulate(**reconstitution.SCENARIOS[
            "infant X-SCID, unconditioned marrow from a sibling"].kwargs(**changes)).survival_estimate
    best = survival(age_months=2, infection_status="never")
    assert best > survival(age_months=5, infection_status="never") and best > survival(age_months=2,
                                                                                        infection_status="active")
