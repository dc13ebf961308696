"""Find glossary terms in Japanese on MeCab token boundaries, by surface, lemma and reading.

A term never matches part of a token, and a term glued to a prefix or suffix that makes another concept
(仙腸関節 in 仙腸関節炎, 中枢性感作 in 非中枢性感作) is not that term. Where entries overlap, the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taiyaku.analyze.glossary import Entry, Glossary, nfkc
from taiyaku.analyze.pos import AUXILIARY, BLANK, PARTICLE, PREFIX, SUFFIX, SUPPLEMENTARY_SYMBOL, SYMBOL
from taiyaku.models import Hit, Segment, Token
from taiyaku.analyze.tokens import tokenize
from taiyaku.script import HIRAGANA, KANA_LETTERS, KANJI, KATAKANA

# Suffixes that keep the concept (grammatical or "the X part/side/time"); any other noun-forming
# suffix (炎, 症, 痛, 病, 剤 …) makes another term.
NEUTRAL_SUFFIXES = frozenset(
    "的 等 達 たち ら さん 様 さま 類 系 化 性 中 後 前 時 用 型 式 別 内 外 上 下 側 部 面 感 付近 周り 全体 自体".split()
)
# Prefixes that keep the concept: the honorifics お/ご (御).
NEUTRAL_PREFIXES = frozenset("御 お ご".split())
_KANA = re.compile(f"[{KANA_LETTERS}]")
# A reading in parentheses after kanji: 腰方形筋(ようほうけいきん). Its kana are not a spelling of a term.
_FURIGANA = re.compile(f"(?<=[{KANJI}])[(（][{HIRAGANA}{KATAKANA}\\s]+[)）]")
MAX_TOKENS = 10
_NEVER_STARTS = frozenset((SUPPLEMENTARY_SYMBOL, BLANK))
_FUNCTION = frozenset((PARTICLE, AUXILIARY))
_BOUNDARY = frozenset((PARTICLE, SUPPLEMENTARY_SYMBOL, SYMBOL, BLANK))
_NO_KANA_START = frozenset((PARTICLE, AUXILIARY, SUFFIX))  # a reading match never starts on these


@dataclass(frozen=True, slots=True)
class _Key:
    entry: Entry
    spelling: str
    reading: str


@dataclass(frozen=True, slots=True)
class _Single:
    """A match of one token that no next token can make longer: its key, and how it matched."""

    key: _Key
    how: str


CACHE_LIMIT = 50_000  # entries of a matcher's per-text tables, together


class JapaneseMatcher:
    """Index of a glossary's Japanese spellings: surface, lemma sequence and reading."""

    def __init__(self, glossary: Glossary):
        self.by_surface: dict[str, _Key] = {}
        self.by_lemma: dict[str, _Key] = {}
        self.by_reading: dict[str, _Key] = {}
        for entry in glossary.entries:
            for spelling in entry.spellings:
                tokens = tokenize(spelling)
                key = _Key(entry, spelling, "".join(t.reading for t in tokens))
                self.by_surface.setdefault(spelling, key)
                self.by_lemma.setdefault("\x1f".join(t.lemma for t in tokens), key)
                self.by_reading.setdefault("".join(t.reading for t in tokens), key)
        # the prefixes of the spellings (lemma sequences, readings), and those of them that are not the
        # whole of every key they begin (something may follow them)
        self._surface_prefixes, self._surface_open = _prefixes(self.by_surface)
        self._reading_prefixes, self._reading_open = _prefixes(self.by_reading)
        self._lemma_prefixes, self._lemma_open = _prefixes(self.by_lemma, "\x1f")
        # per-text tables, filled by ``_learn`` from the tokens seen (plain dicts: indexed per token, and
        # a dict subclass with ``__missing__`` is slower to index)
        self._nfkc: dict[str, str] = {}  # a token's surface or lemma -> its NFKC form
        self._starts: dict[tuple, object] = {}  # a token's (surface, lemma, reading, pos) -> ``_start``
        self._chains = (  # what _longest_at reads, in one attribute
            self._surface_prefixes, self._lemma_prefixes, self._reading_prefixes,
            self.by_surface, self.by_lemma, self.by_reading, self._nfkc,
        )

    def find(self, segment: Segment, tokens: list[Token]) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits in ``segment`` (whose ``tokens`` are given)."""
        try:
            starts = self._screen(tokens)
        except KeyError:
            self._learn(tokens)
            starts = self._screen(tokens)
        if not starts:
            return []
        hits: list[Hit] = []
        furigana = None
        after = 0  # the token after the last hit: the next hit starts there or later
        longest_at = self._longest_at
        last = len(tokens) - 1
        for i, value in starts:
            if i < after:
                continue
            pos1 = tokens[i].pos[0]
            if pos1 in _NEVER_STARTS or (pos1 in _FUNCTION and i and tokens[i - 1].pos[0] not in _BOUNDARY):
                # punctuation, or a particle/auxiliary attached to the word before it: no term starts
                # here, and a kana run that would (私も見返し read as もみかえし) is a coincidence
                continue
            if value.__class__ is _Single and (i == last or (tokens[i + 1].surface and tokens[i + 1].reading)):
                j, key, how = i + 1, value.key, value.how  # (an empty next string would extend a chain)
            else:
                best = longest_at(tokens, i)
                if best is None:
                    continue
                (j, key), how = best, None
            if self._glued(tokens, i, j):
                continue
            start, end = tokens[i].start, tokens[j - 1].end
            if furigana is None:
                text = segment.text
                furigana = [m.span() for m in _FURIGANA.finditer(text)] if "(" in text or "（" in text else []
            after = j
            if furigana and any(a <= start and end <= b for a, b in furigana):
                continue
            hits.append(Hit(key.entry, segment, start, end, how or self._how(tokens, i, j, key), key.spelling))
        return hits

    def _learn(self, tokens: list[Token]) -> None:
        """Add the tokens' contents to the per-text tables (emptied first when they would grow past
        ``CACHE_LIMIT``)."""
        starts, nf = self._starts, self._nfkc
        if len(starts) + len(nf) + 3 * len(tokens) > CACHE_LIMIT:
            starts.clear()
            nf.clear()
        for t in tokens:
            for text in (t.surface, t.lemma):
                if text not in nf:
                    nf[text] = nfkc(text)
            if t[:4] not in starts:
                starts[t[:4]] = self._start(t)

    def _start(self, t: Token):
        """What a token with this content says about a match starting on it, independently of where it
        is: True if one does (the first test lets ``_longest_at`` look, and a chain ends in a spelling on
        this token), a ``_Single`` if that match is this token alone whatever follows, False if none can,
        else the string of each of its chains that starts a spelling (NFKC surface, NFKC lemma, reading;
        None for the others): a match starts there only if the next token continues one of them.

        The first test (as the matcher always had it): the token's NFKC surface or lemma starts a
        spelling, or it may start a reading match (``_kana_spelling``: two tokens or more, not from a
        particle, auxiliary or suffix); its NFKC lemma counts only when its surface, or its raw lemma
        or reading, also starts one."""
        nf, sp, lp, rp = self._nfkc, self._surface_prefixes, self._lemma_prefixes, self._reading_prefixes
        surface, lemma, reading = nf[t.surface], nf[t.lemma], t.reading
        s_alive, l_alive = surface in sp, lemma in lp  # (the lemma chain of _longest_at)
        r_alive = reading in rp and t.pos[0] not in _NO_KANA_START
        l_first = l_alive and (s_alive or t.lemma in lp or reading in rp or t.surface in sp)
        if surface in self.by_surface or (l_first and lemma in self.by_lemma):
            if not (
                surface in self._surface_open
                or (l_alive and lemma in self._lemma_open)
                or (r_alive and reading in self._reading_open)
            ):
                key = self.by_surface[surface] if surface in self.by_surface else self.by_lemma[lemma]
                return _Single(key, self._how([t], 0, 1, key))
            return True
        if not (s_alive or l_first or r_alive):
            return False
        return surface if s_alive else None, lemma if l_first else None, reading if r_alive else None

    def _screen(self, tokens: list[Token]) -> list[tuple[int, object]]:
        """(index, ``_start`` value) of the tokens where ``_longest_at`` may find a spelling: the value of
        their content says so, or gives the strings of their chains and the next token continues one.
        Raises KeyError when a token's content (or the next token's surface or lemma) is not in the
        per-text tables yet."""
        starts, nf = self._starts, self._nfkc
        sp, lp, rp = self._surface_prefixes, self._lemma_prefixes, self._reading_prefixes
        last = len(tokens) - 1
        return [
            (i, v)
            for i, t in enumerate(tokens)
            if (v := starts[t[:4]])
            and (
                v.__class__ is not tuple
                or (  # v: the strings of its surface, lemma and reading chains: does the next token continue one?
                    i < last
                    and (
                        ((c := v[0]) is not None and c + nf[tokens[i + 1].surface] in sp)
                        or ((c := v[2]) is not None and c + tokens[i + 1].reading in rp)
                        or ((c := v[1]) is not None and c + "\x1f" + nf[tokens[i + 1].lemma] in lp)
                    )
                )
            )
        ]

    def _longest_at(self, tokens: list[Token], i: int):
        """The longest spelling starting at token ``i``: (end token index, key) or None.

        Three chains grow token by token (surface, lemma sequence, reading); each stops as soon as it is
        no longer the prefix of a glossary spelling. At equal length surface beats lemma beats reading.
        The reading chain does not start on a particle, an auxiliary or a suffix (``_kana_spelling``).
        """
        sp, lp, rp, by_surface, by_lemma, by_reading, nf = self._chains
        t = tokens[i]
        surface, lemma, reading = nf[t.surface], nf[t.lemma], t.reading
        s_alive, l_alive = surface in sp, lemma in lp
        r_alive = reading in rp and t.pos[0] not in _NO_KANA_START
        best = None
        j = i
        stop = i + MAX_TOKENS
        if stop > len(tokens):  # (min() costs a fifth of a call that finds nothing)
            stop = len(tokens)
        while True:  # until no chain is alive (after the first token if none starts there)
            if s_alive and surface in by_surface:
                best = (j + 1, by_surface[surface])
            elif l_alive and lemma in by_lemma:
                best = (j + 1, by_lemma[lemma])
            elif r_alive and reading in by_reading and _kana_spelling(tokens[i : j + 1]):
                best = (j + 1, by_reading[reading])
            j += 1
            if j == stop:
                return best
            t = tokens[j]
            if s_alive:
                surface += nf[t.surface]
                s_alive = surface in sp
            if l_alive:
                lemma += "\x1f" + nf[t.lemma]
                l_alive = lemma in lp
            if r_alive:
                reading += t.reading
                r_alive = reading in rp
            if not (s_alive or l_alive or r_alive):
                return best

    @staticmethod
    def _glued(tokens: list[Token], i: int, j: int) -> bool:
        """Does a prefix before ``i`` or a suffix after ``j`` turn the match into another term?"""
        if i > 0:
            before = tokens[i - 1]
            if before.pos[0] == PREFIX and before.end == tokens[i].start and before.lemma not in NEUTRAL_PREFIXES:
                return True
        if j < len(tokens):
            after = tokens[j]
            if (
                after.pos[0] == SUFFIX
                and after.start == tokens[j - 1].end
                and after.surface not in NEUTRAL_SUFFIXES
                and after.lemma not in NEUTRAL_SUFFIXES
            ):
                return True
        return False

    def _how(self, tokens: list[Token], i: int, j: int, key: _Key) -> str:
        """"surface"/"variant" when ``tokens[i:j]`` are spelled as listed, "reading" for another kana/kanji
        spelling of the same word, "lemma" for an inflected form. Most hits are one token: no joining."""
        if j - i == 1:
            surface, reading = self._nfkc[tokens[i].surface], tokens[i].reading
        else:
            surface, reading = nfkc("".join([t.surface for t in tokens[i:j]])), None
        if surface == key.spelling:
            return "surface" if key.spelling == key.entry.ja else "variant"
        if reading is None:
            reading = "".join([t.reading for t in tokens[i:j]])
        return "reading" if reading == key.reading else "lemma"


def _kana_spelling(tokens: list[Token]) -> bool:
    """Can these tokens be another spelling of a term that has the same reading?

    Only when kana are involved, over more than one token (one token with a different lemma is a
    homophone: 大体 is not 大腿), not ending on a particle or auxiliary (ないか is not 内科), and not
    starting on one or on a suffix bound to the word before (では+こう is not 跛行, 慢性+化し is not 下肢).
    """
    if len(tokens) < 2 or tokens[-1].pos[0] in (PARTICLE, AUXILIARY) or tokens[0].pos[0] in _NO_KANA_START:
        return False
    return bool(_KANA.search("".join(t.surface for t in tokens)))


def _prefixes(keys, separator: str = "") -> tuple[set[str], set[str]]:
    """The prefixes of ``keys`` (ending between parts when keys are ``separator``-joined parts), and those
    of them that are shorter than a key they begin."""
    shorter: set[str] = set()
    for k in keys:
        if separator:
            parts = k.split(separator)
            shorter.update([separator.join(parts[:n]) for n in range(1, len(parts))])
        else:
            shorter.update([k[:n] for n in range(1, len(k))])
    return shorter.union(keys), shorter
