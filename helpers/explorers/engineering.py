"""Notebook 07's explorers: what an edit leaves in each allele and cell, a stem-cell culture, and an expanded cord unit."""
from __future__ import annotations

import numpy as np

from .. import figures
from ..explore import Explorer, Frame
from ..formatting import percent, plain_number, sci, significant
from ..models import editing, expansion, transplant

STATES = ("bulk", "cycling", "quiescent")
STATE_LABELS = {"bulk": "product", "cycling": "cycling", "quiescent": "HSCs"}  # one line, short for a projector
CULTURE_POINTS = 113  # 4 a day over the longest culture: every culture drawn with as many points
FOLD_RANGE_LOG10 = [-2.0, 5.0]  # 1/100 to 100,000 times what was put in
FOLDS, RENEWAL = [0.36, 1.0], [0.0, 0.24]
CORD_DAYS = 60  # days after the transplant shown
ANC_RANGE_LOG10 = [-2.0, 1.0]


def _bars(alleles: list[float], cells: list[float], name: str, key: str) -> dict:
    """One segment of the stacked bars, three for alleles then three for cells (%), on one two-level axis: five bar
    traces where two panels needed eight (bars redraw slower than lines in the browser)."""
    labels = [STATE_LABELS[s] for s in STATES]
    return dict(type="bar", x=[["each allele"] * 3 + ["each cell"] * 3, labels * 2],
                y=np.asarray([*alleles, *cells]) * 100, name=name, marker=dict(color=figures.color(key)),
                hovertemplate="%{x}: %{y:.1f}%<extra>" + name + "</extra>")


def _mixed(cell: editing.CellOutcomes) -> float:
    """Cells with some copies edited, none corrected and not every copy disrupted (one indel, one unedited copy)."""
    return max(0.0, 1 - cell.no_edit - cell.corrected - cell.all_copies_disrupted)


def _render_editing(result: editing.EditingOutcomes) -> Frame:
    allele, cell = result.allele, result.cell
    none = [0.0] * 3
    traces = [
        _bars([allele[s].corrected for s in STATES], [cell[s].corrected for s in STATES],
              "corrected (a cell: any copy)", "corrected"),
        _bars([allele[s].nhej - allele[s].in_frame_nhej for s in STATES],
              [cell[s].all_copies_disrupted for s in STATES], "frame-shifting indel (a cell: indels on every copy)",
              "indel"),
        _bars([allele[s].in_frame_nhej for s in STATES], none, "in-frame indel", "in_frame_indel"),
        _bars(none, [_mixed(cell[s]) for s in STATES], "a cell: an indel and an unedited copy", "mixed"),
        _bars([allele[s].unedited for s in STATES], [cell[s].no_edit for s in STATES], "unedited", "unedited"),
    ]
    copies = "1 copy" if result.copies_per_cell == 1 else "2 copies"
    layout = figures.layout(
        "What an edit leaves, by cell state", f"cell state (cells with {copies} of the gene)", "share (%)",
        barmode="stack", height=470, yaxis=dict(range=[0, 100], dtick=20),
        xaxis=dict(range=[-0.5, 5.5]))  # fixed, as the y axis: a slider move then animates the bars in place
    bulk, lasting = result.bulk_corrected, result.persisting_corrected
    if result.editor == "nuclease":
        what = (f"A nuclease alone corrects nothing: it disrupts. <b>{percent(cell['bulk'].all_copies_disrupted)} of "
                f"cells in the product carry an indel on every copy</b>; "
                f"{percent(allele['bulk'].in_frame_nhej)} of alleles carry an in-frame indel, which may still work.")
    else:
        ratio = "" if bulk == 0 else f" ({percent(lasting / bulk)} of it)"
        what = (f"Corrected alleles in the product, what the laboratory measures: <b>{percent(bulk)}</b>; in the "
                f"long-term HSCs, what lasts: <b>{percent(lasting)}</b>{ratio}. Cells with a corrected copy: product "
                f"{percent(cell['bulk'].corrected)}, long-term HSCs {percent(cell['quiescent'].corrected)}.")
    breaks = ("No double-strand break: no indels." if result.editor in editing.NO_BREAK_EDITORS else
              f"Indels on every copy in {percent(cell['quiescent'].all_copies_disrupted)} of long-term HSCs.")
    return Frame(traces=traces, layout=layout, readout=f"{what}<br>{breaks}")


