"""English rendering matching: case, word boundaries, hyphens, plurals; longest first."""

import pytest

from taiyaku.analyze.match_en import EnglishMatcher, normalize_word

from .helpers import glossary, segment

G = glossary(
    "揉み返し\tpost-massage soreness\t\t\trubbing back|rub back|rubback|return rub|a rub|rubbing\t",
    "仙腸関節\tsacroiliac joint\t\tSI joint\t\t",
    "仙腸関節炎\tsacroiliitis\t\t\t\t",
    "腰痛\tlow back pain\t\tback pain\t\t",
)
MATCHER = EnglishMatcher(G)


def hits(text):
    return [(h.text, h.how, h.rendering) for h in MATCHER.find(segment(text, "en"))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("What are the causes of return rubs?", [("return rubs", "forbidden", "return rub")]),
        ("A rubbing back occurs.", [("rubbing back", "forbidden", "rubbing back")]),
        ("It can cause a rub.", [("a rub", "forbidden", "a rub")]),
        ("To prevent a Rubback, warm up.", [("Rubback", "forbidden", "rubback")]),
        ("Post massage soreness", [("Post massage soreness", "accepted", "post-massage soreness")]),
        ("both sacroiliac joints hurt", [("sacroiliac joints", "accepted", "sacroiliac joint")]),
        ("the SI joint's ligaments", [("SI joint's", "accepted", "SI joint")]),
        ("sacroiliitis is different", [("sacroiliitis", "accepted", "sacroiliitis")]),
        ("chronic low back pain and back pain", [("low back pain", "accepted", "low back pain"), ("back pain", "accepted", "back pain")]),
        # word boundaries and punctuation between words
        ("the sacroiliac. Joint", []),
        ("a rubber ball", []),
        ("scrubbing", []),
    ],
)
def test_matches(text, expected):
    assert hits(text) == expected


@pytest.mark.parametrize(
    "word, normal",
    [("joints", "joint"), ("Stresses", "stress"), ("injuries", "injury"), ("stretches", "stretch"),
     ("this", "this"), ("stress", "stress"), ("sinus", "sinus"), ("arthritis", "arthritis"), ("patient’s", "patient")],
)
def test_normalize_word(word, normal):
    assert normalize_word(word) == normal
