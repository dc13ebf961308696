"""Glossary formats: one dispatcher picks the reader or writer by extension, else by content.

TSV (the native format) and CSV with named columns in any order, TBX (TBX-Basic v2 ``martif`` and
v3 ``tbx`` core), UTX 1.x, and prh.yml. Readers raise ``InputError`` naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from taiyaku.analyze.glossary import Glossary
from taiyaku.errors import InputError

FORMATS = ("tsv", "csv", "tbx", "utx", "prh")
_EXTENSIONS = {".tsv": "tsv", ".tab": "tsv", ".csv": "csv", ".tbx": "tbx", ".xml": "tbx", ".utx": "utx",
               ".yml": "prh", ".yaml": "prh"}


def format_of(path: str, text: str | None = None) -> str:
    """The format named by the extension, else guessed from the content (``text``), else TSV."""
    by_ext = _EXTENSIONS.get(Path(path).suffix.lower())
    if by_ext or text is None:
        return by_ext or "tsv"
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("#UTX"):
        return "utx"
    if head.startswith("<"):
        return "tbx"
    first = next((ln for ln in head.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if first.startswith(("version:", "rules:", "imports:")) or "\nrules:" in "\n" + head:
        return "prh"
    if "\t" not in first and "," in first:
        return "csv"
    return "tsv"


def read_glossary(text: str, path: str, fmt: str | None = None) -> Glossary:
    """Parse ``text`` (the decoded file) in ``fmt`` or the format ``format_of`` picks."""
    fmt = fmt or format_of(path, text)
    if fmt == "tsv":
        from taiyaku.analyze.glossary import parse_glossary

        return parse_glossary(text, path)
    if fmt == "csv":
        from taiyaku.terms.table import read_csv

        return read_csv(text, path)
    if fmt == "tbx":
        from taiyaku.terms.tbx import read_tbx

        return read_tbx(text, path)
    if fmt == "utx":
        from taiyaku.terms.utx import read_utx

        return read_utx(text, path)
    if fmt == "prh":
        from taiyaku.terms.prh import read_prh

        return read_prh(text, path)
    raise InputError(f"unknown glossary format '{fmt}': use one of {', '.join(FORMATS)}", path)


def write_glossary(glossary: Glossary, fmt: str) -> str:
    """The text of ``glossary`` in ``fmt``."""
    if fmt in ("tsv", "csv"):
        from taiyaku.terms.table import write_table

        return write_table(glossary, fmt)
    if fmt == "tbx":
        from taiyaku.terms.tbx import write_tbx

        return write_tbx(glossary)
    if fmt == "utx":
        from taiyaku.terms.utx import write_utx

        return write_utx(glossary)
    if fmt == "prh":
        from taiyaku.terms.prh import write_prh

        return write_prh(glossary)
    raise InputError(f"unknown glossary format '{fmt}': use one of {', '.join(FORMATS)}")


def load_lexicon(path: str | None) -> dict | None:
    """A glossary file in any format used as a dictionary of renderings: each Japanese spelling → its
    entry (None without a path). Mining and coverage take their evidence from it."""
    if not path:
        return None
    from taiyaku.analyze.glossary import load_glossary

    lexicon: dict = {}
    for e in load_glossary(path).entries:
        for spelling in e.spellings:
            lexicon.setdefault(spelling, e)
    return lexicon
