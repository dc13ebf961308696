"""Each check on small tables of cases: what it reports, where, and what it leaves alone."""

import pytest

from .helpers import article, check_article, glossary

G = glossary(
    "揉み返し\tpost-massage soreness\tもみ返し\t\trubbing back|rub back|rubback|return rub|a rub|rubbing\tx",
    "仙腸関節\tsacroiliac joint\t\tSI joint\t\tx",
    "仙腸関節炎\tsacroiliitis\t\t\t\tx",
    "中枢性感作\tcentral sensitization\t\tcentral sensitisation\tcentral sensitivity\tx",
    "ぎっくり腰\tacute low back pain\tギックリ腰\t\tslipped disc\tx",
    "柔軟性\tflexibility\t\t\t\tx",
    "ストレッチ\tstretching\t\tstretch\t\tx",
    "施術\ttreatment\t\tsession\t\tx",
    "腰痛\tlow back pain\t\tback pain|lower back pain\t\tx",
)


def run(ja: list[str], en: list[str], select=("ALL",)):
    return [(f.rule, f.found) for f in check_article(article(ja, en), G, select)]


@pytest.mark.parametrize(
    "ja, en, select, expected",
    [
        # T001: forbidden rendering of a term the Japanese uses
        (["揉み返しが起こる。"], ["A rubbing back occurs."], "T001", [("T001", "rubbing back")]),
        # ... but not when the Japanese never uses the term
        (["腰が痛い。"], ["Rubbing the area helps."], "T001", []),
        # T002: accepted rendering nowhere in the English
        (["中枢性感作とは。"], ["What is central hypersensitivity?"], "T002", [("T002", "中枢性感作")]),
        # ... but a forbidden rendering in context is T001's finding, not also a T002 (one defect, one finding)
        (["中枢性感作とは。"], ["What is central sensitivity?"], "T002", []),
        (["中枢性感作とは。"], ["What is central sensitivity?"], "ALL", [("T001", "central sensitivity")]),
        (["中枢性感作とは。"], ["What is central sensitisation?"], "T002", []),
        # ... in any inflection, unless the inflection is itself forbidden
        (["柔軟性が低い。"], ["Muscles that are not very flexible."], "T002", []),
        # T002 needs an English side
        (["中枢性感作とは。"], [], "T002", []),
        # 仙腸関節炎 rendered sacroiliitis produces nothing
        (["仙腸関節炎の治療。"], ["Treating sacroiliitis."], "ALL", []),
        # C001: one term, several renderings; forbidden departures are T001's (its message lists the
        # renderings), so no C001 beside them
        (["揉み返しとは。"], ["Post-massage soreness, or a rubbing back, or return rubs."], "C001", []),
        (
            ["揉み返しとは。"],
            ["Post-massage soreness, or a rubbing back, or return rubs."],
            "ALL",
            [("T001", "rubbing back"), ("T001", "return rubs")],
        ),
        (["揉み返しとは。"], ["Post-massage soreness and post massage soreness."], "C001", []),
        # forms of one word, shortened forms and single-word variants are not inconsistencies
        (["ストレッチ。"], ["Stretching helps.", "A gentle stretch."], "C001", []),
        (["腰痛。"], ["Low back pain is common.", "Back pain recurs."], "C001", []),
        (["施術。"], ["The treatment.", "A short session."], "C001", []),
        # but two different multi-word renderings are: reported at the place that departs from the
        # glossary's preferred rendering
        (["腰痛。"], ["Low back pain is common.", "Lower back pain recurs."], "C001", [("C001", "Lower back pain")]),
        # ... once per departing place, even where the departure is the commonest rendering
        (
            ["腰痛。"],
            ["Lower back pain is common.", "Lower back pain recurs.", "Low back pain too."],
            "C001",
            [("C001", "Lower back pain"), ("C001", "Lower back pain")],
        ),
        # C002 (off by default, chosen by its code): each variant spelling in an article that never
        # writes the canonical one; C003: each variant place in an article that mixes spellings
        (["もみ返しが出る。"], [], "C002", [("C002", "もみ返し")]),
        (["もみ返しが出る。"], [], "ALL", []),
        (["もみ返しが出る。"], [], "C", []),
        (["もみ返しが出る。"], [], "C003", []),
        (["ぎっくり腰とギックリ腰。"], [], "C003", [("C003", "ギックリ腰")]),
        (["ぎっくり腰とギックリ腰。"], [], "C002", []),
        (["ギックリ腰、ぎっくり腰、ギックリ腰。"], [], "C003", [("C003", "ギックリ腰"), ("C003", "ギックリ腰")]),
        # U001: Japanese left in the English; a parenthesised gloss is deliberate
        ([], ["This is called 仙腸関節 instability."], "U001", [("U001", "仙腸関節")]),
        ([], ["We practise seitai (整体) here."], "U001", []),
        ([], ["Plain English only."], "U001", []),
    ],
)
def test_check_cases(ja, en, select, expected):
    assert run(ja, en, select=(select,)) == expected


def test_forbidden_rendering_suggests_and_offers_an_unsafe_fix():
    (f,) = check_article(article(["揉み返し。"], ["Rubbing back is common."]), G, ("T001",))
    assert f.suggestion == "post-massage soreness"
    assert f.fix.replacement == "Post-massage soreness" and not f.fix.safe
    assert (f.start, f.end) == (0, len("Rubbing back"))


def test_variant_fix_is_safe():
    (f,) = check_article(article(["まず、もみ返し。"]), G, ("C002",))
    assert f.fix.safe and f.fix.replacement == "揉み返し"
