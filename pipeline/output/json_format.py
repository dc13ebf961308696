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


def render(report: Report, *, statistics: bool = False, **_options) -> str:
    """The report as JSON; ``statistics`` adds ``summary.by_rule`` (count per rule, most frequent first)."""
    doc = {
        "tool": {"name": "taiyaku", "version": __version__},
        "signature": report.signature,
        "files": [
            {"path": d.path, "role": d.role, "encoding": d.encoding} for d in report.documents.values()
        ],
        "findings": [finding_dict(report, f) for f in report.findings],
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
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
