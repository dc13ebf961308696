"""Align an article's Japanese and English sentences, with glossary terms as extra anchors."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from taiyaku.align.dp import align, en_unit, ja_unit
from taiyaku.models import Hit, Pair, Segment


@lru_cache(maxsize=1)
def lexicon():
    """JMdict glosses as extra anchors (the ``jamdict-data`` dependency); None if it is missing."""
    from taiyaku.align.lexicon import Lexicon

    return Lexicon.default()


def _term_keys(hits: list[Hit]) -> dict[int, frozenset[str]]:
    """``g:`` keys per segment: the glossary terms found in it. A forbidden rendering is no evidence
    that a sentence translates the term ("rubbing" is wrong for 揉み返し, and may render 揉む)."""
    keys: dict[int, set[str]] = defaultdict(set)
    for h in hits:
        if h.how != "forbidden":
            keys[id(h.segment)].add("g:" + h.entry.ja)
    return {k: frozenset(v) for k, v in keys.items()}


def _starts_block(segments: list[Segment], i: int) -> bool:
    return i == 0 or segments[i - 1].block is not segments[i].block


def align_segments(ja: list[Segment], en: list[Segment], ja_hits: list[Hit], en_hits: list[Hit]) -> list[Pair]:
    """Pairs covering every sentence of both sides once, in order."""
    ja_terms, en_terms = _term_keys(ja_hits), _term_keys(en_hits)
    empty: frozenset[str] = frozenset()
    ja_units = [
        ja_unit(
            s.text, boundary=_starts_block(ja, i), extra=ja_terms.get(id(s), empty), tokens=s.tokens, lexicon=lexicon()
        )
        for i, s in enumerate(ja)
    ]
    en_units = [
        en_unit(s.text, boundary=_starts_block(en, i), extra=en_terms.get(id(s), empty)) for i, s in enumerate(en)
    ]
    return [
        Pair([ja[i] for i in bead.ja], [en[j] for j in bead.en], bead.score) for bead in align(ja_units, en_units)
    ]
