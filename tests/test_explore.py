"""Explorers: controls from specs, scenarios, reset, and in-place figure updates that send only what changed.

The generic tests run over every ``explore_*`` function in helpers.explorers.
"""
import json

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
import pytest

from helpers import figures
from helpers.explore import Explorer, Frame, control_for, hide
from helpers.explorers import catalogue
from helpers.params import Choice, Param, ParamSet, Scenario

EXPLORERS = catalogue()


def snapshot(explorer):
    return json.dumps([explorer.figure.to_plotly_json(), explorer.readout.value], default=str, sort_keys=True)


def another_value(control):
    """A clearly different value: another option, or 30 % / 70 % of the way along the slider."""
    if isinstance(control, widgets.Dropdown):
        return next(value for _label, value in control.options if value != control.value)
    log = isinstance(control, widgets.FloatLogSlider)
    low, high = control.min, control.max
    current = np.log10(control.value) if log else control.value
    target = low + (0.3 if current > (low + high) / 2 else 0.7) * (high - low)
    if log:
        return 10**target
    return round(target) if isinstance(control.value, int) else target


def test_catalogue_finds_the_explorers_of_every_notebook_so_far():
    assert "turnover.explore_pool" in EXPLORERS


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_control_changes_what_is_shown(name):
    """Each control in turn, from where the previous ones left the explorer: a slider moved, or a dropdown stepped
    through its options (two options may look alike, X-SCID and ADA-SCID to a T-cell view, but not all of them)."""
    explorer = EXPLORERS[name]()
    for control_name, control in explorer.controls.items():
        before = snapshot(explorer)
        if isinstance(control, widgets.Dropdown):
            changed = False
            for _label, value in control.options:
                if value != control.value and not changed:
                    control.value = value
                    changed = snapshot(explorer) != before
        else:
            control.value = another_value(control)
            changed = snapshot(explorer) != before
        assert changed, f"{name}: moving {control_name} changed nothing on screen"


@pytest.mark.parametrize("name", EXPLORERS)
def test_scenarios_set_their_values_reset_the_rest_and_reset_restores_the_defaults(name):
    explorer = EXPLORERS[name]()
    initial = snapshot(explorer)
    assert explorer.scenarios, f"{name} offers no scenarios"
    for scenario, named in explorer.scenarios.items():
        explorer.apply_scenario(scenario)
        expected = explorer.specs.validate(dict(named.values))
        for key, value in explorer.values().items():
            assert value == pytest.approx(expected[key], rel=1e-6) if isinstance(value, float) else value == expected[key]
        assert scenario in explorer.status.value and named.meaning in explorer.status.value
        at_defaults = expected == explorer.specs.defaults()
        assert at_defaults or snapshot(explorer) != initial, f"{name}: scenario {scenario!r} shows nothing new"
    explorer.reset()
    assert explorer.values() == explorer.specs.defaults()
    assert snapshot(explorer) == initial


def extremes(control):
    if isinstance(control, widgets.Dropdown):
        return [value for _label, value in control.options]
    ends = [control.min, control.max]
    return [10**end for end in ends] if isinstance(control, widgets.FloatLogSlider) else ends


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_frame_is_valid_plotly(name):
    """Updates skip plotly's validation (explore._send_plot_message): plotly validates here what every scenario and
    every control at both ends (every option) leaves in each figure, traces and layout."""
    explorer = EXPLORERS[name]()
    settings = [lambda s=scenario: explorer.apply_scenario(s) for scenario in explorer.scenarios]
    settings += [lambda c=control, v=value: setattr(c, "value", v)
                 for control in explorer.controls.values() for value in extremes(control)]
    for setting in settings:
        setting()
        for live in explorer.figures:
            go.Figure(live.figure.to_dict())  # raises ValueError naming any invalid property


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_explorer_labels_its_axes_with_units(name):
    layout = EXPLORERS[name]().figure.layout
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.title.text and "(" in axis.title.text, f"{name}: axis title without a unit"


# A two-trace explorer where each control moves one trace: the browser must receive only the moved trace.
SPECS = ParamSet(Param("rate", 1.0, 0.1, 5, "per day", "decay rate", "test"),
                 Param("level", 2.0, 1, 3, "cells/uL", "flat level", "test"),
                 Choice("shape", "flat", ("flat", "ramp"), "shape of the second trace"))


def compute(rate, level, shape):
    t = np.linspace(0, 10, 50)
    return t, np.exp(-rate * t), level * (t / 10 if shape == "ramp" else np.ones_like(t))


