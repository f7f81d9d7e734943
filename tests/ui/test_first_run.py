"""The first start on an empty database: a path, not a dead end (issue 13, item 1)."""
from PySide6.QtCore import Qt

from models.store.tables import Member, Organization
from tests.ui.conftest import type_text
from tests.ui.roster.test_member_form import choose
from ui.main_window import MainWindow
from ui.widgets import modal


def window(qtbot, db_path, read_only=False):
    w = MainWindow(str(db_path), read_only)
    qtbot.addWidget(w)
    w.load()
    w.show()
    return w


def fill_org(dialog):
    f = dialog.form
    type_text(None, f.widget("name"), "中共东风村支部委员会")
    type_text(None, f.widget("short_name"), "东风村党支部")
    choose(f, "level", "党支部")
    choose(f, "category", "农村党组织")
    dialog.try_save()


def test_an_empty_database_opens_on_the_three_steps(qtbot, db, db_path):
    w = window(qtbot, db_path)
    page = w.first_run
    assert page is not None and w.pages.currentWidget() is page
    # nothing is offered that could not be saved: steps 2 and 3 wait for the organization
    assert page.create_button.isEnabled()
    assert not any(b.isEnabled() for b in (page.import_button, page.add_button, page.go_button))
    modal.driver.run = fill_org
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    org = Organization.get(Organization.short_name == "东风村党支部")
    assert page.org_id == org.id and "✓ 已建立“中共东风村支部委员会”" in page.step1.text()
    assert not page.create_button.isEnabled() and page.go_button.isEnabled()
    qtbot.mouseClick(page.go_button, Qt.MouseButton.LeftButton)
    assert w.pages.currentWidget() is w.splitter and w.tree.current_id() == org.id
    assert w.profile.save_button.isEnabled() and w.profile.form.container.isEnabled()


def test_a_cancelled_dialog_leaves_the_steps_as_they_were(qtbot, db, db_path):
    w = window(qtbot, db_path)
    modal.driver.run = lambda dialog: dialog.reject()
    qtbot.mouseClick(w.first_run.create_button, Qt.MouseButton.LeftButton)
    assert Organization.select().count() == 0 and w.first_run.org_id is None
    assert w.pages.currentWidget() is w.first_run


def test_step_two_opens_the_member_form_for_the_new_branch(qtbot, db, db_path, monkeypatch):
    w = window(qtbot, db_path)
    assert "还是空的" in w.first_run.lead.text()
    modal.driver.run = fill_org
    qtbot.mouseClick(w.first_run.create_button, Qt.MouseButton.LeftButton)
    assert "已经建立" in w.first_run.lead.text()  # no longer says the database is empty
    opened = []
    monkeypatch.setattr(w.members, "add", lambda: opened.append(w.members.org_id))
    qtbot.mouseClick(w.first_run.add_button, Qt.MouseButton.LeftButton)
    assert opened == [w.first_run.org_id] and w.tabs.currentWidget() is w.members


def test_a_database_with_organizations_opens_as_usual(qtbot, branch, db_path):
    w = window(qtbot, db_path)
    assert w.first_run is None and w.pages.currentWidget() is w.splitter
    assert Member.select().count() == 0  # members or not: only an empty database is guided


def test_no_form_takes_typing_without_an_organization(qtbot, db, db_path):
    w = window(qtbot, db_path, read_only=True)  # a read-only view of an empty file: no steps to take
    assert w.first_run is None
    assert not w.profile.form.container.isEnabled() and not w.profile.save_button.isEnabled()
    assert "文件 → 新建党组织" in w.profile.category_note.text()
