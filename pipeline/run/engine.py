"""The one engine: ``run(paths, settings) -> Outcome``. Never prints, never exits.

It discovers the articles under the paths, then for each one (in this process or in worker
processes, ``run.pool``): reads it, analyses it once (``analyze.analysis``), runs the selected rules by
scope (``checks.registry.dispatch``) and filters the findings through the one chain (inline suppressions
→ configuration → baseline, ``project.filters``). Corpus-scope rules run once every article is done.
A large run's findings and summaries are spilled to a temporary file as they come (``run.spill``).
Fixes (``--fix``/``--diff``) go through the engine too: the files are fixed from the reported findings
and the articles holding them are checked again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from taiyaku.checks.registry import Rule, registry
from taiyaku.errors import InputError
from taiyaku.project.filters import FilterChain
from taiyaku.run.pool import Job, execute
from taiyaku.run.report import Report, Skipped, sort_key
from taiyaku.run import spill


@dataclass
class Outcome:
    """What a run produced: the report, and what fixing did (``project.fixes.FixResult``) if asked."""

    report: Report
    fixes: object = None


@dataclass(frozen=True)
class Request:
    """How to run: ``jobs`` worker processes (None: one per CPU, small runs in this process);
    ``views`` for formats that show whole articles; ``progress`` the stream for a progress bar (drawn
    only on a terminal); ``baseline`` a baseline file; ``fix`` None, "safe" or "unsafe"; ``diff``: build
    the diff of the fixes and write nothing."""

    jobs: int | None = None
    views: bool = False
    progress: TextIO | None = None
    baseline: str | None = None
    fix: str | None = None
    diff: bool = False
    glossary: object = None  # a loaded Glossary to use instead of settings.glossary
    extra_rules: tuple = field(default=())  # Rule objects beyond the registry's (tests)
    memory: str | None = None  # the translation memory site rules compare with (memory.sitewide.resolve)


def active_rules(settings, extra: Sequence[Rule] = ()) -> list[Rule]:
    """The rules the settings select (raises InputError for an unknown code)."""
    rules = {**registry(), **{r.code: r for r in extra}}
    selection = settings.selection()
    selection.validate(rules)
    return [r for r in rules.values() if selection.enabled(r)]


def run(paths: Sequence[str], settings, request: Request | None = None) -> Outcome:
    """Check the articles under ``paths`` with ``settings`` (``project.config.Settings``). Raises
    InputError: a bad path, option, glossary, baseline, or the first article (in input order) that
    cannot be read."""
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.read.articles import discover, skipped_entries

    request = request or Request()
    rules = active_rules(settings, request.extra_rules)
    glossary = request.glossary or load_glossary(settings.glossary)
    baseline = None
    if request.baseline:
        from taiyaku.project.baseline import load_baseline

        baseline = load_baseline(request.baseline)
    job = Job(glossary, tuple(rules), FilterChain(settings, baseline), settings.separator_patterns(), request.views)
    tasks = discover(list(paths), settings.pairs, settings.slug_suffixes)
    walked = [Skipped(path, None, why) for path, why in skipped_entries(list(paths))]
    if not tasks:
        also = f" ({len(walked)} file{'s' * (len(walked) != 1)} skipped)" if walked else ""
        raise InputError(f"no articles found in {' '.join(paths)}{also}: give .txt, .md, .html, .xlf, .xml or "
                         ".docx files, or folders holding them")
    report = _check(tasks, job, request)
    report.skipped[:0] = walked
    report.signature.update(signature(settings, glossary, rules))
    if not (request.fix or request.diff):
        return Outcome(report)
    from taiyaku.project.fixes import fix_findings

    fixes = fix_findings(report.findings, unsafe=request.fix == "unsafe", write=not request.diff, diff=request.diff)
    if fixes.changed and not request.diff:
        again = discover(list(fixes.changed), settings.pairs, settings.slug_suffixes)
        report = _merge(report, _check(again, job, Request(jobs=request.jobs, memory=request.memory)), job)
    return Outcome(report, fixes)


def _check(tasks, job: Job, request: Request) -> Report:
    # a large run's findings and summaries go to a temporary file as they come (memory flat in the
    # number of articles); corpus rules' records stay in memory
    report = spill.new_report(len(tasks))
    records: dict[str, list] = {r.code: [] for r in job.corpus_rules}
    for result in execute(tasks, job, request.jobs, request.progress):
        for summary in result.documents:
            report.documents[summary.path] = summary
        report.findings.extend(result.findings)
        if result.view is not None:
            report.views.append(result.view)
        for code, record in result.records.items():
            records[code].append(record)
        report.skipped.extend(result.skipped)
        report.monolingual.extend(result.monolingual)
    if job.corpus_rules:
        from taiyaku.memory.sitewide import corpus_findings

        for r, found in corpus_findings(job.corpus_rules, records, report, request.memory):
            report.findings.extend(job.chain.apply(found, report.documents))
    report.findings.sort(key=sort_key)
    return report


def _merge(report: Report, fresh: Report, job: Job) -> Report:
    """``report`` with the articles of ``fresh`` (checked again after fixing) replaced. Corpus-scope
    findings and views are whole-run results: with either, the caller's paths are checked again."""
    redone = set(fresh.documents)
    findings = [f for f in report.findings if f.path not in redone] + list(fresh.findings)  # in memory
    findings.sort(key=sort_key)
    documents = {path: fresh.documents.get(path, doc) for path, doc in report.documents.items()}
    views = [v for v in report.views if not any(f.path in redone for f in v.files)] + fresh.views
    return Report(findings, documents, views, report.skipped, report.monolingual, report.signature,
                  {**report.references, **fresh.references})


def signature(settings, glossary, rules: Sequence[Rule]) -> dict:
    """What makes two reports comparable (sacrebleu-style): tool version, glossary path and sha256,
    lexicon, UniDic version, the rules run and the effective settings."""
    import sys

    from taiyaku import __version__
    from taiyaku.align.lexicon import available
    from taiyaku.installed import dist_version as version

    # the aligner's lexicon if it is loaded, else whether it would be (importing the aligner and
    # opening JMdict only to say so costs a Japanese-only run 20 ms)
    pairing = sys.modules.get("taiyaku.align.pairing")
    has_lexicon = pairing.lexicon() is not None if pairing else available()
    return {
        "version": __version__,
        "glossary": {"path": _shown(glossary.path), "sha256": glossary.sha256, "entries": len(glossary)},
        "lexicon": "jmdict" if has_lexicon else None,
        "unidic": version("unidic-lite"),
        "rules": [r.code for r in rules],
        "settings": {k: _plain(s.value) for k, s in settings.items.items() if k not in ("glossary", "format")},
    }


def _shown(path: str) -> str:
    """A path as reports show it: relative to the working directory when inside it (symlinks
    resolved, so the bundled glossary and ./glossary.tsv of this repository read alike)."""
    import os

    real = os.path.realpath(path)
    rel = os.path.relpath(real)
    return path if rel.startswith(os.pardir) else rel


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