def render(result):
    t, decay, flat = result
    return Frame([figures.line(t, decay, "decay", "neutrophil"), figures.line(t, flat, "level", "platelet")],
                 figures.layout("test", "time (days)", "count (cells/uL)"), f"last {decay[-1]:.3g}")


@pytest.fixture
def explorer():
    return Explorer(compute, render, SPECS, scenarios={"fast": Scenario("a fast decay", rate=4.0)})


def spy_on_traces(explorer):
    """Which trace properties the widget's messages carry to the browser, as (trace index, property names)."""
    sent = []
    original = explorer.figure._send

    def spy(msg, buffers=None):
        state = msg.get("state", {})
        animation, update = state.get("_py2js_animate"), state.get("_py2js_update")
        if animation:
            sent.extend((index, sorted(style)) for index, style in zip(animation["style_traces"],
                                                                       animation["style_data"]))
        if update and update.get("style_data"):
            for position, index in enumerate(update["style_traces"]):
                sent.append((index, sorted(key for key, values in update["style_data"].items()
                                           if values[position] != "_undefined_")))
        return original(msg, buffers=buffers)

    object.__setattr__(explorer.figure, "_send", spy)
    return sent


def test_only_the_changed_trace_and_property_are_sent(explorer):
    sent = spy_on_traces(explorer)
    explorer.controls["rate"].value = 3.0
    assert sent == [(0, ["y"])]
    sent.clear()
    explorer.controls["shape"].value = "ramp"
    assert sent == [(1, ["y"])]
    np.testing.assert_allclose(explorer.figure.data[1].y, 2.0 * np.linspace(0, 1, 50))


def test_a_scenario_redraws_once_and_reset_restores(explorer):
    explorer.updates = 0
    explorer.apply_scenario("fast")
    assert explorer.updates == 1 and explorer.values()["rate"] == 4.0
    assert explorer.figure.data[0].y[-1] == pytest.approx(np.exp(-40))
    explorer.reset()
    assert explorer.values() == SPECS.defaults()
    assert explorer.readout.value == f"last {np.exp(-10):.3g}"


def test_scenarios_are_validated_against_the_specs():
    with pytest.raises(ValueError, match="rate=99"):
        SPECS.scenarios({"impossible": Scenario("too fast", rate=99)})
    with pytest.raises(ValueError, match="valid ones are rate, level, shape"):
        SPECS.scenarios({"typo": Scenario("a typo", rat=1)})
    with pytest.raises(ValueError, match="no control for"):
        Explorer(compute, render, SPECS.subset(["rate"]), scenarios={"level": Scenario("a level", level=3)})


def test_unknown_scenario_lists_the_valid_ones(explorer):
    with pytest.raises(ValueError, match="scenario='slow' is not a valid choice; choose one of 'fast'"):
        explorer.apply_scenario("slow")


def test_an_explorer_opens_on_a_named_scenario_and_says_so():
    opened = Explorer(compute, render, SPECS, scenarios={"fast": Scenario("a fast decay", rate=4.0)},
                      scenario="fast")
    assert opened.values()["rate"] == 4.0 and opened.updates == 0
    assert opened.figure.data[0].y[-1] == pytest.approx(np.exp(-40))
    assert "fast" in opened.status.value and "a fast decay" in opened.status.value
    opened.set(level=3.0)
    opened.reset()  # back to where it started, not to the defaults
    assert opened.values() == {"rate": 4.0, "level": 2.0, "shape": "flat"} and "a fast decay" in opened.status.value


def test_a_scenario_says_which_controls_it_put_back_to_their_defaults(explorer):
    explorer.set(level=3.0, shape="ramp")
    explorer.apply_scenario("fast")
    assert explorer.values() == {"rate": 4.0, "level": 2.0, "shape": "flat"}
    note = explorer.status.value
    assert "level = 2 cells/uL (was 3 cells/uL)" in note and "shape = flat (was ramp)" in note
    explorer.set(level=2.5)
    explorer.apply_scenario("fast")
    assert "level = 2 cells/uL (was 2.5 cells/uL)" in explorer.status.value
    assert "shape" not in explorer.status.value  # only what changed is named
    explorer.controls["level"].value = 2.8  # a learner's own move: the scenario's note no longer applies
    assert explorer.status.value == ""


