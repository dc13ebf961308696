"""English numbers for ``analyze.numbers``: digits, number words, units, ranges, ages, dates and times,
patterns compiled when an English text is first read."""

from __future__ import annotations

import re

from taiyaku.analyze.numbers import _fmt
from taiyaku.analyze.numbers_ja import _DIGITS, collector
from taiyaku.analyze.numbers_special import fold

_EN_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
_EN_BIG = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_EN_ORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
_EN_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_SMALL_RE = "|".join(sorted(_EN_SMALL, key=len, reverse=True))
_TENS_RE = "|".join(_EN_TENS)
_WORD_NUM = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_SMALL_RE}))?|{_SMALL_RE}|a(?= hundred| thousand))"
_WORD_NUM_FULL = rf"{_WORD_NUM}(?:\s+hundred(?:\s+(?:and\s+)?{_WORD_NUM})?)?"
_EN_NUM = (
    rf"(?:(?:{_DIGITS})(?:\s*(?:hundred|thousand|million|billion|trillion)\b)?"
    rf"|\b(?:{_WORD_NUM_FULL})(?:\s+(?:thousand|million|billion|trillion))?\b)"
)
_EN_UNITS: dict[str, str] = {
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year",
    "time": "time", "times": "time", "fold": "time",
    "percent": "percent", "per cent": "percent", "%": "percent", "percentage points": "percent",
    "yen": "yen", "dollar": "dollar", "dollars": "dollar", "pound": "pound", "pounds": "pound",
    "euro": "euro", "euros": "euro",
    "people": "person", "persons": "person", "person": "person",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "km": "km", "kilometres": "km",
    "kilometers": "km", "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "mg": "mg",
    "ml": "ml", "degree": "degree", "degrees": "degree", "floor": "floor", "floors": "floor",
    "kinds": "kind", "types": "kind",
}
_EN_UNIT_RE = "|".join(sorted((re.escape(u) for u in _EN_UNITS), key=len, reverse=True))
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_EN_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date_md",
        re.compile(
            rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?",
            re.I,
        ),
    ),
    (
        "date_dm",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b\.?(?:,?\s+(?P<y>\d{{4}})\b)?",
            re.I,
        ),
    ),
    (
        "time",
        re.compile(
            r"\b(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ampm>[ap])\.?\s?m\b\.?|\b(?P<h2>\d{1,2}):(?P<mi2>\d{2})\b"
            rf"|\b(?P<h3>\d{{1,2}}|{_WORD_NUM})\s+o['’]clock\b",
            re.I,
        ),
    ),
    ("decade", re.compile(r"\b(?P<a>\d{2,4})['’]?s\b|\b(?P<w>" + "|".join(_EN_DECADE_WORDS) + r")\b", re.I)),
    (
        "age",
        re.compile(
            rf"\b(?P<a>{_EN_NUM})(?:\s*-\s*|\s+)years?(?:\s*-\s*|\s+)old\b|\baged\s+(?P<b>{_EN_NUM})", re.I
        ),
    ),
    (
        "range",
        re.compile(
            rf"(?:\bbetween\s+)?(?P<a>{_EN_NUM})\s*(?P<u1>{_EN_UNIT_RE})?\s*(?P<sep>-|–|—|~|\bto\b|\bor\b|\band\b)\s*"
            rf"(?P<b>{_EN_NUM})\s*(?:-\s*)?(?P<u>(?:{_EN_UNIT_RE})(?![a-z]))?",
            re.I,
        ),
    ),
    (
        "money",
        re.compile(
            rf"(?P<cur>[£$€¥])\s?(?P<a>{_DIGITS})(?:\s*(?P<mult>bn|billion|m|million|k|thousand|trillion|tn)\b)?",
            re.I,
        ),
    ),
    ("a_unit", re.compile(rf"\b(?:an?|one)\s+(?P<u>(?:{_EN_UNIT_RE})(?![a-z]))", re.I)),
    ("once", re.compile(r"\b(?P<w>once|twice|thrice|double|triple)\b", re.I)),
    ("ord", re.compile(r"\b(?P<a>\d+)(?:st|nd|rd|th)\b|\b(?P<w>" + "|".join(_EN_ORD) + r")\b", re.I)),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH_RE})\b", re.I)),
    ("unit", re.compile(rf"(?P<a>{_EN_NUM})\s*(?:-\s*)?(?P<u>(?:{_EN_UNIT_RE})(?![a-z]))?", re.I)),
]


