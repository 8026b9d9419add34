"""Notebook 05's explorers: the immune system coming back after a transplant, and IVIG by the numbers."""
from __future__ import annotations

import numpy as np

from .. import figures
from ..explore import Explorer, Frame, hide
from ..formatting import percent, plain_number, significant
from ..models import gene_therapy, ivig, reconstitution
from ..models.course import LINEAGE_LABELS, LineageCourse

# Three panels over one time axis: lineages, IgG, infection hazards (at 560 px: about 210, 100 and 115 px).
COUNTS, IGG, INFECTIONS = [0.55, 1.0], [0.29, 0.49], [0.0, 0.23]
THREE_PANEL_HEIGHT = 560  # px at notebook scale (figures.layout scales it for a projector)
PRESETS = {"diseases": reconstitution.SCENARIOS, "conditioning": reconstitution.CONDITIONING_SCENARIOS,
           "timing": reconstitution.TIMING_SCENARIOS}
# Seven traces in three panels, the most the browser redraws within budget: CD8 T cells (they follow CD4 here) are in
# the readout only, and the three infection hazards are drawn as their sum (the readout splits them).
DRAWN_LINEAGES = ("neutrophil", "nk", "b_cell", "cd4")
SHARE_RANGE_LOG10 = [-3.0, 1.0]  # 1/1000 to 10 times the lowest normal count for age; less runs along the bottom
IGG_RANGE_MG_DL = [0, 1600]
HAZARD_RANGE_LOG10 = [-2.0, 3.0]  # 0.01 to 1000 infections a year; less (or none) runs along the bottom
# No "time shown": the two years the model shows by default hold every lineage's return, and a slider that moves
# the time axis redraws every trace.
CONTROLS = ["disease", "age_months", "infection_status", "donor", "conditioning", "graft_source", "cd34_per_kg",
            "t_cell_depletion_logs"]
T_CELL_RANGE_LOG10 = [0.0, 4.0]  # 1 to 10,000 CD4 T cells/uL
MONTH = reconstitution.DAYS_PER_MONTH
# The model's day-by-day course is drawn on fewer days: every 2nd day over the first two months, every 8th after
# (about 115 points a trace for two years).
LATE_STEP = 8


def _drawn(result: reconstitution.Reconstitution):
    """The course on the days drawn, and their indices in the model's grid (whole days from 0)."""
    keep = figures.drawn_days(result.days, late_step=LATE_STEP)
    return result.course.on_days(keep), keep


def _age(months: float) -> str:
    return f"{plain_number(months)} months" if months < 24 else f"{plain_number(round(months / 12, 1))} years"


def _when(day: float | None) -> str:
    """A day after the transplant with its month, as the readout says it."""
    if day is None:
        return "never"
    return f"day {plain_number(round(day))}" + (f" ({plain_number(round(day / MONTH))} months)" if day >= 60 else "")


def recovery_text(result: reconstitution.Reconstitution | gene_therapy.GeneTherapy, lineage: str) -> str:
    """When ``lineage`` is back in the normal range for age, as the readouts say it (notebooks 05 and 08)."""
    day = result.recovery_day(lineage)
    if day is None:
        return f"{LINEAGE_LABELS[lineage]} not by day {plain_number(result.days[-1])}"
    return f"{LINEAGE_LABELS[lineage]} {'from the start' if day == 0 else _when(day)}"


def _ivig_text(result: reconstitution.Reconstitution, stop_mg_dl: float) -> str:
    if not result.ivig_needed:
        return "<b>IVIG: not needed</b> (the patient makes IgG)"
    if result.ivig_free_day is None:
        own = result.igg_own_mg_dl[-1]
        return (f"<b>IVIG: still needed on day {plain_number(result.days[-1])}</b> (own IgG "
                f"{plain_number(round(own))} mg/dL, below the {plain_number(stop_mg_dl)} needed to stop)")
    return f"<b>IVIG: can stop on {_when(result.ivig_free_day)}</b>"


