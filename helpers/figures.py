"""One look for every figure: the Plotly template, one colour per lineage, thresholds, and a presentation scale.

Figure builders here turn numbers into Plotly trace and layout dictionaries; they never compute biology.
Colours follow Okabe and Ito (2008), a palette that stays distinct for the common colour-vision deficiencies,
extended with Paul Tol's colour-blind-safe tones where the collection needs more than eight.
"""
from __future__ import annotations

import html
from typing import Any, Iterable

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from .models.course import LINEAGE_LABELS

# One colour per lineage, used in every notebook (a lineage never changes colour between figures).
LINEAGE_COLORS: dict[str, str] = {
    "hsc": "#000000",  # black
    "progenitor": "#7F7F7F",  # grey
    "red_cell": "#D55E00",  # vermillion
    "platelet": "#CC79A7",  # reddish purple
    "neutrophil": "#E69F00",  # orange
    "monocyte": "#996633",  # brown
    "b_cell": "#56B4E9",  # sky blue
    "t_cell": "#0072B2",  # blue
    "cd4": "#0072B2",  # blue (CD4 T cells are the T cells drawn by default)
    "cd8": "#332288",  # indigo (Tol)
    "nk": "#009E73",  # bluish green
}
# Colours for things that are not lineages (pathogen, antibodies, donor and host cells...).
SERIES_COLORS: dict[str, str] = {
    "pathogen": "#882255",  # wine (Tol)
    "igm": "#44AA99",  # teal (Tol)
    "igg": "#117733",  # green (Tol)
    "ivig": "#999933",  # olive (Tol)
    "thymic": "#AA4499",  # purple (Tol): new naive T cells from the thymus
    "expanded": "#CC6677",  # rose (Tol): T cells expanded from the graft
    "donor": "#0072B2",
    "host": "#7F7F7F",
    "threshold": "#444444",
    "all_cells": "#117733",  # green (Tol): every cell in a culture
    "corrected": "#009E73",  # bluish green: an allele or cell with the intended edit
    "indel": "#882255",  # wine: an indel that shifts the frame, a disrupted copy
    "in_frame_indel": "#DDCC77",  # sand: an indel that keeps the frame
    "mixed": "#88CCEE",  # cyan: a cell with an indel and an unedited copy
    "unedited": "#BBBBBB",  # light grey
    "band": "rgba(0, 158, 115, 0.12)",
}
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#332288", "#882255", "#000000"]

_SCALES = {
    "notebook": {"font": 15, "height": 440, "line": 2.5},
    "presentation": {"font": 22, "height": 620, "line": 4},
}
_state = {"scale": "notebook"}


def _template(scale: str) -> go.layout.Template:
    size = _SCALES[scale]
    axis = dict(
        showline=True, linecolor="#444", ticks="outside", gridcolor="#E5E5E5", zeroline=False,
        title=dict(font=dict(size=size["font"] + 1)), exponentformat="power",
        # Fixed margins, level tick labels and no overflow check: Plotly measures every tick label in the page for
        # each of these, on every redraw (together over 10 ms a slider move inside JupyterLab).
        automargin=False, tickangle=0, ticklabeloverflow="allow",
    )
    return go.layout.Template(
        layout=dict(
            font=dict(family="Arial, Helvetica, sans-serif", size=size["font"], color="#222"),
            title=dict(font=dict(size=size["font"] + 4), x=0.01, xanchor="left"),
            colorway=PALETTE,
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=axis,
            yaxis=axis,
            # Explorers draw their legends in HTML above the plot (figures.legend_html); a static figure that shows
            # Plotly's legend gets it in a row between the title and the plot, clear of the axis titles.
            legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, bgcolor="rgba(255,255,255,0.8)",
                        font=dict(size=size["font"] - 1)),
            hoverlabel=dict(font=dict(size=size["font"])),
            margin=dict(l=95, r=30, t=60, b=70),
            height=size["height"],
        ),
        data=dict(scatter=[go.Scatter(line=dict(width=size["line"]))]),
    )


for _name in _SCALES:
    pio.templates[f"hsc_{_name}"] = _template(_name)


def presentation(on: bool = True) -> str:
    """Switch figures made from now on to projector size (larger fonts, taller plots), or back.

    For the whole page, also use JupyterLab's View > Presentation Mode.
    """
    _state["scale"] = "presentation" if on else "notebook"
    return f"Figures now use the {_state['scale']} scale."


def template_name() -> str:
    return f"hsc_{_state['scale']}"


def line_width() -> float:
    return _SCALES[_state["scale"]]["line"]


def height() -> int:
    """The figure height of the current scale (px). Widths follow the page: an explorer's figure is as wide as its
    output area."""
    return _SCALES[_state["scale"]]["height"]


