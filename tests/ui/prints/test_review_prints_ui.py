"""打印 menu entries and tab buttons for 承诺书, 评议表 and 评议记录, down to the preview;
rendering in a worker with 取消. Runs on generated fonts, so no Chinese font is needed."""
import io

import pdfplumber
import pytest
from PySide6.QtCore import Qt

from models.campaign import pledges, reviews
from models.roster import members
from printing.typeset.fonts import FontLibrary, FontSettings
from tests.helpers import make_id, member_data
from tests.printing.fontfactory import NOWHERE, RARE, build_ttf, main_codepoints
from ui.prints import review_prints
from ui.prints.pdf_preview import PreviewDialog
from ui.widgets import modal

NAMES = ("王堃", "李喆", "吉𠮷")


@pytest.fixture(scope="module")
def font_file(tmp_path_factory):
    d = tmp_path_factory.mktemp("uifont")
    return build_ttf(d / "xf-ui.ttf", main_codepoints() + [ord(c) for c in "√÷" + RARE], "XF UI")


@pytest.fixture(autouse=True)
def test_library(font_file, tmp_path, monkeypatch):
    lib = FontLibrary(FontSettings(overrides={r: font_file for r in ("title", "body", "kai", "hei", "song")},
                                   system_fonts=False, cache_dir=tmp_path / "cache"))
    for module in ("printing.documents.pledge_letter", "printing.documents.ballots", "printing.documents.minutes"):
        monkeypatch.setattr(f"{module}.get_library", lambda settings=None: lib)
    return lib


@pytest.fixture
def driver():
    class Steps:
        steps: list = []
        seen: list = []

    steps = Steps()
    steps.steps, steps.seen = [], []

    def run(dialog):
        steps.seen.append(dialog)
        if isinstance(dialog, PreviewDialog):
            return
        steps.steps.pop(0)(dialog)

    modal.driver.run = run
    yield steps
    modal.driver.run = None
    assert not steps.steps, "a dialog the test expected was never opened"


@pytest.fixture
def roster(branch):
    return [members.save(member_data(branch.id, name=n, id_number=make_id("19800101", f"{i:02d}1"),
                                     mobile=f"1391234567{i}"))
            for i, n in enumerate(NAMES)]


@pytest.fixture
def approved(branch, roster):
    out = []
    for m in roster:
        p = pledges.save_draft(branch.id, m.id, 2026, [{"content": "每月走访困难户4户", "deadline": "2026-12-31"}])
        pledges.approve(p.id, "2026-03-01")
        out.append(p)
    return out


@pytest.fixture
def review(branch, roster):
    return reviews.save(branch.id, reviews.ReviewInput(
        year=2026, quarter=2, date="2026-05-20", texts={"place": "村部", "host": "王堃", "recorder": "李喆"},
        attendance={m.id: ("出席", "") for m in roster}, mutual_voters=3,
        mutual={m.id: (1, 2, 0, 0) for m in roster}))


def previewed(driver) -> PreviewDialog:
    """The preview the print action opened last (the render's job opens it when done)."""
    return [d for d in driver.seen if isinstance(d, PreviewDialog)][-1]


def pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return ["".join((p.extract_text() or "").split()) for p in doc.pages]


def private_free(pdf: bytes, roster) -> None:
    whole = "".join(pages(pdf))
    for m in roster:
        assert m.id_number not in whole and m.mobile not in whole


def accept(**values):
    def step(dialog):
        for name, value in values.items():
            widget = getattr(dialog, name)
            if hasattr(widget, "setValue"):
                widget.setValue(value)
            else:
                widget.setCurrentIndex(widget.findData(value))
        dialog.accept()
    return step


def test_menu_entries(qtbot, db, tmp_path):
    from ui.main_window import MainWindow

    w = MainWindow(str(tmp_path / "x.db"))
    qtbot.addWidget(w)
    texts = [a.text() for a in w.print_menu.actions()]
    for entry in ("承诺书…", "民主评议测评表…", "群众评议表…", "季度评议记录…"):
        assert entry in texts


def test_no_organization_selected(qtbot, db, answer_messages):
    for action in (review_prints.print_letters, review_prints.print_party_ballots,
                   review_prints.print_mass_ballots, review_prints.print_minutes):
        assert action(None, None) is None
    assert [kind for kind, *_ in answer_messages.log] == ["info"] * 4


