"""Output formats: each one is a pure function of a Report returning text."""

from __future__ import annotations

import importlib

FORMATS = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github", "html": "html"}
# Formats that need each article's aligned sentences and term hits (Report.views), not only findings.
NEEDS_VIEWS = frozenset({"html"})


def render(report, fmt: str, **options) -> str:
    """Render ``report`` in format ``fmt`` (imported only when used)."""
    module = importlib.import_module(f"taiyaku.output.{FORMATS[fmt]}")
    return module.render(report, **options)
