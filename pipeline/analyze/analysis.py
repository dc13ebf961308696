"""What checks read: an article analysed once, frozen.

Each sentence gets one ``SegmentAnalysis`` (MeCab tokens, glossary hits, number mentions, English stems,
alignment anchor keys); the article gets its sentence alignment. Nothing downstream tokenizes, matches,
extracts numbers or stems again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import NamedTuple

from taiyaku.analyze.glossary import Entry, Glossary
from taiyaku.analyze.match_en import EnglishMatcher, phrase_key, stem_key, stem_ngrams_of, stems_of, words
from taiyaku.analyze.match_ja import JapaneseMatcher
from taiyaku.analyze.tokens import tokenize_all
from taiyaku.models import Article, Hit, Pair, Segment, Token


@dataclass(frozen=True)
class Analyzer:
    """The glossary and its two indexes, built once per run (per worker process); the English one on
    first use (a run of Japanese-only articles never builds it: 60 ms of its cold start)."""

    glossary: Glossary
    ja: JapaneseMatcher

    @classmethod
    def build(cls, glossary: Glossary) -> "Analyzer":
        return cls(glossary, JapaneseMatcher(glossary))

    @cached_property
    def en(self) -> EnglishMatcher:
        return EnglishMatcher(self.glossary)

    @cached_property
    def longest_rendering(self) -> int:
        """Words in the glossary's longest accepted rendering."""
        return max((len(phrase_key(a)) for e in self.glossary.entries for a in e.accepted), default=1)

    @cached_property
    def rendering_heads(self) -> frozenset[str]:
        """The first stem of each accepted rendering's ``stem_key``: ``renders`` asks only about stem runs
        starting with one, so an article keeps only those (a tenth of its runs on the seeds)."""
        return frozenset(key[0] for e in self.glossary.entries for a in e.accepted if (key := stem_key(a)))


class SegmentAnalysis(NamedTuple):
    """One sentence, analysed: ``tokens`` (Japanese only), glossary ``hits``, ``numbers``
    (``analyze.numbers`` mentions), ``stems`` (English only: the Snowball stems of its words) and the
    alignment ``anchors``. Stems are computed for bilingual articles only; numbers and anchors only when
    a bilingual article is aligned. A named tuple (one per sentence, never changed): cheapest to make."""

    segment: Segment
    tokens: tuple[Token, ...] = ()
    hits: tuple[Hit, ...] = ()
    numbers: tuple = ()
    stems: tuple[str, ...] = ()
    anchors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ArticleAnalysis:
    """Read-only input of every check: the article, its sentences analysed, its alignment."""

    article: Article
    glossary: Glossary
    ja: tuple[SegmentAnalysis, ...]
    en: tuple[SegmentAnalysis, ...]
    pairs: tuple[Pair, ...] = ()
    longest_rendering: int = 1
    rendering_heads: frozenset = frozenset()  # ``Analyzer.rendering_heads``: the English stem runs kept start so
    ja_hits: tuple[Hit, ...] = field(init=False)
    en_hits: tuple[Hit, ...] = field(init=False)
    untranslated: frozenset = field(init=False)  # refs of Japanese sentences aligned with no English
    ja_entries: frozenset = field(init=False)  # the glossary entries the Japanese uses
    _english: frozenset = field(init=False, repr=False)  # the English's stem runs ``renders`` may ask about
    _pair_at: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ja_hits = tuple(chain.from_iterable(s.hits for s in self.ja))
        object.__setattr__(self, "ja_hits", ja_hits)
        object.__setattr__(self, "en_hits", tuple(chain.from_iterable(s.hits for s in self.en)))
        english = stem_ngrams_of((a.stems for a in self.en), self.longest_rendering, self.rendering_heads)
        object.__setattr__(self, "_english", frozenset(english))
        object.__setattr__(self, "_pair_at", {s.ref: p for p in self.pairs for s in (*p.ja, *p.en)})
        object.__setattr__(self, "untranslated", frozenset(s.ref for p in self.pairs if not p.en for s in p.ja))
        object.__setattr__(self, "ja_entries", frozenset(h.entry for h in ja_hits))

    @property
    def bilingual(self) -> bool:
        return bool(self.ja) and bool(self.en)

    def of(self, segment: Segment) -> SegmentAnalysis:
        """The analysis of one of this article's sentences."""
        return (self.ja if segment.side == "ja" else self.en)[segment.index]

    def pair_of(self, segment: Segment) -> Pair | None:
        """The alignment bead holding ``segment`` (None when the article is not aligned)."""
        return self._pair_at.get(segment.ref)

    def source_of(self, segment: Segment) -> tuple[SegmentAnalysis, ...] | None:
        """The analysed Japanese sentences an English sentence translates, when the aligner is confident
        of that pair; None when it has no Japanese source or the aligner doubts the pair."""
        pair = self.pair_of(segment)
        if pair is None or not pair.ja or not pair.confident:
            return None
        return tuple(self.of(s) for s in pair.ja)

    def grams(self, analyses: Iterable[SegmentAnalysis]) -> set[tuple[str, ...]]:
        """Every run of 1..longest-rendering consecutive stems in the English of ``analyses``."""
        return stem_ngrams_of((a.stems for a in analyses), self.longest_rendering)

    def renders(self, entry: Entry) -> bool:
        """Does the English contain an accepted rendering of ``entry`` (one of the glossary's entries), in
        any inflection?

        An inflection that is also a forbidden rendering ("central sensitivity" stems like "central
        sensitization") does not count: then only the exact accepted words do.
        """
        if any(h.entry is entry and h.how == "accepted" for h in self.en_hits):
            return True
        wrong = {stem_key(f) for f in entry.en_forbidden}
        return any(k in self._english and k not in wrong for k in map(stem_key, entry.accepted))

    def ja_by_entry(self) -> dict[Entry, list[Hit]]:
        return _by_entry(self.ja_hits)


