"""``--format json``: the stable machine-readable contract (documented in README.md)."""

from __future__ import annotations

import json

from taiyaku import __version__
from taiyaku.models import Finding
from taiyaku.run.report import Report


def finding_dict(report: Report, f: Finding) -> dict:
    line, column = report.position(f.path, f.start)
    end_line, end_column = report.position(f.path, f.end)
    return {
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity,
        "path": f.path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": f.message,
        "term": {"ja": f.term[0], "en": f.term[1]} if f.term else None,
        "found": f.found,
        "suggestion": f.suggestion,
        "related": [
            dict(zip(("path", "line", "column"), (r.path, *report.position(r.path, r.start)))) | {"text": r.text}
            for r in f.related
        ],
    }


def write(report: Report, out, *, statistics: bool = False, **_options) -> None:
    """The report as JSON, written to ``out`` as it is encoded; ``statistics`` adds ``summary.by_rule``
    (count per rule, most frequent first)."""
    doc = {
        "tool": {"name": "taiyaku", "version": __version__},
        "signature": report.signature,
        "files": Lazy(report.documents.values(), lambda d: {"path": d.path, "role": d.role, "encoding": d.encoding}),
        "findings": Lazy(report.findings, lambda f: finding_dict(report, f)),
        "summary": {
            "files": len(report.documents),
            "findings": len(report.findings),
            "by_severity": report.by_severity(),
            "by_category": report.by_category(),
        },
    }
    if statistics:
        doc["summary"]["by_rule"] = [{"code": c, "name": n, "count": k} for c, n, k in report.by_rule()]
    if report.skipped:  # files in directories that could not be read
        doc["skipped"] = [s._asdict() for s in report.skipped]
    if report.monolingual:  # articles checked in one language, and why
        doc["monolingual"] = [m._asdict() for m in report.monolingual]
    dump(doc, out)


def render(report: Report, **options) -> str:
    from taiyaku.output import render

    return render(report, "json", **options)


def dump(doc, out) -> None:
    """``json.dumps(doc, ensure_ascii=False, indent=2) + "\\n"``, the same bytes, written to ``out`` in
    pieces of a few kilobytes as the encoder makes them (``Lazy`` lists are made as it reaches them)."""
    run: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc):
        run.append(chunk)
        size += len(chunk)
        if size >= 16384:
            out.write("".join(run))
            run.clear()
            size = 0
    run.append("\n")
    out.write("".join(run))


class Lazy(list):
    """A list for the JSON encoder whose items are made as it reaches them (the encoder takes any
    list subclass and only iterates it), so only the text is held, not a dict per item. ``items`` is
    sized and iterable (a list, a spill's findings, a mapping's values)."""

    def __init__(self, items, make):
        super().__init__()
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return map(self._make, self._items)
