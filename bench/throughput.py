"""Throughput, cold start and peak memory of `taiyaku check` on the seed articles repeated 20 times.

Run: python3 bench/throughput.py [--repeat 20]
Prints: bare fugashi tokenization time (reading lemma and reading) of the same text, taiyaku check
time in-process, their ratio (goal: taiyaku ≥ 50% of bare fugashi throughput), the cold wall time of
`taiyaku check` on one article (goal < 0.3 s) and peak memory (maxrss) of the 20× run.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))


def cpu_times(work, rounds: int) -> tuple[float, float]:
    """(best, median) of this process's CPU time over ``rounds`` calls of ``work`` (steadier than wall
    time on a shared machine)."""
    import statistics

    runs = []
    for _ in range(rounds):
        start = time.process_time()
        work()
        runs.append(time.process_time() - start)
    return min(runs), statistics.median(runs)


def make_corpus(directory: Path, repeat: int) -> int:
    """Each seed written ``repeat`` times as its own file; returns total characters."""
    total = 0
    for seed in sorted(SEEDS.glob("0*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(repeat):
            (directory / f"{seed.stem}_{i:02d}.txt").write_text(text, encoding="utf-8")
            total += len(text)
    return total


def bare_fugashi(directory: Path) -> float:
    import fugashi

    tagger = fugashi.Tagger()
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))]
    start = time.perf_counter()
    for text in texts:
        for line in text.splitlines():
            for w in tagger(line):
                w.feature.lemma, w.feature.kana  # noqa: B018 - the work being measured
    return time.perf_counter() - start


def taiyaku_in_process(directory: Path) -> tuple[float, int]:
    from taiyaku.analyze.tokens import tokenize
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    tokenize("準備")  # load MeCab outside the timing, as bare fugashi does
    start = time.perf_counter()
    settings = load_settings([str(directory)], {"isolated": True})
    report = run([str(directory)], settings, Request(jobs=1)).report
    return time.perf_counter() - start, len(report.findings)


def cold_run(*args: str) -> float:
    """Best of 5 wall times of a fresh interpreter running ``args``."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        chars = make_corpus(directory, args.repeat)
        size = sum(p.stat().st_size for p in directory.iterdir())
        fugashi_s = bare_fugashi(directory)
        taiyaku_s, findings = taiyaku_in_process(directory)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    interpreter = cold_run("-c", "pass")
    cold_ja = cold_run("-m", "taiyaku.cli", "check", str(SEEDS / "001_4882375d740cb373.txt"))
    cold_bi = cold_run("-m", "taiyaku.cli", "check", str(SEEDS / "000_1d33bb05d860dfe2.txt"))
    print(f"corpus: seeds x{args.repeat} = {size / 1e6:.2f} MB, {chars:,} characters")
    print(f"bare fugashi (lemma+reading): {fugashi_s:.2f} s  ({size / 1e6 / fugashi_s:.2f} MB/s)")
    print(f"taiyaku check in-process:     {taiyaku_s:.2f} s  ({size / 1e6 / taiyaku_s:.2f} MB/s), {findings} findings")
    print(f"throughput share of bare fugashi: {100 * fugashi_s / taiyaku_s:.0f}%  (goal >= 50%)")
    print(f"cold start of a bare `python3 -c pass` here (best of 5): {interpreter:.3f} s")
    for name, cold in (("Japanese-only seed 001", cold_ja), ("bilingual seed 000, with alignment", cold_bi)):
        print(f"cold `taiyaku check` on {name}: {cold:.3f} s wall, {cold - interpreter:.3f} s beyond the"
              " interpreter's own start  (goal < 0.3 s)")
    print(f"peak memory (maxrss, this process): {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
