"""The data that flows through the pipeline, one way: Document → Segment → Token → Hit → Pair → Finding.

Offsets are 0-based code-point offsets into ``Document.text`` (the decoded original file, line endings
kept as they are). Text inside a block or segment may be stitched from several places of the source
(markup removed, broken lines joined): ``Piece`` runs map it back. Lines and columns are computed only
when rendering, from ``Document.position``.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field, fields
from itertools import accumulate, count
from operator import add, attrgetter
from typing import Literal, NamedTuple

Lang = Literal["ja", "en"]
BlockKind = Literal["heading", "paragraph", "item", "title"]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")  # most severe first
SEVERITY_RANK: dict[str, int] = {s: len(SEVERITIES) - i for i, s in enumerate(SEVERITIES)}  # error 3 … info 1


def _slot_setters(cls, *names):
    """The ``__set__`` of each named slot of ``cls``: a frozen dataclass's generated ``__init__`` sets
    every field through ``object.__setattr__`` (a look-up by name each time); the classes made by the
    hundred thousand (Block, Segment, Hit) set their slots through these instead, about twice as fast."""
    return tuple(getattr(cls, name).__set__ for name in names)


def _pickled_by_fields(cls):
    """``cls`` (a slotted dataclass) pickled as its class and its field values: the default of a slotted
    dataclass calls ``dataclasses.fields`` for every object pickled and unpickled, twice as slow (findings
    go through pickle to a run's spill and from worker processes)."""
    values = attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls


_LAST_TEXT: list = [None, None]  # (text, its line starts): the articles cut from one file share them


def newline(text: str) -> str:
    """The character that ends lines in ``text``: "\\n" (LF and CRLF files), or "\\r" in a file with
    CR-only line endings (no "\\n" at all)."""
    return "\r" if "\n" not in text and "\r" in text else "\n"


def line_starts(text: str) -> array:
    """Offset of the first character of every line of ``text`` (lines end at ``newline(text)``). The last text's
    are kept: the articles of one WordPress export or XLIFF job share its text, and would otherwise
    each scan the whole file. The array is shared: never change it."""
    if _LAST_TEXT[0] is text:
        return _LAST_TEXT[1]
    lines = text.split(newline(text))
    lines.pop()  # a line starts after each line ending: each line's start is the lengths before it plus its index
    starts = array("q", map(add, accumulate(map(len, lines), initial=0), count()))
    _LAST_TEXT[:] = [text, starts]
    return starts


@dataclass(frozen=True, slots=True, init=False)
class Piece:
    """A run of ``length`` characters at ``text_start`` in a block's text, copied from ``source_start``."""

    text_start: int
    source_start: int
    length: int

    def __init__(self, text_start: int, source_start: int, length: int) -> None:
        _set_text_start(self, text_start)
        _set_source_start(self, source_start)
        _set_length(self, length)


_set_text_start, _set_source_start, _set_length = _slot_setters(Piece, "text_start", "source_start", "length")
_TEXT_START = attrgetter("text_start")


@dataclass(frozen=True, slots=True)
class Document:
    """One input file, decoded. ``role`` is "ja", "en" or "bilingual"."""

    path: str
    text: str
    encoding: str
    format: str  # "txt" | "md" | "html" | "xliff" | "wxr" | "docx"
    role: str
    blocks: tuple["Block", ...] = ()
    _line_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_line_starts", line_starts(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points of a source offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


@dataclass(frozen=True, slots=True, init=False)
class Block:
    """A heading, paragraph, list item or title: the unit of document structure, in one language."""

    text: str
    pieces: tuple[Piece, ...]
    kind: BlockKind
    lang: Lang
    index: int = 0
    unit: str | None = None  # translation unit (XLIFF): blocks of one unit translate each other

    def __init__(self, text: str, pieces: tuple[Piece, ...], kind: BlockKind, lang: Lang, index: int = 0,
                 unit: str | None = None) -> None:
        _set_text(self, text)
        _set_pieces(self, pieces)
        _set_kind(self, kind)
        _set_lang(self, lang)
        _set_index(self, index)
        _set_unit(self, unit)

    def to_source(self, i: int) -> int:
        """Source offset of character ``i`` of ``text`` (``i == len(text)`` gives the end offset)."""
        if not self.pieces:
            return 0
        if i >= len(self.text):
            last = self.pieces[-1]
            return last.source_start + last.length
        p = self.pieces[bisect.bisect_right(self.pieces, i, key=_TEXT_START) - 1]
        return p.source_start + min(i - p.text_start, max(p.length - 1, 0))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source (start, end) offsets of ``text[start:end]``; end is exclusive."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1


_set_text, _set_pieces, _set_kind, _set_lang, _set_index, _set_unit = _slot_setters(
    Block, "text", "pieces", "kind", "lang", "index", "unit")


@dataclass(frozen=True, slots=True, init=False)
class Segment:
    """A sentence: ``block.text[start:end]``, the ``index``-th sentence of its article's ``side``.

    ``side`` is where the sentence counts ("ja" or "en"); ``lang`` is its script, which differs for
    Japanese left inside an English-only file.
    """

    doc: Document
    block: Block
    start: int
    end: int
    lang: Lang
    index: int = 0
    side: Lang = "ja"
    text: str = field(init=False, repr=False, compare=False)  # block.text[start:end], read everywhere

    def __init__(self, doc: Document, block: Block, start: int, end: int, lang: Lang, index: int = 0,
                 side: Lang = "ja") -> None:
        _set_doc(self, doc)
        _set_block(self, block)
        _set_start(self, start)
        _set_end(self, end)
        _set_seg_lang(self, lang)
        _set_seg_index(self, index)
        _set_side(self, side)
        _set_seg_text(self, block.text[start:end])

    def __reduce__(self):
        # pickled without its text (a copy of the block's)
        return Segment, (self.doc, self.block, self.start, self.end, self.lang, self.index, self.side)

    @property
    def ref(self) -> tuple[str, int]:
        """(side, index): how findings name the sentences they concern."""
        return self.side, self.index

    def source_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Source offsets of ``text[start:end]`` (relative to this segment)."""
        if end is None:
            end = self.end - self.start
        return self.block.source_span(self.start + start, self.start + end)


_set_doc, _set_block, _set_start, _set_end, _set_seg_lang, _set_seg_index, _set_side, _set_seg_text = _slot_setters(
    Segment, "doc", "block", "start", "end", "lang", "index", "side", "text")


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


@dataclass(frozen=True, slots=True)
class Article:
    """What is checked together: a Japanese text and its English version (either may be missing)."""

    name: str
    documents: tuple[Document, ...]
    ja: tuple[Segment, ...]
    en: tuple[Segment, ...]


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Related:
    """A location that explains a finding (another rendering, the aligned sentence); ``segment`` and
    ``mark`` name its sentence and the span inside it when it is one place in one sentence (the other
    side of a number mismatch), so views can mark it too."""

    path: str
    start: int
    end: int
    text: str
    segment: tuple[str, int] | None = None
    mark: tuple[int, int] | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fix:
    """Replace source ``[start, end)`` of ``path`` with ``replacement``. ``safe`` fixes need no review."""

    path: str
    start: int
    end: int
    replacement: str
    safe: bool
    original: str | None = None  # the text the fix replaces, when it is not the finding's found text


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    """The one shape every check reports.

    ``segments`` names the sentences the finding concerns as ``(side, index)`` (``Segment.ref``);
    ``mark`` is ``(start, end)`` inside the one sentence it marks, or None when it covers whole
    sentences (or none). Views place findings by these, never by searching offsets.
    """

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
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    segments: tuple[tuple[str, int], ...] = ()
    mark: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True, init=False)
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

    def __init__(self, entry: object, segment: Segment, start: int, end: int, how: str, rendering: str) -> None:
        _set_entry(self, entry)
        _set_segment(self, segment)
        _set_hit_start(self, start)
        _set_hit_end(self, end)
        _set_how(self, how)
        _set_rendering(self, rendering)

    @property
    def text(self) -> str:
        return self.segment.text[self.start : self.end]

    def source_span(self) -> tuple[int, int]:
        return self.segment.source_span(self.start, self.end)


_set_entry, _set_segment, _set_hit_start, _set_hit_end, _set_how, _set_rendering = _slot_setters(
    Hit, "entry", "segment", "start", "end", "how", "rendering")


@dataclass(frozen=True, slots=True)
class Pair:
    """An alignment bead: Japanese sentences ↔ the English sentences that translate them.

    One side is empty for a Japanese passage left untranslated (1-0) or an English addition (0-1).
    ``score`` is minus the aligner's cost: higher is more confident. ``confidence`` is "sure",
    "likely" or "unsure" (``align.pairing``): checks compare the two sides of sure and likely pairs
    only.
    """

    ja: tuple[Segment, ...]
    en: tuple[Segment, ...]
    score: float
    confidence: str = "unsure"

    @property
    def confident(self) -> bool:
        """Sure enough to compare sentence by sentence."""
        return self.confidence != "unsure"
