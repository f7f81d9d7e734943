"""Fixtures for the printing tests: generated fonts, font settings, PDF inspection."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab import rl_config

from printing.errors import NoCJKFontError
from printing.typeset.fonts import FontLibrary, FontSettings
from tests.printing.fontfactory import RARE, build_otf, build_ttf, main_codepoints
from tests.printing.formfonts import FORM_EXTRA


@dataclass(frozen=True)
class TestFonts:
    main: Path        # nearly everything but the rare name characters
    rare: Path        # only the rare characters (and 𠮷)
    alt: Path         # like main, Latin narrower: proves per-role overrides
    cff: Path         # CFF outlines, like Noto CJK
    dir: Path


@pytest.fixture(scope="session")
def test_fonts(tmp_path_factory) -> TestFonts:
    d = tmp_path_factory.mktemp("fonts")
    cps = main_codepoints()
    return TestFonts(
        main=build_ttf(d / "xf-test-main.ttf", cps, "XF Test Main"),
        rare=build_ttf(d / "xf-test-rare.ttf", [ord(c) for c in RARE] + [0x20, 0x4E2D],
                       "XF Test Rare", cross=True),
        alt=build_ttf(d / "xf-test-alt.ttf", cps, "XF Test Alt", latin_width=400),
        cff=build_otf(d / "xf-test-cff.otf", cps + [ord(c) for c in RARE], "XF Test CFF"),
        dir=d,
    )


@pytest.fixture
def font_settings(test_fonts, tmp_path) -> FontSettings:
    """Every role on the generated font, rare characters from a second one, no system."""
    return FontSettings(
        overrides={r: test_fonts.main for r in ("title", "body", "kai", "hei", "song")},
        extra_fonts=(test_fonts.rare,),
        system_fonts=False,
        cache_dir=tmp_path / "cache",
    )


@pytest.fixture
def library(font_settings) -> FontLibrary:
    return FontLibrary(font_settings)


@pytest.fixture(autouse=True)
def invariant_pdfs():
    """Byte-stable PDFs (no timestamps or random ids) in every printing test."""
    old = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = old


@pytest.fixture
def real_library(tmp_path) -> FontLibrary:
    """The fonts of this machine; skips the test when it has no Chinese font."""
    lib = FontLibrary(FontSettings(cache_dir=tmp_path / "cache"))
    try:
        lib.primary("body")
    except NoCJKFontError:
        pytest.skip("本机没有中文字体（CI 会安装）")
    return lib


# The forms (承诺书, 评议表, 评议记录) print √ and ÷, which the generic test font leaves out.
@pytest.fixture(scope="session")
def form_font(tmp_path_factory, test_fonts):
    d = tmp_path_factory.mktemp("formfont")
    return build_ttf(d / "xf-test-form.ttf", main_codepoints() + [ord(c) for c in FORM_EXTRA],
                     "XF Test Form")


@pytest.fixture
def form_library(form_font, test_fonts, tmp_path) -> FontLibrary:
    """Every role on the form font; the rare name characters only in a second font."""
    return FontLibrary(FontSettings(
        overrides={r: form_font for r in ("title", "body", "kai", "hei", "song")},
        extra_fonts=(test_fonts.rare,), system_fonts=False, cache_dir=tmp_path / "cache"))
