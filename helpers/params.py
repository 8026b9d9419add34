"""Parameter specs: each model parameter is declared once and drives validation, sliders and the model card.

>>> DIVISION = Param("hsc_division_interval_days", 280, 50, 700, "days",
...                  "mean time between divisions of one HSC", "Catlin et al. 2011, Blood 117:4460")
>>> DIVISION.validate(-3)
Traceback (most recent call last):
...
ValueError: hsc_division_interval_days=-3 is outside the allowed range 50..700 days
"""
from __future__ import annotations

import functools
import inspect
import math
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator


def plain_number(value: Any) -> str:
    """A number as a reader writes it: 280, 0.5, 2e4, 2.5e13."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if value != 0 and not 1e-3 <= abs(value) < 1e4:
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    return f"{value:g}"


@dataclass(frozen=True)
class Param:
    """A number a model takes: its name, default, allowed range, unit, meaning and source.

    ``step`` is the slider step (default: a hundredth of the range); ``log`` asks for a slider on a log scale;
    ``integer`` for whole numbers; ``label`` is the short text in front of a slider (default: from the name).
    """

    name: str
    default: float
    low: float
    high: float
    unit: str
    meaning: str
    source: str
    step: float | None = None
    log: bool = False
    integer: bool = False
    label: str | None = None

    def __post_init__(self) -> None:
        if not self.low <= self.default <= self.high:
            raise ValueError(f"{self.name}: default {self.default} is outside {self.low}..{self.high}")
        if self.log and self.low <= 0:
            raise ValueError(f"{self.name}: a log-scale parameter needs a positive lower bound")

    @property
    def allowed(self) -> str:
        return f"{plain_number(self.low)}..{plain_number(self.high)} {self.unit}".rstrip()

    @property
    def slider_step(self) -> float:
        if self.step is not None:
            return self.step
        return 1 if self.integer else (self.high - self.low) / 100

    @property
    def display_label(self) -> str:
        """The slider's label: ``label`` or the name, then the unit in brackets (a unit that ends the name, as in
        ``recipient_weight_kg``, is not said twice)."""
        text = self.label or self.name.replace("_", " ")
        unit_words = " " + self.unit.lower().replace("/", " per ")
        if not self.label and self.unit and text.endswith(unit_words):
            text = text[: -len(unit_words)]
        return f"{text} ({self.unit})" if self.unit and f"({self.unit})" not in text else text

    def validate(self, value: Any) -> float:
        """Return ``value`` as a number, or raise ``ValueError`` naming the parameter, value and allowed range."""
        if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
            raise ValueError(f"{self.name}={value!r} is not a number; allowed range {self.allowed}")
        number = float(value)
        if not math.isfinite(number) or not self.low <= number <= self.high:
            raise ValueError(f"{self.name}={value!r} is outside the allowed range {self.allowed}")
        if self.integer:
            if number != int(number):
                raise ValueError(f"{self.name}={value!r} must be a whole number in {self.allowed}")
            return int(number)
        return number

    def row(self) -> tuple[str, str, str, str, str]:
        return (self.name, plain_number(self.default), self.allowed, self.meaning, self.source)


@dataclass(frozen=True)
class Choice:
    """A choice among named options (a profile, a graft source...)."""

    name: str
    default: str
    options: tuple[str, ...]
    meaning: str
    source: str = ""
    label: str | None = None
    option_labels: tuple[str, ...] = ()  # what a dropdown shows for each option (default: the option, '_' -> ' ')

    def __post_init__(self) -> None:
        if self.default not in self.options:
            raise ValueError(f"{self.name}: default {self.default!r} is not among {self.options}")
        if self.option_labels and len(self.option_labels) != len(self.options):
            raise ValueError(f"{self.name}: {len(self.option_labels)} option labels for {len(self.options)} options")

    @property
    def labelled_options(self) -> list[tuple[str, str]]:
        """(label, option) pairs, as a dropdown takes them."""
        labels = self.option_labels or tuple(option.replace("_", " ") for option in self.options)
        return list(zip(labels, self.options))

    def label_of(self, option: str) -> str:
        """What a learner reads for ``option`` (``"x_scid"`` -> ``"X-SCID"``)."""
        return dict((value, label) for label, value in self.labelled_options)[self.validate(option)]

    @property
    def allowed(self) -> str:
        return ", ".join(repr(o) for o in self.options)

    @property
    def display_label(self) -> str:
        return self.label or self.name.replace("_", " ")

    def validate(self, value: Any) -> str:
        if value not in self.options:
            raise ValueError(f"{self.name}={value!r} is not a valid choice; choose one of {self.allowed}")
        return value

    def row(self) -> tuple[str, str, str, str, str]:
        return (self.name, repr(self.default), " / ".join(self.options), self.meaning, self.source)


Spec = Param | Choice


class ParamSet:
    """An ordered, named collection of specs: ``specs["hsc_count"]``, ``specs.defaults()``, ``specs.model_card()``."""

    def __init__(self, *specs: Spec) -> None:
        self._specs = {s.name: s for s in specs}
        if len(self._specs) != len(specs):
            raise ValueError("duplicate parameter names")

    def __getitem__(self, name: str) -> Spec:
        try:
            return self._specs[name]
        except KeyError:
            raise KeyError(f"no parameter {name!r}; known: {', '.join(self._specs)}") from None

    def __iter__(self) -> Iterator[Spec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __add__(self, other: "ParamSet") -> "ParamSet":
        return ParamSet(*self, *other)

    @property
    def names(self) -> list[str]:
        return list(self._specs)

    def subset(self, names: Iterable[str]) -> "ParamSet":
        return ParamSet(*(self[n] for n in names))

    def defaults(self) -> dict[str, Any]:
        return {name: spec.default for name, spec in self._specs.items()}

    def validate(self, values: dict[str, Any]) -> dict[str, Any]:
        """Validate ``values`` (unknown names raise), filling in defaults for the ones not given."""
        unknown = set(values) - set(self._specs)
        if unknown:
            raise ValueError(f"unknown parameter(s) {sorted(unknown)}; valid ones are {', '.join(self._specs)}")
        return {name: spec.validate(values.get(name, spec.default)) for name, spec in self._specs.items()}

    def model_card(self) -> str:
        """The parameter table as Markdown (name, default, allowed range, meaning, source)."""
        lines = ["| parameter | default | allowed | meaning | source |", "|---|---|---|---|---|"]
        for spec in self:
            lines.append("| " + " | ".join(cell.replace("|", "/") for cell in spec.row()) + " |")
        return "\n".join(lines)


def validated(specs: ParamSet) -> Callable[[Callable], Callable]:
    """Give a model function its defaults from ``specs`` and validate every call.

    The function declares each spec as a keyword-only argument without a default; the decorator fills the
    defaults into its signature (so ``help()`` shows them) and validates each value before the call.
    """

    def decorate(fn: Callable) -> Callable:
        signature = inspect.signature(fn)
        declared = {n for n, p in signature.parameters.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
        missing = set(specs.names) - declared
        if missing:
            raise TypeError(f"{fn.__name__} does not declare keyword-only parameters {sorted(missing)}")
        parameters = [
            p.replace(default=specs[p.name].default) if p.name in specs else p for p in signature.parameters.values()
        ]
        with_defaults = signature.replace(parameters=parameters)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = with_defaults.bind(*args, **kwargs)
            bound.apply_defaults()
            for name in specs.names:
                bound.arguments[name] = specs[name].validate(bound.arguments[name])
            return fn(*bound.args, **bound.kwargs)

        wrapper.__signature__ = with_defaults  # type: ignore[attr-defined]
        wrapper.specs = specs  # type: ignore[attr-defined]
        return wrapper

    return decorate
