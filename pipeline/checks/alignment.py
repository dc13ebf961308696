"""Checks on the sentence alignment: untranslated passages, additions, dropped terms, numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from taiyaku.analyze.context import ArticleContext
from taiyaku.models import Pair, Related, Segment
from taiyaku.checks.registry import related_segment, rule

# A Japanese sentence needs this many kana/kanji to be worth translating (skips "※", dates, "Contents").
_MIN_JAPANESE = 4
_JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u9fff々]")
# Pairs scoring below this are too uncertain to compare sentence by sentence (a confident 1-1 pair of
# ordinary sentences scores about 20; a pair held only by its length scores about 0).
CONFIDENT = 5.0


def _runs(pairs: list[Pair], side: str) -> Iterator[tuple[int, int]]:
    """(first, last) pair indices of maximal runs of pairs that have only ``side``."""
    start = None
    for i, p in enumerate([*pairs, None]):
        lone = p is not None and bool(p.ja) != bool(p.en) and bool(getattr(p, side))
        if lone and start is None:
            start = i
        elif not lone and start is not None:
            yield start, i - 1
            start = None


def _neighbours(pairs: list[Pair], first: int, last: int, side: str) -> list[Related]:
    """The nearest aligned sentences on ``side`` before and after a run: where the passage belongs."""
    out = []
    for i, step in ((first - 1, -1), (last + 1, 1)):
        while 0 <= i < len(pairs):
            segs = getattr(pairs[i], side)
            if segs:
                out.append(related_segment(segs[-1] if step < 0 else segs[0]))
                break
            i += step
    return out


def _lone_passages(rule, pairs: list[Pair], side: str, what: str, keep=lambda seg: True):
    """One finding per run of ``side`` sentences aligned with nothing, spanning the run's kept
    sentences; ``related`` holds the other side's sentences aligned around it."""
    other = "en" if side == "ja" else "ja"
    for first, last in _runs(pairs, side):
        segs = [s for p in pairs[first : last + 1] for s in getattr(p, side) if keep(s)]
        if segs:
            n = len(segs)
            yield rule.over(
                segs[0],
                segs[-1],
                f"{n} {what.format('s' if n > 1 else '')}",
                found=segs[0].text,
                related=_neighbours(pairs, first, last, other),
            )


def _worth_translating(seg: Segment) -> bool:
    return len(_JAPANESE.findall(seg.text)) >= _MIN_JAPANESE


@rule("U002", "untranslated-passage", category="untranslated", severity="warning", scope="pair")
def untranslated_passage(ctx: ArticleContext):
    """A Japanese passage has no English counterpart.

    What it checks: runs of consecutive Japanese sentences that the aligner pairs with no English
    sentence. One finding per run, spanning it; `related` holds the English sentences aligned just
    before and after, i.e. where the translation belongs. Sentences with fewer than four kana/kanji
    ("※", dates) are not counted.
    Why: a passage missing from the English is information the foreign patient never gets.
    Example: a two-sentence paragraph on who is at risk, absent from the English.
    Fix safety: no automatic fix.
    """
    yield from _lone_passages(
        untranslated_passage.rule, ctx.pairs, "ja", "Japanese sentence{} with no English translation", _worth_translating
    )


@rule("A001", "addition", category="addition", severity="info", scope="pair")
def addition(ctx: ArticleContext):
    """An English passage has no Japanese source.

    What it checks: runs of consecutive English sentences that the aligner pairs with no Japanese
    sentence. One finding per run; `related` holds the Japanese sentences aligned around it.
    Why: added text may be deliberate (a note for foreign patients) or may be a passage whose source
    was deleted or never written: worth a look, rarely an error, hence info.
    Example: a promotional line that exists only in the English.
    Fix safety: no automatic fix.
    """
    yield from _lone_passages(addition.rule, ctx.pairs, "en", "English sentence{} with no Japanese source")


