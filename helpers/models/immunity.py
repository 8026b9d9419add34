"""An infection met by the immune system: which arms clear it, and what happens when one is missing.

A pathogen (organisms, relative) grows logistically and is killed at a rate set by the immune arms present:

    dP/dt = r P (1 - P/K) - k(t) P,
    k(t)  = k_NK + phi(ANC) [k_neut + k_T (T_eff + w_mem T_mem) + k_ab (w_M IgM + IgG + IVIG)],
    phi(ANC) = ANC / (ANC + ANC_half)

The pathogen is bacterium-like: phagocytes kill it, antibodies opsonise it for them and T cells recruit and
activate them, so every arm but NK cells works through phagocytes (and fails with them in marrow failure).

Exposure launches a *programmed* adaptive response (Kaech and Ahmed 2001): a linear chain from antigen presentation
``S`` to proliferating T blasts, effector T cells (which contract, leaving memory), IgM plasmablasts and, through
germinal centres where B cells switch class with CD40L help, IgG plasma cells and memory B cells. The immune arms
obey dx/dt = M x (linear, constant M) between exposures; at a second exposure memory cells re-enter the chain past
the priming steps, so a recall response is faster and larger. Profiles remove arms (X-SCID: T, B function, NK;
XLA: B cells; X-linked hyper-IgM: class switching and half the T help; severe aplastic anaemia: neutrophils);
IVIG adds passive IgG at its trough level.

Outcomes (OUTCOME_MEANINGS): each exposure is followed for a year as if nothing else happened, so its verdict does
not depend on the follow-up shown or on a later exposure: overwhelming if the load crosses the danger line in that
year, cleared if it falls below one organism within ``chronic_after_days``, chronic otherwise.

Solver (semi-analytic, no stepping loop): the linear arms are exact on a fixed grid, x(t_i) = E^i x0 with
E = exp(M h), all powers applied by doubling (log2 N matrix products); the pathogen equation is a Bernoulli equation,
so 1/P has a closed form given the integrated kill rate, evaluated with an exponential quadrature and a
log-sum-exp cumulative sum (no overflow over a year of unchecked growth).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..params import Choice, Param, ParamSet, Scenario, validated
from . import physiology
from .ode import OdeCase

PROFILES = ("healthy", "x_scid", "xla", "x_hyper_igm", "severe_aplastic_anemia")
OUTCOMES = ("cleared", "chronic", "overwhelming")
HORIZON_DAYS = 365  # each exposure is judged over the year after it, as if nothing else happened
OUTCOME_MEANINGS = {
    "cleared": "the load falls below one organism within chronic_after_days of the exposure",
    "chronic": "still present chronic_after_days after the exposure, and never past the danger line in the year "
               "after it (it may still fade out later)",
    "overwhelming": "the load crosses the danger line (a share of the room the pathogen has) within a year",
}
_GENERAL = "general knowledge (textbook immunology)"
_TOY = "model assumption, tuned so the profiles give their textbook outcomes"

PARAMS = ParamSet(
    Choice("profile", "healthy", PROFILES,
           "which arm is missing: X-SCID (IL2RG: no T, no working B, no NK), XLA (BTK: no B cells), X-linked "
           "hyper-IgM (CD40L: IgM but no class switch, impaired T help), severe aplastic anaemia (few neutrophils)",
           "Dvorak et al. 2023, JACI 151:539; ESID criteria; Levy et al. 1997, J Pediatr 131:47; BSH 2016",
           option_labels=("healthy", "X-SCID", "XLA", "X-linked hyper-IgM", "severe aplastic anaemia")),
    Choice("ivig", "off", ("off", "on"), "immunoglobulin replacement: passive IgG at its trough level",
           "Lee et al. 2020, J Clin Immunol 40:682", label="IVIG"),
    Param("ivig_trough_igg_g_per_l", 8.0, 3.0, 15.0, "g/L", "trough IgG on IVIG (400-600 mg/kg every 3-4 weeks)",
          "Liese et al. 1992; Lee et al. 2020, J Clin Immunol 40:682", step=0.5, label="IVIG trough IgG"),
    Param("growth_per_day", 2.0, 0.5, 4.0, "/day", "pathogen growth rate without immunity (2/day: doubling "
          "every ~8 h)", _TOY, step=0.05, label="pathogen growth rate"),
    Param("inoculum", 1e3, 1.0, 1e6, "organisms", "pathogen load at each exposure", _TOY, log=True),
    Param("days", 90, 10, 365, "days", "how long to follow the infection", "teaching choice", integer=True,
          step=5, label="follow for"),
    Param("second_exposure_day", 45, 0, 365, "day", "day of a second exposure to the same pathogen "
          "(0 = none)", "teaching choice", integer=True, step=1, label="second exposure on day"),
    physiology.NORMAL_ANC,
    Param("aplastic_anc_1e9_per_l", 0.15, 0.05, 0.5, "1e9/L", "ANC in severe aplastic anaemia (< 0.5e9/L; very "
          "severe < 0.2e9/L)", "modified Camitta criteria (BSH guideline 2016)", step=0.01,
          label="ANC in aplastic anaemia"),
    Param("anc_half_kill_1e9_per_l", 1.0, 0.2, 3.0, "1e9/L", "ANC at which phagocytic killing is half its "
          "maximum (infection risk rises steeply below 1e9/L)", "Bodey et al. 1966, Ann Intern Med 64:328"),
    Param("pathogen_capacity", 1e9, 1e7, 1e11, "organisms", "load at which the pathogen runs out of room (K)",
          _TOY, log=True),
    Param("chronic_after_days", 60, 30, 180, "days", "an exposure whose load falls below one organism within "
          "this many days is cleared; one still present then, and never past the danger line in the year after the "
          "exposure, is chronic", "teaching definition",
          integer=True),
    Param("overwhelming_fraction", 0.4, 0.05, 0.9, "x capacity", "a load above this share of K counts as an "
          "overwhelming (life-threatening) infection", _TOY),
    Param("neutrophil_kill_per_day", 1.0, 0.0, 5.0, "/day", "killing by neutrophils at full phagocyte function",
          _TOY),
    Param("nk_kill_per_day", 0.4, 0.0, 3.0, "/day", "killing by NK cells (absent in IL2RG X-SCID)", _TOY),
    Param("t_cell_kill_per_day", 1.0, 0.0, 8.0, "/day", "killing by effector T cells at a healthy primary peak",
          _TOY),
    Param("memory_t_kill_weight", 0.4, 0.0, 1.0, "x effector", "killing by resting memory T cells per unit, "
          "relative to effector T cells", _TOY),
    Param("antibody_kill_per_day", 2.0, 0.0, 8.0, "/day", "opsonic killing by antibody at a healthy primary "
          "IgG peak (normal serum IgG, 10 g/L, counts as 1)", _TOY),
    Param("igm_weight", 0.6, 0.0, 1.0, "x IgG", "opsonic strength of IgM per unit relative to IgG", _TOY),
    Param("hyper_igm_t_help", 0.5, 0.0, 1.0, "x healthy", "T-cell response without CD40L (no licensing of "
          "dendritic cells)", "modelling choice: no study gives a number; the direction follows the opportunistic "
          "infections (Pneumocystis, Cryptosporidium) of X-linked hyper-IgM (Levy et al. 1997, J Pediatr 131:47)"),
    Param("antigen_transport_per_day", 0.7, 0.5, 2.0, "/day", "antigen carried from the site of infection to "
          "the lymph node", _GENERAL),
    Param("antigen_presentation_per_day", 0.5, 0.3, 1.5, "/day", "decay of antigen presentation in the lymph "
          "node", _GENERAL),
    Param("t_priming_per_day", 0.35, 0.2, 0.6, "/day", "T blasts becoming effectors (effectors peak ~day 7-9)",
          "Kaech and Ahmed 2001, Nat Immunol 2:415"),
    Param("t_contraction_per_day", 0.3, 0.15, 0.5, "/day", "effector T-cell contraction after the peak",
          "Kaech and Ahmed 2001, Nat Immunol 2:415"),
    Param("memory_fraction", 0.1, 0.02, 0.2, "of effectors", "contracting effectors that become memory (5-10%)",
          "Kaech and Ahmed 2001, Nat Immunol 2:415"),
    Param("plasmablast_loss_per_day", 0.35, 0.2, 0.6, "/day", "loss of short-lived IgM plasmablasts", _GENERAL),
    Param("igm_decay_per_day", 0.14, 0.1, 0.2, "/day", "IgM clearance (half-life ~5 days)", _GENERAL),
    Param("class_switch_per_day", 0.17, 0.08, 0.3, "/day", "germinal-centre B cells switching to IgG plasma "
          "cells (needs CD40L)", _GENERAL),
    Param("plasma_cell_loss_per_day", 0.08, 0.03, 0.15, "/day", "loss of IgG plasma cells", _GENERAL),
    Param("igg_decay_per_day", 0.033, 0.023, 0.046, "/day", "IgG clearance (half-life ~21 days)", _GENERAL),
    Param("memory_loss_per_day", 0.002, 0.001, 0.005, "/day", "loss of memory T and B cells (years)", _GENERAL),
    Param("recall_t", 1.0, 1.0, 10.0, "x", "T blasts launched per unit of memory T at re-exposure", _TOY),
    Param("recall_b", 3.0, 1.0, 10.0, "x", "IgG plasma cells launched per unit of memory B at re-exposure", _TOY),
)

SCENARIOS = PARAMS.scenarios({
    "healthy": Scenario("every immune arm working", profile="healthy"),
    "X-SCID": Scenario("no T cells and no working B cells (IL2RG); NK cells missing too", profile="x_scid"),
    "XLA": Scenario("no B cells, so no antibodies (BTK); T cells and neutrophils work", profile="xla"),
    "XLA on IVIG": Scenario("XLA with monthly donor IgG replacing the missing antibodies", profile="xla", ivig="on"),
    "hyper-IgM": Scenario("IgM but no class switch to IgG (CD40L on T cells)", profile="x_hyper_igm"),
    "aplastic anaemia": Scenario("an empty marrow: very few neutrophils", profile="severe_aplastic_anemia"),
})

STEP_DAYS = 1 / 32  # the fine grid (exact in binary, so integer exposure days fall on it)
STATES = ("antigen", "presented", "t_blasts", "t_effector", "t_memory", "igm_plasmablasts", "igm", "germinal_centre",
          "igg_plasma_cells", "igg", "b_memory")
_I = {name: i for i, name in enumerate(STATES)}
EXTINCT_BELOW = 1.0  # organisms: below one organism the pathogen is gone
NORMAL_SERUM_IGG_G_PER_L = 10.0  # counts as one unit of protective IgG (adult 7-16 g/L, general knowledge)


@dataclass(frozen=True)
class InfectionCourse:
    """Pathogen and immune arms over days. Immune arms in relative units (healthy primary peak = 1)."""

    profile: str
    days: np.ndarray  # days since the first exposure
    pathogen: np.ndarray  # organisms
    neutrophils: np.ndarray  # ANC, 1e9/L
    neutrophils_vs_normal: np.ndarray  # ANC relative to a healthy person's (1 = normal)
    t_cells: np.ndarray  # effector T cells
    memory_t_cells: np.ndarray
    igm: np.ndarray
    igg: np.ndarray  # the patient's own IgG
    ivig_igg: np.ndarray  # passive IgG from IVIG (same units)
    kill_per_day: np.ndarray  # total killing rate k(t), /day
    growth_per_day: float
    overwhelming_load: float  # organisms: the danger line
    chronic_after_days: int  # each exposure's outcome is judged over this many days after it
    outcome: str  # first exposure, judged alone: "cleared", "chronic" or "overwhelming" (see OUTCOME_MEANINGS)
    clearance_day: float | None  # days from the first exposure until the load falls below one organism (if ever)
    overwhelming_day: float | None  # days from the first exposure to the danger line
    outcome_decided_day: float  # when the first exposure's outcome was settled (clearance, danger line or a year)
    peak_load: float  # organisms: highest load after the first exposure, up to the second one (or the end)
    second_exposure_day: int | None
    second_outcome: str | None
    second_clearance_days: float | None  # days from the second exposure until below one organism (if ever)
    second_overwhelming_days: float | None  # days from the second exposure to the danger line
    second_peak_load: float | None  # organisms: highest load from the second exposure to the end
    load_at_second_exposure: float | None  # organisms already there: > 0 means a re-dose on a persisting infection

    @property
    def outcome_interrupted(self) -> bool:
        """True when the second exposure came before the first exposure's outcome was settled: ``outcome`` then says
        what the first exposure would have done alone, not what the course shown does."""
        return self.second_exposure_day is not None and self.outcome_decided_day > self.second_exposure_day

    def verdict(self, exposure: int = 1) -> str:
        """Exposure 1's or 2's outcome with the time, counted from that exposure, that decided it: 'cleared in 11.0
        days', 'overwhelming after 12 days' ('overwhelming already' when the load was past the danger line at the
        exposure), 'chronic (still there after 60 days)' or 'chronic (fades out only after 86 days)'; '-' for a second
        exposure that did not happen."""
        if exposure not in (1, 2):
            raise ValueError(f"exposure={exposure!r} is not a valid choice; choose 1 or 2")
        if exposure == 2 and self.second_outcome is None:
            return "-"
        outcome, clearance, crossing = ((self.outcome, self.clearance_day, self.overwhelming_day) if exposure == 1
                                        else (self.second_outcome, self.second_clearance_days,
                                              self.second_overwhelming_days))
        if outcome == "cleared":
            return f"cleared in {clearance:.1f} days"
        if outcome == "overwhelming":
            return f"overwhelming after {crossing:.0f} days" if crossing else "overwhelming already"
        if clearance is not None:
            return f"chronic (fades out only after {clearance:.0f} days)"
        return f"chronic (still there after {self.chronic_after_days} days)"


@dataclass(frozen=True)
class _System:
    """One profile's linear immune dynamics and how the arms kill."""

    matrix: np.ndarray  # dx/dt = matrix @ x, per day
    kill: np.ndarray  # kill rate per unit of each state, /day
    constant_kill: float  # innate and passive killing, /day
    priming: np.ndarray  # added to x at every exposure
    recall: np.ndarray  # x -> x + recall @ x at every exposure (memory re-entering the chain)
    growth: float  # /day
    capacity: float  # organisms
    anc: float  # 1e9/L
    ivig: float  # passive IgG, units of normal serum IgG

    def rhs(self, _t: float, y: np.ndarray) -> np.ndarray:
        """The model's definition: y = [pathogen, immune states...], per day."""
        load, arms = y[0], y[1:]
        kill = self.constant_kill + self.kill @ arms
        return np.concatenate(([self.growth * load * (1 - load / self.capacity) - kill * load], self.matrix @ arms))


