"""``taiyaku check --jobs N``: articles checked in worker processes, with a report identical to the
serial one (``engine.check_articles``) and a parent that never holds every article's text.

The parent only discovers articles (file names, nothing read). Each worker builds the glossary's
matchers once (pool initializer), then loads and checks chunks of articles and sends back, per article,
its findings, a compact ``DocumentSummary`` of each file (the lines findings touch, not the whole
text) and, for formats that need it, the article's view. Chunks are submitted a few at a time and
collected in input order, so memory stays bounded and the order of ``Report.documents`` and
``Report.views`` is the serial order; findings are then sorted with ``report.sort_key`` as the serial
engine does. ``jobs=1`` runs the same code in this process, without a pool.
"""

from __future__ import annotations

import math
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from taiyaku.read.articles import discover, load_article
from taiyaku.analyze.context import Matchers
from taiyaku.run.engine import Options, active_rules, check_article
from taiyaku.errors import InputError
from taiyaku.analyze.glossary import Glossary
from taiyaku.models import Document, Finding
from taiyaku.run.progress import Progress
from taiyaku.run.report import DocumentSummary, Report, Skipped, sort_key

Task = tuple[str, dict[str, str]]  # (article name, {role: path}) from articles.discover
# Applied to each article's findings in the worker, with the article's full documents (they are not
# sent back): e.g. pipeline.suppress.drop_suppressed. A module-level function, so that it pickles.
FindingFilter = Callable[[list[Finding], Mapping[str, Document]], list[Finding]]

MAX_CHUNK = 16  # articles per task, at most
IN_FLIGHT = 4  # tasks submitted ahead per worker
MIN_AUTO_PARALLEL = 8  # jobs=None: fewer articles are checked in this process


@dataclass
class ArticleResult:
    """What a worker sends back for one article."""

    findings: list[Finding]
    documents: list[DocumentSummary]
    view: object = None
    skipped: list[Skipped] = field(default_factory=list)  # files that could not be read


@dataclass
class Failure:
    """An InputError raised while loading or checking an article, as plain fields: InputError itself
    does not survive pickling with its path and line."""

    message: str
    path: str | None = None
    line: int | None = None

    def error(self) -> InputError:
        return InputError(self.message, self.path, self.line)


@dataclass
class _Checker:
    """The per-process state: matchers and rules built once."""

    matchers: Matchers
    rules: list = field(default_factory=list)
    options: Options = field(default_factory=Options)
    separators: Sequence = ()
    filter_findings: FindingFilter | None = None

    @classmethod
    def build(cls, glossary: Glossary, options: Options, separators: Sequence = (),
              filter_findings: FindingFilter | None = None) -> "_Checker":
        return cls(Matchers.build(glossary), active_rules(options), options, tuple(separators), filter_findings)

    def check(self, name: str, files: dict[str, str]) -> ArticleResult | Failure:
        try:
            article = load_article(name, files, self.separators) if self.separators else load_article(name, files)
        except InputError as exc:
            if "@" in files:  # found in a directory: skipped and listed, the run goes on
                return ArticleResult([], [], skipped=[Skipped(exc.path or name, exc.line, exc.message)])
            return Failure(exc.message, exc.path, exc.line)
        try:
            findings, view = check_article(article, self.matchers, self.rules, view=self.options.views)
            if self.filter_findings is not None:
                findings = self.filter_findings(findings, {d.path: d for d in article.documents})
        except InputError as exc:
            return Failure(exc.message, exc.path, exc.line)
        summaries = [DocumentSummary.of(doc, findings, all_lines=self.options.views) for doc in article.documents]
        return ArticleResult(findings, summaries, view)

    def check_chunk(self, chunk: Sequence[Task]) -> list[ArticleResult | Failure]:
        """Results in order, stopping at the first failure (later articles would be thrown away)."""
        out: list[ArticleResult | Failure] = []
        for name, files in chunk:
            out.append(self.check(name, files))
            if isinstance(out[-1], Failure):
                break
        return out


_WORKER: _Checker | None = None


def _init_worker(glossary: Glossary, options: Options, separators: Sequence, filter_findings) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _WORKER = _Checker.build(glossary, options, separators, filter_findings)


def _work(chunk: Sequence[Task]) -> list[ArticleResult | Failure]:
    assert _WORKER is not None, "worker used before its initializer ran"
    return _WORKER.check_chunk(chunk)


