"""The shared lineage-course shape: checked on construction, with recovery days and shares of normal."""
import numpy as np
import pytest

from helpers.models.course import LineageCourse, constant_range


def _course(counts):
    days = np.arange(5.0)
    low, high = constant_range(days, 100, 500)
    return LineageCourse(days=days, counts={"nk": np.asarray(counts, dtype=float)}, normal_low={"nk": low},
                         normal_high={"nk": high})


def test_recovery_day_is_the_first_day_the_count_stays_normal():
    assert _course([0, 150, 50, 120, 300]).recovery_day("nk") == 3.0
    assert _course([200, 200, 200, 200, 200]).recovery_day("nk") == 0.0
    assert _course([0, 0, 0, 0, 50]).recovery_day("nk") is None
    np.testing.assert_allclose(_course([0, 50, 100, 200, 300]).share_of_normal("nk"), [0, 0.5, 1, 2, 3])


@pytest.mark.parametrize("counts, message", [
    ([0, -1, 0, 0, 0], "finite, non-negative"),
    ([0, np.nan, 0, 0, 0], "finite, non-negative"),
    ([0, 0, 0], "one finite, non-negative count per day"),
])
def test_bad_counts_are_refused(counts, message):
    with pytest.raises(ValueError, match=message):
        _course(counts)


def test_unknown_lineages_and_mismatched_ranges_are_refused():
    days = np.arange(3.0)
    low, high = constant_range(days, 1, 2)
    with pytest.raises(ValueError, match="unknown lineage"):
        LineageCourse(days=days, counts={"stem": low}, normal_low={"stem": low}, normal_high={"stem": high})
    with pytest.raises(ValueError, match="normal_low names lineages"):
        LineageCourse(days=days, counts={"nk": low}, normal_low={}, normal_high={"nk": high})
    with pytest.raises(ValueError, match="is not in this course"):
        _course([0, 0, 0, 0, 0]).recovery_day("b_cell")


def test_a_course_on_fewer_days_keeps_their_values():
    days = np.arange(0.0, 11.0)
    counts = {"cd4": days * 10}
    course = LineageCourse(days=days, counts=counts, normal_low={"cd4": days}, normal_high={"cd4": days * 20})
    fewer = course.on_days(np.array([0, 5, 10]))
    assert list(fewer.days) == [0, 5, 10] and list(fewer.counts["cd4"]) == [0, 50, 100]
    assert list(fewer.normal_high["cd4"]) == [0, 100, 200]
    with pytest.raises(ValueError, match="indices must increase within 0..10"):
        course.on_days(np.array([0, 11]))
