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

import re
import unicodedata
from dataclasses import dataclass
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
    if text.isascii():
        return text, list(range(len(text) + 1))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch) if ord(ch) > 0x7F else ch
        if ch in "〜～":
            n = "~"
        out.append(n)
        where.extend([i] * len(n))
    where.append(len(text))
    return "".join(out), where


def _fmt(x: float) -> str:
    if x == int(x) and abs(x) < 1e18:
        return str(int(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------- Japanese

_KANJI_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
_KANJI_BIG = {"万": 10_000, "億": 100_000_000, "兆": 1_000_000_000_000}
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_JA_NUM = (
    rf"(?:{_DIGITS}(?:[十百千万億兆](?:{_DIGITS})?)*"
    r"|[〇一二三四五六七八九十百千万億兆]*[一二三四五六七八九十百千][〇一二三四五六七八九十百千万億兆]*)"
)


def parse_ja_number(s: str) -> float | None:
    """Value of a Japanese number: "25", "1.5万", "3億5000万", "二十五", "千二百" (None if not one)."""
    total = 0.0
    section = 0.0
    current: float | None = None
    for m in re.finditer(r"\d+(?:,\d{3})*(?:\.\d+)?|.", s):
        t = m.group(0)
        if t[0].isdigit():
            current = float(t.replace(",", ""))
        elif t in _KANJI_DIGIT:
            current = (current or 0) * 10 + _KANJI_DIGIT[t] if current is not None else _KANJI_DIGIT[t]
        elif t in _KANJI_SMALL:
            section += (current if current is not None else 1) * _KANJI_SMALL[t]
            current = None
        elif t in _KANJI_BIG:
            section += current or 0
            total += (section or 1) * _KANJI_BIG[t]
            section, current = 0.0, None
        else:
            return None
    return total + section + (current or 0)


# Counters after a number → unit. Longest first. "" means a bare number.
_JA_UNITS: list[tuple[str, str]] = sorted(
    [
        ("か月", "month"), ("ヶ月", "month"), ("カ月", "month"), ("ヵ月", "month"), ("箇月", "month"),
        ("ケ月", "month"), ("ヶげつ", "month"), ("か月間", "month"), ("ヶ月間", "month"), ("カ月間", "month"),
        ("日間", "day"), ("週間", "week"), ("年間", "year"), ("時間", "hour"), ("分間", "minute"),
        ("秒間", "second"), ("秒", "second"), ("週", "week"), ("回", "time"), ("倍", "time"),
        ("パーセント", "percent"), ("%", "percent"), ("円", "yen"), ("ドル", "dollar"), ("ポンド", "pound"), ("ユーロ", "euro"), ("人", "person"),
        ("名", "person"), ("歳", "age"), ("才", "age"), ("kg", "kg"), ("km", "km"), ("cm", "cm"),
        ("mm", "mm"), ("mg", "mg"), ("ml", "ml"), ("キロ", "kg"), ("センチ", "cm"), ("度", "degree"),
        ("階", "floor"), ("つ", ""), ("個", ""), ("本", ""), ("枚", ""), ("件", ""), ("種類", "kind"),
        ("年", "year"), ("日", "day"), ("分", "minute"), ("割", "tenth"),
    ],
    key=lambda p: -len(p[0]),
)
_JA_UNIT_RE = "|".join(re.escape(u) for u, _ in _JA_UNITS)
_JA_UNIT = dict(_JA_UNITS)

_JA_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(rf"(?:(?P<y>\d{{4}})年\s*)?(?P<m>\d{{1,2}}|{_JA_NUM})月\s*(?P<d>\d{{1,2}}|{_JA_NUM})日(?!間)"),
    ),
    (
        "time",
        re.compile(rf"(?P<ampm>午前|午後)?\s*(?P<h>\d{{1,2}})時(?!間)(?:\s*(?P<mi>\d{{1,2}})分(?!間)|(?P<half>半))?"),
    ),
    ("clock", re.compile(r"(?<![\d.:])(?P<h>\d{1,2}):(?P<mi>\d{2})(?![\d:])")),
    (
        "range",
        re.compile(
            rf"(?P<a>{_JA_NUM})\s*(?P<u1>{_JA_UNIT_RE})?\s*(?P<sep>~|-|–|—|から|、|・)\s*(?P<b>{_JA_NUM})\s*(?P<u>{_JA_UNIT_RE}|代)"
        ),
    ),
    ("decade", re.compile(rf"(?P<a>{_JA_NUM})(?:年)?代")),
    ("ord", re.compile(rf"第\s*(?P<a>{_JA_NUM})|(?P<b>{_JA_NUM})\s*(?:番目|回目|度目|つ目|位)")),
    ("month", re.compile(rf"(?P<a>\d{{1,2}}|{_JA_NUM})月(?!間)")),
    ("unit", re.compile(rf"(?P<a>{_JA_NUM})\s*(?P<u>{_JA_UNIT_RE})")),
    ("bare", re.compile(rf"{_DIGITS}(?:[十百千万億兆](?:{_DIGITS})?)*")),
]

