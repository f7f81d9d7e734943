"""文件 → 数据包 as the clerks use it: the township makes a package for a branch onto the USB
stick; the village PC previews it (nothing written), then takes it in; a wrong passphrase
changes nothing."""
from PySide6.QtCore import Qt

from models.store.sync_tables import ExchangeConflict
from models.store.tables import Member, Organization
from tests.models.sync.sites import PASS, snapshot
from tests.ui.test_main_window import make_window
from ui.exchange import packages_dialog
from ui.exchange.packages_dialog import PackagesDialog

VILLAGE = "红旗村党支部"


def _make(qtbot, usb, target: str, passphrase: str = PASS, again: str = PASS, everything: bool = True):
    dialog = PackagesDialog(None)
    qtbot.addWidget(dialog)
    send = dialog.send
    send.target.setCurrentIndex(send.target.findText(target))
    send.everything.setChecked(everything)
    send.passphrase.setText(passphrase)
    send.again.setText(again)
    send.folder.setText(str(usb))
    return dialog, send


def test_the_township_makes_a_package_for_a_branch(qtbot, sites, answer_messages):
    dialog, send = _make(qtbot, sites.usb, VILLAGE, again="别的口令")
    targets = [send.target.itemText(i) for i in range(send.target.count())]
    assert targets[0].startswith("全镇（") and VILLAGE in targets
    assert send.site_role.currentText() == "乡镇党委"
    assert send.make() is None
    assert answer_messages.log[-1][2] == "两次输入的口令不一样，请重新输入。"
    send.passphrase.setText("123")
    send.again.setText("123")
    assert send.make() is None and "口令至少 6 位" in answer_messages.log[-1][2]
    send.passphrase.setText(PASS)
    send.again.setText(PASS)
    qtbot.mouseClick(send.make_button, Qt.MouseButton.LeftButton)
    made = list(sites.usb.glob("*.xfpkg"))
    assert len(made) == 1 and made[0].name.startswith(f"先锋台账数据包_{VILLAGE}_")
    assert "已生成数据包（第1号，给" in send.result.text() and str(made[0]) in send.result.text()
    assert "党员" in send.result.text()


def test_the_village_previews_then_takes_the_package(qtbot, sites, answer_messages):
    _dialog, send = _make(qtbot, sites.usb, VILLAGE)
    send.make()
    expected = Member.select().join(Organization).where(Organization.short_name == VILLAGE).count()
    package = next(sites.usb.glob("*.xfpkg"))
    sites.use("village")  # a fresh PC in the village: an empty file
    dialog = PackagesDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.send.target.count() == 0 and not dialog.send.make_button.isEnabled()
    receive = dialog.receive
    receive.file.setText(str(package))
    receive.passphrase.setText("错误的口令")
    before = snapshot(("member", "organization", "exchange_record"))
    receive.preview()
    assert answer_messages.log[-1][0] == "warn" and "口令" in answer_messages.log[-1][2]
    assert not receive.apply_button.isEnabled() and snapshot(("member", "organization", "exchange_record")) == before
    receive.passphrase.setText(PASS)
    assert receive.apply() is None  # 接收 waits for a preview of this very file and passphrase
    qtbot.mouseClick(receive.preview_button, Qt.MouseButton.LeftButton)
    assert "以下为预览，数据库尚未改动" in receive.head.text() and receive.apply_button.isEnabled()
    table = receive.counts
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["党员"] == str(expected)
    assert Member.select().count() == 0
    changed = []
    dialog.changed.connect(lambda: changed.append(True))
    qtbot.mouseClick(receive.apply_button, Qt.MouseButton.LeftButton)
    assert Member.select().count() == expected and changed == [True]
    assert "已接收" in receive.head.text() and not receive.apply_button.isEnabled()
    assert dialog.conflicts.summary.text() == "没有待核对的冲突。"
    receive.preview()  # the same package again: said, nothing to take
    assert "已经接收过" in receive.head.text() and not receive.apply_button.isEnabled()


def test_conflicts_are_listed_and_exported(qtbot, sites, monkeypatch, tmp_path, answer_messages):
    ExchangeConflict.create(at="2026-12-01 10:00:00", from_site="红旗村党支部的电脑", package_seq=3,
                            org_name=VILLAGE, tbl="member", uuid="u-1", record="党员 王小明", field="手机号",
                            local_value="13800000001", package_value="13900000002",
                            changed_at="2026-11-30 09:00:00", changed_by="红旗村党支部的电脑")
    dialog = PackagesDialog(None)
    qtbot.addWidget(dialog)
    page = dialog.conflicts
    assert page.table.rowCount() == 1 and page.table.item(0, 1).text() == "党员 王小明"
    assert page.summary.text().startswith("待核对的冲突 1 条")
    out = tmp_path / "冲突.xlsx"
    monkeypatch.setattr(packages_dialog, "choose_conflicts_file", lambda parent, start: str(out))
    page.export()
    assert out.is_file() and answer_messages.log[-1][2] == f"已导出 1 条冲突到 {out}。"



