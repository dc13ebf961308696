"""ArticleAnalysis keeps only the English stem runs that start like an accepted rendering: ``renders``
answers as it would with every run, on the bilingual seeds, for every glossary entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from taiyaku.analyze.analysis import Analyzer, analyze
from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
from taiyaku.analyze.match_en import stem_key, stem_ngrams_of
from taiyaku.read.articles import find_articles

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.parametrize(
    "stems, longest, heads, want",
    [
        (("a", "b", "c"), 2, None, {("a",), ("b",), ("c",), ("a", "b"), ("b", "c")}),
        (("a", "b", "c"), 2, frozenset({"b"}), {("b",), ("b", "c")}),
        (("a", "b", "c"), 3, frozenset({"a", "c"}), {("a",), ("a", "b"), ("a", "b", "c"), ("c",)}),
        (("a", "b"), 2, frozenset(), set()),
        ((), 3, frozenset({"a"}), set()),
    ],
)
def test_stem_runs_starting_with_heads(stems, longest, heads, want):
    assert stem_ngrams_of([stems], longest, heads) == want


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_renders_as_with_every_stem_run():
    glossary = load_glossary(bundled_glossary_path())
    analyzer = Analyzer.build(glossary)
    checked = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for article in find_articles([str(path)]):
            ctx = analyze(article, analyzer)
            if not ctx.bilingual:
                continue
            every = ctx.grams(ctx.en)
            for entry in glossary.entries:
                wrong = {stem_key(f) for f in entry.en_forbidden}
                full = any(h.entry is entry and h.how == "accepted" for h in ctx.en_hits) or any(
                    k in every and k not in wrong for k in map(stem_key, entry.accepted)
                )
                assert ctx.renders(entry) == full, (path.name, entry.ja)
                checked += full
    assert checked > 20  # the seeds render many terms: the comparison is not vacuous
