"""The list model every list uses: search as the clerk types on and back, sort kept, masks shown."""
import datetime as dt

from PySide6.QtCore import Qt

from ui.widgets.table_model import Column, RowsModel

ROWS = [  # id, name, stroke key, ID number, birth date, note
    (1, "王建国", "b", "410522198001011234", dt.date(1980, 1, 1), None),
    (2, "王建", "a", "410522198502021235", dt.date(1985, 2, 2), "书记"),
    (3, "张华", "c", "41052219900303123X", None, ""),
    (4, "李建华", "d", "410522199104041236", dt.date(1991, 4, 4), "建 党"),
]


def model() -> RowsModel:
    m = RowsModel([
        Column("姓名", 1, sort_index=2),
        Column("身份证号", 3, fmt=lambda v: v[:6] + "********" + v[-4:], search_raw=True),
        Column("出生日期", 4),
        Column("备注", 5),
    ])
    m.set_rows(list(ROWS))
    return m


def ids(m: RowsModel) -> list[int]:
    return [m.row_tuple(r)[0] for r in range(m.rowCount())]


def shown(m: RowsModel, row: int) -> list[str]:
    return [m.data(m.index(row, c)) for c in range(m.columnCount())]


def test_typing_on_and_back_finds_what_a_fresh_search_finds():
    m = model()
    typed = {}
    for text in ("建", "建国", "建 国", "建", "", "x", "X", "建 党", "华", "建华"):
        m.set_filter(text)
        typed[text] = ids(m)
        fresh = model()
        fresh.set_filter(text)
        assert ids(fresh) == typed[text], text
    assert typed["建"] == [1, 2, 4] and typed["建国"] == [1] and typed[""] == [1, 2, 3, 4]
    assert typed["x"] == typed["X"] == [3]  # the ID number's X, either case
    assert typed["建 党"] == [4] and typed["建华"] == [4]


def test_sort_holds_while_searching():
    m = model()
    m.sort(0)  # by the stroke key, not the name's characters
    assert ids(m) == [2, 1, 3, 4]
    m.sort(2, Qt.SortOrder.DescendingOrder)
    m.set_filter("4105")
    assert ids(m) == [3, 4, 2, 1]  # descending by birth date (blank last ascending, so first here)
    m.set_filter("41052219")
    assert ids(m) == [3, 4, 2, 1]
    m.set_filter("华")
    assert ids(m) == [3, 4]
    m.sort(2)
    assert ids(m) == [4, 3]


def test_cells_show_masked_text_and_the_full_number_finds_the_row():
    m = model()
    assert shown(m, 2) == ["张华", "410522********123X", "", ""]
    assert shown(m, 0)[2] == "1980-01-01"
    m.set_filter("41052219900303123x")
    assert ids(m) == [3] and shown(m, 0)[1] == "410522********123X"
    m.set_filter("********")  # what is only on the screen finds nothing
    assert ids(m) == []
