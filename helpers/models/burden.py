"""What a treatment asks of a patient over the years: IVIG infusions, days in hospital for a transplant, and time
dependent on transfusions, counted from the earlier models' results (no second model of any disease).

- IVIG: infusions every ``interval_days`` (``ivig.course``) for the whole horizon on lifelong IVIG; after a transplant,
  until the day the patient's own IgG lets it stop (``reconstitution.simulate``'s ``ivig_free_day``). When the
  transplant model does not show IVIG stopping within the time it follows, the count runs to the horizon: an upper
  bound, said in the result.
- Hospital: the first admission for an allogeneic transplant, the median stay for its graft source in 68,296 US
  admissions of adults, 2002-2015 (Godara et al. 2021): 27.2 days with marrow, 25.4 with mobilised blood, 36.9 with
  cord blood. Children's stays are taken to be the same.
  Re-admissions, and the day-case visits for each IVIG infusion, are not hospital days here.
- Clinic visits: each IVIG infusion (given in clinic, as ``ivig.course`` models it), and after a transplant or gene
  therapy the long-term follow-up visits recommended for every survivor of a stem-cell transplant: at 6 months, at 1
  year and yearly after (Majhail et al. 2012). The frequent visits between discharge and day 100 are not counted (a
  lower bound); the visits after immunosuppression are not modelled.
- Transfusions: until neutrophils engraft after a transplant (``neutrophil_engraftment_day``, a lower bound: platelets
  recover later); after immunosuppression, the expected time not in response over the 4 years the trials followed
  (``immunosuppression.treat``: everyone until the 6-month assessment, then non-responders and relapses).

What the toy leaves out: gene therapy's stay and IVIG, and the stay for immunosuppression (the models here do not
give them: left as None, not zero);
chronic GVHD and its treatment, clinic visits, costs, and a second treatment after graft failure or relapse.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import gene_therapy, immunosuppression, ivig, reconstitution
from ..params import Param, ParamSet, validated

GODARA = "Godara et al. 2021, JCO Oncol Pract 17:e355"
MAJHAIL = "Majhail et al. 2012, recommended screening and preventive practices for long-term survivors after HCT"
# Median length of the allogeneic transplant admission by graft source (Godara 2021, abstract; adults, 2002-2015)
ADMISSION_DAYS = {"bone_marrow": 27.2, "peripheral_blood": 25.4, "cord_blood": 36.9}

ONE_TIME, FOR_LIFE, COURSE = "a one-time treatment", "treatment for life", "a course of ATG, then ciclosporin"

PARAMS = ParamSet(
    Param("years_counted", 20, 1, 40, "years", "years of treatment counted",
          "issue 12: the lifelong burden over 20 years", integer=True),
)


@dataclass(frozen=True)
class Burden:
    """What one treatment asks of the patient over ``years``. None: not given by the models (not zero)."""

    years: int
    ivig_infusions: float | None  # IVIG infusions over the years (None: not modelled for this treatment)
    ivig_upper_bound: bool  # the transplant model did not show IVIG stopping: counted to the horizon
    hospital_days: float | None  # the treatment's own first admission, days (0: none needed)
    clinic_visits: float | None  # IVIG infusions and long-term follow-up visits (Majhail 2012) over the years
    # months dependent on transfusions: after a transplant until neutrophils engraft (a lower bound); after
    # immunosuppression the months not in response over 4 years (an upper bound: non-responders may go on to a
    # transplant); None: not modelled
    transfusion_months: float | None
    given_as: str  # ONE_TIME, FOR_LIFE or COURSE
    transfusions_followed_years: float | None = None  # when transfusions are counted over fewer years (4 after ATG)

    @property
    def one_time(self) -> bool:
        """Given once (a transplant, gene therapy), not for life nor as a course of drugs."""
        return self.given_as == ONE_TIME

    def summary(self) -> str:
        """One line for a readout: each measure with its value, or "not modelled"."""
        def shown(value: float | None, what: str, unit: str) -> str:
            return f"{what}: not modelled" if value is None else f"{what}: {count(value)} {unit}"
        infusions = shown(self.ivig_infusions, "IVIG", "infusions") + (" (at most)" if self.ivig_upper_bound else "")
        followed = self.transfusions_followed_years
        transfusions = "transfusions" if followed is None else f"transfusions (first {count(followed)} years)"
        return (f"over {self.years} years, {infusions}; {shown(self.hospital_days, 'hospital', 'days')}; "
                f"{shown(self.clinic_visits, 'clinic', 'visits')}; "
                f"{shown(self.transfusion_months, transfusions, 'months')}")


def count(value: float) -> str:
    """A count as the dashboard writes it: whole above 10, one decimal below (0.6 months, not 1)."""
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _ivig_infusions(days: float) -> float:
    """Infusions given in ``days`` from the first, at ``ivig.course``'s default regimen (one on day 0)."""
    interval = ivig.PARAMS["interval_days"].default
    return float(np.floor(days / interval) + 1) if days > 0 else 0.0


