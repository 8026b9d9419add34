"""Quantities that several models share, declared once: normal counts, lifespans, maturation, body weight.

A model that needs one of these puts the spec itself into its ``PARAMS`` (``ParamSet(physiology.NORMAL_ANC, ...)``),
so a view that combines two models can merge their parameter sets (``a.PARAMS + b.PARAMS``) without two different
specs under one name. Age-specific normal ranges per lineage live here too, for the lineage courses of
``models.course``.
"""
from __future__ import annotations

from ..params import Param

LAHOZ = "Lahoz-Beneytez et al. 2016, Blood 127:3431"
SENDER_MILO = "Sender and Milo 2021, Nat Med 27:45"
FLIEDNER = "Fliedner 2002 (BioNumbers)"
TO = "To et al. 2011, Blood 118:4530"
GENERAL = "general knowledge"

NORMAL_ANC = Param("normal_anc_1e9_per_l", 4.0, 1.5, 7.5, "1e9/L",
                   "absolute neutrophil count of a healthy adult (before an illness or treatment, and after recovery)",
                   f"adult ANC ~1.5-7.5e9/L: {GENERAL}", label="normal ANC")
NORMAL_PLATELETS = Param("normal_platelets_1e9_per_l", 250, 150, 450, "1e9/L",
                         "platelet count of a healthy adult", f"adult platelets ~150-450e9/L: {GENERAL}", step=5,
                         label="normal platelets")
RED_CELL_LIFESPAN = Param("red_cell_lifespan_days", 116, 60, 150, "days", "mean red cell lifespan",
                          f"116 +- 3 days: {SENDER_MILO}", step=1, label="red cell lifespan")
NEUTROPHIL_HALF_LIFE = Param("neutrophil_half_life_days", 0.79, 0.2, 3, "days", "half-life of neutrophils in blood",
                             f"about 19 h: {LAHOZ}", step=0.01, label="neutrophil blood half-life")
PLATELET_LIFESPAN = Param("platelet_lifespan_days", 9, 3, 15, "days", "mean platelet lifespan in the blood",
                          f"8-10 days: {FLIEDNER}", step=0.5, label="platelet lifespan")
NEUTROPHIL_MATURATION = Param("neutrophil_maturation_days", 5.8, 2, 10, "days",
                              "days a neutrophil spends maturing in the marrow after its last division, before release",
                              f"~5.8 days: {LAHOZ}", step=0.1, label="neutrophil maturation")
RECIPIENT_WEIGHT = Param("weight_kg", 70, 3, 120, "kg",
                         "weight of the patient who receives the graft (a dose per kg times weight = cells needed)",
                         TO, step=1, label="recipient weight")

# Adult normal ranges in cells/uL (1e9/L = 1000 cells/uL), by lineage key of ``figures.LINEAGE_COLORS``.
ADULT_NORMAL_CELLS_PER_UL = {
    "neutrophil": (1500.0, 7500.0),  # general knowledge (NORMAL_ANC's range)
    "platelet": (150e3, 450e3),  # general knowledge (NORMAL_PLATELETS' range)
}
