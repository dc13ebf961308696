"""Executing the engine's per-article work: in this process, or in worker processes (``--jobs N``)
with results identical to a serial run.

The parent only discovers articles (file names, nothing read). Each process builds the glossary's
analyzer once (``Job.worker``), then loads, analyses, checks and filters chunks of articles and returns,
per article, its findings, a compact ``DocumentSummary`` of each file (the lines findings touch, not
the whole text), the article's view for formats that need one, and its records for corpus-scope rules.
Chunks are submitted a few at a time and collected in input order, so memory stays bounded and the
order of documents and views is the serial order.
"""

from __future__ import annotations

import math
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from taiyaku.errors import InputError
from taiyaku.models import Article, Finding
from taiyaku.run.collector import fewer_collections, in_worker
from taiyaku.run.progress import Progress
from taiyaku.run.report import DocumentSummary, Monolingual, Skipped

Task = tuple[str, dict[str, str]]  # (article name, {role: path}) from read.articles.discover

MAX_CHUNK = 16  # articles per task, at most
GROUP = 8  # articles read and tokenized together (``_Worker.check_group``), at most
GROUP_CHARS = 100_000  # characters of Japanese after which a group takes no more articles (memory)
IN_FLIGHT = 4  # tasks submitted ahead per worker
MIN_AUTO_PARALLEL = 8  # jobs=None: fewer articles are checked in this process


@dataclass(frozen=True)
class Job:
    """What every article of a run is checked with: the glossary, the selected rules, the filter chain,
    the extra separator patterns and whether views are built. Picklable."""

    glossary: object
    rules: tuple
    chain: object
    separators: tuple = ()
    views: bool = False

    @property
    def corpus_rules(self) -> tuple:
        return tuple(r for r in self.rules if r.scope == "corpus")

    @property
    def aligned(self) -> bool:
        """Does anything need the sentence alignment?"""
        return self.views or any(r.aligned for r in self.rules)

    def worker(self) -> "_Worker":
        from taiyaku.analyze.analysis import Analyzer

        return _Worker(self, Analyzer.build(self.glossary))


@dataclass
class ArticleResult:
    """What one article gives back."""

    findings: list[Finding]
    documents: list[DocumentSummary]
    view: object = None
    records: dict = field(default_factory=dict)  # corpus rule code → this article's record
    skipped: list[Skipped] = field(default_factory=list)  # files that could not be read
    monolingual: list[Monolingual] = field(default_factory=list)  # the article, if in one language


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
class _Worker:
    """Per-process state: the job and its analyzer, built once."""

    job: Job
    analyzer: object

    def check_group(self, pending: Iterator[Task]) -> list[ArticleResult | Failure]:
        """The results of the next articles of ``pending``, in order (none when it is exhausted),
        stopping at the first failure. Up to ``GROUP`` articles (fewer once they hold ``GROUP_CHARS``
        characters of Japanese) are read first, then their Japanese sentences tokenized in one pass,
        then each is analysed and checked: MeCab's tables (71 MB) stay in the CPU cache while reading
        asks it about line breaks and while it tokenizes, instead of being reloaded for every article."""
        from taiyaku.analyze.tokens import tokenize_all

        loaded: list = []  # (Article or the result of a file that cannot be read, files)
        chars = 0
        for name, files in pending:
            article = self._load(name, files)
            loaded.append((article, files))
            if isinstance(article, Failure):
                break
            chars += sum(len(s.text) for s in article.ja) if isinstance(article, Article) else 0
            if len(loaded) == GROUP or chars >= GROUP_CHARS:
                break
        if not loaded:
            return []
        tokens = tokenize_all([s.text for article, _ in loaded if isinstance(article, Article) for s in article.ja])
        out: list[ArticleResult | Failure] = []
        used = 0
        for article, files in loaded:
            if isinstance(article, Article):
                n = len(article.ja)
                out.append(self._check_article(article, files, tokens[used : used + n]))
                used += n
            else:
                out.append(article)
            if isinstance(out[-1], Failure):
                break
        return out

    def _load(self, name: str, files: dict[str, str]) -> Article | ArticleResult | Failure:
        """The article, or the result of a file that cannot be read: skipped when found in a directory
        (the run goes on), else a Failure."""
        from taiyaku.read.articles import load_article

        try:
            return load_article(name, files, self.job.separators)
        except InputError as exc:
            if "@" in files:  # found in a directory: skipped and listed, the run goes on
                return ArticleResult([], [], skipped=[Skipped(exc.path or name, exc.line, exc.message)])
            return Failure(exc.message, exc.path, exc.line)

    def _check_article(self, article: Article, files: dict[str, str], tokens) -> ArticleResult | Failure:
        """Analyse and check a loaded article whose Japanese sentences have these ``tokens``."""
        from taiyaku.analyze.analysis import analyze
        from taiyaku.checks.registry import dispatch

        job = self.job
        try:
            ctx = analyze(article, self.analyzer, align=job.aligned, tokens=tokens)
            findings = dispatch(ctx, job.rules)
            keep_all = job.views or bool(job.corpus_rules)
            summaries = [DocumentSummary.of(d, findings, all_lines=keep_all) for d in article.documents]
            findings = job.chain.apply(findings, {s.path: s for s in summaries})
        except InputError as exc:
            return Failure(exc.message, exc.path, exc.line)
        view = None
        if job.views:
            from taiyaku.output.views import article_view

            view = article_view(ctx, findings)
        records = {r.code: r.collect(ctx) for r in job.corpus_rules}
        return ArticleResult(findings, summaries, view, records, monolingual=_monolingual(article, files))

    def check_chunk(self, chunk: Sequence[Task]) -> list[ArticleResult | Failure]:
        """Results in order, a group at a time, stopping at the first failure (later articles would be
        thrown away)."""
        out: list[ArticleResult | Failure] = []
        pending = iter(chunk)
        while (results := self.check_group(pending)) and not isinstance(results[-1], Failure):
            out += results
        return out + results


