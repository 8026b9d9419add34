"""Immunosuppression for severe aplastic anaemia (ATG with ciclosporin) as the chances trials measured.

Not a model of the immune attack on the marrow: the figures a randomised trial and a long follow-up reported, joined
by constant hazards between the times they were measured. With R the share responding at 6 months (when the trial
counted responses), a relapse hazard h_r among responders and a hazard h_c of a new clone in anyone treated:

    responding without relapse at t >= 0.5 years = R e^{-h_r (t - 0.5)},   h_r = -ln(1 - relapse by 4 years) / 3.5
    a new clone by t                           = 1 - e^{-h_c t},           h_c = -ln(1 - clone by 4 years) / 4

What the toy leaves out, and where it breaks:
- Responses arrive over the first 3-6 months; the toy counts them at 6 months only, when Scheinberg's trial did, and
  a "response" there is transfusion independence, not normal counts (platelets often stay low).
- Relapsed patients often respond again to ciclosporin or a second course (about two-thirds did in the NIH
  follow-up); non-responders and relapses may go on to a transplant. The toy stops at the first relapse.
- The hazards are constant, fitted to the 4-year figures, and the toy stops at 4 years: carried on, they would put
  more than half of patients in relapse or with a new clone by 20 years, while relapses cluster when ciclosporin is
  tapered and late clonal disorders are reported in 10-20% of patients (Blood 2017, 129:1428).
- The NIH follow-up gave eltrombopag with ATG and ciclosporin; its relapse and clonal figures are those of that
  regimen, which its authors found no higher than with immunosuppression alone.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..params import Choice, Param, ParamSet, Scenario, validated

SCHEINBERG = "Scheinberg et al. 2011, N Engl J Med 365:430"
NIH_FOLLOW_UP = "NIH phase 2 trial of immunosuppression with eltrombopag, long-term outcomes: Blood 2022, 139:34"
HOW_I_TREAT_2017 = "'How I treat acquired aplastic anemia', Blood 2017, 129:1428"
RESPONSE_ASSESSED_YEARS = 0.5  # the trial's primary outcome: haematological response at 6 months
FOLLOW_UP_YEARS = 4.0  # the NIH follow-up's relapse and clonal-evolution figures are at 4 years

# Scheinberg 2011 (abstract): response at 6 months 68% (95% CI 56-80) with horse ATG, 37% (24-49) with rabbit ATG;
# survival at 3 years 96% and 76%, censored at a later transplant.
RESPONSE_AT_6_MONTHS = {"horse": 0.68, "rabbit": 0.37}
SURVIVAL_AT_3_YEARS = {"horse": 0.96, "rabbit": 0.76}

PARAMS = ParamSet(
    Choice("atg", "horse", ("horse", "rabbit"), "the antithymocyte globulin given with ciclosporin",
           f"{SCHEINBERG}: response at 6 months 68% with horse, 37% with rabbit ATG", label="ATG from",
           option_labels=("horse (ATGAM)", "rabbit (Thymoglobulin)")),
    Param("relapse_by_4_years", 0.39, 0.1, 0.7, "fraction",
          "share of responders whose counts fall again within 4 years of treatment, on ciclosporin",
          f"{NIH_FOLLOW_UP}: 39% cumulative relapse in responders at 4 years", step=0.01, label="relapse by 4 years"),
    Param("clonal_evolution_by_4_years", 0.15, 0.02, 0.4, "fraction",
          "share of treated patients with a new abnormal clone (myelodysplasia, leukaemia or a chromosome change) "
          "within 4 years", f"{NIH_FOLLOW_UP}: 15% at 4 years; {HOW_I_TREAT_2017}: 10-20% late clonal disorders",
          step=0.01, label="new clone by 4 years"),
)

SCENARIOS = PARAMS.scenarios({
    "horse ATG": Scenario("horse ATG with ciclosporin, the standard in Scheinberg's trial"),
    "rabbit ATG": Scenario("rabbit ATG with ciclosporin, the arm that did worse", atg="rabbit"),
})


@dataclass(frozen=True)
class Immunosuppression:
    """Chances after ATG with ciclosporin, by each month from the first dose to the 4 years of follow-up."""

    atg: str
    years: np.ndarray  # years from treatment, 0 to 4, monthly
    response_at_6_months: float  # share with a haematological response at 6 months
    survival_at_3_years: float  # censored at a later transplant (Scheinberg 2011)
    in_response: np.ndarray  # share responding and not yet relapsed (0 before the 6-month assessment)
    new_clone: np.ndarray  # share with a new abnormal clone by each time

    def at(self, years: float) -> tuple[float, float]:
        """(in response, new clone) at ``years`` (between 0 and 4)."""
        if not self.years[0] <= years <= self.years[-1]:
            raise ValueError(f"years={years} is outside 0..{self.years[-1]:g} years")
        return (float(np.interp(years, self.years, self.in_response)),
                float(np.interp(years, self.years, self.new_clone)))


@validated(PARAMS)
def treat(*, atg: str, relapse_by_4_years: float, clonal_evolution_by_4_years: float) -> Immunosuppression:
    """Response, relapse and new clones over 4 years after ATG (``atg``: horse or rabbit) with ciclosporin.

    >>> ist = treat()
    >>> ist.response_at_6_months, round(ist.at(4.0)[0] / ist.response_at_6_months, 2), round(ist.at(4.0)[1], 2)
    (0.68, 0.61, 0.15)
    """
    t = np.linspace(0.0, FOLLOW_UP_YEARS, int(12 * FOLLOW_UP_YEARS) + 1)
    response = RESPONSE_AT_6_MONTHS[atg]
    relapse_hazard = -np.log1p(-relapse_by_4_years) / (FOLLOW_UP_YEARS - RESPONSE_ASSESSED_YEARS)
    clone_hazard = -np.log1p(-clonal_evolution_by_4_years) / FOLLOW_UP_YEARS
    assessed = t >= RESPONSE_ASSESSED_YEARS
    in_response = np.where(assessed, response * np.exp(-relapse_hazard * (t - RESPONSE_ASSESSED_YEARS)), 0.0)
    return Immunosuppression(atg=atg, years=t, response_at_6_months=response,
                             survival_at_3_years=SURVIVAL_AT_3_YEARS[atg], in_response=in_response,
                             new_clone=-np.expm1(-clone_hazard * t))
