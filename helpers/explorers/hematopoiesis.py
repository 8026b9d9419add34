"""Notebook 01's explorers: clone fates, the hierarchy by the numbers, and feedback after a bleed or chemotherapy."""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import figures
from ..formatting import percent, sci, significant
from ..explore import Explorer, Frame
from ..models import hematopoiesis as hem

SHOWN_CLONES = 40  # clones drawn one by one (all clones count in the fractions and means)
LEFT, RIGHT = dict(domain=[0, 0.45]), dict(domain=[0.6, 1])  # two panels side by side
TOP, BOTTOM = dict(domain=[0.6, 1]), dict(domain=[0, 0.4])  # two panels one above the other
CATEGORY_RANGE = [-0.4, 3.9]  # four cell types, with room for the last one's number on its right


def _on(trace: dict[str, Any], axis: str) -> dict[str, Any]:
    """Put a trace on the second panel (``axis="2"``)."""
    return {**trace, "xaxis": f"x{axis}", "yaxis": f"y{axis}"}


def _shape_on(shape: dict[str, Any], axis: str = "") -> dict[str, Any]:
    """Confine a threshold line or band to one panel's width and y axis."""
    return {**shape, "xref": f"x{axis} domain", "yref": f"y{axis}"}


def _markers(trace: dict[str, Any], colors: list[str], text: list[str]) -> dict[str, Any]:
    """Dots coloured by lineage, each with its number written to its right."""
    return {**trace, "mode": "markers+text", "marker": dict(color=colors, size=18), "text": text,
            "textposition": "middle right", "cliponaxis": False}



# ------------------------------------------------------------------------------------------------ clone fates
def _render_clones(fates: hem.CloneFates) -> Frame:
    shown = fates.sizes[:SHOWN_CLONES].astype(float)
    shown[shown == 0] = np.nan  # an extinct clone leaves the log axis
    gap = np.full((len(shown), 1), np.nan)
    x = np.hstack([np.broadcast_to(fates.divisions, shown.shape), gap]).ravel()
    y = np.hstack([shown, gap]).ravel()
    traces = [
        figures.line(x, y, f"single clones (first {SHOWN_CLONES})", "hsc", width=1, opacity=0.35),
        figures.line(fates.divisions, fates.expected_clone_size, "mean size, analytic", "threshold",
                     dash="dash"),
        _on(figures.line(fates.divisions, fates.surviving_fraction, "clones alive, simulated", "hsc"), "2"),
        _on(figures.line(fates.divisions, 1 - fates.extinct_by_division, "clones alive, analytic", "threshold",
                         dash="dash"), "2"),
        _on(figures.line([0, fates.divisions[-1]], [1 - fates.extinction_probability] * 2,
                         "clones alive in the long run, analytic", "threshold", dash="dot", width=1.5), "2"),
    ]
    layout = figures.layout(
        "One HSC's clone: a branching process", "HSC divisions (divisions)", "HSCs in the clone (cells)",
        xaxis=dict(**LEFT, range=figures.extent(fates.divisions)),
        yaxis=dict(type="log", dtick=1, range=figures.steady_range(shown, fates.expected_clone_size, log=True)),
        xaxis2=dict(**RIGHT, anchor="y2", range=figures.extent(fates.divisions),
                    title=dict(text="HSC divisions (divisions)")),
        yaxis2=dict(anchor="x2", range=[0, 1.05], title=dict(text="clones still alive (fraction)")),
        height=500,
    )
    readout = (f"HSCs left per HSC division, on average: <b>{fates.mean_offspring:.2f}</b>. Clones lost in the long "
               f"run: <b>{percent(fates.extinction_probability)}</b> (analytic). After {fates.divisions[-1]} "
               f"divisions: {percent(fates.extinct_by_division[-1])} lost expected, "
               f"{percent(fates.simulated_extinction)} simulated; mean clone size {significant(fates.mean_clone_size[-1])} "
               f"HSCs simulated, {significant(fates.expected_clone_size[-1])} expected.")
    return Frame(traces, layout, readout)


