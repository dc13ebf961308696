"""What checks read: an article with its tokens and glossary hits, computed once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .glossary import Entry, Glossary
from .match_en import EnglishMatcher
from .match_ja import JapaneseMatcher
from .models import Article, Hit
from .tokens import tokenize


@dataclass
class Matchers:
    """The glossary and its two indexes, built once per run."""

    glossary: Glossary
    ja: JapaneseMatcher
    en: EnglishMatcher

    @classmethod
    def build(cls, glossary: Glossary) -> "Matchers":
        return cls(glossary, JapaneseMatcher(glossary), EnglishMatcher(glossary))


@dataclass
class ArticleContext:
    """Read-only input of every check."""

    article: Article
    glossary: Glossary
    ja_hits: list[Hit]
    en_hits: list[Hit]
    pairs: list = field(default_factory=list)

    @property
    def bilingual(self) -> bool:
        return bool(self.article.ja) and bool(self.article.en)

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
    return ArticleContext(article, matchers.glossary, ja_hits, en_hits)
