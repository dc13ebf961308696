"""Speed and memory of `taiyaku check` against the tokenizer's own, in one run (issue 10's figures).

Run: python3 bench/speed.py [--repeat 20] [--sizes 100,1000,5000] [--skip-memory | --skip-speed] [--cpu]
Prints, with the issue's target beside each figure (ratios are measured in the same run: the machine
is shared and noisy):
  1. seeds x20 (built in a temporary directory from ../shared/seeds): `taiyaku check --jobs 1`
     in-process (engine + text rendering) against bare fugashi reading lemma and pron line by line,
     MeCab's own `parse` printing the fields taiyaku reads (``analyze.tokens`` format), and -Owakati;
     then the time check spends making its tokens (MeCab's parse and the decoding of its rows, timed
     inside check) and what the 2.5x target would leave for everything else;
  2. the share of each stage of that run (cProfile self time by module; builtins and shared helpers
     charged to their callers): read, split, tokenize, match, numbers/anchors, align, checks,
     filter/summaries, render, other;
     then the alignment DP alone, numpy fill against the cell-by-cell reference (the same beads), on
     seed 000 and on NTREX article pairs of 100 and 1,000 sentences (bench/align_speed.py's);
  3. cold start of `python -m taiyaku.cli check` on Japanese-only seed 001 and bilingual seed 000
     (median of 5, wall and CPU; the package's bytecode compiled first) beside `python3 -c pass`;
  4. peak RSS (VmHWM, else ru_maxrss; workers: ru_maxrss of the children) of a fresh `taiyaku check --format json` process at 100 / 1,000 / 5,000
     articles made from corpus/ and the seeds, --jobs 1 and --jobs 2, with the parent's and the
     workers' CPU time and the --jobs 2 speed-up.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import PER_FOLDER, base_articles  # noqa: E402
from scale import make_corpus as make_articles  # noqa: E402
from throughput import make_corpus as make_seeds  # noqa: E402

JA_SEED = "001_4882375d740cb373.txt"
BI_SEED = "000_1d33bb05d860dfe2.txt"


CLOCK = time.perf_counter  # parts 1 and 2; --cpu: time.process_time (this process's CPU time)


def lines_of(directory: Path) -> list[str]:
    return [line for p in sorted(directory.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]


def best(func, rounds: int = 3) -> float:
    out = float("inf")
    for _ in range(rounds):
        start = CLOCK()
        func()
        out = min(out, CLOCK() - start)
    return out


def bare_fugashi(lines: list[str]) -> float:
    import fugashi

    tagger = fugashi.Tagger()

    def work():
        for line in lines:
            for w in tagger(line):
                w.feature.lemma, w.feature.kana  # noqa: B018 - the work being measured

    return best(work)


def mecab_parse(lines: list[str], wakati: bool = False) -> float:
    """MeCab's own parse of each line, printing the fields taiyaku reads (its C function, as check calls
    it: the output left as bytes; fugashi's ``parse`` where that cannot be reached), or -Owakati."""
    import fugashi

    from taiyaku.analyze.tokens import _dictionary, _line_parser

    if wakati:
        parse = fugashi.GenericTagger(f"-d {_dictionary()} -r {_dictionary()}/dicrc -Owakati").parse
    else:
        parse = _line_parser()  # MeCab's C function, as check calls it (its rows as bytes, not decoded)

    def work():
        for line in lines:
            parse(line)

    return best(work)


def tokens_alone(directory: Path) -> float:
    """Best of 3: the time check spends making its tokens (in ``tokenize_all``: MeCab's parse and the
    decoding of its rows), timed inside check runs."""
    from taiyaku.analyze import analysis, tokens

    tokenize_all = tokens.tokenize_all
    spent = [0.0]

    def timed(texts):
        start = CLOCK()
        try:
            return tokenize_all(texts)
        finally:
            spent[0] += CLOCK() - start

    tokens.tokenize_all = analysis.tokenize_all = timed
    try:
        runs = []
        for _ in range(3):
            spent[0] = 0.0
            check_in_process(directory)
            runs.append(spent[0])
    finally:
        tokens.tokenize_all = analysis.tokenize_all = tokenize_all
    return min(runs)


