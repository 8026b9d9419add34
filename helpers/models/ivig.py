"""Immunoglobulin replacement (IVIG) as closed forms: trough IgG from dose and interval, and pneumonias from the trough.

One compartment, first-order loss. Each infusion of D mg/kg raises serum IgG at once by D / V (V: the volume IgG
spreads through, per kg) and decays with IgG's half-life t_1/2 (k = ln 2 / t_1/2). After n doses every T days the
passive IgG at time t (the last dose at (n-1) T) is the sum of the decaying doses, a geometric series:

    IgG_passive(t) = (D / V) e^{-k (t - (n-1) T)} (1 - e^{-k T n}) / (1 - e^{-k T}),

so at steady state (n -> infinity) the trough, just before a dose, is

    trough = IgG_own + (D / V) e^{-k T} / (1 - e^{-k T}).

V is fitted so the trough rises 73 mg/dL per extra 100 mg/kg given every 4 weeks (Lee et al. 2020's meta-regression
slope). Pneumonias per patient-year fall by 27% for every 100 mg/dL of trough (Orange et al. 2010):

    rate = 0.113 x 0.726^((trough - 500) / 100)   (0.113 at 500 mg/dL, 0.023 at 1000 mg/dL).

What the toy leaves out, and where it breaks:
- IgG first spreads from plasma into tissues over days (the alpha phase); the toy puts it everywhere at once, so the
  peak right after an infusion is too low and the first days' fall too slow. Troughs are what it is built for.
- The half-life is fixed. In fact catabolism through the FcRn receptor speeds up at high IgG levels, infections and
  protein loss shorten it, and patients differ (the reason clinics measure troughs).
- Subcutaneous immunoglobulin (small weekly doses, nearly flat levels) is not modelled; neither are IgG subclasses,
  specific antibody titres or IgA and IgM, which IVIG does not replace.
- Lee's slope comes from a regression across 28 studies' mean doses and troughs; with V fitted to it, a patient with
  no IgG of their own (XLA) reaches ~370 mg/dL on 500 mg/kg every 4 weeks, lower than the 660-1280 mg/dL mean troughs
  Lee's cohorts reached on 387-560 mg/kg (many of those patients made some IgG of their own).
- Orange's pneumonia line was fitted to troughs of roughly 300-1300 mg/dL; far outside that it is an extrapolation.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Param, ParamSet, Scenario, validated

LEE = "Lee et al. 2020, J Clin Immunol 40:682"
ORANGE = "Orange et al. 2010, Clin Immunol 137:21"
HALF_LIFE_SOURCES = ("21-30 days (scienceinsights.org, 'How long does IVIG last in the body'); 17-21 days "
                     "(Immunodeficiency UK, FAQ)")
DAYS_PER_YEAR = 365.25
STEADY_WITHIN = 0.1  # "at steady state": the trough within 10% of where repeated doses take it
REFERENCE_INTERVAL_DAYS = 28  # Lee's slope is taken at 4-weekly dosing (the studies dosed every 3-4 weeks)
LEE_RISE_PER_100_MG_PER_KG = 73.0  # mg/dL of trough per extra 100 mg/kg (Lee 2020, abstract)
ORANGE_RATE_AT_500, ORANGE_RATE_AT_1000 = 0.113, 0.023  # pneumonias per patient-year (Orange 2010, abstract)
_DEFAULT_HALF_LIFE = 25.0
_DECAY = np.log(2) / _DEFAULT_HALF_LIFE * REFERENCE_INTERVAL_DAYS
# dL/kg that give Lee's 73 mg/dL per 100 mg/kg at the default half-life and 4-weekly doses, in mL/kg
_FITTED_VOLUME_ML_PER_KG = 100 * 100 * np.exp(-_DECAY) / -np.expm1(-_DECAY) / LEE_RISE_PER_100_MG_PER_KG

PARAMS = ParamSet(
    Param("dose_mg_per_kg", 500, 100, 1000, "mg/kg", "IVIG given at each infusion, per kg body weight",
          f"400-600 mg/kg every 3-4 weeks; mean doses 387-560 mg/kg in {LEE}", step=10, label="IVIG dose"),
    Param("interval_days", 28, 7, 42, "days", "days between infusions", f"every 3-4 weeks ({LEE})", integer=True,
          label="IVIG every"),
    Param("endogenous_igg_mg_dl", 0, 0, 1600, "mg/dL", "IgG the patient makes, added to the passive IgG (0 in XLA)",
          "adult lower limit ~700 mg/dL (general knowledge)", step=10, label="own IgG"),
    Param("igg_half_life_days", _DEFAULT_HALF_LIFE, 15, 40, "days", "half-life of IgG in the blood",
          HALF_LIFE_SOURCES, step=0.5, label="IgG half-life"),
    Param("igg_volume_ml_per_kg", round(float(_FITTED_VOLUME_ML_PER_KG), 1), 40, 250, "mL/kg",
          "volume infused IgG spreads through, per kg (plasma plus the tissue fluid it reaches)",
          f"fitted so the trough rises {LEE_RISE_PER_100_MG_PER_KG:g} mg/dL per extra 100 mg/kg every 4 weeks at a "
          f"{_DEFAULT_HALF_LIFE:g}-day half-life ({LEE})", step=1, label="IgG volume of distribution"),
    Param("trough_mg_dl", 500, 0, 2000, "mg/dL", "IgG just before the next infusion", ORANGE, step=10,
          label="trough IgG"),
    Param("pneumonia_rate_at_500_per_year", ORANGE_RATE_AT_500, 0.01, 1.0, "/patient-year",
          "pneumonias per patient-year at a trough of 500 mg/dL", ORANGE, step=0.001),
    Param("pneumonia_ratio_per_100_mg_dl", 0.726, 0.5, 1.0, "x",
          "factor by which pneumonias change for each extra 100 mg/dL of trough (incidence rate ratio)",
          f"{ORANGE}: 0.726 (95% CI 0.658-0.801)", step=0.001),
    Param("days", 182, 28, 730, "days", "days of infusions shown", "display setting", integer=True, step=7,
          label="time shown"),
)
REGIMEN = ["dose_mg_per_kg", "interval_days", "igg_half_life_days", "igg_volume_ml_per_kg"]
RATE = ["pneumonia_rate_at_500_per_year", "pneumonia_ratio_per_100_mg_dl"]

SCENARIOS = PARAMS.scenarios({
    "standard": Scenario("500 mg/kg every 4 weeks, no IgG of one's own (XLA)"),
    "low dose": Scenario("400 mg/kg every 4 weeks", dose_mg_per_kg=400),
    "high dose": Scenario("600 mg/kg every 3 weeks", dose_mg_per_kg=600, interval_days=21),
    "some own IgG": Scenario("500 mg/kg every 4 weeks in a patient who makes 300 mg/dL of IgG",
                             endogenous_igg_mg_dl=300),
})


@dataclass(frozen=True)
class IvigCourse:
    """Serum IgG over repeated infusions (day 0: the first), with the steady-state trough and its pneumonia rate."""

    days: np.ndarray  # days from the first infusion
    igg_mg_dl: np.ndarray  # own plus passive IgG, mg/dL
    dose_days: np.ndarray  # days of the infusions shown
    steady_trough_mg_dl: float  # trough once doses repeat for ever
    steady_peak_mg_dl: float  # level right after an infusion at steady state
    first_trough_mg_dl: float  # level just before the second infusion
    doses_to_steady: int  # infusions until the passive trough is within 10% of the steady one
    infusions_per_year: float
    igg_g_per_kg_per_year: float  # IVIG given a year, g per kg body weight
    pneumonias_per_year: float  # at the steady trough (Orange 2010)


def _decay_factor(interval_days: float, igg_half_life_days: float) -> float:
    return float(np.exp(-np.log(2) / igg_half_life_days * interval_days))


@validated(PARAMS.subset(REGIMEN + ["endogenous_igg_mg_dl"]))
def trough_igg(*, dose_mg_per_kg: float, interval_days: int, endogenous_igg_mg_dl: float, igg_half_life_days: float,
               igg_volume_ml_per_kg: float) -> float:
    """Steady-state trough IgG (mg/dL) on ``dose_mg_per_kg`` every ``interval_days``: own IgG plus
    (D / V) e^{-kT} / (1 - e^{-kT}).

    >>> rise = trough_igg(dose_mg_per_kg=600) - trough_igg(dose_mg_per_kg=500)
    >>> round(rise)
    73
    """
    q = _decay_factor(interval_days, igg_half_life_days)
    jump = 100 * dose_mg_per_kg / igg_volume_ml_per_kg  # mg/dL added by one infusion (mg/mL x 100)
    return float(endogenous_igg_mg_dl + jump * q / (1 - q))


@validated(PARAMS.subset(REGIMEN))
def passive_igg(days: np.ndarray, *, dose_mg_per_kg: float, interval_days: int, igg_half_life_days: float,
                igg_volume_ml_per_kg: float, last_dose_day: float | None = None) -> np.ndarray:
    """Passive IgG (mg/dL) on ``days`` (>= 0) from infusions on day 0, T, 2T, ... up to ``last_dose_day`` (None:
    for ever), in closed form: the last dose's jump times the geometric series of the doses before it."""
    t = np.asarray(days, dtype=float)
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError("days must be a 1-D array of finite days >= 0")
    k = np.log(2) / igg_half_life_days
    doses = np.floor(t / interval_days) + 1  # infusions given by each day
    if last_dose_day is not None:
        if last_dose_day < 0:
            return np.zeros_like(t)
        doses = np.minimum(doses, np.floor(last_dose_day / interval_days) + 1)
    since_last = t - (doses - 1) * interval_days
    q = np.exp(-k * interval_days)
    jump = 100 * dose_mg_per_kg / igg_volume_ml_per_kg
    return jump * np.exp(-k * since_last) * -np.expm1(doses * np.log(q)) / (1 - q)


