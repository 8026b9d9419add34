"""Questions for 00_start_here.ipynb."""
import math

from ..formatting import plain_number
from ..models import turnover
from ..quiz import MultipleChoice, Numeric

_RED = turnover.TYPICAL_POOLS["red cells"]
_NEUTROPHILS = turnover.TYPICAL_POOLS["neutrophils in blood"]
_RED_SUM = f"{plain_number(_RED[0])} * {_RED[1]:g}"

red_cell_pool = Numeric(
    "How many red cells are in the body?",
    answer=turnover.pool_over_time(daily_output=_RED[0], lifespan_days=_RED[1]).steady_state_pool,
    unit="cells",
    explanation=f"Output x lifespan = {plain_number(_RED[0])} cells/day x {_RED[1]:g} days. Sender and Milo (2021) "
                "counted about 2.5e13 red cells: the most numerous human cell in the body.",
    hints=(f"The pool is daily output x lifespan: multiply {plain_number(_RED[0])} cells/day by {_RED[1]:g} days.",
           f"You can type the sum itself: my_answer = {_RED_SUM}"),
)

_STAYS = "It stays the same: the marrow's output is unchanged"
_DOUBLES = "It doubles: the cells turn over twice as fast"
lifespan_halved = MultipleChoice(
    "The marrow keeps making red cells at the same rate, but a drug makes them live half as long. "
    "What happens to the red-cell pool?",
    answer="It halves: half as many cells at any one time",
    distractors=(_STAYS, _DOUBLES),
    explanation="The pool is output x lifespan: same output, half the lifespan, half the pool.",
    hints=(f"Click the red cells scenario, then drag lifespan from {_RED[1]:g} to about {_RED[1] / 2:g} days and read "
           "the steady-state pool under the figure.",),
    why={_STAYS: "Only the inflow stays the same; cells now leave twice as fast.",
         _DOUBLES: "Turning over faster means cells leave sooner, so fewer are present at any time."},
)

refill_ratio = Numeric(
    f"Red cells live about {_RED[1]:g} days, neutrophils about {_NEUTROPHILS[1]:.1f} days in the blood. After losing "
    "half of each pool, how many times longer do red cells take to close half the gap?",
    answer=_RED[1] / _NEUTROPHILS[1],
    unit="times",
    explanation=f"Half the gap closes after lifespan x ln 2 days: {_RED[1] * math.log(2):.0f} days for red cells, "
                f"{_NEUTROPHILS[1] * math.log(2):.1f} days for neutrophils, a ratio of about "
                f"{plain_number(float(f'{_RED[1] / _NEUTROPHILS[1]:.2g}'))}, the ratio of the lifespans.",
    hints=("In this model the refill time is proportional to the lifespan.",),
)
