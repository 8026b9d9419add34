"""Notebook 08's dashboard: one patient, the treatments medicine would consider, and three linked figures (the
recovery after the chosen treatment, every option's risks, and what each asks of the patient over the years).

Every number comes from the earlier models through ``models.cases`` (each option's ``run``, ``risks`` and ``burden``);
this module only draws them.
"""
from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from .. import figures
from ..explore import Explorer, Frame, hide
from ..formatting import percent
from ..models import burden
from ..models.cases import CASES, Case
from ..models.course import LINEAGE_LABELS
from ..params import Choice, ParamSet, Scenario
from .reconstitution import DRAWN_LINEAGES, LATE_STEP, SHARE_RANGE_LOG10, recovery_text, share_of_normal_traces

RECOVERY_DAYS = 730  # the two years the reconstitution and gene-therapy models follow
MEASURES = (("ivig_infusions", "IVIG (infusions)"), ("clinic_visits", "clinic (visits)"),
            ("hospital_days", "in hospital (days)"), ("transfusion_months", "on transfusions (months)"))
PANEL_COLUMNS = 2  # the burden panels in a 2 x 2 grid: each wide enough for its bars and numbers at 592 px
PANEL_GAP = 0.1  # share of the width between the columns of burden panels
BURDEN_ROW_PX, BURDEN_FRAME_PX = 34, 190  # px per bar in a panel, and for the title, axis titles and gaps
LABEL_MARGIN_PX = 190  # room left of the bars for labels of up to 26 characters a line
DASHBOARD_HEIGHTS = {"recovery": 330}  # px at notebook scale
RISK_ROW_PX, RISK_LABEL_PX, RISK_FRAME_PX = 16, 44, 150  # risk figure: px per bar, per two-line label, title and axis


def _option_colors(case: Case) -> dict[str, str]:
    """One colour per option of a case, the same in the risk and burden figures (in the order the case lists them)."""
    return dict(zip(case.options, figures.PALETTE))


def _years_matter(case: Case) -> bool:
    """True when some option's burden grows with the years counted (a treatment for life)."""
    years = burden.PARAMS["years_counted"]

    def measures(option: Any, counted: float) -> list[Any]:
        counts = option.burden(int(counted))
        return [getattr(counts, field) for field, _label in MEASURES]
    return any(measures(option, years.low) != measures(option, years.high) for option in case.options.values())


def _controls(case: Case) -> ParamSet:
    """The treatment, the years counted (where they change anything) and the case's what-ifs."""
    names = tuple(case.options)
    specs = [Choice("treatment", names[0], names, "the treatment the patient is given",
                    "the options of models.cases for this patient", label="treatment")]
    if _years_matter(case):
        specs.append(burden.PARAMS["years_counted"])
    return ParamSet(*specs, *case.what_if_specs())


def _compute(case: Case):
    """Each option's model run once for each set of what-ifs (cached) and, on every call, every option's risks and
    burden."""
    results: dict[tuple, Any] = {}
    years_default = burden.PARAMS["years_counted"].default

    def compute(*, treatment: str, years_counted: int = years_default, **what_if: Any) -> dict[str, Any]:
        ran = {}
        for name, option in case.options.items():
            key = (name, *sorted(option.takes(what_if).items()))  # a model runs again only for its own what-ifs
            if key not in results:
                results[key] = option.run(**what_if)
            ran[name] = results[key]
        return {"case": case, "treatment": treatment, "years": years_counted, "results": ran,
                "risks": {name: option.risks(ran[name]) for name, option in case.options.items()},
                "burdens": {name: option.burden(years_counted, ran[name]) for name, option in case.options.items()}}

    return compute


def _no_cells() -> list[dict]:
    """The recovery figure's lines, hidden, for an option that rebuilds no cells (the figure keeps the same traces)."""
    days = np.arange(RECOVERY_DAYS + 1.0)
    days = days[figures.drawn_days(days, late_step=LATE_STEP)]
    return [hide(figures.line(days, np.ones(len(days)), LINEAGE_LABELS[lineage], lineage))
            for lineage in DRAWN_LINEAGES]


