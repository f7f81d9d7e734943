"""Importing the member roster from Excel: preview every row, then write all in one go.

The clerk sees each row as it will be stored and every problem with its cell (D7) before
anything is written; `commit` then writes all accepted rows in ONE transaction, and records
the import so that `undo` can take the whole of it back. Every row goes through
`members.validate`, so an imported member obeys exactly the rules of the member form.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any

from models import fields
from models.dates import format_month, parse_optional_date, parse_with_precision
from models.errors import FormErrors, ValidationError
from models.exchange import formula
from models.exchange.import_plan import (
    NEW,
    REJECT,
    SKIP,
    UPDATE,
    ImportOptions,
    Preview,
    Problem,
    RowOutcome,
    ValueMapping,
    cell_text,
)
from models.exchange.import_values import CellReader
from models.exchange.roster_format import BY_KEY, COLUMNS
from models.exchange.roster_read import (
    Layout,
    Progress,
    SheetData,
    detect_layout,
    make_layout,
    read_file,
    remember_layout,
    remembered_layout,
)
from models.exchange.roster_write import commit as write_preview
from models.exchange.roster_write import last_batch, raw_rows, save_rejects, undo
from models.exchange.vocabulary import CHOSEN, FUZZY, REMEMBERED, VOCABULARIES, remember, strip_invisible
from models.roster import idcard, members
from models.store.import_tables import ImportBatch
from models.store.tables import Member, Organization

__all__ = [
    "NEW", "REJECT", "SKIP", "UPDATE", "ImportOptions", "Layout", "Preview", "Problem",
    "RowOutcome", "SheetData", "ValueMapping", "build_preview", "commit", "detect_layout", "last_batch",
    "make_layout", "preview_file", "read_file", "remember_layout", "remembered_layout",
    "save_rejects", "undo", "with_options",
]

_TOTAL_WORDS = ("合计", "总计", "小计")
_CHUNK = 500


# --- the cells -------------------------------------------------------------------------------

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(" \t\r\n\u3000\ufeff\u200b"))


def _numbered(cells: tuple, seq_col: int | None) -> bool:
    """True when the 序号 cell is empty or just a number."""
    value = cells[seq_col] if seq_col is not None and seq_col < len(cells) else None
    return _blank(value) or isinstance(value, (int, float)) or str(value).strip().isdigit()


def _is_total(cells: tuple, layout: Layout) -> bool:
    spots = {0, 1, 2, layout.columns.get("name", 0), layout.columns.get("seq", 0)}
    for col in spots:
        value = cells[col] if col < len(cells) else None
        if isinstance(value, str) and "".join(value.split()).startswith(_TOTAL_WORDS):
            return True
    return False


# --- organizations ----------------------------------------------------------------------------

def _org_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


class _Orgs:
    """Finds the branch a row names by full name, short name or full name without 中共."""

    def __init__(self, options: ImportOptions) -> None:
        self.options = options
        self.names: dict[int, str] = {}
        self.keys: dict[str, set[int]] = {}
        rows = list(Organization.select(Organization.id, Organization.name, Organization.short_name,
                                        Organization.level, Organization.parent).tuples())
        levels = {}
        for org_id, name, short, level, parent in rows:
            self.names[org_id] = name
            levels[org_id] = (level, parent)
            keys = {_org_key(name)}
            if name.startswith("中共"):
                keys.add(_org_key(name[2:]))
            if short:
                keys.add(_org_key(short))
            for key in keys:
                self.keys.setdefault(key, set()).add(org_id)
        self.parent_id, self.parent_error = self._parent(levels)
        self.new: dict[str, str] = {}  # key -> name as first written

    def _parent(self, levels: dict[int, tuple[str, int | None]]) -> tuple[int | None, str]:
        chosen = self.options.org_id
        if chosen is not None and chosen in levels:
            level, parent = levels[chosen]
            return (chosen, "") if level != "党支部" else (parent, "")
        tops = [org_id for org_id, (_lvl, parent) in levels.items() if parent is None]
        if not levels:
            return None, "数据库中还没有党组织，请先建立上级党委（或党总支），再导入名册。"
        if len(tops) == 1 and levels[tops[0]][0] != "党支部":
            return tops[0], ""
        return None, "要新建党支部，请先选择它们所属的上级党组织。"

    def resolve(self, text: str) -> tuple[int | None, str | None, str]:
        """(existing id, name of a branch to create, error)."""
        name = " ".join(text.split())
        key = _org_key(name)
        ids = self.keys.get(key, set())
        if len(ids) == 1:
            return next(iter(ids)), None, ""
        if len(ids) > 1:
            return None, None, f"有多个党组织的名称或简称是“{name}”，请在名册中写组织全称。"
        if not self.options.create_orgs:
            return None, None, (f"找不到名为“{name}”的党组织。请核对名称，或先在程序中建立这个党支部，"
                                "或选择“新建名册中没有的党支部”（命令行加 --create-orgs）。")
        if self.parent_error:
            return None, None, self.parent_error
        if len(name) > 60:
            return None, None, f"党组织名称“{name[:20]}…”超过 60 个字，无法新建。"
        return None, self.new.setdefault(key, name), ""


# --- the preview -------------------------------------------------------------------------------

def preview_file(path: str | Path, options: ImportOptions | None = None, *,
                 mapping: dict[str, str | int] | None = None, first_data_row: int | None = None,
                 sheet: str | None = None, progress: Progress | None = None) -> Preview:
    """Read a roster file and judge every row (the command line's and the tests' one call)."""
    data = read_file(path, sheet, progress)
    layout: Layout | None
    if mapping:
        layout = make_layout(mapping, first_data_row, data)
    else:
        layout = remembered_layout(data) or detect_layout(data)
    if layout is None:
        raise ValidationError(
            f"在“{data.source}”中没有找到党员名册的表头（应有“姓名”“公民身份证号”等栏目）。"
            "请检查文件，或指定各栏目在哪一列。")
    return build_preview(data, layout, options or ImportOptions(), progress)


def _existing(numbers: set[str]) -> dict[str, Member]:
    found: dict[str, Member] = {}
    ordered = sorted(numbers)
    for i in range(0, len(ordered), _CHUNK):
        for m in Member.select().where(Member.id_number.in_(ordered[i:i + _CHUNK])):
            if m.id_number:  # always, by the query: said so for the type checker
                found[m.id_number] = m
    return found


class _Unnumbered:
    """Members stored without an ID number, found again by name and birth date.

    Many village rosters lack ID numbers for older members; without this a second import of
    the same file would register each of them twice.
    """

    def __init__(self, names: set[str]) -> None:
        self.by_key: dict[tuple[str, dt.date | None], list[Member]] = {}
        ordered = sorted(names)
        for i in range(0, len(ordered), _CHUNK):
            query = Member.select().where(Member.name.in_(ordered[i:i + _CHUNK])
                                          & (Member.id_number.is_null() | (Member.id_number == "")))
            for m in query:
                self.by_key.setdefault((m.name, m.birth_date), []).append(m)
        self.rows: dict[tuple[str, dt.date | None], int] = {}  # key -> first sheet row

    @staticmethod
    def key(raw: dict[str, Any]) -> tuple[str, dt.date | None] | None:
        """Name and birth date; a name alone when there is no birth date either, so that an
        incomplete member is found again instead of registered twice."""
        try:
            name = fields.name(raw.get("name"), "姓名", "name")
            birth = parse_optional_date(raw.get("birth_date"), "出生日期")
        except ValidationError:
            return None
        return name, birth

    def find(self, key: tuple[str, dt.date | None]) -> list[Member]:
        return self.by_key.get(key, [])


def _clean_name(value: Any) -> str | None:
    if isinstance(value, str):
        value = strip_invisible(value)
    try:
        return fields.name(value, "姓名", "name")
    except ValidationError:
        return None


def build_preview(data: SheetData, layout: Layout, options: ImportOptions,
                  progress: Progress | None = None) -> Preview:
    """Judge every data row: new, update, skip or reject, each problem at its cell."""
    preview = Preview(data, layout, options)
    if options.org_id is not None and not Organization.select().where(
            Organization.id == options.org_id).exists():
        raise ValidationError("所选的党组织已不存在，请重新选择。")
    orgs = _Orgs(options)
    id_col = layout.columns.get("id_number")
    seq_col = layout.columns.get("seq")
    body = data.rows[layout.first_data_row - 1:]
    numbers = {idcard.normalize_id(r[id_col]) for r in body if id_col is not None and id_col < len(r)}
    existing = _existing({n for n in numbers if len(n) == 18})
    owners = {number: (m.id, m.name) for number, m in existing.items()}
    name_col = layout.columns.get("name")
    unnumbered = _Unnumbered({
        n for r in body if name_col is not None and name_col < len(r)
        and (id_col is None or id_col >= len(r) or _blank(r[id_col]))
        and (n := _clean_name(r[name_col]))})
    seen: dict[str, int] = {}
    reader = CellReader(options.choice_map())
    total = len(body)
    for offset, cells in enumerate(body):
        row = layout.first_data_row + offset
        if progress and offset % 250 == 0:
            progress(offset, total)
        if all(_blank(v) for i, v in enumerate(cells) if i != seq_col) and _numbered(cells, seq_col):
            continue  # blank, or a pre-numbered empty line of a template
        if _is_total(cells, layout):
            continue
        raw = {key: (cells[col] if col < len(cells) else None) for key, col in layout.columns.items()}
        if (refused := formula.refusal(row, raw, layout)) is not None:  # D5: a formula without result
            preview.rows.append(refused)
            continue
        if _blank(raw.get("name")) and _blank(raw.get("id_number")):
            preview.ignored.append(Problem(row, "", "没有姓名和身份证号，不是党员记录，已跳过。", False))
            continue
        preview.rows.append(_judge(row, raw, layout, options, orgs, existing, owners, seen,
                                   unnumbered, reader))
    updated_ids = [r.member_id for r in preview.rows if r.action == UPDATE and r.member_id]
    preview.snapshots = raw_rows(updated_ids)
    used = {r.new_org for r in preview.accepted()}
    preview.new_orgs = {name: orgs.parent_id for name in orgs.new.values() if name in used}
    preview.mappings = reader.mappings()
    preview.cleaned = reader.cleaned
    if progress:
        progress(total, total)
    return preview


def _judge(row: int, raw: dict[str, Any], layout: Layout, options: ImportOptions, orgs: _Orgs,
           existing: dict[str, Member], owners: dict[str, tuple[int, str]],
           seen: dict[str, int], unnumbered: _Unnumbered, reader: CellReader) -> RowOutcome:
    out = RowOutcome(row, REJECT, raw)

    def cell(key: str) -> Any:
        return layout.cell(key, row)

    def problem(key: str, message: str, blocking: bool = True) -> None:
        out.problems.append(Problem(row, cell(key), message, blocking))

    for key in reader.clean(raw):
        problem(key, f"{BY_KEY[key].label}中有看不见的字符（软连字符、零宽或文字方向控制符），已删除。", False)

    number = idcard.normalize_id(raw.get("id_number"))
    valid_number = None
    if not _blank(raw.get("id_number")):
        try:
            valid_number = idcard.validate_id(raw["id_number"])
        except ValidationError:
            pass  # members.validate reports it with the other problems
    if valid_number and valid_number in seen:
        problem("id_number", f"与第 {seen[valid_number]} 行是同一人（身份证号相同），本行未导入。")
        return out
    if valid_number:
        seen[valid_number] = row
        if isinstance(raw["id_number"], (int, float)):
            problem("id_number", "身份证号存成了数字格式，这次读取无误；请把这一列设为“文本”格式，"
                    "以免 Excel 改掉末尾的数字。", False)
    match = existing.get(valid_number or number) if (valid_number or len(number) == 18) else None
    same_name: list[Member] = []
    if _blank(raw.get("id_number")) and (person := unnumbered.key(raw)) is not None:
        if person in unnumbered.rows:
            same = "姓名、出生日期相同且都没有身份证号" if person[1] else "姓名相同且都没有身份证号和出生日期"
            problem("name", f"与第 {unnumbered.rows[person]} 行{same}，是同一人吗？本行未导入。")
            return out
        unnumbered.rows[person] = row
        same_name = unnumbered.find(person)
        if len(same_name) == 1:
            match = same_name[0]
        elif len(same_name) > 1 and person[1] is None:
            problem("name", f"没有身份证号和出生日期，数据库中有 {len(same_name)} 名同名且同样信息不全的党员，"
                    "无法确定是谁，本行未导入；请补填身份证号或出生日期。")
            return out
    if match is not None:
        out.member_id = match.id
        if not options.update_existing:
            out.action = SKIP
            problem("id_number", f"已在数据库中（党员“{match.name}”），按选择不更新。", False)
            return out
    data: dict[str, Any] = members.as_form(match) if match is not None else {}
    for key, value in raw.items():
        column = BY_KEY[key]
        if key in ("seq", "org"):
            continue
        if key in VOCABULARIES:
            data[key], message, blocking = reader.coded(key, value, row)
            if message:
                problem(key, message, blocking)
        elif column.kind in ("date", "id"):
            data[key] = None if _blank(value) else value
        else:
            data[key] = cell_text(value)
    if match is not None:
        _keep_stored_precision(match, raw, data)
    org_text = cell_text(raw.get("org")).strip()
    org_failed = False
    if org_text:
        org_id, new_name, error = orgs.resolve(org_text)
        if error:
            problem("org", error)
            org_failed = True
        out.new_org = new_name
        data["org_id"] = org_id if new_name is None else (orgs.parent_id or _any_org())
    elif match is None:
        data["org_id"] = options.org_id
        if options.org_id is None:
            problem("org", "没有填写所在党支部，也没有选择把党员导入到哪个党组织。")
            org_failed = True
    try:
        clean = members.validate(data, match.id if match is not None else None,
                                 org_ids=orgs.names, id_owners=owners)
    except FormErrors as exc:
        for key, message in exc.errors.items():
            if key == "org_id" and org_failed:
                continue
            problem("org" if key == "org_id" else key, message)
        clean = None
    if clean is None or any(p.blocking for p in out.problems):
        return out
    if valid_number is None and match is not None:
        problem("id_number", f"未填写身份证号：按姓名和出生日期对应到已有党员“{match.name}”。", False)
    elif valid_number is None and len(same_name) > 1:
        problem("id_number", f"未填写身份证号，数据库中有 {len(same_name)} 名同名、同出生日期的党员，"
                "无法确定是谁，将作为新党员登记；请补填身份证号。", False)
    elif valid_number is None and clean.get("birth_date") is None:
        problem("id_number", "没有身份证号和出生日期：作为信息不全的党员登记，以后导入时按姓名与本条比对。"
                "请尽快补填身份证号。", False)
    elif valid_number is None:
        problem("id_number", "未填写身份证号：以后导入时按姓名和出生日期与本条比对。请尽快补填。", False)
    out.values = clean
    out.org_label = out.new_org or orgs.names.get(clean["org_id"], "")
    if match is None:
        out.action = NEW
        return out
    out.changes = _changes(match, clean, out.new_org)
    if out.changes:
        out.action = UPDATE
    else:
        out.action = SKIP
        problem("id_number", "与数据库中的记录相同，无需更新。", False)
    return out


def _keep_stored_precision(match: Member, raw: dict[str, Any], data: dict[str, Any]) -> None:
    """A stored date the file gives less precisely (2005.07 for a stored 2005-07-15) stays as
    stored; one the file does not hold keeps its stored precision (a month stays a month)."""
    partial = members.month_only_fields(match.month_only)
    for key in members.DATE_FIELDS:
        stored = getattr(match, key)
        if stored is None:
            continue
        if key not in raw:
            if key in partial:
                data[key] = format_month(stored)
            continue
        if key in partial or _blank(raw[key]):
            continue
        try:
            given, month_only = parse_with_precision(raw[key], BY_KEY[key].label)
        except ValidationError:
            continue
        if month_only and (given.year, given.month) == (stored.year, stored.month):
            data[key] = stored


def _any_org() -> int | None:
    """A placeholder that passes validation for a row whose branch the import will create."""
    return Organization.select(Organization.id).order_by(Organization.id).scalar()


def _changes(member: Member, clean: dict[str, Any], new_org: str | None) -> tuple[str, ...]:
    labels = []
    for column in COLUMNS:
        key = column.key
        if key == "seq":
            continue
        if key == "org":
            if new_org is not None or clean["org_id"] != member.org_id:
                labels.append(column.label)
            continue
        if clean.get(key) != getattr(member, key) or (column.kind == "date" and (
                key in members.month_only_fields(clean.get("month_only")))
                != (key in members.month_only_fields(member.month_only))):
            labels.append(column.label)
    return tuple(labels)


def commit(preview: Preview) -> ImportBatch:
    """Write the preview, then remember the spellings the clerk confirmed by importing them
    (guesses accepted, values chosen), so the next file with them needs no questions."""
    batch = write_preview(preview)
    confirmed = {(m.key, m.text): m.value for m in preview.mappings
                 if m.value and m.how in (FUZZY, CHOSEN, REMEMBERED)}
    if confirmed:
        remember(confirmed)
    return batch


def with_options(preview: Preview, options: ImportOptions, progress: Progress | None = None) -> Preview:
    """The same file judged again with other choices (update or skip, target, new branches)."""
    return build_preview(preview.data, preview.layout, options, progress)
