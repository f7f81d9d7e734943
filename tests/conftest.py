"""Shared test set-up: Qt must run headless, so the platform is chosen before any Qt import."""
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings

from models.safety import opening
from ui.qtcompat import guard_singletons

guard_singletons()  # as ui.app does for the window: long test runs make many void Qt calls

# Property tests count examples, not milliseconds: a busy CI machine must not fail them.
settings.register_profile("xianfeng", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "xianfeng"))


@pytest.fixture(autouse=True)
def inline_jobs(request):
    """In a test with Qt, background jobs run at once on the test's thread, unless the test
    asks for `real_jobs`; either way no worker may outlive the test, and the busy cursor must
    be restored. Tests without Qt import none of it."""
    if not {"qtbot", "qapp", "real_jobs"} & set(request.fixturenames):
        yield
        return
    from PySide6.QtGui import QGuiApplication

    from ui import jobs

    if "real_jobs" in request.fixturenames:
        yield
    else:
        with jobs.run_inline():
            yield
    left = jobs.running()
    jobs.stop_all(wait=True)
    assert not left, f"jobs still running after the test: {[j.title for j in left]}"
    if QGuiApplication.instance() is not None:
        assert QGuiApplication.overrideCursor() is None, "a busy cursor was left set"


@pytest.fixture
def real_jobs(qapp):
    """Jobs run on worker threads as in the window (the test waits with qtbot)."""


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
    from models.store import db as dbmod

    conn = opening.connect(db_path)
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
    from models.roster import organizations

    top = organizations.save({"name": "中共先锋镇委员会", "short_name": "先锋镇党委", "level": "党委"})
    return organizations.save({
        "name": "中共东风村支部委员会", "short_name": "东风村党支部", "level": "党支部",
        "parent_id": top.id, "category": "rural", "supervision_phone": "0371-62810001",
    })



@pytest.fixture
def read_only_folder(tmp_path):
    """A folder the test fills and then makes read-only, as a CD or a write-protected USB stick:
    (folder, lock). chmod stops a normal user; root ignores permissions (and CI runs as root),
    so there the folder is a tmpfs mount, remounted read-only by `lock`."""
    if os.name != "posix":
        pytest.skip("POSIX folders only")
    folder = tmp_path / "ro"
    folder.mkdir()
    mounted = os.geteuid() == 0
    if mounted:
        made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m,mode=0755", "tmpfs", str(folder)],
                              capture_output=True, text=True, check=False)
        if made.returncode != 0:
            pytest.fail(f"root could not mount a tmpfs for the read-only test: {made.stderr}")

    def lock():
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            folder.chmod(0o500)

    yield folder, lock
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)
    else:
        folder.chmod(0o700)


@pytest.fixture
def sites(tmp_path, monkeypatch):
    """A township file with the 60-member demo, and room for village files beside it
    (`tests.models.sync.sites.Sites`): the 数据包 tests, on the command line's side and the window's."""
    from models import demo
    from models.store import db as dbmod
    from tests.models.sync.sites import Sites

    monkeypatch.setenv("XIANFENG_DATA_DIR", str(tmp_path / "data"))
    s = Sites(tmp_path)
    s.use("township")
    demo.fill(members=60)
    yield s
    dbmod.close()
