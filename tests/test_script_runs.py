"""script_counts and the sentence-end patterns, which scan with runs written "[x][x]*", against
per-character references: a table of edge cases and every line of the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from taiyaku.analyze.sentences import split_ja
from taiyaku.read.language import script_counts
from taiyaku.script import JAPANESE

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
_JA_CHAR = re.compile(f"[{JAPANESE}]")
_LATIN_CHAR = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_URLISH = ("@", "://", "www.", ".com", ".jp", ".org", ".net")


def _reference_counts(text: str) -> tuple[int, int]:
    """Japanese and Latin characters, one character at a time (texts without URLs)."""
    return sum(1 for c in text if _JA_CHAR.match(c)), sum(1 for c in text if _LATIN_CHAR.match(c))


@pytest.mark.parametrize(
    "text",
    ["", "a", "あ", "aあa", "ＡＢＣ漢字abc", "Ünïcode日本語ÀÖØöøɏ", "ｶﾀｶﾅ々〆〇x", "\u3000。、「」", "x y z"],
)
def test_script_counts_table(text):
    assert script_counts(text) == _reference_counts(text)


def test_script_counts_seed_lines():
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found in {SEEDS}")
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for line in lines:
        if not any(u in line for u in _URLISH):
            assert script_counts(line) == _reference_counts(line), line
            checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    "text,spans",
    [
        ("痛い。腰も痛い。", [(0, 3), (3, 8)]),
        ("本当？！そうです。", [(0, 4), (4, 9)]),
        ("えっ!?」本当。", [(0, 5), (5, 8)]),
        ("…。。。次です", [(4, 7)]),  # a part without a letter or digit is dropped
        ("はい…。。。次です", [(0, 6), (6, 9)]),
        ("終わり。）」次", [(0, 6), (6, 7)]),
        ("句点なし", [(0, 4)]),
    ],
)
def test_split_ja_term_runs(text, spans):
    assert split_ja(text) == spans
