"""The site page of ``--format html``: how the site renders its glossary terms, and where it departs
from itself. Shown when the report covers more than one article, as the first section of the page.

It is built from what the parent already holds, never from the articles' text:

- each article's compact record (``collect``, run where the article is checked, in a worker process
  when there are several): the renderings of glossary terms the article follows, from the
  ``checks.site.collect_terms`` records S001 compares (forbidden renderings are T001's and departures
  inside one article C001's, so neither is a rendering the article follows), counted per rendering;
- the findings of the corpus-scope rules (S001–S003), when they ran, grouped by what they are about.

Every occurrence links into the article views: a term or a related location to the row holding its
sentence (found by its source offsets), a finding to its numbered note. Everything is escaped.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter, defaultdict
from typing import NamedTuple

from taiyaku.checks.site import _fold, _preferred, collect_terms
from taiyaku.output.html import _e, _plural
from taiyaku.output.views import finding_key
from taiyaku.script import JAPANESE


class SiteTerm(NamedTuple):
    """How often an article uses one rendering of a glossary term, and where it first does."""

    ja: str  # the glossary entry's Japanese
    preferred: str  # its preferred English
    family: tuple  # stems of the rendering family (``checks.site.TermUse.family``)
    rendering: str  # the glossary string that matched
    count: int
    path: str  # the first use: its file, source offset and text as written
    start: int
    text: str


def collect(ctx) -> tuple[SiteTerm, ...]:
    """The article's record for the site page: S001's per-article record (``checks.site.collect_terms``:
    the renderings of glossary terms the article follows, in context), counted per rendering."""
    out: dict[tuple, SiteTerm] = {}
    for use in collect_terms(ctx):
        key = (use.ja, use.family, use.rendering)
        if key in out:
            out[key] = out[key]._replace(count=out[key].count + 1)
        else:
            out[key] = SiteTerm(use.ja, use.preferred, use.family, use.rendering, 1, use.place.path,
                                use.place.start, use.place.text)
    return tuple(out.values())


class Rendering(NamedTuple):
    """One rendering of a term on the site: a family of forms S001 counts as one rendering."""

    forms: tuple[tuple[str, int], ...]  # the glossary strings that matched, with their counts, commonest first
    uses: int
    articles: tuple[tuple[int, int, SiteTerm], ...]  # (article number, uses in it, its first use), in order
    preferred: bool  # holds the glossary's preferred rendering


class TermRow(NamedTuple):
    ja: str
    preferred: str  # the glossary's preferred English
    renderings: tuple[Rendering, ...]  # the preferred first, then by articles, then by uses

    @property
    def ways(self) -> int:
        return len(self.renderings)

    @property
    def articles(self) -> int:
        return len({n for r in self.renderings for n, _, _ in r.articles})


def term_table(views) -> list[TermRow]:
    """Every glossary term the site's English renders × its renderings × the articles (numbered from 1,
    as the page numbers them): terms rendered more than one way first, then by articles, then by term."""
    by_term: dict[str, list[tuple[int, SiteTerm]]] = defaultdict(list)
    for number, view in enumerate(views, start=1):
        for use in view.site_terms:
            by_term[use.ja].append((number, use))
    rows = []
    for ja, uses in by_term.items():
        fold = _fold(u.family for _, u in uses)
        preferred = _preferred(fold, uses[0][1].preferred)
        groups: dict = defaultdict(list)
        for number, use in uses:
            groups[fold[use.family]].append((number, use))
        renderings = []
        for family, members in groups.items():
            per_article: dict[int, list[SiteTerm]] = defaultdict(list)
            forms: Counter = Counter()
            for number, use in members:
                per_article[number].append(use)
                forms[use.rendering] += use.count
            articles = tuple((n, sum(u.count for u in us), min(us, key=lambda u: (u.path, u.start)))
                             for n, us in sorted(per_article.items()))
            renderings.append(Rendering(tuple(sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))),
                                        sum(forms.values()), articles, family == preferred))
        renderings.sort(key=lambda r: (not r.preferred, -len(r.articles), -r.uses, r.forms[0][0]))
        rows.append(TermRow(ja, uses[0][1].preferred, tuple(renderings)))
    rows.sort(key=lambda t: (t.ways < 2, -t.articles, t.ja))
    return rows


class Locator:
    """Where an occurrence is shown on the page: the row of the sentence holding a source offset, the
    note of a finding. ``articles`` are the page's article sections (``anchor``, ``view``, ``numbers``)."""

    def __init__(self, articles, report):
        self.report = report
        self.names = short_names([a.view.name for a in articles])
        self.of_path: dict = {}
        spans: dict[str, list[tuple[int, int, int, object]]] = defaultdict(list)
        for a in articles:
            for f in a.view.files:
                self.of_path[f.path] = a
            for k, row in enumerate(a.view.rows, start=1):
                for s in (*row.ja, *row.en):
                    spans[s.path].append((s.start, s.end, k, s))
        self.spans = {p: sorted(v, key=lambda t: t[:2]) for p, v in spans.items()}
        self.starts = {p: [t[0] for t in v] for p, v in self.spans.items()}

    def _sentence(self, path: str, offset: int):
        i = bisect.bisect_right(self.starts.get(path, ()), offset) - 1
        if i < 0:
            return None
        start, end, k, s = self.spans[path][i]
        return (k, s) if start <= offset < max(end, start + 1) else None

    def row(self, path: str, offset: int) -> str:
        """``#article-N-rK`` of the sentence holding ``offset`` (else the article, else the page's top)."""
        a = self.of_path.get(path)
        if a is None:
            return "#total"
        found = self._sentence(path, offset)
        return f"#{a.anchor}-r{found[0]}" if found else f"#{a.anchor}"

    def note(self, f) -> str:
        """The link to finding ``f``'s numbered note (its row if the note is not on the page)."""
        a = self.of_path.get(f.path)
        number = a.numbers.get(finding_key(f.rule, f.path, f.start, f.end, f.message)) if a else None
        return f"#{a.anchor}-f{number}" if number else self.row(f.path, f.start)

    def where(self, path: str, offset: int) -> str:
        """``article:line`` of an offset, as the link's text."""
        a = self.of_path.get(path)
        name = self.names[a.view.name] if a else path
        if path in self.report.documents:
            return f"{name}:{self.report.position(path, offset)[0]}"
        found = self._sentence(path, offset)
        return f"{name}:{found[1].line}" if found else name


