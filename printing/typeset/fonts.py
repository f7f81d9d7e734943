"""Fonts by role, with per-character fallback and a check for characters no font has.

A *role* (title/body/kai/hei/song) is an ordered chain of faces: the user's override,
the role's own system fonts, then the other roles' fonts (closest design first), then
fonts known for rare ideographs, then any Chinese font fontconfig knows. Every character
is printed with the first face in its role's chain that has it, so a rare name character
falls back to a similar style instead of printing ReportLab's silent .notdef box.

TrueType faces are embedded (subset) by ReportLab directly; CFF faces are converted to
TrueType for just the characters a document uses (see :mod:`printing.typeset.cffconvert`).

Usage::

    library = FontLibrary(FontSettings())          # keep one per program run
    fonts = library.new_document()
    fonts.need("body", text)                       # declare all text first ...
    fonts.resolve()                                # ... then resolve (may raise)
    fonts.font_for("body", "堃"), fonts.advance("body", "堃")
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from printing.errors import FontFileError, MissingGlyphsError, NoCJKFontError
from printing.typeset import cffconvert, tounicode
from printing.typeset.fontcatalog import (
    INSTALL_HINTS,
    RARE_CHARACTER_FONTS,
    ROLE_CANDIDATES,
    ROLE_FALLBACK_ORDER,
    ROLE_LABELS,
    ROLES,
)
from printing.typeset.fontdiscovery import COLLECTION_SUFFIXES, FaceRef, SystemFonts, chinese_face

tounicode.install()

log = logging.getLogger(__name__)

#: Characters drawn as empty space: they never need a glyph.
BLANKS = frozenset(" \u3000\xa0\t")

#: A font without this character is not a Chinese font.
_CJK_PROBE = 0x4E2D  # 中


@dataclass(frozen=True)
class FontSource:
    """A font file chosen by the user; ``face`` None picks a collection's Chinese face."""

    path: Path
    face: int | None = None


def _source(value: FontSource | str | os.PathLike[str]) -> FontSource:
    if isinstance(value, FontSource):
        return FontSource(Path(value.path), value.face)
    return FontSource(Path(value))


