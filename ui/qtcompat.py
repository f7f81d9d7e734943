"""Work-arounds for the Qt binding, applied once by the window's entry (`ui.app`) and the tests.

The PySide6 6.12 bug guarded against here:

PySide6 6.12.0 on CPython 3.11 releases one reference to None on every call of a Qt method
that returns nothing (setText, setItem, setToolTip …). None's count on 3.11 is an ordinary
number, so after some thousands of such calls it reaches zero and the interpreter aborts
("none_dealloc") — a clerk would lose the window mid-session. CPython 3.12 made None
immortal, which hides the bug; on older interpreters we give None a count so large that no
session can exhaust it, which is what 3.12 does. The same release drops references to True
as well: emitting a model's layoutAboutToBeChanged/layoutChanged (every click on a column
header sorts that way) costs True one reference each, so True and False get the same guard.
"""
from __future__ import annotations

import sys


def guard_singletons() -> None:
    """Call before the first Qt call of the process; a no-op where CPython already protects them."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is PyObject's first field
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40

