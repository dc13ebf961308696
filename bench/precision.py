"""Recall, precision and findings per defect of `taiyaku check` on pages whose defects and traps are known.

    python3 bench/precision.py                       # bench/pages and ../shared/seeds, all families
    python3 bench/precision.py --families T,C,U,N,A  # leave out family J (proofreading rules)
    python3 bench/precision.py --set pages           # only bench/pages (or: --set seeds)
    python3 bench/precision.py --json                # the same figures as JSON (for tests and notes)
    python3 bench/precision.py --page momikaeshi     # one page (repeatable)
    python3 bench/precision.py --glossary FILE       # check with another glossary

Ground truth: bench/pages/MANIFEST.toml (the pages written for taiyaku) and bench/seeds_defects.toml (the
five seed articles, read from ../shared/seeds and never copied). Each lists, per page, the defects an
editor wants reported (file, line, text, the rule codes that count as reporting it) and the traps a naive
tool would report but an editor would not (see the format notes at the top of MANIFEST.toml).

`taiyaku check --format json` runs in-process (click's test runner, on the installed `taiyaku.cli`) once
per folder, exactly as a user would run it on that folder. Each finding is then put in one class:
  on a defect  its file is the defect's file (or the aligned counterpart listed in `other`), its line
               range lies inside the defect's line range, and its rule is one the defect accepts. When
               several defects qualify, the one whose text the finding's columns overlap wins, then the
               nearest by column, then the one with fewer findings so far.
  on a trap    otherwise, when its line range touches a trap's line (any rule).
  other        everything else: a human must judge these (they are listed with file:line rule message).
Figures per page and in total: defects, found, recall = found / defects; findings, on a defect, on a
trap, other, precision = on a defect / findings; findings per defect = on a defect / found (1.00 means
one finding per defect found; duplicates raise it). --families keeps only defects whose family, and
findings whose rule, starts with one of the given letters or codes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10: the tomli backport (a dependency there)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "bench" / "pages"
PAGES_MANIFEST = PAGES / "MANIFEST.toml"
SEEDS_MANIFEST = ROOT / "bench" / "seeds_defects.toml"


def find_seeds() -> Path | None:
    """../shared/seeds beside the repository (or beside one of its parent folders)."""
    for parent in ROOT.parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared" / "seeds"
    return None


# ---------------------------------------------------------------------------------------------------
# Ground truth


@dataclasses.dataclass(frozen=True)
class Place:
    path: str
    line: int
    end_line: int
    col: int | None = None  # 1-based column span of the listed text (main place only)
    end_col: int | None = None


@dataclasses.dataclass(frozen=True)
class Item:
    """A defect (family and accepted rules set) or a trap (family empty) of one page."""

    page: str
    kind: str  # "defect" or "trap"
    path: str
    line: int
    text: str
    places: tuple[Place, ...]  # the main place first
    family: str = ""
    accept: tuple[str, ...] = ()
    note: str = ""  # description (defect) or why (trap)

    def accepts(self, rule: str) -> bool:
        return any(rule == code or rule.startswith(code) for code in self.accept)


@dataclasses.dataclass
class Page:
    name: str
    files: list[str]
    layout: str = ""
    description: str = ""
    alignment: str | None = None
    defects: list[Item] = dataclasses.field(default_factory=list)
    traps: list[Item] = dataclasses.field(default_factory=list)


def _places(entry: dict, base: Path | None) -> tuple[Place, ...]:
    line = int(entry["line"])
    end = int(entry.get("end_line", line))
    col = end_col = None
    text = entry.get("text")
    if text and base is not None and (base / entry["path"]).is_file():
        lines = (base / entry["path"]).read_text(encoding="utf-8").split("\n")
        if line <= len(lines):
            start = -1
            for _ in range(int(entry.get("occurrence", 1))):
                start = lines[line - 1].find(text, start + 1)
                if start < 0:
                    break
            if start >= 0:
                col, end_col = start + 1, start + len(text)
    main = Place(entry["path"], line, end, col, end_col)
    others = tuple(Place(o["path"], int(o["line"]), int(o.get("end_line", o["line"])))
                   for o in entry.get("other", ()))
    return (main, *others)


def load_manifest(path: Path, base: Path | None = None) -> list[Page]:
    """Pages with their defects and traps; ``base`` is the folder the page paths are relative to
    (used to locate each listed text's columns; None skips that)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    pages = []
    for p in data.get("page", []):
        page = Page(p["name"], list(p["files"]), p.get("layout", ""), p.get("description", ""),
                    p.get("alignment"))
        for d in p.get("defect", []):
            family = d["family"]
            page.defects.append(Item(page.name, "defect", d["path"], int(d["line"]), d.get("text", ""),
                                     _places(d, base), family, tuple(d.get("accept", [family])),
                                     d.get("description", "")))
        for t in p.get("trap", []):
            page.traps.append(Item(page.name, "trap", t["path"], int(t["line"]), t.get("text", ""),
                                   _places(t, base), note=t.get("why", "")))
        pages.append(page)
    return pages


# ---------------------------------------------------------------------------------------------------
# Findings and matching


@dataclasses.dataclass(frozen=True)
class Finding:
    rule: str
    path: str
    line: int
    end_line: int
    column: int = 0
    end_column: int = 0
    message: str = ""

    @classmethod
    def from_json(cls, f: dict) -> "Finding":
        line = int(f["line"])
        return cls(f["rule"], os.path.normpath(f["path"]), line, int(f.get("end_line") or line),
                   int(f.get("column") or 0), int(f.get("end_column") or f.get("column") or 0),
                   f.get("message", ""))


def _inside(f: Finding, p: Place) -> bool:
    return f.path == p.path and p.line <= f.line and f.end_line <= p.end_line


def _touches(f: Finding, p: Place) -> bool:
    return f.path == p.path and f.line <= p.end_line and f.end_line >= p.line


def _rank(f: Finding, d: Item, taken: int) -> tuple:
    main = d.places[0]
    if main.col is not None and f.path == main.path and f.line == main.line and f.column:
        # the finding's end_column is exclusive (taiyaku's JSON), the defect's end_col inclusive
        overlap = f.column <= main.end_col and max(f.end_column, f.column + 1) > main.col
        distance = 0 if overlap else min(abs(f.column - main.end_col), abs(f.end_column - main.col))
        return (0 if overlap else 1, distance, taken)
    return (2, 0, taken)


@dataclasses.dataclass
class Match:
    """Where each finding went: defect index, trap index, or other."""

    findings: list[Finding]
    on_defect: dict[int, list[Finding]]  # defect index → its findings
    on_trap: list[tuple[Finding, Item]]
    other: list[Finding]


def match(findings: list[Finding], defects: list[Item], traps: list[Item]) -> Match:
    on_defect: dict[int, list[Finding]] = {i: [] for i in range(len(defects))}
    on_trap: list[tuple[Finding, Item]] = []
    other: list[Finding] = []
    for f in findings:
        candidates = [i for i, d in enumerate(defects)
                      if d.accepts(f.rule) and any(_inside(f, p) for p in d.places)]
        if candidates:
            best = min(candidates, key=lambda i: _rank(f, defects[i], len(on_defect[i])))
            on_defect[best].append(f)
            continue
        trap = next((t for t in traps if any(_touches(f, p) for p in t.places)), None)
        if trap is not None:
            on_trap.append((f, trap))
        else:
            other.append(f)
    return Match(findings, on_defect, on_trap, other)


def keep_family(code: str, families: tuple[str, ...] | None) -> bool:
    return families is None or any(code.startswith(f) for f in families)


@dataclasses.dataclass
class Figures:
    defects: int = 0
    found: int = 0
    findings: int = 0
    on_defect: int = 0
    on_trap: int = 0
    other: int = 0

    def add(self, other: "Figures") -> None:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    @property
    def recall(self) -> float:
        return self.found / self.defects if self.defects else 1.0

    @property
    def precision(self) -> float:
        return self.on_defect / self.findings if self.findings else 1.0

    @property
    def per_defect(self) -> float:
        return self.on_defect / self.found if self.found else 0.0

    def as_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d.update(recall=round(self.recall, 4), precision=round(self.precision, 4),
                 findings_per_defect=round(self.per_defect, 4))
        return d


def figures(m: Match, n_defects: int) -> Figures:
    found = sum(1 for fs in m.on_defect.values() if fs)
    on_defect = sum(len(fs) for fs in m.on_defect.values())
    return Figures(n_defects, found, len(m.findings), on_defect, len(m.on_trap), len(m.other))


# ---------------------------------------------------------------------------------------------------
# Running taiyaku


def run_check(folder: Path, glossary: str | None = None) -> list[Finding]:
    """`taiyaku check . --format json` in ``folder``, in-process; the findings."""
    from click.testing import CliRunner

    from taiyaku.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        args = ["check", ".", "--format", "json", "--isolated", "--fail-on", "never", "-o", str(out)]
        if glossary:
            args += ["--glossary", str(Path(glossary).resolve())]
        old = Path.cwd()
        os.chdir(folder)
        try:
            result = CliRunner().invoke(main, args)
        finally:
            os.chdir(old)
        if result.exit_code not in (0, 1) or not out.is_file():
            sys.exit(f"taiyaku check failed in {folder} (exit {result.exit_code}):\n{result.output}"
                     + (f"\n{result.exception!r}" if result.exception else ""))
        report = json.loads(out.read_text(encoding="utf-8"))
    return [Finding.from_json(f) for f in report["findings"]]


@dataclasses.dataclass
class PageResult:
    page: Page
    match: Match
    defects: list[Item]
    figures: Figures


def evaluate(pages: list[Page], findings: list[Finding],
             families: tuple[str, ...] | None = None) -> list[PageResult]:
    """Match the findings of one run to the pages of one manifest, page by page."""
    results = []
    for page in pages:
        files = {os.path.normpath(f) for f in page.files}
        own = [f for f in findings if f.path in files and keep_family(f.rule, families)]
        defects = [d for d in page.defects if keep_family(d.family, families)]
        m = match(own, defects, page.traps)
        results.append(PageResult(page, m, defects, figures(m, len(defects))))
    return results


def unpaged(pages: list[Page], findings: list[Finding]) -> list[Finding]:
    """Findings in files that no page of the manifest lists (should be none)."""
    files = {os.path.normpath(f) for p in pages for f in p.files}
    return [f for f in findings if f.path not in files]


# ---------------------------------------------------------------------------------------------------
# Report


def _total(results: list[PageResult]) -> Figures:
    total = Figures()
    for r in results:
        total.add(r.figures)
    return total


def by_family(results: list[PageResult]) -> dict[str, tuple[int, int]]:
    """Family → (defects, found)."""
    out: dict[str, list[int]] = {}
    for r in results:
        for i, d in enumerate(r.defects):
            row = out.setdefault(d.family, [0, 0])
            row[0] += 1
            row[1] += bool(r.match.on_defect[i])
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


# Issue 9's "done when": every seeded defect found, >= 95 % of findings on a defect, <= 1.2 per defect.
TARGETS = {"recall": 1.0, "precision": 0.95, "findings_per_defect": 1.2}


def targets(total: Figures) -> str:
    ok = (total.recall >= TARGETS["recall"], total.precision >= TARGETS["precision"],
          total.per_defect <= TARGETS["findings_per_defect"])
    mark = ["met" if x else "NOT met" for x in ok]
    return (f"targets: recall {total.recall:.2f} >= 1.00 {mark[0]}; precision {total.precision:.2f} >= 0.95 "
            f"{mark[1]}; findings per defect {total.per_defect:.2f} <= 1.20 {mark[2]}")


def _row(name: str, f: Figures) -> str:
    return (f"{name:<28} {f.defects:>4} {f.found:>5} {f.recall:>7.2f}  {f.findings:>5} {f.on_defect:>6} "
            f"{f.on_trap:>5} {f.other:>5} {f.precision:>7.2f} {f.per_defect:>8.2f}")


HEADER = (f"{'page':<28} {'def':>4} {'found':>5} {'recall':>7}  {'finds':>5} {'on-def':>6} {'trap':>5} "
          f"{'other':>5} {'precis.':>7} {'per-def':>8}")


def text_report(sets: dict[str, list[PageResult]], stray: dict[str, list[Finding]]) -> str:
    out = []
    everything: list[PageResult] = []
    for label, results in sets.items():
        out += [f"== {label}", HEADER]
        out += [_row(r.page.name, r.figures) for r in results]
        out.append(_row(f"total {label}", _total(results)))
        out.append("")
        everything += results
    if len(sets) > 1:
        out += [HEADER, _row("total", _total(everything)), ""]
    out.append("defects found by family: " + ", ".join(
        f"{k} {found}/{n}" for k, (n, found) in by_family(everything).items()))
    out.append(targets(_total(everything)))
    out.append("")
    for label, results in sets.items():
        missed = [(r, d) for r in results for i, d in enumerate(r.defects) if not r.match.on_defect[i]]
        dupes = [(r, d, r.match.on_defect[i]) for r in results for i, d in enumerate(r.defects)
                 if len(r.match.on_defect[i]) > 1]
        out.append(f"-- {label}: missed defects ({len(missed)})")
        out += [f"  {d.path}:{d.line} [{d.family}] {d.text!r}: {d.note}" for _, d in missed]
        out.append(f"-- {label}: defects reported more than once ({len(dupes)})")
        for _, d, fs in dupes:
            out.append(f"  {d.path}:{d.line} [{d.family}] {d.text!r}: "
                       + ", ".join(f"{f.rule}@{f.line}" for f in fs))
        out.append(f"-- {label}: findings on traps ({sum(len(r.match.on_trap) for r in results)})")
        for r in results:
            for f, t in r.match.on_trap:
                out.append(f"  {f.path}:{f.line}:{f.column} {f.rule} {f.message}")
                out.append(f"      trap: {t.note}")
        others = [f for r in results for f in r.match.other] + stray.get(label, [])
        out.append(f"-- {label}: other findings, to judge ({len(others)})")
        out += [f"  {f.path}:{f.line}:{f.column} {f.rule} {f.message}" for f in others]
        out.append("")
    return "\n".join(out)


def json_report(sets: dict[str, list[PageResult]], stray: dict[str, list[Finding]],
                families: tuple[str, ...] | None) -> dict:
    def finding(f: Finding) -> dict:
        return dataclasses.asdict(f)

    everything = [r for results in sets.values() for r in results]
    doc = {"families": list(families) if families else None, "sets": {}, "total": _total(everything).as_dict(),
           "by_family": {k: {"defects": n, "found": found} for k, (n, found) in by_family(everything).items()}}
    for label, results in sets.items():
        doc["sets"][label] = {
            "total": _total(results).as_dict(),
            "pages": {r.page.name: r.figures.as_dict() for r in results},
            "missed": [{"path": d.path, "line": d.line, "family": d.family, "text": d.text}
                       for r in results for i, d in enumerate(r.defects) if not r.match.on_defect[i]],
            "on_trap": [dict(finding(f), trap=t.note) for r in results for f, t in r.match.on_trap],
            "other": [finding(f) for r in results for f in r.match.other] + [finding(f) for f in stray.get(label, [])],
        }
    return doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=["all", "pages", "seeds"], default="all")
    ap.add_argument("--families", help="comma-separated families or rule codes to keep (e.g. T,C,U,N,A)")
    ap.add_argument("--seeds-dir", type=Path, help="the seed articles (default: ../shared/seeds)")
    ap.add_argument("--glossary", help="glossary TSV passed to taiyaku check")
    ap.add_argument("--page", action="append", metavar="NAME", help="only this page (repeatable)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    families = tuple(x.strip() for x in args.families.split(",") if x.strip()) if args.families else None

    runs: list[tuple[str, Path, Path]] = []
    if args.set in ("all", "pages"):
        runs.append(("pages", PAGES_MANIFEST, PAGES))
    if args.set in ("all", "seeds"):
        seeds = args.seeds_dir or find_seeds()
        if seeds is None or not seeds.is_dir():
            if args.set == "seeds":
                sys.exit("precision.py: ../shared/seeds not found; pass --seeds-dir")
            print("precision.py: ../shared/seeds not found: seeds skipped", file=sys.stderr)
        else:
            runs.append(("seeds", SEEDS_MANIFEST, seeds))

    sets: dict[str, list[PageResult]] = {}
    stray: dict[str, list[Finding]] = {}
    for label, manifest, folder in runs:
        pages = load_manifest(manifest, folder)
        findings = run_check(folder, args.glossary)
        stray[label] = [f for f in unpaged(pages, findings) if keep_family(f.rule, families)]
        if args.page:
            pages = [p for p in pages if p.name in args.page]
            stray[label] = []
            if not pages:
                continue
        sets[label] = evaluate(pages, findings, families)
    if args.json:
        print(json.dumps(json_report(sets, stray, families), ensure_ascii=False, indent=2))
    else:
        print(text_report(sets, stray))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