def default_cache_dir() -> Path:
    """Per-user cache for converted font subsets."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("xianfeng-desk")) / "fonts"


@dataclass(frozen=True)
class FontSettings:
    """What the settings dialog decides about fonts.

    ``overrides`` maps a role ("title", "body", "kai", "hei", "song") to a font file;
    ``extra_fonts`` are tried for every role after the role fonts (e.g. a font bought for
    rare name characters); ``system_fonts`` False uses only those two (tests do this).
    """

    overrides: Mapping[str, FontSource | str | os.PathLike[str]] = field(default_factory=dict)
    extra_fonts: tuple[FontSource | str | os.PathLike[str], ...] = ()
    system_fonts: bool = True
    cache_dir: Path | None = None
    font_dirs: tuple[Path, ...] | None = None   # None: the platform's usual folders
    use_fontconfig: bool = True                 # also ask fc-list (Linux, macOS)

    def __post_init__(self) -> None:
        unknown = set(self.overrides) - set(ROLES)
        if unknown:
            raise ValueError(f"未知的字体角色：{'、'.join(sorted(unknown))}")


# ------------------------------------------------------------------ loaded faces

@dataclass
class Face:
    """A face loaded far enough to know which characters it has."""

    ref: FaceRef
    kind: str                       # "truetype" or "cff"
    codepoints: frozenset[int]
    font_id: str
    rl_name: str | None = None      # registered ReportLab font (TrueType faces only)
    label: str = ""

    def has(self, ch: str) -> bool:
        return ord(ch) in self.codepoints


_FACE_CACHE: dict[tuple[str, int, str], Face | Exception] = {}


def _load_face(ref: FaceRef) -> Face:
    """Open a face once per process; raise FontFileError when it cannot be used."""
    try:
        fid = cffconvert.font_id(ref.path, ref.face)
    except OSError as exc:
        raise FontFileError(f"字体文件不存在或无法读取：{ref.path}") from exc
    key = (os.path.realpath(ref.path), ref.face, fid)
    cached = _FACE_CACHE.get(key)
    if isinstance(cached, Exception):
        raise cached
    if cached is not None:
        return cached
    try:
        face = _open_face(ref, fid)
    except FontFileError as exc:
        _FACE_CACHE[key] = exc
        raise
    _FACE_CACHE[key] = face
    return face


def _sfnt_peek(ref: FaceRef) -> tuple[frozenset[str], int] | None:
    """The face's table tags and OS/2 fsType, read from the file's header in a few bytes.

    Enough to tell a TrueType face that may be embedded, which ReportLab then reads itself:
    importing fontTools costs a fresh process (a one-page print) about 0.2 s. None: anything
    unusual, and fontTools decides (and words the error) as before.
    """
    import struct

    try:
        with open(ref.path, "rb") as f:
            head = f.read(12)
            start = 0
            if head[:4] == b"ttcf":
                (count,) = struct.unpack(">I", head[8:12])
                if not 0 <= ref.face < count:
                    return None
                f.seek(12 + 4 * ref.face)
                (start,) = struct.unpack(">I", f.read(4))
                f.seek(start)
                head = f.read(12)
            elif ref.face:
                return None
            (tables,) = struct.unpack(">H", head[4:6])
            records = f.read(16 * tables)
            tags: dict[str, int] = {}
            for k in range(tables):
                tag, _sum, offset, _length = struct.unpack(">4sIII", records[16 * k:16 * k + 16])
                tags[tag.decode("latin-1")] = offset
            fs_type = 0
            if "OS/2" in tags:
                f.seek(tags["OS/2"] + 8)
                (fs_type,) = struct.unpack(">H", f.read(2))
    except (OSError, struct.error, UnicodeDecodeError):
        return None
    return frozenset(tags), fs_type


def _cmap_file(fid: str) -> Path:
    return default_cache_dir() / f"{fid}.cmap"


def _cached_cmap(fid: str) -> frozenset[int] | None:
    """A CFF face's characters as a former run found them (ranges `first last`, one a line)."""
    try:
        text = _cmap_file(fid).read_text(encoding="ascii")
        pairs = [line.split() for line in text.splitlines()]
        return frozenset(c for a, b in pairs for c in range(int(a), int(b) + 1))
    except (OSError, ValueError):
        return None


def _remember_cmap(fid: str, codepoints: frozenset[int]) -> None:
    """Best effort, like the converted subsets: without it the next run reads the font again."""
    lines, run = [], None
    for c in sorted(codepoints):
        if run is not None and c == run[1] + 1:
            run[1] = c
            continue
        if run is not None:
            lines.append(f"{run[0]} {run[1]}")
        run = [c, c]
    if run is not None:
        lines.append(f"{run[0]} {run[1]}")
    target = _cmap_file(fid)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f"{target.name}.{os.getpid()}.part")
        part.write_text("\n".join(lines) + "\n", encoding="ascii")
        os.replace(part, target)
    except OSError:
        pass


def _open_face(ref: FaceRef, fid: str) -> Face:
    label = f"{ref.path.name}" + (f"#{ref.face}" if ref.face else "")
    peek = _sfnt_peek(ref)
    if peek is not None and not (peek[1] & 0x0002 or peek[1] & 0x0200):
        if "glyf" in peek[0]:
            return _truetype_face(ref, fid, label)
        known = _cached_cmap(fid) if "CFF " in peek[0] and "CFF2" not in peek[0] else None
        if known is not None:
            return Face(ref, "cff", known, fid, None, label)
    from fontTools.ttLib import TTFont as FTFont
    from fontTools.ttLib import TTLibError

    try:
        ft = FTFont(str(ref.path), fontNumber=ref.face, lazy=True)
    except (OSError, TTLibError, AssertionError, IndexError) as exc:
        raise FontFileError(f"无法读取字体文件：{ref.path}（{exc}）") from exc
    with ft:
        is_cff = "CFF " in ft or "CFF2" in ft
        if "CFF2" in ft:
            raise FontFileError(f"暂不支持可变字体（CFF2）：{ref.path}")
        fs_type = ft["OS/2"].fsType if "OS/2" in ft else 0
        if fs_type & 0x0002 or fs_type & 0x0200:
            raise FontFileError(f"该字体的授权不允许嵌入PDF：{ref.path}")
        if is_cff:
            cmap = frozenset(ft.getBestCmap() or {})
            _remember_cmap(fid, cmap)
            return Face(ref, "cff", cmap, fid, None, label)
    return _truetype_face(ref, fid, label)


