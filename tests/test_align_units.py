"""Alignment kept within translation units (XLIFF): pairs never cross units; a unit without English is 1-0."""

from __future__ import annotations

from taiyaku.align.pairing import align_segments
from taiyaku.align.units import unit_runs
from taiyaku.analyze.analysis import Analyzer as Matchers, analyze
from taiyaku.analyze.glossary import load_glossary, resolve_glossary_path
from taiyaku.read.articles import find_articles
from tests.helpers import ROOT
from tests.test_xliff import XLIFF2

# unit b's target translates only its first sentence; unit c's target is missing: over the whole
# article an aligner may pair b's second sentence with c's neighbour; unit by unit it cannot.
JOB = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ja" trgLang="en">
<file id="f">
<unit id="a"><segment><source>腰痛の原因</source><target>Causes of low back pain</target></segment></unit>
<unit id="b"><segment><source>腰痛の多くは筋肉の疲労で起こります。長く座ると悪化します。</source>
<target>Most low back pain comes from tired muscles.</target></segment></unit>
<unit id="c"><segment><source>長時間座ると腰に負担がかかります。</source></segment></unit>
<unit id="d"><segment><source>痛みが続く場合はご相談ください。</source>
<target>If the pain continues, please talk to us.</target></segment></unit>
</file>
</xliff>
"""


def _article(tmp_path, text):
    (tmp_path / "job.xlf").write_text(text, encoding="utf-8")
    [article] = find_articles([str(tmp_path / "job.xlf")])
    return article


def _pairs(article):
    return analyze(article, Matchers.build(load_glossary(resolve_glossary_path(None)))).pairs


def test_pairs_keep_to_units(tmp_path):
    pairs = _pairs(_article(tmp_path, JOB))
    got = [({s.block.unit for s in (*p.ja, *p.en)}, [s.text for s in p.ja], [s.text for s in p.en]) for p in pairs]
    assert all(len(units) == 1 for units, _, _ in got)
    assert [(u.pop(), ja, en) for u, ja, en in got if not en] == [
        ("b/1", ["長く座ると悪化します。"], []),
        ("c/1", ["長時間座ると腰に負担がかかります。"], []),
    ]
    ja_order = [s for p in pairs for s in p.ja]
    en_order = [s for p in pairs for s in p.en]
    article = _article(tmp_path, JOB)
    assert [s.text for s in ja_order] == [s.text for s in article.ja]  # every sentence once, in order
    assert [s.text for s in en_order] == [s.text for s in article.en]


def test_runs_follow_the_document(tmp_path):
    ctx = analyze(_article(tmp_path, XLIFF2), Matchers.build(load_glossary(resolve_glossary_path(None))))
    runs = unit_runs(ctx.ja, ctx.en)
    assert [({a.segment.block.unit for a in ja + en}, len(ja), len(en)) for ja, en in runs] == [
        ({"title/1"}, 1, 1), ({"u2/1"}, 1, 1), ({"u2/2"}, 1, 0), ({"u3/1"}, 1, 1)]


def test_without_units_the_whole_article_is_aligned():
    [article] = find_articles([str(ROOT / "corpus" / "stretching-bilingual.txt")])
    ctx = analyze(article, Matchers.build(load_glossary(resolve_glossary_path(None))))
    assert unit_runs(ctx.ja, ctx.en) is None
    assert [(p.ja, p.en) for p in ctx.pairs] == [(p.ja, p.en) for p in align_segments(ctx.ja, ctx.en)]


def test_a_one_to_one_unit_is_a_sure_pair(tmp_path):
    pairs = _pairs(_article(tmp_path, JOB))
    assert [p.confidence for p in pairs if len(p.ja) == 1 and len(p.en) == 1 and p.ja[0].block.unit == "a/1"] == ["sure"]