def explore_editing(scenario: str | None = None) -> Explorer:
    """Editor, locus, cutting and HDR in cycling and quiescent cells -> outcomes per allele and per cell in the
    product and in the long-term HSCs that last."""
    # the editor last: the sliders before it are the nuclease's, which a no-break editor does not use
    controls = editing.PARAMS.subset(["locus", "cut_efficiency", "hdr_share_cycling", "hdr_share_quiescent",
                                      "cycling_share", "editor"])
    return Explorer(editing.outcomes, _render_editing, controls, scenarios=editing.SCENARIOS, scenario=scenario,
                    caption="Left: what each allele ends up as. Right: what each cell carries over its copies of the "
                            "gene. Bars: the bulk product measured before infusion; its cycling progenitors; and the "
                            "quiescent long-term HSCs, whose edits last after engraftment.")


def _render_culture(result: expansion.Expansion) -> Frame:
    # as many points whatever the culture's length, on a time axis fixed at the longest culture: lines move in place
    days = np.linspace(0.0, float(result.days[-1]), CULTURE_POINTS)

    def on_grid(values: np.ndarray) -> np.ndarray:
        return figures.floored(np.exp(np.interp(days, result.days, np.log(values))), FOLD_RANGE_LOG10)

    traces = [
        figures.line(days, on_grid(result.total_fold), "all cells", "all_cells"),
        figures.line(days, on_grid(result.cd34_fold), "CD34+ cells", "progenitor"),
        figures.line(days, on_grid(result.hsc), "stem cells (HSCs)", "hsc"),
        figures.line(days, np.interp(days, result.days, result.hsc_self_renewal), "HSC self-renewal", "hsc",
                     dash="dot", yaxis="y2", showlegend=False),
    ]
    half = figures.hline(0.5, "", yref="y2")
    del half["label"]  # named in the panel's corner, where the dotted line never runs through it
    layout = figures.layout(
        "A race in the dish: self-renewal against differentiation", "time in culture (days)",
        "fold of cells put in (log)", height=470,
        shapes=[figures.hline(1.0, "as many as put in", at="end"), half],
        xaxis=dict(anchor="y2", range=[0, expansion.MAX_DAYS], dtick=7),
        yaxis=dict(domain=FOLDS, type="log", range=FOLD_RANGE_LOG10, dtick=1),
        yaxis2=dict(domain=RENEWAL, anchor="x", range=[0.2, 0.9], dtick=0.2, title=dict(text="chance (0-1)")),
        annotations=[dict(text="dotted: HSC self-renewal; dashed: 1/2, where HSCs hold steady", xref="paper", x=0.01, yref="y2 domain", y=1.0,
                          xanchor="left", yanchor="bottom", showarrow=False)],
    )
    s = float(result.hsc_self_renewal[-1])
    trend = "above 1/2: stem cells still multiply" if s > 0.5 else "below 1/2: stem cells are being used up"
    share0, share = result.hsc_share_at_start, float(result.hsc_share[-1])
    best = (f"most on day {plain_number(result.best_hsc_day)}" if result.best_hsc_day < result.days[-1]
            else "still rising")
    readout = (f"Harvest on day {plain_number(result.days[-1])}: <b>stem cells ×{significant(result.hsc_fold, 2)}</b> "
               f"({best}), CD34+ cells ×{significant(float(result.cd34_fold[-1]), 2)}, <b>all cells "
               f"×{significant(float(result.total_fold[-1]), 2)}</b>.<br>Stem cells are 1 in "
               f"{_about(1 / share)} cells (1 in {_about(1 / share0)} "
               f"at the start). An HSC division now gives two HSCs with chance {significant(s, 2)}: {trend}.")
    return Frame(traces=traces, layout=layout, readout=readout)


def _about(count: float) -> str:
    """A count to two significant figures with thousands separated: 454,728 -> '450,000'."""
    return f"{float(f'{count:.2g}'):,.0f}"


