"""The lifelong burden: IVIG infusions, transplant admissions and transfusion time, counted from the models' results;
a one-time treatment asks for fewer infusions than lifelong IVIG."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.models import burden, immunosuppression, ivig, reconstitution
from helpers.models.cases import CASES


def test_ivig_every_3_to_4_weeks_for_20_years_is_260_to_350_infusions():
    counts = {interval: burden.of_lifelong_ivig(ivig.course(interval_days=interval), years_counted=20).ivig_infusions
              for interval in (21, 28)}
    assert round(counts[28]) == 261 and round(counts[21]) == 348
    assert all(260 <= count <= 350 for count in counts.values())


def test_a_transplant_stops_ivig_on_the_day_the_model_says_and_counts_the_infusions_until_then():
    option = CASES["a boy with XLA on IVIG"].options["sibling marrow, myeloablative"]
    result = option.run()
    assert result.ivig_needed and result.ivig_free_day is not None
    counted = option.burden(years_counted=20)
    assert counted.ivig_infusions == math.floor(result.ivig_free_day / ivig.PARAMS["interval_days"].default) + 1
    assert not counted.ivig_upper_bound


@pytest.mark.parametrize("case", ["a boy with XLA on IVIG", "a boy with X-linked hyper-IgM"])
def test_a_one_time_transplant_needs_far_fewer_infusions_than_lifelong_ivig(case):
    options = CASES[case].options
    lifelong = options["lifelong IVIG"].burden(years_counted=20)
    transplant = next(option for name, option in options.items() if name != "lifelong IVIG").burden(years_counted=20)
    assert transplant.one_time and not lifelong.one_time
    assert transplant.ivig_infusions < lifelong.ivig_infusions / 10
    assert transplant.hospital_days > lifelong.hospital_days == 0


def test_without_conditioning_the_host_b_cells_stay_and_ivig_is_counted_to_the_horizon_as_an_upper_bound():
    counted = CASES["an infant with X-SCID"].options["a parent's graft, T-cell depleted"].burden(years_counted=20)
    assert counted.ivig_upper_bound and round(counted.ivig_infusions) == 261


def test_admissions_are_godaras_medians_and_cord_blood_stays_longest():
    result = reconstitution.simulate()
    days = {source: burden.of_transplant(result, source, years_counted=20).hospital_days for source in burden.ADMISSION_DAYS}
    assert days == {"bone_marrow": 27.2, "peripheral_blood": 25.4, "cord_blood": 36.9}
    assert days["cord_blood"] > days["bone_marrow"] > days["peripheral_blood"]


def test_everyone_waits_6_months_for_a_response_and_horse_atg_leaves_fewer_months_without_one():
    horse = burden.of_immunosuppression(immunosuppression.treat(atg="horse"), years_counted=20)
    rabbit = burden.of_immunosuppression(immunosuppression.treat(atg="rabbit"), years_counted=20)
    assert 6 < horse.transfusion_months < rabbit.transfusion_months < 48
    assert burden.of_immunosuppression(immunosuppression.treat(), years_counted=1).transfusion_months <= 12


def test_what_the_models_do_not_give_is_none_not_zero():
    gene = CASES["an infant with X-SCID"].options["lentiviral gene therapy"].burden()
    assert gene.ivig_infusions is None and gene.hospital_days is None and "not modelled" in gene.summary()


@settings(max_examples=40, deadline=None)
@given(years=st.integers(1, 40), option=st.sampled_from([(c, o) for c in CASES for o in CASES[c].options]))
def test_counts_are_never_negative_and_grow_with_the_years(years, option):
    chosen = CASES[option[0]].options[option[1]]
    now, later = chosen.burden(years_counted=years), chosen.burden(years_counted=min(years + 5, 40))
    for field in ("ivig_infusions", "clinic_visits", "hospital_days", "transfusion_months"):
        value, more = getattr(now, field), getattr(later, field)
        assert value is None or (math.isfinite(value) and 0 <= value <= more)


def test_bad_input_names_the_parameter_its_value_and_the_allowed_range():
    with pytest.raises(ValueError, match="years_counted=0 is outside the allowed range 1..40 years"):
        burden.of_lifelong_ivig(ivig.course(), years_counted=0)
    with pytest.raises(ValueError, match="graft_source='liver' is not a valid choice; valid ones are bone_marrow"):
        burden.of_transplant(reconstitution.simulate(), "liver", years_counted=20)


def test_clinic_visits_are_the_infusions_and_after_a_transplant_majhails_follow_up():
    """Majhail 2012: follow-up at 6 months, 1 year and yearly after, so years + 1 visits; each IVIG infusion a visit."""
    lifelong = CASES["a boy with XLA on IVIG"].options["lifelong IVIG"].burden(years_counted=20)
    transplant = CASES["a boy with XLA on IVIG"].options["sibling marrow, myeloablative"].burden(years_counted=20)
    assert lifelong.clinic_visits == lifelong.ivig_infusions
    assert transplant.clinic_visits == 21 + transplant.ivig_infusions
    assert transplant.clinic_visits < lifelong.clinic_visits / 5
    assert CASES["a young adult with very severe aplastic anaemia"].options["horse ATG and ciclosporin"].burden() \
        .clinic_visits is None
