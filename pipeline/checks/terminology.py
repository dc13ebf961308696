"""Terminology: English renderings that are wrong for what the sentence translates, terms the English
never renders, and English terms with no source."""

from __future__ import annotations

from taiyaku.analyze.analysis import ArticleAnalysis
from taiyaku.analyze.match_en import stem_key
from taiyaku.checks import terms
from taiyaku.checks.english_fix import english_fix
from taiyaku.checks.registry import related, related_segment, rule
from taiyaku.models import Pair


@rule("T001", "forbidden-rendering", category="terminology", severity="error", aligned=True)
def forbidden_rendering(ctx: ArticleAnalysis):
    """A glossary term is rendered in the English with a rendering the glossary marks as wrong.

    What it checks: English text matching an `en_forbidden` rendering of a term, where the sentence
    translates a Japanese sentence holding that term (its aligned pair). Where the English sentence has
    no Japanese source the aligner is sure of, only renderings that cannot mean anything else are
    reported (two or more content words, or one word beside such a phrase), and the message says so. A
    rendering the glossary accepts for another term in the same Japanese ("chiropractic" for
    カイロプラクティック) is not wrong. Plurals and possessives count ("return rubs" is "return rub"). When
    the article also renders the term other ways, the message lists them: one finding per place.
    Why: a wrong name for a condition misleads patients and search engines alike (揉み返し is
    post-massage soreness, not "rubbing back"; ぎっくり腰 is not a "slipped disc").
    Example: 揉み返しが出ることがあります → "A rubbing back may occur" ("Rubbing hard…" for 強く揉む is not
    reported).
    Fix safety: unsafe — offered only where the sentence translates the term in a pair the aligner is
    confident of (sure or likely), with the article, number and capital adjusted ("A rubbing back
    occurs" → "Post-massage soreness occurs").
    """
    contexts = terms.contexts(ctx)
    all_renderings = terms.renderings(ctx, contexts)
    for a in ctx.en:
        for hit in a.hits:
            if hit.how != "forbidden":
                continue
            where = contexts.get(terms.key(hit))
            if where is None:
                continue
            e = hit.entry
            message = f'"{hit.text}" is a wrong rendering of {e.ja}: use "{e.en}"'
            if where == terms.UNSOURCED:
                message += " (this English sentence has no Japanese source)"
            seen = all_renderings.get(e)
            if seen is not None and len(seen.families) > 1:
                message += f"; this article renders {e.ja} {seen.ways} ways: {seen.listing}"
            pair = ctx.pair_of(hit.segment)
            sure = where == terms.ALIGNED and pair is not None and pair.confident
            yield forbidden_rendering.rule.at_term(
                hit, message, suggestion=e.en, fix=english_fix(hit, e.en, safe=False) if sure else None,
                related=tuple(_japanese_of(ctx, pair, e)) if where == terms.ALIGNED else (),
            )


def _japanese_of(ctx: ArticleAnalysis, pair: Pair, entry):
    """The term in the Japanese the sentence translates, as related locations."""
    for seg in pair.ja:
        for h in ctx.of(seg).hits:
            if h.entry is entry:
                yield related(h)


@rule("T002", "missing-rendering", category="terminology", severity="warning")
def missing_rendering(ctx: ArticleAnalysis):
    """A Japanese term of the article is rendered nowhere in the English.

    What it checks: for each glossary term the Japanese uses outside untranslated passages, whether
    the English renders it anywhere: its preferred rendering or one of its `en_variants`, in any
    inflection ("flexible" renders 柔軟性 "flexibility"), or a forbidden rendering in context (which
    T001 reports). Reported once per term, at its first Japanese use.
    Why: the term was dropped, left vague, or translated with a non-standard name.
    Example: 中枢性感作 in the Japanese, "central sensitivity" (not "central sensitization") in the English.
    Fix safety: no automatic fix.
    """
    if not ctx.bilingual:
        return
    contexts = terms.contexts(ctx)
    wrong = {h.entry for h in ctx.en_hits if h.how == "forbidden" and terms.key(h) in contexts}
    for entry, hits in ctx.ja_by_entry().items():
        hits = [h for h in hits if h.segment.ref not in ctx.untranslated]  # U002 reports those
        if not hits or entry in wrong or ctx.renders(entry):
            continue
        times = f" ({len(hits)} times)" if len(hits) > 1 else ""
        yield missing_rendering.rule.at_term(
            hits[0],
            f'{entry.ja}{times} is never rendered as "{entry.en}" (or an accepted variant) in the English',
            suggestion=entry.en,
            related=tuple(related(h) for h in hits[1:]),
        )


@rule("T004", "rendering-without-source", category="terminology", severity="info", scope="pair", default=False)
def rendering_without_source(ctx: ArticleAnalysis, pair: Pair):
    """An English sentence names a glossary term that the Japanese it translates does not mention.

    What it checks: in each sure pair, every accepted English rendering of two or more content words
    ("knee joint", not "pain") of a glossary term whose Japanese sentence(s) hold neither the term,
    in any spelling, nor another term rendered by the same or longer words.
    Why: a translator who adds a body part or a condition ("hip and knee joints" for 関節) changes
    the medical content.
    Example: 関節に負担がかかります → "puts strain on the hip and knee joints".
    Fix safety: no automatic fix.
    Off by default (select it with `--select T004`): Japanese leaves out what the context makes
    clear (腰 for "lower back", 慢性的な腰痛 for "chronic low back pain"), so the English often names a
    term its own sentence does not: on bench/pages and the seeds, 1 of its 10 findings was a defect
    (`taiyaku check bench/pages ../shared/seeds --select T004`, judged against bench/pages/MANIFEST.toml).
    """
    if pair.confidence != "sure" or not pair.ja:
        return
    held = {h.entry for s in pair.ja for h in ctx.of(s).hits}
    said = [stem_key(r) for e in held for r in e.accepted]  # what the Japanese terms may be rendered as
    for seg in pair.en:
        spans = set()
        for hit in ctx.of(seg).hits:
            if hit.how != "accepted" or hit.entry in held or not terms.specific(hit.rendering):
                continue
            if any(terms.contains(r, stem_key(hit.rendering)) for r in said) or (hit.start, hit.end) in spans:
                continue  # the same words render a term the Japanese holds (ぎっくり腰, 急性腰痛), or reported
            spans.add((hit.start, hit.end))
            e = hit.entry
            yield rendering_without_source.rule.at_term(
                hit, f'"{hit.text}" ({e.ja}) is not in the Japanese this sentence translates', suggestion=None,
                related=tuple(related_segment(s) for s in pair.ja),
            )
