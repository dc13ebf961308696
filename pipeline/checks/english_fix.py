"""Replacing an English rendering so that the sentence stays grammatical: the article before it
(a/an, or none before a mass noun), its number, and a capital at the start of a sentence.

"A rubbing back occurs" → "Post-massage soreness occurs"; "a slipped disc" → "acute low back pain";
"an SI joint" → "a sacroiliac joint". Where the found text is plural and the replacement is a mass
noun ("return rubs are…" → "post-massage soreness are…"), no replacement keeps the sentence right and
none is offered.
"""

from __future__ import annotations

import re

from taiyaku.models import Fix, Hit

# Head words of uncountable (mass) nouns: they take no "a"/"an" and no plural.
_MASS_ENDINGS = ("ness", "pain", "ache", "ity", "tion", "sion", "ism", "therapy", "ing", "care", "ics")
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\s))(a|an|A|An)\s+$")
_OPENING = "\"“‘'([「"


def _mass(phrase: str) -> bool:
    head = phrase.split()[-1].lower() if phrase.split() else ""
    return head.endswith(_MASS_ENDINGS)


def _plural(found: str, rendering: str) -> bool:
    last, base = found.split()[-1].lower(), rendering.split()[-1].lower()
    return last != base and last.rstrip("'’s") == base.rstrip("s") and last.endswith("s")


def _pluralize(phrase: str) -> str:
    words = phrase.split(" ")
    last = words[-1]
    words[-1] = last + ("es" if last.endswith(("s", "x", "ch", "sh")) else "s")
    return " ".join(words)


def english_fix(hit: Hit, replacement: str, *, safe: bool) -> Fix | None:
    """The fix replacing ``hit`` (an English rendering) by ``replacement``, with its article, number and
    capital adjusted; None when no replacement keeps the sentence grammatical."""
    text = hit.segment.text
    start, end = hit.start, hit.end
    new = replacement
    if _plural(hit.text, hit.rendering):
        if _mass(replacement):
            return None
        new = _pluralize(new)
    article = _ARTICLE_BEFORE.search(text, 0, start)
    if article is not None:
        start = article.start(1)
        if not _mass(replacement):
            word = "an" if new[:1].lower() in "aeiou" else "a"
            new = f"{word} {new}"
    capital = (text[start:start + 1].isupper()) or not text[:start].strip(_OPENING + " ")
    if capital and new[:1].islower():
        new = new[:1].upper() + new[1:]
    s, e = hit.segment.source_span(start, end)
    return Fix(hit.segment.doc.path, s, e, new, safe, text[start:end])
