"""Shared test set-up: Qt must run headless, so the platform is chosen before any Qt import."""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def no_window_outlives_its_test():
    """Every top-level widget a test made is deleted before the next test starts.

    qtbot only closes the widgets given to addWidget, and by deleteLater, which needs a later
    event loop turn: after the last test there is none, and dialogs that a window opened
    itself are never registered. Whatever is still alive at exit is destroyed by PySide's own
    teardown (destroyQCoreApplication, in wrapper-map order, parents and Python-owned
    children apart), which deleted a QLineEdit of a leftover dialog a second time:
    "QObject: shared QObject was deleted directly", then SIGSEGV or glibc's heap abort
    (exit 139/134) after every test had passed.
    """
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if app is None:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    for window in app.topLevelWidgets():
        if window.parentWidget() is None:  # popups and child dialogs go with their parent
            if window.isVisible():
                window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    """A fresh database file per test; the data folder (logs, backups) is private to the test too."""
    monkeypatch.setenv("XIANFENG_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "test.db"


@pytest.fixture
def db(db_path):
    from models import db as dbmod

    conn = dbmod.connect(db_path)
    yield conn
    dbmod.close()


@pytest.fixture
def demo_db(db):
    """A small township (60 members) made by the demo generator."""
    from models import demo

    demo.fill(members=60)
    return db


@pytest.fixture
def branch(db):
    """One 党委 with one village 党支部; returns the branch."""
    from models import organizations

    top = organizations.save({"name": "中共先锋镇委员会", "short_name": "先锋镇党委", "level": "党委"})
    return organizations.save({
        "name": "中共东风村支部委员会", "short_name": "东风村党支部", "level": "党支部",
        "parent_id": top.id, "category": "rural", "supervision_phone": "0371-62810001",
    })

