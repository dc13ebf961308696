"""Japanese glossary matching on token boundaries: surface, lemma, reading; glued affixes; longest wins."""

import pytest

from taiyaku.analyze.match_ja import JapaneseMatcher
from taiyaku.analyze.tokens import tokenize

from .helpers import glossary, segment

G = glossary(
    "揉み返し\tpost-massage soreness\tもみ返し\t\t\t",
    "仙腸関節\tsacroiliac joint\t\t\t\t",
    "仙腸関節炎\tsacroiliitis\t\t\t\t",
    "中枢性感作\tcentral sensitization\t\t\t\t",
    "ぎっくり腰\tacute low back pain\tギックリ腰\t\t\t",
    "腰痛\tlow back pain\t\t\t\t",
    "関節\tjoint\t\t\t\t",
    "内科\tinternal medicine\t\t\t\t",
    "大腿\tthigh\t\t\t\t",
    "整体\tseitai\t\t\t\t",
    "リハビリ\trehabilitation\t\t\t\t",
    "跛行\tlimping\t\t\t\t",
    "下肢\tlower limb\t\t\t\t",
)
MATCHER = JapaneseMatcher(G)


def hits(text):
    seg = segment(text)
    return [(h.text, h.entry.ja, h.how) for h in MATCHER.find(seg, tokenize(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("揉み返しの原因", [("揉み返し", "揉み返し", "surface")]),
        ("もみ返しが起こる", [("もみ返し", "揉み返し", "variant")]),
        ("揉みかえしが出た", [("揉みかえし", "揉み返し", "reading")]),
        ("もみかえしを防ぐ", [("もみかえし", "揉み返し", "reading")]),
        ("筋肉が揉み返さない", [("揉み返さ", "揉み返し", "lemma")]),
        ("ギックリ腰の方", [("ギックリ腰", "ぎっくり腰", "variant")]),
        # longest entry wins where entries overlap
        ("仙腸関節炎と仙腸関節", [("仙腸関節炎", "仙腸関節炎", "surface"), ("仙腸関節", "仙腸関節", "surface")]),
        # a prefix that makes another concept
        ("非中枢性感作と中枢性感作", [("中枢性感作", "中枢性感作", "surface")]),
        # a suffix that makes another concept (腰痛症 is not matched as 腰痛; 慢性 is its own word)
        ("慢性腰痛と腰痛症", [("腰痛", "腰痛", "surface")]),
        # never half a token, never a coincidence of readings after a particle
        ("私もみかえしました", []),
        ("船長が来た", []),
        # homophones in kana are not the term: ない+か is not 内科, the adverb だいたい is not 大腿
        ("痛くないかと思う", []),
        ("だいたい同じです", []),
        # nor a reading that starts on a particle or on a suffix bound to the word before (seeds 001, 002)
        ("臨床ではこういったケース", []),
        ("腰痛が慢性化していく", [("腰痛", "腰痛", "surface")]),
        ("かしが痛む", []),
        # a reading in parentheses after kanji is not a kana spelling of the term
        ("ぎっくり腰(ぎっくりごし)です", [("ぎっくり腰", "ぎっくり腰", "surface")]),
        # a surface match does not swallow the next term's start
        ("整体リハビリを受ける", [("整体", "整体", "surface"), ("リハビリ", "リハビリ", "surface")]),
    ],
)
def test_matches(text, expected):
    assert hits(text) == expected


def test_glued_suffix_without_longer_entry():
    g = glossary("仙腸関節\tsacroiliac joint\t\t\t\t")
    seg = segment("仙腸関節炎です")
    assert JapaneseMatcher(g).find(seg, tokenize(seg.text)) == []


def test_offsets_are_exact():
    text = "  まず、もみ返しについて。"
    seg = segment(text)
    (h,) = MATCHER.find(seg, tokenize(text))
    assert text[h.start : h.end] == "もみ返し"
    assert h.source_span() == (text.index("もみ返し"), text.index("もみ返し") + 4)


def test_start_tables_bounded_and_relearned(monkeypatch):
    """The token screen's tables are emptied when full and relearned: the hits do not change."""
    import taiyaku.analyze.match_ja as match_ja

    monkeypatch.setattr(match_ja, "CACHE_LIMIT", 8)
    matcher = JapaneseMatcher(G)
    texts = ["揉み返しの原因", "慢性腰痛と腰痛症", "整体リハビリを受ける", "筋肉が揉み返さない", "揉み返しの原因"]
    got = [[(h.text, h.entry.ja, h.how) for h in matcher.find(segment(t), tokenize(t))] for t in texts]
    assert got == [hits(t) for t in texts]
    assert got[0] and got[0] == got[-1]
    assert len(matcher._starts) + len(matcher._nfkc) <= 8 + 3 * len(tokenize(texts[-1]))
