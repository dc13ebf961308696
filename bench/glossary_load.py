"""Time to load glossaries in each format: the Kitasato MedUTX (../shared) and the bundled glossary
converted to every format taiyaku writes. Prints the median of 5 loads and, for MedUTX, the time to
build the matchers a check run needs.

    python3 bench/glossary_load.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEDUTX = ROOT.parent / "shared/reference/terms/kitasato_medutx/medutx1.01.utx"


def median_seconds(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    from taiyaku.analyze.analysis import Analyzer as Matchers
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
    from taiyaku.terms import write_glossary

    if MEDUTX.is_file():
        g = load_glossary(MEDUTX)
        load = median_seconds(lambda: load_glossary(MEDUTX))
        build = median_seconds(lambda: Matchers.build(g), runs=3)
        print(f"MedUTX: {len(g)} entries ({len(g.skipped)} rows skipped) — load {load:.3f} s (median of 5),"
              f" matchers {build:.3f} s (median of 3)")
    bundled = load_glossary(bundled_glossary_path())
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, ext in (("tsv", "tsv"), ("csv", "csv"), ("tbx", "tbx"), ("utx", "utx"), ("prh", "yml")):
            path = Path(tmp) / f"glossary.{ext}"
            path.write_text(write_glossary(bundled, fmt), encoding="utf-8")
            print(f"bundled glossary as {fmt}: {len(bundled)} entries — load"
                  f" {median_seconds(lambda: load_glossary(path)) * 1000:.1f} ms (median of 5)")


if __name__ == "__main__":
    main()
