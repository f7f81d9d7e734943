"""表彰 page → 打印先进事迹材料: the decided awardee's deeds, down to the preview."""
from models.commendation import nominations as cm
from tests.printing.pdfcheck import compact, text
from tests.ui.committee import test_committee_ui as committee_ui
from ui.committee.commendation_view import CommendationView
from ui.widgets import modal

YEAR = committee_ui.YEAR
test_fonts = committee_ui.test_fonts   # a generated font in the settings: no Chinese font needed


def test_deeds_from_the_commendation_page(qtbot, town, test_fonts, answer_messages):
    previews = []
    modal.driver.run = lambda dialog: (previews.append(dialog), dialog.reject())
    view = committee_ui.shown(qtbot, CommendationView(), town["top"])
    view.print_deeds()                                # nothing decided yet: said so, nothing rendered
    assert not previews and "还没有已决定的表彰" in answer_messages.log[-1][2]
    n = cm.propose(YEAR, "优秀共产党员", member_id=town["ids"]["李红"], on="2026-06-01",
                   deeds="带领群众修通进山路三公里。")
    cm.review(YEAR, "优秀共产党员", [n.id], on="2026-06-10")
    cm.set_notice(YEAR, "2026-06-20", "2026-06-26")
    cm.decide([n.id], on="2026-06-28")
    cm.record_awards(YEAR)
    assert view.print_deeds_button.isEnabled()
    view.print_deeds()
    qtbot.waitUntil(lambda: bool(previews), timeout=20000)
    pages = [compact(p) for p in text(previews[-1].pdf)]
    assert pages[0].startswith(f"{YEAR}年度创先争优活动先进事迹材料") and "李红" in pages[1]
    assert "带领群众修通进山路三公里。" in pages[2]
