"""``--format text``: findings grouped by file, each with its line and the match marked."""

from __future__ import annotations

import unicodedata
from itertools import groupby

from taiyaku.models import Finding
from taiyaku.run.report import Report

MAX_LINE = 120


def width(text: str) -> int:
    """Terminal columns of ``text`` (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _excerpt(report: Report, f: Finding) -> list[str]:
    doc = report.documents[f.path]
    line, col = doc.position(f.start)
    end_line, end_col = doc.position(f.end)
    text = doc.line_text(line).replace("\t", " ")
    last = end_col - 1 if end_line == line else len(text)
    start = max(0, col - 1 - 40) if width(text) > MAX_LINE else 0
    shown = text[start:]
    while width(shown) > MAX_LINE and len(shown) > last - start + 1:
        shown = shown[:-1]
    gutter = " " * len(str(line))
    marker = " " * width(text[start : col - 1]) + "^" * max(1, width(text[col - 1 : last]))
    prefix = "…" if start else ""
    return [f"  {line} | {prefix}{shown}", f"  {gutter} | {' ' * len(prefix)}{marker}"]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render(report: Report, *, statistics: bool = False, **_options) -> str:
    out: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        out.append(path)
        for f in group:
            line, col = report.position(f.path, f.start)
            out.append(f"{path}:{line}:{col}: {f.rule} {f.severity} [{f.name}] {f.message}")
            out.extend(_excerpt(report, f))
            if f.suggestion:
                out.append(f"  = suggestion: {f.suggestion}")
        out.append("")
    if statistics and report.findings:
        for code, name, n in report.by_rule():
            out.append(f"{n:5d}  {code}  {name}")
        out.append("")
    if report.skipped:
        out.append(f"Skipped {_count(len(report.skipped), 'file')} that could not be read:")
        out.extend(f"  {why}" for why in report.skipped)
        out.append("")
    sev = report.by_severity()
    files = _count(len(report.documents), "file")
    if report.findings:
        parts = ", ".join(_count(n, s) if s != "info" else f"{n} info" for s, n in sev.items() if n)
        out.append(f"Found {_count(len(report.findings), 'finding')} ({parts}) in {files}.")
    else:
        out.append(f"No findings in {files}.")
    return "\n".join(out) + "\n"
