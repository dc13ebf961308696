"""Output formats: each one is a pure function of a Report returning text."""

from __future__ import annotations

import importlib

FORMATS = {"text": "text", "json": "json_format"}


def render(report, fmt: str, **options) -> str:
    """Render ``report`` in format ``fmt`` (imported only when used)."""
    module = importlib.import_module(f"pipeline.output.{FORMATS[fmt]}")
    return module.render(report, **options)
