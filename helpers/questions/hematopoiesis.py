"""Questions for 01_hematopoiesis.ipynb."""
from ..models import hematopoiesis
from ..formatting import plain_number
from ..quiz import MultipleChoice, Numeric

_STATE = hematopoiesis.steady_state()
_STATE_DIVISION_WEEKS = hematopoiesis.PARAMS["hsc_division_interval_days"].default / 7
_CHEMOTHERAPY = hematopoiesis.simulate(blood_loss_fraction=0, marrow_kill_fraction=0.97, days=42)
_DEFAULTS = hematopoiesis.PARAMS
_RED_DAYS = _DEFAULTS["red_cell_lifespan_days"].default
_NEUTROPHIL_HALF_LIFE_HOURS = 24 * _DEFAULTS["neutrophil_half_life_days"].default
_PLATELET_DAYS = _DEFAULTS["platelet_lifespan_days"].default
_MATURATION_DAYS = _DEFAULTS["marrow_transit_days"].default

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
           f"n = math.log2({plain_number(float(f'{_STATE.total_daily_output:.2g}'))} / hsc_output_per_day)"),
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

P_RENEW, P_DIFFERENTIATE = 0.4, 0.1  # the clone question's division probabilities
_LOST = hematopoiesis.clone_fates(p_sym_renew=P_RENEW, p_sym_diff=P_DIFFERENTIATE).extinction_probability
clones_lost = Numeric(
    f"Two HSCs per division with probability {P_RENEW:g}, two progenitors with probability {P_DIFFERENTIATE:g}. What "
    "share of clones is eventually lost (in %)?",
    answer=100 * _LOST,
    unit="%",
    rel_tol=0.05,
    explanation=f"When self-renewal wins, the share lost is p_d / p_r = {P_DIFFERENTIATE:g} / {P_RENEW:g} = "
                f"{100 * _LOST:.0f}%: a clone that survives its first few divisions is almost safe.",
    hints=("Set the clone explorer's sliders to these values and read the line under the figure.",
           "When self-renewal wins, the share lost is p_d / p_r."),
)

_NEUTROPHILS, _PLATELETS = "Neutrophils", "Platelets"
last_to_recover = MultipleChoice(
    "Someone loses a fifth of their blood. Which count is the last to return to normal?",
    answer="Red cells",
    distractors=(_NEUTROPHILS, _PLATELETS),
    explanation=f"Red cells live about {_RED_DAYS:g} days, so their pool refills slowest, even with EPO-driven "
                "feedback.",
    hints=("Open the feedback explorer, set the share of blood lost to 0.2 and read the line under the figure.",),
    why={_NEUTROPHILS: f"Neutrophils spend only about a day in the blood (half-life about "
                       f"{_NEUTROPHIL_HALF_LIFE_HOURS:.0f} hours): they are back first.",
         _PLATELETS: f"Platelets (about {_PLATELET_DAYS:g} days) are back within about two weeks."},
)

_WITHIN_DAYS, _AFTER_A_MONTH = "Within a day or two", "After about a month"
chemotherapy_nadir = MultipleChoice(
    "Chemotherapy kills most of the dividing cells in the marrow on day 0. When are blood neutrophils lowest?",
    answer="In the second week",
    distractors=(_WITHIN_DAYS, _AFTER_A_MONTH),
    explanation=f"In the model the nadir comes on day {_CHEMOTHERAPY.nadir_day[1]:.0f}, as in patients (days 7-14): "
                "the neutrophils that had already stopped dividing survive and keep being released for about "
                f"{_MATURATION_DAYS:.0f} days, and the blood count falls only as that reserve runs out.",
    hints=("Which marrow cells does chemotherapy spare, and how long do they take to mature?",),
    why={_WITHIN_DAYS: "That would be true if the drugs also killed the maturing, non-dividing cells; they spare "
                       "them, and these keep being released.",
         _AFTER_A_MONTH: "By then the surviving progenitors have refilled the marrow and feedback has raised "
                         "production: counts are recovering."},
)