def _truetype_face(ref: FaceRef, fid: str, label: str) -> Face:
    name = f"XF-{fid}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            font = TTFont(name, str(ref.path), subfontIndex=ref.face, validate=0)
        except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
            raise FontFileError(f"无法使用字体文件：{ref.path}（{exc}）") from exc
        _register(font, fid)
    font = pdfmetrics.getFont(name)
    return Face(ref, "truetype", frozenset(font.face.charToGlyph), fid, name, label)


def _register(font: TTFont, unique: str) -> None:
    """Register a font under its own name, even if another file has the same PS name.

    ReportLab silently maps a second font whose PostScript name is already registered to
    the first one, so every subset converted from one Noto face (all named
    NotoSerifCJKsc-Regular) would print with the first subset's glyphs: \x00 and boxes.
    """
    taken = getattr(pdfmetrics, "_dynFaceNames", {})
    other = taken.get(font.face.name)
    if other is not None and other is not font:
        font.face.name = bytes(font.face.name) + b"-" + unique[:10].encode("ascii")
    pdfmetrics.registerFont(font)
    if pdfmetrics.getFont(font.fontName) is not font:
        raise FontFileError(f"字体注册冲突：{font.fontName}")


def _register_converted(path: Path) -> str:
    name = f"XFC-{path.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            font = TTFont(name, str(path), validate=0)
        except (TTFError, OSError) as exc:
            raise FontFileError(f"转换后的字体无法使用：{path}（{exc}）") from exc
        _register(font, path.stem.split("-")[-1])
    return name


# ------------------------------------------------------------------ the library

