"""Explorers: controls built from parameter specs, named scenarios and reset, and a live Plotly figure.

An explorer wires a model to a figure and holds no biology:

    Explorer(compute=model_function, render=frame_from_result, controls=specs, scenarios=model.SCENARIOS,
             scenario="cord blood")

``compute(**values)`` runs the model with the control values; ``render(result)`` returns a :class:`Frame` (trace
dictionaries, each known by its name (or by its ``uid`` where the name changes with the model, as a legend text
with a number in it does), the same ones in the same order every time; layout changes; a short HTML readout).
A scenario button sets the controls it names and puts the others back to their defaults, and says which it reset.
A model's ``ValueError`` (a combination it refuses) shows in the readout; the figure keeps its last picture.
On every change the explorer recomputes, compares the new frame with what the browser already has, and sends only
the properties that changed, in one message. When every axis keeps a fixed range and the traces changed only their
coordinates (or point labels), the lines move in place (an instant Plotly animation) and any shapes or titles follow
in a layout-only update; otherwise one update redraws the whole figure, about twice as slow in the browser.
Renderers that fix their axis ranges (``figures.extent``, ``figures.steady_range``) get the fast path for most moves.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import anywidget
import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure, Undefined

from . import figures
from .formatting import plain_number
from .params import Choice, ParamSet, Scenario, Spec


@dataclass(frozen=True)
class Frame:
    """What one model result looks like: traces (same count and order every time), layout, readout."""

    traces: list[dict[str, Any]]
    layout: dict[str, Any] = field(default_factory=dict)
    readout: str = ""

    def __post_init__(self) -> None:
        keys = self.trace_keys
        if None in keys or len(set(keys)) != len(keys):
            raise ValueError(f"every trace needs a name (or uid) of its own: explorers find traces by it; got {keys}")

    @property
    def trace_keys(self) -> list[str | None]:
        """What each trace is known by: its ``uid`` if it has one (a name that changes), else its name."""
        return [trace.get("uid", trace.get("name")) for trace in self.traces]


def hide(item: dict[str, Any], hidden: bool = True) -> dict[str, Any]:
    """A trace or a layout shape, hidden (or shown again) without changing its points.

    The one way to make something disappear from an explorer's figure: keep the item, with as many points as when it
    shows, and switch ``visible``. Emptying a trace instead would break the in-place moves (Plotly's animation leaves
    the old points on screen when a trace empties), and moving it out of sight breaks when an axis changes.
    """
    return {**item, "visible": not hidden}


_CONTROL_MIN_PX, _GAP_PX = 380, 24
_WIDE = widgets.Layout(width="auto", min_width=f"{_CONTROL_MIN_PX}px")
_LABEL = {"description_width": "initial"}


def _grid_columns(columns: int) -> str:
    """Up to ``columns`` controls side by side, fewer when the page is narrow (a projector at 1024 px, a split
    screen), so no control is pushed past the right edge."""
    share = f"calc((100% - {(columns - 1) * _GAP_PX}px) / {columns})"
    return f"repeat(auto-fill, minmax(max({_CONTROL_MIN_PX}px, {share}), 1fr))"


def control_for(spec: Spec) -> widgets.ValueWidget:
    """A slider (numbers) or dropdown (choices) for one spec; its label carries the unit and is never cut off."""
    labelled = dict(description=spec.display_label, style=_LABEL, layout=_WIDE)
    if isinstance(spec, Choice):
        return widgets.Dropdown(options=spec.labelled_options, value=spec.default, **labelled)
    common = dict(labelled, continuous_update=True)
    if spec.log:
        lo, hi = math.log10(spec.low), math.log10(spec.high)
        step = _log_step(hi - lo)
        lo, hi = _grid_through_default(lo, hi, math.log10(spec.default), step, slack=_LOG_END_SLACK)
        while 10**hi > spec.high:  # 10**log10(2e7) is 2.0000000000000004e7: keep both ends inside the range
            hi = math.nextafter(hi, -math.inf)
        while 10**lo < spec.low:
            lo = math.nextafter(lo, math.inf)
        return widgets.FloatLogSlider(value=spec.default, base=10, min=lo, max=hi, step=step, readout_format=".3g",
                                      **common)
    if spec.integer:
        low, high = _grid_through_default(spec.low, spec.high, spec.default, spec.slider_step)
        return widgets.IntSlider(value=spec.default, min=round(low), max=round(high), step=spec.slider_step, **common)
    low, high = _grid_through_default(spec.low, spec.high, spec.default, spec.slider_step)
    return widgets.FloatSlider(value=spec.default, min=low, max=high, step=spec.slider_step,
                               readout_format=".3g", **common)


# A log slider steps by 1/93 decade (1/186, 1/279... on ranges under ~2 decades, for about 200 steps or more):
# 28/93 and 65/93 match log10(2) and log10(5) within 5e-5, so the grid through a round default passes within 0.02% of
# its 2x, 2.5x, 4x, 5x and 10x multiples and fractions (from 5e6: 0.5e6, 1e6, 2e6, 2.5e6, 1e7, 2e7), where a step of
# (high - low) / 200 decades lands on 1.98e6 and 2.04e6, never on 2e6.
_LOG_STEPS_PER_DECADE = 93
_LOG_END_SLACK = 0.01  # an end within 1% of a step of the grid is reachable (2e7 is 55.99 steps above 5e6)


def _log_step(decades: float) -> float:
    per_decade = _LOG_STEPS_PER_DECADE * max(1, math.ceil(200 / (_LOG_STEPS_PER_DECADE * decades)))
    return 1 / per_decade


def _grid_through_default(low: float, high: float, default: float, step: float,
                          slack: float = 1e-9) -> tuple[float, float]:
    """Slider ends inside ``low..high`` whose step grid passes through the default (a top end within ``slack``
    steps of the grid counts as on it; the bottom end is always on the grid, because the browser snaps to
    ``min + k * step``).

    The browser snaps a slider to ``min + k * step`` and sends the snapped value back to the kernel. With the
    default off that grid, each explorer would redraw itself on first display, show a value a little off the
    published default, and spend a second model update and redraw after every preset and reset.
    """
    below = math.floor((default - low) / step + 1e-9)
    above = math.floor((high - default) / step + slack)
    return max(low, _tidy(default - below * step)), min(high, _tidy(default + above * step))


def _rounding_noise(old: Any, new: Any, control: Any = None) -> bool:
    """True when a slider sends back the value it was given, snapped to its grid: float noise (115.99999999997 for
    116), or a scenario's value between two grid points (2.5e6 on a log grid through 5e6 comes back as 2.49974e6).
    The browser re-snaps every value the kernel sets; a learner's move is at least one step, a snap less than half.
    Redrawing for a snap would clear the scenario's note and cost a second update after each preset."""
    if not isinstance(old, (int, float)) or not isinstance(new, (int, float)) or old == new:
        return False
    step = getattr(control, "step", None)
    if isinstance(control, widgets.FloatLogSlider) and old > 0 and new > 0:
        return abs(math.log10(new) - math.log10(old)) < step / 2
    if step:
        return abs(new - old) < step / 2
    return isinstance(old, float) and isinstance(new, float) and math.isclose(old, new, rel_tol=1e-9)


