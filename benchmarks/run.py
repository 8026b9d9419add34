"""Print the speed figures the collection promises (``make benchmark``).

1. For every explorer (every ``explore_*`` in helpers.explorers): the in-kernel update latency of a slider move,
   i.e. model recompute plus figure update, median and p95 over many moves. Budget: p95 <= 10 ms.
2. For every ODE model (``ode_cases()`` in helpers.models): the time of the model's own solver against
   ``scipy.integrate.solve_ivp(method="LSODA", rtol=1e-6)`` on the same right-hand side, with both errors measured
   against a tight reference (rtol 1e-10). Budget: faster than LSODA at matched accuracy.
Exits non-zero when a budget is missed.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp

from helpers.explorers import catalogue
from helpers.models.ode import OdeCase, all_cases

UPDATE_BUDGET_MS = 10.0


@dataclass(frozen=True)
class Latency:
    name: str
    median_ms: float
    p95_ms: float

    @property
    def within_budget(self) -> bool:
        return self.p95_ms <= UPDATE_BUDGET_MS


def slider_path(control, moves: int) -> list:
    """Values a learner might visit: sweeps back and forth over a slider, or round the options of a dropdown."""
    if hasattr(control, "min"):
        positions = 0.5 - 0.45 * np.cos(np.linspace(0, 6 * np.pi, moves))
        if type(control).__name__ == "FloatLogSlider":
            return list(10 ** (control.min + positions * (control.max - control.min)))
        values = control.min + positions * (control.max - control.min)
        return [int(round(v)) for v in values] if isinstance(control.value, int) else list(values)
    options = [value for _label, value in control.options]
    return [options[i % len(options)] for i in range(moves)]


def explorer_latency(name: str, build, moves: int = 200) -> Latency:
    explorer = build()
    controls = list(explorer.controls.values())
    per_control = max(moves // len(controls), 2)
    times = []
    for control in controls:
        for value in slider_path(control, per_control):
            start = time.perf_counter()
            control.value = value
            times.append(time.perf_counter() - start)
        explorer.reset()
    ms = np.array(times) * 1e3
    return Latency(name, float(np.median(ms)), float(np.percentile(ms, 95)))


def explorer_latencies(moves: int = 200) -> list[Latency]:
    return [explorer_latency(name, build, moves) for name, build in catalogue().items()]


@dataclass(frozen=True)
class OdeSpeed:
    name: str
    fast_ms: float
    lsoda_ms: float
    fast_error: float  # max error relative to each state's peak, against the tight reference
    lsoda_error: float
    tolerance: float  # the case's own accuracy promise (OdeCase.rtol)

    @property
    def ratio(self) -> float:
        return self.fast_ms / self.lsoda_ms

    @property
    def within_budget(self) -> bool:
        return self.fast_ms < self.lsoda_ms and self.fast_error <= max(self.lsoda_error, self.tolerance)


def _best_time(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def _solve(case: OdeCase, rtol: float) -> np.ndarray:
    atol = rtol * 1e-3 * max(1.0, float(np.max(np.abs(case.y0))))
    return solve_ivp(case.rhs, (case.t[0], case.t[-1]), case.y0, method="LSODA", t_eval=case.t, rtol=rtol,
                     atol=atol).y


def ode_speed(case: OdeCase, repeats: int = 20) -> OdeSpeed:
    reference = _solve(case, 1e-10)
    scale = np.maximum(np.max(np.abs(reference), axis=1, keepdims=True), 1e-300)

    def error(y: np.ndarray) -> float:
        return float(np.max(np.abs(y - reference) / scale))

    return OdeSpeed(
        case.name,
        fast_ms=_best_time(case.fast, repeats),
        lsoda_ms=_best_time(lambda: _solve(case, 1e-6), repeats),
        fast_error=error(case.fast()),
        lsoda_error=error(_solve(case, 1e-6)),
        tolerance=case.rtol,
    )


def main() -> int:
    latencies = explorer_latencies()
    print(f"In-kernel update latency per slider move (budget p95 <= {UPDATE_BUDGET_MS:g} ms)")
    print(f"{'explorer':<40} {'median ms':>10} {'p95 ms':>8}  ok")
    for row in latencies:
        print(f"{row.name:<40} {row.median_ms:>10.2f} {row.p95_ms:>8.2f}  {'yes' if row.within_budget else 'NO'}")
    speeds = [ode_speed(case) for case in all_cases()]
    print("\nODE models against solve_ivp(LSODA, rtol=1e-6), errors against a tight reference")
    print(f"{'model':<40} {'ours ms':>8} {'LSODA ms':>9} {'ratio':>6} {'our error':>10} {'LSODA error':>12}  ok")
    for row in speeds:
        print(f"{row.name:<40} {row.fast_ms:>8.3f} {row.lsoda_ms:>9.3f} {row.ratio:>6.2f} {row.fast_error:>10.1e} "
              f"{row.lsoda_error:>12.1e}  {'yes' if row.within_budget else 'NO'}")
    return 0 if all(r.within_budget for r in [*latencies, *speeds]) else 1


if __name__ == "__main__":
    sys.exit(main())
