"""The HSC niche as NumPy: mobilising CD34+ cells into the blood, and host and donor cells competing for niches.

``mobilise(regimen=...)``: a linear three-compartment model (niche-bound, marrow-free, circulating CD34+ cells) with
piecewise-constant rates, solved in closed form over all time points at once. Days are counted as in the clinic:
the first G-CSF injection is on the morning of day 1 (day 0 is the day before, at steady state), and apheresis on the
morning of ``collection_day`` (day 5 is the "day-5 count" of the literature, after four days of G-CSF).

``compete(conditioning_logs=..., donor_dose=..., homing=...)``: conditioning kills host HSCs (in logs: 2 logs leave 1 in
100) and empties their niches, homed donor HSCs lodge in empty niches at random, then host and donor HSCs refill the
empty niches by self-renewal (logistic, closed form). Mature T cells carried by a graft fill the T-cell space a SCID
host leaves empty, which gives split chimerism (donor T cells, host stem cells).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..params import Choice, Param, ParamSet, Scenario, validated
from . import physiology
from .ode import OdeCase

LILES = "Liles et al. 2003, Blood 102:2728"
VASU = "Vasu et al. 2008, Blood 112:2092"
TO = physiology.TO

# Published figures the model is calibrated to (drawn as bands and lines by the explorers).
LILES_BASELINE_MEANS_PER_UL = (2.6, 3.8)  # mean blood CD34+/uL before plerixafor in two dose groups (3.8 at 80 ug/kg)
PLERIXAFOR_9H_PER_UL = 40.4  # blood CD34+/uL 9 h after 240 ug/kg plerixafor, from 2.6/uL (Liles 2003)
GCSF_DAY5_RANGE_PER_UL = (79.0, 104.0)  # median day-5 blood CD34+/uL after G-CSF, by donor group (Vasu 2008)
MINIMUM_YIELD_PER_KG = 2e6  # CD34+ cells/kg recipient (To 2011)
TARGET_YIELD_PER_KG = 5e6  # CD34+ cells/kg recipient: top of the 2-5e6/kg that lowers costs and mortality (To 2011)
# Wang 1997: 1 SCID-repopulating cell per 6.0e6 mobilised-blood mononuclear cells, counted after intravenous injection
# (so after the homing loss); about 1% of those mononuclear cells are CD34+ (a round figure that varies by donor).
REPOPULATING_PER_MOBILISED_MNC = 1 / 6.0e6
CD34_SHARE_OF_MOBILISED_MNC = 0.01
CASHMAN_HOMING = 0.05  # share of injected human repopulating cells in mouse marrow at 24 h (5% fetal liver, 7% cord)

REGIMENS = ("steady_state", "gcsf", "plerixafor", "gcsf_plerixafor")
HOSTS = ("immunocompetent", "scid")

PARAMS = ParamSet(
    # --- mobilisation ---
    Choice("regimen", "gcsf", REGIMENS, "mobilising drugs: none, G-CSF daily, one plerixafor dose, or both",
           f"{LILES}; {VASU}", option_labels=("no drugs", "G-CSF", "plerixafor", "G-CSF + plerixafor")),
    Param("steady_cd34_per_ul", 3.2, 0.5, 10, "cells/uL", "blood CD34+ count without mobilisation", LILES),
    Param("niche_capture_per_day", 10, 1, 50, "1/day",
          "rate at which a free marrow CD34+ cell is caught by a niche (CXCL12/CXCR4, SCF/KIT, VCAM1/VLA-4)",
          "free parameter: free cells re-engage within hours"),
    Param("niche_release_per_day", 0.11, 0.01, 1, "1/day",
          "rate at which a bound CD34+ cell lets go of its niche at steady state",
          f"free parameter, set with the plerixafor fold so the 9-h rise matches {LILES}"),
    Param("marrow_egress_per_day", 1.0, 0.1, 10, "1/day", "rate at which a free marrow CD34+ cell enters the blood",
          "free parameter"),
    Param("blood_exit_per_day", 12, 1, 50, "1/day",
          "rate at which a circulating CD34+ cell homes back to the marrow (about 1.4 h half-time)",
          "free parameter: infused CD34+ cells leave the blood within hours"),
    Param("marrow_return_per_day", 0.3, 0.05, 2, "1/day",
          "rate at which the marrow CD34+ pool returns to its steady-state size", "free parameter"),
    Param("gcsf_release_fold", 40, 1, 200, "x",
          "how many times faster bound cells let go once G-CSF has remodelled the niche (CXCL12 falls, proteases)",
          f"free parameter, fitted to the day-5 counts of {VASU}"),
    Param("gcsf_half_days", 2.5, 0.5, 5, "days",
          "days of G-CSF until the niche is half loosened (and, after the last dose, half recovered)",
          f"free parameter; blood CD34+ rises mostly from day 3 to day 5 ({VASU})"),
    Param("gcsf_expansion_per_day", 0.1, 0, 1, "1/day", "net growth of the marrow CD34+ pool while on G-CSF",
          "free parameter"),
    Param("plerixafor_release_fold", 20, 1, 100, "x",
          "how many times faster bound cells let go while plerixafor blocks CXCR4",
          f"free parameter, fitted to the ~15x rise at 9 h of {LILES}"),
    Param("plerixafor_action_hours", 9, 2, 24, "h", "how long one plerixafor dose blocks CXCR4",
          f"counts peak 6-9 h after the dose ({LILES})"),
    Param("plerixafor_lead_hours", 9, 1, 24, "h", "plerixafor given this long before apheresis",
          f"9 h in {LILES}; about 11 h (evening before) with G-CSF"),
    Param("collection_day", 5, 2, 9, "day", "morning of apheresis; day 1 is the first G-CSF injection",
          f"{VASU} (day-5 counts)", step=0.25),
    Param("processed_blood_volume_l", 15, 2, 40, "L", "blood processed by the apheresis machine (2-4 donor volumes)",
          "typical large-volume apheresis; free parameter", step=0.5),
    Param("collection_efficiency", 0.5, 0.1, 0.9, "fraction", "share of the CD34+ cells in processed blood collected",
          "typical apheresis CD34+ collection efficiency; free parameter", step=0.01),
    physiology.RECIPIENT_WEIGHT,
    # --- competition for niches ---
    Param("conditioning_logs", 4, 0, 5, "logs",
          "host HSCs killed by conditioning, in logs (1 log kills 90%, 2 logs 99%, 4 logs 99.99%); their niches empty",
          "toy scale, not a drug dose: myeloablative 4 logs (a fully donor marrow), reduced intensity 2, none 0",
          step=0.1, label="conditioning: host stem cells killed"),
    Param("donor_dose", 5, 0, 20, "1e6 CD34+/kg", "CD34+ cells infused per kg recipient", TO, step=0.1),
    Param("homing", CASHMAN_HOMING, 0, 1, "fraction", "share of infused stem cells that reach the marrow",
          "Cashman and Eaves 2000, Blood 96:3979: 5% (fetal liver) and 7% (cord blood) of human repopulating cells "
          "in the marrow of irradiated NOD/SCID mice at 24 h; no human figure: free parameter", step=0.005),
    Choice("host", "immunocompetent", HOSTS, "recipient: T cells of its own, or SCID (almost no T cells)",
           "Dvorak et al. 2023, JACI 151:539", option_labels=("immunocompetent", "SCID")),
    Param("hsc_per_million_cd34", 330, 10, 3000, "HSCs per 1e6 CD34+",
          "long-term repopulating stem cells among infused CD34+ cells, before the homing loss",
          "Wang, Doedens and Dick 1997, Blood 89:3919: 1 per 6.0e6 mobilised mononuclear cells (~1% CD34+), counted "
          "after intravenous injection, so net of homing: ~17 per 1e6 CD34+; divided by the 5% homing: ~330",
          log=True),
    Param("niches_per_kg", 1400, 100, 1e5, "niches/kg", "HSC niches per kg body weight (~1e5 HSCs in 70 kg)",
          "Lee-Six et al. 2018, Nature 561:473", log=True),
    Param("free_niches", 0.01, 0, 0.1, "fraction", "niches empty in an unconditioned host",
          "Bhattacharya et al. 2006, J Exp Med 203:73 (about 0.1-1% in mice)", step=0.001),
    Param("niche_refill_per_month", 1.0, 0.1, 5, "1/month", "self-renewal rate of HSCs refilling empty niches",
          "free parameter (faster than the once-per-40-weeks steady-state division of Catlin et al. 2011)"),
    Param("graft_t_cells", 0.01, 0, 0.2, "fraction of normal pool",
          "mature T cells in the graft, relative to the recipient's normal T-cell pool (0: a T-cell-depleted graft; "
          "none without a graft)", "free parameter", step=0.001, label="graft T cells"),
    Param("scid_host_t_cells", 0.01, 0, 0.1, "fraction of normal pool", "the SCID host's own T cells (< 50/uL)",
          "Dvorak et al. 2023, JACI 151:539; Denny et al. 1992, JAMA 267:1484", step=0.001),
    Param("t_expansion_per_month", 0.5, 0.05, 3, "1/month", "expansion rate of T cells into empty T-cell space",
          "free parameter; T cells recover over 1-2 years (van den Brink et al. 2015)"),
    Param("months", 24, 3, 60, "months", "time span simulated after the transplant", "display setting", integer=True),
)

MOBILISE_PARAMS = PARAMS.subset([
    "regimen", "steady_cd34_per_ul", "niche_capture_per_day", "niche_release_per_day", "marrow_egress_per_day",
    "blood_exit_per_day", "marrow_return_per_day", "gcsf_release_fold", "gcsf_half_days", "gcsf_expansion_per_day",
    "plerixafor_release_fold", "plerixafor_action_hours", "plerixafor_lead_hours", "collection_day",
    "processed_blood_volume_l", "collection_efficiency", "weight_kg",
])
COMPETE_PARAMS = PARAMS.subset([
    "conditioning_logs", "donor_dose", "homing", "host", "hsc_per_million_cd34", "niches_per_kg", "free_niches",
    "niche_refill_per_month", "graft_t_cells", "scid_host_t_cells", "t_expansion_per_month", "months",
])

MOBILISATION_SCENARIOS = PARAMS.scenarios({
    "no drugs": Scenario("no mobilising drugs: the steady state", regimen="steady_state"),
    "G-CSF": Scenario("G-CSF injections daily from day 1", regimen="gcsf"),
    "plerixafor": Scenario("one plerixafor dose 9 h before apheresis, no G-CSF", regimen="plerixafor"),
    "G-CSF + plerixafor": Scenario("G-CSF daily, and plerixafor 9 h before apheresis", regimen="gcsf_plerixafor"),
})
COMPETITION_SCENARIOS = PARAMS.scenarios({
    "no conditioning (SCID)": Scenario("an infant with SCID given a graft without conditioning", conditioning_logs=0.0,
                                       host="scid"),
    "reduced intensity": Scenario("2 logs of host stem cells killed (and, in the model, 2 logs of host T cells)",
                                  conditioning_logs=2.0),
    "myeloablative": Scenario("4 logs of host stem cells killed (the defaults)", conditioning_logs=4.0),
})

FIRST_DOSE_DAY = 1.0  # the first G-CSF injection; the days before are at steady state
FOLLOW_UP_DAYS = 2.0  # days drawn after the collection
RAMP_STEP_DAYS = 0.25  # G-CSF loosens the niche in 6-hour steps of constant rates
GCSF_RAMP_STEEPNESS = 3  # Hill exponent of the loosening: slow for two days, then fast (a chain of steps)
TIME_POINTS = 361  # mobilisation: about every 30 min over a week, fine enough for a plerixafor peak
MONTH_POINTS = 241  # competition: smooth curves over months
MIN_PIECE_DAYS = 1e-6  # rate changes closer than this (0.1 s) are merged
DAYS_PER_MONTH = 30.4375


# ---------------------------------------------------------------- mobilisation


@dataclass(frozen=True)
class Schedule:
    """Piecewise-constant rates: piece k runs from ``starts[k]`` to ``starts[k+1]`` (days).

    ``release``, ``growth`` (1/day) vary per piece; the other rates are constant. State order: bound, free, blood,
    all in CD34+ cells per uL of blood (marrow cells counted as if spread through the blood volume).
    """

    starts: np.ndarray
    release: np.ndarray
    growth: np.ndarray
    capture: float
    egress: float
    blood_exit: float
    marrow_return: float
    steady: np.ndarray  # steady state (bound, free, blood), cells/uL

    @cached_property
    def matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """Rate matrix A (pieces, 3, 3) and source b (3,) of dx/dt = A x + b."""
        n = len(self.starts)
        a = np.zeros((n, 3, 3))
        marrow = self.growth - self.marrow_return
        a[:, 0, 0] = -self.release + marrow
        a[:, 0, 1] = self.capture
        a[:, 1, 0] = self.release
        a[:, 1, 1] = -(self.capture + self.egress) + marrow
        a[:, 1, 2] = self.blood_exit
        a[:, 2, 1] = self.egress
        a[:, 2, 2] = -self.blood_exit
        b = self.marrow_return * np.array([self.steady[0], self.steady[1], 0.0])
        return a, b

    def rhs(self, t: float, x: np.ndarray) -> np.ndarray:
        """dx/dt (cells/uL per day): the model's definition, for checking against a generic solver."""
        a, b = self.matrices
        k = max(int(np.searchsorted(self.starts, t, side="right")) - 1, 0)
        return a[k] @ x + b

    def solve(self, t: np.ndarray) -> np.ndarray:
        """Exact solution at times ``t`` (days, >= starts[0]), shape (3, len(t)), starting from steady state.

        Each piece's tridiagonal rate matrix is similar to a symmetric one, A = D S D^-1, so exp(A tau) comes from
        ``eigh`` for all pieces at once; the source term uses (exp(lambda tau) - 1) / lambda.
        """
        a, b = self.matrices
        scale = np.ones((len(self.starts), 3))
        scale[:, 1] = np.sqrt(self.release / self.capture)
        scale[:, 2] = scale[:, 1] * np.sqrt(self.egress / self.blood_exit)
        sym = a * scale[:, None, :] / scale[:, :, None]
        sym = 0.5 * (sym + np.swapaxes(sym, 1, 2))
        lam, q = np.linalg.eigh(sym)
        to_modes = np.swapaxes(q, 1, 2) / scale[:, None, :]  # Q^T D^-1
        from_modes = q * scale[:, :, None]  # D Q
        source = np.einsum("kij,j->ki", to_modes, b)

        def phi(tau: np.ndarray, lam_: np.ndarray) -> np.ndarray:
            small = np.abs(lam_ * tau) < 1e-12
            return np.where(small, tau, np.expm1(lam_ * tau) / np.where(lam_ == 0, 1.0, lam_))

        lengths = np.diff(self.starts)[:, None]
        across = from_modes[:-1] @ (np.exp(lam[:-1] * lengths)[:, :, None] * to_modes[:-1])  # each whole piece
        offset = np.einsum("kij,kj->ki", from_modes[:-1], phi(lengths, lam[:-1]) * source[:-1])
        starts_state = np.empty((len(self.starts), 3))
        starts_state[0] = self.steady
        for k in range(len(lengths)):
            starts_state[k + 1] = across[k] @ starts_state[k] + offset[k]

        piece = np.clip(np.searchsorted(self.starts, t, side="right") - 1, 0, None)
        tau = (t - self.starts[piece])[:, None]
        modes = np.einsum("tij,tj->ti", to_modes[piece], starts_state[piece])
        coef = np.exp(lam[piece] * tau) * modes + phi(tau, lam[piece]) * source[piece]
        return np.einsum("tij,tj->it", from_modes[piece], coef)


