"""JupyterLab server settings for the collection: kernel messages reach the browser without Nagle delays.

Jupyter Server writes each kernel message to the browser's websocket as it arrives, but leaves Nagle's algorithm on
for that socket. A slider move answers with a burst of small messages (status, echo, the figure update); with Nagle
on, a message can wait for the browser's delayed acknowledgement, about 40 ms, before it leaves. Measured here: one
kernel round trip in four took 45 ms instead of 5 ms. ``labconfig/jupyter_server_config.json`` selects this class;
``make lab``, Binder (``binder/postBuild``) and the browser tests all use that file.
"""
from __future__ import annotations

import asyncio

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel websocket connection with TCP_NODELAY set on the browser's socket."""

    def connect(self) -> asyncio.Future[None] | None:
        self.websocket_handler.set_nodelay(True)
        return super().connect()