def explore_clone_fates(scenario: str | None = None) -> Explorer:
    """Self-renewal versus differentiation -> clone sizes, and the share of clones lost, simulated and analytic."""
    return Explorer(
        hem.clone_fates, _render_clones, hem.PARAMS.subset(["p_sym_renew", "p_sym_diff", "divisions", "n_clones"]),
        scenarios=hem.CLONE_FATE_SCENARIOS, scenario=scenario,
        caption="Left: each grey line is one clone (it vanishes when its last HSC differentiates); dashed: the expected "
                "mean size. Right: the share of clones still alive, simulated (solid) and analytic (dashed); dotted: "
                "the share that survives for ever.",
    )


# --------------------------------------------------------------------------------------------------- hierarchy
def _render_hierarchy(state: hem.SteadyState) -> Frame:
    names = ["HSCs"] + [figures.LINEAGE_LABELS[name] for name in state.lineages]
    colors = [figures.color(key) for key in ("hsc", *state.lineages)]
    made = np.concatenate([[state.hsc_output_per_day], state.daily_output])
    pools = np.concatenate([[state.hsc_count], state.blood_pool])
    floor, floor_label = hem.PUBLISHED["daily_output_floor"]
    red, red_label = hem.PUBLISHED["red_cell_output"]
    (neutrophil_low, neutrophil_high), neutrophil_label = hem.PUBLISHED["neutrophil_output"]
    pool, pool_label = hem.PUBLISHED["red_cell_pool"]
    (hsc_low, hsc_high), hsc_label = hem.PUBLISHED["hsc_count"]
    published = dict(mode="markers", marker=dict(symbol="diamond-open", size=18, color=figures.color("threshold"),
                                                 line=dict(width=2.5)))
    traces = [
        _markers(figures.line(names, made, "model: made per day (colour = lineage)", "hsc"), colors, [sci(v) for v in made]),
        {**figures.line(names[1:3], [red, neutrophil_low], f"{red_label}; {neutrophil_label}", "threshold"),
         **published, "error_y": dict(type="data", symmetric=False, array=[0, neutrophil_high - neutrophil_low],
                                      arrayminus=[0, 0], color=figures.color("threshold"), thickness=2.5, width=10)},
        _on(_markers(figures.line(names, pools, "model: in the body (colour = lineage)", "hsc"), colors,
                     [sci(v) for v in pools]), "2"),
        _on({**figures.line([names[1]], [pool], pool_label, "threshold"), **published}, "2"),
    ]
    layout = figures.layout(
        "From ~10<sup>5</sup> stem cells to hundreds of billions of blood cells a day", "cell type (by lineage)",
        "made (cells/day)",
        xaxis=dict(anchor="y", range=CATEGORY_RANGE),
        yaxis=dict(**TOP, type="log", range=[1, max(13.5, figures.steady_range(made, log=True)[1])], dtick=2),
        xaxis2=dict(anchor="y2", range=CATEGORY_RANGE),
        yaxis2=dict(**BOTTOM, anchor="x2", type="log", range=[4, max(14.5, figures.steady_range(pools, log=True)[1])],
                    dtick=2,
                    title=dict(text="in the body (cells)")),
        shapes=[_shape_on({**figures.hband(floor, 10 ** 13.5, floor_label),
                           "label": dict(text=floor_label, textposition="top left")}),
                _shape_on({**figures.hband(hsc_low, hsc_high, hsc_label),
                           "label": dict(text=hsc_label, textposition="bottom right")}, "2")],
        showlegend=False, height=600,
    )
    readout = (f"HSC output {sci(state.hsc_output_per_day)} cells/day &rarr; "
               f"{sci(state.total_daily_output)} cells/day: <b>{state.amplifying_divisions:.1f} doublings</b>. "
               f"Red cell pool {sci(state.blood_pool[0])} (published {sci(pool)}).")
    return Frame(traces, layout, readout)