class FontLibrary:
    """The fonts of this computer plus the user's choices; keep one per program run."""

    def __init__(self, settings: FontSettings | None = None):
        self.settings = settings or FontSettings()
        self.cache_dir = self.settings.cache_dir or default_cache_dir()
        self._system = (SystemFonts(self.settings.font_dirs, self.settings.use_fontconfig)
                        if self.settings.system_fonts else None)
        self._chains: dict[str, list[FaceRef]] = {}
        self._found: dict[str, list[FaceRef]] = {}
        self._choice: dict[tuple[str, str], Face | None] = {}
        self._bad: set[FaceRef] = set()

    # -- chains

    def _override(self, role: str) -> list[FaceRef]:
        value = self.settings.overrides.get(role)
        if value is None:
            return []
        return [self._user_ref(_source(value), f"{ROLE_LABELS[role]}字体")]

    def _user_ref(self, src: FontSource, what: str) -> FaceRef:
        if not src.path.is_file():
            raise FontFileError(f"设置中指定的{what}文件不存在：{src.path}")
        face = src.face
        if face is None:
            face = chinese_face(src.path) if src.path.suffix.lower() in COLLECTION_SUFFIXES else 0
        ref = FaceRef(src.path, face)
        _load_face(ref)  # a broken user choice is reported, not skipped
        return ref

    def _system_refs(self, role: str) -> list[FaceRef]:
        if self._system is None:
            return []
        if role not in self._found:
            self._found[role] = [r for c in ROLE_CANDIDATES[role] for r in self._system.find(c)]
        return self._found[role]

    def chain(self, role: str) -> list[FaceRef]:
        """Every face tried for a role, best first (not yet checked for usability)."""
        if role not in ROLES:
            raise ValueError(f"未知的字体角色：{role}")
        if role not in self._chains:
            refs: list[FaceRef] = []
            for r in ROLE_FALLBACK_ORDER[role]:
                refs += self._override(r)
                refs += self._system_refs(r)
            refs += [self._user_ref(_source(v), "补充字体") for v in self.settings.extra_fonts]
            if self._system is not None:
                refs += [r for c in RARE_CHARACTER_FONTS for r in self._system.find(c)]
                refs += self._system.all_chinese()
            seen, unique = set(), []
            for ref in refs:
                key = (os.path.realpath(ref.path), ref.face)
                if key not in seen:
                    seen.add(key)
                    unique.append(ref)
            self._chains[role] = unique
        return self._chains[role]

    def faces(self, role: str) -> Iterable[Face]:
        """Usable faces of a role's chain, loaded lazily; unusable system fonts are skipped."""
        for ref in self.chain(role):
            if ref in self._bad:
                continue
            try:
                yield _load_face(ref)
            except FontFileError as exc:
                log.warning("跳过字体 %s：%s", ref.path, exc)
                self._bad.add(ref)

    def primary(self, role: str) -> Face:
        """The face a role prints with; raises NoCJKFontError when there is none."""
        for face in self.faces(role):
            if _CJK_PROBE in face.codepoints:
                return face
        raise NoCJKFontError(no_font_message())

    def face_for(self, role: str, ch: str) -> Face | None:
        """The first face of the role's chain that has ``ch`` (None: no font has it)."""
        key = (role, ch)
        if key not in self._choice:
            self._choice[key] = next((f for f in self.faces(role) if f.has(ch)), None)
        return self._choice[key]

    def missing_characters(self, text: str | Iterable[str]) -> list[str]:
        """Characters of ``text`` that no available font has, so the UI can ask first.

        Every chain holds every face (in different orders), so the answer does not
        depend on the role.
        """
        self.primary("body")
        chars = {c for c in text if c not in BLANKS and c.isprintable()}
        return sorted(c for c in chars if self.face_for("body", c) is None)

    def describe(self) -> dict[str, str]:
        """The font each role prints with, for the settings dialog (e.g. "simfang.ttf")."""
        out = {}
        for role in ROLES:
            try:
                out[role] = str(self.primary(role).ref.path)
            except NoCJKFontError:
                out[role] = ""
        return out

    def new_document(self) -> DocFonts:
        return DocFonts(self)


def no_font_message(platform: str = sys.platform) -> str:
    """Tell the clerk what to install, naming their own platform first."""
    key = platform if platform in INSTALL_HINTS else "linux"
    others = [v for k, v in INSTALL_HINTS.items() if k != key]
    return ("未找到可用的中文字体，无法生成PDF。" + INSTALL_HINTS[key] + "。"
            + "其他系统：" + "；".join(others) + "。也可以在“设置—字体”中指定字体文件（.ttf/.ttc/.otf）。")


# ------------------------------------------------------------------ one document

