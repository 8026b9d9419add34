"""Questions for 04_transplantation.ipynb."""
from ..models import transplant
from ..formatting import plain_number
from ..quiz import MultipleChoice, Numeric

RECIPIENT_KG = 80  # the recipient in the by-the-numbers question
DEFAULT_KG = transplant.PARAMS["weight_kg"].default  # the weight in the explorer's default readout
_TARGET = transplant.TARGET_CD34_PER_KG
_COLLECTION = transplant.simulate(weight_kg=RECIPIENT_KG)

cells_to_collect = Numeric(
    f"CD34+ cells to collect at the target dose for a recipient who weighs {RECIPIENT_KG} kg",
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
                                           f"recipient; this one weighs {RECIPIENT_KG} kg.")),
)

_BLOOD = transplant.simulate(**transplant.SCENARIOS["sibling, mobilised blood"].kwargs())
_MARROW = transplant.simulate(**transplant.SCENARIOS["bone marrow"].kwargs())
_CORD = transplant.simulate(**transplant.SCENARIOS["cord blood"].kwargs())
CORD_PLATELET_DELAY_DAYS = _CORD.platelet_engraftment_day - _BLOOD.platelet_engraftment_day
_NEUTROPHIL_DELAY_DAYS = _CORD.neutrophil_engraftment_day - _BLOOD.neutrophil_engraftment_day
# The model's cord unit: a few 1e7 nucleated cells/kg, ~1% of them CD34+ (transplant.TYPICAL_CD34_PER_KG).
MODEL_CORD_CD34_GAP = _BLOOD.cd34_per_kg / _CORD.cd34_per_kg
CORD_NUCLEATED_PER_KG = _CORD.cd34_per_kg / transplant.CD34_SHARE_OF_MNC
# Real units hold fewer: CD34+ cells are ~0.2-0.5% of cord nucleated cells (Mazzocchetti et al. 2014, Transfusion
# 54:1256: medians of 1.47e6 CD34+ among 6.97e8 nucleated cells, 0.21%, in 1,309 units).
REAL_CORD_CD34_SHARES = (0.002, 0.005)
REAL_CORD_CD34_GAPS = tuple(sorted(_BLOOD.cd34_per_kg / (CORD_NUCLEATED_PER_KG * share)
                                   for share in REAL_CORD_CD34_SHARES))

cord_platelet_delay = Numeric(
    "How many days later do platelets engraft after a typical cord-blood graft than after mobilised blood from a "
    "matched sibling (the 'cord blood' and 'sibling, mobilised blood' scenarios)?",
    answer=CORD_PLATELET_DELAY_DAYS,
    unit="days",
    explanation=f"Day {_CORD.platelet_engraftment_day} against day {_BLOOD.platelet_engraftment_day}: about "
                f"{CORD_PLATELET_DELAY_DAYS / 7:.0f} weeks more of platelet transfusions. Neutrophils lag by only "
                f"{_NEUTROPHIL_DELAY_DAYS} days. The model's cord unit carries {MODEL_CORD_CD34_GAP:.0f} times fewer "
                f"CD34+ cells per kg than the blood graft ({plain_number(_CORD.cd34_per_kg)} against "
                f"{plain_number(_BLOOD.cd34_per_kg)}), because it takes {100 * transplant.CD34_SHARE_OF_MNC:g}% of "
                f"the unit's {plain_number(CORD_NUCLEATED_PER_KG)} nucleated cells/kg to be CD34+. Real units hold "
                f"{100 * REAL_CORD_CD34_SHARES[0]:g}-{100 * REAL_CORD_CD34_SHARES[1]:g}% (a median of 0.21% in 1,309 "
                f"units: Mazzocchetti et al. 2014), so the real gap is nearer {REAL_CORD_CD34_GAPS[0]:.0f}-"
                f"{REAL_CORD_CD34_GAPS[1]:.0f}-fold, and cell dose is what limits cord transplants in adults (Barker "
                "et al. 2005). A cord unit also holds few committed progenitors, least of all for platelets.",
    hints=("Click the two scenarios and read the platelet engraftment day in each.",
           "The answer is a number of days: the cord graft's platelet day minus the blood graft's."),
    misconceptions=((_NEUTROPHIL_DELAY_DAYS, "that is the neutrophil delay; the question asks about platelets."),
                    (_CORD.platelet_engraftment_day,
                     f"that is the cord graft's platelet engraftment day itself; subtract the blood graft's day "
                     f"({_BLOOD.platelet_engraftment_day}) to get how much later it is.")),
)

