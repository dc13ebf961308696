"""What checks read: an article with its tokens and glossary hits, computed once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from taiyaku.analyze.glossary import Entry, Glossary
from taiyaku.analyze.match_en import EnglishMatcher, phrase_key, stem_key, stem_ngrams
from taiyaku.analyze.match_ja import JapaneseMatcher
from taiyaku.models import Article, Hit, Pair
from taiyaku.analyze.tokens import tokenize


@dataclass
class Matchers:
    """The glossary and its two indexes, built once per run."""

    glossary: Glossary
    ja: JapaneseMatcher
    en: EnglishMatcher
    longest_rendering: int

    @classmethod
    def build(cls, glossary: Glossary) -> "Matchers":
        longest = max((len(phrase_key(a)) for e in glossary.entries for a in e.accepted), default=1)
        return cls(glossary, JapaneseMatcher(glossary), EnglishMatcher(glossary), longest)


@dataclass
class ArticleContext:
    """Read-only input of every check."""

    article: Article
    glossary: Glossary
    ja_hits: list[Hit]
    en_hits: list[Hit]
    longest_rendering: int = 1  # words in the glossary's longest accepted rendering
    _english_stems: set | None = field(default=None, repr=False)
    _pairs: list[Pair] | None = field(default=None, repr=False)

    @property
    def pairs(self) -> list[Pair]:
        """The sentence alignment (computed on first use; empty unless the article is bilingual)."""
        if self._pairs is None:
            self._pairs = []
            if self.bilingual:
                from taiyaku.align.units import align_article

                self._pairs = align_article(self.article.ja, self.article.en, self.ja_hits, self.en_hits)
        return self._pairs

    @property
    def bilingual(self) -> bool:
        return bool(self.article.ja) and bool(self.article.en)

    def renders(self, entry: Entry) -> bool:
        """Does the English contain an accepted rendering of ``entry``, in any inflection?

        An inflection that is also a forbidden rendering ("central sensitivity" stems like "central
        sensitization") does not count: then only the exact accepted words do.
        """
        if any(h.entry is entry and h.how == "accepted" for h in self.en_hits):
            return True
        if self._english_stems is None:
            self._english_stems = stem_ngrams((s.text for s in self.article.en), self.longest_rendering)
        wrong = {stem_key(f) for f in entry.en_forbidden}
        return any(k in self._english_stems and k not in wrong for k in map(stem_key, entry.accepted))

    def ja_by_entry(self) -> dict[Entry, list[Hit]]:
        groups: dict[Entry, list[Hit]] = defaultdict(list)
        for h in self.ja_hits:
            groups[h.entry].append(h)
        return groups

    def en_by_entry(self) -> dict[Entry, list[Hit]]:
        groups: dict[Entry, list[Hit]] = defaultdict(list)
        for h in self.en_hits:
            groups[h.entry].append(h)
        return groups


def analyze(article: Article, matchers: Matchers) -> ArticleContext:
    """Tokenize the Japanese and find glossary hits on both sides."""
    ja_hits: list[Hit] = []
    for seg in article.ja:
        if seg.tokens is None:
            seg.tokens = tokenize(seg.text)
        ja_hits.extend(matchers.ja.find(seg, seg.tokens))
    en_hits: list[Hit] = []
    for seg in article.en:
        en_hits.extend(matchers.en.find(seg))
    return ArticleContext(article, matchers.glossary, ja_hits, en_hits, matchers.longest_rendering)