class DocFonts:
    """The fonts of one document: declare text with :meth:`need`, then :meth:`resolve`.

    After resolving, :meth:`font_for` and :meth:`advance` answer per character, fallback
    fonts included, so layout measures exactly what will be drawn.
    """

    def __init__(self, library: FontLibrary):
        self.library = library
        self._needs: dict[str, set[str]] = {}
        self._font: dict[str, dict[str, str | None]] = {}
        self._adv: dict[str, dict[str, float]] = {}
        self._converted: dict[str, str] = {}      # face font_id → registered name
        self._primary: dict[str, str] = {}
        self.missing: tuple[str, ...] = ()
        self.resolved = False

    def need(self, role: str, text: str) -> None:
        if role not in ROLES:
            raise ValueError(f"未知的字体角色：{role}")
        if self.resolved:
            missing = {c for c in text if c not in self._font.get(role, {})} - BLANKS
            if missing:
                raise RuntimeError(f"内部错误：文字在字体解析之后才登记：{''.join(sorted(missing))}")
            return
        self._needs.setdefault(role, set()).update(text)

    def declared_text(self) -> str:
        """Every character declared so far, for :meth:`FontLibrary.missing_characters`."""
        return "".join(sorted(set().union(*self._needs.values()))) if self._needs else ""

    def resolve(self, accept_missing: bool = False) -> None:
        """Choose a face for every declared character; convert CFF faces as needed.

        Raises NoCJKFontError if there is no Chinese font, MissingGlyphsError if some
        characters are in no font and ``accept_missing`` is false.
        """
        lib = self.library
        needs = {r: {c for c in chars if c.isprintable() and c not in "\n\r"}
                 for r, chars in self._needs.items()}
        needs.setdefault("body", set())
        for role in needs:
            lib.primary(role)
        choice: dict[str, dict[str, Face | None]] = {}
        per_cff: dict[str, tuple[Face, set[str]]] = {}
        missing: set[str] = set()
        for role, chars in needs.items():
            primary = lib.primary(role)
            chars = chars | {" "} if primary.has(" ") else chars
            picked = choice[role] = {}
            for c in chars - (BLANKS - {" "}):
                face = lib.face_for(role, c)
                picked[c] = face
                if face is None:
                    if c != " ":
                        missing.add(c)
                elif face.kind == "cff":
                    per_cff.setdefault(face.font_id, (face, set()))[1].add(c)
            if primary.kind == "cff":   # the primary must be usable even with no text
                per_cff.setdefault(primary.font_id, (primary, set()))[1].add("中")
        if missing and not accept_missing:
            raise MissingGlyphsError(missing)
        self.missing = tuple(sorted(missing))
        for fid, (face, chars) in per_cff.items():
            path = cffconvert.cached_subset(face.ref.path, face.ref.face, chars, lib.cache_dir)
            self._converted[fid] = _register_converted(path)
        for role, picked in choice.items():
            fonts = self._font[role] = {}
            adv = self._adv[role] = {}
            for c, face in picked.items():
                name = self._rl_name(face) if face else None
                fonts[c] = name
                adv[c] = _advance(name, c) if name else 1.0
            fonts[" "] = None
            adv[" "] = adv.get(" ", 0.33) if picked.get(" ") else 0.33
            fonts["\xa0"], adv["\xa0"] = None, adv[" "]
            fonts["\u3000"], adv["\u3000"] = None, 1.0
            fonts["\t"], adv["\t"] = None, 2.0
            self._primary[role] = self._rl_name(lib.primary(role))
        self.resolved = True

    def _rl_name(self, face: Face) -> str:
        if face.kind == "truetype":
            assert face.rl_name is not None  # the loader names every TrueType face
            return face.rl_name
        return self._converted[face.font_id]

    # -- queries used by layout and drawing

    def font_for(self, role: str, ch: str) -> str | None:
        """ReportLab font name for a character; None for blanks and missing characters."""
        return self._font[role][ch]

    def advance(self, role: str, ch: str) -> float:
        """Advance width in em (1.0 for an ideograph); missing characters get a full em."""
        return self._adv[role][ch]

    def advances(self, role: str) -> dict[str, float]:
        """The whole advance table of a role, for fast measuring loops."""
        return self._adv[role]

    def fonts(self, role: str) -> dict[str, str | None]:
        return self._font[role]

    def is_missing(self, role: str, ch: str) -> bool:
        return self._font[role].get(ch) is None and ch not in BLANKS

    def primary_font(self, role: str = "body") -> str:
        """The role's main ReportLab font name (for initialFontName and the like)."""
        return self._primary[role]

    def font_names(self) -> set[str]:
        return {n for fonts in self._font.values() for n in fonts.values() if n}


def _advance(font_name: str, ch: str) -> float:
    face = pdfmetrics.getFont(font_name).face
    return face.charWidths.get(ord(ch), face.defaultWidth) / 1000.0
