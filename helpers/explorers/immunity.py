"""Notebook 02's explorers: an infection met by each immune profile, lab values read against criteria, and
infection risk during neutropenia."""
from __future__ import annotations

import html

import numpy as np

from .. import figures
from ..explore import Explorer, Frame
from ..models import diagnosis, immunity, neutropenia

PROFILE_NAMES = {"healthy": "healthy", "x_scid": "X-SCID", "xla": "XLA", "x_hyper_igm": "X-linked hyper-IgM",
                 "severe_aplastic_anemia": "severe aplastic anaemia"}
_ARMS_AXIS = dict(title=dict(text="immune arms (x healthy peak)"), overlaying="y", side="right", showgrid=False,
                  range=[0, 3.5], tickmode="linear", tick0=0, dtick=0.5)


def _episode_text(outcome: str, days: float | None) -> str:
    return f"<b>{outcome}</b> in {days:.1f} days" if outcome == "cleared" else f"<b>{outcome}</b>"


def _render_infection(course: immunity.InfectionCourse) -> Frame:
    t = course.days
    arms = dict(yaxis="y2")
    traces = [
        figures.line(t, np.maximum(course.pathogen, 0.1), "pathogen (organisms)", "pathogen"),
        figures.line(t, course.neutrophils_vs_normal, "neutrophils", "neutrophil", **arms),
        figures.line(t, course.t_cells, "effector T cells", "t_cell", **arms),
        figures.line(t, course.memory_t_cells, "memory T cells", "t_cell", dash="dot", **arms),
        figures.line(t, course.igm, "IgM", "igm", **arms),
        figures.line(t, course.igg, "IgG (own)", "igg", **arms),
        figures.line(t, course.ivig_igg, "IgG from IVIG", "ivig", dash="dash", **arms),
        _second_exposure_marker(course.second_exposure_day),
    ]
    readout = f"{PROFILE_NAMES[course.profile]}: first exposure {_episode_text(course.outcome, course.clearance_day)}"
    if course.second_exposure_day is not None:
        readout += f"; second exposure {_episode_text(course.second_outcome, course.second_clearance_days)}"
    readout += f"; peak load {figures.sci(course.peak_load)} organisms."
    return Frame(traces=traces, layout=_infection_layout(course.overwhelming_load), readout=readout)


def _second_exposure_marker(day: int | None) -> dict:
    """A vertical trace (not a layout shape, so moving it is a cheap trace update); empty without a second exposure."""
    x = [] if day is None else [day, day]
    return {**figures.line(x, [] if day is None else [0.1, 3e9], "second exposure", "threshold", dash="dot",
                           width=1.5, showlegend=False, hoverinfo="name"),
            "mode": "lines+text", "text": ["", "second exposure"], "textposition": "bottom right"}


def _infection_layout(overwhelming_load: float) -> dict:
    shapes = [figures.hline(overwhelming_load, "overwhelming", position="top right"),
              figures.hline(immunity.EXTINCT_BELOW, "cleared (below 1 organism)", position="bottom left")]
    return figures.layout(
        "An infection against the immune arms a patient has", "time since first exposure (days)",
        "pathogen load (organisms)", shapes=shapes, yaxis=dict(type="log", range=[-1, 9.5], dtick=1),
        yaxis2=_ARMS_AXIS,
        legend=dict(orientation="h", y=-0.22),
    )


def explore_infection() -> Explorer:
    """Profile, IVIG and pathogen -> pathogen load and the immune arms over days; outcome and clearance time."""
    presets = {
        "healthy": {"profile": "healthy"},
        "X-SCID": {"profile": "x_scid"},
        "XLA": {"profile": "xla"},
        "XLA on IVIG": {"profile": "xla", "ivig": "on"},
        "hyper-IgM": {"profile": "x_hyper_igm"},
        "aplastic anaemia": {"profile": "severe_aplastic_anemia"},
    }
    controls = immunity.PARAMS.subset(["profile", "growth_per_day", "inoculum", "days", "second_exposure_day",
                                       "ivig"])  # every control here changes the picture in every profile
    return Explorer(immunity.simulate_infection, _render_infection, controls, presets=presets,
                    caption="Log scale on the left: each step is ten times more organisms. Switch profiles and "
                            "watch which coloured arm is missing; then turn IVIG on.")


def _classify_or_problem(**labs) -> diagnosis.Diagnosis | ValueError:
    """The model's verdict, or its complaint about the values (shown in the readout, not as a traceback)."""
    try:
        return diagnosis.classify(**labs)
    except ValueError as problem:
        return problem


def _patient(result: diagnosis.Diagnosis) -> str:
    """Who the values belong to, in words: '3-month-old boy; CD3 20, CD4 10 /uL; TRECs low'."""
    labs = result.labs
    months = labs["age_months"]
    age = f"{months}-month-old" if months < 24 else f"{months // 12}-year-old"
    child = months < 18 * 12
    who = ("boy" if child else "man") if labs["sex"] == "male" else ("girl" if child else "woman")
    return (f"{age} {who}; CD3 {labs['cd3_per_ul']:g}, CD4 {labs['cd4_per_ul']:g} /uL; "
            f"TRECs {labs['trecs'].replace('_', ' ')}")


