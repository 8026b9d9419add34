"""Questions for 03_hsc_niche.ipynb."""
from ..models import niche
from ..formatting import plain_number
from ..quiz import MultipleChoice, Numeric

_GCSF = niche.mobilise(regimen="gcsf")
_VOLUME_L = niche.PARAMS["processed_blood_volume_l"].default
_EFFICIENCY = niche.PARAMS["collection_efficiency"].default
_WEIGHT_KG = niche.PARAMS["weight_kg"].default
DAY5_COUNT_PER_UL = round(_GCSF.collection_cd34_per_ul)  # the count the notebook gives the learner

_CELLS_COLLECTED = DAY5_COUNT_PER_UL * _VOLUME_L * 1e6 * _EFFICIENCY
apheresis_yield = Numeric(
    "CD34+ cells per kg from one apheresis",
    answer=_CELLS_COLLECTED / _WEIGHT_KG,
    unit="cells/kg",
    explanation=f"{DAY5_COUNT_PER_UL} cells/uL x {_VOLUME_L:g}e6 uL x {_EFFICIENCY:g} / {_WEIGHT_KG:g} kg: about "
                f"{_GCSF.yield_per_kg / niche.TARGET_YIELD_PER_KG:.1f} times the "
                f"{plain_number(niche.TARGET_YIELD_PER_KG)}/kg target. Click G-CSF in the explorer below to see the "
                "same number.",
    hints=(f"First the cells in {_VOLUME_L:g} L of blood: {DAY5_COUNT_PER_UL} x {_VOLUME_L:g}e6 microlitres.",
           f"Then keep the share collected ({_EFFICIENCY:g}) and divide by {_WEIGHT_KG:g} kg."),
    misconceptions=(
        (_CELLS_COLLECTED / _EFFICIENCY / _WEIGHT_KG,
         f"that counts every CD34+ cell in the {_VOLUME_L:g} L processed; the machine collects only "
         f"{100 * _EFFICIENCY:.0f}% of them: multiply by {_EFFICIENCY:g}."),
        (_CELLS_COLLECTED, f"that is the whole collection; the dose is per kg of the recipient: divide by "
                           f"{_WEIGHT_KG:g} kg."),
        (_CELLS_COLLECTED / 1e3 / _WEIGHT_KG,
         "that turns litres into microlitres with 1e3; a litre is 1e6 microlitres (1e3 millilitres, each 1e3 "
         "microlitres)."),
        (_CELLS_COLLECTED * _WEIGHT_KG,
         f"that multiplies by the recipient's {_WEIGHT_KG:g} kg; a dose per kg divides the collection by the "
         "weight."),
    ),
)

_DOSE_PER_KG = niche.PARAMS["donor_dose"].default * 1e6
_NICHES_PER_KG = niche.PARAMS["niches_per_kg"].default
_HOMING = niche.PARAMS["homing"].default
MNC_PER_REPOPULATING_CELL = 1 / niche.REPOPULATING_PER_MOBILISED_MNC
CD34_PER_HUNDRED_MNC = 100 * niche.CD34_SHARE_OF_MOBILISED_MNC
_REACHING_PER_KG = niche.compete().homed_donor_hscs * _NICHES_PER_KG

