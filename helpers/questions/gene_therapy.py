"""Questions for 06_gene_therapy.ipynb."""
from ..formatting import percent
from ..models import gene_therapy
from ..quiz import MultipleChoice, Numeric

# --- by the numbers: cells with no vector at a bulk VCN of 1
BULK_VCN = 1.0
_COPIES = gene_therapy.poisson_copies(integrations_per_cell=BULK_VCN)
UNTRANSDUCED_PERCENT = 100 * float(_COPIES.probability[0])

untransduced_at_vcn_1 = Numeric(
    f"The laboratory reports a bulk vector copy number (VCN) of {BULK_VCN:g}: on average one copy per cell. If "
    "integrations are a Poisson draw, what percentage of the cells carries no copy at all?",
    answer=UNTRANSDUCED_PERCENT,
    unit="%",
    rel_tol=0.05,
    explanation=f"P(0) = e^-m = e^-1 = {UNTRANSDUCED_PERCENT:.1f}%. A mean of one copy per cell is made of cells "
                f"with none ({UNTRANSDUCED_PERCENT:.0f}%), one (37%), two (18%) and more: "
                f"{percent(_COPIES.fraction_transduced, html=False)} of cells are transduced, with "
                f"{_COPIES.copies_per_transduced_cell:.2f} copies each on average. The bulk VCN alone cannot say "
                "whether many cells carry one copy or a few carry many, and a cell with many copies carries more "
                "risk of an insertion in the wrong place.",
    hints=("The Poisson probability of k events when the mean is m is e^-m m^k / k!.",
           "For k = 0 that is e^-m."),
    misconceptions=((0.0, "a mean of one copy per cell does not mean every cell has one: some have none, some two "
                          "or more."),
                    (100 * _COPIES.fraction_transduced, "that is the share that carries at least one copy; the "
                                                          "question asks for the cells with none."),
                    (50.0, "the copies are not split evenly between 'none' and 'some': use e^-m.")),
)

# --- selection
_XSCID = gene_therapy.simulate(**gene_therapy.SCENARIOS["X-SCID, lentiviral + busulfan"].kwargs())
_TARGETS_T = "The vector enters T cells far more readily than other blood cells"
_BUSULFAN_SPARES = "Busulfan spares the corrected cells and kills the uncorrected ones"
t_cells_all_corrected = MultipleChoice(
    f"After lentiviral gene therapy for X-SCID, {percent(_XSCID.corrected_hsc_share, html=False)} of the child's stem "
    f"cells carry the vector, yet {percent(_XSCID.marking_at('cd4', 365), html=False)} of his T cells do a year "
    "later. Why?",
    answer="Uncorrected T-cell precursors die in the thymus without IL2RG",
    distractors=(_TARGETS_T, _BUSULFAN_SPARES),
    explanation="T cells need signals through the common gamma chain (IL-7 above all) to develop. Uncorrected "
                "precursors die; corrected ones mature and fill the empty space: a selective advantage. Neutrophils "
                "need no gamma chain, so corrected and uncorrected ones are equals, and the neutrophil marking "
                "stays at the corrected share of stem cells. Aiuti et al. (2009) saw the same in ADA-SCID: about 52-88% "
                "of lymphocytes marked, 3.5-8.9% of myeloid cells.",
    hints=("Compare the T-cell and neutrophil marking lines in the explorer: which needs the missing gene?",),
    why={_TARGETS_T: "The cells are transduced as CD34+ stem and progenitor cells, before any of them is a T cell.",
         _BUSULFAN_SPARES: "Busulfan cannot tell a corrected cell from another; it only makes room in the marrow."},
)

