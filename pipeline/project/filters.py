"""The one filter chain between the checks and the report, always in this order:

1. inline suppressions (``<!-- taiyaku-disable … -->`` in the article, ``project.suppress``);
2. the configuration: per-file ignores drop findings, severity overrides change them;
3. the baseline: findings recorded in it are dropped.

``FilterChain.apply(findings, documents)`` runs where the documents are: in the worker that checked an
article (its ``DocumentSummary`` objects carry the suppressed regions and the lines findings touch), or
in the parent for corpus-scope findings.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from taiyaku.models import Finding
from taiyaku.project.selection import match_len


@dataclass(frozen=True)
class FilterChain:
    """Suppressions → configuration → baseline. ``settings`` is a ``config.Settings`` (or None: no
    per-file ignores or severities); ``baseline`` a ``baseline.Baseline`` (or None)."""

    settings: object = None
    baseline: frozenset | None = None

    def apply(self, findings: Iterable[Finding], documents: Mapping) -> list[Finding]:
        """The findings that survive, in order. ``documents`` maps paths to ``DocumentSummary``."""
        from taiyaku.project.suppress import drop_suppressed

        kept = drop_suppressed(findings, documents)
        if self.settings is not None:
            kept = apply_settings(kept, self.settings)
        if self.baseline is not None:
            from taiyaku.project.baseline import filter_new

            kept = filter_new(kept, documents, self.baseline)
        return kept


def _rules():
    from taiyaku.checks.registry import registry

    return registry()


def apply_settings(findings: Iterable[Finding], settings) -> list[Finding]:
    """``findings`` with severity overrides applied (the most specific key wins) and those a per-file
    ignore covers dropped."""
    severity = settings.severity
    per_file = [(glob_regex(g), codes) for g, codes in settings.per_file_ignores.items()]
    if not severity and not per_file:
        return list(findings)
    rules = _rules()
    root = settings.per_file_root()
    ignored_in: dict[str, tuple[str, ...]] = {}
    out: list[Finding] = []
    for f in findings:
        if per_file:
            if f.path not in ignored_in:
                rel = _relative_candidates(f.path, root)
                ignored_in[f.path] = tuple(c for regex, codes in per_file if any(regex.fullmatch(p) for p in rel) for c in codes)
            rule = rules.get(f.rule)
            if rule is not None and any(match_len(c, rule) for c in ignored_in[f.path]):
                continue
        if severity and f.rule in rules:
            rank, level = max(((match_len(k, rules[f.rule]), v) for k, v in severity.items()), default=(0, None))
            if rank and level != f.severity:
                f = replace(f, severity=level)
        out.append(f)
    return out


def _relative_candidates(path: str, root: str) -> list[str]:
    """The forms of ``path`` a per-file glob is matched against: relative to ``root`` (posix), each of its
    parent directories (so ``drafts`` covers ``drafts/a.md``), and its base name and the base names of its
    directories (a glob without ``/`` matches at any depth)."""
    rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    parts = rel.split("/")
    if parts[0] == "..":  # outside the project: only globs without "/" (base names) can match
        return [parts[-1]]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))] + parts


def glob_regex(glob: str) -> re.Pattern[str]:
    """A gitignore-like glob (``*``, ``?``, ``[…]``, ``**``) relative to the config directory."""
    g = glob.strip().replace("\\", "/")
    while g.startswith("./"):
        g = g[2:]
    g = g.rstrip("/") or "**"
    out, i = [], 0
    while i < len(g):
        c = g[i]
        if g.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif g.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = g.find("]", i + 2)
            if j < 0:
                out.append(re.escape(c))
                i += 1
                continue
            body = g[i + 1 : j]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out))
