"""Numbers in Japanese and English sentences, normalised to keys that the two languages share.

``numbers_ja("2〜3分")`` and ``numbers_en("2 to 3 minutes")`` both give one :class:`NumberMention` with key
``"range 2-3 minute"``. Keys:

=====================  =========================================  ==================================
key                    Japanese                                    English
=====================  =========================================  ==================================
``num 3``              3, ３, 三 (only before a counter)           3, three
``num 15000``          1.5万, 1万5000                               15,000, 15 thousand
``3 month``            3か月, ３ヶ月, 三カ月                        3 months, three months
``3 day``              3日間, 3日 (not after 月)                    3 days
``2 time``             2回, 2倍                                     2 times, twice
``30 percent``         30%, 30パーセント, 3割                        30%, 30 percent, 30 per cent
``range 2-3 minute``   2〜3分, 2~3分, 2-3分, 2、3分, 2分〜3分        2-3 minutes, 2 to 3 minutes
``age 40s``            40代                                         40s, forties, in their 40s
``age 40``             40歳, 40才                                    40 years old, 40-year-old, aged 40
``decade 1990s``       1990年代                                     1990s
``date 1-18``          1月18日                                      January 18, 18 January, Jan. 18th
``month 3``            3月                                          March (May only before a day/year)
``time 15:30``         午後3時半, 15時30分, 15:30                   3:30 pm, 15:30, 3.30 p.m.
``ord 2``              第2, 2番目, 2回目                            2nd, second (weak)
=====================  =========================================  ==================================

Text is NFKC-normalised first (full-width digits, ％, ～); offsets in mentions are code-point offsets into
the text as given. Mentions from number *words* for small values (one, a, first…) and lone kanji
numerals are ``weak``: they can satisfy a mention on the other side but are never reported missing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Literal, Sequence

__all__ = [
    "NumberMention",
    "NumberDiff",
    "numbers_ja",
    "numbers_en",
    "anchor_keys",
    "compare",
]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number (or range, date, time…) found in a text; ``start``/``end`` index the text as given."""

    key: str
    start: int
    end: int
    values: tuple[str, ...]
    unit: str = ""  # "" for a bare number; "month", "percent", "age", "date", "range:minute"…
    weak: bool = False


# --------------------------------------------------------------------------- normalisation


def _normalize(text: str) -> tuple[str, list[int]]:
    """NFKC of ``text`` char by char, with the map from each normalised index to an original index."""
    if text.isascii() or ("〜" not in text and unicodedata.is_normalized("NFKC", text)):
        # nothing changes: a text in NFKC holds no character that NFKC changes alone (they are
        # "NFKC_Quick_Check=No"), and 〜, which _char changes, is not in it (checked in C, not per character)
        return text, list(range(len(text) + 1))
    changed = {ch: n for ch in set(text) if (n := _char(ch)) != ch}
    if all(len(n) == 1 for n in changed.values()):  # one character for one: offsets unchanged
        return text.translate({ord(ch): n for ch, n in changed.items()}), list(range(len(text) + 1))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = _char(ch)
        out.append(n)
        where.extend([i] * len(n))
    where.append(len(text))
    return "".join(out), where


@lru_cache(maxsize=50_000)  # the characters met
def _char(ch: str) -> str:
    """NFKC of one character; the wave dashes 〜 and ～ become "~"."""
    return "~" if ch in "〜～" else unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) < 1e18:
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------- public API


def _build(text: str, raw: Iterable[tuple[int, int, str, tuple[str, ...], str, bool]], where: list[int]) -> list[NumberMention]:
    out = []
    for a, b, key, values, unit, weak in raw:
        start = where[a]
        end = where[b - 1] + 1 if b > a else start
        out.append(NumberMention(key=key, start=start, end=end, values=values, unit=unit, weak=weak))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _one_is_weak(raw):
    """A Japanese 1 (1杯, 週1回, 1人) is as often "a", "once", "weekly" or "every" in English: weak."""
    a, b, key, values, unit, weak = raw
    return (a, b, key, values, unit, weak or values == ("1",))


def numbers_ja(text: str) -> list[NumberMention]:
    """Numbers in a Japanese text (NFKC first): digits, 万/億, kanji numerals before a counter, units."""
    from taiyaku.analyze.numbers_ja import ja_mentions  # patterns compiled on first use
    from taiyaku.analyze.numbers_special import special

    s, where = _normalize(text)
    s, found = special(s, ja=True)
    return _build(text, found + [_one_is_weak(m) for m in ja_mentions(s)], where)


