"""Alignment that keeps to translation units: when the file says which source and target belong
together (XLIFF: every block carries ``Block.unit``), sentences are aligned unit by unit, so a sentence
never pairs across units and a unit without English is an untranslated passage (1-0) whatever its
neighbours look like. Inside a unit the aligner still decides how its sentences pair (a unit may hold
several). Articles without units are aligned as a whole, as before.
"""

from __future__ import annotations

from taiyaku.align.pairing import align_segments
from taiyaku.models import Hit, Pair, Segment


def unit_runs(ja: list[Segment], en: list[Segment]) -> list[tuple[list[Segment], list[Segment]]] | None:
    """(Japanese, English) sentences of each unit in document order, or None unless every sentence
    carries a unit."""
    if not all(s.block.unit is not None for s in (*ja, *en)):
        return None
    units: dict[tuple[str, str], tuple[list[Segment], list[Segment]]] = {}
    first: dict[tuple[str, str], int] = {}
    for side, segments in ((0, ja), (1, en)):
        for s in segments:
            key = (s.doc.path, s.block.unit or "")
            units.setdefault(key, ([], []))[side].append(s)
            first[key] = min(first.get(key, s.block.index), s.block.index)
    return [units[k] for k in sorted(units, key=lambda k: (first[k], k))]


def align_article(ja: list[Segment], en: list[Segment], ja_hits: list[Hit], en_hits: list[Hit]) -> list[Pair]:
    """Pairs covering every sentence of both sides once, in order: unit by unit when the sentences
    carry units (``unit_runs``), else over the whole article (``pairing.align_segments``)."""
    runs = unit_runs(ja, en)
    if runs is None:
        return align_segments(ja, en, ja_hits, en_hits)
    pairs: list[Pair] = []
    for ja_unit, en_unit in runs:
        pairs.extend(align_segments(ja_unit, en_unit, ja_hits, en_hits))
    return pairs