def check_in_process(directory: Path, profile: cProfile.Profile | None = None) -> tuple[float, int]:
    """Engine with --jobs 1 and text rendering, as `taiyaku check --jobs 1 DIR` does."""
    from taiyaku.output import render
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    start = CLOCK()
    if profile:
        profile.enable()
    settings = load_settings([str(directory)], {"isolated": True})
    report = run([str(directory)], settings, Request(jobs=1)).report
    render(report, settings.format)
    if profile:
        profile.disable()
    return CLOCK() - start, len(report.findings)


STAGES = [  # (stage, path fragments of the modules whose self time it gets), first match wins
    ("tokenize", ("analyze/tokens.py", "fugashi")),
    ("split", ("analyze/sentences.py", "analyze/line_breaks.py")),
    ("read", ("/read/",)),
    ("match", ("analyze/match_ja.py", "analyze/match_en.py", "analyze/glossary.py")),
    ("numbers/anchors", ("analyze/numbers", "align/anchors.py", "align/romaji.py", "align/lexicon.py",
                         "align/units.py")),
    ("align", ("align/dp.py", "align/dp_numpy.py", "align/dp_reference.py", "align/pairing.py", "align/scoring.py")),
    ("checks", ("/checks/",)),
    ("filter/summaries", ("/project/", "run/report.py")),
    ("render", ("/output/",)),
    ("other", ("analyze/analysis.py", "/run/", "/taiyaku/", "/pipeline/")),
]


def stage_shares(profile: cProfile.Profile) -> dict[str, float]:
    """Self time per stage; builtins and modules shared by stages (models, script, re, …) are charged
    to their callers in proportion to the time each caller spent in them."""
    stats = pstats.Stats(profile, stream=io.StringIO()).stats  # key → (cc, nc, tt, ct, callers)

    def own(key) -> str | None:
        path = key[0].replace(os.sep, "/")
        if key[0] == "~" and "fugashi" in key[2]:
            return "tokenize"
        for stage, parts in STAGES:
            if any(p in path for p in parts) and not path.endswith(("models.py", "script.py", "errors.py")):
                return stage
        return None

    memo: dict = {}

    def split(key, depth=0) -> dict[str, float]:
        """How the time of ``key`` divides among stages (fractions summing to 1)."""
        if key in memo:
            return memo[key]
        stage = own(key)
        if stage or depth > 12:
            out = {stage or "other": 1.0}
        else:
            memo[key] = {"other": 1.0}  # cycle guard
            callers = stats[key][4]
            total = sum(v[2] for v in callers.values()) or sum(v[3] for v in callers.values())
            out = {}
            if not callers or not total:
                out = {"other": 1.0}
            for caller, v in callers.items():
                weight = (v[2] if sum(c[2] for c in callers.values()) else v[3]) / total if total else 0
                if caller not in stats or not weight:
                    continue
                for s, f in split(caller, depth + 1).items():
                    out[s] = out.get(s, 0.0) + weight * f
        memo[key] = out
        return out

    shares: dict[str, float] = {}
    for key, (_cc, _nc, tt, _ct, _callers) in stats.items():
        for s, f in split(key).items():
            shares[s] = shares.get(s, 0.0) + tt * f
    return shares


def dp_figures(tmp: Path) -> list[tuple[str, float, float, bool]]:
    """(case, numpy s, reference s, same beads) of the alignment DP alone, best of 3."""
    import shutil

    import taiyaku.align.pairing as pairing
    from align_speed import article
    from damage import load_ntrex
    from taiyaku.align import dp, dp_numpy, dp_reference
    from taiyaku.align.anchors import en_anchors, ja_anchors

    cases = []
    seen: list = []
    original = pairing.align
    pairing.align = lambda ja, en, **kw: seen.append((list(ja), list(en))) or original(ja, en, **kw)
    try:
        (tmp / "dp").mkdir()
        shutil.copy(SEEDS / BI_SEED, tmp / "dp")
        check_in_process(tmp / "dp")
    finally:
        pairing.align = original
    ja, en = seen[0]
    cases.append((f"seed 000 ({len(ja)} x {len(en)} sentences)", ja, en))
    docs, lexicon = load_ntrex(), pairing.lexicon()
    for size in (100, 1000):
        a = article(docs, size, 1)
        ja = [dp.AlignUnit(dp.text_length(t), ja_anchors(t, lexicon=lexicon), True) for t in a.ja]
        en = [dp.AlignUnit(dp.text_length(t), en_anchors(t), True) for t in a.en]
        cases.append((f"NTREX pair, {len(ja):,} x {len(en):,} sentences", ja, en))
    out = []
    for name, ja, en in cases:
        fast = dp.align(ja, en, fill=dp_numpy.prepare)
        slow = dp.align(ja, en, fill=dp_reference.prepare)
        out.append((name, best(lambda: dp.align(ja, en, fill=dp_numpy.prepare)),
                    best(lambda: dp.align(ja, en, fill=dp_reference.prepare)), fast == slow))
    return out


