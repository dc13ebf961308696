"""``--format sarif``: SARIF 2.1.0 (OASIS), for GitHub code scanning, IDE viewers and other tools.

One run; ``tool.driver.rules`` lists every registered rule and each result points at its rule by id
and index. Files are artifacts (``run.artifacts``) located relative to ``SRCROOT``, the directory the
run was made in (``originalUriBaseIds``), so the log can be moved with the files; results refer to
them by index. Columns count Unicode code points (``columnKind``), as everywhere in taiyaku, and end
columns are exclusive. A pure function of the report: the only outside input is the current
directory, used for ``SRCROOT`` when no ``base_uri`` is given.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

from taiyaku import __version__
from taiyaku.output.json_format import Lazy, dump
from taiyaku.run.fingerprint import iter_fingerprints
from taiyaku.models import Finding, Fix
from taiyaku.run.report import Report
from taiyaku.checks.registry import Rule, registry

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "SRCROOT"
FINGERPRINT_KEY = "taiyaku/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
MIME_TYPES = {"txt": "text/plain", "md": "text/markdown", "html": "text/html"}
# Python codec names (as pipeline.decode reports them) → IANA charset names, as SARIF asks.
CHARSETS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp932": "Windows-31J",
    "ms932": "Windows-31J",
    "windows-31j": "Windows-31J",
    "shift-jis": "Shift_JIS",
    "sjis": "Shift_JIS",
    "euc-jp": "EUC-JP",
    "iso-2022-jp": "ISO-2022-JP",
    "iso2022-jp": "ISO-2022-JP",
}
_SECTION = re.compile(r"^(What it checks|Why|Example|Fix safety):\s*(.*)$")


def level(severity: str) -> str:
    """SARIF level of a taiyaku severity (info → note)."""
    return LEVELS[severity]


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) of a path as taiyaku reports it: relative paths become relative URI references
    (forward slashes, percent-encoded UTF-8) against ``SRCROOT``; absolute ones become ``file://`` URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri(), None
    # As PurePath(path).as_posix(), without pathlib: it interns every part, and growing the interpreter's
    # table of interned strings while a large report is written costs megabytes at once.
    posix = "/".join(p for p in path.replace(os.sep, "/").split("/") if p not in ("", ".")) or "."
    # ':' is encoded too, so that "a:b.txt" cannot read as a URI scheme.
    return quote(posix, safe="/"), BASE_ID


def base_uri_of(base_uri: str | None) -> str:
    """The absolute URI of SRCROOT, ending in a slash (default: the current directory)."""
    uri = base_uri if base_uri is not None else Path.cwd().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def doc_markdown(r: Rule) -> str:
    """The rule's documentation as Markdown: the summary, then one paragraph per labelled section."""
    lines = r.doc.splitlines()
    if not lines:
        return ""
    paragraphs: list[list[str]] = [[lines[0]]]
    for line in lines[1:]:
        m = _SECTION.match(line)
        if m:
            paragraphs.append([f"**{m.group(1)}:** {m.group(2)}".rstrip()])
        elif not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def rule_descriptor(r: Rule) -> dict:
    text = {"text": r.doc, "markdown": doc_markdown(r)}
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": dict(text),
        "help": dict(text),
        "defaultConfiguration": {"level": level(r.severity)},
        "properties": {"category": r.category, "tags": [r.category]},
    }


def message_text(f: Finding) -> str:
    """The finding's message, with its suggestion when it has one (shared with the github format)."""
    return f"{f.message} (suggestion: {f.suggestion})" if f.suggestion else f.message


class _Locator:
    """Builds artifact locations and regions for one report."""

    def __init__(self, report: Report):
        self.report = report
        self.paths = sorted(report.documents)  # the artifacts' order: one path per file stays in memory
        self.index = {path: i for i, path in enumerate(self.paths)}
        self._cached: tuple[str, _Lines] | None = None
        self._locations: dict[str, dict] = {}  # one per artifact, shared by its results

    def _lines(self, path: str, doc) -> "_Lines":
        if self._cached is None or self._cached[0] != path:
            self._cached = (path, _Lines(doc))
        return self._cached[1]

    def artifact_location(self, path: str) -> dict:
        loc = self._locations.get(path)
        if loc is None:
            uri, base = artifact_uri(path)
            loc = {"uri": uri}
            if base:
                loc["uriBaseId"] = base
            if path in self.index:
                loc["index"] = self.index[path]
            self._locations[path] = loc
        return loc

    def region(self, path: str, start: int, end: int, *, snippet: bool = True) -> dict:
        doc = self.report.document(path)
        line, column = doc.position(start)
        end_line, end_column = doc.position(max(start, end))
        region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
        if snippet:
            region["snippet"] = {"text": _source_text(self._lines(path, doc), start, end)}
        return region

    def physical(self, path: str, start: int, end: int) -> dict:
        return {"artifactLocation": self.artifact_location(path), "region": self.region(path, start, end)}

    def artifact(self, path: str) -> dict:
        doc = self.report.documents[path]
        uri, base = artifact_uri(path)
        location = {"uri": uri, **({"uriBaseId": base} if base else {})}
        out = {"location": location, "roles": ["analysisTarget"]}
        fmt = getattr(doc, "format", None)
        if fmt in MIME_TYPES:
            out["mimeType"] = MIME_TYPES[fmt]
        encoding = getattr(doc, "encoding", None)
        if encoding:
            out["encoding"] = CHARSETS.get(encoding.lower().replace("_", "-"), encoding)
        out["properties"] = {"role": doc.role, "sourceEncoding": encoding}
        return out

    def fix(self, fix: Fix) -> dict:
        what = f'Replace with "{fix.replacement}"' if fix.end > fix.start else f'Insert "{fix.replacement}"'
        return {
            "description": {"text": what + ("" if fix.safe else " (unsafe: review the sentence)")},
            "artifactChanges": [
                {
                    "artifactLocation": self.artifact_location(fix.path),
                    "replacements": [
                        {
                            "deletedRegion": self.region(fix.path, fix.start, fix.end, snippet=False),
                            "insertedContent": {"text": fix.replacement},
                        }
                    ],
                }
            ],
            "properties": {"safe": fix.safe},
        }


