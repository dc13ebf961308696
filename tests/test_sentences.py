"""Sentence segmentation: Japanese and English rules, offsets that lead back to the right source line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taiyaku.read.documents import read_document
from taiyaku.analyze.sentences import segment, split_en, split_ja

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_doc(prefix: str):
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found in {SEEDS}")
    return read_document(str(next(SEEDS.glob(prefix + "_*.txt"))))


def texts(text: str, spans) -> list[str]:
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("こんにちは!東京です。", ["こんにちは!", "東京です。"]),
        ("皆さんこんにちは!!院長の栗本です。", ["皆さんこんにちは!!", "院長の栗本です。"]),
        ("腰痛でストレッチが逆効果になるケースとは!?", ["腰痛でストレッチが逆効果になるケースとは!?"]),
        ("原因は?その予防法は?", ["原因は?", "その予防法は?"]),
        ("痛みます。（個人差があります。）次へ。", ["痛みます。", "（個人差があります。）", "次へ。"]),
        # a short quote is part of its sentence, whatever it holds
        ("腰やお尻が痛いときに、「筋肉が硬いのかな?ストレッチでほぐそう」と考えるのは自然です。", ["腰やお尻が痛いときに、「筋肉が硬いのかな?ストレッチでほぐそう」と考えるのは自然です。"]),
        ("先に「安定」、その後「ほぐす。」", ["先に「安定」、その後「ほぐす。」"]),
        ("彼は『痛い。』と言った。次です。", ["彼は『痛い。』と言った。", "次です。"]),
        # a line cut mid-sentence is joined; a complete line ends its sentence
        ("マッサージやストレッチをすると\n一時的にに腰が楽になる\nこれは多くの人が経験していることだと思います。",
         ["マッサージやストレッチをすると\n一時的にに腰が楽になる", "これは多くの人が経験していることだと思います。"]),
        ("やり方が間違っているのではなく\n順番があっていないだけかもしれません。", ["やり方が間違っているのではなく\n順番があっていないだけかもしれません。"]),
        ("サボっていた筋肉を正常に機能してもらい\n支える筋肉に戻ってもらう\nこれだけです。", ["サボっていた筋肉を正常に機能してもらい\n支える筋肉に戻ってもらう", "これだけです。"]),
        ("しかし\n数日すると元に戻る", ["しかし\n数日すると元に戻る"]),  # a conjunction does not end a sentence
        ("もし\n痛みが続くなら", ["もし\n痛みが続くなら"]),  # nor does an adverb
        ("腰まわりや、\nお尻の筋肉", ["腰まわりや、\nお尻の筋肉"]),
        ("横浜市中区の院長\n佐野です。", ["横浜市中区の院長", "佐野です。"]),
        ("この考えは間違いではありません\n腰が痛い時", ["この考えは間違いではありません", "腰が痛い時"]),
        # the next line starts with a particle: no sentence starts that way
        ("ほぐしたことで逆に痛みが増してしまう人\nがいるのも、これまた事実です。", ["ほぐしたことで逆に痛みが増してしまう人\nがいるのも、これまた事実です。"]),
        ("「邪魔だから」\nと外したらどうなるでしょうか。", ["「邪魔だから」\nと外したらどうなるでしょうか。"]),
        ("このまま動き続けると危ないか?\nそれとも、まだ動いて大丈夫か?\nを一瞬で判断します。",
         ["このまま動き続けると危ないか?", "それとも、まだ動いて大丈夫か?\nを一瞬で判断します。"]),
        ("なぜ効かないのか?について説明します。", ["なぜ効かないのか?について説明します。"]),
        ("腰痛=硬いから悪い\nとは限りません。", ["腰痛=硬いから悪い\nとは限りません。"]),
        ("自然なことです。\nでも――ちょっと待ってください。", ["自然なことです。", "でも――ちょっと待ってください。"]),
        ("原因です。\nが、例外もあります。", ["原因です。", "が、例外もあります。"]),
        # white space trimmed, symbol-only pieces dropped
        ("  前置き。  \n↓↓↓\n本文。", ["前置き。", "本文。"]),
        ("", []),
    ],
)
def test_split_ja(text, expected):
    assert texts(text, split_ja(text)) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Hello everyone! I am Dr. Kurimoto, the director.", ["Hello everyone!", "I am Dr. Kurimoto, the director."]),
        ("Stretch gently, e.g. for 20 seconds. Then rest.", ["Stretch gently, e.g. for 20 seconds.", "Then rest."]),
        ("Use ice, heat, etc. Rest is also important.", ["Use ice, heat, etc. Rest is also important."]),
        ("Common in the U.S. and the U.K. Many people suffer.", ["Common in the U.S. and the U.K. Many people suffer."]),
        ("It weighs 3.5 kg. That is heavy.", ["It weighs 3.5 kg.", "That is heavy."]),
        ("Written by J. Smith and Prof. Tanaka. See Fig. 2 for details.", ["Written by J. Smith and Prof. Tanaka.", "See Fig. 2 for details."]),
        ("Open from 9 a.m. Monday to Friday. Closed on Sunday.", ["Open from 9 a.m. Monday to Friday.", "Closed on Sunday."]),
        ("Ask Mr. Sato, Mrs. Ito or Ms. Kato vs. No. 5 St. Luke.", ["Ask Mr. Sato, Mrs. Ito or Ms. Kato vs. No. 5 St. Luke."]),
        ("Wait... Then it hurt. Why?", ["Wait... Then it hurt.", "Why?"]),
        ("He said “stop.” Then he left.", ["He said “stop.”", "Then he left."]),
        ("Is it safe? (Yes.) “Really?” she asked.", ["Is it safe?", "(Yes.)", "“Really?” she asked."]),
        ("Write about “rubbing back(muscle pain)”. Next.", ["Write about “rubbing back(muscle pain)”.", "Next."]),
        ("The director of “One Clinic Kojimachi,” an orthopedic clinic.", ["The director of “One Clinic Kojimachi,” an orthopedic clinic."]),
        ("Step one.\nStep two.", ["Step one.", "Step two."]),
        ("no capital. after the dot", ["no capital. after the dot"]),
        ("", []),
    ],
)
def test_split_en(text, expected):
    assert texts(text, split_en(text)) == expected


def test_seed_001_broken_lines_are_joined():
    doc = seed_doc("001")
    ja, en = segment(doc)
    assert en == []
    by_text = {s.text: s for s in ja}
    joined = by_text["マッサージやストレッチをすると\n一時的にに腰が楽になる"]
    assert doc.position(joined.source_span()[0]) == (7, 1)
    assert doc.position(joined.source_span()[1]) == (8, 12)  # ends on the next line
    assert "これは多くの人が経験していることだと思います。" in by_text
    assert "ただ一方で\nほぐしたことで逆に痛みが増してしまう人\nがいるのも、これまた事実です。" in by_text
    assert by_text["数日すると元に戻る"].block.kind == "item"  # each item is its own sentence
    assert "ここで「ほぐす」とどうなるか?" in by_text  # the short quote is not split


def test_seed_000_english_sentences_and_lines():
    doc = seed_doc("000")
    ja, en = segment(doc)
    lines = doc.text.split("\n")

    def line_of(s):
        return doc.position(s.source_span()[0])[0]

    hello = next(s for s in en if s.text.startswith("Hello everyone!"))
    expected_line = next(i for i, line in enumerate(lines, 1) if line.startswith("Hello everyone!"))
    assert line_of(hello) == expected_line == 58
    assert hello.text == "Hello everyone!"
    para = [s.text for s in en if line_of(s) in (58, 64, 112)]
    assert para == [
        "Hello everyone!",
        "I am Dr. Kurimoto, the director of “One Clinic Kojimachi,” an orthopedic surgery clinic located on the "
        "second floor of a building along Shinjuku-dori between Kojimachi and Hanzomon Stations in Chiyoda-ku, Tokyo.",
        "I think many of you are taking massage and stretching for daily health maintenance.",
        "However, do you ever suffer from “return of pain” after these treatments, in which the pain intensifies or "
        "the body becomes sluggish?",
        "The aim is to increase muscle flexibility, improve blood circulation, and reduce pain as a result.",
        "Patients can also receive guidance on daily living precautions and self-care methods.",
    ]
    assert len(en) == 42  # 2 from the title line, 40 from the English body
    assert [s.text for s in en[:2]] == [
        "What are the causes of “rubbing back” from massage and stretching?",
        "How can it be prevented?",
    ]
    assert [s.text for s in ja[:3]] == [
        "麹町駅すぐの整形外科 Oneクリニック",
        "マッサージやストレッチによる「揉み返し」の原因は?",
        "その予防法は?",
    ]
    assert line_of(ja[1]) == line_of(en[0]) == 5


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_segments_are_exact_and_indexed(prefix):
    doc = seed_doc(prefix)
    ja, en = segment(doc)
    for side in (ja, en):
        assert [s.index for s in side] == list(range(len(side)))
        for a, b in zip(side, side[1:]):
            if a.block is b.block:
                assert a.end <= b.start
        for s in side:
            assert s.text and s.text == s.text.strip()
            assert s.lang == s.block.lang
            for i, ch in enumerate(s.text):  # every character leads back to itself in the file
                assert doc.text[s.block.to_source(s.start + i)] == ch
            start, end = s.source_span()
            assert doc.text[start] == s.text[0] and doc.text[end - 1] == s.text[-1]


_ALPHABET = "あい漢字カナAbc .。!?！？「」『』()\n \"”"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_spans_are_ordered_trimmed_and_lose_no_letter(text):
    for spans in (split_ja(text), split_en(text)):
        covered = set()
        last = 0
        for a, b in spans:
            assert last <= a < b <= len(text)
            assert not text[a].isspace() and not text[b - 1].isspace()
            covered.update(range(a, b))
            last = b
        assert all(i in covered for i, c in enumerate(text) if c.isalnum())


def _quoted_by_walk(text: str) -> set[int]:
    """The characters inside short, closed quotes, found one quote at a time (the oracle)."""
    from taiyaku.analyze.sentences import _QUOTE_MAX, _QUOTES

    inside, stack = set(), []
    for i, c in enumerate(text):
        if c in _QUOTES:
            stack.append((_QUOTES[c], i))
        elif c in "」』”" and stack and c == stack[-1][0]:
            _, start = stack.pop()
            if i - start <= _QUOTE_MAX:
                inside.update(range(start + 1, i))
    return inside


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="「」『』“”。あ", max_size=120))
def test_short_quotes_are_merged_spans_that_hold_the_same_characters(text):
    from taiyaku.analyze.sentences import _inside, _short_quotes

    quotes = _short_quotes(text)
    assert {i for i in range(len(text)) if _inside(quotes, i)} == _quoted_by_walk(text)


def test_a_block_of_many_quotes_splits_in_linear_time():
    """Each sentence end used to be tested against every quote of the block (4 x 10^8 steps here,
    minutes); now a quote is found by bisection."""
    text = "「はい。」と言った。" * 20_000
    spans = split_ja(text)
    assert len(spans) == 20_000 and spans[1] == (10, 20)