_SIMPLY_BETTER = "Mobilised blood is simply better: faster, safer, and its patients live longer"
_MORE_STEM_CELLS = "It engrafts sooner because it holds more true stem cells per CD34+ cell"
source_trade_off = MultipleChoice(
    f"From the same matched sibling, mobilised blood engrafts neutrophils on day {_BLOOD.neutrophil_engraftment_day} "
    f"and a marrow graft on day {_MARROW.neutrophil_engraftment_day}, in the model as in Champlin et al. 2000. "
    "Which summary is fair?",
    answer="Faster engraftment, fewer failures, yet more chronic GVHD; similar survival",
    distractors=(_SIMPLY_BETTER, _MORE_STEM_CELLS),
    explanation="Champlin et al. (2000; 288 blood and 536 marrow grafts from HLA-identical siblings) found neutrophils "
                "and platelets recovering sooner after blood, more chronic GVHD, and lower treatment-related "
                "mortality and better leukaemia-free survival only in advanced leukaemia, not in early leukaemia. "
                "Fewer graft failures come from a later, larger registry study: Olsson et al. 2015 (Leukemia "
                "29:1754; 23,272 first myeloablative allogeneic transplants for haematological malignancies) found "
                "primary graft failure after 2.5% of blood grafts against 7.3% of marrow grafts. The graft carries "
                "many committed progenitors and more T cells: quicker counts, fewer failures, more chronic GVHD. "
                "The choice depends on the patient: where GVHD brings no benefit (a non-malignant disease, say), "
                "many centres prefer marrow.",
    hints=("What else does a mobilised-blood graft carry in large numbers besides stem cells?",),
    why={_SIMPLY_BETTER: "Survival is similar in early leukaemia, and chronic GVHD is more common after mobilised "
                         "blood.",
         _MORE_STEM_CELLS: "Probably the opposite: Wang 1997 counted the fewest repopulating cells per mononuclear "
                           "cell in mobilised blood, and if CD34+ cells are about 1% of mononuclear cells in every "
                           "source (the model's assumption), also the fewest per CD34+ cell. Its speed comes from "
                           "committed progenitors and a larger CD34+ dose."},
)

_MODEL_BROKEN = "The model is broken: most transplant patients never get an infection"
_NOTHING_TO_DO = "Nothing can be done, so the graft source does not matter for infection"
infection_in_aplasia = MultipleChoice(
    "In every myeloablative scenario the model puts the chance of an infection during aplasia near 100%. What "
    "follows for the care of a transplant patient?",
    answer="What matters is prophylaxis, and a graft that shortens the aplasia",
    distractors=(_MODEL_BROKEN, _NOTHING_TO_DO),
    explanation="Infection is near-certain without prevention. Notebook 02's hazard climbs steeply as the ANC falls "
                "below 1.0e9/L and is highest near zero; two weeks near zero make at least one infection almost "
                "certain. That is why patients get antimicrobial prophylaxis, protective isolation and fast "
                "treatment of fever, and why a graft that shortens aplasia (more cells, mobilised blood) matters.",
    hints=("Look at how fast the infection curve climbs once the ANC is near zero.",),
    why={_MODEL_BROKEN: "Most patients have at least one fever in aplasia even with prophylaxis; the model leaves "
                        "prophylaxis out, so its number is the chance without it.",
         _NOTHING_TO_DO: "The length of the aplasia varies by a week or more between sources and doses; each day "
                         "counts."},
)

_NO_APLASIA = "No aplasia at all, because the patient's own cells engraft at once"
_FROZEN = "More GVHD than after a sibling graft, because the cells were frozen"
autologous_graft = MultipleChoice(
    "A patient receives their own collected stem cells back after myeloablative chemotherapy (an autologous "
    "transplant). Which is true?",
    answer="No GVHD, little rejection, but a sibling graft's length of aplasia",
    distractors=(_NO_APLASIA, _FROZEN),
    explanation="The cells are the patient's own, so there is no HLA difference to attack or to reject. The "
                "conditioning still empties the marrow, and the graft needs about as long to make blood: in the "
                "model exactly as long as a matched-sibling graft of the same dose; in practice autologous blood "
                "grafts often engraft a little sooner (no methotrexate against GVHD, for one).",
    hints=("Click 'autologous' and compare it with 'sibling, mobilised blood'.",),
    why={_NO_APLASIA: "The aplasia comes from the conditioning, and the graft takes as long to refill the marrow.",
         _FROZEN: "GVHD needs donor immune cells that see the recipient as foreign; one's own cells do not."},
)
