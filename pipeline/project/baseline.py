"""Baselines: record today's findings, then report only new ones.

    {"tool": "taiyaku", "version": 1,
     "fingerprints": {"v1:…": {"rule": "T001", "path": "corpus/x.en.txt", "line": 4, "message": "…"}}}

Fingerprints (``pipeline.fingerprint``) survive edits elsewhere in an article. They are computed with
paths relative to the baseline file's directory, so a baseline works from any working directory and
whether the articles were named by relative or absolute paths. ``line`` and ``message`` are for people
reading the file; only the fingerprints are compared.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import replace

from taiyaku.project.atomic import write_text_atomic
from taiyaku.errors import InputError
from taiyaku.run.fingerprint import VERSION, fingerprints
from taiyaku.models import Finding
from taiyaku.run.report import Report

TOOL = "taiyaku"
FORMAT_VERSION = 1
_REMAKE = "recreate it with `taiyaku baseline FILE PATHS…`"


class Baseline(frozenset):
    """The fingerprints of a baseline file (a frozenset of strings) and ``root``, the directory paths
    were taken relative to when they were computed."""

    root: str

    def __new__(cls, fingerprints=(), root: str = "."):
        self = super().__new__(cls, fingerprints)
        self.root = os.path.abspath(root)
        return self


def relative_fingerprints(findings: list[Finding], documents: Mapping, root: str) -> list[str]:
    """``fingerprints`` with each path taken relative to ``root`` (posix separators)."""
    root = os.path.abspath(root)
    rel = {p: _relative(p, root) for p in {f.path for f in findings}}
    return fingerprints([replace(f, path=rel[f.path]) for f in findings], {rel[p]: documents[p] for p in rel})


def baseline_data(report: Report, root: str) -> dict:
    """The baseline document for ``report`` (paths relative to ``root``), fingerprints sorted by path,
    line and rule so the file diffs well."""
    root = os.path.abspath(root)
    entries = []
    for fp, f in zip(relative_fingerprints(report.findings, report.documents, root), report.findings):
        line, _ = report.position(f.path, f.start)
        entries.append((_relative(f.path, root), line, f.rule, fp, f.message))
    entries.sort()
    return {
        "tool": TOOL,
        "version": FORMAT_VERSION,
        "fingerprints": {fp: {"rule": rule, "path": path, "line": line, "message": message}
                         for path, line, rule, fp, message in entries},
    }


def write_baseline(path: str, report: Report) -> int:
    """Write the baseline of ``report`` to ``path`` atomically; returns the number of fingerprints."""
    data = baseline_data(report, os.path.dirname(os.path.abspath(path)))
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(data["fingerprints"])


def load_baseline(path: str) -> Baseline:
    """The fingerprints recorded in a baseline file. Raises InputError for a missing or corrupt file."""
    from taiyaku.read.files import read_regular

    if not os.path.lexists(path):
        raise InputError(f"no such baseline file: create it with `taiyaku baseline {path} PATHS…`", path)
    if os.path.isdir(path):
        raise InputError("the baseline is a directory: give the JSON file `taiyaku baseline` wrote", path)
    raw = read_regular(path, "baseline")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"baseline is not UTF-8 JSON: {_REMAKE}", path) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"baseline is not valid JSON ({exc.msg}): {_REMAKE}", path, exc.lineno) from None
    except RecursionError:
        raise InputError(f"baseline nested too deeply: {_REMAKE}", path) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise InputError(f"baseline holds an absurd value ({exc}): {_REMAKE}", path) from None
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        raise InputError(f"not a taiyaku baseline (no \"tool\": \"taiyaku\"): {_REMAKE}", path)
    if data.get("version") != FORMAT_VERSION:
        raise InputError(f"baseline format version {data.get('version')!r} is not {FORMAT_VERSION}: {_REMAKE}", path)
    prints = data.get("fingerprints")
    if not isinstance(prints, dict):
        raise InputError(f"baseline has no \"fingerprints\" object: {_REMAKE}", path)
    stale = sorted({fp.split(":", 1)[0] for fp in prints if not fp.startswith(VERSION + ":")})
    if stale:
        raise InputError(
            f"baseline fingerprints are version {', '.join(stale)}, this taiyaku makes {VERSION}: {_REMAKE}", path
        )
    return Baseline(prints, os.path.dirname(os.path.abspath(path)))


def filter_new(findings: list[Finding], documents: Mapping, known: frozenset[str] | set[str]) -> list[Finding]:
    """The findings whose fingerprint is not in ``known``. Paths are taken relative to ``known.root``
    for a ``Baseline`` (as ``load_baseline`` returns), else to the working directory."""
    findings = list(findings)
    root = getattr(known, "root", None) or os.getcwd()
    return [f for fp, f in zip(relative_fingerprints(findings, documents, root), findings) if fp not in known]


def _relative(path: str, root: str) -> str:
    try:
        return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    except ValueError:  # another drive (Windows)
        return os.path.abspath(path).replace(os.sep, "/")