def test_the_clerk_decides_a_conflict_and_it_travels(qtbot, sites, answer_messages):
    """Both sides changed a member's mobile; the village keeps its own value in the window, and
    the township takes it with the village's next package instead of listing it again."""
    from models.roster import members
    from tests.models.sync.sites import a_member

    sites.take("village", sites.send("township", VILLAGE, everything=True))
    for name, mobile in (("township", "13500000000"), ("village", "13511111111")):
        sites.use(name)
        member = a_member(VILLAGE)
        members.save({**members.as_form(member), "mobile": mobile}, member.id)
    sites.take("township", sites.send("village"))
    sites.take("village", sites.send("township", VILLAGE))
    dialog = PackagesDialog(None)
    qtbot.addWidget(dialog)
    page = dialog.conflicts
    assert page.table.rowCount() == 1 and page.keep_button.isEnabled()
    assert page.decide("保留本机的值") == 0 and answer_messages.log[-1][2] == "请先在列表中选中要处理的冲突。"
    page.table.selectRow(0)
    assert page.decide("保留本机的值") == 1
    assert page.table.rowCount() == 0 and page.summary.text() == "没有待核对的冲突。"
    assert "这个选择会带给对方" in answer_messages.log[-1][2]
    out = sites.take("township", sites.send("village"))
    assert out.total("conflict") == 0 and a_member(VILLAGE).mobile == "13511111111"
    read_only = PackagesDialog(None, read_only=True)
    qtbot.addWidget(read_only)
    assert not read_only.conflicts.keep_button.isEnabled() and not read_only.conflicts.take_button.isEnabled()


def test_the_file_menu_opens_it_and_a_read_only_file_cannot_send(qtbot, sites, monkeypatch):
    w = make_window(qtbot, sites.path("township"))
    entries = [a.text() for a in w.file_menu.actions()]
    assert "数据包（党支部与乡镇党委交换）…" in entries
    read_only = PackagesDialog(None, read_only=True)
    qtbot.addWidget(read_only)
    assert not read_only.send.isEnabled() and not read_only.receive.isEnabled()
    assert read_only.conflicts.isEnabled()


def test_the_township_sees_which_branch_is_behind(qtbot, sites):
    """A village sends up; the township's page names the branches without a package this quarter."""
    first = sites.send("township", VILLAGE, everything=True)
    sites.take("village", first)
    up = sites.send("village")  # the village's own package back to the township
    sites.take("township", up)
    dialog = PackagesDialog(None)
    qtbot.addWidget(dialog)
    page = dialog.branches
    assert page is not None and dialog.tabs.tabText(3) == "各支部数据包"
    rows = {page.table.item(r, 0).text(): [page.table.item(r, c).text() for c in range(6)]
            for r in range(page.table.rowCount())}
    assert rows[VILLAGE][1] == "本季度已收到" and rows[VILLAGE][2] == "第1号"
    assert rows[VILLAGE][4] == f"{VILLAGE}的电脑"
    others = [name for name, row in rows.items() if row[1] == "从未收到"]
    assert others and VILLAGE not in others
    assert f"另有 {len(others)} 个党组织从未发来数据包" in page.summary.text()
    sites.use("village")
    village = PackagesDialog(None)
    qtbot.addWidget(village)
    assert village.branches is None and village.tabs.count() == 3


def test_a_package_from_last_quarter_is_behind(sites):
    import datetime as dt

    from models.store.sync_tables import ExchangePeer
    from models.sync import peers

    first = sites.send("township", VILLAGE, everything=True)
    sites.take("village", first)
    sites.take("township", sites.send("village"))
    ExchangePeer.update(last_at="2026-09-30 18:00:00").execute()
    states = {s.org_name: s.state for s in peers.branch_statuses(dt.date(2026, 10, 1))}
    assert states[VILLAGE] == peers.BEHIND
    states = {s.org_name: s.state for s in peers.branch_statuses(dt.date(2026, 9, 30))}
    assert states[VILLAGE] == peers.RECEIVED
    statuses = peers.branch_statuses(dt.date(2026, 10, 1))
    assert statuses[0].org_name == VILLAGE  # the behind ones first
