"""NTREX-128 documents as page layouts, damaged as in damage.py, with the source span of every gold line.

``documents(seed, variant)`` gives the dev and test documents of one layout (see bench/layouts.py for
the variants); ``render`` turns one into a Japanese and an English file's text. Nothing is written here.
"""

from __future__ import annotations

import html
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from damage import Damaged, Doc, damage, load_ntrex, split  # noqa: E402

from taiyaku.script import char_width  # noqa: E402

VARIANTS = ("prose", "lines", "wrap40", "wrap80", "html")
_FINAL = ".。!！?？"
CLOSERS = "」』）)】\"”’'"
_HEADING_MAX = 45  # a Japanese line longer than this is not made an <h2>


@dataclass
class Group:
    """A run of Japanese lines ``first..last`` rendered as one element of the page."""

    kind: str  # title | p | h2 | ul | dl | lone (a line without final punctuation, a paragraph of its own)
    first: int
    last: int


@dataclass
class Rendered:
    """One side of a document as a file, with the source span of every gold line."""

    text: str
    spans: list[tuple[int, int]]


def _strip_final(s: str) -> str:
    return s.rstrip().rstrip(_FINAL).rstrip()


def unpunctuated(s: str) -> bool:
    """A line that does not end a sentence (a subheading, a caption, a list item, a sloppy line)."""
    s = s.rstrip().rstrip(CLOSERS)
    return not s or s[-1] not in _FINAL + "…"


def plan(doc: Doc, variant: str, seed: int) -> tuple[Doc, list[Group]]:
    """The document with its headline (and, in HTML, its h2 lines) without final punctuation, and its
    grouping into page elements; deterministic in (seed, variant family, doc id).

    A line without final punctuation on either side (NTREX has subheadings and captions inside its
    documents) is not run into a paragraph, as no page would: it is a paragraph of its own (an <h2>
    in HTML when it is short), or an item of a list."""
    html_page = variant == "html"
    rng = random.Random(f"layout:{seed}:{'html' if html_page else 'text'}:{doc.doc_id}")
    n = len(doc.ja)
    loose = [unpunctuated(j) or unpunctuated(e) for j, e in zip(doc.ja, doc.en)]
    groups = [Group("title", 0, 0)]
    i = 1
    while i < n:
        kind = "p"
        if html_page:
            kind = rng.choices(["p", "h2", "ul", "dl"], weights=[45, 15, 25, 15])[0]
            if kind == "h2" and (groups[-1].kind in ("h2", "title") or i == n - 1 or len(doc.ja[i]) > _HEADING_MAX):
                kind = "p"
        size = 1 if kind == "h2" else rng.randint(2, 5)
        if loose[i] and kind != "ul":
            kind, size = ("h2" if html_page and len(doc.ja[i]) <= _HEADING_MAX else "lone"), 1
        elif kind != "ul":
            size = next((k - i for k in range(i + 1, min(n, i + size)) if loose[k]), size)
        groups.append(Group(kind, i, min(n, i + size) - 1))
        i += size
    ja, en = list(doc.ja), list(doc.en)
    for g in groups:
        if g.kind in ("title", "h2"):
            ja[g.first], en[g.first] = _strip_final(ja[g.first]), _strip_final(en[g.first])
    return Doc(doc.doc_id, ja, en), groups


def _en_groups(d: Damaged, groups: list[Group]) -> list[int]:
    """The group of each damaged English line: that of its first Japanese source line; an inserted line
    joins its neighbours' group (next, else previous), never a heading's or a lone line's."""
    of_ja = {i: gi for gi, g in enumerate(groups) for i in range(g.first, g.last + 1)}
    src: dict[int, int] = {}
    for i, k in sorted(d.links):
        src.setdefault(k, i)
    out: list[int | None] = [of_ja[src[k]] if k in src else None for k in range(len(d.en))]
    heading = {gi for gi, g in enumerate(groups) if g.kind in ("title", "h2", "lone")}
    body = [gi for gi in range(len(groups)) if gi not in heading] or [0]
    for k, gi in enumerate(out):
        if gi is not None:
            continue
        nxt = next((out[x] for x in range(k + 1, len(out)) if out[x] is not None and x in src), None)
        prv = next((out[x] for x in range(k - 1, -1, -1) if out[x] is not None), None)
        for cand in (nxt, prv):
            if cand is not None and cand not in heading:
                out[k] = cand
                break
        else:
            ref = nxt if nxt is not None else prv if prv is not None else 0
            out[k] = min(body, key=lambda b: (abs(b - ref), b))
    return [int(g) for g in out]


