"""Immune reconstitution after a transplant for an inborn immune deficiency or aplastic anaemia, as closed forms.

Days count from the infusion (day 0). Every lymphocyte count is the normal count for the child's age on that day (the
geometric middle of ``physiology.normal_range_cells_per_ul``, moving as the child grows) times a level r(t), 1 =
normal for age. What each disease lacks decides which cells the graft must supply (``DEFECTS``): X-SCID (IL2RG) has
no T or NK cells and B cells that do not work; ADA-SCID no T, B or NK cells; XLA (BTK, in B cells) no B cells;
X-linked hyper-IgM (CD40L, on T cells) B cells that cannot switch to IgG without CD40L-bearing T cells; severe
aplastic anaemia an empty marrow (everything, neutrophils first).

Reused, not copied. ``transplant.simulate`` gives the neutrophils (its ANC; in aplastic anaemia the host's part is
scaled down to the aplastic ANC), the day donor output reaches the blood (E: donor neutrophil chimerism at half its
final value), the neutropenic infection risk (``neutropenia.infection_risk``) and the graft-failure and GVHD risks.
``niche.compete`` gives the donor share of stem cells c and the expansion of the graft's T cells (and the host's own
T cells that conditioning spared) into empty T-cell space: notebook 03's split chimerism. ``ivig`` gives the IVIG
course and the pneumonia rate.

Marrow-made lineages (NK, B and new thymic T cells) follow the marrow that makes them, with a lag L and a filling
time tau per lineage, A(t) = 1 - exp(-(t - E - L) / tau) after E + L:

    r(t) = host_supply (s + (1 - s) A(t)) + donor_supply A(t),

host_supply = (1 - c) x (what the host's cells can make of that lineage), donor_supply = c, s = 10^-logs the host
lymphocytes conditioning spares. T cells come two ways (van den Brink 2015): graft and surviving host T cells X(t)
expand at once into empty space (``niche.compete``; T-cell depletion divides the graft's by 10^logs), and naive T
cells come from the thymus after about 3 months, N(t) = thymic_supply x A_T(t), with a filling time that doubles
every ``thymic_halving_years`` of age at transplant (the thymus involutes). In SCID the thymus holds no host
thymocytes, so the few donor progenitors that engraft fill it (``scid_thymus_advantage``): donor T cells without
donor stem cells. Together r_T = N + X (1 - N): expanded cells fill the space the thymus has not. CD4 and CD8 share r_T.

IgG. Own production P(t) = min(1, host plasma cells + working B cells x T help), where help needs working T cells
with CD40L (in hyper-IgM only the donor's), and own IgG relaxes towards P(t) x normal IgG with IgG's half-life
(exact integral on the grid). IVIG runs from day 0 in the antibody-deficient diseases and stops on ``ivig_free_day``,
the first day from which own IgG stays above ``ivig_stop_igg_mg_dl`` (None if it never does); the IgG "with IVIG"
adds ``ivig.passive_igg`` up to the last infusion before that day.

Infection risk: the neutropenic risk of ``transplant.simulate``, pneumonias from the IgG level (``ivig``, Orange
2010) and opportunistic infections while CD4 T cells are below the normal range for age; combined as
1 - (1 - neutropenic) exp(-integral of the other hazards). Survival (toy, directions from the literature): a baseline
raised to the product of hazard ratios for age (>= 3.5 months), infection status, donor and conditioning
(Pai et al. 2014; PIDTC 2023).

What the toy leaves out, and where it breaks:
- Maternal IgG and maternal T cells in infants, Omenn syndrome, leaky SCID and other genotypes (RAG, Artemis) are
  left out; X-SCID and ADA-SCID are treated alike except that ADA-SCID has no B cells. ADA enzyme replacement, gene
  therapy (notebook 06) and ATG are not options: "ATG" scenarios use reduced-intensity conditioning instead.
- Chimerism stays fixed; donor T cells converting mixed chimerism, waning thymic output years after an unconditioned
  SCID graft, B-cell overshoot and the CD4:CD8 inversion after transplant are not shown.
- GVHD and its treatment do not slow reconstitution; viral reactivations, vaccines and antibiotics are absent.
- Neutrophil ranges are adult at every age, IgG's normal level is an adult's (1000 mg/dL), and the survival toy is
  calibrated to SCID infants: for adults with aplastic anaemia only its directions mean anything.
- An "autologous" graft gives back the patient's own uncorrected cells: nothing is corrected.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Choice, Param, ParamSet, Scenario, validated
from . import course, diagnosis, immunity, ivig, niche, physiology, transplant

PAI = "Pai et al. 2014, NEJM 371:434"
PIDTC_2023 = "PIDTC, 902 children with SCID 1982-2018 (PMC10386791)"
HEIMALL = "Heimall et al. 2017, Blood 130:2718"
VAN_DEN_BRINK = "van den Brink et al. 2015, ASH Education"
HAKIM = "Hakim et al. 2005, J Clin Invest (thymic renewal in adults falls with age)"
OLSSON = transplant.OLSSON
TOY = "teaching assumption"

DISEASES = ("x_scid", "ada_scid", "xla", "x_hyper_igm", "severe_aplastic_anemia")
INFECTION_STATUSES = ("never", "resolved", "active")
SCID = ("x_scid", "ada_scid")
ANTIBODY_DEFICIENT = ("x_scid", "ada_scid", "xla", "x_hyper_igm")  # on IVIG before the transplant

# What the host's own cells can do (1 works, 0 missing): counts of T, B and NK cells, B cells that can make IgG with
# help, T cells that give that help (CD40L), the host's IgG from long-lived plasma cells (share of normal) and the
# host marrow's output (aplastic anaemia: the aplastic share of normal, set from the ANC).
DEFECTS = {
    "x_scid": dict(t=0, b=1, b_works=0, nk=0, cd40l=0, plasma=0, marrow=1),  # T-B+NK-: B cells without gamma-c fail
    "ada_scid": dict(t=0, b=0, b_works=0, nk=0, cd40l=0, plasma=0, marrow=1),  # T-B-NK-: toxic to all lymphocytes
    "xla": dict(t=1, b=0, b_works=0, nk=1, cd40l=1, plasma=0, marrow=1),  # BTK: B cells stop as pre-B cells
    "x_hyper_igm": dict(t=1, b=1, b_works=1, nk=1, cd40l=0, plasma=0, marrow=1),  # CD40L missing on T cells
    "severe_aplastic_anemia": dict(t=1, b=1, b_works=1, nk=1, cd40l=1, plasma=1, marrow=None),  # empty marrow
}
# Mature T cells a graft carries, as a share of the recipient's normal T-cell pool: marrow as niche.compete's default;
# mobilised blood ~10 times more, cord blood few (and naive). Teaching assumptions.
GRAFT_T_SHARE = {"bone_marrow": niche.PARAMS["graft_t_cells"].default, "peripheral_blood": 0.1,
                 "cord_blood": 0.002}
# Hazard ratios for death (toy survival). Donor: matched siblings did best (Pai 2014); the sizes are assumptions.
# Conditioning: toxicity, worst for infected infants (Pai 2014: without a sibling, actively infected infants did best
# after T-cell-depleted haploidentical grafts with no conditioning); sizes are assumptions.
DONOR_HAZARD = {"autologous": 1.0, "matched_sibling": 1.0, "matched_unrelated": 1.3, "mismatched_unrelated": 1.6,
                "haploidentical": 1.6}
CONDITIONING_HAZARD = {"none": 1.0, "reduced": 1.1, "myeloablative": 1.3}
# Pai 2014: survival 90% in older infants never infected, 82% with an infection that had resolved: HR ln .82 / ln .90
RESOLVED_HAZARD = float(np.log(0.82) / np.log(0.90))
SCID_AGE_MONTHS = 3.5  # Pai 2014 and PIDTC 2023: transplant at or before 3.5 months did better
T_HELP_SATURATION = 0.5  # working T cells (share of normal) that give full help for class switching (toy)
NORMAL_IGG_MG_DL = 1000.0  # own IgG at full production (adult 700-1600 mg/dL, general knowledge)
DAYS_PER_MONTH = niche.DAYS_PER_MONTH
DAYS_PER_YEAR = ivig.DAYS_PER_YEAR
TRANSPLANT_DAYS = int(transplant.PARAMS["days"].high)  # the transplant model's longest span; counts are flat after
LINEAGES = ("neutrophil", "nk", "b_cell", "cd4", "cd8")

PARAMS = ParamSet(
    Choice("disease", "x_scid", DISEASES, "what the patient lacks, and so what the graft must supply",
           "Dvorak et al. 2023, JACI 151:539; ESID criteria; Levy et al. 1997, J Pediatr 131:47; BSH 2016",
           option_labels=("X-SCID", "ADA-SCID", "XLA", "X-linked hyper-IgM", "severe aplastic anaemia")),
    diagnosis.PARAMS["age_months"],  # declared once (notebook 02's diagnosis); whole months
    transplant.PARAMS["donor"],
    transplant.PARAMS["conditioning"],
    transplant.PARAMS["graft_source"],
    transplant.PARAMS["cd34_per_kg"],
    Choice("infection_status", "never", INFECTION_STATUSES,
           "infection before the transplant: never, resolved by then, or still active", f"{PAI}; {PIDTC_2023}",
           option_labels=("never infected", "infection resolved", "active infection")),
    Param("t_cell_depletion_logs", 0, 0, 5, "logs", "graft T cells removed before infusion (CD34+ selection or "
          "alpha-beta depletion removes ~4 logs)", f"{TOY}; ex vivo depletion raises graft failure ({OLSSON})",
          step=0.5, label="T-cell depletion"),
    ivig.PARAMS["dose_mg_per_kg"],
    ivig.PARAMS["interval_days"],
    Param("ivig_stop_igg_mg_dl", 500, 200, 1000, "mg/dL", "own IgG at which IVIG can stop",
          "trough goal > 500 mg/dL, ideally 700 (Transfusion Ontario IVIG guidance, PID)", step=10,
          label="stop IVIG at own IgG"),
    Param("days", 730, 180, 1825, "days", "days after the transplant shown", "display setting", integer=True,
          step=30, label="time shown"),
    niche.PARAMS["t_expansion_per_month"],
    Param("nk_lag_days", 10, 0, 60, "days", "days after donor neutrophils arrive before donor NK cells do",
          f"{VAN_DEN_BRINK}: monocytes, granulocytes, then NK cells, within weeks", step=1),
    Param("nk_fill_days", 30, 5, 120, "days", "filling time of the NK pool", f"{VAN_DEN_BRINK}: within weeks",
          step=1),
    Param("b_lag_days", 90, 20, 200, "days", "days after donor neutrophils arrive before new B cells do",
          f"{TOY}; B and T cells take 1-2 years in adults ({VAN_DEN_BRINK})", step=5),
    Param("b_fill_days", 180, 30, 400, "days", "filling time of the B-cell pool", f"{TOY} ({VAN_DEN_BRINK})",
          step=5),
    Param("thymic_lag_days", 90, 30, 300, "days", "days after donor neutrophils arrive before the first new naive "
          "T cells leave the thymus", f"{TOY}; early T cells are expanded graft cells ({VAN_DEN_BRINK})", step=5),
    Param("naive_t_fill_days_infant", 150, 30, 600, "days", "filling time of the naive T-cell pool from the thymus "
          "in an infant", f"{TOY}; T cells recover over 1-2 years in adults ({VAN_DEN_BRINK})", step=5),
    Param("thymic_halving_years", 10, 2, 40, "years", "years of age over which thymic output halves (the filling "
          "time doubles)", f"{TOY}; thymic output falls with age ({HAKIM}; {VAN_DEN_BRINK})", step=0.5),
    Param("scid_thymus_advantage", 50, 1, 500, "x", "how much more of an empty SCID thymus the donor's lymphoid "
          "progenitors fill than their share of the stem cells", f"{TOY}: unconditioned SCID grafts give donor T "
          f"cells with host stem cells ({PAI}; notebook 03)", log=True),
    immunity.PARAMS["aplastic_anc_1e9_per_l"],
    physiology.NORMAL_ANC,
    ivig.PARAMS["igg_half_life_days"],
    ivig.PARAMS["igg_volume_ml_per_kg"],
    Param("opportunistic_per_year", 1.0, 0.1, 5, "/year", "opportunistic infections per year with no working CD4 "
          "T cells (falling as CD4 T cells reach the normal range for age)", f"{TOY}: untreated SCID infants are "
          "infected within months", step=0.1),
    Param("baseline_survival", 0.94, 0.5, 0.99, "probability", "5-year survival: SCID transplanted at or before "
          "3.5 months, never infected, matched sibling, no conditioning", f"{PAI}: 94% at <= 3.5 months",
          step=0.01),
    Param("age_hazard_ratio", 2.12, 1, 5, "x", "hazard of death for a transplant after 3.5 months",
          f"HR 2.12 (95% CI 1.38-3.24) in {PIDTC_2023}", step=0.01),
    Param("active_infection_hazard_ratio", 2.41, 1, 6, "x", "hazard of death with an infection active at the "
          "transplant", f"HR 2.41 (1.56-3.72) in {PIDTC_2023}; 81% vs 95% survival in {HEIMALL}", step=0.01),
    Param("failure_per_depletion_log", 0.3, 0, 1.5, "log-odds", "graft-failure log-odds added per log of T-cell "
          "depletion", f"{TOY}; direction from {OLSSON} (relative risk 8.8 for ex vivo T-cell depletion)",
          step=0.01),
    Param("gvhd_per_depletion_log", 0.5, 0, 2, "log-odds", "acute-GVHD log-odds taken away per log of T-cell "
          "depletion", f"{TOY}: fewer donor T cells, less GVHD", step=0.05),
    inherits={"transplant.simulate": transplant.PARAMS.subset(["marrow_regrowth_per_day",
                                                               "neutrophil_delay_marrow_days",
                                                               "graft_failure_baseline", "acute_gvhd_baseline"]),
              "niche.compete": niche.PARAMS.subset(["homing", "niches_per_kg", "free_niches", "scid_host_t_cells"])},
)

_MARROW = transplant.TYPICAL_CD34_PER_KG["bone_marrow"]
SCENARIOS = PARAMS.scenarios({
    "X-SCID": Scenario("a 3-month-old with X-SCID found by newborn screening, no matched sibling: matched "
                       "unrelated marrow after reduced-intensity conditioning, so donor B cells can take",
                       age_months=3, graft_source="bone_marrow", cd34_per_kg=_MARROW, donor="matched_unrelated",
                       conditioning="reduced"),
    "infant X-SCID, unconditioned marrow from a sibling": Scenario(
        "a 2-month-old with X-SCID, never infected, given a matched sibling's marrow without conditioning",
        disease="x_scid", age_months=2, graft_source="bone_marrow", cd34_per_kg=_MARROW, conditioning="none"),
    "ADA-SCID": Scenario("a 3-month-old with ADA-SCID: sibling marrow after reduced-intensity conditioning",
                         disease="ada_scid", age_months=3, graft_source="bone_marrow", cd34_per_kg=_MARROW,
                         conditioning="reduced"),
    "XLA": Scenario("a 5-year-old with XLA on IVIG: sibling marrow after myeloablative conditioning", disease="xla",
                    age_months=60, graft_source="bone_marrow", cd34_per_kg=_MARROW, conditioning="myeloablative"),
    "hyper-IgM": Scenario("a 2-year-old with X-linked hyper-IgM, Cryptosporidium cleared: matched unrelated marrow, "
                          "myeloablative", disease="x_hyper_igm", age_months=24, graft_source="bone_marrow",
                          cd34_per_kg=_MARROW, donor="matched_unrelated", infection_status="resolved"),
    "aplastic anaemia": Scenario("a 12-year-old with severe aplastic anaemia: sibling marrow after reduced-intensity "
                                 "conditioning", disease="severe_aplastic_anemia", age_months=144,
                                 graft_source="bone_marrow", cd34_per_kg=_MARROW, conditioning="reduced"),
    "adult with aplastic anaemia, sibling, ATG": Scenario(
        "a 30-year-old with severe aplastic anaemia and a matched sibling; cyclophosphamide + ATG is modelled as "
        "reduced-intensity conditioning (ATG is not an option)", disease="severe_aplastic_anemia", age_months=360,
        graft_source="bone_marrow", cd34_per_kg=_MARROW, conditioning="reduced"),
    "haploidentical, T-cell depleted": Scenario(
        "an infant with X-SCID and an active infection, no sibling: a parent's mobilised blood, CD34+-selected "
        "(4 logs of T cells removed), no conditioning", disease="x_scid", age_months=5, donor="haploidentical",
        graft_source="peripheral_blood", conditioning="none", t_cell_depletion_logs=4, infection_status="active"),
})

# Section 3 of notebook 05: what conditioning buys and costs, one click each.
_UNCONDITIONED_XSCID = SCENARIOS["infant X-SCID, unconditioned marrow from a sibling"].values
CONDITIONING_SCENARIOS = PARAMS.scenarios({
    "X-SCID, no conditioning": Scenario("a 2-month-old with X-SCID, a sibling's marrow, no conditioning",
                                        **_UNCONDITIONED_XSCID),
    "X-SCID, reduced intensity": Scenario("the same graft after reduced-intensity conditioning",
                                          **{**_UNCONDITIONED_XSCID, "conditioning": "reduced"}),
    "X-SCID, myeloablative": Scenario("the same graft after myeloablative conditioning",
                                      **{**_UNCONDITIONED_XSCID, "conditioning": "myeloablative"}),
    "XLA, no conditioning": Scenario("a 5-year-old with XLA given a sibling's marrow without conditioning",
                                     **{**SCENARIOS["XLA"].values, "conditioning": "none"}),
    "hyper-IgM, no conditioning": Scenario("a 2-year-old with X-linked hyper-IgM given unrelated marrow without "
                                           "conditioning", **{**SCENARIOS["hyper-IgM"].values, "conditioning": "none"}),
})
# Section 5: an infant with X-SCID and no sibling, given a parent's T-cell-depleted graft with no conditioning.
_HAPLO = SCENARIOS["haploidentical, T-cell depleted"].values
TIMING_SCENARIOS = PARAMS.scenarios({
    "active infection, 5 months": Scenario("a 5-month-old with X-SCID and an active infection: a parent's "
                                           "CD34+-selected mobilised blood, no conditioning", **_HAPLO),
    "infection resolved": Scenario("the same child, the infection resolved before the transplant",
                                   **{**_HAPLO, "infection_status": "resolved"}),
    "never infected": Scenario("the same child, never infected", **{**_HAPLO, "infection_status": "never"}),
    "never infected, 2 months": Scenario("found by newborn screening: never infected, transplanted at 2 months",
                                         **{**_HAPLO, "infection_status": "never", "age_months": 2}),
    "no T-cell depletion": Scenario("the active-infection case with the parent's graft given unmanipulated",
                                    **{**_HAPLO, "t_cell_depletion_logs": 0}),
})

# Infants and adults given the same graft: where the T cells come from (notebook 05, section 2).
_HYPER_IGM_MARROW = dict(disease="x_hyper_igm", graft_source="bone_marrow", conditioning="myeloablative")
T_CELL_SCENARIOS = PARAMS.scenarios({
    "1-year-old": Scenario("a 1-year-old with X-linked hyper-IgM: sibling marrow, myeloablative",
                           age_months=12, **_HYPER_IGM_MARROW),
    "1-year-old, T-cell depleted": Scenario("the same graft with 4 logs of T cells removed", age_months=12,
                                            t_cell_depletion_logs=4, **_HYPER_IGM_MARROW),
    "40-year-old": Scenario("a 40-year-old given the same graft", age_months=480, **_HYPER_IGM_MARROW),
    "40-year-old, T-cell depleted": Scenario("a 40-year-old, 4 logs of T cells removed", age_months=480,
                                             t_cell_depletion_logs=4, **_HYPER_IGM_MARROW),
})

# What each disease lacks, what a donor graft replaces and what it leaves (notebook 05, section 6).
WHAT_A_TRANSPLANT_MEANS = {
    "x_scid": ("IL2RG (gamma-c): no T or NK cells; B cells present but deaf to IL-21, so little IgG",
               "T cells, even from a few donor progenitors in the empty thymus, with no conditioning",
               "without conditioning: the host's poorly working B cells and few NK cells, so often IVIG for life"),
    "ada_scid": ("ADA: toxic metabolites kill T, B and NK cells",
                 "T cells; B and NK cells (the patient's own B cells may recover once donor cells clear the toxin)",
                 "the enzyme's other tissues (lungs, brain, bones); conditioning toxicity"),
    "xla": ("BTK in B cells: B cells stop as pre-B cells, no antibodies",
            "B cells and IgG, only if donor stem cells engraft (needs conditioning)",
            "the risks of conditioning and GVHD, set against IVIG that already works well"),
    "x_hyper_igm": ("CD40L on T cells: B cells cannot switch from IgM to IgG",
                    "T cells with CD40L, which let the patient's own B cells switch",
                    "liver and bile-duct damage from Cryptosporidium, if it came first"),
    "severe_aplastic_anemia": ("stem cells: an empty marrow, all blood counts low",
                               "the whole marrow, neutrophils first",
                               "graft failure and GVHD risks; no IVIG needed"),
}
DISEASE_SCENARIO = {"x_scid": "infant X-SCID, unconditioned marrow from a sibling", "ada_scid": "ADA-SCID",
                    "xla": "XLA", "x_hyper_igm": "hyper-IgM",
                    "severe_aplastic_anemia": "adult with aplastic anaemia, sibling, ATG"}


@dataclass(frozen=True)
class Reconstitution:
    """Lineages, IgG, infection risk and a toy survival after one transplant. Days count from the infusion."""

    disease: str
    age_months: float  # at the transplant
    course: course.LineageCourse  # neutrophil, nk, b_cell, cd4, cd8 in cells/uL with the normal range for age
    igg_own_mg_dl: np.ndarray  # IgG the patient's (and the graft's) B cells make
    igg_with_ivig_mg_dl: np.ndarray  # own IgG plus IVIG, given from day 0 until ivig_free_day
    ivig_needed: bool  # the disease leaves the patient on IVIG before the transplant
    ivig_free_day: float | None  # first day from which own IgG stays >= the stop level; None if never shown
    donor_stem_cell_share: float  # c, from niche.compete
    donor_t_cell_share: np.ndarray  # donor share of T cells (0..1) each day
    naive_t: np.ndarray  # new naive T cells from the thymus, share of the normal T-cell pool for age
    expanded_t: np.ndarray  # expanded graft and surviving host T cells, share of the normal pool (before sharing)
    thymic_share_of_t: np.ndarray  # share of the T cells present that are new naive cells from the thymus (0..1)
    class_switch_help: np.ndarray  # help for switching to IgG from T cells with CD40L (0..1)
    igg_production: np.ndarray  # own IgG production, share of normal (0..1): working B cells with T help
    neutropenic_risk: np.ndarray  # chance of an infection while neutropenic, by each day (transplant.simulate)
    neutropenic_per_year: np.ndarray  # infection hazard while ANC < 1.0e9/L (transplant.simulate), per year
    pneumonia_per_year: np.ndarray  # from the IgG level (ivig, Orange 2010)
    opportunistic_per_year: np.ndarray  # while CD4 T cells are below the normal range for age
    cumulative_infection_risk: np.ndarray  # chance of at least one infection by each day (0..1)
    survival_estimate: float  # toy 5-year survival
    graft_failure_risk: float  # transplant.simulate's, with T-cell depletion (and no rejection by a SCID host)
    acute_gvhd_risk: float  # transplant.simulate's, less with T-cell depletion
    neutrophil_engraftment_day: int | None  # transplant.simulate's (None: the ANC never fell)

    @property
    def days(self) -> np.ndarray:
        return self.course.days

    def expected_infections(self, until_day: float) -> float:
        """Pneumonias and opportunistic infections expected from day 0 to ``until_day`` without prophylaxis (the
        integral of their hazards). Infections while neutropenic are a chance (``neutropenic_risk``), not a count:
        their hazard is that of a first infection."""
        return self._expected(self.pneumonia_per_year + self.opportunistic_per_year, until_day)

    def pneumonia_chance(self, until_day: float) -> float:
        """Chance of at least one pneumonia from day 0 to ``until_day`` from the IgG level (with IVIG while it is
        given): 1 - exp(-expected pneumonias), the same hazard ``ivig.course`` gives at a steady trough."""
        return float(-np.expm1(-self._expected(self.pneumonia_per_year, until_day)))

    def _expected(self, per_year: np.ndarray, until_day: float) -> float:
        t = self.days
        if not t[0] <= until_day <= t[-1]:
            raise ValueError(f"until_day={until_day:g} is outside {t[0]:g}..{t[-1]:g} days")
        grid = np.union1d(t[t < until_day], [until_day])
        return float(np.trapezoid(np.interp(grid, t, per_year), grid) / DAYS_PER_YEAR)

    def recovery_day(self, lineage: str) -> float | None:
        """First day from which ``lineage`` stays in or above its normal range for age (None: not within the span)."""
        return self.course.recovery_day(lineage)


def disease_table() -> str:
    """What each disease lacks, what a donor graft replaces and what it leaves, as a Markdown table."""
    labels = dict(zip(DISEASES, PARAMS["disease"].option_labels))
    rows = ["| disease | missing | a donor graft replaces | it leaves |", "|---|---|---|---|"]
    rows += [f"| {labels[disease]} | {' | '.join(WHAT_A_TRANSPLANT_MEANS[disease])} |" for disease in DISEASES]
    return "\n".join(rows)


def comparison_table() -> str:
    """What the model gives for each disease's scenario (``DISEASE_SCENARIO``), as a Markdown table."""
    labels = dict(zip(DISEASES, PARAMS["disease"].option_labels))
    rows = ["| disease | scenario | CD4 T cells in range | IVIG | toy 5-year survival |", "|---|---|---|---|---|"]
    for disease in DISEASES:
        name = DISEASE_SCENARIO[disease]
        result = simulate(**SCENARIOS[name].kwargs())
        cd4, stop, span = result.recovery_day("cd4"), result.ivig_free_day, result.days[-1]
        ivig_text = ("not needed" if not result.ivig_needed else
                     f"still needed on day {span:.0f}" if stop is None else f"stops on day {stop:.0f}")
        cd4_text = f"not by day {span:.0f}" if cd4 is None else f"day {cd4:.0f}"
        rows.append(f"| {labels[disease]} | {name} | {cd4_text} | {ivig_text} | "
                    f"{100 * result.survival_estimate:.0f}% |")
    return "\n".join(rows)