def test_party_ballots_from_the_menu(qtbot, branch, roster, driver):
    driver.steps = [accept(year=2026, quarter=2, copies=2)]
    assert review_prints.print_party_ballots(None, branch.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 2
    text = pages(preview.pdf)
    assert all(p.startswith("民主评议党员测评表") and "2026年第二季度" in p for p in text)
    for name in NAMES:
        assert all(name in p for p in text)
    assert "“优秀”最多1名" in text[0]
    private_free(preview.pdf, roster)


def test_mass_ballots_from_the_menu(qtbot, branch, roster, driver):
    driver.steps = [accept(year=2026, quarter=3, party_copies=1, public_copies=2)]
    assert review_prints.print_mass_ballots(None, branch.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    text = pages(preview.pdf)
    assert [p[:12] for p in text] == ["群众评议表（党员填写）党组"[:12]] + ["群众评议表（群众填写）党组"[:12]] * 2


def test_letters_from_the_menu_and_the_tab(qtbot, branch, roster, approved, driver):
    driver.steps = [accept(year=2026)]
    assert review_prints.print_letters(None, branch.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    text = pages(preview.pdf)
    assert len(text) == 3 and [p for p in text if f"姓名：{NAMES[2]}" in p]
    private_free(preview.pdf, roster)

    from ui.campaign.pledges_view import PledgesView

    view = PledgesView()
    qtbot.addWidget(view)
    view.year.setValue(2026)
    view.show_org(branch.id)
    view.panel.select_where(lambda r: r[1] == NAMES[1])
    assert view.print_button.isEnabled()
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    last = driver.seen[-1]
    assert isinstance(last, PreviewDialog)
    one = pages(last.pdf)
    assert len(one) == 1 and f"姓名：{NAMES[1]}" in one[0]


def test_minutes_from_the_menu_and_the_tab(qtbot, branch, roster, review, driver):
    driver.steps = [lambda dialog: dialog.accept()]
    assert review_prints.print_minutes(None, branch.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    text = "".join(pages(preview.pdf))
    assert text.startswith("2026年第二季度创先争优活动评议会议记录") and "主持人：王堃" in text

    from ui.campaign.reviews_view import ReviewsView

    view = ReviewsView()
    qtbot.addWidget(view)
    view.show_org(branch.id)
    view.panel.select_where(lambda r: r[0] == review.id)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert isinstance(driver.seen[-1], PreviewDialog)


def test_minutes_without_reviews(qtbot, branch, answer_messages):
    assert review_prints.print_minutes(None, branch.id) is None
    assert "还没有季度评议记录" in answer_messages.log[-1][2]


def test_rendering_runs_in_the_background(qtbot, branch, roster, driver, real_jobs):
    driver.steps = [accept(year=2026, quarter=1, copies=12)]
    job = review_prints.print_party_ballots(None, branch.id)
    assert job.running and not [d for d in driver.seen if isinstance(d, PreviewDialog)]
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    preview = previewed(driver)
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 12


def test_cancel_stops_the_worker(qtbot, branch, roster, driver, answer_messages, real_jobs):
    driver.steps = [accept(year=2026, quarter=1, copies=200)]
    job = review_prints.print_party_ballots(None, branch.id)
    job.cancel()  # what the progress dialog's 取消 does
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert answer_messages.log[-1][:2] == ("info", "民主评议党员测评表")
    assert "已取消" in answer_messages.log[-1][2]
    assert not [d for d in driver.seen if isinstance(d, PreviewDialog)]


def test_missing_characters_asked_before_rendering(qtbot, branch, roster, driver, answer_messages):
    members.save(member_data(branch.id, name=f"张{NOWHERE[0]}", id_number=make_id("19800101", "091")))
    answer_messages.auto = lambda kind, title, text: False
    driver.steps = [accept(year=2026, quarter=1, copies=1)]
    assert review_prints.print_party_ballots(None, branch.id) is None
    assert answer_messages.log[-1][0] == "ask" and NOWHERE[0] in answer_messages.log[-1][2]
    answer_messages.auto = lambda kind, title, text: True
    driver.steps = [accept(year=2026, quarter=1, copies=1)]
    assert review_prints.print_party_ballots(None, branch.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1


def test_fonts_follow_the_print_settings(qtbot, branch, roster, review, driver, monkeypatch, font_file,
                                         test_library):
    from models.config import settings

    settings.put({"font_overrides": {"body": str(font_file)}})
    seen = []

    def spy(fonts_settings=None):
        seen.append(fonts_settings)
        return test_library

    monkeypatch.setattr("printing.documents.minutes.get_library", spy)
    assert review_prints.print_minutes_for(None, review.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    assert seen and all(str(s.overrides["body"]) == str(font_file) for s in seen)
