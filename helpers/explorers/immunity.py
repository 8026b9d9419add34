"""Notebook 02's explorers: an infection met by each immune profile, lab values read against criteria, and
infection risk during neutropenia."""
from __future__ import annotations

import html

import numpy as np

from .. import figures
from ..formatting import percent, plain_number, sci
from ..explore import Explorer, Frame
from ..models import diagnosis, immunity, neutropenia

_ARMS_AXIS = dict(title=dict(text="immune arms (x healthy peak)"), overlaying="y", side="right", showgrid=False,
                  range=[0, 3.5], tickmode="linear", tick0=0, dtick=0.5)


def _verdict(course: immunity.InfectionCourse, exposure: int) -> str:
    """An exposure's verdict with its outcome in bold: '<b>cleared</b> in 11.0 days'."""
    outcome, _, detail = course.verdict(exposure).partition(" ")
    return f"<b>{outcome}</b> {detail}".rstrip()


def _render_infection(course: immunity.InfectionCourse) -> Frame:
    t = course.days
    arms = dict(yaxis="y2")
    anc_share = float(course.neutrophils_vs_normal[0])
    traces = [
        figures.line(t, np.maximum(course.pathogen, 0.1), "pathogen (organisms)", "pathogen"),
        figures.line(t, course.neutrophils_vs_normal, f"neutrophils ({100 * anc_share:.0f}% of normal)",
                     "neutrophil", uid="neutrophils", **arms),
        figures.line(t, course.t_cells, "effector T cells", "t_cell", **arms),
        figures.line(t, course.memory_t_cells, "memory T cells", "t_cell", dash="dot", **arms),
        figures.line(t, course.igm, "IgM", "igm", **arms),
        figures.line(t, course.igg, "IgG (own)", "igg", **arms),
        figures.line(t, course.ivig_igg, "IgG from IVIG", "ivig", dash="dash", **arms),
        _second_exposure_marker(course.second_exposure_day),
    ]
    first = _verdict(course, 1)
    if course.outcome_interrupted:  # the course shown is changed by the second exposure: say what the first did alone
        first = (f"still there on day {course.second_exposure_day} when the second exposure came; alone, it would "
                 f"have been {first}")
    readout = (f"{immunity.PARAMS['profile'].label_of(course.profile)}. First exposure: {first}. First-exposure peak "
               f"{sci(course.peak_load)} organisms.")
    if course.second_exposure_day is not None:
        persisting = course.load_at_second_exposure
        on_top = (f", a re-dose on top of {sci(persisting)} organisms still there" if persisting
                  else ", after the first infection was cleared")
        readout += (f" Second exposure (day {course.second_exposure_day}{on_top}): {_verdict(course, 2)}; "
                    f"peak {sci(course.second_peak_load)}.")
    return Frame(traces=traces, layout=_infection_layout(course.overwhelming_load, figures.extent(t)), readout=readout)


def _second_exposure_marker(day: int | None) -> dict:
    """A vertical trace (not a layout shape, so moving it is a cheap trace update); empty without a second exposure.
    Its label sits at the top of the plot, clear of the threshold labels (below their lines, on the left)."""
    x = [] if day is None else [day, day]
    return {**figures.line(x, [] if day is None else [0.1, 3e9], "second exposure", "threshold", dash="dot",
                           width=1.5, showlegend=False, hoverinfo="name"),
            "mode": "lines+text", "text": ["", "second exposure"], "textposition": "bottom right"}


def _infection_layout(overwhelming_load: float, days: list[float]) -> dict:
    shapes = [figures.hline(overwhelming_load, "overwhelming (danger line)", below=True),
              figures.hline(immunity.EXTINCT_BELOW, "cleared (below 1 organism)")]
    return figures.layout(
        "An infection against the immune arms a patient has", "time since first exposure (days)",
        "pathogen load (organisms)", shapes=shapes, xaxis=dict(range=days),
        yaxis=dict(type="log", range=[-1, 9.5], dtick=1),
        yaxis2=_ARMS_AXIS, margin=dict(r=90),  # room for the right-hand axis
    )


