"""Chinese line breaking with 禁则 (kinsoku), independent of PDF and fonts.

Rules (docs/printing.md, "Line breaking"):

1. a line may break between any two CJK characters; runs of Latin letters and digits
   (phone numbers, years, 500米) stay whole unless longer than a line;
2. no line starts with a closing or pausing mark (:data:`NO_START`);
3. no line ends with an opening mark or currency sign (:data:`NO_END`); …… and —— are
   never split;
4. a violation is fixed by pushing the previous character down to the next line, never
   by letting a character hang past the edge;
5. a paragraph never ends with a line of one or two characters (孤字): the line above
   gives up characters until the last line holds :data:`ORPHAN_MIN`, when it can;
6. a line that would be spaced more than :data:`MAX_TRACK` per gap (the line before a
   phone number or a date) first pulls the next characters up by compressing its
   punctuation (:data:`SQUEEZABLE`, up to half an em each), then breaks a date between
   month and day (3月 / 21日); the drawing spreads what is left, or squeezes;
7. justification and indentation are left to the caller through :class:`Line`.

Widths come from a per-character table in em (fallback fonts included), times the size.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

NO_START = frozenset(
    "，。、；：！？）》」』】〕〉〗］｝”’…—·～%％‰℃°／" ",.;:!?)]}/"
)
NO_END = frozenset("（《「『【〔〈〖［｛“‘￥$#@([{＄＃")
NEVER_SPLIT = frozenset("…—")           # …… and —— are one unit
BREAKABLE_SPACES = frozenset(" \t")       # dropped at a line end or start

# A number followed by one of these stays on its line with it (500米, 2026年, 3户).
MEASURE_WORDS = frozenset("年月日号时分秒米元角万亿千百户人次个项件名台辆吨亩斤里天周岁期批场家所座条处"
                          "余多倍份册本篇届位")
JOINERS = frozenset("-._/:+@&'#")   # inside a Latin run: 0371-1234, a.b@c.cn

EPS = 1e-6
#: the most extra space between two characters a justified line should need, in em
MAX_TRACK = 0.2
#: full-width marks whose blank half may be taken away to fit a line (not at its end)
SQUEEZABLE = frozenset("，。、；：？！）》」』】”’")
SQUEEZE = 0.5
#: the fewest characters a paragraph's last line may hold when the line above can spare them
ORPHAN_MIN = 3

_KEEP = frozenset("\n\t\u3000\xa0")


def clean_text(text: str) -> str:
    """What may reach layout: NFC, \n line ends, no control or zero-width characters.

    Text arrives from Excel and WPS with \r\n, zero-width spaces and odd spaces; none of
    them has a glyph, and measuring them would fail or print boxes.
    """
    import unicodedata

    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = []
    for c in text:
        if c.isprintable() or c in _KEEP:
            out.append(c)
        elif unicodedata.category(c) == "Zs":
            out.append(" ")
        elif c in "\u2028\u2029":
            out.append("\n")
    return "".join(out)

CHAR, LATIN, SPACE = 0, 1, 2


def is_latin(c: str) -> bool:
    """Letters and digits that form unbreakable words (ASCII, full-width, Greek …)."""
    o = ord(c)
    if o < 0x80:
        return c.isalnum()
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return True
    return o < 0x2E80 and c.isalpha()


@dataclass(slots=True)
class Unit:
    text: str
    width: float
    kind: int
    glue: bool = False      # no break before this unit, beyond the kinsoku sets
    soft: bool = False      # …unless the line would be too loose (21 in 3月21日)


@dataclass(slots=True)
class Line:
    """One laid-out line: ``x`` is its indent, ``avail`` the width from there to the edge."""

    text: str
    width: float
    x: float
    avail: float
    last: bool              # a paragraph's last line (or before a hard break): not justified


def split_units(text: str, adv: Mapping[str, float], size: float) -> list[Unit]:
    """Cut text into the smallest pieces a line may break between."""
    units: list[Unit] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in BREAKABLE_SPACES:
            units.append(Unit(c, adv[c] * size, SPACE))
            i += 1
            continue
        if is_latin(c):
            j = i + 1
            while j < n:
                d = text[j]
                if is_latin(d):
                    j += 1
                elif d in JOINERS and j + 1 < n and is_latin(text[j + 1]):
                    j += 2
                else:
                    break
            word = text[i:j]
            # 第3, and month with day: 3月7日 (a number after a glued 月); a break after
            # 2026年 stays possible, or whole dates would leave wide gaps behind them
            glue = bool(units) and word[0].isdigit() and (
                units[-1].text == "第" or (units[-1].text == "月" and units[-1].glue))
            units.append(Unit(word, sum(adv[ch] for ch in word) * size, LATIN, glue,
                              glue and units[-1].text == "月"))
            i = j
            continue
        if c in NEVER_SPLIT:
            j = i + 1
            while j < n and text[j] == c:
                j += 1
        else:
            j = i + 1
        piece = text[i:j]
        glue = (bool(units) and units[-1].kind == LATIN and units[-1].text[-1].isdigit()
                and c in MEASURE_WORDS)
        units.append(Unit(piece, sum(adv[ch] for ch in piece) * size, CHAR, glue))
        i = j
    return units


def _can_break(units: list[Unit], b: int, soft: bool = False) -> bool:
    """May a line end before units[b]? ``soft``: also between a date's month and day."""
    after, before = units[b], units[b - 1]
    if after.kind == SPACE or before.kind == SPACE:
        return True
    glued = after.glue and not (soft and after.soft)
    return not (glued or after.text[0] in NO_START or before.text[-1] in NO_END)


