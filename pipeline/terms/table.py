"""CSV and TSV glossaries: a header row names the columns (any order); lists are ``|``-separated."""

from __future__ import annotations

import csv
import io

from taiyaku.analyze.glossary import KNOWN, Glossary, glossary_from_rows
from taiyaku.errors import InputError


def read_csv(text: str, path: str) -> Glossary:
    """A comma-separated glossary (RFC 4180 quoting); ``#`` lines and blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))

    def numbered():
        line = 1
        for fields in reader:
            start, line = line, reader.line_num + 1
            yield start, fields

    try:
        return glossary_from_rows(numbered(), path, ",")
    except csv.Error as exc:
        raise InputError(f"broken CSV ({exc}): check the quotes", path, reader.line_num) from None


def rows(glossary: Glossary) -> tuple[list[str], list[list[str]]]:
    """The columns that hold something, and one row of cells per entry."""
    cells = [
        [e.ja, e.en, "|".join(e.ja_variants), "|".join(e.en_variants), "|".join(e.en_forbidden), e.note,
         "|".join(e.examples)]
        for e in glossary.entries
    ]
    columns = list(KNOWN)
    keep = [i for i, c in enumerate(columns) if i < 2 or any(r[i] for r in cells)]
    return [columns[i] for i in keep], [[r[i] for i in keep] for r in cells]


def write_table(glossary: Glossary, fmt: str) -> str:
    """TSV (the native format) or CSV."""
    header, body = rows(glossary)
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        return out.getvalue()
    for e, r in zip(glossary.entries, body):
        if any("\t" in c or "\n" in c for c in r):
            raise InputError(f"'{e.ja}' holds a tab or a line break, which TSV cannot hold", glossary.path, e.line)
    return "".join("\t".join(r) + "\n" for r in [header, *body])
