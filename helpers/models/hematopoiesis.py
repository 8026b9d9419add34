"""Hematopoiesis: how ~1e5 stem cells keep some 4e11 blood cells a day coming, and hold the counts steady.

Three toy models, one per question of notebook 01:

- ``clone_fates``: one HSC's clone as a Galton-Watson branching process. Each division gives two HSCs (probability
  ``p_sym_renew``), two progenitors (``p_sym_diff``) or one of each. With offspring generating function
  f(s) = p_d + p_a s + p_r s^2, the extinction probability is the smallest root of f(s) = s, which is
  q = min(1, p_d / p_r): a clone is safe only if self-renewal outweighs differentiation.
- ``steady_state``: HSC divisions per day, the doublings that amplify their output, a lineage split, and the
  lifespans give the daily output and the pool of each lineage (pool = output x mean residence time).
- ``simulate``: feedback after a bleed or chemotherapy. Each lineage is a chain, every stage scaled to its steady
  state (1 = normal): progenitors p (fed by the stem cells at a constant rate) -> dividing precursors (4 stages over
  tau_d days) -> post-mitotic marrow pool (20 stages over tau_b days: close to a fixed maturation delay) -> blood m.
  Production into the dividing precursors is the progenitors' output plus g x the deficit S of the lineage's
  post-mitotic cells (marrow pool and blood, counted by number: EPO-, G-CSF- and TPO-like feedback):

      dp/dt = (1 - p) / tau_p,   dx_1/dt = (p + g (1 - S) - x_1) / (tau_d / 4),   dx_i/dt = (x_(i-1) - x_i) / tau_i.

  Chemotherapy kills a fraction of the progenitors and dividing precursors at day 0 and spares the post-mitotic
  pool, which keeps releasing cells for about tau_b days: the neutrophil nadir comes in the second week. The system
  is linear, so it is solved exactly: the propagator exp(J dt) of one time step (scaling and squaring) is applied to
  the state at all time points at once by repeated doubling (no stepping loop, no tolerance).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..formatting import plain_number
from ..params import Param, ParamSet, Scenario, validated
from . import physiology
from .course import LINEAGE_LABELS
from .ode import OdeCase

LEE_SIX = "Lee-Six et al. 2018, Nature 561:473"
CATLIN = "Catlin et al. 2011, Blood 117:4460"
SENDER_MILO = "Sender and Milo 2021, Nat Med 27:45"
LAHOZ = "Lahoz-Beneytez et al. 2016, Blood 127:3431"
FLIEDNER = "Fliedner et al. 2002, Cancer Biother Radiopharm 17:405 (BioNumbers 113417)"
SUMMERS = "Summers et al. 2010, Trends Immunol 31:318"
ASSUMPTION = "teaching assumption (no direct human measurement)"

PARAMS = ParamSet(
    # Clone fates
    Param("p_sym_renew", 0.25, 0, 0.5, "", "probability that a division gives two HSCs",
          f"{ASSUMPTION}; a stable HSC pool ({LEE_SIX}) needs it to balance p_sym_diff", step=0.01,
          label="P(two HSCs)"),
    Param("p_sym_diff", 0.25, 0, 0.5, "", "probability that a division gives two progenitors (the rest give one "
          "HSC and one progenitor)", f"{ASSUMPTION}; balanced against p_sym_renew", step=0.01,
          label="P(two progenitors)"),
    Param("divisions", 40, 1, 50, "divisions", "divisions followed per clone (40 x 280 days is about 30 years)",
          f"division interval {CATLIN}", integer=True, label="follow each clone for (divisions)"),
    Param("n_clones", 200, 10, 300, "clones", "number of simulated clones", "teaching choice", integer=True,
          step=10, label="number simulated (clones)"),
    Param("seed", 1, 0, 10_000, "", "random seed (fixed, so every run gives the same clones)", "teaching choice",
          integer=True),
    # Steady state
    Param("hsc_count", 1e5, 1e4, 1e6, "cells", "HSCs actively making blood",
          f"50,000-200,000 in adults: {LEE_SIX}", log=True, label="HSCs"),
    Param("hsc_division_interval_days", 280, 50, 700, "days", "mean time between divisions of one HSC",
          f"about once per 40 weeks (25-50): {CATLIN}", step=10, label="HSC division interval"),
    Param("amplifying_divisions", 30, 15, 40, "doublings", "doublings between a cell leaving the HSC pool and "
          "the mature cells it yields (platelets: platelet-equivalents)",
          f"chosen so red cell output is 2.1e11/day ({SENDER_MILO})", step=0.1, label="amplification (doublings)"),
    Param("erythroid_share", 0.55, 0.1, 0.8, "", "share of HSC output that becomes red cells",
          f"chosen so red cell output is 2.1e11/day ({SENDER_MILO})", step=0.01, label="share to red cells"),
    Param("platelet_share_of_myeloid", 0.69, 0.1, 0.9, "", "share of the non-erythroid myeloid output that becomes "
          "platelets (the rest: neutrophils)", f"platelets > 1e11/day ({CATLIN}); neutrophils 5e10/day, the low end "
          f"of 5-10e10/day ({SUMMERS}) that fits the blood count with a 19-h half-life ({LAHOZ})",
          step=0.01, label="platelet share of myeloid"),
    Param("other_lineage_share", 0.03, 0, 0.2, "", "share of HSC output to monocytes, eosinophils, basophils and "
          "lymphocytes (few by number)", f"{ASSUMPTION}; blood is ~90% of turnover, mostly red cells "
          f"({SENDER_MILO})", step=0.01),
    physiology.RED_CELL_LIFESPAN,
    physiology.NEUTROPHIL_HALF_LIFE,
    physiology.PLATELET_LIFESPAN,
    Param("marrow_transit_days", physiology.NEUTROPHIL_MATURATION.default, 2, 10, "days", "time post-mitotic cells (no longer dividing) spend maturing "
          "in the marrow before release", f"neutrophils ~5.8 d: {LAHOZ}; assumed similar for red cells and platelets",
          step=0.1, label="post-mitotic maturation"),
    # Feedback
    Param("blood_loss_fraction", 0.1, 0, 0.5, "", "fraction of the blood lost at day 0 (0.1 = a 0.5 L donation "
          "from ~5 L)", "teaching choice", step=0.01, label="share of blood lost"),
    Param("marrow_kill_fraction", 0, 0, 0.99, "", "fraction of the dividing marrow cells (progenitors and dividing "
          "precursors) killed at day 0 by chemotherapy; post-mitotic cells are spared", "teaching choice", step=0.01,
          label="share of dividing marrow cells killed"),
    Param("feedback_gain", 1, 0, 1.5, "x deficit", "rise in production per unit fractional deficit of the lineage's "
          "mature cells (1: a 40% deficit gives 1.4x production); capped at 1.5: above it the delayed response can "
          "overshoot so far that production would turn negative", f"{ASSUMPTION}; EPO/G-CSF/TPO-like", step=0.1),
    Param("progenitor_transit_days", 14, 2, 20, "days", "mean time committed progenitors (fed by the stem cells) "
          "spend before becoming dividing precursors; sets how slowly they grow back after chemotherapy",
          ASSUMPTION, step=0.5, label="progenitor transit"),
    Param("precursor_transit_days", 7, 2, 10, "days", "time dividing precursors spend dividing before their last "
          "division", ASSUMPTION, step=0.1, label="dividing precursor transit"),
    Param("days", 120, 14, 365, "days", "days followed after the bleed or chemotherapy", "teaching choice",
          integer=True, step=1, label="follow for"),
)

CLONE_FATE_SCENARIOS = PARAMS.scenarios({
    "healthy": Scenario("balanced divisions: on average one HSC per HSC division", p_sym_renew=0.25, p_sym_diff=0.25),
    "exhaustion": Scenario("more divisions give two progenitors than two HSCs: clones die out", p_sym_renew=0.15,
                           p_sym_diff=0.35),
    "expansion": Scenario("more divisions give two HSCs: surviving clones grow without limit", p_sym_renew=0.35,
                          p_sym_diff=0.15),
})
STEADY_STATE_SCENARIOS = PARAMS.scenarios({
    "healthy": Scenario("a healthy adult, every value at its published default"),
    "fewer stem cells": Scenario("a fifth of the HSCs, as in a small graft or an ageing marrow", hsc_count=2e4),
    "quieter stem cells": Scenario("HSCs dividing about every 600 days instead of 280",
                                   hsc_division_interval_days=600),
    "myeloid bias": Scenario("less output to red cells and platelets, more to white cells", erythroid_share=0.3,
                             platelet_share_of_myeloid=0.4),
    "short-lived red cells": Scenario("red cells living 60 days, as in haemolysis", red_cell_lifespan_days=60),
})
FEEDBACK_SCENARIOS = PARAMS.scenarios({
    "healthy": Scenario("nothing lost, nothing killed", blood_loss_fraction=0, marrow_kill_fraction=0),
    "blood donation": Scenario("a 0.5 L donation: a tenth of the blood", blood_loss_fraction=0.1,
                               marrow_kill_fraction=0, days=120),
    "major bleed": Scenario("four tenths of the blood lost at once", blood_loss_fraction=0.4, marrow_kill_fraction=0,
                            days=180),
    "chemotherapy": Scenario("one dose killing 97% of the dividing marrow cells", blood_loss_fraction=0,
                             marrow_kill_fraction=0.97, days=42),
    "bleed without feedback": Scenario("the major bleed with the feedback switched off", blood_loss_fraction=0.4,
                                       marrow_kill_fraction=0, feedback_gain=0, days=365),
})

LINEAGES = ("red_cell", "neutrophil", "platelet")

# Blood counts: typical value and normal range, in the unit of each lineage (used by ``simulate`` and its figures).
BLOOD_VOLUME_L = 5.0  # adult, general knowledge
NORMAL_COUNTS = {
    # lineage: (unit, typical, low, high, source)
    "red_cell": ("1e12/L", 2.5e13 / BLOOD_VOLUME_L / 1e12, 4.0, 5.9,
                 f"pool 2.5e13 ({SENDER_MILO}) in 5 L; range: general knowledge"),
    "neutrophil": ("1e9/L", 4.0, 1.5, 7.5, "adult ANC 1.5-7.5e9/L: general knowledge"),
    "platelet": ("1e9/L", 250.0, 150.0, 400.0, "150-400e9/L: general knowledge"),
}
NEUTROPENIA = NORMAL_COUNTS["neutrophil"][2]  # 1e9/L: ANC below the normal range
RECOVERY_TOLERANCE = 0.05  # a count is back once it stays at or above 95% of normal

# Published figures the steady state is drawn against (cells/day and cells).
PUBLISHED = {
    "daily_output_floor": (1e11, "red cells, platelets > 1e11/day (Catlin 2011)"),
    "neutrophil_output": ((5e10, 1e11), "neutrophils 5-10e10/day (Summers 2010)"),
    "red_cell_output": (2.1e11, "red cells 2.1e11/day (Sender & Milo 2021)"),
    "red_cell_pool": (2.5e13, "red cell pool 2.5e13 (Sender & Milo 2021)"),
    "hsc_count": ((5e4, 2e5), "HSCs 5e4-2e5 (Lee-Six 2018)"),
}

TIME_POINTS = 301


# ---------------------------------------------------------------------------------------------- clone fates
@dataclass(frozen=True)
class CloneFates:
    divisions: np.ndarray  # 0..n (divisions of the founding HSC's lineage, synchronous generations)
    sizes: np.ndarray  # HSCs per clone, shape (n_clones, n + 1); 0 = extinct
    surviving_fraction: np.ndarray  # simulated fraction of clones still alive after each division
    extinct_by_division: np.ndarray  # analytic P(extinct by division k) = f iterated k times at 0
    mean_clone_size: np.ndarray  # simulated mean HSCs per clone (extinct clones count as 0)
    expected_clone_size: np.ndarray  # analytic mean: m^k
    mean_offspring: float  # m = 1 + p_sym_renew - p_sym_diff HSCs per HSC division
    extinction_probability: float  # analytic, eventually: min(1, p_sym_diff / p_sym_renew) (0 if p_sym_diff = 0)
    simulated_extinction: float  # fraction of simulated clones extinct after the last division


@validated(PARAMS.subset(["p_sym_renew", "p_sym_diff", "divisions", "n_clones", "seed"]))
def clone_fates(*, p_sym_renew: float, p_sym_diff: float, divisions: int, n_clones: int, seed: int) -> CloneFates:
    """Simulate ``n_clones`` HSC clones over ``divisions`` generations (vectorised), next to the analytic answer."""
    p_asym = 1.0 - p_sym_renew - p_sym_diff
    p_symmetric = p_sym_renew + p_sym_diff
    renew_share = p_sym_renew / p_symmetric if p_symmetric > 0 else 0.0
    rng = np.random.default_rng(seed)
    sizes = np.zeros((n_clones, divisions + 1), dtype=np.int64)
    sizes[:, 0] = 1
    for k in range(divisions):  # per generation, two binomial draws over all clones at once
        hscs = sizes[:, k]
        symmetric = rng.binomial(hscs, p_symmetric)  # divisions giving two HSCs or two progenitors
        renewing = rng.binomial(symmetric, renew_share)  # of which two HSCs
        sizes[:, k + 1] = hscs + 2 * renewing - symmetric
    extinct = np.empty(divisions + 1)
    extinct[0] = 0.0
    for k in range(divisions):  # q_k+1 = f(q_k)
        q = extinct[k]
        extinct[k + 1] = p_sym_diff + p_asym * q + p_sym_renew * q * q
    mean_offspring = 1.0 + p_sym_renew - p_sym_diff
    if p_sym_diff == 0:  # no division loses an HSC: a clone can never die out
        eventual = 0.0
    elif p_sym_renew <= p_sym_diff:  # mean offspring <= 1: every clone dies out eventually
        eventual = 1.0
    else:
        eventual = p_sym_diff / p_sym_renew
    surviving = (sizes > 0).mean(axis=0)
    return CloneFates(
        divisions=np.arange(divisions + 1),
        sizes=sizes,
        surviving_fraction=surviving,
        extinct_by_division=extinct,
        mean_clone_size=sizes.mean(axis=0),
        expected_clone_size=mean_offspring ** np.arange(divisions + 1, dtype=float),
        mean_offspring=mean_offspring,
        extinction_probability=eventual,
        simulated_extinction=float(1.0 - surviving[-1]),
    )


# --------------------------------------------------------------------------------------------- steady state
@dataclass(frozen=True)
class SteadyState:
    lineages: tuple[str, ...]  # LINEAGES
    hsc_count: float  # HSCs actively making blood (cells)
    hsc_output_per_day: float  # cells/day leaving the HSC pool = HSC divisions/day (one per division, balanced)
    daily_output: np.ndarray  # cells/day per lineage
    blood_pool: np.ndarray  # cells in blood per lineage (neutrophils: circulating plus marginated)
    marrow_pool: np.ndarray  # maturing precursors in the marrow per lineage (cells)
    total_daily_output: float  # cells/day, the three lineages together
    amplifying_divisions: float  # log2(total daily output / HSC output per day)

    def table(self) -> str:
        """The numbers as a small plain-text table a reader can scan."""
        def short(value: float) -> str:
            return plain_number(float(f"{value:.2g}"))

        rows = [f"Stem cells: {short(self.hsc_count)}, sending {self.hsc_output_per_day:.0f} cells a day into "
                f"differentiation; {self.amplifying_divisions:.1f} doublings to {short(self.total_daily_output)} a day.",
                f"{'':<12}{'made per day':>14}{'in the blood':>14}"]
        rows += [f"{LINEAGE_LABELS[name]:<12}{short(made):>14}{short(pool):>14}"
                 for name, made, pool in zip(self.lineages, self.daily_output, self.blood_pool)]
        return "\n".join(rows)


@validated(PARAMS.subset(["hsc_count", "hsc_division_interval_days", "amplifying_divisions", "erythroid_share",
                          "platelet_share_of_myeloid", "other_lineage_share", "red_cell_lifespan_days",
                          "neutrophil_half_life_days", "platelet_lifespan_days", "marrow_transit_days"]))
def steady_state(*, hsc_count: float, hsc_division_interval_days: float, amplifying_divisions: float,
                 erythroid_share: float, platelet_share_of_myeloid: float, other_lineage_share: float,
                 red_cell_lifespan_days: float, neutrophil_half_life_days: float, platelet_lifespan_days: float,
                 marrow_transit_days: float) -> SteadyState:
    """Daily output (cells/day) and pools (cells) per lineage, from the HSC pool up.

    Each HSC division sends on average one cell into differentiation; its progeny double
    ``amplifying_divisions`` times; the output splits between lineages; each pool holds output x residence time.
    """
    hsc_output = hsc_count / hsc_division_interval_days
    myeloid = max(0.0, 1.0 - erythroid_share - other_lineage_share)
    shares = np.array([erythroid_share, myeloid * (1 - platelet_share_of_myeloid),
                       myeloid * platelet_share_of_myeloid])
    output = hsc_output * 2.0 ** amplifying_divisions * shares
    residence = blood_residence_days(red_cell_lifespan_days=red_cell_lifespan_days,
                                     neutrophil_half_life_days=neutrophil_half_life_days,
                                     platelet_lifespan_days=platelet_lifespan_days)
    total = float(output.sum())
    return SteadyState(
        lineages=LINEAGES,
        hsc_count=hsc_count,
        hsc_output_per_day=hsc_output,
        daily_output=output,
        blood_pool=output * residence,
        marrow_pool=output * marrow_transit_days,
        total_daily_output=total,
        amplifying_divisions=math.log2(total / hsc_output) if total > 0 else 0.0,
    )


def blood_residence_days(*, red_cell_lifespan_days: float, neutrophil_half_life_days: float,
                         platelet_lifespan_days: float) -> np.ndarray:
    """Mean time (days) a cell of each lineage spends in blood; a half-life t1/2 means a mean of t1/2 / ln 2."""
    return np.array([red_cell_lifespan_days, neutrophil_half_life_days / math.log(2), platelet_lifespan_days])


# ------------------------------------------------------------------------------------------------ feedback
DIVIDING_STAGES = 4  # dividing precursors: a chain of stages, so their transit time varies little between cells
POST_MITOTIC_STAGES = 20  # post-mitotic marrow pool: close to a fixed 5.8-day delay, as Lahoz-Beneytez modelled it
STAGES = 1 + DIVIDING_STAGES + POST_MITOTIC_STAGES + 1  # progenitors, dividing, post-mitotic, blood
DIVIDING = slice(1, 1 + DIVIDING_STAGES)
POST_MITOTIC = slice(1 + DIVIDING_STAGES, STAGES - 1)
COMPARTMENTS = ("progenitors", "dividing precursors", "post-mitotic marrow pool", "blood")
SEVERE_NEUTROPENIA = 0.5  # 1e9/L: severe neutropenia (calibration.md, modified Camitta / general knowledge)


@dataclass(frozen=True)
class Recovery:
    days: np.ndarray  # time since the bleed or chemotherapy (days)
    counts: np.ndarray  # blood counts per lineage, shape (3, len(days)), in NORMAL_COUNTS units
    relative: np.ndarray  # blood counts as a fraction of normal, shape (3, len(days))
    compartments: np.ndarray  # COMPARTMENTS per lineage as fractions of normal, shape (3, 4, len(days))
    production: np.ndarray  # production into the dividing precursors as a multiple of normal, shape (3, len(days))
    nadir: np.ndarray  # lowest count per lineage (NORMAL_COUNTS units)
    nadir_day: np.ndarray  # day of the lowest count per lineage
    peak_relative: np.ndarray  # highest count per lineage as a fraction of normal (> 1: overshoot)
    recovery_day: tuple[float | None, ...]  # per lineage: day from which the count stays at or above 95% of
    # normal (0 if it never fell below; None if not yet back by the end); an overshoot counts as recovered
    neutropenia_days: float  # days with ANC below the normal range (< 1.5e9/L)
    severe_neutropenia_days: float  # days with ANC below 0.5e9/L


def _stage_rates(progenitor_transit_days: float, precursor_transit_days: float, marrow_transit_days: float,
                 residence_days: float) -> np.ndarray:
    """Exit rate (1/day) of each stage of one lineage's chain."""
    return np.concatenate([[1.0 / progenitor_transit_days],
                           np.full(DIVIDING_STAGES, DIVIDING_STAGES / precursor_transit_days),
                           np.full(POST_MITOTIC_STAGES, POST_MITOTIC_STAGES / marrow_transit_days),
                           [1.0 / residence_days]])


