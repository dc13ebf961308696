"""The data that flows through the pipeline, one way: Document → Segment → Token → Hit → Pair → Finding.

Offsets are 0-based code-point offsets into ``Document.text`` (the decoded original file, line endings
kept as they are). Text inside a block or segment may be stitched from several places of the source
(markup removed, broken lines joined): ``Piece`` runs map it back. Lines and columns are computed only
when rendering, from ``Document.position``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Lang = Literal["ja", "en"]
BlockKind = Literal["heading", "paragraph", "item", "title"]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of ``length`` characters at ``text_start`` in a block's text, copied from ``source_start``."""

    text_start: int
    source_start: int
    length: int


def newline(text: str) -> str:
    """The character that ends lines in ``text``: "\n" (LF and CRLF files), or "\r" in a file with
    CR-only line endings (no "\n" at all)."""
    return "\r" if "\n" not in text and "\r" in text else "\n"


def line_starts(text: str) -> list[int]:
    """Offsets of the first character of every line of ``text``."""
    nl = newline(text)
    starts = [0]
    find = text.find
    i = find(nl)
    while i != -1:
        starts.append(i + 1)
        i = find(nl, i + 1)
    return starts


@dataclass(slots=True)
class Document:
    """One input file, decoded. ``role`` is "ja", "en" or "bilingual"."""

    path: str
    text: str
    encoding: str
    format: str  # "txt" | "md" | "html"
    role: str
    blocks: list["Block"] = field(default_factory=list)
    _line_starts: list[int] | None = field(default=None, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points of a source offset."""
        if self._line_starts is None:
            self._line_starts = line_starts(self.text)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        self.position(0)
        assert self._line_starts is not None
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


@dataclass(slots=True)
class Block:
    """A heading, paragraph, list item or title: the unit of document structure, in one language."""

    text: str
    pieces: tuple[Piece, ...]
    kind: BlockKind
    lang: Lang
    index: int = 0
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def to_source(self, i: int) -> int:
        """Source offset of character ``i`` of ``text`` (``i == len(text)`` gives the end offset)."""
        if not self.pieces:
            return 0
        if i >= len(self.text):
            last = self.pieces[-1]
            return last.source_start + last.length
        if self._starts is None:
            self._starts = [p.text_start for p in self.pieces]
        p = self.pieces[bisect.bisect_right(self._starts, i) - 1]
        return p.source_start + min(i - p.text_start, max(p.length - 1, 0))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source (start, end) offsets of ``text[start:end]``; end is exclusive."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1


@dataclass(slots=True)
class Segment:
    """A sentence: ``block.text[start:end]``. ``doc`` is the document it was read from."""

    doc: Document
    block: Block
    start: int
    end: int
    lang: Lang
    index: int = 0
    tokens: list["Token"] | None = None

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Source offsets of ``text[start:end]`` (relative to this segment)."""
        if end is None:
            end = self.end - self.start
        return self.block.source_span(self.start + start, self.start + end)


class Token(NamedTuple):
    """A MeCab/UniDic token; ``start``/``end`` are offsets into its segment's text.

    A named tuple, not a dataclass: hundreds of thousands are made per run and tuples are cheapest.
    """

    surface: str
    lemma: str
    reading: str  # hiragana
    pos: tuple[str, str]  # (pos1, pos2) of UniDic
    start: int
    end: int
    conj_form: str = ""  # UniDic cForm, e.g. 連用形-一般
    gloss: str = ""  # English gloss UniDic carries on some loanwords (マッサージ → "massage")


@dataclass(slots=True)
class Article:
    """What is checked together: a Japanese text and its English version (either may be missing)."""

    name: str
    documents: list[Document]
    ja: list[Segment]
    en: list[Segment]


@dataclass(frozen=True, slots=True)
class Related:
    """A location that explains a finding (another rendering, the aligned sentence)."""

    path: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace source ``[start, end)`` of ``path`` with ``replacement``. ``safe`` fixes need no review."""

    path: str
    start: int
    end: int
    replacement: str
    safe: bool


@dataclass(slots=True)
class Finding:
    """The one shape every check reports."""

    rule: str
    name: str
    category: str
    severity: Severity
    path: str
    start: int
    end: int
    message: str
    term: tuple[str, str] | None = None  # (ja, en)
    found: str | None = None
    suggestion: str | None = None
    related: list[Related] = field(default_factory=list)
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A glossary term found in a segment: ``segment.text[start:end]``.

    ``how`` says how it matched: Japanese "surface", "variant" (a listed spelling variant), "lemma"
    (an inflected form) or "reading" (same reading, different kana/kanji spelling); English "accepted"
    or "forbidden". ``rendering`` is the glossary string that matched (English) or the spelling (Japanese).
    """

    entry: object  # glossary.Entry (kept untyped here so models import nothing)
    segment: Segment
    start: int
    end: int
    how: str
    rendering: str

    @property
    def text(self) -> str:
        return self.segment.text[self.start : self.end]

    def source_span(self) -> tuple[int, int]:
        return self.segment.source_span(self.start, self.end)


@dataclass(slots=True)
class Pair:
    """An alignment bead: Japanese sentences ↔ the English sentences that translate them.

    One side is empty for a Japanese passage left untranslated (1-0) or an English addition (0-1).
    ``score`` is minus the aligner's cost: higher is more confident.
    """

    ja: list[Segment]
    en: list[Segment]
    score: float
