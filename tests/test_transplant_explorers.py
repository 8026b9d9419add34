"""Notebook 04's explorer: controls change the figure, scenarios tell their story, reset works, every axis is fixed (the
fast in-place path) and updates stay within 10 ms."""
import numpy as np
import pytest

from benchmarks.run import explorer_latency
from helpers.explorers import catalogue
from helpers.explorers.transplant import COUNT_RANGE_LOG10, explore_engraftment
from helpers.models.transplant import SCENARIOS
from helpers.models import transplant

ANC, PLATELETS, NEUTROPHIL_MARK, PLATELET_MARK, INFECTION, CHIMERISM = 1, 2, 3, 4, 5, 6


def figure_data(explorer):
    return [(np.asarray(trace.x).copy(), np.asarray(trace.y).copy()) for trace in explorer.figure.data]


def differs(before, after):
    return any(not (np.array_equal(x0, x1) and np.array_equal(y0, y1)) for (x0, y0), (x1, y1) in zip(before, after))


def test_the_benchmarks_find_the_explorer():
    assert catalogue()["transplant.explore_engraftment"] is explore_engraftment


def test_the_figure_shows_the_models_curves_and_engraftment_days():
    explorer = explore_engraftment()
    result = transplant.simulate()
    np.testing.assert_allclose(explorer.figure.data[ANC].y, result.anc)
    np.testing.assert_allclose(explorer.figure.data[PLATELETS].y, result.platelets)
    np.testing.assert_allclose(explorer.figure.data[INFECTION].y, 100 * result.cumulative_infection_risk)
    np.testing.assert_allclose(explorer.figure.data[CHIMERISM].y, 100 * result.donor_chimerism)
    assert list(explorer.figure.data[NEUTROPHIL_MARK].x) == [result.neutrophil_engraftment_day]
    assert list(explorer.figure.data[PLATELET_MARK].x) == [result.platelet_engraftment_day]
    assert "day 14" in explorer.readout.value and "day 18" in explorer.readout.value


def test_the_aplasia_band_spans_the_days_below_the_neutrophil_threshold():
    explorer = explore_engraftment()
    result = transplant.simulate()
    below = result.days[result.anc < transplant.ANC_ENGRAFTMENT_1E9_PER_L]
    band = np.asarray(explorer.figure.data[0].x)
    assert band.min() == below[0] and band.max() == below[-1]
    assert band.max() < result.neutrophil_engraftment_day


@pytest.mark.parametrize("control, value", [("graft_source", "cord_blood"), ("cd34_per_kg", 1e6),
                                            ("conditioning", "reduced"), ("donor", "haploidentical"),
                                            ("days", 60)])
def test_every_control_but_weight_changes_the_figure_data(control, value):
    explorer = explore_engraftment()
    before, readout = figure_data(explorer), explorer.readout.value
    explorer.controls[control].value = value
    assert differs(before, figure_data(explorer)) or control == "donor"  # the donor moves only the risks
    assert explorer.readout.value != readout


def test_weight_changes_only_the_cells_to_collect():
    explorer = explore_engraftment()
    before = figure_data(explorer)
    explorer.controls["weight_kg"].value = 100
    assert not differs(before, figure_data(explorer))
    assert "5.0 × 10<sup>8</sup> CD34+ cells" in explorer.readout.value


def test_every_axis_has_a_fixed_range_so_slider_moves_take_the_fast_path():
    explorer = explore_engraftment()
    assert all(live._axes_fixed() for live in explorer.figures)
    layout = explorer.figure.layout
    assert layout.yaxis.type == "log" and list(layout.yaxis.range) == COUNT_RANGE_LOG10
    thresholds = sorted(shape.y0 for shape in layout.shapes)
    assert thresholds == [transplant.ANC_ENGRAFTMENT_1E9_PER_L, transplant.PLATELET_ENGRAFTMENT_1E9_PER_L]
    shapes = explorer.figure.layout.shapes
    explorer.controls["cd34_per_kg"].value = 2e6  # a dose move changes only trace data: shapes stay as they were
    assert explorer.figure.layout.shapes == shapes


@pytest.mark.parametrize("preset, words", [
    ("sibling, mobilised blood", "neutrophils <b>day 14</b>, platelets <b>day 18</b>"),
    ("bone marrow", "neutrophils <b>day 19</b>"),
    ("cord blood", "platelets <b>day 45</b>"),
    ("low dose 1e6/kg", "Below the 2 × 10<sup>6</sup>/kg minimum"),
    ("reduced intensity", "donor chimerism on day 100: 85"),
    ("no conditioning", "none needed (never below 0.5)"),
    ("haploidentical", "acute GVHD (grade II-IV) 80%"),
    ("autologous", "acute GVHD (grade II-IV) none (own cells)"),
    ("autologous", "Graft failure 0.7%"),  # one decimal below 2%, so it does not read 1%
])
def test_presets_tell_their_story(preset, words):
    explorer = explore_engraftment()
    explorer.apply_scenario(preset)
    assert words in explorer.readout.value


