"""Notebook 03's by-the-numbers questions: each usual slip, worked out from the same numbers, gets its own feedback."""
import pytest

from helpers.models import niche
from helpers.questions import niche as questions

COUNT, VOLUME_L = questions.DAY5_COUNT_PER_UL, niche.PARAMS["processed_blood_volume_l"].default
EFFICIENCY, WEIGHT_KG = niche.PARAMS["collection_efficiency"].default, niche.PARAMS["weight_kg"].default
HOMING = niche.PARAMS["homing"].default


@pytest.mark.parametrize("typed, words", [
    (f"{COUNT} * {VOLUME_L:g}e6 * {EFFICIENCY:g} / {WEIGHT_KG:g}", "Correct."),
    (f"{COUNT} x {VOLUME_L:g} x 10^6 x {EFFICIENCY:g} / {WEIGHT_KG:g} cells/kg", "Correct."),
    (COUNT * VOLUME_L * 1e6 / WEIGHT_KG, f"collects only {100 * EFFICIENCY:.0f}% of them"),  # efficiency forgotten
    (COUNT * VOLUME_L * 1e6 * EFFICIENCY, f"divide by {WEIGHT_KG:g} kg"),  # weight forgotten
    (COUNT * VOLUME_L * 1e3 * EFFICIENCY / WEIGHT_KG, "a litre is 1e6 microlitres"),  # litres to uL by 1e3
    (COUNT * VOLUME_L * 1e6 * EFFICIENCY * WEIGHT_KG, f"multiplies by the recipient's {WEIGHT_KG:g} kg"),  # x kg
    (COUNT * VOLUME_L * EFFICIENCY / WEIGHT_KG, "looks like millions"),  # the answer in millions per kg
    (f"{COUNT * VOLUME_L * 1e6 * EFFICIENCY:.3g} cells", "You answered in cells; the question asks for cells/kg"),
])
def test_apheresis_yield_names_each_usual_slip(typed, words):
    feedback = questions.apheresis_yield.check(typed)
    assert feedback.correct is (words == "Correct.")
    assert words in repr(feedback)


def test_stem_cells_reaching_marrow_flags_homing_taken_twice():
    question = questions.stem_cells_reaching_marrow
    twice = question.answer * HOMING
    assert twice == pytest.approx(4.1, abs=0.2)  # about 4 per kg
    feedback = question.check(twice)
    assert not feedback.correct and "homing loss a second time" in feedback.message
    assert "homing loss a second time" in question.check(f"{twice:.1f} per kg").message


def test_stem_cells_reaching_marrow_flags_cd34_cells_taken_for_all_mononuclear_cells():
    question = questions.stem_cells_reaching_marrow
    feedback = question.check(question.answer * niche.CD34_SHARE_OF_MOBILISED_MNC)
    assert not feedback.correct and "per mononuclear cell" in feedback.message