_ASCII_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset((*_EN_SMALL, *_EN_TENS))
_MONTH_WORDS = frozenset(_MONTHS)
_DECADE_WORDS = frozenset(_EN_DECADE_WORDS)
_ORD_WORDS = frozenset(_EN_ORD)
_ONCE_WORDS = frozenset(("once", "twice", "thrice", "double", "triple"))
_UNIT_WORDS = frozenset(_ASCII_WORD.match(u)[0] for u in _EN_UNITS if u[0].isalpha())  # first word of each


class Clues:
    """What an English text holds that number patterns need: digits and its words (the runs of ASCII
    letters of its ``fold``, which maps the only other letters an ASCII pattern matches under
    re.IGNORECASE, İ ı ſ K, to theirs). Each test is a superset of where a pattern can match, so a
    pattern whose test fails is not run."""

    __slots__ = ("digit", "words", "text")

    def __init__(self, text: str):
        self.text = text
        self.digit = _DIGIT.search(text) is not None
        self.words = frozenset(_ASCII_WORD.findall(text.lower() if text.isascii() else fold(text)))

    def any(self, words: frozenset[str]) -> bool:
        return not self.words.isdisjoint(words)

    def number(self) -> bool:
        """Digits or a number word (``_EN_NUM``)."""
        return self.digit or self.any(_NUMBER_WORDS) or (self.any(_A) and self.any(_HUNDREDS))


_A = frozenset(("a",))
_A_ONE = frozenset(("a", "an", "one"))
_HUNDREDS = frozenset(("hundred", "thousand"))
_AGE_WORDS = frozenset(("year", "years", "aged"))
_CLOCK = frozenset(("clock",))

# kind → does the text hold what the pattern needs?
_NEEDS = {
    "date_md": lambda c: c.digit and c.any(_MONTH_WORDS),
    "date_dm": lambda c: c.digit and c.any(_MONTH_WORDS),
    "time": lambda c: c.digit or (c.any(_CLOCK) and c.number()),
    "decade": lambda c: c.digit or c.any(_DECADE_WORDS),
    "age": lambda c: c.any(_AGE_WORDS) and c.number(),
    "range": Clues.number,
    "money": lambda c: c.digit and any(ch in c.text for ch in "£$€¥"),
    "a_unit": lambda c: c.any(_A_ONE) and (c.any(_UNIT_WORDS) or "%" in c.text),
    "once": lambda c: c.any(_ONCE_WORDS),
    "ord": lambda c: c.digit or c.any(_ORD_WORDS),
    "month": lambda c: c.any(_MONTH_WORDS),
    "unit": Clues.number,
}


def parse_en_number(s: str) -> float | None:
    """Value of "1,500", "2.5 million", "twenty-five", "two hundred and five", "a hundred" (None if not)."""
    t = s.lower().replace(",", "").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|trillion)?", t)
    if m:
        return float(m[1]) * (_EN_BIG[m[2]] if m[2] else 1)
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w in ("and", ""):
            continue
        if w == "a":
            current, seen = 1, True
        elif w in _EN_SMALL:
            current += _EN_SMALL[w]
            seen = True
        elif w in _EN_TENS:
            current += _EN_TENS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _EN_BIG:
            total += (current or 1) * _EN_BIG[w]
            current = 0
        else:
            return None
    return total + current if seen else None


def _is_word(s: str) -> bool:
    return not any(c.isdigit() for c in s)


