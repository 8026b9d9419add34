"""Ready-made explorers, one module per notebook topic; each ``explore_*()`` returns an :class:`~helpers.explore.Explorer`.

Tests and benchmarks find every ``explore_*`` function here through :func:`catalogue`, so a new explorer is tested
and measured without extra code.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Callable


def catalogue() -> dict[str, Callable]:
    """Every ``explore_*`` function in this package, by ``module.function`` name."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("explore_") and fn.__module__ == module.__name__:
                found[f"{info.name}.{name}"] = fn
    return found
