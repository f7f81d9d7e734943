"""打印 → 荣誉证书… and 设置 → 打印 (the print page of 设置), driven headless with generated fonts.

The render is a background job (run inline here, on a worker thread where a test asks for
`real_jobs` and waits with qtbot); tests read the PDF the preview received. Chinese text
goes in through setText or the input-method helper, never keyClicks.
"""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from models.commendation import nominations as commendations
from models.config import settings
from models.printouts import print_setup
from models.roster import members
from printing.documents.certificate import Certificate
from printing.typeset.fonts import FontSettings
from tests.helpers import make_id, member_data
from tests.printing.fontfactory import NOWHERE, RARE, build_ttf, main_codepoints
from tests.printing.pdfcheck import assert_fonts_ok, compact, page_sizes, text
from tests.ui.conftest import type_text
from ui.prints.pdf_preview import PreviewDialog
from ui.widgets import modal

ROLES = ("title", "body", "kai", "hei", "song")


@pytest.fixture(scope="session")
def ui_fonts(tmp_path_factory):
    d = tmp_path_factory.mktemp("uifonts")
    main = build_ttf(d / "xf-ui-main.ttf", main_codepoints(), "XF UI Main")
    rare = build_ttf(d / "xf-ui-rare.ttf", [ord(c) for c in RARE] + [0x20, 0x4E2D], "XF UI Rare")
    return main, rare


@pytest.fixture
def fonts(monkeypatch, ui_fonts, tmp_path):
    """No system fonts: what prints depends only on the generated fonts."""
    main, rare = ui_fonts

    def font_settings(overrides=None):
        chosen = dict.fromkeys(ROLES, str(main)) if overrides is None else overrides
        return FontSettings(overrides=chosen, extra_fonts=(rare,), system_fonts=False,
                            cache_dir=tmp_path / "cache")

    monkeypatch.setattr(print_setup, "font_settings", font_settings)
    return main, rare


@pytest.fixture
def people(branch):
    return [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:03d}"),
                                     mobile=f"1371234567{i}"))
            for i, n in enumerate(("王建国", "李明", "张三", "欧阳明华"), 1)]


@pytest.fixture
def previews():
    """Record every modal dialog instead of showing it."""
    seen = []
    modal.driver.run = seen.append
    yield seen
    modal.driver.run = None


def make_dialog(qtbot, org_id):
    from ui.prints.certificate_dialog import CertificateDialog

    dialog = CertificateDialog(None, org_id)
    qtbot.addWidget(dialog)
    return dialog


def check(dialog, name: str) -> None:
    for i in range(dialog.list.count()):
        item = dialog.list.item(i)
        if item.data(Qt.ItemDataRole.UserRole + 1) == name:
            item.setCheckState(Qt.CheckState.Checked)


def wait_preview(qtbot, dialog, previews) -> PreviewDialog:
    qtbot.waitUntil(lambda: not dialog.rendering and any(isinstance(p, PreviewDialog) for p in previews),
                    timeout=60_000)
    return [p for p in previews if isinstance(p, PreviewDialog)][-1]


def test_menu_entries_open_the_dialogs(qtbot, db_path, branch, fonts, previews):
    from ui.config.settings_dialog import SettingsDialog
    from ui.main_window import MainWindow
    from ui.prints.certificate_dialog import CertificateDialog

    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    w.load()
    w.tree.reload(branch.id)
    assert "荣誉证书…" in [a.text() for a in w.print_menu.actions()]
    assert [a.text() for a in w.settings_menu.actions()] == ["设置…"]  # one place for every setting
    next(a for a in w.print_menu.actions() if a.text() == "荣誉证书…").trigger()
    next(a for a in w.settings_menu.actions() if a.text() == "设置…").trigger()
    dialog, settings_dialog = previews
    assert isinstance(dialog, CertificateDialog) and dialog.org_id == branch.id
    assert isinstance(settings_dialog, SettingsDialog)


