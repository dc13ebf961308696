"""Small builders shared by tests: a segment from a string, a glossary from rows."""

from __future__ import annotations

import os
from pathlib import Path

from taiyaku.analyze.glossary import parse_glossary
from taiyaku.models import Block, Document, Piece, Segment

HEADER = "ja\ten\tja_variants\ten_variants\ten_forbidden\tnote\n"


def glossary(*rows: str):
    return parse_glossary(HEADER + "".join(r + "\n" for r in rows), "test.tsv")


def segment(text: str, lang: str = "ja", path: str = "t.txt") -> Segment:
    doc = Document(path, text, "utf-8", "txt", lang)
    block = Block(text, (Piece(0, 0, len(text)),), "paragraph", lang)
    doc.blocks.append(block)
    return Segment(doc, block, 0, len(text), lang)


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
