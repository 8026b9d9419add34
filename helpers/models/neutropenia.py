"""Infection risk during neutropenia: a daily hazard that climbs as the ANC falls and as neutropenia lasts.

Bodey et al. (1966) followed 52 patients with acute leukaemia over 17,743 patient-days: the share of time spent
with infection fell as granulocyte counts rose, 39% of all episodes below 1000/uL (whatever their length) ended in
an identified infection, the risk grew the longer an episode lasted, and deaths were highest when counts stayed below
100/uL. This toy turns that into a hazard (infections per day at risk). Its shape is a modelling choice, not
Bodey's: the depth exponent and the duration scale are chosen to follow his directions, and the reference hazard is
scaled so a 10-day episode at 0.3e9/L carries about his 39%:

    h(t) = h_ref * (ANC_ref / max(ANC(t), ANC_floor))^beta * (1 + D(t) / tau),

where D(t) is the time spent continuously below ANC_ref = 1.0e9/L (reset when the count recovers). The chance of
at least one infection by day t is 1 - exp(-integral of h). Any ANC time course works (notebook 04 reuses this
after transplantation); :func:`episode` builds a simple one from a nadir depth and a duration.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Param, ParamSet, Scenario, validated
from . import physiology

BODEY = "Bodey et al. 1966, Ann Intern Med 64:328"
PARAMS = ParamSet(
    Param("reference_hazard_per_day", 0.006, 0.001, 0.05, "/day", "infections per day at ANC 1.0e9/L on the "
          "first day below it (a 10-day episode at 0.3e9/L then carries ~40%)",
          f"modelling choice, scaled to the 39% of episodes below 1.0e9/L (any length) that ended in infection in "
          f"{BODEY}", log=True),
    Param("depth_exponent", 1.0, 0.25, 3.0, "", "how steeply the hazard rises as the ANC falls (1: ten times "
          "the hazard at 0.1e9/L as at 1.0e9/L)", f"modelling choice (direction from {BODEY})", step=0.05),
    Param("duration_scale_days", 7.0, 2.0, 30.0, "days", "time below 1.0e9/L over which the hazard doubles",
          f"modelling choice (direction from {BODEY}: risk rises with duration)", step=0.5),
    Param("nadir_anc_1e9_per_l", 0.2, 0.01, 1.5, "1e9/L", "lowest ANC of the episode", BODEY, log=True,
          label="ANC at the nadir"),
    Param("neutropenia_days", 14, 0, 42, "days", "days spent at the nadir; the episode adds a 3-day fall before "
          "them and a 5-day recovery after (FALL_DAYS, RECOVERY_DAYS)", BODEY, integer=True,
          label="days at the nadir"),
    physiology.NORMAL_ANC,
)

SCENARIOS = PARAMS.scenarios({
    "short and shallow": Scenario("five days with the ANC at 0.8e9/L", nadir_anc_1e9_per_l=0.8, neutropenia_days=5),
    "chemotherapy-like": Scenario("ten days near 0.1e9/L, as after intensive chemotherapy", nadir_anc_1e9_per_l=0.1,
                                  neutropenia_days=10),
    "aplastic anaemia month": Scenario("a month at 0.1e9/L, as in severe aplastic anaemia", nadir_anc_1e9_per_l=0.1,
                                       neutropenia_days=30),
    "very severe, long": Scenario("five weeks at 0.02e9/L, almost no neutrophils", nadir_anc_1e9_per_l=0.02,
                                  neutropenia_days=35),
})
REFERENCE_ANC_1E9_PER_L = 1.0  # Bodey: risk rises steeply below 1000/uL
ANC_FLOOR_1E9_PER_L = 0.01  # counts below 10/uL are read as 10/uL (the hazard stays finite at 0)
# Shape of :func:`episode` (a teaching choice): a 3-day log-linear fall from normal to the nadir and a 5-day
# log-linear recovery, with 5 normal days before and after; the nadir days come on top of the fall and recovery.
FALL_DAYS, RECOVERY_DAYS, MARGIN_DAYS = 3.0, 5.0, 5.0
POINTS = 301


@dataclass(frozen=True)
class InfectionRisk:
    days: np.ndarray  # days
    anc: np.ndarray  # 1e9/L
    hazard_per_day: np.ndarray  # infections per day at risk (a rate: it can exceed 1)
    daily_probability: np.ndarray  # chance of a first infection within that day, 1 - exp(-hazard), 0..1
    cumulative_risk: np.ndarray  # probability of at least one infection by each day, 0..1
    total_risk: float  # at the last day
    days_below_1_0: float  # days with ANC < 1.0e9/L
    days_below_0_5: float
    days_below_0_1: float


def _validated_course(days: np.ndarray, anc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(days, dtype=float)
    counts = np.asarray(anc, dtype=float)
    if t.ndim != 1 or t.shape != counts.shape or t.size < 2:
        raise ValueError(f"days and anc_1e9_per_l must be 1-D arrays of the same length >= 2; "
                         f"got shapes {t.shape} and {counts.shape}")
    if not (np.all(np.isfinite(t)) and np.all(np.diff(t) > 0)):
        raise ValueError("days must be finite and strictly increasing")
    if not np.all(np.isfinite(counts)) or np.any(counts < 0):
        raise ValueError(f"anc_1e9_per_l must be finite and >= 0; lowest value {np.nanmin(counts):g}")
    if counts.max() > 100:
        raise ValueError(f"anc_1e9_per_l has {counts.max():g}: that looks like cells/uL; divide by 1000 for 1e9/L")
    return t, counts


def _time_below(t: np.ndarray, below: np.ndarray) -> np.ndarray:
    """Days spent continuously below the threshold at each time point (0 when above), vectorised."""
    last_above = np.maximum.accumulate(np.where(below, -np.inf, t))
    start = np.where(np.isfinite(last_above), last_above, t[0])
    return np.where(below, t - start, 0.0)


def _trapezoid_days(t: np.ndarray, below: np.ndarray) -> float:
    return float(np.sum(np.diff(t) * 0.5 * (below[1:] + below[:-1])))


@validated(PARAMS.subset(["reference_hazard_per_day", "depth_exponent", "duration_scale_days"]))
def infection_risk(*, days: np.ndarray, anc_1e9_per_l: np.ndarray, reference_hazard_per_day: float,
                   depth_exponent: float, duration_scale_days: float) -> InfectionRisk:
    """Daily infection hazard and cumulative risk over an ANC time course (``days``, ANC in 1e9/L)."""
    t, anc = _validated_course(days, anc_1e9_per_l)
    below = anc < REFERENCE_ANC_1E9_PER_L
    depth = (REFERENCE_ANC_1E9_PER_L / np.maximum(anc, ANC_FLOOR_1E9_PER_L)) ** depth_exponent
    hazard = reference_hazard_per_day * depth * (1 + _time_below(t, below) / duration_scale_days)
    cumulative_hazard = np.concatenate(([0.0], np.cumsum(np.diff(t) * 0.5 * (hazard[1:] + hazard[:-1]))))
    risk = -np.expm1(-cumulative_hazard)
    return InfectionRisk(
        days=t, anc=anc, hazard_per_day=hazard, daily_probability=-np.expm1(-hazard), cumulative_risk=risk,
        total_risk=float(risk[-1]),
        days_below_1_0=_trapezoid_days(t, below.astype(float)),
        days_below_0_5=_trapezoid_days(t, (anc < 0.5).astype(float)),
        days_below_0_1=_trapezoid_days(t, (anc < 0.1).astype(float)),
    )


@validated(PARAMS.subset(["nadir_anc_1e9_per_l", "neutropenia_days", "normal_anc_1e9_per_l"]))
def episode_course(*, nadir_anc_1e9_per_l: float, neutropenia_days: int,
                   normal_anc_1e9_per_l: float) -> tuple[np.ndarray, np.ndarray]:
    """A simple ANC course (days, 1e9/L): normal, a 3-day log-linear fall to the nadir, ``neutropenia_days`` there,
    a 5-day log-linear recovery, normal again."""
    start_fall = MARGIN_DAYS
    start_rise = start_fall + FALL_DAYS + neutropenia_days
    end = start_rise + RECOVERY_DAYS + MARGIN_DAYS
    t = np.linspace(0.0, end, POINTS)
    log_normal, log_nadir = np.log(normal_anc_1e9_per_l), np.log(min(nadir_anc_1e9_per_l, normal_anc_1e9_per_l))
    falling = np.clip((t - start_fall) / FALL_DAYS, 0, 1)
    rising = np.clip((t - start_rise) / RECOVERY_DAYS, 0, 1)
    log_anc = log_normal + (log_nadir - log_normal) * (falling - rising)
    return t, np.exp(log_anc)


@validated(PARAMS)
def episode(*, nadir_anc_1e9_per_l: float, neutropenia_days: int, normal_anc_1e9_per_l: float,
            reference_hazard_per_day: float, depth_exponent: float, duration_scale_days: float) -> InfectionRisk:
    """Infection risk over one neutropenic episode of a given depth (nadir ANC) and duration (days at the nadir)."""
    t, anc = episode_course(nadir_anc_1e9_per_l=nadir_anc_1e9_per_l, neutropenia_days=neutropenia_days,
                            normal_anc_1e9_per_l=normal_anc_1e9_per_l)
    return infection_risk(days=t, anc_1e9_per_l=anc, reference_hazard_per_day=reference_hazard_per_day,
                          depth_exponent=depth_exponent, duration_scale_days=duration_scale_days)
