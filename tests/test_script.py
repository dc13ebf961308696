"""taiyaku.script helpers that stand in for slower Python loops: the same answers."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from taiyaku.script import char_width, has_alnum, width


@pytest.mark.slow
def test_has_alnum_is_isalnum_on_every_code_point() -> None:
    assert [c for c in range(sys.maxunicode + 1) if has_alnum(chr(c)) != chr(c).isalnum()] == []


@pytest.mark.parametrize("text, start, end, expected", [
    ("", 0, None, False), ("、。「」 ", 0, None, False), ("_-_", 0, None, False), ("a", 0, None, True),
    ("、腰。", 0, None, True), ("、腰。", 2, None, False), ("、腰。", 0, 1, False), ("１２", 0, None, True),
    ("Ⅳ", 0, None, True), ("..3..", 1, 3, True), ("..3..", 3, 5, False),
])
def test_has_alnum(text: str, start: int, end: int | None, expected: bool) -> None:
    assert has_alnum(text, start, end) is expected
    assert has_alnum(text, start, end) == any(c.isalnum() for c in text[start:end])


@pytest.mark.parametrize("text", ["", "abc", "a\tb\x00", "腰痛", "ｱｲ", "ＡＢ", "mix 腰 ok", "é"])
def test_width_counts_wide_characters_twice(text: str) -> None:
    assert width(text) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    assert width(text) == sum(map(char_width, text))
