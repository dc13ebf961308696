"""Reading a site into the translation memory: the one engine, with one corpus-scope rule that only
collects each article's pairs (``store.collect``) and reports nothing; the checks are not run."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from taiyaku.checks.registry import Rule
from taiyaku.memory.store import ArticleRecord, collect

CODE = "TM001"


class _Keep:
    """The rule's corpus function: keeps the records it is given (in the parent process) and reports
    nothing. Workers get a copy they never call."""

    def __init__(self) -> None:
        self.records: list[ArticleRecord] = []

    def __call__(self, records):
        self.records = [r for r in records if r is not None]
        return ()


def records(paths: Sequence[str], settings, jobs: int | None = None) -> list[ArticleRecord]:
    """The memory records of every article under ``paths``, read and aligned with ``settings``'
    glossary, pairs and separators. Raises InputError as ``taiyaku check`` does."""
    from taiyaku.project.config import Setting
    from taiyaku.run.engine import Request, run

    keep = _Keep()
    rule = Rule(CODE, "translation-memory", "memory", "info", "corpus", keep, aligned=True, collect=collect)
    items = {**settings.items, "select": Setting((CODE,), "taiyaku tm"), "ignore": Setting((), "taiyaku tm")}
    run(list(paths), dataclasses.replace(settings, items=items), Request(jobs=jobs, extra_rules=(rule,)))
    return keep.records
