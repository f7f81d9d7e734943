"""What the frozen program leaves out: Qt parts this program never loads.

PyInstaller's PySide6 hooks collect generously. The program uses widgets, printing and the
PDF viewer, not QML/Quick, not software OpenGL (opengl32sw.dll, ~20 MB on Windows), and only
Qt's Chinese translation. Each rule is a reason, so a later Qt can be checked against it;
the smoke run (packaging/smoke.py) proves nothing needed went with them.
"""
from __future__ import annotations

import re

KEEP_TRANSLATIONS = ("qtbase_zh_CN.qm",)

# Plugin folders the program uses: windows/xcb/wayland/offscreen platforms, print support,
# image formats (the manual's pictures, the icon), styles, svg icons, input contexts (Chinese
# input on Linux), platform themes (native dialogs). Not `tls`: the program never opens a
# network connection, so Qt's TLS backends (and the OpenSSL/GnuTLS they load) are dead weight.
KEEP_PLUGINS = ("platforms", "platformthemes", "platforminputcontexts", "printsupport", "imageformats",
                "iconengines", "styles", "wayland-decoration-client", "wayland-graphics-integration-client",
                "wayland-shell-integration", "xcbglintegrations", "egldeviceintegrations", "generic")

_DEAD = (
    re.compile(r"(^|[/\\])qml([/\\]|$)", re.I),  # QML modules: no Quick UI
    re.compile(r"opengl32sw\.dll$", re.I),  # software OpenGL: widgets draw without it
    re.compile(r"(^|[/\\])Qt6?(Quick|Qml|VirtualKeyboard)\w*\.(dll|so[.\d]*)$", re.I),
    re.compile(r"(^|[/\\])libQt6(Quick|Qml|VirtualKeyboard)\w*\.so[.\d]*$", re.I),
    # Pillow's AVIF codec (~5 MB): no picture of the program is AVIF; its plugin sets
    # SUPPORTED = False when `_avif` cannot be imported, as Pillow builds without it do
    re.compile(r"(^|[/\\])(PIL[/\\]_avif\.[\w.-]+\.(so|pyd)|pillow\.libs[/\\]libavif[\w.-]*\.so[.\d]*)$", re.I),
)
# Linux: the GTK platform theme plugin drags in GTK, cairo and pango (~10 MB) only to draw
# GTK-looking dialogs; Qt's own (Fusion) dialogs serve the clerk as well.
_GTK = re.compile(r"(libqgtk3\.so|(^|[/\\])lib(gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|cairo|"
                  r"cairo-gobject|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0|pixman-1|thai|datrie|epoxy|"
                  r"atspi)\.so[.\d]*)$")
_TRANSLATION = re.compile(r"(^|[/\\])translations[/\\][^/\\]+\.qm$", re.I)
_PLUGIN = re.compile(r"(^|[/\\])plugins[/\\]([^/\\]+)[/\\]", re.I)


def is_dead(dest: str) -> bool:
    """True for a file (its path inside the built folder) the program never loads."""
    if any(rule.search(dest) for rule in _DEAD) or _GTK.search(dest):
        return True
    if _TRANSLATION.search(dest):
        return not dest.replace("\\", "/").endswith(KEEP_TRANSLATIONS)
    plugin = _PLUGIN.search(dest)
    return bool(plugin) and plugin.group(2) not in KEEP_PLUGINS


def keep(entries: list) -> list:
    """PyInstaller's TOC (dest, source, kind) without the dead weight."""
    return [entry for entry in entries if not is_dead(entry[0])]
