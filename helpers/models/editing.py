"""Gene editing in blood stem cells as closed forms: what each allele and each cell ends up with, by cell state.

A Cas9 nuclease cuts a share p of alleles. A cut is repaired by non-homologous end joining (NHEJ: a small insertion or
deletion, an indel) or, when a repair template is given, by homology-directed repair (HDR: the corrected sequence).
HDR works mainly in cells in S/G2, so its share h of repaired cuts depends on the cell's state: h_cycling in cycling
progenitors, far lower h_quiescent in quiescent long-term HSCs (Wang et al. 2015; Shin et al. 2020). Per allele:

    unedited = 1 - p,   HDR = p h,   NHEJ = p (1 - h),   of which in frame: NHEJ x f_in-frame

(f_in-frame = 1/3: indels whose length is a multiple of 3 keep the reading frame; a teaching assumption). A cell with
two copies of the gene (autosomal) draws two alleles independently; a boy with an X-linked gene has one. The bulk
product a laboratory measures is mostly cycling progenitors (share c), so bulk HDR = p (c h_cycling + (1 - c)
h_quiescent), while what persists after engraftment is what the long-term HSCs carry, p h_quiescent. A base editor
changes one base without cutting both strands: edited = e, no indels, and it works in quiescent cells too, so most
of it persists (Newby et al. 2021: 80% of alleles edited in patients' HSPCs, 68% in mice 16 weeks after
transplantation). A prime editor writes a short new sequence from a guide that carries it, also without a double-strand
break or a DNA template: fewer alleles edited than a base editor (Everette et al. 2023: 15-41% in patients' HSPCs), but
kept after engraftment (on average 42% of human red-cell precursors corrected in mice 17 weeks later).

What the toy leaves out: large deletions, translocations and p53 activation after cuts; bystander edits of base
editors and the few indels prime editors make; off-target edits; the fitness cost of editing and culture on
engraftment (notebook 06's culture factor); mosaic cells that divided between cut and repair.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..params import Choice, Param, ParamSet, Scenario, validated

FRANGOUL = "Frangoul et al. 2021, NEJM 384:252"
WANG = "Wang et al. 2015, Nat Biotechnol"
SHIN = "Shin et al. 2020, Cell Rep"
NEWBY = "Newby et al. 2021, Nature 595:295"
EVERETTE = "Everette et al. 2023, Nat Biomed Eng (doi 10.1038/s41551-023-01026-0)"
TOY = "teaching assumption"

EDITORS = ("nuclease", "nuclease_with_template", "base_editor", "prime_editor")
NO_BREAK_EDITORS = ("base_editor", "prime_editor")  # edit without a double-strand break: no NHEJ
LOCI = ("autosomal", "x_linked_male")
STATES = ("cycling", "quiescent")  # cycling progenitor, quiescent long-term HSC

PARAMS = ParamSet(
    Choice("editor", "nuclease_with_template", EDITORS, "the editing tool: a Cas9 nuclease alone (disrupts by NHEJ), "
           "with a repair template (corrects by HDR), a base editor (changes one base) or a prime editor (writes a "
           "short sequence); the last two cut no double strand", f"{FRANGOUL}; {WANG}; {NEWBY}; {EVERETTE}",
           option_labels=("Cas9 nuclease (disruption)", "Cas9 + repair template (HDR)", "base editor",
                          "prime editor")),
    Choice("locus", "autosomal", LOCI, "how many copies of the gene a cell carries: two (autosomal) or one (an "
           "X-linked gene in a boy)", "genetics", option_labels=("autosomal (2 copies)", "X-linked, in a boy (1 copy)")),
    Param("cut_efficiency", 0.8, 0, 1, "fraction", "share of alleles the nuclease cuts (and so edits)",
          f"{FRANGOUL}: ~80% of alleles edited in healthy donors' CD34+ cells; high editing in both patients' "
          "marrow and blood over a year later", step=0.01, label="alleles cut"),
    Param("hdr_share_cycling", 0.3, 0, 1, "fraction", "share of repaired cuts mended by HDR in a cycling progenitor "
          "when a template is given", f"{TOY}: gives bulk HDR of ~22%, within the 17-26% targeted "
          f"insertion (zinc-finger nuclease and AAV6) of {WANG}",
          step=0.01, label="HDR share, cycling cells"),
    Param("hdr_share_quiescent", 0.05, 0, 1, "fraction", "share of repaired cuts mended by HDR in a quiescent "
          "long-term HSC", f"{TOY}; direction from {SHIN}: quiescent long-term HSCs favour NHEJ", step=0.01,
          label="HDR share, quiescent HSCs"),
    Param("cycling_share", 0.9, 0, 1, "fraction", "share of the edited CD34+ product that is cycling progenitors "
          "(the rest: quiescent long-term HSCs)", f"{TOY}: true stem cells are a small minority of CD34+ cells",
          step=0.01, label="cycling share of the product"),
    Param("in_frame_share", 1 / 3, 0, 1, "fraction", "share of NHEJ indels that keep the reading frame",
          f"{TOY}: an indel of random length is a multiple of 3 one time in 3", step=0.01, label="in-frame indels"),
    Param("base_edit_efficiency", 0.8, 0, 1, "fraction", "share of alleles a base editor converts",
          f"{NEWBY}: 80% HBB^S to Makassar conversion in patients' HSPCs", step=0.01, label="alleles base-edited"),
    Param("base_edit_persistence", 0.85, 0, 1, "fraction", "share of base-edited alleles still found in long-term "
          "HSCs after engraftment, relative to the product", f"{NEWBY}: 68% after 16 weeks in mice against 80% "
          "infused", step=0.01, label="base edits kept in HSCs"),
    Param("prime_edit_efficiency", 0.3, 0, 1, "fraction", "share of alleles a prime editor corrects",
          f"{EVERETTE}: 15-41% correction in sickle-cell patients' HSPCs", step=0.01, label="alleles prime-edited"),
    Param("prime_edit_persistence", 1.0, 0, 1, "fraction", "share of prime-edited alleles still found in long-term "
          "HSCs after engraftment, relative to the product", f"{EVERETTE}: correction maintained 17 weeks after "
          "transplantation into mice (42% of human red-cell precursors on average)", step=0.01,
          label="prime edits kept in HSCs"),
)

SCENARIOS = PARAMS.scenarios({
    "Cas9 + template (HDR)": Scenario("correcting the gene by homology-directed repair"),
    "Cas9 disruption (NHEJ)": Scenario("disrupting a regulatory element by NHEJ, as in Frangoul 2021",
                                       editor="nuclease"),
    "base editor": Scenario("changing one base without a double-strand break, as in Newby 2021",
                            editor="base_editor"),
    "prime editor": Scenario("writing the correction from the guide, without a break or a template, as in "
                             "Everette 2023", editor="prime_editor"),
    "X-linked gene in a boy": Scenario("the same HDR correction of a gene with one copy per cell",
                                       locus="x_linked_male"),
})


@dataclass(frozen=True)
class AlleleOutcomes:
    """What one allele ends up as (shares that add up to 1)."""

    unedited: float
    nhej: float  # an indel from non-homologous end joining (0 for base and prime editors)
    in_frame_nhej: float  # the part of nhej that keeps the reading frame
    corrected: float  # HDR with the template, or the intended base or prime edit

    @property
    def total(self) -> float:
        return self.unedited + self.nhej + self.corrected


@dataclass(frozen=True)
class CellOutcomes:
    """What a cell ends up with, over its one or two copies of the gene (shares of cells)."""

    no_edit: float  # every copy unedited
    corrected: float  # at least one corrected copy (enough for a recessive disease)
    all_copies_disrupted: float  # every copy an indel (a full knockout), no corrected copy
    all_copies_edited: float  # every copy edited in some way (biallelic when there are two)


@dataclass(frozen=True)
class EditingOutcomes:
    """Outcomes per allele and per cell in cycling progenitors, quiescent long-term HSCs, and the bulk product."""

    editor: str
    locus: str
    allele: dict[str, AlleleOutcomes]  # by state: "cycling", "quiescent", "bulk"
    cell: dict[str, CellOutcomes]  # by state
    bulk_corrected: float  # corrected alleles in the edited product (what the laboratory measures before infusion)
    persisting_corrected: float  # corrected alleles in long-term HSCs, what lasts after engraftment
    copies_per_cell: int


def _allele(editor: str, cut: float, hdr: float, in_frame: float, edited: float) -> AlleleOutcomes:
    """One allele's outcome: ``edited`` is a no-break editor's share, ``cut`` and ``hdr`` a nuclease's."""
    if editor in NO_BREAK_EDITORS:
        return AlleleOutcomes(unedited=1 - edited, nhej=0.0, in_frame_nhej=0.0, corrected=edited)
    share_hdr = hdr if editor == "nuclease_with_template" else 0.0
    nhej = cut * (1 - share_hdr)
    return AlleleOutcomes(unedited=1 - cut, nhej=nhej, in_frame_nhej=nhej * in_frame, corrected=cut * share_hdr)


