"""JupyterLab server settings for the collection: kernel messages reach the browser without Nagle delays, and a
saved notebook never keeps widget outputs.

Jupyter Server writes each kernel message to the browser's websocket as it arrives, but leaves Nagle's algorithm on
for that socket. A slider move answers with a burst of small messages (status, echo, the figure update); with Nagle
on, a message can wait for the browser's delayed acknowledgement, about 40 ms, before it leaves. Measured here: one
kernel round trip in four took 45 ms instead of 5 ms. ``labconfig/jupyter_server_config.json`` selects this class;
``make lab``, Binder (``binder/postBuild``) and the browser tests all use that file.

A notebook saved with its explorers' outputs (widget views) and widget state reopens with "Error displaying widget:
model not found" in every explorer, since the kernel that held the widgets is gone. ``drop_widget_outputs`` is the
server's pre-save hook: whatever the browser sends, the file keeps text, tables and images but no widget views and no
widget state, so a notebook saved during a class or by autosave reopens clean.
"""
from __future__ import annotations

import asyncio

from typing import Any

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel websocket connection with TCP_NODELAY set on the browser's socket."""

    def connect(self) -> asyncio.Future[None] | None:
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def drop_widget_outputs(model: dict[str, Any], **_context: Any) -> None:
    """Pre-save hook (``ContentsManager.pre_save_hook``): remove widget-view outputs and the widget state from a
    notebook about to be saved, in place; other files and other outputs are left as they are."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    notebook = model["content"]
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = [output for output in cell.get("outputs", [])
                               if WIDGET_VIEW not in output.get("data", {})]
