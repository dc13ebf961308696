"""Proofreading rules (J): counts on the seeds and on clinic pages, precision from recorded verdicts.

Run: python3 bench/proofreading.py
Prints, per rule: findings on the five seeds (../shared/seeds), on the pages of
bench/proofreading_pages/ (written for this benchmark, with planted typos and traps) and on external
Japanese the rules were not written against (column "ext"): NTREX-128's reference (../shared/data,
1,997 lines of professionally translated news) and, where installed, GnuPG's Japanese help text
(/usr/share/gnupg/help.ja.txt, 335 lines); precision
recomputed from the verdicts in bench/proofreading_judgements.tsv (file, line, col, rule, found,
verdict true/false, reason); recall of the typos planted in the pages (bench/proofreading_planted.tsv);
whether the rule is on by default, and a warning where that disagrees with the 0.9 precision bar.
Findings without a verdict and verdicts that match no finding are listed: judge them, then rerun.
Exit code 1 if any finding has no verdict.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PAGES = ROOT / "bench" / "proofreading_pages"
EXTERNAL = (
    ROOT.parent / "shared" / "data" / "ntrex128_en-ja" / "newstest2019-ref.jpn.txt",
    Path("/usr/share/gnupg/help.ja.txt"),
)
JUDGEMENTS = ROOT / "bench" / "proofreading_judgements.tsv"
PLANTED = ROOT / "bench" / "proofreading_planted.tsv"
BAR = 0.9  # a rule stays on by default only at or above this precision
sys.path.insert(0, str(ROOT))


def run(path: Path):
    """(file name, line, col, rule, found) of every J finding under ``path``."""
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run as check

    settings = load_settings([str(path)], {"isolated": True, "select": ["J"]})
    report = check([str(path)], settings, Request(jobs=1)).report
    out = []
    for f in report.findings:
        line, col = report.documents[f.path].position(f.start)
        out.append((Path(f.path).name, line, col, f.rule, f.found or ""))
    return out


def read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((row for row in fh if not row.startswith("#")), delimiter="\t"))


def main() -> int:
    from taiyaku.checks.registry import registry

    rules = {c: r for c, r in registry().items() if c.startswith("J")}
    for path in (SEEDS, *EXTERNAL):
        if not path.exists():
            print(f"note: {path} is absent: not counted")
    seeds = run(SEEDS) if SEEDS.is_dir() else []
    pages = run(PAGES)
    news = [f for path in EXTERNAL if path.is_file() for f in run(path)]
    verdicts = {(j["file"], int(j["line"]), int(j["col"]), j["rule"]): j for j in read_tsv(JUDGEMENTS)}
    planted = read_tsv(PLANTED)

    found = {(f, line, col, rule): text for f, line, col, rule, text in seeds + pages + news}
    unjudged = [k for k in found if k not in verdicts]
    stale = [k for k in verdicts if k not in found]
    true, judged = Counter(), Counter()
    for key in found:
        if key in verdicts:
            judged[key[3]] += 1
            true[key[3]] += verdicts[key]["verdict"] == "true"
    hit_lines = {(f, line, rule) for f, line, _, rule, _ in pages}
    planted_by_rule = Counter(p["rule"] for p in planted)
    caught = Counter(p["rule"] for p in planted if (p["file"], int(p["line"]), p["rule"]) in hit_lines)

    n_seed, n_page, n_news = (Counter(f[3] for f in fs) for fs in (seeds, pages, news))
    print(f"{'rule':<26} {'seeds':>5} {'pages':>5} {'ext':>5} {'true':>5} {'judged':>6} {'precision':>9} {'recall(pages)':>13}  default")
    for code, r in rules.items():
        prec = true[code] / judged[code] if judged[code] else None
        rec = f"{caught[code]}/{planted_by_rule[code]}" if planted_by_rule[code] else "-"
        ptxt = f"{prec:.2f}" if prec is not None else "-"
        flag = ""
        if prec is not None and (prec >= BAR) != r.default:
            flag = f"  <- precision {'below' if prec < BAR else 'at or above'} {BAR} but {'on' if r.default else 'off'} by default"
        print(
            f"{code} {r.name:<21} {n_seed[code]:>5} {n_page[code]:>5} {n_news[code]:>5} {true[code]:>5} {judged[code]:>6} {ptxt:>9} "
            f"{rec:>13}  {'on' if r.default else 'off'}{flag}"
        )
    total_true, total = sum(true.values()), sum(judged.values())
    if total:
        counts = f"{sum(n_seed.values()):>5} {sum(n_page.values()):>5} {sum(n_news.values()):>5}"
        print(f"{'all':<26} {counts} {total_true:>5} {total:>6} {total_true / total:>9.2f}")
    for key in unjudged:
        print(f"NO VERDICT: {key[0]}:{key[1]}:{key[2]} {key[3]} {found[key]!r}")
    for key in stale:
        print(f"stale verdict (no such finding now): {key[0]}:{key[1]}:{key[2]} {key[3]}")
    missed = [p for p in planted if (p["file"], int(p["line"]), p["rule"]) not in hit_lines]
    for p in missed:
        print(f"missed planted typo: {p['file']}:{p['line']} {p['rule']} {p['text']!r}")
    return 1 if unjudged else 0


if __name__ == "__main__":
    sys.exit(main())
