"""One :class:`FontLibrary` per distinct settings, so repeated prints skip font discovery."""
from __future__ import annotations

import threading

from printing.typeset.fonts import FontLibrary, FontSettings

_LOCK = threading.Lock()
_LIBRARIES: dict[str, FontLibrary] = {}


def get_library(settings: FontSettings | None = None) -> FontLibrary:
    """The shared library for these settings (settings hold a dict, so key on repr)."""
    settings = settings or FontSettings()
    key = repr(settings)
    with _LOCK:
        lib = _LIBRARIES.get(key)
        if lib is None:
            lib = _LIBRARIES[key] = FontLibrary(settings)
        return lib


def clear_libraries() -> None:
    """Forget cached libraries (after the user installs a font or changes settings)."""
    with _LOCK:
        _LIBRARIES.clear()
