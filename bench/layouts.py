"""Alignment through the real reading path on page layouts generated from NTREX-128 (damaged as in damage.py).

    python3 bench/layouts.py                         # all variants, dev and test, lexicon as installed
    python3 bench/layouts.py --lexicon both          # with and without the JMdict lexicon
    python3 bench/layouts.py --variants lines html --seed 2
    python3 bench/layouts.py --show lines --errors 5 # and the first wrong links of that variant
    python3 bench/layouts.py --oracle                # gold sentences instead of taiyaku's splitter

Each NTREX document becomes (bench/pages.py) a Japanese file and an English file (the English side damaged: deleted,
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
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_eval import Score  # noqa: E402
from pages import CLOSERS, VARIANTS, Rendered, unpunctuated, documents, render  # noqa: E402


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
    confidence: dict | None = None  # pair confidence → [pairs whose every link is right, pairs]


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
        if unpunctuated(line):
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
    if unpunctuated(line):
        return "no final punctuation (heading, caption)"
    if after.lstrip()[:1] in ("'", "‘"):
        return "next starts with a single quote"
    if line.rstrip(CLOSERS).endswith(("!", "?")):
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
    from taiyaku.analyze.analysis import analyze
    from taiyaku.read.articles import find_articles

    out = Outcome(Score(), Score(), blame={}, glued=[], junctions={}, errors=[], confidence={})
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
        for p in pairs:  # is the confidence calibrated? a pair is right when every link it makes is
            if p.ja and p.en:
                links = {(i, k) for sj in p.ja for i in gold_of[id(sj)] for se in p.en for k in gold_of[id(se)]}
                tally = out.confidence.setdefault(p.confidence, [0, 0])
                tally[0] += links <= d.links
                tally[1] += 1
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
    from taiyaku.analyze.analysis import Analyzer as Matchers
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
                    if o.confidence:
                        shares = ", ".join(f"{c} {r}/{n} = {r / n:.3f}" for c, (r, n) in sorted(o.confidence.items()))
                        print(f"{'':26s}pairs right by confidence: {shares}")
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
