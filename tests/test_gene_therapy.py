"""Gene therapy model: Poisson identities of transduction, the directions notebook 06 will claim, calibration to
calibration.md, seeded clonal dynamics, invariants over the allowed domain, bad input and speed."""
import math
import timeit

import numpy as np
import pytest
from hypothesis import assume, given, settings

from helpers.models import gene_therapy, niche, reconstitution, transplant
from helpers.models.gene_therapy import (CLONE_SCENARIOS, SCENARIOS, clonal_dynamics, poisson_copies, simulate,
                                         transduction)
from strategies import within

ADA_LENTI = "ADA-SCID, lentiviral + busulfan"
ADA_GAMMA = "ADA-SCID, gamma-retroviral (Aiuti 2009)"
XSCID_GAMMA = "X-SCID, 2000s gamma-retroviral"
XSCID_LENTI = "X-SCID, lentiviral + busulfan"
YEAR = 365.25


def scenario(name, **changes):
    return simulate(**SCENARIOS[name].kwargs(**changes))


# ---------------------------------------------------------------- transduction: Poisson identities


@pytest.mark.parametrize("m", [0.0, 1e-9, 0.05, 0.5, 1.0, 2.0, 5.0])
def test_poisson_identities_hold_to_machine_precision(m):
    """Fehse 2004: fraction transduced 1 - e^-m, copies per transduced cell m / (1 - e^-m), bulk VCN m."""
    result = poisson_copies(integrations_per_cell=m, max_copies=30)
    k, p = result.copies, result.probability
    assert p.sum() + result.tail_probability == pytest.approx(1.0, abs=1e-12)
    assert result.tail_probability < 1e-12  # K = 30 holds all of it for m <= 5
    assert np.dot(k, p) == pytest.approx(m, abs=1e-12)  # the mean is m
    assert np.dot((k - m) ** 2, p) == pytest.approx(m, abs=1e-11)  # and so is the variance
    assert result.bulk_vcn == m
    assert result.fraction_transduced == pytest.approx(1 - math.exp(-m), abs=1e-15)
    assert result.fraction_transduced == pytest.approx(1 - p[0], abs=1e-15)
    expected = 1.0 if m == 0 else m / -math.expm1(-m)  # expm1: exact near m = 0
    assert result.copies_per_transduced_cell == pytest.approx(expected, rel=1e-12)
    # copies per transduced cell x fraction transduced = copies over all cells
    assert result.copies_per_transduced_cell * result.fraction_transduced == pytest.approx(m, abs=1e-15)
    if m > 0:
        given_transduced = result.transduced_distribution
        assert given_transduced[0] == 0 and given_transduced.sum() == pytest.approx(1, abs=1e-12)
        assert np.dot(k, given_transduced) == pytest.approx(result.copies_per_transduced_cell, rel=1e-12)


def test_the_truncated_distribution_and_its_tail_add_to_one_even_when_k_is_small():
    result = poisson_copies(integrations_per_cell=10.0, max_copies=3)
    assert result.tail_probability > 0.9
    assert result.probability.sum() + result.tail_probability == pytest.approx(1.0, abs=1e-12)


def test_moi_gives_m_through_the_stated_efficiency():
    result = transduction(moi=50, integrations_per_moi=0.02)
    same = poisson_copies(integrations_per_cell=1.0)
    assert result.mean_integrations == pytest.approx(1.0) and result.moi == 50 and same.moi is None
    np.testing.assert_allclose(result.probability, same.probability, rtol=1e-12)
    assert round(result.fraction_transduced, 3) == 0.632 and round(result.copies_per_transduced_cell, 3) == 1.582


def test_no_vector_transduces_nothing():
    result = transduction(moi=0)
    assert result.fraction_transduced == 0 and result.bulk_vcn == 0 and result.probability[0] == 1
    assert scenario(ADA_LENTI, moi=0).corrected_hsc_share == 0


def test_more_vector_means_more_cells_transduced_and_more_copies_in_each():
    results = [transduction(moi=moi) for moi in (5, 25, 50, 100, 200)]
    fractions = [r.fraction_transduced for r in results]
    copies = [r.copies_per_transduced_cell for r in results]
    assert fractions == sorted(fractions) and copies == sorted(copies)
    assert copies[0] == pytest.approx(1.05, abs=0.01)  # at low MOI, transduced cells carry about one copy


