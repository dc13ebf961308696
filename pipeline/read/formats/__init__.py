"""Format readers and the helpers they share to build blocks with exact pieces.

A text format's reader is a module with one pure function ``blocks(text) -> list[Block]``; every
character of a block's text is covered by a ``Piece`` that points at the source character it came from
(an entity or a ``<br>`` maps to the first character of its markup; a joined line break maps to the
source ``"\\n"``). A reader that opens files itself (a binary format, or one file holding several
articles) has ``load(path, part) -> Loaded`` instead; one holding several articles also has
``articles(path, explicit) -> [(name, group)]`` (see ``articles.discover``).
"""

from __future__ import annotations

import importlib
import os
from typing import NamedTuple

from taiyaku.models import Block, BlockKind, Piece

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xml": "wxr",
    ".docx": "docx",
}
READ_ONLY = {"docx"}  # formats whose text is not the file's bytes: fixes are never written into them
_MODULES = {"txt": "text", "md": "markdown", "html": "html", "xliff": "xliff", "wxr": "wordpress", "docx": "docx"}


class Loaded(NamedTuple):
    """What a file-opening reader gives: the text offsets index (the decoded file, or for .docx its
    paragraphs one per line), its encoding, the blocks, whether the blocks' languages are known (XLIFF
    source/target) rather than to be detected, and the role if the file says it (WordPress language)."""

    text: str
    encoding: str
    blocks: list[Block]
    languages_known: bool = False
    role: str | None = None


def format_of(path: str) -> str | None:
    """The format name ("txt", "md", "html") for a file name, or None if the extension is unsupported."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def reader(fmt: str):
    """The reader module of format ``fmt``, imported on first use."""
    return importlib.import_module(f".{_MODULES[fmt]}", __name__)


def read_blocks(fmt: str, text: str) -> list[Block]:
    """Blocks of ``text`` read as (text) format ``fmt``."""
    return reader(fmt).blocks(text)


def lines(text: str, ending: str | None = None) -> list[tuple[int, int, int]]:
    """(start, end, newline) of every line: ``text[start:end]`` excludes ``\\r\\n``/``\\n``; newline is
    the offset of the ``"\\n"`` ending the line, or -1 for a last line without one. Lines end at
    ``ending``, by default ``models.newline(text)`` (a lone ``"\\r"`` in a file with CR-only endings)."""
    from taiyaku.models import newline

    ending = ending or newline(text)
    out: list[tuple[int, int, int]] = []
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find(ending, pos)
        end = n if nl < 0 else nl
        content_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        out.append((pos, content_end, nl))
        if nl < 0:
            break
        pos = nl + 1
    if len(out) > 1 and out[-1][0] == n:  # a final "\n" does not open an empty line
        out.pop()
    return out


class Builder:
    """Accumulates block text from source runs and records a piece for each run."""

    __slots__ = ("chunks", "pieces", "length", "last")

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pieces: list[Piece] = []
        self.length = 0
        self.last = ""  # last character added

    def add(self, source_start: int, s: str) -> None:
        """Append ``s``, copied from ``source_start`` (contiguous runs merge into one piece)."""
        if not s:
            return
        p = self.pieces[-1] if self.pieces else None
        if p is not None and p.source_start + p.length == source_start and p.text_start + p.length == self.length:
            self.pieces[-1] = Piece(p.text_start, p.source_start, p.length + len(s))
        else:
            self.pieces.append(Piece(self.length, source_start, len(s)))
        self.chunks.append(s)
        self.length += len(s)
        self.last = s[-1]

    def add_char(self, source_start: int, ch: str) -> None:
        """Append characters that replace markup (an entity, ``<br>``): one piece per character."""
        for c in ch:
            self.pieces.append(Piece(self.length, source_start, 1))
            self.chunks.append(c)
            self.length += 1
            self.last = c

    def build(self, kind: BlockKind) -> Block | None:
        """The block (text stripped of white space at both ends), or None if nothing but white space."""
        text = "".join(self.chunks)
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if end <= start:
            return None
        return Block(text[start:end], _slice_pieces(self.pieces, start, end), kind, "ja")


def _slice_pieces(pieces, start: int, end: int) -> tuple[Piece, ...]:
    out = []
    for p in pieces:
        a, b = max(p.text_start, start), min(p.text_start + p.length, end)
        if a < b:
            out.append(Piece(a - start, p.source_start + (a - p.text_start), b - a))
    return tuple(out)


def slice_block(block: Block, start: int, end: int) -> Block:
    """A new block holding ``block.text[start:end]`` (same kind and language), pieces re-based."""
    return Block(block.text[start:end], _slice_pieces(block.pieces, start, end), block.kind, block.lang,
                 unit=block.unit)
