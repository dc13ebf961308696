"""Hepburn romanization of a kana reading, folded for matching against English spellings of names.

``romanize("こうじまち") == "kojimachi"``, ``romanize("はんぞうもん") == "hanzomon"``. The folding is for
*matching*, not for display: long vowels lose their length (ou → o, oo → o, uu → u, ー dropped), ん is
always "n" (Shimbashi and Shinbashi both fold to "shinbashi" through :func:`fold_latin`), and no
apostrophe is written before a vowel. The same :func:`fold_latin` is applied to English words so the two
sides meet in one key space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from taiyaku.script import to_hiragana

__all__ = ["romanize", "fold_latin"]

# Basic syllables (hiragana; katakana is mapped to hiragana first).
_BASE: dict[str, str] = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
    "ゃ": "ya", "ゅ": "yu", "ょ": "yo", "ゎ": "wa", "ゕ": "ka", "ゖ": "ke",
}

# Two-kana combinations (yōon and the extended katakana spellings of loanwords).
_PAIRS: dict[str, str] = {}
for _k, _r in {
    "き": "ky", "ぎ": "gy", "に": "ny", "ひ": "hy", "び": "by", "ぴ": "py", "み": "my", "り": "ry",
}.items():
    _PAIRS[_k + "ゃ"] = _r + "a"
    _PAIRS[_k + "ゅ"] = _r + "u"
    _PAIRS[_k + "ょ"] = _r + "o"
    _PAIRS[_k + "ぇ"] = _r + "e"
for _k, _r in {"し": "sh", "ち": "ch", "じ": "j", "ぢ": "j"}.items():
    _PAIRS[_k + "ゃ"] = _r + "a"
    _PAIRS[_k + "ゅ"] = _r + "u"
    _PAIRS[_k + "ょ"] = _r + "o"
    _PAIRS[_k + "ぇ"] = _r + "e"
_PAIRS.update(
    {
        "てぃ": "ti", "でぃ": "di", "とぅ": "tu", "どぅ": "du", "てゅ": "tyu", "でゅ": "dyu",
        "ふぁ": "fa", "ふぃ": "fi", "ふぇ": "fe", "ふぉ": "fo", "ふゅ": "fyu",
        "うぃ": "wi", "うぇ": "we", "うぉ": "wo", "いぇ": "ye",
        "ゔぁ": "va", "ゔぃ": "vi", "ゔぇ": "ve", "ゔぉ": "vo", "ゔゅ": "vyu",
        "つぁ": "tsa", "つぃ": "tsi", "つぇ": "tse", "つぉ": "tso",
        "くぁ": "kwa", "くぃ": "kwi", "くぇ": "kwe", "くぉ": "kwo", "ぐぁ": "gwa",
        "すぃ": "si", "ずぃ": "zi",
    }
)

_VOWELS = set("aeiou")


def _syllables(kana: str) -> list[str]:
    """Hepburn syllables of a hiragana string; unknown characters are kept as they are."""
    out: list[str] = []
    i, n = 0, len(kana)
    while i < n:
        two = kana[i : i + 2]
        if two in _PAIRS:
            out.append(_PAIRS[two])
            i += 2
            continue
        out.append(_BASE.get(kana[i], kana[i]))
        i += 1
    return out


@lru_cache(maxsize=8192)
def romanize(reading: str, *, fold: bool = True) -> str:
    """Hepburn romanization of a hiragana/katakana reading (see module docstring for the folding).

    Characters that are not kana (Latin letters, digits, kanji) are kept, lowercased when Latin.
    """
    kana = to_hiragana(unicodedata.normalize("NFKC", reading))
    syl = _syllables(kana)
    parts: list[str] = []
    geminate = False
    for s in syl:
        if s == "っ":
            geminate = True
            continue
        if s == "ー":
            if not fold and parts and parts[-1] and parts[-1][-1] in _VOWELS:
                parts.append(parts[-1][-1])
            continue
        if geminate:
            geminate = False
            if s.startswith("ch"):
                s = "t" + s
            elif s and s[0] not in _VOWELS and s[0].isascii() and s[0].isalpha():
                s = s[0] + s
        parts.append(s)
    text = "".join(parts).lower()
    return fold_latin(text) if fold else text


_FOLD_RE = re.compile(r"ou|oo|uu|oh(?![aeiouy])")


@lru_cache(maxsize=65536)
def fold_latin(word: str) -> str:
    """Fold a romanized word for matching: strip macrons, lowercase, ou/oo/oh → o, uu → u, m+b/m/p → n."""
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(c for c in w if not unicodedata.combining(c))
    w = w.replace("'", "").replace("’", "").replace("-", "")
    w = _FOLD_RE.sub(lambda m: "u" if m.group(0) == "uu" else "o", w)
    w = re.sub(r"m(?=[bmp])", "n", w)
    return w
