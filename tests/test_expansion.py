"""Expansion model (notebook 07): stemness lost with time in culture, calibration, an expanded cord unit through the
transplant model, invariants, bad input, speed."""
import timeit

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.models import expansion, transplant
from helpers.models.expansion import GRAFT_SCENARIOS, SCENARIOS, engraftment, simulate
from strategies import within

CONDITIONS = [(c, m) for c in expansion.CYTOKINES for m in expansion.SMALL_MOLECULES]


def culture(name, **changes):
    return simulate(**SCENARIOS[name].kwargs(**changes))


def graft(name, **changes):
    return engraftment(**GRAFT_SCENARIOS[name].kwargs(**changes))


@pytest.mark.parametrize("cytokines, molecule", CONDITIONS)
def test_longer_culture_raises_total_fold_change_faster_than_hsc_fold_change(cytokines, molecule):
    result = simulate(cytokines=cytokines, small_molecule=molecule, days=28)
    ratio = result.total_fold / result.hsc  # cells per stem cell, relative to the start
    assert np.all(np.diff(ratio) >= -1e-9 * ratio[1:])
    if cytokines != "none":
        assert ratio[-1] > 10 * ratio[4 * 7]  # four weeks against one: far more cells per stem cell


@pytest.mark.parametrize("molecule", expansion.SMALL_MOLECULES)
def test_stemness_is_lost_with_time_stem_cells_peak_then_fall_while_cells_multiply(molecule):
    result = simulate(small_molecule=molecule, days=28)
    assert np.all(np.diff(result.hsc_self_renewal) < 0) and result.hsc_self_renewal[-1] < 0.5
    assert 0 < result.best_hsc_day < 28 and result.hsc[-1] < result.hsc.max()
    assert np.all(np.diff(result.total_fold) > 0) and np.all(np.diff(result.hsc_share[4:]) < 0)


def test_a_small_molecule_keeps_more_stem_cells_than_cytokines_alone():
    alone, um171, sr1 = (culture("cytokines only", small_molecule=m) for m in ("none", "um171", "sr1"))
    assert alone.hsc_fold < 1.5 < 3 < um171.hsc_fold and 3 < sr1.hsc_fold
    assert um171.cd34_fold[-1] > 5 * alone.cd34_fold[-1]


def test_cytokines_drive_the_culture_and_without_them_cells_die():
    folds = [float(simulate(cytokines=c).total_fold[-1]) for c in expansion.CYTOKINES]
    assert folds == sorted(folds, reverse=True) and folds[-1] < 0.1
    assert simulate(cytokines="none").hsc_fold < 0.1


def test_calibration_against_published_cultures():
    """calibration.md: ~35-fold CD34+ in a 7-day UM171 culture; Wagner 2016: 330-fold CD34+ with SR1; Boitano 2010:
    17-fold more repopulating cells with SR1; Zhang 2008: SCF, TPO and FLT3L alone no significant expansion."""
    assert 25 <= culture("+ UM171").cd34_fold[-1] <= 50
    sr1 = culture("+ SR1")
    assert 150 <= sr1.cd34_fold[-1] <= 500 and 8 <= sr1.hsc_fold <= 25
    assert 0.3 <= culture("cytokines only").hsc_fold <= 1.5
    assert culture("long culture").hsc_fold < 0.2 < 10 < culture("long culture").total_fold[-1]


def test_expanded_cord_engrafts_sooner_through_the_transplant_model():
    """calibration.md: UM171-expanded cord engrafts neutrophils ~day 18; Wagner 2016: SR1 day 15; unexpanded cord
    blood is notebook 04's (Horwitz 2021 control arm: day 22)."""
    um171, sr1 = graft("+ UM171"), graft("+ SR1")
    baseline = transplant.simulate(**transplant.SCENARIOS["cord blood"].kwargs())
    assert um171.unexpanded.neutrophil_engraftment_day == baseline.neutrophil_engraftment_day
    assert 16 <= um171.expanded.neutrophil_engraftment_day <= 20 and 13 <= sr1.expanded.neutrophil_engraftment_day <= 17
    assert um171.days_sooner >= 5 and um171.expanded.graft_failure_risk < um171.unexpanded.graft_failure_risk


def test_a_culture_that_loses_its_stem_cells_buys_no_speed_and_more_graft_failure():
    long = graft("long culture")
    assert long.culture.hsc_fold < 1 and long.below_model_range
    assert long.expanded.graft_failure_risk > 2 * long.unexpanded.graft_failure_risk
    assert long.days_sooner <= 0


@settings(max_examples=60, deadline=None)
@given(within(expansion.GRAFT_PARAMS))
def test_a_unit_that_keeps_its_stem_cells_engrafts_no_later_than_unexpanded(values):
    result = engraftment(**values)
    if result.culture.hsc_fold >= 1 and result.culture.cd34_fold[-1] >= 1:
        assert result.expanded.neutrophil_engraftment_day <= result.unexpanded.neutrophil_engraftment_day
        assert result.expanded.graft_failure_risk <= result.unexpanded.graft_failure_risk + 1e-12


@settings(max_examples=80, deadline=None)
@given(within(expansion.PARAMS))
def test_counts_are_finite_and_never_negative_over_the_whole_domain(values):
    result = simulate(**values)
    for counts in (result.hsc, result.progenitors, result.mature, result.total_fold, result.hsc_share):
        assert np.all(np.isfinite(counts)) and np.all(counts >= 0)
    assert result.days[0] == 0 and result.days[-1] == pytest.approx(values["days"])
    assert result.hsc[0] == 1 and result.total_fold[0] == pytest.approx(1)


@given(st.sampled_from(expansion.SMALL_MOLECULES), st.integers(1, 28))
def test_a_shorter_culture_is_the_start_of_a_longer_one(molecule, days):
    short, long = simulate(small_molecule=molecule, days=days), simulate(small_molecule=molecule, days=28)
    assert short.total_fold == pytest.approx(long.total_fold[:short.days.size], rel=1e-9)


@pytest.mark.parametrize("changes, message", [
    (dict(small_molecule="nicotinamide"), "small_molecule='nicotinamide' is not a valid choice; choose one of 'none'"),
    (dict(cytokines="il3"), "cytokines='il3' is not a valid choice"),
    (dict(days=29), "days=29 is outside the allowed range 0..28 days"),
    (dict(hsc_divisions_per_day=-1), "hsc_divisions_per_day=-1 is outside the allowed range"),
])
def test_bad_input_names_the_parameter_and_what_is_allowed(changes, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        simulate(**changes)
    with pytest.raises(ValueError, match="cord_cd34_per_kg=1 is outside"):
        engraftment(cord_cd34_per_kg=1)


def test_calls_are_fast():
    for call, budget in ((lambda: simulate(days=28), 0.0005), (lambda: engraftment(days=28), 0.005)):
        call()
        assert min(timeit.repeat(call, number=50, repeat=3)) / 50 < budget
