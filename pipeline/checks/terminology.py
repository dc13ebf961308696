"""Terminology: English renderings that are wrong, and terms the English never renders."""

from __future__ import annotations

from taiyaku.analyze.analysis import ArticleAnalysis
from taiyaku.checks.registry import related, replace_fix, rule


@rule("T001", "forbidden-rendering", category="terminology", severity="error")
def forbidden_rendering(ctx: ArticleAnalysis):
    """A glossary term is rendered in the English with a rendering the glossary marks as wrong.

    What it checks: English text that matches an `en_forbidden` rendering of a term that the Japanese
    of the same article uses. Plurals and possessives count ("return rubs" is "return rub").
    Why: a wrong name for a condition misleads patients and search engines alike (揉み返し is
    post-massage soreness, not "rubbing back"; ぎっくり腰 is not a "slipped disc").
    Example: 揉み返し in the Japanese, "A rubbing back occurs when…" in the English.
    Fix safety: unsafe — the preferred term may need the sentence reworded.
    """
    used = {h.entry for h in ctx.ja_hits}
    for hit in ctx.en_hits:
        if hit.how == "forbidden" and hit.entry in used:
            e = hit.entry
            yield forbidden_rendering.rule.at_hit(
                hit,
                f'"{hit.text}" is a wrong rendering of {e.ja}: use "{e.en}"',
                term=(e.ja, e.en),
                found=hit.text,
                suggestion=e.en,
                fix=replace_fix(hit, e.en, safe=False),
            )


@rule("T002", "missing-rendering", category="terminology", severity="warning")
def missing_rendering(ctx: ArticleAnalysis):
    """A Japanese term of the article has none of its accepted renderings anywhere in the English.

    What it checks: for each glossary term the Japanese uses, whether the English version contains its
    preferred rendering or one of its `en_variants`, in any inflection ("flexible" renders
    柔軟性 "flexibility"). Reported once per term, at its first Japanese use.
    Why: the term was dropped, left vague, or translated with a non-standard name.
    Example: 中枢性感作 in the Japanese, "central sensitivity" (not "central sensitization") in the English.
    Fix safety: no automatic fix.
    """
    if not ctx.bilingual:
        return
    for entry, hits in ctx.ja_by_entry().items():
        if ctx.renders(entry):
            continue
        wrong = [h for h in ctx.en_hits if h.entry is entry and h.how == "forbidden"]
        times = f" ({len(hits)} times)" if len(hits) > 1 else ""
        yield missing_rendering.rule.at_hit(
            hits[0],
            f'{entry.ja}{times} is never rendered as "{entry.en}" (or an accepted variant) in the English',
            term=(entry.ja, entry.en),
            found=hits[0].text,
            suggestion=entry.en,
            related=tuple(related(h) for h in hits[1:] + wrong),
        )
