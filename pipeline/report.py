"""The result of a run: findings in a stable order, with the documents needed to place them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .models import SEVERITIES, Document, Finding


@dataclass
class Report:
    """``documents`` maps each path to what rendering needs of it (``position``, ``line_text``, ``role``,
    ``encoding``); ``views`` holds per-article views for formats that show whole articles (html)."""

    findings: list[Finding]
    documents: dict[str, Document] = field(default_factory=dict)
    views: list = field(default_factory=list)

    def position(self, path: str, offset: int) -> tuple[int, int]:
        return self.documents[path].position(offset)

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_category(self) -> dict[str, int]:
        return dict(sorted(Counter(f.category for f in self.findings).items()))

    def by_rule(self) -> list[tuple[str, str, int]]:
        counts = Counter((f.rule, f.name) for f in self.findings)
        return [(code, name, n) for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def sort_key(f: Finding):
    return (f.path, f.start, f.end, f.rule, f.message)
