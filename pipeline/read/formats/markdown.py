"""Markdown (.md): markdown-it-py finds the blocks (its ``map`` gives their lines); inline markup is
stripped here with offsets kept.

Skipped: front matter, fenced and indented code, HTML blocks and comments, inline code, images, URLs.
Kept: heading, paragraph, list item and table cell text; link text (not the target); entities decoded.
"""

from __future__ import annotations

import bisect
import html
import re

from taiyaku.models import Block, BlockKind
from taiyaku.read.formats import Builder, lines

_FRONT = re.compile(r"(---|\+\+\+)[ \t]*$")
_SPECIAL = re.compile(r"[\\`!\[<*_~&\n]|(?<![A-Za-z0-9])(?:https?://|www\.)")
_LINK = re.compile(
    r"\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
    r"(?:\(\s*(?:<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])",
    re.S,
)
_TAG = re.compile(
    r"<!--.*?-->|<(?:https?|mailto|ftp):[^>\s]*>|<[^@\s<>]+@[^>\s<]+>|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",
    re.S,
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]「」、。]*[^\s<>()\[\]「」、。.,:;!?'\"]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def blocks(text: str) -> list[Block]:
    """Blocks of a Markdown file (all ``lang="ja"``; language is assigned later)."""
    from markdown_it import MarkdownIt  # imported on first use

    spans = lines(text)
    parse_lines = [text[s:e].replace("\r", " ") for s, e, _ in spans]  # a lone CR is no line break here
    for i in _front_matter(parse_lines):
        parse_lines[i] = ""
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(parse_lines))

    out: list[Block] = []
    kind: BlockKind = "paragraph"
    items, in_cell = 0, False
    cursor: dict[int, int] = {}  # table row line → where the next cell is searched
    for tok in tokens:
        t = tok.type
        if t == "list_item_open":
            items += 1
        elif t == "list_item_close":
            items -= 1
        elif t == "heading_open":
            kind = "heading"
        elif t == "paragraph_open":
            kind = "item" if items else "paragraph"
        elif t in ("th_open", "td_open", "th_close", "td_close"):
            kind, in_cell = "paragraph", t.endswith("open")
        elif t == "inline" and tok.map:
            if in_cell:
                raw = _cell(parse_lines[tok.map[0]], spans[tok.map[0]], tok.content, cursor)
            else:
                raw = _content_lines(parse_lines, spans, tok.map[0], tok.content)
            block = _strip_inline(text, raw, kind)
            if block is not None:
                out.append(block)
    return out


def _front_matter(src_lines: list[str]) -> range:
    """Line numbers of a leading YAML (---) or TOML (+++) front matter block."""
    if src_lines and _FRONT.match(src_lines[0].lstrip("\ufeff")):
        fence = src_lines[0].strip().lstrip("\ufeff")
        for i in range(1, len(src_lines)):
            if src_lines[i].strip() in (fence, "..."):
                return range(0, i + 1)
    return range(0)


def _content_lines(parse_lines: list[str], spans, first: int, content: str) -> list[tuple[int, int, int]]:
    """(source start, source end, newline offset) of each content line of an inline token: markdown-it
    strips each line's indentation and markers, so the line is found at the end of its source line."""
    out = []
    for k, line in enumerate(content.split("\n")):
        if first + k >= len(spans):
            break
        s, e, nl = spans[first + k]
        src, want = parse_lines[first + k].rstrip(), line.strip()
        a = len(src) - len(want) if src.endswith(want) else src.find(want)
        if want and a >= 0:
            out.append((s + a, s + a + len(want), nl))
    return out


def _cell(line: str, span, content: str, cursor: dict[int, int]) -> list[tuple[int, int, int]]:
    """The source span of one table cell, found left to right in its row."""
    s, e, nl = span
    want = content.strip()
    a = line.find(want, cursor.get(s, 0)) if want else -1
    if a < 0:
        return []
    cursor[s] = a + len(want)
    return [(s + a, s + a + len(want), nl)]


