"""Questions: instant feedback, hints one at a time, worked answers only on request."""
import pytest

from helpers import quiz

CHOICE = quiz.MultipleChoice(
    "Same output, half the lifespan: the pool?", options=("same", "halves", "doubles"), answer="halves",
    explanation="Pool = output x lifespan.", hints=("Think of output x lifespan.", "Try the slider."),
    why=(("doubles", "Shorter lives mean fewer cells present."),),
)
NUMBER = quiz.Numeric("Red cells in the body?", answer=2.44e13, unit="cells", explanation="2.1e11 x 116.",
                      hints=("Multiply the daily output by the lifespan.",))


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
    (2.5e13, True, "Correct. 2.44e13 cells"),
    (2e13, True, "Correct."),  # a fair estimate (2e11 x 100) is within the 20 % tolerance
    ("2.4e13", True, "Correct."),
    ("2.1e11 * 116", True, "Correct."),
    (2.44e12, False, "2.44e12 cells is about 10 times too low. Hint: Multiply the daily output"),
    (1e15, False, "about 41 times too high"),
    (3.1e13, False, "a little too high"),
    (-1, False, "cannot be right"),
    (None, False, "Replace None"),
    ("lots", False, "not a number"),
    ("__import__('os')", False, "not a number"),
    (float("nan"), False, "not a finite number"),
])
def test_numeric_answers_are_accepted_within_tolerance(value, correct, words):
    feedback = NUMBER.check(value)
    assert feedback.correct is correct
    assert words in repr(feedback)


@pytest.mark.parametrize("text, number", [("2.1e11*116", 2.436e13), ("10**5", 1e5), ("2^3", 8), ("1,000", 1000),
                                          ("-(3 - 5) / 4", 0.5)])
def test_typed_arithmetic_is_evaluated_and_nothing_else(text, number):
    assert quiz.parse_number(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["x", "print(1)", "1/0", "[1]", "True", "10**10**10"])
def test_anything_but_arithmetic_is_refused(text):
    with pytest.raises(ValueError, match="is not a number"):
        quiz.parse_number(text)


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


def test_percentages_accept_a_percent_sign_and_flag_fractions():
    share = quiz.Numeric("Share lost?", answer=25.0, unit="%", explanation="p_d / p_r.")
    assert share.check("25%").correct and share.check(25).correct
    assert "looks like a fraction" in repr(share.check(0.25))


def test_a_known_misconception_gets_its_own_explanation():
    risk = quiz.Numeric("Risk over 14 days at 5 %/day?", answer=50.3, unit="%", explanation="1 - exp(-0.7).",
                        misconceptions=((70, "risks do not add; the chances of staying well multiply."),))
    assert repr(risk.check(70)) == "Not yet. 70 %: risks do not add; the chances of staying well multiply."
    assert risk.check(50).correct and "too low" in repr(risk.check(20))
