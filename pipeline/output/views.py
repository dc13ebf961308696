"""A picklable view of one checked article, for formats that show whole articles (``--format html``).

``article_view(ctx, findings)`` turns what the checks saw (the sentences, their alignment, the glossary
hits) and what they found into plain frozen dataclasses of strings, numbers and tuples: nothing in it
refers back to a ``Document`` or a ``Segment``, so it can be pickled, sent between processes and
rendered later. Each view also carries the article's compact record for the site page (the renderings
of glossary terms it follows, ``output.site_page.collect``), gathered where the article is checked.

Findings are placed by their source offsets (``Finding.path/start/end``), never by searching the text:

- a finding inside one sentence (a wrong rendering, a number) becomes a mark on that sentence, with
  offsets into the sentence text;
- a finding that covers one or more whole sentences, or runs across sentences (an untranslated passage,
  an addition), belongs to the row(s) holding them: its note is shown in the first such row
  (``RowView.findings``) and the later rows carry it in ``RowView.continued``;
- a finding that is in no sentence (article-level) is listed in ``ArticleView.findings``;
- a finding made after the views (a corpus-scope rule's, once every article is done) is placed when the
  page is rendered, by its source offsets (``with_late_findings``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from taiyaku.models import Finding, Hit, Segment

# Row kinds: an aligned bead, Japanese with no English (1-0), English with no Japanese (0-1), or a row
# of an article that has one language only (nothing is missing there).
PAIR, UNTRANSLATED, ADDED, SINGLE = "pair", "untranslated", "added", "single"


@dataclass(frozen=True, slots=True)
class FileView:
    path: str
    role: str  # "ja" | "en" | "bilingual"
    encoding: str
    format: str


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding as shown. ``path``/``source_start``/``source_end`` are the finding's own source offsets
    (to match it with the report's findings); ``start``/``end`` are offsets into the sentence text for a
    mark on a sentence (0, 0 otherwise); ``side`` is the language of the sentences it covers ("" if none)."""

    rule: str
    name: str
    category: str
    severity: str
    message: str
    suggestion: str | None
    path: str
    source_start: int
    source_end: int
    start: int = 0
    end: int = 0
    side: str = ""
    echo: bool = False  # a mark of the finding's other side (the English number of a number mismatch)

    @property
    def key(self) -> tuple[str, str, int, int, str]:
        return finding_key(self.rule, self.path, self.source_start, self.source_end, self.message)


@dataclass(frozen=True, slots=True)
class TermView:
    """A glossary term in a sentence: ``text[start:end]``. ``status`` is "accepted" (the canonical
    spelling or an accepted rendering), "variant" (a Japanese spelling variant) or "forbidden" (an English
    rendering the glossary marks as wrong). ``rendering`` is the glossary string that matched."""

    start: int
    end: int
    ja: str
    en: str
    status: str
    rendering: str


@dataclass(frozen=True, slots=True)
class SentenceView:
    lang: str
    text: str
    path: str
    line: int  # 1-based line of the first character
    end_line: int  # 1-based line of the last character
    terms: tuple[TermView, ...] = ()
    findings: tuple[FindingView, ...] = ()  # marks inside this sentence, by position
    start: int = 0  # source offsets of the sentence in its file (to place other locations on it)
    end: int = 0


@dataclass(frozen=True, slots=True)
class RowView:
    """One alignment bead: the Japanese sentences and the English sentences that translate them."""

    kind: str  # PAIR | UNTRANSLATED | ADDED | SINGLE
    ja: tuple[SentenceView, ...]
    en: tuple[SentenceView, ...]
    score: float | None  # the aligner's score (higher is surer); None outside an alignment
    findings: tuple[FindingView, ...] = ()  # findings over whole sentences whose note is shown here
    continued: tuple[FindingView, ...] = ()  # findings over whole sentences shown in an earlier row
    confidence: str | None = None  # "sure", "likely" or "unsure" (align.pairing); None outside an alignment


@dataclass(frozen=True, slots=True)
class ArticleView:
    name: str
    files: tuple[FileView, ...]
    bilingual: bool
    rows: tuple[RowView, ...]
    findings: tuple[FindingView, ...] = ()  # findings in no sentence
    site_terms: tuple = ()  # the article's record for the site page (``output.site_page.collect``)


def finding_key(rule: str, path: str, start: int, end: int, message: str) -> tuple[str, str, int, int, str]:
    """What identifies a finding between the view and the report (filters may drop findings later)."""
    return (rule, path, start, end, message)


