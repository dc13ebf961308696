"""``--format html``: one self-contained page showing each article side by side, findings in place.

The page needs nothing but itself: no external CSS, script, font or image, so it opens from ``file://``
and can be mailed. Everything from the articles and the findings is escaped (``html.escape`` with
``quote=True``); the one inline script is allowed by a Content-Security-Policy hash computed here, and
there are no inline event handlers. Without JavaScript the page is complete; the script only adds the
category filter, whose state can also be given in the URL fragment (``report.html#hide=addition,clean``).
A report of more than one article starts with the site page (``output.site_page``).

The output is a pure function of the report: no dates, no random ids, stable order (golden-testable).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html import escape

from taiyaku import __version__
from taiyaku.models import SEVERITIES, SEVERITY_RANK, Finding
from taiyaku.run.report import Report
from taiyaku.output.views import (ADDED, PAIR, UNTRANSLATED, ArticleView, FindingView, RowView, SentenceView, finding_key,
                                  with_late_findings)

CLEAN = "clean"  # the filter key of rows without findings
_CONFIDENCE = {
    "sure": "sure: the sentences are checked against each other",
    "likely": "likely: held in place by sure pairs around it; checked",
    "unsure": "unsure: the aligner doubts this pair; no check compares its sentences",
}


def _asset(name: str) -> str:
    """A file of ``output/assets`` (package data): the page's stylesheet and script."""
    from importlib.resources import files

    return files("taiyaku.output").joinpath("assets", name).read_text(encoding="utf-8").strip("\n")


SCRIPT = _asset("report.js")


def script_hash(script: str = SCRIPT) -> str:
    """The CSP source allowing ``script`` inline: ``'sha256-…'`` of its exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src " + script_hash()
    + "; base-uri 'none'; form-action 'none'"
)

JA_FONTS = ('"Hiragino Kaku Gothic ProN", "Hiragino Sans", "Yu Gothic UI", "Yu Gothic", YuGothic, Meiryo, '
            '"Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "IPAexGothic", "IPAGothic", '
            '"TakaoGothic", "VL Gothic"')
CSS = _asset("report.css").replace("JA_FONTS", JA_FONTS)


def write(report: Report, out, **options) -> None:
    """The page, built in memory (it holds every article's view anyway), then written."""
    out.write(render(report, **options))


def render(report: Report, **_options) -> str:
    """The HTML page for ``report``. Raises ValueError when the report carries no article views."""
    _require_views(report)
    by_key: dict[tuple, Finding] = {}
    for f in report.findings:
        by_key.setdefault(finding_key(f.rule, f.path, f.start, f.end, f.message), f)
    shown: set[tuple] = set()
    views = with_late_findings(report.views, report.findings)  # site-wide findings go in place too
    articles = [_Article(i, v, by_key, shown) for i, v in enumerate(views, start=1)]
    orphans = [f for f in report.findings if finding_key(f.rule, f.path, f.start, f.end, f.message) not in shown]
    site = None
    if len(articles) > 1:  # a site: the site page (output.site_page) comes first
        from taiyaku.output.site_page import SitePage

        site = SitePage(report, articles)

    sev = report.by_severity()
    cats = report.by_category()
    n = len(report.findings)
    total = (f"{_plural(n, 'finding')} ({_severity_words(sev)}) in " if n else "No findings in ")
    total += f"{_plural(len(report.documents), 'file')}, {_plural(len(articles), 'article')}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="taiyaku {_e(__version__)}">',
        f"<title>taiyaku report: {_e(total)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        '<header class="top">',
        f'<h1>taiyaku report <small>taiyaku {_e(__version__)}</small></h1>',
        f'<p class="total" id="total">{_e(total)}.</p>',
        '<div class="summary">',
        *_severity_table(sev),
        *_category_table(cats),
        *_article_table(articles),
        *(site.summary() if site else ()),
        "</div>",
        '<div class="controls">',
        *_filter(cats),
        *_legend(),
        "</div>",
        "</header>",
        "<main>",
        *(site.html() if site else ()),
    ]
    for a in articles:
        out.extend(a.html())
    if orphans:
        out.append('<section class="article" id="other"><h2>Other findings</h2>')
        out.append('<ul class="notes article-notes" lang="en">')
        for k, f in enumerate(orphans, start=1):
            line, col = report.position(f.path, f.start) if f.path in report.documents else (0, 0)
            where = f"{f.path}:{line}:{col}" if line else f.path
            out.append(_note_li(f, f"o-f{k}", k, where=where))
        out.append("</ul></section>")
    if not articles:
        out.append('<p class="empty">No files checked.</p>')
    out.extend(["</main>", f"<script>{SCRIPT}</script>", "</body>", "</html>"])
    return "\n".join(out) + "\n"


