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

    out: list[tuple[int, int, int]] = []
    pos = 0
    for line in text.split(ending or newline(text)):
        end = pos + len(line)
        out.append((pos, end - 1 if line.endswith("\r") else end, end))
        pos = end + 1
    if len(out) > 1 and out[-1][0] == len(text):  # a final "\n" does not open an empty line
        out.pop()
    else:
        out[-1] = out[-1][:2] + (-1,)
    return out


class Builder:
    """Accumulates block text from source runs and records a piece for each run."""

    __slots__ = ("chunks", "runs", "length", "last")

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.runs: list[list[int]] = []  # [text_start, source_start, length] of each piece
        self.length = 0
        self.last = ""  # last character added

    @property
    def pieces(self) -> list[Piece]:
        """The pieces of the text added so far."""
        return [Piece(*run) for run in self.runs]

    def add(self, source_start: int, s: str) -> None:
        """Append ``s``, copied from ``source_start`` (contiguous runs merge into one piece)."""
        if not s:
            return
        n = len(s)
        runs = self.runs
        if runs and (r := runs[-1])[1] + r[2] == source_start and r[0] + r[2] == self.length:
            r[2] += n
        else:
            runs.append([self.length, source_start, n])
        self.chunks.append(s)
        self.length += n
        self.last = s[-1]

    def add_char(self, source_start: int, ch: str) -> None:
        """Append characters that replace markup (an entity, ``<br>``): one piece per character."""
        for c in ch:
            self.runs.append([self.length, source_start, 1])
            self.chunks.append(c)
            self.length += 1
            self.last = c

    def build(self, kind: BlockKind, index: int = 0) -> Block | None:
        """The block (text stripped of white space at both ends), or None if nothing but white space."""
        return make_block("".join(self.chunks), self.runs, kind, index)


def make_block(text: str, runs: list[list[int]], kind: BlockKind, index: int = 0) -> Block | None:
    """The block of ``text`` (``"ja"``) whose pieces are ``runs`` ([text_start, source_start, length]),
    white space stripped at both ends; None if nothing but white space. ``index``: its position among
    the reader's blocks (``documents.assign_languages`` makes a new block only where that changes)."""
    if text and not text[0].isspace() and not text[-1].isspace():
        pieces = (Piece(*runs[0]),) if len(runs) == 1 else tuple([Piece(*run) for run in runs])  # mostly one
        return Block(text, pieces, kind, "ja", index)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if end <= start:
        return None
    return Block(text[start:end], _slice_pieces(runs, start, end), kind, "ja", index)


def _slice_pieces(runs, start: int, end: int) -> tuple[Piece, ...]:
    """Pieces of ``runs`` ((text_start, source_start, length)) clipped to ``start:end`` and re-based."""
    out = []
    for text_start, source_start, length in runs:
        a, b = max(text_start, start), min(text_start + length, end)
        if a < b:
            out.append(Piece(a - start, source_start + (a - text_start), b - a))
    return tuple(out)


def slice_block(block: Block, start: int, end: int) -> Block:
    """A new block holding ``block.text[start:end]`` (same kind and language), pieces re-based."""
    runs = [(p.text_start, p.source_start, p.length) for p in block.pieces]
    return Block(block.text[start:end], _slice_pieces(runs, start, end), block.kind, block.lang,
                 unit=block.unit)
