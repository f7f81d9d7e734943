"""Turning one row's cells into member fields: coded values through the vocabulary, invisible
characters removed, and a tally of every spelling mapped (dates: `members.validate`).

Kept apart from `roster_import` (which decides new / update / skip / reject) so the rules of
reading a value live in one place for the window, the command line and the tests.
"""
from __future__ import annotations

from typing import Any

from models.exchange import vocabulary
from models.exchange.import_plan import ValueMapping, cell_text
from models.exchange.roster_format import BY_KEY, KEYS
from models.exchange.vocabulary import CHOSEN, EXACT, KEEP, VOCABULARIES

_REQUIRED = ("kind", "party_status")  # two-valued fields that cannot be left blank
_SHOWN = 8


def _allowed(key: str) -> str:
    allowed = VOCABULARIES[key].allowed
    return "、".join(allowed[:_SHOWN]) + ("等" if len(allowed) > _SHOWN else "")


class CellReader:
    """One import's reading of cells; its tally becomes the preview's mapping table."""

    def __init__(self, choices: dict[tuple[str, str], str] | None = None) -> None:
        self.resolver = vocabulary.Resolver(choices)
        self.tally: dict[tuple[str, str], ValueMapping] = {}
        self.cleaned = 0

    # --- text -------------------------------------------------------------------------
    def clean(self, raw: dict[str, Any]) -> list[str]:
        """Remove invisible and direction-control characters in place; the keys changed."""
        changed = []
        for key, value in raw.items():
            if isinstance(value, str) and vocabulary.has_invisible(value):
                raw[key] = vocabulary.strip_invisible(value)
                changed.append(key)
        self.cleaned += len(changed)
        return changed

    # --- coded values -------------------------------------------------------------------
    def coded(self, key: str, value: Any, row: int) -> tuple[Any, str, bool]:
        """(value for the member form, a message or "", whether the message refuses the row)."""
        flag = BY_KEY[key].kind == "flag"
        if isinstance(value, bool) and flag:
            return value, "", False
        text = cell_text(value).strip()
        if not text:
            return (False if flag else ""), "", False
        if key == "education" and "党校" in text:
            return text, "", False  # 县委党校大专 and the like: the form takes any 党校 name
        found, how = self.resolver.resolve(key, text)
        vocab = VOCABULARIES[key]
        if how != EXACT:
            entry = self.tally.get((key, vocabulary.normalize(text)))
            if entry is None:
                entry = self.tally[(key, vocabulary.normalize(text))] = ValueMapping(
                    key, vocab.label, text, found, how, 0, row, vocab.free_text)
            entry.count += 1
        if found == KEEP or (found is None and vocab.free_text and how != CHOSEN):
            return text, "", False
        if flag:
            if found is None and how == CHOSEN:
                return False, "", False
            if found is None:
                return False, (f"{vocab.label}“{text[:20]}”看不出是“是”还是“否”，已按“否”处理；"
                               "可在“取值对应”中改选。"), False
            return found == "是", "", False
        if found is not None:
            return found, "", False
        if how == CHOSEN:
            return "", "", False
        if key in _REQUIRED:
            return "", (f"{vocab.label}“{text[:20]}”无法对应到可选的值（{_allowed(key)}），"
                        "请在“取值对应”中选择，或改正名册。"), True
        return "", (f"{vocab.label}“{text[:20]}”无法对应到可选的值（{_allowed(key)}），已留空；"
                    "可在“取值对应”中选择。"), False

    def mappings(self) -> list[ValueMapping]:
        """Each distinct spelling once, by column order, the most frequent first."""
        return sorted(self.tally.values(), key=lambda m: (KEYS.index(m.key), -m.count, m.first_row))


__all__ = ["CellReader"]
