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
    out = []
    for f in findings:
        key = (f.rule, f.path.replace("\\", "/"), f.found or f.message, _context(documents, f))
        rank = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(rank))).encode("utf-8")).hexdigest()[:32]
        out.append(f"{VERSION}:{digest}")
    return out