def _tidy(number: float) -> float:
    """``number`` without the floating-point dust of repeated steps (0.09999999999999998 -> 0.1)."""
    return float(f"{number:.12g}")


def _changed(new: Mapping[str, Any], old: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of ``new`` that ``old`` lacks or holds with another value."""
    return {key: value for key, value in new.items() if key not in old or not _same(value, old[key])}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return bool(a == b)


_MOVABLE = frozenset({"x", "y", "text"})  # coordinates, and the point labels that travel with them
_AXIS_NAME = re.compile(r"^([xy])(\d*)$")  # a trace's axis reference ("y2") -> its layout key ("yaxis2")
_AXIS_KEY = re.compile(r"^[xy]axis\d*$")


def _layout_key(path: str) -> str:
    """The top-level layout key of a relayout path: "shapes[2].x0" -> "shapes", "xaxis.range" -> "xaxis"."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _moves_in_place(changes: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    """True when a trace's changes can be animated: coordinates or point labels only, each keeping its (non-zero)
    number of points. Plotly's animation leaves the old points on screen when a trace empties, and never writes a
    label on a point that had none."""
    return changes.keys() <= _MOVABLE and all(
        len(value) == len(old.get(key, ())) > 0 for key, value in changes.items())


_IN_PLACE = {"transition": {"duration": 0}, "frame": {"duration": 0, "redraw": False}, "mode": "immediate"}
TraceChanges = list[tuple[int, dict[str, Any]]]  # (trace index, the properties that changed, with their new values)


def _sendable(value: Any) -> Any:
    """An array as the widget can send it: a strided view (a column of a model's result) goes as a contiguous copy,
    since the message carries an array's memory as it lies."""
    return np.ascontiguousarray(value) if isinstance(value, np.ndarray) and not value.flags.c_contiguous else value


def _send_plot_message(figure: go.FigureWidget, traces: TraceChanges, relayout: Mapping[str, Any],
                       animate: bool = False) -> None:
    """Apply the changes to the figure's record and send them to the browser as one message: an update (restyle and
    relayout, a redraw) or, with ``animate``, an animation of zero duration that re-plots only the changed traces.

    plotly's own ``batch_update`` and ``batch_animate`` re-validate every value (most of a move's time in the kernel;
    the values here are the same kinds as those validated when the figure was built, and
    ``test_every_explorer_frame_is_valid_plotly`` validates every explorer's frames) and send their edit counters and
    the change as three messages, each relayed and handled in the browser before the plot moves. This writes into the
    figure's record as plotly does when the browser reports an edit (``_set_in`` on its dictionaries) and sends the
    counters with the change in one message. The browser's model applies it to its copy of the figure, so a view
    drawn later shows the change too.
    """
    traces = [(index, {key: _sendable(value) for key, value in changes.items()}) for index, changes in traces]
    relayout = {path: _sendable(value) for path, value in relayout.items()}
    for index, changes in traces:
        figure._data[index].update(changes)
    for path, value in relayout.items():
        BaseFigure._set_in(figure._layout, path, value)
    indexes = [index for index, _changes in traces]
    if animate:
        kind, message = "_py2js_animate", {"style_data": [changes for _index, changes in traces], "layout_data": {},
                                           "style_traces": indexes, "animation_opts": _IN_PLACE}
    else:
        restyle = {key: [changes.get(key, Undefined) for _index, changes in traces]
                   for key in sorted({key for _index, changes in traces for key in changes})}
        kind, message = "_py2js_update", {"style_data": restyle, "layout_data": dict(relayout),
                                          "style_traces": indexes, "source_view_id": None}
    trace_edit_id, layout_edit_id = figure._last_trace_edit_id + 1, figure._last_layout_edit_id + 1
    figure._trace_edit_in_process = figure._layout_edit_in_process = True
    with figure.hold_sync():
        figure._last_trace_edit_id, figure._last_layout_edit_id = trace_edit_id, layout_edit_id
        setattr(figure, kind, {**message, "trace_edit_id": trace_edit_id, "layout_edit_id": layout_edit_id})


class _FitsItsBox(anywidget.AnyWidget):
    """An invisible widget that keeps the Plotly figures beside it as wide as their box (the explorer).

    Plotly's FigureWidget draws itself before JupyterLab puts it on the page, so it takes plotly.js's default width
    (700 px, wider than the output area beside an open file browser at 1024 px) and never measures again. This
    watches the box's width and has plotly.js resize a figure whenever its width differs, as when the page first
    shows it, the window resizes or a side panel opens or closes.
    """

    _esm = """
    export default {
      render({ el }) {
        el.style.cssText = "height:0;margin:0;padding:0;overflow:hidden;align-self:stretch";
        const fit = () => {
          const box = el.parentElement;
          if (!box || !el.offsetParent || !window.Plotly?.Plots?.resize) return;
          for (const plot of box.querySelectorAll(".js-plotly-plot")) {
            const drawn = plot._fullLayout?.width, wide = parseFloat(getComputedStyle(plot).width);
            if (drawn && wide > 0 && Math.abs(drawn - wide) >= 1) window.Plotly.Plots.resize(plot).catch(() => {});
          }
        };
        const observer = new ResizeObserver(fit);
        observer.observe(el);
        const drawn = event => { if (el.parentElement?.contains(event.detail?.element)) fit(); };
        document.addEventListener("plotlywidget-after-render", drawn);
        return () => { observer.disconnect(); document.removeEventListener("plotlywidget-after-render", drawn); };
      },
    };
    """


class _LiveFigure:
    """One FigureWidget kept in step with the frames a render returns: each update sends only what changed, moving
    lines in place when every axis is fixed, and redrawing the figure otherwise (_send_plot_message)."""

    def __init__(self, frame: Frame) -> None:
        self.legend_wanted = frame.layout.get("showlegend", True)
        layout = {**frame.layout, "showlegend": False}  # the legend is HTML (self.legend): see figures.legend_html
        # Height from the scale (the FigureWidget would draw 360 px, not the template's height); no width: the figure
        # takes its output area's (_FitsItsBox).
        layout.setdefault("height", figures.height())
        self.figure = go.FigureWidget(data=frame.traces, layout=layout)
        # No mode bar, axis drag handles or double-click zoom: Plotly redraws the mode bar on every update (about
        # 10 ms a move), and a learner who zooms by accident loses the view the sliders explain. Hover stays.
        self.figure._config = {"displayModeBar": False, "showAxisDragHandles": False, "doubleClick": False}
        self.sent_traces = [dict(t) for t in frame.traces]
        self.trace_keys = frame.trace_keys
        self.sent_layout = layout
        self.legend = widgets.HTML(self._legend(frame))

    def update(self, frame: Frame) -> None:
        if frame.trace_keys != self.trace_keys:
            raise ValueError(f"render must return the same traces in the same order every time: got "
                             f"{frame.trace_keys}, first {self.trace_keys}")
        changed_traces, movable = [], True
        for index, (new, old) in enumerate(zip(frame.traces, self.sent_traces)):
            changes = _changed(new, old)
            if changes:
                changed_traces.append((index, changes))
                movable = movable and _moves_in_place(changes, old)
                old.update(changes)
        relayout, reshaped = self._relayout({**frame.layout, "showlegend": False})
        if reshaped:  # a list in the layout (shapes, say) changed length: plotly's own update renews its objects
            with self.figure.batch_update():
                for index, changes in changed_traces:
                    self.figure.data[index].update(changes)
                self.figure.layout.update({key: self.sent_layout[key] for key in map(_layout_key, relayout)})
        elif changed_traces and movable and self._axes_fixed() and not any(
                _AXIS_KEY.match(_layout_key(path)) for path in relayout):
            _send_plot_message(self.figure, self._with_every_bar(changed_traces), {}, animate=True)
            if relayout:  # shapes and titles follow in a layout-only update: no trace is redrawn
                _send_plot_message(self.figure, [], relayout)
        elif changed_traces or relayout:
            _send_plot_message(self.figure, changed_traces, relayout)
        legend = self._legend(frame)
        if legend != self.legend.value:
            self.legend.value = legend

    def _with_every_bar(self, changed_traces: TraceChanges) -> TraceChanges:
        """The changed traces, and every other bar trace as it is when any bar moves: Plotly's animation re-plots the
        bars of a figure from the traces it is given and drops the others (every subplot's), where it keeps lines."""
        if not any(self.sent_traces[index].get("type") == "bar" for index, _changes in changed_traces):
            return changed_traces
        changed = {index for index, _changes in changed_traces}
        still = [(index, {key: trace[key] for key in _MOVABLE if key in trace}) for index, trace in
                 enumerate(self.sent_traces) if trace.get("type") == "bar" and index not in changed]
        return sorted(changed_traces + still, key=lambda pair: pair[0])

    def _axes_fixed(self) -> bool:
        """True when every axis the traces use has a fixed range (moving lines in place never rescales an axis)."""
        used = {_AXIS_NAME.sub(r"\1axis\2", trace.get(key, default)) for trace in self.sent_traces
                for key, default in (("xaxis", "x"), ("yaxis", "y"))}
        axes = [self.sent_layout.get(axis, {}) for axis in used]
        return all("range" in axis and not axis.get("autorange") for axis in axes)

    def _legend(self, frame: Frame) -> str:
        return figures.legend_html(frame.traces) if self.legend_wanted else ""

    def _relayout(self, layout: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """What changed in the layout, as Plotly relayout paths and values ("xaxis.range", "shapes[2].x0"), and
        whether a list of shapes or annotations changed length (Plotly patches those only element by element)."""
        relayout: dict[str, Any] = {}
        reshaped = False
        for key, value in layout.items():
            if key not in self.sent_layout or not _same(value, self.sent_layout[key]):
                reshaped = _layout_diff(key, value, self.sent_layout.get(key), relayout) or reshaped
                self.sent_layout[key] = value
        return relayout, reshaped


def _layout_diff(path: str, new: Any, old: Any, relayout: dict[str, Any]) -> bool:
    """Add the changes from ``old`` to ``new`` at ``path`` to ``relayout``, down to the values that differ; True when
    a list of layout objects (shapes, annotations) changed length."""
    if isinstance(new, dict) and isinstance(old, dict):
        reshaped = False
        for key in new.keys() | old.keys():
            if not _same(new.get(key), old.get(key)):
                reshaped = _layout_diff(f"{path}.{key}", new.get(key), old.get(key), relayout) or reshaped
        return reshaped
    objects = [isinstance(item, dict) for items in (new, old) if isinstance(items, list) for item in items]
    if objects and all(objects):
        if len(new or ()) != len(old or ()):
            relayout[path] = new
            return True
        return any([_layout_diff(f"{path}[{i}]", n, o, relayout) for i, (n, o) in enumerate(zip(new, old))])
    relayout[path] = new
    return False


def combine(**models: Callable[..., Any]) -> tuple[Callable[..., dict[str, Any]], ParamSet]:
    """One ``compute`` for several models (each made with ``params.validated``, so it carries its ``specs``) and the
    union of their parameters: called with any of those values, it calls each model with its own (the rest at their
    defaults) and returns the results by the names given here. A quantity two models share is one spec (a clash
    raises, as ``ParamSet + ParamSet`` does), and a value for it goes to both.

    >>> compute, specs = combine(graft=transplant.simulate, immune=reconstitution.simulate)  # doctest: +SKIP
    >>> compute(cd34_per_kg=2e6)["graft"].neutrophil_engraftment_day  # doctest: +SKIP
    """
    specs = ParamSet()
    for model in models.values():
        specs = specs + model.specs

    def compute(**values: Any) -> dict[str, Any]:
        unknown = set(values) - set(specs.names)
        if unknown:
            raise ValueError(f"no model here takes {sorted(unknown)}; the parameters are {', '.join(specs.names)}")
        return {name: model(**{key: value for key, value in values.items() if key in model.specs})
                for name, model in models.items()}

    return compute, specs


def _frames(rendered: Frame | tuple[Frame, ...] | list[Frame]) -> list[Frame]:
    return [rendered] if isinstance(rendered, Frame) else list(rendered)


def _readout(frames: list[Frame]) -> str:
    return "<br>".join(frame.readout for frame in frames if frame.readout)


class Explorer:
    """Sliders and dropdowns for ``controls``, scenario buttons, a reset button and FigureWidgets updated in place.

    ``render`` returns one :class:`Frame`, or several (a dashboard: one figure each, in that order, with one readout
    made of theirs); ``compute`` may call several models (see :func:`combine`)."""

    def __init__(
        self,
        compute: Callable[..., Any],
        render: Callable[[Any], Frame | tuple[Frame, ...]],
        controls: ParamSet,
        scenarios: Mapping[str, Scenario] | None = None,
        scenario: str | None = None,
        caption: str = "",
        columns: int = 2,
    ) -> None:
        self.compute = compute
        self.render = render
        self.specs = controls
        self.scenarios = dict(scenarios or {})
        for name, named in self.scenarios.items():
            outside = set(named.values) - set(controls.names)
            if outside:
                raise ValueError(f"scenario {name!r} sets {sorted(outside)}, which this explorer has no control for")
        self.controls = {spec.name: control_for(spec) for spec in controls}
        if scenario is not None:
            for name, value in self._scenario_values(scenario).items():
                self.controls[name].value = value
        self.opened_on, self._start = scenario, self.values()  # what reset returns to
        self.updates = 0
        self._holding = False

        frames = _frames(render(compute(**self.values())))
        self.figures = [_LiveFigure(frame) for frame in frames]
        self.readout = widgets.HTML(_readout(frames), layout=widgets.Layout(min_height="1.5em"))
        self.status = widgets.HTML(self._scenario_note(scenario, {}) if scenario else "")
        self.status.add_class("hsc-status")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

        self.buttons = {name: self._button(name, lambda _b, n=name: self.apply_scenario(n),
                                           tooltip=self.scenarios[name].meaning) for name in self.scenarios}
        self.reset_button = self._button("reset", lambda _b: self.reset(), icon="undo", style="warning",
                                         tooltip="every control back to where this explorer started")
        preset_row = widgets.HBox(
            [widgets.HTML("<b>Scenarios:</b>"), *self.buttons.values(), self.reset_button] if self.buttons
            else [self.reset_button],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        grid = widgets.GridBox(
            list(self.controls.values()),
            layout=widgets.Layout(grid_template_columns=_grid_columns(columns), grid_gap=f"4px {_GAP_PX}px"),
        )
        parts = [preset_row, self.status, grid]
        for live in self.figures:
            parts += [live.legend, live.figure]
        if caption:
            parts.append(widgets.HTML(f"<i>{caption}</i>"))
        self.widget = widgets.VBox([_FitsItsBox(), *parts, self.readout])  # the figures follow the explorer's width
        self.widget.add_class("hsc-explorer")

    # The first (often the only) figure, as the single-figure explorers and their tests know it.
    @property
    def figure(self) -> go.FigureWidget:
        return self.figures[0].figure

    @property
    def legend(self) -> widgets.HTML:
        return self.figures[0].legend

    @property
    def _sent_traces(self) -> list[dict[str, Any]]:
        return self.figures[0].sent_traces

    @property
    def _sent_layout(self) -> dict[str, Any]:
        return self.figures[0].sent_layout

    @staticmethod
    def _button(text: str, on_click: Callable, icon: str = "", style: str = "info",
                tooltip: str = "") -> widgets.Button:
        button = widgets.Button(description=text, icon=icon, button_style=style, tooltip=tooltip,
                                layout=widgets.Layout(width="auto", margin="2px 4px"))
        button.on_click(on_click)
        return button

    def values(self) -> dict[str, Any]:
        """The current control values, by parameter name."""
        return {name: control.value for name, control in self.controls.items()}

    def set(self, **values: Any) -> None:
        """Set several controls at once (validated) and redraw once."""
        checked = {name: self.specs[name].validate(value) for name, value in values.items()}
        self._holding = True
        try:
            for name, value in checked.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.update()

    def trace(self, key: str, figure: int = 0) -> Any:
        """The trace known as ``key`` (its uid, or else its name) in figure number ``figure``."""
        live = self.figures[figure]
        if key not in live.trace_keys:
            raise KeyError(f"no trace {key!r}; traces: {', '.join(live.trace_keys)}")
        return live.figure.data[live.trace_keys.index(key)]

    def _scenario_values(self, name: str) -> dict[str, Any]:
        """Every control's value in scenario ``name``: what it names, and the defaults for the rest."""
        if name not in self.scenarios:
            raise ValueError(f"scenario={name!r} is not a valid choice; choose one of "
                             f"{', '.join(map(repr, self.scenarios))}")
        return self.specs.validate(dict(self.scenarios[name].values))

    def apply_scenario(self, name: str) -> None:
        """Set what scenario ``name`` names, put every other control back to its default, and say what was reset."""
        values, before = self._scenario_values(name), self.values()
        self.set(**values)
        self.status.value = self._scenario_note(name, before)

    def _scenario_note(self, name: str, before: Mapping[str, Any]) -> str:
        named = self.scenarios[name]
        note = f"<b>{name}</b>: {named.meaning}"
        reset = [f"{self._label(spec_name)} = {self._show(spec_name, value)} "
                 f"(was {self._show(spec_name, before[spec_name])})"
                 for spec_name, value in self.specs.defaults().items()
                 if spec_name not in named.values and spec_name in before and not _same(before[spec_name], value)
                 and not _rounding_noise(before[spec_name], value, self.controls.get(spec_name))]
        if reset:
            note += f" <i>Reset to the default: {'; '.join(reset)}.</i>"
        return note

    def _label(self, name: str) -> str:
        return self.specs[name].label or name.replace("_", " ")

    def _show(self, name: str, value: Any) -> str:
        spec = self.specs[name]
        if isinstance(spec, Choice):
            return spec.label_of(value)
        return f"{plain_number(value)} {spec.unit}".rstrip()

    def reset(self) -> None:
        """Every control back to where the explorer started: the defaults, or the scenario it opened on."""
        self.set(**self._start)
        self.status.value = self._scenario_note(self.opened_on, {}) if self.opened_on else ""

    def _on_change(self, change: dict) -> None:
        if not self._holding and not _rounding_noise(change["old"], change["new"], change["owner"]):
            self.status.value = ""  # the scenario's note no longer describes what is shown
            self.update()

    def update(self) -> None:
        """Recompute the model and send the browser only what changed. A model that refuses the combination of
        values (a ``ValueError``) says why in the readout; the figures keep their last picture."""
        try:
            frames = _frames(self.render(self.compute(**self.values())))
        except ValueError as error:
            self.readout.value = (f'<span class="hsc-refused" style="color:#882255">&#9888; '
                                  f'{html.escape(str(error))}</span>')
            self.updates += 1
            return
        if len(frames) != len(self.figures):
            raise ValueError(f"render must return as many frames every time: got {len(frames)}, first "
                             f"{len(self.figures)}")
        for live, frame in zip(self.figures, frames):
            live.update(frame)
        readout = _readout(frames)
        if readout != self.readout.value:
            self.readout.value = readout
        self.updates += 1

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
