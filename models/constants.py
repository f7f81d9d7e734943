"""The campaign's fixed vocabulary, exactly as the documents spell it.

Every list the forms offer and every value the database stores comes from here, so a
term is spelled one way across the window, the printouts and the Excel files.
"""
from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("党委", "党总支", "党支部")


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    theme: str
    strive_title: str  # 争做 title, e.g. “五个先锋”
    strive_items: tuple[str, ...]


CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category(
            "rural", "农村党组织", "促进农村发展、引领农民致富、建设新农村", "五个先锋",
            ("发展产业的先锋", "带民致富的先锋", "倡导文明的先锋", "教育群众的先锋", "服务群众的先锋"),
        ),
        Category(
            "community", "街道社区党组织", "增强服务功能、维护社会稳定、建设“三型”社区", "四个骨干",
            ("服务群众的骨干", "化解矛盾的骨干", "扶贫帮弱的骨干", "改善环境的骨干"),
        ),
        Category(
            "soe", "国有企业党组织", "深化企业改革、促进企业发展、增强企业核心竞争力", "四个标兵",
            ("科学管理的标兵", "诚信经营的标兵", "生产革新的标兵", "维护稳定的标兵"),
        ),
        Category(
            "agency", "机关事业党组织", "服务中心工作、强化“两风”建设、提升机关效能", "四个模范",
            ("勤奋学习的模范", "服务基层的模范", "廉洁高效的模范", "依法从政的模范"),
        ),
        Category(
            "nonpublic", "非公有制经济组织和社会组织党组织", "促进生产经营、增强发展活力、培育新的经济增长点",
            "四个表率", ("依法经营的表率", "优质生产的表率", "自强创业的表率", "回报社会的表率"),
        ),
    )
}
CATEGORY_BY_NAME = {c.name: c for c in CATEGORIES.values()}

FIVE_GOOD = ("领导班子好", "党员队伍好", "工作机制好", "工作业绩好", "群众反映好")
FIVE_LEAD = ("带头学习提高", "带头争创佳绩", "带头服务群众", "带头遵纪守法", "带头弘扬正气")

CARRIER_SUGGESTIONS = (
    "党员服务区", "党员先锋岗", "党员责任区", "党员示范岗", "星级党员评定",
    "“四议两公开”工作法", "党员承诺践诺", "结对帮扶",
)

SEXES = ("男", "女")
MEMBER_KINDS = ("正式党员", "预备党员")
PARTY_STATUSES = ("正常", "停止党籍")
YES_NO = ("是", "否")
EDUCATIONS = (
    "博士研究生", "硕士研究生", "大学", "大专", "中等专科", "职业高中", "技工学校",
    "普通高中", "初中", "小学", "其他", "中央党校研究生", "中央党校大学", "中央党校大专",
    "省委党校研究生", "省委党校大学", "省委党校大专",
)
JOBS = (
    "公务员", "事业单位管理岗位", "事业单位专业技术岗位", "事业单位工勤技能岗位",
    "企业管理岗位", "企业专业技术岗位", "企业工勤技能岗位", "农牧渔业生产人员",
    "乡村医生", "外出务工经商人员", "大学生村官", "社区工作人员", "离休干部", "退休人员",
    "各类学生", "自由职业人员", "其他从业人员", "其他无业人员",
)
ETHNICITIES = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族",
    "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族",
    "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族",
    "珞巴族", "基诺族", "其他", "外国血统中国籍人士",
)

# A member is never deleted; these dated events change whether they are on the roll.
STATUS_EVENTS = ("转出", "停止党籍", "恢复党籍", "去世", "转入", "本镇转接")
TRANSFER_WITHIN = "本镇转接"  # to another branch of this township: the member moves, the history stays
ON_ROLL = "在册"

PLEDGE_STATES = ("草稿", "已审定", "退回", "已公示", "已评诺")
ITEM_STATES = ("未开始", "进行中", "已兑现", "未兑现")
PLEDGE_EVALUATIONS = ("好", "较好", "一般", "差")

QUARTERS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
ATTENDANCE = ("出席", "请假", "缺席")
MUTUAL_GRADES = ("优秀", "合格", "基本合格", "不合格")
MASS_LEVELS = ("满意", "比较满意", "基本满意", "不满意")
VOTER_GROUPS = ("党员", "群众")
ORG_MASS_ITEMS = (
    "组织开展创先争优活动情况",
    "推动中心工作和重点任务完成情况",
    "承诺践诺情况",
    "为群众办实事好事解难事情况",
    "加强党组织和党员队伍建设情况",
)
MEMBER_MASS_ITEMS = (
    "参加创先争优活动情况",
    "立足岗位履行职责情况",
    "承诺践诺情况",
    "联系和服务群众情况",
)

# 年度考核 and 表彰 (issue 4): titles, who commends, and the bottom-up workflow's states.
AWARD_CATEGORIES = ("先进基层党组织", "优秀共产党员", "优秀党务工作者")
ORG_TITLE, MEMBER_TITLE, WORKER_TITLE = AWARD_CATEGORIES
AWARD_LEVELS = ("基层党委", "市委")  # the basic committee every year, the city every two years
# 推荐 → 审核/排序 → 决定; 退回 goes back to the branch; 不予表彰 is the committee's final "no".
# Stored as text: a new state needs no schema step.
NOMINATION_STATES = ("已推荐", "已审核", "已决定", "已退回", "不予表彰")
