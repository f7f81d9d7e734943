"""Errors the printing layer raises.

Every message is Simplified Chinese because the UI shows it to the clerk as is.
"""
from __future__ import annotations

from collections.abc import Iterable


class PrintingError(Exception):
    """Base class, so the UI can catch every printing problem in one place."""


class NoCJKFontError(PrintingError):
    """No usable Chinese font exists: nothing can be printed until one is installed."""


class FontFileError(PrintingError):
    """A font the user chose in the settings cannot be used."""


class MissingGlyphsError(PrintingError):
    """Some characters are in no available font.

    Printing them would produce empty boxes, so the caller must ask the clerk first and
    then call again with ``accept_missing=True``.
    """

    def __init__(self, characters: Iterable[str]):
        self.characters: tuple[str, ...] = tuple(sorted(set(characters)))
        shown = "、".join(
            f"“{c}”（U+{ord(c):04X}）" for c in self.characters[:20]
        )
        more = f"等{len(self.characters)}个字" if len(self.characters) > 20 else ""
        super().__init__(
            f"以下字符在已安装的字体中都找不到：{shown}{more}。"
            "继续打印时这些字的位置将留出空框，需手工填写；"
            "也可以安装包含这些字的字体（如“宋体-方正超大字符集”、霞鹜文楷），"
            "或在设置中指定字体文件。"
        )


class PrivateDataError(PrintingError):
    """A public notice would show an ID number or a private phone number."""

    def __init__(self, places: Iterable[str]):
        self.places: tuple[str, ...] = tuple(places)
        super().__init__(
            "公示内容中含有疑似身份证号或个人手机号，公开张贴会泄露个人信息，请删除或遮挡后再打印："
            + "；".join(self.places)
        )
