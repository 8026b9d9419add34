"""Notebook 03's explorers: mobilising CD34+ cells into the blood, and host and donor cells competing for niches."""
from __future__ import annotations

import math

from .. import figures
from ..formatting import percent, plain_number, sci, significant
from ..explore import Explorer, Frame
from ..models import niche


# One time axis for every collection day (the latest, plus the days drawn after it): the apheresis line moves along it.
MOBILISATION_DAYS = [0.0, niche.PARAMS["collection_day"].high + niche.FOLLOW_UP_DAYS]


def millions(cells: float) -> str:
    """Cells in millions with two decimals; rounded down where rounding would reach a yield threshold the number
    misses, so 4.996e6 reads 4.99, never 5.00 next to "not the 5e6/kg target"."""
    shown = round(cells / 1e6, 2)
    if any(cells < threshold <= shown * 1e6 for threshold in (niche.MINIMUM_YIELD_PER_KG, niche.TARGET_YIELD_PER_KG)):
        shown = math.floor(cells / 1e4) / 100
    return f"{shown:.2f} × 10<sup>6</sup>"


def _verdict(yield_per_kg: float) -> str:
    if yield_per_kg >= niche.TARGET_YIELD_PER_KG:
        return f"meets the {sci(niche.TARGET_YIELD_PER_KG)}/kg target"
    if yield_per_kg >= niche.MINIMUM_YIELD_PER_KG:
        return (f"meets the {sci(niche.MINIMUM_YIELD_PER_KG)}/kg minimum, "
                f"not the {sci(niche.TARGET_YIELD_PER_KG)}/kg target")
    return f"below the {sci(niche.MINIMUM_YIELD_PER_KG)}/kg minimum"


def _render_mobilisation(result: niche.Mobilisation) -> Frame:
    low, high = niche.LILES_BASELINE_MEANS_PER_UL
    g_low, g_high = niche.GCSF_DAY5_RANGE_PER_UL
    gcsf_band = figures.hband(g_low, g_high, f"G-CSF day 5, medians {g_low:g}-{g_high:g}/uL",
                              fill="rgba(230, 159, 0, 0.15)")
    gcsf_band["label"] = {**gcsf_band["label"], "textposition": "top left"}  # clear of the curve on day 5
    plerixafor_line = figures.hline(niche.PLERIXAFOR_9H_PER_UL, f"plerixafor at 9 h: {niche.PLERIXAFOR_9H_PER_UL:g}/uL",
                                    below=True)  # below the line, clear of the band label
    steady_band = figures.hband(low, high, f"before mobilisation: means {low:g} and {high:g}/uL")
    steady_band["label"] = {**steady_band["label"], "textposition": "middle right"}  # centred on the thin band
    shapes = [
        steady_band,
        gcsf_band,
        plerixafor_line,
    ]
    day = result.collection_day
    return Frame(
        traces=[figures.line(result.days, result.blood_cd34_per_ul, "CD34+ cells in blood", "progenitor"),
                figures.line([day, day], [1, 2000], "apheresis", "threshold", dash="dot", width=1.5)],
        layout=figures.layout("Mobilisation moves CD34+ cells from the niche into the blood",
                              "day (day 1 = first G-CSF injection)", "blood CD34+ (cells/uL)",
                              shapes=shapes, xaxis=dict(range=MOBILISATION_DAYS),
                              yaxis=dict(type="log", range=[0, 3.3]), showlegend=False),
        readout=(f"At apheresis (day {plain_number(result.collection_day)}): <b>{significant(result.collection_cd34_per_ul)} CD34+/uL</b> "
                 f"({significant(result.fold_over_steady_state)}x steady state); yield "
                 f"<b>{millions(result.yield_per_kg)} CD34+/kg</b>, {_verdict(result.yield_per_kg)}."),
    )


def explore_mobilisation(scenario: str | None = None) -> Explorer:
    """Regimen, collection day and apheresis settings -> blood CD34+/uL over time and the yield per kg."""
    controls = niche.PARAMS.subset(["regimen", "collection_day", "processed_blood_volume_l",
                                    "collection_efficiency", "weight_kg"])
    return Explorer(niche.mobilise, _render_mobilisation, controls, scenarios=niche.MOBILISATION_SCENARIOS,
                    scenario=scenario,
                    caption="Log scale. Shaded: blood CD34+ before mobilisation (two cohorts' means) and the median "
                            "day-5 counts on G-CSF (donor groups); dashed: plerixafor alone at 9 h. Plerixafor is "
                            "given 9 h before apheresis.")



def _one_in(share: float) -> str:
    return "all" if share >= 1 else f"1 in {1 / share:,.0f}"


def _competition_layout(months: list[float]) -> dict:
    return figures.layout("Who holds the niches? Donor chimerism after a transplant", "time after transplant (months)",
                          "share (%)", xaxis=dict(range=months), yaxis=dict(range=[0, 103]))


def _render_competition(result: niche.Competition) -> Frame:
    months = result.months
    split = " <b>Split chimerism</b>: donor T cells, host stem cells." if result.split_chimerism else ""
    return Frame(
        traces=[
            figures.line(months, 100 * result.hsc_chimerism, "HSCs: donor %", "hsc"),
            figures.line(months, 100 * result.t_cell_chimerism, "T cells: donor %", "t_cell"),
            figures.line(months, 100 * result.donor_t_cells, "donor T cells, % of normal", "t_cell", dash="dash"),
            figures.line(months, 100 * result.donor_niches, "niches: donor", "donor", dash="dot"),
            figures.line(months, 100 * result.host_niches, "niches: host", "host", dash="dot"),
        ],
        layout=_competition_layout(figures.extent(months)),
        readout=(f"Conditioning leaves {_one_in(result.host_hscs_surviving)} host stem cells and empties "
                 f"{significant(100 * result.emptied_niches, 4)}% of niches; donor stem cells reaching the "
                 f"marrow: {significant(100 * result.homed_donor_hscs)}% of the niche count. After {plain_number(months[-1])} months: "
                 f"donor HSCs <b>{percent(result.final_hsc_chimerism)}</b>, donor T cells "
                 f"<b>{percent(result.final_t_cell_chimerism)}</b>.{split}"),
    )


def explore_competition(scenario: str | None = None) -> Explorer:
    """Conditioning, dose, homing, host and graft T cells -> donor chimerism of HSCs and T cells over months."""
    controls = niche.PARAMS.subset(["conditioning_logs", "donor_dose", "homing", "host", "graft_t_cells"])
    return Explorer(niche.compete, _render_competition, controls, scenarios=niche.COMPETITION_SCENARIOS,
                    scenario=scenario,
                    caption="Solid: donor share of the cells present (chimerism). Dotted: share of all niches held "
                            "by each side; empty niches refill over months. Dashed: how far donor T cells have "
                            "refilled the T-cell pool.")
