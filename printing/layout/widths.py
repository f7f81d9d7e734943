"""Column widths from the content of a table, not from fixed shares.

Fixed shares made the A4 portrait pledge board's 完成时限 column break 2026年10月30日 / 前
and the landscape board's post column break 农牧渔业生产人 / 员. The planner works like a
browser's automatic table layout: every column first gets the width of its longest run
that must not be broken (a date, a name, a phone number, a post between 、), then the rest
of the table's width goes to the columns in proportion to how much more their longest
text would need to stand on one line. Once every text fits, what is left follows the
document's own weights (room to write 践诺情况 by hand).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from printing.typeset.linebreak import clean_text, split_units

EPS = 1e-6

#: A deadline or date read as one word: 2026年6月前, 2026年12月底前, 10月30日, 长期坚持 is prose.
DATE_RUN = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底前|以前|前|底|止|中旬|上旬|下旬)?"
    r"|\d{4}年(?:底前|以前|前|底)?")
#: The smallest size a name shrinks to, on every printout (7 pt still reads on a wall).
NAME_FLOOR = 7.0
#: A column may give up this part of its width so that a name column widens first.
DONOR_SHARE = 0.25
#: No single run may claim more than this share of the table (a 40-character word).
RUN_CAP = 0.4


@dataclass(frozen=True)
class ColumnNeed:
    """What one column asks for, in points, padding included."""

    least: float        # its longest unbreakable run
    most: float         # its longest text on one line
    weight: float = 1.0  # its share of what is left once every text fits
    floor: float | None = None  # when even the runs do not fit: how far it may give way
                                # (a name shrunk to NAME_FLOOR, a post wrapped inside a word)


def _width(text: str, adv: Mapping[str, float], size: float) -> float:
    return sum(adv[c] for c in text) * size


def unbreakable_runs(text: str, adv: Mapping[str, float], size: float,
                     breaks: str = "", whole: bool = False) -> list[float]:
    """Widths of the pieces of ``text`` a good layout keeps on one line.

    ``whole``: the text is one piece (a name). ``breaks``: the text is a list whose items
    (cut after these characters) stay whole, as posts do. Otherwise the pieces are the
    line breaker's own units — Latin and digit runs, 3000元, …… — with dates joined.
    """
    text = clean_text(text)
    out: list[float] = []
    for part in text.split("\n"):
        if whole:
            out.append(_width(part, adv, size))
            continue
        if breaks:
            piece = ""
            for c in part:
                piece += c
                if c in breaks:
                    out.append(_width(piece, adv, size))
                    piece = ""
            if piece:
                out.append(_width(piece, adv, size))
            continue
        out += [_width(m.group(0), adv, size) for m in DATE_RUN.finditer(part)]
        units = split_units(part, adv, size)
        for i, u in enumerate(units):
            w = u.width
            # a unit glued to the one before (2026年, 第3) is one run with it
            if u.glue and i:
                w += units[i - 1].width
            out.append(w)
    return out


def plan_widths(needs: Sequence[ColumnNeed], width: float) -> list[float]:
    """Widths summing to ``width``: every column its least, the rest by need, then weight."""
    if not needs:
        return []
    cap = RUN_CAP * width
    least = [min(n.least, cap) for n in needs]
    most = [max(n.most, lo) for n, lo in zip(needs, least, strict=True)]
    if sum(least) >= width - EPS:
        # not even the runs fit: each gives way towards its floor, in proportion to how
        # far it can (a name shrinks a little, a long post wraps inside a word)
        floor = [min(lo, n.floor if n.floor is not None else lo)
                 for n, lo in zip(needs, least, strict=True)]
        give = [lo - f for lo, f in zip(least, floor, strict=True)]
        deficit = sum(least) - width
        if sum(give) > deficit + EPS:
            return [lo - deficit * g / sum(give) for lo, g in zip(least, give, strict=True)]
        total = sum(floor) or 1.0
        return [width * f / total for f in floor]
    if sum(most) <= width + EPS:
        rest = width - sum(most)
        weights = [n.weight for n in needs]
        total = sum(weights) or 1.0
        return [m + rest * w / total for m, w in zip(most, weights, strict=True)]
    rest = width - sum(least)
    extra = [m - lo for m, lo in zip(most, least, strict=True)]
    total = sum(extra)
    return [lo + rest * e / total for lo, e in zip(least, extra, strict=True)]


def widen_for(widths: Sequence[float], needs: Mapping[int, float],
              keep: Sequence[float]) -> list[float]:
    """``widths`` with the columns in ``needs`` widened towards their need, taken from
    the others: each gives up at most DONOR_SHARE of its width and never goes below its
    ``keep`` (its header and text on one line: tick columns stay pen-wide).
    """
    out = list(widths)
    spare = {j: max(0.0, min(DONOR_SHARE * w, w - keep[j])) for j, w in enumerate(widths)
             if j not in needs}
    for i, need in needs.items():
        total = sum(spare.values())
        take = min(need - out[i], total)
        if take <= EPS:
            continue
        for j, room in spare.items():
            out[j] -= take * room / total
            spare[j] = room - take * room / total
        out[i] += take
    return out


__all__ = ["NAME_FLOOR", "ColumnNeed", "plan_widths", "unbreakable_runs", "widen_for"]
