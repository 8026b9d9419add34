"""One result shape for blood and immune cell counts over time, shared by every model that rebuilds a lineage.

Transplantation (04), immune reconstitution (05), gene therapy (06) and the case studies (08) return their recovery
as a :class:`LineageCourse`, so one figure builder or dashboard draws any of them the same way: days after the
treatment, cells per microlitre per lineage, and each lineage's normal range for the patient's age on each day.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

# Lineage keys, as ``figures.LINEAGE_COLORS`` names them (one colour per lineage everywhere).
LINEAGES = ("neutrophil", "platelet", "red_cell", "monocyte", "nk", "b_cell", "t_cell", "cd4", "cd8")
# What a reader calls each lineage (and the cells upstream of them), in legends, readouts and tables.
LINEAGE_LABELS = {"hsc": "HSCs", "progenitor": "progenitors", "red_cell": "red cells", "platelet": "platelets",
                  "neutrophil": "neutrophils", "monocyte": "monocytes", "b_cell": "B cells", "t_cell": "T cells",
                  "cd4": "CD4 T cells", "cd8": "CD8 T cells", "nk": "NK cells"}


@dataclass(frozen=True)
class LineageCourse:
    """Counts of several lineages over time, with the normal range each count should reach.

    ``days``: days after the treatment (day 0: the infusion). ``counts[lineage]``: cells/uL on each day.
    ``normal_low[lineage]`` and ``normal_high[lineage]``: the normal range on each day in cells/uL, moving with the
    patient's age (an infant's normal CD4 count is not an adult's).
    """

    days: np.ndarray
    counts: Mapping[str, np.ndarray]
    normal_low: Mapping[str, np.ndarray]
    normal_high: Mapping[str, np.ndarray]

    def __post_init__(self) -> None:
        days = np.asarray(self.days, dtype=float)
        if days.ndim != 1 or days.size < 2 or np.any(np.diff(days) <= 0):
            raise ValueError("days must be an increasing 1-D array of at least two days")
        for label, table in (("counts", self.counts), ("normal_low", self.normal_low),
                             ("normal_high", self.normal_high)):
            unknown = set(table) - set(LINEAGES)
            if unknown:
                raise ValueError(f"{label} has unknown lineage(s) {sorted(unknown)}; valid ones are "
                                 f"{', '.join(LINEAGES)}")
            if set(table) != set(self.counts):
                raise ValueError(f"{label} names lineages {sorted(table)}, counts names {sorted(self.counts)}")
            for lineage, values in table.items():
                array = np.asarray(values, dtype=float)
                if array.shape != days.shape or not np.all(np.isfinite(array)) or np.any(array < 0):
                    raise ValueError(f"{label}[{lineage!r}] must hold one finite, non-negative count per day")
        for lineage in self.counts:
            if np.any(np.asarray(self.normal_low[lineage]) > np.asarray(self.normal_high[lineage])):
                raise ValueError(f"normal_low[{lineage!r}] is above normal_high on some day")

    @property
    def lineages(self) -> tuple[str, ...]:
        """The lineages in this course, in the collection's order."""
        return tuple(lineage for lineage in LINEAGES if lineage in self.counts)

    def recovery_day(self, lineage: str) -> float | None:
        """First day from which the count stays at or above the lower normal limit to the end, or None."""
        if lineage not in self.counts:
            raise ValueError(f"lineage={lineage!r} is not in this course; choose one of {', '.join(self.lineages)}")
        below = np.flatnonzero(np.asarray(self.counts[lineage]) < np.asarray(self.normal_low[lineage]))
        if below.size == 0:
            return float(self.days[0])
        if below[-1] == len(self.days) - 1:
            return None
        return float(self.days[below[-1] + 1])

    def on_days(self, indices: np.ndarray) -> "LineageCourse":
        """The same course on the grid points ``indices`` (increasing), for drawing a few hundred points or fewer."""
        keep = np.asarray(indices, dtype=int)
        if keep.ndim != 1 or keep.size < 2 or np.any(np.diff(keep) <= 0) or keep[0] < 0 or keep[-1] >= len(self.days):
            raise ValueError(f"indices must increase within 0..{len(self.days) - 1}")

        def pick(table: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
            return {lineage: np.asarray(values)[keep] for lineage, values in table.items()}

        return LineageCourse(days=np.asarray(self.days)[keep], counts=pick(self.counts),
                             normal_low=pick(self.normal_low), normal_high=pick(self.normal_high))

    def share_of_normal(self, lineage: str) -> np.ndarray:
        """The count as a share of the lower normal limit on each day (1 = just normal)."""
        low = np.asarray(self.normal_low[lineage], dtype=float)
        return np.divide(self.counts[lineage], low, out=np.ones_like(low), where=low > 0)


def constant_range(days: np.ndarray, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
    """A normal range that does not change with age over ``days``."""
    return np.full(np.shape(days), float(low)), np.full(np.shape(days), float(high))
