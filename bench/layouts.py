"""Alignment through the real reading path on page layouts generated from NTREX-128 (damaged as in damage.py).

    python3 bench/layouts.py                         # all variants, dev and test, lexicon as installed
    python3 bench/layouts.py --lexicon both          # with and without the JMdict lexicon
    python3 bench/layouts.py --variants lines html --seed 2
    python3 bench/layouts.py --show lines --errors 5 # and the first wrong links of that variant
    python3 bench/layouts.py --oracle                # gold sentences instead of taiyaku's splitter

Each NTREX document becomes a Japanese file and an English file (the English side damaged: deleted,
merged and inserted lines, see bench/damage.py; a heading or a lone line is never merged with its
neighbour, as no translator would run a heading into a paragraph) in one of these layouts:

- ``prose``:  the headline (final punctuation removed) on the first line, then paragraphs of 2–5
              segments (one line each), separated by blank lines; a segment without final punctuation
              (NTREX has subheadings and captions) is a paragraph of its own;
- ``lines``:  one segment per line, no blank lines, the headline first;
- ``wrap40``/``wrap80``: ``prose`` hard-wrapped at 40/80 columns, English at spaces, Japanese between
              any two characters (a wide character counts two columns), as plain-text exports look;
- ``html``:   <h1> headline, then <p> paragraphs, <h2> headings (a sentence of ≤ 45 Japanese characters without final punctuation),
              <ul><li> lists (one segment per item) and FAQ-like <dl><dt>…</dt><dd>…</dd></dl>; a segment
              without final punctuation is an <h2> (when short), a <p> of its own or a list item.

The files are written to a temporary folder and read back as ``taiyaku align`` reads them (format
readers, language assignment, sentence splitter, glossary hits, aligner), so splitting errors count.
Predicted sentences are mapped back to the gold lines by source offsets: a pair links every gold
Japanese line its Japanese sentences overlap to every gold English line its English sentences overlap.
A Japanese gold line is predicted untranslated when it takes part in no predicted link.
Figures: link P/R/F1 and untranslated-line P/R/F1, per variant and split (test is never tuned on).
Nothing is written outside the temporary folder; the data is read from ../shared/data/ntrex128_en-ja.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_eval import Score  # noqa: E402
from damage import Damaged, Doc, damage, load_ntrex, split  # noqa: E402

VARIANTS = ("prose", "lines", "wrap40", "wrap80", "html")
_FINAL = ".。!！?？"
_CLOSE = "」』）)】\"”’'"
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


def _unpunctuated(s: str) -> bool:
    """A line that does not end a sentence (a subheading, a caption, a list item, a sloppy line)."""
    s = s.rstrip().rstrip(_CLOSE)
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
    loose = [_unpunctuated(j) or _unpunctuated(e) for j, e in zip(doc.ja, doc.en)]
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


def _width(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


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
        elif lang == "ja" and col and col + _width(c) > columns:
            out.append("\n")
            col = 0
            if c != " ":
                new_pos[i] = len(out)
                out.append(c)
                col = _width(c)
        else:
            out.append(c)
            col += _width(c)
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


def _overlapping(spans: list[tuple[int, int]], a: int, b: int) -> set[int]:
    return {k for k, (s, e) in enumerate(spans) if s < b and a < e}


@dataclass
class Outcome:
    links: Score
    untranslated: Score
    split_ja: int = 0  # gold ja lines cut into several sentences
    glued_ja: int = 0  # predicted ja sentences spanning several gold lines
    split_en: int = 0
    glued_en: int = 0
    sentences_ja: int = 0
    sentences_en: int = 0
    blame: dict | None = None  # wrong links and untranslated lines by what happened to their lines
    glued: list | None = None  # (side, sentence text with ‖ at gold line ends) examples
    junctions: dict | None = None  # (side, kind) → gold line ends a sentence ran past
    errors: list | None = None


_EN_ABBREV_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,3}|\b(?:No|St|Mr|Mrs|Ms|Dr|Jr|Sr|Rev|etc|vs|Inc|Ltd|Co|Gen|Gov|Sen)\.)$")


def junction(lang: str, line: str, after: str, before: str = "") -> str:
    """Why a sentence may have run past the end of gold line ``line`` into the next (``after``);
    ``before``: the sentence's text up to there. The kinds of junction the splitter gets wrong."""
    line = line.rstrip()
    if lang == "ja":
        if before.count("「") > before.count("」") or before.count("『") > before.count("』"):
            return "quote open across the line end"
        if line.endswith(("」", "』")):
            return "「…」 then a new sentence"
        if _unpunctuated(line):
            return "no final punctuation (heading, caption)"
        if after.startswith(("では", "でも", "が", "と", "に")):
            return "next starts like a particle (では…)"
        return "other"
    if line.endswith(("...", "…")):
        return "ellipsis"
    if _EN_ABBREV_END.search(line):
        return "abbreviation at the end (U.S., p.m., No.)"
    if line.endswith((",", ";", ":", "-")):
        return "comma, colon or dash at the end"
    if _unpunctuated(line):
        return "no final punctuation (heading, caption)"
    if after.lstrip()[:1] in ("'", "‘"):
        return "next starts with a single quote"
    if line.rstrip(_CLOSE).endswith(("!", "?")):
        return "! or ? (names like Yahoo!, quoted questions)"
    if re.search(r"\bno\.$", line, re.IGNORECASE):
        return "abbreviation at the end (U.S., p.m., No.)"
    return "other"


