"""Expanding blood stem cells in culture: a race between self-renewal and differentiation, and what it buys a cord graft.

Three compartments of a CD34+-selected cord-blood product in culture, counted relative to the cells put in: stem cells
H (the rare repopulating cells), progenitors P (the other CD34+ cells) and mature cells M (CD34-, no longer dividing).
An HSC divides k_H times a day; each division gives two HSCs with probability s(t) (self-renewal), otherwise two
progenitors. A progenitor divides k_P times a day, giving two progenitors with probability q(t), otherwise two mature
cells, which die at rate d_M. Culture wears stemness down: both self-renewal probabilities fall from an early to a
late value with a time constant tau,

    s(t) = s_late + (s_early - s_late) e^(-t/tau),     q(t) likewise,

    dH/dt = (k_H (2 s - 1) - d_0) H
    dP/dt = 2 k_H (1 - s) H + (k_P (2 q - 1) - d_0) P
    dM/dt = 2 k_P (1 - q) P - d_M M

d_0 is the death of HSCs and progenitors starved of cytokines. The cytokines set the division rates (SCF and TPO
stimulate HSCs, FLT3L mostly progenitors; without any, cells stop dividing and die) and TPO's support of self-renewal;
a small molecule (UM171, or the aryl hydrocarbon receptor antagonist SR1) raises both self-renewal probabilities and
slows their fall. H has a closed form; P and M are exact integrals of H's output, evaluated by the trapezoid rule on a
fine grid (vectorised, no stepping loop).

Because s falls below 1/2 with time, HSC numbers rise, level off and fall, while progenitors and mature cells keep
multiplying: total fold change outruns HSC fold change the longer the culture goes. Calibration: cytokines alone give
no real expansion of repopulating cells (Zhang et al. 2008); SR1 gave a 50-fold rise in CD34+ cells and a 17-fold
rise in cells that engraft mice (Boitano et al. 2010) and 330-fold CD34+ cells in the clinical product (Wagner et al.
2016); a 7-day UM171 culture gives about 35-fold CD34+ cells (calibration.md, after Cohen et al. 2017/2020). The
per-condition self-renewal values below are fitted to land near these; each is a teaching assumption.

The engraftment of an expanded cord unit goes through notebook 04's transplant model (``transplant.simulate``), not
a second engraftment model: its repopulating cells are those of ``hsc_fold`` times as many unexpanded cord CD34+
cells, and its many extra progenitors shorten the delay before the graft's neutrophils reach the blood, from cord
blood's towards mobilised blood's, by log(CD34+ fold) / log(``progenitor_fold_for_blood_delay``) of the way. The
platelet delay is left as cord blood's (platelets recovered faster after expanded units too, but by less: 55% against
35% by day 42 with omidubicel, Horwitz et al. 2021), so platelets gain only from the repopulating dose. A culture that
loses its stem cells gives a smaller repopulating dose: more graft failure, and no sooner engraftment. The transplant
model's doses stop at 5e4 CD34+ cells/kg: a culture left with fewer repopulating cells is computed at that dose (and
flagged), so its real result would be worse still.

What the toy leaves out: the fold changes of real cultures vary many-fold between units and laboratories; HSCs
measured by mouse engraftment, not counted; no asymmetric divisions, no quiescent cells waiting to be activated,
no cell-to-cell signals or feedback from the culture's own cells; progenitors of every lineage lumped together; the
cost of culture on homing. Double-unit grafts (as in Wagner 2016) and nicotinamide (omidubicel) are not options.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..params import Choice, Param, ParamSet, Scenario, validated
from . import transplant
from .ode import OdeCase

BOITANO = "Boitano et al. 2010, Science 329:1345"
WAGNER = "Wagner et al. 2016, Cell Stem Cell 18:144"
ZHANG = "Zhang et al. 2008, Blood 111:3415"
GLIMM = "Glimm, Oh and Eaves 2000, Blood"
COHEN = "calibration.md, after Cohen et al. 2017/2020 (UM171; not read here)"
TOY = "teaching assumption"

CYTOKINES = ("scf_tpo_flt3l", "scf_tpo", "scf", "none")
SMALL_MOLECULES = ("none", "um171", "sr1")
MAX_DAYS = 28
FINE_STEP_DAYS = 0.05  # the integration grid
OUTPUT_EVERY = 5  # output every 5th fine point: 4 a day, at most 113 points

# Cytokines: (HSC division drive, progenitor division drive, shift of HSC self-renewal, death per day of starved cells).
# SCF (KIT ligand) and TPO (MPL ligand) drive and sustain HSCs, FLT3L mostly progenitors; without cytokines cells stop
# dividing and die. Directions from the literature; sizes are teaching assumptions.
CYTOKINE_EFFECTS = {
    "scf_tpo_flt3l": (1.0, 1.0, 0.0, 0.0),
    "scf_tpo": (0.9, 0.75, 0.0, 0.0),
    "scf": (0.6, 0.6, -0.06, 0.05),
    "none": (0.0, 0.0, 0.0, 0.5),
}
# Small molecules: (HSC self-renewal early, late; progenitor self-renewal early, late; days over which it wears off).
# Fitted so 7 days of cytokines alone leave repopulating cells near 1-fold (Zhang 2008: no significant expansion),
# 7 days of UM171 give ~35-fold CD34+ cells (calibration.md) and 15 days of SR1 ~300-fold CD34+ (Wagner 2016) with
# ~10-fold more repopulating cells (Boitano 2010: 17-fold, in a different culture). Teaching assumptions.
SELF_RENEWAL = {
    "none": (0.52, 0.35, 0.72, 0.50, 5.0),
    "um171": (0.75, 0.45, 0.85, 0.55, 10.0),
    "sr1": (0.78, 0.46, 0.82, 0.50, 12.0),
}

PARAMS = ParamSet(
    Choice("cytokines", "scf_tpo_flt3l", CYTOKINES, "the growth factors in the culture medium: stem cell factor (SCF), "
           "thrombopoietin (TPO) and FLT3 ligand, the standard cocktail for CD34+ cells",
           f"{ZHANG}: SCF, TPO and FLT3L alone do not expand repopulating cells; effects of each: {TOY}",
           option_labels=("SCF + TPO + FLT3L", "SCF + TPO", "SCF only", "no cytokines")),
    Choice("small_molecule", "none", SMALL_MOLECULES, "a small molecule added to the cytokines to keep stem cells "
           "self-renewing", f"UM171: {COHEN}; SR1: {BOITANO}; {WAGNER}",
           option_labels=("none (cytokines only)", "UM171", "SR1 (StemRegenin 1)")),
    Param("days", 7, 0, MAX_DAYS, "days", "days in culture before the cells are harvested",
          f"UM171 clinical cultures last 7 days ({COHEN}); {TOY} for the others", integer=True, step=1,
          label="days in culture"),
    Param("hsc_divisions_per_day", 0.6, 0.2, 1.5, "1/day", "divisions a day of a stem cell stimulated by the full "
          "cytokine cocktail", f"{TOY}; cord-blood repopulating cells divide several times within 6 days in "
          f"cytokines ({GLIMM})", step=0.05, label="HSC divisions a day"),
    Param("progenitor_divisions_per_day", 1.0, 0.3, 2.0, "1/day", "divisions a day of a progenitor in the full "
          "cocktail", TOY, step=0.05, label="progenitor divisions a day"),
    Param("mature_death_per_day", 0.15, 0.0, 1.0, "1/day", "death rate of mature cells in culture", TOY, step=0.01,
          label="mature-cell death"),
    Param("hsc_share_at_start", 0.002, 1e-4, 0.05, "fraction", "share of the CD34+ cells put into culture that are "
          "repopulating stem cells", f"{TOY}: repopulating cells are a small minority of CD34+ cells "
          "(calibration.md: ~1 in 1e6 mononuclear cells)", log=True, label="HSCs among CD34+ cells"),
)

SCENARIOS = PARAMS.scenarios({
    "cytokines only": Scenario("SCF, TPO and FLT3L for 7 days (the defaults)"),
    "+ UM171": Scenario("the same 7 days with UM171, as in the clinical UM171 cultures", small_molecule="um171"),
    "+ SR1": Scenario("SR1 with the cytokines for 15 days", small_molecule="sr1", days=15),
    "long culture": Scenario("cytokines only for 21 days: more cells, fewer stem cells", days=21),
})

CORD_DONOR = "mismatched_unrelated"  # notebook 04's cord-blood scenario: a partly matched unit, myeloablative
GRAFT_PARAMS = PARAMS + ParamSet(
    Param("cord_cd34_per_kg", transplant.TYPICAL_CD34_PER_KG["cord_blood"], 5e4, 2e6, "CD34+ cells/kg",
          "CD34+ cells per kg recipient in the cord unit before culture",
          f"notebook 04's single unit: 2.5e7 nucleated cells/kg ({transplant.BRUNSTEIN}), 1% of them CD34+ assumed",
          log=True, label="cord unit CD34+ dose"),
    Param("progenitor_fold_for_blood_delay", 3000, 100, 30000, "x", "CD34+ fold expansion at which a cord graft's "
          "progeny reach the blood as soon as a mobilised-blood graft's",
          f"{TOY}: fitted so a 7-day UM171 unit engrafts neutrophils near day 18 ({COHEN}) and a 15-day SR1 unit "
          f"near day 15 ({WAGNER}, given with a second, unexpanded unit)", log=True,
          label="CD34+ fold for a blood-like delay"),
)

GRAFT_SCENARIOS = GRAFT_PARAMS.scenarios({
    "cytokines only": Scenario("one partly matched cord unit of 0.25e6 CD34+ cells/kg, cultured 7 days in cytokines "
                               "(the defaults)"),
    "+ UM171": Scenario("the same unit expanded 7 days with UM171", small_molecule="um171"),
    "+ SR1": Scenario("the same unit expanded 15 days with SR1", small_molecule="sr1", days=15),
    "long culture": Scenario("cytokines only for 21 days", days=21),
})


@dataclass(frozen=True)
class Expansion:
    """A culture from day 0 to the harvest: counts relative to the cells put in (fold changes)."""

    days: np.ndarray  # days in culture, 4 points a day
    hsc: np.ndarray  # stem cells, fold of those put in
    progenitors: np.ndarray  # CD34+ progenitors (not stem cells), relative to all CD34+ cells put in
    mature: np.ndarray  # CD34- mature cells, relative to all cells put in
    hsc_self_renewal: np.ndarray  # s(t): chance an HSC division gives two HSCs
    hsc_share_at_start: float
    cytokines: str
    small_molecule: str

    @property
    def cd34_fold(self) -> np.ndarray:
        """CD34+ cells (stem cells and progenitors) relative to the CD34+ cells put in."""
        return self.hsc * self.hsc_share_at_start + self.progenitors

    @property
    def total_fold(self) -> np.ndarray:
        """All cells relative to the cells put in (a CD34+-selected product: every cell put in was CD34+)."""
        return self.cd34_fold + self.mature

    @property
    def hsc_fold(self) -> float:
        """Stem cells at the harvest over those put in."""
        return float(self.hsc[-1])

    @property
    def hsc_share(self) -> np.ndarray:
        """Share of all cells that are stem cells: purity falls as the culture goes on."""
        return self.hsc * self.hsc_share_at_start / self.total_fold

    @property
    def best_hsc_day(self) -> float:
        """The day in culture with the most stem cells (the harvest day if they are still rising)."""
        return float(self.days[int(np.argmax(self.hsc))])


def _cumulative_trapezoid(values: np.ndarray, step: float) -> np.ndarray:
    out = np.zeros_like(values)
    np.cumsum((values[1:] + values[:-1]) * (step / 2), out=out[1:])
    return out


def _rates(cytokines: str, small_molecule: str, hsc_divisions_per_day: float, progenitor_divisions_per_day: float):
    hsc_drive, progenitor_drive, shift, death = CYTOKINE_EFFECTS[cytokines]
    s_early, s_late, q_early, q_late, loss_days = SELF_RENEWAL[small_molecule]
    return (hsc_divisions_per_day * hsc_drive, progenitor_divisions_per_day * progenitor_drive,
            s_early + shift, s_late + shift, q_early, q_late, loss_days, death)


def _solve(t: np.ndarray, *, k_h: float, k_p: float, s_early: float, s_late: float, q_early: float, q_late: float,
           loss_days: float, death: float, mature_death: float, hsc_share: float) -> np.ndarray:
    """H (fold of HSCs put in), P and M (relative to all cells put in) on the uniform grid t (days)."""
    step = float(t[1] - t[0]) if t.size > 1 else 1.0
    decay = np.exp(-t / loss_days)
    s = s_late + (s_early - s_late) * decay
    q = q_late + (q_early - q_late) * decay

    def integral(early: float, late: float) -> np.ndarray:  # of late + (early - late) e^(-u/tau), from 0 to t
        return late * t + (early - late) * loss_days * (1 - decay)

    hsc = np.exp(k_h * (2 * integral(s_early, s_late) - t) - death * t)
    hsc_output = 2 * k_h * (1 - s) * hsc * hsc_share  # new progenitors a day, relative to all cells put in
    growth = k_p * (2 * integral(q_early, q_late) - t) - death * t
    progenitors = np.exp(growth) * ((1 - hsc_share) + _cumulative_trapezoid(np.exp(-growth) * hsc_output, step))
    differentiated = 2 * k_p * (1 - q) * progenitors
    mature = np.exp(-mature_death * t) * _cumulative_trapezoid(np.exp(mature_death * t) * differentiated, step)
    return np.vstack([hsc, progenitors, mature])


@validated(PARAMS)
def simulate(*, cytokines: str, small_molecule: str, days: int, hsc_divisions_per_day: float,
             progenitor_divisions_per_day: float, mature_death_per_day: float,
             hsc_share_at_start: float) -> Expansion:
    """A CD34+ cord-blood culture in ``cytokines`` with ``small_molecule`` for ``days``: stem cells, progenitors and
    mature cells as fold changes, four points a day.

    >>> result = simulate(small_molecule="um171")
    >>> round(float(result.cd34_fold[-1])), round(result.hsc_fold, 1)
    (41, 4.0)
    """
    k_h, k_p, s_early, s_late, q_early, q_late, loss_days, death = _rates(
        cytokines, small_molecule, hsc_divisions_per_day, progenitor_divisions_per_day)
    fine = np.arange(round(days / FINE_STEP_DAYS) + 1) * FINE_STEP_DAYS
    hsc, progenitors, mature = _solve(fine, k_h=k_h, k_p=k_p, s_early=s_early, s_late=s_late, q_early=q_early,
                                      q_late=q_late, loss_days=loss_days, death=death,
                                      mature_death=mature_death_per_day, hsc_share=hsc_share_at_start)
    pick = slice(None, None, OUTPUT_EVERY)
    return Expansion(days=fine[pick], hsc=hsc[pick], progenitors=progenitors[pick], mature=mature[pick],
                     hsc_self_renewal=(s_late + (s_early - s_late) * np.exp(-fine / loss_days))[pick],
                     hsc_share_at_start=hsc_share_at_start, cytokines=cytokines, small_molecule=small_molecule)


@dataclass(frozen=True)
class ExpandedGraft:
    """One cord unit given as it is, or after the culture, both through notebook 04's transplant model."""

    culture: Expansion
    unexpanded: transplant.Transplant
    expanded: transplant.Transplant
    cd34_per_kg: float  # the unit before culture
    expanded_cd34_per_kg: float  # CD34+ cells/kg after culture
    repopulating_dose_cd34_per_kg: float  # unexpanded cord CD34+ cells/kg carrying as many repopulating cells
    below_model_range: bool  # the culture left fewer repopulating cells than the transplant model's lowest dose
    neutrophil_delay_days: float  # before the expanded graft's progeny reach the blood (cord blood's, shortened)
    sooner_from_progenitors: int | None  # days gained by the shorter delay alone, at the unit's own stem cells
    sooner_from_stem_cells: int | None  # days gained by the stem-cell dose alone, at cord blood's delay

    @property
    def days_sooner(self) -> int | None:
        """Neutrophil engraftment, unexpanded minus expanded (days); None if either never engrafts."""
        return _days_between(self.unexpanded, self.expanded)


