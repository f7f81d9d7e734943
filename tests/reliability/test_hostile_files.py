"""Hostile and broken roster files end with a Chinese message, the memory bounded, nothing written.

The files are built here with zipfile: a few MB on disk that expand to a gigabyte, cells of a
million rich-text runs, a central directory that lies, text files with a 20 MB line. Each must
be refused by `read_file` with `TooLarge` (or a ValidationError for a damaged file); memory is
measured with tracemalloc around the reading, and in a separate process for the largest bomb.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Iterable
from itertools import chain
from pathlib import Path

import openpyxl
import pytest

from models.errors import ValidationError
from models.exchange import limits, roster_read
from models.store.tables import Member
from tests.models.exchange.test_roster_import import national, person

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_TAIL = "</sheetData></worksheet>"
_ROW = ('<row><c t="inlineStr"><is><t>张三</t></is></c><c t="inlineStr"><is><t>中共东风村支部委员会</t></is></c>'
        '<c t="inlineStr"><is><t>110101198001010111</t></is></c></row>')


def with_sheet(path: Path, chunks: Iterable[bytes]) -> Path:
    """A real workbook (written by openpyxl) whose sheet XML is the chunks given, streamed in."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "姓名"
    wb.save(path)
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                out.writestr(name, data)
        with out.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    return path


