"""Checks on the sentence alignment: untranslated passages, additions, dropped terms, numbers."""

from __future__ import annotations

from collections.abc import Iterator

from taiyaku.analyze.analysis import ArticleAnalysis
from taiyaku.analyze.match_en import stem_key
from taiyaku.models import Pair, Related, Segment
from taiyaku.read.language import script_counts
from taiyaku.checks.registry import related_segment, rule

# A Japanese sentence needs this many kana/kanji to be worth translating (skips "※", dates, "Contents").
_MIN_JAPANESE = 4


def _runs(pairs: list[Pair], side: str) -> Iterator[tuple[int, int]]:
    """(first, last) pair indices of maximal runs of pairs that have only ``side``."""
    start = None
    for i, p in enumerate([*pairs, None]):
        lone = p is not None and bool(p.ja) != bool(p.en) and bool(getattr(p, side))
        if lone and start is None:
            start = i
        elif not lone and start is not None:
            yield start, i - 1
            start = None


def _neighbours(pairs: list[Pair], first: int, last: int, side: str) -> list[Related]:
    """The nearest aligned sentences on ``side`` before and after a run: where the passage belongs."""
    out = []
    for i, step in ((first - 1, -1), (last + 1, 1)):
        while 0 <= i < len(pairs):
            segs = getattr(pairs[i], side)
            if segs:
                out.append(related_segment(segs[-1] if step < 0 else segs[0]))
                break
            i += step
    return out


def _lone_passages(rule, pairs: list[Pair], side: str, what: str, keep=lambda seg: True):
    """One finding per run of ``side`` sentences aligned with nothing, spanning the run's kept
    sentences; ``related`` holds the other side's sentences aligned around it."""
    other = "en" if side == "ja" else "ja"
    for first, last in _runs(pairs, side):
        segs = [s for p in pairs[first : last + 1] for s in getattr(p, side) if keep(s)]
        if segs:
            n = len(segs)
            yield rule.over(
                segs[0],
                segs[-1],
                f"{n} {what.format('s' if n > 1 else '')}",
                found=segs[0].text,
                related=_neighbours(pairs, first, last, other),
            )


def _worth_translating(seg: Segment) -> bool:
    return script_counts(seg.text)[0] >= _MIN_JAPANESE


@rule("U002", "untranslated-passage", category="untranslated", severity="warning", aligned=True)
def untranslated_passage(ctx: ArticleAnalysis):
    """A Japanese passage has no English counterpart.

    What it checks: runs of consecutive Japanese sentences that the aligner pairs with no English
    sentence. One finding per run, spanning it; `related` holds the English sentences aligned just
    before and after, i.e. where the translation belongs. Sentences with fewer than four kana/kanji
    ("※", dates) are not counted.
    Why: a passage missing from the English is information the foreign patient never gets.
    Example: a two-sentence paragraph on who is at risk, absent from the English.
    Fix safety: no automatic fix.
    """
    yield from _lone_passages(
        untranslated_passage.rule, ctx.pairs, "ja", "Japanese sentence{} with no English translation", _worth_translating
    )


@rule("A001", "addition", category="addition", severity="info", aligned=True)
def addition(ctx: ArticleAnalysis):
    """An English passage has no Japanese source.

    What it checks: runs of consecutive English sentences that the aligner pairs with no Japanese
    sentence. One finding per run; `related` holds the Japanese sentences aligned around it.
    Why: added text may be deliberate (a note for foreign patients) or may be a passage whose source
    was deleted or never written: worth a look, rarely an error, hence info.
    Example: a promotional line that exists only in the English.
    Fix safety: no automatic fix.
    """
    yield from _lone_passages(addition.rule, ctx.pairs, "en", "English sentence{} with no Japanese source")


@rule("T003", "term-dropped", category="terminology", severity="info", scope="pair", default=False)
def term_dropped(ctx: ArticleAnalysis, pair: Pair):
    """A Japanese sentence uses a glossary term that its aligned English sentence does not render.

    What it checks: in each confidently aligned pair (a high alignment score, or a 1-1 pair fixed by
    sure pairs on both sides), every glossary term of the Japanese whose
    accepted and forbidden renderings are all absent from the English of the pair (in any inflection).
    Terms the English never renders anywhere are T002's; wrong renderings are T001's.
    Why: the sentence lost the term, or says something else in its place. Translators also drop or
    paraphrase terms on purpose (施術 → "massage", 仙腸関節 → "this joint"), hence info: a hint for
    review. Off by default (select it with `--select T003`): on the realistic pages of bench/pages and
    the seeds, 1 of its 7 findings was worth an editor's time
    (`taiyaku check bench/pages ../shared/seeds --select T003`, judged against bench/pages/MANIFEST.toml).
    Example: 筋膜が硬い → "the muscles are stiff" (fascia dropped).
    Fix safety: no automatic fix.
    """
    if not pair.confident:
        return
    grams = ctx.grams(ctx.of(s) for s in pair.en)
    english = " ".join(s.text for s in pair.en)
    seen = set()
    for seg in pair.ja:
        for hit in ctx.of(seg).hits:
            e = hit.entry
            if e in seen:
                continue
            seen.add(e)
            if not ctx.renders(e):
                continue  # never rendered at all: T002
            if any(stem_key(r) in grams for r in (*e.accepted, *e.en_forbidden)):
                continue
            if hit.text in english:
                continue  # left in Japanese: U001 reports it
            yield term_dropped.rule.at_hit(
                hit,
                f'{e.ja} is not rendered in the aligned English (expected "{e.en}")',
                term=(e.ja, e.en),
                found=hit.text,
                suggestion=e.en,
                related=tuple(related_segment(s) for s in pair.en),
            )


@rule("N001", "number-mismatch", category="numbers", severity="warning", scope="pair")
def number_mismatch(ctx: ArticleAnalysis, pair: Pair):
    """A number, range, date or unit differs between a Japanese sentence and its aligned English.

    What it checks: numbers after NFKC normalisation on both sides of each confidently aligned pair
    (as in T003)
    (３か月 = 3 months, 2〜3分 = 2-3 minutes, 40代 = in her 40s, 1月18日 = January 18, number
    words included). Reports a number missing from the English or given a different value.
    Why: a wrong duration, dose or count in medical advice is a real error.
    Example: 3か月以上 → "more than six months".
    Fix safety: no automatic fix.
    """
    if not pair.confident:
        return
    from taiyaku.analyze.numbers import compare

    ja = [(s, m) for s in pair.ja for m in ctx.of(s).numbers]
    en = [(s, m) for s in pair.en for m in ctx.of(s).numbers]
    where = {id(m): s for s, m in ja + en}
    for diff in compare([m for _, m in ja], [m for _, m in en]):
        if diff.ja is None:
            continue  # an extra number in the English is not reported on its own
        seg = where[id(diff.ja)]
        ja_text = seg.text[diff.ja.start : diff.ja.end]
        if diff.en is not None:
            en_seg = where[id(diff.en)]
            en_text = en_seg.text[diff.en.start : diff.en.end]
            message = f'{ja_text} is "{en_text}" in the English'
            rel = (Related(en_seg.doc.path, *en_seg.source_span(diff.en.start, diff.en.end), en_text,
                           en_seg.ref, (diff.en.start, diff.en.end)),)
        else:
            message = f"{ja_text} is missing from the aligned English"
            rel = tuple(related_segment(s) for s in pair.en)
        yield number_mismatch.rule.at(seg, diff.ja.start, diff.ja.end, message, found=ja_text, related=rel)