def test_members_with_checkboxes_and_search(qtbot, people, fonts):
    dialog = make_dialog(qtbot, people[0].org_id)
    assert dialog.list.count() == 4
    type_text(qtbot, dialog.search, "李")
    shown = [dialog.list.item(i).text() for i in range(4) if not dialog.list.item(i).isHidden()]
    assert len(shown) == 1 and shown[0].startswith("李明")
    dialog._check_all(True)                      # only what the search shows
    dialog.search.clear()
    assert dialog.checked_ids() == [people[1].id]
    assert "已选 1 / 4" in dialog.count.text()


def test_members_suspended_are_not_listed(qtbot, people, fonts):
    """The dialog checked 在册 alone: a member 在册 whose 党籍 was stopped on the form was offered."""
    members.save(member_data(people[0].org_id, name="孙海", id_number=make_id("19800101", "009"),
                             mobile="13712345679", party_status="停止党籍"))
    members.record_event(people[1].id, "停止党籍", "2024-01-02")
    dialog = make_dialog(qtbot, people[0].org_id)
    names = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(dialog.list.count())]
    assert names == ["王建国", "张三", "欧阳明华"]


def test_batch_renders_in_the_background_then_previews(qtbot, people, fonts, previews, real_jobs):
    dialog = make_dialog(qtbot, people[0].org_id)
    check(dialog, "王建国")
    check(dialog, "张三")
    dialog.title.setCurrentText("优秀党务工作者")
    dialog.stock.setCurrentIndex(dialog.stock.findData("16k"))
    dialog.date.setDate(dt.date(2026, 7, 1))
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.rendering and not dialog.preview_button.isEnabled()  # busy until the outcome arrives
    preview = wait_preview(qtbot, dialog, previews)
    assert preview.document.pageCount() == 2
    assert_fonts_ok(preview.pdf)
    assert page_sizes(preview.pdf) == [pytest.approx((595.3, 807.9), abs=0.1)] * 2
    pages = [compact(t) for t in text(preview.pdf)]
    assert pages[0].startswith("王建国同志：") and pages[1].startswith("张三同志：")
    assert all("被评为“优秀党务工作者”" in p and "二〇二六年七月一日" in p for p in pages)
    for m in people:
        assert all(m.id_number not in p and m.mobile not in p for p in pages)
    assert settings.get("certificate_stock") == "16k"          # remembered
    assert dialog.preview_button.isEnabled() and dialog.progress.isHidden()


def test_the_organization_itself(qtbot, people, fonts, previews):
    dialog = make_dialog(qtbot, people[0].org_id)
    dialog.kind_org.setChecked(True)
    assert dialog.title.currentText() == "先进基层党组织" and not dialog.list.isEnabled()
    dialog.generate()
    preview = wait_preview(qtbot, dialog, previews)
    (page,) = [compact(t) for t in text(preview.pdf)]
    assert page.startswith("荣誉证书中共东风村支部委员会：")


def test_the_years_awards(qtbot, branch, people, fonts, previews):
    commendations.add_award(2026, "优秀共产党员", member_id=people[2].id, decided_on="2026-06-28")
    commendations.add_award(2026, "先进基层党组织", org_id=branch.id, decided_on="2026-06-28")
    dialog = make_dialog(qtbot, branch.id)
    dialog.kind_awards.setChecked(True)
    dialog.year.setValue(2026)
    dialog.generate()
    preview = wait_preview(qtbot, dialog, previews)
    pages = [compact(t) for t in text(preview.pdf)]
    assert len(pages) == 2 and all("〔2026〕" in p for p in pages)


def test_nothing_chosen_is_explained(qtbot, people, fonts, answer_messages):
    dialog = make_dialog(qtbot, people[0].org_id)
    assert not dialog.generate()
    assert answer_messages.log[-1][0] == "warn" and "至少选择一名党员" in answer_messages.log[-1][2]


def test_cancel_stops_the_worker(qtbot, people, fonts, previews, real_jobs):
    dialog = make_dialog(qtbot, people[0].org_id)
    certs = [Certificate(f"党员{i}", False, "优秀共产党员", 2026, "中共先锋镇委员会", dt.date(2026, 7, 1))
             for i in range(600)]
    dialog.start_render(certs)
    assert not dialog.progress.isHidden() and not dialog.cancel_button.isHidden()
    # cancel at once: waiting for a progress signal races a fast machine finishing first
    dialog.cancel_render()
    qtbot.waitUntil(lambda: not dialog.rendering, timeout=60_000)
    assert dialog.cancelled and not previews
    assert "取消" in dialog.count.text()
    assert dialog.preview_button.isEnabled() and dialog.progress.isHidden()