# ---------------------------------------------------------------- engraftment and marking


def test_the_corrected_share_is_niche_competes_infused_share_times_the_transduced_hscs():
    result = scenario(ADA_LENTI)
    marrow = niche.compete(conditioning_logs=2, donor_dose=5 * 0.1, homing=niche.CASHMAN_HOMING,
                           hsc_per_million_cd34=transplant.REPOPULATING_PER_CD34["bone_marrow"] * 1e6
                           / niche.CASHMAN_HOMING, host="scid", graft_t_cells=0.0, months=60)
    assert result.infused_hsc_share == pytest.approx(marrow.final_hsc_chimerism, rel=1e-12)
    assert result.corrected_hsc_share == pytest.approx(result.infused_hsc_share * result.hsc_transduced_fraction)
    assert result.hsc_transduced_fraction == pytest.approx(result.transduction.fraction_transduced)  # lentiviral


def test_more_busulfan_means_more_marking():
    marking = {busulfan: scenario(ADA_LENTI, busulfan=busulfan).marking_at("neutrophil", YEAR)
               for busulfan in gene_therapy.BUSULFAN}
    assert marking["none"] < marking["reduced"] < marking["myeloablative"]
    assert marking["none"] < 0.02 and marking["myeloablative"] > 0.5


def test_myeloid_marking_is_the_corrected_hsc_share_without_advantage():
    for name in SCENARIOS:
        result = scenario(name)
        assert result.marking_at("neutrophil", 3 * YEAR) == pytest.approx(result.corrected_hsc_share, rel=1e-6)
        assert result.lymphoid_advantage["neutrophil"] is False


@pytest.mark.parametrize("disease, selected", [
    ("x_scid", {"cd4", "cd8", "nk"}),  # IL2RG: no T or NK cells; B cells develop without gamma-c
    ("ada_scid", {"cd4", "cd8", "nk", "b_cell"}),  # toxic to every lymphocyte
    ("xla", {"b_cell"}),  # BTK: B cells stop as pre-B cells
    ("x_hyper_igm", set()),  # CD40L: T cells develop without it
])
def test_lymphoid_advantage_only_where_the_disease_kills_uncorrected_cells(disease, selected):
    result = scenario(ADA_LENTI, disease=disease)
    c = result.corrected_hsc_share
    assert {name for name, yes in result.lymphoid_advantage.items() if yes} == selected
    for lineage in gene_therapy.LINEAGES:
        late = result.marking_at(lineage, 3 * YEAR)
        if lineage in selected:
            assert late == pytest.approx(1.0) and late > 2 * c
        else:
            assert late == pytest.approx(c, rel=0.01)


def test_x_scid_gamma_retroviral_trials_gave_t_cells_but_no_corrected_b_cells():
    """calibration.md: gamma-retroviral X-SCID trials (no conditioning) corrected T cells, no corrected B cells."""
    result = scenario(XSCID_GAMMA)
    assert result.marking_at("cd4", YEAR) > 0.99 and result.marking_at("cd8", 3 * YEAR) > 0.99
    assert result.marking_at("b_cell", 3 * YEAR) < 0.01
    assert result.marking_at("neutrophil", 3 * YEAR) < 0.01
    assert result.recovery_day("cd4") is not None  # T cells reach the normal range for age


def test_busulfan_brings_corrected_b_cells_in_x_scid_as_with_lentiviral_vectors():
    """Mamcarz 2019: lentiviral vector + low-exposure busulfan gave marking in T, B, NK and myeloid cells."""
    unconditioned = scenario("X-SCID, lentiviral, no busulfan")
    conditioned = scenario(XSCID_LENTI)
    for lineage in gene_therapy.LINEAGES:
        assert conditioned.marking_at(lineage, YEAR) > 0.1
    assert conditioned.marking_at("b_cell", YEAR) > 20 * unconditioned.marking_at("b_cell", YEAR)
    assert conditioned.recovery_day("nk") is not None and unconditioned.recovery_day("nk") is None


