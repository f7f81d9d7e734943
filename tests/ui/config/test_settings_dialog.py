from models.config import settings
from ui.config.settings_dialog import SettingsDialog


def test_settings_round_trip(qtbot, db):
    d = SettingsDialog(None)
    qtbot.addWidget(d)
    f = d.form
    assert f.widget("threshold_percent").text() == "90"
    f.widget("clerk_name").setText("李文书")
    f.widget("threshold_percent").setText("60")
    f.set_value("satisfaction_formula", "top3")
    assert d.try_save()
    assert settings.get("satisfaction_threshold") == 0.6
    assert settings.get("satisfaction_formula") == "top3"
    assert settings.get("clerk_name") == "李文书"


def test_bad_threshold_refused_and_kept(qtbot, db):
    d = SettingsDialog(None)
    qtbot.addWidget(d)
    d.form.widget("clerk_name").setText("李文书")
    d.form.widget("threshold_percent").setText("900")
    assert not d.try_save()
    assert d.form.fields["threshold_percent"].error.text()
    assert d.form.widget("threshold_percent").text() == "900"
    assert settings.get("satisfaction_threshold") == 0.9
