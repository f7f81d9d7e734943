"""Fonts by role, fallback per character, missing characters, CFF conversion, ToUnicode."""
import io
import shutil

import pdfplumber
import pytest
from reportlab.pdfgen.canvas import Canvas

from printing.errors import FontFileError, MissingGlyphsError, NoCJKFontError
from printing.typeset import tounicode
from printing.typeset.fontcatalog import Candidate
from printing.typeset.fontdiscovery import SystemFonts, chinese_face
from printing.typeset.fonts import FontLibrary, FontSettings, FontSource, no_font_message
from tests.printing.fontfactory import NOWHERE, RARE, build_ttc, build_ttf, main_codepoints
from tests.printing.pdfcheck import assert_fonts_ok, compact


def test_no_chinese_font_at_all_says_what_to_install(tmp_path):
    lib = FontLibrary(FontSettings(system_fonts=False, cache_dir=tmp_path))
    with pytest.raises(NoCJKFontError) as err:
        lib.new_document().resolve()
    msg = str(err.value)
    assert "未找到可用的中文字体" in msg
    assert "fonts-wqy-microhei" in msg and "fonts-noto-cjk" in msg and "宋体" in msg


@pytest.mark.parametrize("platform, first", [("win32", "Windows"), ("linux", "apt"),
                                              ("darwin", "macOS")])
def test_install_hint_names_the_platform_first(platform, first):
    msg = no_font_message(platform)
    assert msg.index(first) < msg.index("其他系统")


def test_a_latin_only_font_is_not_a_chinese_font(test_fonts, tmp_path):
    latin = build_ttf(tmp_path / "latin.ttf", list(range(0x20, 0x7F)), "Latin Only")
    lib = FontLibrary(FontSettings(overrides={"body": latin}, system_fonts=False,
                                   cache_dir=tmp_path))
    with pytest.raises(NoCJKFontError, match="未找到可用的中文字体，无法生成PDF。请安装中文"):
        lib.primary("body")


def test_missing_override_file_is_reported_in_chinese(tmp_path):
    lib = FontLibrary(FontSettings(overrides={"body": tmp_path / "nope.ttf"},
                                   system_fonts=False, cache_dir=tmp_path))
    with pytest.raises(FontFileError, match="文件不存在"):
        lib.primary("body")


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="字体角色"):
        FontSettings(overrides={"bold": "x.ttf"})


def test_per_character_fallback_to_the_rare_font(library, test_fonts):
    doc = library.new_document()
    doc.need("body", "张堃𠮷中A")
    doc.resolve()
    main = doc.font_for("body", "张")
    assert doc.font_for("body", "中") == main
    for c in "堃𠮷":
        assert doc.font_for("body", c) not in (None, main)
    assert doc.advance("body", "堃") == 1.0 and doc.advance("body", "A") == 0.5


def test_role_override_wins_for_its_role_only(test_fonts, tmp_path):
    settings = FontSettings(overrides={"body": test_fonts.main, "hei": test_fonts.alt},
                            system_fonts=False, cache_dir=tmp_path)
    doc = FontLibrary(settings).new_document()
    doc.need("body", "中A")
    doc.need("hei", "中A")
    doc.resolve()
    assert doc.font_for("body", "中") != doc.font_for("hei", "中")
    assert doc.advance("body", "A") == 0.5 and doc.advance("hei", "A") == 0.4
    # roles without an override borrow from the others instead of failing
    doc2 = FontLibrary(settings).new_document()
    doc2.need("kai", "中")
    doc2.resolve()
    assert doc2.font_for("kai", "中") == doc.font_for("body", "中")


def test_missing_characters_are_listed_and_refused(library):
    text = "张" + RARE + NOWHERE
    assert library.missing_characters(text) == sorted(NOWHERE)
    doc = library.new_document()
    doc.need("body", text)
    with pytest.raises(MissingGlyphsError) as err:
        doc.resolve()
    assert set(err.value.characters) == set(NOWHERE)
    assert "𪚥" in str(err.value) and "U+2A6A5" in str(err.value)


