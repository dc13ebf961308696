"""Japanese tokens from MeCab (fugashi + unidic-lite), with exact offsets into the text tokenized.

The fast path asks MeCab for its plain rows (surface, tab, raw feature), one C call per text instead
of one Python node object per token, its output kept as UTF-8 bytes. Each distinct row is decoded
once; offsets are running sums of the surfaces' lengths (a search only where the text has white
space, which MeCab skips). Where MeCab cannot be called so, the node API of fugashi gives the same
tokens (``tests/test_tokens.py`` checks they agree).

MeCab is never given more than ``MAX_CALL`` characters at once: it crashes (segmentation fault, no
message) on a single call of about 200,000 Latin letters or 300,000 kanji, and its lattice costs about
1.3 KB per character. Longer texts are cut at the last safe point in the second half of each window
(a sentence end, else punctuation or white space, else a change of script, else the hard limit);
offsets still index the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from taiyaku.analyze.pos import VERB
from taiyaku.models import Token
from taiyaku.script import to_hiragana

def _dictionary() -> str:
    try:
        import unidic_lite
    except ImportError:  # pragma: no cover - depends on the machine
        raise RuntimeError("MeCab has no dictionary: install it with `pip install unidic-lite`") from None
    return unidic_lite.DICDIR


@lru_cache(maxsize=1)
def _tagger():
    """fugashi's node API (the fallback, and the reference the fast path is tested against)."""
    import fugashi  # heavy: imported on first use only

    return fugashi.Tagger()


def _line_args() -> str | None:
    """MeCab's arguments for its default rows, surface and raw feature (fugashi's ``feature_raw``),
    which it writes through its plain writer, cheaper than any format it has to interpret: the output
    format type is emptied (unidic-lite's ``dicrc`` names one, "unidic"). None if the dictionary's path
    has a space (MeCab splits its arguments on spaces)."""
    dicdir = _dictionary()
    if " " in dicdir:
        return None
    return f"-d {dicdir} -r {Path(dicdir, 'dicrc')} --output-format-type="


@lru_cache(maxsize=1)
def _line_tagger():
    """fugashi's tagger printing MeCab's default rows (``_line_args``); None if it cannot be set up."""
    args = _line_args()
    if args is None:
        return None
    import fugashi

    try:
        return fugashi.GenericTagger(args)
    except Exception:  # noqa: BLE001 - any failure: the node API gives the same tokens
        return None


@lru_cache(maxsize=1)
def _line_parser() -> Callable[[str], bytes | None] | None:
    """A function giving MeCab's rows (``_line_args``) for a text as UTF-8 bytes, None where MeCab fails;
    None if MeCab cannot print them. MeCab's own C function if it can be reached, else fugashi's
    tagger (whose ``parse`` decodes the whole output: about 45 characters for each one parsed, where
    each distinct row needs decoding once)."""
    args = _line_args()
    if args is None:
        return None
    parse = _c_parser(args)
    if parse is not None:
        return parse
    tagger = _line_tagger()
    if tagger is None:
        return None

    def parse_through_fugashi(text: str) -> bytes:
        return (tagger.parse(text) + "\n").encode()  # fugashi strips the last newline

    return parse_through_fugashi


def _c_parser(args: str) -> Callable[[str], bytes | None] | None:
    """MeCab's ``mecab_sparse_tostr2`` for a tagger made with ``args``, called through ctypes in the
    library fugashi's extension is linked to (the symbol is looked up through the extension); None if
    it cannot be found or the tagger cannot be made. The call holds the GIL, as fugashi's does: a
    tagger parses one text at a time."""
    try:
        import ctypes

        from fugashi import fugashi as extension

        library = ctypes.PyDLL(extension.__file__)
        new, to_rows = library.mecab_new2, library.mecab_sparse_tostr2
    except (ImportError, OSError, AttributeError):
        return None
    new.argtypes, new.restype = [ctypes.c_char_p], ctypes.c_void_p
    to_rows.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
    to_rows.restype = ctypes.c_char_p  # copied into bytes up to the first NUL; None for NULL
    mecab = new(args.encode())  # kept as long as the process runs, like fugashi's taggers
    if not mecab:
        return None

    def parse(text: str) -> bytes | None:
        data = text.encode()
        return to_rows(mecab, data, len(data))

    return parse


