"""The site page of ``--format html``: the table of glossary terms × renderings × articles (counts,
order, the preferred rendering, links into the article views), the site-wide findings grouped, and
escaping. The page is parsed, never grepped."""

from __future__ import annotations

from pathlib import Path

import pytest

from taiyaku.analyze.match_en import stem_key
from taiyaku.checks.site import collect_terms
from taiyaku.models import Finding, Related
from taiyaku.output import html as html_format
from taiyaku.output.site_page import LINKS, SiteTerm, collect, short_names, term_table
from taiyaku.output.views import SINGLE, ArticleView, FileView, RowView, SentenceView
from taiyaku.run.report import Report

from .helpers import analyzed, check
from .test_output_html import NAUGHTY, Page, assert_no_live_markup

SITE_RULES = ("ALL", "S001", "S002", "S003")
DISCLAIMER_JA = "本記事の内容は一般的な情報であり、診断や治療に代わるものではありません。"
DISCLAIMER = "This article gives general information and does not replace diagnosis or treatment."
DISCLAIMER_VARIANT = "The content of this article is general information and is no substitute for a diagnosis or treatment."
TIP_JA = "施術中に痛みを感じたら、遠慮なく施術者にお伝えください。"
DIET_JA = "バランスの取れた食事と十分な睡眠も、筋肉の回復には欠かせません。"
TIP = "If you feel pain during a treatment, do not hesitate to tell your therapist."
# article → (rendering of 揉み返し, English of the disclaimer, Japanese that TIP translates)
ARTICLES = {
    "alpha": ("post-massage soreness", DISCLAIMER, TIP_JA),
    "beta": ("post-massage soreness", DISCLAIMER, TIP_JA),
    "gamma": ("post-massage soreness", DISCLAIMER, DIET_JA),  # TIP pasted for other Japanese: S003
    "delta": ("soreness after massage", DISCLAIMER_VARIANT, TIP_JA),  # S001 ×3 and S002
}