def _monolingual(article, files: dict[str, str]) -> list[Monolingual]:
    """The article as a one-language note for the report, unless it has both languages (or none)."""
    from taiyaku.read.articles import monolingual_reason

    if bool(article.ja) == bool(article.en):
        return []
    lang = "ja" if article.ja else "en"
    return [Monolingual(article.documents[0].path, lang, monolingual_reason(files, lang))]


def execute(tasks: Sequence[Task], job: Job, jobs: int | None, stream=None) -> Iterator[ArticleResult]:
    """Each article's result, in input order, from ``jobs`` processes (None: one per CPU, but this
    process for fewer than ``MIN_AUTO_PARALLEL`` articles; 1: this process). ``stream``: where to draw a
    progress bar when it is a terminal. Raises the InputError of the first article that fails."""
    workers = min(resolve_jobs(jobs), len(tasks)) or 1
    if jobs is None and len(tasks) < MIN_AUTO_PARALLEL:
        workers = 1  # starting workers costs more than it saves
    with Progress(len(tasks), stream) as bar:
        if workers == 1:
            worker = job.worker()
            pending = iter(tasks)
            while True:
                with fewer_collections():  # not around the yield: the caller's code keeps the defaults
                    results = worker.check_group(pending)
                if not results:
                    return
                for result in results:
                    yield _ok(result)
                    bar.update()
        chunks = _pool_results(tasks, workers, job)
        try:
            for results in chunks:
                for result in results:
                    yield _ok(result)
                bar.update(len(results))
        finally:
            chunks.close()  # on an error: cancel what is queued, now


def _ok(result: ArticleResult | Failure) -> ArticleResult:
    if isinstance(result, Failure):
        raise result.error()
    return result


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


_WORKER: _Worker | None = None


def _init_worker(job: Job) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    in_worker()
    _WORKER = job.worker()


def _work(chunk: Sequence[Task]) -> list[ArticleResult | Failure]:
    assert _WORKER is not None, "worker used before its initializer ran"
    return _WORKER.check_chunk(chunk)


def _mp_context():
    """fork where it is safe and cheap (Linux): workers start in milliseconds and share the parent's
    imports; elsewhere the platform default (spawn on macOS and Windows)."""
    import multiprocessing  # with the pool only: it costs start-up time that serial runs need not pay

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _pool_results(tasks: Sequence[Task], workers: int, job: Job):
    """Each chunk's results, in input order, with at most ``workers * IN_FLIGHT`` chunks submitted."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=_mp_context(), initializer=_init_worker, initargs=(job,))
    pending: deque = deque()
    size = chunk_size(len(tasks), workers)
    clean = False
    try:
        for i in range(0, len(tasks), size):
            pending.append(pool.submit(_work, list(tasks[i : i + size])))
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
