"""Paths → ``Article``s: what is checked together.

``NAME.ja.EXT`` and ``NAME.en.EXT`` in one directory are one article (the extensions may differ; naming
one half picks up the other). Any other file (bilingual, Japanese only, or English only) is an article
on its own. Directories are walked recursively in sorted order, skipping hidden entries and README files.

Projects that keep the halves apart (``ja/NAME.md`` and ``en/NAME.md``) pass pairing patterns: pairs of
paths with one ``{name}`` each, e.g. ``("ja/{name}.md", "en/{name}.md")``; a file matching one side is
paired with the file the other side names (relative patterns are taken from the working directory).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from taiyaku.read.documents import read_document, role_from_name
from taiyaku.errors import InputError
from taiyaku.read.formats import format_of
from taiyaku.models import Article, Document, Segment
from taiyaku.analyze.sentences import segment


def find_articles(
    paths: list[str],
    pairs: Sequence[tuple[str, str]] | None = None,
    separators: Sequence[re.Pattern[str]] = (),
) -> list[Article]:
    """Articles for files and directories, in the order given (directories sorted). Raises InputError.
    ``pairs``: pairing patterns (see ``discover``); ``separators``: extra separator-line patterns."""
    return [load_article(name, files, separators) for name, files in discover(paths, pairs)]


def discover(paths: list[str], pairs: Sequence[tuple[str, str]] | None = None) -> list[tuple[str, dict[str, str]]]:
    """(article name, {role: path}) for files and directories, without reading them; role "" is a
    bilingual or single-language file. Raises InputError for a missing path.

    ``pairs``: (ja pattern, en pattern) with one ``{name}`` each, tried in order before the
    ``NAME.ja.EXT``/``NAME.en.EXT`` convention."""
    patterns = _PairPatterns(pairs) if pairs else None
    groups: dict[tuple[str, str], dict[str, str]] = {}  # (name, pair or single path) → {role: path}
    names: dict[tuple[str, str], str] = {}  # article names of pattern pairs (their keys are absolute)
    for path in paths:
        if not os.path.exists(path):
            raise InputError("no such file or directory: check the path", path=path)
        for file in _walk(path) if os.path.isdir(path) else [path]:
            file = os.path.normpath(file)
            matched = patterns.match(file) if patterns else None
            if matched is not None:
                key, name, role, partner = matched
                group = groups.setdefault((key, "\0pair"), {})
                names.setdefault((key, "\0pair"), name)
                if os.path.abspath(group.get(role, file)) != os.path.abspath(file):
                    raise InputError(f"two {role} files for one article: {group[role]} and {file}; keep one", path=file)
                group.setdefault(role, file)
                other = "en" if role == "ja" else "ja"
                if other not in group and os.path.isfile(partner) and format_of(partner):
                    group[other] = partner
                continue
            name, role = _article_key(file)
            group = groups.setdefault((name, "" if role else file), {})
            if role is None:
                group[""] = file
                continue
            if group.get(role, file) != file:
                raise InputError(f"two {role} files for one article: {group[role]} and {file}; keep one", path=file)
            group[role] = file
            _add_partner(name, role, group)
    return [(names.get(key, key[0]), group) for key, group in groups.items()]


def _walk(root: str) -> list[str]:
    return walk(root)[0]


def walk(root: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(article files under ``root`` in sorted order, [(path, why it was skipped)]): FIFOs, devices,
    sockets, broken or looping symlinks, files over the size limit and unreadable files or folders are
    skipped, not fatal."""
    out: list[str] = []
    skipped: list[tuple[str, str]] = []

    def unreadable(exc: OSError) -> None:
        skipped.append((exc.filename or root, f"cannot read folder ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.startswith(".") or f.lower().startswith("readme.") or format_of(f) is None:
                continue
            path = os.path.join(dirpath, f)
            why = _unusable(path)
            if why:
                skipped.append((path, why))
            else:
                out.append(path)
    return out, sorted(skipped)


def skipped_entries(paths: list[str]) -> list[tuple[str, str]]:
    """(path, reason) for each entry the walk of the directories in ``paths`` skipped, for the report."""
    return [entry for path in paths if os.path.isdir(path) for entry in walk(path)[1]]


def _unusable(path: str) -> str | None:
    """Why a walked file cannot be read as an article, or None."""
    from taiyaku.read.files import kind, max_bytes

    try:
        st = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            return f"broken symlink ({exc.strerror or exc})"
        return f"cannot read file ({exc.strerror or exc})"
    other = kind(st.st_mode)
    if other:
        return f"not a regular file (a {other})"
    if st.st_size > max_bytes():
        return f"{st.st_size:,} bytes, over the size limit of {max_bytes():,} (TAIYAKU_MAX_BYTES)"
    if not os.access(path, os.R_OK):
        return "cannot read file (permission denied)"
    return None


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


class _PairPatterns:
    """Pairing patterns compiled to regular expressions over absolute paths."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.sides: list[tuple[re.Pattern[str], str, str, str]] = []  # (regex, role, ja pattern, en pattern)
        for ja, en in pairs:
            ja, en = os.path.abspath(ja), os.path.abspath(en)
            self.sides.append((_pattern_regex(ja), "ja", ja, en))
            self.sides.append((_pattern_regex(en), "en", ja, en))

    def match(self, file: str) -> tuple[str, str, str, str] | None:
        """(key, article name, role of ``file``, its partner's path) if ``file`` matches a pattern, else
        None. The key (the absolute path of the ja half without extension) is the same whichever half is named and however
        it is spelled; name and partner come in the style of ``file`` (relative or absolute)."""
        absolute = os.path.abspath(file)
        for regex, role, ja, en in self.sides:
            m = regex.fullmatch(absolute)
            if m is None:
                continue
            name = m.group("name")
            partner = _like(file, (en if role == "ja" else ja).replace("{name}", name))
            ja_path = ja.replace("{name}", name)
            return os.path.splitext(ja_path)[0], os.path.splitext(_like(file, ja_path))[0], role, partner
        return None


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    before, _, after = pattern.partition("{name}")
    return re.compile(re.escape(before) + r"(?P<name>.+)" + re.escape(after))


def _like(model: str, absolute: str) -> str:
    """``absolute`` made relative to the working directory if ``model`` is relative."""
    return absolute if os.path.isabs(model) else os.path.relpath(absolute)


def load_article(name: str, group: dict[str, str], separators: Sequence[re.Pattern[str]] = ()) -> Article:
    """Read, decode and segment the files of one article (the ja and en halves get those roles whatever
    their names, so pattern-paired files are read as one language each)."""
    docs: list[Document] = [read_document(group[r], r or None, separators) for r in ("ja", "", "en") if r in group]
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
