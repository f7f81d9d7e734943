"""Every window and dialog on the six screen settings clerks have: 1024×768 and 1366×768 at 100,
125 and 150 %. Offscreen Qt has one virtual screen, so `fit.area_override` stands in for the
available geometry the helper reads (logical pixels, less a 40-pixel taskbar): at 150 % a
1024×768 screen leaves 683×472 — the same as Windows gives a program whose text is 1.5× larger.
"""
import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

from models.store.tables import Member, Organization, Pledge, Review
from ui.widgets import fit

TASKBAR = 40
SCREENS = {f"{w}x{h}@{int(s * 100)}%": QRect(0, 0, round(w / s), round(h / s) - TASKBAR)
           for w, h in ((1024, 768), (1366, 768)) for s in (1.0, 1.25, 1.5)}


def _first(model):
    return model.select().order_by(model.id).first()


def _branch() -> Organization:
    return Organization.select().where(Organization.level == "党支部").order_by(Organization.id).first()


def _candidate():
    from models.assessment import scoring

    return scoring.summary(dt.date.today().year, _branch().id).members[0]


def _pdf() -> bytes:
    from reportlab.lib.pagesizes import A3, landscape

    from tests.ui.prints.test_pdf_preview import make_pdf

    return make_pdf([landscape(A3)])


def _make(name: str, parent: QWidget) -> QWidget:
    """Every dialog the window opens, on the demo township."""
    year = dt.date.today().year
    branch = _branch()
    if name == "member_new":
        from ui.roster.member_dialog import MemberDialog
        return MemberDialog(parent, org_id=branch.id)
    if name == "member_edit":
        from ui.roster.member_dialog import MemberDialog
        return MemberDialog(parent, member_id=_first(Member).id)
    if name == "org":
        from ui.roster.org_dialog import OrgDialog
        return OrgDialog(parent, parent_id=branch.parent_id)
    if name == "status":
        from ui.roster.status_dialog import StatusDialog
        return StatusDialog(parent, _first(Member).id)
    if name == "settings":
        from ui.config.settings_dialog import SettingsDialog
        return SettingsDialog(parent)
    if name == "print_settings":  # 设置 opened at its widest pages
        from ui.config.settings_dialog import SettingsDialog
        return SettingsDialog(parent, "打印")
    if name == "assessment_settings":
        from ui.config.settings_dialog import SettingsDialog
        return SettingsDialog(parent, "评议与考核")
    if name == "review_new":
        from ui.campaign.review_dialog import ReviewDialog
        return ReviewDialog(parent, branch.id)
    if name == "review_edit":
        from ui.campaign.review_dialog import ReviewDialog
        review = _first(Review)
        return ReviewDialog(parent, review.org_id, review.id)
    if name == "pledge":
        from ui.campaign.pledge_dialog import PledgeDialog
        return PledgeDialog(parent, pledge_id=_first(Pledge).id)
    if name == "member_picker":
        from ui.campaign.pledge_actions import MemberPicker
        return MemberPicker(parent, branch.id, year, set())
    if name == "send_back":
        from ui.campaign.pledge_actions import SendBackDialog
        return SendBackDialog(parent, _first(Pledge).id, "王建国")
    if name == "publish":
        from ui.campaign.pledge_actions import PublishDialog
        return PublishDialog(parent, [branch.id], year, _first(Pledge).id, "王建国", 3)
    if name == "evaluate":
        from ui.campaign.pledge_actions import EvaluateDialog
        return EvaluateDialog(parent, _first(Pledge).id, "王建国")
    if name == "letters":
        from ui.prints.review_prints import LettersOptions
        return LettersOptions(parent, branch.id)
    if name == "ballots":
        from ui.prints.review_prints import BallotOptions
        return BallotOptions(parent, branch.id, True)
    if name == "record":
        from ui.prints.record_prints import RecordOptions
        return RecordOptions(parent, branch.id)
    if name == "minutes":
        from ui.prints.review_prints import MinutesOptions
        return MinutesOptions(parent, branch.id)
    if name == "pledge_board":
        from ui.prints.print_actions import PledgeBoardOptions
        return PledgeBoardOptions(parent)
    if name == "preview":
        from ui.prints.pdf_preview import PreviewDialog
        return PreviewDialog(parent, "党员公开承诺公示栏", _pdf(), "公示栏.pdf", "说明")
    if name == "send":
        from ui.prints.send_dialog import SendDialog
        from ui.prints.spool.options import PageSize
        return SendDialog(parent, [PageSize(1191, 842)] * 27, ["HP LaserJet 1020 办公室"], "", {},
                          lambda printer, raster: "raster")
    if name == "certificates":
        from ui.prints.certificate_dialog import CertificateDialog
        return CertificateDialog(parent, branch.id)
    if name == "audit":
        from ui.safety.audit_view import AuditLogDialog
        return AuditLogDialog(parent)
    if name == "backup":
        from ui.safety.backup_dialog import BackupRestoreDialog
        return BackupRestoreDialog(parent, parent.db_path)
    if name == "assessment_entry":
        from ui.committee.assessment_dialog import AssessmentEntryDialog
        return AssessmentEntryDialog(parent, year, _candidate())
    if name == "commendation_step":
        from ui.committee.commendation_dialogs import decline_dialog
        return decline_dialog(parent, ["王建国", "李红"], lambda data: None)
    if name == "shortcuts":
        from ui.help.help_menu import ShortcutsDialog
        return ShortcutsDialog(parent)
    if name == "about":
        from ui.help.help_menu import AboutDialog
        return AboutDialog(parent, parent.db_path)
    if name == "packages":
        from ui.exchange.packages_dialog import PackagesDialog
        return PackagesDialog(parent)
    if name == "manual":
        from ui.help.manual import ManualDialog
        return ManualDialog(parent)
    if name == "import":
        from ui.exchange.import_dialog import RosterImportDialog
        return RosterImportDialog(parent, branch.id)
    raise AssertionError(name)


