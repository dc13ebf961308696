"""Which rules run (select/ignore by code, prefix or name) and which severities fail the run."""

from __future__ import annotations

from dataclasses import dataclass

from taiyaku.errors import InputError
from taiyaku.models import SEVERITY_RANK, Finding

FAIL_ON = ("error", "warning", "info", "never")
_ALL = 1  # how specifically ALL names a rule: less than any code prefix


@dataclass(frozen=True)
class Selection:
    """Ruff-style selection: the most specific matching prefix wins; ``ALL`` matches every rule that is
    on by default (``Rule.default``); a rule that is off by default needs its code, a prefix or its name."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    def validate(self, rules) -> None:
        for prefix in self.select + self.ignore:
            if not named(prefix, rules):
                raise InputError(unknown_rule(prefix))

    def enabled(self, rule) -> bool:
        """The most specific matching prefix wins; a rule that is off by default (``Rule.default``) is
        chosen only by its full code or its name, not by a prefix or ``ALL``."""
        chosen = max((match_len(p, rule) for p in self.select), default=0)
        dropped = max((match_len(p, rule) for p in self.ignore), default=0)
        if not getattr(rule, "default", True) and chosen < len(rule.code) + 1:
            return False
        return chosen > 0 and chosen > dropped


def named(code: str, rules) -> set[str]:
    """The codes of the ``rules`` (a code → Rule mapping) that ``code`` names: a code, a prefix, a name
    or ``ALL``; empty when it names none."""
    return {r.code for r in rules.values() if match_len(code, r)}


def unknown_rule(code: str, where: str = "") -> str:
    """The message for a code that names no rule (``where``: e.g. " in taiyaku-disable")."""
    return f"unknown rule or prefix '{code}'{where}: run `taiyaku rules` to list them"


def match_len(prefix: str, rule) -> int:
    """How specifically ``prefix`` names ``rule`` (0: not at all)."""
    p = prefix.strip()
    if p.upper() == "ALL":
        return _ALL
    if p.lower() == rule.name:
        return 100
    return len(p) + 1 if rule.code.startswith(p.upper()) else 0


def parse_codes(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Codes from repeated and comma-separated options."""
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def fails(findings: list[Finding], fail_on: str) -> bool:
    """Is any finding at or above the ``--fail-on`` threshold?"""
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in findings)
