"""Paths → ``Article``s: what is checked together.

``NAME.ja.EXT`` and ``NAME.en.EXT`` in one directory are one article (the extensions may differ; naming
one half picks up the other). Any other file (bilingual, Japanese only, or English only) is an article
on its own. Directories are walked recursively in sorted order, skipping hidden entries and README files.
"""

from __future__ import annotations

import os

from .documents import read_document, role_from_name
from .errors import InputError
from .formats import format_of
from .models import Article, Document, Segment
from .sentences import segment


def find_articles(paths: list[str]) -> list[Article]:
    """Articles for files and directories, in the order given (directories sorted). Raises InputError."""
    return [load_article(name, files) for name, files in discover(paths)]


def discover(paths: list[str]) -> list[tuple[str, dict[str, str]]]:
    """(article name, {role: path}) for files and directories, without reading them; role "" is a
    bilingual or single-language file. Raises InputError for a missing path."""
    groups: dict[tuple[str, str], dict[str, str]] = {}  # (name, pair or single path) → {role: path}
    for path in paths:
        if not os.path.exists(path):
            raise InputError("no such file or directory: check the path", path=path)
        for file in _walk(path) if os.path.isdir(path) else [path]:
            file = os.path.normpath(file)
            name, role = _article_key(file)
            group = groups.setdefault((name, "" if role else file), {})
            if role is None:
                group[""] = file
                continue
            if group.get(role, file) != file:
                raise InputError(f"two {role} files for one article: {group[role]} and {file}; keep one", path=file)
            group[role] = file
            _add_partner(name, role, group)
    return [(name, group) for (name, _), group in groups.items()]


def _walk(root: str) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.startswith(".") or f.lower().startswith("readme.") or format_of(f) is None:
                continue
            out.append(os.path.join(dirpath, f))
    return out


def _article_key(path: str) -> tuple[str, str | None]:
    """(article name, "ja"/"en"/None): the name is the path without the language tag and extension."""
    path = os.path.normpath(path)
    role = role_from_name(path)
    stem = os.path.splitext(path)[0]
    if role:
        stem = os.path.splitext(stem)[0]
    return stem, role


def _add_partner(name: str, role: str, group: dict[str, str]) -> None:
    """Find the other half of ``NAME.ja.EXT``/``NAME.en.EXT`` next to it, whatever its extension."""
    other = "en" if role == "ja" else "ja"
    if other in group:
        return
    directory, base = os.path.split(name)
    try:
        entries = sorted(os.listdir(directory or "."))
    except OSError:
        return
    for f in entries:
        if f.startswith(base + "." + other + ".") and format_of(f) and _article_key(f)[0] == base:
            group[other] = os.path.join(directory, f)
            return


def load_article(name: str, group: dict[str, str]) -> Article:
    """Read, decode and segment the files of one article."""
    docs: list[Document] = [read_document(group[r]) for r in ("ja", "", "en") if r in group]
    ja: list[Segment] = []
    en: list[Segment] = []
    for doc in docs:
        j, e = segment(doc)
        ja.extend(j)
        en.extend(e)
    for i, s in enumerate(ja):
        s.index = i
    for i, s in enumerate(en):
        s.index = i
    return Article(name, docs, ja, en)
