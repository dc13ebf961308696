"""Numbers in Japanese and English: tables of cases (text → keys, spans) and the comparison."""

from __future__ import annotations

import pytest

from taiyaku.analyze.numbers import anchor_keys, compare, numbers_en, numbers_ja

JA_CASES = [
    # NFKC: full-width digits and signs
    ("３か月", ["3 month"]),
    ("3ヶ月間", ["3 month"]),
    ("３ヵ月", ["3 month"]),
    ("３０％", ["30 percent"]),
    ("30パーセント", ["30 percent"]),
    ("３割", ["30 percent"]),
    ("１，０００円", ["1000 yen"]),
    # ranges
    ("2〜3分", ["range 2-3 minute"]),
    ("２～３分", ["range 2-3 minute"]),
    ("2-3分", ["range 2-3 minute"]),
    ("2分〜3分", ["range 2-3 minute"]),
    ("2、3日", ["range 2-3 day"]),
    ("2から4インチ", ["num 2", "num 4"]),
    # ages and decades
    ("40代の男性", ["age 40s"]),
    ("40歳", ["age 40"]),
    ("1990年代", ["decade 1990s"]),
    # dates, months, times
    ("1月18日", ["date 1-18"]),
    ("2019年1月18日", ["num 2019", "date 1-18"]),
    ("3月に", ["month 3"]),
    ("午後3時半", ["time 15:30"]),
    ("15時30分", ["time 15:30"]),
    ("7:55", ["time 7:55"]),
    # units, counts, ordinals
    ("3時間", ["3 hour"]),
    ("10秒間", ["10 second"]),
    ("2週間", ["2 week"]),
    ("週に2回", ["2 time"]),
    ("2回目", ["ord 2"]),
    ("第2章", ["ord 2"]),
    ("1.5万人", ["15000 person"]),
    ("1億2,500万ポンド", ["125000000 pound"]),
    ("2019年", ["num 2019"]),
    ("3年前", ["3 year"]),
    # kanji numerals: only before a counter, and not inside words
    ("三人", ["3 person"]),
    ("二つ", ["num 2"]),
    ("十五分間", ["15 minute"]),
    ("一部の人は十分に一時的に", []),
    ("数十年に及ぶ", []),
    ("一般的に一緒に", []),
    ("二十五", []),
]

EN_CASES = [
    ("2-3 minutes", ["range 2-3 minute"]),
    ("2–3 minutes", ["range 2-3 minute"]),
    ("2 to 3 minutes", ["range 2-3 minute"]),
    ("between 2 and 3 minutes", ["range 2-3 minute"]),
    ("2 or 3 days", ["range 2-3 day"]),
    ("3 months", ["3 month"]),
    ("three months", ["3 month"]),
    ("in their 40s", ["age 40s"]),
    ("forties", ["age 40s"]),
    ("40 years old", ["age 40"]),
    ("a 40-year-old man", ["age 40"]),
    ("the 1990s", ["decade 1990s"]),
    ("January 18", ["date 1-18"]),
    ("18 January 2019", ["date 1-18", "num 2019"]),
    ("Jan. 18th", ["date 1-18"]),
    ("in March", ["month 3"]),
    ("May I help you?", []),
    ("in May 2019", ["month 5", "num 2019"]),
    ("3:30 pm", ["time 15:30"]),
    ("7.55am", ["time 7:55"]),
    ("5 o'clock", ["time 5:00"]),
    ("twice a week", ["2 time", "1 week"]),  # "a week" is a weak 1
    ("three people", ["3 person"]),
    ("15,000 people", ["15000 person"]),
    ("1.5 million", ["num 1500000"]),
    ("£2.8bn", ["2800000000 pound"]),
    ("30 per cent", ["30 percent"]),
    ("3.5%", ["3.5 percent"]),
    ("twenty-five", ["num 25"]),
    ("one hundred and five", ["num 105"]),
    ("a hundred people", ["100 person"]),
    ("the 2nd time", ["ord 2"]),
    ("COVID-19", ["num 19"]),
]


@pytest.mark.parametrize(("text", "keys"), JA_CASES)
def test_numbers_ja(text: str, keys: list[str]) -> None:
    assert [m.key for m in numbers_ja(text)] == keys


@pytest.mark.parametrize(("text", "keys"), EN_CASES)
def test_numbers_en(text: str, keys: list[str]) -> None:
    assert [m.key for m in numbers_en(text)] == keys


