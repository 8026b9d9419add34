"""Self-check questions with instant feedback, hints one at a time, and a worked answer folded until asked for.

Each question has a pure ``check`` (testable without a browser) and a widget (``show(question)``).
"""
from __future__ import annotations

import ast
import html
import math
import operator
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Mapping

import ipywidgets as widgets

from .formatting import plain_number, significant


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str

    def __repr__(self) -> str:
        return ("Correct. " if self.correct else "Not yet. ") + self.message


@dataclass(frozen=True)
class MultipleChoice:
    """One right answer among plausible distractors; ``why`` explains a distractor (the misconception behind it).

    ``options`` shows all of them in an order fixed by the prompt (zlib.crc32, the same in every run and kernel, unlike
    Python's salted ``hash``), so the right answer is not always in the same place.
    """

    prompt: str
    answer: str
    distractors: tuple[str, ...]
    explanation: str
    hints: tuple[str, ...] = ()
    why: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        choices = (self.answer, *self.distractors)
        if not self.distractors or len(set(choices)) != len(choices):
            raise ValueError(f"a question needs distinct distractors besides its answer; got {choices}")
        unknown = set(self.why) - set(self.distractors)
        if unknown:
            raise ValueError(f"why names {sorted(unknown)}, which are not among the distractors {self.distractors}")

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(sorted((self.answer, *self.distractors),
                            key=lambda option: zlib.crc32(f"{self.prompt}\n{option}".encode())))

    def check(self, choice: Any) -> Feedback:
        if choice is None:
            return Feedback(False, "Pick an option first.")
        if choice not in self.options:
            raise ValueError(f"choice={choice!r} is not a valid choice; choose one of {self.options}")
        if choice == self.answer:
            return Feedback(True, self.explanation)
        return Feedback(False, self.why.get(choice, "Look again at the explorer above, or open a hint."))


# ---------------------------------------------------------------- reading a number as a learner types it

ACCEPTED_FORMATS = ("a number such as 14, 0.5 (or 0,5), 2.5e6, 4 * 10**8 or 400 million, or a sum such as "
                    "2.1e11 * 116")
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
               ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}
_NUMBER_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_MULTIPLICATION_SIGN = re.compile(r"\s*[×·⋅∙]\s*|(?<=[\d)])\s*[xX]\s*(?=[\d(.])")
_NUMBER_WORD = re.compile(r"\s*\b(" + "|".join(_NUMBER_WORDS) + r")s?\b", re.IGNORECASE)
# 1,000 or 12,500,000: a comma before groups of three digits could be a thousands separator or a decimal comma.
_ABOUT = re.compile(r"^(?:about|around|roughly|approx(?:imately|\.)?|ca\.|~|≈)\s*", re.I)  # "about 261", "~261"
_THOUSANDS_LIKE = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?![\d,eE])")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")


class AmbiguousNumber(ValueError):
    """A comma that could be a decimal point or a thousands separator (``1,000``)."""