def _expm(matrix: np.ndarray) -> np.ndarray:
    """exp(matrix) by scaling and squaring with a Taylor series (matrices here are small and mildly scaled)."""
    norm = np.abs(matrix).sum(axis=0).max()
    squarings = max(0, math.ceil(math.log2(norm / 0.25))) if norm > 0.25 else 0
    scaled = matrix / 2**squarings
    result = term = np.eye(len(matrix))
    for order in range(1, 13):
        term = term @ scaled / order
        result = result + term
    for _ in range(squarings):
        result = result @ result
    return result


def _powers_applied(step: np.ndarray, start: np.ndarray, steps: int) -> np.ndarray:
    """[start, step @ start, step^2 @ start, ...] as columns, by doubling: log2(steps) matrix products."""
    out = np.empty((len(start), steps + 1))
    out[:, 0] = start
    filled, power = 1, step
    while filled <= steps:
        count = min(filled, steps + 1 - filled)
        out[:, filled:filled + count] = power @ out[:, :count]
        filled += count
        power = power @ power
    return out


def _log_expm1_ratio(x: np.ndarray) -> np.ndarray:
    """log((e^x - 1) / x), exact at x = 0 (the exponential-quadrature weight of one step)."""
    safe = np.where(x == 0, 1.0, x)
    return np.where(np.abs(x) < 1e-8, x / 2, np.log(np.expm1(safe) / safe))


