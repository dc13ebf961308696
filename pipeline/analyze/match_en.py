"""Find glossary renderings in English: case-insensitive, on word boundaries, plural-tolerant.

Words are compared after folding case, hyphens (``post-massage`` = ``post massage``), possessives and
plural endings (``return rubs`` = ``return rub``, ``sacroiliac joints`` = ``sacroiliac joint``). Other
inflections are distinct words: "rubbing" is not "rub".
"""

from __future__ import annotations

import re
from functools import lru_cache

from taiyaku.analyze.glossary import Glossary
from taiyaku.models import Hit, Segment

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_KEEP_S = ("ss", "us", "is", "ys", "as", "os")


@lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """Lowercase, drop a possessive, and reduce a regular plural to its singular."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    elif "'" in w:
        w = w.split("'")[0]
    if len(w) > 3 and w.endswith("s") and not w.endswith(_KEEP_S):
        if w.endswith("ies") and len(w) > 4:
            return w[:-3] + "y"
        if w.endswith(("ches", "shes", "xes", "sses", "zes")):
            return w[:-2]
        return w[:-1]
    return w


def words(text: str) -> list[tuple[str, int, int]]:
    """(normalized word, start, end) for each word of ``text``."""
    return [(normalize_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in words(text))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a normalized word: "flexible" and "flexibility" → "flexibl"."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=4096)
def stem_key(text: str) -> tuple[str, ...]:
    """The stems of a phrase: a looser key than ``phrase_key`` (stretch = stretching)."""
    return stems_of(words(text))


def stems_of(ws: list[tuple[str, int, int]]) -> tuple[str, ...]:
    """``stem_key`` of a text whose ``words`` are given."""
    return tuple([stem(w) for w, _, _ in ws])


def stem_ngrams(texts, longest: int) -> set[tuple[str, ...]]:
    """Every run of 1..``longest`` consecutive stems in each text (to ask "is this phrase anywhere?")."""
    return stem_ngrams_of(map(stem_key, texts), longest)


def stem_ngrams_of(stem_sequences, longest: int, heads: frozenset[str] | None = None) -> set[tuple[str, ...]]:
    """``stem_ngrams`` of texts already stemmed (``stem_key`` of each); with ``heads``, only the runs
    that start with one of those stems."""
    grams: set[tuple[str, ...]] = set()
    if heads is not None:
        lengths = range(1, longest + 1)
        for stems in stem_sequences:
            for p, first in enumerate(stems):
                if first in heads:  # a slice past the end is the shorter run there, also wanted
                    grams.update([stems[p : p + n] for n in lengths])
        return grams
    for stems in stem_sequences:
        for n in range(1, longest + 1):
            grams.update(zip(*(stems[k:] for k in range(n))))
    return grams


class EnglishMatcher:
    """Index of a glossary's accepted and forbidden English renderings."""

    def __init__(self, glossary: Glossary):
        self.index: dict[tuple[str, ...], list[tuple[object, str, str]]] = {}
        for entry in glossary.entries:
            for how, renderings in (("accepted", entry.accepted), ("forbidden", entry.en_forbidden)):
                for rendering in renderings:
                    key = phrase_key(rendering)
                    if key:
                        self.index.setdefault(key, []).append((entry, how, rendering))
        self.first_words: dict[str, int] = {}  # first word of a rendering → words in the longest starting with it
        for k in self.index:
            self.first_words[k[0]] = max(len(k), self.first_words.get(k[0], 0))

    def find(self, segment: Segment, ws: list[tuple[str, int, int]] | None = None) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits; one Hit per entry sharing the rendering. ``ws``: the
        ``words`` of the segment's text, when already computed."""
        ws = words(segment.text) if ws is None else ws
        keys = [w for w, _, _ in ws]
        first = self.first_words
        starts = [i for i, w in enumerate(keys) if w in first]
        hits: list[Hit] = []
        after = 0  # the word after the last hit
        for i in starts:
            if i < after:
                continue
            for n in range(min(first[keys[i]], len(ws) - i), 0, -1):
                found = self.index.get(tuple(keys[i : i + n]))
                if found and _contiguous(segment.text, ws[i : i + n]):
                    start, end = ws[i][1], ws[i + n - 1][2]
                    hits.extend(Hit(e, segment, start, end, how, r) for e, how, r in found)
                    after = i + n
                    break
        return hits


def _contiguous(text: str, run: list[tuple[str, int, int]]) -> bool:
    """Words of a phrase are separated only by spaces or hyphens (not by punctuation)."""
    for (_, _, end), (_, start, _) in zip(run, run[1:]):
        gap = text[end:start]
        if gap.strip(" \t\n-‐–") or len(gap) > 3:
            return False
    return True
