"""Site-wide checks (S001–S003): one finding per departing place, at that place, the site's usage related."""

from __future__ import annotations

import pytest

from taiyaku.checks.site import en_key, ja_key, similarity

from .helpers import check, glossary

G = glossary("揉み返し\tpost-massage soreness\tもみ返し\tsoreness after massage|massage soreness\trubbing back\tx",
             "坐骨神経痛\tsciatica\t\tsciatic neuralgia|sciatic nerve pain\t\tx")
BODY = [("施術の後は水分をしっかりとり、体をゆっくり休ませましょう。",
         "After the treatment, drink plenty of water and let your body rest."),
        ("バランスの取れた食事と十分な睡眠も、筋肉の回復には欠かせません。",
         "A balanced diet and enough sleep are also essential for muscle recovery.")]
TERM = "これは一般に「揉み返し」と呼ばれる症状で、翌日に強くなります。"
SCIATICA = "坐骨神経痛がある方は、前かがみのストレッチで症状が悪化することがあります。"
DISCLAIMER = "本記事の内容は一般的な情報であり、診断や治療に代わるものではありません。"
CONTACT = "気になる症状があれば、お気軽に当院までご相談ください。"


def term(rendering: str) -> tuple[str, str]:
    return TERM, f"This is commonly called {rendering}, and it is strongest on the next day."


def sciatica(rendering: str) -> tuple[str, str]:
    return SCIATICA, f"If you have {rendering}, stretches that bend you forward can make your symptoms worse."


def disclaimer(english: str = "This article gives general information and does not replace diagnosis or treatment."):
    return DISCLAIMER, english


def contact(english: str = "If you have any concerns about your symptoms, please feel free to contact our clinic."):
    return CONTACT, english


PASTE = "If you have any concerns about your symptoms, please feel free to contact our clinic."
# Each case: the articles (extra sentence pairs before the common body), then the expected findings as
# (rule, article index, the English sentence index), in order.
CASES = {
    "minority variant, preferred elsewhere": (
        [[term("post-massage soreness")]] * 3 + [[term("soreness after massage")]],
        [("S001", 3, 0)]),
    "preferred wins even in fewer articles": (
        [[term("post-massage soreness")]] + [[term("soreness after massage")]] * 2,
        [("S001", 1, 0), ("S001", 2, 0)]),
    "majority without the preferred": (
        [[sciatica("sciatic neuralgia")]] * 2 + [[sciatica("sciatic nerve pain")]],
        [("S001", 2, 0)]),
    "a tie between variants: no finding": (
        [[term("massage soreness")], [term("soreness after massage")]], []),
    "forbidden renderings are T001's": (
        [[term("post-massage soreness")]] * 2 + [[term("rubbing back")]], []),
    "one rendering everywhere": ([[term("post-massage soreness")]] * 3, []),
    "a disclaimer translated otherwise": (
        [[disclaimer()]] * 3 + [[disclaimer("The content of this article is general information only.")]],
        [("S002", 3, 0)]),
    "punctuation, width and case do not count": (
        [[disclaimer()]] * 2 + [[disclaimer("this article gives general information, and does not replace diagnosis or treatment")]],
        []),
    "a term's rendering alone is S001's, not S002's": (
        [[term("post-massage soreness")]] * 2 + [[term("soreness after massage")]], [("S001", 2, 0)]),
    "two translations, one article each: a tie": (
        [[disclaimer()], [disclaimer("The content of this article is general information only.")]], []),
    "an English sentence pasted over other Japanese": (
        [[contact()]] * 2 + [[(DISCLAIMER, PASTE)]],
        [("S003", 2, 0)]),
}


def _site(tmp_path, articles):
    for i, extra in enumerate(articles):
        pairs = [(f"よくあるご質問の第{i + 1}回です。", f"This is part {i + 1} of our questions and answers."), *extra, *BODY]
        (tmp_path / f"a{i}.ja.txt").write_text("\n".join(j for j, _ in pairs) + "\n")
        (tmp_path / f"a{i}.en.txt").write_text("\n".join(e for _, e in pairs) + "\n")


@pytest.mark.parametrize("case", CASES)
def test_site_checks(tmp_path, case):
    articles, expected = CASES[case]
    _site(tmp_path, articles)
    report = check([tmp_path], G, select=["S001,S002,S003"])
    got = [(f.rule, int(f.path.rsplit("/a", 1)[1].split(".")[0]), report.position(f.path, f.start)[0] - 2)
           for f in report.findings]
    assert got == expected
    for f in report.findings:
        assert f.related and all(r.path != f.path for r in f.related)
        line, column = report.position(f.path, f.start)
        assert report.documents[f.path].line_text(line)[column - 1 :].startswith(f.found)


def test_a_finding_names_the_site_usage(tmp_path):
    _site(tmp_path, [[term("post-massage soreness")]] * 3 + [[term("soreness after massage")]])
    (f,) = check([tmp_path], G, select=["S001"]).findings
    assert (f.found, f.suggestion, f.term) == ("soreness after massage", "post-massage soreness", ("揉み返し", "post-massage soreness"))
    assert '"post-massage soreness" in 3 articles, "soreness after massage" in 1 article' in f.message
    assert [r.text for r in f.related] == ["post-massage soreness"] * 3


def test_site_checks_run_when_selected(tmp_path):
    _site(tmp_path, [[disclaimer()]] * 2 + [[disclaimer("The content of this article is general information only.")]])
    assert [f.rule for f in check([tmp_path], G).findings if f.rule.startswith("S")] == []
    assert [f.rule for f in check([tmp_path], G, select=["S002"]).findings if f.rule.startswith("S")] == ["S002"]


@pytest.mark.parametrize("a, b, same", [
    ("本記事の内容は、一般的な情報です。", "本記事の内容は一般的な情報です", True),
    ("ＡＢＣ　です。", "ABCです", True),
    ("本記事の内容は一般的な情報です。", "本記事の内容は専門的な情報です。", False),
])
def test_japanese_key(a, b, same):
    assert (ja_key(a) == ja_key(b)) is same


@pytest.mark.parametrize("a, b, same", [
    ("Don’t  wait.", "don't wait", True),
    ("Please, feel free!", "please feel free", True),
    ("Please feel free.", "Please feel welcome.", False),
])
def test_english_key(a, b, same):
    assert (en_key(a) == en_key(b)) is same


@pytest.mark.parametrize("a, b, alike", [
    ("運動を始める前にご相談ください", "運動を始める前にはご相談ください", True),
    ("運動を始める前にご相談ください", "痛みが続く場合は整形外科を受診してください", False),
])
def test_rewording_or_unrelated(a, b, alike):
    assert (similarity(a, b) >= 0.5) is alike