def _signal_weights(rates: np.ndarray) -> np.ndarray:
    """Weights of the feedback signal: the lineage's post-mitotic cells (marrow pool and blood) by number."""
    weights = np.zeros_like(rates)
    weights[POST_MITOTIC.start:] = 1.0 / rates[POST_MITOTIC.start:]  # steady-state content of each stage
    return weights / weights.sum()


def _chain_matrices(feedback_gain: float, progenitor_transit_days: float, precursor_transit_days: float,
                    marrow_transit_days: float, residence_days: np.ndarray) -> np.ndarray:
    """J of d(deviation)/dt = J deviation for each lineage's chain, shape (3, STAGES, STAGES)."""
    jac = np.zeros((len(residence_days), STAGES, STAGES))
    below = np.arange(1, STAGES)
    for lineage, residence in enumerate(residence_days):
        rates = _stage_rates(progenitor_transit_days, precursor_transit_days, marrow_transit_days, residence)
        jac[lineage, np.arange(STAGES), np.arange(STAGES)] = -rates
        jac[lineage, below, below - 1] = rates[1:]  # each stage feeds the next
        jac[lineage, DIVIDING.start] -= feedback_gain * rates[DIVIDING.start] * _signal_weights(rates)
    return jac


def _expm(matrices: np.ndarray) -> np.ndarray:
    """exp(A) for a stack of small matrices: scaling and squaring with a degree-12 Taylor series (norm <= 1/4)."""
    norm = np.abs(matrices).sum(axis=-1).max()
    squarings = max(0, math.ceil(math.log2(norm / 0.25))) if norm > 0 else 0
    scaled = matrices / 2.0 ** squarings
    result = np.broadcast_to(np.eye(matrices.shape[-1]), matrices.shape).copy()
    term = result.copy()
    for order in range(1, 13):
        term = term @ scaled / order
        result += term
    for _ in range(squarings):
        result = result @ result
    return result