def _recovery(shown: dict[str, Any]) -> Frame:
    """The chosen treatment's lineages against the lowest normal count for age (notebook 05's lines); hidden when
    its model draws none (IVIG and immunosuppression build no cells here)."""
    result = shown["results"][shown["treatment"]]
    course = getattr(result, "course", None)
    traces = (share_of_normal_traces(course.on_days(figures.drawn_days(course.days, late_step=LATE_STEP)))
              if course else _no_cells())
    note = "" if course else "no cells to rebuild: see the risks and the burden below"
    layout = figures.layout(
        f"Recovery after {shown['treatment']}", "time after the treatment (days)", "x lowest normal for age (log)",
        height=DASHBOARD_HEIGHTS["recovery"], xaxis=dict(range=[0, RECOVERY_DAYS]),
        yaxis=dict(type="log", range=SHARE_RANGE_LOG10, dtick=1),
        shapes=[figures.hline(1.0, "normal for age", at="start")],
        annotations=[dict(text=note, xref="paper", x=0.02, xanchor="left", yref="paper", y=0.3, showarrow=False,
                          visible=bool(note), bgcolor="rgba(255, 255, 255, 0.85)")])
    return Frame(traces=traces, layout=layout, readout=_recovery_readout(shown["treatment"], result))


def _recovery_readout(treatment: str, result: Any) -> str:
    """The chosen treatment's milestones, as the notebook quotes them."""
    course = getattr(result, "course", None)
    if course is None:
        trough = getattr(result, "steady_trough_mg_dl", None)
        igg = "" if trough is None else f" IgG just before each infusion: {trough:.0f} mg/dL."
        return f"<b>{treatment}</b>: no recovery timeline (no cells are rebuilt).{igg}"
    engrafted = result.neutrophil_engraftment_day
    parts = ["neutrophils never fell below 0.5e9/L" if engrafted is None else f"neutrophils engraft on day {engrafted}"]
    parts.append("normal for age: " + ", ".join(recovery_text(result, lineage) for lineage in DRAWN_LINEAGES))
    if hasattr(result, "donor_stem_cell_share"):
        parts.append(f"donor stem cells {percent(result.donor_stem_cell_share, html=False)}")
    if hasattr(result, "corrected_hsc_share"):
        parts.append(f"corrected stem cells {percent(result.corrected_hsc_share, html=False)}; vector genotoxicity "
                     f"index {result.genotoxicity_index:.2g} (1: one gamma-retroviral copy per transduced cell, "
                     "notebook 06)")
    if getattr(result, "ivig_needed", False):
        stop = result.ivig_free_day
        parts.append("IVIG goes on past 2 years" if stop is None else f"IVIG stops on day {stop:.0f}")
    if hasattr(result, "survival_estimate"):
        parts.append(f"toy 5-year survival {percent(result.survival_estimate, html=False)}")
    return f"<b>{treatment}</b>: " + "; ".join(parts) + "."


def _wrapped(text: str, width: int = 26) -> str:
    """A long category label on two or three lines (Plotly breaks lines at <br> only)."""
    return "<br>".join(textwrap.wrap(text, width))


def _top_down(categories: int) -> list[float]:
    """A fixed range for a category axis listing its first category on top: with every axis fixed, a move slides the
    bars in place instead of redrawing the figure (explore.Explorer)."""
    return [categories - 0.5, -0.5]


def _risk_names(risks: dict[str, dict[str, float | None]]) -> list[str]:
    """Every risk any option of the case gives, in the order they first appear."""
    return list(dict.fromkeys(name for option in risks.values() for name in option))


def _risks(shown: dict[str, Any]) -> Frame:
    """Every option's chances side by side (horizontal bars, %); a chance its model does not give is drawn as no bar
    and marked n/a. The chosen option's bars are outlined (a bar of 0 has nothing to outline)."""
    risks, colors = shown["risks"], _option_colors(shown["case"])
    names = _risk_names(risks)
    traces = []
    for option, chances in risks.items():
        values = [chances.get(name) for name in names]
        traces.append(dict(
            type="bar", orientation="h", name=option, y=[_wrapped(name) for name in names],
            x=np.array([0.0 if v is None else 100 * v for v in values]),
            text=["n/a" if v is None else percent(v, html=False) for v in values], textposition="outside",
            cliponaxis=False, hoverinfo="x+name", marker=dict(color=colors[option], line=dict(
                color="#000000", width=[3 if option == shown["treatment"] and v else 0 for v in values]))))
    height = max(RISK_ROW_PX * len(risks), RISK_LABEL_PX) * len(names) + RISK_FRAME_PX
    layout = figures.layout("Risks of each option (the chosen one outlined)", "chance (%)", "risk (%)",
                            height=height, barmode="group", xaxis=dict(range=[0, 115]),
                            margin=dict(l=LABEL_MARGIN_PX), yaxis=dict(range=_top_down(len(names))), showlegend=True)
    layout["yaxis"]["title"] = dict(text="")  # the risks name themselves
    return Frame(traces=traces, layout=layout)


