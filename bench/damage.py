"""Seeded damage of NTREX-128 English–Japanese documents, with gold links, for the sentence aligner.

The Japanese side of each document is kept as it is; the English side is damaged:

- runs of 1–3 sentences are deleted (about 7 % of sentences) → their Japanese lines are *untranslated*;
- a sentence is merged with the next one into one line (about 8 % of sentences) → a 2-1 link;
- sentences from other documents are inserted (about 5 % of lines) → English lines with no source.

Gold links are kept at line level: (Japanese line, damaged English line). Documents are split into dev
(tuning) and test (never tuned on) by the SHA-1 of their id, about 60/40.

    python3 bench/damage.py --seed 1            # prints a summary of the damage per split
    python3 bench/damage.py --seed 1 --show 3   # and the first 3 damaged dev documents

The data is read from ../shared/data/ntrex128_en-ja (next to the repository), never copied.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex128_en-ja"

P_DELETE = 0.07
P_MERGE = 0.08
P_INSERT = 0.05
DEV_SHARE = 0.6


@dataclass
class Doc:
    doc_id: str
    ja: list[str]
    en: list[str]


@dataclass
class Damaged:
    doc_id: str
    ja: list[str]  # intact Japanese lines
    en: list[str]  # damaged English lines
    links: set[tuple[int, int]] = field(default_factory=set)  # (ja line, en line)
    untranslated: set[int] = field(default_factory=set)  # ja lines whose English was deleted
    inserted: set[int] = field(default_factory=set)  # en lines from another document


def load_ntrex(root: Path = DATA) -> list[Doc]:
    """The documents of NTREX-128 en-ja, in file order."""
    en = (root / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ja = (root / "newstest2019-ref.jpn.txt").read_text(encoding="utf-8").splitlines()
    ids = [line.split("\t")[0].strip() for line in (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    if not (len(en) == len(ja) == len(ids)):
        raise SystemExit(f"{root}: the three files do not have the same number of lines")
    docs: list[Doc] = []
    for doc_id, e, j in zip(ids, en, ja):
        if not docs or docs[-1].doc_id != doc_id:
            docs.append(Doc(doc_id, [], []))
        docs[-1].en.append(e)
        docs[-1].ja.append(j)
    return docs


def is_dev(doc_id: str) -> bool:
    """Deterministic split: the first 4 bytes of SHA-1(doc id) below DEV_SHARE of their range."""
    h = int.from_bytes(hashlib.sha1(doc_id.encode("utf-8")).digest()[:4], "big")
    return h < DEV_SHARE * 2**32


def split(docs: list[Doc]) -> tuple[list[Doc], list[Doc]]:
    dev = [d for d in docs if is_dev(d.doc_id)]
    test = [d for d in docs if not is_dev(d.doc_id)]
    return dev, test


def damage(doc: Doc, pool: list[str], seed: int, apart: frozenset[int] = frozenset()) -> Damaged:
    """Damage the English side of ``doc``; ``pool`` holds sentences of other documents to insert.
    Sentence ``i`` is never merged with ``i + 1`` when ``i`` is in ``apart`` (a page's block ends
    there); the random draws are the same whatever ``apart`` is."""
    rng = random.Random(f"{seed}:{doc.doc_id}")
    n = len(doc.ja)
    deleted = [False] * n
    # a run starts with probability q and takes run + 1 positions (runs do not touch): the expected
    # share deleted is 2q / (1 + 2q), so q = P / (2 (1 − P)) deletes P of the sentences.
    q = P_DELETE / (2 * (1 - P_DELETE))
    # a merge takes two sentences: merging with probability r puts 2r / (1 + r) of them in merged lines;
    # the next sentence must be kept too (and exist), which the factor 1.25 makes up for (measured)
    r = 1.25 * P_MERGE / (2 - P_MERGE)
    i = 0
    while i < n:
        if rng.random() < q:
            run = rng.randint(1, 3)
            for k in range(i, min(n, i + run)):
                deleted[k] = True
            i += run + 1  # runs do not touch each other
        else:
            i += 1
    groups: list[list[int]] = []
    i = 0
    while i < n:
        if deleted[i]:
            i += 1
            continue
        if i + 1 < n and not deleted[i + 1] and rng.random() < r and i not in apart:
            groups.append([i, i + 1])
            i += 2
        else:
            groups.append([i])
            i += 1
    out = Damaged(doc.doc_id, list(doc.ja), [], untranslated={i for i in range(n) if deleted[i]})
    lines: list[tuple[str, list[int]]] = []
    for g in groups:
        if pool and rng.random() < P_INSERT:
            lines.append((rng.choice(pool), []))
        lines.append((" ".join(doc.en[k] for k in g), g))
    if pool and rng.random() < P_INSERT:
        lines.append((rng.choice(pool), []))
    for k, (text, g) in enumerate(lines):
        out.en.append(text)
        if not g:
            out.inserted.add(k)
        for i in g:
            out.links.add((i, k))
    return out


def damaged_split(seed: int, root: Path = DATA) -> tuple[list[Damaged], list[Damaged]]:
    """Damaged dev and test documents for ``seed``; inserted sentences come from the same split."""
    dev, test = split(load_ntrex(root))
    result = []
    for part in (dev, test):
        docs = []
        for d in part:
            pool = [s for o in part if o.doc_id != d.doc_id for s in o.en]
            docs.append(damage(d, pool, seed))
        result.append(docs)
    return result[0], result[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print this many damaged dev documents")
    args = ap.parse_args()
    dev, test = damaged_split(args.seed)
    print(f"command: python3 bench/damage.py --seed {args.seed}")
    for name, docs in (("dev", dev), ("test", test)):
        ja = sum(len(d.ja) for d in docs)
        en = sum(len(d.en) for d in docs)
        un = sum(len(d.untranslated) for d in docs)
        ins = sum(len(d.inserted) for d in docs)
        merged = sum(1 for d in docs for k in range(len(d.en)) if sum(1 for _, e in d.links if e == k) > 1)
        print(
            f"{name}: {len(docs)} docs, {ja} ja lines, {en} damaged en lines; "
            f"untranslated {un} ({un / ja:.1%}), merged lines {merged} ({2 * merged / ja:.1%} of sentences), "
            f"inserted {ins} ({ins / en:.1%})"
        )
    for d in dev[: args.show]:
        print(f"\n== {d.doc_id}")
        for k, line in enumerate(d.en):
            src = sorted(i for i, e in d.links if e == k)
            print(f"  en {k:3d} <- ja {src if src else 'INSERTED'}: {line[:80]}")
        print(f"  untranslated ja: {sorted(d.untranslated)}")


if __name__ == "__main__":
    main()
