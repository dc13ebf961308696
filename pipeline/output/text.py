"""``--format text``: findings grouped by file, each with its line and the match marked.

With ``color`` (a terminal; see ``cli``'s ``--color``) the severity is coloured — errors red, warnings
yellow, info cyan — in the rule code, the severity word and the marker under the match; paths and the
summary line are bold. Without it the output is plain text, byte for byte.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, groupby

from taiyaku.models import Finding
from taiyaku.run.report import Report
from taiyaku.script import char_width, width

MAX_LINE = 120  # columns of a source line shown
MAX_MATCH = 1000  # characters of one match shown, however long it is
SKIPPED_SHOWN = 20  # skipped files listed by name
# Control characters (C0, DEL, C1) and bidirectional overrides from article text are shown escaped, so an
# article cannot clear the editor's screen or reorder what the report shows; a tab shows as one space.
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]} | {
    c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}
_ESCAPES[0x09] = " "
SEVERITY_COLORS = {"error": "1;31", "warning": "33", "info": "36"}  # ANSI SGR: bold red, yellow, cyan
_BOLD, _DIM = "1", "2"


def _paint(text: str, sgr: str, color: bool) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m" if color and text else text


def shown(text: str) -> str:
    """``text`` with control characters escaped (``\\x1b``), safe to print on a terminal."""
    return text if text.isprintable() else text.translate(_ESCAPES)  # every escaped character is unprintable


class _Columns(dict):
    """Character → the columns it takes when shown (its escape's length, or ``char_width``), computed
    once per distinct character; bounded."""

    def __missing__(self, c: str) -> int:
        if len(self) > 65536:
            self.clear()
        escaped = _ESCAPES.get(ord(c))
        self[c] = n = len(escaped) if escaped is not None else char_width(c)
        return n


_COLUMNS = _Columns()


def _fit(text: str, start: int, columns: int) -> int:
    """The end of the longest ``text[start:end]`` that fits in ``columns`` when shown (cost: ``columns``)."""
    stop = min(len(text), start + columns)
    piece = text[start:stop]
    if piece.isascii() and piece.isprintable():  # one column each
        return stop
    used = list(accumulate(map(_COLUMNS.__getitem__, piece)))  # every character takes a column or more
    k = bisect_right(used, columns)
    return start + k if k < len(used) else stop


def _excerpt(number: int, text: str, col: int, last: int, severity: str = "info", color: bool = False) -> list[str]:
    """The source line ``text`` (line ``number``) cut to about ``MAX_LINE`` columns around the match
    ``text[col - 1 : last]``, and its marker; the cost is bounded by the excerpt, not the line."""
    wide = len(text) > MAX_LINE or _fit(text, 0, MAX_LINE) < len(text)  # a character takes 1 column or more
    start = max(0, col - 1 - 40) if wide else 0
    end = min(max(_fit(text, start, MAX_LINE), last + 1), len(text), col - 1 + MAX_MATCH)
    gutter = " " * len(str(number))
    marked = shown(text[col - 1 : min(last, end)])
    marker = " " * width(shown(text[start : col - 1])) + _paint("^" * max(1, width(marked)), SEVERITY_COLORS[severity], color)
    prefix = "…" if start else ""
    bar = _paint("|", _DIM, color)
    return [f"  {number} {bar} {prefix}{shown(text[start:end])}", f"  {gutter} {bar} {' ' * len(prefix)}{marker}"]


def _other_side(report: Report, f: Finding, most: int = 2) -> list[str]:
    """The lines of the related locations (the aligned sentence on the other side, the other uses of a
    term), so that a pair-level finding shows both sides."""
    own = report.position(f.path, f.start)[0]
    others = [(r, report.position(r.path, r.start)[0]) for r in f.related]
    others = [(r, line) for r, line in others if (r.path, line) != (f.path, own)]
    out = []
    for r, line in others[:most]:
        text = report.document(r.path).line_text(line)
        cut = _fit(text, 0, MAX_LINE - 20)
        text = " ".join(text[:cut].split()) + ("…" if cut < len(text) else "")
        out.append(f"  = {shown(r.path)}:{line}: {shown(text)}")
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


def _finding(report: Report, f: Finding, out: list[str], lines: dict[int, str], color: bool = False) -> None:
    """One finding: where and what, the marked excerpt, the other side, the suggestion."""
    doc = report.documents[f.path]
    line, col = doc.position(f.start)
    end_line, end_col = doc.position(f.end)
    if line not in lines:
        lines[line] = doc.line_text(line)
    text = lines[line]
    sev = SEVERITY_COLORS[f.severity]
    where = _paint(f"{shown(f.path)}:{line}:{col}:", _BOLD, color)
    out.append(f"{where} {_paint(f.rule, sev, color)} {_paint(f.severity, sev, color)} [{f.name}] {shown(f.message)}")
    out.extend(_excerpt(line, text, col, end_col - 1 if end_line == line else len(text), f.severity, color))
    last_line = doc.position(max(f.start, f.end - 1))[0]
    if last_line > line:
        out.append(f"  = lines {line}-{last_line}")
    out.extend(_other_side(report, f))
    if f.suggestion:
        out.append(f"  {_paint('= suggestion:', '36', color)} {shown(f.suggestion)}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def write(report: Report, out, *, statistics: bool = False, color: bool = False, quiet: bool = False,
          **_options) -> None:
    """Write the report to ``out`` file by file; ``quiet``: only the summary line; ``color``: ANSI
    colours (see the module doc)."""
    if quiet:
        out.write(summary(report, color) + "\n")
        return
    for path, in_file in groupby(report.findings, key=lambda f: f.path):
        lines: dict[int, str] = {}  # each source line is copied once, however many findings it has
        block = [_paint(shown(path), _BOLD, color)]
        for heading, group in _by_term(list(in_file)):
            if heading:
                block.append(shown(heading))
            for f in group:
                _finding(report, f, block, lines, color)
        block.append("")
        out.write("\n".join(block) + "\n")
    tail: list[str] = []
    if statistics and report.findings:
        for code, name, n in report.by_rule():
            tail.append(f"{n:5d}  {code}  {name}")
        tail.append("")
    if report.monolingual:
        tail.append("Checked in one language (no other version found):")
        tail.extend(f"  {shown(m.path)}: {shown(m.reason)}" for m in report.monolingual)
        tail.append("")
    if report.skipped:
        tail.append(f"Skipped {_count(len(report.skipped), 'file')}:")
        tail.extend(f"  {shown(str(why))}" for why in report.skipped[:SKIPPED_SHOWN])
        if len(report.skipped) > SKIPPED_SHOWN:
            tail.append(f"  … and {len(report.skipped) - SKIPPED_SHOWN} more (all of them in --format json)")
        tail.append("")
    tail.append(summary(report, color))
    out.write("\n".join(tail) + "\n")


def render(report: Report, **options) -> str:
    """The report as one string (``write``)."""
    from taiyaku.output import render

    return render(report, "text", **options)


def summary(report: Report, color: bool = False) -> str:
    """The last line: ``Found 3 findings (1 error, 2 warnings) in 2 files.`` or ``No findings in …``,
    and how many files were skipped (so ``--quiet`` still says so)."""
    sev = report.by_severity()
    files = _count(len(report.documents), "file")
    skipped = f" {_count(len(report.skipped), 'file')} skipped." if report.skipped else ""
    if not report.findings:
        return _paint(f"No findings in {files}.", _BOLD, color) + skipped
    parts = ", ".join(
        _paint(_count(n, s) if s != "info" else f"{n} info", SEVERITY_COLORS[s], color) for s, n in sev.items() if n
    )
    return f"{_paint('Found ' + _count(len(report.findings), 'finding'), _BOLD, color)} ({parts}) in {files}.{skipped}"
