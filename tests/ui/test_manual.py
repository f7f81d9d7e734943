"""帮助 → 使用说明: the offline manual opens from F1, finds words, follows the window's menus."""
import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QListWidget

from tests.ui.conftest import type_text
from tests.ui.test_main_window import make_window
from ui.help import manual, manual_pictures

ROOT = Path(__file__).resolve().parents[2]


def _plain(text: str) -> str:
    return re.sub(r"\(&\w\)|&", "", text).rstrip("…")


def test_f1_opens_the_manual_with_its_contents(qtbot, demo_db, db_path, monkeypatch):
    w = make_window(qtbot, db_path)
    opened = []
    monkeypatch.setattr(manual.ManualDialog, "exec", lambda self: opened.append(self) or 0)
    entry = w.menuBar().actions()[-1].menu().actions()[0]
    assert entry.shortcut().toString() == "F1"
    entry.trigger()
    dialog = opened[0]
    qtbot.addWidget(dialog)
    titles = [dialog.contents.item(i).text().strip("　")
              for i in range(dialog.findChild(QListWidget, "manual_contents").count())]
    assert titles[:3] == ["第一次使用", "党组织概况", "党员名册"]
    for chapter in ("公开承诺", "季度评议", "年度考核（乡镇党委）", "表彰", "打印", "备份与恢复", "常见问题"):
        assert chapter in titles
    dialog.contents.setCurrentRow(titles.index("季度评议"))
    assert dialog.browser.textCursor().block().text() == "季度评议"


def test_search_marks_every_place_and_steps_through(qtbot):
    dialog = manual.ManualDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.search, "取值对应")
    count = dialog.findChild(QLabel, "manual_count")
    found = dialog.text().count("取值对应")
    assert found >= 2 and len(dialog.matches) == found
    assert count.text() == f"第 1 处，共 {found} 处"
    assert len(dialog.browser.extraSelections()) == found
    first = dialog.browser.textCursor().position()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert count.text() == f"第 2 处，共 {found} 处" and dialog.browser.textCursor().position() > first
    assert dialog.isVisible()  # Enter finds the next place; it does not press 关闭 (a new user's finding)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert count.text() == f"第 1 处，共 {found} 处"
    dialog.search.setText("量子纠缠")
    assert count.text() == "没有找到" and dialog.browser.extraSelections() == []
    dialog.search.clear()
    assert count.text() == ""


def test_a_missing_picture_is_left_out(tmp_path):
    (tmp_path / "manual.md").write_text("# 使用说明\n\n## 一\n\n![有](a.png)\n\n![无](b.png)\n\n正文\n",
                                        encoding="utf-8")
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (pictures / "a.png").write_bytes(b"\x89PNG")
    text = manual.load_text(tmp_path, pictures)
    assert "![有](a.png)" in text and "b.png" not in text and "正文" in text
    assert "找不到使用说明文件" in manual.load_text(tmp_path / "none", pictures)


def test_the_manual_names_every_menu_entry_and_page(qtbot, demo_db, db_path):
    """A menu entry renamed or added without the manual following fails here."""
    w = make_window(qtbot, db_path)
    text = manual.load_text()
    missing = []
    for top in w.menuBar().actions():
        for action in top.menu().actions():
            name = _plain(action.text())
            if name and name not in text:
                missing.append(f"{_plain(top.text())} → {name}")
    for i in range(w.tabs.count()):
        if w.tabs.tabText(i) not in text:
            missing.append(f"页 {w.tabs.tabText(i)}")
    assert missing == []



def test_pictures_are_made_from_the_real_screens(tmp_path):
    """The build makes them (never committed); each one the manual names is made, and shown."""
    out = tmp_path / "pictures"
    env = {**os.environ, "XIANFENG_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ui.help.manual_pictures", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    named = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", (manual.manual_dir() / "manual.md").read_text(encoding="utf-8"))
    assert sorted(named) == sorted(manual_pictures.PICTURES)
    for name in named:
        image = QImage(str(out / name))
        assert image.width() == manual_pictures.WIDTH and image.height() > 300, name
        assert len({image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}) > 8
    assert manual.load_text(pictures=out).count("![") == len(named)
    assert not (tmp_path / "data" / "xianfeng.db").exists()  # a scratch database, not the clerk's
