"""The collection's server settings (labconfig/): a notebook saved during a session keeps no widget outputs or widget
state, so it reopens without "Error displaying widget: model not found"."""
import json
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from traitlets.config import Config

import hsc_lab

CONFIG = json.loads((Path(__file__).parents[1] / "labconfig" / "jupyter_server_config.json").read_text())


def notebook_with_a_widget_and_a_plot() -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    cell = nbformat.v4.new_code_cell("explore_case()")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={hsc_lab.WIDGET_VIEW: {"model_id": "abc", "version_major": 2},
                                                     "text/plain": "VBox(...)"}),
        nbformat.v4.new_output("stream", name="stdout", text="computed\\n"),
        nbformat.v4.new_output("display_data", data={"text/markdown": "| a | b |"}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# A notebook"), cell]
    return json.loads(nbformat.writes(nb))


@pytest.fixture
def contents(tmp_path):
    """The server's contents manager with the collection's settings, as `make lab` starts it."""
    return FileContentsManager(root_dir=str(tmp_path), config=Config(CONFIG))


def test_saving_drops_widget_outputs_and_state_and_keeps_the_rest(contents, tmp_path):
    contents.save({"type": "notebook", "format": "json", "content": notebook_with_a_widget_and_a_plot()}, "class.ipynb")
    saved = nbformat.read(tmp_path / "class.ipynb", as_version=4)
    assert "widgets" not in saved.metadata
    outputs = saved.cells[1].outputs
    assert [o.output_type for o in outputs] == ["stream", "display_data"]
    assert all(hsc_lab.WIDGET_VIEW not in o.get("data", {}) for o in outputs)
    assert saved.cells[0].source == "# A notebook"


def test_the_manager_jupyterlab_runs_drops_them_too(tmp_path):
    """JupyterLab's default contents manager is the asynchronous large-file one: the setting reaches it too. (Saved on
    a thread of its own: the browser tests' Playwright keeps an event loop running in this one.)"""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

    manager = AsyncLargeFileManager(root_dir=str(tmp_path), config=Config(CONFIG))
    model = {"type": "notebook", "format": "json", "content": notebook_with_a_widget_and_a_plot()}
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, manager.save(model, "class.ipynb")).result()
    saved = nbformat.read(tmp_path / "class.ipynb", as_version=4)
    assert "widgets" not in saved.metadata and len(saved.cells[1].outputs) == 2


def test_other_files_are_saved_untouched(contents, tmp_path):
    contents.save({"type": "file", "format": "text", "content": "application/vnd.jupyter.widget-view+json"}, "notes.txt")
    assert (tmp_path / "notes.txt").read_text() == "application/vnd.jupyter.widget-view+json"


def test_without_the_collections_settings_widget_outputs_would_be_saved(tmp_path):
    """The check above can fail: a plain contents manager keeps what the browser sends."""
    plain = FileContentsManager(root_dir=str(tmp_path))
    plain.save({"type": "notebook", "format": "json", "content": notebook_with_a_widget_and_a_plot()}, "class.ipynb")
    assert "widgets" in nbformat.read(tmp_path / "class.ipynb", as_version=4).metadata
