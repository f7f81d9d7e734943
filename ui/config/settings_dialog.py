"""设置: every setting of the program in one dialog with pages, each asked once, saved at once.

Before, the township's names, the review rules, the assessment rules and the print settings were
three dialogs behind three menu entries (one of them under 考核表彰), and the clerk had to know
which held what. Now one 保存 checks every page and writes them in one transaction; a refusal
opens the page it concerns and marks the field, and nothing typed on any page is lost.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models.config import settings
from models.errors import FormErrors, ValidationError
from ui.config.assessment_rules_pages import KEYS as RULE_KEYS
from ui.config.assessment_rules_pages import AssessmentRules
from ui.config.print_settings_page import PrintSettingsPage
from ui.widgets import fit
from ui.widgets.busy import wait_cursor
from ui.widgets.form import Field, Form
from ui.widgets.guarded_dialog import GuardedDialog

CAPS = ((1 / 3, "三分之一"), (0.3, "30%"), (0.25, "25%"), (0.2, "20%"), (0.4, "40%"))
PAGES = ("本级组织", "评议与考核", "表彰与证书编号", "打印", "界面")
PRINT_KEYS = ("font_overrides", "date_style_notice", "date_style_certificate", "certificate_stock",
              "certificate_offsets")


def org_fields() -> list[Field]:
    return [
        Field("clerk_name", "操作人员姓名", tip="记入操作日志：谁在什么时间改了什么", required=True),
        Field("committee_name", "党委全称", span=2, tip="表彰和证书上的落款，如 中共先锋镇委员会"),
        Field("city_committee_name", "市委全称", span=2,
              tip="市委级表彰的公示、名单和证书以此落款，如 中共某某市委员会；仍是“××”时不能打印"),
        Field("default_issuer", "公示默认落款", span=2, tip="空着则用各党组织自己的全称"),
        Field("default_supervision_phone", "默认监督电话"),
    ]


def review_fields() -> list[Field]:
    return [
        Field("satisfaction_formula", "满意率计算方法", "choice",
              list(settings.SATISFACTION_FORMULAS.items()), required=True),
        Field("threshold_percent", "满意率门槛（%）", tip="低于此满意率的党组织不能评为先进基层党组织；文件规定 90%"),
        Field("excellent_cap", "优秀比例上限", "choice", CAPS, required=True,
              tip="民主测评中“优秀”一般不超过党员人数的三分之一"),
        Field("three_grades", "测评只分三档（不设基本合格）", "check"),
    ]


def look_fields() -> list[Field]:
    return [
        Field("ui_text_size", "界面字号", "choice", list(settings.TEXT_SIZES.items()), required=True,
              tip="字看不清时选“大”或“特大”，整个界面的字随之放大，保存后立即生效"),
    ]


def to_settings(data: dict[str, Any]) -> dict[str, Any]:
    """The forms' values as `settings.put` takes them (the threshold is typed as a percentage)."""
    values = {k: v for k, v in data.items() if k != "threshold_percent"}
    raw = str(data.get("threshold_percent", "")).strip().rstrip("%％")
    try:
        values["satisfaction_threshold"] = float(raw) / 100
    except ValueError:
        raise FormErrors({"threshold_percent": "请填写 1 到 100 之间的数字，如 90。"}) from None
    if not values.get("clerk_name"):
        raise FormErrors({"clerk_name": "请填写操作人员姓名，它会记入操作日志。"})
    return values


def _page_with(title: str, *parts: QWidget, note: str = "") -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    if note:
        label = QLabel(note, page)
        label.setWordWrap(True)
        label.setStyleSheet("color: gray;")
        layout.addWidget(label)
    for part in parts:
        layout.addWidget(part)
    layout.addStretch(1)
    page.setObjectName(title)
    return page