def test_no_conditioning_hides_the_aplasia_band_and_the_engraftment_marks_keeping_their_points():
    """Hidden with explore.hide, never emptied or moved out of sight; shown again after reset."""
    explorer = explore_engraftment()
    marks = ("aplasia (ANC below 0.5)", "neutrophil engraftment", "platelet engraftment")
    sizes = [len(explorer.trace(name).x) for name in marks]
    assert all(explorer.trace(name).visible is not False for name in marks)
    explorer.apply_scenario("no conditioning")
    assert [len(explorer.trace(name).x) for name in marks] == sizes
    assert all(explorer.trace(name).visible is False for name in marks)
    assert max(explorer.trace("chance of an infection so far (%)").y) == 0
    explorer.reset()
    assert all(explorer.trace(name).visible is True for name in marks)


def test_the_dose_slider_lands_on_round_doses():
    """The slider's grid passes through 0.5e6, 1e6, 2e6, 2.5e6, 5e6 and 2e7 (to 0.03%), and the grid point at 2e6 is
    not below the 2e6/kg minimum."""
    slider = explore_engraftment().controls["cd34_per_kg"]
    steps = np.arange(round((slider.max - slider.min) / slider.step) + 1)
    grid = np.minimum(10 ** (slider.min + steps * slider.step), 10**slider.max)
    for dose in (0.25e6, 0.5e6, 1e6, 2e6, 2.5e6, 5e6, 1e7, 2e7):
        assert np.min(np.abs(grid / dose - 1)) < 3e-4, dose
    near_minimum = grid[np.argmin(np.abs(grid / 2e6 - 1))]
    assert not transplant.simulate(cd34_per_kg=float(near_minimum)).below_minimum_dose
    assert transplant.PARAMS["cd34_per_kg"].low <= 10**slider.min and 10**slider.max <= 2e7


def test_controls_are_labelled_as_the_notebook_names_them():
    explorer = explore_engraftment()
    assert explorer.controls["days"].description == "time shown (days)"
    assert explorer.controls["cd34_per_kg"].description == "CD34+ dose (CD34+ cells/kg)"
    assert explorer.controls["weight_kg"].description == "recipient weight (kg)"


def test_infection_risk_rises_over_the_aplasia_window_and_saturates():
    result = transplant.simulate()
    curve = 100 * result.cumulative_infection_risk
    assert curve[result.days <= 0].max() < 1 and curve[-1] > 99
    assert np.all(np.diff(curve) >= 0)


def test_presets_then_reset_restore_the_defaults_and_the_figure():
    explorer = explore_engraftment()
    initial, readout = figure_data(explorer), explorer.readout.value
    for preset in SCENARIOS:
        explorer.apply_scenario(preset)
        assert len(explorer.figure.data) == len(initial)
    explorer.reset()
    assert explorer.values() == explorer.specs.defaults()
    assert not differs(initial, figure_data(explorer)) and explorer.readout.value == readout


def test_update_p95_within_10_ms_over_200_moves():
    """Best of three runs of 200 moves, so a busy machine (other test runs) does not decide the result."""
    runs = [explorer_latency("engraftment", explore_engraftment, moves=200) for _ in range(3)]
    assert min(run.p95_ms for run in runs) <= 10, runs


def test_legend_follows_the_collection_template():
    explorer = explore_engraftment()
    assert "legend" not in explorer.render(explorer.compute()).layout
    assert "aplasia" in explorer.legend.value and "donor share" in explorer.legend.value


@pytest.mark.parametrize("name", ["cord blood", "reduced intensity", "haploidentical"])
def test_the_explorer_opens_on_a_named_scenario_as_notebook_04_does(name):
    explorer = explore_engraftment(scenario=name)
    assert explorer.values() == explorer.specs.validate(dict(SCENARIOS[name].values))
    assert f"<b>{name}</b>" in explorer.status.value
    result = transplant.simulate(**SCENARIOS[name].kwargs())
    np.testing.assert_allclose(explorer.trace("ANC").y, result.anc)


def test_marrow_then_reduced_intensity_in_the_dropdown_gives_the_notebooks_numbers():
    """Notebook 04, section 3: click bone marrow, then choose reduced intensity in the conditioning dropdown."""
    explorer = explore_engraftment(scenario="reduced intensity")
    explorer.apply_scenario("bone marrow")
    assert "conditioning = myeloablative (was reduced intensity)" in explorer.status.value
    explorer.controls["conditioning"].value = "reduced"
    assert "<b>18 days</b>" in explorer.readout.value and "donor chimerism on day 100: 85%" in explorer.readout.value