def _confident(pairs: list[Pair]) -> Iterator[Pair]:
    """Pairs sure enough to compare sentence by sentence: a high score, or a 1-1 pair in a stretch
    between two sure pairs (or the ends of the text) where every pair is 1-1, so position alone
    decides it."""
    sure = [bool(p.ja and p.en and p.score >= CONFIDENT) for p in pairs]
    start = 0
    for i in range(len(pairs) + 1):
        if i < len(pairs) and not sure[i]:
            continue
        stretch = pairs[start:i]
        if all(len(p.ja) == 1 and len(p.en) == 1 for p in stretch):
            yield from stretch
        if i < len(pairs):
            yield pairs[i]
        start = i + 1


@rule("T003", "term-dropped", category="terminology", severity="info", scope="pair")
def term_dropped(ctx: ArticleContext):
    """A Japanese sentence uses a glossary term that its aligned English sentence does not render.

    What it checks: in each confidently aligned pair (a high alignment score, or a 1-1 pair fixed by
    sure pairs on both sides), every glossary term of the Japanese whose
    accepted and forbidden renderings are all absent from the English of the pair (in any inflection).
    Terms the English never renders anywhere are T002's; wrong renderings are T001's.
    Why: the sentence lost the term, or says something else in its place. Translators also drop or
    paraphrase general words on purpose (施術 → "massage"), hence info: a hint for review.
    Example: 筋膜が硬い → "the muscles are stiff" (fascia dropped).
    Fix safety: no automatic fix.
    """
    from taiyaku.analyze.match_en import stem_key, stem_ngrams

    by_segment: dict[int, list] = {}  # each pair looks at its own hits, not all of the article's
    for k, hit in enumerate(ctx.ja_hits):
        by_segment.setdefault(id(hit.segment), []).append((k, hit))
    for pair in _confident(ctx.pairs):
        texts = [s.text for s in pair.en]
        grams = stem_ngrams(texts, ctx.longest_rendering)
        seen = set()
        for _, hit in sorted(h for s in pair.ja for h in by_segment.get(id(s), ())):
            e = hit.entry
            if e in seen:
                continue
            seen.add(e)
            if not ctx.renders(e):
                continue  # never rendered at all: T002
            renderings = (*e.accepted, *e.en_forbidden)
            if any(stem_key(r) in grams for r in renderings):
                continue
            yield term_dropped.rule.at_hit(
                hit,
                f'{e.ja} is not rendered in the aligned English (expected "{e.en}")',
                term=(e.ja, e.en),
                found=hit.text,
                suggestion=e.en,
                related=[related_segment(s) for s in pair.en],
            )


@rule("N001", "number-mismatch", category="numbers", severity="warning", scope="pair")
def number_mismatch(ctx: ArticleContext):
    """A number, range, date or unit differs between a Japanese sentence and its aligned English.

    What it checks: numbers after NFKC normalisation on both sides of each confidently aligned pair
    (as in T003)
    (３か月 = 3 months, 2〜3分 = 2-3 minutes, 40代 = in her 40s, 1月18日 = January 18, number
    words included). Reports a number missing from the English or given a different value.
    Why: a wrong duration, dose or count in medical advice is a real error.
    Example: 3か月以上 → "more than six months".
    Fix safety: no automatic fix.
    """
    if not ctx.bilingual:
        return
    from taiyaku.analyze.numbers import compare, numbers_en, numbers_ja  # compiles many patterns: only when needed

    for pair in _confident(ctx.pairs):
        ja = [(s, m) for s in pair.ja for m in numbers_ja(s.text)]
        en = [(s, m) for s in pair.en for m in numbers_en(s.text)]
        where = {id(m): s for s, m in ja + en}
        for diff in compare([m for _, m in ja], [m for _, m in en]):
            if diff.ja is None:
                continue  # an extra number in the English is not reported on its own
            seg = where[id(diff.ja)]
            ja_text = seg.text[diff.ja.start : diff.ja.end]
            if diff.en is not None:
                en_seg = where[id(diff.en)]
                en_text = en_seg.text[diff.en.start : diff.en.end]
                message = f'{ja_text} is "{en_text}" in the English'
                rel = [Related(en_seg.doc.path, *en_seg.source_span(diff.en.start, diff.en.end), en_text)]
            else:
                message = f"{ja_text} is missing from the aligned English"
                rel = [related_segment(s) for s in pair.en]
            yield number_mismatch.rule.at(seg, diff.ja.start, diff.ja.end, message, found=ja_text, related=rel)