@validated(PARAMS.subset(RATE))
def pneumonia_rates(trough_mg_dl: np.ndarray, *, pneumonia_rate_at_500_per_year: float,
                    pneumonia_ratio_per_100_mg_dl: float) -> np.ndarray:
    """Pneumonias per patient-year for an array of IgG levels (mg/dL): Orange 2010's log-linear fall."""
    level = np.asarray(trough_mg_dl, dtype=float)
    if not np.all(np.isfinite(level)) or np.any(level < 0):
        raise ValueError("trough_mg_dl must be finite and >= 0 (mg/dL)")
    return pneumonia_rate_at_500_per_year * pneumonia_ratio_per_100_mg_dl ** ((level - 500) / 100)


@validated(PARAMS.subset(["trough_mg_dl"] + RATE))
def pneumonia_rate(*, trough_mg_dl: float, pneumonia_rate_at_500_per_year: float,
                   pneumonia_ratio_per_100_mg_dl: float) -> float:
    """Pneumonias per patient-year at a trough IgG of ``trough_mg_dl`` (Orange et al. 2010).

    >>> round(pneumonia_rate(trough_mg_dl=500), 3), round(pneumonia_rate(trough_mg_dl=1000), 3)
    (0.113, 0.023)
    """
    rates = pneumonia_rates(np.array([trough_mg_dl]), pneumonia_rate_at_500_per_year=pneumonia_rate_at_500_per_year,
                            pneumonia_ratio_per_100_mg_dl=pneumonia_ratio_per_100_mg_dl)
    return float(rates[0])


