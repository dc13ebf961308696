"""Scaling of `taiyaku check`: time and peak memory at 500, 1,000 and 2,000 articles, serial against
`--jobs 2`, and the parent's memory against the corpus size.

Run: python3 bench/scale.py [--sizes 500,1000,2000] [--jobs 2] [--modes jobs1,jobsN]
Prints, per corpus size and mode, wall time, articles per second, findings, and peak memory:
  parent      maxrss of the process that runs the check (getrusage RUSAGE_SELF)
  worker      maxrss of the largest worker process (getrusage RUSAGE_CHILDREN; 0 without workers)
  tree        peak of the whole process tree's proportional set size (PSS from /proc, sampled every
              50 ms: shared pages, such as the MeCab dictionary the workers all map, counted once)

Modes: `jobs1` is the engine in this process (``run.engine.run`` with jobs=1: per-article summaries
only); `jobsN` is the engine with --jobs N worker processes. Each measurement runs in a fresh interpreter so
that maxrss is its own. The corpus is generated in a temporary directory from corpus/ and
../shared/seeds/: copies with varied names, the ja/en pairs kept, 100 articles per folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))

PER_FOLDER = 100


def base_articles() -> list[list[Path]]:
    """The articles copies are made of: each a list of its files (a pair, or one bilingual file)."""
    files = [p for p in sorted((ROOT / "corpus").iterdir()) if p.suffix in (".txt", ".md", ".html") and p.name != "README.md"]
    groups: dict[str, list[Path]] = {}
    for p in files:
        stem = p.name.split(".")[0]
        groups.setdefault(stem, []).append(p)
    out = list(groups.values())
    out += [[p] for p in sorted(SEEDS.glob("0*.txt"))] if SEEDS.is_dir() else []
    return out


def make_corpus(directory: Path, articles: int) -> tuple[int, int]:
    """``articles`` articles in folders of PER_FOLDER; returns (files, bytes)."""
    bases = base_articles()
    files = size = 0
    for i in range(articles):
        folder = directory / f"batch-{i // PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for src in bases[i % len(bases)]:
            stem, _, rest = src.name.partition(".")
            target = folder / f"{stem}-{i:05d}.{rest}"  # NAME.ja.EXT stays a pair under its new name
            shutil.copyfile(src, target)
            files += 1
            size += target.stat().st_size
    return files, size


class PssSampler(threading.Thread):
    """Peak of the summed PSS (kB) of this process and its descendants, sampled."""

    def __init__(self, interval: float = 0.05):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(os.getpid())))
            self._halt.wait(self.interval)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(mode: str, jobs: int, paths: list[str]) -> dict:
    """One run in this (fresh) process."""
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    settings = load_settings(paths, {"isolated": True})
    sampler = PssSampler() if os.path.exists("/proc/self/smaps_rollup") else None
    if sampler:
        sampler.start()
    start = time.perf_counter()
    report = run(paths, settings, Request(jobs=1 if mode == "jobs1" else jobs)).report
    seconds = time.perf_counter() - start
    tree = sampler.stop() if sampler else 0
    return {
        "seconds": seconds,
        "findings": len(report.findings),
        "files": len(report.documents),
        "parent_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "worker_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "tree_kb": tree,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--modes", default="jobs1,jobsN")
    parser.add_argument("--measure", nargs="*", help=argparse.SUPPRESS)  # internal: MODE PATH…
    args = parser.parse_args()
    if args.measure is not None:
        mode, *paths = args.measure
        print(json.dumps(measure(mode, args.jobs, paths)))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    modes = args.modes.split(",")
    print(f"$ python3 bench/scale.py --sizes {args.sizes} --jobs {args.jobs} --modes {args.modes}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        files, size = make_corpus(corpus, max(sizes))
        print(f"corpus: {max(sizes)} articles, {files} files, {size / 1e6:.1f} MB "
              f"({len(base_articles())} source articles from corpus/ and ../shared/seeds/)\n")
        header = f"{'articles':>8} {'mode':>7} {'seconds':>8} {'art/s':>7} {'findings':>8} {'parent MB':>9} {'worker MB':>9} {'tree PSS MB':>11}"
        print(header)
        print("-" * len(header))
        for n in sizes:
            folders = [str(p) for p in sorted(corpus.iterdir())[: -(-n // PER_FOLDER)]]
            for mode in modes:
                label = f"jobs{args.jobs}" if mode == "jobsN" else mode
                cmd = [sys.executable, __file__, "--jobs", str(args.jobs), "--measure", mode, *folders]
                done = subprocess.run(cmd, capture_output=True, text=True, check=True)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                print(f"{n:>8} {label:>7} {r['seconds']:>8.1f} {n / r['seconds']:>7.1f} {r['findings']:>8} "
                      f"{r['parent_kb'] / 1024:>9.0f} {r['worker_kb'] / 1024:>9.0f} {r['tree_kb'] / 1024:>11.0f}",
                      flush=True)
    print("\nparent: maxrss of the checking process; worker: maxrss of the largest worker; tree: peak summed PSS.")
    print(f"load average {os.getloadavg()[0]:.2f} at the end (other processes on the machine slow the figures).")


if __name__ == "__main__":
    main()
