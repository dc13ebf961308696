"""Time the sentence aligner: a 100-sentence article pair, then 1,000 and 10,000 sentences.

    python3 bench/align_speed.py                 # seed 1, with taiyaku's JMdict lexicon (as `taiyaku align`)
    python3 bench/align_speed.py --seed 2 --repeat 7
    python3 bench/align_speed.py --no-lexicon    # without it
    python3 bench/align_speed.py --jmdict DB     # with the JMdict file DB (queried directly, no derived table)

Articles are synthesized by concatenating NTREX-128 documents (damaged with bench/damage.py, so there are
deletions, merges and insertions to find). Start-up (imports, loading MeCab) is excluded: the tokenizer is
warmed on one sentence first, and opening the lexicon (building its table the very first time) is
timed on its own line. Anchor extraction (tokenizing + keys) is timed separately from alignment.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from damage import Damaged, damage, load_ntrex  # noqa: E402

from taiyaku.align.dp import AlignUnit, align  # noqa: E402
from taiyaku.align.anchors import Lexicon, en_anchors, ja_anchors  # noqa: E402


def _length(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def article(docs: list, size: int, seed: int) -> Damaged:
    """Concatenate damaged documents (cycling through NTREX) until the Japanese side has ``size`` lines."""
    out = Damaged("synthetic", [], [])
    pool = [s for d in docs for s in d.en]
    k = 0
    while len(out.ja) < size:
        d = damage(docs[k % len(docs)], pool, seed + k // len(docs))
        k += 1
        oj, oe = len(out.ja), len(out.en)
        out.ja.extend(d.ja)
        out.en.extend(d.en)
        out.links |= {(i + oj, j + oe) for i, j in d.links}
    cut_ja = size
    cut_en = max((j for i, j in out.links if i < cut_ja), default=-1) + 1
    out.ja, out.en = out.ja[:cut_ja], out.en[:cut_en]
    out.links = {(i, j) for i, j in out.links if i < cut_ja and j < cut_en}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--jmdict", metavar="DB", help="JMdict file queried directly instead of taiyaku's lexicon")
    ap.add_argument("--no-lexicon", action="store_true", help="without the JMdict lexicon")
    args = ap.parse_args()
    extra = f" --jmdict {args.jmdict}" if args.jmdict else " --no-lexicon" if args.no_lexicon else ""
    print(f"command: python3 bench/align_speed.py --seed {args.seed} --repeat {args.repeat}{extra}")
    docs = load_ntrex()
    t0 = time.perf_counter()
    ja_anchors("麹町駅の整形外科です。")  # start-up: load MeCab and the stemmer
    en_anchors("An orthopedic clinic.")
    print(f"start-up (MeCab, stemmer; excluded below): {1000 * (time.perf_counter() - t0):.0f} ms")
    t0 = time.perf_counter()
    if args.jmdict:
        lex = Lexicon(args.jmdict, derive=False)
    else:
        lex = None if args.no_lexicon else Lexicon.default()
    what = "none" if lex is None else f"{lex.path} ({'derived table' if lex.table else 'direct queries'})"
    print(f"lexicon: {what}; opening it (excluded below): {1000 * (time.perf_counter() - t0):.0f} ms")

    art = article(docs, 100, args.seed)
    times_ja, times_en = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        ja_units = [AlignUnit(_length(s), ja_anchors(s, lexicon=lex)) for s in art.ja]
        times_ja.append(time.perf_counter() - t)
        t = time.perf_counter()
        en_units = [AlignUnit(_length(s), en_anchors(s)) for s in art.en]
        times_en.append(time.perf_counter() - t)
    times_align = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        beads = align(ja_units, en_units)
        times_align.append(time.perf_counter() - t)
    pred = {(i, j) for b in beads for i in b.ja for j in b.en}
    f1 = 2 * len(pred & art.links) / (len(pred) + len(art.links))
    print(
        f"100-sentence pair ({len(art.ja)} ja / {len(art.en)} en lines): "
        f"align median {1000 * statistics.median(times_align):.1f} ms (min {1000 * min(times_align):.1f}); "
        f"anchors ja first {1000 * times_ja[0]:.0f} ms / warm {1000 * statistics.median(times_ja[1:] or times_ja):.0f} ms, "
        f"en first {1000 * times_en[0]:.0f} ms / warm {1000 * statistics.median(times_en[1:] or times_en):.0f} ms; "
        f"link F1 {f1:.3f}"
    )

    if lex is not None:
        from taiyaku.analyze.tokens import tokenize

        tokens = [tokenize(s) for s in art.ja]
        fresh = Lexicon(str(lex.path), derive=lex.table is not None)  # nothing looked up yet
        t = time.perf_counter()
        for tk in tokens:
            fresh.keys(tk)
        cold = time.perf_counter() - t
        t = time.perf_counter()
        for tk in tokens:
            fresh.keys(tk)
        warm = time.perf_counter() - t
        words = {t.lemma for tk in tokens for t in tk if t.pos[0] in Lexicon.CONTENT_POS}
        print(
            f"lexicon look-ups for those 100 Japanese sentences ({len(words)} distinct content words): "
            f"first {1000 * cold:.1f} ms, again {1000 * warm:.1f} ms"
        )

    cache_ja: dict[str, AlignUnit] = {}
    cache_en: dict[str, AlignUnit] = {}
    for size in (100, 1000, 10000):
        art = article(docs, size, args.seed)
        t = time.perf_counter()
        ja_units = [cache_ja.get(s) or cache_ja.setdefault(s, AlignUnit(_length(s), ja_anchors(s, lexicon=lex))) for s in art.ja]
        en_units = [cache_en.get(s) or cache_en.setdefault(s, AlignUnit(_length(s), en_anchors(s))) for s in art.en]
        t_anchor = time.perf_counter() - t
        reps = args.repeat if size <= 1000 else 1
        ts = []
        for _ in range(reps):
            t = time.perf_counter()
            beads = align(ja_units, en_units)
            ts.append(time.perf_counter() - t)
        pred = {(i, j) for b in beads for i in b.ja for j in b.en}
        f1 = 2 * len(pred & art.links) / (len(pred) + len(art.links))
        med = statistics.median(ts)
        print(
            f"{size:6d} ja / {len(art.en):6d} en lines: align {med:8.3f} s ({1e3 * med / size:.2f} ms per ja line), "
            f"anchors (new texts only) {t_anchor:6.2f} s, link F1 {f1:.3f}"
        )


if __name__ == "__main__":
    main()
