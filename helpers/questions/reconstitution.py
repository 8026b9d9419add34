"""Questions for 05_immune_reconstitution.ipynb."""
from ..formatting import plain_number
from ..models import ivig, physiology, reconstitution
from ..quiz import MultipleChoice, Numeric

# --- by the numbers: the dose that reaches a trough of 500 mg/dL (no IgG of one's own, every 4 weeks)
GOAL_TROUGH_MG_DL = 500
START_DOSE_MG_PER_KG = 400
_REGIMEN = dict(interval_days=28, endogenous_igg_mg_dl=0)
START_TROUGH_MG_DL = ivig.trough_igg(dose_mg_per_kg=START_DOSE_MG_PER_KG, **_REGIMEN)
DOSE_FOR_GOAL = START_DOSE_MG_PER_KG * GOAL_TROUGH_MG_DL / START_TROUGH_MG_DL  # the trough is proportional to the dose
_GOAL_RATE = ivig.pneumonia_rate(trough_mg_dl=GOAL_TROUGH_MG_DL)
_START_RATE = ivig.pneumonia_rate(trough_mg_dl=START_TROUGH_MG_DL)

dose_for_trough = Numeric(
    f"A boy with XLA makes no IgG of his own. On {START_DOSE_MG_PER_KG} mg/kg every 4 weeks his trough settles at "
    f"{plain_number(round(START_TROUGH_MG_DL))} mg/dL. What dose every 4 weeks would bring his trough to "
    f"{GOAL_TROUGH_MG_DL} mg/dL?",
    answer=DOSE_FOR_GOAL,
    unit="mg/kg",
    rel_tol=0.05,
    explanation=f"With no IgG of his own, the trough is proportional to the dose: "
                f"{START_DOSE_MG_PER_KG} x {GOAL_TROUGH_MG_DL} / {plain_number(round(START_TROUGH_MG_DL))} = "
                f"{plain_number(round(DOSE_FOR_GOAL))} mg/kg. Lee et al.'s 73 mg/dL per extra 100 mg/kg gives the same "
                f"(the model's volume is fitted to it). Pneumonias fall from {_START_RATE:.2f} to "
                f"{_GOAL_RATE:.2f} per year (Orange et al. 2010). Shortening the interval is the other lever: see the "
                "explorer below.",
    hints=("Every infusion adds the same amount, and the trough is the sum of what is left of all of them: double "
           "the dose, double the trough.",
           f"Multiply {START_DOSE_MG_PER_KG} mg/kg by {GOAL_TROUGH_MG_DL} / {plain_number(round(START_TROUGH_MG_DL))}."),
    misconceptions=((START_DOSE_MG_PER_KG + GOAL_TROUGH_MG_DL - START_TROUGH_MG_DL,
                     "that adds the missing mg/dL to the dose as if 1 mg/kg raised the trough by 1 mg/dL; each extra "
                     "100 mg/kg raises it by only 73 mg/dL."),
                    (START_DOSE_MG_PER_KG + (GOAL_TROUGH_MG_DL - START_TROUGH_MG_DL) * 0.73,
                     "that multiplies by 0.73 where it should divide: 73 mg/dL of trough for every 100 mg/kg means "
                     "100/73 mg/kg for every mg/dL."),
                    (GOAL_TROUGH_MG_DL, "that is the trough you want, in mg/dL, not the dose that gives it.")),
)

# --- numbers from the scenarios
_ADA = reconstitution.simulate(**reconstitution.SCENARIOS["ADA-SCID"].kwargs())
ADA_IVIG_FREE_MONTHS = _ADA.ivig_free_day / reconstitution.DAYS_PER_MONTH

ivig_stop_after_ada_scid = Numeric(
    "In the 'ADA-SCID' scenario, how many months after the transplant can IVIG stop?",
    answer=ADA_IVIG_FREE_MONTHS,
    unit="months",
    rel_tol=0.1,
    explanation=f"Day {plain_number(round(_ADA.ivig_free_day))}, about {ADA_IVIG_FREE_MONTHS:.0f} months. New B "
                f"cells reach the normal range for age only on day {plain_number(round(_ADA.recovery_day('b_cell')))}; "
                "then they need T-cell help to switch to IgG, and the IgG they make takes weeks to build up (its "
                "half-life is about 25 days). In clinics IVIG is stopped once B cells are back, and the trough is "
                "checked afterwards, with vaccine responses as the final proof.",
    hints=("Click 'ADA-SCID' and read the IVIG line of the readout.",
           "The readout gives a day; a month is about 30.4 days."),
    misconceptions=((_ADA.recovery_day("b_cell") / reconstitution.DAYS_PER_MONTH,
                     "that is when the B cells are back in the normal range; their IgG takes longer to build up."),
                    (_ADA.recovery_day("cd4") / reconstitution.DAYS_PER_MONTH,
                     "that is when the CD4 T cells are back; IVIG waits for the patient's own IgG.")),
)

