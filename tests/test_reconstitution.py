"""Reconstitution model: the recovery order, every directional claim notebook 05 will make, calibration to
calibration.md, invariants over the allowed domain, bad input and speed."""
import timeit

import numpy as np
import pytest
from hypothesis import given, settings

from helpers.models import niche, physiology, reconstitution, transplant
from helpers.models.reconstitution import SCENARIOS, simulate
from strategies import within

MARROW = dict(graft_source="bone_marrow", cd34_per_kg=transplant.TYPICAL_CD34_PER_KG["bone_marrow"])
UNCONDITIONED_SIBLING = "infant X-SCID, unconditioned marrow from a sibling"  # Pai 2014's baseline graft


def scenario(name, **changes):
    return simulate(**SCENARIOS[name].kwargs(**changes))


def at(result, values, day):
    return float(np.interp(day, result.days, values))


# ---------------------------------------------------------------- normal ranges for age (physiology)


def test_infant_normal_cd4_range_matches_denny_1992():
    """calibration.md: CD4 at 2-3 months, 5th-95th centile 1460-5110/uL (Denny et al. 1992)."""
    low, high = physiology.normal_range_cells_per_ul("cd4", 4.6)
    assert 1200 <= low <= 1700 and 4500 <= high <= 5600


def test_normal_ranges_fall_from_infancy_to_adulthood_and_stay_ordered():
    ages = np.linspace(0, 400, 401)
    for lineage in ("t_cell", "cd4", "cd8", "b_cell", "nk", "neutrophil"):
        low, high = physiology.normal_range_cells_per_ul(lineage, ages)
        assert np.all(0 < low) and np.all(low < high)
    infant, adult = (physiology.normal_range_cells_per_ul("cd4", age)[0] for age in (4.6, 300))
    assert infant > 3 * adult


def test_unknown_lineage_or_negative_age_is_refused():
    with pytest.raises(ValueError, match="choose one of"):
        physiology.normal_range_cells_per_ul("stem", 3)
    with pytest.raises(ValueError, match="age_months"):
        physiology.normal_range_cells_per_ul("cd4", -1)


def test_the_course_bands_move_as_the_child_grows():
    result = scenario(UNCONDITIONED_SIBLING, days=1825)
    low = result.course.normal_low["cd4"]
    assert low[0] > 1.5 * low[-1]


# ---------------------------------------------------------------- recovery order and calibration


@pytest.mark.parametrize("name", ["ADA-SCID", "XLA", "hyper-IgM", "aplastic anaemia",
                                  "adult with aplastic anaemia, sibling, ATG"])
def test_recovery_order_is_neutrophils_then_nk_then_b_and_t(name):
    result = scenario(name)
    days = {lineage: result.recovery_day(lineage) for lineage in reconstitution.LINEAGES}
    assert None not in days.values(), days
    assert days["neutrophil"] < days["nk"] < min(days["b_cell"], days["cd4"], days["cd8"])


def test_adult_recovery_lands_in_van_den_brinks_ranges():
    """van den Brink 2015: neutrophils, monocytes and NK cells within weeks; T and B cells 1-2 years."""
    adult = simulate(disease="severe_aplastic_anemia", age_months=360, conditioning="myeloablative", **MARROW)
    assert adult.recovery_day("neutrophil") <= 35
    assert adult.recovery_day("nk") <= 70
    for lineage in ("b_cell", "cd4"):
        assert 180 <= adult.recovery_day(lineage) <= 730


def test_neutrophils_follow_the_transplant_model():
    result = scenario("XLA")
    graft = transplant.simulate(conditioning="myeloablative", donor="matched_sibling", **MARROW)
    assert result.neutrophil_engraftment_day == graft.neutrophil_engraftment_day
    assert 15 <= result.recovery_day("neutrophil") <= 30


def test_donor_stem_cell_share_is_niche_competes_and_the_transplant_models():
    for conditioning in transplant.CONDITIONINGS:
        result = simulate(conditioning=conditioning, **MARROW)
        graft = transplant.simulate(conditioning=conditioning, **MARROW)
        assert result.donor_stem_cell_share == pytest.approx(graft.final_donor_chimerism, rel=1e-6)


# ---------------------------------------------------------------- directional claims


def test_infants_recover_naive_t_cells_faster_than_adults():
    infant = simulate(disease="xla", age_months=6, conditioning="myeloablative", **MARROW)
    adult = simulate(disease="xla", age_months=360, conditioning="myeloablative", **MARROW)
    for day in (180, 365, 730):
        assert at(infant, infant.naive_t, day) > at(adult, adult.naive_t, day)
    assert at(infant, infant.naive_t, 365) > 2 * at(adult, adult.naive_t, 365)


