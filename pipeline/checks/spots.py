"""What a proofreading detector reports (``Spot``), and the findings a rule makes of it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from taiyaku.models import Finding, Fix, Segment


class Spot(NamedTuple):
    """A defect at ``text[start:end]``; ``replacement`` (None: no fix) replaces exactly that span."""

    start: int
    end: int
    message: str
    replacement: str | None = None
    safe: bool = False


def findings(rule, seg: Segment, spots: Iterable[Spot]) -> Iterator[Finding]:
    """The findings of ``rule`` for ``spots`` in the sentence ``seg`` (offsets into ``seg.text``)."""
    for sp in spots:
        found = seg.text[sp.start : sp.end]
        fix = None
        if sp.replacement is not None:
            s, e = seg.source_span(sp.start, sp.end)
            fix = Fix(seg.doc.path, s, e, sp.replacement, sp.safe)
        yield rule.at(seg, sp.start, sp.end, sp.message, found=found, suggestion=sp.replacement, fix=fix)
