"""The printing settings turned into what `printing` takes: fonts per role, stock, offsets.

The one place FontSettings and CertificateLayout are built from the database, kept out of
`models.config` so the settings (loaded at start-up) never import the printing layer, whose
ReportLab is slow to import; this module is loaded only when something prints.
"""
from __future__ import annotations

from models.config import print_settings, settings
from printing.layout.certificate_layout import CertificateLayout, stock_layout
from printing.typeset.fonts import FontSettings


def font_settings(overrides: dict[str, str] | None = None) -> FontSettings:
    """The one place FontSettings is built from the database (``overrides`` to preview)."""
    if overrides is None:
        overrides = settings.get("font_overrides")
    return FontSettings(overrides=print_settings.font_overrides(overrides))


def certificate_offset(printer: str | None) -> tuple[float, float]:
    """The saved offset of a printer in mm; (0, 0) for one never calibrated."""
    if not printer:
        return 0.0, 0.0
    dx, dy = settings.get("certificate_offsets").get(printer.strip(), (0.0, 0.0))
    return float(dx), float(dy)


def certificate_layout(stock: str | None = None, printer: str | None = None,
                       offset_mm: tuple[float, float] | None = None) -> CertificateLayout:
    """The layout for the saved (or given) stock, with the printer's saved (or given) offset."""
    stock = print_settings.stock(stock or settings.get("certificate_stock"))
    return stock_layout(stock, offset_mm if offset_mm is not None else certificate_offset(printer))
