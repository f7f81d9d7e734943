"""The build's own rules, checked without building: what is trimmed, the spec, the installer script."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import trim  # noqa: E402 - packaging/ is not a package


@pytest.mark.parametrize("dest", [
    "PySide6/qml/QtQuick/Controls/libqtquickcontrols2plugin.so",
    "PySide6\\opengl32sw.dll",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6\\translations\\qt_help_zh_CN.qm",
    "PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "libcairo.so.2",
    "PySide6\\Qt6Quick.dll",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PIL/_avif.cpython-311-x86_64-linux-gnu.so",
    "pillow.libs/libavif-c6062d5f.so.16.4.2",
])
def test_dead_weight_is_left_out(dest):
    assert trim.is_dead(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "PySide6\\translations\\qtbase_zh_CN.qm",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "libfreetype.so.6",
    "PIL/_imaging.cpython-311-x86_64-linux-gnu.so",
    "PIL/_webp.cpython-311-x86_64-linux-gnu.so",
    "resources/strokes.txt",
    "resources/manual/manual.md",
])
def test_what_the_program_uses_is_kept(dest):
    assert not trim.is_dead(dest)


def test_keep_filters_a_pyinstaller_toc():
    toc = [("PySide6/Qt/translations/qtbase_fr.qm", "/x/qtbase_fr.qm", "DATA"),
           ("resources/strokes.txt", "/x/strokes.txt", "DATA")]
    assert trim.keep(toc) == [toc[1]]


def test_spec_is_onedir_without_upx_and_names_files_that_exist():
    text = (PACKAGING / "xianfeng.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    calls = {node.func.id: node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= set(calls)  # COLLECT: one folder, not one file
    for name in ("EXE", "COLLECT"):
        keywords = {k.arg: k.value for k in calls[name].keywords}
        assert isinstance(keywords["upx"], ast.Constant) and keywords["upx"].value is False
    assert 'name="xianfeng"' in text and 'name="先锋台账"' in text
    for part in ("strokes.txt", "strokes-LICENSES.txt", "manual", "xianfeng.svg"):
        assert (ROOT / "resources" / part).exists() and f'"{part}"' in text
    assert (ROOT / "pyproject.toml").is_file() and '"pyproject.toml"' in text


NSI = (PACKAGING / "installer.nsi").read_text(encoding="utf-8")


@pytest.mark.parametrize("line", [
    "Unicode true", "Target amd64-unicode", "RequestExecutionLevel user", '!insertmacro MUI_LANGUAGE "SimpChinese"',
    'InstallDir "$LOCALAPPDATA\\Programs\\${PRODUCT}"', 'OutFile "${OUTDIR}\\${PRODUCT}-安装程序-${VERSION}.exe"',
    "${IfNot} ${AtLeastWin10}", "${IfNot} ${RunningX64}", 'CreateShortcut "$DESKTOP\\${PRODUCT}.lnk"',
])
def test_installer_script_says(line):
    assert line in NSI


def test_uninstaller_keeps_the_data_and_says_where():
    uninstall = NSI.split('Section "Uninstall"')[1]
    assert "${DATA_DIR}" in uninstall and "没有删除" in uninstall
    assert "RMDir /r \"$INSTDIR\"" not in uninstall  # only the program's own files, never the whole folder
    assert '!define DATA_DIR "$LOCALAPPDATA\\xianfeng\\xianfeng-desk"' in NSI  # platformdirs' folder on Windows


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian package nsis) not installed")
def test_installer_compiles_with_the_versions_name(tmp_path):
    payload = tmp_path / "先锋台账"
    (payload / "_internal").mkdir(parents=True)
    (payload / "xianfeng.exe").write_bytes(b"MZ")
    r = subprocess.run(["makensis", "-V2", "-DVERSION=1.2.3", f"-DPAYLOAD={payload}", f"-DOUTDIR={tmp_path}",
                        str(PACKAGING / "installer.nsi")], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    installer = tmp_path / "先锋台账-安装程序-1.2.3.exe"
    assert installer.read_bytes()[:2] == b"MZ"
