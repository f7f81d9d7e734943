"""The exe's 属性 → 详细信息 (Windows version resource) from the one version in pyproject.toml.

A file with a product name, company and version is also one reason fewer for 360 or 火绒 to
treat the program as suspicious. PyInstaller reads the text written here (its own format).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.help.version import version  # noqa: E402 - after the path is set

PRODUCT = "先锋台账"
DESCRIPTION = "先锋台账：基层党组织创先争优活动台账"
EXE = "xianfeng.exe"


def numeric(text: str) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0); a suffix such as '1.2.0rc1' keeps its numbers only."""
    parts = [int(p) for p in re.findall(r"\d+", text)[:4]]
    return tuple(parts + [0] * (4 - len(parts)))  # type: ignore[return-value]


def resource_text(text: str | None = None) -> str:
    text = text or version()
    nums = numeric(text)
    strings = {
        "CompanyName": "先锋台账",
        "FileDescription": DESCRIPTION,
        "FileVersion": text,
        "InternalName": "xianfeng",
        "LegalCopyright": "先锋台账",
        "OriginalFilename": EXE,
        "ProductName": PRODUCT,
        "ProductVersion": text,
    }
    items = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
          {items}])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def write(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(resource_text(), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "build/winversion.txt")))
