"""Plain text (.txt): paragraphs are runs of non-blank lines; bullet and numbered lines are blocks of their own.

The first non-blank line (after a date line) is the title; a short single-line paragraph without
sentence-final punctuation, followed by a blank line, is a heading. An indented line right after a
list item continues that item. Lines holding only a URL are not text and end the paragraph.
"""

from __future__ import annotations

import re

from taiyaku.models import Block, BlockKind, newline
from taiyaku.read.formats import Builder, make_block

_WS = " \t\u3000\r\ufeff"
_MARKER = re.compile(
    r"(?:[・•※]|[-–*](?=[ \t\u3000])|(?P<num>\d{1,3}(?:-\d{1,3})*)[.．](?!\d))[ \t\u3000]*"
)
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+$")
_MARKER_FIRST = "・•※-–*"  # what _MARKER starts with, with a digit (a cheap test before the regex)
_DATE_LINE = re.compile(r"\d{4}[/.\-年]\d{1,2}[/.\-月]\d{1,2}日?(?:\s*[(（][^)）]{1,3}[)）])?$")
_FINAL = "。．.!！?？"
_HEADING_MAX = 80


def blocks(text: str) -> list[Block]:
    """Blocks of a plain-text file (all ``lang="ja"``, indexed in order; language is assigned later)."""
    out: list[Block] = []
    cur: list[tuple[int, int, int]] = []  # stripped lines (start, end, newline) of the open block
    kind: BlockKind = "paragraph"
    cur_after_blank = prev_blank = need_title = True

    def flush(blank_follows: bool) -> None:
        nonlocal cur
        if not cur:
            return
        k = kind
        if len(cur) == 1:
            s, e, _ = cur[0]
            body, runs = text[s:e], [[0, s, e - s]]
            headline = len(body) <= _HEADING_MAX and body[-1] not in _FINAL
            if k == "paragraph" and cur_after_blank and blank_follows and headline:
                k = "heading"
        else:
            body, runs = _join(text, cur)
        block = make_block(body, runs, k, len(out))
        if block is not None:
            out.append(block)
        cur = []

    pos = 0
    for raw in text.split(newline(text)):  # a line and its "\r", if any
        start, pos = pos, pos + len(raw) + 1
        content = raw.strip(_WS)
        if not content:
            if cur:
                flush(True)
            prev_blank = True
            continue
        nl = pos - 1  # the "\n" ending the line (past the text for the last line)
        s = start if content is raw else pos - 1 - len(raw.lstrip(_WS))
        e = s + len(content)
        line, blank_before, prev_blank = (s, e, nl), prev_blank, False
        first = content[0]
        if first in "hw" and _URL_LINE.match(content):
            flush(False)
            continue
        if need_title:  # the first line is a block of its own: the title, unless it is a date
            flush(False)
            need_title = bool(_DATE_LINE.match(content))
            cur, kind = [line], "paragraph" if need_title else "title"
            flush(False)
            continue
        m = _MARKER.match(text, s, e) if first in _MARKER_FIRST or first.isdigit() else None
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


def _join(text: str, parts: list[tuple[int, int, int]]) -> tuple[str, list[list[int]]]:
    """The text of stripped line spans joined by their source ``"\\n"``, and its runs ([text_start,
    source_start, length], merged where the source runs on)."""
    b = Builder()
    for i, (s, e, _) in enumerate(parts):
        if i:
            b.add(parts[i - 1][2], "\n")
        b.add(s, text[s:e])
    return "".join(b.chunks), b.runs
