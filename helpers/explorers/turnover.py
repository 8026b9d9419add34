"""Notebook 00's first explorer: one pool of cells refilling after a loss."""
from __future__ import annotations

from .. import figures
from ..formatting import sci, significant
from ..explore import Explorer, Frame, hide
from ..models import turnover


def _render(course: turnover.PoolCourse) -> Frame:
    refilled_in_view = course.half_recovery_day is not None and course.half_recovery_day <= course.days[-1]
    half_refilled = hide(figures.vline(course.half_recovery_day or 0, "half refilled"), hidden=not refilled_in_view)
    shapes = [figures.hline(course.steady_state_pool, "steady state = output x lifespan"), half_refilled]
    half = "no gap to refill" if course.half_recovery_day is None else f"half the gap closes by day {significant(course.half_recovery_day)}"
    return Frame(
        traces=[figures.line(course.days, course.pool, "cells in the pool", "progenitor")],
        layout=figures.layout("A pool of cells refills on the time scale of its lifespan", "time (days)",
                              "cells in the pool (cells)", shapes=shapes,
                              xaxis=dict(range=figures.extent(course.days)),
                              yaxis=dict(range=figures.steady_range(course.pool, course.steady_state_pool))),
        readout=f"Steady-state pool: <b>{sci(course.steady_state_pool)} cells</b>; {half}.",
    )


def explore_pool(scenario: str | None = None) -> Explorer:
    """Daily output, lifespan and a starting loss -> the pool over time, with its steady state."""
    return Explorer(turnover.pool_over_time, _render, turnover.PARAMS, scenarios=turnover.SCENARIOS,
                    scenario=scenario,
                    caption="Drag the lifespan: the steady state scales with it, and so does the time to refill.")
