"""A dialog around a Form: 保存 (Enter) / 取消 (Esc), refusal keeps what was typed,
closing with unsaved changes asks first."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ui.widgets.form import Form
from ui.widgets.guarded_dialog import GuardedDialog


class RecordDialog(GuardedDialog):
    def __init__(self, title: str, form_factory: Callable[[QWidget], Form],
                 save: Callable[[dict[str, Any]], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = form_factory(self)
        self._save = save
        self.result_value: Any = None
        self.banner = self.error_banner()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form.container)
        buttons, self.save_button = self.save_cancel_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        # Enter saves from any single-line field; in multi-line fields Ctrl+Enter does.
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.try_save)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.try_save)

    def is_dirty(self) -> bool:
        return self.form.is_dirty()

    def try_save(self) -> bool:
        if self.form.unchosen():
            self._refused(self.form.check())
            return False

        def save() -> None:
            self.result_value = self._save(self.form.values())

        if not self.guarded_save(save):
            return False
        self.form.mark_saved()
        self.accept()
        return True

    def _refused(self, errors: dict[str, str]) -> None:
        self.form.show_errors(errors)
        outside = self.form.errors_outside_fields()
        count = len(errors)
        self.banner.setText(f"有 {count} 处需要修改，已在对应栏目旁标出；已填写的内容都保留着。"
                            + ("\n" + "\n".join(outside) if outside else ""))
        self.banner.setVisible(True)
        self.form.focus_first_error()
