"""Blocks → sentences (``Segment``s with offsets into their block's text).

Japanese: a sentence ends after 。！？!? (with the closing brackets that follow), never inside a short
「」/『』 quote, and at a line break unless the line is cut mid-sentence: it ends in a particle, a
conjunctive form, a conjunction or adverb, or the next line starts with a particle (MeCab decides).
English: a sentence ends after . ! ? followed by white space and a capital, digit or quote, except
after abbreviations, initials and ellipses.
"""

from __future__ import annotations

import re

from taiyaku.models import Document, Segment
from taiyaku.script import JAPANESE

_TERM = "。！？!?．"
_CLOSE = "」』）)】〉》”’\"'"
_QUOTES = {"「": "」", "『": "』", "“": "”"}
_QUOTE_CHARS = re.compile("[「」『』“”]")
_JA_BREAK = re.compile(f"[{_TERM}]+[{_CLOSE}]*|\n")
_QUOTE_MAX = 100  # a quote longer than this may hold sentences of its own
_JOIN_CHARS = "、，,・:：;；"
_PARTICLE_INITIALS = set("がをにとではものへやかまよなっ")  # where a particle can start (cheap filter)
_OPENERS = ("でも", "では、", "で、", "が、", "とはいえ", "というのも")  # conjunctions MeCab may read as particles
_CONTINUING_POS = {"接続詞", "連体詞", "接頭辞", "副詞"}
_EN_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]*[A-Z0-9" + JAPANESE + "])")
_ABBREV = {
    "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "etc", "vs", "approx", "no", "u.s", "u.k",
    "a.m", "p.m", "fig", "jr", "sr", "inc", "ltd", "co", "mt", "dept", "al", "ca", "cf", "nos", "vol", "pp",
}
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def segment(doc: Document, first_ja: int = 0, first_en: int = 0) -> tuple[list[Segment], list[Segment]]:
    """(Japanese-side, English-side) sentences of ``doc``, indexed from ``first_ja``/``first_en``
    (the sentences of an article's earlier documents).

    In a bilingual document a block's side is its language; in a "ja" or "en" document every block is
    on the document's side (so Japanese left in an English file shows up there, with ``lang="ja"``).
    """
    sides: dict[str, list[Segment]] = {"ja": [], "en": []}
    first = {"ja": first_ja, "en": first_en}
    for block in doc.blocks:
        name = block.lang if doc.role not in sides else doc.role
        side = sides[name]
        spans = split_ja(block.text) if block.lang == "ja" else split_en(block.text)
        for start, end in spans:
            side.append(Segment(doc, block, start, end, block.lang, first[name] + len(side), name))
    return sides["ja"], sides["en"]


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Spans between cuts, white space trimmed; spans without a letter or digit are dropped."""
    out = []
    prev = 0
    for cut in cuts + [len(text)]:
        a, b = prev, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b and any(c.isalnum() for c in text[a:b]):
            out.append((a, b))
        prev = cut
    return out


def _quoted(text: str) -> list[bool]:
    """Which characters lie inside a short, closed quote."""
    inside = [False] * len(text)
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_CHARS.finditer(text):
        c, i = m.group(), m.start()
        if c in _QUOTES:
            stack.append((_QUOTES[c], i))
        elif stack and c == stack[-1][0]:
            _, start = stack.pop()
            if i - start <= _QUOTE_MAX:
                inside[start + 1 : i] = [True] * (i - start - 1)
    return inside


def split_ja(text: str) -> list[tuple[int, int]]:
    """Japanese sentence spans of ``text`` (offsets into it)."""
    inside = _quoted(text) if _QUOTE_CHARS.search(text) else None
    cuts: list[int] = []
    line_start = 0
    for m in _JA_BREAK.finditer(text):
        i = m.start()
        if inside and inside[i]:
            if m.group() == "\n":
                line_start = i + 1
            continue
        if m.group() == "\n":
            if not _continues(text, line_start, i):
                cuts.append(i)
            line_start = i + 1
        elif not _particle_follows(text, m.end()):  # "大丈夫か?\nを一瞬で判断し": one sentence
            cuts.append(m.end())
    return _spans(text, cuts)


def _particle_follows(text: str, pos: int) -> bool:
    """Does the text after ``pos`` (white space skipped) start with a particle, which no sentence does?"""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    if pos >= n or text[pos] not in _PARTICLE_INITIALS or text.startswith(_OPENERS, pos):
        return False
    from taiyaku.analyze.tokens import tokenize

    head = tokenize(text[pos : pos + 12].split("\n", 1)[0])
    return bool(head) and head[0].start == 0 and head[0].pos[0] == "助詞" and head[0].pos[1] != "終助詞"


def _continues(text: str, line_start: int, nl: int) -> bool:
    """Does the sentence go on past the line break at ``nl``?"""
    line = text[line_start:nl].rstrip()
    if not line:
        return False
    if line[-1] in _TERM:  # already ended, unless a particle follows ("大丈夫か?\nを一瞬で判断し")
        return _particle_follows(text, nl + 1)
    if line[-1] in _JOIN_CHARS:
        return True
    from taiyaku.analyze.tokens import tokenize  # MeCab only where a line break is in question

    if line[-1] not in _CLOSE:
        tail = tokenize(line[-24:])
        if tail:
            last = tail[-1]
            pos1, pos2 = last.pos
            if pos1 == "助詞" and pos2 != "終助詞":
                return True
            if pos1 in ("動詞", "助動詞", "形容詞") and last.conj_form.startswith("連用形"):
                return True
            if pos1 in _CONTINUING_POS:
                return True
    return _particle_follows(text, nl + 1)


def split_en(text: str) -> list[tuple[int, int]]:
    """English sentence spans of ``text`` (offsets into it)."""
    cuts = []
    for m in _EN_END.finditer(text):
        punct = m.group().rstrip("\"”’')]")
        if punct.startswith(".") and ".." in punct:
            continue  # an ellipsis inside a sentence
        if punct[0] == ".":
            w = _WORD_BEFORE.search(text[max(0, m.start() - 24) : m.start()])
            if w:
                word = w.group(1)
                if word.lower().rstrip(".") in _ABBREV or (len(word) == 1 and word.isupper()):
                    continue
        cuts.append(m.end())
    return _spans(text, cuts)
