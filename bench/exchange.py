"""XLIFF 2 export of every article of corpus/ and of the seeds (../shared/seeds): units, units without
target, notes, time per export (in this process, glossary and MeCab loaded once), and whether each file
is valid against the schemas of tests/schemas/ and, when TAIYAKU_SCHEMA_DIR names a folder holding them,
against the official OASIS xliff_core_2.0.xsd and LISA tmx14.dtd (the TMX of the corpus's memory).

    TAIYAKU_SCHEMA_DIR=/path/to/schemas python3 bench/exchange.py   (.ci/run shows where to get the OASIS XSD)
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
CORPUS = ["corpus/central-sensitization.ja.html", "corpus/massage-soreness.ja.txt", "corpus/sacroiliac-joint.ja.md",
          "corpus/stretching-bilingual.txt"]


def _schemas():
    from lxml import etree

    out = {"taiyaku": etree.XMLSchema(etree.parse(str(ROOT / "tests/schemas/xliff-2-core-taiyaku.xsd")))}
    official = Path(os.environ.get("TAIYAKU_SCHEMA_DIR", "/nonexistent"))
    for name in ("xliff_core_2.0.xsd", "xliff-core-2.0.xsd"):
        if (official / name).is_file():
            out["oasis"] = etree.XMLSchema(etree.parse(str(official / name)))
            break
    return out, official / "tmx14.dtd"


def main() -> None:
    from lxml import etree

    from taiyaku import __version__
    from taiyaku.memory.tmx import write_tmx
    from taiyaku.memory.xliff import check_article, read_xliff, tmx_units, write_xliff
    from taiyaku.project.config import load_settings

    os.chdir(ROOT)
    schemas, lisa = _schemas()
    print(f"{'article':<46} {'units':>5} {'no target':>9} {'notes':>5} {'s':>5}  valid")
    all_units = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in CORPUS + [str(p) for p in SEEDS]:
            settings = load_settings([path], {"isolated": True})
            start = time.perf_counter()
            record, report = check_article([path], settings, jobs=1)
            data = write_xliff(record, report, __version__)
            seconds = time.perf_counter() - start
            out = Path(tmp) / "a.xlf"
            out.write_bytes(data)
            units = read_xliff(str(out))
            doc = etree.parse(str(out))
            valid = " ".join(f"{k}={'yes' if s.validate(doc) else 'NO'}" for k, s in schemas.items())
            notes = sum(len(u.notes) for u in units) + len(doc.getroot().findall("{*}file/{*}notes/{*}note"))
            print(f"{Path(path).name:<46} {len(units):>5} {sum(u.target is None for u in units):>9} {notes:>5} "
                  f"{seconds:>5.2f}  {valid}")
            if path in CORPUS:
                all_units += tmx_units(record, ("sure", "likely"))
        tmx = Path(tmp) / "c.tmx"
        tmx.write_bytes(write_tmx([(u, "20260101T000000Z") for u in all_units], "20260101T000000Z", __version__))
        dtds = {"taiyaku": etree.DTD(str(ROOT / "tests/schemas/tmx-1.4b-taiyaku.dtd"))}
        if lisa.is_file():
            dtds["lisa"] = etree.DTD(str(lisa))
        doc = etree.parse(str(tmx))
        print(f"TMX of the corpus's sure and likely pairs: {len(all_units)} units, "
              + " ".join(f"{k}={'yes' if d.validate(doc) else 'NO'}" for k, d in dtds.items()))


if __name__ == "__main__":
    main()