def explore_infection(scenario: str | None = None) -> Explorer:
    """Profile, IVIG and pathogen -> pathogen load and the immune arms over days; outcome and clearance time."""
    controls = immunity.PARAMS.subset(["profile", "growth_per_day", "inoculum", "days", "second_exposure_day",
                                       "ivig"])  # every control here changes the picture in every profile
    return Explorer(immunity.simulate_infection, _render_infection, controls, scenarios=immunity.SCENARIOS,
                    scenario=scenario, caption="Log scale on the left: each step is ten times more organisms. Each exposure is judged "
                            "as if nothing else happened: cleared = below one organism within 60 days; chronic = "
                            "still there after 60 days, never past the danger line; overwhelming = past the danger "
                            "line within a year.")


def _classify_or_problem(**labs) -> tuple[diagnosis.Diagnosis | ValueError, str]:
    """The model's verdict (or its complaint about the values, shown in the readout, not as a traceback) and a note.

    A CD4 count above the CD3 count is impossible (CD4 T cells are CD3 T cells); dragging CD3 down past CD4 is
    easy, so the explorer reads CD4 as the CD3 count and says so, instead of refusing the values.
    """
    note = ""
    if labs["cd4_per_ul"] > labs["cd3_per_ul"]:
        note = (f"CD4 read as {labs['cd3_per_ul']:g} /uL, the CD3 count: CD4 T cells are a subset of CD3 T cells, "
                f"so {labs['cd4_per_ul']:g} is impossible here (lower the CD4 slider to match). ")
        labs = {**labs, "cd4_per_ul": labs["cd3_per_ul"]}
    try:
        return diagnosis.classify(**labs), note
    except ValueError as problem:
        return problem, note


def _patient(result: diagnosis.Diagnosis) -> str:
    """Who the values belong to, in words: '3-month-old boy; CD3 20, CD4 10 /uL; TRECs low; SCID gene variant
    not tested'."""
    labs = result.labs
    months = labs["age_months"]
    age = f"{months}-month-old" if months < 24 else f"{months // 12}-year-old"
    child = months < 18 * 12
    who = ("boy" if child else "man") if labs["sex"] == "male" else ("girl" if child else "woman")
    return (f"{age} {who}; CD3 {labs['cd3_per_ul']:g}, CD4 {labs['cd4_per_ul']:g} /uL; "
            f"TRECs {labs['trecs'].replace('_', ' ')}; SCID gene variant {labs['scid_variant'].replace('_', ' ')}")


def _render_diagnosis(verdict: tuple[diagnosis.Diagnosis | ValueError, str]) -> Frame:
    result, note = verdict
    if isinstance(result, ValueError):
        measures, readout = (), f"<b>Check the values:</b> {html.escape(str(result))}"
    else:
        measures = result.measures
        def listed(met: bool) -> str:
            return " | ".join(f"<b>{html.escape(f.name)}</b> ({html.escape('; '.join(f.reasons))})"
                              for f in result.findings if f.met is met) or "none"

        readout = (f"{_patient(result)}. {html.escape(note)}<br>Criteria met: {listed(True)}.<br>"
                   f"Not met: {listed(False)}.")
        if result.cd4_centiles_per_ul is None:
            readout += (f" CD4 not compared: the model has Denny et al.'s reference bands for {CD4_BANDS} months "
                        f"only, not for {result.labs['age_months']} months.")
    # One row per lab value, named on the axis; the value and its threshold are written by the point, so a slider
    # moves a point and its words without renaming the rows (the figure need not be redrawn).
    rows = list(range(len(measures)))
    trace = {**figures.line([max(m.value / m.threshold, 1e-3) for m in measures], rows, "value / threshold",
                            "threshold"),
             "mode": "markers+text", "marker": dict(size=12, color=figures.color("pathogen")),
             "text": [f"{m.value:g} vs {m.threshold:g} {m.unit}" for m in measures], "textposition": "top center",
             "cliponaxis": False, "hoverinfo": "text"}
    layout = figures.layout(
        "Each lab value against the threshold its criterion uses", "value / threshold (ratio, log scale)",
        "lab value (unit as entered)", shapes=[figures.vline(1.0, "threshold")],
        xaxis=dict(type="log", range=[-3.1, 3.1], dtick=1),
        yaxis=dict(range=[max(len(rows), 1) - 0.5, -0.5], tickmode="array", tickvals=rows,
                   ticktext=[m.label for m in measures], automargin=True),
        showlegend=False, margin=dict(l=230, r=70), height=680,  # room for every row and the words by the points
    )
    return Frame(traces=[trace], layout=layout, readout=readout)


