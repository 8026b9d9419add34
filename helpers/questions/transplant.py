"""Questions for 04_transplantation.ipynb."""
from ..models import transplant
from ..formatting import plain_number
from ..quiz import MultipleChoice, Numeric

RECIPIENT_KG = 80  # the recipient in the by-the-numbers question
DEFAULT_KG = transplant.PARAMS["weight_kg"].default  # the weight in the explorer's default readout
_TARGET = transplant.TARGET_CD34_PER_KG
_COLLECTION = transplant.simulate(weight_kg=RECIPIENT_KG)

cells_to_collect = Numeric(
    f"CD34+ cells to collect for a {RECIPIENT_KG} kg recipient at the target dose",
    answer=_COLLECTION.total_cd34,
    unit="CD34+ cells",
    rel_tol=0.1,  # tight enough to tell 80 kg from the explorer's default 70 kg
    explanation=f"{plain_number(_TARGET)} cells/kg x {RECIPIENT_KG} kg. The dose is always per kg of the "
                f"recipient, so a heavier patient needs a bigger collection: at 120 kg it would be "
                f"{plain_number(_TARGET * 120)}, which is why a heavy recipient may need a second day of apheresis.",
    hints=("The target is a dose per kg of the person who receives the cells.",
           f"Multiply {plain_number(_TARGET)} by the weight."),
    misconceptions=((_TARGET, "that is the dose per kg; the collection must cover the recipient's whole weight."),
                    (transplant.MINIMUM_CD34_PER_KG * RECIPIENT_KG,
                     "that is the 2e6/kg minimum, not the 5e6/kg target."),
                    (_TARGET * DEFAULT_KG, f"that is the collection for the explorer's default {DEFAULT_KG} kg "
                                           f"recipient; this one weighs {RECIPIENT_KG} kg."),
                    (_COLLECTION.total_cd34 / 1e6, "right digits, wrong unit: that looks like millions of cells. "
                                                   "Give the number of cells itself (e.g. 4e8), not millions.")),
)

_BLOOD = transplant.simulate()
_CORD = transplant.simulate(graft_source="cord_blood", cd34_per_kg=transplant.TYPICAL_CD34_PER_KG["cord_blood"],
                            donor="mismatched_unrelated")
CORD_PLATELET_DELAY_DAYS = _CORD.platelet_engraftment_day - _BLOOD.platelet_engraftment_day
_NEUTROPHIL_DELAY_DAYS = _CORD.neutrophil_engraftment_day - _BLOOD.neutrophil_engraftment_day

cord_platelet_delay = Numeric(
    "How many days later do platelets engraft after a typical cord-blood graft than after mobilised blood from a "
    "matched sibling (the 'cord blood' and 'sibling, mobilised blood' scenarios)?",
    answer=CORD_PLATELET_DELAY_DAYS,
    unit="days",
    explanation=f"Day {_CORD.platelet_engraftment_day} against day {_BLOOD.platelet_engraftment_day}: about "
                f"{CORD_PLATELET_DELAY_DAYS / 7:.0f} weeks more of platelet transfusions. Neutrophils lag by only "
                f"{_NEUTROPHIL_DELAY_DAYS} days. A cord unit carries about 20 times fewer CD34+ cells per kg and "
                "few committed progenitors, least of all for platelets.",
    hints=("Click the two scenarios and read the platelet engraftment day in each.",
           "The answer is a number of days: the cord graft's platelet day minus the blood graft's."),
    misconceptions=((_NEUTROPHIL_DELAY_DAYS, "that is the neutrophil delay; the question asks about platelets."),
                    (_CORD.platelet_engraftment_day,
                     f"that is the cord graft's platelet engraftment day itself; subtract the blood graft's day "
                     f"({_BLOOD.platelet_engraftment_day}) to get how much later it is.")),
)

