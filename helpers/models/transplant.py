"""Transplantation as NumPy: from a graft to neutrophil and platelet engraftment, with toy risks and chimerism.

Time runs in days from the infusion (day 0); the curves start on day -7, when conditioning begins. The toy kills the
host's marrow at once on day -5 (conditioning runs from day -7 to about day -2), in logs as in notebook 03: none 0,
reduced intensity 2, myeloablative 4 logs of host stem cells.

Marrow. The host cells that survived conditioning (s) and the donor stem cells that homed (x0) share the emptied
marrow and grow at the same per-cell rate r (a logistic, as in ``niche.compete``), so the host : donor split stays
fixed at s : x0. Those starting shares ARE ``niche.compete(...)``'s (homed donor stem cells per niche from the CD34+
dose and the source's repopulating cells per CD34+ cell; host cells surviving conditioning), so the final donor
chimerism equals notebook 03's. The regrowing marrow's output reaches the blood after a source-specific delay D
(homing, lodging and the first rounds of progenitor expansion: shortest for mobilised blood, rich in committed
progenitors; longest for cord blood); until then only the survivors make blood. The toy restarts the whole marrow
after D, host survivors included, so a larger dose or a gentler conditioning never slows recovery.

Blood. A count follows the marrow output of the last W days: neutrophils drain from a ~6-day post-mitotic marrow pool,
platelets live ~9 days. The output is 1 (normal) before the kill, s from the kill to day D, then
N(u) = 1 / (1 + (1/N0 - 1) exp(-r (u - D))) with N0 = s + x0, whose integral is G = ln(1 + N0 (e^{r(u-D)} - 1)) / r.
With K the antiderivative of that output,

    ANC(t) = ANC_normal * (K(t) - K(t - W)) / W,

and likewise platelets with their own W and D. Donor chimerism is the donor's part of the same sum. All of it is
closed form over every time point at once; no ODE is stepped.

Engraftment follows the CIBMTR rules on whole days after the count has first fallen below the threshold: neutrophils
on the first of 3 consecutive days with ANC >= 0.5e9/L, platelets on the first of 3 consecutive days >= 20e9/L with no
platelet transfusion in the previous 7 days. The toy gives no transfusions, so that 7-day transfusion-free condition
holds trivially and both rules have the same shape.

Risks (graft failure, grade II-IV acute GVHD) are logistic functions of a sum of log-odds: a baseline for mobilised
blood from a matched sibling after myeloablative conditioning, plus a term for each departure from it. The
directions come from the literature (cited per term); the sizes are teaching assumptions, right in order of magnitude.

What the toy leaves out, and where it breaks:
- The ANC and platelet curves show a graft that engrafts. Graft failure is a separate probability; the curves never
  show a failing graft, nor a rejection by host T cells, nor the host's own recovery after a failure.
- No transfusions, G-CSF after transplant, infections, drugs (methotrexate delays engraftment), or GVHD acting back
  on counts. Red cells and lymphocytes are not modelled (see notebook 05 for immune reconstitution).
- One donor; double cord units, T-cell depletion, post-transplant cyclophosphamide and ATG are not options.
  Haploidentical risks assume standard prophylaxis without post-transplant cyclophosphamide, which today's haplo
  transplants use and which brings their GVHD close to matched unrelated donors.
- Chronic GVHD (more with mobilised blood) and survival are left out; acute GVHD is a single probability.
- Dose acts through the number of cells that home (log-dose: each doubling gains at most ln 2 / r days, ~1.5, at
  low doses; about 1 day in the usual range, where the regrowth is already leaving its exponential phase); at very
  high doses engraftment saturates at the source's delay. Reduced intensity (2 logs) still empties 99% of the marrow, so
  its aplasia is only a little shorter than after myeloablation; regimens that barely dent counts are closer to none.
  Host survivors never recover on their own (no autologous recovery), and mixed chimerism stays fixed: in patients
  donor T cells (and donor lymphocyte infusions) often convert it to full donor chimerism over months.
- Outside the slider ranges the numbers mean nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Choice, Param, ParamSet, Scenario, validated
from . import course, niche, physiology
from .neutropenia import infection_risk

CHAMPLIN = "Champlin et al. 2000, Blood 95:3702"
BARKER = "Barker et al. 2005, Blood 105:1343"
BALLEN = "Ballen et al. 2007, Biol Blood Marrow Transplant 13:82"
OLSSON = "Olsson et al. 2013, Bone Marrow Transplant 48:537"
WANG = "Wang, Doedens and Dick 1997, Blood 89:3919"
BRUNSTEIN = "Brunstein et al. 2010, Blood 116:4693"
TO = niche.TO

SOURCES = ("peripheral_blood", "bone_marrow", "cord_blood")
DONORS = ("autologous", "matched_sibling", "matched_unrelated", "mismatched_unrelated", "haploidentical")
CONDITIONINGS = ("none", "reduced", "myeloablative")

MINIMUM_CD34_PER_KG = niche.MINIMUM_YIELD_PER_KG  # 2e6/kg (To 2011)
TARGET_CD34_PER_KG = niche.TARGET_YIELD_PER_KG  # 5e6/kg: faster platelet recovery (To 2011)
# What each source typically delivers: mobilised blood at the target, marrow ~2-3e6/kg, and one cord unit of
# 2.5e7 nucleated cells/kg, the single-unit dose below which engraftment is poor (Brunstein 2010, introduction; Barker
# 2005's median 3.5e7/kg was two units together, ~1.75e7/kg each). The toy assumes 1% of cord nucleated cells are
# CD34+ (a round teaching figure: in 1,309 units Mazzocchetti 2014 found a median 1.47e6 CD34+ among 6.97e8 nucleated
# cells, 0.2%, so real cord CD34+ doses per kg are lower still).
CORD_NUCLEATED_PER_KG = 2.5e7
CORD_CD34_SHARE_ASSUMED = 0.01
MAZZOCCHETTI_CORD_CD34_SHARE = 1.47e6 / 6.97e8  # median CD34+ / median nucleated cells per unit (Mazzocchetti 2014)
TYPICAL_CD34_PER_KG = {"peripheral_blood": 5e6, "bone_marrow": 2.5e6,
                       "cord_blood": CORD_NUCLEATED_PER_KG * CORD_CD34_SHARE_ASSUMED}
# Repopulating cells (SCID-repopulating cells, counted after intravenous injection) per CD34+ cell: Wang 1997 found
# 1 per 6.0e6 mononuclear cells in mobilised blood, 1 per 3.0e6 in marrow, 1 per 9.3e5 in cord blood (counted per
# mononuclear cell). Turning that into a count per CD34+ cell ASSUMES ~1% of mononuclear cells are CD34+ in every source
# (a round figure; the real share differs between sources). Divided by the 5% homing, this is niche.compete's
# hsc_per_million_cd34.
CD34_SHARE_OF_MNC = niche.CD34_SHARE_OF_MOBILISED_MNC
REPOPULATING_PER_CD34 = {"peripheral_blood": 1 / 6.0e6 / CD34_SHARE_OF_MNC,
                         "bone_marrow": 1 / 3.0e6 / CD34_SHARE_OF_MNC,
                         "cord_blood": 1 / 9.3e5 / CD34_SHARE_OF_MNC}
CONDITIONING_LOGS = {"none": 0.0, "reduced": 2.0, "myeloablative": 4.0}  # niche.compete's toy scale

# Log-odds added to each risk's baseline (mobilised blood, matched sibling, myeloablative): teaching assumptions.
# Graft failure: Olsson 2013 counted 54 failures in 967 transplants (5.6%), most of them (43) autologous
# reconstitution after engraftment and only 6 primary failures; his risk factors were ex-vivo T-cell depletion
# (relative risk 8.8), HLA mismatch (7.6), non-malignant disease (3.3) and reduced intensity (2.6). The toy's mismatch
# terms are smaller (a teaching assumption) so that a typical mismatched single cord graft stays in the order of 10-20%
# (a teaching figure; single-unit cord grafts fail more often than adult grafts). Mobilised blood fails less than
# marrow (calibration.md, claims to avoid); low cell doses fail more (To 2011; cord: Barker 2005, introduction).
# Autologous grafts are not rejected.
FAILURE_LOG_ODDS = {
    "source": {"peripheral_blood": 0.0, "bone_marrow": 0.4, "cord_blood": 0.3},
    "donor": {"autologous": -1.5, "matched_sibling": 0.0, "matched_unrelated": 0.4, "mismatched_unrelated": 1.0,
              "haploidentical": 1.6},
    # a host immune system left standing rejects an allogeneic graft (not applied to autologous grafts)
    "conditioning": {"none": 3.5, "reduced": 0.8, "myeloablative": 0.0},
}
# Acute GVHD (grade II-IV): unrelated and mismatched donors more (general knowledge); haploidentical high without
# post-transplant cyclophosphamide (a teaching assumption); marrow and mobilised blood alike for acute GVHD
# (Champlin 2000); cord blood less for the same mismatch: its documented advantage is in *severe* (grade III-IV)
# acute GVHD (Barker 2005, introduction); grade II-IV was 39% after single and 58% after double units (MacMillan
# 2009) and 65% in Barker's double-unit series, so the toy's cord term is a teaching assumption for single units.
# Gentler conditioning damages less tissue. Autologous: none at all.
GVHD_LOG_ODDS = {
    "source": {"peripheral_blood": 0.0, "bone_marrow": 0.0, "cord_blood": -0.8},
    "donor": {"matched_sibling": 0.0, "matched_unrelated": 0.5, "mismatched_unrelated": 1.0, "haploidentical": 2.0},
    "conditioning": {"none": -1.0, "reduced": -0.3, "myeloablative": 0.0},
}

PARAMS = ParamSet(
    Choice("graft_source", "peripheral_blood", SOURCES, "where the stem cells come from",
           f"{CHAMPLIN}; {BARKER}; repopulating cells per CD34+ cell from {WANG}",
           option_labels=("mobilised blood", "bone marrow", "cord blood")),
    Param("cd34_per_kg", 5e6, 5e4, 2e7, "CD34+ cells/kg",
          "CD34+ cells infused per kg recipient (typical: blood 5e6, marrow 2.5e6, cord blood 0.25e6)",
          f"{TO}: >= 2e6/kg minimum, >= 5e6/kg faster platelets; cord: one unit of 2.5e7 nucleated cells/kg "
          f"({BRUNSTEIN}), 1% of them CD34+ assumed",
          log=True, label="CD34+ dose"),
    physiology.RECIPIENT_WEIGHT,
    Choice("conditioning", "myeloablative", CONDITIONINGS,
           "treatment before the graft: kills 0, 2 or 4 logs of host stem cells (toy scale of notebook 03)",
           "toy scale, as niche.compete", option_labels=("none", "reduced intensity", "myeloablative")),
    Choice("donor", "matched_sibling", DONORS, "whose cells, and how well their HLA matches",
           f"{OLSSON}; {CHAMPLIN}", option_labels=("autologous (own cells)", "matched sibling", "matched unrelated",
                                                    "mismatched unrelated", "haploidentical")),
    Param("days", 100, 30, 180, "days", "days after the infusion shown", "display setting", integer=True, step=10,
          label="time shown"),
    physiology.NORMAL_ANC,
    physiology.NORMAL_PLATELETS,
    physiology.NEUTROPHIL_MATURATION,
    physiology.PLATELET_LIFESPAN,
    Param("marrow_regrowth_per_day", 0.45, 0.15, 1.5, "1/day",
          "per-cell growth rate of the refilling marrow (each doubling of the dose gains at most ln 2 / rate days)",
          "free parameter: ~1 day gained per doubling of the dose in the usual range", step=0.01),
    Param("neutrophil_delay_blood_days", 9.0, 4, 25, "days",
          "days before progeny of a mobilised-blood graft reach the blood (homing, lodging, first expansion)",
          f"fitted so 5e6 CD34+/kg from a matched sibling engrafts neutrophils on day 14 ({CHAMPLIN})", step=0.5),
    Param("neutrophil_delay_marrow_days", 14.0, 4, 30, "days", "the same for a bone-marrow graft",
          f"fitted so 2.5e6 CD34+/kg engrafts neutrophils on day 19 ({CHAMPLIN})", step=0.5),
    Param("neutrophil_delay_cord_days", 17.5, 4, 40, "days",
          "the same for a cord-blood graft (few committed progenitors)",
          f"fitted so 0.25e6 CD34+/kg engrafts neutrophils on day 25 ({BARKER}: 23 with two units, later with one)",
          step=0.5),
    Param("platelet_delay_blood_days", 13.0, 4, 40, "days",
          "days before platelets from a mobilised-blood graft reach the blood",
          f"fitted so 5e6 CD34+/kg engrafts platelets on day 18 ({CHAMPLIN})", step=0.5),
    Param("platelet_delay_marrow_days", 20.0, 4, 50, "days", "the same for a bone-marrow graft",
          f"fitted so 2.5e6 CD34+/kg engrafts platelets on day 25 ({CHAMPLIN})", step=0.5),
    Param("platelet_delay_cord_days", 38.0, 4, 80, "days", "the same for a cord-blood graft",
          f"fitted to platelets at ~day 45 (41 days after double-unit reduced-intensity grafts in {BALLEN}; later "
          "with myeloablative single units)", step=0.5),
    Param("graft_failure_baseline", 0.03, 0.005, 0.2, "probability",
          "graft failure, primary or secondary: mobilised blood, 5e6 CD34+/kg, matched sibling, myeloablative",
          f"teaching assumption between the 0.6% primary (6 of 967) and 5.6% overall failures, most of them "
          f"autologous reconstitution after engraftment, in {OLSSON}", step=0.005),
    Param("failure_per_dose_halving", 0.5, 0, 1.5, "log-odds",
          "log-odds of graft failure added per halving (taken away per doubling) of the repopulating-cell dose, "
          "counted from 5e6 mobilised-blood CD34+/kg",
          f"teaching assumption; direction from {TO} (adult grafts) and {BARKER} (cord)", step=0.05),
    Param("acute_gvhd_baseline", 0.35, 0.05, 0.7, "probability",
          "grade II-IV acute GVHD: matched sibling, myeloablative, standard prophylaxis",
          f"teaching assumption (~30-40%); blood and marrow alike ({CHAMPLIN})", step=0.01),
    # the marrow's starting shares come from niche.compete; of its parameters, these two are taken at its defaults
    inherits={"niche.compete": niche.PARAMS.subset(["niches_per_kg", "free_niches"])},
)

SCENARIOS = PARAMS.scenarios({
    "sibling, mobilised blood": Scenario("5e6 CD34+/kg of G-CSF-mobilised blood from a matched sibling after "
                                         "myeloablative conditioning (the defaults)"),
    "bone marrow": Scenario("a typical marrow harvest (2.5e6 CD34+/kg) from the same sibling",
                            graft_source="bone_marrow", cd34_per_kg=TYPICAL_CD34_PER_KG["bone_marrow"]),
    "cord blood": Scenario("one partly matched cord unit: 2.5e7 nucleated cells/kg, 0.25e6 CD34+/kg if 1% are CD34+",
                           graft_source="cord_blood",
                           cd34_per_kg=TYPICAL_CD34_PER_KG["cord_blood"], donor="mismatched_unrelated"),
    "low dose 1e6/kg": Scenario("a poor collection: half the 2e6/kg minimum", cd34_per_kg=1e6),
    "reduced intensity": Scenario("gentler conditioning that kills 2 logs of host stem cells, not 4",
                                  conditioning="reduced"),
    "no conditioning": Scenario("a sibling's marrow given with no conditioning to a recipient whose immune system "
                                "works: it is often rejected", conditioning="none", graft_source="bone_marrow",
                                cd34_per_kg=TYPICAL_CD34_PER_KG["bone_marrow"]),
    "haploidentical": Scenario("a half-matched relative as donor: a parent, a child or a sibling who shares one HLA "
                               "block", donor="haploidentical"),
    "autologous": Scenario("the patient's own collected cells given back", donor="autologous"),
})

START_DAY = -7.0  # conditioning begins; the curves start here
COMPETE_MONTHS = 3  # niche.compete's shortest span: only its starting shares (month 0) are used
KILL_DAY = -5.0  # the toy kills host cells at once on this day
STEP_DAYS = 0.5  # time resolution; every whole day lies on the grid
ANC_ENGRAFTMENT_1E9_PER_L, ANC_RUN_DAYS = 0.5, 3  # CIBMTR
# CIBMTR: also no platelet transfusion in the previous 7 days, true at all times in the toy (it gives none)
PLATELET_ENGRAFTMENT_1E9_PER_L, PLATELET_RUN_DAYS = 20.0, 3
CELLS_PER_UL_PER_1E9_PER_L = 1000.0
NEUTROPENIA_1E9_PER_L = 1.0  # the infection window: ANC below this (Bodey 1966's reference)


@dataclass(frozen=True)
class Transplant:
    """Counts, engraftment days and toy risks after one transplant. Days count from the infusion (day 0)."""

    graft_source: str
    donor: str
    conditioning: str
    days: np.ndarray  # days, from -7 in half-day steps
    anc: np.ndarray  # absolute neutrophil count, 1e9/L
    platelets: np.ndarray  # 1e9/L, the patient's own (no transfusions)
    # donor share of blood neutrophils each day (0..1), settling at the marrow's share; for an autologous graft, the
    # infused cells' share (a chimerism test cannot see it: they are the patient's own)
    donor_chimerism: np.ndarray
    cumulative_infection_risk: np.ndarray  # chance of at least one infection by each day (0..1), neutropenia only
    infection_hazard_per_day: np.ndarray  # neutropenia.infection_risk's hazard while ANC < 1.0e9/L, else 0 (/day)
    neutrophil_engraftment_day: int | None  # first of 3 days ANC >= 0.5e9/L after falling below; None if not
    platelet_engraftment_day: int | None  # first of 3 days >= 20e9/L (never transfused) after falling below; or None
    aplasia_days: float  # days with ANC < 0.5e9/L
    nadir_anc: float  # lowest ANC, 1e9/L
    infection_risk: float  # chance of at least one infection while ANC < 1.0e9/L (neutropenia.infection_risk)
    graft_failure_risk: float  # graft failure, primary or secondary, 0..1 (toy)
    acute_gvhd_risk: float  # grade II-IV acute GVHD, 0..1 (toy; 0 for autologous)
    cd34_per_kg: float  # CD34+ cells/kg recipient
    weight_kg: float  # recipient weight
    total_cd34: float  # CD34+ cells the donor or unit must provide
    repopulating_cells_per_kg: float  # long-term repopulating cells/kg implied by the dose and source (Wang 1997)
    homed_donor_hscs: float  # donor stem cells reaching the marrow, per niche (niche.compete)

    @property
    def course(self) -> course.LineageCourse:
        """Neutrophils and platelets in cells/uL (1e9/L = 1,000 cells/uL) with the adult normal ranges: the lineage
        course notebooks 05, 06 and 08 draw the same way."""
        counts = {"neutrophil": self.anc * CELLS_PER_UL_PER_1E9_PER_L,
                  "platelet": self.platelets * CELLS_PER_UL_PER_1E9_PER_L}
        ranges = {lineage: course.constant_range(self.days, *physiology.ADULT_NORMAL_CELLS_PER_UL[lineage])
                  for lineage in counts}
        return course.LineageCourse(days=self.days, counts=counts,
                                    normal_low={lineage: low for lineage, (low, _high) in ranges.items()},
                                    normal_high={lineage: high for lineage, (_low, high) in ranges.items()})

    @property
    def final_donor_chimerism(self) -> float:
        """Donor share of neutrophils on the last day: the marrow's donor share once the old cells have gone."""
        return float(self.donor_chimerism[-1])

    @property
    def repopulating_cells(self) -> float:
        """Long-term repopulating cells in the whole graft (per kg times weight)."""
        return self.repopulating_cells_per_kg * self.weight_kg

    @property
    def below_minimum_dose(self) -> bool:
        """Below the 2e6 CD34+/kg minimum for an adult graft (To 2011); cord blood is judged by nucleated cells."""
        return self.graft_source != "cord_blood" and self.cd34_per_kg < MINIMUM_CD34_PER_KG