def test_ada_scid_gamma_retroviral_lands_in_aiuti_2009s_marking():
    """Aiuti 2009: myeloid marking 3.5-8.9% at 1 year (marrow lineages, means), lymphocytes 52-88% in blood; T cells
    near 100% corrected (the toy lets no uncorrected ADA-deficient lymphocyte survive, so its lymphoid marking is 1)."""
    result = scenario(ADA_GAMMA)
    low, high = gene_therapy.CALIBRATION["aiuti_2009_myeloid_marking_1y"]
    assert low <= result.marking_at("neutrophil", YEAR) <= high
    assert result.marking_at("cd4", YEAR) > 0.95 and result.marking_at("cd8", YEAR) > 0.95
    lymphoid_low, _ = gene_therapy.CALIBRATION["aiuti_2009_lymphoid_marking"]
    assert min(result.marking_at(name, YEAR) for name in ("nk", "b_cell", "cd4")) >= lymphoid_low


def test_ada_scid_gene_therapy_normalises_t_cells_as_in_cicalese_2016():
    """Cicalese 2016: 18/18 alive at a median 6.9 years with normalised CD3, CD4 and CD8 counts. The toy has no
    deaths; what it can show is T cells in the normal range for age, and staying there, in every ADA scenario."""
    alive, treated = gene_therapy.CALIBRATION["cicalese_2016_alive"]
    assert alive == treated == 18
    for name in (ADA_GAMMA, ADA_LENTI):
        result = scenario(name, days=2555)  # 7 years
        for lineage in ("cd4", "cd8"):
            day = result.recovery_day(lineage)
            assert day is not None and day < YEAR


def test_more_copies_raise_genotoxicity_and_lentiviral_sin_is_far_below_gamma_retroviral():
    for vector in gene_therapy.VECTORS:
        results = [scenario(ADA_LENTI, vector=vector, moi=moi) for moi in (10, 50, 100, 200)]
        copies = [r.copies_per_transduced_hsc for r in results]
        index = [r.genotoxicity_index for r in results]
        assert copies == sorted(copies) and index == sorted(index) and index[0] < index[-1]
    # the same copies per transduced cell: compare the per-copy weights directly
    gamma = gene_therapy.genotoxicity(1.5, "gamma_retroviral", 0.05)
    lenti = gene_therapy.genotoxicity(1.5, "lentiviral_sin", 0.05)
    assert gamma == pytest.approx(1.5) and lenti == pytest.approx(0.075) and lenti < gamma / 10
    assert scenario(XSCID_GAMMA).genotoxicity_index > 10 * scenario(XSCID_LENTI).genotoxicity_index


def test_gamma_retroviral_vectors_reach_fewer_long_term_hscs_at_the_same_bulk_vcn():
    gamma = scenario(ADA_LENTI, vector="gamma_retroviral")
    lenti = scenario(ADA_LENTI)
    assert gamma.transduction.bulk_vcn == lenti.transduction.bulk_vcn
    assert gamma.hsc_transduced_fraction < lenti.hsc_transduced_fraction


def test_vcn_per_lineage_is_marking_times_copies_per_transduced_hsc():
    result = scenario(ADA_LENTI)
    assert result.vcn("cd4", YEAR) == pytest.approx(result.copies_per_transduced_hsc)
    assert result.vcn("neutrophil", YEAR) == pytest.approx(result.corrected_hsc_share
                                                          * result.copies_per_transduced_hsc)


def test_neutrophils_follow_the_transplant_model_with_the_patients_own_cells():
    result = scenario(ADA_LENTI, busulfan="myeloablative")
    graft = transplant.simulate(graft_source="bone_marrow", cd34_per_kg=5e6, conditioning="myeloablative",
                                donor="autologous")
    assert result.neutrophil_engraftment_day == graft.neutrophil_engraftment_day
    assert scenario(XSCID_GAMMA).course.counts["neutrophil"].min() >= 1500  # no busulfan, no neutropenia


def test_the_course_is_the_shared_lineage_course_with_normal_ranges_for_age():
    result = scenario(XSCID_LENTI)
    assert set(result.course.lineages) >= {"neutrophil", "b_cell", "cd4", "nk"}
    assert result.course.normal_low["cd4"][0] > 1.5 * result.course.normal_low["cd4"][-1]  # infant to child
    assert result.days[0] == 0 and result.days[-1] == gene_therapy.PARAMS["days"].default


