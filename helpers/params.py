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
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator, Mapping

from .formatting import plain_number


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

    def restricted(self, options: Iterable[str]) -> "Choice":
        """The same choice offering only ``options`` (a view of a model that applies to some of them)."""
        wanted = set(options)
        keep = [(label, option) for label, option in self.labelled_options if option in wanted]
        kept = tuple(option for _, option in keep)
        return replace(self, options=kept, option_labels=tuple(label for label, _ in keep),
                       default=self.default if self.default in kept else kept[0])

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
    """An ordered, named collection of specs: ``specs["hsc_count"]``, ``specs.defaults()``, ``specs.model_card()``.

    ``inherits`` names values a model takes from another model at that model's defaults (``{"niche.compete":
    niche.PARAMS.subset([...])}``): they are not settable here, but the model card lists them.
    """

    def __init__(self, *specs: Spec, inherits: Mapping[str, "ParamSet"] | None = None) -> None:
        self._specs = {s.name: s for s in specs}
        if len(self._specs) != len(specs):
            raise ValueError("duplicate parameter names")
        self.inherits = dict(inherits or {})

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
        """Both sets together, for a view that combines two models. A shared quantity (declared once, in
        ``models.physiology``) may appear in both; two different specs under one name cannot be merged."""
        for spec in other:
            if spec.name in self and self[spec.name] != spec:
                raise ValueError(f"cannot merge two different specs named {spec.name!r}: {self[spec.name]} and "
                                 f"{spec}; declare a shared quantity once, in helpers.models.physiology")
        return ParamSet(*self, *(spec for spec in other if spec.name not in self),
                        inherits={**self.inherits, **other.inherits})

    @property
    def names(self) -> list[str]:
        return list(self._specs)

    def subset(self, names: Iterable[str]) -> "ParamSet":
        return ParamSet(*(self[n] for n in names))

    def scenarios(self, table: Mapping[str, "Scenario"]) -> dict[str, "Scenario"]:
        """``table`` checked against these specs: every value a scenario names must be valid here."""
        for name, scenario in table.items():
            try:
                self.validate(dict(scenario.values))
            except ValueError as error:
                raise ValueError(f"scenario {name!r}: {error}") from None
        return dict(table)

    def defaults(self) -> dict[str, Any]:
        return {name: spec.default for name, spec in self._specs.items()}

    def validate(self, values: dict[str, Any]) -> dict[str, Any]:
        """Validate ``values`` (unknown names raise), filling in defaults for the ones not given."""
        unknown = set(values) - set(self._specs)
        if unknown:
            raise ValueError(f"unknown parameter(s) {sorted(unknown)}; valid ones are {', '.join(self._specs)}")
        return {name: spec.validate(values.get(name, spec.default)) for name, spec in self._specs.items()}

    def model_card(self) -> str:
        """The parameter table as Markdown (name, default, allowed range, meaning, source), then the values taken
        from other models at their defaults."""
        lines = ["| parameter | default | allowed | meaning | source |", "|---|---|---|---|---|"]
        lines += [_table_row(spec.row()) for spec in self]
        for origin, specs in self.inherits.items():
            lines += ["", f"Taken from `{origin}` at its defaults (set them there):", "",
                      "| parameter | value | allowed | meaning | source |", "|---|---|---|---|---|"]
            lines += [_table_row(spec.row()) for spec in specs]
        return "\n".join(lines)


def _table_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"


class Scenario:
    """A named situation for a model: a one-line meaning and the parameter values it sets (the rest stay at their
    defaults). Models keep their scenarios beside their parameters (``transplant.SCENARIOS``); explorers, questions,
    tests and case studies use them from there."""

    __slots__ = ("meaning", "values")

    def __init__(self, meaning: str, **values: Any) -> None:
        object.__setattr__(self, "meaning", meaning)
        object.__setattr__(self, "values", dict(values))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Scenario is read-only")

    def __repr__(self) -> str:
        settings = ", ".join(f"{name}={value!r}" for name, value in self.values.items())
        return f"Scenario({self.meaning!r}{', ' if settings else ''}{settings})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and (self.meaning, self.values) == (other.meaning, other.values)

    def __hash__(self) -> int:
        return hash((self.meaning, tuple(sorted(self.values.items()))))

    def kwargs(self, **changes: Any) -> dict[str, Any]:
        """The scenario's values as keyword arguments, with ``changes`` on top: ``simulate(**s.kwargs(days=60))``."""
        return {**self.values, **changes}


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
