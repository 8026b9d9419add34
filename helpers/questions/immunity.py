"""Questions for 02_immune_deficiencies.ipynb. Numeric answers and the verdicts behind the answers come from the
models (tests/test_immunity_questions.py checks that they agree)."""
from __future__ import annotations

import numpy as np

from ..models import diagnosis, neutropenia
from ..quiz import MultipleChoice, Numeric

EPISODE_HAZARD_PER_DAY, EPISODE_DAYS = 0.05, 14


def _constant_hazard_risk(hazard_per_day: float, days: float) -> float:
    """Risk of at least one infection over ``days`` at a constant hazard, from the neutropenia model (an ANC of
    exactly 1.0e9/L keeps the hazard at its reference value: no depth or duration factor)."""
    t = np.linspace(0.0, days, 15)
    return neutropenia.infection_risk(days=t, anc_1e9_per_l=np.full(t.shape, 1.0),
                                      reference_hazard_per_day=hazard_per_day).total_risk


_EXPONENT = EPISODE_HAZARD_PER_DAY * EPISODE_DAYS
_DAILY_PERCENT = f"{100 * EPISODE_HAZARD_PER_DAY:g}%"
_RISK = _constant_hazard_risk(EPISODE_HAZARD_PER_DAY, EPISODE_DAYS)
episode_risk = Numeric(
    f"Risk, in percent, of at least one infection over {EPISODE_DAYS} days at a hazard of {_DAILY_PERCENT} per day",
    answer=100 * _RISK,
    unit="%", rel_tol=0.05,
    explanation=f"1 - exp(-{EPISODE_HAZARD_PER_DAY:g} x {EPISODE_DAYS}) = 1 - exp(-{_EXPONENT:g}) = {_RISK:.2f}: "
                f"about {100 * _RISK:.0f}%. Each day's {_DAILY_PERCENT} applies only to the patients still free of "
                f"infection, so the chances of staying well multiply: {1 - EPISODE_HAZARD_PER_DAY:g} to the power "
                f"{EPISODE_DAYS} is about {(1 - EPISODE_HAZARD_PER_DAY) ** EPISODE_DAYS:.2f}.",
    hints=(f"Multiply first: h x d = {EPISODE_HAZARD_PER_DAY:g} x {EPISODE_DAYS} = {_EXPONENT:g}.",
           f"Then 1 - e to the power -{_EXPONENT:g} (in Python, e is about 2.718 and a power is written **), "
           "and express it in percent."),
    misconceptions=((100 * _EXPONENT,
                     f"that adds the daily risks ({EPISODE_DAYS} x {_DAILY_PERCENT}). Risks do not add: each day's "
                     f"{_DAILY_PERCENT} applies only to patients still free of infection, so it is the chances of "
                     f"staying well that multiply ({1 - EPISODE_HAZARD_PER_DAY:g} x {1 - EPISODE_HAZARD_PER_DAY:g} "
                     f"x ... {EPISODE_DAYS} times). Adding would pass 100% after "
                     f"{1 / EPISODE_HAZARD_PER_DAY:.0f} days."),),
)

_NEW_B_CELLS = "New B cells from the donors, which go on to make his own IgG"
_MEMORY_T_CELLS = "Memory T cells against the microbes the donors have met"
ivig_gives = MultipleChoice(
    "A boy with XLA is well on IVIG. What does IVIG give him, and what does it not?",
    answer="Borrowed IgG against microbes, but no memory of his own",
    distractors=(_NEW_B_CELLS, _MEMORY_T_CELLS),
    explanation="IVIG is pooled IgG from thousands of donors; it decays with a half-life of about three weeks, so "
                "it is given every 3-4 weeks for life. It adds no cells, so every exposure is met by borrowed "
                "antibody and none leaves memory.",
    hints=("What is in the bag: cells or proteins?",),
    why={_NEW_B_CELLS: "IVIG contains antibody proteins, not cells.",
         _MEMORY_T_CELLS: "IVIG contains no cells at all."},
)

_BTK = "His B cells lack BTK, so they cannot mature into plasma cells"
_FAST_DECAY = "His IgG is made normally but destroyed faster in his blood"
hyper_igm_pattern = MultipleChoice(
    "Why does a boy with X-linked hyper-IgM usually have normal or high IgM but low IgG?",
    answer="His T cells lack CD40L, which B cells need to switch to IgG",
    distractors=(_BTK, _FAST_DECAY),
    explanation="B cells are present and make IgM; the class switch from IgM to IgG needs CD40L on activated "
                "helper T cells. (IgM can also be low: ESID's criteria say it may be low, normal or high.)",
    hints=("Which cell carries the faulty protein: the B cell or the T cell?",),
    why={_BTK: "That is XLA: then there would be no B cells and no IgM.",
         _FAST_DECAY: "IgG is not made in the first place."},
)