@validated(PARAMS.subset(REGIMEN + ["endogenous_igg_mg_dl", "days"] + RATE))
def course(*, dose_mg_per_kg: float, interval_days: int, endogenous_igg_mg_dl: float, igg_half_life_days: float,
           igg_volume_ml_per_kg: float, days: int, pneumonia_rate_at_500_per_year: float,
           pneumonia_ratio_per_100_mg_dl: float) -> IvigCourse:
    """Serum IgG over ``days`` of infusions every ``interval_days`` (the first on day 0), with the steady trough."""
    regimen = dict(dose_mg_per_kg=dose_mg_per_kg, interval_days=interval_days, igg_half_life_days=igg_half_life_days,
                   igg_volume_ml_per_kg=igg_volume_ml_per_kg)
    # half-day steps, plus the moment just before each infusion so the troughs show
    dose_days = np.arange(0.0, days + 1e-9, interval_days)
    t = np.union1d(np.arange(0.0, days + 0.25, 0.5), np.clip(dose_days[1:] - 1e-6, 0, None))
    igg = endogenous_igg_mg_dl + passive_igg(t, **regimen)
    trough = trough_igg(endogenous_igg_mg_dl=endogenous_igg_mg_dl, **regimen)
    q = _decay_factor(interval_days, igg_half_life_days)
    return IvigCourse(
        days=t, igg_mg_dl=igg, dose_days=dose_days, steady_trough_mg_dl=trough,
        steady_peak_mg_dl=endogenous_igg_mg_dl + (trough - endogenous_igg_mg_dl) / q,
        # the trough after n doses is the steady one times 1 - q^n (the geometric series)
        first_trough_mg_dl=endogenous_igg_mg_dl + (trough - endogenous_igg_mg_dl) * (1 - q),
        doses_to_steady=int(np.ceil(np.log(STEADY_WITHIN) / np.log(q) - 1e-9)),
        infusions_per_year=DAYS_PER_YEAR / interval_days,
        igg_g_per_kg_per_year=DAYS_PER_YEAR / interval_days * dose_mg_per_kg / 1000,
        pneumonias_per_year=pneumonia_rate(trough_mg_dl=min(trough, PARAMS["trough_mg_dl"].high),
                                           pneumonia_rate_at_500_per_year=pneumonia_rate_at_500_per_year,
                                           pneumonia_ratio_per_100_mg_dl=pneumonia_ratio_per_100_mg_dl),
    )
