"""Which language a text is in, by script proportions, and where a block holding both splits.

A kana or kanji character carries about as much text as three Latin letters, so Japanese counts
three times. Short Latin runs inside Japanese (MRI, LINE登録, One Clinic 麹町) and short Japanese inside
English (an untranslated term) do not split a block; a long run of the other language does.
"""

from __future__ import annotations

import re
import string
from dataclasses import replace

from taiyaku.read.formats import slice_block
from taiyaku.script import JAPANESE
from taiyaku.models import Block, Lang

JA_WEIGHT = 3
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+"
    r"|\b(?:[A-Za-z0-9-]+\.)+(?:com|net|org|info|biz|edu|gov|jp|io|co|me|tv|us|uk)\b(?:/\S*)?"
)
_DOMAIN_END = re.compile(r"\.(?:com|net|org|info|biz|edu|gov|jp|io|co|me|tv|us|uk)\b")  # in every _URL domain
_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_JA_CHARS = re.compile(f"[{JAPANESE}]")
_JA_RUN = re.compile(f"[{JAPANESE}]+")
_LATIN = re.compile(f"[{_LATIN_LETTERS}]")
_LATIN_RUN = re.compile(f"[{_LATIN_LETTERS}]+")
_NOT_ASCII_LETTER = str.maketrans("", "", string.ascii_letters)
_SPLITTABLE = re.compile(r"[A-Za-z]+\W+[A-Za-z]+\W+[A-Za-z]+")  # three Latin words in a row
_SENTENCE_END = re.compile(r"[。．.!?！？][”’\"'」』)）\]]*\s*$")
_OPENERS = "“‘\"'(「『（【〈《["


def _is_ja(c: str) -> bool:
    return _JA_CHARS.match(c) is not None


def _is_ja_mark(c: str) -> bool:
    """Japanese script or Japanese punctuation (。、「」！？ full-width forms), not the ideographic space."""
    o = ord(c)
    return _is_ja(c) or (0x3001 <= o <= 0x303F) or (0xFF01 <= o <= 0xFF65)  # JAPANESE_PUNCTUATION, less \u3000


def _is_latin(c: str) -> bool:
    return _LATIN.match(c) is not None


def script_counts(text: str) -> tuple[int, int]:
    """(kana + kanji characters, Latin letters) in ``text``; URLs and e-mail addresses are ignored."""
    if "@" in text or "." in text and ("://" in text or "www." in text or _DOMAIN_END.search(text)):
        text = _URL.sub(" ", text)
    if text.isascii():  # no Japanese; ASCII letters counted in C by deleting them
        return 0, len(text) - len(text.translate(_NOT_ASCII_LETTER))
    return sum(map(len, _JA_RUN.findall(text))), sum(map(len, _LATIN_RUN.findall(text)))


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
    text = block.text
    counts = counts or script_counts(text)
    spans = mixed_spans(text, counts)
    if spans is None:
        lang = language_of_counts(*counts) or block.lang
        return [block if block.lang == lang else replace(block, lang=lang)]
    return [replace(slice_block(block, a, b), lang=language_of(text[a:b]) or block.lang) for a, b in spans]


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
    for end in [*(i for i, c in enumerate(text) if c == "\n"), len(text)]:
        line = text[start:end]
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
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _cuts(text: str) -> list[int]:
    """Offsets where ``text`` changes language for good: runs of each script are found, short runs
    absorbed by their neighbours, and a change between two long runs is a cut if a sentence ends there
    or both sides are nearly pure."""
    work = _URL.sub(lambda m: " " * len(m.group()), text)
    n = len(work)
    # prefix counts: kana+kanji, hiragana, Latin letters, words, lower-case words
    ja, hira, en, words, lower = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    runs: list[tuple[int, str]] = []  # (start, class) where the script changes
    prev = None
    for i, c in enumerate(work):
        j_, h_, e_, w_, l_ = ja[i], hira[i], en[i], words[i], lower[i]
        cls = None
        if _is_ja_mark(c):
            cls = "ja"
            if _is_ja(c):
                j_ += 1
                h_ += "\u3041" <= c <= "\u309f"
        elif _is_latin(c):
            cls = "en"
            e_ += 1
            if i == 0 or not _is_latin(work[i - 1]) and work[i - 1] not in "'’":
                w_ += 1
                l_ += c.islower()
        ja[i + 1], hira[i + 1], en[i + 1], words[i + 1], lower[i + 1] = j_, h_, e_, w_, l_
        if cls is not None and cls != prev:
            k = i
            while runs and k > runs[-1][0] + 1 and text[k - 1] in _OPENERS:  # a quote goes with what it opens
                k -= 1
            runs.append((k if runs else 0, cls))
            prev = cls

    def big(a: int, b: int, cls: str) -> bool:
        if cls == "ja":
            nj = ja[b] - ja[a]
            return nj >= 12 or (nj >= 8 and hira[b] - hira[a] >= 2)
        return words[b] - words[a] >= 3 and lower[b] - lower[a] >= 1

    def pure(a: int, b: int, cls: str) -> bool:
        nj, ne = ja[b] - ja[a], en[b] - en[a]
        foreign = ne if cls == "ja" else nj * JA_WEIGHT
        return foreign <= 0.15 * (nj * JA_WEIGHT + ne)

    ends = [r[0] for r in runs[1:]] + [n]
    kept: list[tuple[int, str]] = []  # long runs (start, class); short runs belong to the one before
    for (start, cls), end in zip(runs, ends):
        if big(start, end, cls) and not (kept and kept[-1][1] == cls):
            kept.append((start if kept else 0, cls))  # a short run at the start belongs to the first long one
    cuts = []
    for (_, left), (cut, right) in zip(kept, kept[1:]):
        if _SENTENCE_END.search(text, 0, cut) or (pure(0, cut, left) and pure(cut, n, right)):
            cuts.append(cut)
    return cuts
