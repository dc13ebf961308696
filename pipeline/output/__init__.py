"""Output formats: each one writes a Report to a text stream (``write``), or returns the text (``render``).

The text, json, sarif and github formats write as they go, reading the report's findings one at a time
(a large run's findings are in a spill, ``run.spill``, and are never all in memory); html builds its
page in memory and writes it at once.
"""

from __future__ import annotations

import importlib

FORMATS = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github", "html": "html"}
# Formats that need each article's aligned sentences and term hits (Report.views), not only findings.
NEEDS_VIEWS = frozenset({"html"})


def write(report, fmt: str, out, **options) -> None:
    """Write ``report`` in format ``fmt`` to the text stream ``out`` (the format imported only when used)."""
    module = importlib.import_module(f"taiyaku.output.{FORMATS[fmt]}")
    module.write(report, out, **options)


def render(report, fmt: str, **options) -> str:
    """``report`` in format ``fmt``, as one string."""
    import io

    out = io.StringIO()
    write(report, fmt, out, **options)
    return out.getvalue()
