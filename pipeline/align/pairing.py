"""Align an article's analysed Japanese and English sentences, with glossary terms as extra anchors."""

from __future__ import annotations

from dataclasses import replace

from functools import lru_cache

from taiyaku.align.anchors import en_anchors, ja_anchors
from taiyaku.align.dp import DEFAULT_PARAMS, AlignUnit, align, text_length
from taiyaku.models import Pair

# Pairs scoring at least this are sure enough to compare sentence by sentence (a confident 1-1 pair of
# ordinary sentences scores about 20; a pair held only by its length scores about 0).
CONFIDENT = 5.0


@lru_cache(maxsize=1)
def lexicon():
    """JMdict glosses as extra anchors (the ``jamdict-data`` dependency); None if it is missing."""
    from taiyaku.align.lexicon import Lexicon

    return Lexicon.default()


def _term_keys(hits) -> frozenset[str]:
    """``g:`` keys of a sentence: the glossary terms found in it (its ``hits``). A forbidden rendering
    is no evidence that a sentence translates the term ("rubbing" is wrong for 揉み返し, and may render
    揉む)."""
    return frozenset(["g:" + h.entry.ja for h in hits if h.how != "forbidden"])


def ja_keys(segment, tokens, hits, numbers) -> frozenset[str]:
    """The anchor keys of an analysed Japanese sentence (its tokens, glossary hits, number mentions)."""
    return ja_anchors(segment.text, _term_keys(hits), tokens=tokens, lexicon=lexicon(), numbers=numbers)


def en_keys(segment, hits, numbers) -> frozenset[str]:
    """The anchor keys of an analysed English sentence (its glossary hits, number mentions)."""
    return en_anchors(segment.text, _term_keys(hits), numbers=numbers)


def _starts_block(analyses, i: int) -> bool:
    return i == 0 or analyses[i - 1].segment.block is not analyses[i].segment.block


def _units(analyses) -> list[AlignUnit]:
    return [AlignUnit(text_length(a.segment.text), a.anchors, _starts_block(analyses, i)) for i, a in enumerate(analyses)]


# The length model refitted on one document needs this many sure 1-1 pairs, and is used when its ratio
# differs from the corpus-fitted one by more than REFIT_BY (a translator who writes longer or shorter).
REFIT_PAIRS = 8
REFIT_BY = 0.15


def align_segments(ja, en) -> list[Pair]:
    """Pairs covering every sentence of both sides once, in order, each with its confidence: unit by
    unit when every sentence carries a translation unit (``align.units``; a 1-1 unit is a pairing the
    file asserts, hence sure), else over the whole article."""
    from taiyaku.align.units import unit_runs

    runs = unit_runs(ja, en)
    if runs is None:
        return _align(ja, en)
    pairs: list[Pair] = []
    for ja_run, en_run in runs:
        got = _align(tuple(ja_run), tuple(en_run))
        if len(got) == 1 and len(got[0].ja) == 1 and len(got[0].en) == 1:
            got = [replace(got[0], confidence="sure")]
        pairs.extend(got)
    return pairs


def _align(ja, en) -> list[Pair]:
    """The alignment of analysed sentences. The length ratio is refitted on the document's sure 1-1
    pairs and the document aligned again when it differs from the corpus-fitted prior."""
    units_ja, units_en = _units(ja), _units(en)
    beads = align(units_ja, units_en)
    sure = [b for b in beads if len(b.ja) == 1 and len(b.en) == 1 and b.score >= CONFIDENT]
    if len(sure) >= REFIT_PAIRS:
        ja_chars = sum(units_ja[b.ja[0]].length for b in sure)
        en_chars = sum(units_en[b.en[0]].length for b in sure)
        ratio = en_chars / ja_chars if ja_chars else DEFAULT_PARAMS.ratio
        if abs(ratio / DEFAULT_PARAMS.ratio - 1) > REFIT_BY:
            beads = align(units_ja, units_en, params=replace(DEFAULT_PARAMS, ratio=ratio))
    pairs = [(tuple(ja[i].segment for i in b.ja), tuple(en[j].segment for j in b.en), b.score) for b in beads]
    levels = confidences(pairs)
    return [Pair(j, e, score, level) for (j, e, score), level in zip(pairs, levels)]


def confidences(pairs) -> list[str]:
    """"sure" for a pair with both sides and a high score; "likely" for a 1-1 pair in a stretch between
    two sure pairs (or the ends of the text) where every pair is 1-1, so position alone decides it;
    "unsure" for the rest (and for sentences aligned with nothing)."""
    sure = [bool(j and e and score >= CONFIDENT) for j, e, score in pairs]
    out = ["unsure"] * len(pairs)
    start = 0
    for i in range(len(pairs) + 1):
        if i < len(pairs) and not sure[i]:
            continue
        if all(len(pairs[k][0]) == 1 and len(pairs[k][1]) == 1 for k in range(start, i)):
            out[start:i] = ["likely"] * (i - start)
        if i < len(pairs):
            out[i] = "sure"
        start = i + 1
    return out
