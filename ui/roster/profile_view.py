"""The 概况 tab: the selected organization's profile, edited in place."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from models.errors import FormErrors, ValidationError
from models.roster import organizations
from ui.roster.org_dialog import make_org_form
from ui.widgets.form import ERROR_STYLE, Form


class ProfileView(QWidget):
    saved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.org_id: int | None = None
        self.form: Form | None = None
        self.category_note = QLabel(self)
        self.category_note.setWordWrap(True)
        self.category_note.setStyleSheet("color: #5f4b32; background: #fbf3e4; padding: 6px; border-radius: 4px;")
        self.honours = QLabel(self)  # 荣誉 and 示范点: read-only, recorded in 表彰
        self.honours.setObjectName("honours")
        self.honours.setWordWrap(True)
        self.honours.setStyleSheet("color: #8a1c1c; padding: 2px 6px;")
        self.honours.setVisible(False)
        self.banner = QLabel(self)
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setVisible(False)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.save_button = QPushButton("保存概况", self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("撤销修改", self)
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.banner)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.category_note)
        layout.addWidget(self.honours)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)

    def show_org(self, org_id: int | None) -> None:
        self.org_id = org_id
        self.form = make_org_form(self, org_id)
        self.scroll.setWidget(self.form.container)
        self.banner.setVisible(False)
        enabled = org_id is not None
        self.save_button.setEnabled(enabled)
        self.revert_button.setEnabled(enabled)
        self.form.container.setEnabled(enabled)  # no typing that could not be saved
        if org_id is None:
            self.category_note.setText("请先在左侧选择一个党组织，或用“文件 → 新建党组织…”建立。")
            return
        org = organizations.get(org_id)
        self._show_honours(org)
        self.form.load(organizations.as_form(org))
        self.form.changed.connect(self._refresh_note)
        self._refresh_note()

    def _show_honours(self, org: organizations.Organization) -> None:
        from models.commendation.nominations import honours

        rows = honours(org_id=org.id)
        text = "；".join(f"{h.year}年度“{h.title}”（{h.level}，{h.certificate_no}）" for h in rows)
        demo = "示范点" if org.is_demo_point else ""
        self.honours.setText("　".join(t for t in ("荣誉：" + text if text else "", demo) if t))
        self.honours.setVisible(bool(text or demo))

    def _refresh_note(self) -> None:
        from models.constants import CATEGORIES

        if self.form is None:
            return
        cat = CATEGORIES.get(self.form.values().get("category") or "rural")
        if cat is not None:
            self.category_note.setText(
                f"{cat.name}　主题：{cat.theme}　党员争做“{cat.strive_title}”：{'、'.join(cat.strive_items)}")

    def is_dirty(self) -> bool:
        return self.form is not None and self.org_id is not None and self.form.is_dirty()

    def save(self) -> bool:
        if self.form is None or self.org_id is None:
            return False
        if self.form.unchosen():  # a blank 层级 would be saved as 党支部 by the service
            self._refused(self.form.check())
            return False
        try:
            organizations.save(self.form.values(), self.org_id)
        except FormErrors as exc:
            self._refused(exc.errors)
            return False
        except ValidationError as exc:
            self._refused({exc.field or "_": exc.message})
            return False
        self.form.mark_saved()
        self.banner.setVisible(False)
        self._show_honours(organizations.get(self.org_id))  # the 示范点 mark may have changed
        self.saved.emit(self.org_id)
        return True

    def _refused(self, errors: dict[str, str]) -> None:
        assert self.form is not None
        self.form.show_errors(errors)
        self.banner.setText(f"有 {len(errors)} 处需要修改，已在栏目旁标出；填写的内容都还在。")
        self.banner.setVisible(True)
        self.form.focus_first_error()

    def revert(self) -> None:
        self.show_org(self.org_id)
