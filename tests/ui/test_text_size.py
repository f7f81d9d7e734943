"""界面字号: chosen in 设置, remembered, applied at once, and every window still fits 1366×768 at 大."""
import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from models.config import settings
from tests.ui.roster.test_member_form import choose
from tests.ui.test_fit import DIALOGS, TASKBAR, _assert_fits, _make
from ui.config import text_size
from ui.widgets import modal


@pytest.fixture
def standard_text(qapp):
    """Whatever a test chooses, the next one starts at the system size."""
    yield
    text_size.apply("standard")


def test_chosen_in_settings_saved_and_applied_at_once(qtbot, db, db_path, standard_text):
    from ui.main_window import MainWindow

    base = QApplication.font().pointSizeF()
    w = MainWindow(str(db_path))
    qtbot.addWidget(w)

    def choose_large(dialog):
        if not dialog.org_form.widget("clerk_name").text():
            dialog.org_form.widget("clerk_name").setText("李文书")
        choose(dialog.look_form, "ui_text_size", "大")
        dialog.try_save()

    modal.driver.run = choose_large
    w.open_settings()
    assert settings.get("ui_text_size") == "large"
    assert QApplication.font().pointSizeF() == pytest.approx(round(base * 1.25, 1))
    assert text_size.apply_saved() == pytest.approx(round(base * 1.25, 1))  # what the next start does
    assert text_size.apply("larger") == pytest.approx(round(base * 1.5, 1))
    assert text_size.apply("standard") == pytest.approx(base)


def test_an_unknown_size_is_refused(db):
    from models.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        settings.put({"ui_text_size": "huge"})
    assert info.value.message == "界面字号只能是标准、大、特大。"


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_1366x768_at_large(qtbot, demo_db, db_path, screen, standard_text, name):
    from ui.main_window import MainWindow

    text_size.apply("large")
    screen(QRect(0, 0, 1366, 768 - TASKBAR))
    window = MainWindow(str(db_path))
    qtbot.addWidget(window)
    window.load()
    if name == DIALOGS[0]:  # the window itself, once
        window.show_fitted()
        minimum = window.minimumSizeHint()
        assert minimum.width() <= 1366 and minimum.height() <= 768 - TASKBAR, minimum
    dialog = _make(name, window)
    dialog.show()
    _assert_fits(dialog, f"{name} at 大 on 1366×768")
    dialog.hide()
    dialog.deleteLater()