def _render_diagnosis(result: diagnosis.Diagnosis | ValueError) -> Frame:
    if isinstance(result, ValueError):
        labels, ratios, readout = [], [], f"<b>Check the values:</b> {html.escape(str(result))}"
    else:
        labels = [f"{m.label}: {m.value:g} vs {m.threshold:g} {m.unit}" for m in result.measures]
        ratios = [max(m.value / m.threshold, 1e-3) for m in result.measures]
        met = [f"<b>{html.escape(f.name)}</b> ({html.escape('; '.join(f.reasons))})" for f in result.findings
               if f.met]
        readout = f"{_patient(result)}. Criteria met: " + (" | ".join(met) if met else "none.")
    trace = {**figures.line(ratios, labels, "value / threshold", "threshold"), "mode": "markers",
             "marker": dict(size=12, color=figures.color("pathogen"))}
    layout = figures.layout(
        "Each lab value against the threshold its criterion uses", "value / threshold (ratio, log scale)",
        "lab value (unit as entered)", shapes=[figures.vline(1.0, "threshold")],
        xaxis=dict(type="log", range=[-3.1, 3.1], dtick=1), yaxis=dict(autorange="reversed", automargin=True),
        showlegend=False, margin=dict(l=300),
    )
    return Frame(traces=[trace], layout=layout, readout=readout)


LAB_ORDER = ("cd3_per_ul", "cd4_per_ul", "trecs", "cd19_percent", "igg_g_per_l", "igm_g_per_l", "iga_g_per_l",
             "anc_1e9_per_l", "platelets_1e9_per_l", "reticulocytes_1e9_per_l", "marrow_cellularity_percent",
             "age_months", "sex")  # the values first, who the patient is last


def explore_diagnosis() -> Explorer:
    """Lab values -> which published criteria are met, and which value met which threshold."""
    presets = {
        "healthy adult": {},
        "X-SCID infant": {"age_months": 3, "cd3_per_ul": 20, "cd4_per_ul": 10, "trecs": "low",
                          "cd19_percent": 60, "igg_g_per_l": 3.0},
        "leaky SCID": {"age_months": 8, "cd3_per_ul": 400, "cd4_per_ul": 200, "trecs": "low"},
        "XLA boy": {"age_months": 24, "cd19_percent": 0.5, "igg_g_per_l": 1.2, "igm_g_per_l": 0.1,
                    "iga_g_per_l": 0.05},
        "hyper-IgM boy": {"age_months": 24, "igg_g_per_l": 1.5, "igm_g_per_l": 2.5, "iga_g_per_l": 0.05},
        "very severe aplastic anaemia": {"age_months": 240, "anc_1e9_per_l": 0.15, "platelets_1e9_per_l": 12,
                                         "reticulocytes_1e9_per_l": 10, "marrow_cellularity_percent": 10},
    }
    return Explorer(_classify_or_problem, _render_diagnosis, diagnosis.PARAMS.subset(LAB_ORDER), presets=presets,
                    caption="Points left of the line are below the threshold. A criterion is met only when all "
                            "its parts are.")


def _render_neutropenia(risk: neutropenia.InfectionRisk) -> Frame:
    t = risk.days
    traces = [
        figures.line(t, risk.anc, "ANC (1e9/L)", "neutrophil"),
        figures.line(t, 100 * risk.cumulative_risk, "chance of infection so far (%)", "pathogen", yaxis="y2"),
        figures.line(t, 100 * risk.hazard_per_day, "daily hazard (% per day)", "pathogen", dash="dot",
                     yaxis="y2"),
    ]
    layout = figures.layout(
        "Deeper and longer neutropenia, more infections", "time (days)", "ANC (1e9/L, log scale)",
        shapes=[figures.hline(1.0, "1.0 (risk climbs)"), figures.hline(0.5, "0.5 (severe)", position="bottom left")],
        yaxis=dict(type="log", range=[-2.1, 1], dtick=1),
        yaxis2=dict(title=dict(text="infection risk (%)"), overlaying="y", side="right", range=[0, 100],
                    showgrid=False, tickmode="linear", tick0=0, dtick=20),
        legend=dict(orientation="h", y=-0.22),
    )
    readout = (f"Chance of at least one infection over the episode: <b>{100 * risk.total_risk:.0f}%</b> "
               f"({risk.days_below_1_0:.0f} days below 1.0 and {risk.days_below_0_5:.0f} below 0.5 x 1e9/L).")
    return Frame(traces=traces, layout=layout, readout=readout)


def explore_neutropenia() -> Explorer:
    """Depth and duration of neutropenia -> daily infection hazard and cumulative risk over the episode."""
    presets = {
        "short and shallow": {"nadir_anc_1e9_per_l": 0.8, "neutropenia_days": 5},
        "chemotherapy-like": {"nadir_anc_1e9_per_l": 0.1, "neutropenia_days": 10},
        "aplastic anaemia month": {"nadir_anc_1e9_per_l": 0.1, "neutropenia_days": 30},
        "very severe, long": {"nadir_anc_1e9_per_l": 0.02, "neutropenia_days": 35},
    }
    return Explorer(neutropenia.episode, _render_neutropenia, neutropenia.PARAMS, presets=presets,
                    caption="Drag the depth, then the duration: both push the risk up, and they multiply.")
