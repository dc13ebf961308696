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


def active_rules(options: Options) -> list[Rule]:
    """The rules the options select (raises InputError for an unknown code)."""
    rules = registry()
    options.selection.validate(rules)
    return [r for r in rules.values() if options.selection.enabled(r)]


def check_article(article: Article, matchers: Matchers, rules: Sequence[Rule]) -> list[Finding]:
    """The findings of ``rules`` on one article, unsorted."""
    ctx = analyze(article, matchers)
    findings: list[Finding] = []
    for r in rules:
        findings.extend(r.func(ctx))
    return findings


def check_articles(articles: Sequence[Article], glossary: Glossary, options: Options | None = None) -> Report:
    """Run every selected rule on every article."""
    options = options or Options()
    rules = active_rules(options)
    matchers = Matchers.build(glossary)
    findings: list[Finding] = []
    documents = {}
    for article in articles:
        for doc in article.documents:
            documents[doc.path] = doc
        findings.extend(check_article(article, matchers, rules))
    findings.sort(key=sort_key)
    return Report(findings, documents)
