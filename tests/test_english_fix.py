"""Unsafe fixes of English renderings keep the sentence grammatical: the article before the rendering,
its number and the capital at the start of a sentence."""

from __future__ import annotations

import pytest

from taiyaku.checks.english_fix import english_fix
from taiyaku.models import Hit

from .helpers import glossary, segment

G = glossary(
    "揉み返し\tpost-massage soreness\t\t\trubbing back|return rub|rubback\tx",
    "ぎっくり腰\tacute low back pain\t\t\tslipped disc\tx",
    "仙腸関節\tsacroiliac joint\t\tSI joint\t\tx",
    "整体\tseitai\t\t\tchiropractic\tx",
)


def fixed(text: str, found: str, rendering: str, replacement: str) -> str | None:
    seg = segment(text, "en", "a.en.txt")
    start = text.index(found)
    entry = next(e for e in G.entries if rendering in (*e.accepted, *e.en_forbidden))
    fix = english_fix(Hit(entry, seg, start, start + len(found), "forbidden", rendering), replacement, safe=False)
    if fix is None:
        return None
    return text[: fix.start] + fix.replacement + text[fix.end :]


@pytest.mark.parametrize(
    "text, found, rendering, replacement, want",
    [
        ("A rubbing back occurs after massage.", "rubbing back", "rubbing back", "post-massage soreness",
         "Post-massage soreness occurs after massage."),
        ("It is called a slipped disc.", "slipped disc", "slipped disc", "acute low back pain",
         "It is called acute low back pain."),
        ("Rubbing back is common.", "Rubbing back", "rubbing back", "post-massage soreness",
         "Post-massage soreness is common."),
        ("The pain comes from an SI joint here.", "SI joint", "SI joint", "sacroiliac joint",
         "The pain comes from a sacroiliac joint here."),
        ("A chiropractic session helps.", "chiropractic", "chiropractic", "seitai", "A seitai session helps."),
        ("“Rubbing back” is a common name.", "Rubbing back", "rubbing back", "post-massage soreness",
         "“Post-massage soreness” is a common name."),
        # a plural found, a mass noun as replacement: no replacement keeps the verb right
        ("Return rubs are common.", "Return rubs", "return rub", "post-massage soreness", None),
    ],
)
def test_english_fix(text, found, rendering, replacement, want):
    assert fixed(text, found, rendering, replacement) == want
