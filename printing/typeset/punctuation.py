"""End punctuation of clerk-typed sentences, normalised once for every document.

Clerks end pledge items with 。 or ； or nothing, and sometimes with …… or a stray comma.
A printed item is a sentence: a pause mark at its end (；，、：) becomes 。, a sentence that
already ends (。！？……) keeps its own mark, closing quotes and brackets after that mark
stay where they are, and nothing is ever doubled (……。 or ；。).
"""
from __future__ import annotations

#: marks that end a sentence: kept as typed
TERMINAL = frozenset("。！？!?…")
#: marks that only pause: replaced by the terminal mark at a sentence end
PAUSING = frozenset("；，、：;,:")
#: closing marks that may follow a terminal mark (“……。” or （……！）)
CLOSING = frozenset("”’）》」』】")


def end_sentence(text: str, mark: str = "。") -> str:
    """``text`` stripped and ending in exactly one sentence-ending mark."""
    text = text.strip()
    body = text.rstrip("".join(CLOSING))
    tail = text[len(body):]
    if not body:
        return text
    if body[-1] in TERMINAL or (body.endswith(".") and not body[-2:-1].isdigit()):
        return text
    while body and body[-1] in PAUSING:
        body = body[:-1].rstrip()
    if tail:    # “……” without a mark inside: the full stop goes after the quote
        return body + tail + mark
    return body + mark if body else text
