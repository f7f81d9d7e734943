"""考核规则设置 dialog: shows the rules, saves them in one go, refuses bad ones in place."""
from models.config import settings
from models.config.assessment_settings import (
    CERTIFICATE_FORMATS_DEFAULT,
    GRADE_THRESHOLDS_DEFAULT,
    ORG_DIMENSIONS_DEFAULT,
)
from models.store.tables import Setting
from tests.ui.conftest import type_text
from ui.config.assessment_settings_dialog import AssessmentSettingsDialog


def make(qtbot) -> AssessmentSettingsDialog:
    d = AssessmentSettingsDialog(None)
    qtbot.addWidget(d)
    return d


def test_defaults_shown(qtbot, db):
    d = make(qtbot)
    assert d.values()["assessment_org_dimensions"] == ORG_DIMENSIONS_DEFAULT
    assert d.org_table.shares["领导班子好"].value() == 50
    assert d.org_table.figure_boxes["领导班子好"].currentText() == "季度评议按时召开率"
    assert d.thresholds["优秀"].value() == GRADE_THRESHOLDS_DEFAULT["优秀"]
    assert d.formats["市委"].text() == CERTIFICATE_FORMATS_DEFAULT["市委"]
    assert "100 分" in d.org_total.text()


def test_change_and_save(qtbot, db):
    d = make(qtbot)
    d.org_table.points["领导班子好"].setValue(30)
    d.org_table.shares["领导班子好"].setValue(40)
    box = d.member_table.figure_boxes["带头弘扬正气"]
    box.setCurrentIndex(box.findData("mutual_excellent_share"))
    d.thresholds["合格"].setValue(70)
    d.gate.setCurrentIndex(d.gate.findData("群众"))
    d.formats["基层党委"].clear()
    type_text(qtbot, d.formats["基层党委"], "XF-{year}-{n}")
    assert d.save()
    org = settings.get("assessment_org_dimensions")
    assert org["领导班子好"] == {"points": 30, "computed_share": 0.4, "figure": "review_rate"}
    assert settings.get("assessment_member_dimensions")["带头弘扬正气"]["figure"] == "mutual_excellent_share"
    assert settings.get("assessment_grade_thresholds") == {"优秀": 90, "合格": 70, "基本合格": 60}
    assert settings.get("satisfaction_gate_group") == "群众"
    assert settings.get("certificate_number_formats")["基层党委"] == "XF-{年份}-{序号}"
    again = make(qtbot)  # reopened, it shows what was saved
    assert again.org_table.points["领导班子好"].value() == 30
    assert again.thresholds["合格"].value() == 70


def test_thresholds_out_of_order_refused(qtbot, db):
    d = make(qtbot)
    d.org_table.points["工作机制好"].setValue(25)
    d.thresholds["合格"].setValue(95)
    assert not d.save()
    assert d.error_label.isVisibleTo(d) and "从高到低" in d.error_label.text()
    assert d.thresholds["合格"].value() == 95 and d.org_table.points["工作机制好"].value() == 25
    assert Setting.select().count() == 0  # nothing written, not even the valid weight


def test_bad_certificate_format_refused(qtbot, db):
    d = make(qtbot)
    d.formats["市委"].clear()
    type_text(qtbot, d.formats["市委"], "No.{year}")
    assert not d.save()
    assert "{序号}" in d.error_label.text() and "市委" in d.error_label.text()
    assert d.formats["市委"].text() == "No.{year}"
    assert Setting.select().count() == 0


def test_restore_defaults_not_saved_until_save(qtbot, db):
    settings.put({"assessment_grade_thresholds": {"优秀": 95, "合格": 80, "基本合格": 70}})
    d = make(qtbot)
    assert d.thresholds["优秀"].value() == 95
    d.restore_defaults()
    assert d.thresholds["优秀"].value() == 90
    assert settings.get("assessment_grade_thresholds")["优秀"] == 95
    assert d.save()
    assert settings.get("assessment_grade_thresholds")["优秀"] == 90


def test_menu_entry_opens_dialog(qtbot, db, monkeypatch):
    from ui.committee import committee_tabs
    from ui.widgets import modal

    seen = []
    monkeypatch.setattr(committee_tabs.CommitteePages, "_changed", lambda self, src: seen.append(src))

    def drive(dialog):
        qtbot.addWidget(dialog)  # deleted with the test, not by the collector after QApplication is gone
        dialog.thresholds["基本合格"].setValue(55)
        dialog.save()

    monkeypatch.setattr(modal.driver, "run", drive)
    pages = committee_tabs.CommitteePages.__new__(committee_tabs.CommitteePages)
    pages.window = None
    assert pages.edit_rules()
    assert settings.get("assessment_grade_thresholds")["基本合格"] == 55 and seen == [None]


def test_number_format_preview_and_fits_a_laptop_screen(qtbot, db):
    d = make(qtbot)
    year = __import__("datetime").date.today().year
    assert d.previews["基层党委"].text() == f"→ 先锋〔{year}〕1号"
    d.formats["市委"].setText("市创{年份}")
    assert "格式不对" in d.previews["市委"].text()
    d.formats["市委"].setText("市创{年份}-{序号}")
    assert d.previews["市委"].text() == f"→ 市创{year}-1"
    d.show()
    assert d.minimumSizeHint().height() <= 700 and d.height() <= 700
