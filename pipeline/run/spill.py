"""A large run's results kept on disk, not in memory: findings and document summaries written to a
temporary SQLite file as they arrive and read back one at a time, so the parent's memory stays flat in
the number of articles.

``Spill.report()`` gives a ``Report`` whose ``findings`` is a ``SpilledFindings`` (a sequence, added to
with ``extend``, that always iterates in ``sort_key`` order, with counts by rule/severity/category kept
as findings are added) and whose ``documents`` is a ``SpilledDocuments`` (a mapping path → ``DocumentSummary`` in arrival
order, each summary unpickled when asked for, a few kept). Everything that reads a report (the formats,
fingerprints, baselines, fixes) works on these unchanged; the text, json, sarif and github formats read
them one finding at a time (sarif keeps the list of paths, for its artifact indexes). The file lives in
its own temporary directory, removed when the spill is closed or garbage-collected (or at exit).

Writes are buffered: up to ``BATCH`` findings and ``DOC_BATCH`` summaries, already pickled, wait and
go in with one statement (a statement per article cost several times more: between two articles
MeCab's tables push SQLite's out of the CPU cache). Anything that reads writes what waits first.

What stays in memory: the counts, the writes waiting, the last few summaries read, and what the
engine keeps beside the report (the records of corpus-scope rules, the one-language articles, the
skipped files, html views).

Sort order: paths and messages are stored as UTF-8 blobs (``surrogatepass``), whose byte order is code
point order, so SQLite's ``ORDER BY`` is Python's order of ``sort_key``; ties keep the order of arrival,
as Python's stable sort does.
"""

from __future__ import annotations

import os
import weakref
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager

from taiyaku.errors import InputError
from taiyaku.models import Finding

SPILL_AFTER = 64  # runs of more articles than this keep their results in a spill (engine._check)
BATCH = 256  # findings written per statement
DOC_BATCH = 64  # document summaries written per statement
CACHED = 16  # document summaries kept unpickled (the findings of one file, and their other sides)
_ORDER = 'ORDER BY key, start, "end", rule, message, seq'


def _blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _text(blob: bytes) -> str:
    return bytes(blob).decode("utf-8", "surrogatepass")


def new_report(articles: int):
    """An empty ``Report`` for a run of ``articles``: spilled past ``SPILL_AFTER`` articles, in memory
    otherwise (and when no temporary file can be made: the run still works, with more memory)."""
    from taiyaku.run.report import Report

    if articles > SPILL_AFTER:
        try:
            return Spill().report()
        except (OSError, _sqlite_error()):
            pass
    return Report([], {})


def _sqlite_error():
    import sqlite3

    return sqlite3.Error


@contextmanager
def _writing(spill: "Spill") -> Iterator[None]:
    """A failed write to the spill (a full disk) as one line, not a traceback."""
    try:
        yield
    except _sqlite_error() as exc:
        raise InputError(f"cannot write the run's temporary results ({exc}): free some space there, or set "
                         "TMPDIR to another folder", spill.folder) from None


class Spill:
    """The temporary SQLite file of one run (see the module doc)."""

    def __init__(self) -> None:
        import sqlite3
        import tempfile

        self.folder = tempfile.mkdtemp(prefix="taiyaku-spill-")
        self.db = sqlite3.connect(os.path.join(self.folder, "results.sqlite3"), isolation_level=None)
        self._close = weakref.finalize(self, _remove, self.db, self.folder)
        try:
            self.db.executescript(
                """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA cache_size = -2048;
                CREATE TABLE findings (seq INTEGER PRIMARY KEY, key BLOB, start INTEGER, "end" INTEGER,
                                       rule TEXT, message BLOB, data BLOB);
                CREATE TABLE documents (seq INTEGER PRIMARY KEY, key BLOB UNIQUE, data BLOB);
                """
            )
            self.db.execute("BEGIN")  # one transaction, never committed: the file is thrown away
        except sqlite3.Error:
            self._close()
            raise
        self.findings = SpilledFindings(self)
        self.documents = SpilledDocuments(self)

    def report(self):
        from taiyaku.run.report import Report

        return Report(self.findings, self.documents)

    def close(self) -> None:
        """Remove the file (the report cannot be read afterwards)."""
        self._close()


def _remove(db, folder: str) -> None:
    import shutil

    db.close()
    shutil.rmtree(folder, ignore_errors=True)


