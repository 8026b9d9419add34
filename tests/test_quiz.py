"""Questions: instant feedback, hints one at a time, worked answers only on request; numbers read as students type
them."""
import pytest

from helpers import quiz

CHOICE = quiz.MultipleChoice(
    "Same output, half the lifespan: the pool?", answer="halves", distractors=("same", "doubles"),
    explanation="Pool = output x lifespan.", hints=("Think of output x lifespan.", "Try the slider."),
    why={"doubles": "Shorter lives mean fewer cells present."},
)
NUMBER = quiz.Numeric("Red cells in the body?", answer=2.44e13, unit="cells", explanation="2.1e11 x 116.",
                      hints=("Multiply the daily output by the lifespan.",))
DAYS = quiz.Numeric("Days from infusion to platelet engraftment?", answer=14, unit="days", explanation="Two weeks.")
SHARE = quiz.Numeric("Share lost?", answer=25.0, unit="%", explanation="p_d / p_r.")
DOSE = quiz.Numeric("CD34+ cells per kg?", answer=9.96e6, unit="cells/kg", explanation="93 x 15e6 x 0.5 / 70.")


def test_multiple_choice_feedback_explains_right_and_wrong_answers():
    assert CHOICE.check("halves") == quiz.Feedback(True, "Pool = output x lifespan.")
    assert CHOICE.check("doubles").message == "Shorter lives mean fewer cells present."
    assert not CHOICE.check("same").correct and "open a hint" in CHOICE.check("same").message
    assert "Pick an option" in CHOICE.check(None).message


def test_options_are_the_answer_and_distractors_in_an_order_fixed_by_the_prompt():
    assert sorted(CHOICE.options) == sorted(("halves", "same", "doubles"))
    assert CHOICE.options == quiz.MultipleChoice(CHOICE.prompt, answer="halves", distractors=("doubles", "same"),
                                                 explanation="").options  # the order of definition does not matter
    orders = {quiz.MultipleChoice(f"Question {i}?", answer="a", distractors=("b", "c"), explanation="").options
              for i in range(20)}
    assert len(orders) > 1  # another prompt, another order


@pytest.mark.parametrize("answer, distractors, why, words", [
    ("a", ("a", "b"), {}, "distinct distractors"),
    ("a", (), {}, "distinct distractors"),
    ("a", ("b", "b"), {}, "distinct distractors"),
    ("a", ("b", "c"), {"a": "why the answer?"}, "not among the distractors"),
])
def test_multiple_choice_refuses_impossible_definitions(answer, distractors, why, words):
    with pytest.raises(ValueError, match=words):
        quiz.MultipleChoice("?", answer=answer, distractors=distractors, explanation="", why=why)


def test_a_choice_that_is_not_an_option_is_refused():
    with pytest.raises(ValueError, match="choose one of"):
        CHOICE.check("triples")


@pytest.mark.parametrize("value, correct, words", [
    (2.5e13, True, "Correct. 2.44e13 cells"),
    (2e13, True, "Correct."),  # a fair estimate (2e11 x 100) is within the 20 % tolerance
    ("2.4e13", True, "Correct."),
    ("2.1e11 * 116", True, "Correct."),
    ("2.4e13 cells", True, "Correct."),
    ("24 thousand billion", True, "Correct."),
    (2.44e12, False, "2.44e12 cells is about 10 times too low. Hint: Multiply the daily output"),
    (1e15, False, "about 41 times too high"),
    (1e16, False, "about 410 times too high"),  # not 4.1e+02
    (3.1e13, False, "about 27% too high"),
    (-1, False, "cannot be right"),
    (None, False, "Replace None"),
    ("lots", False, "'lots' is not a number I can read: type a number such as 14, 0.5 (or 0,5), 2.5e6"),
    ("__import__('os')", False, "is not a number"),
    ([1], False, "is not a number"),
    (True, False, "is not a number"),
    (float("nan"), False, "not a finite number"),
    ("1,000", False, "Use a point for decimals and no thousands separators"),
])
def test_numeric_answers_are_accepted_within_tolerance(value, correct, words):
    feedback = NUMBER.check(value)
    assert feedback.correct is correct
    assert words in repr(feedback)


