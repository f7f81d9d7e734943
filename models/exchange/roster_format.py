"""The national member roster (党员基本信息汇总表): its 21 columns and what headers mean them.

Import and export both work from this one list, so a roster the program writes is read back
column for column. Each column names the member field it fills (None for 序号 and the
organization column, which the importer resolves itself) and the other header texts real
files use for it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from models.exchange.vocabulary import strip_invisible

TITLE = "党员基本信息汇总表"


@dataclass(frozen=True)
class RosterColumn:
    key: str  # the member field it fills, or "seq" / "org"
    label: str  # the national header text
    synonyms: tuple[str, ...] = ()
    kind: str = "text"  # text / date / flag / id


COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("seq", "序号", ("编号", "序")),
    RosterColumn("name", "姓名", ("党员姓名", "名字")),
    RosterColumn("org", "所在党支部", ("党支部", "所在支部", "所属党支部", "所属支部", "所在党组织",
                                    "所在组织", "党组织", "党组织名称", "支部名称", "支部")),
    RosterColumn("id_number", "公民身份证号", ("公民身份证号码", "公民身份号码", "身份证号", "身份证号码",
                                            "身份证", "身份号码", "证件号码"), "id"),
    RosterColumn("sex", "性别"),
    RosterColumn("ethnicity", "民族"),
    RosterColumn("birth_date", "出生日期", ("出生年月", "出生年月日", "出生时间", "生日"), "date"),
    RosterColumn("education", "学历", ("文化程度", "最高学历", "学历层次")),
    RosterColumn("kind", "人员类别", ("党员类别", "党员类型", "类别")),
    RosterColumn("join_date", "加入党组织日期", ("入党日期", "入党时间", "入党年月", "加入党组织时间"), "date"),
    RosterColumn("full_date", "转为正式党员日期", ("转正日期", "转正时间", "转正年月", "转为正式党员时间"),
                 "date"),
    RosterColumn("job", "工作岗位", ("岗位", "职业")),
    RosterColumn("mobile", "手机号", ("手机", "手机号码", "移动电话", "联系电话")),
    RosterColumn("phone", "固定电话", ("座机", "固话", "电话", "办公电话")),
    RosterColumn("address", "家庭住址", ("住址", "家庭地址", "现住址", "居住地址", "地址")),
    RosterColumn("party_status", "党籍状态", ("党籍",)),
    RosterColumn("is_lost", "是否为失联党员", ("是否失联党员", "是否失联", "失联党员"), "flag"),
    RosterColumn("lost_date", "失去联系日期", ("失联日期", "失去联系时间", "失联时间"), "date"),
    RosterColumn("is_mobile", "是否为流动党员", ("是否流动党员", "流动党员"), "flag"),
    RosterColumn("mobile_destination", "外出流向", ("流向", "流出地", "外出地点")),
    RosterColumn("notes", "备注", ("说明",)),
)
BY_KEY = {c.key: c for c in COLUMNS}
KEYS = tuple(c.key for c in COLUMNS)

# Two-row header of the exported sheet: these pairs sit under a merged group heading.
GROUPS = {"is_lost": ("失联情况", 2), "is_mobile": ("流动情况", 2)}

_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_NOISE = re.compile(r"[\s*＊:：]")


def normalize_header(text: object) -> str:
    """Header text as compared: no spaces or line breaks, no (notes in brackets), no * marks."""
    if text is None:
        return ""
    s = strip_invisible(unicodedata.normalize("NFKC", str(text)))
    s = _BRACKETS.sub("", s)
    return _NOISE.sub("", s).casefold()


_LOOKUP: dict[str, str] = {}
for _col in COLUMNS:
    for _text in (_col.label, *_col.synonyms):
        _LOOKUP.setdefault(normalize_header(_text), _col.key)


def column_for_header(text: object) -> str | None:
    """The column key a header cell means, or None when it is not a roster header."""
    return _LOOKUP.get(normalize_header(text))
