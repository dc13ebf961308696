"""Stable finding fingerprints: the same problem keeps its fingerprint when other parts of the
article are edited (lines added above it, other paragraphs rewritten).

A fingerprint hashes the rule, the file, the text found and the text of the line it is on (white
space folded), plus the finding's rank among findings that share all of these. Line numbers are not
part of it. Used by SARIF (``partialFingerprints``) and baselines.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from collections.abc import Iterable, Mapping

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
    seen: Counter[tuple[str, ...]] = Counter()
    contexts: dict[tuple[str, int, int], str] = {}  # a long line with many findings is folded once
    hashed: dict[tuple[str, ...], object] = {}  # ... and hashed once per key
    out = []
    for f in findings:
        doc = documents[f.path]
        span = (f.path, doc.position(f.start)[0], doc.position(max(f.start, f.end - 1))[0])
        if span not in contexts:
            contexts[span] = _context(documents, f)
        key = (f.rule, f.path.replace("\\", "/"), f.found or f.message, contexts[span])
        rank = seen[key]
        seen[key] += 1
        if key not in hashed:
            hashed[key] = hashlib.sha256("\x1f".join((*key, "")).encode("utf-8"))
        h = hashed[key].copy()
        h.update(str(rank).encode("utf-8"))
        out.append(f"{VERSION}:{h.hexdigest()[:32]}")
    return out