def _cpu_count() -> int:
    """CPUs this process may use (its affinity mask, as os.process_cpu_count in Python 3.13)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def resolve_jobs(jobs: int | None) -> int:
    """Worker processes for ``jobs``: None → one per CPU this process may use; InputError below 1."""
    if jobs is None:
        return _cpu_count()
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1 (got {jobs})")
    return jobs


def chunk_size(articles: int, workers: int) -> int:
    """Articles per task: about 16 tasks per worker for load balance and a smooth progress bar,
    between 1 and MAX_CHUNK."""
    return max(1, min(MAX_CHUNK, math.ceil(articles / (workers * 16))))


def _chunks(tasks: Sequence[Task], size: int) -> Iterator[list[Task]]:
    for i in range(0, len(tasks), size):
        yield list(tasks[i : i + size])


def _mp_context():
    """fork where it is safe and cheap (Linux): workers start in milliseconds and share the parent's
    imports; elsewhere the platform default (spawn on macOS and Windows)."""
    import multiprocessing  # with the pool only: it costs start-up time that serial runs need not pay

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def run_check(
    paths: Sequence[str],
    glossary: Glossary,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    progress: bool = False,
    stream: TextIO | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
    separators: Sequence = (),
    filter_findings: FindingFilter | None = None,
    slug_suffixes: Sequence[str] | None = None,
) -> Report:
    """Check the articles under ``paths`` with ``jobs`` worker processes (None: one per CPU, but in this
    process for fewer than ``MIN_AUTO_PARALLEL`` articles; 1: in this process). Returns the report
    ``check_articles(find_articles(paths, pairs, separators), glossary, options)`` gives, with
    ``DocumentSummary`` objects in ``report.documents`` and, with ``filter_findings``, that filter
    applied to each article's findings (inline suppressions need the text, which only workers hold).
    ``progress`` draws a bar on ``stream`` (default stderr) when it is a terminal. Raises InputError: a
    bad path or option, or the first article (in input order) that cannot be read."""
    options = options or Options()
    active_rules(options)  # an unknown rule code fails here, before any work
    tasks = discover(list(paths), pairs, slug_suffixes) if pairs or slug_suffixes else discover(list(paths))
    workers = min(resolve_jobs(jobs), len(tasks)) or 1
    if jobs is None and len(tasks) < MIN_AUTO_PARALLEL:
        workers = 1  # starting workers costs more than it saves
    report = Report([], {})
    with Progress(len(tasks), (sys.stderr if stream is None else stream) if progress else None) as bar:
        if workers == 1:
            checker = _Checker.build(glossary, options, separators, filter_findings)
            for name, files in tasks:
                _absorb(report, checker.check(name, files))
                bar.update()
        else:
            chunks = _pool_results(tasks, workers, (glossary, options, tuple(separators), filter_findings))
            try:
                for results in chunks:
                    for result in results:
                        _absorb(report, result)
                    bar.update(len(results))
            finally:
                chunks.close()  # on an error: cancel what is queued, now
    report.findings.sort(key=sort_key)
    return report


def recheck(report: Report, changed: Sequence[str], glossary: Glossary, options: Options | None = None,
            **run_options) -> Report:
    """``report`` (an unfiltered ``run_check`` report) brought up to date after the files ``changed``
    were edited (by ``--fix``): only the articles holding them are checked again. The result is what a
    fresh ``run_check`` of the same paths gives, as long as every rule looks at one article at a time
    (all rules do); with views (``--format html``) run ``run_check`` again instead. ``run_options``
    are ``run_check``'s (jobs, pairs, separators, filter_findings; progress is off)."""
    if not changed:
        return report
    if (options or Options()).views:
        raise ValueError("recheck cannot update article views: run run_check again")
    run_options.pop("progress", None)
    fresh = run_check(list(changed), glossary, options, **run_options)
    redone = set(fresh.documents)
    findings = [f for f in report.findings if f.path not in redone] + fresh.findings
    findings.sort(key=sort_key)
    documents = {path: fresh.documents.get(path, doc) for path, doc in report.documents.items()}
    for path, doc in fresh.documents.items():
        documents.setdefault(path, doc)
    return Report(findings, documents, list(report.views), list(report.skipped))


def _absorb(report: Report, result: ArticleResult | Failure) -> None:
    if isinstance(result, Failure):
        raise result.error()
    for summary in result.documents:
        known = report.documents.get(summary.path)
        if known is None:
            report.documents[summary.path] = summary
        else:  # pragma: no cover - discover never puts one file in two articles
            known.merge(summary)
    report.findings.extend(result.findings)
    report.skipped.extend(result.skipped)
    if result.view is not None:
        report.views.append(result.view)


def _pool_results(tasks: Sequence[Task], workers: int, initargs: tuple):
    """Each chunk's results, in input order, with at most ``workers * IN_FLIGHT`` chunks submitted."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=_mp_context(), initializer=_init_worker, initargs=initargs)
    pending: deque = deque()
    chunks = _chunks(tasks, chunk_size(len(tasks), workers))
    clean = False
    try:
        for chunk in chunks:
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= workers * IN_FLIGHT:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
        clean = True
    finally:
        # on an error (or Ctrl-C, or the caller stopping early) drop the queued chunks at once
        pool.shutdown(wait=clean, cancel_futures=not clean)


def _result(future) -> list[ArticleResult | Failure]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        raise InputError(
            "a worker process stopped unexpectedly (out of memory?): run again with --jobs 1"
        ) from None
