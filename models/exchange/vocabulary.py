"""What clerks write in the coded columns, and the canonical value each spelling means.

Village rosters say 本科, 汉, 正式, 男性 where the national roster says 大学, 汉族, 正式党员,
男. Refusing such rows is a defect, not strictness, so every coded column reads its canonical
list, the synonyms below (short forms, informal and old statistics names), the clerk's own
confirmed choices (remembered in the settings), and last a careful fuzzy match that is used
only when exactly one canonical value fits. Lookups are dicts built once at import time and
cached per distinct text, so a 10,000-row sheet costs one lookup per distinct spelling.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from models.config import settings
from models.constants import (
    EDUCATIONS,
    ETHNICITIES,
    JOBS,
    MEMBER_KINDS,
    PARTY_STATUSES,
    SEXES,
    YES_NO,
)

# How a value was understood; the preview lists all but EXACT for the clerk to confirm.
EXACT, SYNONYM, REMEMBERED, FUZZY, CHOSEN, UNKNOWN = (
    "原值", "常用写法", "以前确认过", "近似", "已选择", "无法对应")
KEEP = "\x00keep"  # a chosen "leave as written" for a free-text column (工作岗位)

# Characters that never belong in stored text and can make a name display as something
# else: soft hyphen, zero-width and direction marks, bidi embeddings, overrides and isolates.
INVISIBLE = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
            "\u2060\u2066\u2067\u2068\u2069\ufeff"
_INVISIBLE_TABLE = dict.fromkeys(map(ord, INVISIBLE))
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")


def strip_invisible(text: str) -> str:
    return text.translate(_INVISIBLE_TABLE)


def has_invisible(text: str) -> bool:
    return _INVISIBLE_RE.search(text) is not None


@dataclass(frozen=True)
class Vocabulary:
    key: str  # the member field
    label: str
    allowed: tuple[str, ...]
    synonyms: Mapping[str, str]
    free_text: bool = False  # an unknown value may be stored as written (工作岗位)
    fuzzy: bool = True


_EDUCATION_SYNONYMS = {
    "研究生博士": "博士研究生", "博士": "博士研究生", "博士生": "博士研究生", "博士研究生学历": "博士研究生",
    "研究生硕士": "硕士研究生", "硕士": "硕士研究生", "硕士生": "硕士研究生", "研究生硕士学位": "硕士研究生",
    "本科": "大学", "大学本科": "大学", "大本": "大学", "学士": "大学", "本科学历": "大学",
    "普通本科": "大学", "函授本科": "大学", "自考本科": "大学", "大学学历": "大学",
    "专科": "大专", "大学专科": "大专", "高职": "大专", "高职高专": "大专", "高专": "大专",
    "函授大专": "大专", "自考大专": "大专", "电大": "大专",
    "中专": "中等专科", "中等专业学校": "中等专科", "中等专业": "中等专科", "中专学历": "中等专科",
    "中师": "中等专科", "中等师范": "中等专科", "中等专科学校": "中等专科",
    "职高": "职业高中", "职中": "职业高中", "职业中学": "职业高中",
    "技校": "技工学校", "中技": "技工学校", "技工": "技工学校",
    "高中": "普通高中", "普高": "普通高中", "高级中学": "普通高中",
    "初级中学": "初中", "初小": "小学", "高小": "小学",
}

_JOB_SYNONYMS = {
    "农民": "农牧渔业生产人员", "务农": "农牧渔业生产人员", "种地": "农牧渔业生产人员",
    "农业": "农牧渔业生产人员", "农业生产": "农牧渔业生产人员", "农牧民": "农牧渔业生产人员",
    "渔民": "农牧渔业生产人员", "牧民": "农牧渔业生产人员", "农林牧渔业生产人员": "农牧渔业生产人员",
    "村医": "乡村医生", "村卫生员": "乡村医生",
    "外出务工": "外出务工经商人员", "务工": "外出务工经商人员", "打工": "外出务工经商人员",
    "外出打工": "外出务工经商人员", "外出经商": "外出务工经商人员", "进城务工": "外出务工经商人员",
    "村官": "大学生村官", "社区工作者": "社区工作人员", "社工": "社区工作人员",
    "离休": "离休干部", "退休": "退休人员", "退休干部": "退休人员", "退休职工": "退休人员",
    "学生": "各类学生", "在校学生": "各类学生", "大学生": "各类学生",
    "自由职业": "自由职业人员", "自由职业者": "自由职业人员", "个体": "自由职业人员",
    "无业": "其他无业人员", "待业": "其他无业人员", "无职业": "其他无业人员",
}

_YES_WORDS = ("是", "y", "yes", "1", "√", "✓", "✔", "true", "t", "是的", "有", "对")
_NO_WORDS = ("否", "n", "no", "0", "×", "✗", "✘", "false", "f", "不是", "无", "没有", "非", "-", "—", "/")


def _ethnicity_synonyms() -> dict[str, str]:
    found = {name[:-1]: name for name in ETHNICITIES if name.endswith("族") and len(name) > 2}
    found.update({"汉": "汉族", "回": "回族", "藏": "藏族", "苗": "苗族", "彝": "彝族", "壮": "壮族",
                  "满": "满族", "侗": "侗族", "瑶": "瑶族", "白": "白族", "傣": "傣族", "黎": "黎族",
                  "佤": "佤族", "畲": "畲族", "水": "水族", "土": "土族", "羌": "羌族", "怒": "怒族",
                  "京": "京族", "汉民": "汉族", "回民": "回族", "蒙族": "蒙古族", "蒙": "蒙古族",
                  "维族": "维吾尔族", "维": "维吾尔族", "哈萨克": "哈萨克族", "朝鲜": "朝鲜族"})
    return found


VOCABULARIES: dict[str, Vocabulary] = {v.key: v for v in (
    Vocabulary("sex", "性别", SEXES, {"男性": "男", "女性": "女", "m": "男", "f": "女", "male": "男",
                                       "female": "女", "1": "男", "2": "女"}, fuzzy=False),
    Vocabulary("ethnicity", "民族", ETHNICITIES, _ethnicity_synonyms()),
    Vocabulary("education", "学历", EDUCATIONS, _EDUCATION_SYNONYMS),
    Vocabulary("kind", "人员类别", MEMBER_KINDS, {"正式": "正式党员", "预备": "预备党员",
                                              "中共正式党员": "正式党员", "中共预备党员": "预备党员"}),
    Vocabulary("party_status", "党籍状态", PARTY_STATUSES, {"停止": "停止党籍", "停": "停止党籍",
                                                       "正常党籍": "正常", "有效": "正常"}),
    Vocabulary("job", "工作岗位", JOBS, _JOB_SYNONYMS, free_text=True),
    Vocabulary("is_lost", "是否为失联党员", YES_NO,
               {**dict.fromkeys(_YES_WORDS, "是"), **dict.fromkeys(_NO_WORDS, "否"), "失联": "是"},
               fuzzy=False),
    Vocabulary("is_mobile", "是否为流动党员", YES_NO,
               {**dict.fromkeys(_YES_WORDS, "是"), **dict.fromkeys(_NO_WORDS, "否"), "流动": "是"},
               fuzzy=False),
)}

# Words around the value that do not change it: 初中文化, 本科毕业, 大专学历, 汉族（汉）.
_DECORATION = re.compile(r"(文化程度|文化|毕业|学历|程度|水平|性)$")
_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_REFUSE_FUZZY = ("以下", "以上", "肄业", "在读", "结业")  # "below 初中" is not 初中


def normalize(text: str) -> str:
    """The text as compared: NFKC, no invisible marks, spaces or brackets, case folded."""
    s = strip_invisible(unicodedata.normalize("NFKC", text))
    return "".join(s.split()).casefold()


def _index(vocab: Vocabulary) -> dict[str, str]:
    table = {normalize(k): v for k, v in vocab.synonyms.items()}
    table.update({normalize(v): v for v in vocab.allowed})
    return table


_INDEX = {key: _index(v) for key, v in VOCABULARIES.items()}


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one substituted, inserted or dropped character."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@lru_cache(maxsize=4096)
def builtin(key: str, text: str) -> tuple[str | None, str]:
    """(canonical value, how) for one spelling, without the clerk's remembered choices."""
    vocab = VOCABULARIES[key]
    index = _INDEX[key]
    norm = normalize(text)
    if text.strip() in vocab.allowed:
        return text.strip(), EXACT
    if norm in index:
        found = index[norm]
        return found, EXACT if found == norm else SYNONYM
    bare = _BRACKETS.sub("", norm)
    while bare and (shorter := _DECORATION.sub("", bare)) != bare:
        bare = shorter
    if bare != norm and bare in index:
        return index[bare], SYNONYM
    if not vocab.fuzzy or len(bare) < 2 or any(w in norm for w in _REFUSE_FUZZY):
        return None, UNKNOWN
    # Fuzzy: a unique canonical value the text starts, or one typing slip away from one spelling.
    starts = {v for v in vocab.allowed if v.startswith(bare)}
    if len(starts) == 1:
        return starts.pop(), FUZZY
    near = {v for k, v in index.items() if len(k) >= 2 and _one_edit(bare, k)}
    if len(near) == 1 and not starts:
        return near.pop(), FUZZY
    return None, UNKNOWN


