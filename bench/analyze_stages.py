"""CPU time of the analysis stages of `taiyaku check --jobs 1` on seeds x20, for the taiyaku this Python
has installed (run it with each branch's Python, alternately: the machine is shared and noisy).

Run: python3 bench/analyze_stages.py [--runs 3]
Prints check's CPU time (best of the runs) and, per run, the CPU time of: tokenize (MeCab + tokens),
Japanese glossary matching (JapaneseMatcher.find), the English side (analysis._english: matching,
numbers, stems and, where the branch computes them there, anchors), alignment
(pairing.align_segments), ArticleAnalysis.__post_init__, and analyze minus tokenize (everything
analysis adds to the tokens). Process CPU time, not wall time, so other processes' load counts less.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import taiyaku

ROOT = Path(taiyaku.__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

CLOCK = time.process_time


def _timed(owner, name: str, label: str, spent: dict[str, float]) -> None:
    """Replace ``owner.name`` by a wrapper adding its CPU time to ``spent[label]``."""
    function = getattr(owner, name)

    def timed(*args, **kwargs):
        start = CLOCK()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + CLOCK() - start

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import speed
    from throughput import make_corpus

    import taiyaku.run.pool  # noqa: F401 - imported before its callees are wrapped
    from taiyaku.align import pairing
    from taiyaku.analyze import analysis, match_ja

    spent: dict[str, float] = {}
    for owner, name, label in (
        (analysis, "analyze", "analyze"),
        (analysis, "tokenize_all", "tokenize"),
        (match_ja.JapaneseMatcher, "find", "Japanese matching"),
        (analysis, "_english", "English side"),
        (pairing, "align_segments", "alignment"),
        (analysis.ArticleAnalysis, "__post_init__", "ArticleAnalysis"),
    ):
        _timed(owner, name, label, spent)
    speed.CLOCK = CLOCK
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp), 20)
        speed.check_in_process(Path(tmp))  # warm: glossary indexes, lexicon, caches of small units
        spent.clear()
        runs = [speed.check_in_process(Path(tmp))[0] for _ in range(args.runs)]
    print(f"{ROOT}: check CPU best {min(runs):.3f} s (runs {', '.join(f'{r:.3f}' for r in runs)})")
    for label, total in spent.items():
        print(f"  {label:22} {total / args.runs:.3f} s/run")
    print(f"  {'analyze - tokenize':22} {(spent['analyze'] - spent['tokenize']) / args.runs:.3f} s/run")


if __name__ == "__main__":
    main()