def _segmentation(segs, r: Rendered, lines: list[str], lang: str):
    """Gold lines per sentence; lines glued to another line in one sentence; lines cut into several
    sentences; the glued sentences' text with ‖ where a gold line ends inside them; and the kind of
    each such junction (:func:`junction`)."""
    gold_of: dict[int, set[int]] = {}
    count: dict[int, int] = {}
    glued: set[int] = set()
    shown: list[str] = []
    kinds: list[str] = []
    for s in segs:
        a, b = s.source_span()
        inside = _overlapping(r.spans, a, b)
        gold_of[id(s)] = inside
        for k in inside:
            count[k] = count.get(k, 0) + 1
        if len(inside) > 1:
            glued |= inside
            ends = sorted((r.spans[k][1], k) for k in inside if r.spans[k][1] < b)
            text, prev, here = [], a, []
            for c, k in ends:
                text += [s.doc.text[prev:c], "‖"]
                prev = c
                nxt = min((x for x in inside if r.spans[x][0] >= c), key=lambda x: r.spans[x][0], default=None)
                here.append(junction(lang, lines[k], lines[nxt] if nxt is not None else "", s.doc.text[a:c]))
            text.append(s.doc.text[prev:b])
            kinds += here
            shown.append(f"[{'; '.join(here)}] " + "".join(text).replace("\n", "⏎"))
    return gold_of, glued, {k for k, c in count.items() if c > 1}, shown, kinds


def _why(lines_ja: set[int], lines_en: set[int], glued, cut) -> str:
    """Which segmentation trouble a wrong link or line touches: glued lines first, then cut ones."""
    if lines_ja & glued[0] or lines_en & glued[1]:
        return "glued"
    if lines_ja & cut[0] or lines_en & cut[1]:
        return "cut"
    return "clean"


