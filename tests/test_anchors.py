"""Romanization and anchor keys: tables of cases."""

from __future__ import annotations

import pytest

from taiyaku.align.anchors import en_anchors, ja_anchors, skeleton, word_key
from taiyaku.align.romaji import fold_latin, romanize

ROMAJI = [
    ("こうじまち", "kojimachi"),
    ("くりもと", "kurimoto"),
    ("はんぞうもん", "hanzomon"),
    ("コウジマチ", "kojimachi"),  # katakana reading
    ("しんじゅく", "shinjuku"),
    ("しんばし", "shinbashi"),  # ん before b stays n
    ("ぐんま", "gunma"),
    ("いっぽん", "ippon"),  # っ doubles the next consonant
    ("まっちゃ", "matcha"),  # っ before ch → tch
    ("きょうと", "kyoto"),  # ou → o
    ("おおさか", "osaka"),  # oo → o
    ("ゆうき", "yuki"),  # uu → u
    ("にいがた", "niigata"),  # ii is kept
    ("しんいち", "shinichi"),  # no apostrophe
    ("マッサージ", "massaji"),  # ー dropped
    ("ティッシュ", "tisshu"),
    ("ウェールズ", "weruzu"),
    ("ヴァイオリン", "vaiorin"),
    ("ふじ", "fuji"),
    ("ちぢみ", "chijimi"),
    ("つづき", "tsuzuki"),
]


@pytest.mark.parametrize(("kana", "latin"), ROMAJI)
def test_romanize(kana: str, latin: str) -> None:
    assert romanize(kana) == latin


def test_romanize_unfolded_keeps_long_vowels() -> None:
    assert romanize("こうじまち", fold=False) == "koujimachi"
    assert romanize("マッサージ", fold=False) == "massaaji"


@pytest.mark.parametrize(
    ("word", "folded"),
    [("Kojimachi", "kojimachi"), ("Shimbashi", "shinbashi"), ("Tōkyō", "tokyo"), ("Ohno", "ono"), ("Hanzōmon", "hanzomon")],
)
def test_fold_latin(word: str, folded: str) -> None:
    assert fold_latin(word) == folded


@pytest.mark.parametrize(
    ("katakana", "english"),
    [("ジョーンズ", "Jones"), ("セインズベリー", "Sainsbury"), ("クロイドン", "Croydon"), ("パルトロウ", "Paltrow")],
)
def test_skeletons_of_names_meet(katakana: str, english: str) -> None:
    assert skeleton(romanize(katakana)) == skeleton(english.lower())


def test_word_key_is_one_normaliser() -> None:
    assert word_key("Massage") == word_key("massaging") == "massag"
    assert word_key("Sainsbury's") == word_key("sainsbury")


def test_seed_greeting_shares_names() -> None:
    ja = "東京都千代田区 麹町駅と半蔵門駅の間 新宿通り沿いにあるビル2階の整形外科クリニック 院長の栗本です。"
    en = (
        "I am Dr. Kurimoto, the director of an orthopedic surgery clinic located on the second floor of a "
        "building along Shinjuku-dori between Kojimachi and Hanzomon Stations in Chiyoda-ku, Tokyo."
    )
    shared = ja_anchors(ja) & en_anchors(en)
    for key in ("rom:kurimoto", "rom:kojimachi", "rom:hanzomon", "rom:shinjuku", "rom:tokyo", "w:clinic", "w:build", "n:2"):
        assert key in shared


def test_gloss_and_numbers() -> None:
    shared = ja_anchors("マッサージやストレッチを3ヶ月続けた。") & en_anchors("I kept up massage and stretching for three months.")
    assert {"w:massag", "w:stretch", "n:3 month", "n:3"} <= shared


def test_latin_words_in_japanese_text() -> None:
    assert {"w:clinic", "rom:clinic"} <= ja_anchors("One Clinic 麹町")


def test_extra_keys_pass_through() -> None:
    assert "g:仙腸関節" in ja_anchors("仙腸関節", frozenset({"g:仙腸関節"}))
    assert "g:仙腸関節" in en_anchors("the sacroiliac joint", frozenset({"g:仙腸関節"}))


def test_function_words_are_not_keys() -> None:
    assert not {k for k in en_anchors("It is the one that was there.") if k in ("w:the", "w:is", "w:it")}


@pytest.mark.parametrize("text", ["", " ", "。", "🙂", "\u200b", "ｱｲｳ", "a" * 500, "１２３４５６７８９０" * 3])
def test_naughty_strings(text: str) -> None:
    assert isinstance(ja_anchors(text), frozenset)
    assert isinstance(en_anchors(text), frozenset)


def _tiny_jmdict(path) -> None:
    """The tables of jamdict-data's SQLite file that Lexicon reads, with three entries."""
    import sqlite3

    db = sqlite3.connect(path)
    db.executescript(
        """
        CREATE TABLE Kanji (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT);
        CREATE TABLE Kana (ID INTEGER PRIMARY KEY, idseq INTEGER, text TEXT, nokanji BOOLEAN);
        CREATE TABLE Sense (ID INTEGER PRIMARY KEY, idseq INTEGER);
        CREATE TABLE SenseGloss (sid INTEGER, lang TEXT, gend TEXT, text TEXT);
        INSERT INTO Kanji VALUES (1, 100, '筋肉'), (2, 200, '回復');
        INSERT INTO Kana VALUES (1, 100, 'きんにく', 0), (2, 200, 'かいふく', 0), (3, 300, 'とても', 1);
        INSERT INTO Sense VALUES (10, 100), (20, 200), (21, 200), (30, 300);
        INSERT INTO SenseGloss VALUES (10, 'eng', NULL, 'muscle'), (10, 'ger', NULL, 'Muskel'),
            (20, 'eng', NULL, 'recovery (e.g. from illness)'), (21, 'eng', NULL, 'restoration'),
            (30, 'eng', NULL, 'very'), (30, 'eng', NULL, 'awfully'), (30, 'eng', NULL, 'exceedingly'),
            (30, 'eng', NULL, 'immensely'), (30, 'eng', NULL, 'hugely'), (30, 'eng', NULL, 'greatly');
        """
    )
    db.commit()
    db.close()


def test_lexicon_from_a_jmdict_file(tmp_path) -> None:
    from taiyaku.align.anchors import Lexicon

    path = tmp_path / "jamdict.db"
    _tiny_jmdict(path)
    lex = Lexicon(str(path), max_words=4, cache=tmp_path / "cache")
    assert lex.words("筋肉") == {"w:muscl"}  # the German gloss is left out
    assert lex.words("回復") == {"w:recoveri", "w:restor"}  # parenthesised notes are left out
    assert lex.words("とても") == frozenset()  # too many words: too vague to be evidence
    assert lex.words("未知") == frozenset()
    ja = ja_anchors("筋肉の回復が遅れる。", lexicon=lex)
    shared = ja & en_anchors("It delays muscle recovery.")
    assert {"w:muscl", "w:recoveri"} <= shared


def test_lexicon_missing_file(tmp_path) -> None:
    from taiyaku.align.anchors import Lexicon

    with pytest.raises(FileNotFoundError, match="jamdict-data"):
        Lexicon(str(tmp_path / "none.db"))
