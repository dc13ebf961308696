"""Small builders shared by tests: a segment from a string, a glossary from rows."""

from __future__ import annotations

import os
from pathlib import Path

from taiyaku.analyze.glossary import parse_glossary
from taiyaku.models import Block, Document, Piece, Segment

HEADER = "ja\ten\tja_variants\ten_variants\ten_forbidden\tnote\n"


def glossary(*rows: str):
    return parse_glossary(HEADER + "".join(r + "\n" for r in rows), "test.tsv")


def segment(text: str, lang: str = "ja", path: str = "t.txt", index: int = 0) -> Segment:
    block = Block(text, (Piece(0, 0, len(text)),), "paragraph", lang)
    doc = Document(path, text, "utf-8", "txt", lang, (block,))
    return Segment(doc, block, 0, len(text), lang, index, lang)


ROOT = Path(__file__).resolve().parents[1]


def invoke_cli(*args, cwd: Path = ROOT):
    """Run the ``taiyaku`` command in ``cwd`` (click's test runner); returns click's Result."""
    from click.testing import CliRunner

    from taiyaku.cli import main

    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)


def cli_output(*args, cwd: Path = ROOT) -> str:
    """The output of a ``taiyaku`` run that must succeed (exit code 0 or 1)."""
    result = invoke_cli(*args, cwd=cwd)
    assert result.exit_code in (0, 1), result.output
    return result.output


def check(paths, glossary=None, *, select=None, ignore=None, views=False, jobs=1, baseline=None, settings=None,
          extra_rules=(), progress=None):
    """The report of the one engine on ``paths``, without any configuration file (``glossary``: a loaded
    Glossary, default the bundled one)."""
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    paths = [str(p) for p in paths]
    if settings is None:
        settings = load_settings(paths, {"isolated": True, "select": list(select or ()), "ignore": list(ignore or ())})
    request = Request(jobs=jobs, views=views, baseline=baseline, glossary=glossary, extra_rules=tuple(extra_rules),
                      progress=progress)
    return run(paths, settings, request).report


def analyzed(article, glossary):
    """The ``ArticleAnalysis`` of an article with ``glossary``."""
    from taiyaku.analyze.analysis import Analyzer, analyze

    return analyze(article, Analyzer.build(glossary))


def article(ja=(), en=(), name="a", ja_path="a.ja.txt", en_path="a.en.txt"):
    """An in-memory article: one single-sentence document per string, indexed in order."""
    from taiyaku.models import Article

    ja_segs = tuple(segment(t, "ja", ja_path, i) for i, t in enumerate(ja))
    en_segs = tuple(segment(t, "en", en_path, i) for i, t in enumerate(en))
    return Article(name, tuple(s.doc for s in ja_segs + en_segs), ja_segs, en_segs)


def check_article(art, glossary, select=("ALL",)):
    """The findings of the rules ``select`` names on one in-memory article, sorted."""
    from taiyaku.checks.registry import dispatch, registry
    from taiyaku.project.selection import Selection
    from taiyaku.run.report import sort_key

    chosen = Selection(select=tuple(select))
    rules = [r for r in registry().values() if chosen.enabled(r)]
    return sorted(dispatch(analyzed(art, glossary), rules), key=sort_key)


def summaries(art) -> dict:
    """The article's documents as a report holds them: path → DocumentSummary with every line."""
    from taiyaku.run.report import DocumentSummary

    return {d.path: DocumentSummary.of(d, all_lines=True) for d in art.documents}