def _neutropenia_text(result: reconstitution.Reconstitution) -> str:
    if result.neutropenic_risk[-1] == 0:
        return "no neutropenia (the marrow was not emptied)"
    return f"infection while neutropenic {percent(result.neutropenic_risk[-1])}"


def _readout(result: reconstitution.Reconstitution) -> str:
    """Three short lines, what a lecturer reads out first: IVIG and the risks, the lineages, then the graft."""
    stop = reconstitution.PARAMS["ivig_stop_igg_mg_dl"].default
    b_cells = recovery_text(result, "b_cell")
    if result.recovery_day("b_cell") == 0 and result.igg_production[-1] < 0.1:
        b_cells += " (the patient's own, which in the model make no IgG)"
    lineages = " · ".join([recovery_text(result, "neutrophil"), recovery_text(result, "nk"), recovery_text(result, "cd8"),
                           recovery_text(result, "cd4"), b_cells])
    first_year = min(365.0, float(result.days[-1]))
    return (f"{_ivig_text(result, stop)}. <b>Toy 5-year survival {percent(result.survival_estimate)}</b> · acute "
            f"GVHD {percent(result.acute_gvhd_risk)} · graft failure {percent(result.graft_failure_risk)} · "
            f"{_neutropenia_text(result)}.<br>In the normal range for age: {lineages}.<br>Transplant at "
            f"{_age(result.age_months)}; donor share of stem cells {percent(result.donor_stem_cell_share)}, of T "
            f"cells on day {plain_number(result.days[-1])} {percent(result.donor_t_cell_share[-1])}. Pneumonias and "
            f"opportunistic infections expected in the first year: "
            f"{significant(result.expected_infections(first_year), 2)} (no prophylaxis).")


def share_of_normal_traces(drawn: LineageCourse) -> list[dict]:
    """One line per drawn lineage: its count as a share of the lowest normal count for age that day (1: back in the
    normal range), floored on the log axis."""
    return [figures.line(drawn.days, figures.floored(drawn.share_of_normal(lineage), SHARE_RANGE_LOG10),
                         LINEAGE_LABELS[lineage], lineage) for lineage in DRAWN_LINEAGES]


def _render_reconstitution(result: reconstitution.Reconstitution) -> Frame:
    drawn, keep = _drawn(result)
    t = drawn.days
    stop = reconstitution.PARAMS["ivig_stop_igg_mg_dl"].default
    # Each count against the lowest normal count for the child's age that day: at 1 a lineage is back in range. One
    # line per lineage, where count-and-band would be two (the bands' fills doubled the browser's redraw); the
    # T-cell explorer draws the CD4 count with its band, moving as the child grows.
    traces = share_of_normal_traces(drawn)
    traces += [
        hide(figures.line(t, result.igg_with_ivig_mg_dl[keep], "IgG with IVIG", "ivig", yaxis="y2"),
             not result.ivig_needed),
        figures.line(t, result.igg_own_mg_dl[keep], "own IgG", "igg", yaxis="y2"),
        figures.line(t, figures.floored((result.neutropenic_per_year + result.pneumonia_per_year
                                         + result.opportunistic_per_year)[keep], HAZARD_RANGE_LOG10),
                     "infections a year: neutropenic, low IgG, low CD4", "pathogen", yaxis="y3"),
    ]
    stop_line = figures.hline(stop, "", yref="y2")
    del stop_line["label"]  # labelled in the panel's corner, where no line runs through the words
    layout = figures.layout(
        "Immune recovery after a transplant", "time after the transplant (days)", "x lowest normal (log)",
        height=THREE_PANEL_HEIGHT, shapes=[figures.hline(1.0, "normal for age", at="start"), stop_line],
        annotations=[dict(text=f"dashed: IVIG can stop above {plain_number(stop)}", xref="paper", x=0.01,
                          yref="y2 domain", y=1.0, xanchor="left", yanchor="top", showarrow=False,
                          bgcolor="rgba(255, 255, 255, 0.85)", font=dict(color=figures.SERIES_COLORS["threshold"]))],
        xaxis=dict(anchor="y3", range=figures.extent(t)),
        yaxis=dict(domain=COUNTS, type="log", range=SHARE_RANGE_LOG10, dtick=1),
        yaxis2=dict(domain=IGG, anchor="x", range=IGG_RANGE_MG_DL, dtick=500, title=dict(text="IgG (mg/dL)")),
        yaxis3=dict(domain=INFECTIONS, anchor="x", type="log", range=HAZARD_RANGE_LOG10,
                    tickvals=[0.01, 1, 100], ticktext=["0.01", "1", "100"], title=dict(text="per year (log)")),
    )
    return Frame(traces=traces, layout=layout, readout=_readout(result))


