"""Optional: a .deb for 统信UOS / 银河麒麟 (Debian-based 信创 desktops) from the Linux onedir.

    uv run python packaging/build_deb.py [dist/先锋台账] [--out dist]

Lays the built folder out as /opt/xianfeng with a `xianfeng` command, a menu entry 先锋台账 and
the icon, and packs it with dpkg-deb. Honest limits, see README "Building the installer":
a build made on this Debian 12 machine with PySide6 6.10+ needs glibc 2.34 (manylinux_2_34)
and so does NOT start on UOS/Kylin (glibc 2.28–2.31). For those, build on a glibc-2.28 system
with `PySide6-Essentials>=6.8,<6.10` and `PySide6-Pdf>=6.8,<6.10` (manylinux_2_28 wheels,
x86_64 only; ARM and LoongArch machines have no official wheel).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.help.version import version  # noqa: E402 - after the path is set

DESKTOP = """[Desktop Entry]
Type=Application
Name=先锋台账
Comment=基层党组织创先争优活动台账
Exec=/opt/xianfeng/xianfeng
Icon=xianfeng
Terminal=false
Categories=Office;
"""

# Qt's xcb platform plugin needs these at run time; PySide6's wheels do not ship them.
DEPENDS = "libxcb-cursor0, libxkbcommon-x11-0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libegl1, libfontconfig1"


def control(text: str, installed_kb: int) -> str:
    return (f"Package: xianfeng-desk\nVersion: {text}\nArchitecture: amd64\nMaintainer: 先锋台账\n"
            f"Installed-Size: {installed_kb}\nDepends: {DEPENDS}\nSection: office\nPriority: optional\n"
            "Description: 先锋台账 — 基层党组织创先争优活动台账（离线桌面程序）\n"
            " 党员名册、承诺、评议、考核、表彰和印制，数据保存在本机。\n")


def build(folder: Path, out: Path) -> Path:
    text = version()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        shutil.copytree(folder, root / "opt" / "xianfeng", symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / "xianfeng").symlink_to("/opt/xianfeng/xianfeng")
        apps = root / "usr" / "share" / "applications"
        apps.mkdir(parents=True)
        (apps / "xianfeng.desktop").write_text(DESKTOP, encoding="utf-8")
        icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
        icons.mkdir(parents=True)
        shutil.copy(folder / "_internal" / "resources" / "xianfeng.png", icons / "xianfeng.png")
        size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(control(text, size_kb), encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        deb = out / f"xianfeng-desk_{text}_amd64.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)], check=True)
    return deb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "dist" / "先锋台账")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    deb = build(args.folder, args.out)
    print(f"{deb}: {deb.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
