"""S004: a recurring Japanese term that the glossary lacks, rendered one way on most of the site and
another way in a few places (a candidate for the glossary).

Each article gives a small record (``collect_unlisted``): for every sure sentence pair, the Japanese
noun compounds the glossary does not know (``terms.corpus.candidates``) and the English phrase that
renders each, when the pair shows it beyond doubt. A phrase renders a term when every content word of
it is one of the term's JMdict English words (``align.lexicon``) and, for a compound, every part of the
term is accounted for (睡眠不足 "lack of sleep": 不足 lack, 睡眠 sleep); words of glossary renderings
belong to their glossary terms. A term with no such phrase in the pair, with two phrases of different
families, or with a phrase that JMdict also gives for another Japanese word of the pair (眠れ "sleep"
beside 寝不足) has no rendering there: no record rather than a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from taiyaku.analyze.match_en import stem_key
from taiyaku.checks.registry import rule
from taiyaku.checks.site import Place, _articles, _finding, _fold, _related, renderings_by_term

MAJORITY = 2 / 3  # share of those articles that must follow one rendering for the others to depart
MIN_MAJORITY = 3  # articles that must follow it: two against one is too thin to call the one a departure
VAGUE = 10  # a word JMdict glosses with more English words than this is too vague to recognise (多く)
MAX_RUN = 5  # words of an English rendering
_GAP = re.compile(r"[\s\-‐–]{1,3}")  # what may separate the words of one rendering


class TermUse(NamedTuple):
    """One sure pair's rendering of a term the glossary lacks: plain and picklable."""

    ja: str
    family: tuple  # stems of the rendering (inflections and plurals folded)
    article: str
    place: Place  # the English rendering


def _term_parts(candidate, lexicon):
    """(term text, its JMdict English keys, each part's keys) of a candidate, neutral affixes (ご, お,
    後 …) aside. None for an everyday word (JMdict marks it common and it has no medical ending: 一般,
    場合, 不安, ページ), for a vague one (more than VAGUE English words: 多く), and when neither the term
    nor each of its parts has English in JMdict (nothing to recognise it by)."""
    from taiyaku.terms.corpus import MEDICAL_ENDINGS, uncovered

    rest = uncovered(candidate, ())
    if not rest:
        return None
    seg = candidate.segment
    text = seg.text[rest[0].start : rest[-1].end]
    if lexicon.common(text) and not text.endswith(MEDICAL_ENDINGS):
        return None
    parts = [lexicon.words(t.lemma) or lexicon.words(t.surface) for t in rest]
    whole = lexicon.words(text) if len(rest) > 1 else parts[0]
    if not whole and not all(parts) or len(whole) > VAGUE:
        return None
    return text, whole, parts


def _runs(text: str, owned, keys: frozenset) -> list[tuple[int, int, list[str]]]:
    """Maximal runs of English words of ``text`` whose content words all have a key in ``keys``
    (function words inside a run are kept, at its ends dropped); words inside ``owned`` spans (glossary
    renderings) never take part. Each run: (start, end, content-word keys)."""
    from taiyaku.align.anchors import _STOP, word_key
    from taiyaku.analyze.match_en import _WORD

    out, run = [], []  # run: [(start, end, key or None for a function word)]

    def close():
        while run and run[-1][2] is None:
            run.pop()
        if run:
            out.append((run[0][0], run[-1][1], [k for _, _, k in run if k]))
        run.clear()

    last_end = None
    for m in _WORD.finditer(text):
        w, s, e = m.group().lower(), m.start(), m.end()
        if last_end is not None and not _GAP.fullmatch(text[last_end:s]):
            close()
        last_end = e
        if any(a <= s < b for a, b in owned):
            close()
            continue
        if w in _STOP or len(w) <= 2:
            if run:
                run.append((s, e, None))
            continue
        key = "w:" + word_key(w)
        if key not in keys or len(run) >= MAX_RUN:
            close()
        if key in keys:
            run.append((s, e, key))
    close()
    return out


def _renders(keys: list[str], whole: frozenset, parts: list[frozenset]) -> bool:
    """Does a run with these content-word keys render the term? A single word renders a one-part
    term; a compound needs every part accounted for, or words of its own JMdict gloss: two or more, or
    one that glosses none of its parts (水分補給 "hydration"; "sleep" alone does not render 睡眠不足)."""
    if len(parts) == 1 or all(any(k in p for k in keys) for p in parts):
        return True
    return all(k in whole for k in keys) and (len(keys) >= 2 or not any(k in p for p in parts for k in keys))


def collect_unlisted(ctx) -> tuple[TermUse, ...]:
    """The article's renderings of Japanese terms the glossary lacks, one per (sure pair, term) whose
    rendering is certain."""
    from taiyaku.align.pairing import lexicon

    lex = lexicon()
    if lex is None or not ctx.bilingual:
        return ()
    out = []
    for pair in ctx.pairs:
        if pair.confidence == "sure" and pair.ja and pair.en:
            out += _pair_uses(ctx, pair, lex)
    return tuple(out)


