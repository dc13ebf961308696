"""A generated clinic site with seeded cross-article inconsistencies: are they reported, once each?

Builds, in a temporary directory (never in the repository), a site of N bilingual articles (default 200)
as ``NNNN.ja.txt``/``NNNN.en.txt`` pairs, each a title, three to five paragraphs drawn from corpus/ (the
plain-text, Markdown-free and HTML articles, their deliberate defects in the massage article repaired)
and the clinic's standard disclaimer, plus the four Japanese-only seeds of ../shared/seeds as they are.
Each article closes with a notice (one of four, by article number) holding a term the glossary lacks.
It seeds cross-article inconsistencies, lists them, checks the site with the site-wide rules
(S001–S004) and prints, for S001–S003 and for S004, how many seeded places are reported exactly once,
and every other finding.

    python bench/site.py [--articles 200] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DISCLAIMER = [("本記事の内容は一般的な情報であり、診断や治療に代わるものではありません。",
               "This article gives general information and does not replace diagnosis or treatment."),
              ("症状が続く場合は、早めに医療機関を受診してください。",
               "If your symptoms continue, please see a doctor early.")]
# The seeded inconsistencies: rule, articles, what changes.
DISCLAIMER_VARIANT = "The content of this article is general information and is no substitute for a diagnosis or treatment."
CONTACT_JA = "気になる症状があれば、お気軽に当院までご相談ください。"
CONTACT_VARIANT = "Please contact our clinic if you are worried about any of your symptoms."
DIET_JA = "バランスの取れた食事と十分な睡眠も、筋肉の回復には欠かせません。"
PASTED = "If you feel pain during a treatment, do not hesitate to tell your therapist."
TERM_VARIANTS = [("post-massage soreness", "soreness after massage"),
                 ("central sensitization", "central sensitisation")]
PLAN = {  # article index → seeded change
    10: ("S002", "disclaimer"), 50: ("S002", "disclaimer"), 90: ("S002", "disclaimer"),
    120: ("S002", "contact"), 160: ("S002", "contact"),
    30: ("S003", "pasted"), 70: ("S003", "pasted"), 130: ("S003", "pasted"),
    20: ("S001", 0), 100: ("S001", 0), 180: ("S001", 0),
    40: ("S001", 1), 140: ("S001", 1),
    # benign variation that no site-wide rule may report: punctuation and case only; one article
    # mixing two renderings of a term (C001's, inside the article)
    15: (None, "punctuation"), 55: (None, "punctuation"), 25: (None, "mixed"), 85: (None, "mixed"),
    # terms the glossary lacks (S004), rendered otherwise in two of the fifty articles carrying each note
    4: ("S004", 0), 104: ("S004", 0), 45: ("S004", 1), 145: ("S004", 1), 62: ("S004", 2), 162: ("S004", 2),
    # benign: another form of the usual rendering (one family); a rare term rendered two ways in two articles
    3: (None, "form"), 63: (None, "form"), 123: (None, "form"), 7: (None, "rare"), 11: (None, "rare"),
}
# A notice closing every article (article index % 4 picks it), each with a term the glossary lacks, and
# the rendering seeded articles use instead (for S004) or the benign form ("form").
NOTES = [("第{n}回のお知らせ：寝不足が続くと、疲れが取れにくくなります。",
          "Notice {n}: when a lack of sleep continues, tiredness is harder to shake off.", ("a lack of sleep", "insufficient sleep")),
         ("第{n}回のお知らせ：運動の前後には、こまめな水分補給を心がけましょう。",
          "Notice {n}: before and after exercise, remember regular hydration.", ("hydration", "rehydration")),
         ("第{n}回のお知らせ：土踏まずを意識して、ゆっくり歩きましょう。",
          "Notice {n}: walk slowly, paying attention to the arch of the foot.", ("the arch of the foot", "the plantar arch")),
         ("第{n}回のお知らせ：運動の前には、軽い準備運動をしておきましょう。",
          "Notice {n}: do some light warm-up exercises before you exercise.", ("warm-up exercises", "a warm-up exercise"))]
RARE = {7: ("更年期には、体調が不安定になりやすくなります。", "During menopause, your physical condition tends to become unstable."),
        11: ("更年期には、体調が不安定になりやすくなります。", "During the change of life, your physical condition tends to become unstable.")}


def paragraphs() -> list[list[tuple[str, str]]]:
    """Paragraphs of (Japanese, English) sentence lines from corpus/, one sentence per line."""
    out: list[list[tuple[str, str]]] = []
    ja = (ROOT / "corpus/massage-soreness.ja.txt").read_text().replace("もみ返し", "揉み返し").splitlines()
    en = (ROOT / "corpus/massage-soreness.en.txt").read_text().splitlines()
    for wrong, right in (("“rubbing back.”", "“post-massage soreness.”"), ("a return rub", "post-massage soreness"),
                         ("rubback", "post-massage soreness")):  # the corpus's deliberate defects
        en = [line.replace(wrong, right) for line in en]
    out += _split(list(zip(ja, en)))
    text = (ROOT / "corpus/stretching-bilingual.txt").read_text().replace("かえって worse", "worse").replace("60 seconds", "20 seconds")
    ja_part, en_part = text.split("↓↓English Below↓↓")
    out += _split(list(zip(ja_part.strip().splitlines()[2:], en_part.strip().splitlines())))
    ja_html = _html_lines(ROOT / "corpus/central-sensitization.ja.html")
    en_html = [line for line in _html_lines(ROOT / "corpus/central-sensitization.en.html") if not line.startswith("Book your")]
    section: list[tuple[str, str]] = []
    for j, e in zip(ja_html[1:], en_html[1:]):
        if j.startswith("#") and section:
            out.append(section)
            section = []
        section.append((j.lstrip("# "), e.lstrip("# ")))
    out.append(section)
    return out


def _split(lines: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    out, current = [], []
    for j, e in lines:
        if j.strip() and e.strip():
            current.append((j.strip().lstrip("・"), e.strip().lstrip("- ")))
        elif current:
            out.append(current)
            current = []
    return out + ([current] if current else [])


def _html_lines(path: Path) -> list[str]:
    body = path.read_text().split("<article>")[1]
    out = []
    for tag, inner in re.findall(r"<(h1|h2|p|li)>(.*?)</\1>", body):
        text = re.sub(r"<[^>]+>", "", inner).replace("&amp;", "&")
        out.append(("# " if tag == "h2" else "") + text)
    return out


def build(root: Path, n: int, rng: random.Random) -> list[tuple[str, str, int]]:
    """Write the site under ``root``; return the seeded places (rule, English path, line)."""
    units = paragraphs()
    with_term = {i: [k for k, p in enumerate(units) if any(old in e for _, e in p)] for i, (old, _) in enumerate(TERM_VARIANTS)}
    contact = next(k for k, p in enumerate(units) if any(j == CONTACT_JA for j, _ in p))
    diet = next(k for k, p in enumerate(units) if any(j == DIET_JA for j, _ in p))
    seeded = []
    for a in range(n):
        chosen = rng.sample(range(len(units)), rng.randint(3, 5))
        rule, what = PLAN.get(a, (None, None))
        force = with_term[what][0] if rule == "S001" else {"contact": contact, "pasted": diet, "mixed": with_term[0][0]}.get(what)
        if force is not None and force not in chosen:
            chosen[0] = force
        if what == "mixed" and with_term[0][1] not in chosen:  # two places, so the article mixes renderings
            chosen[1] = with_term[0][1]
        lines = [(f"よくあるご質問 第{a + 1}回：施術と体のケアについて", f"Frequently asked questions, part {a + 1}: treatment and body care"), None]
        for k in chosen:
            lines += [*units[k], None]
        ja_note, en_note, variant = NOTES[a % len(NOTES)]
        note = (ja_note.format(n=a + 1), en_note.format(n=a + 1))
        lines += [note, *([RARE[a]] if a in RARE else []), None, *DISCLAIMER]
        ja_path, en_path = root / f"{a:04d}.ja.txt", root / f"{a:04d}.en.txt"
        ja_lines, en_lines, mixed = [], [], False
        for i, line in enumerate(lines):
            j, e = line or ("", "")
            if what == "disclaimer" and line == DISCLAIMER[0]:
                e = DISCLAIMER_VARIANT
            elif what == "contact" and j == CONTACT_JA:
                e = CONTACT_VARIANT
            elif what == "pasted" and j == DIET_JA:
                e = PASTED
            elif what == "punctuation" and line == DISCLAIMER[1]:
                e = "if your symptoms continue please see a doctor early!"
            elif line == note and (rule == "S004" or what == "form"):
                e = e.replace(*variant)
            elif what == "mixed" and TERM_VARIANTS[0][0] in e and not mixed:
                e, mixed = e.replace(*TERM_VARIANTS[0]), True
            elif rule == "S001" and TERM_VARIANTS[what][0] in e.lower():
                old, new = TERM_VARIANTS[what]
                e = e.replace(old, new).replace(old.capitalize(), new.capitalize())
            if (j, e) != (line or ("", "")) and rule:
                seeded.append((rule, str(en_path), i + 1))
            ja_lines.append(j)
            en_lines.append(e)
        ja_path.write_text("\n".join(ja_lines) + "\n")
        en_path.write_text("\n".join(en_lines) + "\n")
    for seed in sorted(SEEDS.glob("00[1-4]_*.txt")):
        shutil.copy(seed, root / f"seed-{seed.stem[:3]}.ja.txt")
    return seeded


def memory_figures(root: Path, settings, jobs: int, n: int) -> None:
    """Build the site's translation memory, then update it after one article changes: time, units,
    size per article."""
    import os

    from taiyaku.memory.build import records
    from taiyaku.memory.store import open_memory

    path = str(root / ".taiyaku" / "tm.sqlite")
    timings = []
    for step in ("first update", "nothing changed", "one article changed"):
        if step == "one article changed":
            en = root / "0001.en.txt"
            en.write_text(en.read_text().replace("This article gives", "This page gives"))
        started = time.perf_counter()
        with open_memory(path, create=True) as memory:
            found, unchanged, sign = records([str(root)], settings, jobs, memory.known(), memory.signature())
            written, _ = memory.update(found, signature=sign)
            counts = memory.counts()
        timings.append(f"{step}: {time.perf_counter() - started:.2f} s, {written} read, {unchanged} unchanged")
    size = os.path.getsize(path)
    print(f"translation memory: {counts['units']} units of {counts['articles']} articles, {size / 1024:.0f} KiB "
          f"({size / counts['articles'] / 1024:.1f} KiB per article)")
    for line in timings:
        print(f"  {line}")


RULES = (("S001", "S002", "S003"), ("S004",))  # figures for each group, as the rules were added


def figures(report, found: Counter, seeded: list, rules: tuple) -> None:
    """Print how many of ``seeded`` the ``rules`` report exactly once, and every other finding of them."""
    name = "–".join(rules[:: max(1, len(rules) - 1)])
    hits = sum(1 for s in seeded if found.get(s) == 1)
    twice = [s for s in seeded if found.get(s, 0) > 1]
    other = [(k, n) for k, n in sorted(found.items()) if k[0] in rules and k not in set(seeded)]
    print(f"{name}: seeded places reported exactly once: {hits}/{len(seeded)}; more than once: {len(twice)}")
    for rule, path, line in seeded:
        if (rule, path, line) not in found:
            print(f"  missed {rule} {Path(path).name}:{line}")
    print(f"{name}: other findings: {sum(n for _, n in other)}")
    for (rule, path, line), n in other:
        print(f"  {rule} {Path(path).name}:{line}" + (f" ×{n}" if n > 1 else ""))
    for f in report.findings:
        if (f.rule, f.path) in {(r, p) for (r, p, _), _ in other}:
            print(f"    {f.rule} {Path(f.path).name}: {f.message[:160]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="build the site in this (new) folder and keep it")
    args = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"no seeds at {SEEDS}", file=sys.stderr)
        return 2
    from taiyaku.project.config import load_settings
    from taiyaku.run.engine import Request, run

    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="taiyaku-site-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        seeded = build(root, args.articles, random.Random(11))
        print(f"site: {args.articles} bilingual articles + 4 Japanese-only seeds in {root}")
        for rule, path, line in seeded:
            print(f"  seeded {rule} {Path(path).name}:{line}")
        settings = load_settings([str(root)], {"isolated": True, "select": ["S001,S002,S003,S004"]})
        started = time.perf_counter()
        report = run([str(root)], settings, Request(jobs=args.jobs)).report
        seconds = time.perf_counter() - started
        found = Counter()
        for f in report.findings:
            found[(f.rule, f.path, report.position(f.path, f.start)[0])] += 1
        print(f"checked in {seconds:.1f} s")
        for rules in RULES:
            figures(report, found, [s for s in seeded if s[0] in rules], rules)
        memory_figures(root, settings, args.jobs, args.articles)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(root)


if __name__ == "__main__":
    sys.exit(main())