def explore_expansion(scenario: str | None = None) -> Explorer:
    """Cytokines, small molecule and days in culture -> stem cells, CD34+ cells and all cells as fold changes, and
    the stem cells' self-renewal wearing off."""
    controls = expansion.PARAMS.subset(["cytokines", "small_molecule", "days", "hsc_divisions_per_day"])
    return Explorer(expansion.simulate, _render_culture, controls, scenarios=expansion.SCENARIOS, scenario=scenario,
                    caption="Top, log scale: each kind of cell as a multiple of what was put in on day 0 (CD34+ "
                            "cells include the stem cells). Bottom: the chance that a stem-cell division gives two "
                            "stem cells; below 1/2 their number falls.")


def _render_cord(result: expansion.ExpandedGraft) -> Frame:
    before, after = result.unexpanded, result.expanded
    keep = (before.days >= 0) & (before.days <= CORD_DAYS)
    t = before.days[keep]
    traces = [
        figures.line(t, figures.floored(before.anc[keep], ANC_RANGE_LOG10), "ANC, unexpanded unit", "neutrophil",
                     dash="dot"),
        figures.line(t, figures.floored(after.anc[keep], ANC_RANGE_LOG10), "ANC, expanded unit", "neutrophil"),
    ]
    layout = figures.layout(
        "Expanded cord blood: neutrophils return sooner", "time after the infusion (days)",
        "ANC (1e9/L, log scale)",
        shapes=[figures.hline(transplant.ANC_ENGRAFTMENT_1E9_PER_L, "engrafted above 0.5", at="end", below=True)],
        xaxis=dict(range=[0, CORD_DAYS], dtick=10), yaxis=dict(type="log", range=ANC_RANGE_LOG10, dtick=1))

    def day(value: int | None) -> str:
        return "never" if value is None else f"day {value}"

    sooner = result.days_sooner
    if sooner is None or sooner == 0:
        gain = "" if sooner is None else " (no sooner)"
    else:
        gain = f" ({abs(sooner)} day{'s' if abs(sooner) > 1 else ''} {'sooner' if sooner > 0 else 'later'})"
    low = (" <b>Fewer stem cells than the transplant model's lowest dose (5e4/kg), so it is computed at that dose: "
           "the real result would be worse.</b>") if result.below_model_range else ""
    culture = result.culture
    readout = (f"Neutrophils engraft: unexpanded {day(before.neutrophil_engraftment_day)}, <b>expanded "
               f"{day(after.neutrophil_engraftment_day)}</b>{gain}. Platelets {day(before.platelet_engraftment_day)} "
               f"and {day(after.platelet_engraftment_day)}. Toy graft failure <b>{percent(before.graft_failure_risk)} "
               f"→ {percent(after.graft_failure_risk)}</b>.{_split(result)}<br>After {plain_number(culture.days[-1])} days: "
               f"{sci(result.expanded_cd34_per_kg)} CD34+ cells/kg (×{significant(float(culture.cd34_fold[-1]), 2)}), "
               f"stem cells ×{significant(culture.hsc_fold, 2)}: as many as {sci(result.repopulating_dose_cd34_per_kg)} "
               f"unexpanded CD34+ cells/kg.{low}")
    return Frame(traces=traces, layout=layout, readout=readout)


def _split(result: expansion.ExpandedGraft) -> str:
    """What each effect alone does: the progenitors' shorter delay, the stem-cell dose."""
    parts = (result.sooner_from_progenitors, result.sooner_from_stem_cells)
    if None in parts:
        return ""
    def days(n: int) -> str:
        return f"{abs(n)} day{'s' if abs(n) != 1 else ''} {'sooner' if n >= 0 else 'later'}"
    return f" Alone, the extra progenitors would give {days(parts[0])}, the stem-cell dose {days(parts[1])}."


def explore_expanded_cord(scenario: str | None = None) -> Explorer:
    """Small molecule, cytokines, days in culture and the unit's dose -> the ANC after the unit is given as it is
    and after expansion, both from notebook 04's transplant model."""
    controls = expansion.GRAFT_PARAMS.subset(["small_molecule", "cytokines", "days", "cord_cd34_per_kg"])
    return Explorer(expansion.engraftment, _render_cord, controls, scenarios=expansion.GRAFT_SCENARIOS,
                    scenario=scenario,
                    caption="Log scale: the ANC after one partly matched cord unit and myeloablative conditioning, "
                            "given as it is (dotted) or after the culture (solid), from notebook 04's transplant "
                            "model. Neutrophils engraft on the first of 3 days above 0.5.")
