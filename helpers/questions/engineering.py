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
                f"{CORRECTED_CELL_PERCENT:.1f}% carry at least one, enough for a recessive disease. The rest of the "
                "cut alleles carry indels: in a cell whose only good copy was the corrected one, an indel on the "
                "other copy does no harm, but a cell with two indels has lost the gene entirely.",
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
bulk_hdr_overstates = MultipleChoice(
    "The laboratory measures 22% corrected alleles in the edited product, but only about 4% of alleles are "
    "corrected in the long-term stem cells a year later. Why?",
    answer="Quiescent stem cells mend cuts mostly by end joining",
    distractors=(_REJECTED, _DILUTED),
    explanation="HDR copies the template only in cells that are making DNA (S and G2 phases). Most cells of the "
                "product are cycling progenitors, which do HDR and make blood for a few months; the quiescent "
                "long-term HSCs, which make blood for decades, mend the same cuts mostly by NHEJ (Shin et al. 2020). "
                "So the product's figure mostly counts cells that will not last.",
    hints=("Which cells make up most of the product, and which make blood for decades?",
           "HDR needs a copy of DNA to work from: when in the cell cycle is that there?"),
    why={_REJECTED: "The cells are the patient's own, and a corrected gene makes a normal protein: nothing is "
                    "rejected in the model or, usually, in patients.",
         _DILUTED: "An edit is in the DNA itself: every daughter of a corrected stem cell inherits it."},
)

# --- the culture: cells per stem cell after a long culture
_LONG = expansion.simulate(**expansion.SCENARIOS["long culture"].kwargs())
CELLS_PER_HSC = 1 / float(_LONG.hsc_share[-1])
_START = 1 / expansion.PARAMS["hsc_share_at_start"].default

cells_per_stem_cell = Numeric(
    f"A culture starts with 1 stem cell in {_START:.0f} cells. After 21 days in cytokines alone there are "
    f"{float(_LONG.total_fold[-1]):.0f} times as many cells, but only {_LONG.hsc_fold:.2f} times as many stem cells. "
    "How many cells are there per stem cell at the harvest?",
    answer=CELLS_PER_HSC,
    unit="cells",
    rel_tol=0.1,
    explanation=f"{_START:.0f} x {float(_LONG.total_fold[-1]):.0f} / {_LONG.hsc_fold:.2f} = about "
                f"{CELLS_PER_HSC:,.0f}: the culture made cells but used up its stem cells. A graft's lasting "
                "engraftment depends on the stem cells it carries, not on its total cell count.",
    hints=("Cells per stem cell at the start, times how much the cells grew, divided by how much the stem cells "
           "grew.",),
    misconceptions=((_START * float(_LONG.total_fold[-1]), "that multiplies by the growth of all cells but forgets "
                                                            "that the stem cells also changed: divide by their fold "
                                                            "change."),
                    (_START, "that is the start; the cells and stem cells grew by different amounts.")),
)

# --- expanded cord blood
_DRUG_IN_PATIENT = "UM171 goes on working in the patient's marrow"
_T_CELLS_REMOVED = "Culture removes the T cells that slow engraftment"
expanded_cord_sooner = MultipleChoice(
    "A cord unit expanded for 7 days with UM171 engrafts neutrophils about a week sooner than the same unit "
    "unexpanded. What does the model say buys most of that week?",
    answer="Many more progenitors that quickly make neutrophils",
    distractors=(_DRUG_IN_PATIENT, _T_CELLS_REMOVED),
    explanation="The culture multiplies CD34+ progenitors about 40-fold and stem cells only about 4-fold. "
                "Progenitors make neutrophils within days of the infusion, which shortens the wait before the graft's "
                "cells reach the blood; the extra stem cells lower the toy graft-failure risk. Early neutrophils "
                "come from progenitors, lasting blood from stem cells.",
    hints=("In the culture explorer, which count rose most in 7 days with UM171?",),
    why={_DRUG_IN_PATIENT: "UM171 is in the culture medium only; the cells are washed before the infusion.",
         _T_CELLS_REMOVED: "Cord blood's slow engraftment comes from its few cells, not its T cells; in the model "
                           "the culture changes only the counts of stem cells and progenitors."},
)

# --- what is proven
_TOLERANCE = "Stem cells engineered so autoimmune disease cannot start"
_NO_MATCHING = "Expanded cord blood that needs no HLA matching at all"
proven_in_patients = MultipleChoice(
    "Which of these has been shown to work in patients, not only in the laboratory?",
    answer="CRISPR-edited own stem cells for sickle cell disease",
    distractors=(_TOLERANCE, _NO_MATCHING),
    explanation="Frangoul et al. (2021) reported the first patients given their own stem cells edited by CRISPR-Cas9 "
                "at the BCL11A enhancer, with high editing in marrow and blood over a year later; larger trials "
                "followed. Engineering stem cells for tolerance is laboratory work, and expanded cord blood is still "
                "partly HLA-matched.",
    hints=("Which of the three has a trial in the references?",),
    why={_TOLERANCE: "Autologous transplantation can reset the immune system in some patients with multiple "
                     "sclerosis (Burt et al. 2019), but stem cells engineered to prevent autoimmunity remain "
                     "preclinical.",
         _NO_MATCHING: "Expansion adds cells, not tolerance: expanded units are still chosen for a partial HLA match."},
)
