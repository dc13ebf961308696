"""Sentence alignment of the realistic pages against their hand alignment (bench/pages/alignment/*.tsv).

    python3 bench/align_pages.py                 # every page of MANIFEST.toml that has a hand alignment
    python3 bench/align_pages.py momikaeshi      # one page, by name
    python3 bench/align_pages.py --json          # the figures as JSON
    python3 bench/align_pages.py --glossary FILE

For each page, `taiyaku align JA EN --format json` (or the one bilingual file) runs in-process and its
sentence pairs are turned into line beads: every pair links the lines of its Japanese and English
segments, and pairs that share a line are merged (a line holding two sentences is one unit). A
Japanese-only or English-only group is a 1-0 or 0-1 bead. The hand alignment lists beads the same way
(format in the header of each TSV). A predicted bead is right when the same set of Japanese lines is
paired with the same set of English lines.

Prints, per page and in total: beads in the hand alignment, beads predicted, beads right, precision,
recall and F1 of beads; the same for line links (every (ja line, en line) inside a bead); then every
wrong bead: the hand bead with its text, and what the aligner did with those lines. Lines the aligner
used that the hand alignment does not list are reported too (they point at a gap in the hand file).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from precision import PAGES, PAGES_MANIFEST, Page, load_manifest  # noqa: E402

Bead = tuple[frozenset[int], frozenset[int]]  # (ja lines, en lines)


def parse_lines(field: str) -> frozenset[int]:
    """"12" → {12}; "12-14" → {12, 13, 14}; "12,14" → {12, 14}; "-" or "" → {}."""
    field = field.strip()
    if field in ("", "-"):
        return frozenset()
    out: set[int] = set()
    for part in field.split(","):
        a, _, b = part.partition("-")
        out.update(range(int(a), int(b or a) + 1))
    return frozenset(out)


def read_gold(path: Path) -> list[Bead]:
    beads = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#") or raw.startswith("ja\t"):
            continue
        cols = raw.split("\t")
        if len(cols) < 2:
            raise ValueError(f"{path}: bad row {raw!r}: expected JA<TAB>EN[<TAB>note]")
        beads.append((parse_lines(cols[0]), parse_lines(cols[1])))
    return beads


def beads_from_pairs(pairs: list[dict]) -> list[Bead]:
    """Line beads from `taiyaku align --format json` pairs: pairs sharing a line are merged."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        nodes = [(side, n) for side in ("ja", "en") for seg in pair.get(side) or ()
                 for n in range(int(seg["line"]), int(seg.get("end_line") or seg["line"]) + 1)]
        for node in nodes:
            find(node)
        for node in nodes[1:]:
            parent[find(node)] = find(nodes[0])
    groups: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for node in list(parent):
        ja, en = groups.setdefault(find(node), (set(), set()))
        (ja if node[0] == "ja" else en).add(node[1])
    return sorted(((frozenset(ja), frozenset(en)) for ja, en in groups.values()),
                  key=lambda b: (min(b[0] | {10**9}), min(b[1] | {10**9})))


def links(beads: list[Bead]) -> set[tuple[int | None, int | None]]:
    """(ja, en) line links; a 1-0 bead gives (ja, None), a 0-1 bead (None, en)."""
    out: set[tuple[int | None, int | None]] = set()
    for ja, en in beads:
        out.update((j, e) for j in (ja or {None}) for e in (en or {None}))
    return out


@dataclasses.dataclass
class Score:
    gold: int = 0
    pred: int = 0
    right: int = 0

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.right += other.right

    @property
    def p(self) -> float:
        return self.right / self.pred if self.pred else 1.0

    @property
    def r(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.pred, "right": self.right, "precision": round(self.p, 4),
                "recall": round(self.r, 4), "f1": round(self.f1, 4)}


def score(gold: list[Bead], pred: list[Bead]) -> tuple[Score, Score]:
    g, p = set(gold), set(pred)
    lg, lp = links(gold), links(pred)
    return Score(len(g), len(p), len(g & p)), Score(len(lg), len(lp), len(lg & lp))


def run_align(page: Page, glossary: str | None = None) -> list[dict]:
    """`taiyaku align FILES --format json` in bench/pages, in-process; the pairs."""
    from click.testing import CliRunner

    from taiyaku.cli import main

    args = ["align", *page.files, "--format", "json"]
    if glossary:
        args += ["--glossary", str(Path(glossary).resolve())]
    old = Path.cwd()
    os.chdir(PAGES)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(old)
    if result.exit_code != 0:
        sys.exit(f"taiyaku align failed on {page.name} (exit {result.exit_code}):\n{result.output}")
    out = getattr(result, "stdout", result.output)
    return json.loads(out)["pairs"]


