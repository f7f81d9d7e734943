"""Build the frozen program (PyInstaller onedir) and print its size against the budgets.

    uv run --group packaging python packaging/build.py [--dist DIR]

Budgets (printed, not asserted): installed folder ≤ 220 MB, installer ≤ 90 MB (the xz size of
the folder is a close stand-in on Linux: NSIS's LZMA compresses about as well).
"""
from __future__ import annotations

import argparse
import lzma
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER_BUDGET_MB = 220
INSTALLER_BUDGET_MB = 90
NAME = "先锋台账"


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def xz_bytes(folder: Path) -> int:
    """The folder's files compressed as one xz stream (preset 6), as an installer would."""
    compressor = lzma.LZMACompressor(preset=6)
    total = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        total += len(compressor.compress(path.read_bytes()))
    return total + len(compressor.flush())


def largest(folder: Path, count: int = 8) -> list[tuple[int, str]]:
    sizes = [(p.stat().st_size, str(p.relative_to(folder))) for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sorted(sizes, reverse=True)[:count]


def build(dist: Path, work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "packaging" / "xianfeng.spec")],
                   check=True, cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return dist / NAME


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--no-xz", action="store_true", help="skip the compressed size (saves ~30 s)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    folder = build(args.dist, args.work)
    seconds = time.perf_counter() - t0
    size = folder_bytes(folder) / 1e6
    print(f"built {folder} in {seconds:.0f} s")
    print(f"folder: {size:.1f} MB (budget {FOLDER_BUDGET_MB} MB){'' if size <= FOLDER_BUDGET_MB else '  OVER'}")
    if not args.no_xz:
        packed = xz_bytes(folder) / 1e6
        print(f"xz-compressed: {packed:.1f} MB (installer budget {INSTALLER_BUDGET_MB} MB)"
              f"{'' if packed <= INSTALLER_BUDGET_MB else '  OVER'}")
    for nbytes, name in largest(folder):
        print(f"  {nbytes / 1e6:6.1f} MB  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
