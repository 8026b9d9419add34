"""IVIG model: the closed-form trough against a dose-by-dose loop, calibration to Lee 2020 and Orange 2010, invariants,
bad input."""
import numpy as np
import pytest
from hypothesis import given, settings

from helpers.models import ivig
from helpers.models.ivig import course, passive_igg, pneumonia_rate, pneumonia_rates, trough_igg
from strategies import within

REGIMEN = ivig.PARAMS.subset(ivig.REGIMEN)


def dose_by_dose(dose, interval, half_life, volume, doses, step=0.25):
    """Serum passive IgG by stepping: each infusion adds dose/volume, each step decays by exp(-k step)."""
    k = np.log(2) / half_life
    per_interval = int(round(interval / step))
    level, trace = 0.0, []
    for _ in range(doses):
        level += 100 * dose / volume
        for _ in range(per_interval):
            trace.append(level)
            level *= np.exp(-k * step)
    return np.array(trace), level  # level: just before the next infusion


@pytest.mark.parametrize("dose, interval, half_life", [(500, 28, 25), (400, 21, 21), (800, 14, 35), (300, 42, 18)])
def test_closed_form_trough_matches_a_dose_by_dose_simulation(dose, interval, half_life):
    volume = ivig.PARAMS["igg_volume_ml_per_kg"].default
    trace, last_trough = dose_by_dose(dose, interval, half_life, volume, doses=60)
    steady = trough_igg(dose_mg_per_kg=dose, interval_days=interval, igg_half_life_days=half_life)
    assert last_trough == pytest.approx(steady, rel=1e-6)
    t = np.arange(trace.size) * 0.25
    closed = passive_igg(t, dose_mg_per_kg=dose, interval_days=interval, igg_half_life_days=half_life)
    np.testing.assert_allclose(closed, trace, rtol=1e-9)


def test_stopping_after_a_dose_lets_the_passive_igg_decay_with_its_half_life():
    t = np.arange(0.0, 200.0, 1.0)
    stopped = passive_igg(t, last_dose_day=56.0)
    going = passive_igg(t)
    assert np.array_equal(stopped[t < 84], going[t < 84])
    half_life = ivig.PARAMS["igg_half_life_days"].default
    assert stopped[t == 56 + 2 * 28 + half_life][0] == pytest.approx(stopped[t == 56 + 2 * 28][0] / 2, rel=1e-9)


def test_trough_rises_73_mg_dl_per_extra_100_mg_per_kg_every_4_weeks():
    """Lee et al. 2020: +73 mg/dL of trough per extra 100 mg/kg (random-effects meta-regression slope)."""
    doses = np.arange(400, 601, 100)
    troughs = np.array([trough_igg(dose_mg_per_kg=d, interval_days=28) for d in doses])
    assert np.diff(troughs) == pytest.approx([73, 73], abs=1)


def test_pneumonia_rate_falls_27_percent_per_100_mg_dl_and_matches_orange_at_500_and_1000():
    """Orange et al. 2010: 0.113 pneumonias per patient-year at 500 mg/dL, 0.023 at 1000, IRR 0.726 per 100 mg/dL."""
    assert pneumonia_rate(trough_mg_dl=500) == pytest.approx(0.113)
    assert pneumonia_rate(trough_mg_dl=1000) == pytest.approx(0.023, abs=0.001)
    assert pneumonia_rate(trough_mg_dl=800) / pneumonia_rate(trough_mg_dl=700) == pytest.approx(0.726)


def test_more_often_or_more_igg_raises_the_trough_and_lowers_pneumonias():
    base = course()
    weekly_3 = course(interval_days=21)
    assert weekly_3.steady_trough_mg_dl > base.steady_trough_mg_dl
    assert weekly_3.pneumonias_per_year < base.pneumonias_per_year
    assert trough_igg(endogenous_igg_mg_dl=300) == pytest.approx(trough_igg() + 300)


def test_course_reaches_the_steady_trough_from_below_and_peaks_after_infusions():
    result = course(days=730)
    troughs = result.igg_mg_dl[np.isin(result.days, result.dose_days[1:] - 1e-6)]
    assert np.all(np.diff(troughs) > 0) and troughs[-1] == pytest.approx(result.steady_trough_mg_dl, rel=0.01)
    assert result.igg_mg_dl.max() <= result.steady_peak_mg_dl + 1e-9


@settings(max_examples=60, deadline=None)
@given(within(ivig.PARAMS.subset(ivig.REGIMEN + ["endogenous_igg_mg_dl", "days"] + ivig.RATE)))
def test_course_is_finite_non_negative_and_ordered(values):
    result = course(**values)
    assert np.all(np.isfinite(result.igg_mg_dl)) and np.all(result.igg_mg_dl >= values["endogenous_igg_mg_dl"] - 1e-9)
    assert result.steady_peak_mg_dl >= result.steady_trough_mg_dl >= values["endogenous_igg_mg_dl"]
    assert 0 < result.pneumonias_per_year


@settings(max_examples=60, deadline=None)
@given(within(ivig.PARAMS.subset(["trough_mg_dl"] + ivig.RATE)))
def test_pneumonia_rate_is_positive_and_falls_with_the_trough(values):
    rates = pneumonia_rates(np.array([values["trough_mg_dl"], values["trough_mg_dl"] + 100]),
                            pneumonia_rate_at_500_per_year=values["pneumonia_rate_at_500_per_year"],
                            pneumonia_ratio_per_100_mg_dl=values["pneumonia_ratio_per_100_mg_dl"])
    assert np.all(rates > 0) and rates[1] <= rates[0]


@pytest.mark.parametrize("call, message", [
    (lambda: trough_igg(dose_mg_per_kg=-5), "dose_mg_per_kg=-5 is outside the allowed range 100..1000 mg/kg"),
    (lambda: trough_igg(interval_days=2.5), "interval_days=2.5 is outside"),
    (lambda: pneumonia_rate(trough_mg_dl=float("nan")), "trough_mg_dl=nan is outside"),
    (lambda: passive_igg(np.array([-1.0, 2.0])), "days must be"),
    (lambda: pneumonia_rates(np.array([-3.0])), "finite and >= 0"),
])
def test_bad_input_names_the_parameter_and_its_range(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        call()


def test_a_call_is_fast():
    import timeit
    assert timeit.timeit(lambda: course(days=730), number=20) / 20 < 0.005
