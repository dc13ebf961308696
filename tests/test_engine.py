"""The one engine: scopes are real dispatch (segment, pair, article, corpus), the filter chain applies to
every finding, and the installed package is one import package, taiyaku."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from taiyaku.checks.registry import Rule, dispatch, rule
from taiyaku.errors import InputError
from taiyaku.models import Finding

from .helpers import analyzed, article, check, glossary

ROOT = Path(__file__).resolve().parents[1]
G = glossary("揉み返し\tpost-massage soreness\tもみ返し\t\trubbing back\tx")


def _article_sizes(ctx):
    """A corpus-scope record: the article's first Japanese sentence and how many it has."""
    return (ctx.ja[0].segment.doc.path, ctx.ja[0].segment.source_span(), len(ctx.ja)) if ctx.ja else None


def _longest_article(records):
    """One finding, on the article with the most Japanese sentences of the whole run."""
    path, (start, end), n = max((r for r in records if r), key=lambda r: r[2])
    yield Finding("X900", "longest-article", "test", "info", path, start, end, f"longest article: {n} sentences")


CORPUS_RULE = Rule("X900", "longest-article", "test", "info", "corpus", _longest_article, collect=_article_sizes)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_corpus_rule_sees_every_article(jobs):
    from taiyaku.read.articles import find_articles

    longest = max(find_articles([str(ROOT / "corpus")]), key=lambda a: len(a.ja))
    report = check([ROOT / "corpus"], G, jobs=jobs, extra_rules=[CORPUS_RULE])
    (f,) = [f for f in report.findings if f.rule == "X900"]
    assert f.message == f"longest article: {len(longest.ja)} sentences"
    assert (f.path, f.start) == (longest.ja[0].doc.path, longest.ja[0].source_span()[0])


def test_corpus_findings_go_through_the_filter_chain(tmp_path):
    from taiyaku.project.baseline import write_baseline

    paths = [ROOT / "corpus"]
    first = check(paths, G, extra_rules=[CORPUS_RULE])
    assert [f.rule for f in first.findings].count("X900") == 1
    write_baseline(str(tmp_path / "baseline.json"), first)
    again = check(paths, G, extra_rules=[CORPUS_RULE], baseline=str(tmp_path / "baseline.json"))
    assert again.findings == []


def test_scopes_dispatch_per_segment_pair_and_article():
    calls = {"segment": 0, "pair": 0, "article": 0}

    def count(scope):
        def func(ctx, *unit):
            calls[scope] += 1
            return ()

        return Rule("X" + scope[:3], scope, "test", "info", scope, func)

    art = article(["揉み返しです。", "二文目です。", "三文目です。"], ["It is post-massage soreness.", "Second."])
    ctx = analyzed(art, G)
    dispatch(ctx, [count("segment"), count("pair"), count("article")])
    assert calls == {"segment": 5, "pair": len(ctx.pairs), "article": 1}


@pytest.mark.parametrize("kwargs, message", [
    ({"scope": "sentence"}, "unknown scope"),
    ({"scope": "corpus"}, "needs collect"),
    ({"scope": "article", "collect": _article_sizes}, "needs collect"),
])
def test_registration_is_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        rule("X999", "x", category="test", severity="info", **kwargs)


def test_analysis_is_frozen():
    ctx = analyzed(article(["揉み返しです。"], ["It is rubbing back."]), G)
    with pytest.raises(AttributeError):
        ctx.ja[0].tokens = ()
    with pytest.raises(AttributeError):
        ctx.article.ja[0].start = 3
    assert ctx.of(ctx.article.en[0]) is ctx.en[0]
    assert [h.how for h in ctx.en[0].hits] == ["forbidden"]


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no articles found"):
        check([tmp_path], G)


@pytest.mark.slow
def test_wheel_installed_with_prefix_runs_with_the_bundled_glossary(tmp_path):
    """pip install --prefix puts one import package (taiyaku) and the console script in place; the
    bundled glossary is package data; there is no top-level pipeline or cli module."""
    import shutil

    source = tmp_path / "source"  # a clean copy: no build/ left over from earlier builds
    shutil.copytree(ROOT, source, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", ".pytest_cache", "__pycache__"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(wheels), str(source)], check=True, capture_output=True)
    (wheel,) = wheels.glob("taiyaku-*.whl")
    prefix = tmp_path / "prefix"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--ignore-installed", "-q", "--prefix",
                    str(prefix), str(wheel)], check=True, capture_output=True)
    site = next(prefix.glob("lib/python*/site-packages"))
    assert sorted(p.name for p in site.iterdir() if not p.name.endswith(".dist-info")) == ["taiyaku"]
    env = {**os.environ, "PYTHONPATH": str(site)}
    script = prefix / "bin" / "taiyaku"
    run = subprocess.run([sys.executable, str(script), "check", "corpus/"], cwd=ROOT,
                         env={**env, "PYTHONSAFEPATH": "1"}, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert run.stdout.endswith("Found 14 findings (5 errors, 8 warnings, 1 info) in 7 files.\n")
    elsewhere = subprocess.run([sys.executable, "-c", "import taiyaku.analyze.glossary as g; print(g.bundled_glossary_path())"],
                               cwd=tmp_path, env=env, capture_output=True, text=True)
    assert elsewhere.stdout.strip().startswith(str(site)) and Path(elsewhere.stdout.strip()).is_file()
    for name in ("pipeline", "cli"):
        probe = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=tmp_path, env=env, capture_output=True)
        assert probe.returncode != 0, name