DIALOG_CLASSES = {
    "member_new": "MemberDialog", "org": "OrgDialog", "status": "StatusDialog", "settings": "SettingsDialog",
    "print_settings": "SettingsDialog", "assessment_settings": "SettingsDialog",
    "review_new": "ReviewDialog", "pledge": "PledgeDialog", "member_picker": "MemberPicker",
    "send_back": "SendBackDialog", "publish": "PublishDialog", "evaluate": "EvaluateDialog",
    "letters": "LettersOptions", "ballots": "BallotOptions", "minutes": "MinutesOptions",
    "record": "RecordOptions",
    "pledge_board": "PledgeBoardOptions", "preview": "PreviewDialog", "send": "SendDialog",
    "certificates": "CertificateDialog",
    "audit": "AuditLogDialog", "backup": "BackupRestoreDialog", "assessment_entry": "AssessmentEntryDialog",
    "commendation_step": "StepDialog", "import": "RosterImportDialog", "shortcuts": "ShortcutsDialog",
    "about": "AboutDialog", "manual": "ManualDialog",
    "packages": "PackagesDialog",
}
DIALOGS = [*DIALOG_CLASSES, "member_edit", "review_edit"]


BASES = {"GuardedDialog", "RecordDialog"}


def test_every_dialog_class_is_in_the_list():
    """A new dialog fails here until it is added to DIALOGS (and so checked on the six screens)."""
    import importlib
    import inspect
    import pkgutil

    from PySide6.QtWidgets import QDialog

    import ui

    found = set()
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        if info.name.startswith("ui.cli"):
            continue
        module = importlib.import_module(info.name)
        found |= {name for name, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, QDialog) and cls.__module__ == info.name}
    assert found - BASES == set(DIALOG_CLASSES.values())


def _outside(window: QWidget, room: QRect) -> list[str]:
    """Buttons (not inside a scroll area, where scrolling reaches them) that fall off the window."""
    inside = QRect(QPoint(0, 0), room.size())
    off = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _scrolled(button, window):
            continue
        rect = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        if not inside.contains(rect):
            off.append(f"{button.text() or button.objectName()} at {rect.getRect()}")
    return off


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _assert_fits(window: QWidget, label: str) -> None:
    QApplication.processEvents()
    room = QRect(QPoint(0, 0), fit.client_area(window))
    size = window.size()
    assert size.width() <= room.width() and size.height() <= room.height(), (
        f"{label}: {size.width()}×{size.height()} on {room.width()}×{room.height()}"
        f" (minimum {window.minimumSizeHint().width()}×{window.minimumSizeHint().height()})")
    assert not _outside(window, room), f"{label}: {_outside(window, room)}"


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_every_screen(qtbot, demo_db, db_path, screen, name):
    from ui.main_window import MainWindow

    window = MainWindow(str(db_path))
    qtbot.addWidget(window)
    window.load()
    for label, area in SCREENS.items():
        screen(area)
        dialog = _make(name, window)
        assert type(dialog).__name__ == DIALOG_CLASSES.get(name, type(dialog).__name__)
        assert dialog.property("fitted"), f"{name} is not sized by fit.to_screen"
        dialog.show()
        _assert_fits(dialog, f"{name} on {label}")
        dialog.hide()
        dialog.deleteLater()