def cold(*args: str, rounds: int = 5) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a fresh interpreter running ``args``."""
    times, cpus = [], []
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpus)


def compile_package() -> None:
    """Bytecode for taiyaku's modules, as ``pip install`` writes it (PYTHONDONTWRITEBYTECODE, set on
    some machines, would otherwise make every cold start compile the package from source)."""
    import compileall

    import taiyaku

    for folder in taiyaku.__path__:
        compileall.compile_dir(folder, quiet=1)


def child(jobs: int, paths: list[str]) -> None:
    """Internal: `taiyaku check --jobs N --format json PATHS` in this fresh process, report to stderr."""
    from taiyaku.cli import main

    sys.argv = ["taiyaku", "check", "--jobs", str(jobs), "--format", "json", "--isolated", *paths]
    start = time.perf_counter()
    try:
        main()
    except SystemExit:
        pass
    wall = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write("\n" + json.dumps({
        "wall": wall, "parent_kb": _own_peak_kb(me), "worker_kb": kids.ru_maxrss,
        "parent_cpu": me.ru_utime + me.ru_stime, "worker_cpu": kids.ru_utime + kids.ru_stime}) + "\n")


def _own_peak_kb(usage) -> int:
    """This process's peak RSS: VmHWM, which starts afresh at exec (ru_maxrss keeps the peak of the
    process that forked us, here the big benchmarking process), else ru_maxrss."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return usage.ru_maxrss


def measure(jobs: int, folders: list[str]) -> dict:
    cmd = [sys.executable, __file__, "--child", str(jobs), *folders]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    return json.loads(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--skip-memory", action="store_true", help="skip part 4 (the longest)")
    parser.add_argument("--skip-speed", action="store_true", help="run part 4 only (peak RSS and time by size)")
    parser.add_argument("--cpu", action="store_true",
                        help="parts 1 and 2 in CPU time instead of wall time (steadier on a loaded machine)")
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)  # internal: JOBS PATH…
    args = parser.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    if args.child is not None:
        child(int(args.child[0]), args.child[1:])
        return
    if not SEEDS.is_dir():
        sys.exit(f"bench/speed.py needs the seed articles in {SEEDS}")
    print(f"$ python3 bench/speed.py --repeat {args.repeat} --sizes {args.sizes}"
          f"{' --skip-memory' if args.skip_memory else ''}{' --skip-speed' if args.skip_speed else ''}"
          f"{' --cpu' if args.cpu else ''}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start\n")
    if not args.skip_speed:
        speed(args)
    if not args.skip_memory:
        memory(args)


