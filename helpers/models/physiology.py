"""Quantities that several models share, declared once: normal counts, lifespans, maturation, body weight.

A model that needs one of these puts the spec itself into its ``PARAMS`` (``ParamSet(physiology.NORMAL_ANC, ...)``),
so a view that combines two models can merge their parameter sets (``a.PARAMS + b.PARAMS``) without two different
specs under one name. Age-specific normal ranges per lineage live here too, for the lineage courses of
``models.course``.
"""
from __future__ import annotations

import numpy as np

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

# ---------------------------------------------------------------- age-specific normal ranges of lymphocytes

# Lymphocyte subsets in healthy people by age, cells/uL: the reference table of a clinical laboratory (chimt-lab,
# "Lymphocyte surface marker analysis"), whose age bands (neonatal, 1 week-9 months, 9-24 months, 2-5, 5-10, 10-16
# years, adult) are those of Comans-Bitter et al. 1997, J Pediatr 130:388 (5th-95th centiles); the table itself does
# not name its source and the paper was not checked. It agrees with Denny et al. 1992 (calibration.md: CD4 at 2-3
# months 1460-5110/uL) and, for CD4 and B cells, with a second laboratory's Shearer-style bands (London Health
# Sciences Centre, Lymphocyte Subset Enumeration: CD4 1600-4000 at 0-3 months, B cells 300-2000).
LYMPHOCYTE_RANGES_SOURCE = ("clinical laboratory reference table with the age bands of Comans-Bitter et al. 1997, "
                            "J Pediatr 130:388 (5th-95th centiles); agrees with Denny et al. 1992, JAMA 267:1484")
# Each band: (first month, last month) of age and the (low, high) range per lineage key.
LYMPHOCYTE_BANDS_MONTHS = ((0.0, 0.25), (0.25, 9.0), (9.0, 24.0), (24.0, 60.0), (60.0, 120.0), (120.0, 192.0),
                           (216.0, 216.0))  # the last: adults (from 18 years)
LYMPHOCYTE_RANGES_CELLS_PER_UL = {
    "t_cell": ((600, 5000), (2300, 7000), (1400, 8000), (900, 4500), (700, 4200), (800, 3500), (690, 2540)),
    "b_cell": ((40, 1100), (600, 3000), (600, 3100), (200, 2100), (200, 1600), (200, 600), (90, 660)),
    "cd4": ((400, 3500), (1400, 5300), (900, 5500), (500, 2400), (300, 2000), (400, 2100), (410, 1590)),
    "cd8": ((200, 1900), (400, 2200), (400, 2300), (300, 1600), (300, 1800), (200, 1200), (190, 1140)),
    "nk": ((100, 1900), (100, 1400), (100, 1400), (100, 1000), (90, 900), (70, 1200), (90, 590)),
}
# A band's range holds over the middle half of the band (a laboratory applies it to every age in the band); across
# the quarters next to a boundary the limits pass to the next band's on a log scale, so a growing child's band moves
# smoothly. Held constant before the first band's middle half and from 18 years.
_KNOT_BANDS = [index for index, (first, last) in enumerate(LYMPHOCYTE_BANDS_MONTHS)
               for _ in ((first, last) if last > first else (first,))]
_BAND_AGES = np.array([age for first, last in LYMPHOCYTE_BANDS_MONTHS
                       for age in ((first + (last - first) / 4, last - (last - first) / 4) if last > first
                                   else (first,))])


def normal_range_cells_per_ul(lineage: str, age_months: float | np.ndarray) -> tuple[float | np.ndarray,
                                                                                   float | np.ndarray]:
    """(low, high) normal count of ``lineage`` in cells/uL at ``age_months`` (a number or an array of ages).

    Lymphocytes (``t_cell``, ``cd4``, ``cd8``, ``b_cell``, ``nk``) from the age bands of
    ``LYMPHOCYTE_RANGES_CELLS_PER_UL``; neutrophils and platelets use the adult range at every age (a simplification:
    infants' neutrophil ranges are not in this table).

    >>> [round(limit) for limit in normal_range_cells_per_ul("cd4", 216)]  # an adult
    [410, 1590]
    >>> [round(limit) for limit in normal_range_cells_per_ul("cd4", 3)]  # in the band 1 week-9 months
    [1400, 5300]
    """
    ages = np.asarray(age_months, dtype=float)
    if not np.all(np.isfinite(ages)) or np.any(ages < 0):
        raise ValueError(f"age_months={age_months!r} must be finite and >= 0")
    if lineage in ADULT_NORMAL_CELLS_PER_UL and lineage not in LYMPHOCYTE_RANGES_CELLS_PER_UL:
        low, high = ADULT_NORMAL_CELLS_PER_UL[lineage]
        low_array, high_array = np.full(ages.shape, low), np.full(ages.shape, high)
    elif lineage in LYMPHOCYTE_RANGES_CELLS_PER_UL:
        bands = np.log(np.asarray(LYMPHOCYTE_RANGES_CELLS_PER_UL[lineage], dtype=float))[_KNOT_BANDS]
        low_array = np.exp(np.interp(ages, _BAND_AGES, bands[:, 0]))
        high_array = np.exp(np.interp(ages, _BAND_AGES, bands[:, 1]))
    else:
        known = sorted({*ADULT_NORMAL_CELLS_PER_UL, *LYMPHOCYTE_RANGES_CELLS_PER_UL})
        raise ValueError(f"lineage={lineage!r} has no normal range; choose one of {', '.join(known)}")
    if ages.ndim == 0:
        return float(low_array), float(high_array)
    return low_array, high_array