def en_mentions(s: str, clues: Clues | None = None) -> list[tuple[int, int, str, tuple[str, ...], str, bool]]:
    """Mentions in ``s``; ``clues``: those of ``s`` or of a text ``s`` was blanked from (a superset)."""
    clues = clues or Clues(s)
    patterns = [(kind, pat) for kind, pat in _EN_PATTERNS if _NEEDS[kind](clues)]
    if not patterns:
        return []
    found, free, add = collector(s)

    for kind, pat in patterns:
        for m in pat.finditer(s):
            a, b = m.span()
            if a == b or not free(a, b):
                continue
            if kind in ("date_md", "date_dm"):
                mon = m["mon"]
                if fold(mon) in ("may", "mar") and not mon[0].isupper():
                    continue
                d = int(m["d"])
                if not 1 <= d <= 31:
                    continue
                mo = _MONTHS[fold(mon)]
                if m["y"]:
                    add(m.start("y"), m.end("y"), f"num {m['y']}", (m["y"],), "")
                    b = m.start("y")
                    while b > a and s[b - 1] in ", ":
                        b -= 1
                add(a, b, f"date {mo}-{d}", (str(mo), str(d)), "date")
            elif kind == "time":
                if m["h"] is not None:
                    h, mi = int(m["h"]), int(m["mi"] or 0)
                    if m["ampm"].lower() == "p" and h < 12:
                        h += 12
                    if m["ampm"].lower() == "a" and h == 12:
                        h = 0
                elif m["h2"] is not None:
                    h, mi = int(m["h2"]), int(m["mi2"])
                else:
                    v = parse_en_number(m["h3"])
                    if v is None:
                        continue
                    h, mi = int(v), 0
                if h > 24 or mi > 59:
                    continue
                add(a, b, f"time {h}:{mi:02d}", (str(h), f"{mi:02d}"), "time")
            elif kind == "decade":
                if m["w"]:
                    x = _EN_DECADE_WORDS[fold(m["w"])]
                    add(a, b, f"age {x}s", (str(x),), "age")
                    continue
                x = int(m["a"])
                if x % 10:
                    continue
                label = "decade" if x >= 1000 else "age"
                add(a, b, f"{label} {x}s", (str(x),), label)
            elif kind == "age":
                t = m["a"] or m["b"]
                x = parse_en_number(t)
                if x is None:
                    continue
                add(a, b, f"age {_fmt(x)}", (_fmt(x),), "age")
            elif kind == "range":
                x, y = parse_en_number(m["a"]), parse_en_number(m["b"])
                sep = m["sep"].lower()
                unit_s = fold(m["u"] or "")
                if x is None or y is None or not x < y:
                    continue
                if _is_word(m["a"]) != _is_word(m["b"]):
                    continue
                if sep in ("or", "and") and not unit_s and not m.group(0).lower().startswith("between"):
                    continue
                if sep == "and" and not m.group(0).lower().startswith("between"):
                    continue
                if sep == "or" and y - x != 1:
                    continue
                if m["u1"] and fold(m["u1"]) != unit_s:
                    continue
                unit = _EN_UNITS.get(unit_s, "")
                if unit == "year" and x >= 1000:
                    unit = ""
                key = f"range {_fmt(x)}-{_fmt(y)}" + (f" {unit}" if unit else "")
                add(a, b, key, (_fmt(x), _fmt(y)), "range:" + unit)
            elif kind == "money":
                x = float(m["a"].replace(",", ""))
                mult = fold(m["mult"] or "")
                x *= {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3,
                      "trillion": 1e12, "tn": 1e12, "": 1}[mult]
                unit = {"£": "pound", "$": "dollar", "€": "euro", "¥": "yen"}[m["cur"]]
                add(a, b, f"{_fmt(x)} {unit}", (_fmt(x),), unit)
            elif kind == "a_unit":
                unit = _EN_UNITS[fold(m["u"])]
                if unit in ("person", "kind", "floor", "percent", "second"):
                    continue
                add(a, b, f"1 {unit}", ("1",), unit, weak=True)
            elif kind == "once":
                w = fold(m["w"])
                x = {"once": 1, "twice": 2, "thrice": 3, "double": 2, "triple": 3}[w]
                add(a, b, f"{x} time", (str(x),), "time", weak=w in ("once", "double", "triple"))
            elif kind == "ord":
                if m["a"]:
                    add(a, b, f"ord {int(m['a'])}", (str(int(m["a"])),), "ord")
                else:
                    x = _EN_ORD[fold(m["w"])]
                    add(a, b, f"ord {x}", (str(x),), "ord", weak=True)
            elif kind == "month":
                mon = m["mon"]
                if not mon[0].isupper():
                    continue
                if fold(mon) == "may":
                    # May is a modal verb unless a year follows or "in" comes before
                    if not (re.match(r"\s+\d{4}\b", s[b:]) or re.search(r"\b(?:in|of|early|late|mid)[\s-]+$", s[:a], re.I)):
                        continue
                elif len(mon) <= 4 and fold(mon) not in ("june", "july"):
                    continue  # abbreviations alone are words (Mar, Jan…)
                mo = _MONTHS[fold(mon)]
                add(a, b, f"month {mo}", (str(mo),), "month", weak=True)
            elif kind == "unit":
                t = m["a"]
                x = parse_en_number(t)
                if x is None:
                    continue
                t = t.rstrip()
                if t.lower() == "a":
                    continue
                if a > 0 and s[a - 1].isalpha() and not _is_word(t):
                    # digits glued to letters (COVID-19, A4, MP3): a bare number, unit ignored
                    add(a, a + len(t), f"num {_fmt(x)}", (_fmt(x),), "")
                    continue
                unit = _EN_UNITS.get(fold(m["u"] or ""), "")
                if unit == "year" and x >= 1000:
                    unit = ""
                if not unit:
                    b = a + len(t.rstrip())
                key = f"{_fmt(x)} {unit}" if unit else f"num {_fmt(x)}"
                add(a, b, key, (_fmt(x),), unit, weak=_is_word(t) and x <= 1)
    return found
