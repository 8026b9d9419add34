"""Questions for 07_engineering_hscs.ipynb."""
from ..models import editing, expansion
from ..quiz import MultipleChoice, Numeric

# --- by the numbers: cycling cells with a corrected copy
_DEFAULTS = editing.PARAMS.defaults()
CUT, HDR = _DEFAULTS["cut_efficiency"], _DEFAULTS["hdr_share_cycling"]
CORRECTED_ALLELE = CUT * HDR
CORRECTED_CELL_PERCENT = 100 * (1 - (1 - CORRECTED_ALLELE) ** 2)

corrected_cells_in_cycling_progenitors = Numeric(
    f"In cycling progenitors the nuclease cuts {100 * CUT:.0f}% of alleles, and {100 * HDR:.0f}% of the cuts are "
    "mended from the template (HDR). The gene is autosomal: each cell has two copies, edited independently. What "
    "percentage of these cells carries at least one corrected copy?",
    answer=CORRECTED_CELL_PERCENT,
    unit="%",
    rel_tol=0.03,
    explanation=f"Per allele: {CUT:g} x {HDR:g} = {CORRECTED_ALLELE:.2f} corrected. A cell has no corrected copy "
                f"with chance (1 - {CORRECTED_ALLELE:.2f})^2 = {(1 - CORRECTED_ALLELE) ** 2:.3f}, so "
                f"{CORRECTED_CELL_PERCENT:.1f}% carry at least one, enough for a recessive disease. A cell with one "
                f"corrected copy and one indel is still corrected; a cell with two indels "
                f"({CUT * (1 - HDR):.2f}^2 = {100 * (CUT * (1 - HDR)) ** 2:.0f}% of cycling cells) has lost the "
                "gene. (The explorer's 39% is the whole product, where a tenth of the cells are quiescent stem "
                "cells; this question is about the cycling bar alone.)",
    hints=("First the share of corrected alleles: cut, then mended by HDR.",
           "A cell lacks a corrected copy only if both copies miss: (1 - per allele)^2."),
    misconceptions=((100 * CORRECTED_ALLELE, "that is the share of corrected alleles; a cell has two chances."),
                    (200 * CORRECTED_ALLELE, "adding the two copies counts cells with two corrected copies twice: "
                                             "use 1 - (1 - p)^2."),
                    (100 * CORRECTED_ALLELE ** 2, "that is the share with both copies corrected; one is enough.")),
)

# --- why bulk HDR overstates what lasts
_REJECTED = "The immune system rejects the corrected stem cells"
_DILUTED = "Corrected genes are lost each time a stem cell divides"
_NOT_CUT = "The nuclease cannot reach the DNA of resting stem cells"
bulk_hdr_overstates = MultipleChoice(
    "The laboratory measures 22% corrected alleles in the edited product, but only about 4% of alleles are "
    "corrected in the long-term stem cells a year later. Why?",
    answer="Quiescent stem cells mend cuts mostly by end joining",
    distractors=(_REJECTED, _DILUTED, _NOT_CUT),
    explanation="HDR copies the template mainly in cells that are copying their DNA (S and G2 phases). Most cells of "
                "the product are cycling progenitors, which do HDR and make blood for a few months; the quiescent "
                "long-term HSCs, which make blood for decades, mend the same cuts mostly by NHEJ (Shin et al. 2020). "
                "So the product's figure mostly counts cells that will not last.",
    hints=("Which cells make up most of the product, and which make blood for decades?",
           "HDR needs a copy of DNA to work from: when in the cell cycle is that there?"),
    why={_REJECTED: "The cells are the patient's own, and a corrected gene makes a normal protein: nothing is "
                    "rejected in the model or, usually, in patients.",
         _DILUTED: "An edit is in the DNA itself: every daughter of a corrected stem cell inherits it.",
         _NOT_CUT: "The nuclease cuts resting cells too (80% of alleles in every state in the model): what differs "
                   "is how the cut is mended."},
)

# --- the culture: cells per stem cell after an SR1 culture
_SR1 = expansion.simulate(**expansion.SCENARIOS["+ SR1"].kwargs())
_TOTAL, _HSC = float(_SR1.total_fold[-1]), _SR1.hsc_fold
CELLS_PER_HSC = 1 / float(_SR1.hsc_share[-1])
_START = 1 / expansion.PARAMS["hsc_share_at_start"].default

