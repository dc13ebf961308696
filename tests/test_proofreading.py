"""Proofreading rules (J): a table of cases per rule — typos that must be found and traps that must not
(legitimate doublings, quotations, names, proper potentials) — and the four real typos of seed 001."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from taiyaku.analyze.tokens import tokenize, verb_type
from taiyaku.checks import brackets
from taiyaku.checks import proofreading as p
from taiyaku.checks.misspellings import misspellings, parse
from taiyaku.checks.registry import registry
from taiyaku.project.selection import Selection
from tests.helpers import ROOT, invoke_cli

SEEDS = ROOT.parent / "shared" / "seeds"


def spots(detector, text):
    """(found text, replacement) of each spot ``detector`` reports on ``text``."""
    toks = tokenize(text)
    if detector is p.ra_nuki:
        found = detector(text, toks, verb_type)
    elif detector is p.unbalanced_brackets:
        found = detector(text)
    else:
        found = detector(text, toks)
    return [(text[s.start : s.end], s.replacement) for s in found]


@pytest.mark.parametrize(
    "text, want",
    [
        ("一時的にに腰が楽になる", [("にに", "に")]),  # seed 001: copula に of 的に, doubled
        ("楽になるはずだからからまず緩めてみよう", [("からから", "から")]),  # seed 001, line 56
        ("原因をを見極める", [("をを", "を")]),
        ("この状態がが続くと", [("がが", "が")]),
        ("私はは元気です", [("はは", "は")]),
        ("動けるようになったのでで", [("でで", "で")]),  # MeCab reads the second で as a conjunction
        ("それで、で、どうなったの", []),
        # traps: legitimate doublings and words that merely contain the same kana twice
        ("ではでは、始めましょう", []),
        ("人をののしるのはやめましょう", []),
        ("一つ一つ丁寧に確認します", []),
        ("すもももももももものうち", []),
        ("喉がからからに渇く", []),
        ("かかとが痛い", []),
        ("太ももも痛い", []),
        ("ややきつめに伸ばします", []),
        ("鏡を見ててください", []),  # colloquial 見ていて
        ("ののかちゃんが来た", []),  # a name in kana MeCab reads as の|の
        ("今日はののかちゃんと来ました", []),
        ("ねねさんとももこさん", []),
        ("助詞の「に」に注目", []),  # a quoted particle: the quotes separate them
        ("一時的に\nに腰が", []),  # not adjacent: a line break between them
    ],
)
def test_doubled_particle(text, want):
    assert spots(p.doubled_particles, text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("硬くならざるおえない。", [("ざるおえ", "ざるを得")]),  # seed 001, line 118
        ("中止せざるおえませんでした", [("ざるおえ", "ざるを得")]),
        ("やむおえず中止しました", [("やむおえ", "やむを得")]),
        ("こんにちわ!", [("こんにちわ", "こんにちは")]),
        ("こんばんわ", [("こんばんわ", "こんばんは")]),
        ("動きずらい", [("ずらい", "づらい")]),
        ("歩きずらくなる", [("ずらく", "づらく")]),
        ("雰囲気をふいんきと読む人", [("ふいんき", "ふんいき")]),
        ("シュミレーションします", [("シュミレーション", "シミュレーション")]),
        ("コミニュケーションが大切", [("コミニュケーション", "コミュニケーション")]),
        ("全員が一同に会した", [("一同に会し", "一堂に会し")]),  # the last token inflected
        ("方針に意義を唱える", [("意義を唱える", "異議を唱える")]),
        ("怒り心頭に達した", [("怒り心頭に達し", "怒り心頭に発し")]),
        ("押しも押されぬ名医", [("押しも押されぬ", "押しも押されもせぬ")]),
        # traps: correct forms, and listed forms that are only part of a word
        ("分かりづらい", []),
        ("やむを得ない", []),
        ("こんにちは", []),
        ("ということです", []),
        ("社員一同に感謝します", []),  # 一同に without 会する
        ("この研究の意義を述べる", []),
        ("朝とゆうがたに飲む", []),  # not listed: MeCab reads と + ゆう(言う) + がた here
        ("ざるを得ない", []),
        ("ずらす", []),
        ("シミュレーション", []),
        ("一応確認します", []),  # 一応/一様: not listed, いちよう is also 一様
    ],
)
def test_known_misspelling(text, want):
    assert spots(p.known_misspellings, text) == want


_IN_CONTEXT = {"ざるおえ": "せざるおえない", "やむおえ": "やむおえない", "ずらく": "歩きずらく", "ずらかっ": "歩きずらかった"}


@pytest.mark.parametrize(
    "lemma, want",
    [("見る", ("上一段-マ行", "みる")), ("食べる", ("下一段-バ行", "たべる")), ("来る", ("カ行変格", "くる")), ("腰", None)],
)
def test_verb_type(lemma, want):
    assert verb_type(lemma) == want
    assert verb_type("走る")[0].startswith("五段")


def test_every_dictionary_entry_matches_itself_in_a_sentence_and_has_a_source():
    entries = misspellings()
    assert len(entries) >= 10
    for e in entries:
        assert e.source and e.cited, e
        for text in (e.wrong, f"それは{_IN_CONTEXT.get(e.wrong, e.wrong)}。"):
            found = spots(p.known_misspellings, text)
            assert found and found[0][0] == e.wrong, (e.wrong, text, found)
            assert found[0][1] == e.right, (e.wrong, found)


@pytest.mark.parametrize(
    "tsv, error",
    [
        ("wrong\tright\tkind\n", "header"),
        ("wrong\tright\tkind\tsource\nざるおえ\tざるを得\tmisspelling\n", "4 non-empty"),
        ("wrong\tright\tkind\tsource\nざるおえ\tざるを得\ttypo\tx\n", "kind must be"),
        ("wrong\tright\tkind\tsource\nざるおえ\tざるおえ\tmisspelling\tx\n", "must differ"),
    ],
)
def test_a_broken_dictionary_does_not_load(tsv, error):
    with pytest.raises(ValueError, match=error):
        parse(tsv, "m.tsv")


@pytest.mark.parametrize(
    "text, want",
    [
        ("わけではありますん。", [("ますん", None)]),  # seed 001, line 107
        ("思われがちですげ", [("ですげ", None)]),  # seed 001, line 33
        ("確認しましたた。", [("たた", "た")]),
        ("良くなるとは思っていなかったでしたた", [("たた", "た")]),
        ("問題ありませんん", [("んん", "ん")]),
        ("ございますす", [("ますす", None)]),
        ("受け付けておりますます。", [("ますます", None)]),
        # traps
        ("行きますんで、待っていてください", []),  # colloquial ますので
        ("ありますね", []),
        ("マジですげえ", []),  # で + すげえ, not です + げ
        ("お分かりいただけますでしょうか", []),
        ("そうは言いますまい", []),
        ("放置するとますます悪化します", []),  # the adverb ますます
        ("ありませんか?", []),
        ("したたかな人", []),
        ("ドアをたたく", []),
        ("思われがちですが", []),
        ("でしたね", []),
    ],
)
def test_broken_polite_ending(text, want):
    assert spots(p.broken_polite_endings, text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("ここから富士山が見れる", [("見れる", "見られる")]),
        ("明日は来れない", [("来れ", "来られ")]),
        ("何でも食べれる", [("食べれる", "食べられる")]),
        ("夜も痛みで寝れない", [("寝れ", "寝られ")]),
        ("すぐに起きれない", [("起きれ", "起きられ")]),
        ("一人で降りれる", [("降りれる", "降りられる")]),
        ("すぐ忘れれる", [("忘れれる", "忘れられる")]),  # 忘れ|れる: two tokens
        ("明日ここにこれる?", [("これる", "こられる")]),  # kana: the fix keeps the writer's kana
        # traps: potentials of 五段 verbs, conditionals, proper られる, other verbs
        ("もう走れる", []),
        ("すぐに帰れる", []),
        ("書ける", []),
        ("見れば分かる", []),
        ("次に来れば", []),
        ("見られる", []),
        ("忘れられない", []),
        ("お茶をいれる", []),  # MeCab reads it as 居る: left alone
        ("ボールを投げる", []),
        ("書類を入れる", []),
    ],
)
def test_ra_nuki(text, want):
    assert spots(p.ra_nuki, text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        ("「筋肉が硬いから、と思われがちです", ["「"]),
        ("これは」違います", ["」"]),
        ("「痛い』と言われた", ["「痛い』"]),  # closed by the wrong kind: one finding
        ("彼は「そう（思う」と言った）", ["（", "）"]),
        ("【重要】お知らせ（月曜休診", ["（"]),
        # traps
        ("「階段が怖い」。そう言う方が多いです。「でも、」と続けて", []),
        ("「朝起きると\n膝がこわばっている」という方は", []),  # a quote over two lines of a paragraph
        ("腰方形筋(ようほうけいきん)", []),
        ("しびれ（足先まで)が続く", []),  # full- and half-width pair
        ("1) 腰痛 2) 肩こり", []),  # list numbers
        ("a）首 b）肩", []),
        ("「1) 腰痛 2) 肩こり」の順です", []),  # list numbers inside a quotation
        ("「楽になった)」", [")"]),  # a stray ) inside a quotation leaves the quotation alone
        ("「楽になった^^)」", []),  # a kaomoji
        ("楽になりました(^^)", []),
        ("ぎっくり腰をやってしまいました(^_^;", []),  # kaomoji without their other side
        ("ありがとうございました^^)", []),
        ("楽しかったです（笑", ["（"]),
        ("笑顔(^^ )です", [")"]),  # a pair whose ( starts a kaomoji: the ) closes nothing
        ("（^_^; ）", ["）"]),
        ("体操（ストレッチ）と「休養」", []),
        ("『腰痛の本』の「第2章」", []),
        ("院長はこう話す。「まず姿勢です。\n「次に呼吸です。」", []),  # reopened on each line, closed at the end
        ("「まず姿勢です。\nそして呼吸です。", ["「"]),  # never closed
        ("「まず姿勢です。\n" + "そして呼吸です。\n" * 4 + "最後に歩き方です。」", []),  # one quote, five lines
    ],
)
def test_unbalanced_brackets(text, want):
    assert [f for f, _ in spots(p.unbalanced_brackets, text)] == want


_PARAGRAPH_PARTS = ["「", "」", "『", "』", "（", "）", "(", ")", "【", "】", "^^", "^_^;", "笑", "1", " ", "\n",
                   "「笑」", "（笑）", "(1)", "『笑』", "【笑】", "（^^)"]  # balanced pairs: where the shortcut applies


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PARAGRAPH_PARTS), max_size=10), st.sampled_from(["", "「次", "（注", "次"]))
@example(["笑", "(", "^^", " ", ")"], "")  # the ( starts a kaomoji: the ) closes nothing
@example(["「", "\n", "「", "」", "」"], "")  # a quote reopened on the next line, then closed twice
@example(["「", "（", "」"], "")  # a parenthesis left open inside a quote
def test_the_shortcut_for_balanced_paragraphs_agrees_with_the_walk(parts, next_text):
    text = "".join(parts)
    assert p.unbalanced_brackets(text, next_text) == brackets._walk(text, next_text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_the_shortcut_agrees_with_the_walk_on_the_seeds_and_the_bench_pages():
    pages = [*SEEDS.glob("*.txt"), *(ROOT / "bench" / "proofreading_pages").iterdir(), *(ROOT / "bench" / "pages").iterdir()]
    paragraphs = [para for page in pages if page.is_file() for para in page.read_text(encoding="utf-8").split("\n\n")]
    assert len(paragraphs) > 500
    for text, next_text in zip(paragraphs, [*paragraphs[1:], ""]):
        assert p.unbalanced_brackets(text, next_text) == brackets._walk(text, next_text), text


def test_a_quotation_reopened_in_the_next_paragraph_is_balanced():
    assert p.unbalanced_brackets("「まず姿勢です。", "「次に呼吸です。」") == []
    assert [s.start for s in p.unbalanced_brackets("「まず姿勢です。", "次に呼吸です。")] == [0]


def test_only_japanese_segments_are_proofread(tmp_path):
    (tmp_path / "a.ja.txt").write_text("腰がが痛い（とても。\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("My back (really hurts.\n", encoding="utf-8")
    result = invoke_cli("check", tmp_path, "--select", "J", "--format", "json", "--isolated")
    found = [(Path(f["path"]).name, f["rule"], f["found"]) for f in json.loads(result.output)["findings"]]
    assert found == [("a.ja.txt", "J001", "がが"), ("a.ja.txt", "J005", "（")]


def test_safe_fixes_are_applied_with_fix(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("お知らせ\n\nこんにちわ。一時的にに楽になりますが、やむおえず休診します。\n", encoding="utf-8")
    result = invoke_cli("check", page, "--select", "J", "--fix", "--isolated")
    assert result.exit_code in (0, 1), result.output
    assert page.read_text(encoding="utf-8") == "お知らせ\n\nこんにちは。一時的に楽になりますが、やむを得ず休診します。\n"


# --- default-off rules -------------------------------------------------------------------------------


class _Rule:
    def __init__(self, code, name, default=True):
        self.code, self.name, self.default = code, name, default


@pytest.mark.parametrize(
    "select, ignore, on, off",
    [
        (("ALL",), (), True, False),  # ALL does not turn on a rule that is off by default
        (("J",), (), True, False),  # nor does a prefix: selecting J keeps to the rules on by default
        (("J9",), (), True, False),
        (("J901",), (), False, True),
        (("quiet-rule",), (), False, True),  # so does its name
        (("ALL", "J901"), (), True, True),
        (("J", "J901"), ("J901",), True, False),
        (("T",), (), False, False),
    ],
)
def test_a_rule_off_by_default_runs_only_when_selected_explicitly(select, ignore, on, off):
    s = Selection(select=select, ignore=ignore)
    assert s.enabled(_Rule("J900", "loud-rule")) is on
    assert s.enabled(_Rule("J901", "quiet-rule", default=False)) is off


def test_proofreading_rules_are_registered_with_documentation():
    rules = {c: r for c, r in registry().items() if c.startswith("J")}
    assert sorted(rules) == ["J001", "J002", "J003", "J004", "J005"]
    for r in rules.values():
        assert r.category == "proofreading"
        for section in ("What it checks:", "Why:", "Example:", "Fix safety:", "Precision"):
            assert section in r.doc, (r.code, section)
    assert rules["J004"].severity == "info"
    assert rules["J005"].scope == "article" and rules["J001"].scope == "segment"


def test_documented_precision_is_the_recorded_one():
    """Each J rule's docstring states the precision bench/proofreading.py computes from the verdicts."""
    import csv
    from collections import Counter

    with (ROOT / "bench" / "proofreading_judgements.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    true, judged = Counter(), Counter()
    for row in rows:
        assert row["verdict"] in ("true", "false"), row
        judged[row["rule"]] += 1
        true[row["rule"]] += row["verdict"] == "true"
    for code, r in registry().items():
        if code.startswith("J"):
            t, n = true[code], judged[code]
            assert f"Precision: {t / n:.2f} ({t} of {n} findings" in r.doc, code
            assert r.default == (t / n >= 0.9), code  # on by default only at precision >= 0.9


# --- seed 001: four real typos, and nothing else from these rules on the five seeds --------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_seed_001_typos_found_at_their_line_and_column():
    result = invoke_cli("check", SEEDS, "--select", "J", "--format", "json", "--isolated")
    found = [
        (Path(f["path"]).name, f["line"], f["column"], f["rule"], f["found"])
        for f in json.loads(result.output)["findings"]
    ]
    seed = "001_4882375d740cb373.txt"
    assert found == [
        (seed, 8, 4, "J001", "にに"),  # 一時的にに腰が楽になる
        (seed, 33, 6, "J003", "ですげ"),  # 思われがちですげ
        (seed, 56, 9, "J001", "からから"),  # はずだからからまず: a fifth real typo
        (seed, 107, 22, "J003", "ますん"),  # わけではありますん。
        (seed, 118, 5, "J002", "ざるおえ"),  # 硬くならざるおえない。
    ]
    lines = (SEEDS / seed).read_text(encoding="utf-8").splitlines()
    for _, line, col, _, text in found:
        assert lines[line - 1][col - 1 : col - 1 + len(text)] == text


def test_bench_pages_report_exactly_the_planted_typos_at_their_place():
    """The clinic pages of bench/proofreading_pages (txt, md, html): every planted typo, nothing else."""
    import csv

    pages = ROOT / "bench" / "proofreading_pages"
    with (ROOT / "bench" / "proofreading_planted.tsv").open(encoding="utf-8") as fh:
        planted = sorted(
            (r["file"], int(r["line"]), r["rule"])
            for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        )
    result = invoke_cli("check", pages, "--select", "J", "--format", "json", "--isolated")
    findings = json.loads(result.output)["findings"]
    assert sorted((Path(f["path"]).name, f["line"], f["rule"]) for f in findings) == planted
    for f in findings:
        line = (pages / Path(f["path"]).name).read_text(encoding="utf-8").splitlines()[f["line"] - 1]
        assert line[f["column"] - 1 : f["column"] - 1 + len(f["found"])] == f["found"]
