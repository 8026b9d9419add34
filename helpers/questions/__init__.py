"""The self-check and by-the-numbers questions of each notebook, one module per notebook.

They live here, not in the notebooks, so a learner does not read the answer in the code cell above the question,
and so numeric answers come from the models (and are tested) rather than typed in twice.
"""
