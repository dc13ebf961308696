"""Numbers that are not quantities, for ``analyze.numbers``: identifiers and approximate amounts.

- Identifiers (phone numbers, postal codes, URLs and e-mail addresses) are compared as strings of
  digits, never as quantities: ``03-1234-5678`` is one mention, not the numbers 3, 1234 and 5678, and
  the same number written ``+81-3-1234-5678`` in the English is the same identifier.
- Approximate amounts (数日, 数週間, "a few days", "several weeks", "a couple of days") agree with a small
  number or a range of the same unit on the other side: 2〜3日 ↔ "a few days" is not a mismatch.
- "once or twice" and "one or two treatments" are the range 1-2 times; street addresses (麹町4-5-6)
  are identifiers.

Both run on NFKC-normalised text, before the quantity patterns, and blank out what they consume so
the quantity patterns do not read it again.
"""

from __future__ import annotations

import re

ID = "id"
APPROX = "approx"

_UNITS_EN = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month",
    "year": "year", "time": "time", "session": "time", "visit": "time", "treatment": "time",
}
_UNITS_JA = {"秒": "second", "分": "minute", "時間": "hour", "日": "day", "週間": "week", "週": "week",
             "か月": "month", "ヶ月": "month", "カ月": "month", "ヵ月": "month", "ケ月": "month", "年": "year",
             "回": "time"}

_IDENTIFIERS = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<phone>(?<![0-9A-Za-z.-])(?:\+81[-\s.]?\(?0?\)?|\(0\d{1,4}\)[-\s.]?|0)\d{0,4}[-\s.]?\d{1,4}[-.]\d{3,4}(?![0-9A-Za-z-]))"
    r"|(?P<address>(?<![0-9A-Za-z.-])\d{1,4}(?:-\d{1,4}){2,3}(?![0-9A-Za-z-]))"
    r"|(?P<postal>(?:〒\s?)\d{3}-?\d{4}(?!\d)|(?<![\d¥$,.-])\d{3}-\d{4}(?![\d,.%-])(?!\s?(?:円|yen|人|回|km|m\b)))"
)
_APPROX_JA = re.compile("数(" + "|".join(sorted(map(re.escape, _UNITS_JA), key=len, reverse=True)) + ")")
_APPROX_EN = re.compile(
    r"\b(?:a\s+few|a\s+couple\s+of|several|a\s+number\s+of|few|some)\s+(?:more\s+)?"
    r"(" + "|".join(_UNITS_EN) + r")s?\b",
    re.IGNORECASE,
)
_ONCE_OR_TWICE = re.compile(r"\bonce\s+or\s+twice\b", re.IGNORECASE)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_X_OR_Y = re.compile(
    r"\b(one|two|three|four)\s+(?:or|to)\s+(two|three|four|five)\s+(?:(?:more|extra)\s+)?"
    r"(treatments?|sessions?|visits?|times)\b", re.IGNORECASE)

# What each pattern cannot match without (a superset test, run before the pattern itself).
_MAYBE_IDENTIFIER = re.compile(r"\d|@|www\.|://")
_APPROX_WORDS = frozenset(("few", "couple", "several", "number", "some"))
_ONCE = frozenset(("once",))
_X_WORDS = frozenset(("one", "two", "three", "four"))

# The letters other than A-Z that an ASCII pattern matches with re.IGNORECASE, as that letter
# ("FİRST" is "first"; its str.lower() is not).
_CASELESS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def fold(word: str) -> str:
    """Lowercase ``word`` as an ASCII pattern with re.IGNORECASE matched it."""
    return word.translate(_CASELESS).lower()


Raw = tuple[int, int, str, tuple[str, ...], str, bool]  # (start, end, key, values, unit, weak)


def _digits(kind: str, text: str) -> str:
    if kind == "url":
        return text.lower().rstrip(".,)")
    digits = re.sub(r"\D", "", text)
    if kind == "phone" and text.lstrip().startswith("+81"):
        digits = "0" + digits[2:].lstrip("0")
    return digits


def special(s: str, ja: bool, clues=None) -> tuple[str, list[Raw]]:
    """(``s`` with identifiers and approximate amounts blanked out, their mentions). Identifiers and
    approximate amounts are weak: never reported missing, only different. ``clues``: the English
    text's ``numbers_en.Clues`` (a pattern whose words are not in the text is not run)."""
    out: list[Raw] = []
    chars: list[str] | None = None  # made on the first blank

    def take(a: int, b: int) -> None:
        nonlocal chars
        if chars is None:
            chars = list(s)
        chars[a:b] = " " * (b - a)

    if _MAYBE_IDENTIFIER.search(s):
        for m in _IDENTIFIERS.finditer(s):
            kind = m.lastgroup
            value = _digits(kind, m.group())
            out.append((m.start(), m.end(), f"{ID} {kind} {value}", (value,), f"{ID}:{kind}", True))
            take(m.start(), m.end())
    if ja:
        if "数" in s:
            for m in _APPROX_JA.finditer(s):
                unit = _UNITS_JA[m.group(1)]
                out.append((m.start(), m.end(), f"{APPROX} {unit}", (), f"{APPROX}:{unit}", True))
                take(m.start(), m.end())
        return ("".join(chars) if chars else s), out
    if clues is None or clues.any(_APPROX_WORDS):
        for m in _APPROX_EN.finditer(s):
            unit = _UNITS_EN[fold(m.group(1))]
            out.append((m.start(), m.end(), f"{APPROX} {unit}", (), f"{APPROX}:{unit}", True))
            take(m.start(), m.end())
    if clues is None or clues.any(_ONCE):
        for m in _ONCE_OR_TWICE.finditer(s):
            out.append((m.start(), m.end(), "range 1-2 time", ("1", "2"), "range:time", False))
            take(m.start(), m.end())
    if clues is None or clues.any(_X_WORDS):
        for m in _X_OR_Y.finditer(s):  # "one or two treatments": a count of times
            a, b = _WORDS[fold(m.group(1))], _WORDS[fold(m.group(2))]
            out.append((m.start(), m.end(), f"range {a}-{b} time", (str(a), str(b)), "range:time", False))
            take(m.start(), m.end())
    return ("".join(chars) if chars else s), out


def is_identifier(unit: str) -> bool:
    return unit.startswith(ID + ":")


def approximates(x, y) -> bool:
    """Does the approximate mention ``x`` (or ``y``) cover the other: a range, or a number up to 9, of
    the same unit (数日 ↔ 3 days, 2〜3日 ↔ "a few days")?"""
    if not x.unit.startswith(APPROX + ":"):
        x, y = y, x
    if not x.unit.startswith(APPROX + ":"):
        return False
    if y.unit.startswith(APPROX + ":"):
        return x.unit == y.unit
    unit = x.unit.split(":", 1)[1]
    y_unit = y.unit.split(":", 1)[-1]
    if y_unit != unit:
        return False
    try:
        return all(float(v) <= 9 for v in y.values) and bool(y.values)
    except ValueError:
        return False
