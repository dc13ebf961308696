"""Reading a site into the translation memory, incrementally.

The articles are discovered as ``taiyaku check`` discovers them; an article whose files have the same
sha256 as in the memory, under the same signature (taiyaku version, glossary sha256, pairing and
separator settings), is not read again. The others go through the engine's pool with one corpus-scope
rule that only collects each article's pairs (``store.collect``); no check runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence

from taiyaku.checks.registry import Rule
from taiyaku.memory.store import ArticleRecord, collect

CODE = "TM001"


def _nothing(records):
    return ()


RULE = Rule(CODE, "translation-memory", "memory", "info", "corpus", _nothing, aligned=True, collect=collect)


def signature(settings, glossary) -> str:
    """What the stored pairs depend on besides the files."""
    from taiyaku import __version__

    return json.dumps([__version__, glossary.sha256, [list(p) for p in settings.pairs or ()],
                       list(settings.separators or ()), list(settings.slug_suffixes or ())])


def file_hashes(files: dict) -> dict:
    """path → sha256 of the file's bytes, for the files of one discovered article (its "@" entry, the
    folder it was found in, left out); a path that cannot be read hashes to ""."""
    out = {}
    for role, path in files.items():
        if role == "@":
            continue
        try:
            with open(path.split("#", 1)[0], "rb") as f:
                out[path] = hashlib.file_digest(f, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
                    else hashlib.sha256(f.read()).hexdigest()
        except OSError:
            out[path] = ""
    return out


def records(paths: Sequence[str], settings, jobs: int | None = None, known: dict | None = None,
            stored_signature: str | None = None) -> tuple[Iterator[ArticleRecord], int, str]:
    """The memory records (an iterator, read as consumed) of the articles under ``paths`` that are new or changed against ``known``
    (article name → {path: sha256}, as stored under ``stored_signature``), how many were unchanged, and
    the signature of this run. Raises InputError as ``taiyaku check`` does."""
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.errors import InputError
    from taiyaku.project.filters import FilterChain
    from taiyaku.read.articles import discover
    from taiyaku.run.pool import Job

    glossary = load_glossary(settings.glossary)
    sign = signature(settings, glossary)
    known = known if stored_signature == sign else {}
    tasks = discover(list(paths), settings.pairs, settings.slug_suffixes)
    if not tasks:
        raise InputError(f"no articles found in {' '.join(paths)}")
    todo, hashes = [], {}
    for name, files in tasks:
        hashes[name] = file_hashes(files)
        if not hashes[name] or known.get(name) != hashes[name]:
            todo.append((name, files))
    job = Job(glossary, (RULE,), FilterChain(None, None), settings.separator_patterns())
    return _read(todo, job, jobs, hashes), len(tasks) - len(todo), sign


def _read(todo, job, jobs, hashes):
    """The records of the articles ``todo``, one at a time as they are read (never all at once)."""
    from taiyaku.run.pool import execute

    for result in execute(todo, job, jobs):
        record = result.records.get(CODE)
        if record is not None:
            yield record._replace(files=hashes.get(record.name, record.files))
