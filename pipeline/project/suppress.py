"""Inline suppression in Markdown and HTML articles, with HTML comments:

    <!-- taiyaku-disable T001,C001 -->   …   <!-- taiyaku-enable -->
    <!-- taiyaku-disable-next-line U001 -->

Codes are rule codes, prefixes or names as in ``--select`` (``T``, ``T001``, ``forbidden-rendering``,
``ALL``), separated by commas or spaces; none means every rule. ``taiyaku-enable`` without codes ends
every suppression, with codes only theirs (``disable`` then ``enable T001`` turns T001 back on and keeps
the rest off). A ``disable`` never closed runs to the end of the file. ``disable-next-line`` covers the
next non-blank line that is not itself only directives. Text after `` -- `` is a reason, for readers:
``<!-- taiyaku-disable-next-line T001 -- the clinic's own name -->``.

A finding is suppressed when its start offset lies in a region of its file for its rule. Directives in
Markdown code (fenced or indented) are examples, not directives. Files without the string
``taiyaku-`` cost one substring search.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from taiyaku.errors import InputError
from taiyaku.models import Document, Finding

MARKER = "taiyaku-"
FORMATS = frozenset({"md", "html"})
_COMMENT = re.compile(r"<!--\s*taiyaku-([\w-]*)(.*?)-->", re.S)
_KINDS = ("disable", "enable", "disable-next-line")
_CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\r?\n).)*?(?<!`)\1(?!`)", re.S)  # not across paragraphs
_ONLY_DIRECTIVES = re.compile(r"\s*(?:<!--\s*taiyaku-.*?-->\s*)+", re.S)


@dataclass(frozen=True, slots=True)
class Region:
    """Source offsets ``[start, end)`` of ``Document.text`` where ``rules`` (codes) are suppressed;
    ``line`` is the 1-based line of the directive that opened it."""

    start: int
    end: int
    rules: frozenset[str]
    line: int


@dataclass(frozen=True, slots=True)
class Directive:
    kind: str  # "disable" | "enable" | "disable-next-line"
    rules: frozenset[str]  # the codes it names (every rule when it names none)
    start: int
    end: int
    line: int


def directives(doc: Document) -> list[Directive]:
    """The suppression directives of a Markdown or HTML document, in order. Raises InputError (path:line)
    for an unknown directive or rule."""
    if doc.format not in FORMATS or MARKER not in doc.text:
        return []
    from taiyaku.checks.registry import registry
    from taiyaku.project.selection import named, unknown_rule

    rules = registry()
    code_ranges = _markdown_code(doc.text) if doc.format == "md" else []
    out = []
    for m in _COMMENT.finditer(doc.text):
        if code_ranges and _inside(m.start(), code_ranges):
            continue
        line = doc.position(m.start())[0]
        kind = m.group(1)
        if kind not in _KINDS:
            raise InputError(
                f"unknown directive 'taiyaku-{kind}': use taiyaku-disable, taiyaku-enable or taiyaku-disable-next-line",
                doc.path, line,
            )
        body = m.group(2).split(" --", 1)[0].split("\n--", 1)[0]
        names = [c for c in re.split(r"[\s,]+", body.strip()) if c]
        chosen: set[str] = set()
        for name in names:
            matched = named(name, rules)
            if not matched:
                raise InputError(unknown_rule(name, f" in taiyaku-{kind}"), doc.path, line)
            chosen |= matched
        out.append(Directive(kind, frozenset(chosen if names else rules), m.start(), m.end(), line))
    return out


def suppressed_regions(doc: Document) -> list[Region]:
    """Where rules are suppressed in ``doc`` (offsets into ``doc.text``), in order of start."""
    found = directives(doc)
    if not found:
        return []
    text = doc.text
    regions: list[Region] = []
    open_since: dict[str, tuple[int, int]] = {}  # rule → (offset, line) of the disable that holds it off
    closed: dict[tuple[int, int, int], set[str]] = {}  # (start, end, line) → rules

    for d in found:
        if d.kind == "disable-next-line":
            span = _next_line(text, d.end)
            if span is not None:
                closed.setdefault((span[0], span[1], d.line), set()).update(d.rules)
        elif d.kind == "disable":
            for r in d.rules:
                open_since.setdefault(r, (d.start, d.line))
        else:  # enable
            for r in d.rules:
                if r in open_since:
                    start, line = open_since.pop(r)
                    closed.setdefault((start, d.end, line), set()).add(r)
    for r, (start, line) in open_since.items():
        closed.setdefault((start, len(text), line), set()).add(r)
    for (start, end, line), rules in closed.items():
        regions.append(Region(start, end, frozenset(rules), line))
    regions.sort(key=lambda g: (g.start, g.end))
    return regions


def drop_suppressed(findings: Iterable[Finding], documents: Mapping) -> list[Finding]:
    """The findings not inside a suppressed region of their file for their rule (order kept).
    ``documents`` maps paths to objects with the file's ``regions`` (``DocumentSummary``); a path
    missing from it keeps its findings."""
    lookups: dict[str, _Lookup | None] = {}
    out = []
    for f in findings:
        if f.path not in lookups:
            regions = getattr(documents.get(f.path), "regions", ())
            lookups[f.path] = _Lookup(regions) if regions else None
        lookup = lookups[f.path]
        if lookup is None or not lookup.covers(f.rule, f.start):
            out.append(f)
    return out


class _Lookup:
    """Per rule: sorted region starts and ends, for a bisect per finding."""

    def __init__(self, regions: list[Region]) -> None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for g in regions:
            for r in g.rules:
                spans.setdefault(r, []).append((g.start, g.end))
        self.spans = {r: sorted(s) for r, s in spans.items()}
        self.starts = {r: [a for a, _ in s] for r, s in self.spans.items()}

    def covers(self, rule: str, offset: int) -> bool:
        spans = self.spans.get(rule)
        if not spans:
            return False
        i = bisect.bisect_right(self.starts[rule], offset)
        return any(a <= offset < b for a, b in spans[:i])


def _next_line(text: str, pos: int) -> tuple[int, int] | None:
    """[start, end) of the first non-blank line after the line holding ``pos`` that is not only
    directives, or None at the end of the text."""
    nl = text.find("\n", pos)
    while nl != -1:
        start = nl + 1
        nl = text.find("\n", start)
        end = len(text) if nl == -1 else nl
        line = text[start:end]
        if line.strip() and not _ONLY_DIRECTIVES.fullmatch(line):
            return start, end
    return None


def _markdown_code(text: str) -> list[tuple[int, int]]:
    """Source ranges of fenced and indented code blocks and inline code spans of a Markdown text."""
    from markdown_it import MarkdownIt

    from taiyaku.read.formats import lines

    spans = lines(text)
    tokens = MarkdownIt("commonmark").parse("\n".join(text[s:e].replace("\r", " ") for s, e, _ in spans))
    out = []
    for tok in tokens:
        if tok.type in ("fence", "code_block") and tok.map:
            first, last = tok.map[0], min(tok.map[1], len(spans)) - 1
            out.append((spans[first][0], spans[last][1]))
    for m in _CODE_SPAN.finditer(text):
        out.append(m.span())
    merged: list[tuple[int, int]] = []
    for a, b in sorted(out):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]