def _require_views(report: Report) -> None:
    covered = {f.path for v in report.views for f in getattr(v, "files", ())}
    missing = sorted(set(report.documents) - covered)
    if missing:
        raise ValueError(
            "the html format needs each article's view (Report.views), but the report has none for "
            f"{', '.join(missing[:3])}{' …' if len(missing) > 3 else ''}: run the engine with Options(views=True)"
        )


# --- pieces of the page -------------------------------------------------------------------------------


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _token(text: str) -> str:
    """A safe CSS class fragment (categories and severities are plain words, but never trust that)."""
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()) or "x"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _severity_words(sev: dict[str, int]) -> str:
    return ", ".join(f"{n} info" if s == "info" else _plural(n, s) for s, n in sev.items() if n)


def _chips(sev: dict[str, int]) -> str:
    chips = [f'<span class="chip sev-{_token(s)}">{_e(f"{n} info" if s == "info" else _plural(n, s))}</span>'
             for s, n in sev.items() if n]
    return " ".join(chips) if chips else '<span class="none">no findings</span>'


def _num(n: int) -> str:
    return f'<td class="n{" zero" if not n else ""}">{n}</td>'


def _severity_table(sev: dict[str, int]) -> list[str]:
    rows = [f'<tr><td><span class="chip sev-{_token(s)}">{_e(s)}</span></td>{_num(n)}</tr>' for s, n in sev.items()]
    return ['<table class="by-severity"><caption>By severity</caption>', *rows, "</table>"]


def _category_table(cats: dict[str, int]) -> list[str]:
    rows = [f'<tr><td>{_e(c)}</td>{_num(n)}</tr>' for c, n in cats.items()]
    if not rows:
        rows = ['<tr><td class="zero">none</td><td></td></tr>']
    return ['<table class="by-category"><caption>By category</caption>', *rows, "</table>"]


def _article_table(articles: list["_Article"]) -> list[str]:
    head = "".join(f'<th class="n">{_e(s)}</th>' for s in SEVERITIES)
    out = ['<table class="by-article"><caption>By article</caption>',
           f"<tr><th>article</th><th>files</th>{head}<th>categories</th></tr>"]
    for a in articles:
        sev = a.by_severity()
        cats = " · ".join(f"{c} {n}" for c, n in sorted(a.by_category().items()))
        out.append(
            f'<tr><td><a href="#{a.anchor}">{_e(a.view.name)}</a></td><td class="n">{len(a.view.files)}</td>'
            + "".join(_num(sev[s]) for s in SEVERITIES) + f"<td>{_e(cats)}</td></tr>"
        )
    out.append("</table>")
    return out


def _filter(cats: dict[str, int]) -> list[str]:
    """Checkboxes, shown by the script (without it they could do nothing, so they stay hidden)."""
    out = ['<fieldset id="filter" hidden>', "<legend>Show findings of category</legend>"]
    for c, n in cats.items():
        out.append(f'<label><input type="checkbox" name="category" value="{_e(c)}" checked> {_e(c)} ({n})</label>')
    out.append(f'<label><input type="checkbox" name="rows" value="{CLEAN}" checked> rows without findings</label>')
    out.append('<label><input type="checkbox" name="terms" value="all"> every glossary term</label>')
    out.append('<span id="filter-status" role="status"></span>')
    out.append("</fieldset>")
    return out


