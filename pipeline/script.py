"""Japanese script classes, defined once: character-class bodies for regular expressions, and kana folding."""

from __future__ import annotations

import re
import unicodedata

HIRAGANA = "\u3041-\u309f"  # ぁ…ゟ, with ゝゞ
KATAKANA = "\u30a0-\u30ff"  # ゠ァ…ヿ, with ー・ヶ
HALFWIDTH_KATAKANA = "\uff66-\uff9f"
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆〇"
JAPANESE = HIRAGANA + KATAKANA + HALFWIDTH_KATAKANA + KANJI  # a character of Japanese script
JAPANESE_PUNCTUATION = "\u3000-\u303f\uff01-\uff65"  # 、。「」〜 and full-width ！？（）…
KANA_LETTERS = "\u3041-\u3096\u30a1-\u30fa\u30fc"  # kana that spell words (no ・, no iteration marks)

_KATA_TO_HIRA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}


def to_hiragana(text: str) -> str:
    """Katakana folded to hiragana (ア → あ); everything else as it is."""
    return text.translate(_KATA_TO_HIRA)


WIDE = ("W", "F")  # East Asian width classes that take two display columns: wide and full-width


def char_width(c: str) -> int:
    """Display columns of one character: two for the ``WIDE`` classes, else one."""
    return 2 if unicodedata.east_asian_width(c) in WIDE else 1


def width(text: str) -> int:
    """Display columns of ``text``: ``char_width`` summed, counted in C."""
    if text.isascii():  # no ASCII character is wide
        return len(text)
    classes = list(map(unicodedata.east_asian_width, text))
    return len(text) + sum(map(classes.count, WIDE))


_ALNUM = re.compile(r"[^\W_]")  # \w less "_": exactly the characters for which str.isalnum() is true


def has_alnum(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does ``text[start:end]`` hold a letter or digit (``any(c.isalnum() for c in …)``, in C)?"""
    return _ALNUM.search(text, start, len(text) if end is None else end) is not None
