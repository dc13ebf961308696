"""``taiyaku glossary coverage``: medical-looking Japanese terms of the articles that the glossary lacks.

A term is reported when it looks medical (``corpus.looks_medical``: ends in 症, 炎, 筋, 関節, 術, 痛 …, is a
katakana loanword that is no everyday word, or builds a compound on a known term: 可動域制限) and no
glossary entry covers it. Each comes with its
frequency, two locations and, where there is evidence, a rendering: the lexicon's (``--lexicon``, any
glossary file, e.g. the Kitasato MedUTX) — marked when the aligned English uses it — else the one mining
finds in the aligned pairs, else UniDic's gloss of a loanword.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from taiyaku.analyze.match_en import stem_key, stem_ngrams
from taiyaku.terms.corpus import Corpus, candidates, looks_medical, uncovered


@dataclass
class Unknown:
    ja: str
    count: int
    where: list[str] = field(default_factory=list)
    suggestion: str = ""
    evidence: str = ""


def coverage(corpus: Corpus, glossary, *, lexicon=None, proposals=()) -> list[Unknown]:
    """Uncovered terms, most frequent first."""
    counts: Counter = Counter()
    where: dict[str, list[str]] = defaultdict(list)
    gloss: dict[str, str] = {}
    english_of: dict[int, list[str]] = {}
    for ja_segs, en_segs in corpus.pairs:
        for seg in ja_segs:
            english_of[id(seg)] = [s.text for s in en_segs]
    aligned: dict[str, list[str]] = defaultdict(list)
    for seg, tokens, hits in corpus.segments:
        for c in candidates(seg, tokens):
            rest = uncovered(c, hits)
            if not looks_medical(c, rest):
                continue
            counts[c.text] += 1
            if len(where[c.text]) < 2:
                where[c.text].append(c.location)
            if len(c.tokens) == 1 and c.tokens[0].gloss:
                gloss[c.text] = c.tokens[0].gloss
            aligned[c.text].extend(english_of.get(id(seg), []))
    mined = {p.ja: p.en for p in proposals}
    out = []
    for ja, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        u = Unknown(ja, n, where[ja])
        entry = lexicon.get(ja) if lexicon is not None else None
        if entry is not None:
            grams = stem_ngrams(aligned[ja], 6)
            seen = [a for a in entry.accepted if stem_key(a) in grams]
            u.suggestion, u.evidence = (seen[0], "lexicon, in the aligned English") if seen else (entry.en, "lexicon")
        elif ja in mined:
            u.suggestion, u.evidence = mined[ja], "aligned pairs"
        elif ja in gloss:
            u.suggestion, u.evidence = gloss[ja], "UniDic gloss"
        out.append(u)
    return out


def coverage_text(unknown: list[Unknown], corpus: Corpus) -> str:
    lines = [f"{u.count:4}  {u.ja}" + (f"  → {u.suggestion} ({u.evidence})" if u.suggestion else "")
             + f"  {', '.join(u.where)}" for u in unknown]
    lines.append(f"{len(unknown)} terms not in the glossary ({sum(u.count for u in unknown)} uses) in"
                 f" {corpus.articles} articles ({corpus.bilingual} bilingual, {len(corpus.pairs)} sure pairs)")
    return "\n".join(lines) + "\n"
