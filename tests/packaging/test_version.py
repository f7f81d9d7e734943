"""One version number: pyproject.toml → --version, 关于, the exe's version resource, the installer's name."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ui.help.version import version

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import winversion  # noqa: E402 - packaging/ is not a package


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_version_is_pyprojects_and_main_py_says_it():
    assert version() == project_version()
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True,
                       encoding="utf-8")
    assert r.returncode == 0 and r.stdout.strip() == f"先锋台账 {project_version()}"


def test_version_read_from_another_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2.3.4"\n', encoding="utf-8")
    assert version(tmp_path / "pyproject.toml") == "2.3.4"
    assert version(tmp_path / "missing.toml") in (project_version(), "未知")  # installed metadata or 未知


@pytest.mark.parametrize(("text", "numbers"), [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)),
                                               ("1.2.0rc1", (1, 2, 0, 1)), ("2026.12.3.7", (2026, 12, 3, 7))])
def test_windows_version_numbers(text, numbers):
    assert winversion.numeric(text) == numbers


def test_windows_version_resource_names_the_product_and_version():
    text = winversion.resource_text("1.4.2")
    assert "filevers=(1, 4, 2, 0)" in text and "StringStruct('ProductVersion', '1.4.2')" in text
    assert "StringStruct('ProductName', '先锋台账')" in text and "'xianfeng.exe'" in text
    assert "[2052, 1200]" in text  # 简体中文, Unicode
    assert f"'{project_version()}'" in winversion.resource_text()


def test_changelog_has_an_entry_for_this_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {project_version()}" in changelog