def _pair_uses(ctx, pair, lex) -> list[TermUse]:
    """The certain renderings of one sure pair's unlisted terms."""
    from taiyaku.terms.corpus import candidates

    terms: dict[str, tuple] = {}  # term → (whole keys, part keys, keys of the pair's other Japanese words)
    for a in (ctx.of(s) for s in pair.ja):
        spans = [(h.start, h.end) for h in a.hits]
        for c in candidates(a.segment, list(a.tokens)):
            if any(s < c.end and c.start < e for s, e in spans):
                continue  # the glossary knows (part of) it: S001's
            found = _term_parts(c, lex)
            if found and found[0] not in terms:
                terms[found[0]] = (*found[1:], _other_keys(pair, ctx, found[0], lex))
    claims = []  # (term, English segment, start, end)
    for seg in pair.en:
        owned = [(h.start, h.end) for h in ctx.of(seg).hits]
        for ja, (whole, parts, others) in terms.items():
            for s, e, keys in _runs(seg.text, owned, whole.union(*parts)):
                if _renders(keys, whole, parts):
                    claims.append((ja, seg, s, e, any(k in others for k in keys)))
    out = []
    for ja in terms:
        found = [(seg, s, e) for j, seg, s, e, _ in claims if j == ja]
        if not found or any(j == ja and other for j, *_, other in claims):
            continue  # no rendering; or its English may render another word of the pair (another term's too)
        fold = _fold(stem_key(seg.text[s:e]) for seg, s, e in found)
        if len(set(fold.values())) != 1:
            continue  # two different renderings in one pair: which is this term's?
        seg, s, e = max(found, key=lambda f: f[2] - f[1])
        a, b = seg.source_span(s, e)
        out.append(TermUse(ja, next(iter(fold.values())), ctx.article.name,
                           Place(seg.doc.path, a, b, seg.text[s:e], (seg.ref,), (s, e))))
    return out


def _other_keys(pair, ctx, term: str, lex) -> frozenset:
    """JMdict keys of the pair's Japanese content words outside every occurrence of ``term``."""
    tokens = []
    for seg in pair.ja:
        text, at, spans = seg.text, 0, []
        while (i := text.find(term, at)) >= 0:
            spans.append((i, i + len(term)))
            at = i + len(term)
        tokens += [t for t in ctx.of(seg).tokens if not any(a <= t.start < b for a, b in spans)]
    return lex.keys(tokens)


@rule("S004", "site-inconsistent-unlisted-term", category="consistency", severity="info", scope="corpus",
      collect=collect_unlisted, aligned=True, default=False)
def site_inconsistent_unlisted_term(records):
    """A term the glossary lacks is rendered one way on most of the site and another way here.

    What it checks: in the sure sentence pairs of every article, the Japanese noun compounds the
    glossary does not know and the English phrase rendering each, recognised by the term's English in
    JMdict (every part of a compound accounted for). A pair where the rendering is not certain (none
    found, two different ones, one that may render another word of the pair) gives nothing, and so
    do everyday words (JMdict marks them common and they have no medical ending: 一般, 場合, 不安)
    and vague ones (多く). The renderings of a term fall into families (inflections and plurals
    folded, a shortened form joined to its full form); when one family is followed by at least 3
    articles and two thirds of the articles rendering the term, each place of another family is one
    finding, with places that follow the site in `related`. Glossary terms are S001's. Without JMdict
    (jamdict-data) it reports nothing.
    Why: a site that calls 土踏まず "the arch of the foot" on forty pages and "the plantar arch" on two
    has an unwritten convention; written into the glossary, every other check enforces it.
    Off by default (a run with a site-wide rule keeps a record of every article): select it by code,
    `--select S004`. On a generated 200-article site (`python bench/site.py`) it reported each of 6
    seeded departures once and nothing else; on the 123 NTREX news documents as articles
    (`python bench/site_terms_news.py`), nothing.
    Example: 水分補給 is "hydration" in 48 articles and "rehydration" in 2: each place in the two is
    reported, suggesting "hydration" (and an entry 水分補給 → hydration in the glossary).
    Fix safety: no automatic fix (either rendering may be right: decide, then add the term).
    """
    r = site_inconsistent_unlisted_term.rule
    for ja, uses, _, groups in renderings_by_term(records):
        articles = {u.article for u in uses}
        count = {f: len({u.article for u in v}) for f, v in groups.items()}
        usual = max(count, key=lambda f: (count[f], len(groups[f])))
        if count[usual] < MIN_MAJORITY or count[usual] < MAJORITY * len(articles) or \
                sorted(count.values())[-2] == count[usual]:
            continue
        follow = groups[usual]
        common = Counter(u.place.text.lower() for u in follow).most_common(1)[0][0]
        shown = next(u.place.text for u in follow if u.place.text.lower() == common)
        listing = ", ".join(f'"{Counter(u.place.text for u in v).most_common(1)[0][0]}" in {_articles(count[f])}'
                            for f, v in sorted(groups.items(), key=lambda fv: -count[fv[0]]))
        for family, departing in sorted(groups.items()):
            if family == usual:
                continue
            for u in departing:
                yield _finding(r, u.place, f'{ja} is rendered "{u.place.text}" here but "{shown}" elsewhere on the '
                               f'site: {listing}; the glossary lacks {ja}: a candidate entry {ja} → {shown}',
                               term=(ja, shown), found=u.place.text, suggestion=shown, related=_related(follow, u))
