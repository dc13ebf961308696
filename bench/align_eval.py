"""Evaluate the sentence aligner on damaged NTREX-128 documents (see bench/damage.py).

    python3 bench/align_eval.py                    # seed 1: dev and test, aligner vs length-only baseline
    python3 bench/align_eval.py --seeds 1 2 3 4 5  # several damage seeds, figures per seed and pooled
    python3 bench/align_eval.py --fit              # fit the length model (ratio, variance) on dev
    python3 bench/align_eval.py --tune             # coordinate search of the weights on dev only
    python3 bench/align_eval.py --jmdict installed # with the JMdict lexicon taiyaku uses (jamdict-data)
    python3 bench/align_eval.py --jmdict DB        # with another JMdict SQLite file, queried directly

Prints link precision/recall/F1 at line level (every (ja line, en line) pair inside a bead is a link)
and precision/recall/F1 of the Japanese lines found untranslated (1-0 beads). The length-only baseline
is the same code with anchors off. Tuning looks at dev only; test is reported, never tuned on.
Sentences are given to the aligner as the data's lines (no reading, no sentence splitting): for the
figures through taiyaku's readers and splitter on page layouts, see bench/layouts.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from damage import Damaged, damaged_split, load_ntrex, split  # noqa: E402

from taiyaku.align.dp import AlignParams, AlignUnit, DEFAULT_PARAMS, align  # noqa: E402
from taiyaku.align.anchors import Lexicon, en_anchors, ja_anchors  # noqa: E402


def _length(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


class UnitCache:
    """AlignUnits per distinct text (anchor extraction is the slow part; do it once)."""

    def __init__(self, drop: tuple[str, ...] = (), lexicon: Lexicon | None = None) -> None:
        self.ja: dict[str, AlignUnit] = {}
        self.en: dict[str, AlignUnit] = {}
        self.drop = drop  # anchor key prefixes left out (ablation)
        self.lexicon = lexicon  # optional JMdict

    def _keep(self, keys: frozenset[str]) -> frozenset[str]:
        if not self.drop:
            return keys
        return frozenset(k for k in keys if not k.startswith(self.drop))

    def ja_unit(self, text: str) -> AlignUnit:
        u = self.ja.get(text)
        if u is None:
            u = self.ja[text] = AlignUnit(_length(text), self._keep(ja_anchors(text, lexicon=self.lexicon)))
        return u

    def en_unit(self, text: str) -> AlignUnit:
        u = self.en.get(text)
        if u is None:
            u = self.en[text] = AlignUnit(_length(text), self._keep(en_anchors(text)))
        return u


@dataclasses.dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def __str__(self) -> str:
        return f"P {self.p:.3f} R {self.r:.3f} F1 {self.f:.3f}"


def evaluate(docs: list[Damaged], cache: UnitCache, params: AlignParams) -> tuple[Score, Score, float]:
    links, untr = Score(), Score()
    t = 0.0
    for d in docs:
        ja = [cache.ja_unit(s) for s in d.ja]
        en = [cache.en_unit(s) for s in d.en]
        t0 = time.perf_counter()
        beads = align(ja, en, params=params)
        t += time.perf_counter() - t0
        pred = {(i, j) for b in beads for i in b.ja for j in b.en}
        links.add(d.links, pred)
        untr.add(d.untranslated, {i for b in beads if not b.en for i in b.ja})
    return links, untr, t


def fit() -> None:
    dev, _ = split(load_ntrex())
    pairs = [(_length(j), _length(e)) for d in dev for j, e in zip(d.ja, d.en)]
    sj = sum(j for j, _ in pairs)
    se = sum(e for _, e in pairs)
    ratio = se / sj
    var = sum((e - ratio * j) ** 2 for j, e in pairs) / sum((j + e / ratio) / 2 for j, e in pairs)
    print("command: python3 bench/align_eval.py --fit")
    print(f"dev 1-1 pairs: {len(pairs)} from {len(dev)} documents")
    print(f"FITTED_RATIO = {ratio:.4f}  (English chars per Japanese char, white space removed)")
    print(f"FITTED_VARIANCE = {var:.4f}  (variance of e - ratio*j per unit of mean length)")


def objective(links: Score, untr: Score) -> float:
    return links.f + 0.5 * untr.f


def tune(seeds: list[int], cache: UnitCache, start: AlignParams) -> AlignParams:
    splits = [damaged_split(s)[0] for s in seeds]
    grid = {
        "skip": [1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0],
        "merge": [1.5, 2.0, 2.5, 3.0, 4.0, 5.0],
        "merge22": [4.0, 5.0, 7.0, 9.0, 12.0],
        "anchor_weight": [8.0, 12.0, 16.0, 20.0, 24.0, 32.0],
        "anchor_miss": [0.0, 1.0, 2.0, 3.0, 4.0, 6.0],
        "anchor_rarity": [0.0, 0.25, 0.5, 0.75, 1.0],
        "variance": [FITTED_VARIANCE_DEFAULT, 11.0, 14.0, 18.0, 24.0],
    }

    def run(params: AlignParams) -> float:
        total = 0.0
        for docs in splits:
            links, untr, _ = evaluate(docs, cache, params)
            total += objective(links, untr)
        return total / len(splits)

    best = start
    best_score = run(best)
    print(f"start {best_score:.4f}")
    for _round in range(2):
        improved = False
        for name, values in grid.items():
            for v in values:
                if getattr(best, name) == v:
                    continue
                cand = dataclasses.replace(best, **{name: v})
                s = run(cand)
                if s > best_score + 1e-6:
                    best, best_score, improved = cand, s, True
                    print(f"  {name}={v}: {s:.4f}")
        if not improved:
            break
    print("tuned:", {k: getattr(best, k) for k in grid})
    return best


FITTED_VARIANCE_DEFAULT = DEFAULT_PARAMS.variance


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1])
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--tune-seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--drop", nargs="*", default=[], help="anchor key prefixes to leave out, e.g. sk: w:")
    ap.add_argument("--shapes", default="", help="bead shapes, e.g. 11,10,01,21,12 (default: all of AlignParams)")
    ap.add_argument(
        "--jmdict",
        metavar="DB",
        help="also use JMdict glosses of Japanese content words: jamdict-data's jamdict.db, or 'installed'",
    )
    args = ap.parse_args()
    if args.fit:
        fit()
        return
    lexicon = None
    if args.jmdict:
        lexicon = Lexicon.default() if args.jmdict == "installed" else Lexicon(args.jmdict, derive=False)
        if lexicon is None:
            raise SystemExit("--jmdict installed: the jamdict-data package is not installed")
    cache = UnitCache(tuple(args.drop), lexicon)
    params = DEFAULT_PARAMS
    if args.shapes:
        params = dataclasses.replace(params, shapes=tuple((int(s[0]), int(s[1])) for s in args.shapes.split(",")))
    if args.tune:
        print(f"command: python3 bench/align_eval.py --tune --tune-seeds {' '.join(map(str, args.tune_seeds))}")
        params = tune(args.tune_seeds, cache, params)
    extra = (f" --drop {' '.join(args.drop)}" if args.drop else "") + (f" --shapes {args.shapes}" if args.shapes else "")
    extra += f" --jmdict {args.jmdict}" if args.jmdict else ""
    print(f"command: python3 bench/align_eval.py --seeds {' '.join(map(str, args.seeds))}{extra}")
    print("params:", {f.name: getattr(params, f.name) for f in dataclasses.fields(params) if f.name != "shapes"})
    print("shapes:", params.shapes)
    systems = [("anchors", params), ("length-only", dataclasses.replace(params, use_anchors=False))]
    pooled = {(s, p): (Score(), Score()) for s, _ in systems for p in ("dev", "test")}
    for seed in args.seeds:
        dev, test = damaged_split(seed)
        for part, docs in (("dev", dev), ("test", test)):
            n_ja = sum(len(d.ja) for d in docs)
            n_en = sum(len(d.en) for d in docs)
            for name, p in systems:
                t0 = time.perf_counter()
                links, untr, t_align = evaluate(docs, cache, p)
                elapsed = time.perf_counter() - t0
                pl, pu = pooled[(name, part)]
                for tot, s in ((pl, links), (pu, untr)):
                    tot.tp += s.tp
                    tot.fp += s.fp
                    tot.fn += s.fn
                print(
                    f"seed {seed} {part:4s} {name:11s} ({len(docs)} docs, {n_ja} ja / {n_en} en lines): "
                    f"links {links} | untranslated {untr} | align {t_align:.2f}s total {elapsed:.2f}s"
                )
    if len(args.seeds) > 1:
        for (name, part), (links, untr) in pooled.items():
            print(f"pooled {part:4s} {name:11s}: links {links} | untranslated {untr}")


if __name__ == "__main__":
    main()