def _logistic_integral(u: np.ndarray, start: float, rate: float) -> np.ndarray:
    """Integral from 0 to u (0 for u <= 0) of the logistic N(s) = 1 / (1 + (1/start - 1) exp(-rate s))."""
    s = np.maximum(u, 0.0)
    return np.logaddexp(np.log1p(-start) if start < 1 else -np.inf, np.log(start) + rate * s) / rate


def _blood_count(t: np.ndarray, window: float, delay: float, host_survivors: float, host_share: float,
                 start: float, rate: float, conditioned: bool) -> tuple[np.ndarray, np.ndarray]:
    """Host and donor parts of a blood count relative to normal: marrow output averaged over the last ``window``
    days; the regrowing marrow's output reaches the blood ``delay`` days after the infusion."""
    kill = KILL_DAY if conditioned else 0.0

    def host_integral(u: np.ndarray) -> np.ndarray:  # antiderivative of host output: 1, survivors, then regrowth
        return (np.minimum(u, kill) + host_survivors * (np.clip(u, kill, delay) - kill)
                + host_share * _logistic_integral(u - delay, start, rate))

    def donor_integral(u: np.ndarray) -> np.ndarray:
        return (1 - host_share) * _logistic_integral(u - delay, start, rate)

    host = host_integral(t) - host_integral(t - window)
    donor = donor_integral(t) - donor_integral(t - window)
    return np.maximum(host, 0.0) / window, np.maximum(donor, 0.0) / window