def test_every_scenario_runs_and_names_the_two_diseases_and_vectors():
    assert len(SCENARIOS) >= 3
    seen = {(s.values["disease"], s.values["vector"]) for s in SCENARIOS.values()}
    assert {("ada_scid", "lentiviral_sin"), ("x_scid", "gamma_retroviral"), ("x_scid", "lentiviral_sin")} <= seen
    for name in SCENARIOS:
        scenario(name)
    for name in CLONE_SCENARIOS:
        clonal_dynamics(**CLONE_SCENARIOS[name].kwargs())


def test_gene_therapy_shares_the_reconstitution_models_disease_names():
    assert gene_therapy.PARAMS["disease"] is reconstitution.PARAMS["disease"]
    assert set(gene_therapy.GENE_DISEASES) <= set(reconstitution.DISEASES)


# ---------------------------------------------------------------- clones


def test_same_seed_same_clones_and_different_seeds_differ():
    first, again = clonal_dynamics(seed=7), clonal_dynamics(seed=7)
    other = clonal_dynamics(seed=8)
    assert np.array_equal(first.shares, again.shares)
    assert np.array_equal(first.dominated_by, again.dominated_by)
    assert first.dominance_probability == again.dominance_probability
    assert not np.array_equal(first.shares, other.shares)


def test_without_an_advantage_no_clone_dominates():
    result = clonal_dynamics(**CLONE_SCENARIOS["neutral drift"].kwargs())
    assert result.dominance_probability == 0 and result.dominance_standard_error == 0
    assert result.largest_neutral_share < result.threshold


def test_a_larger_advantage_dominates_more_often_and_sooner():
    chances = [clonal_dynamics(advantage=s, replicates=4000).dominance_probability for s in (0.2, 0.5, 0.8, 1.0)]
    assert chances == sorted(chances) and chances[0] < 0.05 and chances[-1] > 0.9
    longer = clonal_dynamics(advantage=0.5, years=20, replicates=4000).dominance_probability
    assert longer > chances[1]


def test_the_monte_carlo_error_is_stated_and_right():
    runs = [clonal_dynamics(advantage=0.8, seed=seed, replicates=1000) for seed in range(6)]
    p = np.array([r.dominance_probability for r in runs])
    stated = runs[0].dominance_standard_error
    assert stated == pytest.approx(math.sqrt(p[0] * (1 - p[0]) / 1000))
    assert stated <= 0.5 / math.sqrt(1000)
    assert np.all(np.abs(p - p.mean()) < 5 * stated)  # seeds agree within the stated error
    assert p.std() == pytest.approx(stated, rel=1.0)


def test_one_generation_is_a_wright_fisher_step_with_selection():
    """After one HSC division the advantaged clone's mean share is x (1 + s) / (1 + s x) (binomial resampling)."""
    s, clones = 1.0, 50
    result = clonal_dynamics(advantage=s, years=1, hsc_division_interval_days=YEAR, clones=clones,
                             marked_hscs=1000, replicates=4000)
    assert result.generations == pytest.approx(1.0) and len(result.years) == 2
    x0 = 1 / clones
    expected = x0 * (1 + s) / (1 + s * x0)
    assert result.advantaged_share_quantiles[1, 0] == pytest.approx(x0)
    # the median of Binomial(1000, p) / 1000 sits within 1/1000 of p
    assert abs(result.advantaged_share_quantiles[1, 1] - expected) <= 1.5e-3


def test_clone_shares_add_to_one_and_dominance_only_grows():
    result = clonal_dynamics(advantage=0.8)
    np.testing.assert_allclose(result.shares.sum(axis=1), 1.0, atol=1e-12)
    assert np.all(np.diff(result.dominated_by) >= 0)
    assert result.dominated_by[-1] == result.dominance_probability
    assert result.years[0] == 0 and result.years[-1] == pytest.approx(10)
    assert result.shares.shape[0] <= gene_therapy.MAX_STEPS + 1 <= 300


# ---------------------------------------------------------------- invariants


def _finite_share(array):
    array = np.asarray(array, dtype=float)
    return bool(np.all(np.isfinite(array)) and np.all(array >= 0) and np.all(array <= 1 + 1e-12))


