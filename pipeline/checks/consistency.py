"""Consistency: one term, one rendering; one term, one spelling."""

from __future__ import annotations

from collections import Counter

from taiyaku.analyze.analysis import ArticleAnalysis, SegmentAnalysis
from taiyaku.analyze.match_en import stem_key
from taiyaku.models import Hit
from taiyaku.checks.registry import related, replace_fix, rule

VARIANT = ("variant", "reading")


@rule("C001", "inconsistent-rendering", category="consistency", severity="warning")
def inconsistent_rendering(ctx: ArticleAnalysis):
    """One Japanese term is rendered two or more different ways in one English article.

    What it checks: the renderings of a glossary term found in the English of an article whose Japanese
    uses the term: its forbidden renderings, its preferred rendering and its multi-word variants.
    Forms of one word are one rendering ("stretch"/"stretching"), and so is a shortened form
    ("back pain" after "low back pain"); single-word variants ("session" for 施術 "treatment") are
    ordinary English and not counted. One finding per term, at its first English rendering,
    listing each rendering with its count; every location is in `related`.
    Why: a reader meeting "rubbing back", "return rub" and "rubback" cannot tell they are one condition.
    Example: seed 000 renders 揉み返し seven ways.
    Fix safety: no automatic fix; T001 fixes the wrong renderings one by one.
    """
    used = {h.entry for h in ctx.ja_hits}
    for entry, all_hits in ctx.en_by_entry().items():
        hits = [h for h in all_hits if _counts_as_rendering(h)]
        if entry not in used or len(_families(hits)) < 2:
            continue
        counts = Counter(h.rendering for h in hits)
        listing = _listing(counts, '"{}"')
        yield inconsistent_rendering.rule.at_hit(
            hits[0],
            f"{entry.ja} is rendered {len(counts)} different ways in this article: {listing}",
            term=(entry.ja, entry.en),
            found=hits[0].text,
            suggestion=entry.en,
            related=tuple(related(h) for h in hits[1:]),
        )


def _listing(counts: Counter, form: str) -> str:
    """'"a" ×3, "b" ×1': each form with its count, most frequent first."""
    return ", ".join(f"{form.format(text)} ×{n}" for text, n in counts.most_common())


def _counts_as_rendering(hit: Hit) -> bool:
    return hit.how == "forbidden" or hit.rendering == hit.entry.en or len(stem_key(hit.rendering)) > 1


def _families(hits: list[Hit]) -> list[tuple[str, ...]]:
    """Distinct renderings, folding inflections and shortened forms into the longer one."""
    keys = sorted({stem_key(h.rendering) for h in hits}, key=len, reverse=True)
    families: list[tuple[str, ...]] = []
    for key in keys:
        if not any(_contains(f, key) for f in families):
            families.append(key)
    return families


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


@rule("C002", "variant-spelling", category="consistency", severity="info", scope="segment")
def variant_spelling(ctx: ArticleAnalysis, sentence: SegmentAnalysis):
    """A Japanese term is written in a spelling variant instead of the glossary's canonical spelling.

    What it checks: Japanese text that is a listed `ja_variants` spelling of a term, or another kana/kanji
    spelling with the same reading (もみかえし, 揉みかえし for 揉み返し; ギックリ腰 for ぎっくり腰).
    Inflected forms are not variants.
    Why: one spelling per term keeps the site searchable and the house style consistent. A house
    style choice, hence info; mixing spellings in one article is C003, a warning. Readings given in
    parentheses after kanji (腰方形筋(ようほうけいきん)) are not spellings.
    Example: もみ返し → 揉み返し.
    Fix safety: safe — the canonical spelling has the same reading and meaning.
    """
    for hit in sentence.hits:
        if hit.how in VARIANT:
            e = hit.entry
            yield variant_spelling.rule.at_hit(
                hit,
                f"{hit.text} is a variant spelling of {e.ja}: write {e.ja}",
                term=(e.ja, e.en),
                found=hit.text,
                suggestion=e.ja,
                fix=replace_fix(hit, e.ja, safe=True),
            )


@rule("C003", "mixed-spelling", category="consistency", severity="warning")
def mixed_spelling(ctx: ArticleAnalysis):
    """The canonical spelling of a term and a variant spelling are mixed in one article.

    What it checks: an article whose Japanese writes the same term both canonically and as a variant.
    One finding per term, at its first variant spelling, with every use in `related`.
    Why: mixing ギックリ腰 and ぎっくり腰 in one article reads as careless.
    Example: seed 004 writes ギックリ腰 once beside ぎっくり腰.
    Fix safety: fix each variant with C002.
    """
    for entry, hits in ctx.ja_by_entry().items():
        variants = [h for h in hits if h.how in VARIANT]
        if not variants or len(variants) == len(hits):
            continue
        counts = Counter(h.text for h in hits)
        listing = _listing(counts, "{}")
        yield mixed_spelling.rule.at_hit(
            variants[0],
            f"{entry.ja} is spelled {len(counts)} ways in this article: {listing}",
            term=(entry.ja, entry.en),
            found=variants[0].text,
            suggestion=entry.ja,
            related=tuple(related(h) for h in hits if h is not variants[0]),
        )
