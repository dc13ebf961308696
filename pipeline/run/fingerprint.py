"""Stable finding fingerprints: the same problem keeps its fingerprint when other parts of the
article are edited (lines added above it, other paragraphs rewritten).

A fingerprint hashes the rule, the file, the text found and the text of the line it is on (white
space folded), plus the finding's rank among findings that share all of these. Line numbers are not
part of it. Used by SARIF (``partialFingerprints``) and baselines.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from collections.abc import Iterable, Iterator, Mapping

from taiyaku.models import Finding

VERSION = "v1"


def _context(documents, f: Finding) -> str:
    doc = documents[f.path]
    line, _ = doc.position(f.start)
    end_line, _ = doc.position(max(f.start, f.end - 1))
    text = " ".join(doc.line_text(n) for n in range(line, end_line + 1))
    return " ".join(text.split())


def fingerprints(findings: Iterable[Finding], documents: Mapping) -> list[str]:
    """One fingerprint per finding, in the same order (``documents``: path → DocumentSummary)."""
    return list(iter_fingerprints(findings, documents))


def iter_fingerprints(findings: Iterable[Finding], documents: Mapping, *, grouped: bool = False) -> Iterator[str]:
    """``fingerprints``, one at a time. With ``grouped`` (the findings of each file together, as in a
    report) only one file's state is kept: a finding's rank counts the findings before it with the same
    rule, posix path, text and line, so the counts of a file are dropped when the next file starts,
    unless another path has the same posix form."""
    shared = _shared_posix_paths(documents) if grouped else set()
    seen: dict[str, Counter] = {}  # posix path → findings so far per (rule, path, text, context)
    contexts: dict[tuple[str, int, int], str] = {}  # a long line with many findings is folded once
    hashed: dict[tuple[str, ...], object] = {}  # ... and hashed once per key
    current = None
    for f in findings:
        posix = f.path.replace("\\", "/")
        if grouped and f.path != current:
            if current is not None and current.replace("\\", "/") not in shared:
                seen.pop(current.replace("\\", "/"), None)
            contexts.clear()
            hashed.clear()
            current = f.path
        doc = documents[f.path]
        span = (f.path, doc.position(f.start)[0], doc.position(max(f.start, f.end - 1))[0])
        if span not in contexts:
            contexts[span] = _context(documents, f)
        key = (f.rule, posix, f.found or f.message, contexts[span])
        counts = seen.setdefault(posix, Counter())
        rank = counts[key]
        counts[key] += 1
        if key not in hashed:
            hashed[key] = hashlib.sha256("\x1f".join((*key, "")).encode("utf-8"))
        h = hashed[key].copy()
        h.update(str(rank).encode("utf-8"))
        yield f"{VERSION}:{h.hexdigest()[:32]}"


def _shared_posix_paths(documents: Mapping) -> set[str]:
    """The posix forms (``\\`` as ``/``) that two or more documents' paths share."""
    counts = Counter(path.replace("\\", "/") for path in documents if "\\" in path)
    if counts:
        counts.update(path for path in documents if "\\" not in path and path in counts)
    return {path for path, n in counts.items() if n > 1}