# Kanji numerals glued to these are words, not numbers (一時的, 一部, 十分な, 一方, 一緒…).
_JA_NOT_NUMBER_AFTER = ("的", "緒", "般", "方", "番", "部", "層", "体", "応", "旦", "生", "気", "瞬", "切", "向")


def _is_kanji(s: str) -> bool:
    return not any(c.isdigit() for c in s)


def _collector(s: str):
    """(found, free, add): mentions found so far; is s[a:b] still unclaimed; claim it for a mention."""
    found: list[tuple[int, int, str, tuple[str, ...], str, bool]] = []
    taken = bytearray(len(s) + 1)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def add(a: int, b: int, key: str, values: tuple[str, ...], unit: str, weak: bool = False) -> None:
        found.append((a, b, key, values, unit, weak))
        for k in range(a, b):
            taken[k] = 1

    return found, free, add


def _ja_mentions(s: str) -> list[tuple[int, int, str, tuple[str, ...], str, bool]]:
    found, free, add = _collector(s)

    for kind, pat in _JA_PATTERNS:
        for m in pat.finditer(s):
            a, b = m.span()
            if not free(a, b):
                continue
            after = s[b : b + 1]
            if kind == "date":
                mo, d = parse_ja_number(m["m"]), parse_ja_number(m["d"])
                if mo is None or d is None or not (1 <= mo <= 12 and 1 <= d <= 31):
                    continue
                if m["y"]:
                    add(m.start("y"), m.end("y") + 1, f"num {m['y']}", (m["y"],), "")
                    a = m.start("m")
                add(a, b, f"date {_fmt(mo)}-{_fmt(d)}", (_fmt(mo), _fmt(d)), "date")
            elif kind in ("time", "clock"):
                h = int(m["h"])
                mi = int(m["mi"]) if m["mi"] else (30 if kind == "time" and m["half"] else 0)
                if kind == "time" and m["ampm"] == "午後" and h < 12:
                    h += 12
                if h > 24 or mi > 59:
                    continue
                add(a, b, f"time {h}:{mi:02d}", (str(h), f"{mi:02d}"), "time")
            elif kind == "range":
                x, y = parse_ja_number(m["a"]), parse_ja_number(m["b"])
                unit_s = m["u"]
                if x is None or y is None or not x < y:
                    continue
                if m["u1"] and m["u1"] != unit_s:
                    continue
                if _is_kanji(m["a"]) != _is_kanji(m["b"]):
                    continue
                if m["sep"] in ("、", "・") and not (y - x == 1):
                    continue
                if unit_s == "代":
                    unit = "age"
                    key = f"range {_fmt(x)}s-{_fmt(y)}s age"
                else:
                    unit = _JA_UNIT[unit_s]
                    if unit == "tenth":
                        x, y, unit = x * 10, y * 10, "percent"
                    if unit == "year" and x >= 1000:
                        unit = ""
                    key = f"range {_fmt(x)}-{_fmt(y)}" + (f" {unit}" if unit else "")
                add(a, b, key, (_fmt(x), _fmt(y)), "range:" + unit)
            elif kind == "decade":
                x = parse_ja_number(m["a"])
                if x is None or x % 10 or x < 10 or ("年" in m.group(0)) != (x >= 1000):
                    continue
                label = "decade" if x >= 1000 else "age"
                add(a, b, f"{label} {_fmt(x)}s", (_fmt(x),), label, weak=_is_kanji(m["a"]))
            elif kind == "ord":
                t = m["a"] or m["b"]
                x = parse_ja_number(t)
                if x is None:
                    continue
                add(a, b, f"ord {_fmt(x)}", (_fmt(x),), "ord", weak=_is_kanji(t) and x <= 1)
            elif kind == "month":
                x = parse_ja_number(m["a"])
                # 1月 is January; 一月 only when it is clearly a month name (not 一月 = one month).
                if x is None or not 1 <= x <= 12 or (_is_kanji(m["a"]) and s[b : b + 1] in "間"):
                    continue
                if a > 0 and s[a - 1] in "ヶかカヵケ箇":
                    continue
                add(a, b, f"month {_fmt(x)}", (_fmt(x),), "month", weak=_is_kanji(m["a"]))
            elif kind == "unit":
                t = m["a"]
                x = parse_ja_number(t)
                if x is None:
                    continue
                unit_s = m["u"]
                kanji = _is_kanji(t)
                if kanji and (after in _JA_NOT_NUMBER_AFTER or (t == "十" and unit_s == "分")):
                    continue
                if kanji and a > 0 and s[a - 1] in "唯統同万均画第逐単数何":
                    continue
                unit = _JA_UNIT[unit_s]
                if unit == "tenth":
                    x, unit = x * 10, "percent"
                if unit == "year" and x >= 1000:
                    unit = ""
                if unit == "age":
                    key = f"age {_fmt(x)}"
                else:
                    key = f"{_fmt(x)} {unit}" if unit else f"num {_fmt(x)}"
                add(a, b, key, (_fmt(x),), unit, weak=kanji and x <= 1)
            elif kind == "bare":
                x = parse_ja_number(m.group(0))
                if x is None:
                    continue
                # keep digits glued to Latin letters (COVID-19, A4) as they are
                add(a, b, f"num {_fmt(x)}", (_fmt(x),), "")
    return found


