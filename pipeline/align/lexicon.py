"""JMdict as alignment evidence: the English words of a Japanese word's glosses, as ``w:`` anchor keys.

The dictionary is jamdict-data's SQLite file (a dependency; JMdict © the Electronic Dictionary Research
and Development Group, CC BY-SA 4.0). Its tables are normalised (word → entry → senses → glosses), so a
look-up there is a four-table join. The first time a lexicon is opened, one pass over the file derives
a compact table *word → keys* (every kanji and kana writing of every entry) into the user's cache
folder, named after the jamdict-data file's size and date and the two settings below; later runs open
that table and a look-up is one indexed query, remembered in memory. When the cache folder cannot be
written, or while another run (a parallel worker) is building the table, look-ups query jamdict-data's
file directly (same answers, slower).

A word's keys are the stemmed English words (:func:`taiyaku.align.anchors.word_key`, function words
left out) of the first ``senses`` senses of every entry written with it; a word with more than
``max_words`` keys is too vague to be evidence and gives none.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from itertools import chain
from pathlib import Path

from taiyaku.analyze.pos import ADJECTIVAL_NOUN, ADJECTIVE, ADVERB, NOUN, NUMERAL, POSSIBLY_DEPENDENT, PROPER_NOUN, VERB

__all__ = ["Lexicon", "available", "cache_dir"]

_NOTE = re.compile(r"\(.*?\)")
_FORMAT = 1  # version of the derived table's layout; part of its file name
_LOCK_STALE = 600  # seconds after which a build lock is taken to be left by a run that died


def available() -> bool:
    """Would ``Lexicon.default()`` give a lexicon? (Without opening it or deriving its table.)"""
    try:
        import jamdict_data  # type: ignore[import-not-found]
    except ImportError:
        return False
    return Path(jamdict_data.JAMDICT_DB_PATH).is_file()


def cache_dir() -> Path:
    """Where derived data is kept: ``$TAIYAKU_CACHE_DIR``, else ``$XDG_CACHE_HOME/taiyaku``, else
    ``~/.cache/taiyaku``."""
    env = os.environ.get("TAIYAKU_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "taiyaku"


def _gloss_keys(gloss: str) -> set[str]:
    """``w:`` keys of one English gloss (parenthesised notes and short or function words left out)."""
    from taiyaku.align.anchors import _LATIN_WORD, _STOP, word_key

    keys = set()
    for w in _LATIN_WORD.findall(_NOTE.sub("", gloss)):
        lw = w.lower()
        if len(lw) > 2 and lw not in _STOP:
            keys.add("w:" + word_key(lw))
    return keys


class Lexicon:
    """English word keys of Japanese words from a JMdict SQLite file (jamdict-data's ``jamdict.db``)."""

    CONTENT_POS = frozenset({NOUN, VERB, ADJECTIVE, ADJECTIVAL_NOUN, ADVERB})
    SKIP_POS2 = frozenset({NUMERAL, PROPER_NOUN, POSSIBLY_DEPENDENT})

    def __init__(
        self, path: str, *, senses: int = 3, max_words: int = 12, cache: Path | None = None, derive: bool = True
    ) -> None:
        """Open ``path``. The derived table lives in ``cache`` (default :func:`cache_dir`) and is built
        there on first use; ``derive=False`` queries ``path`` directly. Raises FileNotFoundError."""
        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"{path}: no JMdict database there (pip install jamdict-data)")
        self.path = p
        self.senses = senses
        self.max_words = max_words
        self._memo: dict[str, frozenset[str]] = {}
        self._common: dict[str, bool] = {}
        self._source: tuple[sqlite3.Connection, int] | None = None  # the JMdict file, for ``common``
        self.table: Path | None = self._ready_table(cache or cache_dir()) if derive else None
        """The derived table in use, or None when ``path`` is queried directly."""
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def _connection(self) -> sqlite3.Connection:
        """The read-only connection of this process (a forked worker opens its own)."""
        if self._db is None or self._pid != os.getpid():
            target = self.table or self.path
            self._db = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    @classmethod
    def default(cls) -> "Lexicon | None":
        """The JMdict of the installed ``jamdict-data`` package (None only if it is missing)."""
        try:
            import jamdict_data  # type: ignore[import-not-found]
        except ImportError:
            return None
        try:
            return cls(jamdict_data.JAMDICT_DB_PATH)
        except FileNotFoundError:
            return None

    @property
    def signature(self) -> str:
        """What the lexicon is, for a run's signature: ``jmdict:<size>:<senses>:<max_words>``."""
        return f"jmdict:{self.path.stat().st_size}:{self.senses}:{self.max_words}"

    # -- derived table -------------------------------------------------------------------------------

    def table_path(self, folder: Path) -> Path:
        st = self.path.stat()
        return folder / f"jmdict-{_FORMAT}-{st.st_size}-{int(st.st_mtime)}-s{self.senses}-m{self.max_words}.sqlite"

    def _ready_table(self, folder: Path) -> Path | None:
        """The derived table in ``folder``, built if missing; None if it cannot be written there, or
        while another run is building it (then look-ups query the JMdict file: same answers)."""
        target = self.table_path(folder)
        if target.is_file():
            return target
        lock = target.with_name(target.name + ".lock")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if lock.exists() and time.time() - lock.stat().st_mtime < _LOCK_STALE:
                return None
            lock.touch()
            try:
                self.build_table(target)
            finally:
                lock.unlink(missing_ok=True)
        except (OSError, sqlite3.Error):
            return None
        return target

    def build_table(self, target: Path) -> int:
        """Derive the word → keys table from the JMdict file into ``target`` (written to a temporary
        file, then renamed, so a concurrent run never reads half a table); returns the number of words.
        Rows are streamed in order, so memory holds only each entry's keys (tuples of shared strings)."""
        src = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        strings: dict[str, str] = {}  # one object per distinct key
        entry_keys: dict[int, tuple[str, ...]] = {}
        current, taken, keys = None, [], set()
        rows = src.execute(
            "SELECT s.idseq, s.ID, g.text FROM Sense s JOIN SenseGloss g ON g.sid = s.ID "
            "WHERE g.lang IS NULL OR g.lang IN ('', 'eng') ORDER BY s.idseq, s.ID"
        )
        for idseq, sid, gloss in chain(rows, [(None, None, "")]):
            if idseq != current:
                if keys:
                    entry_keys[current] = tuple(strings.setdefault(k, k) for k in keys)
                current, taken, keys = idseq, [], set()
            if sid not in taken:
                if len(taken) >= self.senses:
                    continue
                taken.append(sid)
            keys |= _gloss_keys(gloss)

        def rows_out():
            word, keys = None, set()
            spellings = "SELECT text, idseq FROM Kanji UNION SELECT text, idseq FROM Kana ORDER BY 1"
            for text, idseq in chain(src.execute(spellings), [(None, None)]):
                if text != word:
                    if keys and len(keys) <= self.max_words:
                        yield word, " ".join(sorted(k[2:] for k in keys))
                    word, keys = text, set()
                keys.update(entry_keys.get(idseq, ()))

        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            db = sqlite3.connect(tmp)
            db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, keys TEXT NOT NULL) WITHOUT ROWID")
            db.executemany("INSERT INTO words VALUES (?, ?)", rows_out())
            n = db.execute("SELECT count(*) FROM words").fetchone()[0]
            db.commit()
            db.close()
            os.replace(tmp, target)
        finally:
            src.close()
            if tmp.exists():
                tmp.unlink()
        return n

    # -- look-ups ------------------------------------------------------------------------------------

    # CROSS JOIN keeps SQLite from scanning every English gloss through the index on lang
    _QUERY = (
        "SELECT s.idseq, s.ID, g.lang, g.text FROM Sense s CROSS JOIN SenseGloss g ON g.sid = s.ID "
        "WHERE s.idseq IN (SELECT idseq FROM Kanji WHERE text = ? UNION SELECT idseq FROM Kana WHERE text = ?) "
        "ORDER BY s.ID"
    )

    def _query_source(self, word: str) -> frozenset[str]:
        seen: dict[int, set[int]] = {}
        keys: set[str] = set()
        for idseq, sid, lang, gloss in self._connection().execute(self._QUERY, (word, word)):
            if lang not in (None, "", "eng"):
                continue
            sids = seen.setdefault(idseq, set())
            if sid not in sids:
                if len(sids) >= self.senses:
                    continue
                sids.add(sid)
            keys |= _gloss_keys(gloss)
        return frozenset(keys) if len(keys) <= self.max_words else frozenset()

    def words(self, word: str) -> frozenset[str]:
        """``w:`` keys of the English glosses of ``word`` (empty when unknown or too vague)."""
        got = self._memo.get(word)
        if got is not None:
            return got
        if self.table is not None:
            row = self._connection().execute("SELECT keys FROM words WHERE word = ?", (word,)).fetchone()
            got = frozenset("w:" + k for k in row[0].split()) if row else frozenset()
        else:
            got = self._query_source(word)
        self._memo[word] = got
        return got

    _COMMON = "SELECT 1 FROM {0} w JOIN {1} p ON p.kid = w.ID WHERE w.text = ? AND p.text IN ('ichi1', 'news1', 'gai1')"

    def common(self, word: str) -> bool:
        """Does JMdict mark ``word`` as an everyday word (priority ichi1, news1 or gai1 on one of its
        writings)? Read from the JMdict file itself (the derived table keeps no priorities)."""
        got = self._common.get(word)
        if got is None:
            if self._source is None or self._source[1] != os.getpid():
                self._source = (sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False), os.getpid())
            db = self._source[0]
            got = any(db.execute(self._COMMON.format(*t), (word,)).fetchone() for t in (("Kanji", "KJP"), ("Kana", "KNP")))
            self._common[word] = got
        return got

    def keys(self, tokens) -> frozenset[str]:
        """``w:`` keys of the content words among ``tokens`` (by lemma, else surface)."""
        out: set[str] = set()
        for t in tokens:
            if t.pos[0] in self.CONTENT_POS and t.pos[1] not in self.SKIP_POS2:
                out |= self.words(t.lemma) or self.words(t.surface)
        return frozenset(out)
