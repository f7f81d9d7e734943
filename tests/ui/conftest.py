import pytest

from ui import messages


@pytest.fixture(autouse=True)
def answer_messages():
    """No modal box may block a test: record them and answer 'yes' unless a test says otherwise."""
    messages.answers.log = []
    messages.answers.auto = lambda kind, title, text: True
    yield messages.answers
    messages.answers.auto = None


def type_text(qtbot, widget, text: str) -> None:
    """Chinese arrives through an input method; keyClicks with non-ASCII aborts Qt's test lib."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    ascii_part = "".join(ch for ch in text if ch.isascii())
    if ascii_part == text:
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