# --- the leukaemias
_GENE_ITSELF = "The restored IL2RG gene made every T cell divide without limit"
_CANCER_GENE = "The vector carried a cancer-causing gene into the cells by mistake"
x_scid_leukaemias = MultipleChoice(
    "Five of 20 boys treated in the first gamma-retroviral X-SCID trials developed T-cell leukaemia 2.5-5.7 years "
    "later. What started it?",
    answer="The vector's enhancers switched on a nearby oncogene such as LMO2",
    distractors=(_GENE_ITSELF, _CANCER_GENE),
    explanation="In 4 of the 5 the vector had integrated near LMO2, in 1 near CCND2, and the strong enhancers in its "
                "long terminal repeats (LTRs) turned those genes on (Hacein-Bey-Abina et al. 2008; Howe et al. "
                "2008). It was not the whole story: the leukaemic clones also carried other mutations (NOTCH1, "
                "CDKN2A). Self-inactivating vectors without LTR enhancers, with gentler internal promoters, made it "
                "much rarer, not impossible.",
    hints=("What was different about the vector's ends in the early trials?",),
    why={_GENE_ITSELF: "Most corrected T cells stayed normal for years; each leukaemia was one clone, with the "
                       "vector beside LMO2 or CCND2.",
         _CANCER_GENE: "The vector carried IL2RG; the harm came from where it landed and what its enhancers did."},
)

# --- clones: how far selection alone takes a clone in ten years (no drift)
START_SHARE = 1 / 500
ADVANTAGE = 0.5
DIVISIONS = 13  # HSC divisions in 10 years at one every 280 days (the clone explorer's 13.04)
_GROWTH = (1 + ADVANTAGE) ** DIVISIONS
SHARE_AFTER_PERCENT = 100 * START_SHARE * _GROWTH / (1 + START_SHARE * (_GROWTH - 1))

clone_share_without_drift = Numeric(
    f"A clone starts as 1 in 500 of the marked stem cells and makes {100 * ADVANTAGE:.0f}% more offspring per division "
    f"than the others. Leaving chance aside, what share (%) of the marked cells is it after {DIVISIONS} divisions "
    "(about 10 years)?",
    answer=SHARE_AFTER_PERCENT,
    unit="%",
    rel_tol=0.1,
    explanation=f"It grows by 1.5^{DIVISIONS} = {_GROWTH:.0f} times relative to the rest: share = x g / (1 + x (g - 1)) "
                f"with x = 1/500 and g = {_GROWTH:.0f}, about {SHARE_AFTER_PERCENT:.0f}%, short of half. In the explorer "
                "it passes half in only a few runs in 10 years, those in which chance pushed it ahead early, and in "
                "most by 20 years. Stem cells divide slowly, so an advantaged clone takes years to show: one reason "
                "why patients are followed for 15 years after an integrating vector.",
    hints=("Each division multiplies the clone's offspring by 1.5 and everyone else's by 1.",
           "Its share is (its cells) / (its cells + the others' cells): x g / (x g + (1 - x))."),
    misconceptions=((100 * START_SHARE * _GROWTH, "that multiplies the starting share by the growth but forgets that "
                                                   "the shares must add up to 100%: divide by x g + (1 - x)."),
                    (50.0, "50% is the threshold for dominance, not where the clone gets to.")),
)

# --- gene therapy next to a transplant
_NO_CONDITIONING = "Corrected B cells take hold without busulfan"
_NO_INSERTION_RISK = "Its vector cannot land near a cancer gene"
gene_therapy_versus_haplo = MultipleChoice(
    "For an infant with X-SCID and no matched sibling, which is a real advantage of lentiviral gene therapy over a "
    "parent's T-cell-depleted graft?",
    answer="No GVHD or rejection: the cells are his own",
    distractors=(_NO_CONDITIONING, _NO_INSERTION_RISK),
    explanation="His own corrected cells cannot attack him or be rejected, so there is no donor search, no GVHD and "
                "no immunosuppression after the graft. Gene therapy still needs a little busulfan for corrected B "
                "cells to take hold, and every integration carries a small risk that is followed for years.",
    hints=("Look at the side-by-side table: which rows are 'none' for gene therapy?",),
    why={_NO_CONDITIONING: "Without busulfan few corrected stem cells engraft, so B-cell marking stays low (the "
                           "'no busulfan' scenarios).",
         _NO_INSERTION_RISK: "SIN lentiviral vectors are far safer than the early gamma-retroviral ones, but each "
                             "insertion still lands somewhere; with a strong internal promoter, 7 of 67 boys treated "
                             "for adrenoleukodystrophy developed MDS or AML (Duncan et al. 2024)."},
)
