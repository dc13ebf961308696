"""Word (.docx), read with python-docx: the body's paragraphs, headings, list items and tables.

A .docx has no lines, so the text findings point into is the body's paragraphs in document order, one
per line: **line N is paragraph N** (table cells count their paragraphs, row by row, left to right;
empty paragraphs count too). A line break inside a paragraph (Shift+Enter) is a space in that text
and a line break in the block, so it never shifts the numbering. Kinds come from the paragraph style:
Title → title, Heading N → heading, a List style or Word numbering → item. Headers, footers, footnotes,
comments and text boxes are not read. Fixes are never written into a .docx (``READ_ONLY``).
"""

from __future__ import annotations

from taiyaku.errors import InputError
from taiyaku.models import Block, BlockKind
from taiyaku.read.formats import Builder, Loaded


def load(path: str, part: str | None = None) -> Loaded:
    """The document's paragraphs as text (one per line) and its blocks."""
    lines: list[tuple[str, BlockKind]] = [(text, kind) for text, kind in _paragraphs(_open(path))]
    out: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for text, kind in lines:
        b = Builder()
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                b.add_char(offset - 1, "\n")  # the soft break, a space in the line text
            b.add(offset, piece)
            offset += len(piece) + 1
        out.append(" ".join(pieces))
        block = b.build(kind)
        if block is not None:
            blocks.append(block)
    return Loaded("\n".join(out), "docx", blocks)


def _open(path: str):
    import docx  # python-docx, imported on first use
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(path)
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a readable Word .docx file ({exc}): open it in Word and save it as .docx",
                         path=path) from None
    except Exception as exc:  # zipfile.BadZipFile, lxml syntax errors: a damaged package
        raise InputError(f"damaged .docx file ({type(exc).__name__}): open it in Word and save it again",
                         path=path) from None


def _paragraphs(container):
    """(text, kind) of every paragraph in ``container`` (the document body or a table cell), in order."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            seen = set()  # a merged cell is listed once per grid column (and row) it spans
            for row in item.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _paragraphs(cell)
        else:
            yield item.text.replace("\r", " "), _kind(item)


def _kind(paragraph) -> BlockKind:
    name = (paragraph.style.name if paragraph.style is not None else "").lower()
    if name == "title":
        return "title"
    if name.startswith("heading"):
        return "heading"
    ppr = paragraph._p.pPr
    if name.startswith("list") or (ppr is not None and ppr.numPr is not None):
        return "item"
    return "paragraph"
