"""How editors name the two language versions of an article, so that they are checked as one.

Recognised, in this order:

- a language tag before the extension, after ``.``, ``_`` or ``-``: ``NAME.ja.md``/``NAME.en.md``,
  ``NAME_ja.txt``/``NAME_en.txt``, ``NAME-jp.html``/``NAME-eng.html`` (tags ``ja``, ``jp``, ``jpn``,
  ``en``, ``eng``; any case);
- a language folder: ``ja/NAME.md`` beside ``en/NAME.md`` (folders ``ja``, ``jp``, ``japanese``,
  ``en``, ``eng``, ``english``).

The two halves may have different extensions. Projects with another scheme give pairing patterns in
the configuration (``pairs``).
"""

from __future__ import annotations

import bisect
import os
import re

TAGS = {"ja": "ja", "jp": "ja", "jpn": "ja", "en": "en", "eng": "en"}
FOLDERS = {"ja": "ja", "jp": "ja", "japanese": "ja", "en": "en", "eng": "en", "english": "en"}
_TAGGED = re.compile(r"^(?P<stem>.+?)(?P<sep>[._-])(?P<tag>ja|jp|jpn|en|eng)(?P<ext>\.[^.]+)$", re.IGNORECASE)


def tagged(path: str) -> tuple[str, str] | None:
    """(article key, "ja"/"en") of a path that names its language, else None. The key is the same for
    both halves of one article (the path without tag and extension; for language folders, with the
    folder replaced by ``*``)."""
    directory, base = os.path.split(os.path.normpath(path))
    m = _TAGGED.match(base)
    if m:
        return os.path.join(directory, m.group("stem")), TAGS[m.group("tag").lower()]
    parent, folder = os.path.split(directory)
    lang = FOLDERS.get(folder.lower())
    if lang:
        return os.path.join(parent, "*", os.path.splitext(base)[0]), lang
    return None


def partners(path: str) -> list[str]:
    """Where the other half of ``path`` would be (glob-like descriptions, for messages)."""
    got = tagged(path)
    if got is None:
        return []
    key, lang = got
    other = "en" if lang == "ja" else "ja"
    parts = key.split(os.sep)
    if "*" in parts:
        parent, stem = os.sep.join(parts[:-2]), parts[-1]
        return [os.path.join(parent, f, stem + ".*") for f, lang_ in FOLDERS.items() if lang_ == other]
    tags = [t for t, lang_ in TAGS.items() if lang_ == other]
    return [f"{key}{sep}{t}.*" for t in tags for sep in "._-"]


def find_partner(path: str, listing: "Listing | None" = None) -> str | None:
    """The other half of ``path`` on disk (any extension taiyaku reads), or None. ``listing`` reuses
    the directory listings of one discovery (a site's folder is listed once, not once per article)."""
    from taiyaku.read.formats import format_of

    got = tagged(path)
    if got is None:
        return None
    key, lang = got
    for candidate in (listing or Listing()).candidates(key):
        other = tagged(candidate)
        if other is not None and other[0] == key and other[1] != lang and format_of(candidate):
            return candidate
    return None


class Listing:
    """Directory listings read once each, indexed for the lookups of ``find_partner``."""

    def __init__(self) -> None:
        self._lower: dict[str, tuple[list[str], list[str]]] = {}  # directory → (lower-cased, names) sorted
        self._stems: dict[str, dict[str, list[str]]] = {}  # directory → stem → names

    def candidates(self, key: str) -> list[str]:
        """Files that may be the halves of the article ``key``, sorted."""
        parts = key.split(os.sep)
        if "*" in parts:
            parent, stem = os.sep.join(parts[:-2]), parts[-1]
            out = []
            for folder in FOLDERS:
                directory = os.path.join(parent, folder) if parent else folder
                out.extend(os.path.join(directory, f) for f in self._by_stem(directory).get(stem, ()))
            return sorted(out)
        directory, stem = os.path.split(key)
        lower, names = self._sorted(directory or ".")
        prefix = stem.lower()
        i = bisect.bisect_left(lower, prefix)
        found = []
        while i < len(lower) and lower[i].startswith(prefix):
            found.append(names[i])
            i += 1
        return sorted(os.path.join(directory, f) for f in found)

    def _sorted(self, directory: str) -> tuple[list[str], list[str]]:
        if directory not in self._lower:
            pairs = sorted((f.lower(), f) for f in _listdir(directory))
            self._lower[directory] = ([lo for lo, _ in pairs], [f for _, f in pairs])
        return self._lower[directory]

    def _by_stem(self, directory: str) -> dict[str, list[str]]:
        if directory not in self._stems:
            stems: dict[str, list[str]] = {}
            for f in _listdir(directory):
                stems.setdefault(os.path.splitext(f)[0], []).append(f)
            self._stems[directory] = stems
        return self._stems[directory]


def _listdir(directory: str) -> list[str]:
    try:
        return os.listdir(directory)
    except OSError:
        return []
