"""Glossary anchors in alignment: accepted renderings are evidence that a sentence renders a term,
forbidden ones are not ("rubbing" is wrong for 揉み返し and may well translate 揉む)."""

from __future__ import annotations

import pytest

from taiyaku.align.pairing import _term_keys
from taiyaku.analyze.analysis import Analyzer, analyze
from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
from taiyaku.read.articles import find_articles

JA = (
    "施術の後に痛みが出ることがあります。\n"
    "強く揉むと、筋肉が傷つきます。\n"
    "揉み返しは数日で治まります。\n"
    "痛みが続くときはご相談ください。\n"
)
EN = (
    "Pain can appear after a treatment.\n"
    "Rubbing hard damages the muscles.\n"
    "Post-massage soreness settles within a few days.\n"
    "If the pain persists, please consult us.\n"
)


def _context(tmp_path, ja: str, en: str):
    (tmp_path / "a.ja.txt").write_text(ja, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(en, encoding="utf-8")
    (article,) = find_articles([str(tmp_path / "a.ja.txt")])
    return analyze(article, Analyzer.build(load_glossary(bundled_glossary_path())))


def test_forbidden_rendering_is_no_anchor(tmp_path) -> None:
    ctx = _context(tmp_path, JA, EN)
    rubbing = ctx.article.en[1]
    assert any(h.how == "forbidden" and h.segment is rubbing for h in ctx.en_hits)  # "Rubbing" is found…
    assert "g:揉み返し" not in _term_keys(ctx.of(rubbing).hits)  # …but is no evidence for 揉み返し
    assert "g:揉み返し" in _term_keys(ctx.en[2].hits)
    assert "g:揉み返し" not in ctx.en[1].anchors and "g:揉み返し" in ctx.en[2].anchors


@pytest.mark.parametrize(
    "en, expected",
    [
        (EN, [(0, 0), (1, 1), (2, 2), (3, 3)]),
        # the 揉み返し sentence left untranslated: "Rubbing hard…" still pairs with 強く揉む
        (EN.replace("Post-massage soreness settles within a few days.\n", ""), [(0, 0), (1, 1), (2, None), (3, 2)]),
    ],
)
def test_rubbing_hard_pairs_with_tsuyoku_momu(tmp_path, en, expected) -> None:
    pairs = _context(tmp_path, JA, en).pairs
    got = []
    for p in pairs:
        for s in p.ja:
            got.append((s.index, p.en[0].index if p.en else None))
    assert got == expected
