"""Every message box goes through here, so tests can answer them instead of a person."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class _Answers:
    """Tests set `auto` to a callable(kind, title, text) -> bool to answer without a dialog."""

    auto = None
    log: list[tuple[str, str, str]] = []


answers = _Answers()


def _record(kind: str, title: str, text: str) -> bool | None:
    answers.log.append((kind, title, text))
    if answers.auto is not None:
        return bool(answers.auto(kind, title, text))
    return None


def info(parent: QWidget | None, title: str, text: str) -> None:
    if _record("info", title, text) is None:
        QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    if _record("warn", title, text) is None:
        QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    auto = _record("ask", title, text)
    if auto is not None:
        return auto
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("是", QMessageBox.ButtonRole.YesRole)
    box.addButton("否", QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes


def ask_save(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved changes: returns 'save', 'discard' or 'cancel'."""
    auto = _record("ask_save", title, text)
    if auto is not None:
        return "discard" if auto else "cancel"
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    if _record("error", title, text + ("\n" + details if details else "")) is None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
        if details:
            box.setDetailedText(details)  # copyable
        box.exec()
