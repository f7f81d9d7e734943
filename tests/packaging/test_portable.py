"""Portable mode: 便携版.txt beside the installed program's executable moves the data beside it."""
from __future__ import annotations

import sys

import pytest

from models.store import paths


@pytest.fixture
def program(tmp_path, monkeypatch):
    """A fake installed program: a folder with an executable, as sys.executable is when frozen."""
    monkeypatch.delenv("XIANFENG_DATA_DIR", raising=False)
    folder = tmp_path / "U盘" / "先锋台账"
    folder.mkdir(parents=True)
    exe = folder / "xianfeng.exe"
    exe.write_bytes(b"MZ")
    return exe


def test_marker_beside_the_frozen_executable_puts_the_data_beside_it(program, monkeypatch):
    assert paths.portable_dir(str(program), frozen=True) is None  # installed normally
    (program.parent / "便携版.txt").write_text("", encoding="utf-8")
    assert paths.portable_dir(str(program), frozen=True) == program.parent.resolve() / "数据"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert paths.is_portable()
    assert paths.data_dir() == program.parent.resolve() / "数据"
    assert paths.default_db_path() == program.parent.resolve() / "数据" / "xianfeng.db"


def test_from_the_source_folder_a_marker_moves_nothing(program, monkeypatch):
    (program.parent / "便携版.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "executable", str(program))
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.portable_dir() is None and not paths.is_portable()
    assert "数据" not in paths.data_dir().parts


def test_the_data_folder_variable_wins_over_portable_mode(program, monkeypatch, tmp_path):
    (program.parent / "便携版.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    monkeypatch.setenv("XIANFENG_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere" and not paths.is_portable()


def test_window_title_says_portable(qtbot, db_path, monkeypatch):
    from models.safety import opening
    from models.store import db as dbmod
    from ui.main_window import MainWindow

    opening.connect(db_path)
    try:
        normal = MainWindow(str(db_path))
        qtbot.addWidget(normal)
        assert "便携版" not in normal.windowTitle()
        monkeypatch.setattr(paths, "is_portable", lambda: True)
        portable = MainWindow(str(db_path))
        qtbot.addWidget(portable)
        assert portable.windowTitle().endswith("（便携版）")
    finally:
        dbmod.close()
