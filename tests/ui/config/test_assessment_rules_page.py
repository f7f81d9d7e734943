"""设置's 评议与考核 and 表彰与证书编号 pages: show the rules, save them in one go with every other
page, refuse bad ones in place."""
from models.config import settings
from models.config.assessment_settings import (
    CERTIFICATE_FORMATS_DEFAULT,
    GRADE_THRESHOLDS_DEFAULT,
    ORG_DIMENSIONS_DEFAULT,
)
from models.store.tables import Setting
from tests.ui.conftest import type_text
from ui.config.settings_dialog import SettingsDialog


def make(qtbot) -> SettingsDialog:
    settings.put({"clerk_name": "李文书"})
    d = SettingsDialog(None, "评议与考核")
    qtbot.addWidget(d)
    return d


def test_defaults_shown(qtbot, db):
    d = make(qtbot)
    assert d.rules.values()["assessment_org_dimensions"] == ORG_DIMENSIONS_DEFAULT
    assert d.rules.org_table.shares["领导班子好"].value() == 50
    assert d.rules.org_table.figure_boxes["领导班子好"].currentText() == "季度评议按时召开率"
    assert d.rules.thresholds["优秀"].value() == GRADE_THRESHOLDS_DEFAULT["优秀"]
    assert d.rules.formats["市委"].text() == CERTIFICATE_FORMATS_DEFAULT["市委"]
    assert "100 分" in d.rules.org_total.text()


def test_change_and_save(qtbot, db):
    d = make(qtbot)
    d.rules.org_table.points["领导班子好"].setValue(30)
    d.rules.org_table.shares["领导班子好"].setValue(40)
    box = d.rules.member_table.figure_boxes["带头弘扬正气"]
    box.setCurrentIndex(box.findData("mutual_excellent_share"))
    d.rules.thresholds["合格"].setValue(70)
    d.rules.gate.setCurrentIndex(d.rules.gate.findData("群众"))
    d.rules.formats["基层党委"].clear()
    type_text(qtbot, d.rules.formats["基层党委"], "XF-{year}-{n}")
    assert d.try_save()
    org = settings.get("assessment_org_dimensions")
    assert org["领导班子好"] == {"points": 30, "computed_share": 0.4, "figure": "review_rate"}
    assert settings.get("assessment_member_dimensions")["带头弘扬正气"]["figure"] == "mutual_excellent_share"
    assert settings.get("assessment_grade_thresholds") == {"优秀": 90, "合格": 70, "基本合格": 60}
    assert settings.get("satisfaction_gate_group") == "群众"
    assert settings.get("certificate_number_formats")["基层党委"] == "XF-{年份}-{序号}"
    again = make(qtbot)  # reopened, it shows what was saved
    assert again.rules.org_table.points["领导班子好"].value() == 30
    assert again.rules.thresholds["合格"].value() == 70


def test_thresholds_out_of_order_refused(qtbot, db):
    d = make(qtbot)
    d.rules.org_table.points["工作机制好"].setValue(25)
    d.rules.thresholds["合格"].setValue(95)
    assert not d.try_save()
    assert d.banner.isVisibleTo(d) and "从高到低" in d.banner.text()
    assert d.rules.thresholds["合格"].value() == 95 and d.rules.org_table.points["工作机制好"].value() == 25
    assert Setting.select().count() == 1  # nothing written but the test's clerk name, not even the valid weight


def test_bad_certificate_format_refused(qtbot, db):
    d = make(qtbot)
    d.rules.formats["市委"].clear()
    type_text(qtbot, d.rules.formats["市委"], "No.{year}")
    assert not d.try_save()
    assert "{序号}" in d.banner.text() and "市委" in d.banner.text()
    assert d.rules.formats["市委"].text() == "No.{year}"
    assert Setting.select().count() == 1  # only the clerk name the test put


def test_restore_defaults_not_saved_until_save(qtbot, db):
    settings.put({"assessment_grade_thresholds": {"优秀": 95, "合格": 80, "基本合格": 70}})
    d = make(qtbot)
    assert d.rules.thresholds["优秀"].value() == 95
    d.rules.restore_defaults()
    assert d.rules.thresholds["优秀"].value() == 90
    assert settings.get("assessment_grade_thresholds")["优秀"] == 95
    assert d.try_save()
    assert settings.get("assessment_grade_thresholds")["优秀"] == 90


def test_saved_rules_recompute_the_committee_pages(qtbot, db_path, monkeypatch):
    """设置 → 评议与考核 is where the rules are now (the 考核表彰 menu has no second entry); on
    保存 every committee page computes again."""
    from ui.main_window import MainWindow
    from ui.widgets import modal

    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    w.load()
    assert "考核规则设置…" not in [a.text() for a in w.committee.menu.actions()]
    assert "打印设置…" not in [a.text() for a in w.settings_menu.actions()]
    seen = []
    monkeypatch.setattr(w.committee, "_changed", lambda src: seen.append(src))

    def drive(dialog):
        qtbot.addWidget(dialog)  # deleted with the test, not by the collector after QApplication is gone
        assert dialog.pages.currentWidget().objectName() == "评议与考核"
        dialog.org_form.widget("clerk_name").setText("李文书")
        dialog.rules.thresholds["基本合格"].setValue(55)
        assert dialog.try_save()

    monkeypatch.setattr(modal.driver, "run", drive)
    w.open_settings("评议与考核")
    assert settings.get("assessment_grade_thresholds")["基本合格"] == 55 and seen == [None]


def test_number_format_preview_and_fits_a_laptop_screen(qtbot, db):
    d = make(qtbot)
    year = __import__("datetime").date.today().year
    assert d.rules.previews["基层党委"].text() == f"→ 先锋〔{year}〕1号"
    d.rules.formats["市委"].setText("市创{年份}")
    assert "格式不对" in d.rules.previews["市委"].text()
    d.rules.formats["市委"].setText("市创{年份}-{序号}")
    assert d.rules.previews["市委"].text() == f"→ 市创{year}-1"
    d.show()
    assert d.minimumSizeHint().height() <= 700 and d.height() <= 700
