"""A formula cell whose file holds no result for it.

Excel saves each formula's last result next to it; programs that write workbooks without
calculating them (openpyxl, many web exports) save only the formula. Read as empty, an ID
column of such formulas brought members in without ID numbers, so the readers give such a
cell this value instead and the import refuses its row, naming the cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from models.exchange.import_plan import RowOutcome
    from models.exchange.roster_read import Layout

MESSAGE = "公式没有保存计算结果，请在 Excel 中打开并保存后再导入。"


@dataclass(frozen=True)
class Uncomputed:
    formula: str

    def __str__(self) -> str:  # never shown as a value: its row is refused
        return ""


def refusal(row: int, raw: dict[str, Any], layout: Layout) -> RowOutcome | None:
    """The refused outcome of a row with such cells among its columns, each named; else None."""
    keys = [key for key, value in raw.items() if isinstance(value, Uncomputed)]
    if not keys:
        return None
    from models.exchange.import_plan import REJECT, Problem, RowOutcome
    out = RowOutcome(row, REJECT, {k: (None if k in keys else v) for k, v in raw.items()})
    out.problems.extend(Problem(row, layout.cell(key, row), MESSAGE) for key in keys)
    return out
