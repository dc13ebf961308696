"""Number patterns skipped when a text lacks what they need (``numbers_en.Clues``, the digit and kanji
numeral tests of ``numbers_ja`` and ``numbers_special``) give the same mentions as running every
pattern; NFKC per character gives the same text and offsets however it is computed."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from taiyaku.analyze import numbers_en, numbers_ja, numbers_special
from taiyaku.analyze.numbers import _normalize
from taiyaku.analyze.numbers import numbers_en as en_numbers
from taiyaku.analyze.numbers import numbers_ja as ja_numbers

SHARED = Path(__file__).resolve().parents[2] / "shared"
NTREX = SHARED / "data" / "ntrex128_en-ja"
SEEDS = SHARED / "seeds"

EN = [
    "The pain eased.",  # no pattern needed
    "It may help, and in May 2020 it did.",
    "Come at ten o'clock or at 3 p.m.; ten o’clock is fine.",
    "A hundred people, twenty-one of them aged sixty, were 40-years-old.",
    "It costs $5 or £3.50 bn, about 50% more, a % less.",
    "Stretch for an hour, a week, one day, per cent, a few days, several sessions.",
    "Once or twice, one or two treatments, three to four visits, twice a week.",
    "The first, second and 3rd time; in the twenties and 1990s.",
    "Call 03-1234-5678 or write to a@b.com, see www.example.com.",
    "FİRST and SEPTEMBER 5 (dotted capital I: not ASCII)",
    "Sept. 5th, 18 January, Jan 18, 2019",
    "between two and three minutes; 2 to 3 minutes; 5-10 kg",
    # not ASCII: the clues are the ASCII letter runs of its fold
    "It’s been three weeks — twice a week — since the café’s first visit.",
    "Naïve patients aged sixty, in their ﬁfties: a \u212ailo less, once or twice.",
    "Résumé: 2–3 sessions, a few days, the ſecond in Aprıl.",
]
JA = ["痛みが和らぐ", "3か月後に2〜3回", "一時的に十分な効果", "数日から数週間", "〒100-0001 東京都", "第二に"]


@pytest.fixture
def every_pattern(monkeypatch):
    """Run every pattern whatever the text holds."""

    class Everything(numbers_en.Clues):
        def __init__(self, text: str):
            super().__init__(text)
            self.digit = True

        def any(self, words) -> bool:
            return True

    always = re.compile("")
    monkeypatch.setattr(numbers_en, "Clues", Everything)
    monkeypatch.setattr(numbers_special, "_MAYBE_IDENTIFIER", always)
    monkeypatch.setattr(numbers_ja, "_MAYBE_NUMBER", always)


@pytest.mark.parametrize("text", EN)
def test_english_clues_change_nothing(text, request):
    gated = en_numbers(text)
    request.getfixturevalue("every_pattern")
    assert en_numbers(text) == gated


@pytest.mark.parametrize("text", JA)
def test_japanese_gate_changes_nothing(text, request):
    gated = ja_numbers(text)
    request.getfixturevalue("every_pattern")
    assert ja_numbers(text) == gated


def _lines() -> list[tuple[str, str]]:
    out = []
    if NTREX.is_dir():
        out += [("en", t) for t in (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()]
        out += [("ja", t) for t in (NTREX / "newstest2019-ref.jpn.txt").read_text(encoding="utf-8").splitlines()]
    if SEEDS.is_dir():
        for p in sorted(SEEDS.glob("*.txt")):
            out += [("ja" if re.search("[ぁ-んァ-ン一-龥]", t) else "en", t)
                    for t in p.read_text(encoding="utf-8").splitlines() if t.strip()]
    return out


@pytest.mark.slow
@pytest.mark.skipif(not NTREX.is_dir() and not SEEDS.is_dir(), reason="../shared (NTREX, seeds) is not beside the repository")
def test_real_text_same_mentions(request):
    """Every NTREX dev line and seed line: the same mentions with and without the clues."""
    lines = _lines()
    gated = [(en_numbers if lang == "en" else ja_numbers)(t) for lang, t in lines]
    request.getfixturevalue("every_pattern")
    assert [(en_numbers if lang == "en" else ja_numbers)(t) for lang, t in lines] == gated


def _reference(text: str) -> tuple[str, list[int]]:
    out, where = [], []
    for i, ch in enumerate(text):
        n = "~" if ch in "〜～" else unicodedata.normalize("NFKC", ch)
        out.append(n)
        where.extend([i] * len(n))
    return "".join(out), where + [len(text)]


@pytest.mark.parametrize(
    "text",
    ["abc", "３か月", "２～３分、2〜3分", "ｶﾞｲﾄﾞ", "5㎝の①", "ﬁle ﬃ", "ｶ\u3099", "", "腰痛",
     "2〜3日", "腰痛は3日で治る。", "か\u3099", "e\u0301 and é", "café’s 3 days"],
)
def test_normalize_per_character(text):
    assert _normalize(text) == _reference(text)


@pytest.mark.skipif(not NTREX.is_dir() and not SEEDS.is_dir(), reason="../shared (NTREX, seeds) is not beside the repository")
def test_normalize_per_character_real_text():
    """Every NTREX dev line and seed line (most of them NFKC already, some not)."""
    assert all(_normalize(t) == _reference(t) for _, t in _lines())


@pytest.mark.parametrize(
    "text, keys",
    [
        # letters an ASCII pattern matches under re.IGNORECASE whose str.lower() is not ASCII (was a KeyError)
        ("FİRST visit", ["ord 1"]),
        ("twİce a week", ["2 time", "1 week"]),
        ("APRİL 3", ["date 4-3"]),
        ("the thİrtİes", ["age 30s"]),
    ],
)
def test_caseless_letters(text, keys):
    assert [m.key for m in en_numbers(text)] == keys
