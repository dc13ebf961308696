"""Load and validate ``glossary.tsv``: a broken glossary stops the run with ``path:line: what is wrong``."""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from taiyaku.errors import InputError

REQUIRED = ("ja", "en")
LIST_COLUMNS = ("ja_variants", "en_variants", "en_forbidden")
# examples: the entry's self-tests, ``sentence => expected`` (see taiyaku.terms.selftest)
KNOWN = REQUIRED + LIST_COLUMNS + ("note", "examples")
MAX_CELL = 500  # characters in a term cell (not the note): beyond it the glossary is broken, not a term list


def check_header(columns: list[str], path: str, line: int) -> None:
    """Every column is a known one (a misspelt column would silently drop its data) and ja, en are there."""
    for column in columns:
        if column not in KNOWN:
            close = difflib.get_close_matches(column, KNOWN, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f": the columns are {', '.join(KNOWN)}"
            raise InputError(f"unknown column '{column}'{hint}", path, line)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InputError(
            "no header row: the first line must name the columns, e.g. 'ja<TAB>en'"
            f" (missing {', '.join(missing)})",
            path, line,
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One term: the canonical Japanese, its preferred English and what else is allowed or wrong."""

    ja: str
    en: str
    ja_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    en_forbidden: tuple[str, ...] = ()
    note: str = ""
    line: int = 0
    examples: tuple[str, ...] = ()
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # hashed once: checks and analysis group hits by entry, and a dataclass hash hashes every field
        object.__setattr__(self, "_hash", hash(self._fields()))

    def _fields(self) -> tuple:
        return (self.ja, self.en, self.ja_variants, self.en_variants, self.en_forbidden, self.note, self.line,
                self.examples)

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self):
        # rebuilt from its fields: string hashes differ between processes, so the hash is not carried
        return Entry, self._fields()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.en, *self.en_variants)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.ja, *self.ja_variants)


@dataclass(frozen=True, slots=True)
class Glossary:
    path: str
    entries: tuple[Entry, ...]
    skipped: tuple[str, ...] = ()  # "line N: why" for rows a lenient reader (UTX) passed over
    sha256: str = ""  # of the file it was read from
    by_spelling: dict[str, Entry] = field(init=False, repr=False, compare=False)  # every ja spelling → its entry

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_spelling", {s: e for e in self.entries for s in e.spellings})

    def __len__(self) -> int:
        return len(self.entries)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _english_key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def parse_glossary(text: str, path: str) -> Glossary:
    """Parse TSV text; raises InputError naming the line for anything wrong."""
    rows = ((number, line.rstrip("\r").split("\t")) for number, line in enumerate(text.splitlines(), start=1))
    return glossary_from_rows(rows, path, "\t")


def glossary_from_rows(rows: Iterable[tuple[int, list[str]]], path: str, separator: str) -> Glossary:
    """The glossary of a table's (line number, cells) rows, as every table format has them: blank and
    ``#`` rows skipped, the first other row the header; ``separator`` ("\\t" or ",") only words the
    messages. Raises InputError naming the line for anything wrong."""
    name, example = {"\t": ("tab", "ja<TAB>en"), ",": ("comma", "ja,en")}[separator]
    header: list[str] | None = None
    entries: list[Entry] = []
    for number, fields in rows:
        if not fields or not "".join(fields).strip() or fields[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [f.strip().lower() for f in fields]
            # a line naming no known column is data, not a misspelt header: say the header is missing
            check_header(header if set(header) & set(KNOWN) else [], path, number)
            continue
        if len(fields) != len(header):
            raise InputError(
                f"expected {len(header)} {name}-separated columns ({', '.join(header)}), found {len(fields)}",
                path, number,
            )
        entries.append(entry_from_row(dict(zip(header, fields)), path, number))
    if header is None:
        raise InputError(f"empty glossary: add a header row '{example}' and entries", path, 1)
    return make_glossary(entries, path)


def entry_from_row(row: dict[str, str], path: str, line: int) -> Entry:
    """One entry from a row of named cells (lists separated by ``|``), as every table format has."""
    row = {k: (v or "").strip() for k, v in row.items()}
    for column, value in row.items():
        if column not in ("note", "examples") and len(value) > MAX_CELL:
            raise InputError(f"cell '{column}' longer than {MAX_CELL} characters: a term is a word or phrase",
                             path, line)
    for column in REQUIRED:
        if not row.get(column):
            raise InputError(f"empty '{column}': every entry needs both ja and en", path, line)
    return Entry(
        ja=nfkc(row["ja"]),
        en=row["en"],
        ja_variants=tuple(nfkc(v) for v in _split(row.get("ja_variants", ""))),
        en_variants=_split(row.get("en_variants", "")),
        en_forbidden=_split(row.get("en_forbidden", "")),
        note=row.get("note", ""),
        line=line,
        examples=_split(row.get("examples", "")),
    )


def make_glossary(entries: list[Entry], path: str, skipped: tuple[str, ...] = ()) -> Glossary:
    """Validate entries read by any reader (raises InputError naming the line) and wrap them."""
    _validate(entries, path)
    return Glossary(path=path, entries=tuple(entries), skipped=skipped)


def _validate(entries: list[Entry], path: str) -> None:
    by_ja: dict[str, Entry] = {}
    for e in entries:
        first = by_ja.get(e.ja)
        if first is not None:
            what = "with a different en" if first.en != e.en else "again"
            raise InputError(
                f"'{e.ja}' is defined {what} (first at line {first.line}): keep one entry",
                path, e.line,
            )
        by_ja[e.ja] = e
    spelling_owner: dict[str, Entry] = {e.ja: e for e in entries}
    for e in entries:
        for v in e.ja_variants:
            owner = spelling_owner.get(v)
            if owner is not None and owner is not e:
                raise InputError(
                    f"variant '{v}' of '{e.ja}' is also the term or a variant of '{owner.ja}'"
                    f" (line {owner.line}): a spelling belongs to one entry",
                    path, e.line,
                )
            spelling_owner[v] = e
    # A rendering may be forbidden for one term and accepted for another ("chiropractic" is wrong for
    # 整体 and right for カイロプラクティック): the checks judge renderings per term. Within one entry
    # it is a contradiction.
    for e in entries:
        accepted = {_english_key(a) for a in e.accepted}
        for f in e.en_forbidden:
            if _english_key(f) in accepted:
                raise InputError(
                    f"'{f}' is both accepted and forbidden for '{e.ja}': remove one of them", path, e.line
                )


def load_glossary(path: str | Path) -> Glossary:
    """Read and validate a glossary file in any format taiyaku reads (TSV, CSV, TBX, UTX, prh.yml)."""
    from taiyaku.read.files import read_regular

    if not os.path.lexists(path):
        raise InputError("no such glossary file: check --glossary", str(path))
    data = read_regular(str(path), "glossary")
    if b"\x00" in data:
        raise InputError("glossary is not text: it must be a UTF-8 TSV file", str(path), 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("glossary is not UTF-8 text: save it as UTF-8", str(path), line) from None
    import hashlib

    from taiyaku.terms import read_glossary

    return replace(read_glossary(text, str(path)), sha256=hashlib.sha256(data).hexdigest())


def bundled_glossary_path() -> Path:
    """The glossary shipped with taiyaku: package data of ``taiyaku`` (``glossary.tsv`` at the top of
    the repository, which the package reaches through a symlink)."""
    from taiyaku.installed import package_file

    return package_file("taiyaku", "glossary.tsv")


def resolve_glossary_path(option: str | None, cwd: Path | None = None) -> Path:
    """``--glossary`` if given, else ``./glossary.tsv`` if present, else the bundled one."""
    if option:
        return Path(option)
    local = (cwd or Path.cwd()) / "glossary.tsv"
    return local if local.is_file() else bundled_glossary_path()
