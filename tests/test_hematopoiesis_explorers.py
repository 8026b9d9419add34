"""Notebook 01's explorers: controls change the figure, scenarios and reset work, the figure shows the model."""
import numpy as np
import pytest

from helpers.explorers.hematopoiesis import explore_clone_fates, explore_feedback, explore_hierarchy
from helpers.models import hematopoiesis as hem

EXPLORERS = {"clone_fates": explore_clone_fates, "hierarchy": explore_hierarchy, "feedback": explore_feedback}


def data(explorer):
    """The x and y of every trace, as text (so that the NaN gaps between clones compare equal)."""
    return [repr((list(trace.x), list(trace.y))) for trace in explorer.figure.data]


@pytest.mark.parametrize("name", EXPLORERS)
def test_works_without_arguments_and_every_control_changes_the_figure_or_readout(name):
    explorer = EXPLORERS[name]()
    for control_name, control in explorer.controls.items():
        before = (data(explorer), explorer.readout.value)
        spec = explorer.specs[control_name]
        control.value = spec.high if control.value != spec.high else spec.low
        assert (data(explorer), explorer.readout.value) != before, f"{name}: {control_name} changed nothing"
        explorer.reset()


@pytest.mark.parametrize("name", EXPLORERS)
def test_traces_keep_their_number_and_order(name):
    explorer = EXPLORERS[name]()
    names = [trace.name for trace in explorer.figure.data]
    for scenario in explorer.scenarios:
        explorer.apply_scenario(scenario)
        assert [trace.name for trace in explorer.figure.data] == names


def test_clone_scenarios_show_exhaustion_and_expansion():
    explorer = explore_clone_fates()
    assert set(explorer.scenarios) >= {"healthy", "exhaustion", "expansion"}
    explorer.apply_scenario("exhaustion")
    alive_analytic, long_run = explorer.figure.data[3].y, explorer.figure.data[4].y
    assert alive_analytic[-1] < 0.01 and np.all(long_run == 0) and "100%" in explorer.readout.value
    explorer.apply_scenario("expansion")
    fates = hem.clone_fates(**explorer.values())
    np.testing.assert_allclose(explorer.figure.data[2].y, fates.surviving_fraction)
    assert "43%" in explorer.readout.value  # eventual loss p_sym_diff / p_sym_renew = 0.15 / 0.35
    assert explorer.figure.data[4].y[-1] == pytest.approx(1 - 0.15 / 0.35)
    assert [trace.name for trace in explorer.figure.data[2:]] == [
        "clones alive, simulated", "clones alive, analytic", "clones alive in the long run, analytic"]


def test_legends_and_labels_follow_the_template():
    for build in EXPLORERS.values():
        layout = build().figure.layout
        assert layout.legend.y is None or layout.legend.y > 1  # no override below the plot
    labels = [spec.display_label for build in EXPLORERS.values() for spec in build().specs]
    for label in labels:
        words = label.replace("(", " ").replace(")", " ").split()
        assert len(words) == len(set(words)), f"label repeats itself: {label}"


def test_hierarchy_draws_the_model_numbers_and_the_published_bands():
    explorer = explore_hierarchy()
    state = hem.steady_state()
    np.testing.assert_allclose(explorer.figure.data[0].y[1:], state.daily_output)
    np.testing.assert_allclose(explorer.figure.data[2].y[1:], state.blood_pool)
    labels = [shape.label.text for shape in explorer.figure.layout.shapes]
    assert any("Catlin" in label for label in labels) and any("Lee-Six" in label for label in labels)
    assert "30.0 doublings" in explorer.readout.value
    assert "Summers" in explorer.figure.data[1].name  # neutrophils against 5-10e10/day
    explorer.controls["hsc_count"].value = 2e5
    np.testing.assert_allclose(explorer.figure.data[0].y[1:], 2 * state.daily_output)


def test_feedback_scenarios_show_a_bleed_and_a_chemotherapy_dip():
    explorer = explore_feedback()
    assert set(explorer.scenarios) >= {"healthy", "major bleed", "chemotherapy"}
    explorer.apply_scenario("healthy")
    assert np.allclose(explorer.figure.data[0].y, hem.NORMAL_COUNTS["red_cell"][1])
    explorer.apply_scenario("major bleed")
    assert min(explorer.figure.data[0].y) == pytest.approx(0.6 * hem.NORMAL_COUNTS["red_cell"][1])
    explorer.apply_scenario("chemotherapy")
    neutrophils = explorer.figure.data[1]
    assert min(neutrophils.y) < hem.SEVERE_NEUTROPENIA  # a strong kill: severe neutropenia
    assert 7 <= neutrophils.x[np.argmin(neutrophils.y)] <= 14  # nadir in the second week
    assert "nadir" in explorer.readout.value
    assert len(explorer.figure.layout.shapes) == 4  # one normal-range band per lineage, the severe-neutropenia line
