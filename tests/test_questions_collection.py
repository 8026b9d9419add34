"""Every question in helpers/questions/: multiple choice that does not give the answer away by its place or its
length, numeric questions that accept their own answer however it is typed, and notebooks that name only questions
that exist."""
import importlib
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import helpers.questions
from helpers import quiz
from helpers.formatting import plain_number

ROOT = Path(__file__).parents[1]
# The longest option may be at most this many times the shortest. Short options ("Red cells" against
# "Neutrophils") differ by a fifth or so; 1.6 leaves room for that while ruling out the tell-tale pattern of one
# careful, qualified answer beside two curt distractors (the old options ran to 2-7 times).
MAX_LENGTH_RATIO = 1.6


def _questions():
    for module in pkgutil.iter_modules(helpers.questions.__path__):
        for name, value in vars(importlib.import_module(f"helpers.questions.{module.name}")).items():
            if isinstance(value, (quiz.MultipleChoice, quiz.Numeric)):
                yield f"{module.name}.{name}", value


QUESTIONS = dict(_questions())
CHOICES = {name: q for name, q in QUESTIONS.items() if isinstance(q, quiz.MultipleChoice)}
NUMBERS = {name: q for name, q in QUESTIONS.items() if isinstance(q, quiz.Numeric)}


def test_the_collection_is_found():
    assert len(CHOICES) >= 14 and len(NUMBERS) >= 8


def test_the_right_answer_is_shown_in_every_place_not_always_first():
    places = [q.options.index(q.answer) for q in CHOICES.values()]
    assert set(places) == set(range(max(len(q.options) for q in CHOICES.values())))
    assert places.count(0) <= len(places) / 2


def test_the_right_answer_is_the_longest_option_in_at_most_a_third_of_the_questions():
    longest = [name for name, q in CHOICES.items() if len(q.answer) > max(map(len, q.distractors))]
    assert len(longest) <= len(CHOICES) / 3, longest


@pytest.mark.parametrize("name", CHOICES)
def test_options_are_of_similar_length(name):
    lengths = [len(option) for option in CHOICES[name].options]
    assert max(lengths) <= MAX_LENGTH_RATIO * min(lengths), CHOICES[name].options


@pytest.mark.parametrize("name", CHOICES)
def test_every_distractor_explains_its_misconception_and_the_widget_shows_the_shuffled_order(name):
    question = CHOICES[name]
    assert set(question.why) == set(question.distractors) and question.hints
    assert question.check(question.answer).correct
    assert all(not question.check(option).correct for option in question.distractors)
    assert quiz.show(question).children[0].children[1].options == question.options


def test_the_order_of_the_options_is_the_same_in_every_kernel():
    """Python salts str hashes per process; the order comes from zlib.crc32, so another process shows the same."""
    script = ("import json, test_questions_collection as c; "
              "print(json.dumps({n: q.options for n, q in c.CHOICES.items()}))")
    for seed in ("1", "2"):
        shown = subprocess.run([sys.executable, "-c", script], cwd=ROOT / "tests", capture_output=True, text=True,
                               check=True, env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}).stdout
        assert json.loads(shown) == {name: list(q.options) for name, q in CHOICES.items()}


@pytest.mark.parametrize("name", NUMBERS)
def test_a_numeric_question_accepts_its_own_answer_however_it_is_typed(name):
    question = NUMBERS[name]
    assert question.answer > 0
    for typed in (question.answer, plain_number(question.answer), f"{plain_number(question.answer)} {question.unit}",
                  f"{question.answer:.2e}".replace(".", ",")):  # a decimal comma: 1,02e+02
        assert question.check(typed).correct, typed


@pytest.mark.parametrize("name", NUMBERS)
def test_each_misconception_is_told_apart_from_the_answer_and_gets_its_own_why(name):
    question = NUMBERS[name]
    for wrong, why in question.misconceptions:
        assert not question.check(wrong).correct
        assert question.check(wrong).message.endswith(why), (wrong, question.check(wrong).message)


def test_the_notebooks_name_only_questions_that_exist():
    for notebook in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        source = "\n".join("".join(cell["source"]) for cell in json.loads(notebook.read_text())["cells"])
        module = re.search(r"from helpers\.questions import (\w+) as questions", source)[1]
        for name in set(re.findall(r"questions\.(\w+)", source)):
            assert f"{module}.{name}" in QUESTIONS, (notebook.name, name)
