"""Site-wide consistency: corpus-scope checks that compare articles with each other.

Each article gives a small record (``collect_terms``, ``collect_sentences``): the renderings of glossary
terms it uses in context (``checks.terms``) and its sure or likely sentence pairs, normalised. Once every
article is done, the checks find where one article departs from the rest of the site. Each inconsistency
is one finding, placed at the departing occurrence, with occurrences that follow the site as related
locations (at most ``RELATED``). On a generated 200-article site they report each of 19 seeded
inconsistencies once and nothing else, and nothing on corpus/ and the seeds (``bench/site.py``); they
are still off by default because a run with a corpus-scope rule keeps every line of every
article in the parent process, which whole-site runs should not pay for unasked (select them by code:
``--select S001,S002,S003``).
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from typing import NamedTuple

from taiyaku.analyze.match_en import stem_key
from taiyaku.checks import terms
from taiyaku.checks.registry import rule
from taiyaku.models import Finding, Related

RELATED = 10  # related locations per finding: enough to find the rest, not a listing of the site
MIN_JA = 12  # characters of a normalised Japanese sentence compared across articles (not headings)
MIN_EN_WORDS = 5  # words of an English sentence compared across articles
SIMILAR = 0.5  # Japanese sentences this alike (character-bigram Dice) are one sentence reworded


class Place(NamedTuple):
    """One occurrence, plain and picklable: where it is and what it marks."""

    path: str
    start: int
    end: int
    text: str
    segments: tuple  # the refs of its sentences in its article
    mark: tuple | None = None

    def related(self) -> Related:
        segment = self.segments[0] if len(self.segments) == 1 else None
        return Related(self.path, self.start, self.end, self.text, segment, self.mark if segment else None)


class Elsewhere:
    """The ``article`` of a record that stands for its occurrences in articles outside the run that the
    translation memory counts without reading them (``memory.sitewide``): they weigh in the site's
    majority (``articles``, ``occurrences``) but are never a finding's place or a related location."""

    __slots__ = ("articles", "occurrences")

    def __init__(self, articles: int, occurrences: int) -> None:
        self.articles, self.occurrences = articles, occurrences


def _weight(occurrences) -> tuple[int, int]:
    """(articles, occurrences) of a group of records, those standing for others (Elsewhere) counted as many."""
    articles = {o.article for o in occurrences}
    return (sum(a.articles if isinstance(a, Elsewhere) else 1 for a in articles),
            sum(o.article.occurrences if isinstance(o.article, Elsewhere) else 1 for o in occurrences))


def _located(occurrences):
    return [o for o in occurrences if not isinstance(o.article, Elsewhere)]


class TermUse(NamedTuple):
    ja: str  # the glossary entry's Japanese
    preferred: str
    family: tuple  # stems of the rendering family the article follows
    rendering: str  # the glossary string that matched
    article: str
    place: Place


class SentencePair(NamedTuple):
    ja_key: str
    en_key: str
    en_terms: str  # en_key with each glossary term's rendering replaced by the term: renderings are S001's
    ja_text: str
    article: str
    en: Place  # the English sentences of the pair
    ja: Place


def collect_terms(ctx) -> tuple[TermUse, ...]:
    """The article's renderings, in context, of each glossary term, in the rendering the article itself
    follows (departures inside one article are C001's; forbidden renderings are T001's)."""
    out = []
    for entry, seen in terms.renderings(ctx).items():
        for hit in seen.hits:
            if hit.how == "forbidden" or seen.family(hit) != seen.usual:
                continue
            s, e = hit.source_span()
            place = Place(hit.segment.doc.path, s, e, hit.text, (hit.segment.ref,), (hit.start, hit.end))
            out.append(TermUse(entry.ja, entry.en, seen.usual, hit.rendering, ctx.article.name, place))
    return tuple(out)


def collect_sentences(ctx) -> tuple[SentencePair, ...]:
    """The article's sure and likely pairs with both sides, as normalised keys and places."""
    out = []
    for pair in ctx.pairs:
        if not pair.ja or not pair.en or not pair.confident:
            continue
        ja_text = "".join(s.text for s in pair.ja)
        en_text = " ".join(s.text for s in pair.en)
        masked = " ".join(_masked(s.text, ctx.of(s).hits) for s in pair.en)
        out.append(SentencePair(ja_key(ja_text), en_key(en_text), en_key(masked), ja_text, ctx.article.name,
                                _place(pair.en, en_text), _place(pair.ja, ja_text)))
    return tuple(out)


def _masked(text: str, hits) -> str:
    """``text`` with each glossary hit (the longest of overlapping ones) replaced by its term's Japanese."""
    out, at = [], 0
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if h.start >= at:
            out += [text[at : h.start], f" {h.entry.ja} "]
            at = h.end
    return "".join(out) + text[at:]


def _place(segments, text: str) -> Place:
    start, end = segments[0].source_span()[0], segments[-1].source_span()[1]
    return Place(segments[0].doc.path, start, end, text, tuple(s.ref for s in segments))


