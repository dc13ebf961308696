"""Which line breaks inside a block end a sentence, decided from evidence in the block, the same way for
both languages.

A block (a paragraph of a text file, a ``<p>`` with ``<br>``) may hold one sentence per line, headlines
and list items without final punctuation, text hard-wrapped at a fixed width, or sentences broken
mid-way (seed 001). A line break ends the sentence when:

- the line ends with final punctuation (。！？.!?…, closing quotes after it), unless a Japanese
  particle starts the next line ("大丈夫か?⏎を一瞬で判断し");
- most lines of the block end with final punctuation (one sentence per line): an unpunctuated line
  is then a headline or an item of its own, unless it ends with a comma (、,) or the next line starts
  in lower case;
- otherwise the block is wrapped or broken: the line continues when it is about as long as the
  block's longest line (wrapped at a width), when English goes on in lower case or after a comma,
  conjunction or preposition, and when Japanese ends in a particle, a conjunctive form, a conjunction
  or adverb, or the next line starts with a particle (MeCab decides); else it ends there.
"""

from __future__ import annotations

import re

from taiyaku.analyze.pos import ADJECTIVE, ADNOMINAL, ADVERB, AUXILIARY, CONJUNCTION, FINAL_PARTICLE, PARTICLE, PREFIX, VERB
from taiyaku.analyze.tokens import edge_word  # light: MeCab is loaded on its first call
from taiyaku.script import width

_FINAL = "。！？!?．.…"
_CLOSE = "」』）)】〉》”’\"'"
_JA_JOIN = "、，,・:：;；"
_EN_JOIN = ",;:-–—("
_EN_GOES_ON = frozenset(
    "a an the and or but nor of to in on at for with by from as than that which who whose when while "
    "if because so into onto over under about after before between through".split()
)
_WORD = re.compile(r"[A-Za-z]+$")
_WRAPPED = 0.85  # a line at least this share of the block's longest line was wrapped at a width
_MIN_WIDTH = {"ja": 32, "en": 40}  # display columns; a shorter longest line is not a wrapping width


def _ends_sentence(line: str) -> bool:
    """Does the line end with final punctuation (closing quotes and brackets after it allowed)?"""
    core = line.rstrip(_CLOSE)
    return bool(core) and core[-1] in _FINAL


def hard_breaks(text: str, lang: str) -> set[int]:
    """Offsets of the ``"\\n"`` of ``text`` that end a sentence (``lang``: "ja" or "en")."""
    if "\n" not in text:
        return set()
    lines = text.split("\n")
    body = [line.strip() for line in lines]
    ended = [line != "" and _ends_sentence(line) for line in body]  # each line's, found once
    per_line = sum(ended[:-1]) >= max(1, (len(body) - 1) / 2)
    widths: list[int] = []  # display widths of the lines, measured only if a break needs them

    def full_width(k: int) -> bool:
        if not widths:
            widths.extend(width(line) for line in body)
        longest = max(widths)
        return widths[k] >= _WRAPPED * longest and longest >= _MIN_WIDTH[lang]

    out = set()
    newline = -1
    for k in range(len(lines) - 1):
        line_start = newline + 1
        newline = line_start + len(lines[k])
        line, following = body[k], body[k + 1]
        if not line or not following or not _continues(
            text, line_start, newline, line, following, ended[k], lang, per_line, lambda k=k: full_width(k)
        ):
            out.add(newline)
    return out


def _continues(text: str, line_start: int, newline: int, line: str, following: str, ended: bool, lang: str,
               per_line: bool, full_width) -> bool:
    """Does the sentence go on past this line break? (``ended``: the line ends with final punctuation;
    ``full_width()``: is this line about as wide as the block's widest, so wrapped at a width?)"""
    if ended:
        return lang == "ja" and particle_follows(text, newline + 1)
    if lang == "en":
        if following[:1].islower() or line[-1] in _EN_JOIN:
            return True
        if per_line:
            return False
        word = _WORD.search(line)
        return full_width() or (word is not None and word.group().lower() in _EN_GOES_ON)
    if line[-1] in _JA_JOIN:
        return True
    if per_line:
        return False
    return full_width() or _japanese_goes_on(text, line_start, newline)


_PARTICLE_INITIALS = set("がをにとではものへやかまよなっ")  # where a particle can start (cheap filter)
_OPENERS = ("でも", "では、", "で、", "が、", "とはいえ", "というのも")  # conjunctions MeCab may read as particles
_CONTINUING_POS = {CONJUNCTION, ADNOMINAL, PREFIX, ADVERB}
_QUOTATIVE = ("と", "って", "など", "とか", "との", "という")


def particle_follows(text: str, pos: int) -> bool:
    """Does the text after ``pos`` (white space skipped) start with a particle, which no sentence does?"""
    n = len(text)
    quoted = pos > 0 and text[pos - 1] in "」』"
    while pos < n and text[pos].isspace():
        pos += 1
    if quoted and text.startswith(_QUOTATIVE, pos):  # 「…。」と言った: the quotation is part of the sentence
        return True
    if pos >= n or text[pos] not in _PARTICLE_INITIALS or text.startswith(_OPENERS, pos):
        return False
    head = edge_word(text[pos : pos + 12].split("\n", 1)[0])  # starts with kana: its first word starts at pos
    return head is not None and head[0][0] == PARTICLE and head[0][1] != FINAL_PARTICLE


def _japanese_goes_on(text: str, line_start: int, newline: int) -> bool:
    """A Japanese line cut mid-sentence: it ends in a particle, a conjunctive form, a conjunction or
    adverb, or the next line starts with a particle (MeCab decides)."""
    line = text[line_start:newline].rstrip()
    if line[-1] not in _CLOSE:
        tail = edge_word(line[-24:], last=True)
        if tail:
            (pos1, pos2), conj_form = tail
            if pos1 == PARTICLE and pos2 != FINAL_PARTICLE:
                return True
            if pos1 in (VERB, AUXILIARY, ADJECTIVE) and conj_form.startswith("連用形"):
                return True
            if pos1 in _CONTINUING_POS:
                return True
    return particle_follows(text, newline + 1)
