import pytest

from tests import print_server as server_module


@pytest.fixture(scope="session")
def _cups_session():
    yield from server_module.start()


@pytest.fixture
def print_server(_cups_session, monkeypatch):
    """The private CUPS scheduler, the one lp and lpstat talk to during this test."""
    monkeypatch.setenv("CUPS_SERVER", _cups_session.socket)
    return _cups_session
