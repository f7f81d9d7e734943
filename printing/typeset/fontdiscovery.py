"""Find font files on this computer for the candidates in :mod:`printing.typeset.fontcatalog`.

File names are matched in the platform's font folders (Windows also has per-user fonts,
where offices often install 方正小标宋); fontconfig, when present, adds fonts by family
name wherever they live. Nothing here opens a font for printing; it only answers
"which file and which face inside it".
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from printing.typeset.fontcatalog import Candidate

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
COLLECTION_SUFFIXES = (".ttc", ".otc")


@dataclass(frozen=True)
class FaceRef:
    """A face in a font file: the unit a font chain is made of."""

    path: Path
    face: int = 0


def font_dirs(platform: str = sys.platform) -> list[Path]:
    """The folders where this platform keeps fonts, system first."""
    home = Path.home()
    if platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts",
            home / ".fonts"]


def _walk(dirs: Iterable[Path]) -> dict[str, list[Path]]:
    index: dict[str, list[Path]] = {}
    for root in dirs:
        if not root.is_dir():
            continue
        for dirpath, _dirnames, filenames in os.walk(root):
            for name in filenames:
                if name.lower().endswith(FONT_SUFFIXES):
                    index.setdefault(name.lower(), []).append(Path(dirpath) / name)
    for paths in index.values():
        paths.sort()
    return index


@dataclass(frozen=True)
class FcFace:
    ref: FaceRef
    families: tuple[str, ...]
    styles: tuple[str, ...]


def _fontconfig_faces() -> list[FcFace]:
    """Chinese-capable faces fontconfig knows, or nothing when it is absent or fails."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run(
            [exe, "--format", "%{file}\t%{index}\t%{family}\t%{style}\n", ":lang=zh"],
            capture_output=True, timeout=10, check=False,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0].lower().endswith(FONT_SUFFIXES):
            continue
        try:
            index = int(parts[1] or 0)
        except ValueError:
            continue
        if index >> 16:  # named instances of variable fonts: use the default
            continue
        faces.append(FcFace(FaceRef(Path(parts[0]), index),
                            tuple(s.strip() for s in parts[2].split(",") if s.strip()),
                            tuple(s.strip() for s in parts[3].split(",") if s.strip())))
    faces.sort(key=lambda f: (str(f.ref.path), f.ref.face))
    return faces


Names = tuple[tuple[frozenset[str], frozenset[str]], ...]
_KNOWN_NAMES: dict[str, list] | None = None  # face-names.json in the font cache, read once a process
_KNOWN_LIMIT = 2000


def _names_file() -> Path:
    from printing.typeset.fonts import default_cache_dir

    return default_cache_dir() / "face-names.json"


def _known() -> dict[str, list]:
    global _KNOWN_NAMES
    if _KNOWN_NAMES is None:
        import json

        try:
            loaded = json.loads(_names_file().read_text(encoding="utf-8"))
            _KNOWN_NAMES = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            _KNOWN_NAMES = {}
    return _KNOWN_NAMES


def _remember(key: str, names: Names) -> None:
    """Best effort: a read-only or full cache folder only means reading the fonts again."""
    import json

    known = _known()
    known[key] = [[sorted(fam), sorted(sty)] for fam, sty in names]
    while len(known) > _KNOWN_LIMIT:
        known.pop(next(iter(known)))
    target = _names_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(f"{target.name}.{os.getpid()}.part")
        part.write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
        os.replace(part, target)
    except OSError:
        pass


@functools.lru_cache(maxsize=256)
def _face_names(path: Path, mtime_ns: int) -> Names:
    """(families, styles) of every face in a file, lower-cased; empty if unreadable.

    Kept in the font cache by path and modification time: reading a collection's name tables
    loads fontTools, a quarter of a one-page print's time in a fresh process (issue 17).
    """
    key = f"{path}|{mtime_ns}"
    hit = _known().get(key)
    if isinstance(hit, list):
        try:
            return tuple((frozenset(fam), frozenset(sty)) for fam, sty in hit)
        except (TypeError, ValueError):
            pass
    names = _read_face_names(path)
    if names:
        _remember(key, names)
    return names


