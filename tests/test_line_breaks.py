"""Line breaks inside a block: which end a sentence (the same rules for both languages), and the
English and Japanese splitters' edge cases (ordinals, names with "!", "no.", quotations)."""

from __future__ import annotations

import pytest

from taiyaku.analyze.sentences import split_en, split_ja


def sentences(split, text: str) -> list[str]:
    return [" ".join(text[a:b].split()) for a, b in split(text)]


@pytest.mark.parametrize(
    "text, want",
    [
        # one sentence per line: a headline without punctuation is a sentence of its own
        ("Town festival scaled down\nThe festival opened on the 25th.\nIt rained all day.",
         ["Town festival scaled down", "The festival opened on the 25th.", "It rained all day."]),
        # hard-wrapped at a width: the lines of one sentence join
        ("This paragraph was wrapped at a fixed width so that each of its lines\n"
         "has about the same length and no punctuation at the end until the very\n"
         "end of the sentence.",
         ["This paragraph was wrapped at a fixed width so that each of its lines has about the same length "
          "and no punctuation at the end until the very end of the sentence."]),
        # a line going on in lower case, or after a comma or a preposition, continues
        ("Stretch slowly\nand without bouncing.", ["Stretch slowly and without bouncing."]),
        ("If it hurts,\nstop at once.", ["If it hurts, stop at once."]),
        # list items without punctuation, one per line
        ("Overstimulation\nPoor circulation\nFatigue", ["Overstimulation", "Poor circulation", "Fatigue"]),
        # ellipsis at a line end ends the sentence; inside a line it does not
        ("It went on and on...\nThen it stopped.", ["It went on and on...", "Then it stopped."]),
        ("He paused... and went on.", ["He paused... and went on."]),
        # ordinals are not abbreviations; "no." is one only before a number
        ("He came on the 21st. The next day was fine.", ["He came on the 21st.", "The next day was fine."]),
        ("They said no, no. Then they left.", ["They said no, no.", "Then they left."]),
        ("See No. 5 on the list.", ["See No. 5 on the list."]),
        ("He moved to the U.S. The climate suited him.", ["He moved to the U.S.", "The climate suited him."]),
        ("It starts at 5 p.m. on Mondays.", ["It starts at 5 p.m. on Mondays."]),
        # names written with "!"; a quotation opened with a single quote starts a sentence
        ("Yahoo! Japan reported it.", ["Yahoo! Japan reported it."]),
        ("That is routine. 'We know it,' they said.", ["That is routine.", "'We know it,' they said."]),
    ],
)
def test_english(text, want):
    assert sentences(split_en, text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # one sentence per line, with an unpunctuated headline ending in a particle
        ("東京の祭り、規模縮小へ\n祭りは25日に始まった。\n雨が降っていた。",
         ["東京の祭り、規模縮小へ", "祭りは25日に始まった。", "雨が降っていた。"]),
        ("新しいヘアに\n人気の髪型が変わる。\n若者の間で広がる。", ["新しいヘアに", "人気の髪型が変わる。", "若者の間で広がる。"]),
        # broken mid-sentence (seed 001): the lines join
        ("仙腸関節が\n不安定になると、\n痛みが出ます。", ["仙腸関節が 不安定になると、 痛みが出ます。"]),
        # wrapped at a width of 40 columns (20 kanji), cut mid-word
        ("腰痛の原因はさまざまですが、多くの場合は筋肉の\n緊張や関節の動きの悪さが関係しています。",
         ["腰痛の原因はさまざまですが、多くの場合は筋肉の 緊張や関節の動きの悪さが関係しています。"]),
        # a quotation that ends its sentence, and one that a quotative particle continues
        ("「今は存在しません。」バーは消えた。", ["「今は存在しません。」", "バーは消えた。"]),
        ("「そうですか。」と彼は言った。", ["「そうですか。」と彼は言った。"]),
        # a short quoted phrase keeps its sentence whole
        ("この「締めてから緩める」という順番が大切です。", ["この「締めてから緩める」という順番が大切です。"]),
        # a sentence end followed by a particle on the next line (seed 001)
        ("大丈夫か?\nを一瞬で判断します。", ["大丈夫か? を一瞬で判断します。"]),
    ],
)
def test_japanese(text, want):
    assert sentences(split_ja, text) == want
