"""An article's site records (what S001–S003 compare: ``checks.site.TermUse``, ``SentencePair``) as the
translation memory keeps them: plain JSON (never pickle: the file may come from anywhere), one row per
record, keyed for look-up and counting (a term by its Japanese and rendering family; a sentence pair by
sha256 prefixes of its normalised Japanese, English, and English with glossary terms set aside). With them, each file's line starts and the lines the records touch, so findings
and related locations in articles that are not read again are placed by line and column all the same.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterable

TERM, SENTENCE = "t", "s"


def key(text: str) -> str:
    """The look-up key of a normalised sentence (``checks.site.ja_key``/``en_key``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def collect(ctx) -> tuple[tuple, tuple]:
    """The article's term uses and sentence pairs, as the site rules collect them."""
    from taiyaku.checks.site import collect_sentences, collect_terms

    return collect_terms(ctx), collect_sentences(ctx)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rows(terms: Iterable, sentences: Iterable) -> tuple:
    """(kind, key, key2, key3, data) rows of the records (their article is the row's): a term use keyed by
    its term and rendering family (what S001 groups by), a sentence pair by its Japanese, its English and
    its English with terms set aside (S002, S003)."""
    out = [(TERM, u.ja, _dumps(u.family), None, _dumps([u.ja, u.preferred, u.family, u.rendering, u.place]))
           for u in terms]
    out += [(SENTENCE, key(p.ja_key), key(p.en_key), key(p.en_terms),
             _dumps([None if p.en_terms == p.en_key else p.en_terms, p.en, p.ja]))
            for p in sentences]  # the keys and the Japanese text are the places' texts normalised again
    return tuple(out)


def _place(value):
    from taiyaku.checks.site import Place

    path, start, end, text, segments, mark = value
    return Place(path, start, end, text, tuple(tuple(s) for s in segments), tuple(mark) if mark else None)


def load(kind: str, article: str, data: str):
    """The record of one row: a TermUse or a SentencePair. Raises ValueError/TypeError when malformed."""
    from taiyaku.checks.site import SentencePair, TermUse, en_key, ja_key

    v = json.loads(data)
    if kind == TERM:
        ja, preferred, family, rendering, place = v
        return TermUse(ja, preferred, tuple(family), rendering, article, _place(place))
    en_terms, en, ja = v[0], _place(v[1]), _place(v[2])
    key_en = en_key(en.text)
    return SentencePair(ja_key(ja.text), key_en, key_en if en_terms is None else en_terms, ja.text, article, en, ja)


def _places(terms, sentences):
    for u in terms:
        yield u.place
    for p in sentences:
        yield p.en
        yield p.ja


def file_rows(documents, terms, sentences) -> tuple:
    """(path, data) of each file: its role, encoding, format, line starts (as differences) and the lines
    the records' places touch."""
    from taiyaku.models import line_starts

    out = []
    for doc in documents:
        starts = line_starts(doc.text)
        summary = _summary(doc.path, doc.role, doc.encoding, doc.format, starts)
        summary.keep_lines(doc.text, ((p.start, p.end) for p in _places(terms, sentences) if p.path == doc.path))
        deltas = [b - a for a, b in zip([0, *starts], starts)]
        out.append((doc.path, _dumps({"role": doc.role, "encoding": doc.encoding, "format": doc.format, "starts": deltas,
                                      "lines": {str(k): t for k, t in summary.lines.items()}})))
    return tuple(out)


def _summary(path, role, encoding, fmt, starts, lines=None):
    from taiyaku.run.report import DocumentSummary

    return DocumentSummary(path, role, encoding, fmt, starts, lines or {})


def summary(path: str, data: str):
    """The ``DocumentSummary`` of a stored file: ``position`` for any offset, ``line_text`` for the lines
    its records touch."""
    v = json.loads(data)
    starts, at = array("q"), 0
    for d in v["starts"]:
        at += d
        starts.append(at)
    return _summary(path, v["role"], v["encoding"], v["format"], starts, {int(k): t for k, t in v["lines"].items()})