def _solve_segment(system: _System, arms0: np.ndarray, load0: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Pathogen (organisms) and immune arms on the fine grid over ``steps`` steps, from one exposure on."""
    n = len(arms0)
    augmented = np.zeros((n + 1, n + 1))
    augmented[:n, :n] = system.matrix
    augmented[n, :n] = system.kill  # last state integrates kill @ x
    trajectory = _powers_applied(_expm(augmented * STEP_DAYS), np.append(arms0, 0.0), steps)
    arms, integrated_kill = trajectory[:n], trajectory[n]
    elapsed = np.arange(steps + 1) * STEP_DAYS
    # net log-growth A(t) = integral of (r - k); 1/P = e^-A / P0 + (r/K) integral_0^t e^(A(s) - A(t)) ds
    net = (system.growth - system.constant_kill) * elapsed - integrated_kill
    increments = net[:-1] + math.log(STEP_DAYS) + _log_expm1_ratio(np.diff(net))
    log_integral = np.logaddexp.accumulate(np.concatenate(([-np.inf], increments)))
    log_inverse = np.logaddexp(-math.log(load0) - net, math.log(system.growth / system.capacity) + log_integral - net)
    return np.exp(-log_inverse), arms


def _unit_response(matrix: np.ndarray, priming: np.ndarray, days: float = 120) -> np.ndarray:
    steps = int(days / STEP_DAYS)
    return _powers_applied(_expm(matrix * STEP_DAYS), priming, steps)


def _linear_dynamics(values: dict) -> np.ndarray:
    """The immune chain dx/dt = M x with unit launch rates (M[i, j]: flow into i per unit of j, per day)."""
    matrix = np.zeros((len(STATES), len(STATES)))

    def flow(into: str, source: str, rate: float) -> None:
        matrix[_I[into], _I[source]] += rate

    presentation, priming = values["antigen_presentation_per_day"], values["t_priming_per_day"]
    contraction, switch = values["t_contraction_per_day"], values["class_switch_per_day"]
    flow("antigen", "antigen", -values["antigen_transport_per_day"])
    flow("presented", "antigen", values["antigen_transport_per_day"])
    flow("presented", "presented", -presentation)
    flow("t_blasts", "presented", 1.0)
    flow("t_blasts", "t_blasts", -priming)
    flow("t_effector", "t_blasts", priming)
    flow("t_effector", "t_effector", -contraction)
    flow("t_memory", "t_effector", values["memory_fraction"] * contraction)
    flow("t_memory", "t_memory", -values["memory_loss_per_day"])
    flow("igm_plasmablasts", "presented", 1.0)
    flow("igm_plasmablasts", "igm_plasmablasts", -values["plasmablast_loss_per_day"])
    flow("igm", "igm_plasmablasts", 1.0)
    flow("igm", "igm", -values["igm_decay_per_day"])
    flow("germinal_centre", "presented", 1.0)
    flow("germinal_centre", "germinal_centre", -switch)
    flow("igg_plasma_cells", "germinal_centre", switch)
    flow("igg_plasma_cells", "igg_plasma_cells", -values["plasma_cell_loss_per_day"])
    flow("igg", "igg_plasma_cells", 1.0)
    flow("igg", "igg", -values["igg_decay_per_day"])
    flow("b_memory", "germinal_centre", switch)
    flow("b_memory", "b_memory", -values["memory_loss_per_day"])
    return matrix


def _default_scale() -> np.ndarray:
    """Units in which a healthy primary response at the default rates peaks at 1 (effector T, IgM, IgG) or plateaus
    at 1 (memory). Other rates keep these units, so a slower contraction, say, shows as a peak above 1."""
    priming = np.zeros(len(STATES))
    priming[_I["antigen"]] = 1.0
    response = _unit_response(_linear_dynamics(PARAMS.defaults()), priming)
    scale = np.ones(len(STATES))
    for state in ("t_effector", "igm", "igg", "t_memory", "b_memory"):
        scale[_I[state]] = 1.0 / response[_I[state]].max()
    return scale


_SCALE = _default_scale()


def _healthy_dynamics(values: dict) -> np.ndarray:
    """The immune chain for these rates, in the units of :func:`_default_scale`."""
    return _SCALE[:, None] * _linear_dynamics(values) / _SCALE[None, :]


def _system(profile: str, ivig: str, values: dict) -> _System:
    n = len(STATES)
    matrix = _healthy_dynamics(values)
    knocked_out: list[str] = []
    t_help = 1.0
    nk = values["nk_kill_per_day"]
    anc = values["normal_anc_1e9_per_l"]
    if profile == "x_scid":
        knocked_out = ["t_blasts", "igm_plasmablasts", "germinal_centre"]
        nk = 0.0
    elif profile == "xla":
        knocked_out = ["igm_plasmablasts", "germinal_centre"]
    elif profile == "x_hyper_igm":
        knocked_out = ["germinal_centre"]
        t_help = values["hyper_igm_t_help"]
    elif profile == "severe_aplastic_anemia":
        anc = values["aplastic_anc_1e9_per_l"]
    for state in knocked_out:  # no launch from presented antigen into a missing arm
        matrix[_I[state], _I["presented"]] = 0.0
    matrix[_I["t_blasts"], _I["presented"]] *= t_help
    phagocytes = anc / (anc + values["anc_half_kill_1e9_per_l"])
    passive = values["ivig_trough_igg_g_per_l"] / NORMAL_SERUM_IGG_G_PER_L if ivig == "on" else 0.0
    antibody = values["antibody_kill_per_day"] * phagocytes
    t_cells = values["t_cell_kill_per_day"] * phagocytes
    kill = np.zeros(n)
    kill[_I["t_effector"]] = t_cells
    kill[_I["t_memory"]] = t_cells * values["memory_t_kill_weight"]
    kill[_I["igm"]] = antibody * values["igm_weight"]
    kill[_I["igg"]] = antibody
    priming = np.zeros(n)
    priming[_I["antigen"]] = 1.0
    recall = np.zeros((n, n))
    recall[_I["t_blasts"], _I["t_memory"]] = values["recall_t"] * t_help
    recall[_I["igg_plasma_cells"], _I["b_memory"]] = values["recall_b"]
    return _System(matrix=matrix, kill=kill, constant_kill=values["neutrophil_kill_per_day"] * phagocytes + nk
                   + antibody * passive, priming=priming, recall=recall, growth=values["growth_per_day"],
                   capacity=values["pathogen_capacity"], anc=anc, ivig=passive)


def _episode(load: np.ndarray, threshold: float, window: int) -> tuple[str, float | None, float | None, np.ndarray]:
    """One exposure's outcome from its load over the judging horizon (see OUTCOME_MEANINGS; ``window`` in fine
    steps), the days to clearance and to the danger line (or None), and the load with extinction applied (0 from
    the first time it falls below one organism)."""
    above = np.flatnonzero(load >= threshold)
    gone = np.flatnonzero(load < EXTINCT_BELOW)
    if gone.size:
        above = above[above < gone[0]]
        load = load.copy()
        load[gone[0]:] = 0.0
    clearance = float(gone[0] * STEP_DAYS) if gone.size else None
    crossing = float(above[0] * STEP_DAYS) if above.size else None
    if crossing is not None:
        return "overwhelming", clearance, crossing, load
    return ("cleared" if gone.size and gone[0] <= window else "chronic"), clearance, None, load


def _output_stride(days: int) -> int:
    """Fine steps per plotted point: every 1/8, 1/4, 1/2 or 1 day, so at most ~365 points and exposure days on it."""
    for per_day in (8, 4, 2):
        if days * per_day <= 300:
            return round(1 / STEP_DAYS) // per_day
    return round(1 / STEP_DAYS)


def _decided(load: np.ndarray, threshold: float, horizon: int) -> bool:
    """Whether a load course already settles its episode's outcome: it fell below one organism or crossed the danger
    line (whatever follows, the first of these decides), or it covers the whole judging horizon."""
    return len(load) > horizon or bool(np.any(load < EXTINCT_BELOW)) or bool(np.any(load >= threshold))


@dataclass(frozen=True)
class _Episode:
    outcome: str
    clearance_days: float | None  # days from its exposure to clearance
    overwhelming_days: float | None  # days from its exposure to the danger line
    peak_load: float  # organisms, over the part of the course shown
    starting_load: float  # organisms already present when the exposure comes (a re-dose on a persisting infection)

    @property
    def decided_days(self) -> float:
        """Days from its exposure until its outcome was settled: the danger line, clearance (or a late fade-out), or
        for a chronic infection that never fades, the end of its judging year."""
        if self.overwhelming_days is not None:
            return self.overwhelming_days
        return self.clearance_days if self.clearance_days is not None else float(HORIZON_DAYS)


def _run(system: _System, values: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[_Episode]]:
    """Fine-grid pathogen (with extinction) and arms over the course shown, and each exposure's episode.

    Each episode is judged over HORIZON_DAYS from its exposure as if nothing else happened (its segment is solved
    that far, past a later exposure or the end of follow-up), so an outcome never depends on how long the plot
    follows the course or on when the next exposure comes.
    """
    days, second = values["days"], values["second_exposure_day"]
    steps_per_day = round(1 / STEP_DAYS)
    window = values["chronic_after_days"] * steps_per_day
    horizon = HORIZON_DAYS * steps_per_day
    bounds = [0, second * steps_per_day, days * steps_per_day] if 0 < second < days else [0, days * steps_per_day]
    t = np.arange(bounds[-1] + 1) * STEP_DAYS
    threshold = values["overwhelming_fraction"] * system.capacity
    arms = np.zeros(len(STATES))
    load, loads, arm_parts, episodes = 0.0, [], [], []
    for start, stop in zip(bounds[:-1], bounds[1:]):
        shown = stop - start
        arms = arms + system.priming + system.recall @ arms
        seg_load, seg_arms = _solve_segment(system, arms, load + values["inoculum"], shown)
        judged = seg_load
        if not _decided(seg_load, threshold, horizon):  # follow it on, unseen, until the outcome is known
            later, _ = _solve_segment(system, seg_arms[:, -1], float(seg_load[-1]), horizon - shown)
            judged = np.concatenate((seg_load, later[1:]))
        outcome, clearance, crossing, judged = _episode(judged, threshold, window)
        seg_load = judged[:shown + 1]
        episodes.append(_Episode(outcome, clearance, crossing, float(seg_load.max()), load))
        load, arms = seg_load[-1], seg_arms[:, -1]
        keep = shown + 1 if stop == bounds[-1] else shown
        loads.append(seg_load[:keep])
        arm_parts.append(seg_arms[:, :keep])
    return t, np.concatenate(loads), np.concatenate(arm_parts, axis=1), episodes


@validated(PARAMS)
def simulate_infection(*, profile: str, ivig: str, ivig_trough_igg_g_per_l: float, growth_per_day: float,
                       inoculum: float, days: int, second_exposure_day: int, normal_anc_1e9_per_l: float,
                       aplastic_anc_1e9_per_l: float, anc_half_kill_1e9_per_l: float, pathogen_capacity: float,
                       chronic_after_days: int, overwhelming_fraction: float, neutrophil_kill_per_day: float,
                       nk_kill_per_day: float, t_cell_kill_per_day: float, memory_t_kill_weight: float,
                       antibody_kill_per_day: float, igm_weight: float, hyper_igm_t_help: float,
                       antigen_transport_per_day: float, antigen_presentation_per_day: float,
                       t_priming_per_day: float, t_contraction_per_day: float, memory_fraction: float,
                       plasmablast_loss_per_day: float, igm_decay_per_day: float, class_switch_per_day: float,
                       plasma_cell_loss_per_day: float, igg_decay_per_day: float, memory_loss_per_day: float,
                       recall_t: float, recall_b: float) -> InfectionCourse:
    """Pathogen load and immune arms over ``days`` after an exposure on day 0 (and another on ``second_exposure_day``).

    >>> simulate_infection(profile="healthy").verdict()
    'cleared in 11.0 days'
    """
    values = dict(locals())  # every parameter, by name (nothing else is defined yet)
    system = _system(profile, ivig, values)
    t, load, arms, episodes = _run(system, values)
    pick = slice(None, None, _output_stride(days))
    arms = np.maximum(arms[:, pick], 0.0)  # exact solutions are >= 0; clip round-off at 1e-17
    kill = system.constant_kill + system.kill @ arms
    has_second = 0 < second_exposure_day < days
    first = episodes[0]
    second = episodes[1] if has_second else None
    return InfectionCourse(
        profile=profile, days=t[pick], pathogen=load[pick], neutrophils=np.full(kill.shape, system.anc),
        neutrophils_vs_normal=np.full(kill.shape, system.anc / normal_anc_1e9_per_l),
        t_cells=arms[_I["t_effector"]], memory_t_cells=arms[_I["t_memory"]], igm=arms[_I["igm"]],
        igg=arms[_I["igg"]], ivig_igg=np.full(kill.shape, system.ivig), kill_per_day=kill,
        growth_per_day=growth_per_day, overwhelming_load=overwhelming_fraction * system.capacity,
        chronic_after_days=chronic_after_days, outcome=first.outcome, clearance_day=first.clearance_days,
        overwhelming_day=first.overwhelming_days, outcome_decided_day=first.decided_days, peak_load=first.peak_load,
        second_exposure_day=second_exposure_day if has_second else None,
        second_outcome=second and second.outcome, second_clearance_days=second and second.clearance_days,
        second_overwhelming_days=second and second.overwhelming_days,
        second_peak_load=second and second.peak_load, load_at_second_exposure=second and second.starting_load,
    )


def ode_cases() -> list[OdeCase]:
    """Primary infections in several profiles and a healthy recall response, each against the model's definition."""
    cases = []
    for profile, ivig in (("healthy", "off"), ("xla", "off"), ("xla", "on"), ("severe_aplastic_anemia", "off"),
                          ("x_hyper_igm", "off")):
        values = {**PARAMS.defaults(), "days": 40, "second_exposure_day": 0}
        system = _system(profile, ivig, values)
        arms0 = system.priming.copy()
        steps = values["days"] * round(1 / STEP_DAYS)
        pick = slice(None, None, _output_stride(values["days"]))
        t = (np.arange(steps + 1) * STEP_DAYS)[pick]

        def fast(system=system, arms0=arms0, steps=steps, pick=pick, load0=values["inoculum"]) -> np.ndarray:
            load, arms = _solve_segment(system, arms0, load0, steps)
            return np.vstack((load, arms))[:, pick]

        cases.append(OdeCase(name=f"immunity.{profile}{'+ivig' if ivig == 'on' else ''}", rhs=system.rhs,
                             y0=np.append(values["inoculum"], arms0), t=t, fast=fast))
    # recall: a healthy person re-exposed on day 45, from the state the model carries to that day
    values = {**PARAMS.defaults(), "days": 45, "second_exposure_day": 0}
    system = _system("healthy", "off", values)
    _, _, arms, _ = _run(system, values)
    arms0 = arms[:, -1] + system.priming + system.recall @ arms[:, -1]
    steps = 30 * round(1 / STEP_DAYS)
    pick = slice(None, None, _output_stride(30))

    def recall_fast() -> np.ndarray:
        load, recall_arms = _solve_segment(system, arms0, values["inoculum"], steps)
        return np.vstack((load, recall_arms))[:, pick]

    cases.append(OdeCase(name="immunity.healthy_recall", rhs=system.rhs, y0=np.append(values["inoculum"], arms0),
                         t=(np.arange(steps + 1) * STEP_DAYS)[pick], fast=recall_fast))
    return cases
