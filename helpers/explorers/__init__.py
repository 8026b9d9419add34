"""Ready-made explorers, one module per notebook topic; each ``explore_*()`` returns an :class:`~helpers.explore.Explorer`.

The benchmarks time every ``explore_*`` function found here, so a new explorer is measured without extra code.
"""
