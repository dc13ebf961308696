"""CPU time of the checks (``registry.dispatch``) and of the text report alone, on seeds x20.

Run: python3 bench/checks_speed.py [--repeat 7]
Checks the corpus once (engine, --jobs 1), keeping each article's analysis and the report; then times,
in CPU time (steadier than wall time on a shared machine), best and median of ``--repeat`` runs:
dispatch over the 100 articles with the default rules, the text rendering of the report, and each rule
alone (a rule that builds what several rules share, such as J001's Japanese token index, is charged
for it). Prints a digest of the findings so two versions can be compared.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from throughput import cpu_times, make_corpus

    import taiyaku.checks.registry as registry
    from taiyaku.output import render
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    corpus = Path(tempfile.mkdtemp(prefix="taiyaku-checks-"))
    make_corpus(corpus, 20)
    articles = []
    dispatch = registry.dispatch

    def keep(ctx, rules):
        rules = list(rules)
        articles.append((ctx, rules))
        return dispatch(ctx, rules)

    registry.dispatch = keep  # the engine's worker looks it up when it runs
    try:
        settings = load_settings([str(corpus)], {"isolated": True})
        report = run([str(corpus)], settings, Request(jobs=1)).report
    finally:
        registry.dispatch = dispatch
    findings = [f for ctx, rules in articles for f in dispatch(ctx, rules)]
    text = render(report, settings.format)
    digest = hashlib.sha1((repr(findings) + text).replace(str(corpus), "").encode())
    print(f"seeds x20: {len(articles)} articles, {len(findings)} findings before filtering, "
          f"{len(report.findings)} reported; digest {digest.hexdigest()[:12]}")
    best, median = cpu_times(lambda: [dispatch(ctx, rules) for ctx, rules in articles], args.repeat)
    print(f"  dispatch (default rules)  {best:.3f} s CPU best, {median:.3f} s median")
    best, median = cpu_times(lambda: render(report, settings.format), args.repeat)
    print(f"  text report               {best:.3f} s CPU best, {median:.3f} s median")
    per_rule: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeat):
        spent: dict[str, float] = defaultdict(float)
        for ctx, rules in articles:
            for r in rules:
                start = time.process_time()
                dispatch(ctx, [r])
                spent[r.code] += time.process_time() - start
        for code, seconds in spent.items():
            per_rule[code].append(seconds)
    for code, runs in sorted(per_rule.items(), key=lambda kv: -min(kv[1])):
        print(f"    {code:6} {min(runs) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