def layout(title: str, x_title: str, y_title: str, **extra: Any) -> dict[str, Any]:
    """A layout in the collection's template. Axis titles must carry units, e.g. ``"time (days)"``. A ``height`` is
    in notebook pixels and grows with the presentation scale (a three-panel figure of 600 px is 600 at notebook
    scale and as much taller as every figure in presentation mode), so fonts and panels grow together."""
    if "height" in extra:
        extra["height"] = round(extra["height"] * height() / _SCALES["notebook"]["height"])
    for axis_title in (x_title, y_title):
        if "(" not in axis_title:
            raise ValueError(f"axis title {axis_title!r} has no unit in brackets")
    base = dict(
        template=template_name(),
        title=dict(text=title),
        xaxis=dict(title=dict(text=x_title)),
        yaxis=dict(title=dict(text=y_title)),
    )
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


def color(key: str) -> str:
    """The fixed colour of a lineage or series (``"neutrophil"``, ``"igg"``...)."""
    try:
        return LINEAGE_COLORS.get(key) or SERIES_COLORS[key]
    except KeyError:
        raise ValueError(f"no colour for {key!r}; known: {', '.join([*LINEAGE_COLORS, *SERIES_COLORS])}") from None


def line(x: Iterable[float], y: Iterable[float], name: str, key: str | None = None, *, dash: str = "solid",
         width: float | None = None, **extra: Any) -> dict[str, Any]:
    """A line trace coloured by lineage or series ``key`` (default: the name)."""
    return dict(
        type="scatter", mode="lines", name=name, x=np.asarray(x), y=np.asarray(y),
        line=dict(color=color(key or name), dash=dash, width=width or line_width()), **extra,
    )


def hline(y: float, label: str, *, dash: str = "dash", at: str = "start", below: bool = False,
          yref: str = "y") -> dict[str, Any]:
    """A horizontal threshold line (for ``layout(shapes=[...])``) on the y axis ``yref``, labelled at its ``at`` end
    ("start", "middle", "end"), just above the line or ``below`` it."""
    return dict(
        type="line", xref="paper", x0=0, x1=1, yref=yref, y0=y, y1=y,
        line=dict(color=SERIES_COLORS["threshold"], width=1.5, dash=dash),
        label=dict(text=label, textposition=at, yanchor="top" if below else "bottom",
                   font=dict(color=SERIES_COLORS["threshold"])),
    )


def vline(x: float, label: str, *, dash: str = "dot") -> dict[str, Any]:
    """A vertical marker line (an event, an engraftment day) with its label."""
    return dict(
        type="line", xref="x", x0=x, x1=x, yref="paper", y0=0, y1=1,
        line=dict(color=SERIES_COLORS["threshold"], width=1.5, dash=dash),
        label=dict(text=label, textposition="end", textangle=0, yanchor="top",
                   font=dict(color=SERIES_COLORS["threshold"])),
    )


def hband(y0: float, y1: float, label: str, fill: str | None = None) -> dict[str, Any]:
    """A shaded horizontal band (a published or normal range) with its label."""
    return dict(
        type="rect", xref="paper", x0=0, x1=1, yref="y", y0=y0, y1=y1, layer="below",
        fillcolor=fill or SERIES_COLORS["band"], line=dict(width=0),
        label=dict(text=label, textposition="top right", font=dict(color="#333")),
    )