APLASTIC_LABS = dict(age_months=300, marrow_cellularity_percent=15, anc_1e9_per_l=0.3, platelets_1e9_per_l=15,
                     reticulocytes_1e9_per_l=30, reticulocyte_count="manual")
_aplastic = diagnosis.classify(**APLASTIC_LABS)
_VERY_SEVERE = "Very severe aplastic anaemia, the highest grade"
_SEVERE = "Severe, but not very severe, aplastic anaemia"
_NEITHER = "Neither: too few counts are below their thresholds"
_APLASTIC_VERDICT = (_VERY_SEVERE if _aplastic.finding("very severe aplastic anaemia").met
                     else _SEVERE if _aplastic.finding("severe aplastic anaemia").met else _NEITHER)
_CELLULARITY, _ANC, _PLATELETS, _RETICULOCYTES, _COUNTING = (
    APLASTIC_LABS[name] for name in ("marrow_cellularity_percent", "anc_1e9_per_l", "platelets_1e9_per_l",
                                     "reticulocytes_1e9_per_l", "reticulocyte_count"))
_ANC_LIMIT, _PLATELET_LIMIT = (limit for _, _, limit in diagnosis.SAA_COUNTS)
_OTHER_COUNTING = next(method for method in diagnosis.SAA_RETICULOCYTES if method != _COUNTING)
aplastic_grade = MultipleChoice(
    f"An adult has marrow cellularity {_CELLULARITY}%, ANC {_ANC:g}e9/L, platelets {_PLATELETS}e9/L and "
    f"reticulocytes {_RETICULOCYTES}e9/L (a {_COUNTING} count). Which criterion is met?",
    answer=_APLASTIC_VERDICT,
    distractors=tuple(grade for grade in (_VERY_SEVERE, _SEVERE, _NEITHER) if grade != _APLASTIC_VERDICT),
    explanation=f"Cellularity < {diagnosis.SAA_CELLULARITY_PERCENT}% and two of three counts are low (ANC < "
                f"{_ANC_LIMIT:g}, platelets < {_PLATELET_LIMIT:g}); reticulocytes are not (a {_COUNTING} count "
                f"needs < {diagnosis.SAA_RETICULOCYTES[_COUNTING]}e9/L). Very severe needs an ANC below "
                f"{diagnosis.VSAA_ANC:g}e9/L. (Had the {_RETICULOCYTES}e9/L come from an {_OTHER_COUNTING} counter, "
                f"whose threshold is < {diagnosis.SAA_RETICULOCYTES[_OTHER_COUNTING]}e9/L, all three counts would be "
                "low.)",
    hints=("Count how many of the three counts are under their thresholds.",
           f"Then compare the ANC with {diagnosis.VSAA_ANC:g}."),
    why={_VERY_SEVERE: f"The ANC ({_ANC:g}) is not below {diagnosis.VSAA_ANC:g}e9/L.",
         _NEITHER: "Two of the three counts are below threshold, which is enough."},
)

_MORE_NEUTROPHILS = "The healthy person has more neutrophils to kill the bacterium"
_NO_MEMORY_T_CELLS = "The boy with XLA has no memory T cells to answer the re-dose"
second_exposure = MultipleChoice(
    "A healthy person is re-exposed to a bacterium two months after clearing it; a boy with XLA (no IVIG) meets it "
    "again while the first infection still smoulders. Why does only the healthy person clear it within days?",
    answer="Only the healthy one has memory B cells and leftover IgG",
    distractors=(_MORE_NEUTROPHILS, _NO_MEMORY_T_CELLS),
    explanation="Memory B cells quickly make IgG, and IgG from the first infection is still there. Without B cells "
                "there is no antibody memory. The boy's memory T cells do answer the re-dose and push the load down "
                "a long way, but in the model T cells alone cannot finish off this antibody-dependent pathogen, so "
                "the infection stays chronic.",
    hints=("Compare the two scenarios in the infection explorer: which coloured lines rise after the second "
           "exposure in each?",),
    why={_MORE_NEUTROPHILS: "Both have normal neutrophils.",
         _NO_MEMORY_T_CELLS: "His T cells are normal: they leave memory and answer the re-dose (the dotted blue line). "
                             "What he lacks is B cells."},
)
