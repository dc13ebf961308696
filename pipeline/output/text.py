"""``--format text``: findings grouped by file, each with its line and the match marked."""

from __future__ import annotations

import unicodedata
from itertools import groupby

from taiyaku.run.report import Report

MAX_LINE = 120  # columns of a source line shown
MAX_MATCH = 1000  # characters of one match shown, however long it is
# Control characters (C0, DEL, C1) and bidirectional overrides from article text are shown escaped, so an
# article cannot clear the editor's screen or reorder what the report shows; a tab shows as one space.
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]} | {
    c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}
_ESCAPES[0x09] = " "


def width(text: str) -> int:
    """Terminal columns of ``text`` (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def shown(text: str) -> str:
    """``text`` with control characters escaped (``\\x1b``), safe to print on a terminal."""
    return text.translate(_ESCAPES)


def _fit(text: str, start: int, columns: int) -> int:
    """The end of the longest ``text[start:end]`` that fits in ``columns`` when shown (cost: ``columns``)."""
    used = 0
    east_asian = unicodedata.east_asian_width
    for i in range(start, min(len(text), start + columns)):
        c = text[i]
        escaped = _ESCAPES.get(ord(c))
        used += len(escaped) if escaped is not None else 2 if east_asian(c) in "WF" else 1
        if used > columns:
            return i
    return min(len(text), start + columns)


def _excerpt(number: int, text: str, col: int, last: int) -> list[str]:
    """The source line ``text`` (line ``number``) cut to about ``MAX_LINE`` columns around the match
    ``text[col - 1 : last]``, and its marker; the cost is bounded by the excerpt, not the line."""
    wide = len(text) > MAX_LINE or _fit(text, 0, MAX_LINE) < len(text)  # a character takes 1 column or more
    start = max(0, col - 1 - 40) if wide else 0
    end = min(max(_fit(text, start, MAX_LINE), last + 1), len(text), col - 1 + MAX_MATCH)
    gutter = " " * len(str(number))
    marked = shown(text[col - 1 : min(last, end)])
    marker = " " * width(shown(text[start : col - 1])) + "^" * max(1, width(marked))
    prefix = "…" if start else ""
    return [f"  {number} | {prefix}{shown(text[start:end])}", f"  {gutter} | {' ' * len(prefix)}{marker}"]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render(report: Report, *, statistics: bool = False, **_options) -> str:
    out: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        doc = report.documents[path]
        lines: dict[int, str] = {}  # each source line is copied once, however many findings it has
        out.append(shown(path))
        for f in group:
            line, col = doc.position(f.start)
            end_line, end_col = doc.position(f.end)
            if line not in lines:
                lines[line] = doc.line_text(line)
            text = lines[line]
            out.append(f"{shown(path)}:{line}:{col}: {f.rule} {f.severity} [{f.name}] {shown(f.message)}")
            out.extend(_excerpt(line, text, col, end_col - 1 if end_line == line else len(text)))
            if f.suggestion:
                out.append(f"  = suggestion: {shown(f.suggestion)}")
        out.append("")
    if statistics and report.findings:
        for code, name, n in report.by_rule():
            out.append(f"{n:5d}  {code}  {name}")
        out.append("")
    sev = report.by_severity()
    files = _count(len(report.documents), "file")
    if report.findings:
        parts = ", ".join(_count(n, s) if s != "info" else f"{n} info" for s, n in sev.items() if n)
        out.append(f"Found {_count(len(report.findings), 'finding')} ({parts}) in {files}.")
    else:
        out.append(f"No findings in {files}.")
    return "\n".join(out) + "\n"