def squeeze_room(text: str, adv: Mapping[str, float], size: float) -> float:
    """How much narrower ``text`` may be drawn: half of each full-width mark but the last."""
    return sum(min(SQUEEZE, adv[c]) for c in text[:-1] if c in SQUEEZABLE) * size


def _tighten(units: list[Unit], start: int, b: int, avail: float, adv: Mapping[str, float],
             size: float) -> int:
    """A later end for a line [start, b) that would be spaced too loosely, or ``b``."""
    line = units[start:b]
    width = sum(u.width for u in line)
    n = _chars(line)
    if b >= len(units) or n < 2 or (avail - width) / (n - 1) <= MAX_TRACK * size + EPS:
        return b
    best, text = b, "".join(u.text for u in line)
    for e in range(b, len(units)):
        u = units[e]
        if u.kind == SPACE:
            break
        width += u.width
        text += u.text
        if width > avail + squeeze_room(text, adv, size) + EPS:
            break
        if e + 1 == len(units) or _can_break(units, e + 1, soft=True):
            best = e + 1
    return best


def _hard_split(units: list[Unit], i: int, room: float, adv: Mapping[str, float],
                size: float) -> bool:
    """Split a too-long unit so its head fills ``room``; False if not even one char fits."""
    u = units[i]
    used, k = 0.0, 0
    for k in range(len(u.text)):
        w = adv[u.text[k]] * size
        if used + w > room + EPS:
            break
        used += w
    else:
        return False
    if k == 0:
        return False
    head, tail = u.text[:k], u.text[k:]
    units[i:i + 1] = [Unit(head, used, u.kind, u.glue), Unit(tail, u.width - used, u.kind)]
    return True


def break_paragraph(text: str, adv: Mapping[str, float], size: float, width: float,
                    first_indent: float = 0.0, indent: float = 0.0) -> list[Line]:
    """Lay out one paragraph; ``\\n`` forces a break. Indents are in points.

    ``first_indent`` applies to the first line, ``indent`` to the others; both are
    measured from the left edge of a ``width``-wide area.
    """
    lines: list[Line] = []
    pieces = text.split("\n")
    for p_index, piece in enumerate(pieces):
        first = p_index == 0
        part = _break_units(split_units(piece, adv, size), adv, size,
                            width - (first_indent if first else indent), width - indent,
                            first_indent if first else indent, indent)
        lines.extend(part)
    return lines


