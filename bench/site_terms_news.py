"""S004 on text it was not written for: the 123 NTREX-128 news documents (../shared/data) as articles.

Each document becomes ``<id>.ja.txt``/``<id>.en.txt`` (one sentence per line) in a temporary directory;
the site is checked with S004 alone and every finding is printed for a human to judge. News is
translated freely and names recur, so a finding here is most likely noise. ``--terms`` also lists
every term S004 compared (rendered in sure pairs of three or more articles) with its renderings.

    python bench/site_terms_news.py [--terms] [--jobs 2]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "data" / "ntrex128_en-ja"


def build(root: Path) -> int:
    """Write one article per NTREX document under ``root``; return how many."""
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    ja = (NTREX / "newstest2019-ref.jpn.txt").read_text(encoding="utf-8").splitlines()
    en = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    docs: dict[str, list] = defaultdict(list)
    for doc, j, e in zip(ids, ja, en):
        docs[doc.strip()].append((j, e))
    for doc, lines in docs.items():
        (root / f"{doc}.ja.txt").write_text("".join(j + "\n" for j, _ in lines), encoding="utf-8")
        (root / f"{doc}.en.txt").write_text("".join(e + "\n" for _, e in lines), encoding="utf-8")
    return len(docs)


def compared_terms(root: Path) -> None:
    """Each term rendered in sure pairs of 3+ articles, with its rendering families and their articles."""
    from taiyaku.analyze.analysis import Analyzer, analyze
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
    from taiyaku.checks.site import _fold
    from taiyaku.checks.site_terms import collect_unlisted
    from taiyaku.read.articles import find_articles

    analyzer = Analyzer.build(load_glossary(bundled_glossary_path()))
    by_term = defaultdict(list)
    for article in find_articles([str(root)]):
        for use in collect_unlisted(analyze(article, analyzer)):
            by_term[use.ja].append(use)
    for ja, uses in sorted(by_term.items(), key=lambda kv: -len({u.article for u in kv[1]})):
        if len({u.article for u in uses}) < 3:
            continue
        fold = _fold(u.family for u in uses)
        texts, articles = defaultdict(Counter), defaultdict(set)
        for u in uses:
            texts[fold[u.family]][u.place.text] += 1
            articles[fold[u.family]].add(u.article)
        print(f"  {ja}: " + "; ".join(f"{dict(texts[f])} in {len(articles[f])}" for f in texts))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", action="store_true", help="list every term compared and its renderings")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if not NTREX.is_dir():
        print(f"no NTREX data at {NTREX}", file=sys.stderr)
        return 2
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    root = Path(tempfile.mkdtemp(prefix="taiyaku-news-"))
    try:
        n = build(root)
        settings = load_settings([str(root)], {"isolated": True, "select": ["S004"]})
        started = time.perf_counter()
        report = run([str(root)], settings, Request(jobs=args.jobs)).report
        print(f"{n} NTREX documents as bilingual articles; S004 checked them in {time.perf_counter() - started:.1f} s")
        print(f"S004 findings: {len(report.findings)}")
        for f in report.findings:
            print(f"  {Path(f.path).name}:{report.position(f.path, f.start)[0]}: {f.message}")
        if args.terms:
            print("terms compared (rendered in sure pairs of 3 or more articles):")
            compared_terms(root)
        return 0
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    sys.exit(main())
