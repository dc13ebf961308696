"""The rule registry: each check is a function registered with its code, name, category, scope and
default severity; its docstring is its documentation (``taiyaku rules``, ``taiyaku explain``).

The scope says how the engine calls it (``dispatch``):

- ``segment``: ``func(ctx, analysis)`` for every sentence (``SegmentAnalysis``) of an article, or only
  for those its ``sentences(ctx)`` gives: the ones it may report on, found for the whole article at once;
- ``pair``: ``func(ctx, pair)`` for every alignment bead of a bilingual article;
- ``article``: ``func(ctx)`` once per article;
- ``corpus``: ``collect(ctx)`` once per article (a small picklable record), then ``func(records)``
  once, after every article is done.

``ctx`` is the article's ``ArticleAnalysis``. Checks never print and never exit.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

from taiyaku.models import Finding, Fix, Hit, Related, Segment, Severity

CHECK_MODULES = ("terminology", "consistency", "untranslated", "alignment", "proofreading", "site", "site_terms",
                 "approved")
SCOPES = ("segment", "pair", "article", "corpus")
_REGISTRY: dict[str, "Rule"] = {}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    scope: str  # one of SCOPES
    func: Callable[..., Iterable[Finding]]
    aligned: bool = False  # reads the sentence alignment (pair-scope rules always do)
    collect: Callable | None = None  # corpus scope: the per-article record
    default: bool = True  # runs unless ignored; False: only when selected by code, prefix or name
    sentences: Callable | None = None  # segment scope: ctx → the sentences func may report on, in order

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def at(self, segment: Segment, start: int, end: int, message: str, **fields) -> Finding:
        """A finding over ``segment.text[start:end]``."""
        s, e = segment.source_span(start, end)
        return Finding(self.code, self.name, self.category, self.severity, segment.doc.path, s, e, message,
                       segments=(segment.ref,), mark=(start, end), **fields)

    def over(self, first: Segment, last: Segment, message: str, **fields) -> Finding:
        """A finding from the start of sentence ``first`` to the end of sentence ``last`` (same file and
        side), covering every sentence between them."""
        s, e = first.source_span()[0], last.source_span()[1]
        refs = tuple((first.side, i) for i in range(first.index, last.index + 1))
        return Finding(self.code, self.name, self.category, self.severity, first.doc.path, s, e, message,
                       segments=refs, **fields)

    def at_hit(self, hit: Hit, message: str, **fields) -> Finding:
        return self.at(hit.segment, hit.start, hit.end, message, **fields)

    def at_term(self, hit: Hit, message: str, *, suggestion: str, **fields) -> Finding:
        """A finding about the glossary term ``hit`` found: term, found text and suggestion filled in."""
        e = hit.entry
        return self.at_hit(hit, message, term=(e.ja, e.en), found=hit.text, suggestion=suggestion, **fields)


MAX_RELATED = 10  # places of a term listed with one finding: its message gives the full count


def related_hits(hits: Iterable[Hit]) -> tuple[Related, ...]:
    """The first ``MAX_RELATED`` of ``hits`` as related locations (a finding per place of a term would
    otherwise list every other place: quadratic in an article that uses the term thousands of times)."""
    return tuple(related(h) for h in islice(hits, MAX_RELATED))


def related(hit: Hit) -> Related:
    """The location of a glossary hit, as a related location."""
    s, e = hit.source_span()
    return Related(hit.segment.doc.path, s, e, hit.text, hit.segment.ref, (hit.start, hit.end))


def related_segment(segment: Segment) -> Related:
    s, e = segment.source_span()
    return Related(segment.doc.path, s, e, segment.text)


def replace_fix(hit: Hit, replacement: str, *, safe: bool) -> Fix:
    """A fix replacing the hit's text, keeping a leading capital."""
    if hit.text[:1].isupper() and replacement[:1].islower():
        replacement = replacement[:1].upper() + replacement[1:]
    s, e = hit.source_span()
    return Fix(hit.segment.doc.path, s, e, replacement, safe)


def rule(code: str, name: str, *, category: str, severity: Severity, scope: str = "article",
         aligned: bool = False, collect: Callable | None = None, default: bool = True,
         sentences: Callable | None = None):
    """Register the decorated check function; it can reach its Rule as ``func.rule``. A corpus-scope
    rule names its per-article ``collect`` function. A rule whose measured precision is too low to run
    for everyone is registered with ``default=False``: it runs only when selected explicitly. A
    segment-scope rule that reports on few sentences may name a ``sentences`` function giving, for an
    article, every sentence it could report on (more is fine, one fewer is a missed finding): it is
    called on those only."""
    if scope not in SCOPES:
        raise ValueError(f"rule {code}: unknown scope {scope!r}")
    if (scope == "corpus") != (collect is not None):
        raise ValueError(f"rule {code}: a corpus-scope rule, and only one, needs collect")
    if sentences is not None and scope != "segment":
        raise ValueError(f"rule {code}: only a segment-scope rule picks its sentences")

    def register(func):
        if code in _REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        func.rule = _REGISTRY[code] = Rule(code, name, category, severity, scope, func, aligned or scope == "pair",
                                           collect, default, sentences)
        return func

    return register


def dispatch(ctx, rules: Iterable[Rule]) -> list[Finding]:
    """The findings of the segment-, pair- and article-scope ``rules`` on one analysed article."""
    out: list[Finding] = []
    for r in rules:
        if r.scope == "segment":
            for analysis in (*ctx.ja, *ctx.en) if r.sentences is None else r.sentences(ctx):
                out.extend(r.func(ctx, analysis))
        elif r.scope == "pair":
            for pair in ctx.pairs:
                out.extend(r.func(ctx, pair))
        elif r.scope == "article":
            out.extend(r.func(ctx))
    return out


def registry() -> dict[str, Rule]:
    """All rules, by code, in code order."""
    for module in CHECK_MODULES:
        importlib.import_module(f"taiyaku.checks.{module}")
    return dict(sorted(_REGISTRY.items()))
