"""Time and peak memory of ``taiyaku`` against input size on the hostile cases of issue 14.

    python3 bench/hostile.py                          # every case at 10 KB, 100 KB, 1 MB
    python3 bench/hostile.py --sizes 10K 100K 1M 10M  # up to 10 MB (long: minutes per case)
    python3 bench/hostile.py --cases kanji-line nested-html --timeout 60

Each run is a fresh process (``python -m taiyaku.cli``) on files written to a temporary folder by
``bench/hostile_cases.py``; peak memory is that child's ``ru_maxrss``. Prints one row per run: case,
size (characters of hostile text), exit code, seconds, peak MB and bytes of memory per input byte, so
the growth with size is visible. Exit codes other than 0/1/2, a traceback or a timeout are flagged.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_cases import CASES  # noqa: E402


def _size(text: str) -> int:
    units = {"K": 1_000, "M": 1_000_000}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def run(argv: list[str], timeout: float) -> tuple[int | None, float, float, str]:
    """(exit code or None on timeout, seconds, peak resident MB of the child, last stderr line)."""
    began = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen([sys.executable, "-m", "taiyaku.cli", *argv], stdout=subprocess.DEVNULL,
                                 stderr=err)
        deadline = began + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                status = None
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - began
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").splitlines()
    code = None if status is None else os.waitstatus_to_exitcode(status)
    note = "TRACEBACK" if any(line.startswith("Traceback") for line in lines) else (lines[-1] if lines else "")
    return code, seconds, usage.ru_maxrss / 1024, note[:70]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", nargs="*", default=list(CASES), choices=list(CASES))
    parser.add_argument("--sizes", nargs="*", default=["10K", "100K", "1M"])
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    print(f"{'case':20} {'size':>10} {'exit':>5} {'seconds':>8} {'peak MB':>8} {'B/byte':>7}  stderr")
    for name in args.cases:
        for size in map(_size, args.sizes):
            with tempfile.TemporaryDirectory() as tmp:
                argv = CASES[name](Path(tmp), size)
                input_bytes = sum(p.stat().st_size for p in Path(tmp).iterdir())
                code, seconds, peak, note = run(argv, args.timeout)
            flag = "" if code in (0, 1, 2) else "  <-- " + ("TIMEOUT" if code is None else f"exit {code}")
            print(f"{name:20} {size:>10,} {code if code is not None else '-':>5} {seconds:8.2f} {peak:8.0f} "
                  f"{peak * 2**20 / max(input_bytes, 1):7.0f}  {note}{flag}", flush=True)


if __name__ == "__main__":
    main()
