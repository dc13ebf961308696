"""XLIFF 1.2 and 2.x (.xlf/.xliff): bilingual translation jobs as WPML, Polylang and CAT tools write them.

Each ``<file>`` is one article (``path#ID`` when the job holds several). Every ``<source>``/``<target>``
pair — a 1.2 ``<trans-unit>``, a 2.x ``<segment>`` — is a translation unit: its blocks carry the unit's
id (``Block.unit``; ``UNIT/SEGMENT`` in 2.x) and their language from the element, never guessed. A
unit whose target is missing, empty, or still Japanese (the source copied over) has no English: it is
an untranslated passage. Units holding HTML (WPML sends post bodies as CDATA) are read like .html.
Inline codes (``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<sub>``, 2.x ``<originalData>``) are not text;
``<g>``, ``<mrk>``, ``<pc>`` are transparent; ``<alt-trans>`` matches, ``<ignorable>`` and units marked
``translate="no"`` are skipped.
Offsets point into the .xlf file (see ``xmltext``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from taiyaku.errors import InputError
from taiyaku.models import Block, Lang
from taiyaku.read.formats import Loaded
from taiyaku.read.formats.xmltext import Mapped, Start, Text, check_xml, events, file_version, local
from taiyaku.read.language import language_of

_CODE = {"ph", "bpt", "ept", "it", "sub", "originalData"}  # native code, not text
_PAIR_PARENTS = {"trans-unit", "segment"}  # where <source>/<target> are the unit's own


@dataclass
class _Unit:
    key: str
    source: Mapped | None
    target: Mapped | None


@dataclass
class _File:
    label: str
    source_lang: str
    target_lang: str
    units: list[_Unit] = field(default_factory=list)


def articles(path: str, explicit: bool = True, **_options) -> list[tuple[str, dict[str, str]]]:
    """(article name, group) per ``<file>``: the group's ``"#"`` is the file's index (see
    ``articles.discover``); a job with one ``<file>`` is one article named by its path."""
    _, _, files = _parse(path)
    if len(files) == 1:
        return [(path, {"": path})]
    return [(f"{path}#{f.label}", {"": path, "#": str(i)}) for i, f in enumerate(files)]


def load(path: str, part: str | None = None) -> Loaded:
    """The blocks of one ``<file>`` (``part``: its index) or of every one; source and target blocks of
    each unit follow each other, in document order."""
    text, encoding, files = _parse(path)
    chosen = files if part is None else [files[int(part)]]
    blocks: list[Block] = []
    for f in chosen:
        sides = _sides(f, path)
        for unit in f.units:
            for mapped, lang in ((unit.source, sides[0]), (unit.target, sides[1])):
                if mapped is None:
                    continue
                got = mapped.blocks()
                if lang == "en" and sides[0] == "ja" and language_of(" ".join(b.text for b in got)) == "ja":
                    continue  # the Japanese source copied into the target: not translated yet
                blocks.extend(replace(b, lang=lang, unit=unit.key) for b in got)
    return Loaded(text, encoding, blocks, languages_known=True, role="bilingual")


def _sides(f: _File, path: str) -> tuple[Lang, Lang]:
    """(language of the source, of the target): Japanese → English, or the reverse."""
    src, trg = f.source_lang.lower(), f.target_lang.lower()
    if src.startswith("ja") or not src:
        return "ja", "en"
    if trg.startswith("ja"):
        return "en", "ja"
    raise InputError(f"<file> '{f.label}' translates {src} into {trg or '?'}: taiyaku checks Japanese ↔ English jobs",
                     path=path)


def _parse(path: str) -> tuple[str, str, list[_File]]:
    return _parse_cached(path, *file_version(path))


@lru_cache(maxsize=4)
def _parse_cached(path: str, _mtime: int, _size: int) -> tuple[str, str, list[_File]]:
    """(text, encoding, files) of an XLIFF file (cached: each of its articles is loaded from it)."""
    from taiyaku.read.documents import read_text

    text, encoding = read_text(path)
    check_xml(text, path)
    files: list[_File] = []
    stack: list[str] = []
    root: dict[str, str] | None = None
    unit_id, segment_key, segments, translate = "", "", 0, True
    pending: dict[str, Mapped] = {}
    collecting: list[Text] | None = None
    code = 0  # depth inside inline native code while collecting
    for ev in events(text):
        if isinstance(ev, Text):
            if collecting is not None and not code:
                collecting.append(ev)
            continue
        name = local(ev.name)
        if isinstance(ev, Start):
            if root is None:
                root = _root(ev, path)
            elif collecting is not None:
                code += name in _CODE and not ev.empty
            elif name == "file":
                label = ev.attrs.get("id") or ev.attrs.get("original") or str(len(files) + 1)
                files.append(_File(label, ev.attrs.get("source-language") or root.get("srcLang", ""),
                                   ev.attrs.get("target-language") or root.get("trgLang", "")))
            elif name in ("trans-unit", "unit") and files:
                unit_id = ev.attrs.get("id") or ev.attrs.get("resname") or str(len(files[-1].units) + 1)
                segment_key, segments, pending = unit_id, 0, {}
                translate = ev.attrs.get("translate", "yes") != "no"
            elif name == "segment":
                segments += 1
                segment_key, pending = f"{unit_id}/{ev.attrs.get('id') or segments}", {}
            elif name in ("source", "target") and stack and stack[-1] in _PAIR_PARENTS:
                if ev.empty:
                    pending[name] = Mapped("", ())
                else:
                    collecting = []
            if not ev.empty:
                stack.append(name)
            continue
        if stack:
            stack.pop()
        if collecting is not None:
            if name in ("source", "target") and (not stack or stack[-1] in _PAIR_PARENTS):
                pending[name] = Mapped.collect(collecting)
                collecting = None
            elif name in _CODE and code:
                code -= 1
        elif name in _PAIR_PARENTS and files:
            if "source" in pending and translate:
                files[-1].units.append(_Unit(segment_key, pending["source"], _nonblank(pending.get("target"))))
            pending = {}
    if not files:
        raise InputError("an XLIFF file without any <file> element: export the job again", path=path)
    return text, encoding, files


def _root(ev: Start, path: str) -> dict[str, str]:
    version = ev.attrs.get("version", "")
    if local(ev.name) != "xliff" or not version.startswith(("1.", "2.")):
        what = f"XLIFF version {version}" if local(ev.name) == "xliff" else f"root element <{ev.name}>"
        raise InputError(f"not an XLIFF 1.2 or 2.x file ({what}): export the job as XLIFF 1.2 or 2.x", path=path)
    return ev.attrs


def _nonblank(m: Mapped | None) -> Mapped | None:
    return m if m is not None and m.text.strip() else None
