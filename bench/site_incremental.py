"""Incremental site checks with the translation memory: a git repository of N generated articles
(``bench/site.py``'s site), ``taiyaku tm update``, one article changed (a retranslated disclaimer, left
uncommitted), then ``taiyaku check site --changed --select S001,S002,S003``.

Prints, per size: the wall time and peak RSS of the first ``tm update`` (``--jobs N``, default 1: one
process; with more, the peak of the largest of the parent and its workers), the memory file's bytes per article, the wall time (median of ``--runs``) and
peak RSS of ``check --changed``, how many articles that check aligned (counted by wrapping the aligner,
``align.pairing.align_segments``, in one more run) and whether the seeded change is the one finding.
Peak RSS is the ``ru_maxrss`` of the finished process (``os.wait4``). Everything runs in a temporary
directory; the commands are the installed ``taiyaku``'s.

    python bench/site_incremental.py [--articles 1000 10000] [--runs 3] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VARIANT = "This text is general information only and cannot take the place of a diagnosis or of treatment."
COUNT = ("import sys, atexit; import taiyaku.align.pairing as p; n = [0]; f = p.align_segments\n"
         "def counted(*a, **k):\n    n[0] += 1\n    return f(*a, **k)\n"
         "p.align_segments = counted; atexit.register(lambda: print(f'aligned articles: {n[0]}', file=sys.stderr))\n"
         "from taiyaku.cli import main; sys.argv = ['taiyaku', *sys.argv[1:]]; main()")
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}


def _site_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_site", HERE / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(args: list[str], cwd: Path) -> tuple[float, int, str, str, int]:
    """(wall seconds, peak RSS in KiB, stdout, stderr, exit code) of one command."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return seconds, usage.ru_maxrss, out.read().decode(), err.read().decode(), proc.returncode


def git(root: Path, *args: str) -> None:
    env = {**ENV, "GIT_CONFIG_GLOBAL": str(root / ".no-global-gitconfig")}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def one_size(n: int, runs: int, taiyaku: str, jobs: int) -> dict:
    bench_site = _site_module()
    root = Path(tempfile.mkdtemp(prefix=f"taiyaku-incr-{n}-"))
    try:
        site = root / "site"
        site.mkdir()
        bench_site.build(site, n, random.Random(11))
        (root / ".gitignore").write_text(".taiyaku/\n")
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "site")
        seconds, rss, out, err, code = measure([taiyaku, "tm", "update", "site", "--isolated", "--jobs", str(jobs)], root)
        assert code == 0, err
        memory = root / ".taiyaku" / "tm.sqlite"
        figures = {"articles": n, "update_s": seconds, "update_rss_kib": rss, "bytes_per_article": memory.stat().st_size / n,
                   "memory_bytes": memory.stat().st_size, "update_out": out.strip()}
        changed = site / f"{n // 2:04d}.en.txt"
        lines = changed.read_text().splitlines()
        line = next(i for i, t in enumerate(lines, 1) if t == bench_site.DISCLAIMER[0][1])
        lines[line - 1] = VARIANT
        changed.write_text("\n".join(lines) + "\n")  # left uncommitted
        command = ["check", "site", "--changed", "--isolated", "--select", "S001,S002,S003", "--format", "json"]
        times, peaks = [], []
        for _ in range(runs):
            seconds, rss, out, err, code = measure([taiyaku, *command], root)
            assert code in (0, 1), err
            times.append(seconds)
            peaks.append(rss)
        findings = json.loads(out)["findings"]
        _, _, _, err, _ = measure([sys.executable, "-c", COUNT, *command], root)
        aligned = next(t for t in err.splitlines() if t.startswith("aligned articles: "))
        figures.update(check_s=statistics.median(times), check_times=times, check_rss_kib=max(peaks),
                       aligned=int(aligned.split(": ")[1]), files=len(json.loads(out)["files"]),
                       findings=[(f["rule"], f["path"], f["line"]) for f in findings],
                       seeded=("S002", f"site/{changed.name}", line))
        seconds, rss, out, err, code = measure([taiyaku, "tm", "update", "site", "--isolated", "--jobs", str(jobs)], root)
        figures.update(reupdate_s=seconds, reupdate_out=out.strip())
        return figures
    finally:
        shutil.rmtree(root)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes of tm update")
    args = parser.parse_args(argv)
    taiyaku = str(Path(sys.executable).parent / "taiyaku")
    results = []
    for n in args.articles:
        f = one_size(n, args.runs, taiyaku, args.jobs)
        results.append(f)
        print(f"{n} articles:")
        print(f"  tm update (first, --jobs {args.jobs}): {f['update_s']:.1f} s, peak RSS {f['update_rss_kib'] / 1024:.0f} MiB; "
              f"{f['update_out']}")
        print(f"  memory file: {f['memory_bytes'] / 1024:.0f} KiB, {f['bytes_per_article']:.0f} bytes per article")
        print(f"  check --changed: median {f['check_s']:.2f} s of {', '.join(f'{t:.2f}' for t in f['check_times'])}; "
              f"peak RSS {f['check_rss_kib'] / 1024:.0f} MiB; {f['files']} files checked, {f['aligned']} article(s) aligned")
        hit = f["findings"].count(f["seeded"]) == 1
        others = [x for x in f["findings"] if x != f["seeded"]]
        print(f"  seeded change {f['seeded'][0]} {f['seeded'][1]}:{f['seeded'][2]} reported once: {hit}; "
              f"other findings: {len(others)}" + "".join(f"\n    {r} {p}:{ln}" for r, p, ln in others))
        print(f"  tm update after the change: {f['reupdate_s']:.2f} s; {f['reupdate_out']}")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"peak RSS {b['articles']} vs {a['articles']} articles: tm update ×{b['update_rss_kib'] / a['update_rss_kib']:.2f}, "
              f"check --changed ×{b['check_rss_kib'] / a['check_rss_kib']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