def _legend() -> list[str]:
    def key(sample: str, label: str) -> str:
        return f'<li><span class="sample">{sample}</span> {label}</li>'

    return [
        '<div class="legend" id="legend"><b>Legend</b><ul>',
        key('<span class="term">term</span>', "glossary term a finding concerns (all of them: “every glossary term”)"),
        key('<span class="term t-forbidden">term</span>', "wrong rendering (glossary)"),
        key('<span class="term t-variant" lang="ja">用語</span>', "spelling variant"),
        key('<mark class="f sev-error">error</mark> <mark class="f sev-warning">warning</mark> '
            '<mark class="f sev-info">info</mark>', "finding; its note has the same number"),
        key('<span class="swatch untr"></span>', "Japanese with no English (untranslated)"),
        key('<span class="swatch add"></span>', "English with no Japanese (added)"),
        key('<b>1–1</b> sure', "sentences aligned; the aligner's confidence: sure, likely or unsure (no check "
            "compares an unsure pair's sentences)"),
        key('<mark class="f echo sev-warning">3</mark>', "the other side of a finding (the English number of a "
            "number mismatch)"),
        "</ul></div>",
    ]


def _note_li(f: Finding, anchor: str, number: int, where: str = "") -> str:
    """A finding's note: severity, rule, message and suggestion, in words (not only a tooltip)."""
    sugg = f'<span class="sugg">suggestion: <b>{_e(f.suggestion)}</b></span>' if f.suggestion else ""
    loc = f' <span class="where">{_e(where)}</span>' if where else ""
    return (
        f'<li id="{anchor}" class="note sev-{_token(f.severity)}" data-cat="{_e(f.category)}">'
        f'<span class="num">{number}</span><span class="sev">{_e(f.severity)}</span>'
        f'<span class="rule">{_e(f.rule)} {_e(f.name)}</span>{loc} <span class="msg">{_e(f.message)}</span>{sugg}</li>'
    )


