"""Forms built from field specs: widgets, inline error labels, dirty tracking, validation.

A form never writes to the database itself: `values()` gives what the clerk typed, the
caller hands it to a service, and the service's FormErrors come back through `show_errors`
so every message sits next to its field. Nothing typed is cleared when a save is refused.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from models.errors import FormErrors, ValidationError

ERROR_STYLE = "color: #b3261e;"
# a notice above a form: why something cannot be done yet, and what to do
WARN_STYLE = "color: #8c1d18; background: #fdecea; padding: 6px; border-radius: 4px;"
INVALID_FRAME = "border: 1px solid #b3261e;"


@dataclass
class Field:
    key: str
    label: str
    kind: str = "text"  # text | multiline | choice | editable_choice | date | check | org
    options: Sequence[Any] = ()  # for choice: strings, or (value, label) pairs
    placeholder: str = ""
    span: int = 1  # 2 = the whole row of a two-column form
    tip: str = ""
    required: bool = False
    widget: QWidget | None = field(default=None, repr=False)
    error: QLabel | None = field(default=None, repr=False)


class Form(QObject):
    changed = Signal()

    def __init__(self, fields: Sequence[Field], parent: QWidget, columns: int = 2,
                 validator: Callable[[dict[str, Any]], None] | None = None) -> None:
        super().__init__(parent)
        self.fields = {f.key: f for f in fields}
        self.container = QWidget(parent)
        self._validator = validator
        self._loaded: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._errors: dict[str, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # validate after a pause in typing, not on every key
        self._timer.timeout.connect(self.validate_touched)
        grid = QGridLayout(self.container)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        row = col = 0
        for f in fields:
            if f.span == 2 and col != 0:
                row, col = row + 2, 0
            label = QLabel(f.label + ("＊" if f.required else "") + "：", self.container)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            f.widget = self._make_widget(f)
            label.setBuddy(f.widget)
            f.error = QLabel("", self.container)
            f.error.setStyleSheet(ERROR_STYLE)
            f.error.setWordWrap(True)
            f.error.setVisible(False)
            span = 3 if f.span == 2 and columns == 2 else 1
            grid.addWidget(label, row, col * 2)
            grid.addWidget(f.widget, row, col * 2 + 1, 1, span)
            grid.addWidget(f.error, row + 1, col * 2 + 1, 1, span)
            if f.span == 2 or col + 1 >= columns:
                row, col = row + 2, 0
            else:
                col += 1
        for c in range(columns):
            grid.setColumnStretch(c * 2 + 1, 1)
        grid.setRowStretch(row + 2, 1)  # spare height goes below the fields, not between them

    # --- building --------------------------------------------------------------------------
    def _make_widget(self, f: Field) -> QWidget:
        parent = self.container
        if f.kind == "multiline":
            w = QPlainTextEdit(parent)
            w.setTabChangesFocus(True)
            w.setFixedHeight(w.fontMetrics().height() * 3 + 14)
            w.textChanged.connect(lambda k=f.key: self._edited(k))
        elif f.kind in ("choice", "editable_choice", "org"):
            w = QComboBox(parent)
            w.setEditable(f.kind == "editable_choice")
            self.set_options(f.key, f.options, widget=w)
            w.currentIndexChanged.connect(lambda _i, k=f.key: self._edited(k))
            if w.isEditable():
                w.editTextChanged.connect(lambda _t, k=f.key: self._edited(k))
        elif f.kind == "check":
            w = QCheckBox(parent)
            w.toggled.connect(lambda _c, k=f.key: self._edited(k))
        else:
            w = QLineEdit(parent)
            if f.kind == "date":
                w.setPlaceholderText(f.placeholder or "例如 2026-07-01")
                w.setMaximumWidth(w.fontMetrics().horizontalAdvance("0") * 16 + 20)
            elif f.placeholder:
                w.setPlaceholderText(f.placeholder)
            w.textEdited.connect(lambda _t, k=f.key: self._edited(k))
        if f.tip:
            w.setToolTip(f.tip)
        w.setSizePolicy(QSizePolicy.Policy.Expanding, w.sizePolicy().verticalPolicy())
        w.setObjectName(f"field_{f.key}")
        return w

    def set_options(self, key: str, options: Sequence[Any], widget: QComboBox | None = None) -> None:
        w = widget or self.widget(key)
        assert isinstance(w, QComboBox)
        blocked = w.blockSignals(True)
        current = self._read(self.fields[key], w) if widget is None else None
        w.clear()
        kind = self.fields[key].kind
        # Every list starts with a blank, required or not: a form opens on what the clerk has
        # chosen or what is known, never on whatever happens to be first (公务员 for a farmer).
        values = [opt[0] if isinstance(opt, tuple) else opt for opt in options]
        if kind == "org" and None not in values:
            w.addItem("", None)
        elif (kind == "choice" or kind == "editable_choice") and "" not in values:
            w.addItem("", "")
        for opt in options:
            value, text = opt if isinstance(opt, tuple) else (opt, str(opt))
            w.addItem(text, value)
        if current is not None:
            self._write(self.fields[key], w, current)
        w.blockSignals(blocked)

    # --- values ----------------------------------------------------------------------------
    def widget(self, key: str) -> QWidget:
        w = self.fields[key].widget
        assert w is not None
        return w

    def _read(self, f: Field, w: QWidget) -> Any:
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            if w.isEditable():
                return w.currentText()
            return w.currentData()
        assert isinstance(w, QLineEdit)
        return w.text()

    def _write(self, f: Field, w: QWidget, value: Any) -> None:
        blocked = w.blockSignals(True)
        if isinstance(w, QPlainTextEdit):
            w.setPlainText("" if value is None else str(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            i = w.findData(value)
            if i < 0 and w.isEditable():
                w.setEditText("" if value is None else str(value))
            elif i < 0 and value not in (None, ""):
                w.addItem(str(value), value)  # a stored value no longer offered: keep it
                w.setCurrentIndex(w.count() - 1)
            else:
                w.setCurrentIndex(max(i, 0))
        else:
            if isinstance(value, dt.date):
                value = value.isoformat()
            w.setText("" if value is None else str(value))
        w.blockSignals(blocked)

    def values(self) -> dict[str, Any]:
        return {k: self._read(f, f.widget) for k, f in self.fields.items()}

    def load(self, data: dict[str, Any]) -> None:
        for key, f in self.fields.items():
            if key in data:
                self._write(f, f.widget, data[key])
        self._loaded = self.values()
        self._touched.clear()
        self.show_errors({})

    def set_value(self, key: str, value: Any) -> None:
        self._write(self.fields[key], self.widget(key), value)
        self._edited(key)

    def is_dirty(self) -> bool:
        return self.values() != self._loaded

    def mark_saved(self) -> None:
        self._loaded = self.values()
        self._touched.clear()

    # --- validation ------------------------------------------------------------------------
    def _edited(self, key: str) -> None:
        self._touched.add(key)
        self.changed.emit()
        if self._validator is not None:
            self._timer.start()

    def validate_touched(self) -> None:
        """Show problems only for fields the clerk has touched; the rest wait for 保存."""
        errors = self.check()
        self.show_errors({k: v for k, v in errors.items() if k in self._touched}, partial=True)

    def check(self) -> dict[str, str]:
        found = self.unchosen()
        if self._validator is None:
            return found
        try:
            self._validator(self.values())
        except FormErrors as exc:
            return {**found, **exc.errors}
        except ValidationError as exc:
            return {**found, exc.field or "_": exc.message}
        return found

    def unchosen(self) -> dict[str, str]:
        """Required (＊) lists left blank. Some services fill a blank with a default (人员类别 →
        正式党员, 组织层级 → 党支部) for imports; from a form that would save a value nobody chose."""
        return {key: f"请选择{f.label}。" for key, f in self.fields.items()
                if f.required and f.kind in ("choice", "org") and self._read(f, f.widget) in ("", None)}

    def show_errors(self, errors: dict[str, str], partial: bool = False) -> None:
        self._errors = dict(errors)
        for key, f in self.fields.items():
            message = errors.get(key, "")
            if partial and key not in self._touched:
                continue
            assert f.error is not None and f.widget is not None
            f.error.setText(message)
            f.error.setVisible(bool(message))
            f.widget.setStyleSheet(INVALID_FRAME if message else "")

    def focus_first_error(self) -> None:
        for key, f in self.fields.items():
            if key in self._errors and f.widget is not None:
                f.widget.setFocus()
                return

    def errors_outside_fields(self) -> list[str]:
        return [m for k, m in self._errors.items() if k not in self.fields]