def arrival_day(graft: transplant.Transplant) -> float:
    """E: the first day (from the infusion) on which the graft's share of blood neutrophils reaches half its final
    value; infinite when the graft never makes blood."""
    final = graft.final_donor_chimerism
    arrived = np.flatnonzero((graft.days >= 0) & (graft.donor_chimerism >= 0.5 * final)) if final > 0 else []
    return float(graft.days[arrived[0]]) if len(arrived) else np.inf


def filling(t: np.ndarray, start: float, fill_days: float) -> np.ndarray:
    """A(t) = 1 - exp(-(t - start) / fill_days) after ``start``, 0 before (start may be infinite: never)."""
    return -np.expm1(-np.maximum(t - start, 0.0) / fill_days) if np.isfinite(start) else np.zeros_like(t)


def _own_igg(t: np.ndarray, production: np.ndarray, start_mg_dl: float, half_life: float) -> np.ndarray:
    """IgG relaxing towards production x normal with IgG's half-life: exact for production linear between points."""
    k = np.log(2) / half_life
    target = NORMAL_IGG_MG_DL * production
    decay = np.exp(-k * np.diff(t))
    # over each step, the exact response to a target moving linearly from a to b
    a, b, h = target[:-1], target[1:], np.diff(t)
    gain = b - (b - a) * (1 - decay) / (k * h) - a * decay
    # out[i+1] = decay_i out[i] + gain_i, unrolled as a scaled cumulative sum
    log_decay = np.concatenate(([0.0], np.cumsum(np.log(decay))))
    level = np.exp(log_decay) * (start_mg_dl + np.concatenate(([0.0], np.cumsum(gain * np.exp(-log_decay[1:])))))
    return np.maximum(level, 0.0)


