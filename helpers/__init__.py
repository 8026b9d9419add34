"""Shared code for the hsc-notebooks collection: models (pure NumPy), figures, explorers and quizzes."""
from .figures import presentation

__all__ = ["presentation", "environment_report"]
__version__ = "0.1.0"


def environment_report() -> str:
    """Versions of Python and of the packages the notebooks need, one per line."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    lines = [f"Python {platform.python_version()}"]
    for package in ("numpy", "plotly", "ipywidgets", "anywidget", "jupyterlab"):
        try:
            lines.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            lines.append(f"{package} MISSING: run `make lab` or `pip install -r requirements.txt`")
    return "\n".join(lines)
