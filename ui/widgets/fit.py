"""The one sizing rule for every window and dialog: as large as it likes, never larger than the screen.

Clerks' PCs have 1024×768 or 1366×768 screens, often at 125 % or 150 % in Windows, which
leaves as little as 683×472 logical pixels under the taskbar. A fixed `resize(1080, 760)`
put buttons below the screen edge there. Every dialog therefore asks for its natural size
through `to_screen`, which trims it to the available area of its screen (less the title bar
and borders the window manager adds) and, when even the dialog's minimum size would not
fit, moves everything but its bottom row of buttons into a scroll area, so the buttons stay
reachable and the form scrolls instead.

`available_area` is the single place the screen is read; tests replace `area_override` to
stand in for the six screen settings, since offscreen Qt has one virtual screen.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialogButtonBox,
    QLayout,
    QMainWindow,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

# Windows 10/11 draw a title bar of about 31 and borders of 8 logical pixels around a window.
FRAME = QSize(16, 40)


class _Override:
    """Tests set `area` to a QRect standing in for the screen's available geometry."""

    area: QRect | None = None


area_override = _Override()


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen's area outside the taskbar, in the logical pixels widgets are sized in."""
    if area_override.area is not None:
        return QRect(area_override.area)
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 728)


def client_area(widget: QWidget | None = None) -> QSize:
    """What is left for a window's contents once its frame is drawn."""
    return available_area(widget).size() - FRAME


def to_screen(dialog: QWidget, width: int = 0, height: int = 0) -> None:
    """Give the dialog its natural size (its size hint where none is given), trimmed to the
    screen; scroll its body if even its minimum size would not fit."""
    dialog.setProperty("fitted", True)  # tests/ui/test_fit.py checks every dialog came through here
    room = client_area(dialog)
    minimum = dialog.minimumSizeHint()
    hint = dialog.sizeHint()
    width, height = width or hint.width(), height or hint.height()
    if minimum.width() > room.width() or minimum.height() > room.height():
        scroll_body(dialog)
    dialog.resize(min(width, room.width()), min(height, room.height()))


def scroll_body(dialog: QWidget) -> QScrollArea | None:
    """Everything above the dialog's last row of buttons goes into a scroll area.

    The row stays outside (a QDialogButtonBox, or a row layout holding buttons, as the
    last item of the dialog's layout) so 确定 / 取消 remain on screen however small it is.
    """
    layout = QWidget.layout(dialog)  # some dialogs name a method of their own `layout`
    if layout is None or dialog.findChild(QScrollArea, "fit_scroll") is not None:
        return None
    bottom = _bottom_row(layout)
    if isinstance(bottom, QLayout):
        layout.removeItem(bottom)
    elif bottom is not None:
        layout.removeWidget(bottom)
    margins = layout.contentsMargins()
    body = QWidget()
    body.setLayout(layout)  # Qt takes the layout off the dialog, with its widgets
    scroll = QScrollArea(dialog)
    scroll.setObjectName("fit_scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(body)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll, 1)
    if bottom is not None:
        row = QVBoxLayout()
        row.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        if isinstance(bottom, QLayout):
            row.addLayout(bottom)
        else:
            row.addWidget(bottom)
        outer.addLayout(row)
    return scroll


def _bottom_row(layout: QLayout) -> QWidget | QLayout | None:
    if not isinstance(layout, QBoxLayout) or layout.count() < 2:
        return None
    item = layout.itemAt(layout.count() - 1)
    widget = item.widget()
    if isinstance(widget, QDialogButtonBox):
        return widget
    row = item.layout()
    if isinstance(row, QBoxLayout) and row.direction() in (QBoxLayout.Direction.LeftToRight,
                                                            QBoxLayout.Direction.RightToLeft):
        return row
    return None


def natural_fits(window: QWidget, width: int, height: int) -> bool:
    room = client_area(window)
    return width <= room.width() and height <= room.height()


def show_main(window: QMainWindow, width: int, height: int) -> None:
    """The main window opens at its natural size where the screen has room, maximised where not."""
    if natural_fits(window, width, height):
        window.resize(width, height)
        window.show()
    else:
        room = client_area(window)
        window.resize(min(width, room.width()), min(height, room.height()))
        window.showMaximized()


class PageTabs(QTabWidget):
    """Tabs whose pages scroll where the window is smaller than a page's minimum size.

    Without it the widest page (表彰, with its rows of buttons) set the whole window's minimum
    width, beyond a 1024 screen at 125 %. Callers keep talking about the pages themselves:
    `widget`, `currentWidget`, `indexOf` and `setCurrentWidget` see through the scroll area.
    """

    def addTab(self, page: QWidget, title: str) -> int:  # type: ignore[override]
        return super().addTab(_scrolling(page), title)

    def insertTab(self, index: int, page: QWidget, title: str) -> int:  # type: ignore[override]
        return super().insertTab(index, _scrolling(page), title)

    def widget(self, index: int) -> QWidget | None:
        return _page(super().widget(index))

    def currentWidget(self) -> QWidget | None:
        return _page(super().currentWidget())

    def indexOf(self, page: QWidget) -> int:
        return super().indexOf(_holder(page))

    def setCurrentWidget(self, page: QWidget) -> None:
        super().setCurrentWidget(_holder(page))


def _scrolling(page: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setObjectName("page_scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(page)
    return scroll


def _page(holder: QWidget | None) -> QWidget | None:
    if isinstance(holder, QScrollArea) and holder.objectName() == "page_scroll":
        return holder.widget()
    return holder


def _holder(page: QWidget) -> QWidget:
    scroll = page.parentWidget().parentWidget() if page.parentWidget() is not None else None
    return scroll if isinstance(scroll, QScrollArea) and scroll.objectName() == "page_scroll" else page
