"""Notebook 03's explorers: mobilising CD34+ cells into the blood, and host and donor cells competing for niches."""
from __future__ import annotations

from .. import figures
from ..explore import Explorer, Frame
from ..models import niche


def _verdict(yield_per_kg: float) -> str:
    if yield_per_kg >= niche.TARGET_YIELD_PER_KG:
        return f"meets the {figures.sci(niche.TARGET_YIELD_PER_KG)}/kg target"
    if yield_per_kg >= niche.MINIMUM_YIELD_PER_KG:
        return (f"meets the {figures.sci(niche.MINIMUM_YIELD_PER_KG)}/kg minimum, "
                f"not the {figures.sci(niche.TARGET_YIELD_PER_KG)}/kg target")
    return f"below the {figures.sci(niche.MINIMUM_YIELD_PER_KG)}/kg minimum"


def _render_mobilisation(result: niche.Mobilisation) -> Frame:
    low, high = niche.STEADY_STATE_RANGE_PER_UL
    g_low, g_high = niche.GCSF_DAY5_RANGE_PER_UL
    gcsf_band = figures.hband(g_low, g_high, f"G-CSF day 5, medians {g_low:g}-{g_high:g}/uL",
                              fill="rgba(230, 159, 0, 0.15)")
    gcsf_band["label"] = {**gcsf_band["label"], "textposition": "top left"}  # clear of the curve on day 5
    shapes = [
        figures.hband(low, high, f"steady state {low:g}-{high:g}/uL"),
        gcsf_band,
        figures.hline(niche.PLERIXAFOR_9H_PER_UL, f"plerixafor at 9 h: {niche.PLERIXAFOR_9H_PER_UL:g}/uL",
                      position="bottom left"),
    ]
    day = result.collection_day
    return Frame(
        traces=[figures.line(result.days, result.blood_cd34_per_ul, "CD34+ cells in blood", "progenitor"),
                figures.line([day, day], [1, 2000], "apheresis", "threshold", dash="dot", width=1.5)],
        layout=figures.layout("Mobilisation moves CD34+ cells from the niche into the blood",
                              "day (day 1 = first G-CSF injection)", "blood CD34+ (cells/uL)",
                              shapes=shapes, yaxis=dict(type="log", range=[0, 3.3]), showlegend=False),
        readout=(f"At apheresis (day {result.collection_day:g}): <b>{result.collection_cd34_per_ul:.3g} CD34+/uL</b> "
                 f"({result.fold_over_steady_state:.3g}x steady state); yield "
                 f"<b>{figures.sci(result.yield_per_kg)} CD34+/kg</b>, {_verdict(result.yield_per_kg)}."),
    )


def explore_mobilisation() -> Explorer:
    """Regimen, collection day and apheresis settings -> blood CD34+/uL over time and the yield per kg."""
    controls = niche.PARAMS.subset(["regimen", "collection_day", "processed_blood_volume_l",
                                    "collection_efficiency", "recipient_weight_kg"])
    presets = {
        "steady state": {"regimen": "steady_state"},
        "G-CSF": {"regimen": "gcsf"},
        "plerixafor": {"regimen": "plerixafor"},
        "plerixafor + G-CSF": {"regimen": "gcsf_plerixafor"},
    }
    return Explorer(niche.mobilise, _render_mobilisation, controls, presets=presets,
                    caption="Log scale. Shaded: published steady-state and G-CSF day-5 ranges; dashed: plerixafor "
                            "alone at 9 h. Plerixafor is given 9 h before apheresis.")


def _render_competition(result: niche.Competition) -> Frame:
    months = result.months
    split = " <b>Split chimerism</b>: donor T cells, host stem cells." if result.split_chimerism else ""
    return Frame(
        traces=[
            figures.line(months, 100 * result.hsc_chimerism, "donor share of HSCs", "hsc"),
            figures.line(months, 100 * result.t_cell_chimerism, "donor share of T cells", "t_cell"),
            figures.line(months, 100 * result.donor_t_cells, "donor T cells, % of a normal count", "t_cell",
                         dash="dash"),
            figures.line(months, 100 * result.donor_niches, "niches held by donor HSCs", "donor", dash="dot"),
            figures.line(months, 100 * result.host_niches, "niches held by host HSCs", "host", dash="dot"),
        ],
        layout=figures.layout("Who holds the niches? Donor chimerism after a transplant",
                              "time after transplant (months)", "share (%)",
                              yaxis=dict(range=[0, 103]), legend=dict(orientation="h", y=-0.25)),
        readout=(f"Conditioning empties {100 * result.emptied_niches:.3g}% of niches; donor HSCs reaching the "
                 f"marrow: {100 * result.homed_donor_hscs:.3g}% of the niche count. After {months[-1]:g} months: "
                 f"donor HSCs <b>{100 * result.final_hsc_chimerism:.3g}%</b>, donor T cells "
                 f"<b>{100 * result.final_t_cell_chimerism:.3g}%</b>.{split}"),
    )


def explore_competition() -> Explorer:
    """Conditioning, dose, homing, host and graft T cells -> donor chimerism of HSCs and T cells over months."""
    controls = niche.PARAMS.subset(["conditioning", "donor_dose", "homing", "host", "graft_t_cells"])
    presets = {
        "myeloablative": {"conditioning": 0.999, "host": "immunocompetent"},
        "reduced intensity": {"conditioning": 0.99, "host": "immunocompetent"},
        "no conditioning (SCID)": {"conditioning": 0.0, "host": "scid"},
    }
    return Explorer(niche.compete, _render_competition, controls, presets=presets,
                    caption="Solid: donor share of the cells present (chimerism). Dotted: share of all niches held "
                            "by each side; empty niches refill over months. Dashed: how far donor T cells have "
                            "refilled the T-cell pool.")
