"""The Japanese matcher's token screen and chains against their definitions, on real text.

The matcher finds the hits of trying ``_longest_at`` on every token where its first test passes (its
NFKC surface or lemma starts a spelling, or its reading and the next token's do; see
``JapaneseMatcher._start``), as it did before its screen looked further. The screen keeps only such
tokens, and every one of them where a spelling starts; ``_longest_at`` equals a search of every span, and
so does a one-token match the screen gives as final. The definitions are restated here from the
glossary's keys alone, so the matcher's start tables and prefix sets are checked too.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
from taiyaku.analyze.match_ja import _NO_KANA_START, MAX_TOKENS, JapaneseMatcher, _kana_spelling, _Single
from taiyaku.analyze.tokens import tokenize

from .helpers import glossary, segment

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
NTREX_JA = SHARED / "data" / "ntrex128_en-ja" / "newstest2019-ref.jpn.txt"

# awkward cases beside the real text: white space between the tokens of a spelling, full-width letters
# (NFKC differs from the surface), a prefix-only token last, kana spellings, inflections, particles
CASES = [
    "腰 痛があります。",
    "ＭＲＩ検査とMRI検査",
    "施術後に揉み返しが起こる。揉み",
    "もみかえしを防ぐ、揉みかえし、もみ返し",
    "筋肉が揉み返さないように",
    "とても強い押し方です",  # 強い+押し: the lemma sequence of 強く押す from a token no spelling starts with
    "足うらが痛い",  # 足+うら: read あしうら
    "私もみかえしました",
    "臨床ではこういったケース",
    "腰痛が慢性化していく",
    "ぎっくり腰(ぎっくりごし)です",
    "仙腸関節炎と仙腸関節と非中枢性感作",
    "",
    "腰",
]


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


class Definitions:
    """The first test and the longest match, from a matcher's keys (by_surface, by_lemma, by_reading)."""

    def __init__(self, matcher: JapaneseMatcher):
        self.m = matcher
        self.sp = {k[:n] for k in matcher.by_surface for n in range(1, len(k) + 1)}
        self.rp = {k[:n] for k in matcher.by_reading for n in range(1, len(k) + 1)}
        parts = [k.split("\x1f") for k in matcher.by_lemma]
        self.lp = {"\x1f".join(p[:n]) for p in parts for n in range(1, len(p) + 1)}

    def first_test(self, tokens, i: int) -> bool:
        t, sp, lp, rp = tokens[i], self.sp, self.lp, self.rp
        reading_pair = i + 1 < len(tokens) and t.reading + tokens[i + 1].reading in rp
        return (
            nfkc(t.surface) in sp
            or (t.reading in rp and t.pos[0] not in _NO_KANA_START and reading_pair)
            or (nfkc(t.lemma) in lp and (t.lemma in lp or t.reading in rp or t.surface in sp))
        )

    def longest(self, tokens, i: int):
        """(end, key) of the longest span from ``i`` spelled as a key: surface before lemma before
        reading at equal length (a reading match: two tokens or more, with kana, not from a particle)."""
        m, best = self.m, None
        for j in range(i + 1, min(i + MAX_TOKENS, len(tokens)) + 1):
            span = tokens[i:j]
            surface = "".join(nfkc(t.surface) for t in span)
            lemma = "\x1f".join(nfkc(t.lemma) for t in span)
            reading = "".join(t.reading for t in span)
            if surface in m.by_surface:
                best = (j, m.by_surface[surface])
            elif lemma in m.by_lemma:
                best = (j, m.by_lemma[lemma])
            elif reading in m.by_reading and span[0].pos[0] not in _NO_KANA_START and _kana_spelling(span):
                best = (j, m.by_reading[reading])
        return best


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    """Lines of the seeds and of NTREX's Japanese side, plus ``CASES``."""
    lines = list(CASES)
    for path in sorted(SEEDS.glob("0*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    if NTREX_JA.is_file():
        lines += NTREX_JA.read_text(encoding="utf-8").splitlines()
    return tuple(lines)


class Unscreened(JapaneseMatcher):
    """The matcher trying ``_longest_at`` on every token that passes the first test (as it did before
    the screen looked further), with nothing decided in advance."""

    def _screen(self, tokens):
        self._learn(tokens)  # _longest_at reads the NFKC forms
        return [(i, True) for i in range(len(tokens)) if self.definitions.first_test(tokens, i)]


def _hits(matcher: JapaneseMatcher, text: str) -> list[tuple]:
    return [(h.entry.ja, h.start, h.end, h.how, h.rendering) for h in matcher.find(segment(text), tokenize(text))]


def _check(glossary_, texts) -> tuple[int, int]:
    """Assert the screen and ``_longest_at`` agree with their definitions on ``texts``, and that the
    matcher finds the hits of trying every token that passes the first test; return how many tokens
    pass the first test and how many the screen keeps."""
    matcher, unscreened = JapaneseMatcher(glossary_), Unscreened(glossary_)
    unscreened.definitions = d = Definitions(matcher)
    passed = kept = 0
    for text in texts:
        assert _hits(matcher, text) == _hits(unscreened, text), text
        tokens = tokenize(text)
        matcher._learn(tokens)
        first = [i for i in range(len(tokens)) if d.first_test(tokens, i)]
        for i in first:
            assert matcher._longest_at(tokens, i) == d.longest(tokens, i), (text, i)
        kept_values = matcher._screen(tokens)
        for i, value in kept_values:  # a single-token match: as _longest_at and _how have it
            if isinstance(value, _Single):
                assert (i + 1, value.key) == d.longest(tokens, i), (text, i)
                assert value.how == matcher._how(tokens, i, i + 1, value.key), (text, i)
        screen = [i for i, _ in kept_values]
        assert set(screen) <= set(first), text
        assert {i for i in first if d.longest(tokens, i) is not None} <= set(screen), text
        assert screen == sorted(set(screen)), text
        passed, kept = passed + len(first), kept + len(screen)
    return passed, kept


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_screen_and_chains_on_seeds_and_ntrex():
    passed, kept = _check(load_glossary(bundled_glossary_path()), _texts())
    assert 1000 < kept < passed / 2  # the screen leaves out most tokens the first test lets through


@pytest.mark.parametrize(
    "rows",
    [
        # a spelling that is the prefix of another (one token and two), kana spellings, inflected verbs
        ("揉み返し\tpost-massage soreness\tもみ返し|もみかえし\t\t\t", "揉み\tkneading\t\t\t\t", "腰痛\tlow back pain\t\t\t\t"),
        ("揉み返し\tpost-massage soreness\t\t\t\t", "強く押す\tpress firmly\t\t\t\t"),
        # one-token spellings that a longer reading or lemma sequence extends (one token is not final)
        ("足\tfoot\t\t\t\t", "アシウラ\tsole\t\t\t\t", "強い\tstrong\t\t\t\t", "強く押す\tpress firmly\t\t\t\t"),
        # a full-width spelling, a one-kana spelling (matched only on its own token)
        ("ＭＲＩ\tMRI\t\t\t\t", "腰\tlower back\t\t\t\t", "は\tha\t\t\t\t"),
    ],
)
def test_screen_and_chains_on_cases(rows):
    passed, kept = _check(glossary(*rows), CASES)
    assert 0 < kept <= passed