@dataclass(frozen=True)
class Mobilisation:
    """Blood CD34+ over time for one regimen, and what one apheresis would collect."""

    regimen: str
    days: np.ndarray  # day number; day 1 is the first G-CSF injection
    blood_cd34_per_ul: np.ndarray
    marrow_bound_fraction: np.ndarray  # niche-bound CD34+, as a fraction of the steady-state marrow pool
    marrow_free_fraction: np.ndarray  # free marrow CD34+, as a fraction of the steady-state marrow pool
    steady_cd34_per_ul: float
    collection_day: float
    collection_cd34_per_ul: float
    fold_over_steady_state: float
    unbound_share_at_collection: float  # share of the marrow CD34+ pool out of its niches at apheresis
    peak_cd34_per_ul: float
    peak_day: float
    collected_cd34: float  # cells in the apheresis product
    yield_per_kg: float  # CD34+ cells per kg recipient
    schedule: Schedule

    @property
    def hours(self) -> np.ndarray:
        return self.days * 24

    @property
    def meets_minimum(self) -> bool:
        return self.yield_per_kg >= MINIMUM_YIELD_PER_KG

    @property
    def meets_target(self) -> bool:
        return self.yield_per_kg >= TARGET_YIELD_PER_KG


def _schedule(regimen: str, steady_cd34_per_ul: float, niche_capture_per_day: float, niche_release_per_day: float,
              marrow_egress_per_day: float, blood_exit_per_day: float, marrow_return_per_day: float,
              gcsf_release_fold: float, gcsf_half_days: float, gcsf_expansion_per_day: float,
              plerixafor_release_fold: float, plerixafor_action_hours: float, plerixafor_lead_hours: float,
              collection_day: float) -> Schedule:
    """The rates of each piece. G-CSF runs from day 1 to the collection; its release fold builds up (and after the
    last dose fades) along a Hill curve with half-time ``gcsf_half_days``; plerixafor multiplies release while it acts."""
    end = collection_day + FOLLOW_UP_DAYS
    gcsf = regimen in ("gcsf", "gcsf_plerixafor")
    plerixafor = regimen in ("plerixafor", "gcsf_plerixafor")
    dose = collection_day - plerixafor_lead_hours / 24
    marks = [0.0, collection_day]
    if gcsf:
        marks += list(np.arange(FIRST_DOSE_DAY, end, RAMP_STEP_DAYS))
    if plerixafor:
        marks += [max(dose, 0.0), dose + plerixafor_action_hours / 24]
    starts = np.unique(np.clip(marks, 0.0, end))
    starts = starts[(starts < end - MIN_PIECE_DAYS) & np.insert(np.diff(starts) > MIN_PIECE_DAYS, 0, True)]
    mid = 0.5 * (starts + np.append(starts[1:], end))

    fold = np.ones_like(mid)
    growth = np.zeros_like(mid)
    if gcsf:
        on = (mid >= FIRST_DOSE_DAY) & (mid < collection_day)
        x = ((np.clip(mid, FIRST_DOSE_DAY, collection_day) - FIRST_DOSE_DAY) / gcsf_half_days) ** GCSF_RAMP_STEEPNESS
        loosened = x / (1 + x)
        fading = 0.5 ** (np.maximum(mid - collection_day, 0.0) / gcsf_half_days)
        fold = 1 + (gcsf_release_fold - 1) * loosened * fading
        growth = np.where(on, gcsf_expansion_per_day, 0.0)
    if plerixafor:
        fold = fold * np.where((mid >= dose) & (mid < dose + plerixafor_action_hours / 24), plerixafor_release_fold, 1)

    free = steady_cd34_per_ul * blood_exit_per_day / marrow_egress_per_day
    bound = free * niche_capture_per_day / niche_release_per_day
    return Schedule(starts=starts, release=niche_release_per_day * fold, growth=growth,
                    capture=niche_capture_per_day, egress=marrow_egress_per_day, blood_exit=blood_exit_per_day,
                    marrow_return=marrow_return_per_day, steady=np.array([bound, free, steady_cd34_per_ul]))