def write_site(root: Path, variant: str = DISCLAIMER_VARIANT) -> Path:
    """Four small bilingual articles with seeded cross-article inconsistencies (see ARTICLES)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, (term, disclaimer, tip_ja) in ARTICLES.items():
        disclaimer = variant if disclaimer == DISCLAIMER_VARIANT else disclaimer
        ja = ["揉み返しの原因と予防", "揉み返しは施術の翌日に最も強くなり、2〜3日で自然に治まります。",
              "筋肉を温めると揉み返しを防ぐことができます。", tip_ja, DISCLAIMER_JA]
        en = [f"Causes and prevention of {term}",
              f"{term[0].upper()}{term[1:]} is strongest on the day after the treatment and settles on its own "
              "within 2 to 3 days.", f"Warming up the muscles can prevent {term}.", TIP, disclaimer]
        (root / f"{name}.ja.txt").write_text("\n\n".join(ja) + "\n", encoding="utf-8")
        (root / f"{name}.en.txt").write_text("\n\n".join(en) + "\n", encoding="utf-8")
    return root


def site_report(root: Path, select=SITE_RULES) -> Report:
    return check([root], select=select, views=True)


def section(page: Page, tag: str, **attrs) -> list[dict]:
    """The elements inside the site section."""
    (site,) = page.find("section", id="site")
    start = page.elements.index(site)
    inside = []
    for el in page.elements[start + 1:]:
        if el["tag"] == "section":
            break
        inside.append(el)
    wanted = {id(el) for el in page.find(tag, **attrs)}
    return [el for el in inside if id(el) in wanted]


def assert_links_resolve(page: Page) -> list[str]:
    ids = {el["attrs"]["id"] for el in page.elements if "id" in el["attrs"]}
    hrefs = [a["attrs"]["href"] for a in section(page, "a")]
    assert hrefs
    for href in hrefs:
        assert href.startswith("#") and href[1:] in ids, href
    return hrefs


# --- the table, from hand-made records -------------------------------------------------------------------


def _use(ja: str, preferred: str, rendering: str, count: int, path: str, start: int = 0) -> SiteTerm:
    return SiteTerm(ja, preferred, stem_key(rendering), rendering, count, path, start, rendering)


def _view(name: str, sentences: list[str], terms: list[SiteTerm]) -> ArticleView:
    """A one-file English article, one sentence per row, separated by one character."""
    path = f"site/{name}.en.txt"
    rows, at = [], 0
    for i, text in enumerate(sentences, start=1):
        rows.append(RowView(SINGLE, (), (SentenceView("en", text, path, i, i, start=at, end=at + len(text)),), None))
        at += len(text) + 1
    return ArticleView(f"site/{name}", (FileView(path, "en", "utf-8", "txt"),), False, tuple(rows), (), tuple(terms))




def hand_views() -> list[ArticleView]:
    s = ["Post-massage soreness and low back pain.", "Sciatic neuralgia.", "Orthopedic surgery helps."]
    second = len(s[0]) + 1  # the source offset of the second sentence
    return [
        _view("a1", s, [_use("揉み返し", "post-massage soreness", "post-massage soreness", 2, "site/a1.en.txt"),
                        _use("腰痛", "low back pain", "low back pain", 1, "site/a1.en.txt", 26)]),
        _view("a2", s, [_use("揉み返し", "post-massage soreness", "post-massage soreness", 1, "site/a2.en.txt"),
                        _use("腰痛", "low back pain", "lumbago", 1, "site/a2.en.txt", second)]),
        _view("a3", s, [_use("揉み返し", "post-massage soreness", "soreness after massage", 3, "site/a3.en.txt", second),
                        _use("腰痛", "low back pain", "lumbago", 2, "site/a3.en.txt")]),
        _view("a4", s, [_use("坐骨神経痛", "sciatica", "sciatic neuralgia", 1, "site/a4.en.txt", second),
                        _use("整形外科", "orthopedics", "orthopedic surgery", 1, "site/a4.en.txt", 2 * second)]),
    ]


def test_term_table_counts_orders_and_marks_the_preferred_rendering():
    rows = term_table(hand_views())
    got = [(t.ja, t.ways, t.articles, [(r.forms, r.uses, [(n, c) for n, c, _ in r.articles], r.preferred)
                                       for r in t.renderings]) for t in rows]
    assert got == [
        # rendered more than one way first, by articles; the preferred rendering first within a term,
        # even when fewer articles use it (腰痛: "low back pain" in one, "lumbago" in two)
        ("揉み返し", 2, 3, [((("post-massage soreness", 3),), 3, [(1, 2), (2, 1)], True),
                           ((("soreness after massage", 3),), 3, [(3, 3)], False)]),
        ("腰痛", 2, 3, [((("low back pain", 1),), 1, [(1, 1)], True),
                      ((("lumbago", 3),), 3, [(2, 1), (3, 2)], False)]),
        # then single renderings, by term: the preferred "sciatica" is used nowhere, so nothing is marked;
        # "orthopedic surgery" holds the preferred "orthopedics" (a shortened form joins its full form, as
        # S001 folds renderings)
        ("坐骨神経痛", 1, 1, [((("sciatic neuralgia", 1),), 1, [(4, 1)], False)]),
        ("整形外科", 1, 1, [((("orthopedic surgery", 1),), 1, [(4, 1)], True)]),
    ]


def test_forms_of_one_rendering_are_one_row_with_their_counts():
    views = [_view("a1", ["x"], [_use("揉み返し", "post-massage soreness", "post-massage soreness", 1, "site/a1.en.txt"),
                                 _use("揉み返し", "post-massage soreness", "massage soreness", 2, "site/a1.en.txt")]),
             _view("a2", ["x"], [_use("揉み返し", "post-massage soreness", "massage soreness", 1, "site/a2.en.txt")])]
    (row,) = term_table(views)
    assert row.ways == 1
    (r,) = row.renderings
    assert r.forms == (("massage soreness", 3), ("post-massage soreness", 1)) and r.uses == 4 and r.preferred


def hand_page(findings=(), views=None, rules=("S001", "S002", "S003")) -> Page:
    report = Report(list(findings), {}, views or hand_views(), signature={"rules": list(rules)})
    return Page(html_format.render(report))


def test_table_rows_and_links_to_the_first_use_in_each_article():
    page = hand_page()
    assert_no_live_markup(page)
    bodies = section(page, "tbody")
    assert [b["attrs"]["class"] for b in bodies] == ["mixed", "mixed", "single", "single"]
    rows = [page.text(tr) for tr in section(page, "tr") if tr in page.find("tr", class_="preferred")
            or tr in page.find("tr", class_="other")]
    assert rows[0] == "揉み返しglossary: post-massage soreness2 wayspost-massage soreness preferred32a1 ×2, a2"
    assert rows[1] == "soreness after massage31a3 ×3"
    assert "preferred" not in page.text(next(tr for tr in section(page, "tr") if "sciatic neuralgia" in page.text(tr)))
    links = {(page.text(a), a["attrs"]["href"]) for a in section(page, "a")}
    # each article's link goes to the row of the sentence holding its first use (rows are numbered from 1)
    assert {("a1", "#article-1-r1"), ("a2", "#article-2-r2"), ("a3", "#article-3-r2"), ("a4", "#article-4-r3")} <= links
    assert_links_resolve(page)
    (summary,) = page.find("table", class_="by-site")
    assert page.text(summary) == ("Sitearticles4glossary terms rendered4rendered more than one way2"
                                  "site-wide findings0")


def test_no_site_page_for_one_article():
    page = hand_page(views=hand_views()[:1])
    assert not page.find("section", id="site") and not page.find("table", class_="by-site")


def test_long_lists_of_articles_fold_behind_a_disclosure():
    views = [_view(f"a{i:03d}", ["x"], [_use("腰痛", "low back pain", "low back pain", 1, f"site/a{i:03d}.en.txt")])
             for i in range(LINKS + 5)]
    page = hand_page(views=views)
    (more,) = section(page, "details")
    assert page.text(section(page, "summary")[0]) == "5 more"
    assert len(section(page, "a")) == LINKS + 5  # the summary's link to the site page is outside


@pytest.mark.parametrize("names, short", [
    (["corpus/a", "corpus/b/c"], ["a", "b/c"]),
    (["a", "corpus/b"], ["a", "corpus/b"]),
    (["site.xml#one", "site.xml#two"], ["site.xml#one", "site.xml#two"]),
    (["/abs/a", "rel/b"], ["/abs/a", "rel/b"]),
    (["x/a", "y/b"], ["x/a", "y/b"]),
    (["/x/a", "/y/b"], ["/x/a", "/y/b"]),
])
def test_short_names(names, short):
    assert list(short_names(names).values()) == short


# --- escaping ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", NAUGHTY)
def test_hostile_text_in_records_names_and_findings_stays_text(payload: str):
    """Article names, glossary strings, renderings as written and every text field of a site-wide
    finding can hold markup: all of it is shown as text."""
    path = f"site/{payload}.en.txt"
    text = f"Post-massage soreness {payload}."
    views = [
        ArticleView(f"site/{payload}", (FileView(path, "en", "utf-8", "txt"),), False,
                    (RowView(SINGLE, (), (SentenceView("en", text, path, 1, 1, start=0, end=len(text)),), None),), (),
                    (SiteTerm(f"揉み返し{payload}", f"pref {payload}", ("x",), f"rend {payload}", 1, path, 0, payload),)),
        *hand_views()[:2],
    ]
    findings = [
        Finding("S001", "site-inconsistent-rendering", "consistency", "warning", path, 0, 5, f"message {payload}",
                term=(f"揉み返し{payload}", f"pref {payload}"), found=f"found {payload}",
                suggestion=f"sugg {payload}", related=(Related("site/a1.en.txt", 0, 5, f"related {payload}"),)),
        Finding("S003", "site-same-english-different-japanese", "consistency", "warning", path, 0, 5,
                f"message {payload}", found=f"english {payload}"),
    ]
    page = hand_page(findings, views)
    assert_no_live_markup(page)
    shown = "".join(page.text(el) for el in section(page, "table"))
    for piece in (f"揉み返し{payload}", f"pref {payload}", f"rend {payload}", f"found {payload}",
                  f"related {payload}", f"english {payload}", f"message {payload}"):
        assert piece in shown, piece
    titles = [a["attrs"].get("title", "") for a in section(page, "a")]
    assert any(payload in t for t in titles)
    assert_links_resolve(page)


# --- on a checked site ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Report, Page]:
    report = site_report(write_site(tmp_path_factory.mktemp("site") / "site"))
    return report, Page(html_format.render(report))


def test_the_seeded_site_reports_what_the_page_groups(site):
    report, _ = site
    got = sorted((f.rule, Path(f.path).name, report.position(f.path, f.start)[0]) for f in report.findings
                 if f.rule.startswith("S"))
    assert got == [("S001", "delta.en.txt", 1), ("S001", "delta.en.txt", 3), ("S001", "delta.en.txt", 5),
                   ("S002", "delta.en.txt", 9), ("S003", "gamma.en.txt", 7)]


def test_site_page_on_a_checked_site(site):
    report, page = site
    assert_no_live_markup(page)
    first = section(page, "tbody")[0]
    assert first["attrs"]["class"] == "mixed"
    lines = [page.text(tr) for tr in section(page, "tr")]
    assert "揉み返しglossary: post-massage soreness2 wayspost-massage soreness preferred93alpha ×3, beta ×3, gamma ×3" in lines
    assert "soreness after massage31delta ×3" in lines
    # the site-wide findings, one group per term or sentence, each place linked to its note
    heads = [page.text(h) for h in section(page, "h4")]
    assert heads == ["S001 site-inconsistent-rendering: 3 findings", "S002 site-inconsistent-translation: 1 finding",
                     "S003 site-same-english-different-japanese: 1 finding"]
    groups = [page.text(th) for th in section(page, "th") if th["attrs"].get("scope") == "row"]
    assert groups == ["揉み返しglossary: post-massage soreness", DISCLAIMER, TIP]
    notes = {li["attrs"]["id"]: page.text(li) for li in page.find("li", class_="note")}
    to_notes = [a["attrs"]["href"][1:] for a in section(page, "a") if a["attrs"]["href"][1:] in notes]
    assert sorted(notes[n].split(" ")[0][-4:] for n in to_notes) == ["S001", "S001", "S001", "S002", "S003"]
    anchor = {Path(v.name).name: f"article-{i}-" for i, v in enumerate(report.views, start=1)}
    assert sorted((notes[n].split(" ")[0][-4:], n.startswith(anchor["delta"]), n.startswith(anchor["gamma"]))
                  for n in to_notes) == [("S001", True, False)] * 3 + [("S002", True, False), ("S003", False, True)]
    # the site-wide findings are in place in their articles (not in a list at the end)
    assert not page.find("section", id="other")
    marked = [page.text(m) for m in page.find("mark", class_="f") if " S001 " in m["attrs"].get("title", "")]
    assert marked == ["soreness after massage", "Soreness after massage", "soreness after massage"]
    assert_links_resolve(page)
    (summary,) = page.find("table", class_="by-site")
    assert page.text(summary).endswith("site-wide findings5")


def test_site_rules_not_run_are_named_not_invented(tmp_path: Path):
    report = site_report(write_site(tmp_path / "site"), select=("ALL",))
    page = Page(html_format.render(report))
    assert not section(page, "h4")
    note = [page.text(p) for p in section(page, "p") if "did not run" in page.text(p)]
    assert note and "--select S001,S002,S003" in note[0]
    assert section(page, "tbody"), "the table needs no site-wide rule"


@pytest.mark.parametrize("payload", [p for p in NAUGHTY if "." not in p and "!" not in p][:4])
def test_hostile_english_of_a_checked_site_stays_text(tmp_path: Path, payload: str):
    report = site_report(write_site(tmp_path / "site", variant=f"The content of this article {payload} is no substitute "
                                                             "for a diagnosis or treatment."))
    page = Page(html_format.render(report))
    assert_no_live_markup(page)
    assert any(f.rule == "S002" for f in report.findings)
    assert payload in "".join(page.text(el) for el in section(page, "table"))


def test_record_is_s001s_record_counted(site, tmp_path: Path):
    """``collect`` counts ``checks.site.collect_terms`` (no rendering logic of its own)."""
    from taiyaku.analyze.glossary import load_glossary, resolve_glossary_path
    from taiyaku.read.articles import find_articles

    root = write_site(tmp_path / "one")
    glossary = load_glossary(resolve_glossary_path(None))
    article = next(a for a in find_articles([str(root)]) if a.name.endswith("delta"))
    ctx = analyzed(article, glossary)
    uses = collect_terms(ctx)
    record = collect(ctx)
    assert sum(r.count for r in record) == len(uses) > 0
    assert {(r.ja, r.rendering) for r in record} == {(u.ja, u.rendering) for u in uses}
    report, _ = site
    (delta,) = [v for v in report.views if v.name.endswith("delta")]
    assert [(r.ja, r.rendering, r.count) for r in delta.site_terms] == [(r.ja, r.rendering, r.count) for r in record]


def test_late_findings_go_into_their_articles_views_only(site):
    """Site-wide findings come after the views were made: they are placed on the sentences of their
    article by source offsets; the views of other articles are left as they are."""
    from taiyaku.output.views import with_late_findings

    report, _ = site
    placed = with_late_findings(report.views, report.findings)
    changed = [Path(v.name).name for v, w in zip(report.views, placed) if v is not w]
    assert changed == ["delta", "gamma"]
    delta = placed[[Path(v.name).name for v in placed].index("delta")]
    marks = [(s.text[f.start:f.end], f.rule) for r in delta.rows for s in r.en for f in s.findings]
    rows = [(r.en[0].line, f.rule) for r in delta.rows for f in r.findings]
    assert marks == [("soreness after massage", "S001"), ("Soreness after massage", "S001"),
                     ("soreness after massage", "S001")]
    assert rows == [(9, "S002")] and not delta.findings
    assert with_late_findings(placed, report.findings) == placed  # nothing is placed twice