@pytest.mark.parametrize("text, number", [
    ("2.1e11*116", 2.436e13), ("10**5", 1e5), ("-(3 - 5) / 4", 0.5),
    ("0,5", 0.5), ("50,3", 50.3), ("9,96e6", 9.96e6), ("0,125", 0.125), ("1,5e6", 1.5e6),
    ("10^7", 1e7), ("4 x 10^8", 4e8), ("4x10^8", 4e8), ("4×10^8", 4e8), ("4*10^8", 4e8), ("4 · 10^8", 4e8),
    ("9,96 × 10^6", 9.96e6), ("400 million", 4e8), ("2.5 billion", 2.5e9), ("3 thousand", 3e3),
    ("2.5 Million", 2.5e6), ("−2", -2), ("  14 ", 14), ("about 261", 261), ("~261", 261), ("≈ 0.5", 0.5),
    ("approx. 4e8", 4e8), ("Roughly 40", 40),
])
def test_numbers_are_read_as_students_type_them(text, number):
    assert quiz.parse_number(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["1,000", "1,000,000", "12,500", "1,000.5"])
def test_a_comma_that_could_separate_thousands_is_refused_as_ambiguous(text):
    with pytest.raises(quiz.AmbiguousNumber, match="Use a point for decimals and no thousands separators"):
        quiz.parse_number(text)


@pytest.mark.parametrize("text", ["x", "print(1)", "1/0", "[1]", "True", "10**10**10", "(-8)**0.5", "5e6, 80",
                                  "million", "1.2.3", ""])
def test_anything_but_arithmetic_is_refused_naming_the_accepted_formats(text):
    with pytest.raises(ValueError, match=r"is not a number I can read: type a number such as 14, 0\.5 \(or 0,5\)"):
        quiz.parse_number(text)


@pytest.mark.parametrize("text, number, unit", [
    ("14", 14, None), ("14 days", 14, "days"), ("14days", 14, "days"), ("14 d", 14, "days"),
    ("2 weeks", 2, "weeks"), ("4e8 cells", 4e8, "cells"), ("4e8 CD34+ cells", 4e8, "cells"),
    ("2.5e6 cells/kg", 2.5e6, "cells/kg"), ("2,5e6 cells per kg", 2.5e6, "cells/kg"),
    ("9.96 million cells/kg", 9.96e6, "cells/kg"), ("5 %", 5, "%"), ("50%", 50, "%"), ("50 percent", 50, "%"),
    ("100 times", 100, "times"), ("30 doublings", 30, "doublings"),
])
def test_a_unit_after_the_number_is_read(text, number, unit):
    value, stated = quiz.read_answer(text)
    assert value == pytest.approx(number)
    assert (stated.name if stated else None) == unit


@pytest.mark.parametrize("question, value, correct, words", [
    (DAYS, "14 days", True, "Correct. 14 days"),
    (DAYS, "14d", True, "Correct."),
    (DAYS, "2 weeks", False, "You answered in weeks; the question asks for days: 2 weeks = 14 days, the right "
                             "amount. Give it in days."),
    (DAYS, "3 weeks", False, "You answered in weeks; the question asks for days: 3 weeks = 21 days."),
    (DAYS, "0.5 months", False, "You answered in months; the question asks for days: 0.5 months = 15.2 days, the "
                                "right amount."),
    (DAYS, "14 cells", False, "You answered in cells; the question asks for days."),
    (DAYS, "14 furlongs", False, "'furlongs' is not a unit I know"),
    (DAYS, "14,0 days", True, "Correct."),  # a decimal comma before a unit
    (DAYS, "1,000 days", False, "is ambiguous: is the comma a decimal point or a thousands separator?"),
    (NUMBER, "2.4e13 cells/kg", False, "You answered in cells/kg; the question asks for cells."),
    (DOSE, "9,96e6 cells/kg", True, "Correct."),
    (DOSE, "9.96e6 CD34+ cells/kg", True, "Correct."),
    (DOSE, "7e8 cells", False, "You answered in cells; the question asks for cells/kg."),
    (SHARE, "25 %", True, "Correct."),
    (SHARE, "25 percent", True, "Correct."),
])
def test_a_stated_unit_is_accepted_when_it_matches_and_explained_when_it_does_not(question, value, correct, words):
    feedback = question.check(value)
    assert feedback.correct is correct
    assert words in repr(feedback)


