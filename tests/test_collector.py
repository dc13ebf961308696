"""The cyclic garbage collector runs rarely while articles are checked, and its settings come back."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from taiyaku.models import Finding
from taiyaku.checks.registry import Rule
from taiyaku.run.collector import THRESHOLD, fewer_collections

from .helpers import check, glossary

ROOT = Path(__file__).resolve().parents[1]


def _threshold_seen(ctx):
    """A finding whose message is the collector's threshold while the article is checked."""
    seg = (ctx.ja or ctx.en)[0].segment
    yield Finding("X901", "gc-threshold", "test", "info", seg.doc.path, *seg.source_span(), str(gc.get_threshold()))


THRESHOLD_RULE = Rule("X901", "gc-threshold", "test", "info", "article", _threshold_seen)


@pytest.mark.parametrize("jobs", [1, 2])
def test_articles_are_checked_with_fewer_collections(jobs):
    before = gc.get_threshold()
    report = check([ROOT / "corpus"], glossary(""), jobs=jobs, extra_rules=[THRESHOLD_RULE])
    seen = {f.message for f in report.findings if f.rule == "X901"}
    assert seen == {str(THRESHOLD)}
    assert gc.get_threshold() == before


def test_the_thresholds_come_back_after_an_error():
    before = gc.get_threshold()
    with pytest.raises(KeyError), fewer_collections():
        assert gc.get_threshold() == THRESHOLD
        raise KeyError("x")
    assert gc.get_threshold() == before
