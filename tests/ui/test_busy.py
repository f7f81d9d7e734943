"""What blocks the window over 0.2 s on 300 members (bench/blocking.py: the 打印 page's font
samples, the first preview, the import dialog, 设置, 承诺书 options) runs under the wait cursor."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from models.config import settings
from ui.widgets import modal


def _cursor() -> Qt.CursorShape | None:
    cursor = QGuiApplication.overrideCursor()
    return cursor.shape() if cursor is not None else None


def test_font_samples_are_drawn_under_the_wait_cursor(qtbot, db, monkeypatch):
    from ui.config import print_settings_page
    from ui.config.settings_dialog import SettingsDialog

    seen = []

    def samples(overrides, size):
        from printing.typeset.fontcatalog import ROLES

        seen.append(_cursor())
        return dict.fromkeys(ROLES, "（示例）")

    monkeypatch.setattr(print_settings_page, "sample_images", samples)
    settings.put({"clerk_name": "李文书"})
    dialog = SettingsDialog(None)  # opens on 本级组织: nothing drawn yet
    qtbot.addWidget(dialog)
    dialog.show()
    assert seen == []
    dialog.open_page("打印")  # the page shows: now the samples are drawn, with the cursor
    assert seen == [Qt.CursorShape.WaitCursor]
    assert _cursor() is None  # and it is given back


def test_settings_are_built_under_the_wait_cursor(qtbot, db, monkeypatch):
    from ui.config import settings_dialog

    seen = []
    real = settings_dialog.SettingsDialog

    def build(parent, page):
        seen.append(("设置", _cursor()))
        dialog = real(parent, page)
        qtbot.addWidget(dialog)
        return dialog

    monkeypatch.setattr(settings_dialog, "SettingsDialog", build)
    monkeypatch.setattr(modal.driver, "run", lambda dialog: dialog.reject())
    assert not settings_dialog.open_settings(None)

    assert seen[0] == ("设置", Qt.CursorShape.WaitCursor) and _cursor() is None
