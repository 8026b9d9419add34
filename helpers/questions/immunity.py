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
    return neutropenia.infection_risk(t, np.full(t.shape, 1.0), reference_hazard_per_day=hazard_per_day).total_risk


episode_risk = Numeric(
    f"Risk, in percent, of at least one infection over {EPISODE_DAYS} days at a hazard of "
    f"{100 * EPISODE_HAZARD_PER_DAY:g}% per day",
    answer=100 * _constant_hazard_risk(EPISODE_HAZARD_PER_DAY, EPISODE_DAYS),
    unit="%", rel_tol=0.05,
    explanation="1 - exp(-0.05 x 14) = 1 - exp(-0.7) = 0.50: about 50%. Each day's 5% applies only to the patients "
                "still free of infection, so the chances of staying well multiply: 0.95^14 is about 0.49.",
    hints=("Multiply first: h x d = 0.05 x 14 = 0.7.", "Then 1 - e^(-0.7), and express it in percent."),
    misconceptions=((100 * EPISODE_HAZARD_PER_DAY * EPISODE_DAYS,
                     "that adds the daily risks (14 x 5%). Risks do not add: each day's 5% applies only to "
                     "patients still free of infection, so it is the chances of staying well that multiply "
                     "(0.95 x 0.95 x ... 14 times). Adding would pass 100% after 20 days."),),
)

ivig_gives = MultipleChoice(
    "A boy with XLA is well on IVIG. What does IVIG give him, and what does it not?",
    options=("IgG against common microbes, but no memory: every exposure is met by borrowed antibody",
             "New B cells that make his own IgG",
             "Memory T cells against the microbes in the donors' blood"),
    answer="IgG against common microbes, but no memory: every exposure is met by borrowed antibody",
    explanation="IVIG is pooled IgG from thousands of donors; it decays with a half-life of about three weeks, so "
                "it is given every 3-4 weeks for life. It adds no cells.",
    hints=("What is in the bag: cells or proteins?",),
    why=(("New B cells that make his own IgG", "IVIG contains antibody proteins, not cells."),
         ("Memory T cells against the microbes in the donors' blood", "IVIG contains no cells at all.")),
)

hyper_igm_pattern = MultipleChoice(
    "Why does a boy with X-linked hyper-IgM have normal or high IgM but low IgG?",
    options=("His T cells lack CD40L, the signal B cells need to switch from IgM to IgG",
             "His B cells lack BTK and cannot mature",
             "IgG is destroyed faster in his blood"),
    answer="His T cells lack CD40L, the signal B cells need to switch from IgM to IgG",
    explanation="B cells are present and make IgM; the class switch needs CD40L on activated helper T cells.",
    hints=("Which cell carries the faulty protein: the B cell or the T cell?",),
    why=(("His B cells lack BTK and cannot mature", "That is XLA: then there would be no B cells and no IgM."),
         ("IgG is destroyed faster in his blood", "IgG is not made in the first place.")),
)

APLASTIC_LABS = dict(age_months=300, marrow_cellularity_percent=15, anc_1e9_per_l=0.3, platelets_1e9_per_l=15,
                     reticulocytes_1e9_per_l=30, reticulocyte_count="manual")
_aplastic = diagnosis.classify(**APLASTIC_LABS)
_APLASTIC_OPTIONS = ("Severe aplastic anaemia, not very severe", "Very severe aplastic anaemia", "Neither")
aplastic_grade = MultipleChoice(
    "An adult has marrow cellularity 15%, ANC 0.3e9/L, platelets 15e9/L and reticulocytes 30e9/L (a manual count). "
    "Which criterion is met?",
    options=_APLASTIC_OPTIONS,
    answer=_APLASTIC_OPTIONS[1] if _aplastic.finding("very severe aplastic anaemia").met
    else _APLASTIC_OPTIONS[0] if _aplastic.finding("severe aplastic anaemia").met else _APLASTIC_OPTIONS[2],
    explanation="Cellularity < 25% and two of three counts are low (ANC < 0.5, platelets < 20); reticulocytes are "
                "not (a manual count needs < 20e9/L). Very severe needs an ANC below 0.2e9/L. (Had the 30e9/L come "
                "from an automated counter, whose threshold is < 60e9/L, all three counts would be low.)",
    hints=("Count how many of the three counts are under their thresholds.", "Then compare the ANC with 0.2."),
    why=(("Very severe aplastic anaemia", "The ANC (0.3) is not below 0.2e9/L."),
         ("Neither", "Two of the three counts are below threshold, which is enough.")),
)

second_exposure = MultipleChoice(
    "A healthy person is re-exposed to a bacterium two months after clearing it; a boy with XLA (no IVIG) meets it "
    "again while the first infection still smoulders. Why does only the healthy person clear it within days?",
    options=("Memory B cells quickly make IgG, and IgG from the first infection is still there",
             "The healthy person has more neutrophils",
             "The boy with XLA has no memory T cells"),
    answer="Memory B cells quickly make IgG, and IgG from the first infection is still there",
    explanation="Without B cells there is no antibody memory. The boy's memory T cells do answer the re-dose and push "
                "the load down a long way, but in the model T cells alone cannot finish off this antibody-dependent "
                "pathogen, so the infection stays chronic.",
    hints=("Compare the two scenarios in the infection explorer: which coloured lines rise after the second "
           "exposure in each?",),
    why=(("The healthy person has more neutrophils", "Both have normal neutrophils."),
         ("The boy with XLA has no memory T cells", "His T cells are normal: they leave memory and answer the "
                                                     "re-dose (the dotted blue line). What he lacks is B cells.")),
)
