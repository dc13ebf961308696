"""UTX 1.x (UTX-Simple) glossaries: tab-separated, ``#UTX`` header naming the language direction.

The first line is ``#UTX 1.xx; SRC/TGT; …``; a ``#src<TAB>tgt…`` line names the columns. Rows are
grouped by their Japanese term (``tgt`` when the target language is Japanese, else ``src``): the first
approved row gives ``en``, the others ``en_variants``; a row whose term status is ``forbidden`` or
``non-standard`` gives an ``en_forbidden`` rendering (the pairing is wrong). ``comment`` becomes ``note``.
A row with an empty term is skipped and listed in ``Glossary.skipped``.
taiyaku writes two user columns, ``x-ja-variants`` and ``x-examples``, so nothing is lost on export.
"""

from __future__ import annotations

from datetime import datetime, timezone

from taiyaku.analyze.glossary import Entry, Glossary, make_glossary, nfkc
from taiyaku.errors import InputError

_STATUS = ("term status", "status", "src:status", "tgt:status")
_WRONG = ("forbidden", "non-standard", "nonstandard", "deprecated")


def _direction(first: str, path: str) -> tuple[str, str]:
    parts = [p.strip() for p in first.split(";")]
    if len(parts) < 2 or "/" not in parts[1]:
        raise InputError("UTX header must name the languages, e.g. '#UTX 1.11; en/ja; …'", path, 1)
    src, tgt = (p.strip().lower().split("-")[0] for p in parts[1].split("/", 1))
    if {src, tgt} != {"en", "ja"}:
        raise InputError(f"UTX languages are {src}/{tgt}: taiyaku reads English/Japanese glossaries", path, 1)
    return src, tgt


def read_utx(text: str, path: str) -> Glossary:
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#UTX"):
        raise InputError("not a UTX file: the first line must start with '#UTX'", path, 1)
    src, _ = _direction(lines[0], path)
    ja_col, en_col = ("tgt", "src") if src == "en" else ("src", "tgt")
    columns: list[str] | None = None
    groups: dict[str, dict] = {}
    skipped: list[str] = []
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        if raw.startswith("#"):
            names = [c.strip().lower() for c in raw[1:].split("\t")]
            if columns is None and names and names[0] == "src":
                columns = names
                if "tgt" not in columns:
                    raise InputError("UTX column line must name 'src' and 'tgt'", path, number)
            continue
        if columns is None:
            raise InputError("no column line ('#src<TAB>tgt…') before the first entry", path, number)
        cells = raw.split("\t")
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
            raise InputError(f"{len(cells)} columns, but the column line names {len(columns)}", path, number)
        row = dict(zip(columns, (c.strip() for c in cells)))
        ja, en = nfkc(row.get(ja_col, "")), row.get(en_col, "")
        if not ja or not en:  # published dictionaries have such rows (MedUTX: 2): skip them, and say so
            skipped.append(f"line {number}: empty {ja_col if not ja else en_col}")
            continue
        status = next((row[s].lower() for s in _STATUS if row.get(s)), "")
        g = groups.setdefault(ja, {"line": number, "ok": [], "wrong": [], "notes": [], "vars": [], "ex": []})
        bucket = g["wrong"] if status.startswith(_WRONG) else g["ok"]
        if en not in bucket:
            bucket.append(en)
        for key, column in (("notes", "comment"), ("vars", "x-ja-variants"), ("ex", "x-examples")):
            for v in ([row[column]] if key == "notes" else row.get(column, "").split("|")) if row.get(column) else ():
                if v.strip() and v.strip() not in g[key]:
                    g[key].append(v.strip())
    entries = []
    for ja, g in groups.items():
        if not g["ok"]:
            raise InputError(f"'{ja}' has only forbidden renderings: add an approved one", path, g["line"])
        wrong = [w for w in g["wrong"] if w not in g["ok"]]
        entries.append(Entry(ja=ja, en=g["ok"][0], ja_variants=tuple(nfkc(v) for v in g["vars"]),
                             en_variants=tuple(g["ok"][1:]), en_forbidden=tuple(wrong),
                             note=" | ".join(g["notes"]), line=g["line"], examples=tuple(g["ex"])))
    return make_glossary(entries, path, tuple(skipped))


def write_utx(glossary: Glossary) -> str:
    """UTX 1.11, ja→en, one row per rendering (``approved`` or ``forbidden``)."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = [f"#UTX 1.11; ja/en; {stamp}; exported by taiyaku from {glossary.path}\n",
           "#src\ttgt\tsrc:pos\tterm status\tcomment\tx-ja-variants\tx-examples\n"]
    for e in glossary.entries:
        rows = [(en, "approved") for en in e.accepted] + [(en, "forbidden") for en in e.en_forbidden]
        for i, (en, status) in enumerate(rows):
            first = i == 0
            cells = [e.ja, en, "noun", status, e.note if first else "",
                     "|".join(e.ja_variants) if first else "", "|".join(e.examples) if first else ""]
            if any("\t" in c or "\n" in c for c in cells):
                raise InputError(f"'{e.ja}' holds a tab or a line break, which UTX cannot hold", glossary.path, e.line)
            out.append("\t".join(cells) + "\n")
    return "".join(out)