def _read_face_names(path: Path) -> Names:
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    def names(font: TTFont) -> tuple[frozenset[str], frozenset[str]]:
        table = font["name"]
        fam, sty = set(), set()
        for rec in table.names:
            try:
                text = rec.toUnicode().strip().lower()
            except (UnicodeDecodeError, ValueError):
                continue
            if rec.nameID in (1, 16):
                fam.add(text)
            elif rec.nameID in (2, 17):
                sty.add(text)
        return frozenset(fam), frozenset(sty)

    try:
        if path.suffix.lower() in COLLECTION_SUFFIXES:
            with TTCollection(str(path), lazy=True) as coll:
                return tuple(names(f) for f in coll.fonts)
        with TTFont(str(path), lazy=True) as font:
            return (names(font),)
    except (OSError, TTLibError, KeyError, AssertionError, ValueError, IndexError):
        return ()


def face_names(path: Path) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Family and style names per face; cached by modification time."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return ()
    return _face_names(path, mtime)


_SIMPLIFIED_MARKS = (" sc", "sc ", " cn", " gb", "简", "simplified", "sc-", "gb2312", "gbk")
_OTHER_MARKS = (" jp", " kr", " tc", " hk", "繁", " tw")


def chinese_face(path: Path) -> int:
    """The face of a collection meant for Simplified Chinese (Noto CJK's is not face 0)."""
    faces = face_names(path)
    best, best_score = 0, -1
    for i, (families, _styles) in enumerate(faces):
        text = " " + " ".join(sorted(families)) + " "
        score = 2 if any(m in text for m in _SIMPLIFIED_MARKS) else 1
        if any(m in text for m in _OTHER_MARKS) and score < 2:
            score = 0
        if score > best_score:
            best, best_score = i, score
    return best


def _style_ok(candidate: Candidate, styles: Iterable[str]) -> bool:
    if candidate.style is None:
        return True
    want = candidate.style.lower()
    styles = {s.lower() for s in styles}
    if want == "regular":
        return bool(styles & {"regular", "book", "normal", "roman", "light"}) or not styles
    return want in styles


def _faces_in_file(path: Path, candidate: Candidate) -> list[int]:
    if candidate.face is not None:
        return [candidate.face]
    if path.suffix.lower() not in COLLECTION_SUFFIXES:
        return [0]
    wanted = {f.lower() for f in candidate.families}
    faces = face_names(path)
    hits = [i for i, (fam, sty) in enumerate(faces)
            if (not wanted or fam & wanted) and _style_ok(candidate, sty)]
    if hits:
        return hits[:1]
    return [chinese_face(path)] if not wanted else []


class SystemFonts:
    """An index of the fonts installed here, built once and queried per candidate."""

    def __init__(self, dirs: Iterable[Path] | None = None, use_fontconfig: bool = True):
        self._dirs = list(dirs) if dirs is not None else font_dirs()
        self._use_fc = use_fontconfig and sys.platform not in ("win32",)

    @functools.cached_property
    def files(self) -> dict[str, list[Path]]:
        return _walk(self._dirs)

    @functools.cached_property
    def fontconfig(self) -> list[FcFace]:
        return _fontconfig_faces() if self._use_fc else []

    def find(self, candidate: Candidate) -> list[FaceRef]:
        """Faces matching a candidate: by file name first, then by fontconfig family."""
        found: list[FaceRef] = []
        for name in candidate.files:
            for path in self.files.get(name.lower(), ()):
                found += [FaceRef(path, i) for i in _faces_in_file(path, candidate)]
        if candidate.families and self.fontconfig:
            wanted = {f.lower() for f in candidate.families}
            for fc in self.fontconfig:
                if {f.lower() for f in fc.families} & wanted and _style_ok(candidate, fc.styles):
                    found.append(fc.ref)
        return _dedupe(found)

    def all_chinese(self) -> list[FaceRef]:
        """Every Chinese-capable face fontconfig reports: the last resort of every chain."""
        return _dedupe(fc.ref for fc in self.fontconfig)


def _dedupe(refs: Iterable[FaceRef]) -> list[FaceRef]:
    seen: set[tuple[str, int]] = set()
    out = []
    for ref in refs:
        try:
            key = (os.path.realpath(ref.path), ref.face)
        except OSError:
            key = (str(ref.path), ref.face)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out
