"""The result of a run: findings in a stable order, with the documents needed to place them."""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from taiyaku.errors import InputError
from taiyaku.models import SEVERITIES, Document, Finding, line_starts


class Skipped(NamedTuple):
    """A file found in a directory that could not be read: where, and why (the InputError's words)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return str(InputError(self.message, self.path, self.line))


class Monolingual(NamedTuple):
    """An article checked in one language: its file, the language, and why (no partner found where
    taiyaku looked, or no text of the other language in it)."""

    path: str
    language: str
    reason: str


@dataclass
class Report:
    """The findings, sorted (``sort_key``); ``documents`` maps each checked path to its
    ``DocumentSummary`` (what rendering needs: ``position``, ``line_text``, ``role``, ``encoding``);
    ``views`` holds per-article views for formats that show whole articles (html); ``skipped`` lists
    the inputs not checked, with why; ``monolingual`` the articles checked in one language, with why;
    ``signature`` describes the run (``run.engine.signature``). A large run's ``findings`` and
    ``documents`` are read from a temporary file (``run.spill``): a sequence and a mapping, not a list
    and a dict, read one item at a time."""

    findings: list[Finding]
    documents: dict = field(default_factory=dict)
    views: list = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # inputs found in directories and not checked
    monolingual: list[Monolingual] = field(default_factory=list)  # articles checked in one language
    signature: dict = field(default_factory=dict)
    references: dict = field(default_factory=dict)  # path → DocumentSummary of files outside the run (memory)

    def document(self, path: str):
        """The summary of a checked file, or of a file outside the run that a finding points at."""
        return self.documents[path] if path in self.documents else self.references[path]

    def position(self, path: str, offset: int) -> tuple[int, int]:
        return self.document(path).position(offset)

    def counts(self) -> Counter:
        """The number of findings per (rule, name, severity, category): kept by spilled findings
        (``run.spill``) as they came, counted here otherwise."""
        kept = getattr(self.findings, "counts", None)
        return kept if kept is not None else Counter((f.rule, f.name, f.severity, f.category) for f in self.findings)

    def _count_by(self, *fields: int) -> Counter:
        out: Counter = Counter()
        for key, n in self.counts().items():
            out[key[fields[0]] if len(fields) == 1 else tuple(key[i] for i in fields)] += n
        return out

    def by_severity(self) -> dict[str, int]:
        counts = self._count_by(2)
        return {s: counts.get(s, 0) for s in SEVERITIES}

    def by_category(self) -> dict[str, int]:
        return dict(sorted(self._count_by(3).items()))

    def by_rule(self) -> list[tuple[str, str, int]]:
        counts = self._count_by(0, 1)
        return [(code, name, n) for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def sort_key(f: Finding):
    return (f.path, f.start, f.end, f.rule, f.message)


@dataclass(slots=True)
class DocumentSummary:
    """What rendering and filtering need of a ``Document``, without its whole text: path, role, encoding,
    format, the offset of every line start, the lines that findings and related locations touch, and the
    regions where inline directives suppress rules. Picklable and small, so worker processes send it
    back instead of the document; every run's report holds these.

    ``position`` gives what ``Document.position`` gives for any offset; ``line_text`` works on the lines
    kept (every line when built with ``all_lines=True``) and raises KeyError for the others.
    """

    path: str
    role: str
    encoding: str
    format: str
    line_starts: array  # array("q"): offset of the first character of each line
    lines: dict[int, str] = field(default_factory=dict)  # 1-based line → its text with its line ending
    regions: tuple = ()  # project.suppress.Region: where inline directives suppress rules

    @classmethod
    def of(cls, doc: Document, findings: Iterable[Finding] = (), *, all_lines: bool = False) -> "DocumentSummary":
        """The summary of ``doc`` keeping the lines that ``findings`` and their related locations in this
        document touch, from the line of their start to the line of their end."""
        from taiyaku.project.suppress import suppressed_regions

        text = doc.text
        starts = line_starts(text)
        summary = cls(doc.path, doc.role, doc.encoding, doc.format, starts, {}, tuple(suppressed_regions(doc)))
        if all_lines:
            summary.keep_lines(text, [(0, len(text))])
        else:
            summary.keep_lines(text, ((x.start, x.end) for f in findings for x in (f, *f.related) if x.path == doc.path))
        return summary

    def keep_lines(self, text: str, spans: Iterable[tuple[int, int]]) -> None:
        """Keep the lines of ``text`` (the document's) that the (start, end) ``spans`` touch, from the
        line of their start to the line of their end."""
        wanted: set[int] = set()
        for start, end in spans:
            wanted.update(range(self.position(start)[0], self.position(max(start, end))[0] + 1))
        starts, n_lines = self.line_starts, len(self.line_starts)
        for n in sorted(wanted):
            if 1 <= n <= n_lines:
                self.lines[n] = text[starts[n - 1] : starts[n] if n < n_lines else len(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in code points of a source offset (as ``Document.position``)."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending (as ``Document.line_text``)."""
        try:
            return self.lines[line].rstrip("\r\n")
        except KeyError:
            raise KeyError(
                f"{self.path}: line {line} was not kept: a DocumentSummary keeps the lines findings touch "
                "(build it with all_lines=True to keep every line)"
            ) from None
