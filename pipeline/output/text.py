"""``--format text``: findings grouped by file, each with its line and the match marked.

With ``color`` (a terminal; see ``cli``'s ``--color``) the severity is coloured — errors red, warnings
yellow, info cyan — in the rule code, the severity word and the marker under the match; paths and the
summary line are bold. Without it the output is plain text, byte for byte.
"""

from __future__ import annotations

import unicodedata
from itertools import groupby

from taiyaku.models import Finding
from taiyaku.run.report import Report

MAX_LINE = 120
SEVERITY_COLORS = {"error": "1;31", "warning": "33", "info": "36"}  # ANSI SGR: bold red, yellow, cyan
_BOLD, _DIM = "1", "2"


def _paint(text: str, sgr: str, color: bool) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if color and text else text


def width(text: str) -> int:
    """Terminal columns of ``text`` (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _excerpt(report: Report, f: Finding, color: bool = False) -> list[str]:
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
    bar = _paint("|", _DIM, color)
    lead, carets = marker[: len(marker) - len(marker.lstrip(" "))], marker.lstrip(" ")
    marker = lead + _paint(carets, SEVERITY_COLORS[f.severity], color)
    return [f"  {line} {bar} {prefix}{shown}", f"  {gutter} {bar} {' ' * len(prefix)}{marker}"]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render(report: Report, *, statistics: bool = False, color: bool = False, quiet: bool = False,
           **_options) -> str:
    """The report; ``quiet``: only the summary line; ``color``: ANSI colours (see the module doc)."""
    if quiet:
        return summary(report, color) + "\n"
    out: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        out.append(_paint(path, _BOLD, color))
        for f in group:
            line, col = report.position(f.path, f.start)
            sev = SEVERITY_COLORS[f.severity]
            where = _paint(f"{path}:{line}:{col}:", _BOLD, color)
            out.append(f"{where} {_paint(f.rule, sev, color)} {_paint(f.severity, sev, color)} [{f.name}] {f.message}")
            out.extend(_excerpt(report, f, color))
            if f.suggestion:
                out.append(f"  {_paint('= suggestion:', '36', color)} {f.suggestion}")
        out.append("")
    if statistics and report.findings:
        for code, name, n in report.by_rule():
            out.append(f"{n:5d}  {code}  {name}")
        out.append("")
    if report.skipped:
        out.append(f"Skipped {_count(len(report.skipped), 'file')} that could not be read:")
        out.extend(f"  {why}" for why in report.skipped)
        out.append("")
    out.append(summary(report, color))
    return "\n".join(out) + "\n"


def summary(report: Report, color: bool = False) -> str:
    """The last line: ``Found 3 findings (1 error, 2 warnings) in 2 files.`` or ``No findings in …``,
    and how many files were skipped (so ``--quiet`` still says so)."""
    sev = report.by_severity()
    files = _count(len(report.documents), "file")
    skipped = f" {_count(len(report.skipped), 'file')} skipped: could not be read." if report.skipped else ""
    if not report.findings:
        return _paint(f"No findings in {files}.", _BOLD, color) + skipped
    parts = ", ".join(
        _paint(_count(n, s) if s != "info" else f"{n} info", SEVERITY_COLORS[s], color) for s, n in sev.items() if n
    )
    return f"{_paint('Found ' + _count(len(report.findings), 'finding'), _BOLD, color)} ({parts}) in {files}.{skipped}"
