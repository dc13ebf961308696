"""Japanese tokens from MeCab (fugashi + unidic-lite), with exact offsets into the text tokenized."""

from __future__ import annotations

from functools import lru_cache

from .models import Token

_KATA_TO_HIRA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (ー and other characters are kept)."""
    return text.translate(_KATA_TO_HIRA)


@lru_cache(maxsize=1)
def _tagger():
    import fugashi  # heavy: imported on first use only

    try:
        return fugashi.Tagger()
    except RuntimeError as exc:  # pragma: no cover - depends on the machine
        raise RuntimeError(
            "MeCab could not load its dictionary: install it with `pip install unidic-lite`"
        ) from exc


# UniDic (unidic-lite) feature columns; only the last ones may be quoted, so the first 18 split cleanly.
_POS1, _POS2, _CFORM, _LEMMA, _KANA = 0, 1, 5, 7, 17


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``; ``start``/``end`` index ``text`` exactly (white space is skipped)."""
    tokens: list[Token] = []
    append = tokens.append
    find = text.find
    pos = 0
    for word in _tagger()(text):
        surface = word.surface
        start = find(surface, pos)
        if start < 0:  # MeCab never rewrites surfaces; keep going defensively
            start = pos
        pos = start + len(surface)
        f = word.feature_raw.split(",", 18)
        if len(f) > _KANA:
            pos1, pos2, c_form, lemma, kana = f[_POS1], f[_POS2], f[_CFORM], f[_LEMMA], f[_KANA]
        else:  # unknown word: only part of speech is known
            pos1, pos2 = f[_POS1], f[_POS2] if len(f) > 1 else ""
            c_form = lemma = kana = "*"
        gloss = ""
        if lemma == "*" or not lemma:
            lemma = surface
        elif "-" in lemma and not lemma.startswith("-"):
            lemma, _, gloss = lemma.partition("-")
        append(
            Token(
                surface,
                lemma,
                kana.translate(_KATA_TO_HIRA) if kana != "*" and kana else surface,
                (pos1, pos2),
                start,
                pos,
                c_form if c_form != "*" else "",
                gloss,
            )
        )
    return tokens