def _propagate(jac: np.ndarray, start: np.ndarray, step: float, points: int) -> np.ndarray:
    """States exp(J k step) start for k = 0..points-1, shape (lineages, stages, points), by repeated doubling."""
    states = start[..., np.newaxis]
    power = _expm(jac * step)  # exp(J step 2^level)
    while states.shape[-1] < points:
        states = np.concatenate([states, power @ states], axis=-1)
        power = power @ power
    return states[..., :points]


def _recovered_day(days: np.ndarray, relative: np.ndarray) -> float | None:
    below = relative < 1.0 - RECOVERY_TOLERANCE
    if not below.any():
        return 0.0
    last = int(np.nonzero(below)[0][-1])
    return None if last == len(days) - 1 else float(days[last + 1])


def _solve(blood_loss_fraction: float, marrow_kill_fraction: float, feedback_gain: float,
           progenitor_transit_days: float, precursor_transit_days: float, marrow_transit_days: float,
           residence_days: np.ndarray, days: float) -> tuple[np.ndarray, np.ndarray]:
    """Time points (days) and every stage of every chain as a fraction of normal, shape (3, STAGES, points)."""
    jac = _chain_matrices(feedback_gain, progenitor_transit_days, precursor_transit_days, marrow_transit_days,
                          residence_days)
    start = np.zeros((len(residence_days), STAGES))  # deviation from steady state
    start[:, :DIVIDING.stop] = -marrow_kill_fraction  # chemotherapy kills dividing cells; post-mitotic ones live
    start[:, -1] = -blood_loss_fraction
    t = np.linspace(0.0, float(days), TIME_POINTS)
    return t, 1.0 + _propagate(jac, start, t[1], TIME_POINTS)


