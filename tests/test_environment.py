"""The three ways in (pip, conda, Binder) install the same packages at the same versions, and Binder builds."""
import re
from pathlib import Path

import yaml

from tools.binder_plan import plan

ROOT = Path(__file__).resolve().parents[1]


def pip_pins(path):
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins(path):
    pins = {}
    for item in yaml.safe_load(path.read_text())["dependencies"]:
        if isinstance(item, str) and "=" in item and not item.startswith("python"):
            name, version = re.split(r"=+", item, maxsplit=1)
            pins[name.lower()] = version
    return pins


def test_pip_binder_and_conda_name_the_same_packages_at_the_same_versions():
    pip = pip_pins(ROOT / "requirements.txt")
    assert {"anywidget", "ipywidgets", "jupyterlab", "numpy", "plotly"} <= set(pip)
    assert pip_pins(ROOT / "binder" / "requirements.txt") == pip
    assert conda_pins(ROOT / "environment.yml") == pip


def test_every_requirement_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt", "binder/requirements.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            assert not line or line.startswith("-r ") or re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.]+", line), line


def test_anywidget_is_listed_explicitly_for_plotly_figurewidget():
    assert "anywidget" in pip_pins(ROOT / "requirements.txt")


def test_conda_and_binder_install_the_helpers_package():
    assert "--editable ." in (ROOT / "environment.yml").read_text()
    post_build = ROOT / "binder" / "postBuild"
    assert post_build.stat().st_mode & 0o111 and "--editable ." in post_build.read_text()


def test_repo2docker_picks_the_python_build_pack_from_binder():
    name, dockerfile = plan()
    assert name == "PythonBuildPack"
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "./binder/postBuild" in dockerfile
    assert "environment.yml" not in dockerfile  # binder/ exists, so the root's files are ignored


def test_readme_binder_badge_opens_the_start_notebook_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"mybinder\.org/v2/gh/[^)\s]+\?urlpath=lab/tree/notebooks/00_start_here\.ipynb", readme)
