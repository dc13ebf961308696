"""``taiyaku glossary mine``: candidate term pairs from sure aligned pairs, by association.

Japanese candidates are the noun compounds of ``corpus.candidates`` that the glossary does not know;
English candidates are runs of 1–4 words that neither start nor end with a function word. Each
(Japanese, English) couple seen in at least ``min_count`` sure pairs is scored by the Dice coefficient
2·c(j,e) / (c(j) + c(e)), raised by half when a lexicon (a glossary file given as ``--lexicon``, a UniDic
gloss, or the sound of a katakana loanword) gives the same English and lowered by half when the lexicon
knows the word with other English; couples scoring ``min_dice`` or less are dropped; each Japanese term keeps its best English and each English phrase its
best Japanese term (competitive linking, in which the glossary's own terms take part: English that goes
to a known term is not proposed for another). ``mixed_renderings`` adds the one-off candidates that one
article renders in several of the lexicon's ways.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from taiyaku.analyze.match_en import phrase_key, words
from taiyaku.terms.corpus import Corpus, candidates, is_katakana, uncovered, worth_mining

MAX_WORDS = 4
_KNOWN = "\x00"  # marks a glossary term taking part in the linking
LEXICON_BONUS = 0.5


@dataclass
class Proposal:
    ja: str
    en: str
    dice: float
    score: float
    together: int
    ja_count: int
    en_count: int
    where: list[str]
    lexicon: bool
    mixed: str = ""  # for one-off candidates: the renderings one article uses, with counts


def _stop():
    from taiyaku.align.anchors import _STOP  # the project's one English function-word list

    return _STOP


def english_phrases(text: str) -> dict[tuple[str, ...], str]:
    """Phrase key → its text, for every run of 1..MAX_WORDS words not opening or closing on a function
    word or a number (keys are ``match_en`` keys: case, plural and hyphen folded)."""
    stop = _stop()
    ws = words(text)
    out: dict[tuple[str, ...], str] = {}
    for i in range(len(ws)):
        for n in range(1, MAX_WORDS + 1):
            run = ws[i : i + n]
            if len(run) < n:
                break
            gap = any(text[a[2]:b[1]].strip(" -") for a, b in zip(run, run[1:]))
            if gap:
                break
            first, last = run[0][0], run[-1][0]
            if first in stop or last in stop or first.isdigit() or last.isdigit() or len(last) < 3:
                continue
            out.setdefault(tuple(w for w, _, _ in run), text[run[0][1] : run[-1][2]])
    return out


_SOUNDS = [(re.compile(a), b) for a, b in (
    (r"ph", "f"), (r"th", "s"), (r"c(?=[eiy])", "s"), (r"g(?=[ei])", "j"), (r"[cq]", "k"), (r"x", "ks"),
    (r"z", "s"), (r"l", "r"), (r"v", "b"), (r"[aeiouyh\W_]", ""), (r"(.)\1+", r"\1"),
)]


def _consonants(latin: str) -> str:
    """Consonants of a romanized or English word, folded so that a loanword and its source meet
    (デスクワーク desukuwaku → dskwk, desk work → dskwrk). Unlike ``anchors.skeleton`` (made for names) it
    keeps w and every consonant cluster, which tells "desk work" from "desk"."""
    s = latin.lower()
    for pattern, repl in _SOUNDS:
        s = pattern.sub(repl, s)
    return s


def sounds_alike(katakana: str, english: str) -> bool:
    """A katakana loanword and an English phrase whose consonants are alike (デスクワーク, desk work)."""
    import difflib

    from taiyaku.align.romaji import romanize

    a, b = _consonants(romanize(katakana)), _consonants(english)
    return len(a) >= 2 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _lexicon_keys(candidate, lexicon) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = set()
    if lexicon is not None:
        entry = lexicon.get(candidate.text)
        if entry is not None:
            keys |= {phrase_key(a) for a in entry.accepted}
    if len(candidate.tokens) == 1 and candidate.tokens[0].gloss:
        keys.add(phrase_key(candidate.tokens[0].gloss))
    return keys


def mine(corpus: Corpus, glossary, *, lexicon=None, min_count: int = 2, min_dice: float = 0.5) -> list[Proposal]:
    """Ranked proposals (best first)."""
    hits_of = {id(seg): hits for seg, _, hits in corpus.segments}
    tokens_of = {id(seg): toks for seg, toks, _ in corpus.segments}
    c_j: Counter = Counter()
    c_e: Counter = Counter()
    c_je: Counter = Counter()
    where: dict[str, list[str]] = defaultdict(list)
    english_text: dict[tuple[str, ...], str] = {}
    prior: dict[str, set] = {}
    common: set[tuple[str, ...]] = set()
    lexicon_only: set[str] = set()
    for ja_segs, en_segs in corpus.pairs:
        js: set[str] = set()
        for seg in ja_segs:
            hits = hits_of.get(id(seg), [])
            for c in candidates(seg, tokens_of.get(id(seg), [])):
                rest = uncovered(c, hits)
                if not rest:
                    continue
                if not worth_mining(c, rest):
                    if not _lexicon_keys(c, lexicon):
                        continue
                    lexicon_only.add(c.text)  # an everyday-looking word: only with the lexicon's English
                js.add(c.text)
                if len(where[c.text]) < 2:
                    where[c.text].append(c.location)
                prior.setdefault(c.text, _lexicon_keys(c, lexicon))
            # known terms take part, so that their English goes to them (competitive linking)
            js.update(_KNOWN + h.entry.ja for h in hits)
        es: dict[tuple[str, ...], str] = {}
        for seg in en_segs:
            for k, v in english_phrases(seg.text).items():
                es.setdefault(k, v)
                if not v.istitle() or len(k) == 1 and seg.text.lstrip().startswith(v):
                    common.add(k)  # seen in running text (not only as a Title Case name)
        for k, v in es.items():
            english_text.setdefault(k, v)
        c_j.update(js)
        c_e.update(es.keys())
        c_je.update((j, e) for j in js for e in es)
    scored = []
    for (j, e), together in c_je.items():
        if together < min_count or e not in common:
            continue
        dice = 2 * together / (c_j[j] + c_e[e])
        in_lexicon = e in prior.get(j, ()) or (is_katakana(j) and sounds_alike(j, english_text[e]))
        if j in lexicon_only and not in_lexicon:
            continue
        # the lexicon is a prior both ways: its English raises a couple, other English for a word it knows lowers it
        factor = 1 + LEXICON_BONUS if in_lexicon else (1 - LEXICON_BONUS if prior.get(j) else 1)
        scored.append(Proposal(j, english_text[e], dice, dice * factor,
                               together, c_j[j], c_e[e], where[j], in_lexicon))
    scored = [p for p in scored if p.score > min_dice]
    scored.sort(key=lambda p: (-p.score, -p.together, -len(phrase_key(p.en)), p.ja, p.en))
    used_ja: set[str] = set()
    used_en: set[tuple[str, ...]] = set()
    out = []
    for p in scored:
        key = phrase_key(p.en)
        if p.ja in used_ja or key in used_en:
            continue
        used_ja.add(p.ja)
        used_en.add(key)
        if not p.ja.startswith(_KNOWN):
            out.append(p)
    return out


def mixed_renderings(corpus: Corpus, glossary, lexicon) -> list[Proposal]:
    """One-off candidates: unknown terms that one article renders two or more ways, each way one of the
    lexicon's renderings (a term translated inconsistently never co-occurs often with one phrase, so
    association misses it). ``en`` is the lexicon's rendering the article uses most; ``dice`` is 0."""
    from taiyaku.analyze.match_en import stem_key, stem_ngrams

    if not lexicon:
        return []
    hits_of = {id(seg): hits for seg, _, hits in corpus.segments}
    tokens_of = {id(seg): toks for seg, toks, _ in corpus.segments}
    seen: dict[tuple[str, str], Counter] = defaultdict(Counter)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ja_segs, en_segs in corpus.pairs:
        grams = stem_ngrams((s.text for s in en_segs), MAX_WORDS)
        for seg in ja_segs:
            for c in candidates(seg, tokens_of.get(id(seg), [])):
                entry = lexicon.get(c.text)
                if entry is None or not uncovered(c, hits_of.get(id(seg), [])):
                    continue
                used = {stem_key(a): a for a in entry.accepted if stem_key(a) in grams}
                key = (seg.doc.path, c.text)
                seen[key].update(used.values())
                if used and len(where[key]) < 2:
                    where[key].append(c.location)
    out = []
    for (path, ja), counts in seen.items():
        if len(counts) > 1:
            en, n = counts.most_common(1)[0]
            out.append(Proposal(ja, en, 0.0, 0.0, n, sum(counts.values()), sum(counts.values()), where[(path, ja)],
                                True, mixed=", ".join(f'"{e}" ×{k}' for e, k in counts.most_common())))
    return sorted(out, key=lambda p: (-p.ja_count, p.ja))


def proposals_tsv(proposals: list[Proposal]) -> str:
    """The glossary's own TSV (ja, en, note), ranked; the note carries the counts and two locations."""
    lines = ["# candidates mined by `taiyaku glossary mine`: review each, then move it into the glossary\n",
             "ja\ten\tnote\n"]
    for p in proposals:
        if p.mixed:
            lines.append(f"{p.ja}\t{p.en}\tone article renders it {p.ja_count} times in {p.mixed.count('×')} ways"
                         f" (lexicon renderings): {p.mixed}; {', '.join(p.where)}\n")
            continue
        lex = "; lexicon agrees" if p.lexicon else ""
        lines.append(f"{p.ja}\t{p.en}\tmined: dice {p.dice:.2f}, together {p.together} (ja {p.ja_count},"
                     f" en {p.en_count}){lex}; {', '.join(p.where)}\n")
    return "".join(lines)
