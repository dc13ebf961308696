"""The rule registry: each check is a function registered with its code, name, category, scope and
default severity; its docstring is its documentation (``taiyaku rules``, ``taiyaku explain``)."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from taiyaku.models import Finding, Fix, Hit, Related, Segment, Severity

CHECK_MODULES = ("terminology", "consistency", "untranslated", "alignment", "proofreading")
_REGISTRY: dict[str, "Rule"] = {}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    scope: str  # "sentence" | "pair" | "article"
    func: Callable[..., Iterable[Finding]]
    default: bool = True  # False: runs only when selected by its code, a prefix or its name, not by ALL

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def at(self, segment: Segment, start: int, end: int, message: str, **fields) -> Finding:
        """A finding over ``segment.text[start:end]``."""
        s, e = segment.source_span(start, end)
        return Finding(self.code, self.name, self.category, self.severity, segment.doc.path, s, e, message, **fields)

    def over(self, first: Segment, last: Segment, message: str, **fields) -> Finding:
        """A finding from the start of sentence ``first`` to the end of sentence ``last`` (same file)."""
        s, e = first.source_span()[0], last.source_span()[1]
        return Finding(self.code, self.name, self.category, self.severity, first.doc.path, s, e, message, **fields)

    def at_hit(self, hit: Hit, message: str, **fields) -> Finding:
        return self.at(hit.segment, hit.start, hit.end, message, **fields)


def related(hit: Hit) -> Related:
    s, e = hit.source_span()
    return Related(hit.segment.doc.path, s, e, hit.text)


def related_segment(segment: Segment) -> Related:
    s, e = segment.source_span()
    return Related(segment.doc.path, s, e, segment.text)


def replace_fix(hit: Hit, replacement: str, *, safe: bool) -> Fix:
    """A fix replacing the hit's text, keeping a leading capital."""
    if hit.text[:1].isupper() and replacement[:1].islower():
        replacement = replacement[:1].upper() + replacement[1:]
    s, e = hit.source_span()
    return Fix(hit.segment.doc.path, s, e, replacement, safe)


def rule(code: str, name: str, *, category: str, severity: Severity, scope: str = "article", default: bool = True):
    """Register the decorated check function; it can reach its Rule as ``func.rule``. A rule with
    ``default=False`` runs only when selected explicitly (by code, prefix or name), not by ``ALL``."""

    def register(func):
        if code in _REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        func.rule = _REGISTRY[code] = Rule(code, name, category, severity, scope, func, default)
        return func

    return register


def registry() -> dict[str, Rule]:
    """All rules, by code, in code order."""
    for module in CHECK_MODULES:
        importlib.import_module(f"taiyaku.checks.{module}")
    return dict(sorted(_REGISTRY.items()))