def explore_hierarchy(scenario: str | None = None) -> Explorer:
    """HSC number, division interval, amplification, lineage bias and lifespans -> daily output and pools."""
    return Explorer(
        hem.steady_state, _render_hierarchy,
        hem.PARAMS.subset(["hsc_count", "hsc_division_interval_days", "amplifying_divisions", "erythroid_share",
                           "platelet_share_of_myeloid", "red_cell_lifespan_days", "neutrophil_half_life_days",
                           "platelet_lifespan_days"]),
        scenarios=hem.STEADY_STATE_SCENARIOS, scenario=scenario,
        caption="Top: cells made per day, HSC output first. Bottom: cells in the body. Dots: the model (colour = "
                "lineage); open diamonds (the neutrophils' bar spans the published range) and shaded bands: published "
                "figures. Log axes: each gridline is 100 times the one below.",
    )


# ---------------------------------------------------------------------------------------------------- feedback
PANELS = (("y", [0.72, 1]), ("y2", [0.37, 0.65]), ("y3", [0, 0.28]))  # red cells, neutrophils, platelets


def _render_feedback(course: hem.Recovery) -> Frame:
    traces, shapes, axes = [], [], {}
    for index, (lineage, (axis, domain)) in enumerate(zip(hem.LINEAGES, PANELS)):
        unit, typical, low, high, _source = hem.NORMAL_COUNTS[lineage]
        name = figures.LINEAGE_LABELS[lineage]
        traces.append(figures.line(course.days, course.counts[index], name, lineage, yaxis=axis))
        shapes.append({**figures.hband(low, high, "normal range"), "yref": axis})
        axes["yaxis" + axis[1:]] = dict(domain=domain, range=figures.steady_range(course.counts[index], high),
                                        title=dict(text=f"{name} ({unit})"),
                                        **({} if axis == "y" else {"anchor": "x"}))
    shapes.append({**figures.hline(hem.SEVERE_NEUTROPENIA, "severe neutropenia", at="end"),
                   "yref": "y2"})
    red_cells = axes.pop("yaxis")
    layout = figures.layout(
        "Feedback brings the counts back", "time after day 0 (days)", red_cells["title"]["text"],
        yaxis=red_cells, xaxis=dict(anchor="y3", range=figures.extent(course.days)), height=620, showlegend=False, shapes=shapes, **axes,
    )

    def back(day: float | None) -> str:
        return "not yet" if day is None else f"day {day:.0f}"

    def days(span: float) -> str:
        return f"{span:.0f} day" + ("" if round(span) == 1 else "s")

    red, neutrophil, platelet = course.recovery_day
    readout = (f"Back to 95% of normal: red cells <b>{back(red)}</b>, neutrophils {back(neutrophil)}, "
               f"platelets {back(platelet)}. Neutrophils lowest (nadir) {course.nadir[1]:.2g} &times; "
               f"10<sup>9</sup>/L on day {course.nadir_day[1]:.0f}; below the normal range for "
               f"{days(course.neutropenia_days)}, below 0.5 for {days(course.severe_neutropenia_days)}. Highest count "
               f"{course.peak_relative.max():.2f} &times; normal.")
    return Frame(traces, layout, readout)


def explore_feedback(scenario: str | None = None) -> Explorer:
    """A bleed or chemotherapy -> red cells, neutrophils and platelets over the following days."""
    return Explorer(
        hem.simulate, _render_feedback,
        hem.PARAMS.subset(["blood_loss_fraction", "marrow_kill_fraction", "feedback_gain", "red_cell_lifespan_days",
                           "days"]),
        scenarios=hem.FEEDBACK_SCENARIOS, scenario=scenario,
        caption="Shaded: normal adult ranges; dashed: severe neutropenia (0.5 &times; 10<sup>9</sup>/L). Short-lived "
                "cells recover in days to weeks, red cells (116-day lifespan) over months.",
    )
