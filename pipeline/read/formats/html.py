"""HTML (.html/.htm): stdlib ``html.parser`` events, each placed in the source with ``getpos()``.

Skipped: script, style, noscript, template, svg, and everything in <head> except <title>. Block
elements start and end blocks; inline elements are transparent; ``<br>`` is a line break inside the
block (two in a row end the block). Entities become their characters (a piece of length 1 at the
``&``); runs of white space collapse to one space (none for a line break between Japanese characters).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from taiyaku.models import Block, BlockKind
from taiyaku.read.formats import Builder, lines

_SKIP = {"script", "style", "noscript", "template", "svg", "math"}
_KINDS: dict[str, BlockKind] = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "title": "title",
    "p": "paragraph",
    "li": "item",
    "dt": "item",
    "dd": "item",
}
_BLOCK = set(_KINDS) | {
    "div", "td", "th", "tr", "table", "blockquote", "ul", "ol", "dl", "section", "article", "main",
    "header", "footer", "nav", "aside", "figure", "figcaption", "hr", "pre", "form", "body", "html",
    "head", "caption", "address", "details", "summary", "fieldset", "legend", "option", "button",
}
_VOID = {"hr"}
_AUTO_CLOSE = {"p", "li", "dt", "dd"}
_SPACE = " \t\n\r\f\u00a0"
_RUN = re.compile(f"([{_SPACE}]+)|[^{_SPACE}]+")  # a run of white space (group 1), or of anything else


def _wide(c: str) -> bool:
    """Japanese (or other East Asian wide) character: a line break next to one is not a space."""
    return "\u3000" < c <= "\u9fff" or "\uff00" <= c <= "\uffef" or "\uf900" <= c <= "\ufaff"


class _Reader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [start for start, _, _ in lines(text, "\n")]  # as HTMLParser counts lines
        self.blocks: list[Block] = []
        # open block elements, each with the block kind in effect inside it, and how many of each tag are
        # open: kind and end tags cost O(1) however deep the unclosed elements pile up
        self.stack: list[tuple[str, BlockKind]] = []
        self.open: dict[str, int] = {}
        self.skip = 0
        self.in_head = self.in_title = False
        self.cur = Builder()
        self.pending: tuple[int, bool] | None = None  # white space not yet added: (offset, holds "\n")

    def here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def flush(self) -> None:
        block = self.cur.build(self.kind(), len(self.blocks))
        if block is not None:
            self.blocks.append(block)
        self.cur, self.pending = Builder(), None

    def visible(self) -> bool:
        return not self.skip and (not self.in_head or self.in_title)

    def kind(self) -> BlockKind:
        return self.stack[-1][1] if self.stack else "paragraph"

    def push(self, tag: str) -> None:
        self.stack.append((tag, _KINDS.get(tag) or self.kind()))
        self.open[tag] = self.open.get(tag, 0) + 1

    def pop(self) -> str:
        tag = self.stack.pop()[0]
        self.open[tag] -= 1
        return tag

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.line_break()
        elif tag in _BLOCK:
            self.flush()
            if tag == "head":
                self.in_head = True
            elif tag == "title":
                self.in_title = True
            if tag in _AUTO_CLOSE and self.stack and self.stack[-1][0] in _AUTO_CLOSE:
                self.pop()  # <li>…<li>, <p>…<p>: the first is closed
            if tag not in _VOID:
                self.push(tag)

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.line_break()
        elif tag in _BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.flush()
            if tag == "head":
                self.in_head = False
            elif tag == "title":
                self.in_title = False
            if self.open.get(tag):
                while self.pop() != tag:
                    pass

    def line_break(self) -> None:
        if not self.visible():
            return
        self.pending = None
        if self.cur.last == "\n":  # <br><br>: a paragraph break
            self.flush()
        elif self.cur.length:
            self.cur.add_char(self.here(), "\n")

    def handle_data(self, data):
        if not self.visible():
            return
        start = self.here()
        for m in _RUN.finditer(data):
            if m.group(1):
                self.space(start + m.start(), "\n" in m.group())
            else:
                self.add(start + m.start(), m.group())

    def space(self, at: int, line_break: bool) -> None:
        """White space is held back until the next text shows whether it is needed."""
        if not self.cur.length or self.cur.last in " \n":
            return
        if self.pending is None:
            self.pending = (at, line_break)
        elif line_break:
            self.pending = (self.pending[0], True)

    def add(self, at: int, s: str, markup: bool = False) -> None:
        """Add text; a held-back space becomes one " ", except a line break between Japanese characters."""
        if self.pending is not None:
            p, line_break = self.pending
            self.pending = None
            if not (line_break and _wide(self.cur.last) and _wide(s[0])):
                self.cur.add(p, " ") if self.text[p] == " " else self.cur.add_char(p, " ")
        self.cur.add_char(at, s) if markup else self.cur.add(at, s)

    def entity(self, ref: str) -> None:
        if not self.visible():
            return
        at = self.here()
        end = at + len(ref)
        source = ref + (";" if self.text.startswith(";", end) else "")
        value = html.unescape(source)
        if value == source:  # unknown entity: keep it as written
            self.add(at, source)
        elif value.isspace():
            self.space(at, False)
        else:
            self.add(at, value, markup=True)

    def handle_entityref(self, name):
        self.entity("&" + name)

    def handle_charref(self, name):
        self.entity("&#" + name)


def blocks(text: str) -> list[Block]:
    """Blocks of an HTML file (all ``lang="ja"``; language is assigned later)."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.blocks