stem_cells_reaching_marrow = Numeric(
    "Donor stem cells reaching the marrow, per kg",
    answer=_REACHING_PER_KG,
    unit="cells/kg",
    explanation=f"{plain_number(_DOSE_PER_KG)} CD34+ cells/kg come with "
                f"{plain_number(_DOSE_PER_KG / niche.CD34_SHARE_OF_MOBILISED_MNC)} mononuclear cells/kg; one in "
                f"{plain_number(MNC_PER_REPOPULATING_CELL)} of them repopulates: about "
                f"{_REACHING_PER_KG:.0f} per kg. Do not take {100 * _HOMING:g}% again: Wang et al. counted the cells "
                "that repopulated mice after injection into a vein, so the homing loss is already inside their "
                f"number. {_REACHING_PER_KG:.0f} is about {100 * _REACHING_PER_KG / _NICHES_PER_KG:.0f}% of the "
                f"{plain_number(_NICHES_PER_KG)} niches per kg: donor stem cells can only win where conditioning has "
                "emptied niches.",
    hints=(f"Only {CD34_PER_HUNDRED_MNC:g} in 100 mononuclear cells is CD34+, so the graft holds "
           f"{100 / CD34_PER_HUNDRED_MNC:g} times more mononuclear cells than CD34+ cells.",
           "Wang's count was made after injection into a vein: is the homing loss already in it?"),
    misconceptions=(
        (_REACHING_PER_KG * _HOMING,
         f"that takes the {100 * _HOMING:g}% homing loss a second time. Wang et al. counted the cells that "
         "repopulated mice after injection into a vein, so the loss is already inside their 1 in "
         f"{plain_number(MNC_PER_REPOPULATING_CELL)}."),
        (_DOSE_PER_KG / MNC_PER_REPOPULATING_CELL,
         f"that takes the {plain_number(_DOSE_PER_KG)} CD34+ cells as if they were all the mononuclear cells; "
         f"Wang's 1 in {plain_number(MNC_PER_REPOPULATING_CELL)} is per mononuclear cell, and there are "
         f"{100 / CD34_PER_HUNDRED_MNC:g} times more of those."),
    ),
)

_TETHER = "Plerixafor blocks the CXCR4 tether; G-CSF remodels the niche"
_NEW_CELLS = "Plerixafor makes new stem cells much faster than G-CSF does"
_ROUTE = "G-CSF is injected under the skin, plerixafor straight into a vein"
plerixafor_versus_gcsf = MultipleChoice(
    "Why does plerixafor raise blood CD34+ cells within hours, while G-CSF takes days?",
    answer=_TETHER,
    distractors=(_NEW_CELLS, _ROUTE),
    explanation="Blocking CXCR4 releases bound cells as soon as the drug arrives; G-CSF acts through neutrophil "
                "proteases and lower CXCL12, which build up over days.",
    hints=("Compare the first day of the G-CSF and plerixafor scenarios.",),
    why={_NEW_CELLS: "Plerixafor moves cells; it does not make them.",
         _ROUTE: "Both are given under the skin."},
)

_FREE_NICHES_PERCENT = f"{100 * niche.PARAMS['free_niches'].default:g}%"
_THYMUS = "Donor stem cells home to the thymus, where T cells are made, not to the marrow"
_REJECTION = "The baby's own T cells rejected the donor stem cells in the marrow"
split_chimerism = MultipleChoice(
    "A baby with SCID gets an unconditioned graft and now has donor T cells but host stem cells. Why?",
    answer="Donor T cells fill an empty T-cell space; the stem-cell niches stay full",
    distractors=(_THYMUS, _REJECTION),
    explanation=f"Without conditioning donor stem cells can only take the ~{_FREE_NICHES_PERCENT} of niches that are "
                "free, but the T-cell space in SCID is empty: the baby has almost no T cells, so donor T cells meet "
                "no competition. They fill it: mature T cells from the graft within weeks, or, after a "
                "T-cell-depleted graft, new T cells made months later in the thymus from donor progenitors. That is "
                "split chimerism.",
    hints=("Which space is empty in SCID without any conditioning: the stem-cell niches or the T-cell pool?",),
    why={_THYMUS: "Stem cells home to the marrow. What reaches the thymus are progenitors, the stem cells' offspring, "
                  "which make new T cells there.",
         _REJECTION: "A baby with SCID has almost no T cells to reject with."},
)

_DOUBLES = "It roughly doubles"
_ALL_DONOR = "It reaches 100%"
dose_without_conditioning = MultipleChoice(
    "Without conditioning, what happens to donor stem-cell chimerism if the CD34+ dose is doubled?",
    answer="It barely changes",
    distractors=(_DOUBLES, _ALL_DONOR),
    explanation=f"Space, not cells, is limiting: donor cells can only take the ~{_FREE_NICHES_PERCENT} of niches that "
                "are free, and the usual dose already fills most of them.",
    hints=("Try it in the 'no conditioning (SCID)' scenario.",),
    why={_DOUBLES: "That holds only when donor cells are far fewer than the empty niches.",
         _ALL_DONOR: f"Host stem cells keep {100 - 100 * niche.PARAMS['free_niches'].default:g}% of the niches; "
                     "nothing removes them."},
)
