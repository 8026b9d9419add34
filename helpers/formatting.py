"""One place that writes numbers for a reader: plain numbers, powers of ten for HTML readouts, and percentages.

Models, questions and explorers all format through here, so the same share never reads 0.7% in one place and 1% in
another.
"""
from __future__ import annotations

import math
from typing import Any


def plain_number(value: Any) -> str:
    """A number as a reader writes it: 280, 0.5, 2e4, 2.5e13."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if value != 0 and not 1e-3 <= abs(value) < 1e4:
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    return f"{value:g}"


def significant(value: float, figures: int = 3) -> str:
    """``value`` to ``figures`` significant figures, written as ``plain_number`` writes it (93, 15.6, 2.44e13)."""
    return plain_number(float(f"{value:.{figures}g}"))


def sci(value: float, digits: int = 2) -> str:
    """A number for an HTML readout: 2.44e13 -> '2.4 x 10<sup>13</sup>'; plain from 0.01 to 9999 (116, 0.5)."""
    if value == 0 or 1e-2 <= abs(value) < 1e4:
        return f"{value:.4g}"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10<sup>{int(exponent)}</sup>"


def percent(share: float, *, html: bool = True) -> str:
    """A share (0..1) as a percentage that never reads 0% or 100% when it is neither.

    Whole percents from 2% to 98%; one decimal below 2% (0.7%, not 1%) and above 98%, where it is rounded down so
    99.96% reads 99.9%, never 100.0%; "<0.1%" and ">99.9%" at the two ends.
    """
    if not math.isfinite(share) or not 0 <= share <= 1:
        raise ValueError(f"share={share!r} is outside the allowed range 0..1")
    less, more = ("&lt;", "&gt;") if html else ("<", ">")
    if share in (0, 1):
        return f"{100 * share:.0f}%"
    if share < 0.0005:
        return f"{less}0.1%"
    if share >= 0.999:
        return f"{more}99.9%"
    if share < 0.0195:
        return f"{100 * share:.1f}%"
    if share > 0.98:
        return f"{math.floor(1000 * share + 1e-9) / 10:.1f}%"
    return f"{100 * share:.0f}%"