def test_early_t_cells_are_expanded_graft_cells_and_later_ones_come_from_the_thymus():
    result = scenario("XLA")
    assert at(result, result.naive_t, 60) == 0 < at(result, result.expanded_t, 60)
    assert at(result, result.naive_t, 730) > 0.5


def test_unconditioned_scid_graft_gives_donor_t_cells_without_donor_b_cells():
    """Split chimerism (notebook 03): donor T cells, host stem cells; IVIG never stops."""
    result = scenario("infant X-SCID, unconditioned marrow from a sibling")
    assert result.donor_stem_cell_share < 0.05
    assert result.donor_t_cell_share[-1] > 0.95
    assert result.recovery_day("cd4") is not None
    assert result.ivig_free_day is None
    assert result.igg_own_mg_dl[-1] < 100
    assert result.igg_with_ivig_mg_dl[-1] > 300  # still protected by IVIG


def test_conditioning_brings_donor_b_cells_and_ends_ivig_for_scid():
    """Heimall 2017: preparative chemotherapy improved freedom from IVIG."""
    unconditioned = scenario("infant X-SCID, unconditioned marrow from a sibling")
    conditioned = scenario("infant X-SCID, unconditioned marrow from a sibling", conditioning="reduced")
    assert conditioned.donor_stem_cell_share > 0.5
    assert conditioned.ivig_free_day is not None and unconditioned.ivig_free_day is None


def test_ivig_stops_only_once_donor_b_cells_make_igg():
    result = scenario("XLA")
    free = result.ivig_free_day
    assert free is not None
    assert at(result, result.course.counts["b_cell"], free) > 0
    assert at(result, result.igg_own_mg_dl, free) >= result_stop_level()
    assert result.igg_own_mg_dl[result.days < free][-1] < result_stop_level()  # not a day earlier
    assert result.igg_own_mg_dl[result.days >= free].min() >= result_stop_level()
    passive = result.igg_with_ivig_mg_dl - result.igg_own_mg_dl
    after = result.days >= free
    assert np.all(np.diff(passive[after]) <= 1e-9)  # no infusion after the stop: the passive IgG only decays
    half_life = reconstitution.PARAMS["igg_half_life_days"].default
    assert passive[result.days > free + 5 * half_life].max() < 0.05 * passive.max()
    no_b = scenario("XLA", conditioning="none")
    assert no_b.ivig_free_day is None


def result_stop_level():
    return reconstitution.PARAMS["ivig_stop_igg_mg_dl"].default


def test_xla_needs_conditioning_to_come_off_ivig():
    off = {conditioning: scenario("XLA", conditioning=conditioning).ivig_free_day
           for conditioning in transplant.CONDITIONINGS}
    assert off["none"] is None
    assert off["myeloablative"] is not None and off["reduced"] is not None


def test_hyper_igm_is_corrected_by_donor_t_cells_that_restore_class_switching():
    corrected = scenario("hyper-IgM")
    assert corrected.class_switch_help[0] < 0.05  # only the few graft T cells carry CD40L on day 0
    assert corrected.class_switch_help[-1] == pytest.approx(1)
    assert corrected.ivig_free_day is not None
    unconditioned = scenario("hyper-IgM", conditioning="none")
    assert unconditioned.donor_t_cell_share[-1] < 0.1
    assert unconditioned.class_switch_help[-1] < 0.2 and unconditioned.ivig_free_day is None


def test_t_cell_depletion_delays_early_t_cells():
    replete = scenario("XLA")
    depleted = scenario("XLA", t_cell_depletion_logs=4)
    for day in (30, 90):
        assert at(depleted, depleted.course.counts["cd4"], day) < 0.5 * at(replete, replete.course.counts["cd4"], day)
    assert depleted.recovery_day("cd4") > replete.recovery_day("cd4")
    assert depleted.acute_gvhd_risk < replete.acute_gvhd_risk
    assert depleted.graft_failure_risk > replete.graft_failure_risk


def test_active_infection_lowers_survival():
    survival = {status: scenario(UNCONDITIONED_SIBLING, infection_status=status).survival_estimate
                for status in reconstitution.INFECTION_STATUSES}
    assert survival["never"] > survival["resolved"] > survival["active"]


def test_earlier_transplant_raises_scid_survival_as_pai_reports():
    """Pai 2014: 94% at or before 3.5 months; older infants 90% if never infected, 82% if infection resolved."""
    early = scenario(UNCONDITIONED_SIBLING, age_months=2)
    older = scenario(UNCONDITIONED_SIBLING, age_months=6)
    resolved = scenario(UNCONDITIONED_SIBLING, age_months=6, infection_status="resolved")
    assert early.survival_estimate == pytest.approx(0.94, abs=0.01)
    assert 0.85 <= older.survival_estimate <= 0.92
    assert 0.75 <= resolved.survival_estimate <= 0.85
    ages = [1, 2, 3, 4, 6, 12, 24]
    survival = [scenario(UNCONDITIONED_SIBLING, age_months=age).survival_estimate for age in ages]
    assert survival == sorted(survival, reverse=True)


