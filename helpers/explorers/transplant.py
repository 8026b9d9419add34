"""Notebook 04's explorer: a graft engrafting, with the aplasia window, infection risk, toy risks and chimerism."""
from __future__ import annotations

import numpy as np

from .. import figures
from ..formatting import percent, plain_number, sci
from ..explore import Explorer, Frame, hide
from ..models import transplant

TOP, BOTTOM = [0.42, 1.0], [0.0, 0.3]  # blood counts above, chances and chimerism below
# 1e-4 to ~630 x 1e9/L on one log axis: the deepest ANC nadir (host cells surviving myeloablation make 1e-4 of normal
# output) up to normal platelets.
COUNT_RANGE_LOG10 = [-4.0, 2.8]


def _aplasia_window(result: transplant.Transplant) -> tuple[float, float] | None:
    """First and last day with ANC below the neutrophil-engraftment threshold, or None if it never fell below."""
    below = np.flatnonzero(result.anc < transplant.ANC_ENGRAFTMENT_1E9_PER_L)
    return (float(result.days[below[0]]), float(result.days[below[-1]])) if below.size else None


def _aplasia_band(result: transplant.Transplant) -> dict:
    """A rectangle over the whole height of the counts panel across the aplasia window; hidden (on day 0, with its
    five points) when the ANC never falls below the threshold."""
    window = _aplasia_window(result)
    start, end = window or (0.0, 0.0)
    bottom, top = (10.0**end for end in COUNT_RANGE_LOG10)
    band = figures.band([start, end], [bottom, bottom], [top, top], "aplasia (ANC below 0.5)", "threshold")
    return hide(band, window is None)


def _engraftment_marker(day: int | None, threshold: float, name: str, key: str) -> dict:
    """A dot on the threshold line at the engraftment day, labelled with the day; hidden (on day 0) when there is no
    engraftment day to mark."""
    marker = figures.line([0.0 if day is None else float(day)], [threshold], name, key,
                          text=["none" if day is None else f"day {day}"], textposition="top center",
                          hoverinfo="skip", textfont=dict(color=figures.color(key)),
                          marker=dict(color=figures.color(key), size=11, line=dict(color="white", width=1.5)))
    marker["mode"] = "markers+text"
    return hide(marker, day is None)


def _layout(days: list[float]) -> dict:
    shapes = [
        figures.hline(transplant.PLATELET_ENGRAFTMENT_1E9_PER_L, "platelets 20", at="end"),
        figures.hline(transplant.ANC_ENGRAFTMENT_1E9_PER_L, "ANC 0.5", at="end", below=True),
    ]
    return figures.layout(
        "From graft to engraftment: blood counts after the infusion", "time after the infusion (days)",
        "blood count (1e9/L, log scale)", shapes=shapes, height=600,
        xaxis=dict(anchor="y2", range=days),
        yaxis=dict(domain=TOP, type="log", range=COUNT_RANGE_LOG10, dtick=1),
        yaxis2=dict(domain=BOTTOM, anchor="x", range=[0, 105], tickmode="linear", tick0=0, dtick=25,
                    title=dict(text="share (%)")),
    )


def _engraftment_text(day: int | None, result: transplant.Transplant, counts: np.ndarray, threshold: float) -> str:
    if day is not None:
        return f"<b>day {day}</b>"
    if counts.min() >= threshold:
        return f"none needed (never below {plain_number(threshold)})"
    return f"not by day {plain_number(result.days[-1])}"


def _readout(result: transplant.Transplant) -> str:
    neutrophils = _engraftment_text(result.neutrophil_engraftment_day, result, result.anc,
                                    transplant.ANC_ENGRAFTMENT_1E9_PER_L)
    platelets = _engraftment_text(result.platelet_engraftment_day, result, result.platelets,
                                  transplant.PLATELET_ENGRAFTMENT_1E9_PER_L)
    gvhd = "none (own cells)" if result.donor == "autologous" else percent(result.acute_gvhd_risk)
    chimerism = ("infused cells (the patient's own)" if result.donor == "autologous" else "donor chimerism")
    minimum = (f" <b>Below the {sci(transplant.MINIMUM_CD34_PER_KG, digits=1)}/kg minimum.</b>"
               if result.below_minimum_dose else "")
    return (f"Engraftment: neutrophils {neutrophils}, platelets {platelets}. Aplasia (ANC &lt; 0.5): "
            f"<b>{plain_number(result.aplasia_days)} days</b>; chance of an infection without prophylaxis "
            f"{percent(result.infection_risk)}. Graft failure {percent(result.graft_failure_risk)}, acute GVHD "
            f"(grade II-IV) {gvhd}; {chimerism} on day {plain_number(result.days[-1])}: "
            f"{percent(result.final_donor_chimerism)}. Cells to collect: "
            f"{sci(result.cd34_per_kg)}/kg × {plain_number(result.weight_kg)} kg = "
            f"<b>{sci(result.total_cd34)} CD34+ cells</b>.{minimum}")


def _render_engraftment(result: transplant.Transplant) -> Frame:
    t = result.days
    traces = [
        _aplasia_band(result),
        figures.line(t, result.anc, "ANC", "neutrophil"),
        figures.line(t, result.platelets, "platelets", "platelet"),
        _engraftment_marker(result.neutrophil_engraftment_day, transplant.ANC_ENGRAFTMENT_1E9_PER_L,
                            "neutrophil engraftment", "neutrophil"),
        _engraftment_marker(result.platelet_engraftment_day, transplant.PLATELET_ENGRAFTMENT_1E9_PER_L,
                            "platelet engraftment", "platelet"),
        figures.line(t, 100 * result.cumulative_infection_risk, "chance of an infection so far (%)", "pathogen",
                     yaxis="y2"),
        figures.line(t, 100 * result.donor_chimerism, "donor share of neutrophils (%)", "donor", dash="dash",
                     yaxis="y2"),
    ]
    return Frame(traces=traces, layout=_layout(figures.extent(t)), readout=_readout(result))


def explore_engraftment(scenario: str | None = None) -> Explorer:
    """Graft source, CD34+ dose, weight, conditioning and donor -> ANC and platelets, engraftment days, aplasia,
    infection risk, toy graft-failure and GVHD risks and donor chimerism."""
    controls = transplant.PARAMS.subset(["graft_source", "cd34_per_kg", "weight_kg", "conditioning", "donor", "days"])
    return Explorer(transplant.simulate, _render_engraftment, controls, scenarios=transplant.SCENARIOS,
                    scenario=scenario,
                    caption="Top, log scale: ANC and platelets (1e9/L), with the engraftment thresholds (dashed) and "
                            "the aplasia window (shaded). Bottom: the chance of at least one infection so far "
                            "without prophylaxis, and the donor share of blood neutrophils. Day 0 is the infusion; "
                            "conditioning starts on day -7.")