def article_view(ctx, findings: list[Finding]) -> ArticleView:
    """The view of ``ctx.article`` (an ``ArticleAnalysis``) with ``findings`` placed on its sentences by
    the sentences each names (``Finding.segments``, ``Finding.mark``), see the module doc."""
    article = ctx.article
    if ctx.bilingual and ctx.pairs:
        beads = [(p.ja, p.en, float(p.score), p.confidence) for p in ctx.pairs]
    else:
        beads = [((s,), (), None, None) for s in article.ja] + [((), (s,), None, None) for s in article.en]
    row_of = {s.ref: i for i, (ja, en, _, _) in enumerate(beads) for s in (*ja, *en)}
    marks: dict[tuple[str, int], list[FindingView]] = {}
    row_first: dict[int, list[FindingView]] = {}
    row_more: dict[int, list[FindingView]] = {}
    loose: list[FindingView] = []
    for f in findings:
        refs = [r for r in f.segments if r in row_of]
        if not refs:
            loose.append(_finding_view(f))
        elif f.mark is not None:
            marks.setdefault(refs[0], []).append(_finding_view(f, *f.mark, _lang(ctx, refs[0])))
        else:
            view = _finding_view(f, side=_lang(ctx, refs[0]))
            rows = sorted({row_of[r] for r in refs})
            row_first.setdefault(rows[0], []).append(view)
            for r in rows[1:]:
                row_more.setdefault(r, []).append(view)
        for r in f.related:  # the other side of a pair-level finding is marked too
            if r.segment in row_of and r.mark is not None and refs and r.segment[0] != refs[0][0]:
                marks.setdefault(r.segment, []).append(_finding_view(f, *r.mark, _lang(ctx, r.segment), echo=True))

    def sentence(seg: Segment) -> SentenceView:
        start, end = seg.source_span()
        terms = sorted((_term_view(h) for h in ctx.of(seg).hits), key=lambda t: (t.start, -t.end, t.en))
        return SentenceView(
            seg.lang, seg.text, seg.doc.path, seg.doc.position(start)[0], seg.doc.position(max(start, end - 1))[0],
            tuple(terms), tuple(sorted(marks.get(seg.ref, ()), key=_order)), start, end,
        )

    rows = []
    for i, (ja, en, score, confidence) in enumerate(beads):
        kind = SINGLE if score is None else PAIR if ja and en else UNTRANSLATED if ja else ADDED
        rows.append(RowView(
            kind, tuple(map(sentence, ja)), tuple(map(sentence, en)), score,
            tuple(sorted(row_first.get(i, ()), key=_order)), tuple(sorted(row_more.get(i, ()), key=_order)),
            confidence,
        ))
    files = tuple(FileView(d.path, d.role, d.encoding, d.format) for d in article.documents)
    from taiyaku.output.site_page import collect

    return ArticleView(article.name, files, ctx.bilingual, tuple(rows), tuple(sorted(loose, key=_order)), collect(ctx))


def with_late_findings(views, findings: list[Finding]) -> list[ArticleView]:
    """``views`` with the findings no view holds (those of corpus-scope rules, made once every article was
    done) placed by their source offsets: a finding with a mark on the sentence holding its start, one
    over whole sentences in the row of its first sentence, else at the article level. Views of articles
    without such findings are returned as they are."""
    held = {f.key for v in views for f in _all_findings(v)}
    late: dict[str, list[Finding]] = {}
    for f in findings:
        if finding_key(f.rule, f.path, f.start, f.end, f.message) not in held:
            late.setdefault(f.path, []).append(f)
    if not late:
        return list(views)
    return [_place_late(v, [f for file in v.files for f in late.get(file.path, ())]) for v in views]


def _all_findings(view: ArticleView):
    yield from view.findings
    for row in view.rows:
        yield from row.findings
        for s in (*row.ja, *row.en):
            yield from s.findings


def _place_late(view: ArticleView, findings: list[Finding]) -> ArticleView:
    if not findings:
        return view
    where = {}  # (path, offset) lookup: each sentence's span → (row, side, position)
    for k, row in enumerate(view.rows):
        for side in ("ja", "en"):
            for j, s in enumerate(getattr(row, side)):
                where.setdefault(s.path, []).append((s.start, max(s.end, s.start + 1), k, side, j))
    marks: dict[tuple, list[FindingView]] = {}
    whole: dict[int, list[FindingView]] = {}
    loose: list[FindingView] = []
    for f in findings:
        found = next(((k, side, j) for a, b, k, side, j in where.get(f.path, ()) if a <= f.start < b), None)
        if found is None:
            loose.append(_finding_view(f))
            continue
        k, side, j = found
        lang = getattr(view.rows[k], side)[j].lang
        if f.mark is not None:
            marks.setdefault(found, []).append(_finding_view(f, *f.mark, lang))
        else:
            whole.setdefault(k, []).append(_finding_view(f, side=lang))
    rows = list(view.rows)
    for k in sorted({k for k, _, _ in marks} | set(whole)):
        row = rows[k]
        sides = {side: tuple(replace(s, findings=tuple(sorted((*s.findings, *marks.get((k, side, j), ())), key=_order)))
                             for j, s in enumerate(getattr(row, side))) for side in ("ja", "en")}
        rows[k] = replace(row, ja=sides["ja"], en=sides["en"],
                          findings=tuple(sorted((*row.findings, *whole.get(k, ())), key=_order)))
    return replace(view, rows=tuple(rows), findings=tuple(sorted((*view.findings, *loose), key=_order)))


def _lang(ctx, ref: tuple[str, int]) -> str:
    side, index = ref
    return (ctx.ja if side == "ja" else ctx.en)[index].segment.lang


def _order(f: FindingView):
    return (f.start, f.source_start, f.source_end, f.rule, f.message)


def _finding_view(f: Finding, start: int = 0, end: int = 0, side: str = "", echo: bool = False) -> FindingView:
    return FindingView(f.rule, f.name, f.category, f.severity, f.message, f.suggestion, f.path, f.start, f.end,
                       start, end, side, echo)


def _term_view(h: Hit) -> TermView:
    entry = h.entry
    status = "forbidden" if h.how == "forbidden" else "variant" if h.how == "variant" else "accepted"
    return TermView(h.start, h.end, entry.ja, entry.en, status, h.rendering)
