"""What every editing dialog shares: a refused save keeps the input, closing asks first."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton

from models.errors import FormErrors, NotFound, ValidationError
from ui.widgets import messages
from ui.widgets.form import ERROR_STYLE


class GuardedDialog(QDialog):
    """Subclasses give `is_dirty`, `try_save` (through `guarded_save`) and `_refused`."""

    unsaved_text = "刚才填写的内容还没有保存。要保存吗？"

    def is_dirty(self) -> bool:
        raise NotImplementedError

    def try_save(self) -> bool:
        raise NotImplementedError

    def _refused(self, errors: dict[str, str]) -> None:
        raise NotImplementedError

    def error_banner(self) -> QLabel:
        """The red line above the buttons that says why 保存 was refused (hidden until then)."""
        banner = QLabel("", self)
        banner.setObjectName("banner")
        banner.setStyleSheet(ERROR_STYLE)
        banner.setWordWrap(True)
        banner.setVisible(False)
        return banner

    def save_cancel_buttons(self) -> tuple[QDialogButtonBox, QPushButton]:
        """保存 (the default button) and 取消, wired to `try_save` and `reject`."""
        buttons = QDialogButtonBox(self)
        save = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        return buttons, save

    def guarded_save(self, save: Callable[[], Any]) -> bool:
        """Run the service call; a refusal goes next to the fields and the dialog stays open."""
        try:
            save()
        except FormErrors as exc:
            self._refused(exc.errors)
            return False
        except ValidationError as exc:
            self._refused({exc.field or "_": exc.message})
            return False
        except NotFound as exc:
            messages.warn(self, "无法保存", exc.message)
            return False
        return True

    def reject(self) -> None:
        if self.is_dirty():
            answer = messages.ask_save(self, "尚未保存", self.unsaved_text)
            if answer == "cancel":
                return
            if answer == "save":
                self.try_save()
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_dirty() and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
