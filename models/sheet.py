"""Rows for export: a title, headers and plain tuples, in the shape an Excel writer wants.

Reports upward (民主评议党员, 党内表彰) and printed lists are handed over in this shape so the
module that writes .xlsx or lays out a page never needs to know where the figures came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)

    def as_lists(self) -> list[list]:
        """Headers first, then the rows: what `openpyxl`'s `ws.append` takes line by line."""
        return [list(self.headers), *(list(r) for r in self.rows)]
