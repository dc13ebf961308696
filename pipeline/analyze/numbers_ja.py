"""Japanese numbers for ``analyze.numbers``: kanji and Arabic numerals, counters and units, patterns
compiled when a Japanese text is first read."""

from __future__ import annotations

import re

from taiyaku.analyze.numbers import _fmt

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


def collector(s: str):
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


# Every pattern needs a digit or a kanji numeral (``_JA_NUM``): a text without one has no mention.
_MAYBE_NUMBER = re.compile(r"[\d一二三四五六七八九十百千]")


def ja_mentions(s: str) -> list[tuple[int, int, str, tuple[str, ...], str, bool]]:
    if not _MAYBE_NUMBER.search(s):
        return []
    found, free, add = collector(s)

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
