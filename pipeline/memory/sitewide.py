"""``taiyaku check`` of some articles against the translation memory of the rest of the site.

When a site rule (S001–S003) is selected and the site has a memory (``tm update``), the corpus step of
the engine (``corpus_findings``) compares the articles of the run with the records the memory holds for
every other article: an article whose files are in the run replaces its stored records, an article whose
files are all gone is left out, and only the stored records that share a key with the run's (a term, a
Japanese or English sentence; for S002 also the English of those sentences, which S003 compares) are
read, not the whole site. Findings are placed as in a full check; those in the run's articles are reported.

A finding that a full check would place in an article outside the run is reported only when the run
caused it (the stored version of the site does not give it): the run's article made its rendering or
translation the site's majority, so the unchanged places now depart. It is reported once per place of
the run's article that now sets the site's usage, at that place, with the departing places as related
locations (a change that only removes an occurrence, so that no place of the run follows the new
majority, is not reported: a full check shows it). Findings the site already had before the run are
left to a full check. TM002 reads the memory's approved units.
"""

from __future__ import annotations

import os
from collections import defaultdict

from taiyaku.errors import InputError
from taiyaku.memory import records as stored
from taiyaku.models import Finding, Related

APPROVED = "TM002"


def _kind(rule) -> str | None:
    """TERM or SENTENCE for a site rule (by the records it collects), else None."""
    from taiyaku.checks.site import collect_sentences, collect_terms

    return {collect_terms: stored.TERM, collect_sentences: stored.SENTENCE}.get(rule.collect) \
        if rule.code != APPROVED else None


def resolve(settings, tm_path: str | None, rules, glossary=None) -> str | None:
    """The memory a check with ``rules`` reads: ``--tm`` (which must exist), else the default one if it
    exists; None when no selected rule reads one. Raises InputError for TM002 without a memory and for a
    memory built under another glossary, settings or taiyaku version."""
    from taiyaku.memory.build import signature
    from taiyaku.memory.store import Memory, default_path

    codes = {r.code for r in rules}
    if APPROVED not in codes and not any(_kind(r) for r in rules if r.scope == "corpus"):
        return None
    path = tm_path or default_path(settings)
    if not tm_path and not os.path.isfile(path):
        if APPROVED in codes:
            raise InputError("TM002 compares with the approved translations of the translation memory, and there is "
                             "none here: run `taiyaku tm import FILE.tmx` (or give --tm FILE)", path)
        return None
    if any(_kind(r) for r in rules if r.scope == "corpus"):  # the stored site records depend on these
        from taiyaku.analyze.glossary import load_glossary

        with Memory(path) as memory:
            stored_signature = memory.signature()
        glossary = glossary or load_glossary(settings.glossary)
        if stored_signature is not None and stored_signature != signature(settings, glossary):
            raise InputError("the translation memory was built with another glossary, settings or taiyaku version: "
                             "run `taiyaku tm update PATHS` first", path)
    return path


def corpus_findings(rules, records: dict, report, memory_path: str | None):
    """(rule, its findings) for each corpus rule, the site rules against the memory at ``memory_path``
    (None: the run alone). Locations in files outside the run are added to ``report.references``."""
    if memory_path is None:
        for r in rules:
            yield r, r.func(records[r.code])
        return
    from taiyaku.memory.store import Memory

    with Memory(memory_path) as memory:
        site = _Site(memory, report)
        for r in rules:
            if r.code == APPROVED:
                yield r, list(r.func(records[r.code], memory.approved()))
            elif _kind(r):
                yield r, site.findings(r, records[r.code])
            else:
                yield r, r.func(records[r.code])
        report.references.update(site.summaries())


def _real(path: str) -> str:
    return os.path.realpath(path.split("#", 1)[0])