@pytest.mark.parametrize("question, value, words", [
    (DAYS, 2, "2 looks like weeks: 2 weeks = 14 days. Give the answer in days."),
    (DAYS, "2", "2 looks like weeks"),
    (DAYS, 0.46, "0.46 looks like months"),
    (NUMBER, 2.44e7, "2.44e7 looks like millions: 2.44e7 million = 2.44e13 cells."),
    (DOSE, 9.96, "9.96 looks like millions: 9.96 million = 9.96e6 cells/kg."),
    (SHARE, 0.25, "0.25 looks like a fraction: 0.25 = 25 %."),
])
def test_a_number_right_in_another_unit_without_saying_so_is_pointed_out(question, value, words):
    feedback = question.check(value)
    assert not feedback.correct and words in feedback.message


def test_a_number_in_the_asked_unit_is_not_taken_for_a_slip():
    assert "too low" in DAYS.check("2 days").message  # said days: it is 2 days, not a slip from weeks


def test_a_question_must_use_a_unit_the_checker_reads():
    with pytest.raises(ValueError, match="unit 'furlongs' is not one of days, weeks"):
        quiz.Numeric("How far?", answer=1, unit="furlongs", explanation="")


def test_a_known_misconception_gets_its_own_explanation():
    risk = quiz.Numeric("Risk over 14 days at 5 %/day?", answer=50.3, unit="%", explanation="1 - exp(-0.7).",
                        misconceptions=((70, "risks do not add; the chances of staying well multiply."),))
    assert repr(risk.check(70)) == "Not yet. 70 %: risks do not add; the chances of staying well multiply."
    assert "risks do not add" in risk.check("70 %").message
    assert risk.check(50).correct and "too low" in repr(risk.check(20))


def test_feedback_never_suggests_a_caret_for_python():
    messages = [NUMBER.check(text).message for text in ("lots", "1,000", "14 furlongs", [1])]
    assert all("^" not in message for message in messages)


def click(widget_box, description):
    buttons = widget_box.children[2].children
    next(b for b in buttons if b.description == description).click()


def test_widget_shows_the_shuffled_options_and_checks_the_option_text():
    box = quiz.show(CHOICE).children[0]
    assert box.children[1].options == CHOICE.options
    feedback = box.children[3]
    assert feedback.value == ""
    box.children[1].value = "doubles"
    click(box, "Check")
    assert "Shorter lives" in feedback.value
    box.children[1].value = "halves"
    click(box, "Check")
    assert "Correct" in feedback.value


def test_widget_gives_hints_in_turn_and_the_worked_answer():
    box = quiz.show(CHOICE).children[0]
    feedback = box.children[3]
    click(box, "Hint")
    assert "Hint 1" in feedback.value and "Hint 2" not in feedback.value
    click(box, "Hint")
    assert "Hint 2" in feedback.value
    assert next(b for b in box.children[2].children if b.description == "Hint").disabled
    click(box, "Show worked answer")
    assert "halves" in feedback.value


@pytest.mark.parametrize("typed, words", [("2.4e13", "Correct"), ("4 x 10^8", "too low"),
                                          ("24,4 thousand billion cells", "Correct"), ("", "Replace None")])
def test_numeric_widget_checks_typed_text(typed, words):
    box = quiz.show(NUMBER).children[0]
    box.children[1].value = typed
    click(box, "Check")
    assert words in box.children[3].value
