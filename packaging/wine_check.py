"""Compile the NSIS installer around a small stand-in payload and exercise it under wine64.

    uv run python packaging/wine_check.py

Checks what a clerk would see after a silent install (`/S`): the program's files in
%LOCALAPPDATA%\\Programs\\先锋台账, the Start-menu and desktop shortcuts, the uninstaller; an
upgrade over an older version that drops the old version's files and keeps the data; an
uninstall that removes the program and shortcuts and leaves the data folder. The real payload
is tested by packaging/smoke.py; a stand-in keeps this to seconds. Debian's wine64 package
puts its loader at /usr/lib/wine/wine64, not on PATH.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NSI = ROOT / "packaging" / "installer.nsi"
PRODUCT = "先锋台账"


def wine_binary() -> str:
    for candidate in (shutil.which("wine64"), "/usr/lib/wine/wine64", shutil.which("wine")):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("wine64 not found (Debian package wine64)")


def payload(folder: Path, version: str) -> Path:
    """A stand-in for the built folder: an exe, its _internal/ and one file only this version has."""
    (folder / "_internal").mkdir(parents=True)
    (folder / "xianfeng.exe").write_bytes(b"MZ stand-in " + version.encode())
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    (folder / "_internal" / f"only-in-{version}.txt").write_text(version, encoding="utf-8")
    return folder


def compile_installer(version: str, source: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["makensis", "-V2", f"-DVERSION={version}", f"-DPAYLOAD={source}", f"-DOUTDIR={out}", str(NSI)],
                   check=True)
    return out / f"{PRODUCT}-安装程序-{version}.exe"


class Wine:
    def __init__(self, home: Path) -> None:
        self.binary = wine_binary()
        self.env = dict(os.environ, WINEPREFIX=str(home / "prefix"), WINEDEBUG="-all", HOME=str(home),
                        WINEDLLOVERRIDES="mscoree,mshtml=", DISPLAY="")
        self.user = os.environ.get("USER") or "root"

    def run(self, *args: str) -> None:
        subprocess.run([self.binary, *args], env=self.env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300)
        self.wait()

    def wait(self) -> None:
        """The uninstaller copies itself to %TEMP% and returns at once: wait for every wine process."""
        server = Path(self.binary).with_name("wineserver")
        subprocess.run([str(server if server.exists() else "wineserver"), "-w"], env=self.env, timeout=300)

    @property
    def profile(self) -> Path:
        return Path(self.env["WINEPREFIX"]) / "drive_c" / "users" / self.user


def check(ok: bool, what: str, failures: list[str]) -> None:
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def main() -> int:
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="xianfeng-wine-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        old = compile_installer("0.0.9", payload(work / "old" / PRODUCT, "0.0.9"), work / "out")
        new = compile_installer("0.1.0", payload(work / "new" / PRODUCT, "0.1.0"), work / "out")
        print(f"compiled two installers in {time.perf_counter() - t0:.1f} s: {new.name}")
        wine = Wine(work)
        t0 = time.perf_counter()
        wine.run("wineboot", "--init")
        wine.run("winecfg", "-v", "win10")  # Wine 8 says Windows 7 by default: the installer would refuse
        print(f"wine prefix ready in {time.perf_counter() - t0:.1f} s")

        refused = subprocess.run([wine.binary, str(old), "/S"], env=dict(wine.env, WINEPREFIX=str(work / "win7")),
                                 capture_output=True).returncode
        print(f"(a Windows 7 prefix first: the installer exits with {refused})")
        t0 = time.perf_counter()
        wine.run(str(old), "/S")
        print(f"silent install in {time.perf_counter() - t0:.1f} s")
        local = wine.profile / "AppData" / "Local"
        home = local / "Programs" / PRODUCT
        desktop = wine.profile / "Desktop" / f"{PRODUCT}.lnk"
        start = wine.profile / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / PRODUCT
        check((home / "xianfeng.exe").is_file(), "program installed in %LOCALAPPDATA%\\Programs\\先锋台账", failures)
        check((home / "卸载先锋台账.exe").is_file(), "uninstaller written", failures)
        check(desktop.is_file(), "desktop shortcut 先锋台账", failures)
        check((start / f"{PRODUCT}.lnk").is_file(), "Start-menu shortcut 先锋台账", failures)
        check((start / "卸载先锋台账.lnk").is_file(), "Start-menu shortcut 卸载先锋台账", failures)

        data = local / "xianfeng" / "xianfeng-desk"
        data.mkdir(parents=True)
        (data / "xianfeng.db").write_bytes(b"the clerk's records")
        wine.run(str(new), "/S")
        check((home / "_internal" / "only-in-0.1.0.txt").is_file(), "upgrade installs the new version", failures)
        check(not (home / "_internal" / "only-in-0.0.9.txt").exists(), "upgrade drops the old version's files",
              failures)
        check((data / "xianfeng.db").read_bytes() == b"the clerk's records", "upgrade keeps the data", failures)

        wine.run(str(home / "卸载先锋台账.exe"), "/S")
        check(not (home / "xianfeng.exe").exists() and not (home / "_internal").exists(),
              "uninstall removes the program", failures)
        check(not desktop.exists() and not start.exists(), "uninstall removes the shortcuts", failures)
        check((data / "xianfeng.db").is_file(), "uninstall keeps the data folder", failures)
    print("wine check: " + ("all passed" if not failures else f"{len(failures)} failed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