def explore_reconstitution(scenario: str | None = None, presets: str = "diseases") -> Explorer:
    """Disease, age, infection status, donor, conditioning, graft and T-cell depletion -> neutrophils, NK, B, CD4
    and CD8 T cells against the normal range for age; IgG with and without IVIG; infection hazards; toy survival.
    ``presets``: which scenario buttons (``PRESETS``: one per disease, the conditioning steps of notebook 05's
    section 3, or the timing steps of section 5); ``scenario``: open on one of them."""
    if presets not in PRESETS:
        raise ValueError(f"presets={presets!r} is not a valid choice; choose one of {', '.join(map(repr, PRESETS))}")
    return Explorer(reconstitution.simulate, _render_reconstitution, reconstitution.PARAMS.subset(CONTROLS),
                    scenarios=PRESETS[presets], scenario=scenario,
                    caption="Top, log scale: each lineage's count divided by the lowest normal count for the "
                            "child's age on that day; above the line at 1 it is back in the normal range. Middle: the "
                            "patient's own IgG and the total with IVIG, given from day 0 until own IgG stays above "
                            "the stop level. Bottom, log scale: infections expected per year without prophylaxis, "
                            "all causes together (while neutropenic; pneumonias from low IgG; opportunistic "
                            "infections from low CD4). Values below an axis run along its bottom edge. Day 0 is the "
                            "infusion. CD8 T cells are in the readout.")


def _render_t_cells(result: reconstitution.Reconstitution) -> Frame:
    drawn, keep = _drawn(result)
    t, cd4 = drawn.days, drawn.counts["cd4"]
    thymic = cd4 * result.thymic_share_of_t[keep]
    traces = figures.course_traces(drawn, ["cd4"])
    traces += [
        figures.line(t, thymic, "new naive, from the thymus", "thymic", dash="dot"),
        figures.line(t, cd4 - thymic, "expanded graft and host T cells", "expanded", dash="dash"),
    ]
    for trace in traces:
        trace["y"] = figures.floored(trace["y"], T_CELL_RANGE_LOG10)
    layout = figures.layout("CD4 T cells: expanded, or new from the thymus",
                            "time after the transplant (days)", "CD4 T cells/uL (log)",
                            xaxis=dict(range=figures.extent(t)),
                            yaxis=dict(type="log", range=T_CELL_RANGE_LOG10, dtick=1))
    year = min(365.0, float(result.days[-1]))

    def on_that_day(values: np.ndarray) -> float:
        return float(np.interp(year, result.days, values))

    return Frame(traces=traces, layout=layout, readout=(
        f"Transplant at {_age(result.age_months)}. In the normal range for age: {recovery_text(result, 'cd4')}. On "
        f"day {plain_number(year)}, <b>{percent(on_that_day(result.thymic_share_of_t))} of CD4 T cells are new from "
        f"the thymus</b>, {plain_number(round(on_that_day(result.course.counts['cd4'])))}/uL in all (normal for age "
        f"from {plain_number(round(on_that_day(result.course.normal_low['cd4'])))})."))