@pytest.mark.parametrize("label", list(SCREENS))
def test_main_window_fits_and_opens_maximised_on_small_screens(qtbot, demo_db, db_path, screen, label):
    from models.roster import organizations
    from ui.main_window import MainWindow

    area = screen(SCREENS[label])
    top = Organization.get(Organization.level == "党委")
    for n in range(3, 33):
        organizations.save({"name": f"中共东风村第{n}支部委员会", "short_name": f"东风村第{n}党支部",
                            "level": "党支部", "parent_id": top.id, "category": "rural"})
    window = MainWindow(str(db_path))
    qtbot.addWidget(window)
    window.load()
    window.show_fitted()
    minimum = window.minimumSizeHint()
    room = fit.client_area(window)
    assert minimum.width() <= room.width() and minimum.height() <= room.height(), (label, minimum)
    assert window.isMaximized() == (area.width() < 1296 or area.height() < 840)
    window.showNormal()
    window.resize(room)  # offscreen has no window manager to maximise it to the stand-in screen
    _assert_fits(window, f"main window on {label}")
    tree = window.tree
    window.splitter.setSizes([0, room.width()])  # the tree dragged as narrow as it goes
    QApplication.processEvents()
    metrics = tree.fontMetrics()
    assert tree.verticalScrollBar().isVisible()  # 30 more branches: the tree scrolls, and still
    for item in tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive):
        right = tree.visualItemRect(item).x() + metrics.horizontalAdvance(item.text(0)) + 6
        assert right <= tree.viewport().width(), (label, item.text(0))  # whole names, not 东风村第…


REAL_SCREEN = """
import json
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QScrollArea, QVBoxLayout
from ui.widgets import fit

app = QApplication([])
dialog = QDialog()
layout = QVBoxLayout(dialog)
for _ in range(40):
    layout.addWidget(QLineEdit(dialog))
box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
layout.addWidget(box)
fit.to_screen(dialog, 760, 820)
dialog.show()
app.processEvents()
area = fit.available_area(dialog)
print(json.dumps({"area": [area.width(), area.height()], "size": [dialog.width(), dialog.height()],
                  "scrolls": dialog.findChild(QScrollArea, "fit_scroll") is not None,
                  "buttons_bottom": box.mapTo(dialog, QPoint(0, 0)).y() + box.height()}))
"""


def test_the_helper_reads_the_real_screen_at_150_percent(tmp_path):
    """The stand-in above is what Qt itself gives: a 1024×768 screen under QT_SCALE_FACTOR=1.5
    (how Windows' 150 % reaches Qt) is 683×512 logical pixels, and a 760×820 dialog fits it."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "clerk", "x": 0, "y": 0, "width": 1024, "height": 768,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "1.5"}
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", REAL_SCREEN], env=env, cwd=root, capture_output=True,
                         text=True, check=True).stdout
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["area"] == [683, 512]
    assert seen["size"][0] <= 683 - fit.FRAME.width() and seen["size"][1] <= 512 - fit.FRAME.height()
    assert seen["scrolls"] and seen["buttons_bottom"] <= seen["size"][1]


@pytest.mark.parametrize("row", ["button_box", "row_layout"])
def test_a_tall_dialog_scrolls_and_keeps_its_bottom_row(qtbot, screen, row):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

    area = screen(SCREENS["1024x768@150%"])
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    fields = [QLineEdit(dialog) for _ in range(40)]
    for edit in fields:
        layout.addWidget(edit)
    if row == "button_box":
        box = QDialogButtonBox(dialog)
        buttons = [box.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole),
                   box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)]
        layout.addWidget(box)
    else:
        line = QHBoxLayout()
        buttons = [QPushButton("打印…", dialog), QPushButton("关闭", dialog)]
        for b in buttons:
            line.addWidget(b)
        layout.addLayout(line)
    fit.to_screen(dialog, 760, 820)
    dialog.show()
    _assert_fits(dialog, row)
    scroll = dialog.findChild(QScrollArea, "fit_scroll")
    assert scroll is not None and all(scroll.isAncestorOf(edit) for edit in fields)
    assert not any(scroll.isAncestorOf(b) for b in buttons) and all(b.isVisible() for b in buttons)
    assert dialog.height() <= area.height() - fit.FRAME.height()
