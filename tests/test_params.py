"""Parameter specs: one declaration drives validation, defaults, signatures and the model-card table."""
import inspect
import math

import pytest
from hypothesis import given, strategies as st

from helpers.formatting import plain_number
from helpers.params import Choice, Param, ParamSet, validated

DIVISION = Param("hsc_division_interval_days", 280, 50, 700, "days", "mean time between divisions", "Catlin 2011")
PROFILE = Choice("profile", "healthy", ("healthy", "scid"), "which immune system")
SPECS = ParamSet(DIVISION, PROFILE)


@validated(SPECS)
def model(*, hsc_division_interval_days, profile, days=30):
    return hsc_division_interval_days, profile, days


def test_defaults_come_from_the_specs_and_show_in_the_signature():
    assert model() == (280, "healthy", 30)
    signature = inspect.signature(model)
    assert signature.parameters["hsc_division_interval_days"].default == 280
    assert signature.parameters["profile"].default == "healthy"


def test_out_of_range_value_names_parameter_value_and_range():
    with pytest.raises(ValueError, match=r"hsc_division_interval_days=-3 is outside the allowed range 50\.\.700 days"):
        model(hsc_division_interval_days=-3)


@pytest.mark.parametrize("bad", [math.nan, math.inf, "280", None, True])
def test_non_numbers_and_non_finite_values_are_refused(bad):
    with pytest.raises(ValueError, match="hsc_division_interval_days="):
        model(hsc_division_interval_days=bad)


def test_unknown_choice_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"profile='xla' is not a valid choice; choose one of 'healthy', 'scid'"):
        model(profile="xla")


def test_unknown_parameter_names_are_refused_with_the_valid_names():
    with pytest.raises(ValueError, match="valid ones are hsc_division_interval_days, profile"):
        SPECS.validate({"hsc_count": 1})


@given(st.floats(50, 700))
def test_every_value_in_range_is_accepted_unchanged(value):
    assert DIVISION.validate(value) == value


def test_integer_params_refuse_fractions():
    whole = Param("days", 10, 1, 100, "days", "m", "s", integer=True)
    assert whole.validate(12.0) == 12 and isinstance(whole.validate(12.0), int)
    with pytest.raises(ValueError, match="whole number"):
        whole.validate(12.5)


def test_a_spec_whose_default_is_outside_its_range_is_a_programming_error():
    with pytest.raises(ValueError, match="default"):
        Param("x", 5, 0, 1, "", "m", "s")


def test_decorated_function_must_declare_every_spec():
    with pytest.raises(TypeError, match="does not declare"):
        validated(SPECS)(lambda *, profile: profile)


def test_model_card_lists_every_parameter_with_unit_and_source():
    card = SPECS.model_card()
    assert "| hsc_division_interval_days | 280 | 50..700 days | mean time between divisions | Catlin 2011 |" in card
    assert "healthy / scid" in card


def test_slider_label_carries_the_unit():
    assert DIVISION.display_label == "hsc division interval (days)"
    assert Param("weight_kg", 70, 1, 150, "kg", "m", "s").display_label == "weight (kg)"
    assert Param("igg_g_per_l", 8, 1, 15, "g/L", "m", "s").display_label == "igg (g/L)"
    assert Param("anc", 4, 1, 15, "1e9/L", "m", "s").display_label == "anc (1e9/L)"
    assert Param("lifespan_days", 1, 0, 2, "days", "m", "s", label="lifespan").display_label == "lifespan (days)"


@pytest.mark.parametrize("value, text", [(280, "280"), (0.5, "0.5"), (5e-4, "5e-4"), (2.44e13, "2.44e13"),
                                         (20000, "2e4"), (0, "0"), (-1.5e-5, "-1.5e-5")])
def test_numbers_read_as_a_person_writes_them(value, text):
    assert plain_number(value) == text


def test_a_shared_quantity_merges_and_two_different_specs_under_one_name_do_not():
    from helpers.models import physiology

    first = ParamSet(physiology.NORMAL_ANC, Param("a", 1, 0, 2, "", "m", "s"))
    second = ParamSet(physiology.NORMAL_ANC, Param("b", 1, 0, 2, "", "m", "s"))
    assert (first + second).names == ["normal_anc_1e9_per_l", "a", "b"]
    clash = ParamSet(Param("normal_anc_1e9_per_l", 4.0, 1.0, 9.0, "1e9/L", "m", "s"))
    with pytest.raises(ValueError, match="cannot merge two different specs named 'normal_anc_1e9_per_l'"):
        first + clash


def test_every_model_declares_a_shared_quantity_once():
    """No two models declare different specs under one name: every PARAMS merges with every other (the display
    horizon ``days`` aside: each view chooses how long to show)."""
    import importlib
    import pkgutil

    import helpers.models as models

    sets = [importlib.import_module(f"helpers.models.{info.name}").__dict__.get("PARAMS")
            for info in pkgutil.iter_modules(models.__path__)]
    merged = ParamSet()
    for specs in filter(None, sets):
        merged = merged + specs.subset(name for name in specs.names if name != "days")  # raises on a clash
    assert "normal_anc_1e9_per_l" in merged


def test_the_model_card_lists_values_taken_from_another_model():
    inherited = ParamSet(Param("free_niches", 0.01, 0, 0.1, "fraction", "niches empty", "Shepherd"))
    specs = ParamSet(Param("dose", 5, 0, 10, "cells", "graft", "To"), inherits={"niche.compete": inherited})
    card = specs.model_card()
    assert "Taken from `niche.compete`" in card and "| free_niches | 0.01 |" in card
    assert (specs + ParamSet()).inherits == {"niche.compete": inherited}


def test_scenarios_are_data_checked_against_the_specs():
    from helpers.params import Scenario

    specs = ParamSet(Param("dose", 5, 0, 10, "cells", "graft", "To"))
    table = specs.scenarios({"low": Scenario("a small graft", dose=1)})
    assert table["low"].kwargs() == {"dose": 1} and table["low"].kwargs(dose=2) == {"dose": 2}
    with pytest.raises(ValueError, match="scenario 'bad': dose=11 is outside"):
        specs.scenarios({"bad": Scenario("too big", dose=11)})
    with pytest.raises(AttributeError):
        table["low"].meaning = "changed"


def test_every_spec_on_a_model_card_can_be_set_through_a_public_function():
    """A card must not list a parameter the learner cannot pass: each spec in a model's PARAMS is taken, keyword-only,
    by at least one of the model's public ``@validated`` functions."""
    import importlib
    import inspect
    import pkgutil

    import helpers.models as models

    unsettable = []
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"helpers.models.{info.name}")
        specs = getattr(module, "PARAMS", None)
        if specs is None:
            continue
        settable = set()
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and fn.__module__ == module.__name__ and hasattr(fn, "specs"):
                keyword_only = {p.name for p in inspect.signature(fn).parameters.values()
                                if p.kind is inspect.Parameter.KEYWORD_ONLY}
                settable |= set(fn.specs.names) & keyword_only
        unsettable += [f"{info.name}.{name}" for name in specs.names if name not in settable]
    assert not unsettable, f"on a model card but not settable: {unsettable}"