@pytest.mark.parametrize(
    ("text", "surface"),
    [("体重は３か月で", "３か月"), ("午後3時半に", "午後3時半"), ("約２～３分", "２～３分"), ("ｶﾞ 40代", "40代")],
)
def test_ja_offsets_index_the_original_text(text: str, surface: str) -> None:
    (m,) = numbers_ja(text)
    assert text[m.start : m.end] == surface


@pytest.mark.parametrize(
    ("text", "surface"),
    [("about 2 to 3 minutes later", "2 to 3 minutes"), ("one of them", "one"), ("on January 18, 2019", "January 18")],
)
def test_en_offsets(text: str, surface: str) -> None:
    m = numbers_en(text)[0]
    assert text[m.start : m.end] == surface


def test_weak_mentions() -> None:
    (one,) = numbers_en("one of them")
    assert one.weak
    (hitotsu,) = numbers_ja("一つ")
    assert hitotsu.weak
    assert numbers_ja("1つ")[0].weak  # a Japanese 1 is "a", "once", "weekly" as often as "one"
    assert not numbers_ja("2つ")[0].weak
    assert anchor_keys([one]) == frozenset()


def test_anchor_keys_hold_key_and_values() -> None:
    keys = anchor_keys(numbers_ja("2〜3分"))
    assert {"n:range 2-3 minute", "n:2", "n:3"} <= keys
    assert anchor_keys(numbers_ja("3ヶ月")) == anchor_keys(numbers_en("three months"))
    # a changed number still shares its unit, so the sentences align and the check can report it
    assert anchor_keys(numbers_ja("3か月")) & anchor_keys(numbers_en("six months")) == {"n:unit month"}


@pytest.mark.parametrize(
    ("ja", "en", "diffs"),
    [
        ("3か月後に40代の2人が来院", "Three months later, two people in their 40s came", []),
        ("3か月後", "four months later", [("different", "3 month", "4 month")]),
        ("2〜3分", "2 to 3 minutes", []),
        ("2〜3分", "3 minutes", [("missing", "range 2-3 minute", None), ("extra", None, "3 minute")]),
        ("40代の男性", "a man in his 50s", [("different", "age 40s", "age 50s")]),
        ("1月18日", "18 January", []),
        ("午後3時", "at 3 o'clock", []),
        ("3人の患者", "three patients", []),
        ("2階", "the second floor", []),
        ("腰痛", "one of the causes", []),
        ("2019年に", "", [("missing", "num 2019", None)]),
        ("", "37 years", [("extra", None, "37 year")]),
    ],
)
def test_compare(ja: str, en: str, diffs: list[tuple]) -> None:
    got = [
        (d.kind, d.ja.key if d.ja else None, d.en.key if d.en else None)
        for d in compare(numbers_ja(ja), numbers_en(en))
    ]
    assert got == diffs


@pytest.mark.parametrize(
    "ja, en, diffs",
    [
        # identifiers are strings of digits, not quantities
        ("お電話は03-1234-5678まで", "Call us at 03-1234-5678.", []),
        ("お電話は03-1234-5678まで", "Call us at +81-3-1234-5678.", []),
        ("お電話は03-1234-5678まで", "Call us at 03-1234-5679.", ["different"]),
        ("〒102-0083 東京都千代田区麹町", "Kojimachi, Chiyoda-ku, Tokyo 102-0083", []),
        ("お電話は03-1234-5678まで", "Call us.", []),  # an identifier left out is not reported
        ("詳しくは https://example.jp/a-1-2 をご覧ください", "See https://example.jp/a-1-2.", []),
        # approximate amounts agree with small numbers and ranges of the same unit
        ("2〜3日で治まります", "It settles within a few days.", []),
        ("数日で治まります", "It settles within several days.", []),
        ("数日で治まります", "It settles within 3 days.", []),
        ("2〜3日で治まります", "It settles within a couple of days.", []),
        ("1〜2回", "once or twice a week", []),
        ("20日", "a few days", ["missing"]),  # not a few
        ("2〜3日", "a few weeks", ["missing"]),  # another unit
        ("料金は500-1000円です", "It costs 500-1000 yen.", []),  # a price range is not a postal code
        ("東京都千代田区麹町4-5-6", "4-5-6 Kojimachi, Chiyoda-ku, Tokyo", []),  # an address
        ("週に1〜2回の施術がおすすめです。", "We recommend one or two treatments a week.", []),
        ("コップ1杯の水を飲む", "Drink a glass of water.", []),
        ("週1回の通院を3か月", "weekly visits for three months", []),
        ("週3回の通院", "visits twice a week", ["different"]),
    ],
)
def test_identifiers_and_approximate_amounts(ja, en, diffs):
    assert [d.kind for d in compare(numbers_ja(ja), numbers_en(en))] == diffs
