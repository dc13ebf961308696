"""Translation units: when the file says which source and target belong together (XLIFF: every block
carries ``Block.unit``), sentences are aligned unit by unit, so a sentence never pairs across units and
a unit without English is an untranslated passage (1-0) whatever its neighbours look like. Inside a unit
the aligner still decides how its sentences pair (a unit may hold several). Articles without units are
aligned as a whole.
"""

from __future__ import annotations


def unit_runs(ja, en) -> list[tuple[list, list]] | None:
    """(Japanese, English) analysed sentences of each unit in document order, or None unless every
    sentence carries a unit."""
    if not all(a.segment.block.unit is not None for a in (*ja, *en)):
        return None
    units: dict[tuple[str, str], tuple[list, list]] = {}
    first: dict[tuple[str, str], int] = {}
    for side, analyses in ((0, ja), (1, en)):
        for a in analyses:
            s = a.segment
            key = (s.doc.path, s.block.unit or "")
            units.setdefault(key, ([], []))[side].append(a)
            first[key] = min(first.get(key, s.block.index), s.block.index)
    return [units[k] for k in sorted(units, key=lambda k: (first[k], k))]
