"""Gene therapy with the patient's own stem cells: transduction, engraftment, marking per lineage, genotoxicity, clones.

Autologous: the patient's CD34+ cells are collected, given a working copy of the gene ex vivo with a viral vector,
and infused after busulfan. There is no donor, so no GVHD and no rejection; what matters is how many corrected stem
cells engraft and what the disease does to the cells that were not corrected.

Transduction (``transduction``, ``poisson_copies``). Integrations per cell are Poisson with mean m (Fehse et al.
2004). From an MOI (vector particles per cell) m = MOI x e, with e the effective integrations per particle (a stated
teaching assumption). Then

    P(k) = e^-m m^k / k!,   fraction transduced f = 1 - e^-m,   copies per transduced cell = m / (1 - e^-m),

and the bulk vector copy number a laboratory reports (copies averaged over all cells) is m itself.

Engraftment (``simulate``). Long-term HSCs take up a gamma-retroviral vector less well than bulk CD34+ cells (it
needs a dividing cell; a lentiviral vector does not): m_HSC = m x ``gamma_retroviral_hsc_transduction`` for
gamma-retroviral vectors, m for lentiviral ones, f_HSC = 1 - e^-m_HSC. Culture costs repopulating ability: the
infused dose engrafts as ``repopulating_after_culture`` x the dose would. ``niche.compete`` gives the infused cells'
share s of stem cells after busulfan (busulfan none / reduced / myeloablative = 0 / 2 / 4 logs of host stem cells,
the toy scale of notebooks 03-05); the corrected share of HSCs is c = s f_HSC. Myeloid marking is c: corrected
neutrophils have no advantage. Neutrophil counts and the day infused cells' output reaches the blood come from
``transplant.simulate`` with the patient's own cells (``donor="autologous"``).

Selection (per lineage). Let h be what the patient's uncorrected cells can make of a lineage (reconstitution's
``DEFECTS``: 1 works, 0 missing). Where h = 1, corrected cells are one share among equals: level 1, marking c. Where
the disease kills uncorrected lymphocytes (h = 0), the lineage is empty and corrected progenitors fill it:
level = min(1, c x a), marking 1, with a = ``thymic_selection_fold`` for T cells and the smaller
``marrow_lymphoid_selection_fold`` for NK and B cells. The level rises after
the arrival day E plus a lag L with the filling time tau of ``reconstitution`` (A(t) = 1 - exp(-(t - E - L)/tau));
the host part of a working lineage is (1 - c) h: busulfan kills stem and progenitor cells, not the child's mature
lymphocytes (unlike the lymphocyte-killing drugs of a donor transplant's conditioning), and marking
is corrected / (corrected + host). T cells come from the thymus only (a CD34+ product carries no mature T cells),
with the age-dependent filling time of ``reconstitution``. So X-SCID (IL2RG: no T or NK cells, B cells present)
gives corrected T and NK cells but B-cell marking no higher than c: the gamma-retroviral X-SCID trials without
conditioning had no corrected B cells (Hacein-Bey-Abina 2008; Howe 2008). ADA-SCID (toxic to all lymphocytes) gives
corrected T, B and NK cells (Aiuti 2009). The count of each lineage is its level times the geometric middle of the
normal range for age (``physiology.normal_range_cells_per_ul``), as in ``reconstitution``.

Genotoxicity index (teaching assumption for the sizes): copies per transduced HSC x a per-copy weight, 1 for a
gamma-retroviral vector with intact LTR enhancers and ``lentiviral_genotoxicity_ratio`` for a self-inactivating
lentiviral vector (direction: enhancer-driven LMO2/CCND2 activation in the X-SCID leukaemias, Hacein-Bey-Abina
2008; Howe 2008). 1 = one gamma-retroviral copy per transduced cell. It is a relative index, not a probability.

Clones (``clonal_dynamics``). N marked HSCs carry K integration sites (K clones of about N/K cells each); clone 0 has a
growth advantage s per HSC division. Each HSC generation (``hsc_division_interval_days``) is a Wright-Fisher
resampling: the advantaged clone's count is Binomial(N, x(1+s)/(1+s x)) (its exact marginal), the other clones share
the rest multinomially. The chance that the advantaged clone exceeds the dominance threshold within the years shown
is the share of R seeded replicate runs in which it does, with Monte Carlo standard error sqrt(p(1-p)/R). With more
than 40 generations, steps of g generations resample a population of N/g (same drift per generation) and select by
(1+s)^g. Neutral clones start at most at 1/50 of the marked cells and the threshold is at least 30%: even over the
longest span allowed (~150 generations of N >= 1000 cells, drift sd ~ 0.05) a neutral clone reaching it is more than
5 standard deviations away, so the advantaged clone is the one that can dominate (the result reports the largest
neutral share in the run shown).

What the toy leaves out, and where it breaks:
- Marking is fixed once engraftment is set; early marking from short-lived transduced progenitors, silencing of the
  vector, loss of corrected clones and late conversion are not shown. Marking counts a cell with >= 1 copy.
- ADA-SCID is systemic: corrected cells lower the toxic metabolites for every cell (cross-correction), so some
  uncorrected lymphocytes survive. The toy lets none survive, so its B and NK marking in ADA-SCID (1.0) is above
  the 52-88% mean lymphoid marking of Aiuti 2009. Enzyme replacement (PEG-ADA) is not modelled.
- XLA and X-linked hyper-IgM get the same rules (BTK-corrected B cells would have an advantage; CD40L cells none),
  but no trial stands behind those numbers; severe aplastic anaemia has no gene to add and is refused.
- Busulfan is a three-step choice on the toy log scale, not an exposure (AUC); the neutrophil dip after "reduced"
  busulfan is the transplant model's reduced-intensity dip, deeper than a single low dose gives. Neutrophil kinetics
  use the uncultured dose.
- The genotoxicity index has no disease, transgene or age in it (the ADA-SCID gamma-retroviral trials had no
  leukaemia in Cicalese 2016's 18 patients, the X-SCID ones had 5 in 20), and no second hits (NOTCH1, CDKN2A: one
  insertion is not the whole story). The clone model is of HSCs; the X-SCID leukaemias grew in T-cell progenitors.
- IgG, IVIG and infections are not modelled here (see notebook 05 for a donor graft).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..params import Choice, Param, ParamSet, Scenario, validated
from . import course, diagnosis, hematopoiesis, niche, physiology, reconstitution, transplant

FEHSE = "Fehse et al. 2004, Gene Ther 11"
AIUTI = "Aiuti et al. 2009, NEJM 360:447"
CICALESE = "Cicalese et al. 2016, Blood 128:45"
HACEIN_BEY_ABINA = "Hacein-Bey-Abina et al. 2008, JCI 118:3132"
HOWE = "Howe et al. 2008, JCI 118:3143"
SHAW = "Shaw et al. 2017, JCI 127:1689"
MAMCARZ = "Mamcarz et al. 2019, NEJM 380:1525"
CATLIN = "Catlin et al. 2011, Blood 117:4460"
TOY = "teaching assumption"

VECTORS = ("gamma_retroviral", "lentiviral_sin")
BUSULFAN = transplant.CONDITIONINGS  # ("none", "reduced", "myeloablative")
BUSULFAN_LOGS = transplant.CONDITIONING_LOGS  # toy scale of notebooks 03-05: 0, 2, 4 logs of host stem cells
GENE_DISEASES = ("x_scid", "ada_scid", "xla", "x_hyper_igm")  # reconstitution.DISEASES with a gene to add
LINEAGES = reconstitution.LINEAGES  # neutrophil, nk, b_cell, cd4, cd8
CALIBRATION = {  # published figures the tests hold the model to
    "aiuti_2009_myeloid_marking_1y": (0.035, 0.089),  # mean range in bone-marrow myeloid lineages at 1 year
    "aiuti_2009_lymphoid_marking": (0.524, 0.880),  # mean range in blood lymphocytes
    "cicalese_2016_alive": (18, 18),  # alive at median 6.9 years (2.3-13.4)
    "x_scid_gamma_leukaemias": (5, 20),  # T-ALL in 5 of 20, 2.5-5.7 years after gene therapy
}
MAX_STEPS = 40  # clonal_dynamics: at most this many resampling steps (plus the start) per run
DAYS_PER_YEAR = reconstitution.DAYS_PER_YEAR
DAYS_PER_MONTH = reconstitution.DAYS_PER_MONTH
TRANSPLANT_DAYS = reconstitution.TRANSPLANT_DAYS

_R = reconstitution.PARAMS
TRANSDUCTION_PARAMS = ParamSet(
    Param("moi", 50, 0, 200, "particles/cell", "multiplicity of infection: vector particles (transducing units) "
          "added per CD34+ cell", f"{TOY}: clinical transductions use tens to ~100 per cell", step=1,
          label="MOI"),
    Param("integrations_per_moi", 0.02, 0.001, 0.1, "integrations/particle", "effective integrations per cell for "
          "each particle per cell (m = MOI x this)", f"{TOY}: MOI 50 gives m = 1, a bulk VCN of 1", log=True,
          label="integrations per particle"),
    Param("integrations_per_cell", 1.0, 0, 10, "copies/cell", "m: mean effective integrations per cell (the "
          "Poisson mean; also the bulk vector copy number)", FEHSE, step=0.05, label="mean integrations m"),
    Param("max_copies", 10, 3, 30, "copies", "largest copy number k listed in the distribution P(k)",
          "display setting", integer=True),
)
SIMULATE_PARAMS = ParamSet(
    _R["disease"],
    diagnosis.PARAMS["age_months"],
    Choice("vector", "lentiviral_sin", VECTORS, "the vector that carries the gene: gamma-retroviral with intact LTR "
           "enhancers (2000s trials) or self-inactivating (SIN) lentiviral", f"{HACEIN_BEY_ABINA}; {HOWE}; {MAMCARZ}",
           option_labels=("gamma-retroviral (LTR)", "lentiviral (SIN)")),
    Choice("busulfan", "reduced", BUSULFAN, "busulfan before the infusion: none, reduced (non-myeloablative, "
           "e.g. 90 mg/m2 in an ADA-SCID trial) or myeloablative; kills 0, 2 or 4 logs of host stem cells "
           "on the toy scale", f"{AIUTI} (non-myeloablative busulfan); {SHAW}: 90 mg/m2 = 2.65-5.23 mg/kg; toy "
           "scale as niche.compete", option_labels=("none", "reduced (non-myeloablative)", "myeloablative")),
    TRANSDUCTION_PARAMS["moi"],
    TRANSDUCTION_PARAMS["integrations_per_moi"],
    transplant.PARAMS["graft_source"],
    transplant.PARAMS["cd34_per_kg"],
    Param("repopulating_after_culture", 0.1, 0.01, 1, "fraction", "share of the repopulating ability the CD34+ "
          "cells keep after 2-4 days of culture and transduction (the dose engrafts as this share of itself would)",
          f"{TOY}: cultured cells engraft less well than fresh ones", log=True, label="repopulation kept in culture"),
    Param("gamma_retroviral_hsc_transduction", 0.3, 0.05, 1, "x", "integrations in long-term HSCs relative to bulk "
          "CD34+ cells for a gamma-retroviral vector (it needs a dividing cell; lentiviral vectors: 1)",
          f"{TOY}; tuned so ADA-SCID myeloid marking lands in Aiuti 2009's 3.5-8.9%", step=0.01,
          label="gamma-retroviral HSC transduction"),
    Param("lentiviral_genotoxicity_ratio", 0.05, 0.001, 1, "x", "genotoxicity per copy of a SIN lentiviral vector "
          "relative to a gamma-retroviral copy with LTR enhancers", f"{TOY} for the size; direction from "
          f"{HACEIN_BEY_ABINA} and {HOWE} (LTR enhancers activated LMO2, CCND2)", log=True),
    Param("days", 1825, 180, 3650, "days", "days after the infusion shown", "display setting", integer=True, step=30,
          label="time shown"),
    Param("thymic_selection_fold", 1000, 10, 1e4, "x", "how much more of an empty thymus corrected progenitors "
          "fill than their share of HSCs, where the disease kills uncorrected T-cell precursors",
          f"{TOY}: fewer than 1,000 progenitors can give a fully diverse T-cell repertoire (review, J Exp Med "
          "2020, 217:e20190607); larger than notebook 05's scid_thymus_advantage, because a few corrected cells "
          "(c ~ 0.1% without busulfan) still gave T cells in the X-SCID trials", log=True,
          label="thymic selection"),
    Param("marrow_lymphoid_selection_fold", 3, 1, 30, "x", "the same for NK and B cells made in the marrow, where "
          "the disease kills the uncorrected ones (no thymic bottleneck: a smaller gain)",
          f"{TOY}: NK and B cells recovered less well than T cells after unconditioned X-SCID gene therapy, and "
          f"normalised with busulfan ({MAMCARZ})", log=True, label="NK and B-cell selection"),
    _R["nk_lag_days"], _R["nk_fill_days"], _R["b_lag_days"], _R["b_fill_days"], _R["thymic_lag_days"],
    _R["naive_t_fill_days_infant"], _R["thymic_halving_years"],
    physiology.NORMAL_ANC,
    inherits={"niche.compete": niche.PARAMS.subset(["homing", "niches_per_kg", "free_niches"]),
              "transplant.simulate": transplant.PARAMS.subset(["marrow_regrowth_per_day",
                                                               "neutrophil_delay_marrow_days"])},
)
CLONE_PARAMS = ParamSet(
    Param("clones", 500, 50, 1000, "clones", "integration sites among the marked HSCs (one clone each)",
          f"{TOY}: patients carry thousands of sites, most of them small", integer=True, step=10),
    Param("marked_hscs", 2000, 1000, 1e5, "cells", "marked (transduced, engrafted) HSCs making blood",
          f"{TOY}; 50,000-200,000 HSCs in all (Lee-Six et al. 2018)", log=True, label="marked HSCs"),
    Param("years", 10, 1, 20, "years", "years followed after the infusion", "display setting", step=0.5,
          label="years followed"),
    Param("advantage", 0.5, 0, 1, "per division", "growth advantage of the one clone with an insertion near a "
          "growth gene: (1 + s) times the offspring of a neutral clone per HSC division",
          f"{TOY}: a clone that comes to dominate in years", step=0.01),
    Param("dominance_threshold", 0.5, 0.3, 0.9, "fraction", "share of the marked cells above which one clone "
          "counts as dominant", f"{TOY}: 50% of marked cells", step=0.05),
    Param("replicates", 300, 100, 4000, "runs", "seeded replicate runs behind the chance of dominance "
          "(standard error <= 0.5 / sqrt(runs))", "numerical setting", integer=True, step=100),
    hematopoiesis.PARAMS["hsc_division_interval_days"],
    hematopoiesis.PARAMS["seed"],
)
PARAMS = TRANSDUCTION_PARAMS + SIMULATE_PARAMS + CLONE_PARAMS

_MARROW = dict(graft_source="bone_marrow", cd34_per_kg=5e6)
SCENARIOS = PARAMS.scenarios({
    "X-SCID, lentiviral + busulfan": Scenario(
        "a 3-month-old with X-SCID found by newborn screening: a SIN lentiviral IL2RG vector after low-exposure "
        "busulfan, as in Mamcarz 2019", disease="x_scid", age_months=3, vector="lentiviral_sin", moi=50,
        busulfan="reduced", **_MARROW),
    "X-SCID, lentiviral, no busulfan": Scenario(
        "the same lentiviral vector without busulfan: T cells, but few corrected B cells", disease="x_scid",
        age_months=3, vector="lentiviral_sin", moi=50, busulfan="none", **_MARROW),
    "X-SCID, 2000s gamma-retroviral": Scenario(
        "an infant with X-SCID as in the 2000s trials: a gamma-retroviral IL2RG vector (LTR enhancers), no "
        "conditioning (age and VCN 0.5: teaching assumptions)", disease="x_scid", age_months=6,
        vector="gamma_retroviral", moi=25, busulfan="none",
        **_MARROW),
    "ADA-SCID, lentiviral + busulfan": Scenario(
        "an 18-month-old with ADA-SCID: own marrow CD34+ cells, a SIN lentiviral vector at a bulk VCN of 1, reduced "
        "(non-myeloablative) busulfan", disease="ada_scid", age_months=18, vector="lentiviral_sin", moi=50,
        busulfan="reduced", **_MARROW),
    "ADA-SCID, gamma-retroviral (Aiuti 2009)": Scenario(
        "as in the Milan trials (Aiuti 2009): a gamma-retroviral ADA vector after non-myeloablative busulfan (bulk "
        "VCN 0.5: a teaching assumption)",
        disease="ada_scid", age_months=18, vector="gamma_retroviral", moi=25, busulfan="reduced", **_MARROW),
    "ADA-SCID, lentiviral, myeloablative": Scenario(
        "full busulfan: almost every stem cell an infused one", disease="ada_scid", age_months=18,
        vector="lentiviral_sin", moi=50, busulfan="myeloablative", **_MARROW),
})
TRANSDUCTION_SCENARIOS = PARAMS.scenarios({
    "little vector (MOI 25)": Scenario("half the default vector: m = 0.5", moi=25),
    "bulk VCN 1 (MOI 50)": Scenario("the default: m = 1, a bulk vector copy number of 1"),
    "much vector (MOI 150)": Scenario("three times the vector: m = 3", moi=150),
})
CLONE_SCENARIOS = PARAMS.scenarios({
    "neutral drift": Scenario("500 sites, no clone with an advantage", advantage=0.0),
    "a weak advantage": Scenario("one clone makes 20% more offspring per division", advantage=0.2),
    "a clone with an advantage": Scenario("one of 500 clones makes 50% more offspring per division (the defaults)"),
    "a strong advantage": Scenario("one clone makes 80% more offspring per division", advantage=0.8),
})


# ---------------------------------------------------------------- transduction


@dataclass(frozen=True)
class Transduction:
    """Vector copies per cell after transduction: Poisson with mean m."""

    mean_integrations: float  # m, effective integrations per cell
    moi: float | None  # particles per cell, if m came from an MOI
    copies: np.ndarray  # k = 0..K
    probability: np.ndarray  # P(k), Poisson, k = 0..K
    tail_probability: float  # P(k > K), summed term by term (not 1 - sum, so sum + tail = 1 is a check)
    fraction_transduced: float  # 1 - e^-m
    copies_per_transduced_cell: float  # m / (1 - e^-m); 1 in the limit m -> 0
    bulk_vcn: float  # mean copies over all cells = m (what a laboratory reports)

    @property
    def transduced_distribution(self) -> np.ndarray:
        """P(k | k >= 1) for k = 0..K (0 at k = 0): copies among transduced cells."""
        if self.fraction_transduced == 0:
            return np.zeros_like(self.probability)
        return np.where(self.copies >= 1, self.probability, 0.0) / self.fraction_transduced


def _poisson(m: float, copies: np.ndarray) -> np.ndarray:
    if m == 0:
        return (copies == 0).astype(float)
    log_factorial = np.array([math.lgamma(k + 1.0) for k in copies])
    return np.exp(-m + copies * math.log(m) - log_factorial)


def _copies_per_transduced(m: float) -> float:
    return 1.0 if m == 0 else float(m / -math.expm1(-m))


def _transduction(m: float, max_copies: int, moi: float | None) -> Transduction:
    k = np.arange(max_copies + 1)
    beyond = np.arange(max_copies + 1, max_copies + 1 + 60 + int(10 * m))  # the tail to below 1e-16
    return Transduction(mean_integrations=m, moi=moi, copies=k, probability=_poisson(m, k),
                        tail_probability=float(_poisson(m, beyond).sum()), fraction_transduced=float(-math.expm1(-m)),
                        copies_per_transduced_cell=_copies_per_transduced(m), bulk_vcn=m)


@validated(TRANSDUCTION_PARAMS.subset(["integrations_per_cell", "max_copies"]))
def poisson_copies(*, integrations_per_cell: float, max_copies: int) -> Transduction:
    """The copy-number distribution for a Poisson mean of ``integrations_per_cell`` (m) integrations per cell.

    >>> result = poisson_copies(integrations_per_cell=1.0)
    >>> round(result.fraction_transduced, 3), round(result.copies_per_transduced_cell, 3)
    (0.632, 1.582)
    """
    return _transduction(integrations_per_cell, max_copies, None)


@validated(TRANSDUCTION_PARAMS.subset(["moi", "integrations_per_moi", "max_copies"]))
def transduction(*, moi: float, integrations_per_moi: float, max_copies: int) -> Transduction:
    """The copy-number distribution after transducing at ``moi`` particles per cell: m = moi x integrations_per_moi.

    >>> round(transduction(moi=50).bulk_vcn, 3)
    1.0
    """
    return _transduction(moi * integrations_per_moi, max_copies, moi)


# ---------------------------------------------------------------- engraftment, marking, genotoxicity


@dataclass(frozen=True)
class GeneTherapy:
    """Engraftment, lineage counts and marking after autologous gene therapy. Days count from the infusion."""

    disease: str
    vector: str
    busulfan: str
    age_months: float
    course: course.LineageCourse  # neutrophil, nk, b_cell, cd4, cd8 in cells/uL with the normal range for age
    marking: dict[str, np.ndarray]  # per lineage: share of cells carrying the vector (0..1) each day
    transduction: Transduction  # in bulk CD34+ cells (what the laboratory measures before infusion)
    hsc_transduced_fraction: float  # f_HSC: share of long-term HSCs with >= 1 copy
    copies_per_transduced_hsc: float  # copies per transduced HSC
    infused_hsc_share: float  # s: share of stem cells that are infused ones (niche.compete)
    corrected_hsc_share: float  # c = s f_HSC
    lymphoid_advantage: dict[str, bool]  # per lineage: does the disease kill the uncorrected cells of it?
    genotoxicity_index: float  # relative: 1 = one gamma-retroviral copy per transduced cell
    neutrophil_engraftment_day: int | None  # transplant.simulate's (None: the ANC never fell)

    @property
    def days(self) -> np.ndarray:
        return self.course.days

    def marking_at(self, lineage: str, day: float) -> float:
        """Marking of ``lineage`` on ``day`` (interpolated)."""
        if lineage not in self.marking:
            raise ValueError(f"lineage={lineage!r} is not in this course; choose one of {', '.join(self.marking)}")
        t = self.days
        if not t[0] <= day <= t[-1]:
            raise ValueError(f"day={day:g} is outside {t[0]:g}..{t[-1]:g} days")
        return float(np.interp(day, t, self.marking[lineage]))

    def vcn(self, lineage: str, day: float) -> float:
        """Vector copies per cell of ``lineage`` on ``day``: marking x copies per transduced HSC."""
        return self.marking_at(lineage, day) * self.copies_per_transduced_hsc

    def recovery_day(self, lineage: str) -> float | None:
        return self.course.recovery_day(lineage)


def genotoxicity(copies_per_transduced_cell: float, vector: str, lentiviral_ratio: float) -> float:
    """Relative genotoxicity index: copies per transduced cell x the per-copy weight of the vector (1 for
    gamma-retroviral LTR vectors, ``lentiviral_ratio`` for SIN lentiviral ones). Teaching assumption."""
    if vector not in VECTORS:
        raise ValueError(f"vector={vector!r} is not a valid choice; choose one of {', '.join(map(repr, VECTORS))}")
    return float(copies_per_transduced_cell * (1.0 if vector == "gamma_retroviral" else lentiviral_ratio))


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    return np.clip(np.divide(part, whole, out=np.zeros_like(whole), where=whole > 0), 0.0, 1.0)


@validated(SIMULATE_PARAMS)
def simulate(*, disease: str, age_months: int, vector: str, busulfan: str, moi: float, integrations_per_moi: float,
             graft_source: str, cd34_per_kg: float, repopulating_after_culture: float,
             gamma_retroviral_hsc_transduction: float, lentiviral_genotoxicity_ratio: float, days: int,
             thymic_selection_fold: float,
             marrow_lymphoid_selection_fold: float, nk_lag_days: float, nk_fill_days: float, b_lag_days: float,
             b_fill_days: float, thymic_lag_days: float, naive_t_fill_days_infant: float,
             thymic_halving_years: float, normal_anc_1e9_per_l: float) -> GeneTherapy:
    """Lineage counts (cells/uL, with normal ranges for age) and vector marking per lineage over ``days`` after
    autologous gene therapy for ``disease``, with the genotoxicity index of the vector and copy number.

    >>> result = simulate(**SCENARIOS["X-SCID, 2000s gamma-retroviral"].kwargs())
    >>> result.marking_at("cd4", 1095) > 0.99, result.marking_at("b_cell", 1095) < 0.01
    (True, True)
    """
    if disease not in GENE_DISEASES:
        raise ValueError(f"disease={disease!r} has no gene to add (acquired marrow failure); gene therapy models "
                         f"choose one of {', '.join(map(repr, GENE_DISEASES))}")
    defects = reconstitution.DEFECTS[disease]
    scid = disease in reconstitution.SCID
    t = np.arange(0.0, days + 1.0)
    age_at = age_months + t / DAYS_PER_MONTH

    # --- transduction: bulk CD34+ cells, and long-term HSCs
    bulk = _transduction(moi * integrations_per_moi, int(TRANSDUCTION_PARAMS["max_copies"].default), moi)
    m_hsc = bulk.mean_integrations * (gamma_retroviral_hsc_transduction if vector == "gamma_retroviral" else 1.0)
    f_hsc = float(-math.expm1(-m_hsc))

    # --- engraftment of the infused cells (niche.compete): share s of stem cells; corrected share c
    logs = BUSULFAN_LOGS[busulfan]
    months = int(np.clip(np.ceil(days / DAYS_PER_MONTH), niche.PARAMS["months"].low, niche.PARAMS["months"].high))
    marrow = niche.compete(conditioning_logs=logs, donor_dose=cd34_per_kg * repopulating_after_culture / 1e6,
                           homing=niche.CASHMAN_HOMING,
                           hsc_per_million_cd34=transplant.REPOPULATING_PER_CD34[graft_source] * 1e6
                           / niche.CASHMAN_HOMING, host="scid" if scid else "immunocompetent", graft_t_cells=0.0,
                           months=months)
    s = marrow.final_hsc_chimerism
    c = s * f_hsc

    # --- neutrophils and the arrival of the infused cells' output (transplant.simulate, autologous)
    graft = transplant.simulate(graft_source=graft_source, cd34_per_kg=cd34_per_kg, conditioning=busulfan,
                                donor="autologous", days=TRANSPLANT_DAYS, normal_anc_1e9_per_l=normal_anc_1e9_per_l)
    final = graft.final_donor_chimerism
    arriving = np.interp(t, graft.days, graft.donor_chimerism) / final if final > 0 else np.zeros_like(t)
    arrival = reconstitution.arrival_day(graft)
    anc = np.interp(t, graft.days, graft.anc)  # the patient's own marrow makes neutrophils in every gene disease


    def lineage(key: str, start: float, fill: float, fold: float) -> tuple[np.ndarray, np.ndarray, bool]:
        """(corrected, uncorrected) levels of a lineage relative to normal for age, and whether selection acts."""
        filled = reconstitution.filling(t, start, fill)
        if defects[key]:  # uncorrected cells work: corrected ones are one share among equals
            return c * filled, np.full_like(t, 1 - c), False  # busulfan spares mature lymphocytes
        return min(1.0, c * fold) * filled, np.zeros_like(t), True

    thymic_fill = naive_t_fill_days_infant * 2.0 ** (age_months / 12 / thymic_halving_years)
    marrow_fold = marrow_lymphoid_selection_fold
    parts = {"nk": lineage("nk", arrival + nk_lag_days, nk_fill_days, marrow_fold),
             "b_cell": lineage("b", arrival + b_lag_days, b_fill_days, marrow_fold),
             "t": lineage("t", arrival + thymic_lag_days, thymic_fill, thymic_selection_fold)}

    ranges = {name: physiology.normal_range_cells_per_ul(name, age_at) for name in LINEAGES}
    typical = {name: np.sqrt(low * high) for name, (low, high) in ranges.items()}
    counts = {"neutrophil": anc * transplant.CELLS_PER_UL_PER_1E9_PER_L}
    marking = {"neutrophil": np.clip(c * arriving, 0.0, 1.0)}
    advantage = {"neutrophil": False}
    for name, key in (("nk", "nk"), ("b_cell", "b_cell"), ("cd4", "t"), ("cd8", "t")):
        corrected, uncorrected, selected = parts[key]
        counts[name] = typical[name] * (corrected + uncorrected)
        marking[name] = _share(corrected, corrected + uncorrected)
        advantage[name] = selected
    lineage_course = course.LineageCourse(days=t, counts=counts,
                                          normal_low={name: ranges[name][0] for name in LINEAGES},
                                          normal_high={name: ranges[name][1] for name in LINEAGES})
    copies = _copies_per_transduced(m_hsc)
    return GeneTherapy(
        disease=disease, vector=vector, busulfan=busulfan, age_months=age_months, course=lineage_course,
        marking=marking, transduction=bulk, hsc_transduced_fraction=f_hsc, copies_per_transduced_hsc=copies,
        infused_hsc_share=float(s), corrected_hsc_share=float(c), lymphoid_advantage=advantage,
        genotoxicity_index=genotoxicity(copies, vector, lentiviral_genotoxicity_ratio),
        neutrophil_engraftment_day=graft.neutrophil_engraftment_day,
    )


# ---------------------------------------------------------------- next to a transplant for the same child

SAME_CHILD_AGE_MONTHS = 3  # an infant with X-SCID found by newborn screening, never infected, no matched sibling
SAME_CHILD_TRANSPLANTS = {  # reconstitution scenarios for the same child, with his age
    "a parent's T-cell-depleted blood, no conditioning": ("TIMING_SCENARIOS", "never infected, 2 months"),
    "matched unrelated marrow, reduced intensity": ("SCENARIOS", "X-SCID"),
}
SAME_CHILD_GENE_THERAPY = "X-SCID, lentiviral + busulfan"


def comparison_with_transplant() -> str:
    """Gene therapy and two donor transplants for the same infant with X-SCID, side by side as a Markdown table (one
    column per option) computed from this model and notebook 05's ``reconstitution.simulate``, never typed in."""
    corrected = simulate(**SCENARIOS[SAME_CHILD_GENE_THERAPY].kwargs(age_months=SAME_CHILD_AGE_MONTHS))
    columns = {"gene therapy (his own cells, lentiviral, reduced busulfan)": {
        "donor": "none needed",
        "CD4 T cells in the normal range": f"day {corrected.recovery_day('cd4'):.0f}",
        "B cells from the graft after a year": f"{100 * corrected.marking_at('b_cell', DAYS_PER_YEAR):.0f}% corrected",
        "IVIG": "not modelled here",
        "acute GVHD": "none (his own cells)",
        "graft failure": "not modelled here",
        "vector genotoxicity index": f"{corrected.genotoxicity_index:.2g}",
    }}
    for name, (table, scenario) in SAME_CHILD_TRANSPLANTS.items():
        result = reconstitution.simulate(**getattr(reconstitution, table)[scenario].kwargs(
            age_months=SAME_CHILD_AGE_MONTHS, infection_status="never"))
        stop, cd4 = result.ivig_free_day, result.recovery_day("cd4")
        columns[name] = {
            "donor": "a parent" if "parent" in name else "an unrelated volunteer",
            "CD4 T cells in the normal range": f"not by day {result.days[-1]:.0f}" if cd4 is None else f"day {cd4:.0f}",
            "B cells from the graft after a year": f"{100 * result.donor_stem_cell_share:.0f}% donor",
            "IVIG": f"stops on day {stop:.0f}" if stop is not None else f"still needed on day {result.days[-1]:.0f}",
            "acute GVHD": f"{100 * result.acute_gvhd_risk:.0f}%",
            "graft failure": f"{100 * result.graft_failure_risk:.0f}%",
            "vector genotoxicity index": "none (no vector)",
        }
    rows = [f"| | {' | '.join(columns)} |", "|---" * (len(columns) + 1) + "|"]
    for attribute in next(iter(columns.values())):
        rows.append(f"| {attribute} | {' | '.join(column[attribute] for column in columns.values())} |")
    return "\n".join(rows)


