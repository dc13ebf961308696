"""``taiyaku check`` of some articles against the translation memory of the rest of the site.

When a site rule (S001–S003) is selected and the site has a memory (``tm update``), the corpus step of
the engine (``corpus_findings``) compares the articles of the run with the records the memory holds for
every other article: an article whose files are in the run replaces its stored records, an article whose
files are all gone is left out, and only the stored records that share a key with the run's (a term, a
Japanese or English sentence; for S002 also the English of those sentences, which S003 compares) are
looked up; of each distinct record, the occurrences in its first ``RELATED`` articles are read and the
others counted by SQLite (``checks.site.Elsewhere``), so time and memory do not grow with the site.
Findings are placed as in a full check; those in the run's articles are reported.

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


def resolve(settings, tm_path: str | None, rules) -> tuple[str | None, object]:
    """The memory a check with ``rules`` reads: ``--tm`` (which must exist), else the default one if it
    exists; None when no selected rule reads one. With it, the glossary if it was loaded to compare the
    memory's signature (None otherwise), for the run to use. Raises InputError for TM002 without a
    memory and for a memory built under another glossary, settings or taiyaku version."""
    from taiyaku.memory.build import signature
    from taiyaku.memory.store import Memory, default_path

    codes = {r.code for r in rules}
    glossary = None
    if APPROVED not in codes and not any(_kind(r) for r in rules if r.scope == "corpus"):
        return None, glossary
    path = tm_path or default_path(settings)
    if not tm_path and not os.path.isfile(path):
        if APPROVED in codes:
            raise InputError("TM002 compares with the approved translations of the translation memory, and there is "
                             "none here: run `taiyaku tm import FILE.tmx` (or give --tm FILE)", path)
        return None, glossary
    if any(_kind(r) for r in rules if r.scope == "corpus"):  # the stored site records depend on these
        from taiyaku.analyze.glossary import load_glossary

        with Memory(path) as memory:
            stored_signature = memory.signature()
        glossary = load_glossary(settings.glossary)
        if stored_signature is not None and stored_signature != signature(settings, glossary):
            raise InputError("the translation memory was built with another glossary, settings or taiyaku version: "
                             "run `taiyaku tm update PATHS` first", path)
    return path, glossary


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
    """The memory's articles sorted by what this run makes of them, and its records read by key: for
    each distinct record (its keys), the first ``RELATED`` articles' occurrences as records, and the
    rest as one record standing for them (``checks.site.Elsewhere``), counted by SQLite, never loaded."""

    def __init__(self, memory, report) -> None:
        self.db = memory.db
        self.checked = {_real(p) for p in report.documents}
        self.unchanged: set[str] = set()
        self.replaced: set[str] = set()
        gone = []
        for name, files in memory.known().items():
            real = [_real(p) for p in files]
            if any(p in self.checked for p in real):
                self.replaced.add(name)
            elif any(os.path.exists(p) for p in real):
                self.unchanged.add(name)
            else:
                gone.append(name)
        if gone and not self.unchanged and not self.replaced:  # paths are stored as given, relative to where it ran
            raise InputError("none of the files the translation memory holds exists from this folder: run taiyaku "
                             "from the folder where `taiyaku tm update` ran, or update the memory", memory.path)
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS left_out (a TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM left_out")
        self.db.executemany("INSERT OR IGNORE INTO left_out VALUES (?)", [(n,) for n in (*self.replaced, *gone)])
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (k TEXT, second INTEGER, PRIMARY KEY (k, second))")
        self.cache: dict = {}
        self.wanted: set[str] = set()  # paths outside the run that findings point at

    def _want(self, keys: set, keys2: set) -> None:
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?, 0)", [(k,) for k in keys])
        self.db.executemany("INSERT OR IGNORE INTO wanted VALUES (?, 1)", [(k,) for k in keys2])

    def _select(self, kind: str, keys: set, keys2: set) -> list:
        """The records of the unchanged articles with one of ``keys`` (or ``keys2``): samples, then the
        records standing for the rest."""
        from taiyaku.checks.site import RELATED, Elsewhere

        self._want(keys, keys2)
        where = ("kind = ? AND article NOT IN (SELECT a FROM left_out) AND ({}) ")
        conditions = ["key IN (SELECT k FROM wanted WHERE second = 0)",
                      "key2 IN (SELECT k FROM wanted WHERE second = 1) AND key NOT IN (SELECT k FROM wanted WHERE second = 0)"]
        samples, tallies = [], []
        for condition in conditions if keys2 else conditions[:1]:
            w = where.format(condition)
            counts = {row[:3]: row[3:] for row in self.db.execute(
                f"SELECT key, key2, key3, COUNT(DISTINCT article), COUNT(*) FROM site_items WHERE {w} "
                "GROUP BY key, key2, key3", (kind,))}
            taken: dict = defaultdict(int)
            first: dict = {}
            for article, data, k1, k2, k3 in self.db.execute(
                    "SELECT s.article, s.data, s.key, s.key2, s.key3 FROM (SELECT MIN(id) AS id, ROW_NUMBER() OVER "
                    f"(PARTITION BY key, key2, key3 ORDER BY MIN(id)) AS n FROM site_items WHERE {w} "
                    "GROUP BY key, key2, key3, article) AS f JOIN site_items AS s ON s.id = f.id WHERE f.n <= ? "
                    "ORDER BY s.id", (kind, RELATED)):
                record = self._load(kind, article, data)
                samples.append(record)
                taken[(k1, k2, k3)] += 1
                first.setdefault((k1, k2, k3), record)
            for triple, (articles, occurrences) in counts.items():
                if triple in first and (articles > taken[triple] or occurrences > taken[triple]):
                    rest = Elsewhere(articles - taken[triple], occurrences - taken[triple])
                    tallies.append(first[triple]._replace(article=rest))
        return samples + tallies

    def _load(self, kind: str, article: str, data: str):
        try:
            return stored.load(kind, article, data)
        except (ValueError, TypeError, KeyError):
            path = self.db.execute("PRAGMA database_list").fetchone()[2]
            raise InputError("a site record of the translation memory is malformed: run `taiyaku tm rebuild PATHS` "
                             "to recreate it", path) from None

    def _stored(self, kind: str, items: list) -> list:
        """The unchanged articles' records sharing a key with ``items`` (for sentence pairs, also those
        sharing the English of the ones sharing the Japanese: S002 asks whether that English is pasted)."""
        if not self.unchanged:
            return []
        if kind == stored.TERM:
            return self._select(kind, {u.ja for u in items}, set())
        ja = {stored.key(p.ja_key) for p in items}
        en = {stored.key(p.en_key) for p in items}
        self._want(ja, set())
        en |= {k for (k,) in self.db.execute(
            "SELECT DISTINCT key2 FROM site_items WHERE kind = ? AND key IN (SELECT k FROM wanted WHERE second = 0) "
            "AND article NOT IN (SELECT a FROM left_out)", (kind,))}
        return self._select(kind, ja, en)

    def _old(self, kind: str) -> list:
        """The stored records of the articles the run replaces (the site before the run)."""
        marks = ",".join("?" * len(self.replaced))
        rows = self.db.execute(f"SELECT article, data FROM site_items WHERE kind = ? AND article IN ({marks}) ORDER BY id",
                               (kind, *sorted(self.replaced)))
        return [self._load(kind, article, data) for article, data in rows]

    def findings(self, rule, run_records) -> list[Finding]:
        kind = _kind(rule)
        items = [x for record in run_records for x in record or ()]
        if kind not in self.cache:
            self.cache[kind] = self._stored(kind, items)
        others = self.cache[kind]
        if not others:
            return list(rule.func([tuple(items)]))
        out, outside = [], []
        for f in rule.func([tuple(items), tuple(others)]):  # the run first: its places lead the related ones
            (out if _real(f.path) in self.checked else outside).append(f)
        if outside:
            if ("old", kind) not in self.cache:
                self.cache[("old", kind)] = self._old(kind) if self.replaced else []
            before = {(f.path, f.start, f.end) for f in rule.func([tuple(self.cache[("old", kind)]), tuple(others)])}
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
            message = (f'with this change, "{anchor.text}" here is what the site follows, and places outside this '
                       f"run that followed the site before now depart from it (related); there: {first.message}")
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
