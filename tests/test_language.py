"""Language by script proportions, and where a block holding both languages splits."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taiyaku.read.formats import read_blocks
from taiyaku.read.language import language_of, script_counts, split_mixed
from taiyaku.models import Block, Piece

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
NTREX = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex128_en-ja"


def block(text: str, at: int = 0) -> Block:
    return Block(text, (Piece(0, at, len(text)),), "paragraph", "ja")


@pytest.mark.parametrize(
    "text,counts",
    [
        ("", (0, 0)),
        ("腰痛", (2, 0)),
        ("ひらがなカタカナ漢字", (10, 0)),
        ("MRI", (0, 3)),
        ("MRIなどの検査", (5, 3)),
        ("々ヶｶﾀｶﾅ", (6, 0)),
        ("Café naïve", (0, 9)),
        ("123 !? 。、「」", (0, 0)),
        ("見る https://example.com/path?q=1 ここ", (4, 0)),  # URLs are not words
        ("(good-health.jp)", (0, 0)),
        ("mail a@b.jp today", (0, 9)),
        ("x.comx and y.co.jp", (0, 8)),  # "x.comx" is no domain
        ("see www.example", (0, 3)),
        ("http://x", (0, 5)),  # no "." and no "@": not taken for a URL
        ("It’s “café” time", (0, 11)),  # not ASCII: Latin letters counted by runs
        ("ＡＢＣと々〆〇", (4, 0)),  # full-width letters are not Latin letters
    ],
)
def test_script_counts(text, counts):
    assert script_counts(text) == counts


@pytest.mark.parametrize(
    "text,lang",
    [
        ("MRIなどの検査", "ja"),
        ("レントゲンやMRIなどの検査では", "ja"),
        ("One Clinic 麹町", "en"),  # alone, the Latin letters weigh more
        ("登録は無料ですのでぜひ下記のボタンからLINE登録してみてください!", "ja"),
        ("this is called 仙腸関節 instability", "en"),
        ("Keeping to this order, 締めてから緩める, is the shortest route.", "en"),
        ("Hello everyone!", "en"),
        ("2026/01/10", None),
        ("↓↓↓", None),
        ("", None),
    ],
)
def test_language_of(text, lang):
    assert language_of(text) == lang


def test_seed_000_title_line_splits_into_ja_and_en():
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found in {SEEDS}")
    source = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    mixed = next(b for b in read_blocks("txt", source) if "What are the causes" in b.text)
    ja, en = split_mixed(mixed)
    assert (ja.lang, ja.text) == ("ja", "マッサージやストレッチによる「揉み返し」の原因は?その予防法は?")
    assert en.lang == "en"
    assert en.text == "What are the causes of “rubbing back” from massage and stretching? How can it be prevented?"
    line5 = source.index("マッサージやストレッチによる")
    assert ja.to_source(0) == line5
    assert en.to_source(0) == source.index("What are the causes", line5)
    assert source[ja.to_source(len(ja.text) - 1)] == "?"
    assert ja.kind == en.kind == "paragraph"


@pytest.mark.parametrize(
    "text,parts",
    [
        (
            "ストレッチで腰痛が悪化するのはなぜ？\u3000Why can stretching make low back pain worse?",
            [("ja", "ストレッチで腰痛が悪化するのはなぜ？"), ("en", "Why can stretching make low back pain worse?")],
        ),
        (  # English first; an opening quote goes with the Japanese it opens
            "What is rubbing back? 「揉み返し」とは何でしょうか。",
            [("en", "What is rubbing back?"), ("ja", "「揉み返し」とは何でしょうか。")],
        ),
        (
            "腰痛の原因と対策について解説します。 Read on for the causes, and what to do. 続きは下記をご覧ください。",
            [
                ("ja", "腰痛の原因と対策について解説します。"),
                ("en", "Read on for the causes, and what to do."),
                ("ja", "続きは下記をご覧ください。"),
            ],
        ),
        # a Japanese heading line followed by its English line (interleaved text, issue 9): split at the
        # line break, even where the English is too short for a run of its own
        (
            "揉み返しとは\nWhat is post-massage soreness?",
            [("ja", "揉み返しとは"), ("en", "What is post-massage soreness?")],
        ),
        (
            "当院について\nAbout us\n施術の流れ\nTreatment flow",
            [("ja", "当院について"), ("en", "About us"), ("ja", "施術の流れ"), ("en", "Treatment flow")],
        ),
    ],
)
def test_split_mixed_splits(text, parts):
    out = split_mixed(block(text, at=100))
    assert [(b.lang, b.text) for b in out] == parts
    for b in out:  # each part keeps exact offsets
        assert b.to_source(0) == 100 + text.index(b.text)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("MRIなどの検査", "ja"),
        ("皆さんこんにちは!!整形外科クリニック“One Clinic 麹町(ワンクリニック麹町)” 院長の栗本です。", "ja"),
        ("One Clinic Kojimachiでは、腰痛の治療を行っています。", "ja"),  # a name, not English text
        ("登録は無料ですのでぜひ下記のボタンからLINE登録してみてください!", "ja"),
        ("一時救命処置(BLS:basic life support)取得", "ja"),
        ("怖さもしらないと!ステロイド(関節注射)効果と副作用 (good-health.jp)", "ja"),
        ("口コミは https://share.google/PKbm9Xe1MNWrIQczC のページです", "ja"),
        ("this is called 仙腸関節 instability", "en"),  # an untranslated term: a finding, not a split
        ("Keeping to this order, 締めてから緩める, is the shortest route to relieving sacroiliac joint pain.", "en"),
        ("However, stretching can sometimes make the pain in your lower back かえって worse.", "en"),
        ("Stretching is called ストレッチ in Japanese.", "en"),
        ("The soreness after a massage is called 揉み返し.", "en"),  # a term at the end is no Japanese text
        ("Hello everyone! I am Dr. Kurimoto.", "en"),
        # a line that mixes both (not nearly pure) is no cut point for the line rule
        ("MRI検査について\nMRIなどの検査を行います。", "ja"),
    ],
)
def test_split_mixed_keeps_short_runs_in_place(text, lang):
    b = block(text)
    assert [(x.lang, x.text) for x in split_mixed(b)] == [(lang, text)]


# NTREX lines that do not split so: "(AM)" goes with the English; French with a Japanese gloss; and,
# unless on a line of its own, English too short to stand as a run of its own
_NTREX_UNSPLIT = {0, 680}
_NTREX_SHORT = {1720, 1980}


@pytest.mark.parametrize("sep", ["", " ", "\n", "「", " “"])
def test_split_mixed_ntrex_sentence_then_its_translation(sep):
    """A Japanese NTREX sentence directly followed by its English source splits into the two (the
    opening quote going with the English it opens), every 20th line."""
    if not NTREX.is_dir():
        pytest.skip(f"NTREX data not found in {NTREX}")
    ja = (NTREX / "newstest2019-ref.jpn.txt").read_text(encoding="utf-8").split("\n")
    en = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
    for i in range(0, len(ja) - 1, 20):
        text = ja[i] + sep + en[i]
        got = [(b.lang, b.text) for b in split_mixed(block(text))]
        if i in _NTREX_UNSPLIT or (i in _NTREX_SHORT and sep != "\n"):
            assert got != [("ja", ja[i].strip()), ("en", (sep + en[i]).strip())], i
        else:
            assert got == [("ja", ja[i].strip()), ("en", (sep + en[i]).strip())], i


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="。．.!?！？”’\"'」』)）] \u3000\n\ta腰", max_size=30), st.integers(0, 30))
def test_a_sentence_end_is_read_back_from_the_cut(text, end):
    """The same answer as searching the text before the cut for the pattern (the oracle)."""
    import re

    from taiyaku.read.language import _ends_sentence

    end = min(end, len(text))
    pattern = re.compile(r"[。．.!?！？][”’\"'」』)）\]]*\s*$")
    assert _ends_sentence(text, end) == (pattern.search(text, 0, end) is not None)


def test_a_long_mixed_line_splits_in_linear_time():
    """Each cut used to search the line from its start for a sentence end: quadratic (minutes here)."""
    line = "腰痛の原因は筋肉の緊張です。Stretch slowly without bouncing for sixty seconds. " * 20_000
    parts = split_mixed(block(line))
    assert len(parts) == 40_000 and [p.lang for p in parts[:2]] == ["ja", "en"]