def bomb(path: Path, body: str, size: int, *, head: str = _HEAD, tail: str = _TAIL) -> Path:
    """A workbook whose sheet XML is `body` repeated to ~`size` bytes between head and tail."""
    one = body.encode()
    copies = max(1, size // len(one))
    batch = max(1, (4 * MB) // len(one))
    body_chunks = (one * min(batch, copies - done) for done in range(0, copies, batch))
    return with_sheet(path, chain([head.encode()], body_chunks, [tail.encode()]))


def lie_about_size(path: Path, name: str, size: int) -> None:
    """Write `size` as the entry's uncompressed size in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    wanted = name.encode()
    for signature, name_at, size_at in ((b"PK\x01\x02", 46, 24), (b"PK\x03\x04", 30, 22)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at:at + name_at + len(wanted)] == wanted:
                data[at + size_at:at + size_at + 4] = size.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def refused(path: Path, match: str = "文件太大或已损坏") -> tuple[str, int]:
    """read_file's message and the peak of memory allocated while it ran."""
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match=match) as info:
            roster_read.read_file(path)
        return str(info.value), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def gigabyte(tmp_path_factory) -> Path:
    """4 MB on disk, 1 GB of rows inflated."""
    path = bomb(tmp_path_factory.mktemp("bomb") / "炸弹.xlsx", _ROW, 1024 * MB)
    assert path.stat().st_size < 8 * MB
    return path


def peak_of_reading(path: Path) -> tuple[str, int]:
    """(exception name, peak resident memory in KB) of read_file in a process of its own (Linux)."""
    # VmHWM is this process's own peak; ru_maxrss would include the forking test process's memory
    probe = ("import re, sys; sys.path.insert(0, sys.argv[1])\n"
             "from models.exchange import roster_read\n"
             "try:\n    roster_read.read_file(sys.argv[2])\nexcept Exception as exc:\n    print(type(exc).__name__)\n"
             "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1])")
    out = subprocess.run([sys.executable, "-c", probe, str(ROOT), str(path)], capture_output=True, text=True,
                         timeout=300, check=True).stdout.split()
    return out[0], int(out[-1])


@pytest.mark.slow
def test_a_gigabyte_sheet_in_a_small_file_is_refused_in_bounded_memory(gigabyte):
    with pytest.raises(limits.TooLarge, match="超过了 120,000 行的上限"):
        roster_read.read_file(gigabyte)
    kind, peak_kb = peak_of_reading(gigabyte)
    assert kind == "TooLarge"
    assert peak_kb < 300 * 1024, f"peak {peak_kb // 1024} MB"


def test_one_endless_cell_text_is_refused_at_its_first_megabyte(tmp_path):
    head = _HEAD + '<row><c t="inlineStr"><is><t>'
    path = bomb(tmp_path / "长.xlsx", "党" * 1000, 400 * MB, head=head, tail="</t></is></c></row>" + _TAIL)
    message, peak = refused(path)
    assert "超过 1 MB" in message
    assert peak < 50 * MB


def test_cdata_hides_no_text_from_the_count(tmp_path):
    head = _HEAD + '<row><c t="inlineStr"><is><t><![CDATA['
    path = bomb(tmp_path / "cdata.xlsx", "<<<<>>>>" * 100, 200 * MB, head=head, tail="]]></t></is></c></row>" + _TAIL)
    assert "超过 1 MB" in refused(path)[0]


def test_a_cell_of_a_million_rich_text_runs_is_refused(tmp_path):
    head = _HEAD + '<row><c t="inlineStr"><is>'
    path = bomb(tmp_path / "runs.xlsx", "<r><t>a</t></r>", 300 * MB, head=head, tail="</is></c></row>" + _TAIL)
    message, peak = refused(path)
    assert "超过 5,000 个部分" in message
    assert peak < 50 * MB


def test_values_far_to_the_right_or_too_many_cells_are_refused(tmp_path):
    path = bomb(tmp_path / "宽.xlsx", '<row><c r="IW1" t="inlineStr"><is><t>x</t></is></c></row>', 10 * MB)
    assert "第 257 列还有内容" in refused(path)[0]
    path = bomb(tmp_path / "多.xlsx", '<row><c r="A1"><v>1</v></c><c r="IV1"><v>1</v></c></row>', 100 * MB)
    message, peak = refused(path)  # 256 columns kept for each row, though only two hold values
    assert "超过 400 万个单元格" in message
    assert peak < 100 * MB


def test_different_texts_past_their_budget_are_refused_before_they_fill_the_memory(tmp_path):
    """Under the row, column and cell limits, but every text different: the kept text is counted."""
    filler = "党" * 3000
    rows = (f'<row><c t="inlineStr"><is><t>{r}{filler}</t></is></c></row>'.encode()
            for r in range(40_000))  # 40,000 × 6 KB kept: past 160 MB before the 320 MB of XML
    path = with_sheet(tmp_path / "异.xlsx", chain([_HEAD.encode()], rows, [_TAIL.encode()]))
    message, peak = refused(path)
    assert "不同的文字超过 160 MB" in message
    assert peak < 250 * MB


def test_an_archive_of_too_many_parts_is_refused(tmp_path):
    path = bomb(tmp_path / "s.xlsx", "<row/>", MB)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        for i in range(limits._MAX_ENTRIES + 1):
            z.writestr(f"x/{i}", b"")
    assert "个部分（工作簿一般只有几十个）" in refused(path)[0]


def test_a_central_directory_that_lies_about_sizes_is_no_way_round(tmp_path):
    """The directory says the sheet is 2 KB: zipfile inflates no more, and the damage is reported."""
    path = bomb(tmp_path / "谎.xlsx", _ROW, 200 * MB)
    lie_about_size(path, "xl/worksheets/sheet1.xml", 2048)
    message, peak = refused(path, match="损坏")
    assert peak < 50 * MB, message


def test_formatting_down_to_the_last_row_is_not_refused(tmp_path):
    """Excel writes styled empty rows far below the data: they are no content."""
    head = _HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
    rows = "".join(f'<row r="{r}" s="1" customFormat="1"/>' for r in range(2, 1001))
    path = bomb(tmp_path / "格式.xlsx", rows, len(rows), head=head,
                tail='<row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row>' + _TAIL)
    assert roster_read.read_file(path).rows == [("姓名",)]


def test_ods_repeats_and_bombs_are_refused(tmp_path):
    from tests.models.exchange.test_roster_read import _NS, ods_cell, write_ods

    cell = '<table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell>'
    path = write_ods(tmp_path / "行.ods", [("名册", [[ods_cell("姓名")]])])
    wide = cell.replace("<table:table-cell ", '<table:table-cell table:number-columns-repeated="1000000000" ')
    for rows in (f'<table:table-row table:number-rows-repeated="1000000000">{cell}</table:table-row>',
                 f"<table:table-row>{wide}</table:table-row>"):
        content = (f'<?xml version="1.0"?><office:document-content {_NS}><office:body><office:spreadsheet>'
                   f'<table:table table:name="名册">{rows}</table:table></office:spreadsheet></office:body>'
                   "</office:document-content>")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("content.xml", content)
        message, peak = refused(path)
        assert "上限" in message and peak < 20 * MB, message

    head = (f'<?xml version="1.0"?><office:document-content {_NS}><office:body><office:spreadsheet>'
            '<table:table table:name="名册">')
    one = f"<table:table-row>{cell}</table:table-row>".encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, z.open("content.xml", "w") as content:
        content.write(head.encode())
        for _ in range(256):  # 1 GB
            content.write(one * (4 * MB // len(one)))
    assert path.stat().st_size < 8 * MB
    with pytest.raises(limits.TooLarge, match="超过了 120,000 行的上限"):  # memory: as the .xlsx bomb
        roster_read.read_file(path)


# --- text files ----------------------------------------------------------------------------------

def test_text_files_with_a_huge_line_field_or_size_are_refused(tmp_path):
    path = tmp_path / "一行.csv"
    with open(path, "wb") as f:
        f.write("姓名,身份证号\n".encode())
        f.write(b"x," * (10 * MB))
    message, peak = refused(path)
    assert "第 2 行超过 1 MB" in message
    assert peak < 50 * MB

    path = tmp_path / "一格.csv"
    path.write_text('姓名,备注\n李明,"' + "很长的备注\n" * 10_000 + '"\n', encoding="utf-8")
    assert "超过 32,767 个字符" in refused(path)[0]

    path = tmp_path / "宽.txt"
    path.write_text("\t".join(["x"] * 300) + "\n", encoding="utf-16")
    assert "第 300 列还有内容" in refused(path)[0]

    path = tmp_path / "大.csv"
    with open(path, "wb") as f:
        f.truncate(limits.MAX_BYTES + 1)
    assert "超过 320 MB" in refused(path)[0]


def test_an_old_excel_file_larger_than_its_limit_is_refused_unread(tmp_path):
    path = tmp_path / "大.xls"
    with open(path, "wb") as f:
        f.truncate(limits.MAX_XLS_BYTES + 1)
    assert "Excel 97–2003 工作簿最多读取 40 MB" in refused(path)[0]


# --- the whole way: command line, window, memory -----------------------------------------------

def _cli(*args: str, env_dir: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XIANFENG_DATA_DIR=str(env_dir))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


@pytest.mark.slow
def test_the_command_line_refuses_a_bomb_and_writes_nothing(gigabyte, tmp_path, monkeypatch):
    from tests.cli.test_cli_excel import members_in, township

    db = tmp_path / "台账.db"
    township(db, tmp_path, monkeypatch)
    r = _cli("--db", str(db), "import", "roster", str(gigabyte), env_dir=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "错误：文件太大或已损坏，无法导入" in r.stderr and "Traceback" not in r.stderr
    assert members_in(db) == 0


def test_out_of_memory_on_the_command_line_is_a_message(tmp_path, monkeypatch, capsys, branch):
    from ui.cli.parser import build_parser, run

    path = national(tmp_path / "名册.xlsx", [person("李明")])

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(roster_read, "read_file", exhausted)
    monkeypatch.setattr("models.exchange.roster_import.read_file", exhausted)
    code = run(build_parser().parse_args(["import", "roster", str(path)]))
    err = capsys.readouterr().err
    assert code == 2  # not the disk (3), not the database file (4): see README 命令行
    assert "电脑内存不足" in err and "分成几个较小的文件" in err
    assert Member.select().count() == 0


def test_out_of_memory_in_the_window_is_a_message(qtbot, branch, tmp_path, monkeypatch):
    from ui.exchange import import_dialog
    from ui.exchange.import_dialog import RosterImportDialog
    from ui.widgets import messages

    shown = []
    messages.answers.log = []
    monkeypatch.setattr(messages.answers, "auto", lambda kind, title, text: shown.append((kind, text)) or True)
    path = national(tmp_path / "名册.xlsx", [person("李明")])

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr("models.exchange.roster_import.read_file", exhausted)
    monkeypatch.setattr("models.exchange.roster_read.read_file", exhausted)
    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: str(path))
    dialog = RosterImportDialog(None, branch.id)
    qtbot.addWidget(dialog)
    dialog.choose_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert shown and shown[0][0] == "warn" and "电脑内存不足" in shown[0][1]


def test_out_of_memory_reaching_the_window_hook_is_a_message(qtbot, monkeypatch):
    from ui import app
    from ui.widgets import messages

    shown = []
    monkeypatch.setattr(messages.answers, "auto", lambda kind, title, text: shown.append((kind, text)) or True)
    saved = sys.excepthook
    try:
        app.install_excepthook()
        sys.excepthook(MemoryError, MemoryError(), None)
    finally:
        sys.excepthook = saved
    assert shown == [("warn", shown[0][1])] and "电脑内存不足" in shown[0][1]
