"""S004: a term the glossary lacks, rendered one way on most of the site and another way in a few places."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from taiyaku.align import pairing
from taiyaku.align.lexicon import Lexicon, available
from taiyaku.checks.site_terms import _renders, _runs

from .helpers import check, glossary

pytestmark = pytest.mark.skipif(not available(), reason="S004 recognises renderings by JMdict (jamdict-data)")


@functools.lru_cache(maxsize=1)
def _jmdict():
    return Lexicon.default()


@pytest.fixture(autouse=True)
def _with_lexicon(monkeypatch):
    """S004 needs JMdict, which tests/conftest.py turns off for everything else."""
    monkeypatch.setattr(pairing, "lexicon", _jmdict)

G = glossary("揉み返し\tpost-massage soreness\t\t\t\tx")
G_HYDRATION = glossary("揉み返し\tpost-massage soreness\t\t\t\tx", "水分補給\tfluid replacement\t\t\t\tx")
BODY = [("施術の後は水分をしっかりとり、体をゆっくり休ませましょう。",
         "After the treatment, drink plenty of water and let your body rest.")]


def hydration(rendering: str) -> tuple[str, str]:
    return "運動の前後には、こまめな水分補給を心がけましょう。", f"Before and after exercise, remember regular {rendering}."


def arch(rendering: str) -> tuple[str, str]:
    return "土踏まずを意識して、ゆっくり歩きましょう。", f"Walk slowly, paying attention to {rendering}."


def many(rendering: str) -> tuple[str, str]:  # 多く: JMdict glosses it with twelve English words
    return "多くの方が、施術の翌日に体のだるさを感じます。", f"{rendering} people feel sluggish on the day after the treatment."


def sleep(japanese: str, rendering: str) -> tuple[str, str]:
    return f"{japanese}が続くと、疲れが取れにくくなります。", f"When {rendering} continues, tiredness is harder to shake off."


def everyday(rendering: str) -> tuple[str, str]:  # 一般: JMdict marks it an everyday word
    return "これは一般に「揉み返し」と呼ばれる症状です。", f"This is {rendering} called post-massage soreness."


H, R = hydration("hydration"), hydration("rehydration")
# Each case: the articles (extra sentence pairs before the common body), the glossary, then the expected
# findings as (article index, the English line index).
CASES = {
    "one rendering everywhere": ([[H]] * 4, G, []),
    "a minority rendering": ([[H]] * 3 + [[R]], G, [(3, 0)]),
    "each minority place is one finding": ([[H]] * 4 + [[R], [R]], G, [(4, 0), (5, 0)]),
    "a minority in a longer phrase": ([[arch("the arch of the foot")]] * 3 + [[arch("the plantar arch")]], G, [(3, 0)]),
    "forms of one family (plural, case)": (
        [[arch("the arch of the foot")]] * 3 + [[arch("the arches of the foot")], [arch("The Arch of the Foot")]], G, []),
    "a term in the glossary is S001's": ([[H]] * 3 + [[R]], G_HYDRATION, []),
    "fewer than three articles": ([[H], [R]], G, []),
    "two against one is no convention": ([[H]] * 2 + [[R]], G, []),
    "a majority under two thirds": ([[H]] * 3 + [[R]] * 2, G, []),
    "two renderings in one pair: not certain": (
        [[arch("the arch of the foot")]] * 3 + [[arch("the plantar arch rather than the whole foot")]], G, []),
    "no rendering JMdict knows: nothing": ([[H]] * 3 + [[hydration("fluid intake")]], G, []),
    "a vague word": ([[many("Many")]] * 3 + [[many("A lot of")]], G, []),
    "one phrase for two terms of the pair: not certain": (
        [[sleep("寝不足", "a lack of sleep")]] * 3 + [[sleep("寝不足、つまり睡眠不足", "insufficient sleep")]], G, []),
    "a phrase that may render another word of the pair: not certain": (
        [[sleep("寝不足", "a lack of sleep")]] * 3
        + [[("寝不足のせいで、夜もよく眠れません。", "Because of insufficient sleep, you cannot sleep well at night.")]], G, []),
    "the same, the phrase for one term only": (
        [[sleep("寝不足", "a lack of sleep")]] * 3 + [[sleep("寝不足", "insufficient sleep")]], G, [(3, 0)]),
    "an everyday word": ([[everyday("commonly")]] * 3 + [[everyday("generally")]], G, []),
}


def _site(tmp_path: Path, articles) -> None:
    for i, extra in enumerate(articles):
        pairs = [*extra, *BODY]
        (tmp_path / f"a{i}.ja.txt").write_text("\n".join(j for j, _ in pairs) + "\n")
        (tmp_path / f"a{i}.en.txt").write_text("\n".join(e for _, e in pairs) + "\n")


@pytest.mark.parametrize("case", CASES)
def test_site_terms(tmp_path, case):
    articles, g, expected = CASES[case]
    _site(tmp_path, articles)
    report = check([tmp_path], g, select=["S004"])
    got = [(int(f.path.rsplit("/a", 1)[1].split(".")[0]), report.position(f.path, f.start)[0] - 1)
           for f in report.findings]
    assert got == expected
    for f in report.findings:
        assert f.rule == "S004" and f.severity == "info"
        assert f.related and all(r.path != f.path for r in f.related)
        line, column = report.position(f.path, f.start)
        assert report.documents[f.path].line_text(line)[column - 1 :].startswith(f.found)


def test_a_finding_names_the_site_usage(tmp_path):
    _site(tmp_path, [[H]] * 3 + [[R]])
    (f,) = check([tmp_path], G, select=["S004"]).findings
    assert (f.found, f.suggestion, f.term) == ("rehydration", "hydration", ("水分補給", "hydration"))
    assert '"hydration" in 3 articles, "rehydration" in 1 article' in f.message
    assert [r.text for r in f.related] == ["hydration"] * 3


@pytest.mark.slow
def test_records_cross_processes(tmp_path):
    """Eight articles run in a process pool: the records are pickled back, the finding is the same."""
    _site(tmp_path, [[H]] * 7 + [[R]])
    serial, pooled = (check([tmp_path], G, select=["S004"], jobs=jobs).findings for jobs in (1, 2))
    assert [(f.path, f.start) for f in pooled] == [(f.path, f.start) for f in serial] == [(str(tmp_path / "a7.en.txt"), 44)]


def test_off_unless_selected(tmp_path):
    _site(tmp_path, [[H]] * 3 + [[R]])
    assert not [f for f in check([tmp_path], G).findings if f.rule == "S004"]


@pytest.mark.parametrize("text, keys, runs", [
    ("a lack of sleep, then", {"w:lack", "w:sleep"}, ["lack of sleep"]),  # function words inside a run
    ("sleep. Lack", {"w:lack", "w:sleep"}, ["sleep", "Lack"]),  # punctuation ends a run
    ("the warm-up exercises", {"w:warm", "w:exercis"}, ["warm-up exercises"]),
    ("of the sleep of", {"w:sleep"}, ["sleep"]),  # no function word at either end
    ("sleep sleep sleep sleep sleep sleep", {"w:sleep"}, ["sleep sleep sleep sleep sleep", "sleep"]),  # MAX_RUN
])
def test_runs(text, keys, runs):
    assert [text[s:e] for s, e, _ in _runs(text, [], frozenset(keys))] == runs


def test_runs_leave_glossary_renderings_out():
    assert _runs("post-massage soreness", [(0, 21)], frozenset({"w:soreness"})) == []


@pytest.mark.parametrize("keys, whole, parts, renders", [
    (["w:lack", "w:sleep"], {"w:lack", "w:sleep"}, [{"w:sleep"}, {"w:lack"}], True),
    (["w:sleep"], {"w:lack", "w:sleep"}, [{"w:sleep"}, {"w:lack"}], False),  # one part of 睡眠不足 only
    (["w:insuffici", "w:sleep"], {"w:lack", "w:sleep"}, [{"w:sleep"}, {"w:insuffici", "w:lack"}], True),
    (["w:hydrat"], {"w:hydrat"}, [{"w:water"}, {"w:suppli"}], True),  # the compound's own gloss
    (["w:menopaus"], {"w:menopaus"}, [set(), set()], True),
])
def test_renders(keys, whole, parts, renders):
    assert _renders(keys, frozenset(whole), [frozenset(p) for p in parts]) is renders


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.slow
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_nothing_on_corpus_and_seeds():
    """Five bilingual articles: no term the glossary lacks is rendered in three of them two ways."""
    assert check([CORPUS, SEEDS], select=["S004"]).findings == []


@pytest.mark.parametrize("word, common", [("一般", True), ("場合", True), ("ストレス", True), ("土踏まず", False),
                                          ("水分補給", False), ("施術", False)])
def test_jmdict_everyday_words(word, common):
    assert _jmdict().common(word) is common
