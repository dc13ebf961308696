"""Small builders shared by tests: a segment from a string, a glossary from rows."""

from __future__ import annotations

from pipeline.glossary import parse_glossary
from pipeline.models import Block, Document, Piece, Segment

HEADER = "ja\ten\tja_variants\ten_variants\ten_forbidden\tnote\n"


def glossary(*rows: str):
    return parse_glossary(HEADER + "".join(r + "\n" for r in rows), "test.tsv")


def segment(text: str, lang: str = "ja", path: str = "t.txt") -> Segment:
    doc = Document(path, text, "utf-8", "txt", lang)
    block = Block(text, (Piece(0, 0, len(text)),), "paragraph", lang)
    doc.blocks.append(block)
    return Segment(doc, block, 0, len(text), lang)
