"""Printing settings: a font file per role, the certificate stock, per-printer offsets.

Stored in the database with the other settings (so they travel with backups); this
module knows their shapes, checks them, and turns them into what `printing` takes.
It imports `printing` only inside functions: `models.config.settings` loads it at start-up and
ReportLab is slow to import.
"""
from __future__ import annotations

import math
from typing import Any

from models.errors import ValidationError

# Mirrors printing.typeset.fontcatalog.ROLES and printing.layout.certificate_layout.STOCKS (tested).
FONT_ROLES = ("title", "body", "kai", "hei", "song")
CERTIFICATE_STOCKS = ("plain", "16k", "a4p", "a4l")
MAX_OFFSET_MM = 30.0

DEFAULTS: dict[str, Any] = {
    "font_overrides": {},  # role → font file; roles left out use the system's fonts
    "certificate_stock": "plain",  # plain: complete certificate; 16k/a4p/a4l: pre-printed stock
    "certificate_offsets": {},  # printer name → [dx_mm, dy_mm], +x right, +y down
    "printer_options": {},  # printer name → {copies, collate, duplex, manual_feed, raster}
}
MAX_COPIES = 999
PRINTER_FLAGS = ("collate", "duplex", "manual_feed", "raster")


def font_overrides(value: Any) -> dict[str, str]:
    key = "font_overrides"
    if not isinstance(value, dict):
        raise ValidationError("字体设置格式有误。", key)
    clean = {}
    for role, path in value.items():
        if role not in FONT_ROLES:
            raise ValidationError(f"未知的字体用途“{role}”。", key)
        path = str(path or "").strip()
        if len(path) > 1000:
            raise ValidationError("字体文件路径过长。", key)
        if path:
            clean[role] = path
    return clean


def stock(value: Any) -> str:
    if value not in CERTIFICATE_STOCKS:
        raise ValidationError("证书纸张只能是 plain（普通纸完整证书）、16k、a4p 或 a4l（证书内芯）。",
                              "certificate_stock")
    return value


def _offset(value: Any, printer: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"打印机“{printer}”的偏移应为毫米数。", "certificate_offsets") from None
    if not math.isfinite(number) or abs(number) > MAX_OFFSET_MM:
        raise ValidationError(f"打印机“{printer}”的偏移不能超过 {MAX_OFFSET_MM:g} 毫米。",
                              "certificate_offsets")
    return round(number, 1)


def _offsets(value: Any) -> dict[str, list[float]]:
    key = "certificate_offsets"
    if not isinstance(value, dict):
        raise ValidationError("打印偏移设置格式有误。", key)
    clean = {}
    for printer, pair in value.items():
        name = str(printer).strip()
        if not name or len(name) > 120:
            raise ValidationError("打印机名称不能为空，也不能超过 120 个字。", key)
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise ValidationError(f"打印机“{name}”的偏移应为水平、垂直两个毫米数。", key)
        clean[name] = [_offset(pair[0], name), _offset(pair[1], name)]
    return clean


def _printer_options(value: Any) -> dict[str, dict[str, Any]]:
    """What the print dialog remembers for each printer (the 套打 offsets stay in their own key)."""
    key = "printer_options"
    if not isinstance(value, dict):
        raise ValidationError("打印机选项格式有误。", key)
    clean: dict[str, dict[str, Any]] = {}
    for printer, options in value.items():
        name = str(printer).strip()
        if not name or len(name) > 120 or not isinstance(options, dict):
            raise ValidationError("打印机名称不能为空，也不能超过 120 个字。", key)
        copies = options.get("copies", 1)
        if not isinstance(copies, int) or isinstance(copies, bool) or not 1 <= copies <= MAX_COPIES:
            raise ValidationError(f"打印机“{name}”的份数应为 1 到 {MAX_COPIES} 之间的整数。", key)
        entry: dict[str, Any] = {"copies": copies}
        for flag in PRINTER_FLAGS:
            entry[flag] = bool(options.get(flag, flag == "collate"))
        clean[name] = entry
    return clean


def _date_style(key: str):  # a validator for one key
    def check(value: Any) -> str:
        if value not in ("arabic", "chinese"):
            raise ValidationError("日期写法只能是 arabic（2026年7月1日）或 chinese（二〇二六年七月一日）。", key)
        return value

    return check


VALIDATORS = {
    "date_style_notice": _date_style("date_style_notice"),
    "date_style_certificate": _date_style("date_style_certificate"),
    "font_overrides": font_overrides,
    "certificate_stock": stock,
    "certificate_offsets": _offsets,
    "printer_options": _printer_options,
}
