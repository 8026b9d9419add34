"""One pool of blood cells: made at a steady daily rate, lost as cells reach the end of their life.

The first, smallest model of the collection (notebook 00). With daily output ``P`` (cells/day) and mean lifespan
``L`` (days), the pool obeys dN/dt = P - N/L, so it settles at N* = P L and, after a loss, refills as
N(t) = N* + (N0 - N*) exp(-t/L): a pool refills on the time scale of its cells' lifespan.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..params import Param, ParamSet, Scenario, validated
from .ode import OdeCase

PARAMS = ParamSet(
    Param("daily_output", 2.1e11, 1e9, 1e12, "cells/day", "cells made and released each day",
          "red cells: Sender and Milo 2021, Nat Med 27:45", log=True),
    Param("lifespan_days", 116, 0.5, 200, "days", "mean time a cell spends in the pool",
          "red cells 116 +- 3 days: Sender and Milo 2021, Nat Med 27:45", log=True, label="lifespan"),
    Param("start_fraction", 0.5, 0, 2, "fraction of steady state", "pool at day 0 as a fraction of its steady "
          "state (0.5 = after losing half)", "teaching choice", step=0.05, label="pool at day 0"),
    Param("days", 365, 10, 730, "days", "how long to follow the pool", "teaching choice", integer=True, step=5,
          label="follow for"),
)
POINTS = 300  # time points per curve: smooth to the eye, cheap to send
TYPICAL_POOLS = {  # name: (daily output in cells/day, mean lifespan in days, days worth following)
    "red cells": (2.1e11, 116, 365),  # Sender and Milo 2021
    "platelets": (1e11, 9, 60),  # > 1e11/day (Catlin 2011); lifespan 8-10 days (Fliedner 2002)
    # Blood half-life 0.79 d, so mean 1.14 d (Lahoz-Beneytez 2016); output sized to a blood pool of ~5e10
    # (ANC ~5e9/L in ~5 L of blood, with about as many neutrophils marginated along vessel walls).
    "neutrophils in blood": (4.4e10, 0.79 / 0.693, 10),
}

SCENARIOS = PARAMS.scenarios({
    name: Scenario(f"{name}: half the pool lost on day 0, then refilling at the published output and lifespan",
                   daily_output=output, lifespan_days=lifespan, start_fraction=0.5, days=days)
    for name, (output, lifespan, days) in TYPICAL_POOLS.items()
})


@dataclass(frozen=True)
class PoolCourse:
    days: np.ndarray  # days since the start
    pool: np.ndarray  # cells
    steady_state_pool: float  # cells
    half_recovery_day: float | None  # days until half the gap to steady state has closed (None: no gap)


@validated(PARAMS)
def pool_over_time(*, daily_output: float, lifespan_days: float, start_fraction: float, days: int) -> PoolCourse:
    """The pool (cells) over ``days``, in closed form."""
    steady = daily_output * lifespan_days
    t = np.linspace(0.0, days, POINTS)
    pool = steady + (start_fraction - 1.0) * steady * np.exp(-t / lifespan_days)
    half = None if start_fraction == 1.0 else lifespan_days * math.log(2)
    return PoolCourse(days=t, pool=pool, steady_state_pool=steady, half_recovery_day=half)


def ode_cases() -> list[OdeCase]:
    defaults = PARAMS.defaults()
    production, lifespan = defaults["daily_output"], defaults["lifespan_days"]
    course = pool_over_time()
    return [OdeCase(
        name="turnover.pool_over_time",
        rhs=lambda _t, y: production - y / lifespan,
        y0=course.pool[:1].copy(),
        t=course.days,
        fast=lambda: pool_over_time().pool[np.newaxis, :],
    )]
