"""Hypothesis strategies shared by the model tests."""
from hypothesis import strategies as st

from helpers.params import Choice


def within(specs):
    """Any combination of values inside the allowed ranges of ``specs`` (a ParamSet or its subset)."""
    def one(spec):
        if isinstance(spec, Choice):
            return st.sampled_from(spec.options)
        if spec.integer:
            return st.integers(int(spec.low), int(spec.high))
        return st.floats(spec.low, spec.high, allow_nan=False)
    return st.fixed_dictionaries({spec.name: one(spec) for spec in specs})
