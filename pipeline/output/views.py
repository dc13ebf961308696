"""A picklable view of one checked article, for formats that show whole articles (``--format html``).

``article_view(ctx, findings)`` turns what the checks saw (the sentences, their alignment, the glossary
hits) and what they found into plain frozen dataclasses of strings, numbers and tuples: nothing in it
refers back to a ``Document`` or a ``Segment``, so it can be pickled, sent between processes and
rendered later.

Findings are placed by their source offsets (``Finding.path/start/end``), never by searching the text:

- a finding inside one sentence (a wrong rendering, a number) becomes a mark on that sentence, with
  offsets into the sentence text;
- a finding that covers one or more whole sentences, or runs across sentences (an untranslated passage,
  an addition), belongs to the row(s) holding them: its note is shown in the first such row
  (``RowView.findings``) and the later rows carry it in ``RowView.continued``;
- a finding that is in no sentence (article-level) is listed in ``ArticleView.findings``.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class RowView:
    """One alignment bead: the Japanese sentences and the English sentences that translate them."""

    kind: str  # PAIR | UNTRANSLATED | ADDED | SINGLE
    ja: tuple[SentenceView, ...]
    en: tuple[SentenceView, ...]
    score: float | None  # the aligner's confidence (higher is surer); None outside an alignment
    findings: tuple[FindingView, ...] = ()  # findings over whole sentences whose note is shown here
    continued: tuple[FindingView, ...] = ()  # findings over whole sentences shown in an earlier row


@dataclass(frozen=True, slots=True)
class ArticleView:
    name: str
    files: tuple[FileView, ...]
    bilingual: bool
    rows: tuple[RowView, ...]
    findings: tuple[FindingView, ...] = ()  # findings in no sentence

    def all_findings(self) -> list[FindingView]:
        """Every finding of the article once, in row order, then the article-level ones."""
        out = []
        for row in self.rows:
            for s in (*row.ja, *row.en):
                out.extend(s.findings)
            out.extend(row.findings)
        out.extend(self.findings)
        return out


def finding_key(rule: str, path: str, start: int, end: int, message: str) -> tuple[str, str, int, int, str]:
    """What identifies a finding between the view and the report (filters may drop findings later)."""
    return (rule, path, start, end, message)


def article_view(ctx, findings: list[Finding]) -> ArticleView:
    """The view of ``ctx.article`` with ``findings`` placed on its sentences (see the module doc)."""
    article = ctx.article
    if ctx.bilingual:
        beads = [(list(p.ja), list(p.en), float(p.score)) for p in ctx.pairs]
    else:
        beads = [([s], [], None) for s in article.ja] + [([], [s], None) for s in article.en]

    hits: dict[int, list[Hit]] = {}
    for h in (*ctx.ja_hits, *ctx.en_hits):
        hits.setdefault(id(h.segment), []).append(h)

    placer = _Placer([s for ja, en, _ in beads for s in (*ja, *en)])
    row_of = {id(s): i for i, (ja, en, _) in enumerate(beads) for s in (*ja, *en)}
    marks: dict[int, list[FindingView]] = {}
    row_first: dict[int, list[FindingView]] = {}
    row_more: dict[int, list[FindingView]] = {}
    loose: list[FindingView] = []
    for f in findings:
        placed = placer.place(f)
        if placed is None:
            loose.append(_finding_view(f))
        elif isinstance(placed, tuple):
            seg, start, end = placed
            marks.setdefault(id(seg), []).append(_finding_view(f, start, end, seg.lang))
        else:
            view = _finding_view(f, side=placed[0].lang)
            rows = sorted({row_of[id(s)] for s in placed})
            row_first.setdefault(rows[0], []).append(view)
            for r in rows[1:]:
                row_more.setdefault(r, []).append(view)

    def sentence(seg: Segment) -> SentenceView:
        start, end = seg.source_span()
        terms = sorted((_term_view(h) for h in hits.get(id(seg), ())), key=lambda t: (t.start, -t.end, t.en))
        return SentenceView(
            seg.lang, seg.text, seg.doc.path, seg.doc.position(start)[0], seg.doc.position(max(start, end - 1))[0],
            tuple(terms), tuple(sorted(marks.get(id(seg), ()), key=_order)),
        )

    rows = []
    for i, (ja, en, score) in enumerate(beads):
        kind = SINGLE if score is None else PAIR if ja and en else UNTRANSLATED if ja else ADDED
        rows.append(RowView(
            kind, tuple(map(sentence, ja)), tuple(map(sentence, en)), score,
            tuple(sorted(row_first.get(i, ()), key=_order)), tuple(sorted(row_more.get(i, ()), key=_order)),
        ))
    files = tuple(FileView(d.path, d.role, d.encoding, d.format) for d in article.documents)
    return ArticleView(article.name, files, ctx.bilingual, tuple(rows), tuple(sorted(loose, key=_order)))


def _order(f: FindingView):
    return (f.start, f.source_start, f.source_end, f.rule, f.message)


def _finding_view(f: Finding, start: int = 0, end: int = 0, side: str = "") -> FindingView:
    return FindingView(f.rule, f.name, f.category, f.severity, f.message, f.suggestion, f.path, f.start, f.end,
                       start, end, side)


def _term_view(h: Hit) -> TermView:
    entry = h.entry
    status = "forbidden" if h.how == "forbidden" else "variant" if h.how == "variant" else "accepted"
    return TermView(h.start, h.end, entry.ja, entry.en, status, h.rendering)


class _Placer:
    """Finds where a finding's source span falls among the article's sentences."""

    def __init__(self, segments: list[Segment]):
        self.by_path: dict[str, list[tuple[int, int, Segment]]] = {}
        for s in segments:
            a, b = s.source_span()
            self.by_path.setdefault(s.doc.path, []).append((a, b, s))
        self._sources: dict[int, list[int]] = {}

    def sources(self, seg: Segment) -> list[int]:
        """The source offset of each character of the sentence text."""
        key = id(seg)
        if key not in self._sources:
            self._sources[key] = [seg.source_span(i, i + 1)[0] for i in range(seg.end - seg.start)]
        return self._sources[key]

    def place(self, f: Finding):
        """None (in no sentence); (segment, start, end) for a mark inside one sentence; or the list of
        sentences the finding covers whole or runs across."""
        inside: list[tuple[Segment, list[int]]] = []
        for a, b, seg in self.by_path.get(f.path, ()):
            if f.start == f.end:
                if a <= f.start < b or (f.start == b and a < b):
                    src = self.sources(seg)
                    i = next((k for k, o in enumerate(src) if o >= f.start), len(src))
                    return seg, i, i
                continue
            if a < f.end and f.start < b:
                idx = [k for k, o in enumerate(self.sources(seg)) if f.start <= o < f.end]
                if idx:
                    inside.append((seg, idx))
        if not inside:
            return None
        if len(inside) == 1:
            seg, idx = inside[0]
            text = seg.text
            visible = sum(1 for c in text if not c.isspace())
            covered = sum(1 for k in idx if not text[k].isspace())
            if covered < visible:
                return seg, idx[0], idx[-1] + 1
        return [seg for seg, _ in inside]