@validated(MOBILISE_PARAMS)
def mobilise(*, regimen: str, steady_cd34_per_ul: float, niche_capture_per_day: float, niche_release_per_day: float,
             marrow_egress_per_day: float, blood_exit_per_day: float, marrow_return_per_day: float,
             gcsf_release_fold: float, gcsf_half_days: float, gcsf_expansion_per_day: float,
             plerixafor_release_fold: float, plerixafor_action_hours: float, plerixafor_lead_hours: float,
             collection_day: float, processed_blood_volume_l: float, collection_efficiency: float,
             weight_kg: float) -> Mobilisation:
    """Blood CD34+ cells/uL from day 0 to two days after apheresis, and the apheresis yield in CD34+ cells/kg.

    >>> round(mobilise(regimen="steady_state").collection_cd34_per_ul, 1)
    3.2
    """
    schedule = _schedule(regimen, steady_cd34_per_ul, niche_capture_per_day, niche_release_per_day,
                         marrow_egress_per_day, blood_exit_per_day, marrow_return_per_day, gcsf_release_fold,
                         gcsf_half_days, gcsf_expansion_per_day, plerixafor_release_fold, plerixafor_action_hours,
                         plerixafor_lead_hours, collection_day)
    days = np.linspace(0.0, collection_day + FOLLOW_UP_DAYS, TIME_POINTS)
    state = np.maximum(schedule.solve(np.append(days, collection_day)), 0.0)
    state, (bound_then, free_then, at_collection) = state[:, :-1], state[:, -1]
    blood = state[2]
    marrow = schedule.steady[0] + schedule.steady[1]
    peak = int(np.argmax(blood))
    collected = at_collection * processed_blood_volume_l * 1e6 * collection_efficiency
    return Mobilisation(
        regimen=regimen, days=days, blood_cd34_per_ul=blood,
        marrow_bound_fraction=state[0] / marrow, marrow_free_fraction=state[1] / marrow,
        steady_cd34_per_ul=steady_cd34_per_ul, collection_day=collection_day,
        collection_cd34_per_ul=float(at_collection), fold_over_steady_state=float(at_collection / steady_cd34_per_ul),
        unbound_share_at_collection=float(free_then / max(free_then + bound_then, 1e-300)),
        peak_cd34_per_ul=float(blood[peak]), peak_day=float(days[peak]),
        collected_cd34=float(collected), yield_per_kg=float(collected / weight_kg), schedule=schedule,
    )


