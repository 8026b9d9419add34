"""Every ODE model's own fast solver agrees with a tight LSODA solution of the same right-hand side."""
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from helpers.models.ode import all_cases


CASES = {case.name: case for case in all_cases()}


@pytest.mark.parametrize("name", CASES)
def test_fast_solver_matches_a_tight_reference(name):
    case = CASES[name]
    reference = solve_ivp(case.rhs, (case.t[0], case.t[-1]), case.y0, method="LSODA", t_eval=case.t,
                          rtol=1e-10, atol=1e-12 * max(1.0, float(np.max(np.abs(case.y0)))))
    assert reference.success, reference.message
    fast = case.fast()
    assert fast.shape == reference.y.shape
    scale = np.maximum(np.max(np.abs(reference.y), axis=1, keepdims=True), 1e-300)
    assert np.max(np.abs(fast - reference.y) / scale) <= case.rtol


def test_every_model_with_an_ode_is_checked():
    assert "turnover.pool_over_time" in CASES
