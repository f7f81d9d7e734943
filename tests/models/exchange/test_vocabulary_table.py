"""The coded columns' vocabulary as a table the campaign office can read: every spelling
clerks write and the statistics value it means, how decorations and slips are read, and
the clerk's own choices — pinned, so a changed mapping is a decision, not an accident.

The table below is the vocabulary's specification (reviewed against the party-statistics
names in ../shared/docs/conventions.md), not a copy computed from the code at test time.
"""
import pytest

from models.config import settings
from models.exchange import vocabulary as v

SPELLINGS = {
    'sex': {
        '男性': '男', '女性': '女', 'm': '男', 'f': '女', 'male': '男', 'female': '女', '1': '男', '2': '女',
    },
    'ethnicity': {
        '蒙古': '蒙古族', '维吾尔': '维吾尔族', '布依': '布依族', '朝鲜': '朝鲜族', '土家': '土家族',
        '哈尼': '哈尼族', '哈萨克': '哈萨克族', '傈僳': '傈僳族', '高山': '高山族', '拉祜': '拉祜族',
        '东乡': '东乡族', '纳西': '纳西族', '景颇': '景颇族', '柯尔克孜': '柯尔克孜族', '达斡尔': '达斡尔族',
        '仫佬': '仫佬族', '布朗': '布朗族', '撒拉': '撒拉族', '毛南': '毛南族', '仡佬': '仡佬族', '锡伯': '锡伯族',
        '阿昌': '阿昌族', '普米': '普米族', '塔吉克': '塔吉克族', '乌孜别克': '乌孜别克族', '俄罗斯': '俄罗斯族',
        '鄂温克': '鄂温克族', '德昂': '德昂族', '保安': '保安族', '裕固': '裕固族', '塔塔尔': '塔塔尔族',
        '独龙': '独龙族', '鄂伦春': '鄂伦春族', '赫哲': '赫哲族', '门巴': '门巴族', '珞巴': '珞巴族',
        '基诺': '基诺族', '汉': '汉族', '回': '回族', '藏': '藏族', '苗': '苗族', '彝': '彝族', '壮': '壮族',
        '满': '满族', '侗': '侗族', '瑶': '瑶族', '白': '白族', '傣': '傣族', '黎': '黎族', '佤': '佤族',
        '畲': '畲族', '水': '水族', '土': '土族', '羌': '羌族', '怒': '怒族', '京': '京族', '汉民': '汉族',
        '回民': '回族', '蒙族': '蒙古族', '蒙': '蒙古族', '维族': '维吾尔族', '维': '维吾尔族',
    },
    'education': {
        '研究生博士': '博士研究生', '博士': '博士研究生', '博士生': '博士研究生', '博士研究生学历': '博士研究生',
        '研究生硕士': '硕士研究生', '硕士': '硕士研究生', '硕士生': '硕士研究生', '研究生硕士学位': '硕士研究生',
        '本科': '大学', '大学本科': '大学', '大本': '大学', '学士': '大学', '本科学历': '大学', '普通本科': '大学',
        '函授本科': '大学', '自考本科': '大学', '大学学历': '大学', '专科': '大专', '大学专科': '大专',
        '高职': '大专', '高职高专': '大专', '高专': '大专', '函授大专': '大专', '自考大专': '大专', '电大': '大专',
        '中专': '中等专科', '中等专业学校': '中等专科', '中等专业': '中等专科', '中专学历': '中等专科',
        '中师': '中等专科', '中等师范': '中等专科', '中等专科学校': '中等专科', '职高': '职业高中',
        '职中': '职业高中', '职业中学': '职业高中', '技校': '技工学校', '中技': '技工学校', '技工': '技工学校',
        '高中': '普通高中', '普高': '普通高中', '高级中学': '普通高中', '初级中学': '初中', '初小': '小学',
        '高小': '小学',
    },
    'kind': {
        '正式': '正式党员', '预备': '预备党员', '中共正式党员': '正式党员', '中共预备党员': '预备党员',
    },
    'party_status': {
        '停止': '停止党籍', '停': '停止党籍', '正常党籍': '正常', '有效': '正常',
    },
    'job': {
        '农民': '农牧渔业生产人员', '务农': '农牧渔业生产人员', '种地': '农牧渔业生产人员',
        '农业': '农牧渔业生产人员', '农业生产': '农牧渔业生产人员', '农牧民': '农牧渔业生产人员',
        '渔民': '农牧渔业生产人员', '牧民': '农牧渔业生产人员', '农林牧渔业生产人员': '农牧渔业生产人员',
        '村医': '乡村医生', '村卫生员': '乡村医生', '外出务工': '外出务工经商人员', '务工': '外出务工经商人员',
        '打工': '外出务工经商人员', '外出打工': '外出务工经商人员', '外出经商': '外出务工经商人员',
        '进城务工': '外出务工经商人员', '村官': '大学生村官', '社区工作者': '社区工作人员', '社工': '社区工作人员',
        '离休': '离休干部', '退休': '退休人员', '退休干部': '退休人员', '退休职工': '退休人员', '学生': '各类学生',
        '在校学生': '各类学生', '大学生': '各类学生', '自由职业': '自由职业人员', '自由职业者': '自由职业人员',
        '个体': '自由职业人员', '无业': '其他无业人员', '待业': '其他无业人员', '无职业': '其他无业人员',
    },
    'is_lost': {
        '是': '是', 'y': '是', 'yes': '是', '1': '是', '√': '是', '✓': '是', '✔': '是', 'true': '是', 't': '是',
        '是的': '是', '有': '是', '对': '是', '否': '否', 'n': '否', 'no': '否', '0': '否', '×': '否', '✗': '否',
        '✘': '否', 'false': '否', 'f': '否', '不是': '否', '无': '否', '没有': '否', '非': '否', '-': '否',
        '—': '否', '/': '否', '失联': '是',
    },
}


