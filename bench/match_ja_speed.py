"""CPU time of Japanese glossary matching (``JapaneseMatcher.find``) on the seeds repeated 20 times.

Run: python3 bench/match_ja_speed.py [OTHER_MATCH_JA.py ...] [--repeat 20] [--rounds 7]
As in ``check``, each article's Japanese sentences are tokenized (not timed) just before they are matched,
so the tokens are fresh. Prints the best and median CPU time over ``--rounds`` passes for this taiyaku's
matcher and for each other version of ``analyze/match_ja.py`` given (e.g. main's, written out with
``git show main:pipeline/analyze/match_ja.py > /tmp/match_ja_main.py``), timed alternately in one
process after checking that they find the same hits (entry, span, how, spelling) on the seeds.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from throughput import SEEDS  # noqa: E402


def _matcher_class(path: str, n: int):
    spec = importlib.util.spec_from_file_location(f"match_ja_{n}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.JapaneseMatcher


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("others", nargs="*", help="other versions of analyze/match_ja.py to compare")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from taiyaku.analyze import match_ja
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
    from taiyaku.analyze.tokens import tokenize_all
    from taiyaku.read.articles import discover, load_article

    glossary = load_glossary(bundled_glossary_path())
    names = ["this taiyaku", *args.others]
    classes = [match_ja.JapaneseMatcher] + [_matcher_class(p, n) for n, p in enumerate(args.others)]
    matchers = [cls(glossary) for cls in classes]
    articles = [load_article(name, group).ja for name, group in discover(sorted(map(str, SEEDS.glob("0*.txt"))))]

    def hits(matcher) -> list:
        return [
            [(h.entry.ja, h.start, h.end, h.how, h.rendering) for h in matcher.find(s, t)]
            for sentences in articles
            for s, t in zip(sentences, tokenize_all([s.text for s in sentences]))
        ]

    expected = hits(matchers[0])
    for name, matcher in zip(names[1:], matchers[1:]):
        if hits(matcher) != expected:
            sys.exit(f"{name} finds other hits than this taiyaku")

    def run(matcher) -> float:
        spent = 0.0
        for _ in range(args.repeat):
            for sentences in articles:
                tokens = tokenize_all([s.text for s in sentences])
                start = time.process_time()
                for s, t in zip(sentences, tokens):
                    matcher.find(s, t)
                spent += time.process_time() - start
        return spent

    runs: list[list[float]] = [[] for _ in matchers]
    for _ in range(args.rounds):
        for matcher, times in zip(matchers, runs):
            times.append(run(matcher))
    calls = sum(len(a) for a in articles) * args.repeat
    print(f"JapaneseMatcher.find on seeds x{args.repeat} ({calls:,} sentences), CPU best / median of {args.rounds}:")
    for name, times in zip(names, runs):
        print(f"  {name:40} {min(times) * 1000:7.1f} / {statistics.median(times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
