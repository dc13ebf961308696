"""Reading a site into the translation memory, incrementally.

The articles are discovered as ``taiyaku check`` discovers them; an article whose files have the same
sha256 as in the memory, under the same signature (taiyaku version, glossary sha256, pairing and
separator settings), is not read again. The others go through the engine's pool with one corpus-scope
rule that only collects each article's pairs (``store.collect``); no check runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

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
            stored_signature: str | None = None) -> tuple[list[ArticleRecord], int, str]:
    """The memory records of the articles under ``paths`` that are new or changed against ``known``
    (article name → {path: sha256}, as stored under ``stored_signature``), how many were unchanged, and
    the signature of this run. Raises InputError as ``taiyaku check`` does."""
    from taiyaku.analyze.glossary import load_glossary
    from taiyaku.errors import InputError
    from taiyaku.project.filters import FilterChain
    from taiyaku.read.articles import discover
    from taiyaku.run.pool import Job, execute

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
    out = []
    for result in execute(todo, job, jobs):
        record = result.records.get(CODE)
        if record is not None:
            out.append(record._replace(files=hashes.get(record.name, record.files)))
    return out, len(tasks) - len(todo), sign


class _Approved:
    """The corpus function of TM002: each sure or likely pair whose Japanese (normalised as S002
    compares it) has approved translations and whose English is none of them is one finding."""

    def __init__(self, approved) -> None:
        from taiyaku.checks.site import en_key, ja_key

        self.by_ja: dict[str, list[tuple[str, str]]] = {}
        for ja, en, props in approved:
            self.by_ja.setdefault(ja_key(ja), []).append((en, en_key(en)))

    def __call__(self, records):
        from taiyaku.models import Finding

        rule = APPROVED
        for record in records:
            for p in record or ():
                choices = self.by_ja.get(p.ja_key)
                if not choices or p.en_key in {key for _, key in choices}:
                    continue
                text = choices[0][0]
                yield Finding(rule.code, rule.name, rule.category, rule.severity, p.en.path, p.en.start, p.en.end,
                              f'this Japanese sentence has an approved translation: "{text}"', found=p.en.text,
                              suggestion=text, segments=p.en.segments)


def approved_rule(approved) -> Rule:
    """TM002 with the memory's approved units bound (``Memory.approved()``)."""
    import dataclasses

    return dataclasses.replace(APPROVED, func=_Approved(approved))


def _collect_sentences(ctx):
    from taiyaku.checks.site import collect_sentences

    return collect_sentences(ctx)


APPROVED = Rule("TM002", "approved-translation-differs", "consistency", "warning", "corpus", _nothing, aligned=True,
                collect=_collect_sentences)