@settings(max_examples=60, deadline=None)
@given(within(gene_therapy.TRANSDUCTION_PARAMS.subset(["integrations_per_cell", "max_copies"])))
def test_copy_distributions_are_probabilities(values):
    result = poisson_copies(**values)
    assert _finite_share(result.probability) and 0 <= result.tail_probability <= 1
    assert result.probability.sum() + result.tail_probability == pytest.approx(1.0, abs=1e-12)
    assert 0 <= result.fraction_transduced <= 1 and result.copies_per_transduced_cell >= 1


@settings(max_examples=40, deadline=None)
@given(within(gene_therapy.SIMULATE_PARAMS))
def test_counts_are_finite_non_negative_and_marking_is_a_share(values):
    assume(values["disease"] in gene_therapy.GENE_DISEASES)
    result = simulate(**values)
    for lineage in gene_therapy.LINEAGES:
        counts = result.course.counts[lineage]
        assert np.all(np.isfinite(counts)) and np.all(counts >= 0)
        assert _finite_share(result.marking[lineage])
    for share in (result.infused_hsc_share, result.corrected_hsc_share, result.hsc_transduced_fraction):
        assert 0 <= share <= 1
    assert result.corrected_hsc_share <= result.infused_hsc_share
    assert math.isfinite(result.genotoxicity_index) and result.genotoxicity_index >= 0
    assert result.copies_per_transduced_hsc >= 1


@settings(max_examples=30, deadline=None)
@given(within(gene_therapy.CLONE_PARAMS))
def test_clone_shares_are_shares_and_the_chance_is_a_probability(values):
    result = clonal_dynamics(**values)
    assert _finite_share(result.shares) and _finite_share(result.advantaged_share_quantiles)
    np.testing.assert_allclose(result.shares.sum(axis=1), 1.0, atol=1e-9)
    assert 0 <= result.dominance_probability <= 1 and 0 <= result.extinct_share <= 1
    assert result.largest_neutral_share < values["dominance_threshold"]  # only the advantaged clone dominates
    assert len(result.years) <= gene_therapy.MAX_STEPS + 1


# ---------------------------------------------------------------- bad input and speed


@pytest.mark.parametrize("call, message", [
    (lambda: simulate(vector="foamy"),
     "vector='foamy' is not a valid choice; choose one of 'gamma_retroviral', 'lentiviral_sin'"),
    (lambda: simulate(moi=500), "moi=500 is outside the allowed range 0..200 particles/cell"),
    (lambda: transduction(moi=-1), "moi=-1 is outside the allowed range 0..200 particles/cell"),
    (lambda: simulate(busulfan="full"), "busulfan='full' is not a valid choice; choose one of 'none', 'reduced'"),
    (lambda: simulate(disease="severe_aplastic_anemia"), "disease='severe_aplastic_anemia' has no gene to add"),
    (lambda: simulate(disease="dii_george"), "disease='dii_george' is not a valid choice"),
    (lambda: poisson_copies(integrations_per_cell=float("nan")), "integrations_per_cell=nan is outside"),
    (lambda: clonal_dynamics(seed=1.5), "seed=1.5 must be a whole number"),
    (lambda: clonal_dynamics(clones=5), "clones=5 is outside the allowed range 50..1000 clones"),
    (lambda: gene_therapy.genotoxicity(1.0, "foamy", 0.05), "vector='foamy' is not a valid choice"),
    (lambda: scenario(ADA_LENTI).marking_at("stem", 10), "lineage='stem' is not in this course"),
])
def test_bad_input_names_the_parameter_and_what_is_allowed(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        call()


@pytest.mark.parametrize("call", [lambda: transduction(), lambda: poisson_copies(), lambda: simulate(),
                                  lambda: simulate(**SCENARIOS[XSCID_GAMMA].kwargs()), lambda: clonal_dynamics()],
                         ids=["transduction", "poisson_copies", "simulate", "simulate_x_scid", "clonal_dynamics"])
def test_each_call_takes_well_under_5_ms(call):
    call()
    best = min(timeit.repeat(call, number=10, repeat=5)) / 10
    assert best < 0.005, f"{best * 1e3:.2f} ms per call"