class _Article:
    """One article's section; findings are looked up in the report (filters may have dropped some, or
    changed their severity, after the view was made) and numbered in reading order."""

    def __init__(self, index: int, view: ArticleView, by_key: dict, shown: set):
        self.index, self.view, self.by_key, self.shown = index, view, by_key, shown
        self.anchor = f"article-{index}"
        self.numbers: dict[tuple, int] = {}
        self.findings: list[Finding] = []
        self.sides = self._sides()
        for fv in self._reading_order():  # numbered now, in the order the page shows them
            f = by_key.get(fv.key)
            if f is not None and fv.key not in self.numbers:
                self.numbers[fv.key] = len(self.numbers) + 1
                self.findings.append(f)
                shown.add(fv.key)

    def _reading_order(self):
        yield from self.view.findings
        for row in self.view.rows:
            for side in self.sides:
                if side != "mid":
                    for s in getattr(row, side):
                        yield from s.findings
                    yield from self._whole(row.findings, side)

    def _whole(self, findings, side: str) -> list[FindingView]:
        """The findings over whole sentences whose note goes in the ``side`` column."""
        first = next(s for s in self.sides if s != "mid")
        return [v for v in findings if v.side == side or (v.side not in self.sides and side == first)]

    def by_severity(self) -> dict[str, int]:
        c = Counter(f.severity for f in self.findings)
        return {s: c.get(s, 0) for s in SEVERITIES}

    def by_category(self) -> dict[str, int]:
        return dict(Counter(f.category for f in self.findings))

    def live(self, views) -> list[tuple[FindingView, Finding, int]]:
        out = []
        for v in views:
            f = self.by_key.get(v.key)
            if f is not None:
                out.append((v, f, self.numbers[v.key]))
        return out

    def html(self) -> list[str]:
        v = self.view
        out = [f'<section class="article" id="{self.anchor}">', f"<h2>{_e(v.name)}</h2>"]
        files = " · ".join(
            f'<span lang="en">{_e(_ROLE.get(f.role, f.role))}</span> <code>{_e(f.path)}</code> ({_e(f.encoding)})'
            for f in v.files
        )
        out.append(f'<p class="files">{files}</p>')
        out.append(f'<p class="counts">{_chips(self.by_severity())}{self._translated()}</p>')
        loose = self.live(v.findings)
        if loose:
            out.append('<ul class="notes article-notes" lang="en">')
            out.extend(_note_li(f, f"{self.anchor}-f{n}", n) for _, f, n in loose)
            out.append("</ul>")
        sides = self.sides
        out.append('<table class="align">')
        out.append("<colgroup>" + "".join(
            '<col class="mid">' if s == "mid" else f'<col class="side-{s}">' for s in sides) + "</colgroup>")
        out.append("<thead><tr>" + "".join(self._th(s) for s in sides) + "</tr></thead>")
        out.append("<tbody>")
        for k, row in enumerate(v.rows, start=1):
            out.append(self._row(k, row, sides))
        if not v.rows:
            out.append(f'<tr><td colspan="{len(sides)}" class="empty">No sentences.</td></tr>')
        out.append("</tbody></table></section>")
        return out

    def _translated(self) -> str:
        """" · translated: 96 % of the Japanese sentences" for an aligned article, else ""."""
        rows = [r for r in self.view.rows if r.kind in (PAIR, UNTRANSLATED)]
        total = sum(len(r.ja) for r in rows)
        if not self.view.bilingual or not total:
            return ""
        done = sum(len(r.ja) for r in rows if r.kind == PAIR)
        return f' <span class="translated">translated: {100 * done // total} % of the Japanese sentences</span>'

    def _sides(self) -> list[str]:
        v = self.view
        if v.bilingual:
            return ["ja", "mid", "en"]
        has_en = any(r.en for r in v.rows) or any(f.role == "en" for f in v.files)
        return ["en"] if has_en and not any(r.ja for r in v.rows) else ["ja"]

    def _th(self, side: str) -> str:
        if side == "mid":
            return '<th class="mid" title="sentences aligned (Japanese–English) and the aligner\'s confidence">' \
                   "align</th>"
        paths = sorted({s.path for r in self.view.rows for s in getattr(r, side)})
        label = '<span lang="ja">日本語</span> Japanese' if side == "ja" else "English"
        if not self.view.bilingual:
            label += " only"
        code = "".join(f'<span class="code">{_e(p)}</span>' for p in paths)
        return f'<th class="side-{side}">{label}{code}</th>'

    def _row(self, k: int, row: RowView, sides: list[str]) -> str:
        cats: set[str] = set()
        cells = []
        for side in sides:
            if side == "mid":
                cells.append(self._mid(row))
            else:
                html, found = self._cell(row, side)
                cats |= found
                cells.append(html)
        kind = _token(row.kind)
        attrs = f'id="{self.anchor}-r{k}" class="{kind}" data-cats="{_e(" ".join(sorted(cats)))}"'
        return f"<tr {attrs}>" + "".join(cells) + "</tr>"

    def _mid(self, row: RowView) -> str:
        shape = f"{len(row.ja)}–{len(row.en)}"
        if row.score is None:
            return f'<td class="mid"><span class="shape">{shape}</span></td>'
        word = row.confidence if row.kind == PAIR else "aligned with nothing"
        uncertain = row.kind == PAIR and row.confidence == "unsure"
        cls = "mid uncertain" if uncertain else "mid"
        title = _CONFIDENCE.get(word, word)
        return (f'<td class="{cls}" title="{_e(title)}"><span class="shape">{shape}</span>'
                f'<span class="score">{_e(word if row.kind == PAIR else "")}</span></td>')

    def _cell(self, row: RowView, side: str) -> tuple[str, set[str]]:
        sentences: tuple[SentenceView, ...] = getattr(row, side)
        cats: set[str] = set()
        parts = [f'<td class="side-{side}" lang="{side}">']
        if not sentences:
            gap = "no English translation" if row.kind == UNTRANSLATED else \
                  "no Japanese source" if row.kind == ADDED else ""
            parts.append(f'<p class="gap" lang="en">{gap}</p>' if gap else "")
        for s in sentences:
            marks = self.live(s.findings)
            cats |= {f.category for _, f, _ in marks}
            first, last = s.line, s.end_line
            title = f"{s.path}, line {first}" + (f"–{last}" if last != first else "")
            parts.append(f'<div class="s"><span class="ln" title="{_e(title)}">{first}</span>'
                         f'<div class="t">{_sentence(s, marks, self.anchor)}</div></div>')
            own = [m for m in marks if not m[0].echo]  # an echo's note is where the finding is
            if own:
                parts.append('<ul class="notes" lang="en">')
                parts.extend(_note_li(f, f"{self.anchor}-f{n}", n) for _, f, n in own)
                parts.append("</ul>")
        whole = self.live(self._whole(row.findings, side))
        more = self.live(self._whole(row.continued, side))
        if whole or more:
            parts.append('<ul class="notes whole" lang="en">')
            parts.extend(_note_li(f, f"{self.anchor}-f{n}", n) for _, f, n in whole)
            for v, f, n in more:
                parts.append(f'<li class="cont" data-cat="{_e(f.category)}">continues '
                             f'<a href="#{self.anchor}-f{n}">finding {n}</a>: {_e(f.name)}</li>')
            parts.append("</ul>")
            cats |= {f.category for _, f, _ in whole + more}
        parts.append("</td>")
        return "".join(parts), cats


