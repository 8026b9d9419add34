"""The biology, as pure NumPy: no Plotly, no widgets. Each module declares its parameter specs once."""