def _stays_above(t: np.ndarray, values: np.ndarray, level: float) -> float | None:
    below = np.flatnonzero(values < level)
    if below.size == 0:
        return float(t[0])
    return None if below[-1] == t.size - 1 else float(t[below[-1] + 1])


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def _logistic(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


@validated(PARAMS)
def simulate(*, disease: str, age_months: float, donor: str, conditioning: str, graft_source: str, cd34_per_kg: float,
             infection_status: str, t_cell_depletion_logs: float, dose_mg_per_kg: float, interval_days: int,
             ivig_stop_igg_mg_dl: float, days: int, t_expansion_per_month: float, nk_lag_days: float,
             nk_fill_days: float, b_lag_days: float, b_fill_days: float, thymic_lag_days: float,
             naive_t_fill_days_infant: float, thymic_halving_years: float, scid_thymus_advantage: float,
             aplastic_anc_1e9_per_l: float, normal_anc_1e9_per_l: float, igg_half_life_days: float,
             igg_volume_ml_per_kg: float, opportunistic_per_year: float, baseline_survival: float,
             age_hazard_ratio: float, active_infection_hazard_ratio: float, failure_per_depletion_log: float,
             gvhd_per_depletion_log: float) -> Reconstitution:
    """Lineage recovery (cells/uL, with normal ranges for age), IgG with and without IVIG, infection risk and a toy
    survival over ``days`` after a transplant for ``disease`` at ``age_months``.

    >>> result = simulate(**SCENARIOS["infant X-SCID, unconditioned marrow from a sibling"].kwargs())
    >>> result.donor_stem_cell_share < 0.05, result.ivig_free_day is None
    (True, True)
    """
    defects = dict(DEFECTS[disease])
    if defects["marrow"] is None:  # aplastic anaemia: the host marrow makes this share of normal
        defects["marrow"] = min(aplastic_anc_1e9_per_l / normal_anc_1e9_per_l, 1.0)
    scid = disease in SCID
    # what the graft's cells can do: everything, unless they are the patient's own (autologous)
    graft_can = defects if donor == "autologous" else dict(t=1, b=1, b_works=1, nk=1, cd40l=1, plasma=0, marrow=1)
    t = np.arange(0.0, days + 1.0)  # whole days: recovery days do not depend on the span shown
    age_at = age_months + t / DAYS_PER_MONTH

    # --- the marrow: neutrophils, donor arrival, risks (transplant.simulate)
    graft = transplant.simulate(graft_source=graft_source, cd34_per_kg=cd34_per_kg, conditioning=conditioning,
                                donor=donor, days=TRANSPLANT_DAYS, normal_anc_1e9_per_l=normal_anc_1e9_per_l)
    chimerism = np.interp(t, graft.days, graft.donor_chimerism)
    anc = np.interp(t, graft.days, graft.anc) * (chimerism * graft_can["marrow"] + (1 - chimerism) * defects["marrow"])
    arrival = arrival_day(graft)

    # --- stem-cell share and T-cell expansion (niche.compete, notebook 03)
    logs = transplant.CONDITIONING_LOGS[conditioning]
    months = int(np.clip(np.ceil(days / DAYS_PER_MONTH), niche.PARAMS["months"].low, niche.PARAMS["months"].high))
    marrow = niche.compete(conditioning_logs=logs, donor_dose=cd34_per_kg / 1e6, homing=niche.CASHMAN_HOMING,
                           hsc_per_million_cd34=transplant.REPOPULATING_PER_CD34[graft_source] * 1e6
                           / niche.CASHMAN_HOMING, host="scid" if scid else "immunocompetent",
                           graft_t_cells=GRAFT_T_SHARE[graft_source] * 10.0 ** -t_cell_depletion_logs,
                           t_expansion_per_month=t_expansion_per_month, months=months)
    c = marrow.final_hsc_chimerism
    at_months = t / DAYS_PER_MONTH
    expanded_donor = np.interp(at_months, marrow.months, marrow.donor_t_cells) * graft_can["t"]
    expanded_host = np.interp(at_months, marrow.months, marrow.host_t_cells) * defects["t"]
    spared = 10.0 ** -logs  # host lymphocytes conditioning spares (niche.compete's assumption for T cells)

    def lineage(key: str, lag: float, fill: float) -> tuple[np.ndarray, np.ndarray]:
        """(host, donor) parts of a marrow-made lineage, relative to normal for age."""
        filled = filling(t, arrival + lag, fill)
        host = (1 - c) * defects[key] * defects["marrow"] * (spared + (1 - spared) * filled)
        return host, c * graft_can[key] * graft_can["marrow"] * filled

    nk_host, nk_donor = lineage("nk", nk_lag_days, nk_fill_days)
    b_host, b_donor = lineage("b", b_lag_days, b_fill_days)

    # naive T cells from the thymus: slower with age; an empty SCID thymus fills with donor progenitors
    thymic_fill = naive_t_fill_days_infant * 2.0 ** (age_months / 12 / thymic_halving_years)
    thymus = filling(t, arrival + thymic_lag_days, thymic_fill)
    host_thymic = (1 - c) * defects["t"] * defects["marrow"]
    donor_thymic = min(1.0, c * graft_can["t"] * graft_can["marrow"] * (scid_thymus_advantage if scid else 1.0))
    thymic = host_thymic + donor_thymic
    naive = min(thymic, 1.0) * thymus
    naive_donor_share = donor_thymic / thymic if thymic > 0 else 0.0
    expanded = expanded_host + expanded_donor
    t_level = naive + expanded * (1 - naive)
    t_donor = naive * naive_donor_share + expanded_donor * (1 - naive)
    donor_t_share = np.divide(t_donor, t_level, out=np.zeros_like(t), where=t_level > 0)
    thymic_share = np.divide(naive, t_level, out=np.zeros_like(t), where=t_level > 0)

    # --- IgG: working B cells with help from T cells bearing CD40L
    working_t = t_donor * graft_can["cd40l"] + (t_level - t_donor) * defects["cd40l"]
    help_ = np.minimum(working_t / T_HELP_SATURATION, 1.0)
    working_b = b_donor * graft_can["b_works"] + b_host * defects["b_works"]
    production = np.minimum(defects["plasma"] + working_b * help_, 1.0)
    ivig_needed = disease in ANTIBODY_DEFICIENT
    own = _own_igg(t, production, NORMAL_IGG_MG_DL * defects["plasma"], igg_half_life_days)
    regimen = dict(dose_mg_per_kg=dose_mg_per_kg, interval_days=interval_days, igg_half_life_days=igg_half_life_days,
                   igg_volume_ml_per_kg=igg_volume_ml_per_kg)
    if ivig_needed:
        free_day = _stays_above(t, own, ivig_stop_igg_mg_dl)
        last_dose = None if free_day is None else float(np.ceil(free_day / interval_days) - 1) * interval_days
        with_ivig = own + ivig.passive_igg(t, last_dose_day=last_dose, **regimen)
    else:
        free_day, with_ivig = float(t[0]), own

    # --- counts in cells/uL with the normal range for age on each day
    ranges = {name: physiology.normal_range_cells_per_ul(name, age_at) for name in LINEAGES}
    typical = {name: np.sqrt(low * high) for name, (low, high) in ranges.items()}
    counts = {"neutrophil": anc * transplant.CELLS_PER_UL_PER_1E9_PER_L,
              "nk": typical["nk"] * (nk_host + nk_donor),
              "b_cell": typical["b_cell"] * (b_host + b_donor),
              "cd4": typical["cd4"] * t_level,
              "cd8": typical["cd8"] * t_level}
    lineage_course = course.LineageCourse(days=t, counts=counts,
                                          normal_low={name: ranges[name][0] for name in LINEAGES},
                                          normal_high={name: ranges[name][1] for name in LINEAGES})

    # --- infection risk
    neutropenic = np.interp(t, graft.days, graft.cumulative_infection_risk)
    neutropenic_per_year = np.interp(t, graft.days, graft.infection_hazard_per_day) * DAYS_PER_YEAR
    pneumonia = ivig.pneumonia_rates(with_ivig)
    cd4_short = np.clip(1 - counts["cd4"] / ranges["cd4"][0], 0.0, 1.0)
    opportunistic = opportunistic_per_year * cd4_short
    hazard_per_day = (pneumonia + opportunistic) / DAYS_PER_YEAR
    integral = np.concatenate(([0.0], np.cumsum(np.diff(t) * 0.5 * (hazard_per_day[1:] + hazard_per_day[:-1]))))
    cumulative = 1 - (1 - neutropenic) * np.exp(-integral)

    # --- risks and toy survival
    failure_logit = _logit(graft.graft_failure_risk) + failure_per_depletion_log * t_cell_depletion_logs
    if scid and donor != "autologous":  # a SCID host has no T cells to reject the graft
        failure_logit -= transplant.FAILURE_LOG_ODDS["conditioning"][conditioning]
    gvhd = graft.acute_gvhd_risk
    if gvhd > 0:
        gvhd = _logistic(_logit(gvhd) - gvhd_per_depletion_log * t_cell_depletion_logs)
    older = age_months > SCID_AGE_MONTHS
    infection = {"never": 1.0, "resolved": RESOLVED_HAZARD, "active": active_infection_hazard_ratio}[infection_status]
    hazard = ((age_hazard_ratio if older else 1.0) * infection * DONOR_HAZARD[donor]
              * CONDITIONING_HAZARD[conditioning])
    survival = float(baseline_survival ** hazard)

    return Reconstitution(
        disease=disease, age_months=age_months, course=lineage_course, igg_own_mg_dl=own,
        igg_with_ivig_mg_dl=with_ivig, ivig_needed=ivig_needed, ivig_free_day=free_day, donor_stem_cell_share=c,
        donor_t_cell_share=donor_t_share, naive_t=naive, expanded_t=expanded, thymic_share_of_t=thymic_share,
        class_switch_help=help_,
        igg_production=production, neutropenic_risk=neutropenic, neutropenic_per_year=neutropenic_per_year,
        pneumonia_per_year=pneumonia, opportunistic_per_year=opportunistic, cumulative_infection_risk=cumulative,
        survival_estimate=survival, graft_failure_risk=_logistic(failure_logit), acute_gvhd_risk=gvhd,
        neutrophil_engraftment_day=graft.neutrophil_engraftment_day,
    )