_TOO_FEW_FOR_NK = "Too few of her stem cells took to make his NK cells"
_IVIG_SUPPRESSES = "IVIG switches off his own antibody production"
scid_still_on_ivig = MultipleChoice(
    "An infant with X-SCID received his sister's marrow with no conditioning. A year later his T cells are normal, "
    "all of them from his sister. Why is he still on IVIG?",
    answer="His B cells are his own, and without gamma-c they work poorly",
    distractors=(_TOO_FEW_FOR_NK, _IVIG_SUPPRESSES),
    explanation="Without conditioning, few donor stem cells find a niche (about 1% in the model, notebook 03's split "
                "chimerism), but the donor's lymphoid progenitors fill his empty thymus: donor T cells, host B "
                "cells. X-SCID B cells lack the gamma-c chain of the receptor for IL-21, the signal that turns B "
                "cells into IgG-making plasma cells, so about half of such children stay on immunoglobulin unless a "
                "later graft is given after conditioning (Haddad et al. 1999: 10 of 18). The model goes further and "
                "lets his own B cells make no IgG at all.",
    hints=("Open the 'infant X-SCID, unconditioned marrow from a sibling' scenario: whose are the stem cells, and "
           "whose the B cells?",),
    why={_TOO_FEW_FOR_NK: "True, his NK cells stay low, but NK cells make no antibodies: IgG comes from B cells.",
         _IVIG_SUPPRESSES: "IVIG does not switch B cells off; patients stop it when their own IgG stays up."},
)

_B_CELLS = "New B cells, since his own B cells make no antibodies"
_NEUTROPHILS = "Neutrophils, since his infections are bacterial"
hyper_igm_graft = MultipleChoice(
    "What must a donor graft supply to cure a boy with X-linked hyper-IgM?",
    answer="T cells that carry CD40L, to help his B cells switch",
    distractors=(_B_CELLS, _NEUTROPHILS),
    explanation="CD40L sits on activated CD4 T cells. When it binds CD40 on a B cell, the B cell switches from "
                "IgM to IgG, IgA or IgE. His B cells are normal and make IgM; they lack the signal. Donor T cells "
                "bring it, so even his own B cells can then make IgG. CD40L also lets T cells activate macrophages, which is why these "
                "boys get Pneumocystis and Cryptosporidium.",
    hints=("Which cell carries the missing protein?",),
    why={_B_CELLS: "His B cells make IgM, often a lot of it; what they cannot do is switch to IgG.",
         _NEUTROPHILS: "Neutropenia is common in hyper-IgM, but donor neutrophils alone would leave his B cells "
                       "unable to switch."},
)

_T1, _A1 = reconstitution.T_CELL_SCENARIOS["1-year-old, T-cell depleted"], reconstitution.T_CELL_SCENARIOS[
    "40-year-old, T-cell depleted"]
_INFANT_T = reconstitution.simulate(**_T1.kwargs())
_ADULT_T = reconstitution.simulate(**_A1.kwargs())


def _range(age_months: float) -> str:
    low, high = physiology.normal_range_cells_per_ul("cd4", age_months)
    return f"{plain_number(round(float(low), -1))}-{plain_number(round(float(high), -1))}"


_GRAFT_CELLS = "A child's graft carries more T cells per kg of recipient"
_LOWER_NORMAL = "A child's normal CD4 count is lower, so it is reached sooner"
age_and_t_cells = MultipleChoice(
    f"After the same T-cell-depleted graft, a 1-year-old's CD4 T cells reach the normal range for age on day "
    f"{plain_number(round(_INFANT_T.recovery_day('cd4')))}, a 40-year-old's on day "
    f"{plain_number(round(_ADULT_T.recovery_day('cd4')))}. Why?",
    answer="A young thymus makes new naive T cells much faster",
    distractors=(_GRAFT_CELLS, _LOWER_NORMAL),
    explanation="With the graft's T cells removed, nearly every T cell must be made anew: donor progenitors pass "
                "through the thymus, which shrinks with age. In the model thymic output halves every 10 years "
                "of age; in patients, adults depend longer on the few T cells that expand, with a narrow "
                "repertoire, and stay open to viral infections for a year or more.",
    hints=("In the T-cell explorer, compare the dotted lines (new from the thymus) of the two ages.",),
    why={_GRAFT_CELLS: "The graft is dosed per kg and depleted alike; the difference is in the recipient.",
         _LOWER_NORMAL: f"The opposite: a 1-year-old's normal range ({_range(12)}/uL) lies well above a "
                        f"40-year-old's ({_range(480)}/uL)."},
)

_OLDER = "5 months old, never infected"
_ACTIVE = "2 months old, with an active infection"
who_does_best = MultipleChoice(
    "Three infants with SCID, each given a matched sibling's marrow without conditioning. In the PIDTC's cohorts, "
    "and in the toy survival, which does best?",
    answer="2 months old, never infected",
    distractors=(_OLDER, _ACTIVE),
    explanation="Survival was about 94% for infants transplanted at or before 3.5 months, and about 90% for older "
                "infants never infected (Pai et al. 2014). In the PIDTC's 902 children an infection active at the "
                "transplant multiplied the hazard of death by 2.41 and a transplant at 3.5 months or later by 2.12 "
                "(Thakar et al. 2023): both count, and about equally. Hence newborn screening: it finds SCID "
                "before the first infection and in time for an early transplant.",
    hints=("Two things lowered survival in these cohorts: age above 3.5 months and an active infection.",),
    why={_OLDER: "Never infected is good, but a transplant after 3.5 months carries about twice the hazard of death "
                 "(hazard ratio 2.12).",
         _ACTIVE: "Early is good, but an active infection at the transplant more than doubles the hazard of death "
                  "(hazard ratio 2.41)."},
)
