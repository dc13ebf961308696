"""The HTML report of a generated site: its size, the site page's share, and the time to build it.

Generates the site of ``bench/site.py`` (N bilingual articles with seeded cross-article
inconsistencies, plus the Japanese-only seeds), or uses a folder kept with ``bench/site.py --keep DIR``,
and runs what ``taiyaku check SITE --select ALL,S001,S002,S003 --format html`` runs: the engine with
article views (``--jobs``), then the renderer. Prints the time of each, the page's size and the site
page's share of it, and the size of the per-article records the site page is built from (pickled, as
workers send them) beside the size of the views.

    python bench/site_html.py [--articles 200] [--jobs 2] [--site DIR] [--keep DIR] [--output FILE]
"""

from __future__ import annotations

import argparse
import pickle
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    """bench/site.py, loaded by path (its name is also the standard library's ``site``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_site", Path(__file__).resolve().parent / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--site", help="check this folder (e.g. one kept by bench/site.py --keep) instead")
    parser.add_argument("--keep", help="generate the site in this (new) folder and keep it")
    parser.add_argument("--output", help="also write the page here")
    args = parser.parse_args(argv)
    from taiyaku.output import html as html_format
    from taiyaku.output.site_page import SitePage
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    if args.site:
        root, made = Path(args.site), False
    else:
        gen = _generator()
        if not gen.SEEDS.is_dir():
            print(f"no seeds at {gen.SEEDS}", file=sys.stderr)
            return 2
        root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="taiyaku-site-html-"))
        root.mkdir(parents=True, exist_ok=True)
        made = not args.keep
        gen.build(root, args.articles, random.Random(11))
    try:
        settings = load_settings([str(root)], {"isolated": True, "select": ["ALL,S001,S002,S003"]})
        started = time.perf_counter()
        report = run([str(root)], settings, Request(jobs=args.jobs, views=True)).report
        engine = time.perf_counter() - started
        started = time.perf_counter()
        page = html_format.render(report)
        render = time.perf_counter() - started
        started = time.perf_counter()
        articles = [_Section(i, v) for i, v in enumerate(report.views, start=1)]
        site = SitePage(report, articles)
        site_html = "\n".join([*site.summary(), *site.html()])
        site_time = time.perf_counter() - started
        size = len(page.encode("utf-8"))
        site_size = len(site_html.encode("utf-8"))
        records = sum(len(pickle.dumps(v.site_terms)) for v in report.views)
        views = sum(len(pickle.dumps(v)) for v in report.views)
        mixed = sum(1 for t in site.terms if t.ways > 1)
        found = sum(len(fs) for g in site.groups.values() for _, fs in g)
        print(f"site: {len(report.views)} articles, {len(report.documents)} files in {root}")
        print(f"engine with views (--jobs {args.jobs}): {engine:.1f} s; render: {render:.2f} s "
              f"(site page alone: {site_time:.2f} s); whole HTML build: {engine + render:.1f} s")
        print(f"page: {size / 1024:.0f} KiB ({size / len(report.views) / 1024:.1f} KiB per article); site page: "
              f"{site_size / 1024:.0f} KiB ({100 * site_size / size:.1f} %)")
        print(f"site page: {len(site.terms)} glossary terms, {mixed} rendered more than one way; "
              f"{found} site-wide findings ({', '.join(site.ran)})")
        print(f"records for the site page: {records / 1024:.0f} KiB pickled ({records / len(report.views):.0f} B "
              f"per article), against {views / 1024:.0f} KiB of article views")
        if args.output:
            Path(args.output).write_text(page, encoding="utf-8")
            print(f"wrote {args.output}")
        return 0
    finally:
        if made:
            shutil.rmtree(root)


class _Section:
    """What the site page needs of an article section of the page (``output.html._Article``)."""

    def __init__(self, index, view):
        self.anchor, self.view, self.numbers = f"article-{index}", view, {}


if __name__ == "__main__":
    sys.exit(main())
