"""XML read with offsets, for the XLIFF and WordPress (WXR) readers.

Two passes over the decoded original text: a safe well-formedness check (the stdlib's expat, with
entity declarations refused and no external entity ever fetched), then a linear scan of the same text
into events (start tag, end tag, character data, CDATA, entity), each carrying its offset. Element text
is collected into a ``Mapped`` string whose pieces point back at the source: an entity maps to its
``&``, CDATA and plain character data map one to one. HTML held in an element (WordPress post bodies,
WPML XLIFF units) is read by the HTML reader from the decoded string and its pieces composed with the
element's (``remap``), so a finding still lands on the line and column of the .xml file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from taiyaku.errors import InputError
from taiyaku.models import Block, Piece
from taiyaku.read.formats import Builder

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|<(?P<close>/)?(?P<name>[^\s/>!?]+)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(?P<empty>/)?>"
    r"|&(?P<ent>#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);",
    re.S,
)
_ATTR = re.compile(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_HTML = re.compile(r"<(?:p|br|h[1-6]|li|ul|ol|div|table|tr|td|th|strong|em|b|i|a|span|blockquote|figure)\b[^>]*>",
                   re.I)


class Start(NamedTuple):
    name: str  # as written, with its prefix (``wp:post_id``)
    attrs: dict[str, str]
    empty: bool  # ``<x/>``: no End follows


class End(NamedTuple):
    name: str


class Text(NamedTuple):
    """Character data decoded: ``text``, found at source offset ``start``; ``raw`` when written as is
    (plain data or CDATA), else an entity whose characters all map to its ``&``."""

    start: int
    text: str
    raw: bool


def local(name: str) -> str:
    """The name without its namespace prefix."""
    return name.rpartition(":")[2]


def check_xml(text: str, path: str) -> None:
    """Raise InputError unless ``text`` is well-formed XML without entity declarations."""
    from xml.parsers import expat

    parser = expat.ParserCreate(encoding="utf-8")  # the text is already decoded: its declaration is moot
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(name, *_):
        raise InputError(
            f"declares the XML entity '{name}', which taiyaku does not expand (it could hide or bloat "
            "text): export the file again without a DTD", path=path, line=parser.CurrentLineNumber)

    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(text.lstrip("\ufeff").encode("utf-8"), True)
    except expat.ExpatError as exc:
        reason = expat.errors.messages.get(exc.code, str(exc))
        raise InputError(f"not well-formed XML ({reason}): repair or export the file again",
                         path=path, line=exc.lineno) from None


def events(text: str) -> Iterator[Start | End | Text]:
    """Events of well-formed XML ``text`` (see ``check_xml``), in document order; comments,
    processing instructions and the DOCTYPE are dropped."""
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            yield Text(pos, text[pos : m.start()], True)
        pos = m.end()
        if m.group("name"):
            if m.group("close"):
                yield End(m.group("name"))
            else:
                attrs = {a.group(1): _unescape(a.group(2) if a.group(2) is not None else a.group(3))
                         for a in _ATTR.finditer(m.group("attrs"))}
                yield Start(m.group("name"), attrs, bool(m.group("empty")))
        elif m.group("cdata") is not None:
            yield Text(m.start("cdata"), m.group("cdata"), True)
        elif m.group("ent"):
            yield Text(m.start(), _entity(m.group("ent")), False)
    if pos < len(text):
        yield Text(pos, text[pos:], True)


def _entity(ref: str) -> str:
    if ref.startswith("#x"):
        return chr(int(ref[2:], 16))
    if ref.startswith("#"):
        return chr(int(ref[1:]))
    return _ENTITIES.get(ref, "")


def _unescape(value: str) -> str:
    return re.sub(r"&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);", lambda m: _entity(m.group(1)), value)


@dataclass
class Mapped:
    """Decoded element text and the pieces that map each of its characters to the source."""

    text: str
    pieces: tuple[Piece, ...]

    @classmethod
    def collect(cls, parts: Sequence[Text]) -> "Mapped":
        b = Builder()
        for t in parts:  # within a piece characters map one to one (an entity is one character)
            b.add(t.start, t.text) if t.raw else b.add_char(t.start, t.text)
        return cls("".join(b.chunks), tuple(b.pieces))

    def sub(self, pattern: re.Pattern[str], repl) -> "Mapped":
        """``re.sub`` keeping the map: kept characters keep their source, a replacement's characters
        all map to the source of the match's first character. ``repl(match) -> str``."""
        b = Builder()
        starts = [p.text_start for p in self.pieces]

        def src(i: int) -> int:
            p = self.pieces[bisect.bisect_right(starts, i) - 1]
            return p.source_start + (i - p.text_start)

        def copy(start: int, end: int) -> None:
            i = start
            while i < end:  # piece by piece: characters inside a piece map one to one
                p = self.pieces[bisect.bisect_right(starts, i) - 1]
                j = min(end, p.text_start + p.length)
                b.add(src(i), self.text[i:j])
                i = j

        pos = 0
        for m in pattern.finditer(self.text):
            copy(pos, m.start())
            new = repl(m)
            if new:
                b.add_char(src(m.start()), new)
            pos = m.end()
        copy(pos, len(self.text))
        return Mapped("".join(b.chunks), tuple(b.pieces))

    def is_html(self) -> bool:
        """Does the text hold HTML markup (a paragraph, a line break, emphasis, a link…)?"""
        return _HTML.search(self.text) is not None

    def blocks(self, html: bool | None = None) -> list[Block]:
        """The text's blocks, read as HTML (when it holds markup, or ``html`` says so) or as one
        paragraph, with pieces pointing at the source."""
        if html or (html is None and self.is_html()):
            from taiyaku.read.formats.html import blocks

            return [remap(b, self.pieces) for b in blocks(self.text)]
        block = Builder()
        for p in self.pieces:
            block.add(p.source_start, self.text[p.text_start : p.text_start + p.length])
        out = block.build("paragraph")
        return [out] if out is not None else []


def remap(block: Block, outer: Sequence[Piece]) -> Block:
    """``block`` read from a decoded string, its pieces composed with ``outer`` (the decoded string's
    pieces into the source)."""
    starts = [p.text_start for p in outer]
    out: list[Piece] = []
    for p in block.pieces:
        i, end, t = p.source_start, p.source_start + p.length, p.text_start
        while i < end:
            o = outer[bisect.bisect_right(starts, i) - 1]
            n = min(end, o.text_start + o.length) - i
            out.append(Piece(t, o.source_start + (i - o.text_start), n))
            i += n
            t += n
    return Block(block.text, tuple(out), block.kind, block.lang, block.index, block.unit)


def file_version(path: str) -> tuple[int, int]:
    """(modification time, size) of a file: the key of a parse cached per file, so that the articles of
    one export or job are read from one parse and a changed file is parsed again."""
    import os

    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc}): check its permissions", path=path) from None
    return st.st_mtime_ns, st.st_size
