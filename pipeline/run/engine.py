"""One run of ``taiyaku check``: articles in, sorted findings out. Never prints, never exits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from taiyaku.analyze.context import Matchers, analyze
from taiyaku.analyze.glossary import Glossary
from taiyaku.models import Article, Finding
from taiyaku.run.report import Report, sort_key
from taiyaku.checks.registry import Rule, registry
from taiyaku.project.selection import Selection


@dataclass
class Options:
    selection: Selection = Selection()
    views: bool = False  # also build each article's view (pipeline.views) for the html format


def active_rules(options: Options) -> list[Rule]:
    """The rules the options select (raises InputError for an unknown code)."""
    rules = registry()
    options.selection.validate(rules)
    return [r for r in rules.values() if options.selection.enabled(r)]


def check_article(article: Article, matchers: Matchers, rules: Sequence[Rule], *, view: bool = False):
    """(findings of ``rules`` on one article, unsorted; the article's view, or None)."""
    ctx = analyze(article, matchers)
    findings: list[Finding] = []
    for r in rules:
        findings.extend(r.func(ctx))
    if not view:
        return findings, None
    from taiyaku.output.views import article_view

    return findings, article_view(ctx, findings)


def check_articles(articles: Sequence[Article], glossary: Glossary, options: Options | None = None) -> Report:
    """Run every selected rule on every article."""
    options = options or Options()
    rules = active_rules(options)
    matchers = Matchers.build(glossary)
    report = Report([], {})
    for article in articles:
        for doc in article.documents:
            report.documents[doc.path] = doc
        found, view = check_article(article, matchers, rules, view=options.views)
        report.findings.extend(found)
        if view is not None:
            report.views.append(view)
    report.findings.sort(key=sort_key)
    return report
