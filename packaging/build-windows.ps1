# Build 先锋台账's Windows installer on a Windows 10/11 (64-bit) machine.
# Needs: Python 3.11+ (64-bit), uv (`pip install uv`), NSIS 3 (makensis on PATH or in
# "C:\Program Files (x86)\NSIS"). Run from the source folder:
#     powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
# Result: dist\先锋台账\ (the program) and dist\先锋台账-安装程序-<版本>.exe.
# Not run on the Linux development machine (PyInstaller cannot build for Windows there).
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$env:PYTHONUTF8 = "1"
$env:QT_QPA_PLATFORM = "offscreen"

uv sync --frozen --inexact --group packaging
if ($LASTEXITCODE -ne 0) { throw "uv sync failed" }

uv run --no-sync python packaging\build.py
if ($LASTEXITCODE -ne 0) { throw "PyInstaller build failed" }

$version = (uv run --no-sync python -c "from ui.help.version import version; print(version())").Trim()
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
& $makensis "-DVERSION=$version" "-DPAYLOAD=$PWD\dist\先锋台账" "-DOUTDIR=$PWD\dist" "-DICON=$PWD\build\xianfeng\icon\xianfeng.ico" packaging\installer.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
$installer = Get-Item "dist\先锋台账-安装程序-$version.exe"
"{0}: {1:N1} MB (budget 90 MB)" -f $installer.Name, ($installer.Length / 1MB)

uv run --no-sync python packaging\smoke.py dist\先锋台账
if ($LASTEXITCODE -ne 0) { throw "smoke run of the frozen program failed" }