_TAG = re.compile(r"<[^>]+>")


def _show(lines: list[str], ns: frozenset[int]) -> str:
    if not ns:
        return "(nothing)"
    text = " ⏎ ".join(_TAG.sub("", lines[n - 1]).strip() for n in sorted(ns) if n <= len(lines))
    return text if len(text) <= 70 else text[:67] + "..."


def _lines_label(ns: frozenset[int]) -> str:
    return ",".join(str(n) for n in sorted(ns)) or "-"


@dataclasses.dataclass
class PageAlignment:
    page: Page
    beads: Score
    links: Score
    wrong: list[dict]
    unlisted: dict[str, list[int]]


def evaluate_page(page: Page, pairs: list[dict]) -> PageAlignment:
    gold = read_gold(PAGES / page.alignment)
    pred = beads_from_pairs(pairs)
    bead_score, link_score = score(gold, pred)
    ja_file, en_file = page.files[0], page.files[-1]
    ja_lines = (PAGES / ja_file).read_text(encoding="utf-8").split("\n")
    en_lines = (PAGES / en_file).read_text(encoding="utf-8").split("\n")
    pred_set = set(pred)
    wrong = []
    for ja, en in gold:
        if (ja, en) in pred_set:
            continue
        got = [b for b in pred if b[0] & ja or b[1] & en]
        wrong.append({
            "gold": {"ja": sorted(ja), "en": sorted(en)},
            "predicted": [{"ja": sorted(b[0]), "en": sorted(b[1])} for b in got],
            "text": f"ja {_lines_label(ja)} {_show(ja_lines, ja)}  ↔  en {_lines_label(en)} {_show(en_lines, en)}",
            "got": [f"ja {_lines_label(b[0])} {_show(ja_lines, b[0])}  ↔  en {_lines_label(b[1])} "
                    f"{_show(en_lines, b[1])}" for b in got],
        })
    gold_ja = set().union(*(b[0] for b in gold)) if gold else set()
    gold_en = set().union(*(b[1] for b in gold)) if gold else set()
    pred_ja = set().union(*(b[0] for b in pred)) if pred else set()
    pred_en = set().union(*(b[1] for b in pred)) if pred else set()
    unlisted = {"ja": sorted(pred_ja - gold_ja), "en": sorted(pred_en - gold_en)}
    return PageAlignment(page, bead_score, link_score, wrong, unlisted)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="page names (default: every page with a hand alignment)")
    ap.add_argument("--glossary", help="glossary TSV passed to taiyaku align")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    pages = [p for p in load_manifest(PAGES_MANIFEST) if p.alignment and (not args.names or p.name in args.names)]
    if not pages:
        sys.exit("align_pages.py: no page with a hand alignment matches")
    results = [evaluate_page(p, run_align(p, args.glossary)) for p in pages]
    beads, link = Score(), Score()
    for r in results:
        beads.add(r.beads)
        link.add(r.links)
    if args.json:
        print(json.dumps({"pages": {r.page.name: {"beads": r.beads.as_dict(), "links": r.links.as_dict(),
                                                  "wrong": r.wrong, "unlisted": r.unlisted} for r in results},
                          "total": {"beads": beads.as_dict(), "links": link.as_dict()}},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{'page':<26} {'gold':>5} {'pred':>5} {'right':>5} {'bead P':>7} {'bead R':>7} {'bead F1':>7}"
          f" {'link P':>7} {'link R':>7} {'link F1':>7}")
    for name, b, lk in [(r.page.name, r.beads, r.links) for r in results] + [("total", beads, link)]:
        print(f"{name:<26} {b.gold:>5} {b.pred:>5} {b.right:>5} {b.p:>7.3f} {b.r:>7.3f} {b.f1:>7.3f}"
              f" {lk.p:>7.3f} {lk.r:>7.3f} {lk.f1:>7.3f}")
    for r in results:
        print(f"\n-- {r.page.name}: {len(r.wrong)} hand beads not reproduced")
        for w in r.wrong:
            print(f"  hand: {w['text']}")
            for g in w["got"]:
                print(f"     got: {g}")
        if r.unlisted["ja"] or r.unlisted["en"]:
            print(f"  lines aligned but not in the hand alignment: ja {r.unlisted['ja']} en {r.unlisted['en']}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