def _break_units(units: list[Unit], adv: Mapping[str, float], size: float,
                 first_avail: float, avail_rest: float, first_x: float,
                 rest_x: float) -> list[Line]:
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        if spans and units[i].kind == SPACE:
            i += 1
            continue
        avail = first_avail if not spans else avail_rest
        start, x = i, 0.0
        while i < len(units) and x + units[i].width <= avail + EPS:
            x += units[i].width
            i += 1
        if i == len(units):
            spans.append((start, i))
            break
        u = units[i]
        if u.kind == SPACE:
            spans.append((start, i))
            i += 1
            continue
        if u.width > avail_rest + EPS and _hard_split(units, i, avail - x, adv, size):
            i = start               # a run longer than a line: fill this line with its head
            continue
        b = i
        while b > start and not _can_break(units, b):
            b -= 1                  # push the offending character(s) down
        if b == start:
            if i == start:          # one unit wider than the line on its own
                if not _hard_split(units, i, avail, adv, size):
                    # not even one character fits: give it a line of its own
                    spans.append((start, start + 1))
                    i = start + 1
                continue
            prev = units[i - 1]
            if prev.glue and i - 2 >= start and units[i - 2].kind == LATIN and len(units[i - 2].text) > 1:
                prev = units[i - 2]     # a run glued to 年 filling the line, then ……
                i -= 1
            if prev.kind == LATIN and len(prev.text) > 1:
                # e.g. a phone number filling the line, then "，": push its last digit down
                cut = prev.text[-1]
                w = adv[cut] * size
                units[i - 1:i] = [Unit(prev.text[:-1], prev.width - w, LATIN, prev.glue),
                                  Unit(cut, w, LATIN)]
                i = start
                continue
            b = i                   # no legal break at all: break rather than overflow
        b = _tighten(units, start, b, avail, adv, size)
        spans.append((start, b))
        i = b
    if not spans:
        spans.append((0, 0))
    _no_orphan(units, spans, avail_rest)
    out = []
    for k, (s, e) in enumerate(spans):
        while e > s and units[e - 1].kind == SPACE:
            e -= 1
        chunk = units[s:e]
        out.append(Line("".join(u.text for u in chunk), sum(u.width for u in chunk),
                        first_x if k == 0 else rest_x,
                        first_avail if k == 0 else avail_rest, k == len(spans) - 1))
    return out


def _chars(units: list[Unit]) -> int:
    return sum(len(u.text) for u in units if u.kind != SPACE)


def _no_orphan(units: list[Unit], spans: list[tuple[int, int]], avail: float) -> None:
    """Move the last break back until the last line holds ORPHAN_MIN characters.

    A cell ending in 前 or 座 alone reads as a mistake; taking a character or two from a
    long line above costs a little spacing there instead. Only legal breaks are used, the
    line above keeps at least ORPHAN_MIN characters and 60 % of its width, and the last
    line must still fit.
    """
    if len(spans) < 2:
        return
    (ps, pe), (ls, le) = spans[-2], spans[-1]
    if le == ls or _chars(units[ls:le]) >= ORPHAN_MIN:
        return
    if any(u.kind != SPACE for u in units[pe:ls]):
        return
    for b in range(pe - 1, ps, -1):
        first = b
        while first < le and units[first].kind == SPACE:
            first += 1
        end = b
        while end > ps and units[end - 1].kind == SPACE:
            end -= 1
        if sum(u.width for u in units[first:le]) > avail + EPS:
            return
        kept = units[ps:end]
        if _chars(kept) < ORPHAN_MIN or sum(u.width for u in kept) < 0.6 * avail:
            return
        if _can_break(units, b) and _chars(units[first:le]) >= ORPHAN_MIN:
            spans[-2:] = [(ps, b), (first, le)]
            return