# ---------------------------------------------------------------- competition for niches


@dataclass(frozen=True)
class Competition:
    """Host and donor occupancy of HSC niches and of the T-cell space over months after a transplant."""

    host: str
    months: np.ndarray
    donor_niches: np.ndarray  # fraction of all HSC niches held by donor HSCs
    host_niches: np.ndarray  # fraction of all HSC niches held by host HSCs
    hsc_chimerism: np.ndarray  # donor share of occupied niches (0..1)
    donor_t_cells: np.ndarray  # donor T cells, fraction of the normal T-cell pool
    host_t_cells: np.ndarray  # host T cells, fraction of the normal T-cell pool
    t_cell_chimerism: np.ndarray  # donor share of T cells (0..1)
    host_hscs_surviving: float  # share of host HSCs left by conditioning
    emptied_niches: float  # fraction of niches empty after conditioning
    homed_donor_hscs: float  # donor HSCs reaching the marrow, as a fraction of all niches

    @property
    def final_hsc_chimerism(self) -> float:
        return float(self.hsc_chimerism[-1])

    @property
    def final_t_cell_chimerism(self) -> float:
        return float(self.t_cell_chimerism[-1])

    @property
    def split_chimerism(self) -> bool:
        """Donor T cells from a graft (> 50% of T cells) next to mostly host stem cells (< 50% donor)."""
        return self.final_t_cell_chimerism > 0.5 > self.final_hsc_chimerism


