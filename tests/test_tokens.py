"""The tokenizer: exact offsets, and the fast (MeCab line format) path equal to fugashi's node API."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taiyaku.read.articles import find_articles
from taiyaku.analyze import tokens as tokens_module
from taiyaku.analyze.tokens import (
    MAX_CALL, _c_parser, _line_args, _line_parser, _line_tagger, pieces, tokenize, tokenize_nodes,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
NTREX = ROOT.parent / "shared" / "data" / "ntrex128_en-ja"


def test_fast_path_is_in_use():
    """MeCab's rows come straight from its C function (found through fugashi's extension)."""
    assert _line_args() is not None and _line_parser() is not None
    assert _c_parser(_line_args()) is not None


def _texts():
    paths = [str(ROOT / "corpus")] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    return [s.text for a in find_articles(paths) for s in a.ja + a.en]


def test_c_rows_are_fugashis():
    """The C call gives the bytes of fugashi's ``parse`` (with the newline it strips) on real and awkward
    texts; where a NUL character stops MeCab, both outputs lack the end mark."""
    parse, tagger = _c_parser(_line_args()), _line_tagger()
    for text in _texts() + AWKWARD:
        assert parse(text) == (tagger.parse(text) + "\n").encode(), text
    for text in ("腰痛\x00です", "\x00腰痛", "EOS\x00", "a\nEOS\x00b"):
        assert tokens_module._rows(parse(text)) is None
        assert tokens_module._rows((tagger.parse(text) + "\n").encode()) is None


def test_fugashi_rows_give_the_same_tokens(monkeypatch):
    """Where MeCab's C function cannot be reached, fugashi's tagger prints the rows: same tokens."""
    texts = _texts()[:300] + AWKWARD + ["腰痛\x00です", "EOS\x00"]
    want = [tokenize(t) for t in texts]
    monkeypatch.setattr(tokens_module, "_c_parser", lambda args: None)
    _line_parser.cache_clear()
    try:
        assert _line_parser() is not None and _line_parser().__name__ == "parse_through_fugashi"
        assert [tokenize(t) for t in texts] == want
        assert tokens_module.tokenize_all(texts[:50]) == want[:50]
    finally:
        _line_parser.cache_clear()


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
    texts = _texts()
    assert len(texts) > 100
    assert [tokenize(t) for t in texts] == [tokenize_nodes(t) for t in texts]


# White space MeCab skips (space, tab, newline, vertical tab) and characters it keeps as tokens of their own
# (U+3000, NBSP, zero-width space, BOM, CR, form feed, NEL, line separator, astral characters): the fast
# path's offsets (running sums of lengths, or a search after white space) must index the text exactly,
# as the node API's do.
AWKWARD = [
    "",
    " ",
    " \t\n\v ",
    "\n揉み返し\n",
    "  腰痛 \t が\n\n起こる  ",
    "腰痛\vと\t\t首",
    "\u3000腰痛\u3000\u3000です",
    "腰\xa0痛\u200bです\ufeff。",
    "a\rb\r\n腰痛\x0cです\x85と\u2028首",
    "𠮷野家で😀 を食べた\U0001F468\u200d\U0001F469",
    "EOS\nEOS\tEOS",
    "「EOS」と\n\t 書く",
    "ｸﾞﾁｬ  ABC abc１２３　ＡＢＣ",
    "the quick  brown\tfox\n jumps",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_rows_give_the_offsets_of_the_node_api(text, monkeypatch):
    """The fast path agrees with the node API without falling back to it."""
    want = tokenize_nodes(text)
    monkeypatch.setattr(tokens_module, "_node_tokens", lambda *_: pytest.fail("fell back to the node API"))
    got = tokenize(text)
    assert got == want
    assert all(text[t.start : t.end] == t.surface for t in got)


def test_a_nul_character_ends_the_text_for_mecab_on_both_paths():
    """MeCab's output stops at a NUL: the fast path sees the cut and gives the node API's tokens."""
    for text in ("腰痛\x00です", "\x00腰痛", "a b\x00", "EOS\x00", "a\nEOS\x00b", "x EOS\x00"):
        assert tokenize(text) == tokenize_nodes(text)


def test_a_long_text_with_white_space_at_the_cuts_keeps_exact_offsets():
    text = ("腰痛が  起こる\n\t" * 700) + "首\n" * 2000
    assert len(pieces(text)) > 2
    tokens = tokenize(text)
    assert tokens == tokenize_nodes(text)
    assert all(text[t.start : t.end] == t.surface for t in tokens)


@pytest.mark.skipif(not NTREX.is_dir(), reason="../shared/data (NTREX) is absent")
def test_fast_path_equals_node_api_on_ntrex():
    """News sentences of both languages one by one, and 500 Japanese ones joined by newlines (a text MeCab
    reads in several pieces)."""
    ja = (NTREX / "newstest2019-ref.jpn.txt").read_text(encoding="utf-8").splitlines()[:500]
    en = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()[:500]
    texts = ja + en + ["\n".join(ja)]
    assert len(pieces(texts[-1])) > 2
    assert [tokenize(t) for t in texts] == [tokenize_nodes(t) for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("揉み返し腰痛がはをにマッサージ ,\t\n\v\r\"'EOSabc1２３ｸﾞ。、「」\u3000\xa0\u200b𠮷😀")), max_size=40))
def test_fast_path_equals_node_api_on_naughty_strings(text):
    assert tokenize(text) == tokenize_nodes(text)


@pytest.mark.parametrize(
    "text, cut_after",
    [
        ("漢" * 3000 + "。" + "字" * 3000, "。"),  # a sentence end in the second half
        ("漢" * 3000 + "、" + "字" * 3000, "、"),  # else punctuation
        ("漢" * 3000 + "かな" * 1000, "漢"),  # else a change of script
        ("漢" * 9000, "漢"),  # else the hard limit
        ("。" + "漢" * 5000, "漢"),  # a sentence end in the first half is not taken: pieces stay long
    ],
)
def test_long_text_is_cut_at_the_safest_point(text, cut_after):
    spans = pieces(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b and b - a <= MAX_CALL for a, b in spans)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))
    assert all(b - a >= MAX_CALL // 2 for a, b in spans[:-1])
    assert text[spans[0][1] - 1] == cut_after


@pytest.mark.slow
@pytest.mark.parametrize("text", ["漢" * 500_000, "a" * 250_000, "aGVsbG8gd29ybGQ+/" * 20_000, "揉み返し。" * 60_000])
def test_texts_past_the_mecab_crash_size_tokenize_with_exact_offsets(text):
    """Each of these crashes MeCab (segmentation fault) in a single call; in pieces they tokenize."""
    tokens = tokenize(text)
    assert tokens and tokens[-1].end <= len(text)
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))


def test_short_text_is_one_piece_and_unchanged():
    text = "揉み返しは、痛い。" * 100
    assert pieces(text) == [(0, len(text))]
    assert tokenize(text) == tokenize_nodes(text)


def test_the_row_table_stays_bounded(monkeypatch):
    """Decoded rows are kept up to a limit, then dropped: memory stays flat, tokens unchanged."""
    monkeypatch.setattr(tokens_module._Rows, "limit", 5)
    monkeypatch.setattr(tokens_module, "_ROWS", tokens_module._Rows())
    text = "揉み返しが起こる前に、マッサージやストレッチで腰痛を和らげましょう。"
    assert tokenize(text) == tokenize_nodes(text)
    assert 0 < len(tokens_module._ROWS) <= 5


def test_tokenize_all_equals_tokenize_text_by_text():
    """The batch entry point (MeCab for every text first, rows decoded after) gives each text's tokens,
    for short texts and, through the per-text path, for a batch holding a text longer than one call."""
    paths = [str(ROOT / "corpus")] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    batches = [[s.text for s in a.ja] for a in find_articles(paths)] + [AWKWARD, ["腰痛です。" * 1000, "首"], []]
    for texts in batches:
        assert tokens_module.tokenize_all(texts) == [tokenize(t) for t in texts]


def test_edge_word_is_the_first_and_last_token():
    """``edge_word`` (the line-break questions) gives the first and last tokens' part of speech and
    conjugated form, as ``tokenize`` does, on every line's head and tail in the corpus and seeds."""
    paths = [str(ROOT / "corpus")] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    lines = {line for a in find_articles(paths) for s in a.ja for line in s.text.split("\n")} | set(AWKWARD)
    fragments = {f for line in lines for f in (line[:12], line[-24:], line)} | {"a\x00b", "\x00", "腰痛\x00です"}
    assert len(fragments) > 100
    for text in fragments:
        tokens = tokenize(text)
        for last, token in ((False, tokens[:1]), (True, tokens[-1:])):
            want = (token[0].pos, token[0].conj_form) if token else None
            assert tokens_module.edge_word(text, last) == want, (text, last)