def _engraftment_day(days: np.ndarray, counts: np.ndarray, threshold: float, run: int) -> int | None:
    """First whole day >= 0 starting ``run`` consecutive days at or above ``threshold``, after the count first fell
    below it; None if it never fell below (nothing to recover from) or never recovered within the horizon."""
    whole = (days >= 0) & (np.mod(days, 1.0) == 0)
    daily_days, daily = days[whole], counts[whole]
    below = np.flatnonzero(counts < threshold)
    if below.size == 0:
        return None
    above = daily >= threshold
    runs = np.convolve(above, np.ones(run, dtype=int), mode="valid") == run
    candidates = np.flatnonzero(runs & (daily_days[: runs.size] > days[below[0]]))
    return int(daily_days[candidates[0]]) if candidates.size else None


def risk_table() -> str:
    """The log-odds each choice adds to the two risks, as Markdown for the model card (teaching assumptions)."""
    labels = {spec.name: dict(zip(spec.options, (label for label, _ in spec.labelled_options)))
              for spec in PARAMS if isinstance(spec, Choice)}
    lines = ["| factor | choice | graft failure (log-odds) | acute GVHD (log-odds) |", "|---|---|---|---|"]
    names = {"source": "graft_source", "donor": "donor", "conditioning": "conditioning"}
    for factor, choices in FAILURE_LOG_ODDS.items():
        for option, failure in choices.items():
            gvhd = GVHD_LOG_ODDS[factor].get(option)
            lines.append(f"| {factor} | {labels[names[factor]][option]} | {failure:+.1f} | "
                         f"{'no GVHD' if gvhd is None else f'{gvhd:+.1f}'} |")
    lines.append("\nEach risk is the logistic of its baseline's log-odds plus the terms of the choices made. "
                 "Conditioning changes graft failure for allogeneic grafts only (an autologous graft is not "
                 "rejected); the dose adds `failure_per_dose_halving` per halving of the repopulating-cell dose.")
    return "\n".join(lines)


