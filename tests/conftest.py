"""Shared test set-up."""
import comm
import pytest
from jupyter_client.session import json_packer


@pytest.fixture(autouse=True)
def widget_messages_must_serialise(monkeypatch):
    """Send every widget message through the kernel's JSON packer, as a real kernel does.

    Without a kernel, ipywidgets talks to a DummyComm that drops messages, so a value the kernel cannot send
    (a NumPy bool in a layout, say) would pass unit tests and fail in JupyterLab.
    """
    def publish(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        json_packer({"msg_type": msg_type, "data": data, "metadata": metadata, **keys})

    monkeypatch.setattr(comm.DummyComm, "publish_msg", publish)