def site_rules() -> dict:
    from taiyaku.checks.registry import registry

    return {code: r for code, r in registry().items() if r.scope == "corpus"}


def groups(report) -> tuple[list[str], dict[str, list[tuple[str, list]]]]:
    """The corpus-scope rules that ran (from the report's signature, else those with findings) and their
    findings grouped by what each is about (the term, else the site's sentence), in the report's order."""
    rules = site_rules()
    mine = [f for f in report.findings if f.rule in rules]
    ran = sorted({c for c in report.signature.get("rules", ()) if c in rules} | {f.rule for f in mine})
    out: dict[str, dict[str, list]] = {code: {} for code in ran}
    for f in mine:
        key = f.term[0] if f.term else f.suggestion or f.found or f.message
        out.setdefault(f.rule, {}).setdefault(key, []).append(f)
    return ran, {code: list(by_key.items()) for code, by_key in out.items()}


_JA = re.compile(f"[{JAPANESE}]")
LINKS = 24  # article links shown in a cell; the rest behind "N more" (a disclosure: no script needed)


def short_names(names: list[str]) -> dict[str, str]:
    """Article names without the folder they all share (``corpus/a`` → ``a``)."""
    folders = [os.path.dirname(n) for n in names]
    try:
        common = os.path.commonpath(folders) if names and all(folders) else ""
    except ValueError:  # absolute and relative names mixed
        common = ""
    keep = common in ("", os.sep)
    return {n: n if keep else os.path.relpath(n, common) for n in names}


def _fold_links(links: list[str]) -> str:
    shown = ", ".join(links[:LINKS])
    if len(links) <= LINKS:
        return shown
    return (f'{shown} <details class="more"><summary>{len(links) - LINKS} more</summary>'
            f'{", ".join(links[LINKS:])}</details>')


def _text(text: str, tag: str = "span", cls: str = "") -> str:
    """Text from an article, escaped, with its language."""
    lang = "ja" if _JA.search(text) else "en"
    attr = f' class="{cls}"' if cls else ""
    return f'<{tag}{attr} lang="{lang}">{_e(text)}</{tag}>'