def _risk(baseline: float, log_odds: float) -> float:
    score = np.log(baseline / (1 - baseline)) + log_odds
    return float(1 / (1 + np.exp(-score)))


def _risks(*, graft_source: str, donor: str, conditioning: str, repopulating_ratio: float,
          graft_failure_baseline: float, failure_per_dose_halving: float,
          acute_gvhd_baseline: float) -> tuple[float, float]:
    """(graft failure, grade II-IV acute GVHD) probabilities; ``repopulating_ratio`` is the repopulating-cell dose
    relative to 5e6 mobilised-blood CD34+/kg."""
    failure = (FAILURE_LOG_ODDS["source"][graft_source] + FAILURE_LOG_ODDS["donor"][donor]
               - failure_per_dose_halving * np.log2(repopulating_ratio))
    if donor == "autologous":  # not rejected, and no GVHD
        return _risk(graft_failure_baseline, failure), 0.0
    failure += FAILURE_LOG_ODDS["conditioning"][conditioning]
    gvhd = sum(GVHD_LOG_ODDS[key][value] for key, value in
               (("source", graft_source), ("donor", donor), ("conditioning", conditioning)))
    return _risk(graft_failure_baseline, failure), _risk(acute_gvhd_baseline, gvhd)


@validated(PARAMS)
def simulate(*, graft_source: str, cd34_per_kg: float, weight_kg: float, conditioning: str, donor: str, days: int,
             normal_anc_1e9_per_l: float, normal_platelets_1e9_per_l: float, neutrophil_maturation_days: float,
             platelet_lifespan_days: float, marrow_regrowth_per_day: float, neutrophil_delay_blood_days: float,
             neutrophil_delay_marrow_days: float, neutrophil_delay_cord_days: float,
             platelet_delay_blood_days: float, platelet_delay_marrow_days: float, platelet_delay_cord_days: float,
             graft_failure_baseline: float, failure_per_dose_halving: float,
             acute_gvhd_baseline: float) -> Transplant:
    """ANC and platelets (1e9/L) from day -7 to ``days`` after a graft of ``cd34_per_kg`` CD34+ cells/kg, with
    engraftment days, aplasia, infection risk, toy graft-failure and acute-GVHD risks and donor chimerism.

    >>> result = simulate()
    >>> result.neutrophil_engraftment_day, result.platelet_engraftment_day, round(result.acute_gvhd_risk, 2)
    (14, 18, 0.35)
    """
    index = SOURCES.index(graft_source)
    neutrophil_delay = (neutrophil_delay_blood_days, neutrophil_delay_marrow_days, neutrophil_delay_cord_days)[index]
    platelet_delay = (platelet_delay_blood_days, platelet_delay_marrow_days, platelet_delay_cord_days)[index]
    repopulating = REPOPULATING_PER_CD34[graft_source]
    # host and donor shares of the niches on day 0, exactly as notebook 03 computes them
    marrow = niche.compete(conditioning_logs=CONDITIONING_LOGS[conditioning], donor_dose=cd34_per_kg / 1e6,
                           homing=niche.CASHMAN_HOMING, hsc_per_million_cd34=repopulating * 1e6 / niche.CASHMAN_HOMING,
                           months=COMPETE_MONTHS)
    host_start, donor_start = float(marrow.host_niches[0]), float(marrow.donor_niches[0])
    start = host_start + donor_start
    host_share = host_start / start
    conditioned = conditioning != "none"

    t = np.arange(START_DAY, days + STEP_DAYS / 2, STEP_DAYS)
    common = dict(host_survivors=host_start, host_share=host_share, start=start, rate=marrow_regrowth_per_day,
                  conditioned=conditioned)
    host_n, donor_n = _blood_count(t, neutrophil_maturation_days, neutrophil_delay, **common)
    host_p, donor_p = _blood_count(t, platelet_lifespan_days, platelet_delay, **common)
    anc = normal_anc_1e9_per_l * (host_n + donor_n)
    platelets = normal_platelets_1e9_per_l * (host_p + donor_p)
    chimerism = np.divide(donor_n, host_n + donor_n, out=np.zeros_like(t), where=host_n + donor_n > 0)

    neutropenic = np.flatnonzero(anc < NEUTROPENIA_1E9_PER_L)
    cumulative, hazard = np.zeros_like(t), np.zeros_like(t)
    risk, aplasia = 0.0, 0.0
    if neutropenic.size:
        first, last = max(neutropenic[0] - 1, 0), min(neutropenic[-1] + 2, t.size)
        episode = infection_risk(days=t[first:last], anc_1e9_per_l=anc[first:last])
        cumulative[first:last], cumulative[last:] = episode.cumulative_risk, episode.total_risk
        hazard[first:last] = np.where(anc[first:last] < NEUTROPENIA_1E9_PER_L, episode.hazard_per_day, 0.0)
        risk, aplasia = episode.total_risk, episode.days_below_0_5

    failure, gvhd = _risks(graft_source=graft_source, donor=donor, conditioning=conditioning,
                          repopulating_ratio=cd34_per_kg * repopulating
                          / (TARGET_CD34_PER_KG * REPOPULATING_PER_CD34["peripheral_blood"]),
                          graft_failure_baseline=graft_failure_baseline,
                          failure_per_dose_halving=failure_per_dose_halving, acute_gvhd_baseline=acute_gvhd_baseline)
    return Transplant(
        graft_source=graft_source, donor=donor, conditioning=conditioning, days=t, anc=anc, platelets=platelets,
        donor_chimerism=chimerism, cumulative_infection_risk=cumulative, infection_hazard_per_day=hazard,
        neutrophil_engraftment_day=_engraftment_day(t, anc, ANC_ENGRAFTMENT_1E9_PER_L, ANC_RUN_DAYS),
        platelet_engraftment_day=_engraftment_day(t, platelets, PLATELET_ENGRAFTMENT_1E9_PER_L, PLATELET_RUN_DAYS),
        aplasia_days=float(aplasia), nadir_anc=float(anc.min()), infection_risk=float(risk),
        graft_failure_risk=failure, acute_gvhd_risk=gvhd, cd34_per_kg=cd34_per_kg, weight_kg=weight_kg,
        total_cd34=cd34_per_kg * weight_kg, repopulating_cells_per_kg=cd34_per_kg * repopulating,
        homed_donor_hscs=marrow.homed_donor_hscs,
    )