class SpilledFindings(Sequence):
    """A run's findings in the spill, always read in ``sort_key`` order. ``extend`` adds (the engine
    adds per article, then the corpus rules' findings); ``counts`` holds the number of findings per
    (rule, name, severity, category), kept as they are added."""

    def __init__(self, spill: Spill):
        self._spill = spill
        self._n = 0  # written
        self._waiting: list[tuple] = []  # rows not yet written
        self._indexed = False
        self.counts: Counter = Counter()

    def extend(self, findings: Iterable[Finding]) -> None:
        import pickle

        rows = self._waiting
        for f in findings:
            self.counts[f.rule, f.name, f.severity, f.category] += 1
            rows.append((_blob(f.path), f.start, f.end, f.rule, _blob(f.message), pickle.dumps(f, pickle.HIGHEST_PROTOCOL)))
            if len(rows) >= BATCH:
                self._write()

    def _write(self) -> None:
        """Write the findings waiting."""
        rows = self._waiting
        if rows:
            with _writing(self._spill):
                self._spill.db.executemany(
                    'INSERT INTO findings (key, start, "end", rule, message, data) VALUES (?, ?, ?, ?, ?, ?)', rows)
            self._n += len(rows)
            rows.clear()

    def append(self, finding: Finding) -> None:
        self.extend((finding,))

    def sort(self, *, key=None) -> None:
        """Nothing to do: the spill is always read in ``sort_key`` order (the only order asked of it)."""
        from taiyaku.run.report import sort_key

        if key is not sort_key:
            raise ValueError("spilled findings are read in sort_key order only")

    def _rows(self, tail: str = "", args: tuple = ()) -> Iterator[Finding]:
        import pickle

        self._write()
        db = self._spill.db
        if not self._indexed:  # once every finding is in: cheaper than keeping an index up to date
            db.execute('CREATE INDEX IF NOT EXISTS ordered ON findings (key, start, "end", rule, message, seq)')
            self._indexed = True
        for (data,) in db.execute(f"SELECT data FROM findings {_ORDER} {tail}", args):
            yield pickle.loads(data)

    def __iter__(self) -> Iterator[Finding]:
        return self._rows()

    def __len__(self) -> int:
        return self._n + len(self._waiting)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("finding index out of range")
        return next(self._rows("LIMIT 1 OFFSET ?", (index,)))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"<{len(self)} spilled findings>"


class SpilledDocuments(MutableMapping):
    """A run's document summaries in the spill: path → ``DocumentSummary`` in arrival order (setting a
    path again replaces its summary in place, as a dict does). The last few read are kept unpickled."""

    def __init__(self, spill: Spill):
        self._spill = spill
        self._n = 0  # written
        self._waiting: dict[bytes, bytes] = {}  # key → pickled summary, not yet written
        self._cache: OrderedDict = OrderedDict()

    def __setitem__(self, path: str, summary) -> None:
        import pickle

        self._waiting[_blob(path)] = pickle.dumps(summary, pickle.HIGHEST_PROTOCOL)
        self._cache.pop(path, None)
        if len(self._waiting) >= DOC_BATCH:
            self._write()

    def _write(self) -> None:
        """Write the summaries waiting, in the order they came; a path written before keeps its place."""
        rows = self._waiting
        if not rows:
            return
        db = self._spill.db
        with _writing(self._spill):
            added = db.executemany("INSERT OR IGNORE INTO documents (key, data) VALUES (?, ?)", rows.items()).rowcount
            if added < len(rows):  # some paths were checked again
                db.executemany("UPDATE documents SET data = ? WHERE key = ?", [(d, k) for k, d in rows.items()])
        self._n += added
        rows.clear()

    def __getitem__(self, path: str):
        import pickle

        summary = self._cache.get(path)
        if summary is not None:
            self._cache.move_to_end(path)
            return summary
        self._write()
        row = self._spill.db.execute("SELECT data FROM documents WHERE key = ?", (_blob(path),)).fetchone()
        if row is None:
            raise KeyError(path)
        summary = self._cache[path] = pickle.loads(row[0])
        if len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return summary

    def __delitem__(self, path: str) -> None:
        self._write()
        if self._spill.db.execute("DELETE FROM documents WHERE key = ?", (_blob(path),)).rowcount == 0:
            raise KeyError(path)
        self._n -= 1
        self._cache.pop(path, None)

    def __contains__(self, path) -> bool:
        return isinstance(path, str) and (
            path in self._cache
            or _blob(path) in self._waiting
            or self._spill.db.execute("SELECT 1 FROM documents WHERE key = ?", (_blob(path),)).fetchone() is not None
        )

    def __iter__(self) -> Iterator[str]:
        self._write()
        return (_text(key) for (key,) in self._spill.db.execute("SELECT key FROM documents ORDER BY seq"))

    def values(self):
        """The summaries in arrival order, unpickled one at a time (not cached)."""
        return _Values(self)

    def __len__(self) -> int:
        self._write()
        return self._n

    def __repr__(self) -> str:
        return f"<{len(self)} spilled document summaries>"


class _Values:
    """``SpilledDocuments.values()``: sized and iterable any number of times, read lazily."""

    def __init__(self, documents: SpilledDocuments):
        self._documents = documents

    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self):
        import pickle

        self._documents._write()
        db = self._documents._spill.db
        return (pickle.loads(data) for (data,) in db.execute("SELECT data FROM documents ORDER BY seq"))