def test_a_model_error_shows_in_the_readout_and_keeps_the_figure():
    def picky(rate, level, shape):
        if shape == "ramp" and rate > 2:
            raise ValueError("rate=3 is too fast for a ramp; allowed up to 2 per day")
        return compute(rate, level, shape)

    shown = Explorer(picky, render, SPECS)
    before = list(shown.figure.data[0].y)
    shown.set(rate=3.0, shape="ramp")
    assert "rate=3 is too fast for a ramp" in shown.readout.value
    assert list(shown.figure.data[0].y) == before
    shown.set(rate=1.0)
    assert shown.readout.value == f"last {np.exp(-10):.3g}"


def test_traces_are_found_by_name(explorer):
    assert explorer.trace("level") is explorer.figure.data[1]
    with pytest.raises(KeyError, match="no trace 'nope'; traces: decay, level"):
        explorer.trace("nope")
    with pytest.raises(ValueError, match=r"name \(or uid\) of its own"):
        Frame([figures.line([0, 1], [0, 1], "same", "neutrophil"), figures.line([0, 1], [1, 2], "same", "platelet")])


def test_hiding_keeps_the_points_and_switches_visibility():
    trace = figures.line([0, 1, 2], [1, 2, 3], "mark", "neutrophil")
    hidden = hide(trace)
    assert hidden["visible"] is False and list(hidden["x"]) == [0, 1, 2]
    assert hide(hidden, hidden=False)["visible"] is True and "visible" not in trace


def test_controls_carry_units_and_full_labels():
    slider = control_for(Param("lifespan_days", 116, 0.5, 200, "days", "m", "s", log=True, label="lifespan"))
    assert slider.description == "lifespan (days)"
    assert slider.style.description_width == "initial"
    assert type(slider).__name__ == "FloatLogSlider" and slider.value == pytest.approx(116)
    dropdown = control_for(Choice("graft_source", "bone_marrow", ("bone_marrow", "cord_blood"), "m"))
    assert dropdown.options == (("bone marrow", "bone_marrow"), ("cord blood", "cord_blood"))
    named = control_for(Choice("regimen", "gcsf", ("gcsf", "none"), "m", option_labels=("G-CSF", "no drugs")))
    assert named.options == (("G-CSF", "gcsf"), ("no drugs", "none")) and named.value == "gcsf"
    assert Choice("regimen", "gcsf", ("gcsf", "none"), "m", option_labels=("G-CSF", "no drugs")).label_of("none") \
        == "no drugs"
    with pytest.raises(ValueError, match="1 option labels for 2 options"):
        Choice("regimen", "gcsf", ("gcsf", "none"), "m", option_labels=("G-CSF",))


def spy_on_messages(explorer):
    """Which kind of plot message each figure change sends the browser: "update" (a redraw) or "animate" (in place),
    with its animation options, as the widget sends them (one entry per message that carries one)."""
    sent = []
    original = explorer.figure._send

    def spy(msg, buffers=None):
        for kind in ("update", "animate"):
            value = msg.get("state", {}).get(f"_py2js_{kind}")
            if value is not None:
                sent.append((kind, value.get("animation_opts")))
        return original(msg, buffers=buffers)

    object.__setattr__(explorer.figure, "_send", spy)
    return sent


def fixed_axes_render(result):
    frame = render(result)
    return Frame(frame.traces, {**frame.layout, "xaxis": {**frame.layout["xaxis"], "range": [0, 10]},
                                "yaxis": {**frame.layout["yaxis"], "range": [0, 3]}}, frame.readout)


def test_lines_move_in_place_when_every_axis_is_fixed():
    explorer = Explorer(compute, fixed_axes_render, SPECS)
    sent = spy_on_messages(explorer)
    explorer.controls["rate"].value = 3.0
    assert [kind for kind, _options in sent] == ["animate"]
    assert sent[0][1]["frame"]["redraw"] is False and sent[0][1]["transition"]["duration"] == 0
    np.testing.assert_allclose(explorer.figure.data[0].y, np.exp(-3.0 * np.linspace(0, 10, 50)))


def test_a_move_in_place_is_one_message_with_plotlys_edit_counters():
    """The browser's plotly view numbers its replies by these counters: they travel with the animation, not in
    messages of their own ahead of it."""
    explorer = Explorer(compute, fixed_axes_render, SPECS)
    messages = []
    original = explorer.figure._send
    object.__setattr__(explorer.figure, "_send", lambda msg, buffers=None: (messages.append(msg["state"]),
                                                                            original(msg, buffers=buffers)))
    counters = explorer.figure._last_trace_edit_id, explorer.figure._last_layout_edit_id
    explorer.controls["rate"].value = 3.0
    assert len(messages) == 1
    animation = messages[0]["_py2js_animate"]
    assert (messages[0]["_last_trace_edit_id"], messages[0]["_last_layout_edit_id"]) == (counters[0] + 1,
                                                                                         counters[1] + 1)
    assert (animation["trace_edit_id"], animation["layout_edit_id"]) == (counters[0] + 1, counters[1] + 1)