# --------------------------------------------------------------------------- English

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


def _en_mentions(s: str) -> list[tuple[int, int, str, tuple[str, ...], str, bool]]:
    found, free, add = _collector(s)

    for kind, pat in _EN_PATTERNS:
        for m in pat.finditer(s):
            a, b = m.span()
            if a == b or not free(a, b):
                continue
            if kind in ("date_md", "date_dm"):
                mon = m["mon"]
                if mon.lower() in ("may", "mar") and not mon[0].isupper():
                    continue
                d = int(m["d"])
                if not 1 <= d <= 31:
                    continue
                mo = _MONTHS[mon.lower()]
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
                    x = _EN_DECADE_WORDS[m["w"].lower()]
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
                unit_s = (m["u"] or "").lower()
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
                if m["u1"] and m["u1"].lower() != unit_s:
                    continue
                unit = _EN_UNITS.get(unit_s, "")
                if unit == "year" and x >= 1000:
                    unit = ""
                key = f"range {_fmt(x)}-{_fmt(y)}" + (f" {unit}" if unit else "")
                add(a, b, key, (_fmt(x), _fmt(y)), "range:" + unit)
            elif kind == "money":
                x = float(m["a"].replace(",", ""))
                mult = (m["mult"] or "").lower()
                x *= {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3,
                      "trillion": 1e12, "tn": 1e12, "": 1}[mult]
                unit = {"£": "pound", "$": "dollar", "€": "euro", "¥": "yen"}[m["cur"]]
                add(a, b, f"{_fmt(x)} {unit}", (_fmt(x),), unit)
            elif kind == "a_unit":
                unit = _EN_UNITS[m["u"].lower()]
                if unit in ("person", "kind", "floor", "percent", "second"):
                    continue
                add(a, b, f"1 {unit}", ("1",), unit, weak=True)
            elif kind == "once":
                w = m["w"].lower()
                x = {"once": 1, "twice": 2, "thrice": 3, "double": 2, "triple": 3}[w]
                add(a, b, f"{x} time", (str(x),), "time", weak=w in ("once", "double", "triple"))
            elif kind == "ord":
                if m["a"]:
                    add(a, b, f"ord {int(m['a'])}", (str(int(m["a"])),), "ord")
                else:
                    x = _EN_ORD[m["w"].lower()]
                    add(a, b, f"ord {x}", (str(x),), "ord", weak=True)
            elif kind == "month":
                mon = m["mon"]
                if not mon[0].isupper():
                    continue
                if mon.lower() == "may":
                    # May is a modal verb unless a year follows or "in" comes before
                    if not (re.match(r"\s+\d{4}\b", s[b:]) or re.search(r"\b(?:in|of|early|late|mid)[\s-]+$", s[:a], re.I)):
                        continue
                elif len(mon) <= 4 and mon.lower() not in ("june", "july"):
                    continue  # abbreviations alone are words (Mar, Jan…)
                mo = _MONTHS[mon.lower()]
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
                unit = _EN_UNITS.get((m["u"] or "").lower(), "")
                if unit == "year" and x >= 1000:
                    unit = ""
                if not unit:
                    b = a + len(t.rstrip())
                key = f"{_fmt(x)} {unit}" if unit else f"num {_fmt(x)}"
                add(a, b, key, (_fmt(x),), unit, weak=_is_word(t) and x <= 1)
    return found


# --------------------------------------------------------------------------- public API


def _build(text: str, raw: Iterable[tuple[int, int, str, tuple[str, ...], str, bool]], where: list[int]) -> list[NumberMention]:
    out = []
    for a, b, key, values, unit, weak in raw:
        start = where[a]
        end = where[b - 1] + 1 if b > a else start
        out.append(NumberMention(key=key, start=start, end=end, values=values, unit=unit, weak=weak))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def numbers_ja(text: str) -> list[NumberMention]:
    """Numbers in a Japanese text (NFKC first): digits, 万/億, kanji numerals before a counter, units."""
    s, where = _normalize(text)
    return _build(text, _ja_mentions(s), where)


def numbers_en(text: str) -> list[NumberMention]:
    """Numbers in an English text (NFKC first): digits, number words, units, ranges, ages, dates, times."""
    s, where = _normalize(text)
    return _build(text, _en_mentions(s), where)


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
    diffs: list[NumberDiff] = []
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
