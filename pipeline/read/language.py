"""Which language a text is in, by script proportions, and where a block holding both splits.

A kana or kanji character carries about as much text as three Latin letters, so Japanese counts
three times. Short Latin runs inside Japanese (MRI, LINE登録, One Clinic 麹町) and short Japanese inside
English (an untranslated term) do not split a block; a long run of the other language does.
"""

from __future__ import annotations

import re
import string
from dataclasses import replace
from functools import cache

from taiyaku.read.formats import slice_block
from taiyaku.script import HIRAGANA, JAPANESE, JAPANESE_PUNCTUATION
from taiyaku.models import Block, Lang

JA_WEIGHT = 3
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+"
    r"|\b(?:[A-Za-z0-9-]+\.)+(?:com|net|org|info|biz|edu|gov|jp|io|co|me|tv|us|uk)\b(?:/\S*)?"
)
# how _URL's bare domains end: with "@", "://" and "www.", what a text must hold for _URL to match
_DOMAIN_END = re.compile(r"\.(?:com|net|org|info|biz|edu|gov|jp|io|co|me|tv|us|uk)\b")
_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# runs written "[x][x]*", not "[x]+": the regex engine then finds a run's first character by its set
# (findall a third faster on the seeds; the same runs)
_JA_RUN = re.compile(f"[{JAPANESE}][{JAPANESE}]*")
_HIRAGANA_RUN = re.compile(f"[{HIRAGANA}][{HIRAGANA}]*")
_LATIN_RUN = re.compile(f"[{_LATIN_LETTERS}][{_LATIN_LETTERS}]*")
_NOT_ASCII_LETTER = str.maketrans("", "", string.ascii_letters)
_SPLITTABLE = re.compile(r"[A-Za-z]+\W+[A-Za-z]+\W+[A-Za-z]+")  # three Latin words in a row
_SENTENCE_MARKS = "。．.!?！？"
_CLOSERS = "”’\"'」』)）]"  # may follow a sentence end
_OPENERS = "“‘\"'(「『（【〈《["


def script_counts(text: str) -> tuple[int, int]:
    """(kana + kanji characters, Latin letters) in ``text``; URLs and e-mail addresses are ignored."""
    if "@" in text or "." in text and ("://" in text or "www." in text or _DOMAIN_END.search(text)):
        text = _URL.sub(" ", text)
    if text.isascii():  # no Japanese; ASCII letters counted in C by deleting them
        return 0, len(text) - len(text.translate(_NOT_ASCII_LETTER))
    rest = _JA_RUN.sub("", text)  # each script counted by deleting it (no list of runs), Latin from what is left
    return len(text) - len(rest), len(rest) - len(_LATIN_RUN.sub("", rest))


def language_of(text: str) -> Lang | None:
    """ "ja" or "en" by weighted script proportion; None if ``text`` has no letters."""
    return language_of_counts(*script_counts(text))


def language_of_counts(ja: int, en: int) -> Lang | None:
    """:func:`language_of` a text of ``(ja, en)`` :func:`script_counts`."""
    if ja == 0 and en == 0:
        return None
    return "ja" if ja * JA_WEIGHT >= en else "en"


def split_mixed(block: Block, counts: tuple[int, int] | None = None) -> list[Block]:
    """The block split where a long run of one language follows the other, or where a line of one
    language follows a line of the other (a heading and its translation on the next line), each part
    with its ``lang``; ``[block]`` (with ``lang`` set) when there is no such point. ``counts``: the
    block's :func:`script_counts`, when already known."""
    out = []
    for part, lang, _ in mixed_parts(block, counts or script_counts(block.text)):
        lang = lang or block.lang
        out.append(part if part.lang == lang else replace(part, lang=lang))
    return out


def mixed_parts(block: Block, counts: tuple[int, int]) -> list[tuple[Block, Lang | None, tuple[int, int]]]:
    """The parts :func:`split_mixed` cuts ``block`` into (``[block]`` when it does not split), each with
    its language and its script counts, its ``lang`` not yet set. ``counts``: the block's
    :func:`script_counts`. A part's language is None only when the block does not split and has no
    letters; a split part without letters takes the block's."""
    text = block.text
    spans = mixed_spans(text, counts)
    if spans is None:
        return [(block, language_of_counts(*counts), counts)]
    out = []
    for a, b in spans:
        part = script_counts(text[a:b])
        out.append((slice_block(block, a, b), language_of_counts(*part) or block.lang, part))
    return out


def mixed_spans(text: str, counts: tuple[int, int]) -> list[tuple[int, int]] | None:
    """The (start, end) spans, white space trimmed, of the parts :func:`split_mixed` cuts ``text``
    into, or None when it does not split. ``counts``: the text's :func:`script_counts` (a text without
    both scripts outside its URLs never splits)."""
    if not (counts[0] and counts[1]):
        return None
    cuts = sorted(set(_line_cuts(text)) | set(_cuts(text) if _SPLITTABLE.search(text) else ()))
    if not cuts:
        return None
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in zip(bounds, bounds[1:])) if a < b]


