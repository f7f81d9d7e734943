"""帮助 → 快捷键 and 关于, as a clerk (or the technician on the phone) uses them."""
import tomllib
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from tests.ui.test_main_window import make_window
from ui.help import help_menu


def rows(table):
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_the_help_menu_is_last_with_keys_and_about(qtbot, demo_db, db_path):
    w = make_window(qtbot, db_path)
    last = w.menuBar().actions()[-1]
    assert last.text() == "帮助(&H)"
    assert [a.text() for a in last.menu().actions() if a.text()] == ["使用说明…", "快捷键…", "关于先锋台账…"]


def test_shortcuts_come_from_the_window_itself(qtbot, demo_db, db_path):
    w = make_window(qtbot, db_path)
    dialog = help_menu.ShortcutsDialog(w)
    qtbot.addWidget(dialog)
    shown = dict(rows(dialog.table))
    assert shown["Ctrl+Q"] == "文件 → 退出"
    assert shown["Ctrl+P"] == "打印 → 党员公开承诺公示栏…"
    assert shown["Ctrl+N"] == "新增党员"
    assert shown["F1"] == "帮助 → 使用说明…"
    assert shown["Shift+F1"] == "帮助 → 快捷键…"
    assert shown["Esc"].startswith("取消或关闭对话框")
    w.quit_action.setShortcut("Ctrl+Shift+X")  # a changed key shows as it is, not as it was
    assert dict(rows(help_menu.ShortcutsDialog(w).table))["Ctrl+Shift+X"] == "文件 → 退出"


def test_about_shows_version_and_folders_and_opens_them(qtbot, demo_db, db_path, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    w = make_window(qtbot, db_path)
    dialog = help_menu.AboutDialog(w, str(db_path))
    qtbot.addWidget(dialog)
    root = Path(__file__).resolve().parents[2]
    expected = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert help_menu.version() == expected and expected in dialog.findChild(QLabel, "about_version").text()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    data = tmp_path / "data"  # XIANFENG_DATA_DIR of the test
    assert str(db_path) in texts and str(data) in texts and str(data / "logs") in texts
    dialog.open_buttons["logs"].click()
    dialog.open_buttons["data"].click()
    assert opened == [QUrl.fromLocalFile(str(data / "logs")), QUrl.fromLocalFile(str(data))]
    assert (data / "logs").is_dir()  # made if the program had not written a log yet