def _days_between(before: transplant.Transplant, after: transplant.Transplant) -> int | None:
    """How many days sooner ``after`` engrafts neutrophils than ``before``; None if either never does."""
    first, second = before.neutrophil_engraftment_day, after.neutrophil_engraftment_day
    return None if first is None or second is None else first - second


@validated(GRAFT_PARAMS)
def engraftment(*, cytokines: str, small_molecule: str, days: int, hsc_divisions_per_day: float,
                progenitor_divisions_per_day: float, mature_death_per_day: float, hsc_share_at_start: float,
                cord_cd34_per_kg: float, progenitor_fold_for_blood_delay: float) -> ExpandedGraft:
    """A partly matched cord unit of ``cord_cd34_per_kg`` CD34+ cells/kg transplanted after myeloablative
    conditioning as it is and after the culture, both through ``transplant.simulate``: neutrophil and platelet
    engraftment, graft failure.

    >>> graft = engraftment(small_molecule="um171")
    >>> graft.unexpanded.neutrophil_engraftment_day, graft.expanded.neutrophil_engraftment_day
    (25, 18)
    """
    culture = simulate(cytokines=cytokines, small_molecule=small_molecule, days=days,
                       hsc_divisions_per_day=hsc_divisions_per_day,
                       progenitor_divisions_per_day=progenitor_divisions_per_day,
                       mature_death_per_day=mature_death_per_day, hsc_share_at_start=hsc_share_at_start)
    defaults = transplant.PARAMS.defaults()
    common = dict(graft_source="cord_blood", donor=CORD_DONOR, conditioning="myeloablative")
    unexpanded = transplant.simulate(cd34_per_kg=cord_cd34_per_kg, **common)

    dose_spec = transplant.PARAMS["cd34_per_kg"]
    repopulating = cord_cd34_per_kg * culture.hsc_fold
    cd34_fold = float(culture.cd34_fold[-1])
    # the extra progenitors bring the cord graft's delay towards mobilised blood's, on a log scale of the CD34+ fold
    closer = min(1.0, max(0.0, math.log(cd34_fold) / math.log(progenitor_fold_for_blood_delay))) if cd34_fold > 1 else 0
    neutrophil_delay = defaults["neutrophil_delay_cord_days"] - closer * (
        defaults["neutrophil_delay_cord_days"] - defaults["neutrophil_delay_blood_days"])
    dose = min(max(repopulating, dose_spec.low), dose_spec.high)
    expanded = transplant.simulate(cd34_per_kg=dose, neutrophil_delay_cord_days=neutrophil_delay, **common)
    # each effect alone: the progenitors' shorter delay with the unit's stem cells, the stem cells with cord's delay
    progenitors_only = transplant.simulate(cd34_per_kg=cord_cd34_per_kg, neutrophil_delay_cord_days=neutrophil_delay,
                                           **common)
    stem_cells_only = transplant.simulate(cd34_per_kg=dose, **common)
    return ExpandedGraft(culture=culture, unexpanded=unexpanded, expanded=expanded, cd34_per_kg=cord_cd34_per_kg,
                         expanded_cd34_per_kg=cord_cd34_per_kg * cd34_fold, repopulating_dose_cd34_per_kg=repopulating,
                         below_model_range=repopulating < dose_spec.low, neutrophil_delay_days=neutrophil_delay,
                         sooner_from_progenitors=_days_between(unexpanded, progenitors_only),
                         sooner_from_stem_cells=_days_between(unexpanded, stem_cells_only))