def _logistic(start: np.ndarray | float, capacity: float, rate: float, t: np.ndarray) -> np.ndarray:
    """Solution of dy/dt = rate * y * (1 - y / capacity) from ``start`` (0 <= start <= capacity)."""
    if capacity <= 0:
        return np.zeros_like(t)
    share = np.clip(start / capacity, 0.0, 1.0)
    grow = np.exp(-rate * t)
    return capacity * share / np.maximum(share + (1 - share) * grow, 1e-300)


def _split(total: np.ndarray, part: float, other: float) -> tuple[np.ndarray, np.ndarray]:
    """``total`` shared between two sides in the fixed proportion part : other (nothing to share if both are 0)."""
    whole = part + other
    if whole <= 0:
        return np.zeros_like(total), np.zeros_like(total)
    return total * (part / whole), total * (other / whole)


def _ratio(part: np.ndarray, other: np.ndarray) -> np.ndarray:
    total = part + other
    return np.divide(part, total, out=np.zeros_like(total), where=total > 0)


@validated(COMPETE_PARAMS)
def compete(*, conditioning_logs: float, donor_dose: float, homing: float, host: str, hsc_per_million_cd34: float,
            niches_per_kg: float, free_niches: float, niche_refill_per_month: float, graft_t_cells: float,
            scid_host_t_cells: float, t_expansion_per_month: float, months: int) -> Competition:
    """Donor chimerism of HSCs and T cells over ``months`` after conditioning (in logs of host HSCs killed) and a graft.

    Homed donor HSCs lodge in the empty niches at random (Poisson over the empty niches only: a cell landing on an
    empty niche another donor cell already took is lost); then host
    and donor HSCs refill the empty niches at the same per-cell rate, so the donor share of occupied niches is set
    in the first days. T cells: graft T cells expand into the T-cell space the host leaves empty. A donor dose of 0
    means no graft at all, so no graft T cells either.

    >>> round(compete(conditioning_logs=0, donor_dose=5, homing=0).final_hsc_chimerism, 3)
    0.0
    """
    t = np.linspace(0.0, months, MONTH_POINTS)
    surviving = 10.0 ** -conditioning_logs  # share of host HSCs (and host T cells) left by conditioning
    graft_t = graft_t_cells if donor_dose > 0 else 0.0
    host_start = (1 - free_niches) * surviving
    empty = 1 - host_start
    homed = donor_dose * hsc_per_million_cd34 * homing / niches_per_kg
    donor_start = empty * -np.expm1(-homed / empty) if empty > 0 else 0.0

    occupied = _logistic(host_start + donor_start, 1.0, niche_refill_per_month, t)
    donor_niches, host_niches = _split(occupied, donor_start, host_start)

    if host == "scid":  # the host cannot make or expand T cells; graft T cells fill the empty space
        host_t = np.full_like(t, scid_host_t_cells)
        donor_t = _logistic(graft_t, 1 - scid_host_t_cells, t_expansion_per_month, t)
    else:  # conditioning depletes host T cells as it does HSCs; both expand back at the same rate
        t_total = _logistic(graft_t + surviving, 1.0, t_expansion_per_month, t)
        donor_t, host_t = _split(t_total, graft_t, surviving)

    return Competition(
        host=host, months=t, donor_niches=donor_niches, host_niches=host_niches,
        hsc_chimerism=_ratio(donor_niches, host_niches), donor_t_cells=donor_t, host_t_cells=host_t,
        t_cell_chimerism=_ratio(donor_t, host_t), host_hscs_surviving=float(surviving), emptied_niches=float(empty), homed_donor_hscs=float(homed),
    )