def speed(args) -> None:
    """Parts 1-3: the in-process check against the tokenizer, where the time goes, cold start."""

    with tempfile.TemporaryDirectory(prefix="taiyaku-speed-") as tmp:
        directory = Path(tmp)
        make_seeds(directory, args.repeat)
        size = sum(p.stat().st_size for p in directory.iterdir())
        lines = lines_of(directory)
        from taiyaku.analyze.tokens import tokenize

        tokenize("準備")  # MeCab loaded outside the timings, as for the baselines
        check_in_process(directory)  # warm: glossary, lexicon, imports
        fugashi_s = bare_fugashi(lines)
        parse_s = mecab_parse(lines)
        wakati_s = mecab_parse(lines, wakati=True)
        check_s = min(check_in_process(directory)[0] for _ in range(2))
        tokens_s = tokens_alone(directory)
        profile = cProfile.Profile()
        _, findings = check_in_process(directory, profile)
        dp_rows = dp_figures(directory)
    print(f"1. seeds x{args.repeat}: {size / 1e6:.2f} MB, {len(lines):,} lines, {findings} findings (best of 3 / 2)")
    print(f"   taiyaku check --jobs 1 (in-process): {check_s:6.2f} s")
    print(f"   bare fugashi, lemma + pron by line:  {fugashi_s:6.2f} s   check = {check_s / fugashi_s:.2f}x   (target <= 1.3x)")
    print(f"   MeCab parse, taiyaku's fields:       {parse_s:6.2f} s   check = {check_s / parse_s:.2f}x   (target <= 2.5x)")
    print(f"   MeCab parse -Owakati:                {wakati_s:6.2f} s   check = {check_s / wakati_s:.2f}x")
    print(f"   check's tokens (MeCab + rows):       {tokens_s:6.2f} s   = {tokens_s / parse_s:.2f}x MeCab parse; "
          f"2.5x leaves {max(0.0, 2.5 * parse_s - tokens_s):.2f} s for all the rest (now {check_s - tokens_s:.2f} s)")

    shares = stage_shares(profile)
    total = sum(shares.values())
    print(f"\n2. where check's time goes (cProfile self time, {total:.2f} s under the profiler):")
    for stage in [s for s, _ in STAGES] + [s for s in shares if s not in dict(STAGES)]:
        if stage in shares:
            print(f"   {stage:<17} {100 * shares[stage] / total:5.1f} %")
    print("   alignment DP alone, best of 3: numpy fill / cell-by-cell reference (taiyaku.align.dp_reference):")
    for name, fast, slow, same in dp_rows:
        print(f"   {name:<36} {1000 * fast:7.1f} ms / {1000 * slow:7.1f} ms = {slow / fast:4.1f}x faster"
              f"{'' if same else '   DIFFERENT BEADS'}")

    compile_package()
    bare = cold("-c", "pass")
    ja = cold("-m", "taiyaku.cli", "check", str(SEEDS / JA_SEED))
    bi = cold("-m", "taiyaku.cli", "check", str(SEEDS / BI_SEED))
    print("\n3. cold start with the package's bytecode compiled (as after pip install), median of 5, wall / CPU:")
    print(f"   python3 -c pass:                          {bare[0]:.3f} s / {bare[1]:.3f} s")
    print(f"   taiyaku check Japanese-only seed 001:     {ja[0]:.3f} s / {ja[1]:.3f} s   (target <= 0.2 s)")
    print(f"   taiyaku check bilingual seed 000:         {bi[0]:.3f} s / {bi[1]:.3f} s   (target <= 0.3 s)")


def memory(args) -> None:
    """Part 4: peak RSS and time of a fresh `taiyaku check --format json` by corpus size and --jobs."""
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"\n4. peak RSS and time of `taiyaku check --format json` ({len(base_articles())} source articles "
          "from corpus/ and the seeds, copied):")
    header = f"   {'articles':>8} {'jobs':>4} {'wall s':>7} {'parent MB':>9} {'worker MB':>9} {'parent CPU s':>12} {'worker CPU s':>12}"
    print(header)
    runs: dict[tuple[int, int], dict] = {}
    with tempfile.TemporaryDirectory(prefix="taiyaku-speed-") as tmp:
        corpus = Path(tmp)
        make_articles(corpus, max(sizes))
        for n in sizes:
            folders = [str(p) for p in sorted(corpus.iterdir())[: -(-n // PER_FOLDER)]]
            for jobs in (1, 2):
                r = runs[n, jobs] = measure(jobs, folders)
                print(f"   {n:>8} {jobs:>4} {r['wall']:>7.1f} {r['parent_kb'] / 1024:>9.0f} {r['worker_kb'] / 1024:>9.0f} "
                      f"{r['parent_cpu']:>12.1f} {r['worker_cpu']:>12.1f}", flush=True)
    lo, hi = min(sizes), max(sizes)
    for jobs in (1, 2):
        peak = lambda n: max(runs[n, jobs]["parent_kb"], runs[n, jobs]["worker_kb"])  # noqa: E731
        print(f"   --jobs {jobs}: peak RSS at {hi} / at {lo} articles = {peak(hi) / peak(lo):.2f}   (target <= 1.2)")
    mid = 1000 if 1000 in sizes else hi
    one, two = runs[mid, 1], runs[mid, 2]
    cpu2 = two["parent_cpu"] + two["worker_cpu"]
    print(f"   --jobs 2 speed-up at {mid} articles: {one['wall'] / two['wall']:.2f}x wall   (target >= 1.7x on two idle cores);"
          f" CPU {cpu2:.1f} s against {one['parent_cpu']:.1f} s serial ({100 * (cpu2 / one['parent_cpu'] - 1):+.0f} %)")
    print(f"   load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
