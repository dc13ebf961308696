"""CPU time of reading and sentence splitting (``articles.load_article``) on the seeds repeated 20 times.

Run: python3 bench/read_split.py [--repeat 20] [--rounds 7]
Prints the best and median CPU time (process time: steadier than wall time on a shared machine) over
``--rounds`` passes of: load_article for every file (read_document, then segment), read_document
alone, and segment alone on the documents read. segment includes the line-break decisions of
``analyze.line_breaks`` and the MeCab calls they make.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from throughput import cpu_times, make_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from taiyaku.analyze.sentences import segment
    from taiyaku.analyze.tokens import tokenize
    from taiyaku.read.articles import discover, load_article
    from taiyaku.read.documents import read_document

    tokenize("準備")  # MeCab loaded outside the timing
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp), args.repeat)
        groups = discover([tmp])
        docs = [read_document(group[""]) for _, group in groups]
        stages = [
            ("load_article", lambda: [load_article(name, group) for name, group in groups]),
            ("read_document", lambda: [read_document(group[""]) for _, group in groups]),
            ("segment", lambda: [segment(doc) for doc in docs]),
        ]
        print(f"seeds x{args.repeat}: {len(groups)} files, CPU time best / median of {args.rounds}")
        for name, work in stages:
            best, median = cpu_times(work, args.rounds)
            print(f"  {name:14} {best * 1000:7.1f} ms / {median * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