class _Writer:
    """Text built piece by piece, remembering where each gold line landed."""

    def __init__(self, n: int) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[int, int]] = [(0, 0)] * n

    def raw(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def line(self, k: int, s: str, escape: bool = False) -> None:
        s = html.escape(s, quote=False) if escape else s
        start = self.pos
        self.raw(s)
        self.spans[k] = (start, self.pos)

    def result(self) -> Rendered:
        return Rendered("".join(self.parts), self.spans)


def wrap(r: Rendered, columns: int, lang: str) -> Rendered:
    """Hard-wrap every line of ``r`` at ``columns``: English at spaces (greedy, by words), Japanese
    between characters (a space where the cut falls becomes the line break). Spans follow the text."""
    text = r.text
    out: list[str] = []  # one character per item
    new_pos = [0] * (len(text) + 1)  # old offset → new offset
    col = 0
    for i, c in enumerate(text):
        new_pos[i] = len(out)
        if c == "\n":
            out.append(c)
            col = 0
        elif lang == "en" and c == " ":
            ends = [x for x in (text.find(" ", i + 1), text.find("\n", i + 1)) if x >= 0]
            word = min(ends, default=len(text)) - i - 1
            fits = not col or col + 1 + word <= columns
            out.append(" " if fits else "\n")
            col = col + 1 if fits else 0
        elif lang == "ja" and col and col + char_width(c) > columns:
            out.append("\n")
            col = 0
            if c != " ":
                new_pos[i] = len(out)
                out.append(c)
                col = char_width(c)
        else:
            out.append(c)
            col += char_width(c)
    new_pos[len(text)] = len(out)
    return Rendered("".join(out), [(new_pos[a], new_pos[b - 1] + 1 if b > a else new_pos[a]) for a, b in r.spans])


def render_text(lines: list[str], member: list[int], groups: list[Group], variant: str) -> Rendered:
    """Plain text: ``lines`` one per line; in prose, each group a paragraph after a blank line."""
    w = _Writer(len(lines))
    for k, s in enumerate(lines):
        if k:
            w.raw("\n\n" if variant != "lines" and member[k] != member[k - 1] else "\n")
        w.line(k, s)
    w.raw("\n")
    return w.result()


def render_prose(lines: list[str], member: list[int], lang: str) -> Rendered:
    """Prose: a group's lines joined into one paragraph line (Japanese without spaces)."""
    w = _Writer(len(lines))
    for k, s in enumerate(lines):
        if k:
            w.raw("\n\n" if member[k] != member[k - 1] else ("" if lang == "ja" else " "))
        w.line(k, s)
    w.raw("\n")
    return w.result()


def render_html(lines: list[str], member: list[int], groups: list[Group], lang: str, dt_lines: set[int]) -> Rendered:
    """An HTML page: each group one element (h1, h2, p, ul of li, dl of dt + dd)."""
    w = _Writer(len(lines))
    w.raw(f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8"></head>\n<body>\n<main>\n')
    sep = "" if lang == "ja" else " "
    k = 0
    while k < len(lines):
        gi = member[k]
        ks = [k]
        while ks[-1] + 1 < len(lines) and member[ks[-1] + 1] == gi:
            ks.append(ks[-1] + 1)
        kind = groups[gi].kind
        if kind in ("title", "h2", "p", "lone"):
            tag = {"title": "h1", "h2": "h2", "p": "p", "lone": "p"}[kind]
            w.raw(f"<{tag}>")
            for x, kk in enumerate(ks):
                if x:
                    w.raw(sep)
                w.line(kk, lines[kk], escape=True)
            w.raw(f"</{tag}>\n")
        elif kind == "ul":
            w.raw("<ul>\n")
            for kk in ks:
                w.raw("  <li>")
                w.line(kk, lines[kk], escape=True)
                w.raw("</li>\n")
            w.raw("</ul>\n")
        else:  # dl: the question line(s) in <dt>, the rest in one <dd>
            w.raw("<dl>\n")
            dt = [kk for kk in ks if kk in dt_lines]
            dd = [kk for kk in ks if kk not in dt_lines]
            for tag, part in (("dt", dt), ("dd", dd)):
                if not part:
                    continue
                w.raw(f"  <{tag}>")
                for x, kk in enumerate(part):
                    if x:
                        w.raw(sep)
                    w.line(kk, lines[kk], escape=True)
                w.raw(f"</{tag}>\n")
            w.raw("</dl>\n")
        k = ks[-1] + 1
    w.raw("</main>\n</body>\n</html>\n")
    return w.result()


def render(d: Damaged, groups: list[Group], variant: str) -> tuple[Rendered, Rendered, str]:
    """(Japanese file, English file, extension) of a damaged document in ``variant``."""
    ja_member = [gi for gi, g in enumerate(groups) for _ in range(g.first, g.last + 1)]
    en_member = _en_groups(d, groups)
    if variant == "html":
        ja_dt = {g.first for g in groups if g.kind == "dl"}
        en_dt = {k for i, k in d.links if i in ja_dt}
        en_dt = {k for k in en_dt if not any(i not in ja_dt and kk == k for i, kk in d.links)}
        return (
            render_html(d.ja, ja_member, groups, "ja", ja_dt),
            render_html(d.en, en_member, groups, "en", en_dt),
            "html",
        )
    if variant == "lines":
        return render_text(d.ja, ja_member, groups, variant), render_text(d.en, en_member, groups, variant), "txt"
    ja, en = render_prose(d.ja, ja_member, "ja"), render_prose(d.en, en_member, "en")
    if variant.startswith("wrap"):
        cols = int(variant[4:])
        ja, en = wrap(ja, cols, "ja"), wrap(en, cols, "en")
    return ja, en, "txt"


def _around_headings(groups: list[Group]) -> frozenset[int]:
    """Line indices ``i`` that must not be merged with ``i + 1``: the edges of headings and lone lines."""
    edges = set()
    for g in groups:
        if g.kind in ("title", "h2", "lone"):
            edges |= {g.first - 1, g.last}
    return frozenset(edges)


def documents(seed: int, variant: str) -> tuple[list[tuple[Damaged, list[Group]]], list[tuple[Damaged, list[Group]]]]:
    """Damaged dev and test documents in ``variant``, with their page groups."""
    dev, test = split(load_ntrex())
    out = []
    for part in (dev, test):
        docs = []
        for d in part:
            pool = [s for o in part if o.doc_id != d.doc_id for s in o.en]
            shaped, groups = plan(d, variant, seed)
            docs.append((damage(shaped, pool, seed, _around_headings(groups)), groups))
        out.append(docs)
    return out[0], out[1]