@pytest.mark.parametrize("key", sorted(SPELLINGS))
def test_every_spelling_means_its_value(key):
    assert dict(v.VOCABULARIES[key].synonyms) == SPELLINGS[key]
    for spelling, value in SPELLINGS[key].items():
        assert value in v.VOCABULARIES[key].allowed, (key, value)
        how = v.EXACT if spelling == value else v.SYNONYM  # 是 and 否 are listed among the words too
        assert v.builtin(key, spelling) == (value, how), (key, spelling)
        assert v.builtin(key, f" {spelling.upper()} ") == (value, how), (key, spelling)


def test_the_tables_are_built_as_specified():
    """The builders run at import; called here as well, so a broken builder fails a test
    instead of hiding behind the table it built when the module was loaded."""
    assert v._ethnicity_synonyms() == SPELLINGS["ethnicity"]
    made_up = v.Vocabulary("x", "某列", ("大学", "Ａb"), {"本 科": "大学", "\u200b大本": "大学"})
    assert v._index(made_up) == {"本科": "大学", "大本": "大学", "大学": "大学", "ab": "Ａb"}


def test_both_yes_no_columns_read_alike_plus_their_own_word():
    lost, mobile = (dict(v.VOCABULARIES[k].synonyms) for k in ("is_lost", "is_mobile"))
    assert lost.pop("失联") == "是" and mobile.pop("流动") == "是" and lost == mobile


@pytest.mark.parametrize("key", sorted(v.VOCABULARIES))
def test_canonical_values_are_exact(key):
    for value in v.VOCABULARIES[key].allowed:
        assert v.builtin(key, value) == (value, v.EXACT)
        assert v.builtin(key, f" {value} ") == (value, v.EXACT)


