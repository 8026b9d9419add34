"""Questions for 01_hematopoiesis.ipynb."""
from ..models import hematopoiesis
from ..formatting import plain_number
from ..quiz import MultipleChoice, Numeric

_STATE = hematopoiesis.steady_state()
_STATE_DIVISION_WEEKS = hematopoiesis.PARAMS["hsc_division_interval_days"].default / 7
_CHEMOTHERAPY = hematopoiesis.simulate(blood_loss_fraction=0, marrow_kill_fraction=0.97, days=42)

doublings = Numeric(
    "How many doublings lie between the stem cells' output and the daily output of blood cells?",
    answer=_STATE.amplifying_divisions,
    unit="doublings",
    rel_tol=0.05,
    explanation=f"log2({plain_number(float(f'{_STATE.total_daily_output:.2g}'))} / {_STATE.hsc_output_per_day:.0f}) "
                f"is about {_STATE.amplifying_divisions:.0f}: a billion-fold amplification, so the stem cells "
                "themselves can stay quiet.",
    hints=("Each doubling multiplies the number of cells by 2, so n doublings multiply it by 2**n: find n with "
           "2**n = daily output / stem-cell output.",
           "n = math.log2(3.7e11 / hsc_output_per_day)"),
)

_ALL_ASYMMETRIC = "Every division must be asymmetric: one HSC, one progenitor"
_NO_DIVISIONS = "HSCs must stop dividing once the adult pool is complete"
balance = MultipleChoice(
    "An adult's HSC number stays about constant for decades. What must hold, on average, for each division?",
    answer="Two-HSC and two-progenitor divisions are equally likely",
    distractors=(_ALL_ASYMMETRIC, _NO_DIVISIONS),
    explanation="A constant pool needs one HSC left per division on average: 1 + p_r - p_d = 1, so p_r = p_d. "
                "All-asymmetric divisions are one way to get there (p_r = p_d = 0), but not the only one.",
    hints=("Work out the average number of HSCs left after a division from the table in section 2.",),
    why={_ALL_ASYMMETRIC: "That works, but it is not required: p_r = p_d = 0.25 also leaves one HSC per division on "
                          "average.",
         _NO_DIVISIONS: f"HSCs do divide, about once every {_STATE_DIVISION_WEEKS:.0f} weeks; the pool lasts because "
                        "renewal and differentiation balance."},
)

clones_lost = Numeric(
    "Two HSCs per division with probability 0.4, two progenitors with probability 0.1. What share of clones is "
    "eventually lost (in %)?",
    answer=100 * hematopoiesis.clone_fates(p_sym_renew=0.4, p_sym_diff=0.1).extinction_probability,
    unit="%",
    rel_tol=0.05,
    explanation="When self-renewal wins, the share lost is p_d / p_r = 0.1 / 0.4 = 25%: a clone that survives its "
                "first few divisions is almost safe.",
    hints=("Set the clone explorer's sliders to these values and read the line under the figure.",
           "When self-renewal wins, the share lost is p_d / p_r."),
)

last_to_recover = MultipleChoice(
    "Someone loses a fifth of their blood. Which count is the last to return to normal?",
    answer="Red cells",
    distractors=("Neutrophils", "Platelets"),
    explanation="Red cells live about 116 days, so their pool refills slowest, even with EPO-driven feedback.",
    hints=("Open the feedback explorer, set the share of blood lost to 0.2 and read the line under the figure.",),
    why={"Neutrophils": "Neutrophils spend only about a day in the blood (half-life about 19 hours): they are back "
                        "first.",
         "Platelets": "Platelets (up to about 10 days) are back within about two weeks."},
)

chemotherapy_nadir = MultipleChoice(
    "Chemotherapy kills most of the dividing cells in the marrow on day 0. When are blood neutrophils lowest?",
    answer="In the second week",
    distractors=("Within a day or two", "After about a month"),
    explanation=f"In the model the nadir comes on day {_CHEMOTHERAPY.nadir_day[1]:.0f}, as in patients (days 7-14): "
                "the neutrophils that had already stopped dividing survive and keep being released for about six "
                "days, and the blood count falls only as that reserve runs out.",
    hints=("Which marrow cells does chemotherapy spare, and how long do they take to mature?",),
    why={"Within a day or two": "That would be true if the drugs also killed the maturing, non-dividing cells; they "
                                "spare them, and these keep being released.",
         "After about a month": "By then the surviving progenitors have refilled the marrow and feedback has raised "
                                "production: counts are recovering."},
)