def numbers_en(text: str) -> list[NumberMention]:
    """Numbers in an English text (NFKC first): digits, number words, units, ranges, ages, dates, times."""
    from taiyaku.analyze.numbers_en import Clues, en_mentions  # patterns compiled on first use
    from taiyaku.analyze.numbers_special import special

    s, where = _normalize(text)
    clues = Clues(s)
    s, found = special(s, ja=False, clues=clues)
    return _build(text, found + en_mentions(s, clues), where)


def anchor_keys(mentions: Iterable[NumberMention]) -> frozenset[str]:
    """Alignment anchor keys: ``n:<key>`` of each mention, ``n:<value>`` of each value in it, and
    ``n:unit <unit>`` of each strong mention with a unit, so that a sentence whose number was changed in
    translation (3か月 → "six months") still aligns and the numbers check can report it.

    Values ≤ 1 from weak mentions are left out (one/a/一 are everywhere).
    """
    keys: set[str] = set()
    for m in mentions:
        if m.weak and all(v in ("0", "1") for v in m.values):
            continue
        keys.add("n:" + m.key)
        for v in m.values:
            keys.add("n:" + v)
        unit = _base_unit(m)
        if unit and not m.weak:
            keys.add("n:unit " + unit)
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class NumberDiff:
    """A number that does not agree: missing in English, extra in English, or present but different."""

    kind: Literal["missing", "extra", "different"]
    ja: NumberMention | None
    en: NumberMention | None


def _base_unit(m: NumberMention) -> str:
    return m.unit.split(":", 1)[-1] if m.unit.startswith("range:") else m.unit


def _compatible(x: NumberMention, y: NumberMention) -> bool:
    """Same number, units that do not contradict (a bare number agrees with any unit)."""
    if x.key == y.key:
        return True
    if x.key.startswith("time ") and y.key.startswith("time "):
        hx, mx = int(x.values[0]), x.values[1]
        hy, my = int(y.values[0]), y.values[1]
        return mx == my and hx % 12 == hy % 12
    if set(x.values) != set(y.values) and not (set(x.values) & set(y.values) and (x.unit == "date" or y.unit == "date")):
        return False
    ux, uy = _base_unit(x), _base_unit(y)
    if ux == uy or not ux or not uy:
        return x.unit.startswith("range:") == y.unit.startswith("range:") or not ux or not uy
    loose = {"person", "kind", "floor", "ord", "time", "degree", "month", "age", "decade"}
    return ux in loose or uy in loose


def compare(ja: Sequence[NumberMention], en: Sequence[NumberMention]) -> list[NumberDiff]:
    """Numbers that disagree between a Japanese sentence and its English version.

    Exact keys pair first, then mentions of the same value with compatible units (3人 ↔ three
    patients). Of what is left, a Japanese and an English mention with the same unit but another
    value are "different" (3か月 ↔ 4 months); other strong Japanese mentions are "missing" and other
    strong English mentions "extra". Weak mentions (one, first, 一つ…) are never reported.
    """
    left_ja = list(ja)
    left_en = list(en)
    for match in (lambda x, y: x.key == y.key, _compatible):
        for x in list(left_ja):
            for y in left_en:
                if match(x, y):
                    left_ja.remove(x)
                    left_en.remove(y)
                    break
    from taiyaku.analyze.numbers_special import approximates, is_identifier

    for x in list(left_ja):  # approximate amounts: 2〜3日 ↔ "a few days", 数日 ↔ "3 days"
        y = next((y for y in left_en if approximates(x, y)), None)
        if y is not None:
            left_ja.remove(x)
            left_en.remove(y)
    diffs: list[NumberDiff] = []
    for x in list(left_ja):  # identifiers: the same kind with other digits is a typo worth reporting
        y = next((y for y in left_en if is_identifier(x.unit) and y.unit == x.unit), None)
        if y is not None:
            diffs.append(NumberDiff("different", x, y))
            left_ja.remove(x)
            left_en.remove(y)
    for x in list(left_ja):
        if x.weak:
            continue
        for y in left_en:
            if not y.weak and x.unit and x.unit == y.unit:
                diffs.append(NumberDiff("different", x, y))
                left_ja.remove(x)
                left_en.remove(y)
                break
    diffs.extend(NumberDiff("missing", x, None) for x in left_ja if not x.weak)
    diffs.extend(NumberDiff("extra", None, y) for y in left_en if not y.weak)
    diffs.sort(key=lambda d: (d.ja.start if d.ja else 1 << 30, d.en.start if d.en else 1 << 30))
    return diffs
