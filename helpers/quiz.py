"""Self-check questions with instant feedback, hints one at a time, and a worked answer folded until asked for.

Each question has a pure ``check`` (testable without a browser) and a widget (``show(question)``).
"""
from __future__ import annotations

import ast
import html
import math
import operator
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from .formatting import plain_number


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str

    def __repr__(self) -> str:
        return ("Correct. " if self.correct else "Not yet. ") + self.message


@dataclass(frozen=True)
class MultipleChoice:
    """One right option among several; ``why`` can explain each wrong option (the misconception behind it)."""

    prompt: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    hints: tuple[str, ...] = ()
    why: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.answer not in self.options:
            raise ValueError(f"answer={self.answer!r} is not one of the options {self.options}")
        for option, _ in self.why:
            if option not in self.options:
                raise ValueError(f"why names {option!r}, which is not one of the options {self.options}")

    def check(self, choice: Any) -> Feedback:
        if choice is None:
            return Feedback(False, "Pick an option first.")
        if choice not in self.options:
            raise ValueError(f"choice={choice!r} is not a valid choice; choose one of {self.options}")
        if choice == self.answer:
            return Feedback(True, self.explanation)
        reason = dict(self.why).get(choice, "Look again at the explorer above, or open a hint.")
        return Feedback(False, reason)


_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
               ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}


def parse_number(text: str) -> float:
    """A number typed by a learner: ``2.4e13``, ``2.1e11 * 116`` or ``10**5`` (arithmetic only, nothing else runs)."""

    def evaluate(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            return _ARITHMETIC[type(node.op)](evaluate(node.left), evaluate(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _ARITHMETIC:
            return _ARITHMETIC[type(node.op)](evaluate(node.operand))
        raise ValueError(f"{text!r} is not a number")

    try:
        return float(evaluate(ast.parse(text.replace(",", "").replace("^", "**"), mode="eval").body))
    except (SyntaxError, ZeroDivisionError, OverflowError) as error:
        raise ValueError(f"{text!r} is not a number") from error


@dataclass(frozen=True)
class Numeric:
    """A number to compute or estimate, accepted within a relative tolerance (``rel_tol=0.2``: within 20 %).

    ``misconceptions``: (wrong value, why) pairs; an answer near a wrong value a known mistake gives gets its why.
    """

    prompt: str
    answer: float
    unit: str
    explanation: str
    rel_tol: float = 0.2
    hints: tuple[str, ...] = ()
    misconceptions: tuple[tuple[float, str], ...] = ()

    def check(self, value: Any) -> Feedback:
        if value is None:
            return Feedback(False, "Replace None with your answer and run the cell again.")
        percent = self.unit == "%"
        try:
            text = value.strip().removesuffix("%") if isinstance(value, str) and percent else value
            number = parse_number(text) if isinstance(text, str) else float(text)
        except (TypeError, ValueError):
            return Feedback(False, f"{value!r} is not a number; give a number in {self.unit}.")
        if not math.isfinite(number):
            return Feedback(False, f"{value!r} is not a finite number.")
        if math.isclose(number, self.answer, rel_tol=self.rel_tol):
            return Feedback(True, f"{plain_number(self.answer)} {self.unit}. {self.explanation}")
        for wrong, why in self.misconceptions:
            if math.isclose(number, wrong, rel_tol=self.rel_tol):
                return Feedback(False, f"{plain_number(number)} {self.unit}: {why}")
        if percent and math.isclose(100 * number, self.answer, rel_tol=self.rel_tol):
            return Feedback(False, f"{plain_number(number)} looks like a fraction: give it as a percentage "
                                   f"({plain_number(100 * number)} %).")
        if number <= 0 < self.answer:
            message = f"{plain_number(number)} {self.unit} cannot be right: the answer is a positive number."
        else:
            factor = max(number / self.answer, self.answer / number)
            direction = "high" if number > self.answer else "low"
            size = f"about {factor:.2g} times" if factor >= 1.5 else "a little"
            message = f"{plain_number(number)} {self.unit} is {size} too {direction}."
        if self.hints:
            message += f" Hint: {self.hints[0]}"
        return Feedback(False, message)


Question = MultipleChoice | Numeric


def _question_widget(question: Question) -> widgets.VBox:
    prompt = widgets.HTML(f"<b>{html.escape(question.prompt)}</b>")
    if isinstance(question, MultipleChoice):
        entry = widgets.RadioButtons(options=question.options, value=None, layout=widgets.Layout(width="auto"))
    else:
        entry = widgets.Text(placeholder=f"your answer ({question.unit})", layout=widgets.Layout(width="260px"))
    feedback = widgets.HTML()
    check = widgets.Button(description="Check", button_style="primary")
    hint = widgets.Button(description="Hint", icon="lightbulb-o", disabled=not question.hints)
    worked = widgets.Button(description="Show worked answer")
    hints_shown = []

    def on_check(_button: widgets.Button) -> None:
        value = entry.value if isinstance(question, MultipleChoice) else (entry.value.strip() or None)
        result = question.check(value)
        colour = "#117733" if result.correct else "#882255"
        feedback.value = f'<span style="color:{colour}">{html.escape(repr(result))}</span>'

    def on_hint(_button: widgets.Button) -> None:
        if len(hints_shown) < len(question.hints):
            hints_shown.append(question.hints[len(hints_shown)])
        feedback.value = "<br>".join(f"Hint {i + 1}: {html.escape(h)}" for i, h in enumerate(hints_shown))
        hint.disabled = len(hints_shown) == len(question.hints)

    def on_worked(_button: widgets.Button) -> None:
        answer = question.answer if isinstance(question, MultipleChoice) else f"{plain_number(question.answer)} {question.unit}"
        feedback.value = f"<b>Answer:</b> {html.escape(str(answer))}. {html.escape(question.explanation)}"

    check.on_click(on_check)
    hint.on_click(on_hint)
    worked.on_click(on_worked)
    box = widgets.VBox([prompt, entry, widgets.HBox([check, hint, worked]), feedback])
    box.add_class("hsc-question")
    return box


def show(*questions: Question) -> widgets.VBox:
    """Widgets for the questions, one below the other."""
    return widgets.VBox([_question_widget(q) for q in questions])

