"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message

error → ``::error``, warning → ``::warning``, info → ``::notice``. Values are escaped as the Actions
toolkit does (@actions/core ``escapeData`` / ``escapeProperty``). Columns count code points and the
end column is exclusive, as in the other formats; they are left out when a finding spans several
lines, because GitHub annotations take columns only within one line.
"""

from __future__ import annotations

from pathlib import PurePath

from taiyaku.models import Finding
from taiyaku.run.report import Report
from taiyaku.output.sarif import message_text

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """@actions/core escapeData: the message after ``::``."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """@actions/core escapeProperty: a ``key=value`` property before ``::``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(report: Report, f: Finding) -> str:
    line, col = report.position(f.path, f.start)
    end_line, end_col = report.position(f.path, max(f.start, f.end))
    props: list[tuple[str, object]] = [("file", PurePath(f.path).as_posix()), ("line", line)]
    if end_line == line:
        props += [("col", col), ("endLine", end_line), ("endColumn", end_col)]
    else:
        props += [("endLine", end_line)]
    props.append(("title", f"{f.rule} {f.name}"))
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(message_text(f))}"


def skipped_command(path: str, line: int | None, message: str) -> str:
    """A file in a directory that could not be read, as a warning on that file."""
    props = [("file", PurePath(path).as_posix())] + ([("line", line)] if line is not None else [])
    props.append(("title", "taiyaku skipped this file"))
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::warning {joined}::{escape_data('could not be read: ' + message)}"


def write(report: Report, out, **_options) -> None:
    """One line per finding, then one per skipped file, written as they are made."""
    for f in report.findings:
        out.write(command(report, f) + "\n")
    for s in report.skipped:
        out.write(skipped_command(*s) + "\n")


def render(report: Report, **options) -> str:
    from taiyaku.output import render

    return render(report, "github", **options)