class _Lines:
    """A document whose ``line_text`` copies each line once: a long line may carry many findings."""

    def __init__(self, doc):
        self.position = doc.position
        self._line_text = doc.line_text
        self._lines: dict[int, str] = {}

    def line_text(self, n: int) -> str:
        if n not in self._lines:
            self._lines[n] = self._line_text(n)
        return self._lines[n]


def _source_text(doc, start: int, end: int) -> str:
    """The exact text of source ``[start, end)``, line endings included, from ``position`` and
    ``line_text`` only: all that a report's documents promise (a parallel run keeps no whole text)."""
    if end <= start:
        return ""
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    line_start = start - (column - 1)
    parts: list[str] = []
    for n in range(line, end_line + 1):
        if n == end_line and end_column == 1:
            break
        text = doc.line_text(n)
        if n < end_line:
            # line_text drops the ending: find where the next line starts ("\n", "\r\n", ...).
            length = len(text) + 1
            while doc.position(line_start + length)[0] == n:
                length += 1
            text += "\r" * (length - len(text) - 1) + "\n"
            line_start += length
        else:  # sliced once: a region on a long line costs its own length, not the line's
            if end_column - 1 > len(text):  # a region ending inside "\r\n"
                text += "\r" * (end_column - 1 - len(text))
            parts.append(text[column - 1 if n == line else 0 : end_column - 1])
            break
        parts.append(text[column - 1 :] if n == line else text)
    return "".join(parts)


def _result(f: Finding, fingerprint: str, loc: _Locator, rule_index: dict[str, int]) -> dict:
    result: dict = {"ruleId": f.rule}
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    result["level"] = level(f.severity)
    result["message"] = {"text": message_text(f)}
    result["locations"] = [{"physicalLocation": loc.physical(f.path, f.start, f.end)}]
    if f.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": " ".join(r.text.split())},
                "physicalLocation": loc.physical(r.path, r.start, r.end),
            }
            for i, r in enumerate(f.related, 1)
        ]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if f.fix is not None:
        result["fixes"] = [loc.fix(f.fix)]
    props: dict = {"category": f.category}
    if f.term:
        props["term"] = {"ja": f.term[0], "en": f.term[1]}
    if f.found is not None:
        props["found"] = f.found
    if f.suggestion is not None:
        props["suggestion"] = f.suggestion
    result["properties"] = props
    return result


def sarif_log(report: Report, *, base_uri: str | None = None) -> dict:
    """The SARIF log of ``report`` as a dict (``write`` serialises it)."""
    log = _log(report, base_uri)
    run = log["runs"][0]
    run["results"] = list(run["results"])
    return log


def _log(report: Report, base_uri: str | None) -> dict:
    """The log with its results as a ``Lazy`` list: each result is made as the encoder reaches it."""
    rules = list(registry().values())
    rule_index = {r.code: i for i, r in enumerate(rules)}
    loc = _Locator(report)
    run = {
        "tool": {
            "driver": {
                "name": "taiyaku",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(r) for r in rules],
            }
        },
        "properties": {"signature": report.signature},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {
            BASE_ID: {"uri": base_uri_of(base_uri), "description": {"text": "The directory taiyaku was run in."}}
        },
        "artifacts": [loc.artifact(p) for p in loc.paths],
        "results": Lazy(_Paired(report), lambda pair: _result(*pair, loc, rule_index)),
    }
    if report.skipped:  # files in directories that could not be read
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [
            {
                "level": "warning",
                "message": {"text": f"could not be read, skipped: {s.message}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": loc.artifact_location(s.path),
                    **({"region": {"startLine": s.line}} if s.line is not None else {}),
                }}],
            }
            for s in report.skipped
        ]}]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


class _Paired:
    """Each finding of the report with its fingerprint, one at a time."""

    def __init__(self, report: Report):
        self.report = report

    def __len__(self) -> int:
        return len(self.report.findings)

    def __iter__(self):
        from itertools import tee

        findings, again = tee(self.report.findings)  # read once: tee holds one finding
        return zip(findings, iter_fingerprints(again, self.report.documents, grouped=True))


def write(report: Report, out, *, base_uri: str | None = None, **_options) -> None:
    """SARIF 2.1.0 JSON written to ``out`` as it is made; ``base_uri`` is SRCROOT's absolute URI
    (default: the current directory)."""
    dump(_log(report, base_uri), out)


def render(report: Report, **options) -> str:
    from taiyaku.output import render

    return render(report, "sarif", **options)