def explore_t_cells(scenario: str | None = None) -> Explorer:
    """Age, graft and T-cell depletion -> CD4 T cells split into expanded graft (and host) cells and new naive cells
    from the thymus, against the normal range for age. ``scenario``: open on one of ``reconstitution.T_CELL_SCENARIOS``."""
    controls = reconstitution.PARAMS.subset(["age_months", "t_cell_depletion_logs", "graft_source", "disease",
                                            "conditioning", "days"])
    return Explorer(reconstitution.simulate, _render_t_cells, controls, scenarios=reconstitution.T_CELL_SCENARIOS,
                    scenario=scenario,
                    caption="Log scale. Solid: all CD4 T cells, against their normal range for age (band). Dotted: "
                            "the new naive T cells the thymus has made; dashed: T cells that came in the graft (or "
                            "survived conditioning) and multiplied to fill the empty space.")


def _render_ivig(result: ivig.IvigCourse) -> Frame:
    spec = ivig.PARAMS["trough_mg_dl"]
    troughs = np.linspace(spec.low, spec.high, 81)
    trough = min(result.steady_trough_mg_dl, spec.high)
    traces = [
        figures.line(result.days, result.igg_mg_dl, "serum IgG", "ivig"),
        figures.line(result.days[[0, -1]], [result.steady_trough_mg_dl] * 2, "steady trough", "igg", dash="dot"),
        figures.line(troughs, ivig.pneumonia_rates(troughs), "pneumonias a year at each trough", "pathogen",
                     xaxis="x2", yaxis="y2"),
        {**figures.line([trough], [result.pneumonias_per_year], "this regimen", "pathogen", xaxis="x2",
                        yaxis="y2", marker=dict(size=12, line=dict(color="white", width=1.5))), "mode": "markers"},
    ]
    layout = figures.layout(
        "IVIG: infusions, trough IgG and pneumonias", "time from the first infusion (days)", "IgG (mg/dL)",
        height=THREE_PANEL_HEIGHT,
        shapes=[figures.hline(spec.default, f"trough {plain_number(spec.default)}", below=True)],
        xaxis=dict(domain=[0, 1], anchor="y", range=figures.extent(result.days)),
        yaxis=dict(domain=[0.55, 1.0], range=figures.steady_range(result.igg_mg_dl, [1000])),
        xaxis2=dict(anchor="y2", range=[spec.low, spec.high], dtick=250,
                    title=dict(text="steady trough IgG (mg/dL)")),
        yaxis2=dict(domain=[0.0, 0.35], anchor="x2", range=[0, 0.6], dtick=0.2,
                    title=dict(text="pneumonias/yr")),
    )
    readout = (f"Steady trough <b>{plain_number(round(result.steady_trough_mg_dl))} mg/dL</b> (peak "
               f"{plain_number(round(result.steady_peak_mg_dl))}; the first trough is "
               f"{plain_number(round(result.first_trough_mg_dl))}, and it takes {result.doses_to_steady} infusions "
               f"to get within 10% of steady). Pneumonias expected <b>{significant(result.pneumonias_per_year, 2)} "
               f"per patient-year</b> (Orange et al. 2010), one every {significant(1 / result.pneumonias_per_year, 2)}"
               f" years. <b>{significant(result.infusions_per_year, 2)} infusions a year</b>, "
               f"{significant(result.igg_g_per_kg_per_year, 2)} g of IgG per kg body weight a year.")
    return Frame(traces=traces, layout=layout, readout=readout)


def explore_ivig(scenario: str | None = None) -> Explorer:
    """IVIG dose, interval, own IgG and IgG half-life -> serum IgG over repeated infusions, the steady trough, and
    pneumonias a year at that trough."""
    controls = ivig.PARAMS.subset(["dose_mg_per_kg", "interval_days", "endogenous_igg_mg_dl", "igg_half_life_days",
                                   "days"])
    return Explorer(ivig.course, _render_ivig, controls, scenarios=ivig.SCENARIOS, scenario=scenario,
                    caption="Top: serum IgG with an infusion on each jump; the dotted line is the trough repeated "
                            "doses settle on, the dashed line a trough of 500 mg/dL. Bottom: pneumonias per "
                            "patient-year at each steady trough (Orange et al. 2010's fit to 17 studies), with this "
                            "regimen marked.")