class SitePage:
    """The site section and its line in the report's summary."""

    def __init__(self, report, articles):
        self.report, self.articles = report, articles
        self.where = Locator(articles, report)
        self.names = self.where.names
        self.terms = term_table([a.view for a in articles])
        self.ran, self.groups = groups(report)

    def summary(self) -> list[str]:
        mixed = sum(1 for t in self.terms if t.ways > 1)
        found = sum(len(fs) for g in self.groups.values() for _, fs in g)
        rows = [("articles", len(self.articles)), ("glossary terms rendered", len(self.terms)),
                ("rendered more than one way", mixed)]
        if self.ran:
            rows.append(("site-wide findings", found))
        body = "".join(f'<tr><td>{_e(k)}</td><td class="n{" zero" if not n else ""}">{n}</td></tr>' for k, n in rows)
        return [f'<table class="by-site"><caption><a href="#site">Site</a></caption>{body}</table>']

    def html(self) -> list[str]:
        out = ['<section class="site" id="site" aria-labelledby="site-title">',
               f'<h2 id="site-title">Site: {_e(_plural(len(self.articles), "article"))}</h2>']
        out += self._terms()
        out += self._findings()
        out.append("</section>")
        return out

    def _terms(self) -> list[str]:
        out = ['<h3 id="site-terms">Glossary terms × renderings × articles</h3>']
        if not self.terms:
            return out + ['<p class="empty">No glossary term is rendered in the English of these articles.</p>']
        mixed = sum(1 for t in self.terms if t.ways > 1)
        out.append(f'<p class="site-note">{_e(_plural(len(self.terms), "term"))}, {mixed} rendered more than one way '
                   "(listed first). Counted: the rendering each article follows, in English sentences that "
                   "translate the term; wrong renderings (T001) and departures inside one article (C001) are "
                   'not counted here. <span class="pref">preferred</span> marks the glossary’s rendering.</p>')
        out.append('<table class="site-terms">')
        out.append('<thead><tr><th scope="col">term</th><th scope="col">rendering</th>'
                   '<th scope="col" class="n">uses</th><th scope="col" class="n">articles</th>'
                   '<th scope="col">where</th></tr></thead>')
        for i, t in enumerate(self.terms, start=1):
            cls = "mixed" if t.ways > 1 else "single"
            out.append(f'<tbody class="{cls}" id="site-term-{i}">')
            for k, r in enumerate(t.renderings):
                head = ""
                if k == 0:
                    ways = f'<span class="ways">{t.ways} ways</span>' if t.ways > 1 else ""
                    head = (f'<th scope="rowgroup" rowspan="{t.ways}" class="term-ja"><span lang="ja">{_e(t.ja)}</span>'
                            f'<span class="gloss">glossary: <span lang="en">{_e(t.preferred)}</span></span>{ways}</th>')
                forms = " · ".join(f'<span lang="en">{_e(form)}</span>' + (f" ×{n}" if len(r.forms) > 1 else "")
                                   for form, n in r.forms)
                mark = ' <span class="pref">preferred</span>' if r.preferred else ""
                links = _fold_links([self._article_link(n, count, use) for n, count, use in r.articles])
                out.append(f'<tr class="{"preferred" if r.preferred else "other"}">{head}'
                           f'<td class="rendering">{forms}{mark}</td><td class="n">{r.uses}</td>'
                           f'<td class="n">{len(r.articles)}</td><td class="where">{links}</td></tr>')
            out.append("</tbody>")
        out.append("</table>")
        return out

    def _article_link(self, number: int, count: int, use: SiteTerm) -> str:
        a = self.articles[number - 1]
        href = self.where.row(use.path, use.start)
        title = f"{self.where.where(use.path, use.start)}: {use.text}"
        times = f' <span class="times">×{count}</span>' if count > 1 else ""
        return f'<a href="{_e(href)}" title="{_e(title)}">{_e(self.names[a.view.name])}</a>{times}'

    def _findings(self) -> list[str]:
        out = ['<h3 id="site-findings">Inconsistencies across articles</h3>']
        rules = site_rules()
        if not self.ran:
            codes = ",".join(sorted(rules))
            return out + [f'<p class="site-note">The site-wide rules did not run: select them '
                          f"(<code>--select {_e(codes)}</code>) to list the sentences and terms that depart "
                          "from the rest of the site.</p>"]
        for code in self.ran:
            r = rules[code]
            groups = self.groups.get(code, [])
            n = sum(len(fs) for _, fs in groups)
            out.append(f'<h4 id="site-{_e(code.lower())}">{_e(code)} {_e(r.name)}: {_e(_plural(n, "finding"))}</h4>')
            if not groups:
                out.append('<p class="empty">None.</p>')
                continue
            out.append(f'<table class="site-findings"><thead><tr><th scope="col">about</th>'
                       f'<th scope="col">departs from the site here</th><th scope="col">the site’s usage</th>'
                       "</tr></thead><tbody>")
            for key, findings in groups:
                out.append(self._group(key, findings))
            out.append("</tbody></table>")
        return out

    def _group(self, key: str, findings: list) -> str:
        """One row: what the findings are about, where the site departs (links to the notes) and the
        site's usage (links to the rows of their related locations, by text)."""
        f0 = findings[0]
        about = _text(key, "span", "key")
        if f0.term:
            about += f'<span class="gloss">glossary: <span lang="en">{_e(f0.term[1])}</span></span>'
        here = []
        for f in findings:
            what = f.found if f.found and f.found != key else f.message  # the message says what differs
            here.append(f'<li><a href="{_e(self.where.note(f))}">{_e(self.where.where(f.path, f.start))}</a> '
                        f'{_text(what, "q" if what == f.found else "span")}</li>')
        usage: dict[str, dict] = {}
        for f in findings:
            for r in f.related:
                usage.setdefault(r.text, {}).setdefault((r.path, r.start), r)
        kept = []
        for text, places in usage.items():
            links = _fold_links([f'<a href="{_e(self.where.row(p.path, p.start))}">{_e(self.where.where(p.path, p.start))}</a>'
                                 for p in places.values()])
            kept.append(f"<li>{'' if text == key else _text(text, 'q') + ': '}{links}</li>")
        return (f'<tr><th scope="row">{about}</th><td><ul class="places">{"".join(here)}</ul></td>'
                f'<td><ul class="places">{"".join(kept)}</ul></td></tr>')