CD4_BANDS = ", ".join(f"{start}-{end}" for (start, end), *_ in diagnosis.CD4_CENTILES)
LAB_ORDER = ("cd3_per_ul", "cd4_per_ul", "trecs", "scid_variant", "cd19_percent", "igg_g_per_l", "igm_g_per_l", "iga_g_per_l",
             "anc_1e9_per_l", "platelets_1e9_per_l", "reticulocytes_1e9_per_l", "reticulocyte_count",
             "marrow_cellularity_percent",
             "age_months", "sex")  # the values first, who the patient is last


def explore_diagnosis(scenario: str | None = None) -> Explorer:
    """Lab values -> which published criteria are met, and which value met which threshold."""
    return Explorer(_classify_or_problem, _render_diagnosis, diagnosis.PARAMS.subset(LAB_ORDER),
                    scenarios=diagnosis.SCENARIOS, scenario=scenario,
                    caption="Points left of the line are below the threshold. A criterion is met only when all "
                            "its parts are.")


# One time axis for every duration (the longest episode the slider allows), so episodes compare at a glance and a
# duration move only moves the lines.
_LONGEST_EPISODE_DAYS = (neutropenia.PARAMS["neutropenia_days"].high + neutropenia.FALL_DAYS
                         + neutropenia.RECOVERY_DAYS + 2 * neutropenia.MARGIN_DAYS)


def _render_neutropenia(risk: neutropenia.InfectionRisk) -> Frame:
    t = risk.days
    traces = [
        figures.line(t, risk.anc, "ANC (1e9/L)", "neutrophil"),
        figures.line(t, 100 * risk.cumulative_risk, "chance of infection so far (%)", "pathogen", yaxis="y2"),
        figures.line(t, 100 * risk.daily_probability, "chance of a first infection that day (%)", "pathogen",
                     dash="dot", yaxis="y2"),
    ]
    layout = figures.layout(
        "Deeper and longer neutropenia, more infections", "time (days)", "ANC (1e9/L, log scale)",
        shapes=[figures.hline(1.0, "1.0 (risk climbs)"),
                figures.hline(0.5, "0.5 (severe)", below=True)],
        xaxis=dict(range=[0, _LONGEST_EPISODE_DAYS]), yaxis=dict(type="log", range=[-2.1, 1], dtick=1),
        yaxis2=dict(title=dict(text="chance of infection (%)"), overlaying="y", side="right", range=[0, 100],
                    showgrid=False, tickmode="linear", tick0=0, dtick=20),
        margin=dict(r=90),  # room for the right-hand axis
    )
    readout = (f"Chance of at least one infection over the episode: <b>{percent(risk.total_risk)}</b> "
               f"({plain_number(round(risk.days_below_1_0))} days below 1.0 and "
               f"{plain_number(round(risk.days_below_0_5))} below 0.5 x 1e9/L, the 3-day fall and 5-day recovery "
               f"included). Highest hazard {risk.hazard_per_day.max():.2g} infections per day at risk: a chance of "
               f"{percent(float(risk.daily_probability.max()))} that day.")
    return Frame(traces=traces, layout=layout, readout=readout)


def explore_neutropenia(scenario: str | None = None) -> Explorer:
    """Depth and duration of neutropenia -> daily infection hazard and cumulative risk over the episode."""
    controls = neutropenia.PARAMS.subset(["nadir_anc_1e9_per_l", "neutropenia_days"])  # the model card has the rest
    return Explorer(neutropenia.episode, _render_neutropenia, controls, scenarios=neutropenia.SCENARIOS,
                    scenario=scenario,
                    caption="Drag the depth, then the duration: both push the risk up, and they multiply.")