@pytest.mark.parametrize(("key", "text", "found"), [
    ("education", "初中文化", ("初中", v.SYNONYM)),
    ("education", "本科毕业", ("大学", v.SYNONYM)),
    ("education", "大专学历", ("大专", v.SYNONYM)),
    ("education", "高中文化程度", ("普通高中", v.SYNONYM)),
    ("education", "中专（函授）", ("中等专科", v.SYNONYM)),
    ("education", "大专(电大)", ("大专", v.SYNONYM)),
    ("ethnicity", "汉族（汉）", ("汉族", v.SYNONYM)),
    ("sex", "男性", ("男", v.SYNONYM)),
    ("sex", "Ｍ", ("男", v.SYNONYM)),  # full width folds
    ("ethnicity", "汉\u200b", ("汉族", v.SYNONYM)),  # an invisible mark is no difference
    ("ethnicity", "汉组", ("汉族", v.FUZZY)),  # one slip from one value
    ("kind", "正式党", ("正式党员", v.FUZZY)),  # the start of exactly one value
    ("education", "研究生", (None, v.UNKNOWN)),  # 博士 or 硕士?
    ("education", "初中以下", (None, v.UNKNOWN)),  # below 初中 is not 初中
    ("education", "大学肄业", (None, v.UNKNOWN)),
    ("education", "高中在读", (None, v.UNKNOWN)),
    ("education", "大字", (None, v.UNKNOWN)),  # 大学 or 大专?
    ("ethnicity", "土组", (None, v.UNKNOWN)),  # 土族 or 土家族?
    ("sex", "男的", (None, v.UNKNOWN)),  # no fuzzy match for 性别
    ("is_lost", "是滴", (None, v.UNKNOWN)),  # …nor for 是/否
    ("job", "x", (None, v.UNKNOWN)),  # one character: too little to guess from
])
def test_how_a_spelling_is_read(key, text, found):
    assert v.builtin(key, text) == found


def test_one_edit():
    assert v._one_edit("汉组", "汉族") and v._one_edit("汉", "汉族") and v._one_edit("汉族", "汉")
    assert v._one_edit("大学本", "大学本科")
    assert not v._one_edit("汉族", "汉族") and not v._one_edit("汉", "汉族人")
    assert not v._one_edit("ab", "ba") and not v._one_edit("abc", "axy")
    assert v._one_edit("族", "汉族") and v._one_edit("汉族", "族") and v._one_edit("汉族", "汉x族")  # not only the last
    assert not v._one_edit("ab", "xyz") and not v._one_edit("xyz", "ab")  # one longer, yet no single drop


def test_invisible_marks():
    assert v.strip_invisible("王\u00ad建\u200e国\u061c\ufeff") == "王建国"
    assert v.has_invisible("a\u2066b") and not v.has_invisible("王建国")
    assert all(v.has_invisible(ch) for ch in v.INVISIBLE) and len(v.INVISIBLE) == 18
    assert v.normalize(" Ａ\u200bＢ ｃ ") == "abc"


def test_the_clerks_choices_come_first_then_what_was_remembered(db):
    v.remember({("education", "研究生"): "硕士研究生", ("education", "乱写"): "不存在的学历",
                ("nope", "x"): "y"})
    assert v.remembered() == {"education": {"研究生": "硕士研究生"}}
    r = v.Resolver()
    assert r.resolve("education", "研究生") == ("硕士研究生", v.REMEMBERED)
    assert r.resolve("education", "大学") == ("大学", v.EXACT)  # exact values never come from memory
    r = v.Resolver({("education", " 研究生 "): "博士研究生", ("job", "看门"): ""})
    assert r.resolve("education", "研究生") == ("博士研究生", v.CHOSEN)
    assert r.resolve("job", "看门") == (None, v.CHOSEN)
    assert r.resolve("education", "研究生") is r.resolve("education", "研究生")  # looked up once


def test_memory_keeps_the_newest_300_per_column(db):
    v.remember({("job", f"岗位{n}"): "乡村医生" for n in range(305)})
    kept = v.remembered()["job"]
    assert len(kept) == 300 and "岗位4" not in kept and "岗位5" in kept and "岗位304" in kept
    v.remember({("job", "岗位5"): "各类学生"})
    kept = v.remembered()["job"]
    assert list(kept)[-1] == "岗位5" and kept["岗位5"] == "各类学生"


def test_a_refused_choice_does_not_stop_the_ones_after_it(db):
    v.remember({("nope", "x"): "y", ("education", "乱写"): "不存在的学历", ("education", "研究生"): "硕士研究生"})
    assert v.remembered() == {"education": {"研究生": "硕士研究生"}}


def test_memory_that_went_stale_is_not_used(db):
    """Settings written by hand or by an older version: a column we do not have, a mapping that
    is not a table, a value no longer allowed — each is ignored, never stored."""
    settings.put({"value_mappings": {"nope": {"x": "y"}, "sex": "男", "education": {"研究生": "研究院"}}})
    assert v.remembered() == {"education": {"研究生": "研究院"}}
    assert v.Resolver().resolve("education", "研究生") == (None, v.UNKNOWN)
