"""Notebook 06's explorers: vector copies per cell, corrected cells in each lineage over years, and clones."""
from __future__ import annotations

from functools import partial

import numpy as np

from .. import figures
from ..explore import Explorer, Frame
from ..formatting import percent, plain_number, significant
from ..models import gene_therapy
from ..models.course import LINEAGE_LABELS
from ..params import ParamSet

SHOWN_COPIES = 8  # bars for 0..8 copies; the readout gives the share with more
MARKING, COUNTS = [0.5, 1.0], [0.0, 0.36]  # two panels: marking above, counts against normal below
SHARE_RANGE_LOG10 = [-3.0, 1.0]
NEUTRAL_CLONES_SHOWN = 5  # the largest neutral clones of the run shown, beside the advantaged one
CLONE_RANGE_LOG10 = [-2.0, 2.0]  # 0.01% to 100% of marked cells: drift near 1 in 500 and a clone's rise both show
MARKING_DAYS = 730  # two years: every lineage's marking settles within the first
MARKING_LATE_STEP = 4  # every 4th day after the first two months: about 200 points a trace
MARKED_LINEAGES = ("neutrophil", "nk", "b_cell", "cd4")  # CD8 T cells follow CD4 exactly
CLONE_POINTS = gene_therapy.MAX_STEPS + 1  # the model's time points at most
DAYS_PER_YEAR = gene_therapy.DAYS_PER_YEAR


def _bar(x: np.ndarray, y: np.ndarray, name: str, key: str, **extra) -> dict:
    return dict(type="bar", x=np.asarray(x), y=np.asarray(y), name=name, marker=dict(color=figures.color(key)),
                **extra)


def _render_transduction(result: gene_therapy.Transduction) -> Frame:
    k = result.copies[:SHOWN_COPIES + 1]
    traces = [
        _bar(k, 100 * result.probability[:SHOWN_COPIES + 1], "all cells", "progenitor", opacity=0.55),
        _bar(k, 100 * result.transduced_distribution[:SHOWN_COPIES + 1], "transduced cells only", "hsc",
             opacity=0.85),
    ]
    layout = figures.layout("Vector copies per cell: a Poisson draw", "vector copies in a cell (copies)",
                            "share of cells (%)", barmode="group",
                            xaxis=dict(range=[-0.6, SHOWN_COPIES + 0.6], dtick=1), yaxis=dict(range=[0, 100]))
    more = float(result.probability[result.copies > SHOWN_COPIES].sum() + result.tail_probability)
    three_or_more = float(result.probability[result.copies >= 3].sum() + result.tail_probability)
    if result.mean_integrations == 0:
        readout = f"MOI {plain_number(result.moi)}: no vector, so <b>no cell is transduced</b>."
    else:
        readout = (f"Mean integrations m = <b>{significant(result.mean_integrations, 3)}</b> (MOI "
                   f"{plain_number(result.moi)}): <b>{percent(result.fraction_transduced)} of cells transduced</b>, "
                   f"{significant(result.copies_per_transduced_cell, 3)} copies per transduced cell, bulk VCN "
                   f"{significant(result.bulk_vcn, 3)} (what the laboratory reports). "
                   f"{percent(three_or_more)} of all cells carry 3 copies or more"
                   + (f"; {percent(more)} more than {SHOWN_COPIES}." if more >= 0.0005 else "."))
    return Frame(traces=traces, layout=layout, readout=readout)


def explore_transduction(scenario: str | None = None) -> Explorer:
    """MOI and integrations per particle -> the Poisson distribution of vector copies per cell, the fraction
    transduced, copies per transduced cell and the bulk VCN."""
    controls = gene_therapy.PARAMS.subset(["moi", "integrations_per_moi"])
    return Explorer(gene_therapy.transduction, _render_transduction, controls,
                    scenarios=gene_therapy.TRANSDUCTION_SCENARIOS, scenario=scenario,
                    caption="Light bars: the share of all cells with 0, 1, 2... vector copies. Dark bars: the same "
                            "among transduced cells only (at least one copy), which is where the copies per "
                            "transduced cell come from.")