# ---------------------------------------------------------------- clones


@dataclass(frozen=True)
class ClonalDynamics:
    """Clone shares of the marked HSCs over years (one run shown) and the chance one clone comes to dominate."""

    years: np.ndarray  # time points, years after the infusion (0 first)
    shares: np.ndarray  # (time points, clones): share of the marked HSCs in each clone, run 0; column 0 advantaged
    advantaged_share_quantiles: np.ndarray  # (3, time points): 10th, 50th and 90th centile over the replicate runs
    dominated_by: np.ndarray  # (time points,): share of runs in which the advantaged clone has passed the threshold
    dominance_probability: float  # chance the advantaged clone exceeds the threshold within the years followed
    dominance_standard_error: float  # Monte Carlo standard error sqrt(p (1 - p) / replicates)
    largest_neutral_share: float  # the largest share any neutral clone reaches in the run shown
    extinct_share: float  # share of runs in which the advantaged clone is lost by drift
    generations: float  # HSC divisions in the years followed
    replicates: int
    seed: int
    threshold: float
    advantage: float  # s, per division


@validated(CLONE_PARAMS)
def clonal_dynamics(*, clones: int, marked_hscs: float, years: float, advantage: float, dominance_threshold: float,
                    replicates: int, hsc_division_interval_days: float, seed: int) -> ClonalDynamics:
    """Neutral drift of ``clones`` integration sites among ``marked_hscs`` HSCs and one clone with a growth
    ``advantage`` per division: Wright-Fisher resampling each HSC generation, seeded.

    >>> result = clonal_dynamics(advantage=0.0)
    >>> result.dominance_probability, bool(abs(result.shares.sum(axis=1) - 1).max() < 1e-12)
    (0.0, True)
    """
    rng = np.random.default_rng(seed)
    n = int(round(marked_hscs))
    generations = years * DAYS_PER_YEAR / hsc_division_interval_days
    steps = max(1, min(MAX_STEPS, int(math.ceil(generations - 1e-9))))
    per_step = generations / steps  # HSC generations per resampling step
    population = max(1, int(round(n / per_step)))  # resampled population: the same drift per generation
    gain = (1.0 + advantage) ** per_step
    start = np.full(clones, n // clones) + (np.arange(clones) < n % clones)
    share0 = start / n

    # the advantaged clone's exact marginal, over every replicate run at once
    x = np.full(replicates, share0[0])
    track = np.empty((steps + 1, replicates))
    track[0] = x
    for step in range(steps):
        chosen = x * gain / (1.0 + (gain - 1.0) * x)
        x = rng.binomial(population, chosen) / population
        track[step + 1] = x

    # run 0 in full: the neutral clones share what the advantaged one leaves, multinomially
    shares = np.empty((steps + 1, clones))
    shares[0] = share0
    for step in range(steps):
        neutral = shares[step, 1:]
        total = neutral.sum()
        advantaged = track[step + 1, 0]
        left = population - int(round(advantaged * population))
        if total > 0 and left > 0:
            drawn = rng.multinomial(left, neutral / total) / population
        else:
            drawn = np.zeros(clones - 1)
            advantaged = 1.0 if total == 0 else advantaged
        shares[step + 1, 0] = advantaged
        shares[step + 1, 1:] = drawn
    shares /= shares.sum(axis=1, keepdims=True)

    passed = np.maximum.accumulate(track >= dominance_threshold, axis=0)
    ordered = np.sort(track, axis=1)  # centiles by rank (nearest rank below), faster than np.quantile
    centiles = ordered[:, [int(q * (replicates - 1)) for q in (0.1, 0.5, 0.9)]].T
    p = float(passed[-1].mean())
    return ClonalDynamics(
        years=np.arange(steps + 1) * per_step * hsc_division_interval_days / DAYS_PER_YEAR, shares=shares,
        advantaged_share_quantiles=centiles, dominated_by=passed.mean(axis=1),
        dominance_probability=p, dominance_standard_error=float(math.sqrt(p * (1 - p) / replicates)),
        largest_neutral_share=float(shares[:, 1:].max()), extinct_share=float(np.mean(track[-1] == 0)),
        generations=float(generations), replicates=replicates, seed=seed, threshold=dominance_threshold,
        advantage=advantage,
    )