def test_the_figure_is_redrawn_when_an_axis_would_need_rescaling(explorer):
    sent = spy_on_messages(explorer)  # this explorer's axes autorange: moving lines in place would not rescale them
    explorer.controls["rate"].value = 3.0
    assert [kind for kind, _options in sent] == ["update"]


def test_the_figure_is_redrawn_when_the_layout_or_a_style_changes():
    def restyled(result):
        frame = fixed_axes_render(result)
        level = float(result[2][-1])
        return Frame([frame.traces[0], {**frame.traces[1], "name": f"level {level:g}", "uid": "level"}],
                     {**frame.layout, "title": {"text": f"level {level:g}"}}, frame.readout)

    explorer = Explorer(compute, restyled, SPECS)
    sent = spy_on_messages(explorer)
    explorer.controls["level"].value = 2.5
    assert [kind for kind, _options in sent] == ["update"]
    assert explorer.figure.layout.title.text == "level 2.5" and explorer.figure.data[1].name == "level 2.5"


def test_lines_move_in_place_and_a_moving_threshold_follows_in_a_layout_only_update():
    def with_threshold(result):
        frame = fixed_axes_render(result)
        level = float(result[2][-1])
        return Frame(frame.traces, {**frame.layout, "shapes": [figures.hline(level, "level")]}, frame.readout)

    explorer = Explorer(compute, with_threshold, SPECS)
    sent = spy_on_messages(explorer)
    traces = spy_on_traces(explorer)
    explorer.controls["level"].value = 2.5
    assert [kind for kind, _options in sent] == ["animate", "update"]
    assert traces == [(1, ["y"])]  # sent once, by the animation; the update carries only the shape
    assert explorer.figure.layout.shapes[0].y0 == 2.5 and explorer.figure.data[1].y[0] == 2.5


def _outside_fixed_ranges(explorer):
    """Trace values that fall outside an axis's fixed range (two-point traces are marker lines spanning the plot)."""
    layout, found = explorer._sent_layout, []
    for trace in explorer._sent_traces:
        if len(trace.get("x", ())) <= 2:
            continue
        for letter in "xy":
            reference = trace.get(f"{letter}axis", letter)
            axis = layout.get(f"{letter}axis{reference[1:]}", {})
            try:
                values = np.asarray(trace[letter], dtype=float)
            except (TypeError, ValueError):  # category labels
                continue
            values = values[np.isfinite(values)]
            if axis.get("type") == "log":
                values = np.log10(values[values > 0])
            if "range" in axis and values.size:
                low, high = sorted(axis["range"])
                if values.min() < low - 1e-9 or values.max() > high + 1e-9:
                    found.append(f"{trace['name']}: {letter} {values.min():.3g}..{values.max():.3g} "
                                 f"outside {low:.3g}..{high:.3g}")
    return found


@pytest.mark.parametrize("name", EXPLORERS)
def test_fixed_axis_ranges_never_hide_data(name):
    """Fixed ranges keep slider moves fast; they must still hold every preset and both ends of every slider."""
    explorer = EXPLORERS[name]()
    hidden = []
    for scenario in explorer.scenarios:
        explorer.apply_scenario(scenario)
        hidden += [f"scenario {scenario}: {problem}" for problem in _outside_fixed_ranges(explorer)]
    for control_name, control in explorer.controls.items():
        if isinstance(control, widgets.Dropdown):
            continue
        for end in (control.min, control.max):
            explorer.reset()
            control.value = 10**end if isinstance(control, widgets.FloatLogSlider) else end
            hidden += [f"{control_name}={control.value:.3g}: {problem}" for problem in _outside_fixed_ranges(explorer)]
    assert not hidden, "\n".join(hidden)


