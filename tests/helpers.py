"""Small builders shared by tests."""
from __future__ import annotations


def make_id(birth: str = "19800101", seq: str = "001") -> str:
    """A valid 18-digit ID for the given birth date (YYYYMMDD); odd last seq digit = 男."""
    from models.roster.idcard import check_digit

    body = f"410522{birth}{seq}"
    return body + check_digit(body)


def member_data(org_id: int, **overrides) -> dict:
    """A valid member form for `models.roster.members.save`, with overrides."""
    data = {
        "org_id": org_id, "name": "王建国", "id_number": make_id("19800101", "001"),
        "ethnicity": "汉族", "education": "大专", "kind": "正式党员",
        "join_date": "2005-07-01", "full_date": "2006-07-01", "job": "农牧渔业生产人员",
        "mobile": "13812345678",
    }
    data.update(overrides)
    return data


def count_rows(path, table: str = "member") -> int:
    """Rows of `table` in the file at `path`, read with a connection of its own."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()
