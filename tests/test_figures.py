"""One template, one colour per lineage, units on axes, thresholds drawn, a projector scale."""
import numpy as np
import plotly.io as pio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import figures
from helpers.formatting import sci

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
TOL = {"#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#7F7F7F",
       "#996633"}  # Tol's muted palette, plus neutral grey and brown


def test_each_lineage_has_its_own_colour_from_colour_blind_safe_palettes():
    colours = {k: v for k, v in figures.LINEAGE_COLORS.items() if k != "cd4"}  # cd4 is drawn as "the" T cells
    assert len(set(colours.values())) == len(colours)
    assert figures.LINEAGE_COLORS["cd4"] == figures.LINEAGE_COLORS["t_cell"]
    assert set(figures.LINEAGE_COLORS.values()) <= OKABE_ITO | TOL


def test_unknown_colour_key_lists_the_known_ones():
    with pytest.raises(ValueError, match="no colour for 'erythroblast'; known: hsc, progenitor"):
        figures.color("erythroblast")


def test_line_traces_take_the_lineage_colour():
    trace = figures.line([0, 1], [1, 2], "Neutrophils", "neutrophil")
    assert trace["line"]["color"] == "#E69F00" and trace["name"] == "Neutrophils"


def test_axis_titles_must_carry_units():
    with pytest.raises(ValueError, match="no unit"):
        figures.layout("t", "time", "count (cells/uL)")
    layout = figures.layout("t", "time (days)", "ANC (1e9/L)", shapes=[figures.hline(0.5, "ANC 0.5")])
    assert layout["xaxis"]["title"]["text"] == "time (days)" and layout["shapes"][0]["y0"] == 0.5


def test_presentation_mode_enlarges_fonts_and_figures():
    small = pio.templates[figures.template_name()].layout
    figures.presentation(True)
    try:
        large = pio.templates[figures.template_name()].layout
        assert large.font.size >= small.font.size + 5 and large.height > small.height
        assert figures.layout("t", "x (d)", "y (d)")["template"] == "hsc_presentation"
    finally:
        figures.presentation(False)
    assert figures.layout("t", "x (d)", "y (d)")["template"] == "hsc_notebook"


@pytest.mark.parametrize("value, text", [(2.44e13, "2.4 × 10<sup>13</sup>"), (116, "116"), (0.5, "0.5"), (1.5e-4, "1.5 × 10<sup>-4</sup>")])
def test_sci_formats_numbers_for_readouts(value, text):
    assert sci(value) == text


def test_extent_is_the_first_and_last_value():
    assert figures.extent(np.linspace(0, 42, 300)) == [0.0, 42.0]


@pytest.mark.parametrize("values, expected", [([0, 1, 2.4], [0, 3]), ([0, 0.97], [0, 1.5]), ([-3, 2], [-4, 3]),
                                              ([5e12, 2.4e13], [0, 3e13]), ([], [0, 1]), ([0, 0], [0, 1])])
def test_steady_range_rounds_up_to_a_coarse_step(values, expected):
    assert figures.steady_range(values) == pytest.approx(expected)


def test_steady_range_on_a_log_axis_spans_whole_decades_of_the_positive_values():
    assert figures.steady_range([0.02, 350, 0, np.nan], log=True) == [-2.0, 3.0]


finite = st.floats(-1e12, 1e12, allow_nan=False)


@given(st.lists(finite, min_size=1, max_size=50))
def test_steady_range_holds_every_value(values):
    low, high = figures.steady_range(values)
    assert low <= min(values) and max(values) <= high and low < high


@given(st.floats(1e-6, 1e12))
def test_steady_range_leaves_at_most_half_again_of_headroom(level):
    """Coarse steps, yet the line still fills most of the plot: the top is at most 1.05 x 1.5 x the highest value."""
    low, high = figures.steady_range([0, level])
    assert low == 0 and level * 1.05 <= high * (1 + 1e-12) and high <= 1.05 * 1.5 * level * (1 + 1e-9)


def test_a_lineage_course_draws_a_band_and_a_line_per_lineage_in_its_colour():
    from helpers.models.course import LineageCourse, constant_range

    days = np.arange(4.0)
    low, high = constant_range(days, 100, 500)
    course = LineageCourse(days=days, counts={"nk": days * 100, "b_cell": days * 50},
                           normal_low={"nk": low, "b_cell": low}, normal_high={"nk": high, "b_cell": high})
    traces = figures.course_traces(course, yaxis="y2")
    assert [t["name"] for t in traces] == ["normal NK cells", "NK cells", "normal B cells", "B cells"]
    band, count = traces[0], traces[1]
    assert count["line"]["color"] == figures.color("nk") and band["fill"] == "toself" and band["yaxis"] == "y2"
    assert list(band["y"]) == [500] * 4 + [100] * 4 and len(band["x"]) == 2 * len(days)
    assert band["showlegend"] is False and list(count["y"]) == [0, 100, 200, 300]


def test_an_explicit_height_grows_with_the_presentation_scale():
    notebook = figures.layout("t", "x (days)", "y (cells)", height=600)["height"]
    figures.presentation(True)
    try:
        projected = figures.layout("t", "x (days)", "y (cells)", height=600)["height"]
        assert projected == round(600 * figures.height() / 440)
    finally:
        figures.presentation(False)
    assert notebook == 600 and projected > notebook
