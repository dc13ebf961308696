"""What several checks derive from one article, derived once.

``per_article`` keeps a function's value for the article checked last. ``japanese_tokens`` lays the
proofread sentences of an article end to end, so that a rule can find the few sentences worth its
token-by-token look with one search in C over the whole article (a regular expression on one code
character per token, or on the sentence texts) instead of a Python loop over every token.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from itertools import accumulate, chain, repeat
from operator import itemgetter

from taiyaku.analyze.pos import AUXILIARY, CONJUNCTION, PARTICLE, SUFFIX, VERB
from taiyaku.models import Token

# One character per token for the parts of speech rules look for; "-" for every other.
CODES = {PARTICLE: "p", AUXILIARY: "a", VERB: "v", SUFFIX: "s", CONJUNCTION: "c"}
SEPARATOR = "\x00"  # between the sentence texts in ``JapaneseTokens.text``
_POS = itemgetter(Token._fields.index("pos"))  # a token's pos by index: cheaper than by name


def per_article(func: Callable) -> Callable:
    """``func(ctx)``, computed once for each article: the value for the article checked last is kept
    until another article asks or that article is freed (articles are checked one at a time). Callers
    must not change the value."""
    last: list = [None, None]  # weak reference to the article, value

    def forget(_ref) -> None:
        last[:] = [None, None]

    @wraps(func)
    def cached(ctx):
        ref = last[0]
        if ref is not None and ref() is ctx:
            return last[1]
        value = func(ctx)
        try:
            last[:] = [weakref.ref(ctx, forget), value]
        except TypeError:  # an object that takes no weak reference: not kept
            last[:] = [None, None]
        return value

    return cached


class JapaneseTokens:
    """The tokens of ``sentences`` end to end, with one code character each (``CODES``) in ``codes``,
    and the sentence texts joined by ``SEPARATOR`` in ``text``."""

    __slots__ = ("sentences", "tokens", "codes", "text", "_token_ends", "_text_ends")

    def __init__(self, sentences: list) -> None:
        self.sentences = sentences
        self.tokens = list(chain.from_iterable(a.tokens for a in sentences))
        pos1 = map(itemgetter(0), map(_POS, self.tokens))
        self.codes = "".join(map(CODES.get, pos1, repeat("-")))
        self._token_ends = list(accumulate(len(a.tokens) for a in sentences))
        texts = [a.segment.text for a in sentences]
        self.text = SEPARATOR.join(texts)
        self._text_ends = list(accumulate(len(t) + 1 for t in texts))

    def at(self, tokens: Iterable[int] = (), chars: Iterable[int] = ()) -> list:
        """The sentences holding the ``tokens`` (indices into ``tokens``) or the ``chars`` (offsets into
        ``text``), in order, once each."""
        found = {bisect_right(self._token_ends, i) for i in tokens}
        found.update(bisect_right(self._text_ends, i) for i in chars)
        return [self.sentences[k] for k in sorted(found)]

    def token_ranges(self, chars: Iterable[int]) -> Iterator[range]:
        """The indices into ``tokens`` of each sentence holding one of the ``chars``, in order, once each."""
        ends = self._token_ends
        for k in sorted({bisect_right(self._text_ends, i) for i in chars}):
            yield range(ends[k - 1] if k else 0, ends[k])


def find_all(text: str, what: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """The offsets of ``what`` in ``text[start:end]`` (``str.find``, in C: no loop over the characters)."""
    end = len(text) if end is None else end
    i = text.find(what, start, end)
    while i >= 0:
        yield i
        i = text.find(what, i + 1, end)


def proofread(sentence) -> bool:
    """Is this sentence proofread: Japanese script on the Japanese side (not the English of a bilingual
    file, nor Japanese left in it)?"""
    return sentence.segment.lang == "ja" and sentence.segment.side == "ja"


@per_article
def japanese_tokens(ctx) -> JapaneseTokens:
    """The article's proofread sentences laid end to end."""
    return JapaneseTokens([a for a in ctx.ja if proofread(a)])
