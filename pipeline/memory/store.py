"""The site's translation memory: an SQLite file (stdlib ``sqlite3``) of the aligned pairs of every
article checked, and of approved units imported from other tools (``memory.tmx``).

One row per article (its files and their sha256), one per sure or likely pair (its text on both sides,
paths, lines, confidence, sha256 of each side, the glossary terms its Japanese uses), and the article's
site records (``memory.records``: what S001–S003 compare, as JSON, keyed for look-up, with the line
starts and lines of its files they touch) so a check of a few articles compares them with the rest. Every write is one
transaction (``BEGIN IMMEDIATE``; an update stores ``BATCH`` articles per transaction as they are read, so
its memory stays flat): a second writer waits up to ``TIMEOUT`` seconds, then gets one line.
A file that is not SQLite, or SQLite that is not a taiyaku memory, is an InputError (exit 2) saying to
run ``taiyaku tm rebuild``, which builds the memory into a temporary file and renames it over the old.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from typing import NamedTuple

from taiyaku.errors import InputError

KIND, VERSION = "taiyaku-tm", "2"  # 2: site records (site_items, site_files)
TIMEOUT = 10.0  # seconds a writer waits for another one
BATCH = 64  # articles stored per transaction: what an update holds in memory at once
DEFAULT = os.path.join(".taiyaku", "tm.sqlite")
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (name TEXT PRIMARY KEY, files TEXT NOT NULL, checked TEXT NOT NULL);
CREATE TABLE units (
  id INTEGER PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(name) ON DELETE CASCADE,
  ja TEXT NOT NULL, en TEXT NOT NULL, confidence TEXT NOT NULL,
  ja_path TEXT NOT NULL, ja_line INTEGER NOT NULL, ja_end_line INTEGER NOT NULL,
  en_path TEXT NOT NULL, en_line INTEGER NOT NULL, en_end_line INTEGER NOT NULL,
  ja_sha256 TEXT NOT NULL, en_sha256 TEXT NOT NULL, terms TEXT NOT NULL);
CREATE INDEX units_ja ON units(ja_sha256);
CREATE INDEX units_article ON units(article);
CREATE TABLE site_items (
  id INTEGER PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(name) ON DELETE CASCADE,
  kind TEXT NOT NULL, key TEXT NOT NULL, key2 TEXT, key3 TEXT, data TEXT NOT NULL);
-- covering the lookups of memory.sitewide (counts and first occurrences by key): the rows are not read
CREATE INDEX site_items_key ON site_items(kind, key, key2, key3, article);
CREATE INDEX site_items_key2 ON site_items(kind, key2, key, key3, article);
CREATE INDEX site_items_article ON site_items(article);
CREATE TABLE site_files (
  article TEXT NOT NULL REFERENCES articles(name) ON DELETE CASCADE, path TEXT NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (article, path));
CREATE TABLE approved (
  id INTEGER PRIMARY KEY, ja TEXT NOT NULL, en TEXT NOT NULL, ja_sha256 TEXT NOT NULL,
  origin TEXT NOT NULL, properties TEXT NOT NULL, created TEXT NOT NULL);
CREATE INDEX approved_ja ON approved(ja_sha256);
"""


class Unit(NamedTuple):
    """One aligned pair as the memory keeps it (``path``, ``line``: where its Japanese starts)."""

    ja: str
    en: str
    confidence: str
    ja_path: str
    ja_line: int
    ja_end_line: int
    en_path: str
    en_line: int
    en_end_line: int
    terms: tuple[str, ...]


class ArticleRecord(NamedTuple):
    name: str
    files: dict  # path → sha256 of its decoded text
    units: tuple[Unit, ...]
    site: tuple = ()  # memory.records.rows: (kind, key, key2, key3, data) of its site records
    summaries: tuple = ()  # memory.records.file_rows: (path, data) of its files


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def collect(ctx) -> ArticleRecord:
    """The record of one analysed article: its files' hashes and its sure and likely pairs."""
    units = []
    for pair in ctx.pairs:
        if not pair.ja or not pair.en or not pair.confident:
            continue
        ja, en = pair.ja, pair.en
        terms = sorted({h.entry.ja for s in ja for h in ctx.of(s).hits})
        units.append(Unit("".join(s.text for s in ja), " ".join(s.text for s in en), pair.confidence,
                          ja[0].doc.path, *_lines(ja), en[0].doc.path, *_lines(en), tuple(terms)))
    from taiyaku.memory import records

    files = {d.path: sha256(d.text) for d in ctx.article.documents}
    terms, sentences = records.collect(ctx)
    return ArticleRecord(ctx.article.name, files, tuple(units), records.rows(terms, sentences),
                         records.file_rows(ctx.article.documents, terms, sentences))


