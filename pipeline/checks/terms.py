"""What an English rendering of a glossary term translates, judged on the aligned pair.

A rendering in the English counts for a term only where the sentence translates Japanese that holds
the term: "Rubbing hard…" translating 強く揉む is not a rendering of 揉み返し, and "chiropractic"
translating カイロプラクティック is not a rendering of 整体. Where the aligner gives an English sentence no
Japanese source it is sure of, a rendering counts only when the article uses the term and the
rendering cannot mean anything else: a phrase of two or more content words ("rubbing back", "slipped
disc"), or a single word near a rendering of the term in context (the two sentences before, or a
specific one in the sentence after), as in "To prevent a rubbing back… If the rubbing still recurs…".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

from taiyaku.analyze.match_en import phrase_key, stem_key
from taiyaku.checks.derived import per_article
from taiyaku.models import Hit

ALIGNED, UNSOURCED = "aligned", "unsourced"
_FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "for", "and", "or"})


@lru_cache(maxsize=4096)  # renderings are the glossary's strings: few, and met again on every page
def specific(rendering: str) -> bool:
    """Can this rendering mean nothing but the term: two or more content words?"""
    return sum(1 for w in phrase_key(rendering) if w not in _FUNCTION_WORDS) >= 2


@per_article
def contexts(ctx) -> dict:
    """Every English hit of the article (by ``key``) → ALIGNED when its sentence translates Japanese
    holding its term, UNSOURCED when the sentence has no sure Japanese source but the rendering can
    only be this term here, absent otherwise. Single-word renderings without a source are vouched for
    by a rendering of the same term in context in the two sentences before, or by a specific one in the
    sentence after; vouching carries on from sentence to sentence. Computed once per article (several
    rules read it): never change the dict returned."""
    out: dict = {}
    vouching: dict = {}  # entry → indices of English sentences with a rendering of it in context
    japanese = ctx.ja_entries
    for a in ctx.en:
        if not a.hits:
            continue
        source = ctx.source_of(a.segment)
        held = None if source is None else {h.entry for s in source for h in s.hits}
        for hit in a.hits:
            where = _context(ctx, hit, a.hits, held, japanese, vouching)
            if where is not None:
                out[key(hit)] = where
                vouching.setdefault(hit.entry, set()).add(hit.segment.index)
    return out


def key(hit: Hit) -> tuple:
    return (hit.segment.ref, hit.start, hit.end, hit.entry.ja)


def _context(ctx, hit: Hit, hits: tuple[Hit, ...], held: set | None, japanese: set, vouching: dict) -> str | None:
    """Where ``hit`` (one of its sentence's ``hits``) counts; ``held``: the terms of the Japanese
    its sentence surely translates (None: no such source); ``japanese``: those of the whole article."""
    entry = hit.entry
    if held is not None:
        if entry not in held or _accepted_for_another(hit, hits, held):
            return None
        return ALIGNED
    if entry not in japanese or _accepted_for_another(hit, hits, japanese):
        return None
    index = hit.segment.index
    before = vouching.get(entry, ())
    if specific(hit.rendering) or index - 1 in before or index - 2 in before or index in before:
        return UNSOURCED
    after = ctx.en[index + 1].hits if index + 1 < len(ctx.en) else ()
    if any(h.entry is hit.entry and specific(h.rendering) for h in (*after, *hits)):
        return UNSOURCED
    return None


def _accepted_for_another(hit: Hit, hits: tuple[Hit, ...], entries: set) -> bool:
    """Is the same English text (one of its sentence's ``hits``) an accepted rendering of another term
    among ``entries``?"""
    return any(
        h.start == hit.start and h.end == hit.end and h.how == "accepted" and h.entry is not hit.entry
        and h.entry in entries
        for h in hits
    )


@dataclass(frozen=True)
class Renderings:
    """How one term is rendered in an article's English, counting only renderings in context."""

    entry: object
    hits: tuple[Hit, ...]  # in context, in order
    families: tuple[tuple[str, ...], ...]  # distinct renderings (inflections and shortened forms folded)
    usual: tuple[str, ...]  # the family to follow: the glossary's preferred one if used, else the commonest

    def family(self, hit: Hit) -> tuple[str, ...]:
        key = stem_key(hit.rendering)
        return next(f for f in self.families if contains(f, key))

    @cached_property
    def listing(self) -> str:
        """'"a" ×3, "b" ×1': each rendering as written with its count, most frequent first (made once:
        every finding on the term quotes it)."""
        return counted(Counter(h.rendering for h in self.hits), '"{}"')

    @cached_property
    def ways(self) -> int:
        """How many renderings ``listing`` shows ("rub back" and "rubbing back" are two, though one
        family)."""
        return len({h.rendering for h in self.hits})


def renderings(ctx, where: dict | None = None) -> dict:
    """entry → ``Renderings`` for every term the English renders in context (``where``: ``contexts``).
    Computed once per article for the article's own contexts: never change the dict returned."""
    if where is None or where is contexts(ctx):
        return _article_renderings(ctx)
    return _renderings(ctx, where)


@per_article
def _article_renderings(ctx) -> dict:
    return _renderings(ctx, contexts(ctx))


def _renderings(ctx, where: dict) -> dict:
    by_entry: dict = {}  # entry → its hits
    for a in ctx.en:
        for h in a.hits:
            if _counts_as_rendering(h) and key(h) in where:
                by_entry.setdefault(h.entry, []).append(h)
    out = {}
    for hits in by_entry.values():
        entry = hits[0].entry
        families = _families(hits)
        preferred = stem_key(entry.en)
        usual = next((f for f in families if contains(f, preferred)), None)
        if usual is None:
            counts = Counter(next(f for f in families if contains(f, stem_key(h.rendering))) for h in hits)
            usual = counts.most_common(1)[0][0]
        out[entry] = Renderings(entry, tuple(hits), tuple(families), usual)
    return out


def counted(counts: Counter, form: str) -> str:
    """'"a" ×3, "b" ×1': each form with its count, most frequent first."""
    return ", ".join(f"{form.format(text)} ×{n}" for text, n in counts.most_common())


def _counts_as_rendering(hit: Hit) -> bool:
    """Forbidden renderings, the preferred one and multi-word variants; a single-word variant ("session"
    for 施術 "treatment") is ordinary English."""
    return hit.how == "forbidden" or hit.rendering == hit.entry.en or len(stem_key(hit.rendering)) > 1


def _families(hits) -> list[tuple[str, ...]]:
    """Distinct renderings, folding inflections and shortened forms into the longer one."""
    keys = sorted({stem_key(h.rendering) for h in hits}, key=len, reverse=True)
    families: list[tuple[str, ...]] = []
    for key in keys:
        if not any(contains(f, key) for f in families):
            families.append(key)
    return families


def contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))
