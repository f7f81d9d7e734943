"""The pledge board end to end: records → PDF, from the command line and from the window."""
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from models.store.tables import Member, Organization, Pledge
from printing.errors import NoCJKFontError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def need_real_fonts():
    from printing.typeset.library import get_library

    try:
        get_library().primary("body")
    except NoCJKFontError:
        pytest.skip("本机没有中文字体（CI 会安装）")


def board_names(org_id, year):
    return [p.member.name for p in Pledge.select(Pledge, Member).join(Member).where(
        (Pledge.org == org_id) & (Pledge.year == year) & Pledge.state.in_(("已审定", "已公示", "已评诺")))]


def check_public_pdf(path, names, org_id):
    reader = PdfReader(path)
    text = "".join(page.extract_text() or "" for page in reader.pages)
    with pdfplumber.open(path) as pdf:
        plumbed = "".join(page.extract_text() or "" for page in pdf.pages)
    for name in names:
        assert name in plumbed.replace(" ", "") or name in text.replace(" ", "")
    for m in Member.select().where(Member.org == org_id):
        assert m.id_number not in text and m.mobile not in text  # never on a public notice
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            assert "Helvetica" not in str(font["/BaseFont"])
            assert "+" in str(font["/BaseFont"])  # subset, embedded
    return reader


def test_cli_prints_board(tmp_path, need_real_fonts, demo_db, db_path):
    org = Organization.get(Organization.short_name == "红旗村党支部")
    year = Pledge.select().first().year
    out = tmp_path / "board.pdf"
    env = dict(os.environ, XIANFENG_DATA_DIR=str(tmp_path / "data"))
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "print", "pledge-board",
                        "--org", "红旗村党支部", "--year", str(year), "--paper", "A3", "-o", str(out)],
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    reader = check_public_pdf(out, board_names(org.id, year), org.id)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 landscape


def test_cli_errors_in_chinese(tmp_path, demo_db, db_path):
    env = dict(os.environ, XIANFENG_DATA_DIR=str(tmp_path / "data"))
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db_path), "print", "pledge-board",
                        "--org", "不存在的支部", "--year", "2026", "-o", str(tmp_path / "x.pdf")],
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert r.returncode == 2 and "找不到" in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_window_print_menu_previews_board(qtbot, tmp_path, need_real_fonts, demo_db, db_path):
    from ui.main_window import MainWindow
    from ui.prints.pdf_preview import PreviewDialog
    from ui.prints.print_actions import PledgeBoardOptions
    from ui.widgets import modal

    org = Organization.get(Organization.short_name == "红旗村党支部")
    year = Pledge.select().first().year
    w = MainWindow(str(db_path))
    qtbot.addWidget(w)
    w.load()
    w.tree.reload(org.id)
    seen = []

    def drive(dialog):
        seen.append(dialog)
        if isinstance(dialog, PledgeBoardOptions):
            dialog.year.setValue(year)
            dialog.accept()

    modal.driver.run = drive
    try:
        w._print_board()
    finally:
        modal.driver.run = None
    preview = seen[-1]
    assert isinstance(preview, PreviewDialog)
    assert preview.document.pageCount() >= 1
    out = tmp_path / "saved.pdf"
    out.write_bytes(preview.pdf)
    check_public_pdf(out, board_names(org.id, year), org.id)