MAX_CALL = 4096  # characters per MeCab call; the measured crash is at ~200,000 (bench/hostile.py)
_SENTENCE_END = re.compile(r"[。．！？!?\n]")
_PUNCTUATION = re.compile(r"[、，,;；:：・「」『』（）()\[\]【】\s\u3000]")


def _script(c: str) -> int:
    """A coarse script class for cutting: hiragana, katakana, kanji, Latin/digits, other."""
    o = ord(c)
    if 0x3041 <= o <= 0x309F:
        return 1
    if 0x30A0 <= o <= 0x30FF or 0xFF66 <= o <= 0xFF9F:
        return 2
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        return 3
    return 4 if c.isalnum() else 5


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece of ``text`` starting at ``start`` ends: at most ``limit`` characters on, at the
    last safe point in the second half of that window (so every piece is at least half a window long)."""
    end = start + limit
    if end >= len(text):
        return len(text)
    low = start + limit // 2
    for pattern in (_SENTENCE_END, _PUNCTUATION):
        last = -1
        for m in pattern.finditer(text, low, end):
            last = m.end()
        if last > low:
            return last
    for i in range(end - 1, low, -1):
        if _script(text[i]) != _script(text[i - 1]):
            return i
    return end


def pieces(text: str, limit: int = MAX_CALL) -> list[tuple[int, int]]:
    """``(start, end)`` of the consecutive pieces ``text`` is tokenized in; one piece if it is short."""
    out = []
    start = 0
    while start < len(text) or not out:
        end = _cut(text, start, limit)
        out.append((start, end))
        start = end
    return out


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text``; ``start``/``end`` index ``text`` exactly (white space is skipped)."""
    parse = _line_parser()
    if parse is None:
        return tokenize_nodes(text)
    if len(text) <= MAX_CALL:
        return _line_tokens(parse(text), text, 0)
    tokens: list[Token] = []
    for a, b in pieces(text):
        piece = text[a:b]
        tokens += _line_tokens(parse(piece), piece, a)
    return tokens


def tokenize_all(texts: Sequence[str]) -> list[list[Token]]:
    """``tokenize`` of each text. MeCab parses them all first, back to back, and its rows are decoded
    after: between two of its calls its tables (71 MB) would fall out of the CPU cache, and it runs
    about twice as slow."""
    parse = _line_parser()
    if parse is None or any(len(t) > MAX_CALL for t in texts):
        return [tokenize(t) for t in texts]
    outputs = [parse(t) for t in texts]
    return [_line_tokens(out, text, 0) for out, text in zip(outputs, texts)]


def _rows(output: bytes | None) -> list[bytes] | None:
    """MeCab's rows in its ``output``, without the end mark; None if it failed or stopped short (it
    stops at a NUL character)."""
    if output is None or not (output.endswith(b"\nEOS\n") or output == b"EOS\n"):
        return None
    rows = output.split(b"\n")
    del rows[-2:]
    return rows


def _line_tokens(output: bytes | None, piece: str, offset: int) -> list[Token]:
    """Tokens of ``piece`` (offsets shifted by ``offset``) from ``output``, MeCab's rows for it. Without
    white space the surfaces tile the piece, so offsets are running sums of their lengths; else each
    surface is found after the previous one (it cannot start in the white space MeCab skipped: space,
    tab, newline and vertical tab, its SPACE class)."""
    lines = _rows(output)
    if lines is None:
        return _node_tokens(piece, offset)
    rows = map(_ROWS.__getitem__, lines)
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token.__new__ is a Python function: one more frame per token
    if " " in piece or "\n" in piece or "\t" in piece or "\v" in piece:
        find = piece.find
        end = 0
        for surface, lemma, reading, pos, c_form, gloss, length in rows:
            start = find(surface, end)
            if start < 0:  # never seen: MeCab's surfaces are the text's
                return _node_tokens(piece, offset)
            end = start + length
            append(new(Token, (surface, lemma, reading, pos, offset + start, offset + end, c_form, gloss)))
        return tokens
    end = offset
    for surface, lemma, reading, pos, c_form, gloss, length in rows:
        start = end
        end += length
        append(new(Token, (surface, lemma, reading, pos, start, end, c_form, gloss)))
    if end != offset + len(piece):  # never seen; the node API finds each surface
        return _node_tokens(piece, offset)
    return tokens


