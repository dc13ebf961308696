"""Find glossary terms in Japanese on MeCab token boundaries, by surface, lemma and reading.

A term never matches part of a token, and a term glued to a prefix or suffix that makes another concept
(仙腸関節 in 仙腸関節炎, 中枢性感作 in 非中枢性感作) is not that term. Where entries overlap, the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from taiyaku.analyze.glossary import Entry, Glossary, nfkc
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
_NEVER_STARTS = frozenset(("補助記号", "空白"))
_FUNCTION = frozenset(("助詞", "助動詞"))
_BOUNDARY = frozenset(("助詞", "補助記号", "記号", "空白"))
_NO_KANA_START = frozenset(("助詞", "助動詞", "接尾辞"))  # a reading match never starts on these


@dataclass(frozen=True, slots=True)
class _Key:
    entry: Entry
    spelling: str
    reading: str


CACHE_LIMIT = 50_000  # entries of each per-text cache of a matcher


class _Memo(dict):
    """``function`` of small recurring strings (token surfaces and lemmas), computed once each: a
    cache emptied when it reaches ``CACHE_LIMIT`` entries."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, text: str):
        if len(self) >= CACHE_LIMIT:
            self.clear()
        value = self[text] = self.function(text)
        return value


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
        self._surface_prefixes = _prefixes(self.by_surface)
        self._reading_prefixes = _prefixes(self.by_reading)
        self._lemma_prefixes = {
            "\x1f".join(parts[:n]) for k in self.by_lemma for parts in [k.split("\x1f")] for n in range(1, len(parts) + 1)
        }
        self._nfkc = _Memo(nfkc)
        # does a token's NFKC surface (lemma) start a spelling (lemma sequence)? Plain dicts, filled by
        # ``_learn``: a dict subclass with ``__missing__`` is slower to index, and they are indexed per token
        self._surface_starts: dict[str, bool] = {}
        self._lemma_starts: dict[str, bool] = {}

    def find(self, segment: Segment, tokens: list[Token]) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits in ``segment`` (whose ``tokens`` are given)."""
        starts = self._starts(tokens)
        if not starts:
            return []
        hits: list[Hit] = []
        furigana = None
        after = 0  # the token after the last hit: the next hit starts there or later
        longest_at = self._longest_at
        for i in starts:
            if i < after:
                continue
            pos1 = tokens[i].pos[0]
            if pos1 in _NEVER_STARTS or (pos1 in _FUNCTION and i and tokens[i - 1].pos[0] not in _BOUNDARY):
                # punctuation, or a particle/auxiliary attached to the word before it: no term starts
                # here, and a kana run that would (私も見返し read as もみかえし) is a coincidence
                continue
            best = longest_at(tokens, i)
            if best is None:
                continue
            j, key = best
            if self._glued(tokens, i, j):
                continue
            start, end = tokens[i].start, tokens[j - 1].end
            if furigana is None:
                text = segment.text
                furigana = [m.span() for m in _FURIGANA.finditer(text)] if "(" in text or "（" in text else []
            after = j
            if furigana and any(a <= start and end <= b for a, b in furigana):
                continue
            hits.append(Hit(key.entry, segment, start, end, self._how(tokens, i, j, key), key.spelling))
        return hits

    def _starts(self, tokens: list[Token]) -> list[int]:
        """``_screen`` of ``tokens``, after learning their surfaces and lemmas if some are new."""
        try:
            return self._screen(tokens)
        except KeyError:
            self._learn(tokens)
            return self._screen(tokens)

    def _learn(self, tokens: list[Token]) -> None:
        """Add the surfaces and lemmas of ``tokens`` to the start tables (emptied first when they would
        grow past ``CACHE_LIMIT``)."""
        ss, ls, nf = self._surface_starts, self._lemma_starts, self._nfkc
        if max(len(ss), len(ls)) + len(tokens) > CACHE_LIMIT:
            ss.clear()
            ls.clear()
        sp, lp = self._surface_prefixes, self._lemma_prefixes
        for t in tokens:
            if t.surface not in ss:
                ss[t.surface] = nf[t.surface] in sp
            if t.lemma not in ls:
                ls[t.lemma] = nf[t.lemma] in lp

    def _screen(self, tokens: list[Token]) -> list[int]:
        """Indices of the tokens where ``_longest_at`` may find a spelling: its NFKC surface or lemma
        starts a spelling, or it may start a reading match (``_kana_spelling``: two tokens or more)
        and its reading and the next token's start one. A token's NFKC lemma counts only when its raw
        lemma, reading or surface also starts one (as the matcher's first test always had it). Raises
        KeyError when a surface or lemma is not in the start tables yet."""
        ss, ls, rp, no_kana = self._surface_starts, self._lemma_starts, self._reading_prefixes, _NO_KANA_START
        sp, lp = self._surface_prefixes, self._lemma_prefixes
        last = len(tokens) - 1
        return [
            i
            for i, t in enumerate(tokens)
            if ss[t.surface]
            or (t.reading in rp and t.pos[0] not in no_kana and i < last and t.reading + tokens[i + 1].reading in rp)
            or (ls[t.lemma] and (t.lemma in lp or t.reading in rp or t.surface in sp))
        ]

    def _longest_at(self, tokens: list[Token], i: int):
        """The longest spelling starting at token ``i``: (end token index, key) or None.

        Three chains grow token by token (surface, lemma sequence, reading); each stops as soon as it is
        no longer the prefix of a glossary spelling. At equal length surface beats lemma beats reading.
        The reading chain does not start on a particle, an auxiliary or a suffix (``_kana_spelling``).
        """
        sp, lp, rp, nf = self._surface_prefixes, self._lemma_prefixes, self._reading_prefixes, self._nfkc
        t = tokens[i]
        surface, lemma, reading = nf[t.surface], nf[t.lemma], t.reading
        s_alive, l_alive = surface in sp, lemma in lp
        r_alive = reading in rp and t.pos[0] not in _NO_KANA_START
        best = None
        by_surface, by_lemma, by_reading = self.by_surface, self.by_lemma, self.by_reading
        j = i
        stop = min(i + MAX_TOKENS, len(tokens))
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
            if before.pos[0] == "接頭辞" and before.end == tokens[i].start and before.lemma not in NEUTRAL_PREFIXES:
                return True
        if j < len(tokens):
            after = tokens[j]
            if (
                after.pos[0] == "接尾辞"
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
            surface, reading = self._nfkc["".join([t.surface for t in tokens[i:j]])], None
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
    if len(tokens) < 2 or tokens[-1].pos[0] in ("助詞", "助動詞") or tokens[0].pos[0] in _NO_KANA_START:
        return False
    return bool(_KANA.search("".join(t.surface for t in tokens)))


def _prefixes(keys) -> set[str]:
    out: set[str] = set()
    for k in keys:
        for n in range(1, len(k) + 1):
            out.add(k[:n])
    return out