def test_a_trace_that_empties_or_grows_is_redrawn_not_moved():
    """Plotly's instant animation leaves emptied points on screen: a trace changing its length takes a redraw."""
    def marker_render(result):
        frame = fixed_axes_render(result)
        level = float(result[2][-1])
        marker = figures.line([] if level > 2.5 else [5, 5], [] if level > 2.5 else [0, 3], "marker", "threshold")
        return Frame([*frame.traces, marker], frame.layout, frame.readout)

    explorer = Explorer(compute, marker_render, SPECS)
    sent = spy_on_messages(explorer)
    explorer.controls["level"].value = 3.0  # the marker empties
    explorer.controls["level"].value = 2.0  # and comes back
    explorer.controls["rate"].value = 3.0  # same lengths: moves in place
    assert [kind for kind, _options in sent] == ["update", "update", "animate"]


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_default_lies_on_its_slider_grid(name):
    """The browser snaps a slider to min + k * step: a default off that grid comes back changed, so reset would
    redraw with a number a little off the published one."""
    explorer = EXPLORERS[name]()
    wanted = [explorer.specs.defaults()]
    off = []
    for values in wanted:
        for control_name, control in explorer.controls.items():
            if isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider)):
                value = values[control_name]
                position = np.log10(value) if isinstance(control, widgets.FloatLogSlider) else value
                steps = (position - control.min) / control.step
                if abs(steps - round(steps)) > 1e-6:
                    off.append(f"{control_name}={value:g} is {steps:.4f} steps from the slider's start")
    assert not off, "\n".join(sorted(set(off)))


def _snapped(control, value):
    """The value a browser slider sends back for ``value``: the nearest point of its grid min + k * step."""
    if isinstance(control, widgets.FloatLogSlider):
        return 10 ** (control.min + round((np.log10(value) - control.min) / control.step) * control.step)
    snapped = control.min + round((value - control.min) / control.step) * control.step
    return int(snapped) if isinstance(control, widgets.IntSlider) else snapped


@pytest.mark.parametrize("name", EXPLORERS)
def test_a_browsers_snap_of_a_scenario_value_is_not_a_move(name):
    """A scenario may set a value between two grid points (2.5e6 on a log grid through 5e6); the browser snaps it
    and sends it back. That echo must keep the scenario's note and must not redraw."""
    explorer = EXPLORERS[name]()
    for scenario in explorer.scenarios:
        explorer.apply_scenario(scenario)
        note, updates = explorer.status.value, explorer.updates
        for control in explorer.controls.values():
            if isinstance(control, (widgets.FloatLogSlider, widgets.FloatSlider, widgets.IntSlider)):
                control.value = _snapped(control, control.value)
        assert explorer.status.value == note and explorer.updates == updates, f"{name}: {scenario}"


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_slider_default_is_on_its_grid(name):
    explorer = EXPLORERS[name]()
    for control_name, control in explorer.controls.items():
        if isinstance(control, (widgets.FloatLogSlider, widgets.FloatSlider, widgets.IntSlider)):
            spec = explorer.specs[control_name]
            assert _snapped(control, spec.default) == pytest.approx(spec.default, rel=1e-9), control_name


@pytest.mark.parametrize("name", EXPLORERS)
def test_every_dropdown_option_is_one_the_model_accepts(name):
    """A dropdown offers only what the model can show: no option, from the defaults, is refused in the readout."""
    explorer = EXPLORERS[name]()
    for control_name, control in explorer.controls.items():
        if isinstance(control, widgets.Dropdown):
            for label, value in control.options:
                control.value = value
                assert "hsc-refused" not in explorer.readout.value, f"{name}: {control_name}={label!r} is refused"
            explorer.reset()


def test_a_restricted_choice_keeps_the_labels_and_order_of_the_options_it_keeps():
    disease = Choice("disease", "b", ("a", "b", "c"), "what", option_labels=("A", "B", "C"))
    assert disease.restricted(["c", "a"]).labelled_options == [("A", "a"), ("C", "c")]
    assert disease.restricted(["c", "a"]).default == "a" and disease.restricted(["b", "c"]).default == "b"
    with pytest.raises(ValueError, match="disease='b' is not a valid choice"):
        disease.restricted(["a"]).validate("b")