@validated(PARAMS.subset(["blood_loss_fraction", "marrow_kill_fraction", "feedback_gain", "progenitor_transit_days",
                          "precursor_transit_days", "marrow_transit_days", "red_cell_lifespan_days",
                          "neutrophil_half_life_days", "platelet_lifespan_days", "days"]))
def simulate(*, blood_loss_fraction: float, marrow_kill_fraction: float, feedback_gain: float,
             progenitor_transit_days: float, precursor_transit_days: float, marrow_transit_days: float,
             red_cell_lifespan_days: float, neutrophil_half_life_days: float, platelet_lifespan_days: float,
             days: int) -> Recovery:
    """Blood counts over ``days`` after losing a fraction of the blood and/or of the dividing marrow cells."""
    residence = blood_residence_days(red_cell_lifespan_days=red_cell_lifespan_days,
                                     neutrophil_half_life_days=neutrophil_half_life_days,
                                     platelet_lifespan_days=platelet_lifespan_days)
    t, state = _solve(blood_loss_fraction, marrow_kill_fraction, feedback_gain, progenitor_transit_days,
                      precursor_transit_days, marrow_transit_days, residence, days)
    relative = state[:, -1]
    typical = np.array([NORMAL_COUNTS[name][1] for name in LINEAGES])
    counts = relative * typical[:, np.newaxis]
    lowest = counts.argmin(axis=1)
    signal = np.stack([_signal_weights(_stage_rates(progenitor_transit_days, precursor_transit_days,
                                                    marrow_transit_days, r)) @ chain
                       for r, chain in zip(residence, state)])
    compartments = np.stack([state[:, 0], state[:, DIVIDING].mean(axis=1), state[:, POST_MITOTIC].mean(axis=1),
                             state[:, -1]], axis=1)
    return Recovery(
        days=t,
        counts=counts,
        relative=relative,
        compartments=compartments,
        production=state[:, 0] + feedback_gain * (1.0 - signal),
        nadir=counts.min(axis=1),
        nadir_day=t[lowest],
        peak_relative=relative.max(axis=1),
        recovery_day=tuple(_recovered_day(t, row) for row in relative),
        neutropenia_days=float((counts[1] < NEUTROPENIA).sum() * t[1]),
        severe_neutropenia_days=float((counts[1] < SEVERE_NEUTROPENIA).sum() * t[1]),
    )


