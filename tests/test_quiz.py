"""Questions: instant feedback, hints one at a time, worked answers only on request."""
import pytest

from helpers import quiz

CHOICE = quiz.MultipleChoice(
    "Same output, half the lifespan: the pool?", options=("same", "halves", "doubles"), answer="halves",
    explanation="Pool = output x lifespan.", hints=("Think of output x lifespan.", "Try the slider."),
    why=(("doubles", "Shorter lives mean fewer cells present."),),
)
NUMBER = quiz.Numeric("Red cells in the body?", answer=2.44e13, unit="cells", explanation="2.1e11 x 116.")


def test_multiple_choice_feedback_explains_right_and_wrong_answers():
    assert CHOICE.check("halves") == quiz.Feedback(True, "Pool = output x lifespan.")
    assert CHOICE.check("doubles").message == "Shorter lives mean fewer cells present."
    assert not CHOICE.check("same").correct
    assert "Pick an option" in CHOICE.check(None).message


def test_multiple_choice_refuses_impossible_definitions_and_choices():
    with pytest.raises(ValueError, match="answer='x' is not one of the options"):
        quiz.MultipleChoice("?", options=("a", "b"), answer="x", explanation="")
    with pytest.raises(ValueError, match="choose one of"):
        CHOICE.check("triples")


@pytest.mark.parametrize("value, correct, words", [
    (2.5e13, True, "Correct. 2.44e+13 cells"),
    ("2.4e13", True, "Correct."),
    (2.44e12, False, "too low"),
    (1e15, False, "too high"),
    (None, False, "Replace None"),
    ("lots", False, "not a number"),
    (float("nan"), False, "not a finite number"),
])
def test_numeric_answers_are_accepted_within_tolerance(value, correct, words):
    feedback = NUMBER.check(value)
    assert feedback.correct is correct
    assert words in repr(feedback)


def click(widget_box, description):
    buttons = widget_box.children[2].children
    next(b for b in buttons if b.description == description).click()


def test_widget_gives_feedback_hints_in_turn_and_the_worked_answer():
    box = quiz.show(CHOICE).children[0]
    feedback = box.children[3]
    assert feedback.value == ""
    box.children[1].value = "doubles"
    click(box, "Check")
    assert "Shorter lives" in feedback.value
    click(box, "Hint")
    assert "Hint 1" in feedback.value and "Hint 2" not in feedback.value
    click(box, "Hint")
    assert "Hint 2" in feedback.value
    assert next(b for b in box.children[2].children if b.description == "Hint").disabled
    click(box, "Show worked answer")
    assert "halves" in feedback.value


def test_numeric_widget_checks_typed_text():
    box = quiz.show(NUMBER).children[0]
    box.children[1].value = "2.4e13"
    click(box, "Check")
    assert "Correct" in box.children[3].value
