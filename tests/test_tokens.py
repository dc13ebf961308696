"""The tokenizer: exact offsets, and the fast (MeCab line format) path equal to fugashi's node API."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taiyaku.read.articles import find_articles
from taiyaku.analyze.tokens import _line_tagger, tokenize, tokenize_nodes

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def test_fast_path_is_in_use():
    assert _line_tagger() is not None


@pytest.mark.parametrize(
    "text, surfaces",
    [
        ("揉み返しが起こる", ["揉み返し", "が", "起こる"]),
        ("マッサージやストレッチ", ["マッサージ", "や", "ストレッチ"]),
        ("  腰痛\nと ｸﾞﾁｬ abc", ["腰痛", "と", "ｸﾞﾁｬ", "abc"]),
        ("「EOS」と書く", ["「", "EOS", "」", "と", "書く"]),
    ],
)
def test_offsets_index_the_text(text, surfaces):
    tokens = tokenize(text)
    assert [t.surface for t in tokens] == surfaces
    assert all(text[t.start : t.end] == t.surface for t in tokens)


def test_fields():
    (massage, _, kojimachi) = tokenize("マッサージ、麹町")[:3]
    assert (massage.lemma, massage.gloss, massage.reading) == ("マッサージ", "massage", "まっさーじ")
    assert kojimachi.pos == ("名詞", "固有名詞") and kojimachi.reading == "こうじまち"
    (verb,) = tokenize("揉み返し")
    assert (verb.lemma, verb.conj_form) == ("揉み返す", "連用形-一般")


def test_fast_path_equals_node_api_on_real_text():
    paths = [str(ROOT / "corpus")] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    texts = [s.text for a in find_articles(paths) for s in a.ja + a.en]
    assert len(texts) > 100
    assert [tokenize(t) for t in texts] == [tokenize_nodes(t) for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("揉み返し腰痛がはをにマッサージ ,\t\n\"'EOSabc1２３ｸﾞ。、「」")), max_size=40))
def test_fast_path_equals_node_api_on_naughty_strings(text):
    assert tokenize(text) == tokenize_nodes(text)