def edge_word(text: str, last: bool = False) -> tuple[tuple[str, str], str] | None:
    """(pos, conj_form) of the first (or ``last``) token of a short ``text``, as ``tokenize`` would give
    it, without making the tokens; None if it has none. For the line-break questions (a few words)."""
    parse = _line_parser()
    lines = _rows(parse(text)) if parse is not None else None
    if lines is None:  # no fast path, or output cut short: the tokens decide
        tokens = tokenize(text)
        return (tokens[-1 if last else 0].pos, tokens[-1 if last else 0].conj_form) if tokens else None
    if not lines:
        return None
    row = _ROWS[lines[-1 if last else 0]]
    return row[3], row[4]


class _Rows(dict):
    """Each distinct MeCab output row (UTF-8) decoded once: row → (surface, lemma, reading, pos,
    conj_form, gloss, length). An article repeats its rows (the seeds have 19-40 % distinct rows); the
    table is cleared when full so memory stays flat."""

    limit = 50_000  # about 40 MB at most

    def __missing__(self, line: bytes) -> tuple:
        surface, _, feature = line.decode().partition("\t")
        row = (*_fields(surface, feature), len(surface))
        if len(self) >= self.limit:
            self.clear()
        self[line] = row
        return row


_ROWS = _Rows()


def tokenize_nodes(text: str) -> list[Token]:
    """``tokenize`` through fugashi's node objects (slower; same result)."""
    tokens: list[Token] = []
    for a, b in pieces(text):
        tokens += _node_tokens(text[a:b], a)
    return tokens


def _node_tokens(piece: str, offset: int) -> list[Token]:
    """Tokens of ``piece`` (offsets shifted by ``offset``) from fugashi's node objects, each surface
    found in the text after the previous one."""
    tokens: list[Token] = []
    pos = 0
    for word in _tagger()(piece):
        surface = word.surface
        start = piece.find(surface, pos)
        if start < 0:  # MeCab never rewrites surfaces; keep going defensively
            start = pos
        pos = start + len(surface)
        surface, lemma, reading, pos_, c_form, gloss = _fields(surface, word.feature_raw)
        tokens.append(Token(surface, lemma, reading, pos_, offset + start, offset + pos, c_form, gloss))
    return tokens


# UniDic (unidic-lite) feature columns; only the last ones may be quoted, so the first 18 split cleanly.
_POS1, _POS2, _CFORM, _LEMMA, _KANA = 0, 1, 5, 7, 17


def _fields(surface: str, feature: str) -> tuple:
    """(surface, lemma, reading, pos, conj_form, gloss) of a token from its raw UniDic feature."""
    f = feature.split(",", 18)
    if len(f) > _KANA:
        pos1, pos2, c_form, lemma, kana = f[_POS1], f[_POS2], f[_CFORM], f[_LEMMA], f[_KANA]
    else:  # unknown word: only part of speech is known
        pos1, pos2 = f[_POS1], f[_POS2] if len(f) > 1 else ""
        c_form = lemma = kana = "*"
    gloss = ""
    if lemma in ("*", ""):
        lemma = surface
    elif "-" in lemma and not lemma.startswith("-"):
        lemma, _, gloss = lemma.partition("-")
    reading = to_hiragana(kana) if kana not in ("*", "") else surface
    return surface, lemma, reading, (pos1, pos2), c_form if c_form not in ("*", "") else "", gloss


@lru_cache(maxsize=4096)
def verb_type(lemma: str) -> tuple[str, str] | None:
    """(UniDic conjugation type, hiragana reading) of a verb in its dictionary form: 見る →
    ("上一段-マ行", "みる"), 来る → ("カ行変格", "くる"); None unless MeCab reads ``lemma`` as one verb."""
    words = _tagger()(lemma)
    if len(words) != 1 or words[0].feature.pos1 != VERB or not words[0].feature.cType:
        return None
    f = words[0].feature
    return f.cType, to_hiragana(f.kana or lemma)