def feedback_rhs(t: float, y: np.ndarray, *, feedback_gain: float, progenitor_transit_days: float,
                 precursor_transit_days: float, marrow_transit_days: float,
                 residence_days: np.ndarray) -> np.ndarray:
    """The model's definition: y = every stage of each lineage's chain, each as a fraction of normal.

    Progenitors relax to normal (fed by the stem cells); each later stage is fed by the one before; production into
    the dividing precursors is the progenitors' output plus ``feedback_gain`` x the deficit of post-mitotic cells.
    """
    chains = y.reshape(len(residence_days), STAGES)
    dy = np.empty_like(chains)
    for lineage, (chain, residence) in enumerate(zip(chains, residence_days)):
        rates = _stage_rates(progenitor_transit_days, precursor_transit_days, marrow_transit_days, residence)
        inflow = np.concatenate([[1.0], chain[:-1]])
        inflow[DIVIDING.start] += feedback_gain * (1.0 - _signal_weights(rates) @ chain)
        dy[lineage] = rates * (inflow - chain)
    return dy.ravel()


def ode_cases() -> list[OdeCase]:
    """The feedback model after a major bleed and after chemotherapy: exact propagator versus the RHS."""
    defaults = PARAMS.defaults()
    constants = dict(
        feedback_gain=defaults["feedback_gain"],
        progenitor_transit_days=defaults["progenitor_transit_days"],
        precursor_transit_days=defaults["precursor_transit_days"],
        marrow_transit_days=defaults["marrow_transit_days"],
        residence_days=blood_residence_days(**{name: defaults[name] for name in (
            "red_cell_lifespan_days", "neutrophil_half_life_days", "platelet_lifespan_days")}),
    )
    cases = []
    for name, loss, kill in (("major bleed", 0.4, 0.0), ("chemotherapy", 0.0, 0.9)):
        def fast(loss=loss, kill=kill):
            return _solve(loss, kill, days=defaults["days"], **constants)[1].reshape(len(LINEAGES) * STAGES, -1)
        y0 = np.tile(np.concatenate([np.full(DIVIDING.stop, 1.0 - kill), np.ones(POST_MITOTIC_STAGES), [1.0 - loss]]),
                     len(LINEAGES))
        cases.append(OdeCase(
            name=f"hematopoiesis.simulate ({name})",
            rhs=lambda t, y: feedback_rhs(t, y, **constants),
            y0=y0,
            t=_solve(loss, kill, days=defaults["days"], **constants)[0],
            fast=fast,
        ))
    return cases