def _lines(segments) -> tuple[int, int]:
    doc = segments[0].doc
    return doc.position(segments[0].source_span()[0])[0], doc.position(max(segments[-1].source_span()[1] - 1, 0))[0]


def default_path(settings) -> str:
    """``.taiyaku/tm.sqlite`` in the directory of the configuration (the working directory without one)."""
    return os.path.join(settings.root, DEFAULT)


class Memory:
    """An open translation memory. Use as a context manager; ``create=True`` makes a new one."""

    def __init__(self, path: str, *, create: bool = False):
        self.path = path
        if not create and not os.path.isfile(path):
            raise InputError("no translation memory here: run `taiyaku tm update PATHS` to build one", path)
        try:
            self.db = sqlite3.connect(path, timeout=TIMEOUT, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            if create:
                self._write(_create)
            self._verify()
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None

    def __enter__(self) -> "Memory":
        return self

    def __exit__(self, *exc) -> None:
        self.db.close()

    def _error(self, exc: sqlite3.Error) -> InputError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return InputError(f"the translation memory is locked by another run (waited {TIMEOUT:.0f} s): try again",
                              self.path)
        return InputError(f"not a taiyaku translation memory ({text}): run `taiyaku tm rebuild PATHS` to recreate it",
                          self.path)

    def _verify(self) -> None:
        try:
            meta = dict(self.db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None
        if meta.get("kind") == KIND and meta.get("version") != VERSION:
            raise InputError(f"translation memory of format version {meta.get('version')!r}, this taiyaku reads "
                             f"version {VERSION!r}: run `taiyaku tm rebuild PATHS` to recreate it", self.path)
        if meta.get("kind") != KIND or meta.get("version") != VERSION:
            raise InputError(f"not a taiyaku translation memory (kind {meta.get('kind')!r}, version "
                             f"{meta.get('version')!r}): run `taiyaku tm rebuild PATHS` to recreate it", self.path)

    def _write(self, work):
        """Run ``work(db)`` in one immediate transaction: all of it or nothing."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                result = work(self.db)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            return result
        except sqlite3.DatabaseError as exc:
            raise self._error(exc) from None

    def known(self) -> dict[str, dict]:
        """article name → {path: sha256} of its files when it was stored."""
        return {name: json.loads(files) for name, files in self.db.execute("SELECT name, files FROM articles")}

    def signature(self) -> str | None:
        """The signature (``memory.build.signature``) the stored articles were read under."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
        return row[0] if row else None

    def update(self, records: Iterable[ArticleRecord], *, prune: Iterable[str] = (),
               signature: str | None = None) -> tuple[int, int]:
        """Replace the articles of ``records`` (their units and site records), ``BATCH`` articles per
        transaction as they come (an interrupted update keeps what it stored, under the old signature, so
        the next one reads those articles again); then, in one transaction, drop the articles whose files
        are all gone or that ``prune`` names, and record ``signature``. Returns (articles written, dropped)."""
        written, batch = 0, []
        for r in records:
            if r is not None:
                batch.append(r)
            if len(batch) >= BATCH:
                written += self._write(lambda db: _store(db, batch, now()))
                batch = []
        if batch:
            written += self._write(lambda db: _store(db, batch, now()))

        def finish(db):
            if signature is not None:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('signature', ?)", (signature,))
            gone = set(prune)
            for name, files in db.execute("SELECT name, files FROM articles").fetchall():
                if not any(os.path.exists(p.split("#", 1)[0]) for p in json.loads(files)):
                    gone.add(name)
            db.executemany("DELETE FROM articles WHERE name = ?", [(n,) for n in gone])
            return len(gone)

        return written, self._write(finish)

    def units(self, confidences: Iterable[str] = ("sure",)) -> list[tuple[Unit, str]]:
        """The units of the given confidences with their article's check time, in article and line order."""
        marks = ",".join("?" * len(tuple(confidences)))
        rows = self.db.execute(
            f"SELECT ja, en, confidence, ja_path, ja_line, ja_end_line, en_path, en_line, en_end_line, terms, checked "
            f"FROM units JOIN articles ON units.article = articles.name WHERE confidence IN ({marks}) "
            f"ORDER BY article, ja_path, ja_line, id", tuple(confidences))
        return [(Unit(*row[:9], tuple(json.loads(row[9]))), row[10]) for row in rows]

    def approve(self, units: Iterable[tuple[str, str, dict]], origin: str) -> int:
        """Add approved (ja, en, properties) units imported from ``origin``; returns how many."""
        rows = [(ja, en, sha256(ja), origin, json.dumps(props, ensure_ascii=False), now()) for ja, en, props in units]
        self._write(lambda db: db.executemany(
            "INSERT INTO approved (ja, en, ja_sha256, origin, properties, created) VALUES (?,?,?,?,?,?)", rows))
        return len(rows)

    def approved(self) -> list[tuple[str, str, dict]]:
        return [(ja, en, json.loads(p)) for ja, en, p in self.db.execute("SELECT ja, en, properties FROM approved ORDER BY id")]

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("articles", "units", "approved", "site_items", "site_files")}


def _store(db, records: list[ArticleRecord], now: str) -> int:
    for r in records:
        db.execute("DELETE FROM articles WHERE name = ?", (r.name,))
        db.execute("INSERT INTO articles VALUES (?, ?, ?)", (r.name, json.dumps(r.files, ensure_ascii=False), now))
        db.executemany("INSERT INTO units (article, ja, en, confidence, ja_path, ja_line, ja_end_line, en_path, "
                       "en_line, en_end_line, ja_sha256, en_sha256, terms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       [(r.name, *u[:9], sha256(u.ja), sha256(u.en), json.dumps(u.terms, ensure_ascii=False))
                        for u in r.units])
        db.executemany("INSERT INTO site_items (article, kind, key, key2, key3, data) VALUES (?,?,?,?,?,?)",
                       [(r.name, *row) for row in r.site])
        db.executemany("INSERT INTO site_files VALUES (?,?,?)", [(r.name, *row) for row in r.summaries])
    return len(records)


