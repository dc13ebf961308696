"""Articles read and tokenized in groups (run.pool, ``_Worker.check_group``): the report is the report
of one article at a time, a group stops at its size or its character budget, and a failure stops the
run at the same article."""

from __future__ import annotations

from pathlib import Path

import pytest

from taiyaku.analyze import tokens as tokens_module
from taiyaku.errors import InputError
from taiyaku.output import render
from taiyaku.run import pool

from .helpers import check

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


def _site(tmp_path: Path) -> Path:
    """corpus/ and, when present, the seeds, in one folder."""
    site = tmp_path / "site"
    site.mkdir()
    for src in [p for p in CORPUS.iterdir() if p.name != "README.md"] + sorted(SEEDS.glob("0*.txt")):
        (site / src.name).write_bytes(src.read_bytes())
    return site


def _json(site: Path, monkeypatch, group: int, chars: int, select=None) -> str:
    monkeypatch.setattr(pool, "GROUP", group)
    monkeypatch.setattr(pool, "GROUP_CHARS", chars)
    return render(check([site], select=select, jobs=1), "json")


@pytest.mark.parametrize("group, chars", [(2, 10**9), (3, 10**9), (8, 1), (8, 2_000), (pool.GROUP, pool.GROUP_CHARS)])
@pytest.mark.parametrize("select", [None, ["ALL"]])
def test_groups_give_the_report_of_one_article_at_a_time(tmp_path, monkeypatch, group, chars, select):
    site = _site(tmp_path)
    one_at_a_time = _json(site, monkeypatch, 1, 10**9, select)
    assert _json(site, monkeypatch, group, chars, select) == one_at_a_time
    assert '"findings"' in one_at_a_time and one_at_a_time.count('"rule"') >= 14  # corpus/ alone has 14


@pytest.mark.parametrize("group, chars, calls", [(8, 10**9, 1), (3, 10**9, 2), (8, 1, 4), (1, 10**9, 4)])
def test_a_group_ends_at_its_size_or_its_character_budget(tmp_path, monkeypatch, group, chars, calls):
    """corpus/'s four articles: one MeCab pass per group, none for the end of the list."""
    site = tmp_path / "site"
    site.mkdir()
    for src in [p for p in CORPUS.iterdir() if p.name != "README.md"]:
        (site / src.name).write_bytes(src.read_bytes())
    passes = []
    tokenize_all = tokens_module.tokenize_all

    def counted(texts):
        passes.append(len(texts))
        return tokenize_all(texts)

    monkeypatch.setattr(tokens_module, "tokenize_all", counted)
    monkeypatch.setattr(pool, "GROUP", group)
    monkeypatch.setattr(pool, "GROUP_CHARS", chars)
    report = check([site], jobs=1)
    assert len(passes) == calls and len(report.findings) == 14


def test_a_failure_inside_a_group_stops_the_run_at_that_article(tmp_path, monkeypatch):
    monkeypatch.setattr(pool, "GROUP", 8)
    text = (CORPUS / "stretching-bilingual.txt").read_bytes()
    files = []
    for i in range(5):
        path = tmp_path / f"article-{i}.txt"
        path.write_bytes(b"\x00\x01binary" if i in (2, 4) else text)
        files.append(path)
    with pytest.raises(InputError) as error:
        check(files, jobs=1)
    assert error.value.path == str(tmp_path / "article-2.txt")