@validated(PARAMS)
def of_lifelong_ivig(course: ivig.IvigCourse, *, years_counted: int) -> Burden:
    """IVIG for the whole horizon: ``course.infusions_per_year`` times ``years_counted``, no admission, no transfusions.

    >>> round(of_lifelong_ivig(ivig.course(), years_counted=20).ivig_infusions)
    261
    """
    infusions = course.infusions_per_year * years_counted
    return Burden(years=years_counted, ivig_infusions=infusions, ivig_upper_bound=False, hospital_days=0.0,
                  clinic_visits=infusions, transfusion_months=0.0, given_as=FOR_LIFE)


@validated(PARAMS)
def of_transplant(result: reconstitution.Reconstitution, graft_source: str, *, years_counted: int) -> Burden:
    """A transplant's admission (Godara 2021's median for ``graft_source``), IVIG until ``ivig_free_day`` when the
    disease needs it, and transfusions until neutrophils engraft."""
    if graft_source not in ADMISSION_DAYS:
        raise ValueError(f"graft_source={graft_source!r} is not a valid choice; valid ones are "
                         f"{', '.join(ADMISSION_DAYS)}")
    horizon_days, stops = years_counted * ivig.DAYS_PER_YEAR, result.ivig_free_day
    ivig_days = (horizon_days if stops is None else min(stops, horizon_days)) if result.ivig_needed else 0.0
    infusions = _ivig_infusions(ivig_days)
    return Burden(years=years_counted, ivig_infusions=infusions, ivig_upper_bound=result.ivig_needed and stops is None,
                  hospital_days=ADMISSION_DAYS[graft_source], clinic_visits=_follow_up_visits(years_counted) + infusions,
                  transfusion_months=_months_to_engraft(result.neutrophil_engraftment_day), given_as=ONE_TIME)


@validated(PARAMS)
def of_gene_therapy(result: gene_therapy.GeneTherapy, *, years_counted: int) -> Burden:
    """Transfusions until neutrophils engraft after busulfan; the stay, IVIG (and so the visits) are not in the models
    (None)."""
    return Burden(years=years_counted, ivig_infusions=None, ivig_upper_bound=False, hospital_days=None,
                  clinic_visits=None, transfusion_months=_months_to_engraft(result.neutrophil_engraftment_day),
                  given_as=ONE_TIME)


def _follow_up_visits(years: int) -> float:
    """Long-term follow-up visits within ``years`` (whole years >= 1) of a transplant: at 6 months, at 1 year and
    yearly after (Majhail 2012), so years + 1."""
    return float(years + 1)


def _months_to_engraft(day: int | None) -> float:
    """Months until neutrophils engraft (0 when they never fell below 0.5e9/L)."""
    return 0.0 if day is None else day / (ivig.DAYS_PER_YEAR / 12)


@validated(PARAMS)
def of_immunosuppression(result: immunosuppression.Immunosuppression, *, years_counted: int) -> Burden:
    """Expected months not in response (so on transfusions) over the trials' 4 years, or ``years_counted`` if shorter."""
    until = min(float(years_counted), float(result.years[-1]))
    shown = result.years <= until
    not_responding = 1 - result.in_response[shown]
    months = 12 * float(np.sum((not_responding[1:] + not_responding[:-1]) / 2 * np.diff(result.years[shown])))
    return Burden(years=years_counted, ivig_infusions=0.0, ivig_upper_bound=False, hospital_days=None,
                  clinic_visits=None, transfusion_months=months, given_as=COURSE,
                  transfusions_followed_years=until if until < years_counted else None)
