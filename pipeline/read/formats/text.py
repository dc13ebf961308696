"""Plain text (.txt): paragraphs are runs of non-blank lines; bullet and numbered lines are blocks of their own.

The first non-blank line (after a date line) is the title; a short single-line paragraph without
sentence-final punctuation, followed by a blank line, is a heading. An indented line right after a
list item continues that item. Lines holding only a URL are not text and end the paragraph.
"""

from __future__ import annotations

import re

from taiyaku.models import Block, BlockKind
from taiyaku.read.formats import Builder, lines

_WS = " \t\u3000\r\ufeff"
_MARKER = re.compile(
    r"(?:[・•※]|[-–*](?=[ \t\u3000])|(?P<num>\d{1,3}(?:-\d{1,3})*)[.．](?!\d))[ \t\u3000]*"
)
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+$")
_DATE_LINE = re.compile(r"\d{4}[/.\-年]\d{1,2}[/.\-月]\d{1,2}日?(?:\s*[(（][^)）]{1,3}[)）])?$")
_FINAL = "。．.!！?？"
_HEADING_MAX = 80


def blocks(text: str) -> list[Block]:
    """Blocks of a plain-text file (all ``lang="ja"``; language is assigned later)."""
    out: list[Block] = []
    cur: list[tuple[int, int, int]] = []  # stripped lines (start, end, newline) of the open block
    kind: BlockKind = "paragraph"
    cur_after_blank = prev_blank = need_title = True

    def flush(blank_follows: bool) -> None:
        nonlocal cur
        if cur:
            k = kind
            if k == "paragraph" and len(cur) == 1 and cur_after_blank and blank_follows:
                line = text[cur[0][0] : cur[0][1]]
                if len(line) <= _HEADING_MAX and line[-1] not in _FINAL:
                    k = "heading"
            block = _join(text, cur, k)
            if block is not None:
                out.append(block)
        cur = []

    for start, end, nl in lines(text):
        s, e = _strip(text, start, end)
        if s == e:
            flush(True)
            prev_blank = True
            continue
        line, blank_before, prev_blank = (s, e, nl), prev_blank, False
        content = text[s:e]
        if _URL_LINE.match(content):
            flush(False)
            continue
        if need_title:  # the first line is a block of its own: the title, unless it is a date
            flush(False)
            need_title = bool(_DATE_LINE.match(content))
            cur, kind = [line], "paragraph" if need_title else "title"
            flush(False)
            continue
        m = _MARKER.match(text, s, e)
        if m and m.end() < e:
            flush(False)
            num = m.group("num")
            heading = num and ("-" in num or (s == start and text[m.end() - 1] in ".．"))
            kind = "heading" if heading and "。" not in content else "item"
            cur = [(m.end(), e, nl)]
            continue
        if cur and (kind == "paragraph" or (kind == "item" and s > start)):
            cur.append(line)  # next line of a paragraph, or indented continuation of an item
            continue
        flush(False)
        cur, kind, cur_after_blank = [line], "paragraph", blank_before
    flush(True)
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in _WS:
        end -= 1
    return start, end


def _join(text: str, parts: list[tuple[int, int, int]], kind: BlockKind) -> Block | None:
    """One block from stripped line spans, joined by their source ``"\\n"``."""
    b = Builder()
    for i, (s, e, nl) in enumerate(parts):
        if i:
            b.add(parts[i - 1][2], "\n")
        b.add(s, text[s:e])
    return b.build(kind)