class OracleSplitter:
    """Stands in for taiyaku's sentence splitter (``--oracle``): the sentences of a block are its runs
    of characters that come from one gold line, so the figures show what is left with perfect
    splitting (the readers' blocks are still taiyaku's)."""

    def __init__(self) -> None:
        self.spans: dict[str, list[tuple[int, int]]] = {}  # file path → gold line spans

    def __call__(self, doc):
        from taiyaku.models import Segment

        spans = self.spans[doc.path]
        starts = sorted((a, b, k) for k, (a, b) in enumerate(spans))
        sides: dict[str, list] = {"ja": [], "en": []}
        for block in doc.blocks:
            side = sides[block.lang if doc.role not in sides else doc.role]
            runs: list[list[int]] = []  # [line, start, end] in block offsets
            for i, c in enumerate(block.text):
                if c.isspace():
                    continue
                src = block.to_source(i)
                k = next((k for a, b, k in starts if a <= src < b), None)
                if k is None:
                    continue
                if runs and runs[-1][0] == k:
                    runs[-1][2] = i + 1
                else:
                    runs.append([k, i, i + 1])
            for _, a, b in runs:
                side.append(Segment(doc, block, a, b, block.lang, len(side)))
        return sides["ja"], sides["en"]


def evaluate(docs, variant: str, folder: Path, matchers, keep_errors: int = 0, oracle=None) -> Outcome:
    """Write, read, align and score every document of one split in ``variant`` (with ``oracle``, an
    :class:`OracleSplitter` already installed, the gold sentences instead of taiyaku's)."""
    from taiyaku.analyze.context import analyze
    from taiyaku.read.articles import find_articles

    out = Outcome(Score(), Score(), blame={}, glued=[], junctions={}, errors=[])
    for n, (d, groups) in enumerate(docs):
        ja, en, ext = render(d, groups, variant)
        ja_path, en_path = folder / f"doc{n:03d}.ja.{ext}", folder / f"doc{n:03d}.en.{ext}"
        ja_path.write_text(ja.text, encoding="utf-8")
        en_path.write_text(en.text, encoding="utf-8")
        if oracle is not None:
            oracle.spans = {str(ja_path): ja.spans, str(en_path): en.spans}
        (article,) = find_articles([str(ja_path)])
        pairs = analyze(article, matchers).pairs
        gold_ja, glued_ja, cut_ja, shown_ja, kinds_ja = _segmentation(article.ja, ja, d.ja, "ja")
        gold_en, glued_en, cut_en, shown_en, kinds_en = _segmentation(article.en, en, d.en, "en")
        for side, kinds in (("ja", kinds_ja), ("en", kinds_en)):
            for kind in kinds:
                out.junctions[(side, kind)] = out.junctions.get((side, kind), 0) + 1
        gold_of = {**gold_ja, **gold_en}
        out.split_ja += len(cut_ja)
        out.split_en += len(cut_en)
        out.glued_ja += len(shown_ja)
        out.glued_en += len(shown_en)
        out.glued += [("ja", t) for t in shown_ja] + [("en", t) for t in shown_en]
        out.sentences_ja += len(article.ja)
        out.sentences_en += len(article.en)
        pred = {(i, k) for p in pairs for sj in p.ja for i in gold_of[id(sj)] for se in p.en for k in gold_of[id(se)]}
        out.links.add(d.links, pred)
        linked = {i for i, _ in pred}
        predicted_untranslated = set(range(len(d.ja))) - linked
        out.untranslated.add(d.untranslated, predicted_untranslated)
        glued, cut = (glued_ja, glued_en), (cut_ja, cut_en)
        for kind, wrong in (("link fp", pred - d.links), ("link fn", d.links - pred)):
            for i, k in wrong:
                key = (kind, _why({i}, {k}, glued, cut))
                out.blame[key] = out.blame.get(key, 0) + 1
        for kind, wrong in (
            ("untr fp", predicted_untranslated - d.untranslated),
            ("untr fn", d.untranslated - predicted_untranslated),
        ):
            for i in wrong:
                key = (kind, _why({i}, set(), glued, cut))
                out.blame[key] = out.blame.get(key, 0) + 1
        if keep_errors and len(out.errors) < keep_errors and pred != d.links:
            out.errors.append((d, pairs, pred))
        ja_path.unlink()
        en_path.unlink()
    return out


