"""打印 menu → 评议结果公示… down to the preview, on generated fonts (no Chinese font needed)."""
import pytest

from tests.ui.prints import test_review_prints_ui as review_ui
from tests.ui.prints.test_review_prints_ui import NAMES, pages, previewed, private_free
from ui.prints import result_prints

# The review prints' fixtures: generated fonts, a branch's roster and review, the dialog driver.
font_file, test_library, driver, roster, review = (review_ui.font_file, review_ui.test_library, review_ui.driver,
                                                  review_ui.roster, review_ui.review)


@pytest.fixture(autouse=True)
def results_library(test_library, monkeypatch):
    monkeypatch.setattr("printing.documents.review_results.get_library", lambda settings=None: test_library)


def test_menu_entry(qtbot, db, tmp_path):
    from ui.main_window import MainWindow

    w = MainWindow(str(tmp_path / "x.db"))
    qtbot.addWidget(w)
    assert "评议结果公示…" in [a.text() for a in w.print_menu.actions()]


def test_results_from_the_menu(qtbot, branch, roster, review, driver):
    driver.steps = [lambda dialog: dialog.accept()]
    assert result_prints.print_review_results(None, branch.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    text = "".join(pages(preview.pdf))
    assert "2026年第二季度创先争优评议结果公示" in text and "应到党员" in text
    assert all(n in text for n in NAMES) and "合格" in text
    assert "2026年5月21日至2026年5月27日" in text
    private_free(preview.pdf, roster)


def test_without_reviews_or_organization(qtbot, branch, answer_messages):
    assert result_prints.print_review_results(None, None) is None
    assert result_prints.print_review_results(None, branch.id) is None
    assert "还没有季度评议记录" in answer_messages.log[-1][2]


def test_member_record_from_the_menu(qtbot, branch, roster, review, driver, test_library, monkeypatch, tmp_path):
    from ui.main_window import MainWindow
    from ui.prints import record_prints

    monkeypatch.setattr("printing.documents.member_record.get_library", lambda settings=None: test_library)
    w = MainWindow(str(tmp_path / "x.db"))
    qtbot.addWidget(w)
    assert "党员表现记录…" in [a.text() for a in w.print_menu.actions()]

    def choose(dialog):
        dialog.member.setCurrentIndex(dialog.member.findData(roster[1].id))
        dialog.first.setValue(2026)
        dialog.last.setValue(2026)
        dialog.accept()

    driver.steps = [choose]
    assert record_prints.print_record(None, branch.id) is not None
    preview = previewed(driver)
    qtbot.addWidget(preview)
    text = "".join(pages(preview.pdf))
    assert text.startswith("党员创先争优表现记录") and f"姓名：{NAMES[1]}" in text
    assert "二季度合格" in text and "经核实，情况属实。" in text
    private_free(preview.pdf, roster)