class SettingsDialog(GuardedDialog):
    def __init__(self, parent: QWidget | None, page: str = PAGES[0]) -> None:
        super().__init__(parent)
        self.setWindowTitle("设置")
        self.pages = fit.PageTabs(self)  # each page scrolls on its own; the tabs and 保存 stay put
        self.org_form = Form(org_fields(), self, columns=1)
        self.review_form = Form(review_fields(), self, columns=1)
        self.look_form = Form(look_fields(), self, columns=1)
        self.rules = AssessmentRules(self)
        self.print_page = PrintSettingsPage(self)
        self._page_of: dict[str, QWidget] = {}
        parts = {
            "本级组织": ((self.org_form.container,),
                     "本级党组织的全称、简称、监督电话等在左侧选中党组织后于“概况”中填写；这里是落款和操作人员。"),
            "评议与考核": ((self.review_form.container, self.rules.scoring), ""),
            "表彰与证书编号": ((self.rules.awards,), ""),
            "打印": ((self.print_page,), ""),
            "界面": ((self.look_form.container,), ""),
        }
        for title, (widgets, note) in parts.items():
            holder = _page_with(title, *widgets, note=note)
            self.pages.addTab(holder, title)
            self._page_of[title] = holder
        self.banner = self.error_banner()
        buttons, self.save_button = self.save_cancel_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.try_save)
        self._load()
        self.open_page(page)
        fit.to_screen(self, 820, 680)

    def _load(self) -> None:
        values = settings.get_all()
        values["threshold_percent"] = f"{values['satisfaction_threshold'] * 100:g}"
        values["excellent_cap"] = min(CAPS, key=lambda c: abs(c[0] - values["excellent_cap"]))[0]
        for form in self._forms():
            form.load(values)
        self._rules_loaded = self.rules.values()
        self._print_loaded = self.print_page.values()

    def _forms(self) -> tuple[Form, Form, Form]:
        return self.org_form, self.review_form, self.look_form

    def open_page(self, title: str) -> None:
        self.pages.setCurrentWidget(self._page_of.get(title, self._page_of[PAGES[0]]))

    def is_dirty(self) -> bool:
        return (any(form.is_dirty() for form in self._forms()) or self.rules.values() != self._rules_loaded
                or self.print_page.values() != self._print_loaded)

    def values(self) -> dict[str, Any]:
        """Every page's settings, shaped as `settings.put` expects (may raise FormErrors)."""
        typed: dict[str, Any] = {}
        for form in self._forms():
            typed.update(form.values())
        return {**to_settings(typed), **self.rules.values(), **self.print_page.values()}

    def try_save(self) -> bool:
        unchosen = {k: v for form in self._forms() for k, v in form.unchosen().items()}
        if unchosen:
            self._refused(unchosen)
            return False
        problem = self.print_page.problem()
        if problem:
            self._refused({"font_overrides": problem})
            return False

        def save() -> None:
            values = self.values()
            try:
                settings.put(values)
            except ValidationError as exc:
                field = "threshold_percent" if exc.field == "satisfaction_threshold" else (exc.field or "_")
                raise FormErrors({field: exc.message}) from None

        if not self.guarded_save(save):
            return False
        for form in self._forms():
            form.mark_saved()
        self.print_page.after_save()
        self.accept()
        return True

    def _refused(self, errors: dict[str, str]) -> None:
        """Each message beside its field, or in the banner; the first page concerned is opened."""
        outside = dict(errors)
        first: str | None = None
        for form, title in zip(self._forms(), ("本级组织", "评议与考核", "界面"), strict=True):
            mine = {k: v for k, v in errors.items() if k in form.fields}
            form.show_errors(mine)
            for key in mine:
                outside.pop(key)
            if mine and first is None:
                first = title
                form.focus_first_error()
        if first is None and outside:
            key = next(iter(outside))
            first = ("打印" if key in PRINT_KEYS
                     else "表彰与证书编号" if key in RULE_KEYS[3:] else "评议与考核")
        if first:
            self.open_page(first)
        count = len(errors) - len(outside)
        head = f"有 {count} 处需要修改，已在对应栏目旁标出；" if count else ""
        self.banner.setText(f"{head}已填写的内容都保留着。" + ("\n" + "\n".join(outside.values()) if outside else ""))
        self.banner.setVisible(True)


def open_settings(parent: QWidget | None, page: str = PAGES[0]) -> bool:
    """设置…, opened at a page; True when saved (the caller recomputes what depends on it)."""
    from ui.config import text_size
    from ui.widgets import modal

    with wait_cursor():
        dialog = SettingsDialog(parent, page)
    if not modal.run(dialog):
        return False
    text_size.apply_saved()  # 界面字号 takes effect at once
    return True

