"""The program's one version number, from pyproject.toml.

Read by 关于, `main.py --version`, the Windows version resource and the installer's file
name (packaging/), so there is one number to change per release (and a CHANGELOG.md entry).
No Qt here: the command line uses it too. The frozen program carries pyproject.toml in its
folder (packaging/xianfeng.spec), where this file's grandparent folder is.
"""
from __future__ import annotations

import importlib.metadata
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def version(pyproject: Path = PYPROJECT) -> str:
    """From pyproject.toml (source folder or frozen program); installed metadata as a fallback."""
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    try:
        return importlib.metadata.version("xianfeng-desk")
    except importlib.metadata.PackageNotFoundError:
        return "未知"