def _render_marking(result: gene_therapy.GeneTherapy) -> Frame:
    keep = figures.drawn_days(result.days, late_step=MARKING_LATE_STEP)
    years = result.days[keep] / DAYS_PER_YEAR
    drawn = result.course.on_days(keep)
    # B cells dashed: at the corrected share of stem cells they lie on the neutrophils' line
    dashes = {"b_cell": "dash"}
    traces = [figures.line(years, 100 * result.marking[lineage][keep], f"{LINEAGE_LABELS[lineage]} marked",
                           lineage, dash=dashes.get(lineage, "solid")) for lineage in MARKED_LINEAGES]
    traces += [figures.line(years, figures.floored(drawn.share_of_normal(lineage), SHARE_RANGE_LOG10), f"{LINEAGE_LABELS[lineage]} count",
                            lineage, dash=dashes.get(lineage, "solid"), yaxis="y2", showlegend=False)
               for lineage in MARKED_LINEAGES]
    layout = figures.layout(
        "Corrected cells in each lineage", "time after the infusion (years)", "cells with the vector (%)",
        height=460, shapes=[figures.hline(1.0, "normal for age", yref="y2", at="end", below=True)],
        xaxis=dict(anchor="y2", range=figures.extent(years)),
        yaxis=dict(domain=MARKING, range=[0, 105], dtick=25),
        yaxis2=dict(domain=COUNTS, anchor="x", type="log", range=SHARE_RANGE_LOG10, dtick=1,
                    title=dict(text="x lowest normal (log)")),
    )
    year = min(DAYS_PER_YEAR, float(result.days[-1]))
    marked = " · ".join(f"{LINEAGE_LABELS[lineage]} {percent(result.marking_at(lineage, year))}"
                        for lineage in ("neutrophil", "b_cell", "nk", "cd4"))
    recovery = []
    for lineage in ("cd4", "b_cell", "nk"):
        day = result.recovery_day(lineage)
        text = "not within the time shown" if day is None else "from the start" if day == 0 else f"day {day:.0f}"
        if day == 0 and result.marking_at(lineage, year) < 0.5:
            text += " (the patient's own, mostly uncorrected)"
        recovery.append(f"{LINEAGE_LABELS[lineage]} {text}")
    readout = (f"Corrected stem cells <b>{percent(result.corrected_hsc_share)}</b> (infused cells "
               f"{percent(result.infused_hsc_share)} of all stem cells; {percent(result.hsc_transduced_fraction)} of "
               f"them carry the vector). Marked after a year: {marked}.<br>In the normal range for age: "
               f"{', '.join(recovery)}. Copies per transduced stem cell "
               f"{significant(result.copies_per_transduced_hsc, 3)}; <b>genotoxicity index "
               f"{significant(result.genotoxicity_index, 2)}</b> (1 = one gamma-retroviral copy per cell).")
    return Frame(traces=traces, layout=layout, readout=readout)


def explore_marking(scenario: str | None = None) -> Explorer:
    """Disease, vector, busulfan, MOI and age -> the share of cells carrying the vector in each lineage over years,
    the counts against normal for age, and the genotoxicity index."""
    # five years, the model's default span, without a "time shown" slider: moving the time axis redraws every trace
    # the dropdown offers only the diseases with a gene to add (the shared disease list includes aplastic anaemia)
    controls = ParamSet(gene_therapy.PARAMS["disease"].restricted(gene_therapy.GENE_DISEASES),
                        *gene_therapy.PARAMS.subset(["vector", "busulfan", "moi", "age_months", "graft_source",
                                                     "cd34_per_kg"]))
    return Explorer(partial(gene_therapy.simulate, days=MARKING_DAYS), _render_marking, controls,
                    scenarios=gene_therapy.SCENARIOS,
                    scenario=scenario,
                    caption="Top: the share of each lineage's cells that carry the vector. Bottom, log scale: each "
                            "count over the lowest normal count for the child's age (above 1: in the normal range). "
                            "Day 0 is the infusion of the corrected cells.")