def _transparent(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def band(x: Iterable[float], low: Iterable[float], high: Iterable[float], name: str, key: str | None = None, *,
         alpha: float = 0.12, **extra: Any) -> dict[str, Any]:
    """A shaded band from ``low`` to ``high`` over ``x`` (a normal range, a spread over runs, a window) in the colour of
    lineage or series ``key`` at opacity ``alpha``, with no edge. One closed outline of twice as many points as ``x``,
    so a slider moves it in place."""
    x = np.asarray(x, dtype=float)
    colour = color(key or name)
    trace = line(np.concatenate([x, x[::-1]]), np.concatenate([np.asarray(high), np.asarray(low)[::-1]]), name, key,
                 fill="toself", fillcolor=_transparent(colour, alpha), hoverinfo="skip", **extra)
    trace["line"] = dict(color=_transparent(colour, 0.0), width=0)
    return trace


def floored(values: Iterable[float], range_log10: list[float]) -> np.ndarray:
    """Values below a log axis's bottom drawn on it (a log axis has no zero), with as many points as ever."""
    return np.maximum(np.asarray(values, dtype=float), 10.0 ** range_log10[0])


def drawn_days(days: Iterable[float], *, late_step: int, early_days: int = 60, early_step: int = 2) -> np.ndarray:
    """Indices of a course on whole days to draw: every ``early_step``-th day over the first ``early_days`` (neutrophils
    and NK cells return within days), every ``late_step``-th after (B and T cells take months), and the last."""
    last = len(np.asarray(days)) - 1
    return np.unique(np.concatenate([np.arange(0, min(early_days, last), early_step),
                                     np.arange(min(early_days, last), last, late_step), [last]]))


def course_traces(course: Any, lineages: Iterable[str] | None = None, **extra: Any) -> list[dict[str, Any]]:
    """Traces for a ``models.course.LineageCourse``: per lineage its normal range as a faint band in the lineage's
    colour, then its count as a line (cells/uL), so any model's recovery is drawn the same way. ``extra`` goes to
    every trace (``yaxis="y2"``, say)."""
    traces = []
    for lineage in lineages or course.lineages:
        label = LINEAGE_LABELS[lineage]
        traces += [band(course.days, course.normal_low[lineage], course.normal_high[lineage], f"normal {label}",
                        lineage, showlegend=False, **extra),
                   line(course.days, course.counts[lineage], label, lineage, **extra)]
    return traces


def extent(values: Iterable[float]) -> list[float]:
    """``[first, last]`` of an increasing axis (time): the range Plotly's autorange gives a line, fixed."""
    ordered = np.asarray(values, dtype=float)
    return [float(ordered[0]), float(ordered[-1])]


_NICE_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def steady_range(*values: Any, log: bool = False) -> list[float]:
    """A fixed axis range that holds ``values`` with a little headroom and changes only in coarse steps.

    Linear: from 0 (or a round number below a negative minimum) to the next of 1, 1.5, 2, 3, 4, 5, 6, 8 x 10^k.
    Log: whole decades, in Plotly's log10 units. A slider that moves a line a little leaves the axis where it is, so
    the eye compares like with like, and the explorer can move the line without redrawing the figure.
    """
    data = np.concatenate([np.ravel(np.asarray(v, dtype=float)) for v in values])
    data = data[np.isfinite(data)]
    if log:
        data = data[data > 0]
        if data.size == 0:
            return [0.0, 1.0]
        return [float(np.floor(np.log10(data.min()))), float(np.ceil(np.log10(data.max() * 1.05)))]
    if data.size == 0:
        return [0.0, 1.0]
    high, low = _nice_ceil(1.05 * data.max()) if data.max() > 0 else 0.0, data.min()
    return [-_nice_ceil(-1.05 * low) if low < 0 else 0.0, high if high > 0 else 1.0]


def _nice_ceil(value: float) -> float:
    """The smallest 1, 1.5, 2, 3, 4, 5, 6, 8 x 10^k at or above a positive ``value``."""
    value = max(value, np.finfo(float).tiny)  # a subnormal value's decade would underflow to 0
    decade = 10.0 ** np.floor(np.log10(value))
    return float(next(step * decade for step in _NICE_STEPS if step * decade >= value * (1 - 1e-12)))


_DASHES = {"dash": "7,4", "dot": "2,3", "dashdot": "7,3,2,3", "longdash": "11,4"}


def legend_html(traces: Iterable[dict[str, Any]]) -> str:
    """The traces' legend as a row of HTML swatches.

    The browser draws it once; a Plotly legend is measured and redrawn on every update, about 20 ms a move.
    """
    items = []
    for trace in traces:
        if trace.get("showlegend") is False or trace.get("visible") is False or not trace.get("name"):
            continue
        line, marker = trace.get("line") or {}, trace.get("marker") or {}
        colour = next((c for c in (line.get("color"), marker.get("color")) if isinstance(c, str)), "#444")
        opacity = trace.get("opacity", 1)
        if trace.get("type") == "bar" or trace.get("fill"):  # a bar or a shaded band: a filled square
            fill = trace.get("fillcolor") if trace.get("fill") else colour
            swatch = f'<rect x="8" y="1" width="14" height="12" fill="{fill}" fill-opacity="{opacity}"/>'
        elif "lines" in trace.get("mode", "lines"):
            dash = _DASHES.get(line.get("dash"), "")
            swatch = (f'<line x1="1" y1="7" x2="29" y2="7" stroke="{colour}" stroke-width="3" '
                      f'stroke-dasharray="{dash}" stroke-opacity="{opacity}"/>')
        else:
            swatch = f'<circle cx="15" cy="7" r="5" fill="{colour}" fill-opacity="{opacity}"/>'
        items.append(f'<span style="display:inline-flex;align-items:center;gap:6px">'
                     f'<svg width="30" height="14">{swatch}</svg>{html.escape(trace["name"])}</span>')
    size = _SCALES[_state["scale"]]["font"] - 1
    return (f'<div class="hsc-legend" style="display:flex;flex-wrap:wrap;gap:2px 18px;font-size:{size}px;'
            f'margin:4px 0 0 8px">{"".join(items)}</div>') if items else ""