def _mix(a, b, share_a: float):
    """A population with ``share_a`` of ``a`` and the rest ``b`` (allele or cell outcomes alike)."""
    return type(a)(**{field: share_a * getattr(a, field) + (1 - share_a) * getattr(b, field)
                      for field in a.__dataclass_fields__})


def _cell(allele: AlleleOutcomes, copies: int) -> CellOutcomes:
    """Copies drawn independently: at least one corrected, all disrupted, all edited, none edited."""
    return CellOutcomes(no_edit=allele.unedited ** copies, corrected=1 - (1 - allele.corrected) ** copies,
                        all_copies_disrupted=allele.nhej ** copies,
                        all_copies_edited=(1 - allele.unedited) ** copies)


@validated(PARAMS)
def outcomes(*, editor: str, locus: str, cut_efficiency: float, hdr_share_cycling: float,
             hdr_share_quiescent: float, cycling_share: float, in_frame_share: float, base_edit_efficiency: float,
             base_edit_persistence: float, prime_edit_efficiency: float,
             prime_edit_persistence: float) -> EditingOutcomes:
    """Unedited, NHEJ and corrected shares per allele and per cell, in cycling progenitors and quiescent long-term
    HSCs, for ``editor`` at ``locus``; the bulk product's corrected share against what persists in long-term HSCs.

    >>> result = outcomes(editor="nuclease_with_template", locus="autosomal")
    >>> round(result.bulk_corrected, 3), round(result.persisting_corrected, 3)
    (0.22, 0.04)
    """
    copies = 2 if locus == "autosomal" else 1
    efficiency, persistence = {"base_editor": (base_edit_efficiency, base_edit_persistence),
                               "prime_editor": (prime_edit_efficiency, prime_edit_persistence)}.get(editor, (0.0, 0.0))
    cycling = _allele(editor, cut_efficiency, hdr_share_cycling, in_frame_share, efficiency)
    quiescent = _allele(editor, cut_efficiency, hdr_share_quiescent, in_frame_share, efficiency * persistence)
    # the product is measured before engraftment: a no-break editor's share is the same in every state there
    share = 1.0 if editor in NO_BREAK_EDITORS else cycling_share
    cells = {"cycling": _cell(cycling, copies), "quiescent": _cell(quiescent, copies)}
    product = _mix(cycling, quiescent, share)
    return EditingOutcomes(
        editor=editor, locus=locus, allele={"cycling": cycling, "quiescent": quiescent, "bulk": product},
        cell={**cells, "bulk": _mix(cells["cycling"], cells["quiescent"], share)},
        bulk_corrected=product.corrected, persisting_corrected=quiescent.corrected, copies_per_cell=copies,
    )
