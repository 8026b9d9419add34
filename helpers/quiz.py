"""Self-check questions with instant feedback, hints one at a time, and a worked answer folded until asked for.

Each question has a pure ``check`` (testable without a browser) and a widget (``show(question)``).
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets


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


@dataclass(frozen=True)
class Numeric:
    """A number to compute, accepted within a relative tolerance (``rel_tol=0.1`` is within 10 %)."""

    prompt: str
    answer: float
    unit: str
    explanation: str
    rel_tol: float = 0.1
    hints: tuple[str, ...] = ()

    def check(self, value: Any) -> Feedback:
        if value is None:
            return Feedback(False, "Replace None with your answer and run the cell again.")
        try:
            number = float(value)
        except (TypeError, ValueError):
            return Feedback(False, f"{value!r} is not a number; give a number in {self.unit}.")
        if not math.isfinite(number):
            return Feedback(False, f"{value!r} is not a finite number.")
        if math.isclose(number, self.answer, rel_tol=self.rel_tol):
            return Feedback(True, f"{self.answer:.3g} {self.unit}. {self.explanation}")
        direction = "high" if number > self.answer else "low"
        return Feedback(False, f"{number:.3g} {self.unit} is too {direction}. Check your units, or open a hint.")


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
        answer = question.answer if isinstance(question, MultipleChoice) else f"{question.answer:.3g} {question.unit}"
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

