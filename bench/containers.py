"""Files holding many articles: a WordPress export (WXR) of N translated post pairs and an XLIFF 2.0 job
of N <file>s, checked in one command. Prints, per size, the file size, articles, time to discover,
to load every article, and to check (run_check, serial and --jobs 2), and the findings.

Run: python3 bench/containers.py [--sizes 250,1000]
The files are generated in a temporary directory from tests/test_wordpress.SITE and
tests/test_xliff.XLIFF2 (ids made unique), so the findings per article are known: 2 T001/C001 on the
first pair, 1 U002 on the second, none on the third, 2 C002/C003 on the untranslated post (5 per copy);
per XLIFF <file>, U002 on the unit with an empty target and T002 for its two terms (3).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wxr(n: int) -> str:
    """An export of ``n`` copies of SITE's seven posts (three WPML pairs and an untranslated one)."""
    from tests.test_wordpress import SITE

    head, rest = SITE.split("\t<item>", 1)
    items = re.findall(r"\t<item>.*?</item>\n", "\t<item>" + rest, re.S)
    out = [head]
    for k in range(n):
        for item in items:
            item = re.sub(r"<wp:post_id>(\d+)<", lambda m: f"<wp:post_id>{int(m.group(1)) + 1000 * k}<", item)
            item = re.sub(r"(translation_group\S*</wp:meta_key><wp:meta_value>(?:<!\[CDATA\[)?)(\d+)",
                          lambda m: m.group(1) + str(int(m.group(2)) + 1000 * k), item)
            item = re.sub(r"(<wp:post_name>(?:<!\[CDATA\[)?)([\w-]+)", lambda m: f"{m.group(1)}{m.group(2)}-{k}", item)
            out.append(item)
    return "".join(out) + "</channel>\n</rss>\n"


def xliff(n: int) -> str:
    from tests.test_xliff import XLIFF2

    head, body = XLIFF2.split("  <file", 1)
    body, tail = ("  <file" + body).rsplit("</file>", 1)
    return head + "".join(body.replace('id="f1"', f'id="f{k}"') + "</file>\n" for k in range(n)) + tail.lstrip("\n")


def measure(path: Path) -> None:
    from taiyaku.project.config import load_settings
    from taiyaku.read.articles import discover, load_article
    from taiyaku.run.engine import Request, run

    settings = load_settings([str(path)], {"isolated": True})
    t0 = time.perf_counter()
    tasks = discover([str(path)])
    t1 = time.perf_counter()
    for name, group in tasks:
        load_article(name, group)
    t2 = time.perf_counter()
    serial = run([str(path)], settings, Request(jobs=1)).report
    t3 = time.perf_counter()
    parallel = run([str(path)], settings, Request(jobs=2)).report
    t4 = time.perf_counter()
    assert serial.findings == parallel.findings
    print(f"{path.name:<14} {path.stat().st_size / 1e6:6.2f} MB {len(tasks):6d} articles  discover {t1 - t0:5.2f} s"
          f"  load {t2 - t1:5.2f} s  check {t3 - t2:6.2f} s  --jobs 2 {t4 - t3:6.2f} s  {len(serial.findings)} findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="250,1000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            for name, text in ((f"site-{n}.xml", wxr(n)), (f"job-{n}.xlf", xliff(n))):
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
                measure(path)


if __name__ == "__main__":
    main()