def _by_entry(hits: Iterable[Hit]) -> dict[Entry, list[Hit]]:
    """Hits grouped by entry, in order of first hit."""
    groups: dict[Entry, list[Hit]] = {}
    for h in hits:
        groups.setdefault(h.entry, []).append(h)
    return groups


def analyze(
    article: Article, analyzer: Analyzer, *, align: bool = True, tokens: Sequence[Sequence[Token]] | None = None
) -> ArticleAnalysis:
    """Tokenize the Japanese (unless its sentences' ``tokens`` are given, as ``tokenize_all`` makes
    them), find glossary hits on both sides and, for a bilingual article (when ``align``), extract
    numbers, stems and anchors and align the sentences."""
    bilingual = bool(article.ja) and bool(article.en)
    deep = bilingual and align
    if tokens is None:
        tokens = tokenize_all([s.text for s in article.ja])  # MeCab first, back to back: its tables stay in cache
    ja = tuple(_japanese(s, tuple(t), analyzer, deep) for s, t in zip(article.ja, tokens))
    en = tuple(_english(s, analyzer, bilingual, deep) for s in article.en)
    if not deep:
        longest = analyzer.longest_rendering if en else 1  # only English stems make n-grams
        heads = analyzer.rendering_heads if en else frozenset()
        return ArticleAnalysis(article, analyzer.glossary, ja, en, (), longest, heads)
    from taiyaku.align.pairing import align_segments

    pairs = tuple(align_segments(ja, en))
    longest, heads = analyzer.longest_rendering, analyzer.rendering_heads
    return ArticleAnalysis(article, analyzer.glossary, ja, en, pairs, longest, heads)


def _japanese(seg: Segment, tokens: tuple[Token, ...], analyzer: Analyzer, deep: bool) -> SegmentAnalysis:
    hits = tuple(analyzer.ja.find(seg, tokens))
    if not deep:
        return SegmentAnalysis(seg, tokens, hits)
    from taiyaku.align.pairing import ja_keys
    from taiyaku.analyze.numbers import numbers_ja

    numbers = tuple(numbers_ja(seg.text))
    return SegmentAnalysis(seg, tokens, hits, numbers, (), ja_keys(seg, tokens, hits, numbers))


def _english(seg: Segment, analyzer: Analyzer, bilingual: bool, deep: bool) -> SegmentAnalysis:
    ws = words(seg.text)
    hits = tuple(analyzer.en.find(seg, ws))
    if not bilingual:
        return SegmentAnalysis(seg, (), hits)
    if not deep:
        return SegmentAnalysis(seg, (), hits, (), stems_of(ws))
    from taiyaku.align.pairing import en_keys
    from taiyaku.analyze.numbers import numbers_en

    numbers = tuple(numbers_en(seg.text))
    return SegmentAnalysis(seg, (), hits, numbers, stems_of(ws), en_keys(seg, hits, numbers))
