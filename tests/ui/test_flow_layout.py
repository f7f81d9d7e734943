"""A list page's buttons wrap onto further lines instead of widening the page."""
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from ui.widgets.list_panel import ListPanel
from ui.widgets.table_model import Column

TEXTS = ["新建承诺", "打开/修改", "审定通过", "退回…", "重新提交", "公示…", "评诺…", "打印承诺书"]


def test_buttons_wrap_and_all_stay_inside_a_narrow_panel(qtbot):
    panel = ListPanel([Column("姓名", 0)], "搜索")
    qtbot.addWidget(panel)
    buttons = [panel.add_button(text, lambda: None) for text in TEXTS]
    panel.finish_buttons()
    together = sum(b.sizeHint().width() for b in buttons)
    assert panel.minimumSizeHint().width() < together / 2  # no longer the sum of all buttons
    panel.resize(300, 400)
    panel.show()
    QApplication.processEvents()
    rects = [QRect(b.mapTo(panel, b.rect().topLeft()), b.size()) for b in buttons]
    assert all(panel.rect().contains(r) for r in rects), [r.getRect() for r in rects]
    assert len({r.y() for r in rects}) >= 3  # on several lines …
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])  # … none on another
    assert [r.y() for r in rects] == sorted(r.y() for r in rects)  # in their order
    assert panel.table.geometry().bottom() < min(r.y() for r in rects)  # the lines have their height
    panel.resize(1200, 400)
    QApplication.processEvents()
    assert len({b.mapTo(panel, b.rect().topLeft()).y() for b in buttons}) == 1  # one line where there is room