def test_a_dashboard_draws_one_figure_per_frame_and_updates_each_in_place():
    t = np.linspace(0, 10, 50)

    def two_views(result):
        decay, level = result
        first = Frame([figures.line(t, decay, "decay", "hsc")], figures.layout(
            "a", "t (d)", "y (1)", xaxis=dict(range=[0, 10]), yaxis=dict(range=[0, 1])), readout=f"rate {level:g}")
        second = Frame([figures.line(t, level * decay, "scaled", "b_cell")], figures.layout("b", "t (d)", "y (1)"),
                       readout="second view")
        return first, second

    def model(rate, level, shape):
        return np.exp(-rate * t), level

    shown = Explorer(model, two_views, SPECS)
    assert len(shown.figures) == 2 and shown.figure is shown.figures[0].figure
    assert shown.figures[1].figure in shown.widget.children and shown.figures[1].legend in shown.widget.children
    before = np.asarray(shown.figures[0].figure.data[0].y).copy()
    shown.set(level=3.0)
    np.testing.assert_allclose(shown.figures[0].figure.data[0].y, before)  # the first view did not change
    np.testing.assert_allclose(shown.trace("scaled", figure=1).y, 3.0 * np.exp(-t))
    assert shown.readout.value == "rate 3<br>second view"
    dropping = Explorer(model, lambda result: two_views(result)[: 1 if result[1] > 2.5 else 2], SPECS)
    with pytest.raises(ValueError, match="as many frames every time"):
        dropping.set(level=3.0)


def test_combine_calls_each_model_with_its_own_values_and_shares_a_common_one():
    from helpers.explore import combine
    from helpers.models import physiology
    from helpers.params import validated

    first_specs = ParamSet(physiology.NORMAL_ANC, Param("dose", 1, 0, 5, "mg", "a dose", "test"))
    second_specs = ParamSet(physiology.NORMAL_ANC, Param("days", 10, 1, 50, "days", "time", "test", integer=True))

    @validated(first_specs)
    def first(*, normal_anc_1e9_per_l, dose):
        return normal_anc_1e9_per_l * dose

    @validated(second_specs)
    def second(*, normal_anc_1e9_per_l, days):
        return normal_anc_1e9_per_l + days

    compute, specs = combine(a=first, b=second)
    assert specs.names == ["normal_anc_1e9_per_l", "dose", "days"]
    assert compute(normal_anc_1e9_per_l=2.0, dose=3) == {"a": 6.0, "b": 12.0}
    assert compute() == {"a": 4.0, "b": 14.0}
    with pytest.raises(ValueError, match="no model here takes \\['weight'\\]"):
        compute(weight=3)
    with pytest.raises(ValueError, match="dose=9 is outside"):
        compute(dose=9)
    clash = validated(ParamSet(Param("dose", 2, 0, 5, "mg", "another dose", "test")))(lambda *, dose: dose)
    with pytest.raises(ValueError, match="cannot merge two different specs named 'dose'"):
        combine(a=first, c=clash)


def test_a_strided_result_reaches_the_browser_as_its_values():
    """A model's column (a strided view) is sent as its values, not as the memory around it."""
    table = np.arange(150, dtype=float).reshape(50, 3) / 50
    strided = Explorer(lambda rate, level, shape: (table[:, 0], (table * rate)[:, 1], np.full(50, level)),
                       fixed_axes_render, SPECS)
    sent = []
    original = strided.figure._send
    object.__setattr__(strided.figure, "_send", lambda msg, buffers=None: (sent.extend(buffers or []),
                                                                           original(msg, buffers=buffers)))
    strided.controls["rate"].value = 2.0
    assert len(sent) == 1, "the move should send the one changed array"
    np.testing.assert_array_equal(np.frombuffer(sent[0], dtype=float), table[:, 1] * 2.0)


def test_when_a_bar_moves_in_place_every_bar_trace_goes_with_it():
    """Plotly's animation drops the bars of traces it is not given (seen in notebook 08's burden panels)."""
    specs = ParamSet(Param("level", 2.0, 1, 3, "cells/uL", "a level", "test"))

    def bars(level):
        return Frame([dict(type="bar", x=["a", "b"], y=[level, 1.0], name="moving"),
                      dict(type="bar", x=["a", "b"], y=[1.0, 2.0], name="still", xaxis="x2", yaxis="y2"),
                      figures.line([0, 1], [0, 1], "a line", "neutrophil")],
                     figures.layout("bars", "category (name)", "count (cells/uL)", xaxis=dict(range=[-0.5, 1.5]),
                                    yaxis=dict(range=[0, 4]), xaxis2=dict(range=[-0.5, 1.5], domain=[0.6, 1]),
                                    yaxis2=dict(range=[0, 4], anchor="x2")))

    explorer = Explorer(lambda level: level, bars, specs)
    sent, messages = spy_on_traces(explorer), spy_on_messages(explorer)
    explorer.controls["level"].value = 3.0
    assert [kind for kind, _options in messages] == ["animate"]
    assert sorted(index for index, _keys in sent) == [0, 1]  # the still bar too, and not the line
