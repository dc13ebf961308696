"""A segment rule that picks its sentences for the whole article (``Rule.sentences``: the J rules, U001)
reports exactly what it reports when called on every sentence: on a page of planted typos and traps
(sentence ends next to each other included), the bench pages, the five seeds and NTREX-128's Japanese
news."""

from __future__ import annotations

from collections import Counter

from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
from taiyaku.checks.registry import registry
from taiyaku.read.articles import find_articles
from tests.helpers import ROOT, analyzed, article

SHARED = ROOT.parent / "shared"
NTREX = SHARED / "data" / "ntrex128_en-ja" / "newstest2019-ref.jpn.txt"

PLANTED = [  # one sentence each: typos every J rule reports, traps, and ends that meet the next start
    "一時的にに腰が楽になる", "楽になるはずだからからまず緩めてみよう", "動けるようになったのでで", "鏡を見ててください",
    "今日はののかちゃんと来ました", "すもももももももものうち", "硬くならざるおえない。", "やむおえず中止しました",
    "こんにちわ!", "全員が一同に会した", "押しも押されぬ名医", "社員一同に感謝します", "わけではありますん。",
    "思われがちですげ", "確認しましたた。", "問題ありませんん", "ございますす", "受け付けておりますます。",
    "行きますんで、待っていてください", "お分かりいただけますでしょうか", "そうは言いますまい", "マジですげえ",
    "ありません", "ん", "んですよ", "ます", "た", "ここから富士山が見れる", "明日は来れない", "すぐ忘れれる",
    "明日ここにこれる?", "見れば分かる", "見られる", "お茶をいれる", "食べ", "れる", "にに", "で", "でで",
    "ヨガ (ようが) をしました", "English left here", "腰痛と肩こり。頭痛も",
]


def _sources():
    yield "planted", [analyzed(article(ja=PLANTED, en=["A back pain", "This is called 仙腸関節 instability"]), _glossary())]
    pages = ROOT / "bench" / "proofreading_pages"
    yield "bench pages", [analyzed(a, _glossary()) for a in find_articles([str(pages)])]
    if (SHARED / "seeds").is_dir():
        yield "seeds", [analyzed(a, _glossary()) for a in find_articles([str(SHARED / "seeds")])]
    if NTREX.is_file():
        yield "ntrex", [analyzed(a, _glossary()) for a in find_articles([str(NTREX)])]


_GLOSSARY = []


def _glossary():
    if not _GLOSSARY:
        _GLOSSARY.append(load_glossary(bundled_glossary_path()))
    return _GLOSSARY[0]


def test_rules_called_on_the_sentences_they_pick_report_what_they_report_on_every_sentence():
    rules = [r for r in registry().values() if r.sentences is not None]
    assert {r.code for r in rules} >= {"J001", "J002", "J003", "J004", "U001"}
    found = Counter()
    for source, contexts in _sources():
        for ctx in contexts:
            for r in rules:
                every = [f for a in (*ctx.ja, *ctx.en) for f in r.func(ctx, a)]
                picked = [f for a in r.sentences(ctx) for f in r.func(ctx, a)]
                assert picked == every, (source, ctx.article.name, r.code)
                found[source, r.code] += len(every)
    for code in ("J001", "J002", "J003", "J004", "U001"):  # the planted page exercises every rule
        assert found["planted", code] >= (3 if code.startswith("J") else 1), (code, found)


def test_per_article_computes_once_for_the_article_checked_last_and_does_not_keep_it_alive():
    import gc
    import weakref

    from taiyaku.checks.derived import per_article

    computed = []

    @per_article
    def value(ctx):
        computed.append(id(ctx))
        return [id(ctx)]

    class Article:
        pass

    a, b = Article(), Article()
    first = value(a)
    assert value(a) is first and computed == [id(a)]
    assert value(b) == [id(b)] and value(b) is value(b) and len(computed) == 2
    assert value(a) is not first and len(computed) == 3  # only the last article's value is kept
    gone = weakref.ref(a)
    del a
    gc.collect()
    assert gone() is None