def _strip_inline(text: str, raw_lines, kind: BlockKind) -> Block | None:
    """Emit the visible text of raw inline Markdown into a block, keeping source offsets."""
    if not raw_lines:
        return None
    parts, starts, src_of = [], [], []
    for i, (a, b, nl) in enumerate(raw_lines):
        starts.append(sum(len(p) for p in parts))
        src_of.append(a)
        parts.append(text[a:b])
        if i < len(raw_lines) - 1:
            parts.append("\n")
    raw = "".join(parts)
    newlines = {starts[i] + (raw_lines[i][1] - raw_lines[i][0]): raw_lines[i][2] for i in range(len(raw_lines) - 1)}

    def src(i: int) -> int:
        if i in newlines:
            return newlines[i]
        k = bisect.bisect_right(starts, i) - 1
        return src_of[k] + (i - starts[k])

    b = Builder()

    def emit(i: int, j: int) -> None:  # copy raw[i:j] (no newline inside)
        if i < j:
            b.add(src(i), raw[i:j])

    _scan(raw, 0, len(raw), emit, b, src, set())
    return b.build(kind)


def _scan(raw: str, pos: int, end: int, emit, b: Builder, src, closers: set[int]) -> None:
    while pos < end:
        m = _SPECIAL.search(raw, pos, end)
        if m is None:
            emit(pos, end)
            return
        i = m.start()
        emit(pos, i)
        c = raw[i]
        pos = i + 1
        if c == "\n":
            b.add_char(src(i), "\n")
        elif c in "hw":  # bare URL: dropped
            u = _URL.match(raw, i, end)
            pos = u.end() if u else i + 1
            if not u:
                emit(i, i + 1)
        elif c == "\\":
            if i + 1 < end and raw[i + 1] in _PUNCT:
                emit(i + 1, i + 2)
                pos = i + 2
            elif not (i + 1 < end and raw[i + 1] == "\n"):
                emit(i, i + 1)
        elif c == "`":
            k = len(raw[i:end]) - len(raw[i:end].lstrip("`"))
            close = re.compile(r"(?<!`)`{%d}(?!`)" % k).search(raw, i + k, end)
            if close:
                pos = close.end()  # inline code: dropped
            else:
                emit(i, i + k)
                pos = i + k
        elif c == "!":
            m2 = _LINK.match(raw, i + 1, end) if raw.startswith("[", i + 1) else None
            if m2:
                pos = m2.end()  # image: dropped
            else:
                emit(i, i + 1)
        elif c == "[":
            m2 = _LINK.match(raw, i, end)
            if m2:
                _scan(raw, m2.start(1), m2.end(1), emit, b, src, closers)
                pos = m2.end()
            else:
                emit(i, i + 1)
        elif c == "<":
            m2 = _TAG.match(raw, i, end)
            if m2:
                pos = m2.end()
                if re.match(r"<br\s*/?>", m2.group(), re.I):
                    b.add_char(src(i), "\n")
            else:
                emit(i, i + 1)
        elif c == "&":
            m2 = _ENTITY.match(raw, i, end)
            value = html.unescape(m2.group()) if m2 else ""
            if m2 and value != m2.group():
                b.add_char(src(i), value)
                pos = m2.end()
            else:
                emit(i, i + 1)
        else:  # * _ ~ delimiter runs
            j = i
            while j < end and raw[j] == c:
                j += 1
            pos = j
            if i in closers:
                closers.discard(i)
                continue
            before = raw[i - 1] if i > 0 else " "
            after = raw[j] if j < len(raw) else " "
            opener = not after.isspace() and not (c == "_" and before.isalnum())
            if (c != "~" or j - i >= 2) and opener:
                close = _closer(raw, c, j - i, j, end)
                if close is not None:
                    closers.add(close)
                    continue
            emit(i, j)


def _closer(raw: str, c: str, n: int, start: int, end: int) -> int | None:
    """Start of the run of ``n`` ``c`` closing an emphasis opened before ``start``, or None."""
    for m in re.finditer(r"%s+" % re.escape(c), raw[start:end]):
        a, z = start + m.start(), start + m.end()
        if z - a == n and not raw[a - 1].isspace():
            if c == "_" and z < len(raw) and raw[z].isalnum():
                continue
            return a
    return None