_ROLE = {"ja": "Japanese", "en": "English", "bilingual": "bilingual"}


def _sentence(s: SentenceView, marks: list[tuple[FindingView, Finding, int]], anchor: str) -> str:
    """The sentence text, escaped, with its glossary terms and finding marks.

    Spans may overlap (a finding on a term, a term inside a longer term), so the text is cut at every
    span boundary and each piece is wrapped in what covers it: always well-formed, whatever the overlap.
    The reference number of a finding follows its last piece.
    """
    text = s.text
    n = len(text)
    spans = [m for m in marks if m[0].end > m[0].start]
    carets = [m for m in marks if m[0].end <= m[0].start]
    cuts = {0, n}
    for t in s.terms:
        cuts |= {max(0, min(n, t.start)), max(0, min(n, t.end))}
    for v, _, _ in marks:
        cuts |= {max(0, min(n, v.start)), max(0, min(n, v.end))}
    points = sorted(cuts)
    out: list[str] = []

    def refs(group) -> None:
        for v, f, num in group:
            out.append(f'<sup class="ref sev-{_token(f.severity)}" data-cat="{_e(f.category)}">'
                       f'<a href="#{anchor}-f{num}" title="{_e(f.rule)}: {_e(f.message)}">{num}</a></sup>')

    for a, b in zip(points, points[1:]):
        here = [m for m in carets if max(0, min(n, m[0].start)) == a]
        for v, f, num in here:
            out.append(f'<mark class="f caret sev-{_token(f.severity)}" data-cat="{_e(f.category)}"></mark>')
        refs(here)
        piece = _e(text[a:b])
        terms = [t for t in s.terms if t.start <= a and b <= t.end]
        covering = [m for m in spans if m[0].start <= a and b <= m[0].end]
        if terms:
            status = "forbidden" if any(t.status == "forbidden" for t in terms) else \
                     "variant" if any(t.status == "variant" for t in terms) else "accepted"
            title = "; ".join(dict.fromkeys(_term_title(t) for t in terms))
            quiet = "" if covering else " quiet"  # underlined only where a finding concerns it
            piece = f'<span class="term t-{status}{quiet}" title="{_e(title)}">{piece}</span>'
        # the most severe innermost, so its colour shows; the others still wrap it (and survive a filter)
        for v, f, num in sorted(covering, key=lambda m: (-SEVERITY_RANK.get(m[1].severity, 0), m[2])):
            echo = " echo" if v.echo else ""
            piece = (f'<mark class="f{echo} sev-{_token(f.severity)}" data-cat="{_e(f.category)}" '
                     f'title="{num}: {_e(f.rule)} {_e(f.severity)}">{piece}</mark>')
        out.append(piece)
        refs([m for m in spans if min(n, m[0].end) == b])
    tail = [m for m in carets if max(0, min(n, m[0].start)) == n]
    for v, f, num in tail:
        out.append(f'<mark class="f caret sev-{_token(f.severity)}" data-cat="{_e(f.category)}"></mark>')
    refs(tail)
    return "".join(out)


def _term_title(t) -> str:
    if t.status == "forbidden":
        return f"glossary: “{t.rendering}” is wrong for {t.ja}; use “{t.en}”"
    if t.status == "variant":
        return f"glossary: {t.rendering} is a variant spelling of {t.ja} ({t.en})"
    return f"glossary: {t.ja} = {t.en}"
