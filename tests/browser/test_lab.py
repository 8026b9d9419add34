"""The throw-away JupyterLab is isolated (its own settings and workspaces, no news, no update check) yet still finds
the extensions installed in the environment (sys.prefix): the widget manager, anywidget and Plotly's."""
import sys

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

NEEDED_EXTENSIONS = {"@jupyter-widgets/jupyterlab-manager", "anywidget", "jupyterlab-plotly"}


def test_lab_loads_the_widget_extensions_from_the_environment(lab):
    config = lab.page_config()
    found = {extension["name"] for extension in config["federated_extensions"]}
    assert NEEDED_EXTENSIONS <= found, f"missing lab extensions: {sorted(NEEDED_EXTENSIONS - found)}"
    assert config["schemasDir"].startswith(sys.prefix)


def test_lab_uses_its_own_settings_and_workspaces(lab):
    config = lab.page_config()
    home = lab.runtime_dir.parent
    for key in ("userSettingsDir", "workspacesDir", "appSettingsDir"):
        assert config[key].startswith(str(home)), f"{key} = {config[key]} is outside the test's folder {home}"


def test_lab_has_no_news_and_no_update_check(lab):
    assert lab.page_config()["news"]["disabled"] is True
    notification = lab.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")["schema"]
    assert notification["properties"]["fetchNews"]["default"] == "false"
    assert notification["properties"]["checkForUpdates"]["default"] is False