def _render_clones(result: gene_therapy.ClonalDynamics) -> Frame:
    # The same number of points whatever the years followed, on a time axis fixed at the longest span: a slider
    # then moves the lines in place (a time axis that rescales redraws every trace).
    years = np.linspace(0.0, result.years[-1], CLONE_POINTS)

    def on_grid(values: np.ndarray) -> np.ndarray:
        return np.interp(years, result.years, values)

    largest = np.argsort(result.shares[-1, 1:])[::-1][:NEUTRAL_CLONES_SHOWN] + 1
    low, middle, high = (figures.floored(100 * on_grid(row), CLONE_RANGE_LOG10)
                         for row in result.advantaged_share_quantiles)
    # the neutral clones as one trace, each line ended by a gap: one trace to update where five were
    gap = np.array([np.nan])
    neutral_years = np.concatenate([np.concatenate([years, gap]) for _clone in largest])
    neutral_shares = np.concatenate([np.concatenate([figures.floored(100 * on_grid(result.shares[:, clone]),
                                                                     CLONE_RANGE_LOG10), gap]) for clone in largest])
    traces = [
        figures.band(years, low, high, "10th-90th centile over runs", "pathogen", alpha=0.2),
        figures.line(years, middle, "clone with an advantage: median run", "pathogen", dash="dot"),
        figures.line(neutral_years, neutral_shares, "largest neutral clones (run shown)", "progenitor", width=1.2),
        figures.line(years, figures.floored(100 * on_grid(result.shares[:, 0]), CLONE_RANGE_LOG10),
                     "clone with an advantage: run shown", "pathogen"),
    ]
    layout = figures.layout(
        "One clone with an advantage among many", "time after the infusion (years)", "share of marked cells (%, log)",
        shapes=[figures.hline(100 * result.threshold, f"dominant above {100 * result.threshold:.0f}%", at="start")],
        xaxis=dict(range=[0, gene_therapy.PARAMS["years"].high]),
        yaxis=dict(type="log", range=CLONE_RANGE_LOG10, tickvals=[0.01, 0.1, 1, 10, 100],
                   ticktext=["0.01", "0.1", "1", "10", "100"]))
    followed = "the clone followed (no advantage)" if result.advantage == 0 else "the advantaged clone"
    readout = (f"Chance {followed} passes {100 * result.threshold:.0f}% of marked cells within "
               f"{plain_number(round(years[-1], 1))} years: <b>{percent(result.dominance_probability)}</b> "
               f"(± {percent(result.dominance_standard_error)}, {plain_number(result.replicates)} seeded runs). "
               f"It was lost by drift in {percent(result.extinct_share)} of runs. Largest neutral clone in the run "
               f"shown: {percent(result.largest_neutral_share)}. {plain_number(round(result.generations))} stem-cell "
               f"divisions in that time.")
    return Frame(traces=traces, layout=layout, readout=readout)


def explore_clones(scenario: str | None = None) -> Explorer:
    """Growth advantage of one clone, number of clones and marked stem cells, years and the dominance threshold ->
    clone shares over time in one run, the spread over seeded runs, and the chance one clone dominates."""
    controls = gene_therapy.PARAMS.subset(["advantage", "clones", "marked_hscs", "years", "dominance_threshold"])
    return Explorer(gene_therapy.clonal_dynamics, _render_clones, controls,
                    scenarios=gene_therapy.CLONE_SCENARIOS, scenario=scenario,
                    caption="Grey: the largest neutral clones of one run, drifting. Solid: the clone with an "
                            "advantage in that run; dotted and shaded: its median and 10th-90th centiles over all "
                            "seeded runs. Above the dashed line one clone makes most of the marked blood.")