# ---------------------------------------------------------------- solver checks


def ode_cases() -> list[OdeCase]:
    """Closed forms against their ODE definitions (see models/ode.py)."""
    cases = []
    for regimen in ("gcsf_plerixafor", "plerixafor"):
        result = mobilise(regimen=regimen)
        schedule = result.schedule
        first_change = schedule.starts[1] if regimen == "plerixafor" else 0.0  # steady state until the dose
        t = np.linspace(first_change, result.days[-1], TIME_POINTS)
        cases.append(OdeCase(name=f"niche.mobilise[{regimen}]", rhs=schedule.rhs, y0=schedule.steady.copy(), t=t,
                             fast=lambda s=schedule, t=t: s.solve(t)))

    def niche_rhs(_t: float, y: np.ndarray, rate: float = PARAMS["niche_refill_per_month"].default) -> np.ndarray:
        empty = 1 - y[0] - y[1]
        return rate / DAYS_PER_MONTH * y * empty

    def niche_fast() -> np.ndarray:
        result = compete(conditioning_logs=2)
        return np.vstack([result.host_niches, result.donor_niches])

    start = compete(conditioning_logs=2)
    cases.append(OdeCase(name="niche.compete[reduced]", rhs=niche_rhs,
                         y0=np.array([start.host_niches[0], start.donor_niches[0]]),
                         t=start.months * DAYS_PER_MONTH, fast=niche_fast))
    return cases