def test_missing_characters_accepted_are_blank_not_notdef(library):
    doc = library.new_document()
    doc.need("body", "张𪚥")
    doc.resolve(accept_missing=True)
    assert doc.missing == ("𪚥",)
    assert doc.font_for("body", "𪚥") is None and doc.is_missing("body", "𪚥")
    assert doc.advance("body", "𪚥") == 1.0


def test_blanks_never_count_as_missing(library):
    assert library.missing_characters("张 三\u3000\xa0\t") == []


# -- CFF fonts (Noto CJK, Source Han) are converted for the characters needed ------------

def test_cff_font_is_converted_subset_and_cached(test_fonts, tmp_path):
    cache = tmp_path / "cache"
    settings = FontSettings(overrides={"kai": test_fonts.cff}, system_fonts=False,
                            cache_dir=cache)
    doc = FontLibrary(settings).new_document()
    doc.need("kai", "党员承诺堃𠮷")
    doc.resolve()
    name = doc.font_for("kai", "党")
    assert name and name.startswith("XFC-")
    assert doc.font_for("kai", "𠮷") == name           # the CFF font has it
    cached = sorted(cache.glob("*.ttf"))
    assert len(cached) == 1
    from fontTools.ttLib import TTFont
    with TTFont(str(cached[0])) as f:
        assert "glyf" in f and "CFF " not in f
        assert set(f.getBestCmap()) >= {ord(c) for c in "党员承诺堃𠮷"}
        assert len(f.getBestCmap()) < 20                 # only what the document needs
    # same characters again: no new conversion; a subset of them: reuse the superset
    for text in ("党员承诺堃𠮷", "党员"):
        doc = FontLibrary(settings).new_document()
        doc.need("kai", text)
        doc.resolve()
        assert doc.font_for("kai", "党") == name
    assert sorted(cache.glob("*.ttf")) == cached
    # new characters: a new subset
    doc = FontLibrary(settings).new_document()
    doc.need("kai", "公示")
    doc.resolve()
    assert len(list(cache.glob("*.ttf"))) == 2


def test_converted_font_prints_and_extracts(test_fonts, tmp_path):
    """Two subsets of one face share a PostScript name; each must print its own glyphs."""
    settings = FontSettings(overrides={"body": test_fonts.cff}, system_fonts=False,
                            cache_dir=tmp_path)
    earlier = FontLibrary(settings).new_document()
    earlier.need("body", "党员")
    earlier.resolve()
    doc = FontLibrary(settings).new_document()
    doc.need("body", "中共𠮷堃")
    doc.resolve()
    buf = io.BytesIO()
    c = Canvas(buf, initialFontName=doc.primary_font("body"))
    c.setFont(doc.font_for("body", "中"), 20)
    c.drawString(50, 700, "中共𠮷堃")
    c.save()
    pdf = buf.getvalue()
    assert_fonts_ok(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        assert compact(p.pages[0].extract_text()) == "中共𠮷堃"


# -- ReportLab's ToUnicode bug above U+FFFF ---------------------------------------------

def _draw_pdf(name: str, text: str) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, initialFontName=name)
    c.setFont(name, 20)
    c.drawString(50, 700, text)
    c.save()
    return buf.getvalue()


def test_tounicode_cmap_uses_surrogate_pairs():
    cmap = tounicode.make_to_unicode_cmap("F", [0, 0x4E2D, 0x20BB7])
    assert "<01> <4E2D>" in cmap and "<02> <D842DFB7>" in cmap
    big = tounicode.make_to_unicode_cmap("F", list(range(256)))
    assert big.count("beginbfchar") == 3                   # at most 100 per block


def test_extension_b_extracts_as_itself(library):
    doc = library.new_document()
    doc.need("body", "𠮷")
    doc.resolve()
    pdf = _draw_pdf(doc.font_for("body", "𠮷"), "𠮷")
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        assert compact(p.pages[0].extract_text()) == "𠮷"