def _burden_axes(case: Case) -> dict[str, Any]:
    """The burden panels in a grid, one per measure, each with its own fixed range (the most any option reaches over
    the longest horizon), so moving the years moves the bars and never the axes."""
    longest = burden.PARAMS["years_counted"].high
    most = {field: max((getattr(option.burden(longest), field) or 0) for option in case.options.values())
            for field, _label in MEASURES}
    rows = -(-len(MEASURES) // PANEL_COLUMNS)
    width = (1 - PANEL_GAP * (PANEL_COLUMNS - 1)) / PANEL_COLUMNS
    row_gap = 0.22  # room under the top row for its axis titles
    height = (1 - row_gap * (rows - 1)) / rows
    axes = {}
    for index, (field, label) in enumerate(MEASURES):
        suffix = "" if index == 0 else str(index + 1)
        column, row = index % PANEL_COLUMNS, index // PANEL_COLUMNS
        left, top = column * (width + PANEL_GAP), 1 - row * (height + row_gap)
        axes[f"xaxis{suffix}"] = dict(domain=[left, left + width], range=[0, figures.steady_range(most[field] * 1.3)[1]],
                                      title=dict(text=label), anchor=f"y{suffix}", nticks=3)
        axes[f"yaxis{suffix}"] = dict(domain=[top - height, top], anchor=f"x{suffix}",
                                      range=_top_down(len(case.options)), showticklabels=column == 0)
    return axes


def _burden(shown: dict[str, Any], axes: dict[str, Any]) -> Frame:
    """What each option asks over the years counted: one panel per measure, one bar per option."""
    burdens, colors, options = shown["burdens"], _option_colors(shown["case"]), list(shown["burdens"])
    traces = []
    for index, (field, label) in enumerate(MEASURES):
        suffix = "" if index == 0 else str(index + 1)
        values = [getattr(burdens[option], field) for option in options]
        traces.append(dict(
            type="bar", orientation="h", name=label, y=[_wrapped(o) for o in options], xaxis=f"x{suffix}",
            yaxis=f"y{suffix}",
            x=np.array([0.0 if v is None else v for v in values]),
            text=["n/a" if v is None else burden.count(v) for v in values], textposition="outside", cliponaxis=False,
            marker=dict(color=[colors[o] for o in options], line=dict(color="#000000", width=[
                3 if o == shown["treatment"] and v else 0 for o, v in zip(options, values)])),
            hoverinfo="x+y", showlegend=False))
    rows = -(-len(MEASURES) // PANEL_COLUMNS)
    layout = figures.layout("What each option asks of the patient (the chosen one outlined)",
                            "count (infusions, days, months)", "treatment (option)",
                            height=rows * BURDEN_ROW_PX * len(options) + BURDEN_FRAME_PX,
                            margin=dict(l=LABEL_MARGIN_PX), **axes)
    layout["xaxis"]["title"] = dict(text=MEASURES[0][1])
    layout["yaxis"]["title"] = dict(text="")  # the options name themselves
    return Frame(traces=traces, layout=layout, readout=_burden_readout(shown))


def _burden_readout(shown: dict[str, Any]) -> str:
    chosen = shown["burdens"][shown["treatment"]]
    return f"<b>{shown['treatment']}</b> ({chosen.given_as}) {chosen.summary()}."


def explore_case(case: str = "a boy with XLA on IVIG", scenario: str | None = None) -> Explorer:
    """One patient's dashboard: choose a treatment (a button per option) and the years counted."""
    if case not in CASES:
        raise ValueError(f"case={case!r} is not a valid choice; valid ones are {', '.join(map(repr, CASES))}")
    patient = CASES[case]
    axes = _burden_axes(patient)
    scenarios = {name: Scenario(option.scenario.meaning, treatment=name) for name, option in patient.options.items()}

    def render(shown: dict[str, Any]) -> tuple[Frame, ...]:
        return _recovery(shown), _risks(shown), _burden(shown, axes)

    return Explorer(_compute(patient), render, _controls(patient), scenarios=scenarios, scenario=scenario,
                    caption="Risks and burden come from the models of notebooks 02-08 for this patient; n/a: the "
                            "model does not give it. Hospital days are the first admission only (adults' median "
                            "stays).")
