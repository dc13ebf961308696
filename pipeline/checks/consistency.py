"""Consistency: one term, one rendering; one term, one spelling."""

from __future__ import annotations

from collections import Counter

from taiyaku.analyze.analysis import ArticleAnalysis
from taiyaku.checks import terms
from taiyaku.checks.registry import related_hits, replace_fix, rule

VARIANT = ("variant", "reading")


@rule("C001", "inconsistent-rendering", category="consistency", severity="warning", aligned=True)
def inconsistent_rendering(ctx: ArticleAnalysis):
    """One Japanese term is rendered two or more different ways in one English article.

    What it checks: the renderings of a glossary term in English sentences that translate it (judged
    on the aligned pair, as T001 does): its preferred rendering and its multi-word variants. Forms of
    one word are one rendering ("stretch"/"stretching"), and so is a shortened form ("back pain" after
    "low back pain"); single-word variants ("session" for 施術 "treatment") are ordinary English and not
    counted. The rendering to follow is the glossary's preferred one when the article uses it, else
    the commonest. One finding per place that departs from it, with the places that follow it in
    `related` (the first ten). Departures that are forbidden renderings are T001's, whose message lists the renderings.
    Why: a reader meeting "sciatica" and "sciatic neuralgia" cannot tell they are one condition.
    Example: 坐骨神経痛 is "sciatica" five times and "sciatic neuralgia" once: the once is reported.
    Fix safety: no automatic fix.
    """
    for entry, seen in terms.renderings(ctx).items():
        if len(seen.families) < 2:
            continue
        usual = [h for h in seen.hits if seen.family(h) == seen.usual]
        for hit in seen.hits:
            if hit.how == "forbidden" or seen.family(hit) == seen.usual:
                continue
            yield inconsistent_rendering.rule.at_term(
                hit,
                f'{entry.ja} is rendered "{hit.text}" here but "{usual[0].text}" elsewhere in this article: '
                f"{seen.listing}",
                suggestion=usual[0].rendering,
                related=related_hits(usual),
            )


@rule("C002", "variant-spelling", category="consistency", severity="info", default=False)
def variant_spelling(ctx: ArticleAnalysis):
    """A Japanese term is written in a spelling variant instead of the glossary's canonical spelling.

    What it checks: Japanese text that is a listed `ja_variants` spelling of a term, or another kana/kanji
    spelling with the same reading (もみかえし, 揉みかえし for 揉み返し; ギックリ腰 for ぎっくり腰), in an
    article that never writes the canonical spelling (where it does, the variant is C003's). Inflected
    forms are not variants. Readings given in parentheses after kanji (腰方形筋(ようほうけいきん)) are not
    spellings.
    Why: one spelling per term keeps the site searchable and the house style consistent. A house
    style choice, hence info, and off by default (select it with `--select C002`): an article that
    writes こり or ゆがみ throughout follows a common style, and on the seeds 2 of its 9 findings were
    worth an editor's time (`taiyaku check ../shared/seeds --select C002`); mixed spellings are C003, on
    by default.
    Example: もみ返し → 揉み返し.
    Fix safety: safe — the canonical spelling has the same reading and meaning.
    """
    for entry, hits in ctx.ja_by_entry().items():
        if all(h.how in VARIANT for h in hits):
            for hit in hits:
                yield variant_spelling.rule.at_term(
                    hit, f"{hit.text} is a variant spelling of {entry.ja}: write {entry.ja}", suggestion=entry.ja,
                    fix=replace_fix(hit, entry.ja, safe=True),
                )


@rule("C003", "mixed-spelling", category="consistency", severity="warning")
def mixed_spelling(ctx: ArticleAnalysis):
    """A variant spelling of a term in an article that also writes the term canonically.

    What it checks: each place where the Japanese writes a variant spelling of a term (as C002) while
    the same article also writes its canonical spelling. One finding per variant place, with the
    article's other uses in `related` (the first ten).
    Why: mixing ギックリ腰 and ぎっくり腰 in one article reads as careless.
    Example: seed 004 writes ギックリ腰 once beside ぎっくり腰.
    Fix safety: safe — the canonical spelling has the same reading and meaning.
    """
    for entry, hits in ctx.ja_by_entry().items():
        variants = [h for h in hits if h.how in VARIANT]
        if not variants or len(variants) == len(hits):
            continue
        listing = terms.counted(Counter(h.text for h in hits), "{}")
        for hit in variants:
            yield mixed_spelling.rule.at_term(
                hit, f"{hit.text} is a variant spelling of {entry.ja}, which this article also writes: {listing}",
                suggestion=entry.ja, fix=replace_fix(hit, entry.ja, safe=True),
                related=related_hits(h for h in hits if h is not hit),
            )
