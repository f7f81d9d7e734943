"""The main window on a demo township: tree, tabs, search, sort, masked IDs."""
from PySide6.QtCore import Qt

from models.store.tables import Member, Organization
from ui.main_window import MainWindow


def make_window(qtbot, db_path):
    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    w.load()
    w.show()
    return w


def test_roster_search_sort_and_masking(qtbot, demo_db, db_path):
    w = make_window(qtbot, db_path)
    panel = w.members.panel
    assert panel.model.rowCount() == Member.select().count()  # 党委 shows its whole subtree
    first_id = panel.model.row_tuple(0)[4]
    shown = panel.model.index(0, 3).data()
    assert "*" in shown and shown != first_id and shown[:6] == first_id[:6]
    target = Member.select().order_by(Member.id.desc()).first()
    panel.search.setText(target.id_number)  # full ID finds the member though it is masked
    assert panel.model.rowCount() == 1 and panel.model.index(0, 0).data() == target.name
    panel.search.setText("")
    # default order is 姓氏笔画: the stored keys are non-decreasing down the list
    keys = [panel.model.row_tuple(i)[11] for i in range(panel.model.rowCount())]
    assert keys == sorted(keys)
    panel.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # 出生日期
    dates = [panel.model.row_tuple(i)[3] for i in range(panel.model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_selecting_a_branch_filters_and_profile_edits_save(qtbot, demo_db, db_path):
    w = make_window(qtbot, db_path)
    branch = Organization.get(Organization.short_name == "红旗村党支部")
    w.tree.reload(branch.id)
    assert w.profile.org_id == branch.id
    expected = Member.select().where(Member.org == branch.id).count()
    assert w.members.panel.model.rowCount() == expected
    w.profile.form.widget("supervision_phone").setText("0371-99998888")
    assert w.profile.save()
    assert Organization.get_by_id(branch.id).supervision_phone == "0371-99998888"
    w.profile.form.widget("supervision_phone").setText("打电话")
    assert not w.profile.save()
    assert w.profile.banner.isVisibleTo(w)
    assert Organization.get_by_id(branch.id).supervision_phone == "0371-99998888"


def test_ctrl_f_focuses_search(qtbot, demo_db, db_path):
    w = make_window(qtbot, db_path)
    w.tabs.setCurrentWidget(w.members)
    with qtbot.waitActive(w):
        w.activateWindow()
    w.members.panel.table.setFocus()
    qtbot.keyClick(w.members.panel.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.members.panel.search.hasFocus()


def test_export_current_list_as_filtered(qtbot, demo_db, db_path, tmp_path, monkeypatch):
    import openpyxl

    from ui.exchange import export_actions

    w = make_window(qtbot, db_path)
    w.tabs.setCurrentWidget(w.members)
    w.members.panel.search.setText("书记")
    shown = w.members.panel.model.rowCount()
    assert 0 < shown < Member.select().count()
    target = tmp_path / "list.xlsx"
    monkeypatch.setattr(export_actions, "choose_save_file", lambda *a: str(target))
    w.export_current_list()
    sheet = openpyxl.load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header_row = next(i for i, r in enumerate(values) if r[0] == "姓名")
    data = [r for r in values[header_row + 1:] if r[0]]
    assert len(data) == shown
    assert all("*" in (r[3] or "") for r in data)  # IDs stay masked as on screen
    mobiles = [r[8] for r in data if r[8]]
    assert mobiles and all(m[3:7] == "****" for m in mobiles)  # and so do mobile numbers


def test_qt_own_words_are_chinese(qapp):
    """The right-click menu of every input and the buttons of Qt's boxes come from Qt itself."""
    from PySide6.QtCore import QCoreApplication

    from ui.app import install_chinese

    assert install_chinese(qapp)
    assert QCoreApplication.translate("QLineEdit", "&Copy") != "&Copy"
    assert "复制" in QCoreApplication.translate("QLineEdit", "&Copy")
    assert QCoreApplication.translate("QPlatformTheme", "OK") == "确定"


def test_ctrl_q_quits_on_every_system(qtbot, demo_db, db_path):
    """QKeySequence.Quit is empty on Windows; Ctrl+Q is set explicitly."""
    from PySide6.QtGui import QKeySequence

    w = make_window(qtbot, db_path)
    assert w.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    with qtbot.waitActive(w):
        w.activateWindow()
    w.members.panel.table.setFocus()
    qtbot.keyClick(w.members.panel.table, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not w.isVisible()


def test_mobiles_masked_in_the_list_whole_in_the_form(qtbot, demo_db, db_path):
    from ui.roster.member_dialog import MemberDialog

    w = make_window(qtbot, db_path)
    member = Member.select().where(Member.mobile != "").order_by(Member.id).first()
    panel = w.members.panel
    panel.search.setText(member.mobile)  # the whole number still finds the member
    assert panel.model.rowCount() == 1 and panel.model.index(0, 0).data() == member.name
    shown = panel.model.index(0, 8).data()
    assert shown == member.mobile[:3] + "****" + member.mobile[-4:]
    dialog = MemberDialog(w, member_id=member.id)
    assert dialog.form.widget("mobile").text() == member.mobile
    dialog.deleteLater()


def test_the_list_masks_mobiles_by_the_printouts_rule():
    from printing.privacy import mask_private
    from ui.roster.members_view import mask_mobile

    for number in ("13812345678", "19900001111"):
        assert mask_mobile(number) == mask_private(number) == number[:3] + "****" + number[-4:]
    assert mask_mobile("") == "" and mask_mobile(None) == ""
    assert mask_mobile("138 1234 5678") == mask_private("138 1234 5678")  # stored before the rule


def _all_actions(menu_bar):
    found = []
    for top in menu_bar.actions():
        menu = top.menu()
        if menu is not None:
            found += [(top.text(), a.text()) for a in menu.actions() if a.text()]
    return found


def test_one_menu_entry_per_action_and_one_place_per_setting(qtbot, db_path, db):
    from ui.config.settings_dialog import PRINT_KEYS, RULE_KEYS, look_fields, org_fields, review_fields

    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    entries = [text for _menu, text in _all_actions(w.menuBar())]
    doubled = sorted({t for t in entries if entries.count(t) > 1})
    assert doubled == [], doubled
    assert ("打印(&P)", "打印专项台账…") in _all_actions(w.menuBar())
    # one dialog, each setting on one page only (the date styles are printing's: 打印 page)
    pages = [[f.key for f in org_fields()], [f.key for f in review_fields()], [f.key for f in look_fields()],
             list(RULE_KEYS), list(PRINT_KEYS)]
    keys = [key for page in pages for key in page]
    assert len(keys) == len(set(keys)), keys
    assert {"date_style_notice", "date_style_certificate"} <= set(PRINT_KEYS)
    assert [a.text() for a in w.settings_menu.actions()] == ["设置…"]
