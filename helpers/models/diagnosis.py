"""Reading lab values against published criteria: which are met, and which values met which threshold.

A teaching aid, not a diagnostic tool: real criteria also ask for T-cell function, genetics, history and the
exclusion of other causes. Each :class:`Finding` says which values met (or missed) which threshold, and cites it.

Criteria (thresholds are module constants below, each with its source):
- typical SCID: T cells < 50/uL (0.05e9/L) with a pathogenic variant in a SCID gene, or with low TRECs (or
  < 20% naive CD4 T cells) and no other explanation; maternal T cells are a third route (PIDTC 2022, Dvorak et al.
  2023). Naive CD4 share, maternal engraftment and "no other explanation" are not entered here. The older PIDTC
  rule was CD3 < 300/uL with T-cell function < 10% of the lower limit of normal, or maternal T cells (Shearer et
  al. 2014; function not entered here); leaky SCID: CD3 from 50/uL up to an age-specific limit (< 1000/uL up to 2
  years, < 800/uL to 4 years, < 600/uL above) with function < 30% of normal and no maternal engraftment
  (Shearer et al. 2014; only the count is checked here);
- CD4 T cells against healthy children's 5th-95th centiles for age (Denny et al. 1992);
- X-linked agammaglobulinaemia: a boy with < 2% CD19+ B cells; IgG usually < 2 g/L (ESID);
- hyper-IgM pattern: low IgG and IgA with B cells present and T cells not low for age; IgM may be low, normal or
  high, so it is reported but not required (ESID: Conley et al. 1999; Levy et al. 1997);
- severe aplastic anaemia: marrow cellularity < 25% and >= 2 of ANC < 0.5e9/L, platelets < 20e9/L,
  reticulocytes < 20e9/L (manual count) or < 60e9/L (automated count); very severe if also ANC < 0.2e9/L
  (modified Camitta criteria, BSH guideline 2016: Killick et al. 2016). The guideline's alternative marrow
  criterion (25-50% cellularity with < 30% of the remaining cells haematopoietic) is left out;
- neutropenia: ANC < 1.0e9/L, where infection risk starts to climb steeply (Bodey et al. 1966).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..params import Choice, Param, ParamSet, Scenario, validated

DVORAK_2023 = "PIDTC 2022: Dvorak et al. 2023, JACI 151:539"
SHEARER_2014 = "PIDTC: Shearer et al. 2014, JACI 133:1092"
DENNY_1992 = "Denny et al. 1992, JAMA 267:1484"
ESID = "ESID/PAGID diagnostic criteria (Conley et al. 1999, Clin Immunol 93:190)"
CAMITTA = "modified Camitta criteria (BSH guideline: Killick et al. 2016, Br J Haematol 172:187)"
BODEY_1966 = "Bodey et al. 1966, Ann Intern Med 64:328"
GENERAL = "adult reference range: general knowledge"
# Upper bounds of the typed values: beyond what immune deficiencies, infections and reactive states produce
# (myeloma paraproteins and leukaemias are out of scope), so a larger number is far likelier a unit mistake.
PLAUSIBLE_NOTE = ("upper bound: beyond it a value is read as a unit mistake (general knowledge: a leukaemoid "
                  "reaction starts at a white count of 50e9/L; polyclonal IgG rarely exceeds 40 g/L)")


@dataclass(frozen=True)
class LabParam(Param):
    """A lab value whose wrong-unit entries are easy to spot (ANC given per uL instead of 1e9/L...).

    The upper bound is a plausibility bound (PLAUSIBLE_NOTE): a value above it that lands inside the allowed range
    once divided by ``wrong_unit_factor`` is reported as a unit mistake, with the converted value, instead of just
    being out of range.
    """

    wrong_unit: str = ""
    wrong_unit_factor: float = 0.0

    def validate(self, value: Any) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            raise ValueError(f"{self.name}={value!r} is negative: a count or level cannot be below 0 "
                             f"(allowed range {self.allowed})")
        number = super().validate(value) if not self._looks_like_wrong_unit(value) else None
        if number is None:
            unit = f"x {self.unit}" if self.unit[0].isdigit() else self.unit  # 0.08 x 1e9/L
            raise ValueError(f"{self.name}={value:g} looks like {self.wrong_unit}; give {self.unit} ({value:g} "
                             f"{self.wrong_unit} = {value / self.wrong_unit_factor:g} {unit}; divide by "
                             f"{self.wrong_unit_factor:g})")
        return number

    def _looks_like_wrong_unit(self, value: Any) -> bool:
        if not self.wrong_unit_factor or isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return value > self.high and self.low <= value / self.wrong_unit_factor <= self.high


PARAMS = ParamSet(
    Param("age_months", 360, 0, 1200, "months", "age of the patient", "teaching choice", integer=True,
          label="age"),
    Choice("sex", "male", ("male", "female"), "X-linked diseases (X-SCID, XLA, X-HIGM) affect boys", ESID),
    LabParam("cd3_per_ul", 1500, 0, 20000, "cells/uL", "CD3+ T cells in blood", SHEARER_2014, step=10,
          label="CD3+ T cells"),
    LabParam("cd4_per_ul", 900, 0, 15000, "cells/uL", "CD4+ T cells in blood", DENNY_1992, step=10,
          label="CD4+ T cells"),
    Choice("trecs", "not_tested", ("not_tested", "low", "normal"), "T-cell receptor excision circles "
           "(newborn screening: few new T cells leave the thymus when TRECs are low)", DVORAK_2023,
           label="TRECs"),
    Choice("scid_variant", "not_tested", ("not_tested", "found", "not_found"), "a pathogenic variant in a "
           "SCID-associated gene (e.g. IL2RG, ADA) found by genetic testing", DVORAK_2023,
           label="SCID gene variant"),
    LabParam("cd19_percent", 12, 0, 100, "% of lymphocytes", "CD19+ B cells", ESID, step=0.5, label="CD19+ B cells"),
    LabParam("igg_g_per_l", 10, 0, 40, "g/L", "serum IgG", f"{ESID}; {PLAUSIBLE_NOTE}", step=0.1, label="IgG",
             wrong_unit="mg/dL", wrong_unit_factor=100),
    LabParam("igm_g_per_l", 1.0, 0, 15, "g/L", "serum IgM", f"{ESID}; {PLAUSIBLE_NOTE}", step=0.05, label="IgM",
             wrong_unit="mg/dL", wrong_unit_factor=100),
    LabParam("iga_g_per_l", 2.0, 0, 15, "g/L", "serum IgA", f"{ESID}; {PLAUSIBLE_NOTE}", step=0.05, label="IgA",
             wrong_unit="mg/dL", wrong_unit_factor=100),
    LabParam("anc_1e9_per_l", 4.0, 0, 50, "1e9/L", "absolute neutrophil count", f"{CAMITTA}; {PLAUSIBLE_NOTE}",
             step=0.01,
             label="ANC", wrong_unit="cells/uL", wrong_unit_factor=1000),
    LabParam("platelets_1e9_per_l", 250, 0, 2000, "1e9/L", "platelet count", CAMITTA, step=1, label="platelets",
             wrong_unit="cells/uL", wrong_unit_factor=1000),
    LabParam("reticulocytes_1e9_per_l", 80, 0, 1000, "1e9/L", "reticulocyte count", CAMITTA, step=1,
             label="reticulocytes", wrong_unit="cells/uL", wrong_unit_factor=1000),
    Choice("reticulocyte_count", "automated", ("automated", "manual"), "how the reticulocytes were counted "
           "(the threshold is < 60e9/L automated, < 20e9/L manual)", CAMITTA, label="reticulocytes counted"),
    LabParam("marrow_cellularity_percent", 50, 0, 100, "%", "bone marrow cellularity on trephine biopsy", CAMITTA,
          step=1, label="marrow cellularity"),
)

SCENARIOS = PARAMS.scenarios({
    "healthy adult": Scenario("a healthy 30-year-old man: every value normal"),
    "X-SCID infant": Scenario("a 3-month-old boy with almost no T cells and low TRECs at newborn screening",
                              age_months=3, cd3_per_ul=20, cd4_per_ul=10, trecs="low", cd19_percent=60,
                              igg_g_per_l=3.0),
    "leaky SCID": Scenario("an 8-month-old with some T cells (400/uL), too few and low TRECs", age_months=8,
                           cd3_per_ul=400, cd4_per_ul=200, trecs="low"),
    "XLA boy": Scenario("a 2-year-old boy with almost no B cells and very low antibodies", age_months=24,
                        cd19_percent=0.5, igg_g_per_l=1.2, igm_g_per_l=0.1, iga_g_per_l=0.05),
    "hyper-IgM boy": Scenario("a 2-year-old boy with B cells and IgM (here high) but little IgG and IgA",
                              age_months=24, igg_g_per_l=1.5,
                              igm_g_per_l=2.5, iga_g_per_l=0.05),
    "very severe aplastic anaemia": Scenario("a 20-year-old with an empty marrow and very few neutrophils",
                                             age_months=240, anc_1e9_per_l=0.15, platelets_1e9_per_l=12,
                                             reticulocytes_1e9_per_l=10, marrow_cellularity_percent=10),
})

TYPICAL_SCID_T_PER_UL = 50  # Dvorak 2023
OLD_TYPICAL_SCID_CD3_PER_UL = 300  # Shearer 2014
LEAKY_SCID_LIMITS = ((24, 1000), (48, 800), (None, 600))  # (up to age in months, CD3 below /uL), Shearer 2014
# Denny 1992: CD4 (1e9/L) median (5th, 95th centile) by age band in months [from, to]
CD4_CENTILES = (((2, 3), 2.83, 1.46, 5.11), ((4, 8), 2.95, 1.69, 4.61), ((12, 23), 2.07, 1.02, 3.60),
                ((24, 59), 1.80, 0.90, 2.86))
XLA_CD19_PERCENT = 2.0  # ESID
XLA_IGG_G_PER_L = 2.0  # ESID ("usually")
LOWER_LIMITS_G_PER_L = {"IgG": 7.0, "IgM": 0.4, "IgA": 0.7}  # adult, general knowledge
SAA_CELLULARITY_PERCENT = 25  # Camitta
SAA_COUNTS = (("ANC", "anc_1e9_per_l", 0.5), ("platelets", "platelets_1e9_per_l", 20))  # 1e9/L, Camitta
SAA_RETICULOCYTES = {"automated": 60, "manual": 20}  # 1e9/L by counting method, Camitta (Killick 2016)
SAA_PARTLY_CELLULAR_PERCENT = 50  # 25-50% cellular marrows qualify if < 30% of the cells are haematopoietic
VSAA_ANC = 0.2  # 1e9/L, Camitta
NEUTROPENIA_ANC = 1.0  # 1e9/L, Bodey 1966


@dataclass(frozen=True)
class Finding:
    """One criterion: met or not, the values and thresholds behind the verdict, and its source."""

    name: str
    met: bool
    reasons: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Measure:
    """One lab value next to the threshold a criterion compares it with."""

    label: str
    value: float
    threshold: float
    unit: str


@dataclass(frozen=True)
class Diagnosis:
    findings: tuple[Finding, ...]  # every criterion checked, met or not
    measures: tuple[Measure, ...]  # the values behind the findings, each with its threshold
    cd4_centiles_per_ul: tuple[float, float, float] | None  # (5th, median, 95th) for the age, if Denny has a band
    labs: dict[str, Any]  # the values checked, by parameter name

    @property
    def met(self) -> tuple[str, ...]:
        """Names of the criteria met."""
        return tuple(f.name for f in self.findings if f.met)

    def finding(self, name: str) -> Finding:
        for f in self.findings:
            if f.name == name:
                return f
        raise KeyError(f"no finding {name!r}; known: {', '.join(f.name for f in self.findings)}")

    def summary(self) -> str:
        """One line per criterion, met first, then not met, each with its reasons and source."""
        ordered = [f for f in self.findings if f.met] + [f for f in self.findings if not f.met]
        return "\n".join(f"{'met' if f.met else 'not met'}: {f.name}: {'; '.join(f.reasons)} [{f.source}]"
                         for f in ordered)


def _compare(label: str, value: float, threshold: float, unit: str, below: bool = True) -> tuple[bool, str]:
    met = value < threshold if below else value >= threshold
    sign = ("<" if met else ">=") if below else (">=" if met else "<")
    return met, f"{label} {value:g} {unit} {sign} {threshold:g} {unit}"


def _scid(cd3: float, trecs: str, variant: str, age_months: int) -> list[Finding]:
    very_low, t_reason = _compare("T cells", cd3, TYPICAL_SCID_T_PER_UL, "/uL")
    if variant == "found":
        support = ["pathogenic variant in a SCID gene found (enough, whatever the TRECs)"]
    elif trecs == "low":
        support = ["TRECs low (counts if nothing else, such as DiGeorge syndrome, explains the low T cells)"]
    else:
        support = ["needs a pathogenic variant in a SCID gene, or low TRECs (or < 20% naive CD4 T cells, not "
                   "entered here); maternal T cells would also count (not entered here)"]
        if trecs == "normal":
            support.append("TRECs normal: the thymus is making new T cells, which argues against SCID")
    typical = Finding("typical SCID (2022)", very_low and (variant == "found" or trecs == "low"),
                      (t_reason, *support) if very_low else (t_reason,), DVORAK_2023)
    old_met, old_reason = _compare("CD3", cd3, OLD_TYPICAL_SCID_CD3_PER_UL, "/uL")
    old = Finding("typical SCID (2014 rule)", old_met,
                  (old_reason, "the rule also needs T-cell function < 10% of the lower limit of normal, or maternal "
                   "T cells (neither entered here)") if old_met else (old_reason,), SHEARER_2014)
    limit = _leaky_limit(age_months)
    low_for_age, leaky_reason = _compare("CD3", cd3, limit, "/uL")
    leaky_met = low_for_age and not very_low
    reasons = (f"{leaky_reason} (limit for age {age_months} months)",
               f"CD3 {cd3:g} /uL >= {TYPICAL_SCID_T_PER_UL} /uL; leaky SCID also needs T-cell function < 30% of "
               "normal and no maternal T cells (not entered here)" if leaky_met else "below the leaky range")
    leaky = Finding("leaky SCID range", leaky_met, reasons if low_for_age else (reasons[0],),
                    f"{SHEARER_2014}; {DVORAK_2023}")
    return [typical, old, leaky]


def _leaky_limit(age_months: int) -> int:
    """The CD3 count (/uL) below which T cells are low for age (Shearer 2014's leaky-SCID limits)."""
    return next(lim for up_to, lim in LEAKY_SCID_LIMITS if up_to is None or age_months <= up_to)


@validated(PARAMS.subset(["age_months"]))
def cd4_centiles_per_ul(*, age_months: int) -> tuple[float, float, float] | None:
    """Healthy children's CD4 count (5th centile, median, 95th centile) in cells/uL for the age, or None
    where Denny et al. 1992 give no band (under 2 months, 9-11 months, 5 years and older).

    >>> cd4_centiles_per_ul(age_months=3)
    (1460.0, 2830.0, 5110.0)
    """
    return _cd4_band(age_months)


def _cd4_band(age_months: int) -> tuple[float, float, float] | None:
    for (start, end), median, p5, p95 in CD4_CENTILES:
        if start <= age_months <= end:
            return p5 * 1000, median * 1000, p95 * 1000
    return None


def _cd4(cd4: float, age_months: int) -> Finding:
    band = _cd4_band(age_months)
    if band is None:
        return Finding("CD4 below the 5th centile for age", False,
                       (f"no Denny band for age {age_months} months in this model",), DENNY_1992)
    met, reason = _compare("CD4", cd4, band[0], "/uL")
    return Finding("CD4 below the 5th centile for age", met,
                   (f"{reason} (5th centile at {age_months} months; median {band[1]:g} /uL)",), DENNY_1992)


def _xla(sex: str, cd19: float, igg: float) -> Finding:
    few_b, b_reason = _compare("CD19+ B cells", cd19, XLA_CD19_PERCENT, "%")
    reasons = [b_reason, f"sex {sex}"]
    if few_b:
        low_igg, igg_reason = _compare("IgG", igg, XLA_IGG_G_PER_L, "g/L")
        reasons.append(igg_reason + (" (typical of XLA)" if low_igg else " (XLA usually has IgG < 2 g/L)"))
        if sex == "female":
            reasons.append("agammaglobulinaemia in a girl points to an autosomal form, not XLA")
        else:
            reasons.append("confirm with BTK protein or gene")
    return Finding("X-linked agammaglobulinaemia", few_b and sex == "male", tuple(reasons), ESID)


def _hyper_igm(igm: float, igg: float, iga: float, cd19: float, cd3: float, sex: str, age_months: int) -> Finding:
    igg_low, igg_reason = _compare("IgG", igg, LOWER_LIMITS_G_PER_L["IgG"], "g/L")
    iga_low, iga_reason = _compare("IgA", iga, LOWER_LIMITS_G_PER_L["IgA"], "g/L")
    b_present, b_reason = _compare("CD19+ B cells", cd19, XLA_CD19_PERCENT, "%", below=False)
    t_present, t_reason = _compare("CD3", cd3, _leaky_limit(age_months), "/uL", below=False)
    igm_normal, igm_reason = _compare("IgM", igm, LOWER_LIMITS_G_PER_L["IgM"], "g/L", below=False)
    met = igg_low and iga_low and b_present and t_present
    reasons = [igg_reason, iga_reason, b_reason,
               t_reason + (" (T cells not low for age)" if t_present else " (T cells low for age: ESID asks for "
                                                                            "normal T-cell numbers)"),
               igm_reason + (" (normal or high: the usual picture)" if igm_normal else
                             " (low IgM does not rule it out: in ESID's criteria IgM may be low, normal or high)")]
    if met:
        reasons.append("a boy: X-linked (CD40L) form likely; confirm CD40L on activated T cells" if sex == "male"
                       else "a girl: an autosomal form (e.g. AID) is more likely than CD40L deficiency")
    if age_months < 12:
        reasons.append("under 1 year maternal IgG and the normal infant dip make IgG hard to read")
    return Finding("hyper-IgM pattern", met, tuple(reasons), f"{ESID}; Levy et al. 1997, J Pediatr 131:47")


def _aplastic(values: dict, reticulocyte_count: str) -> list[Finding]:
    cellularity = values["marrow_cellularity_percent"]
    hypocellular, cell_reason = _compare("marrow cellularity", cellularity, SAA_CELLULARITY_PERCENT, "%")
    counts = [_compare(label, values[name], threshold, "x 1e9/L") for label, name, threshold in SAA_COUNTS]
    counts.append(_compare(f"reticulocytes ({reticulocyte_count} count)", values["reticulocytes_1e9_per_l"],
                           SAA_RETICULOCYTES[reticulocyte_count], "x 1e9/L"))
    n_low = sum(met for met, _ in counts)
    severe = hypocellular and n_low >= 2
    if not hypocellular and cellularity <= SAA_PARTLY_CELLULAR_PERCENT:
        cell_reason += (" (a 25-50% cellular marrow also qualifies if < 30% of its cells are haematopoietic: "
                        "not entered here)")
    reasons = (cell_reason, *(reason for _, reason in counts), f"{n_low} of 3 counts below threshold (need >= 2)")
    very_low_anc, anc_reason = _compare("ANC", values["anc_1e9_per_l"], VSAA_ANC, "x 1e9/L")
    return [Finding("severe aplastic anaemia", severe, reasons, CAMITTA),
            Finding("very severe aplastic anaemia", severe and very_low_anc,
                    (("meets severe criteria", anc_reason) if severe else ("does not meet severe criteria",)),
                    CAMITTA)]


def _neutropenia(anc: float) -> Finding:
    met, reason = _compare("ANC", anc, NEUTROPENIA_ANC, "x 1e9/L")
    extra = ("below 0.1: the highest risk of dying of infection",) if anc < 0.1 else ()
    return Finding("neutropenia with rising infection risk", met, (reason, *extra), BODEY_1966)


@validated(PARAMS)
def classify(*, age_months: int, sex: str, cd3_per_ul: float, cd4_per_ul: float, trecs: str, scid_variant: str,
             cd19_percent: float, igg_g_per_l: float, igm_g_per_l: float, iga_g_per_l: float, anc_1e9_per_l: float,
             platelets_1e9_per_l: float, reticulocytes_1e9_per_l: float, reticulocyte_count: str,
             marrow_cellularity_percent: float) -> Diagnosis:
    """Check lab values (units in the names; unset ones default to a healthy adult) against published criteria.

    >>> classify(age_months=3, cd3_per_ul=20, cd4_per_ul=10, trecs="low").met[:2]
    ('typical SCID (2022)', 'typical SCID (2014 rule)')
    """
    if cd4_per_ul > cd3_per_ul:
        raise ValueError(f"cd4_per_ul={cd4_per_ul:g} is more than cd3_per_ul={cd3_per_ul:g}: CD4 T cells are a "
                         f"subset of CD3 T cells. Lower CD4 to {cd3_per_ul:g} or less, or raise CD3 to at least "
                         f"{cd4_per_ul:g} (both in cells/uL)")
    values = dict(anc_1e9_per_l=anc_1e9_per_l, platelets_1e9_per_l=platelets_1e9_per_l,
                  reticulocytes_1e9_per_l=reticulocytes_1e9_per_l,
                  marrow_cellularity_percent=marrow_cellularity_percent)
    findings = [
        *_scid(cd3_per_ul, trecs, scid_variant, age_months),
        _cd4(cd4_per_ul, age_months),
        _xla(sex, cd19_percent, igg_g_per_l),
        _hyper_igm(igm_g_per_l, igg_g_per_l, iga_g_per_l, cd19_percent, cd3_per_ul, sex, age_months),
        *_aplastic(values, reticulocyte_count),
        _neutropenia(anc_1e9_per_l),
    ]
    labs = dict(age_months=age_months, cd3_per_ul=cd3_per_ul, cd4_per_ul=cd4_per_ul, cd19_percent=cd19_percent,
                igg_g_per_l=igg_g_per_l, igm_g_per_l=igm_g_per_l, iga_g_per_l=iga_g_per_l, **values)
    return Diagnosis(findings=tuple(findings), measures=_measures(labs, reticulocyte_count),
                     cd4_centiles_per_ul=_cd4_band(age_months),
                     labs={**labs, "sex": sex, "trecs": trecs, "scid_variant": scid_variant,
                           "reticulocyte_count": reticulocyte_count})


def _measures(values: dict, reticulocyte_count: str) -> tuple[Measure, ...]:
    """Each value next to the threshold its criterion uses (CD4 against the age's 5th centile, where Denny has
    a band for the age; otherwise CD4 is left out)."""
    age = values["age_months"]
    leaky = _leaky_limit(age)
    band = _cd4_band(age)
    rows = [
        ("T cells (typical SCID)", "cd3_per_ul", TYPICAL_SCID_T_PER_UL, "/uL"),
        ("CD3 (2014 rule)", "cd3_per_ul", OLD_TYPICAL_SCID_CD3_PER_UL, "/uL"),
        ("CD3 (leaky SCID, for age)", "cd3_per_ul", leaky, "/uL"),
        *((("CD4 (5th centile for age)", "cd4_per_ul", band[0], "/uL"),) if band else ()),
        ("CD19+ B cells", "cd19_percent", XLA_CD19_PERCENT, "%"),
        ("IgG", "igg_g_per_l", LOWER_LIMITS_G_PER_L["IgG"], "g/L"),
        ("IgM", "igm_g_per_l", LOWER_LIMITS_G_PER_L["IgM"], "g/L"),
        ("IgA", "iga_g_per_l", LOWER_LIMITS_G_PER_L["IgA"], "g/L"),
        ("marrow cellularity", "marrow_cellularity_percent", SAA_CELLULARITY_PERCENT, "%"),
        *((label, name, threshold, "x 1e9/L") for label, name, threshold in SAA_COUNTS),
        (f"reticulocytes ({reticulocyte_count})", "reticulocytes_1e9_per_l", SAA_RETICULOCYTES[reticulocyte_count],
         "x 1e9/L"),
    ]
    return tuple(Measure(label, float(values[name]), float(threshold), unit) for label, name, threshold, unit in rows)