class _Site:
    """The memory's articles sorted by what this run makes of them, and its records read by key."""

    def __init__(self, memory, report) -> None:
        self.db = memory.db
        self.checked = {_real(p) for p in report.documents}
        self.unchanged: set[str] = set()
        self.replaced: set[str] = set()
        for name, files in memory.known().items():
            real = [_real(p) for p in files]
            if any(p in self.checked for p in real):
                self.replaced.add(name)
            elif any(os.path.exists(p) for p in real):
                self.unchanged.add(name)
        self.cache: dict = {}
        self.wanted: set[str] = set()  # paths outside the run that findings point at

    def _rows(self, kind: str, keys: set, keys2: set) -> list:
        """(article, kind, key, key2, data) of the stored records of ``kind`` with one of the keys."""
        db = self.db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (k TEXT PRIMARY KEY, second INTEGER)")
        db.execute("DELETE FROM wanted")
        db.executemany("INSERT OR IGNORE INTO wanted VALUES (?, 0)", [(k,) for k in keys])
        db.executemany("INSERT OR IGNORE INTO wanted VALUES (?, 1)", [(k,) for k in keys2])
        return db.execute(
            "SELECT article, kind, key, key2, data FROM site_items WHERE kind = ? AND "
            "(key IN (SELECT k FROM wanted WHERE second = 0) OR key2 IN (SELECT k FROM wanted WHERE second = 1))",
            (kind,)).fetchall()

    def _stored(self, kind: str, items: list, articles: set) -> list:
        """The stored records of ``articles`` that share a key with ``items`` (and, for sentence pairs, the
        pairs sharing the English of those that share the Japanese)."""
        if not articles:
            return []
        if kind == stored.TERM:
            rows = self._rows(kind, {u.ja for u in items}, set())
        else:
            ja = {stored.key(p.ja_key) for p in items}
            en = {stored.key(p.en_key) for p in items}
            rows = self._rows(kind, ja, en)
            more = {r[3] for r in rows if r[2] in ja and r[0] in articles} - en
            if more:
                seen = {(r[0], r[4]) for r in rows}
                rows += [r for r in self._rows(kind, set(), more) if (r[0], r[4]) not in seen]
        out = []
        for article, k, _, _, data in rows:
            if article in articles:
                try:
                    out.append(stored.load(k, article, data))
                except (ValueError, TypeError, KeyError):
                    raise InputError("a site record of the translation memory is malformed: run "
                                     "`taiyaku tm rebuild PATHS` to recreate it", self.db_path()) from None
        return out

    def db_path(self) -> str | None:
        row = self.db.execute("PRAGMA database_list").fetchone()
        return row[2] if row else None

    def findings(self, rule, run_records) -> list[Finding]:
        kind = _kind(rule)
        items = [x for record in run_records for x in record or ()]
        if kind not in self.cache:
            self.cache[kind] = self._stored(kind, items, self.unchanged)
        others = self.cache[kind]
        if not others:
            return list(rule.func([tuple(items)]))
        out, outside = [], []
        for f in rule.func([tuple(items), tuple(others)]):  # the run first: its places lead the related ones
            (out if _real(f.path) in self.checked else outside).append(f)
        if outside:
            old = self._stored(kind, items, self.replaced)
            before = {(f.path, f.start, f.end) for f in rule.func([tuple(old), tuple(others)])}
            out += self._replaced([f for f in outside if (f.path, f.start, f.end) not in before])
        for f in out:
            self.wanted.update(r.path for r in f.related if _real(r.path) not in self.checked)
        return out

    def _replaced(self, caused: list[Finding]) -> list[Finding]:
        """One finding per place of the run that the ``caused`` findings (outside the run) now follow."""
        from taiyaku.checks.site import RELATED

        groups: dict = defaultdict(list)
        for f in caused:
            anchor = next((r for r in f.related if _real(r.path) in self.checked), None)
            if anchor is not None:
                groups[anchor].append(f)
        out = []
        for anchor, group in groups.items():
            first = group[0]
            n = len({f.path for f in group})
            message = (f'with this change, "{anchor.text}" here is what the site follows: {len(group)} '
                       f"place{'s' * (len(group) != 1)} in {n} file{'s' * (n != 1)} outside this run that "
                       f"followed the site now depart from it; there: {first.message}")
            related = tuple(Related(f.path, f.start, f.end, f.found or "", f.segments[0] if len(f.segments) == 1 else None,
                                    f.mark if len(f.segments) == 1 else None) for f in group[:RELATED])
            out.append(Finding(first.rule, first.name, first.category, first.severity, anchor.path, anchor.start,
                               anchor.end, message, term=first.term, found=anchor.text, related=related,
                               segments=(anchor.segment,) if anchor.segment else (),
                               mark=anchor.mark if anchor.segment else None))
        return out

    def summaries(self) -> dict:
        """path → DocumentSummary of the stored files that findings point at."""
        out = {}
        for path in sorted(self.wanted):
            row = self.db.execute("SELECT data FROM site_files WHERE path = ?", (path,)).fetchone()
            if row is not None:
                out[path] = stored.summary(path, row[0])
        return out