def test_without_the_patch_reportlab_garbles_extension_b(test_fonts, tmp_path):
    """Shows the bug the patch fixes, so the test above can fail."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("XF-unpatched", str(test_fonts.rare)))
    tounicode.uninstall()
    try:
        pdf = _draw_pdf("XF-unpatched", "𠮷")
    finally:
        tounicode.install()
    with pdfplumber.open(io.BytesIO(pdf)) as p:
        assert compact(p.pages[0].extract_text()) != "𠮷"


# -- finding fonts on disk ------------------------------------------------------------

def test_windows_file_names_fill_roles_in_order(test_fonts, tmp_path):
    win = tmp_path / "Fonts"
    win.mkdir()
    for name in ("simsun.ttc", "simhei.ttf", "simfang.ttf", "simkai.ttf"):
        src = test_fonts.alt if name == "simhei.ttf" else test_fonts.main
        if name.endswith(".ttc"):
            build_ttc(win / name, [src])
        else:
            shutil.copy(src, win / name)
    lib = FontLibrary(FontSettings(font_dirs=(win,), use_fontconfig=False, cache_dir=tmp_path))
    assert lib.chain("body")[0].path.name == "simfang.ttf"
    assert lib.chain("hei")[0].path.name == "simhei.ttf"
    assert lib.chain("kai")[0].path.name == "simkai.ttf"
    assert (lib.chain("song")[0].path.name, lib.chain("song")[0].face) == ("simsun.ttc", 0)
    assert lib.chain("title")[0].path.name == "simsun.ttc"   # no 小标宋: borrow 宋体
    # a user override comes before the system font
    lib2 = FontLibrary(FontSettings(overrides={"body": FontSource(test_fonts.alt)},
                                    font_dirs=(win,), use_fontconfig=False, cache_dir=tmp_path))
    assert lib2.chain("body")[0].path == test_fonts.alt


def test_collection_face_for_simplified_chinese(test_fonts, tmp_path):
    jp = build_ttf(tmp_path / "jp.ttf", main_codepoints(), "XF Test CJK JP")
    sc = build_ttf(tmp_path / "sc.ttf", main_codepoints(), "XF Test CJK SC")
    ttc = build_ttc(tmp_path / "XFTestCJK-Regular.ttc", [jp, sc])
    assert chinese_face(ttc) == 1
    fonts = SystemFonts([tmp_path], use_fontconfig=False)
    found = fonts.find(Candidate(("xftestcjk-regular.ttc",), ("XF Test CJK SC",)))
    assert [(r.path.name, r.face) for r in found] == [("XFTestCJK-Regular.ttc", 1)]
    # an override naming only the file also gets the SC face
    lib = FontLibrary(FontSettings(overrides={"body": ttc}, system_fonts=False,
                                   cache_dir=tmp_path))
    assert lib.chain("body")[0].face == 1


@pytest.mark.realfonts
def test_real_fonts_cover_rare_name_characters(real_library):
    missing = real_library.missing_characters("堃喆昇赟垚玥镕")
    assert missing == []


def test_a_new_run_opens_the_faces_it_has_seen_without_fonttools(test_fonts, tmp_path, monkeypatch):
    """Issue 17: fontTools costs a fresh process ~0.2 s; a face read once is known from the font
    cache (a CFF face's characters, a collection's names) and a TrueType face from its header."""
    import sys

    from printing.typeset import fontdiscovery, fonts
    from printing.typeset.fontdiscovery import FaceRef

    def new_process() -> None:
        fonts._FACE_CACHE.clear()
        fontdiscovery._face_names.cache_clear()
        monkeypatch.setattr(fontdiscovery, "_KNOWN_NAMES", None)

    monkeypatch.setattr(fonts, "default_cache_dir", lambda: tmp_path / "font-cache")
    new_process()
    refs = [FaceRef(test_fonts.cff, 0), FaceRef(test_fonts.main, 0)]
    first = [fonts._load_face(r) for r in refs]
    names = fontdiscovery.face_names(test_fonts.cff)
    new_process()
    monkeypatch.setitem(sys.modules, "fontTools.ttLib", None)  # importing it now fails
    again = [fonts._load_face(r) for r in refs]
    assert [f.kind for f in first] == ["cff", "truetype"]
    assert [(f.kind, f.codepoints) for f in again] == [(f.kind, f.codepoints) for f in first]
    assert ord("𠮷") in again[0].codepoints
    assert names and fontdiscovery.face_names(test_fonts.cff) == names