source_trade_off = MultipleChoice(
    "Mobilised blood engrafts neutrophils about 5 days sooner than bone marrow (Champlin et al. 2000). Which summary "
    "is fair?",
    options=("Faster engraftment and fewer graft failures, but more chronic GVHD and similar survival",
             "Mobilised blood is simply better: faster, safer, and patients live longer",
             "Mobilised blood engrafts sooner because it holds more true stem cells per CD34+ cell"),
    answer="Faster engraftment and fewer graft failures, but more chronic GVHD and similar survival",
    explanation="The graft carries many committed progenitors and more T cells: quicker counts, fewer failures, "
                "but more chronic GVHD, and overall survival much the same. The choice depends on the patient: where "
                "GVHD brings no benefit (a non-malignant disease, say), many centres prefer marrow.",
    hints=("What else does a mobilised-blood graft carry in large numbers besides stem cells?",),
    why=(("Mobilised blood is simply better: faster, safer, and patients live longer",
          "Survival is similar, and chronic GVHD is more common after mobilised blood."),
         ("Mobilised blood engrafts sooner because it holds more true stem cells per CD34+ cell",
          "Probably the opposite: Wang 1997 counted the fewest repopulating cells per mononuclear cell in mobilised "
          "blood, and if CD34+ cells are about 1% of mononuclear cells in every source (the model's assumption), "
          "also the fewest per CD34+ cell. Its speed comes from committed progenitors and a larger CD34+ dose.")),
)

infection_in_aplasia = MultipleChoice(
    "In every myeloablative scenario the model puts the chance of an infection during aplasia near 100%. What "
    "follows for the care of a transplant patient?",
    options=("Infection is near-certain without prevention, so antimicrobial prophylaxis and a shorter aplasia are "
             "what matter",
             "The model is broken: most transplant patients never get an infection",
             "Nothing can be done, so the graft source does not matter for infections"),
    answer="Infection is near-certain without prevention, so antimicrobial prophylaxis and a shorter aplasia are "
           "what matter",
    explanation="Notebook 02's hazard climbs steeply as the ANC falls below 1.0e9/L and is highest near zero; "
                "two weeks near zero make at least one infection almost certain. That is why patients get "
                "prophylaxis, protective isolation and fast treatment of fever, and why a graft that shortens aplasia (more cells, mobilised blood) matters.",
    hints=("Look at how fast the infection curve climbs once the ANC is near zero.",),
    why=(("The model is broken: most transplant patients never get an infection",
          "Most patients have at least one fever in aplasia even with prophylaxis; the model leaves "
          "prophylaxis out, so its number is the chance without it."),
         ("Nothing can be done, so the graft source does not matter for infections",
          "The length of the aplasia varies by a week or more between sources and doses; each day counts.")),
)

_AUTOLOGOUS_ANSWER = ("No GVHD and almost no rejection, but a similar aplasia to a matched-sibling graft of the "
                      "same dose (identical in the model; in practice autologous blood grafts often engraft a "
                      "little sooner, e.g. no methotrexate)")

autologous_graft = MultipleChoice(
    "A patient receives their own collected stem cells back after myeloablative chemotherapy (an autologous "
    "transplant). Which is true?",
    options=(_AUTOLOGOUS_ANSWER,
             "No aplasia, because the cells are the patient's own",
             "More GVHD than a sibling graft, because the cells were frozen"),
    answer=_AUTOLOGOUS_ANSWER,
    explanation="The cells are the patient's own, so there is no HLA difference to attack or to reject. The "
                "conditioning still empties the marrow, and the graft needs about as long to make blood: in the "
                "model exactly as long; in practice autologous blood grafts often engraft a little sooner (no "
                "methotrexate against GVHD, for one).",
    hints=("Click 'autologous' and compare it with 'sibling, mobilised blood'.",),
    why=(("No aplasia, because the cells are the patient's own",
          "The aplasia comes from the conditioning, and the graft takes as long to refill the marrow."),
         ("More GVHD than a sibling graft, because the cells were frozen",
          "GVHD needs donor immune cells that see the recipient as foreign; one's own cells do not.")),
)
