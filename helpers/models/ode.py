"""The contract every ODE model meets, so tests and benchmarks can check it against scipy's solve_ivp.

A model module with an ODE exposes ``ode_cases() -> list[OdeCase]``: the right-hand side (the model's
definition, in days), the initial state, the time points, and the fast solver the model itself uses
(a closed form or a vectorised scheme). ``tests/test_ode_accuracy.py`` checks the fast solver against a tight
LSODA reference; ``benchmarks/run.py`` times both at matched accuracy.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class OdeCase:
    name: str
    rhs: Callable[[float, np.ndarray], np.ndarray]  # dy/dt at time t (days)
    y0: np.ndarray
    t: np.ndarray  # days, increasing, t[0] is the start
    fast: Callable[[], np.ndarray]  # the model's own solution at t, shape (len(y0), len(t))
    rtol: float = 1e-3  # how close fast() must stay to the reference, relative to each state's peak


def all_cases() -> list[OdeCase]:
    """The ODE cases of every model module in helpers.models."""
    from .. import models

    cases = []
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"{models.__name__}.{info.name}")
        cases.extend(getattr(module, "ode_cases", list)())
    return cases
