import pytest

from models.config import settings
from tests.models.township import add_members, build_town
from ui.widgets import messages, modal


@pytest.fixture(autouse=True)
def answer_messages():
    """No modal box may block a test: record them and answer 'yes' unless a test says otherwise."""
    messages.answers.log = []
    messages.answers.auto = lambda kind, title, text: True
    yield messages.answers
    messages.answers.auto = None


@pytest.fixture(autouse=True)
def no_driver():
    """A test that drives a modal dialog must not leave its driver for the next test."""
    yield
    modal.driver.run = None


@pytest.fixture
def town(branch):
    """The hand-counted township the committee pages are driven on."""
    t = build_town(branch.id)
    t["ids"].update(add_members(branch.id, ["赵敏"], workers=("赵敏",)))
    settings.put({"satisfaction_threshold": 0.85})
    t["top"] = branch.parent_id
    return t


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


@pytest.fixture
def screen():
    """Sets the stand-in screen (`ui.widgets.fit.area_override`); always cleared, so no other
    test sees a small screen."""
    from ui.widgets import fit

    def use(area):
        fit.area_override.area = area
        return area

    yield use
    fit.area_override.area = None