cells_per_stem_cell = Numeric(
    f"A culture starts with 1 stem cell in {_START:.0f} cells. After {_SR1.days[-1]:.0f} days with SR1 there are "
    f"{_TOTAL:.0f} times as many cells and {_HSC:.0f} times as many stem cells. How many cells are there per stem "
    "cell at the harvest?",
    answer=CELLS_PER_HSC,
    unit="cells",
    rel_tol=0.1,
    explanation=f"{_START:.0f} x {_TOTAL:.0f} / {_HSC:.0f} = about {_START * _TOTAL / _HSC:.0f}. The stem cells "
                f"multiplied {_HSC:.0f}-fold, a real expansion, but the other cells {_TOTAL / _HSC:.0f} times faster "
                "still: even the best culture dilutes its stem cells. A graft's lasting engraftment depends on the "
                "stem cells it carries, not on its total cell count.",
    hints=("Cells per stem cell at the start, times how much all cells grew, divided by how much the stem cells "
           "grew.",),
    misconceptions=((_START * _TOTAL, "that multiplies by the growth of all cells but forgets that the stem cells "
                                      "multiplied too: divide by their fold change."),
                    (_TOTAL / _HSC, "that is how much faster the other cells grew; start from the 1 in "
                                    f"{_START:.0f} of day 0."),
                    (_START, "that is the start; the cells and stem cells grew by different amounts.")),
)

# --- expanded cord blood
_UM171 = expansion.engraftment(**expansion.GRAFT_SCENARIOS["+ UM171"].kwargs())
_DRUG_IN_PATIENT = "UM171 goes on working in the patient's marrow"
_T_CELLS_REMOVED = "Culture removes the T cells that slow engraftment"
_STEM_CELLS_FASTER = "Its extra stem cells make neutrophils faster"
expanded_cord_sooner = MultipleChoice(
    f"A cord unit expanded for 7 days with UM171 engrafts neutrophils {_UM171.days_sooner} days sooner than the same "
    "unit unexpanded. In the model, what buys most of that time?",
    answer="Many more progenitors that quickly make neutrophils",
    distractors=(_DRUG_IN_PATIENT, _T_CELLS_REMOVED, _STEM_CELLS_FASTER),
    explanation=f"The culture multiplies CD34+ progenitors about {float(_UM171.culture.cd34_fold[-1]):.0f}-fold and "
                f"stem cells only about {_UM171.culture.hsc_fold:.0f}-fold. Progenitors make neutrophils within days "
                "of the infusion, which shortens the wait before the graft's cells reach the blood: alone that gives "
                f"{_UM171.sooner_from_progenitors} days sooner in the model. The larger stem-cell dose alone gives "
                f"{_UM171.sooner_from_stem_cells}, and lowers the toy graft-failure risk. Early neutrophils come "
                "mostly from progenitors, lasting blood from stem cells.",
    hints=("In the culture explorer, which rose more in 7 days with UM171: CD34+ cells or stem cells?",),
    why={_DRUG_IN_PATIENT: "UM171 is in the culture medium only; the cells are washed before the infusion.",
         _T_CELLS_REMOVED: "Cord blood's slow engraftment comes from its few cells, not its T cells; in the model "
                           "the culture changes only the counts of stem cells and progenitors.",
         _STEM_CELLS_FASTER: f"The extra stem cells help ({_UM171.sooner_from_stem_cells} days alone in the model), "
                             "but stem cells take longer than progenitors to make neutrophils, and they multiplied "
                             "far less in the dish."},
)

# --- what is proven
_TOLERANCE = "Stem cells engineered so autoimmune disease cannot start"
_NO_MATCHING = "Expanded cord blood that needs no HLA matching at all"
_BASE_APPROVED = "Base-edited stem cells approved for sickle cell disease"
proven_in_patients = MultipleChoice(
    "Which of these has been shown to work in patients and approved, not only tried in the laboratory?",
    answer="CRISPR-edited own stem cells for sickle cell disease",
    distractors=(_TOLERANCE, _NO_MATCHING, _BASE_APPROVED),
    explanation="Frangoul et al. (2021) reported the first patients given their own stem cells edited by CRISPR-Cas9 "
                "at the BCL11A enhancer, with high editing in marrow and blood over a year later; exa-cel was "
                "approved in the UK in November 2023 and in the US in December 2023. Engineering stem cells for "
                "tolerance is laboratory work, base-edited stem cells have been shown in mice, and expanded cord "
                "blood is still partly HLA-matched.",
    hints=("Look for the rows of section 4's table that say 'approved'.",),
    why={_TOLERANCE: "Autologous transplantation can reset the immune system in some patients with multiple "
                     "sclerosis (Burt et al. 2019), but stem cells engineered to prevent autoimmunity remain "
                     "preclinical.",
         _NO_MATCHING: "Expansion adds cells, not tolerance: expanded units are still chosen for a partial HLA match.",
         _BASE_APPROVED: "Base editing rescued sickle cell disease in mice (Newby et al. 2021); no base-edited stem-cell "
                         "treatment is approved."},
)
