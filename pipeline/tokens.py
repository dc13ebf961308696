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


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``; ``start``/``end`` index ``text`` exactly (white space is skipped)."""
    tokens: list[Token] = []
    pos = 0
    for word in _tagger()(text):
        surface = word.surface
        start = text.find(surface, pos)
        if start < 0:  # MeCab never rewrites surfaces; keep going defensively
            start = pos
        end = start + len(surface)
        pos = end
        f = word.feature
        lemma = f.lemma if f.lemma and f.lemma != "*" else surface
        lemma, _, gloss = lemma.partition("-") if not lemma.startswith("-") else (lemma, "", "")
        kana = f.kana if f.kana and f.kana != "*" else surface
        tokens.append(
            Token(
                surface=surface,
                lemma=lemma,
                reading=to_hiragana(kana),
                pos=(f.pos1 or "", f.pos2 or ""),
                start=start,
                end=end,
                conj_form=f.cForm if f.cForm and f.cForm != "*" else "",
                gloss=gloss,
            )
        )
    return tokens
