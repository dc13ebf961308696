"""Paths → ``Article``s: what is checked together.

``NAME.ja.EXT`` and ``NAME.en.EXT`` in one directory are one article (the extensions may differ; naming
one half picks up the other). Any other file (bilingual, Japanese only, or English only) is an article
on its own. Directories are walked recursively in sorted order, skipping hidden entries and README files.

Projects that keep the halves apart (``ja/NAME.md`` and ``en/NAME.md``) pass pairing patterns: pairs of
paths with one ``{name}`` each, e.g. ``("ja/{name}.md", "en/{name}.md")``; a file matching one side is
paired with the file the other side names (relative patterns are taken from the working directory).

A file holding several articles (an XLIFF job with several ``<file>``s, a WordPress export) is read at
discovery by its reader's ``articles``: each article's group then names the part of the file each role
reads under the key ``"#" + role`` (``"#"`` for role ""), e.g. ``{"ja": "site.xml", "en": "site.xml",
"#ja": "12", "#en": "15"}`` for two WordPress posts that translate each other. Files found by walking a
directory carry that directory under the key ``"@"``: when one cannot be read, it is skipped (and
listed), not fatal as a file named on the command line is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from taiyaku.read.documents import read_document
from taiyaku.read.naming import Listing, find_partner, partners, tagged
from taiyaku.errors import InputError
from taiyaku.read.formats import EXTENSIONS, format_of, reader
from taiyaku.models import Article, Segment
from taiyaku.analyze.sentences import segment


def find_articles(
    paths: list[str],
    pairs: Sequence[tuple[str, str]] | None = None,
    separators: Sequence[re.Pattern[str]] = (),
    slug_suffixes: Sequence[str] | None = None,
) -> list[Article]:
    """Articles for files and directories, in the order given (directories sorted). Raises InputError.
    ``pairs``, ``slug_suffixes``: see ``discover``; ``separators``: extra separator-line patterns."""
    return [load_article(name, files, separators) for name, files in discover(paths, pairs, slug_suffixes)]


def discover(
    paths: list[str], pairs: Sequence[tuple[str, str]] | None = None, slug_suffixes: Sequence[str] | None = None
) -> list[tuple[str, dict[str, str]]]:
    """(article name, {role: path}) for files and directories, without reading them; role "" is a
    bilingual or single-language file. Raises InputError for a missing path.

    ``pairs``: (ja pattern, en pattern) with one ``{name}`` each, tried in order before the
    ``NAME.ja.EXT``/``NAME.en.EXT`` convention; ``slug_suffixes``: WordPress slug rule (see
    ``formats.wordpress``)."""
    patterns = _PairPatterns(pairs) if pairs else None
    groups: dict[tuple[str, str], dict[str, str]] = {}  # (name, pair or single path) → {role: path}
    names: dict[tuple[str, str], str] = {}  # article names of pattern pairs (their keys are absolute)
    listing = Listing()
    from taiyaku.read.files import given

    for path in paths:
        if not os.path.exists(path) and not given(path):
            raise InputError("no such file or directory: check the path", path=path)
        walked = os.path.isdir(path)
        for file in _walk(path) if walked else [path]:
            file = os.path.normpath(file)
            try:
                parts = _parts(file, not walked, slug_suffixes)
            except InputError:
                if not walked:
                    raise
                parts = [(file, {"": file})]  # loading it raises the error again: it is skipped then
            if parts is not None:
                for name, group in parts:
                    groups[(name, "\0part")] = group | ({"@": path} if walked else {})
                continue
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
            if walked:
                group.setdefault("@", path)
            if role is None:
                group[""] = file
                continue
            if group.get(role, file) != file:
                raise InputError(f"two {role} files for one article: {group[role]} and {file}; keep one", path=file)
            group[role] = file
            _add_partner(role, group, listing)
    found = [(names.get(key, key[0]), group) for key, group in groups.items()]
    return _pair_two_named(paths, found)


def _pair_two_named(paths: list[str], found: list[tuple[str, dict[str, str]]]) -> list[tuple[str, dict[str, str]]]:
    """Two files named on the command line, neither naming its language nor paired otherwise, are one
    article when one is Japanese and the other English (read to tell)."""
    if len(paths) != 2 or len(found) != 2 or not all(set(g) == {""} for _, g in found):
        return found
    from taiyaku.read.documents import read_text
    from taiyaku.read.language import language_of

    langs = []
    for _, group in found:
        try:
            langs.append(language_of(read_text(group[""])[0]))
        except InputError:
            return found  # reading it fails again, with its own message, when it is checked
    if sorted(map(str, langs)) != ["en", "ja"]:
        return found
    ja, en = (found[0], found[1]) if langs[0] == "ja" else (found[1], found[0])
    return [(ja[0], {"ja": ja[1][""], "en": en[1][""]})]


def monolingual_reason(group: dict[str, str], lang: str) -> str:
    """Why an article has one language only, for the report: the partner names looked for, or that
    the one file holds no text in the other language."""
    name = "Japanese" if lang == "ja" else "English"
    other = "English" if lang == "ja" else "Japanese"
    tagged_path = group.get("ja") or group.get("en")
    if tagged_path is not None:
        looked = partners(tagged_path)
        return f"{name} only; looked for {', '.join(looked[:3])}{', …' if len(looked) > 3 else ''}"
    return f"{name} only; no {other} text in it"


def _parts(file: str, explicit: bool, slug_suffixes: Sequence[str] | None) -> list[tuple[str, dict[str, str]]] | None:
    """The articles of a file that holds several (see the module docstring), else None."""
    fmt = format_of(file)
    module = reader(fmt) if fmt in _CONTAINERS else None
    return module.articles(file, explicit, slug_suffixes=slug_suffixes) if module is not None else None


_CONTAINERS = ("xliff", "wxr")


def _walk(root: str) -> list[str]:
    return walk(root)[0]


def walk(root: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(article files under ``root`` in sorted order, [(path, why it was skipped)]): files in formats
    taiyaku does not read, FIFOs, devices, sockets, broken or looping symlinks, files over the size limit
    and unreadable files or folders are skipped, not fatal, and listed."""
    out: list[str] = []
    skipped: list[tuple[str, str]] = []

    def unreadable(exc: OSError) -> None:
        skipped.append((exc.filename or root, f"cannot read folder ({exc.strerror or exc})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            if f.startswith((".", "~$")) or f.lower().startswith("readme."):
                continue
            path = os.path.join(dirpath, f)
            if format_of(f) is None:
                skipped.append((path, "unsupported format (taiyaku reads " + " ".join(EXTENSIONS) + ")"))
                continue
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
    """(article key, "ja"/"en"/None): the key is the path without its language tag and extension
    (``read.naming``), the same for both halves; a path naming no language is its own key."""
    got = tagged(path)
    if got is None:
        return os.path.splitext(os.path.normpath(path))[0], None
    return got


def _add_partner(role: str, group: dict[str, str], listing: Listing) -> None:
    """Find the other half of a tagged file on disk, whatever its extension (``read.naming``)."""
    other = "en" if role == "ja" else "ja"
    if other in group:
        return
    partner = find_partner(group[role], listing)
    if partner is not None:
        group[other] = partner


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
    docs = tuple(
        read_document(group[r], r or None, separators, group.get("#" + r)) for r in ("ja", "", "en") if r in group
    )
    ja: list[Segment] = []
    en: list[Segment] = []
    for doc in docs:
        j, e = segment(doc, len(ja), len(en))
        ja.extend(j)
        en.extend(e)
    return Article(name, docs, tuple(ja), tuple(en))