def test_missing_characters_are_asked_about(qtbot, branch, fonts, previews, answer_messages):
    members.save(member_data(branch.id, name="赵" + NOWHERE[0], id_number=make_id("19800101", "011")))
    dialog = make_dialog(qtbot, branch.id)
    dialog._check_all(True)
    dialog.generate()
    preview = wait_preview(qtbot, dialog, previews)
    asked = [m for m in answer_messages.log if m[0] == "ask"]
    assert asked and asked[0][1] == "有字打印不出来" and NOWHERE[0] in asked[0][2]
    assert preview.document.pageCount() == 1


def test_calibration_page_and_offsets_remembered(qtbot, people, fonts, previews):
    dialog = make_dialog(qtbot, people[0].org_id)
    dialog.stock.setCurrentIndex(dialog.stock.findData("16k"))
    dialog.printer.setEditText("Test Printer")
    dialog.dx.setValue(2.5)
    dialog.dy.setValue(-1.0)
    qtbot.mouseClick(dialog.calibrate, Qt.MouseButton.LeftButton)
    (preview,) = previews
    assert page_sizes(preview.pdf) == [pytest.approx((595.3, 807.9), abs=0.1)]
    words = compact(text(preview.pdf)[0])
    assert "证书套打校准页" in words and "水平+2.5毫米" in words and "垂直-1.0毫米" in words
    assert settings.get("certificate_offsets") == {"Test Printer": [2.5, -1.0]}
    again = make_dialog(qtbot, people[0].org_id)
    again.printer.setEditText("Test Printer")
    assert (again.dx.value(), again.dy.value()) == (2.5, -1.0)
    assert again.stock.currentData() == "16k"


def test_print_settings_page(qtbot, db, fonts, monkeypatch, answer_messages):
    from ui.config import print_settings_page
    from ui.config.settings_dialog import SettingsDialog

    main, _rare = fonts
    settings.put({"clerk_name": "李文书"})
    dialog = SettingsDialog(None, "打印")
    qtbot.addWidget(dialog)
    page = dialog.print_page
    assert dialog.pages.currentWidget().objectName() == "打印"
    page.paths["title"].setText("/nowhere/方正小标宋.ttf")
    page.refresh_samples()
    assert "不存在" in page.samples["title"].text()        # the reason, where the sample would be
    for role in ROLES[:-1]:
        page.paths[role].setText(str(main))
    monkeypatch.setattr(print_settings_page, "choose_font_file", lambda parent, current: str(main))
    page._browse("song")                      # the 选择… button, answered by the test
    for label in page.samples.values():
        assert label.pixmap() is not None and not label.pixmap().isNull()
    page.date_certificate.setCurrentIndex(page.date_certificate.findData("arabic"))
    page.stock.setCurrentIndex(page.stock.findData("a4p"))
    row = page.add_printer("", 0, 0)
    page.table.item(row, 0).setText("Epson L3150")
    page.table.cellWidget(row, 1).setValue(-1.5)
    page.table.cellWidget(row, 2).setValue(3.0)
    assert dialog.try_save()
    assert settings.get("font_overrides") == dict.fromkeys(ROLES, str(main))
    assert settings.get("date_style_certificate") == "arabic"
    assert settings.get("certificate_stock") == "a4p"
    assert settings.get("certificate_offsets") == {"Epson L3150": [-1.5, 3.0]}
    # a font file that is gone is refused on the 打印 page, nothing saved
    again = SettingsDialog(None)
    qtbot.addWidget(again)
    assert again.print_page.offsets() == {"Epson L3150": [-1.5, 3.0]}
    again.print_page.paths["title"].setText("/nowhere/方正小标宋.ttf")
    assert not again.try_save()
    assert again.pages.currentWidget().objectName() == "打印"
    assert "找不到以下字体文件" in again.banner.text() and "/nowhere/方正小标宋.ttf" in again.banner.text()
    assert settings.get("font_overrides")["title"] == str(main)