def parse_number(text: str) -> float:
    """A number typed by a learner, as a float.

    Reads ``2.4e13``, ``2.1e11 * 116``, ``10**5`` and ``10^5``, ``4 x 10^8`` (also ``×``, ``·``), ``400 million``
    (thousand, million, billion), a decimal comma (``0,5``, ``9,96e6``) and an estimate's ``about 261`` or ``~261``.
    A comma that could be a thousands separator (``1,000``) is refused as ambiguous. Only arithmetic is evaluated:
    nothing else runs.
    """
    text = _ABOUT.sub("", text.strip())
    if _THOUSANDS_LIKE.search(text):
        raise AmbiguousNumber(f"{text!r} is ambiguous: is the comma a decimal point or a thousands separator? Use a "
                              "point for decimals and no thousands separators (1000 or 1e3; 1.5).")
    expression = _MULTIPLICATION_SIGN.sub("*", text.replace("−", "-")).replace("^", "**")
    expression = _NUMBER_WORD.sub(lambda word: f"*{_NUMBER_WORDS[word[1].lower()]:g}", expression)
    expression = _DECIMAL_COMMA.sub(".", expression)

    def evaluate(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            return _ARITHMETIC[type(node.op)](evaluate(node.left), evaluate(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _ARITHMETIC:
            return _ARITHMETIC[type(node.op)](evaluate(node.operand))
        raise TypeError(node)

    try:
        return float(evaluate(ast.parse(expression, mode="eval").body))
    except (SyntaxError, TypeError, ZeroDivisionError, OverflowError, RecursionError) as error:
        raise _unreadable(text) from error


def _unreadable(text: str) -> ValueError:
    return ValueError(f"{text!r} is not a number I can read: type {ACCEPTED_FORMATS}.")


@dataclass(frozen=True)
class Unit:
    """A unit a learner may write after a number; units of one quantity convert by their size."""

    name: str
    quantity: str
    size: float  # in the quantity's first unit (days for time)
    spellings: tuple[str, ...]


UNITS = (
    Unit("days", "time", 1, ("days", "day", "d")),
    Unit("weeks", "time", 7, ("weeks", "week", "wk")),
    Unit("months", "time", 365.25 / 12, ("months", "month")),
    Unit("hours", "time", 1 / 24, ("hours", "hour", "h")),
    Unit("%", "share", 1, ("%", "percent", "per cent")),
    Unit("cells", "cells", 1, ("cd34+ cells", "cd34+ cell", "cells", "cell")),
    Unit("cells/kg", "cells per kg", 1, ("cd34+ cells/kg", "cd34+ cells per kg", "cd34+/kg", "cells/kg",
                                         "cells per kg", "cell/kg", "/kg", "per kg")),
    Unit("doublings", "doublings", 1, ("doublings", "doubling")),
    Unit("mg/kg", "dose per kg", 1, ("mg/kg", "mg per kg", "mg kg-1")),
    Unit("g/kg", "dose per kg", 1000, ("g/kg", "g per kg")),
    Unit("mg/dL", "concentration", 1, ("mg/dl", "mg per dl", "mg/100ml", "mg/100 ml")),
    Unit("g/L", "concentration", 100, ("g/l", "g per l")),
    Unit("g/dL", "concentration", 1000, ("g/dl", "g per dl")),
    Unit("times", "ratio", 1, ("times", "fold", "-fold")),
    Unit("infusions", "count of infusions", 1, ("infusions", "infusion")),
)
_UNIT_SPELLED = {spelling: unit for unit in UNITS for spelling in unit.spellings}
_UNIT_AT_END = re.compile(r"(?<![a-z])(" + "|".join(re.escape(s) for s in sorted(_UNIT_SPELLED, key=len, reverse=True))
                          + r")\s*$", re.IGNORECASE)
_WORD_AT_END = re.compile(r"(?<=[\d\s])([^\W\d_][\w/+-]*)\s*$")


@dataclass(frozen=True)
class _UnstatedSlip:
    """A number that is right in another unit, typed without saying so: number x factor is the answer."""

    factor: float
    looks_like: str
    written: str  # after the number: "4 weeks", "400 million"


# Slips beyond the other units of the same quantity (weeks for days): a share as a fraction, cells in millions.
_SLIPS_BY_QUANTITY = {"share": (_UnstatedSlip(100, "a fraction", ""),),
                      "cells": (_UnstatedSlip(1e6, "millions", " million"),),
                      "cells per kg": (_UnstatedSlip(1e6, "millions", " million"),)}


def unit_named(spelling: str) -> Unit:
    """The unit a question or a learner writes as ``spelling`` (case-insensitive)."""
    try:
        return _UNIT_SPELLED[spelling.strip().lower()]
    except KeyError:
        raise ValueError(f"unit {spelling!r} is not one of {', '.join(u.name for u in UNITS)}") from None


def read_answer(text: str) -> tuple[float, Unit | None]:
    """A typed answer, ``4e8 cells`` or ``14``: its number and the unit written after it (None when none is)."""
    stated = _UNIT_AT_END.search(text)
    unknown = None if stated else _WORD_AT_END.search(text)
    try:
        if stated:
            return parse_number(text[:stated.start()]), unit_named(stated[1])
        return parse_number(text), None
    except AmbiguousNumber:
        raise
    except ValueError:
        if unknown and _reads_as_number(text[:unknown.start()]):
            raise ValueError(f"{unknown[1]!r} is not a unit I know: write the number alone or followed by one of "
                             f"{', '.join(u.name for u in UNITS)}.") from None
        raise _unreadable(text) from None


def _reads_as_number(text: str) -> bool:
    try:
        parse_number(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Numeric:
    """A number to compute or estimate, accepted within a relative tolerance (``rel_tol=0.2``: within 20 %).

    ``unit`` is one of ``UNITS`` (a learner may write it, or another unit of the same quantity, after the number).
    ``misconceptions``: (wrong value, why) pairs; an answer near a wrong value a known mistake gives gets its why.
    A number that would be right in another unit (weeks for days, millions for cells, a fraction for %) is pointed
    out by itself.
    """

    prompt: str
    answer: float
    unit: str
    explanation: str
    rel_tol: float = 0.2
    hints: tuple[str, ...] = ()
    misconceptions: tuple[tuple[float, str], ...] = ()

    def __post_init__(self) -> None:
        unit_named(self.unit)

    def check(self, value: Any) -> Feedback:
        if value is None:
            return Feedback(False, "Replace None with your answer and run the cell again.")
        try:
            number, stated = self._read(value)
        except ValueError as error:
            return Feedback(False, f"{error} Give the answer in {self.unit}.")
        if not math.isfinite(number):
            return Feedback(False, f"{value!r} is not a finite number.")
        asked = unit_named(self.unit)
        if stated is not None and stated != asked:  # "cells" for "CD34+ cells" is the same unit
            message = f"You answered in {stated.name}; the question asks for {self.unit}"
            if stated.quantity == asked.quantity:
                converted = number * stated.size / asked.size
                message += f": {plain_number(number)} {stated.name} = {significant(converted)} {self.unit}"
                if self._near(converted, self.answer):
                    message += f", the right amount. Give it in {self.unit}"
            return Feedback(False, message + ".")
        if self._near(number, self.answer):
            return Feedback(True, f"{plain_number(self.answer)} {self.unit}. {self.explanation}")
        for wrong, why in self.misconceptions:
            if self._near(number, wrong):
                return Feedback(False, f"{plain_number(number)} {self.unit}: {why}")
        if stated is None:
            for slip in self._unstated_slips(asked):
                if self._near(number * slip.factor, self.answer):
                    return Feedback(False, f"{plain_number(number)} looks like {slip.looks_like}: "
                                           f"{plain_number(number)}{slip.written} = "
                                           f"{significant(number * slip.factor)} {self.unit}. "
                                           f"Give the answer in {self.unit}.")
        if number <= 0 < self.answer:
            message = f"{plain_number(number)} {self.unit} cannot be right: the answer is a positive number."
        else:
            factor = max(number / self.answer, self.answer / number)
            direction = "high" if number > self.answer else "low"
            if factor >= 1.5:
                size = f"about {significant(factor, 2)} times"
            elif factor >= 1.15:
                size = f"about {abs(number / self.answer - 1):.0%}"
            else:
                size = "a little"
            message = f"{plain_number(number)} {self.unit} is {size} too {direction}."
        if self.hints:
            message += f" Hint: {self.hints[0]}"
        return Feedback(False, message)

    def _near(self, number: float, target: float) -> bool:
        return math.isclose(number, target, rel_tol=self.rel_tol)

    @staticmethod
    def _read(value: Any) -> tuple[float, Unit | None]:
        if isinstance(value, str):
            return read_answer(value)
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number: type {ACCEPTED_FORMATS}.")
        try:
            return float(value), None
        except (TypeError, ValueError):
            raise ValueError(f"{value!r} is not a number: type {ACCEPTED_FORMATS}.") from None

    @staticmethod
    def _unstated_slips(asked: Unit) -> tuple[_UnstatedSlip, ...]:
        other_units = tuple(_UnstatedSlip(unit.size / asked.size, unit.name, f" {unit.name}") for unit in UNITS
                            if unit.quantity == asked.quantity and unit.size != asked.size)
        return other_units + _SLIPS_BY_QUANTITY.get(asked.quantity, ())


Question = MultipleChoice | Numeric


def _question_widget(question: Question) -> widgets.VBox:
    prompt = widgets.HTML(f"<b>{html.escape(question.prompt)}</b>")
    if isinstance(question, MultipleChoice):
        entry = widgets.RadioButtons(options=question.options, value=None, layout=widgets.Layout(width="auto"))
    else:
        entry = widgets.Text(placeholder=f"your answer ({question.unit})", layout=widgets.Layout(width="260px"))
    feedback = widgets.HTML()
    fits = widgets.Layout(width="auto")  # ipywidgets' fixed button width cut "Show worked answer" short
    check = widgets.Button(description="Check", button_style="primary", layout=fits)
    hint = widgets.Button(description="Hint", icon="lightbulb-o", disabled=not question.hints, layout=fits)
    worked = widgets.Button(description="Show worked answer", layout=fits)
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
        answer = (question.answer if isinstance(question, MultipleChoice)
                  else f"{plain_number(question.answer)} {question.unit}")
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
