"""Blocks → sentences (``Segment``s with offsets into their block's text).

A block boundary always ends a sentence; a line break inside a block ends one when the block's
evidence says so (``analyze.line_breaks``, the same rules for both languages).
Japanese: a sentence also ends after 。！？!? (with the closing brackets that follow), never inside a
short 「」/『』 quote, and not before a particle.
English: a sentence also ends after . ! ? followed by white space and a capital, digit or quote,
except after abbreviations, initials (not ordinals: "the 21st. The"), names written with "!" (Yahoo!)
and inside ellipses.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from taiyaku.analyze.line_breaks import hard_breaks, particle_follows
from taiyaku.models import Document, Segment
from taiyaku.script import JAPANESE, has_alnum

_TERM = "。！？!?．"
_CLOSE = "」』）)】〉》”’\"'"
_QUOTES = {"「": "」", "『": "』", "“": "”"}
_QUOTE_CHARS = re.compile("[「」『』“”]")
# "[x][x]*" rather than "[x]+": the regex engine then scans for the first character by its set (a
# third less time over the seeds' text; the same matches)
_JA_END = re.compile(f"[{_TERM}][{_TERM}]*[{_CLOSE}]*")
_QUOTE_MAX = 40  # a quote longer than this may hold sentences of its own
_EN_END = re.compile(r"[.!?][.!?]*[\"”’')\]]*(?=\s+[\"“‘'(\[]*[A-Z0-9" + JAPANESE + "])")
_ABBREV = {
    "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "etc", "vs", "approx", "no", "u.s", "u.k",
    "a.m", "p.m", "fig", "jr", "sr", "inc", "ltd", "co", "mt", "dept", "al", "ca", "cf", "nos", "vol", "pp",
}
_WORD_BEFORE = re.compile(r"(?<![0-9])([A-Za-z][A-Za-z.]*)$")  # "21st." is an ordinal, not "St."
_BANG_NAMES = frozenset({"yahoo", "jeopardy", "wham"})  # names written with "!"
_BEFORE_NUMBER = frozenset({"no", "nos", "vol", "pp", "fig"})  # abbreviations only before a number: "no." ends
_DOTTED_END = frozenset({"u.s", "u.k", "a.m", "p.m", "etc"})  # also end a sentence before these words
_STARTERS = frozenset("The It He She We They This That These In At On A An But And So I You There If When".split())


def _abbreviation(word: str, after: str) -> bool:
    """Is the "." after ``word`` an abbreviation's, not a sentence end, given the text ``after`` it?"""
    key = word.lower().rstrip(".")
    following = after.lstrip(" \t\n\"“‘'([")
    if key in _BEFORE_NUMBER:
        return following[:1].isdigit()
    if key in _DOTTED_END:
        return following.split(" ", 1)[0] not in _STARTERS
    return key in _ABBREV or (len(word) == 1 and word.isupper())


def segment(doc: Document, first_ja: int = 0, first_en: int = 0) -> tuple[list[Segment], list[Segment]]:
    """(Japanese-side, English-side) sentences of ``doc``, indexed from ``first_ja``/``first_en``
    (the sentences of an article's earlier documents).

    In a bilingual document a block's side is its language; in a "ja" or "en" document every block is
    on the document's side (so Japanese left in an English file shows up there, with ``lang="ja"``).
    """
    sides: dict[str, list[Segment]] = {"ja": [], "en": []}
    first = {"ja": first_ja, "en": first_en}
    role = doc.role if doc.role in sides else None
    for block in doc.blocks:
        lang = block.lang
        name = role or lang
        side = sides[name]
        index = first[name] + len(side)
        for start, end in split_ja(block.text) if lang == "ja" else split_en(block.text):
            side.append(Segment(doc, block, start, end, lang, index, name))
            index += 1
    return sides["ja"], sides["en"]


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Spans between cuts (ascending; repeats allowed), white space trimmed; spans without a letter or
    digit are dropped."""
    out = []
    prev = 0
    for cut in (*cuts, len(text)):
        part = text[prev:cut]
        core = part.strip()
        if core and has_alnum(core):
            start = prev if core is part else cut - len(part.lstrip())
            out.append((start, start + len(core)))
        prev = cut
    return out


def _short_quotes(text: str) -> tuple[list[int], list[int]]:
    """The text inside short, closed quotes, as (starts, ends) of disjoint ascending spans (quotes
    that nest or touch are merged): ``_inside`` bisects them, so a block with many quotes stays linear."""
    spans = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_CHARS.finditer(text):
        c, i = m.group(), m.start()
        if c in _QUOTES:
            stack.append((_QUOTES[c], i))
        elif stack and c == stack[-1][0]:
            _, start = stack.pop()
            if i - start <= _QUOTE_MAX:
                spans.append((start + 1, i))
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if a >= b:
            continue  # an empty quote holds no character
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _inside(quotes: tuple[list[int], list[int]], i: int) -> bool:
    starts, ends = quotes
    k = bisect_right(starts, i) - 1
    return k >= 0 and i < ends[k]


def split_ja(text: str) -> list[tuple[int, int]]:
    """Japanese sentence spans of ``text`` (offsets into it)."""
    n = len(text)
    hard = hard_breaks(text, "ja") if "\n" in text else ()  # these end a sentence even inside a quotation
    ends: list[int] = []
    quotes = None  # short quotes, found when a sentence end is first in question
    for m in _JA_END.finditer(text):
        end = m.end()
        if end == n or end in hard:
            continue  # the end of the text, or a line break that ends the sentence anyway
        if quotes is None:
            quotes = _short_quotes(text) if _QUOTE_CHARS.search(text) else ([], [])
        if quotes[0] and _inside(quotes, m.start()) and _inside(quotes, end - 1):
            continue  # inside a short quotation, unless the quotation closes with this sentence end
        if not particle_follows(text, end):  # "大丈夫か?\nを一瞬で判断し", 「…。」と: one sentence
            ends.append(end)
    return _spans(text, sorted({*hard, *ends}) if hard else ends)


def split_en(text: str) -> list[tuple[int, int]]:
    """English sentence spans of ``text`` (offsets into it): at the line breaks that end a sentence,
    and after . ! ? followed by a capital, except after abbreviations, initials, names written with
    "!" (Yahoo!) and inside ellipses."""
    cuts = sorted(hard_breaks(text, "en"))
    for m in _EN_END.finditer(text):
        punct = m.group().rstrip("\"”’')]")
        if punct.startswith(".") and ".." in punct:
            continue  # an ellipsis inside a sentence
        if punct == "!" and (w := _WORD_BEFORE.search(text[max(0, m.start() - 24) : m.start()])):
            if w.group(1).lower() in _BANG_NAMES:
                continue
        if punct[0] == ".":
            w = _WORD_BEFORE.search(text[max(0, m.start() - 24) : m.start()])
            if w and _abbreviation(w.group(1), text[m.end() :]):
                continue
        cuts.append(m.end())
    return _spans(text, sorted(set(cuts)))
