"""``--format text``: findings grouped by file, each with its line and the match marked."""

from __future__ import annotations

from itertools import groupby

from taiyaku.models import Finding
from taiyaku.run.report import Report
from taiyaku.script import width

MAX_LINE = 120


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


def _other_side(report: Report, f: Finding, most: int = 2) -> list[str]:
    """The lines of the related locations (the aligned sentence on the other side, the other uses of a
    term), so that a pair-level finding shows both sides."""
    own = report.position(f.path, f.start)[0]
    others = [(r, report.position(r.path, r.start)[0]) for r in f.related]
    others = [(r, line) for r, line in others if (r.path, line) != (f.path, own)]
    out = []
    for r, line in others[:most]:
        text = " ".join(report.documents[r.path].line_text(line).split())
        while width(text) > MAX_LINE - 20:
            text = text[: max(1, len(text) * 3 // 4)] + "…"
        out.append(f"  = {r.path}:{line}: {text}")
    if len(others) > most:
        out.append(f"  = … and {len(others) - most} more")
    return out


def _by_term(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """The findings of one file in groups: one rule about one glossary term, in order of first place,
    with a heading when the group holds several places; other findings alone, in order."""
    groups: dict = {}
    for k, f in enumerate(findings):
        key = (f.rule, f.term) if f.term else (f.rule, k)
        groups.setdefault(key, []).append(f)
    out = []
    for (rule, term), group in groups.items():
        heading = ""
        if len(group) > 1 and isinstance(term, tuple):
            heading = f"{rule} {group[0].name}: {term[0]} ({term[1]}), {len(group)} places:"
        out.append((heading, group))
    return out


def _finding(report: Report, f: Finding, out: list[str]) -> None:
    """One finding: where and what, the marked excerpt, the other side, the suggestion."""
    line, col = report.position(f.path, f.start)
    out.append(f"{f.path}:{line}:{col}: {f.rule} {f.severity} [{f.name}] {f.message}")
    out.extend(_excerpt(report, f))
    end_line = report.position(f.path, max(f.start, f.end - 1))[0]
    if end_line > line:
        out.append(f"  = lines {line}-{end_line}")
    out.extend(_other_side(report, f))
    if f.suggestion:
        out.append(f"  = suggestion: {f.suggestion}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render(report: Report, *, statistics: bool = False, **_options) -> str:
    out: list[str] = []
    for path, in_file in groupby(report.findings, key=lambda f: f.path):
        out.append(path)
        for heading, group in _by_term(list(in_file)):
            if heading:
                out.append(heading)
            for f in group:
                _finding(report, f, out)
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
