"""One run of ``taiyaku check``: articles in, sorted findings out. Never prints, never exits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .context import Matchers, analyze
from .glossary import Glossary
from .models import Article, Finding
from .report import Report, sort_key
from .rules import Rule, registry
from .selection import Selection


@dataclass
class Options:
    selection: Selection = Selection()


def check_articles(articles: Sequence[Article], glossary: Glossary, options: Options | None = None) -> Report:
    """Run every selected rule on every article."""
    options = options or Options()
    rules = registry()
    options.selection.validate(rules)
    active: list[Rule] = [r for r in rules.values() if options.selection.enabled(r)]
    matchers = Matchers.build(glossary)
    findings: list[Finding] = []
    documents = {}
    for article in articles:
        for doc in article.documents:
            documents[doc.path] = doc
        ctx = analyze(article, matchers)
        for r in active:
            findings.extend(r.func(ctx))
    findings.sort(key=sort_key)
    return Report(findings, documents)
