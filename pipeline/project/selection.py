"""Which rules run (select/ignore by code, prefix or name) and which severities fail the run."""

from __future__ import annotations

from dataclasses import dataclass

from taiyaku.errors import InputError
from taiyaku.models import Finding

SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
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
            if not any(_match_len(prefix, r) for r in rules.values()) and prefix.upper() != "ALL":
                raise InputError(f"unknown rule or prefix '{prefix}': run `taiyaku rules` to list them")

    def enabled(self, rule) -> bool:
        chosen = max((_match_len(p, rule) for p in self.select), default=0)
        dropped = max((_match_len(p, rule) for p in self.ignore), default=0)
        if not getattr(rule, "default", True) and chosen <= _ALL:
            return False
        return chosen > 0 and chosen > dropped


def _match_len(prefix: str, rule) -> int:
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