def _create(db) -> None:
    """Create the tables in an empty database (another process may have just done it: then nothing)."""
    if db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
        return
    for statement in SCHEMA.strip().split(";\n"):
        if statement.strip():
            db.execute(statement)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("kind", KIND), ("version", VERSION)])


def now() -> str:
    """The time now as the memory and TMX write it (``YYYYMMDDThhmmssZ``, UTC)."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def open_memory(path: str, *, create: bool = False) -> Memory:
    """The memory at ``path``; ``create``: make it (and its folder) when it does not exist."""
    if create and (not os.path.exists(path) or os.path.getsize(path) == 0):  # empty: another run creating it
        folder = os.path.dirname(path) or "."
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the folder for the translation memory ({exc.strerror})", path) from None
        return Memory(path, create=True)
    return Memory(path)


def rebuild(path: str, records: Iterable[ArticleRecord], signature: str | None = None) -> tuple[int, int]:
    """A new memory of ``records`` built beside ``path`` and renamed over it (a corrupt file is replaced;
    approved units of a readable old memory are kept). Returns (articles, units)."""
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tm-", suffix=".sqlite", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise InputError(f"cannot write the translation memory here ({exc.strerror})", path) from None
    kept: list = []
    if os.path.isfile(path):
        try:
            with Memory(path) as old:
                kept = old.approved()
        except InputError:
            kept = []
    try:
        with Memory(tmp, create=True) as new:
            new.update(records, signature=signature)
            if kept:
                new.approve(kept, "kept")
            counts = new.counts()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return counts["articles"], counts["units"]
