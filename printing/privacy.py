"""Mask ID numbers and mobile numbers typed into free text of internal documents.

Ballots, minutes and pledge letters are not wall notices, but they are handed around and
filed; the campaign's rule is that no printout shows a member's 公民身份证号 or private
mobile number. Their dataclasses have no field for either, and free text (a pledge item,
a 问题 paragraph) is masked here — 138****5678 — rather than refused, because the clerk
cannot easily change a pledge that was already approved.
"""
from __future__ import annotations

import re

_FULLWIDTH = str.maketrans("０１２３４５６７８９ｘＸ－", "0123456789xX-")
_SEP = r"[ \-]?"
# 18-digit ID (last may be X), old 15-digit ID, mainland mobile; digits may be grouped.
_ID_18 = re.compile(r"(?<![0-9])[1-9](?:" + _SEP + r"[0-9]){16}" + _SEP + r"[0-9Xx](?![0-9Xx])")
_ID_15 = re.compile(r"(?<![0-9])[1-9](?:" + _SEP + r"[0-9]){14}(?![0-9Xx])")
_MOBILE = re.compile(r"(?<![0-9])1" + _SEP + r"[3-9](?:" + _SEP + r"[0-9]){9}(?![0-9])")


def _mask(match: re.Match[str], keep_head: int, keep_tail: int) -> str:
    raw = match.group(0)
    digits = [i for i, c in enumerate(raw) if c.isalnum()]
    keep = set(digits[:keep_head] + digits[len(digits) - keep_tail:])
    return "".join(c if (i in keep or not c.isalnum()) else "*" for i, c in enumerate(raw))


def mask_private(text: str) -> str:
    """The text with ID numbers (4+2 digits kept) and mobiles (3+4 kept) starred out."""
    if not text:
        return text
    plain = text.translate(_FULLWIDTH)     # same length: positions still match
    out = list(text)
    for pattern, head, tail in ((_ID_18, 4, 2), (_ID_15, 4, 2), (_MOBILE, 3, 4)):
        for m in pattern.finditer(plain):
            masked = _mask(m, head, tail)
            out[m.start():m.end()] = list(masked)
            plain = plain[:m.start()] + masked + plain[m.end():]
    return "".join(out)


__all__ = ["mask_private"]
