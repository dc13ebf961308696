"""Precision of the top 30 `taiyaku glossary mine` candidates, from the judgements in
bench/glossary_mine_judgements.tsv, on corpus/ + ../shared/seeds (+ bench/pages if present, + any paths
given). Mines twice: with the Kitasato MedUTX as lexicon (when ../shared is there) and without.
Candidates nobody judged are listed and counted as not correct: judge them, then run again.

    python3 bench/glossary_mine.py [EXTRA_PATHS...]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MEDUTX = SHARED / "reference/terms/kitasato_medutx/medutx1.01.utx"
TOP = 30


def judgements() -> dict[tuple[str, str], str]:
    rows = (r for r in (ROOT / "bench/glossary_mine_judgements.tsv").read_text(encoding="utf-8").splitlines()
            if r and not r.startswith("#"))
    reader = csv.DictReader(rows, delimiter="\t")
    return {(r["ja"], r["en"]): r["verdict"] for r in reader}


def main(extra: list[str]) -> None:
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary
    from taiyaku.terms import load_lexicon
    from taiyaku.terms.corpus import read_corpus
    from taiyaku.terms.mine import mine

    paths = [str(ROOT / "corpus")] + [str(p) for p in (SHARED / "seeds", ROOT / "bench/pages") if p.is_dir()] + extra
    glossary = load_glossary(bundled_glossary_path())
    corpus = read_corpus(paths, glossary)
    judged = judgements()
    print(f"paths: {', '.join(paths)}")
    print(f"{corpus.articles} articles, {corpus.bilingual} bilingual, {len(corpus.pairs)} sure pairs;"
          f" glossary {len(glossary)} entries")
    lexicons = [("MedUTX lexicon", MEDUTX)] if MEDUTX.is_file() else []
    for name, path in [*lexicons, ("no lexicon", None)]:
        lexicon = load_lexicon(path)
        top = mine(corpus, glossary, lexicon=lexicon)[:TOP]
        verdicts = [judged.get((p.ja, p.en), "unjudged") for p in top]
        ok = verdicts.count("ok")
        print(f"\n{name}: {len(top)} candidates in the top {TOP}; precision {ok}/{len(top)}"
              f" = {ok / len(top) if top else 0:.2f}")
        for p, v in zip(top, verdicts):
            print(f"  {v:8} {p.ja}\t{p.en}\t(dice {p.dice:.2f}, together {p.together})")


if __name__ == "__main__":
    main(sys.argv[1:])