def _blame(o: Outcome) -> str:
    parts = []
    for kind in ("link fp", "link fn", "untr fp", "untr fn"):
        got = {why: o.blame.get((kind, why), 0) for why in ("glued", "cut", "clean")}
        parts.append(f"{kind} " + "/".join(str(v) for v in got.values()))
    return "errors on glued/cut/clean lines: " + ", ".join(parts)


def _show(errors) -> None:
    for d, pairs, pred in errors:
        print(f"\n== {d.doc_id}: missing {sorted(d.links - pred)} extra {sorted(pred - d.links)}")
        for p in pairs:
            ja = " / ".join(s.text.replace("\n", "⏎") for s in p.ja) or "—"
            en = " / ".join(s.text.replace("\n", "⏎") for s in p.en) or "—"
            print(f"  {ja[:70]}\n      ↔ {en[:110]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    ap.add_argument("--lexicon", choices=("default", "off", "both"), default="default",
                    help="JMdict lexicon: as taiyaku loads it (default), off, or both runs")
    ap.add_argument("--splits", nargs="+", choices=("dev", "test"), default=["dev", "test"])
    ap.add_argument("--oracle", action="store_true", help="gold sentences instead of taiyaku's splitter")
    ap.add_argument("--show", choices=VARIANTS, help="print wrong documents of this variant")
    ap.add_argument("--errors", type=int, default=3, help="how many documents --show prints")
    args = ap.parse_args()
    print(
        f"command: python3 bench/layouts.py --seed {args.seed} --variants {' '.join(args.variants)} "
        f"--lexicon {args.lexicon} --splits {' '.join(args.splits)}" + (" --oracle" if args.oracle else "")
    )
    from taiyaku.read import articles

    oracle = None
    if args.oracle:
        oracle = OracleSplitter()
        articles.segment = oracle
    from taiyaku.align import pairing
    from taiyaku.analyze.context import Matchers
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary

    matchers = Matchers.build(load_glossary(bundled_glossary_path()))
    real = pairing.lexicon
    modes = {"default": ["on"], "off": ["off"], "both": ["off", "on"]}[args.lexicon]
    with tempfile.TemporaryDirectory(prefix="taiyaku-layouts-") as tmp:
        for mode in modes:
            pairing.lexicon = real if mode == "on" else (lambda: None)
            name = "none" if mode == "off" else type(real()).__name__ if real() else "none (not installed)"
            print(f"-- lexicon: {name}")
            for variant in args.variants:
                dev, test = documents(args.seed, variant)
                for part, docs in (("dev", dev), ("test", test)):
                    if part not in args.splits:
                        continue
                    t0 = time.perf_counter()
                    keep = args.errors if args.show == variant and part == "dev" else 0
                    o = evaluate(docs, variant, Path(tmp), matchers, keep, oracle)
                    n_ja = sum(len(d.ja) for d, _ in docs)
                    n_en = sum(len(d.en) for d, _ in docs)
                    print(
                        f"{variant:6s} {part:4s} lex {mode:3s}: links {o.links} | untranslated {o.untranslated} | "
                        f"sentences ja {o.sentences_ja}/{n_ja} lines (split {o.split_ja}, glued {o.glued_ja}) "
                        f"en {o.sentences_en}/{n_en} (split {o.split_en}, glued {o.glued_en}) "
                        f"| {time.perf_counter() - t0:.1f}s",
                        flush=True,
                    )
                    print(f"{'':26s}{_blame(o)}")
                    if o.junctions:
                        runs = ", ".join(f"{side} {kind} {c}" for (side, kind), c in sorted(o.junctions.items()))
                        print(f"{'':26s}line ends run past: {runs}")
                    if keep:
                        _show(o.errors)
                        for side, text in o.glued[: args.errors * 4]:
                            print(f"  glued {side}: {text[:160]}")
    pairing.lexicon = real


if __name__ == "__main__":
    main()