def _drop_punctuation(text: str) -> str:
    return "".join(c for c in text if not unicodedata.category(c).startswith("P"))


def ja_key(text: str) -> str:
    """A Japanese sentence as compared across articles: NFKC, without white space or punctuation."""
    return "".join(_drop_punctuation(unicodedata.normalize("NFKC", text)).split())


def en_key(text: str) -> str:
    """An English sentence as compared across articles: NFKC, case-folded, without punctuation, single
    spaces (typographic and straight quotes alike)."""
    return " ".join(_drop_punctuation(unicodedata.normalize("NFKC", text).casefold()).split())


def _bigrams(text: str) -> Counter:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two strings (1.0: the same bigrams)."""
    x, y = _bigrams(a), _bigrams(b)
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 1.0


def _majority(groups: dict, preferred=None):
    """The key of ``groups`` (key → occurrences) the site follows: ``preferred`` if present, else the
    one used by the most articles, then by the most occurrences; None on a tie."""
    if preferred is not None and preferred in groups:
        return preferred
    ranked = sorted((_weight(v), k) for k, v in groups.items())
    if len(ranked) > 1 and ranked[-1][0] == ranked[-2][0]:
        return None
    return ranked[-1][1]


def _finding(r, place: Place, message: str, **fields) -> Finding:
    return Finding(r.code, r.name, r.category, r.severity, place.path, place.start, place.end, message,
                   segments=place.segments, mark=place.mark, **fields)


def _articles(n: int) -> str:
    return f"{n} article{'s' * (n != 1)}"


def _fold(families) -> dict:
    """Each family → the longest family containing it (a shortened form joins its full form)."""
    out: dict = {}
    for f in sorted(set(families), key=len, reverse=True):
        out[f] = next((g for g in out.values() if terms.contains(g, f)), f)
    return out


@rule("S001", "site-inconsistent-rendering", category="consistency", severity="warning", scope="corpus",
      collect=collect_terms, aligned=True, default=False)
def site_inconsistent_rendering(records):
    """A glossary term is rendered one way in this article and another way in the rest of the site.

    What it checks: the renderings of each glossary term in English sentences that translate it (in
    context, as C001 and T001 judge them), article by article: the rendering each article follows
    (forms of one word and shortened forms are one rendering; forbidden renderings are T001's and
    departures inside one article C001's). The site's rendering is the glossary's preferred one when
    any article uses it, else the one most articles use (no finding on a tie). One finding per place
    that follows another rendering, with the places that follow the site's in `related`.
    Why: a reader who meets "sciatica" on one page and "sciatic neuralgia" on the next cannot tell
    they are one condition; linters that read one file at a time cannot see it.
    Off by default (a run with a site-wide rule keeps every line of every article): select it by code,
    `--select S001`; on a generated 200-article site (`python bench/site.py`) S001–S003 reported each
    of 19 seeded departures once and nothing else.
    Example: 坐骨神経痛 is "sciatica" in forty articles and "sciatic neuralgia" in two: each place in
    the two is reported, suggesting "sciatica".
    Fix safety: no automatic fix (the sentence may need rewording around the term).
    """
    r = site_inconsistent_rendering.rule
    for ja, uses, fold, groups in renderings_by_term(records):
        usual = _majority(groups, _preferred(fold, uses[0].preferred))
        if usual is None:
            continue
        follow = groups[usual]
        listing = ", ".join(f'"{v[0].place.text}" in {_articles(_weight(v)[0])}'
                            for v in sorted(groups.values(), key=lambda v: -_weight(v)[0]))
        for family, departing in groups.items():
            if family == usual:
                continue
            for u in _located(departing):
                yield _finding(r, u.place, f'{ja} is rendered "{u.place.text}" here but "{follow[0].place.text}" '
                               f"elsewhere on the site: {listing}", term=(ja, u.preferred), found=u.place.text,
                               suggestion=follow[0].rendering, related=_related(follow, u))


def renderings_by_term(records):
    """(term, its uses, the family fold, uses by folded family) of each term used in the records'
    term uses (``ja``, ``family``) rendered more than one way, in term order."""
    by_term: dict = defaultdict(list)
    for record in records:
        for use in record or ():
            by_term[use.ja].append(use)
    for ja in sorted(by_term):
        uses = by_term[ja]
        fold = _fold(u.family for u in uses)
        groups: dict = defaultdict(list)
        for u in uses:
            groups[fold[u.family]].append(u)
        if len(groups) >= 2:
            yield ja, uses, fold, groups


def _preferred(fold: dict, preferred: str):
    """The folded family holding the glossary's preferred rendering, if any article uses it."""
    key = stem_key(preferred)
    return next((g for f, g in fold.items() if terms.contains(f, key)), None)


def _related(occurrences, departing) -> tuple[Related, ...]:
    """Up to RELATED places of ``occurrences``, in other articles first, one per article first."""
    seen, first, rest = set(), [], []
    for o in _located(occurrences):
        (rest if o.article in seen or o.article == departing.article else first).append(o)
        seen.add(o.article)
    return tuple(o.en.related() if isinstance(o, SentencePair) else o.place.related() for o in (first + rest)[:RELATED])


@rule("S002", "site-inconsistent-translation", category="consistency", severity="warning", scope="corpus",
      collect=collect_sentences, aligned=True, default=False)
def site_inconsistent_translation(records):
    """The same Japanese sentence is translated differently in different articles.

    What it checks: sure and likely sentence pairs of every article, keyed by their Japanese after
    normalising width (NFKC), white space and punctuation, and compared by their English after the
    same and case folding, glossary terms' renderings set aside (a difference in a rendering alone is
    S001's, C001's or T001's). Sentences of fewer than 12 characters (headings, "まとめ") are left out. The
    translation the site follows is the one most articles use (no finding on a tie); each pair
    translated otherwise is one finding on its English, with the site's translation as suggestion and
    its places in `related`. An English sentence that elsewhere stands for different Japanese is S003's.
    Why: a clinic's standard texts (its disclaimer, a standard explanation) should read the same on
    every page; a variant is an outdated copy or a translator who did not know the site's version.
    Off by default (a run with a site-wide rule keeps every line of every article): select it by code,
    `--select S002`; on a generated 200-article site (`python bench/site.py`) S001–S003 reported each
    of 19 seeded departures once and nothing else.
    Example: 効果には個人差があります。 is "Results vary from person to person." on 30 pages and
    "Effects differ between individuals." on one: that one is reported.
    Fix safety: no automatic fix.
    """
    r = site_inconsistent_translation.rule
    pairs = [p for record in records for p in record or ()]
    pasted = {p.en_key for p in _pasted(pairs)}
    by_ja: dict = defaultdict(list)
    for p in pairs:
        if len(p.ja_key) >= MIN_JA:
            by_ja[p.ja_key].append(p)
    for key in sorted(by_ja):
        groups: dict = defaultdict(list)
        for p in by_ja[key]:
            groups[p.en_terms].append(p)
        if len(groups) < 2 or _weight(by_ja[key])[0] < 2:
            continue
        usual = _majority(groups)
        if usual is None:
            continue
        follow = groups[usual]
        n = _weight(follow)[0]
        for en, departing in groups.items():
            for p in _located(departing):
                if en == usual or p.en_key in pasted:
                    continue
                yield _finding(r, p.en, f"this Japanese sentence is translated differently in {_articles(n)}: "
                               f'"{follow[0].en.text}"', suggestion=follow[0].en.text, found=p.en.text,
                               related=_related(follow, p))


@rule("S003", "site-same-english-different-japanese", category="consistency", severity="warning", scope="corpus",
      collect=collect_sentences, aligned=True, default=False)
def site_same_english_different_japanese(records):
    """The same English sentence stands for different Japanese in different places: likely a copy-paste.

    What it checks: sure and likely sentence pairs of every article, keyed by their English (NFKC, case
    folded, without punctuation; five words or more). When one English sentence translates Japanese
    sentences that are not rewordings of each other (character-bigram Dice below 0.5 after
    normalising), the Japanese most articles give it is taken as its source, and each place where it
    stands for other Japanese is one finding on that English, with the usual pairs in `related`.
    Why: an English sentence pasted from another page (a template, the previous article) leaves the
    Japanese untranslated while the page looks complete.
    Off by default (a run with a site-wide rule keeps every line of every article): select it by code,
    `--select S003`; on a generated 200-article site (`python bench/site.py`) S001–S003 reported each
    of 19 seeded departures once and nothing else.
    Example: "Please consult us before starting any exercise." translates 運動を始める前にご相談ください。
    on 30 pages and 痛みが続く場合は整形外科を受診してください。 on one: that one is reported.
    Fix safety: no automatic fix.
    """
    r = site_same_english_different_japanese.rule
    for p, follow in _pasted([p for record in records for p in record or ()], with_sources=True):
        if isinstance(p.article, Elsewhere):
            continue
        yield _finding(r, p.en, f'this English translates different Japanese in {_articles(_weight(follow)[0])}: '
                       f"{follow[0].ja_text} — here it stands for {p.ja_text}", found=p.en.text,
                       related=_related(follow, p))


def _pasted(pairs, with_sources: bool = False):
    """The pairs whose English stands elsewhere, in more articles, for unrelated Japanese (with the
    pairs it usually stands for when ``with_sources``)."""
    by_en: dict = defaultdict(list)
    for p in pairs:
        if len(p.en_key.split()) >= MIN_EN_WORDS:
            by_en[p.en_key].append(p)
    for key in sorted(by_en):
        group = by_en[key]
        if len({p.ja_key for p in group}) < 2:
            continue
        sources: dict = defaultdict(list)
        for p in group:
            sources[p.ja_key].append(p)
        usual = _majority(sources)
        if usual is None:
            continue
        for ja, found in sources.items():
            if ja == usual or similarity(ja, usual) >= SIMILAR:
                continue
            for p in found:
                yield (p, sources[usual]) if with_sources else p
