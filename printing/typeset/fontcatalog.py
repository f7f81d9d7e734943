"""Which font files can play which role, in order of preference.

Pure data. A role is a typographic job in Chinese documents: 标题 (小标宋), 正文 (仿宋),
楷体, 黑体, 宋体. Each candidate is matched by file name in the system font folders and,
where fontconfig exists, by family name, so a font installed under an unusual file name
is still found. Windows' own fonts come first because the offices run Windows; the
others let developers and Linux desktops print too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Final

ROLES: Final = ("title", "body", "kai", "hei", "song")

ROLE_LABELS: Final = {
    "title": "标题（小标宋）",
    "body": "正文（仿宋）",
    "kai": "楷体",
    "hei": "黑体",
    "song": "宋体",
}


@dataclass(frozen=True)
class Candidate:
    """A font that may fill a role.

    ``files`` are file names (case-insensitive); ``families`` are family names in any
    language, used for fontconfig look-ups and to pick the face inside a collection;
    ``face`` forces a face index; ``style`` narrows the face (e.g. "Bold").
    """

    files: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    style: str | None = None
    face: int | None = None


def _c(*files: str, families: tuple[str, ...] = (), style: str | None = None,
       face: int | None = None) -> Candidate:
    return Candidate(tuple(files), families, style, face)


# -- the fonts, grouped by design so the chains below read as intent -------------------

XIAOBIAOSONG = _c("FZXBSJW.TTF", "FZXBSJW--GB1-0.TTF", "方正小标宋简体.ttf", "方正小标宋简体.TTF",
                  "FZXiaoBiaoSong-B05S.ttf", "FZXBSK.TTF", "方正小标宋_GBK.ttf",
                  families=("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S",
                            "FZXiaoBiaoSong-B05", "FZXiaoBiaoSong-B05S-GB"))
ZHONGSONG = _c("STZHONGS.TTF", families=("STZhongsong", "华文中宋"))
SONGTI_SC_BOLD = _c("Songti.ttc", families=("Songti SC", "宋体-简"), style="Bold")
NOTO_SERIF_BOLD = _c("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf", "NotoSerifSC-Bold.otf",
                     families=("Noto Serif CJK SC", "Noto Serif SC"), style="Bold")
SOURCE_SERIF_BOLD = _c("SourceHanSerifSC-Bold.otf", "SourceHanSerif-Bold.ttc",
                       "SourceHanSerifCN-Bold.otf",
                       families=("Source Han Serif SC", "Source Han Serif CN", "思源宋体"),
                       style="Bold")

FANGSONG_GB2312 = _c("仿宋_GB2312.ttf", "FS_GB2312.ttf", "FangSong_GB2312.ttf",
                     families=("仿宋_GB2312", "FangSong_GB2312"))
FANGSONG = _c("simfang.ttf", families=("FangSong", "仿宋"))
ST_FANGSONG = _c("STFANGSO.TTF", "Fangsong.ttc", families=("STFangsong", "华文仿宋"))

KAITI_GB2312 = _c("楷体_GB2312.ttf", "KT_GB2312.ttf", "KaiTi_GB2312.ttf",
                  families=("楷体_GB2312", "KaiTi_GB2312"))
KAITI = _c("simkai.ttf", families=("KaiTi", "楷体"))
ST_KAITI = _c("STKAITI.TTF", "Kaiti.ttc", families=("STKaiti", "Kaiti SC", "华文楷体", "楷体-简"))
LXGW_WENKAI = _c("LXGWWenKai-Regular.ttf", "LXGWWenKaiGB-Regular.ttf",
                 families=("LXGW WenKai", "霞鹜文楷", "LXGW WenKai GB"), style="Regular")
UKAI = _c("ukai.ttc", families=("AR PL UKai CN",), face=0)

SIMHEI = _c("simhei.ttf", families=("SimHei", "黑体"))
YAHEI = _c("msyh.ttc", "msyh.ttf", families=("Microsoft YaHei", "微软雅黑"), face=0)
PINGFANG = _c("PingFang.ttc", families=("PingFang SC", "苹方-简"), style="Regular")
ST_HEITI = _c("STHeiti Medium.ttc", "STHeiti Light.ttc", "STHeiti.ttf",
              families=("Heiti SC", "STHeiti", "黑体-简", "华文黑体"))
WQY_MICROHEI = _c("wqy-microhei.ttc", families=("WenQuanYi Micro Hei", "文泉驿微米黑"), face=0)
WQY_ZENHEI = _c("wqy-zenhei.ttc", families=("WenQuanYi Zen Hei", "文泉驿正黑"), face=0)
NOTO_SANS = _c("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
               families=("Noto Sans CJK SC", "Noto Sans SC"), style="Regular")
SOURCE_SANS = _c("SourceHanSansSC-Regular.otf", "SourceHanSans-Regular.ttc",
                 "SourceHanSansCN-Regular.otf",
                 families=("Source Han Sans SC", "Source Han Sans CN", "思源黑体"), style="Regular")
DROID_FALLBACK = _c("DroidSansFallbackFull.ttf", "DroidSansFallback.ttf",
                    families=("Droid Sans Fallback",))

SIMSUN = _c("simsun.ttc", "simsun.ttf", families=("SimSun", "宋体"), face=0)
ST_SONG = _c("STSONG.TTF", families=("STSong", "华文宋体"))
SONGTI_SC = _c("Songti.ttc", families=("Songti SC", "宋体-简"), style="Regular")
NOTO_SERIF = _c("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf", "NotoSerifSC-Regular.otf",
                families=("Noto Serif CJK SC", "Noto Serif SC"), style="Regular")
SOURCE_SERIF = _c("SourceHanSerifSC-Regular.otf", "SourceHanSerif-Regular.ttc",
                  "SourceHanSerifCN-Regular.otf",
                  families=("Source Han Serif SC", "Source Han Serif CN", "思源宋体"),
                  style="Regular")
UMING = _c("uming.ttc", families=("AR PL UMing CN",), face=0)

# Fonts with Extension B and other rare ideographs, for names like 𠮷.
SIMSUN_EXTB = _c("simsunb.ttf", families=("SimSun-ExtB",))
SIMSUN_EXTG = _c("SimsunExtG.ttf", families=("SimSun-ExtG",))
MINGLIU_EXTB = _c("mingliub.ttc", families=("MingLiU-ExtB",), face=0)
HANAMIN_A = _c("HanaMinA.ttf", families=("HanaMinA",))
HANAMIN_B = _c("HanaMinB.ttf", families=("HanaMinB",))
#: The role's own candidates, best first.
ROLE_CANDIDATES: Final[dict[str, tuple[Candidate, ...]]] = {
    "title": (XIAOBIAOSONG, ZHONGSONG, SONGTI_SC_BOLD, NOTO_SERIF_BOLD, SOURCE_SERIF_BOLD),
    "body": (FANGSONG_GB2312, FANGSONG, ST_FANGSONG),
    "kai": (KAITI_GB2312, KAITI, ST_KAITI, LXGW_WENKAI, UKAI),
    "hei": (SIMHEI, YAHEI, PINGFANG, ST_HEITI, WQY_MICROHEI, WQY_ZENHEI, NOTO_SANS, SOURCE_SANS,
            DROID_FALLBACK),
    "song": (SIMSUN, ST_SONG, SONGTI_SC, NOTO_SERIF, SOURCE_SERIF, UMING),
}

#: When a role has nothing of its own, or lacks a character, borrow from roles of the
#: closest design first: serif for 标题/仿宋/宋体, brush for 楷体, sans for 黑体.
ROLE_FALLBACK_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "title": ("title", "song", "body", "hei", "kai"),
    "body": ("body", "song", "kai", "title", "hei"),
    "kai": ("kai", "body", "song", "title", "hei"),
    "hei": ("hei", "song", "body", "title", "kai"),
    "song": ("song", "title", "body", "kai", "hei"),
}

#: Last resort for characters no role font has (Extension B names and the like).
RARE_CHARACTER_FONTS: Final = (SIMSUN_EXTB, SIMSUN_EXTG, MINGLIU_EXTB, LXGW_WENKAI,
                               NOTO_SERIF, NOTO_SANS, HANAMIN_A, HANAMIN_B)

#: What to tell a clerk with no Chinese font at all, per platform.
INSTALL_HINTS: Final = {
    "win32": "Windows 系统自带宋体（C:\\Windows\\Fonts\\simsun.ttc），请确认系统字体未被删除，"
             "或从其他电脑复制宋体、黑体、仿宋、楷体后安装",
    "darwin": "macOS 系统自带“宋体-简”“苹方”等中文字体，请在“字体册”中确认已启用",
    "linux": "请安装中文字体：sudo apt install fonts-wqy-microhei fonts-noto-cjk fonts-arphic-uming "
             "fonts-lxgw-wenkai（或发行版中对应的 wqy-microhei、google-noto-cjk 字体包）",
}
