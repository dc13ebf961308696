"""The JMdict lexicon: the derived word → keys table answers as the dictionary does, is built once per
cache folder, and is skipped (direct queries) where the cache folder cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from taiyaku.align.lexicon import Lexicon, cache_dir
from tests.test_anchors import _tiny_jmdict

CASES = [  # (word, keys) in the tiny dictionary, max_words=4
    ("筋肉", {"w:muscl"}),  # kanji writing; the German gloss is left out
    ("きんにく", {"w:muscl"}),  # kana writing of the same entry
    ("回復", {"w:recoveri", "w:restor"}),  # two senses; "(e.g. from illness)" is left out
    ("とても", set()),  # six words: too vague to be evidence
    ("未知", set()),  # not in the dictionary
    ("", set()),
]


@pytest.fixture
def jmdict(tmp_path) -> Path:
    path = tmp_path / "jamdict.db"
    _tiny_jmdict(path)
    return path


@pytest.mark.parametrize("derive", [True, False], ids=["table", "direct"])
@pytest.mark.parametrize("word, keys", CASES)
def test_words(jmdict, tmp_path, derive, word, keys) -> None:
    lex = Lexicon(str(jmdict), max_words=4, cache=tmp_path / "cache", derive=derive)
    assert lex.words(word) == keys
    assert lex.words(word) == keys  # again, from memory


def test_senses_limit(jmdict, tmp_path) -> None:
    for derive in (True, False):
        lex = Lexicon(str(jmdict), senses=1, cache=tmp_path / "c1", derive=derive)
        assert lex.words("回復") == {"w:recoveri"}  # only the first sense


def test_table_built_once_per_folder(jmdict, tmp_path) -> None:
    folder = tmp_path / "cache"
    Lexicon(str(jmdict), max_words=4, cache=folder)
    (table,) = folder.iterdir()
    assert table.name.endswith("-s3-m4.sqlite")
    before = table.stat().st_mtime_ns
    os.utime(table, ns=(before - 10**9, before - 10**9))
    lex = Lexicon(str(jmdict), max_words=4, cache=folder)
    assert table.stat().st_mtime_ns == before - 10**9  # reused, not rebuilt
    assert lex.words("筋肉") == {"w:muscl"}
    Lexicon(str(jmdict), max_words=5, cache=folder)  # other settings: another table
    assert len(list(folder.iterdir())) == 2


def test_unwritable_cache_falls_back_to_direct_queries(jmdict, tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    lex = Lexicon(str(jmdict), max_words=4, cache=blocker / "cache")
    assert lex.words("回復") == {"w:recoveri", "w:restor"}
    assert not (blocker / "cache").exists()


def test_cache_dir_from_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TAIYAKU_CACHE_DIR", str(tmp_path / "t"))
    assert cache_dir() == tmp_path / "t"
    monkeypatch.delenv("TAIYAKU_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert cache_dir() == tmp_path / "x" / "taiyaku"


def test_keys_of_content_words_only(jmdict, tmp_path) -> None:
    from taiyaku.analyze.tokens import tokenize

    lex = Lexicon(str(jmdict), max_words=4, cache=tmp_path / "cache")
    assert lex.keys(tokenize("筋肉の回復。")) == {"w:muscl", "w:recoveri", "w:restor"}
    assert lex.keys(tokenize("の。")) == frozenset()


def test_missing_file(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="jamdict-data"):
        Lexicon(str(tmp_path / "none.db"))


@pytest.mark.slow
def test_installed_jmdict(monkeypatch, tmp_path) -> None:
    pytest.importorskip("jamdict_data", reason="jamdict-data is not installed")
    monkeypatch.setenv("TAIYAKU_CACHE_DIR", str(tmp_path))
    lex = Lexicon.default()
    assert lex is not None and lex.table is not None and lex.table.parent == tmp_path
    direct = Lexicon(str(lex.path), derive=False)
    for word, expected in [("揉む", {"w:massag", "w:rub"}), ("筋肉", {"w:muscl"}), ("治療", {"w:treatment"})]:
        assert expected <= lex.words(word)
        assert lex.words(word) == direct.words(word)


def test_signature_names_the_file_and_settings(jmdict, tmp_path) -> None:
    lex = Lexicon(str(jmdict), senses=2, max_words=7, cache=tmp_path / "cache")
    assert lex.signature == f"jmdict:{jmdict.stat().st_size}:2:7"


def test_no_second_build_while_another_run_builds(jmdict, tmp_path) -> None:
    folder = tmp_path / "cache"
    probe = Lexicon(str(jmdict), max_words=4, cache=tmp_path / "other")
    folder.mkdir()
    lock = folder / (probe.table_path(folder).name + ".lock")
    lock.touch()  # another run is building the table
    lex = Lexicon(str(jmdict), max_words=4, cache=folder)
    assert lex.table is None and not probe.table_path(folder).exists()
    assert lex.words("筋肉") == {"w:muscl"}  # answered from the JMdict file
    os.utime(lock, (0, 0))  # a lock left by a run that died long ago
    assert Lexicon(str(jmdict), max_words=4, cache=folder).table == probe.table_path(folder)
    assert not lock.exists()