def _line_cuts(text: str) -> list[int]:
    """Line breaks between two lines that are each nearly pure, in different languages."""
    if "\n" not in text:
        return []
    out = []
    prev = None  # language of the previous line, if pure
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        ja, en = script_counts(line)
        weight = ja * JA_WEIGHT + en
        lang = None
        if weight:
            lang = "ja" if ja * JA_WEIGHT >= en else "en"
            foreign = en if lang == "ja" else ja * JA_WEIGHT
            if foreign > 0.15 * weight or (lang == "en" and len(line.split()) < 2):
                lang = None  # mixed, or a lone English word (a "Contents" label in a Japanese text)
        if lang is not None and prev is not None and lang != prev[0]:
            out.append(prev[1])
        if weight:
            prev = (lang, end) if lang is not None else None
        start = end + 1
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """``a:b`` less the white space at both ends."""
    part = text[a:b]
    a = b - len(part.lstrip())
    return a, a + len(part.strip())


@cache
def _script_run() -> re.Pattern[str]:
    """A run of Japanese script and punctuation (less the ideographic space), or of Latin letters
    (compiled on first use: only blocks holding both languages need it)."""
    punctuation = JAPANESE_PUNCTUATION.replace("\u3000-", "\u3001-")
    return re.compile(f"([{JAPANESE}{punctuation}]+)|[{_LATIN_LETTERS}]+")


def _cuts(text: str) -> list[int]:
    """Offsets where ``text`` changes language for good: runs of each script are found, short runs
    absorbed by their neighbours, and a change between two long runs is a cut if a sentence ends there
    or both sides are nearly pure."""
    work = _URL.sub(lambda m: " " * len(m.group()), text)
    # runs of one script class, where the class changes (white space, digits and symbols between
    # belong to the run before): [start, class, kana+kanji, hiragana, Latin letters, words, lower-case words]
    # (the quotes a start moves back over hold no letters: the counts are those between class changes)
    runs: list[list] = []
    for m in _script_run().finditer(work):
        part, i = m.group(), m.start()
        cls = "ja" if m.group(1) else "en"
        if not runs or runs[-1][1] != cls:
            k = i
            while runs and k > runs[-1][0] + 1 and text[k - 1] in _OPENERS:  # a quote goes with what it opens
                k -= 1
            runs.append([k if runs else 0, cls, 0, 0, 0, 0, 0])
        run = runs[-1]
        if cls == "ja":
            run[2] += sum(map(len, _JA_RUN.findall(part)))
            run[3] += sum(map(len, _HIRAGANA_RUN.findall(part)))
        else:
            run[4] += len(part)
            if i == 0 or work[i - 1] not in "'’":  # a word starts (not "s" after "don’")
                run[5] += 1
                run[6] += part[0].islower()
    kept: list[tuple[int, str, int]] = []  # long runs (start, class, run index); short ones join the run before
    for j, (start, cls, ja, hira, _, words, lower) in enumerate(runs):
        big = ja >= 12 or (ja >= 8 and hira >= 2) if cls == "ja" else words >= 3 and lower >= 1
        if big and not (kept and kept[-1][1] == cls):
            kept.append((start if kept else 0, cls, j))  # a short run at the start belongs to the first long one
    before = [(0, 0)]  # (kana+kanji, Latin letters) before each run
    for run in runs:
        before.append((before[-1][0] + run[2], before[-1][1] + run[4]))
    total_ja, total_en = before[-1]
    cuts = []
    for (_, left, _), (cut, right, j) in zip(kept, kept[1:]):
        ja, en = before[j]
        both_pure = _pure(ja, en, left) and _pure(total_ja - ja, total_en - en, right)
        if both_pure or _ends_sentence(text, cut):
            cuts.append(cut)
    return cuts


def _ends_sentence(text: str, end: int) -> bool:
    """Does ``text[:end]`` end a sentence: a mark of ``_SENTENCE_MARKS``, then closing quotes or brackets,
    then white space? Only the end is read (a search from the start for each cut made reading a long
    mixed line quadratic)."""
    i = end
    while i and text[i - 1].isspace():
        i -= 1
    while i and text[i - 1] in _CLOSERS:
        i -= 1
    return i > 0 and text[i - 1] in _SENTENCE_MARKS


def _pure(ja: int, en: int, lang: str) -> bool:
    """Is a part with ``ja`` kana+kanji and ``en`` Latin letters nearly all in ``lang``?"""
    foreign = en if lang == "ja" else ja * JA_WEIGHT
    return foreign <= 0.15 * (ja * JA_WEIGHT + en)
