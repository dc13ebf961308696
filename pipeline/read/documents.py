"""One file → ``Document``: read, decode, split into blocks, give each block its language, set the role.

The role is "ja" or "en" from the file name (``NAME.ja.EXT``/``NAME.en.EXT``), else from the content:
"bilingual" when both languages carry real weight (or a separator line such as ``↓↓English Below↓↓``
divides them), else the language that dominates. Separator lines and lines without any letter or
digit (``↓↓↓``, ``----``) are not blocks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from taiyaku.read.decode import decode
from taiyaku.read.files import read_regular
from taiyaku.errors import InputError
from taiyaku.read.formats import EXTENSIONS, format_of, reader
from taiyaku.script import has_alnum
from taiyaku.read.language import JA_WEIGHT, mixed_parts, script_counts
from taiyaku.models import Block, Document, Lang

_SEPARATOR = re.compile(
    r"[\W_]*(?:"
    r"(?:english|japanese)(?:\s+(?:version|translation|text))?(?:\s+(?:below|follows|version))?"
    r"|(?:see\s+)?below\s+(?:is|for)\s+(?:the\s+)?(?:english|japanese)(?:\s+(?:version|translation))?"
    r"|(?:英語|英文|日本語)(?:版|訳)?(?:は|を)?(?:下記|以下|こちら)?(?:をご覧ください|の通り|です)?"
    r"|(?:以下|下記)(?:は)?(?:英語|英文|日本語)(?:版|訳)?(?:です)?"
    r")[\W_]*",
    re.IGNORECASE,
)
_MINORITY = 0.1  # share of the text weight that makes a second language count


def read_text(path: str) -> tuple[str, str]:
    """(decoded text, encoding) of a file. Raises InputError when it cannot be read or decoded."""
    return decode(read_regular(path), path)


def read_document(
    path: str, role: str | None = None, separators: Sequence[re.Pattern[str]] = (), part: str | None = None
) -> Document:
    """Read, decode and structure one file. Raises InputError for anything the user must fix.
    ``separators``: extra separator-line patterns (see ``is_separator``); ``part``: which article of a
    file holding several (an XLIFF ``<file>``, a WordPress post; see ``articles.discover``)."""
    from taiyaku.read.files import given

    if not given(path):
        if not os.path.exists(path):
            raise InputError("no such file: check the path", path=path)
        if os.path.isdir(path):
            raise InputError("is a directory: give a file, or pass the directory to check every article in it",
                             path=path)
        if not os.path.isfile(path):
            raise InputError("not a regular file: give an article file (.txt, .md, .html)", path=path)
    fmt = format_of(path)
    if fmt is None:
        raise InputError(f"unsupported file type: use one of {', '.join(EXTENSIONS)}", path=path)
    module = reader(fmt)
    if hasattr(module, "load"):
        text, encoding, blocks, known, said = module.load(path, part)
    else:
        (text, encoding), known, said = read_text(path), False, None
        blocks = module.blocks(text)
    if known:
        kept = [b for b in blocks if has_alnum(b.text)]
        blocks, counts, separated = [_placed(b, b.lang, i) for i, b in enumerate(kept)], None, False
    else:
        blocks, counts, separated = assign_languages(blocks, separators)
    if role is None:
        role = said or role_from_name(path) or role_from_blocks(blocks, separated, counts)
    return Document(path, text, encoding, fmt, role, tuple(blocks))


def role_from_name(path: str) -> str | None:
    """"ja"/"en" when the file name or its folder names the language (``read.naming``), else None."""
    from taiyaku.read.naming import tagged

    got = tagged(path)
    return got[1] if got else None


def is_separator(text: str, extra: Sequence[re.Pattern[str]] = ()) -> bool:
    """A line announcing the other language (``↓↓English Below↓↓``, ``--- English ---``, ``英語は下記``).
    ``extra`` patterns (a project's own separator lines) are matched against the whole stripped line."""
    if "\n" in text or (len(text) > 60 and not extra):
        return False
    line = text.strip()
    if len(text) <= 60 and _SEPARATOR.fullmatch(line) is not None:
        return True
    return bool(extra) and any(p.fullmatch(line) is not None for p in extra)


def assign_languages(
    blocks: list[Block], separators: Sequence[re.Pattern[str]] = ()
) -> tuple[list[Block], list[tuple[int, int]], bool]:
    """Blocks with ``lang`` set, mixed blocks split, separators and symbol-only blocks dropped, indexed
    in order; their ``script_counts``; and whether a separator line was seen. A block of digits only
    takes its neighbour's language."""
    kept: list[tuple[Block, Lang | None, tuple[int, int]]] = []  # (block, language if known, counts)
    separated = False
    for block in blocks:
        text = block.text
        if is_separator(text, separators):
            separated = True
            continue
        if not has_alnum(text):
            continue
        kept.extend(mixed_parts(block, script_counts(text)))
    langs = _fill_unknown([lang for _, lang, _ in kept])
    out = [_placed(block, lang, i) for i, ((block, _, _), lang) in enumerate(zip(kept, langs))]
    return out, [counts for _, _, counts in kept], separated


def _placed(block: Block, lang: Lang, index: int) -> Block:
    """``block`` with language ``lang`` at ``index`` (itself if it has them already)."""
    if block.lang == lang and block.index == index:
        return block
    return Block(block.text, block.pieces, block.kind, lang, index, unit=block.unit)


def _fill_unknown(langs: list[Lang | None]) -> list[Lang]:
    """Each unknown (None) language replaced by the previous known one, else the next, else "ja"."""
    out = list(langs)
    following: Lang = "ja"
    for i in range(len(langs) - 1, -1, -1):
        if langs[i] is None:
            out[i] = following
        else:
            following = langs[i]
    previous = None
    for i, lang in enumerate(langs):
        if lang is not None:
            previous = lang
        elif previous is not None:
            out[i] = previous
    return out


def role_from_blocks(
    blocks: list[Block], separated: bool = False, counts: list[tuple[int, int]] | None = None
) -> str:
    """"bilingual" if both languages carry weight, else the dominant language ("ja" when empty).
    ``counts``: the blocks' ``script_counts``, when already known."""
    weight = {"ja": 0, "en": 0}
    for block, (ja, en) in zip(blocks, counts or [script_counts(b.text) for b in blocks]):
        weight[block.lang] += ja * JA_WEIGHT + en
    total = weight["ja"] + weight["en"]
    minority = min(weight.values())
    if minority and (separated or minority >= _MINORITY * total):
        return "bilingual"
    return "ja" if weight["ja"] >= weight["en"] else "en"
