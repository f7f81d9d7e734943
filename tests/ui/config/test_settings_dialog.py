from models.config import settings
from ui.config.settings_dialog import SettingsDialog


def test_settings_round_trip(qtbot, db):
    d = SettingsDialog(None)
    qtbot.addWidget(d)
    assert d.review_form.widget("threshold_percent").text() == "90"
    d.org_form.widget("clerk_name").setText("李文书")
    d.review_form.widget("threshold_percent").setText("60")
    d.review_form.set_value("satisfaction_formula", "top3")
    assert d.try_save()
    assert settings.get("satisfaction_threshold") == 0.6
    assert settings.get("satisfaction_formula") == "top3"
    assert settings.get("clerk_name") == "李文书"


def test_bad_threshold_refused_and_kept(qtbot, db):
    d = SettingsDialog(None)
    qtbot.addWidget(d)
    d.org_form.widget("clerk_name").setText("李文书")
    d.review_form.widget("threshold_percent").setText("900")
    assert not d.try_save()
    assert d.review_form.fields["threshold_percent"].error.text()
    assert d.review_form.widget("threshold_percent").text() == "900"
    assert d.pages.currentWidget().objectName() == "评议与考核"  # the page with the mistake is shown
    assert settings.get("satisfaction_threshold") == 0.9
