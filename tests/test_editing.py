"""Editing model (notebook 07): outcomes add up, quiescence lowers HDR, calibration, invariants, bad input, speed."""
import timeit

import pytest
from hypothesis import given, settings

from helpers.models import editing
from helpers.models.editing import SCENARIOS, outcomes
from strategies import within


def scenario(name, **changes):
    return outcomes(**SCENARIOS[name].kwargs(**changes))


@pytest.mark.parametrize("name", SCENARIOS)
def test_outcome_shares_add_up_to_one_per_allele_and_per_cell(name):
    result = scenario(name)
    for allele in result.allele.values():
        assert allele.total == pytest.approx(1, abs=1e-12)
        assert 0 <= allele.in_frame_nhej <= allele.nhej
    for cell in result.cell.values():
        for share in (cell.no_edit, cell.corrected, cell.all_copies_disrupted, cell.all_copies_edited):
            assert 0 <= share <= 1
        assert cell.no_edit + cell.all_copies_edited <= 1 + 1e-12


def test_quiescence_lowers_hdr_and_bulk_hdr_overstates_what_lasts():
    result = scenario("Cas9 + template (HDR)")
    assert result.allele["quiescent"].corrected < result.allele["bulk"].corrected < result.allele["cycling"].corrected
    assert result.persisting_corrected < 0.25 * result.bulk_corrected
    rates = [outcomes(hdr_share_quiescent=h).persisting_corrected for h in (0.0, 0.05, 0.2)]
    assert rates == sorted(rates)


def test_bulk_hdr_lands_in_the_published_17_to_26_percent():
    """calibration.md: HDR knock-in 17-26% in bulk CD34+ cells in vitro (Wang 2015; Shin 2020)."""
    assert 0.17 <= scenario("Cas9 + template (HDR)").bulk_corrected <= 0.26


def test_nuclease_edits_80_percent_of_alleles_as_frangoul_reports():
    """calibration.md: ~80% of alleles edited by CRISPR NHEJ in CD34+ cells (Frangoul 2021)."""
    result = scenario("Cas9 disruption (NHEJ)")
    assert 1 - result.allele["bulk"].unedited == pytest.approx(0.8)
    assert result.allele["bulk"].corrected == 0 and result.allele["bulk"].nhej == pytest.approx(0.8)


def test_base_editing_makes_no_indels_and_mostly_persists_as_newby_found():
    """Newby 2021: 80% conversion in HSPCs, 68% in mice after 16 weeks; no double-strand break."""
    result = scenario("base editor")
    assert result.allele["bulk"].nhej == 0 and result.allele["bulk"].corrected == pytest.approx(0.8)
    assert result.persisting_corrected == pytest.approx(0.68)
    hdr = scenario("Cas9 + template (HDR)")
    assert result.persisting_corrected / result.bulk_corrected > 4 * hdr.persisting_corrected / hdr.bulk_corrected


def test_two_copies_give_more_cells_with_a_corrected_copy_and_fewer_full_knockouts():
    two, one = scenario("Cas9 + template (HDR)"), scenario("X-linked gene in a boy")
    for state in ("cycling", "quiescent"):
        a = two.allele[state]
        assert two.cell[state].corrected == pytest.approx(1 - (1 - a.corrected) ** 2)
        assert one.cell[state].corrected == pytest.approx(a.corrected)
        assert two.cell[state].all_copies_disrupted == pytest.approx(a.nhej ** 2)
        assert two.cell[state].all_copies_disrupted < one.cell[state].all_copies_disrupted


def test_the_bulk_product_is_a_mixture_of_cells_not_of_alleles():
    """Cells of the product are cycling or quiescent: its cell outcomes are the two states' in proportion (alleles
    of one cell share its state, so pooling alleles first would overstate corrected cells)."""
    result = scenario("Cas9 + template (HDR)")
    c = editing.PARAMS["cycling_share"].default
    for field in ("no_edit", "corrected", "all_copies_disrupted", "all_copies_edited"):
        expected = c * getattr(result.cell["cycling"], field) + (1 - c) * getattr(result.cell["quiescent"], field)
        assert getattr(result.cell["bulk"], field) == pytest.approx(expected)
    assert result.cell["bulk"].corrected < 1 - (1 - result.allele["bulk"].corrected) ** 2


def test_prime_editing_corrects_fewer_alleles_than_base_editing_but_keeps_them_as_everette_found():
    """Everette 2023: 15-41% correction in patients' HSPCs, maintained 17 weeks after engraftment; no break."""
    prime, base = scenario("prime editor"), scenario("base editor")
    assert 0.15 <= prime.bulk_corrected <= 0.41 and prime.allele["bulk"].nhej == 0
    assert prime.persisting_corrected == pytest.approx(prime.bulk_corrected)
    assert prime.bulk_corrected < base.bulk_corrected
    assert prime.persisting_corrected > scenario("Cas9 + template (HDR)").persisting_corrected


def test_a_third_of_indels_keep_the_frame_by_default():
    result = scenario("Cas9 disruption (NHEJ)")
    assert result.allele["bulk"].in_frame_nhej == pytest.approx(result.allele["bulk"].nhej / 3)


@settings(max_examples=80, deadline=None)
@given(within(editing.PARAMS))
def test_shares_are_probabilities_over_the_whole_domain(values):
    result = outcomes(**values)
    for allele in result.allele.values():
        assert allele.total == pytest.approx(1, abs=1e-12)
        assert min(allele.unedited, allele.nhej, allele.corrected, allele.in_frame_nhej) >= 0
    assert 0 <= result.persisting_corrected <= 1 and 0 <= result.bulk_corrected <= 1


@pytest.mark.parametrize("changes, message", [
    (dict(editor="zinc_finger"), "editor='zinc_finger' is not a valid choice; choose one of 'nuclease'"),
    (dict(locus="y_linked"), "locus='y_linked' is not a valid choice"),
    (dict(cut_efficiency=1.2), "cut_efficiency=1.2 is outside the allowed range 0..1"),
])
def test_bad_input_names_the_parameter_and_what_is_allowed(changes, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        outcomes(**changes)


def test_a_call_is_fast():
    outcomes()
    assert min(timeit.repeat(lambda: outcomes(), number=100, repeat=3)) / 100 < 0.001