def remembered() -> dict[str, dict[str, str]]:
    """The clerk's confirmed mappings: field -> normalized spelling -> canonical value."""
    saved = settings.get("value_mappings") or {}
    return {k: dict(v) for k, v in saved.items() if k in VOCABULARIES and isinstance(v, dict)}


def remember(choices: Mapping[tuple[str, str], str]) -> None:
    """Keep confirmed mappings, (field, spelling) -> canonical, for the next import."""
    saved = remembered()
    for (key, text), value in choices.items():
        vocab = VOCABULARIES.get(key)
        if vocab is None or value not in vocab.allowed:
            continue
        entries = saved.setdefault(key, {})
        entries.pop(normalize(text), None)
        entries[normalize(text)] = value
        while len(entries) > 300:  # the oldest go first
            entries.pop(next(iter(entries)))
    settings.put({"value_mappings": saved})


class Resolver:
    """One import's way of reading coded values: remembered and chosen mappings looked up once."""

    def __init__(self, chosen: Mapping[tuple[str, str], str] | None = None) -> None:
        self.saved = remembered()
        self.chosen = {(k, normalize(t)): v for (k, t), v in (chosen or {}).items()}
        self._cache: dict[tuple[str, str], tuple[str | None, str]] = {}

    def resolve(self, key: str, text: str) -> tuple[str | None, str]:
        """(value to store or None, how). KEEP as value: store the text as written."""
        found = self._cache.get((key, text))
        if found is None:
            found = self._cache[(key, text)] = self._resolve(key, text)
        return found

    def _resolve(self, key: str, text: str) -> tuple[str | None, str]:
        norm = normalize(text)
        if (key, norm) in self.chosen:
            return (self.chosen[(key, norm)] or None), CHOSEN
        found, how = builtin(key, text)
        if how == EXACT:
            return found, how
        saved = self.saved.get(key, {}).get(norm)
        if saved is not None and saved in VOCABULARIES[key].allowed:
            return saved, REMEMBERED
        return found, how
