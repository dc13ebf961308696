"""Untranslated text: Japanese left inside the English version."""

from __future__ import annotations

import re

from taiyaku.analyze.analysis import ArticleAnalysis, SegmentAnalysis
from taiyaku.analyze.glossary import nfkc
from taiyaku.checks.registry import related_segment, rule
from taiyaku.script import JAPANESE, JAPANESE_PUNCTUATION

# A run of Japanese script (kana, kanji, iteration marks) with the Japanese punctuation inside it.
_JAPANESE_RUN = re.compile(f"[{JAPANESE}](?:[{JAPANESE}{JAPANESE_PUNCTUATION}]*[{JAPANESE}])?")
_OPEN, _CLOSE = "(（", ")）"


def _with_japanese(ctx: ArticleAnalysis) -> list[SegmentAnalysis]:
    """The sentences on the English side that hold Japanese script."""
    return [a for a in ctx.en if _JAPANESE_RUN.search(a.segment.text)]


@rule("U001", "japanese-in-english", category="untranslated", severity="warning", scope="segment", aligned=True,
      sentences=_with_japanese)
def japanese_in_english(ctx: ArticleAnalysis, sentence: SegmentAnalysis):
    """Japanese script left inside the English text.

    What it checks: runs of kana or kanji in English sentences. A run in parentheses right after
    English words is taken as a deliberate gloss ("seitai (整体)") and is not reported.
    Why: a foreign patient cannot read it; it is usually a term the translator skipped.
    Example: "this is called 仙腸関節 instability" → "sacroiliac joint instability".
    Fix safety: no automatic fix; the suggestion is the glossary's rendering when the run is a term.
    """
    seg = sentence.segment
    if seg.side != "en":
        return
    text = seg.text
    pair = ctx.pair_of(seg)
    source = tuple(related_segment(s) for s in pair.ja) if pair is not None else ()
    for m in _JAPANESE_RUN.finditer(text):
        if _is_gloss(text, m.start(), m.end()):
            continue
        entry = ctx.glossary.by_spelling.get(nfkc(m.group()))
        hint = f' (glossary: "{entry.en}")' if entry else ""
        yield japanese_in_english.rule.at(
            seg,
            m.start(),
            m.end(),
            f'Japanese left untranslated in the English: "{m.group()}"{hint}',
            term=(entry.ja, entry.en) if entry else None,
            found=m.group(),
            suggestion=entry.en if entry else None,
            related=source,
        )


def _is_gloss(text: str, start: int, end: int) -> bool:
    """Is text[start:end] the whole content of a parenthesis that follows Latin text?"""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    if not (before[-1:] in _OPEN and after[:1] in _CLOSE):
        return False
    return bool(re.search(r"[A-Za-z]", before[:-1][-20:]))
