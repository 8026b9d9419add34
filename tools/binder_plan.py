"""Show what Binder (repo2docker) will build from this repository, without building anything.

    python tools/binder_plan.py        # prints the detected build pack and the Dockerfile it would use
"""
from __future__ import annotations

import os
from contextlib import chdir
from pathlib import Path

from repo2docker.app import Repo2Docker

ROOT = Path(__file__).resolve().parents[1]


def plan(repo: Path = ROOT) -> tuple[str, str]:
    """The name of the build pack repo2docker picks for ``repo``, and the Dockerfile it renders."""
    app = Repo2Docker()
    with chdir(repo):
        buildpack = next((bp for bp in (cls(base_image=app.base_image) for cls in app.buildpacks) if bp.detect()),
                         None) or app.default_buildpack(base_image=app.base_image)
        buildpack.platform = "linux/amd64"  # what mybinder.org builds for
        dockerfile = buildpack.render({"NB_USER": "jovyan", "NB_UID": "1000"})
    return type(buildpack).__name__, dockerfile


if __name__ == "__main__":
    name, dockerfile = plan()
    print(f"repo2docker build pack: {name}\n")
    print(dockerfile)