def ode_cases() -> list[OdeCase]:
    """Each small molecule's culture over 28 days: the trapezoid integrals against the right-hand side."""
    defaults = PARAMS.defaults()
    cases = []
    for molecule in SMALL_MOLECULES:
        k_h, k_p, s_early, s_late, q_early, q_late, loss_days, death = _rates(
            "scf_tpo_flt3l", molecule, defaults["hsc_divisions_per_day"], defaults["progenitor_divisions_per_day"])
        share, mature_death = defaults["hsc_share_at_start"], defaults["mature_death_per_day"]
        t = np.arange(round(MAX_DAYS / FINE_STEP_DAYS) + 1) * FINE_STEP_DAYS

        def rhs(time, y, k_h=k_h, k_p=k_p, s_early=s_early, s_late=s_late, q_early=q_early, q_late=q_late,
                loss_days=loss_days, death=death, mature_death=mature_death, share=share):
            decay = math.exp(-time / loss_days)
            s, q = s_late + (s_early - s_late) * decay, q_late + (q_early - q_late) * decay
            hsc, progenitors, mature = y
            return np.array([(k_h * (2 * s - 1) - death) * hsc,
                             2 * k_h * (1 - s) * hsc * share + (k_p * (2 * q - 1) - death) * progenitors,
                             2 * k_p * (1 - q) * progenitors - mature_death * mature])

        def fast(t=t, k_h=k_h, k_p=k_p, s_early=s_early, s_late=s_late, q_early=q_early, q_late=q_late,
                 loss_days=loss_days, death=death, mature_death=mature_death, share=share):
            return _solve(t, k_h=k_h, k_p=k_p, s_early=s_early, s_late=s_late, q_early=q_early, q_late=q_late,
                          loss_days=loss_days, death=death, mature_death=mature_death, hsc_share=share)

        cases.append(OdeCase(name=f"expansion.simulate ({molecule})", rhs=rhs, y0=np.array([1.0, 1 - share, 0.0]),
                             t=t, fast=fast))
    return cases