def test_active_infection_survival_lands_near_heimall():
    """Heimall 2017: 2-year survival 95% infection-free, 81% with active infection at transplant."""
    active = scenario(UNCONDITIONED_SIBLING, age_months=3, infection_status="active")
    assert 0.78 <= active.survival_estimate <= 0.88


def test_aplastic_anaemia_needs_everything_and_neutrophils_come_first():
    result = scenario("adult with aplastic anaemia, sibling, ATG")
    assert result.course.counts["neutrophil"][0] < 500
    assert result.recovery_day("neutrophil") < 40
    assert not result.ivig_needed and result.ivig_free_day == 0


def test_scid_hosts_do_not_reject_an_unconditioned_graft():
    scid = scenario(UNCONDITIONED_SIBLING)
    xla = scenario("XLA", conditioning="none")
    assert scid.graft_failure_risk < 0.1 < xla.graft_failure_risk


def test_infection_risk_is_highest_without_t_cells_or_igg():
    result = scenario("infant X-SCID, unconditioned marrow from a sibling")
    assert result.opportunistic_per_year[0] > result.opportunistic_per_year[-1]
    assert np.all(np.diff(result.cumulative_infection_risk) >= -1e-12)


# ---------------------------------------------------------------- invariants, bad input, speed


@settings(max_examples=40, deadline=None)
@given(within(reconstitution.PARAMS))
def test_counts_igg_and_risks_are_finite_non_negative_and_ordered(values):
    result = simulate(**values)
    for lineage in reconstitution.LINEAGES:
        counts = result.course.counts[lineage]
        assert np.all(np.isfinite(counts)) and np.all(counts >= 0)
        assert np.all(result.course.normal_low[lineage] <= result.course.normal_high[lineage])
    for array in (result.igg_own_mg_dl, result.igg_with_ivig_mg_dl, result.pneumonia_per_year,
                  result.opportunistic_per_year, result.neutropenic_per_year):
        assert np.all(np.isfinite(array)) and np.all(array >= 0)
    expected = [result.expected_infections(day) for day in (0, result.days[-1] / 2, result.days[-1])]
    assert expected[0] == 0 and expected == sorted(expected)
    assert np.all(result.igg_with_ivig_mg_dl >= result.igg_own_mg_dl - 1e-9)
    for share in (result.donor_t_cell_share, result.class_switch_help, result.cumulative_infection_risk,
                  result.thymic_share_of_t, result.igg_production):
        assert np.all((share >= 0) & (share <= 1 + 1e-12))
    assert 0 < result.survival_estimate < 1
    assert 0 <= result.graft_failure_risk <= 1 and 0 <= result.acute_gvhd_risk <= 1


def test_every_scenario_runs():
    assert len(SCENARIOS) >= 8
    for name in SCENARIOS:
        assert scenario(name).days[-1] == reconstitution.PARAMS["days"].default


@pytest.mark.parametrize("changes, message", [
    (dict(disease="dii_george"), "disease='dii_george' is not a valid choice; choose one of 'x_scid'"),
    (dict(infection_status="maybe"), "infection_status='maybe' is not a valid choice"),
    (dict(age_months=-1), "age_months=-1 is outside the allowed range 0..1200 months"),
    (dict(age_months=2.5), "age_months=2.5 must be a whole number"),
    (dict(t_cell_depletion_logs=7), "t_cell_depletion_logs=7 is outside"),
    (dict(donor="cousin"), "donor='cousin' is not a valid choice"),
])
def test_bad_input_names_the_parameter_and_what_is_allowed(changes, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        simulate(**changes)


def test_a_call_takes_well_under_10_ms():
    simulate()
    best = min(timeit.repeat(lambda: simulate(), number=10, repeat=3)) / 10
    assert best < 0.005, f"{best * 1e3:.1f} ms per call"


def test_expected_infections_refuses_a_day_outside_the_course():
    result = scenario("XLA")
    with pytest.raises(ValueError, match="until_day=800 is outside 0..730 days"):
        result.expected_infections(800)


def test_the_neutropenic_hazard_is_the_transplant_models_and_only_while_neutropenic():
    result = scenario("ADA-SCID")
    graft = transplant.simulate(**{k: v for k, v in SCENARIOS["ADA-SCID"].kwargs().items()
                                   if k in ("graft_source", "cd34_per_kg", "conditioning", "donor")})
    assert result.neutropenic_per_year.max() == pytest.approx(graft.infection_hazard_per_day.max() * 365.25, rel=0.05)
    assert np.all(graft.infection_hazard_per_day[graft.anc >= transplant.NEUTROPENIA_1E9_PER_L] == 0)
    assert result.neutropenic_per_year[-1] == 0
