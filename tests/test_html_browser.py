"""The html report in a real browser: headless Chromium (Debian's ``chromium``) loads the page from
``file://``, runs its script under the page's own Content-Security-Policy, and we read back the DOM
(``--dump-dom``) or a screenshot. The filter's state comes from the URL fragment (``#hide=…``), so a
second page load shows what a click would.

Skipped when Chromium is missing, except in CI (``CI=true``), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts headless Chromium

from taiyaku.analyze.glossary import load_glossary, resolve_glossary_path
from taiyaku.output import html as html_format

from .helpers import check
from .test_output_html import Page

ROOT = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed: CI must run the browser tests (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def chromium() -> str:
    return _chromium()


def browse(chromium: str, url: str, *extra: str, cwd: Path) -> str:
    """Run headless Chromium on ``url`` with a fresh profile; its standard output."""
    with tempfile.TemporaryDirectory(prefix="taiyaku-chromium-") as profile:
        proc = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True, text=True, timeout=180, cwd=cwd, stdin=subprocess.DEVNULL,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> tuple[Path, object]:
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        report = check(["corpus"], load_glossary(resolve_glossary_path(None)), views=True)
    finally:
        os.chdir(old)
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(html_format.render(report), encoding="utf-8")
    return path, report


@pytest.fixture(scope="module")
def dom(chromium, report_file) -> Page:
    path, _ = report_file
    return Page(browse(chromium, path.as_uri(), "--dump-dom", cwd=path.parent))


def test_script_ran_under_the_csp_and_shows_the_filter(dom: Page, report_file):
    """The filter is hidden in the file and shown by the script: visible only if the CSP hash let it run."""
    _, report = report_file
    (box,) = dom.find("fieldset", id="filter")
    assert "hidden" not in box["attrs"]
    values = [i["attrs"]["value"] for i in dom.find("input", name="category")]
    assert values == sorted(report.by_category())
    assert not [tr for tr in dom.find("tr") if "hidden" in tr["attrs"]]
    assert dom.text(dom.find("span", id="filter-status")[0]) == ""
    assert box["attrs"]["data-hidden"] == ""


def test_summary_and_findings_are_shown(dom: Page, report_file):
    _, report = report_file
    total = dom.text(dom.find("p", id="total")[0])
    assert total == f"{len(report.findings)} findings (5 errors, 8 warnings, 1 info) in 7 files, 4 articles."
    notes = [dom.text(li) for li in dom.find("li", class_="note")]
    assert len(notes) == len(report.findings)
    for f in report.findings:
        assert any(f.message in n for n in notes), f.message
    assert dom.find("tr", class_="untranslated") and dom.find("tr", class_="added")


@pytest.mark.parametrize("hide", ["addition", "numbers,clean", "addition,clean,consistency,numbers,terminology,untranslated"])
def test_filter_state_from_the_fragment_hides_rows_and_findings(chromium, report_file, hide: str):
    path, report = report_file
    dom = Page(browse(chromium, path.as_uri() + "#hide=" + hide, "--dump-dom", cwd=path.parent))
    hidden = set(hide.split(","))
    (box,) = dom.find("fieldset", id="filter")
    assert box["attrs"]["data-hidden"] == " ".join(sorted(hidden))  # the boxes the script unchecked
    rows = dom.find("tr", class_="pair") + dom.find("tr", class_="untranslated") + dom.find("tr", class_="added")
    for tr in rows:
        cats = set(tr["attrs"]["data-cats"].split())
        should_hide = cats <= hidden if cats else "clean" in hidden
        assert ("hidden" in tr["attrs"]) == should_hide, (hide, tr["attrs"])
    findings = dom.find("li", class_="note") + dom.find("mark", class_="f") + dom.find("sup", class_="ref")
    for el in [el for el in findings if "data-cat" in el["attrs"]]:  # not the legend's samples
        off = "off" in el["attrs"]["class"].split()
        assert off == (el["attrs"]["data-cat"] in hidden), el["attrs"]
    n = sum("hidden" in tr["attrs"] for tr in rows)
    assert n > 0
    assert dom.text(dom.find("span", id="filter-status")[0]) == f"{n} rows hidden"


def test_a_script_the_csp_does_not_allow_is_blocked(chromium, tmp_path: Path, report_file):
    """The CSP is enforced: the same page with its script changed by one character (hash unchanged)
    keeps the filter hidden."""
    path, _ = report_file
    text = path.read_text(encoding="utf-8")
    tampered = text.replace('"use strict";', '"use strict"; ', 1)
    assert tampered != text
    bad = tmp_path / "tampered.html"
    bad.write_text(tampered, encoding="utf-8")
    dom = Page(browse(chromium, bad.as_uri(), "--dump-dom", cwd=tmp_path))
    (box,) = dom.find("fieldset", id="filter")
    assert "hidden" in box["attrs"]


def test_screenshot(chromium, report_file, tmp_path: Path):
    path, _ = report_file
    shot = tmp_path / "shot.png"
    browse(chromium, path.as_uri(), f"--screenshot={shot}", "--window-size=1400,2200", cwd=tmp_path)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1400, 2200)
    assert len(data) > 50_000, "a blank page compresses to a few kilobytes; the report does not"


# --- the site page (reports of more than one article), driven over the DevTools protocol ----------------


@pytest.fixture(scope="module")
def site_file(tmp_path_factory) -> Path:
    from .test_site_page import site_report, write_site

    root = tmp_path_factory.mktemp("site-html")
    report = site_report(write_site(root / "site"))
    path = root / "site.html"
    path.write_text(html_format.render(report), encoding="utf-8")
    return path


@pytest.fixture()
def page(chromium, site_file):
    from .browser import Browser

    browser = Browser(chromium, height=700)
    try:
        browser.open(site_file.as_uri())
        yield browser
    finally:
        browser.close()


JA_FAMILIES = {name.strip().strip('"') for name in html_format.JA_FONTS.split(",")}
# Draws each character of an element's text on a canvas in the element's font; the images as strings.
GLYPHS = """(() => {
  const el = document.querySelector(%r);
  const style = getComputedStyle(el);
  const canvas = document.createElement("canvas"); canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  ctx.font = style.fontSize + " " + style.fontFamily;
  const draw = (c) => { ctx.clearRect(0, 0, 64, 64); ctx.fillText(c, 4, 48);
    return Array.from(ctx.getImageData(0, 0, 64, 64).data.filter((_, i) => i %% 4 === 3)).join(","); };
  const rect = el.getBoundingClientRect();
  return {text: el.textContent, visible: rect.width > 0 && rect.height > 0 && style.visibility === "visible",
          glyphs: Array.from(el.textContent).map(draw), missing: draw("\\u{10FFFD}")};
})()"""


@pytest.mark.parametrize("selector", ["#site-term-1 th.term-ja span[lang=ja]", "table.site-findings th[scope=row] .key"])
def test_site_page_shows_japanese_in_a_japanese_font(page, selector: str):
    """Not tofu: the text is drawn with a Japanese font of the page's list, each character a glyph of its
    own (tofu draws every missing character as the same box, the one a private-use character gets)."""
    fonts = page.fonts(selector)
    drawn = page.js(GLYPHS % selector)
    assert drawn["text"] == "揉み返し" and drawn["visible"]
    assert fonts and {f["familyName"] for f in fonts} <= JA_FAMILIES, fonts
    assert sum(f["glyphCount"] for f in fonts) == len(drawn["text"])
    assert len(set(drawn["glyphs"])) == len(drawn["glyphs"]), "two characters drawn alike: tofu"
    assert drawn["missing"] not in drawn["glyphs"]
    assert all(set(g.split(",")) != {"0"} for g in drawn["glyphs"]), "a character drew nothing"


def test_site_table_is_rendered(page):
    rows = page.js("""Array.from(document.querySelectorAll("#site table.site-terms tbody tr")).map(tr =>
        [tr.closest("tbody").id, tr.querySelector("td.rendering").innerText, tr.getBoundingClientRect().height > 0])""")
    assert rows[:2] == [["site-term-1", "post-massage soreness preferred", True], ["site-term-1", "soreness after massage", True]]
    assert all(visible for _, _, visible in rows)
    assert page.js("document.querySelectorAll('#site table.site-findings').length") == 3
    assert page.problems() == []


def _link(page, text: str) -> dict:
    return page.js(f"""(() => {{
      const a = Array.from(document.querySelectorAll("#site table.site-terms a")).find(a => a.textContent === {text!r});
      a.scrollIntoView({{block: "center"}});
      const r = a.getBoundingClientRect();
      return {{href: a.getAttribute("href"), x: r.left + r.width / 2, y: r.top + r.height / 2}};
    }})()""")


def _target(page) -> dict:
    """The element the URL's fragment names: where it is in the window, and below the table's sticky header."""
    return page.js("""(() => { const t = document.querySelector(":target"); const r = t.getBoundingClientRect();
      const th = t.closest("table") && t.closest("table").querySelector("thead th");
      return {id: t.id, top: r.top, bottom: r.bottom, height: innerHeight, text: t.innerText,
              header: th ? th.getBoundingClientRect().bottom : 0,
              article: t.closest("section").querySelector("h2").textContent}; })()""")


def test_a_click_on_an_article_in_the_table_opens_its_row(page):
    link = _link(page, "delta")  # the article that renders 揉み返し its own way
    page.click(link["x"], link["y"])
    assert page.js("location.hash") == link["href"]
    target = _target(page)
    assert "#" + target["id"] == link["href"] and target["article"].endswith("delta")
    assert target["header"] - 1 <= target["top"] < target["height"], "the row is scrolled into view, clear of the header"
    assert "soreness after massage" in target["text"].lower()
    assert page.problems() == []


def test_keyboard_reaches_the_site_page_and_follows_a_link(page):
    """Tab through the page from the top to the first link of the site table, Enter follows it."""
    for _ in range(60):
        page.press("Tab", 9)
        focused = page.js("""(() => { const a = document.activeElement;
          return a && a.closest("table.site-terms") ? a.getAttribute("href") : null; })()""")
        if focused:
            break
    else:
        pytest.fail("Tab never reached the site table")
    page.press("Enter", 13, "\r")
    assert page.js("location.hash") == focused
    assert "#" + _target(page)["id"] == focused
    assert page.problems() == []


def test_a_finding_in_the_site_page_links_to_its_note(page):
    link = page.js("""(() => { const a = document.querySelector("#site table.site-findings td a");
      a.scrollIntoView({block: "center"}); const r = a.getBoundingClientRect();
      return {href: a.getAttribute("href"), x: r.left + r.width / 2, y: r.top + r.height / 2}; })()""")
    page.click(link["x"], link["y"])
    target = _target(page)
    assert "#" + target["id"] == link["href"]
    assert page.js("document.querySelector(':target').matches('li.note')")
    assert "S001 site-inconsistent-rendering" in target["text"] and target["article"].endswith("delta")
    assert target["header"] - 1 <= target["top"] < target["height"]


def test_print_keeps_the_site_page_and_drops_the_controls(page):
    page.call("Emulation.setEmulatedMedia", {"media": "print"})
    shown = page.js("""[getComputedStyle(document.querySelector("#site table.site-terms")).display,
        getComputedStyle(document.getElementById("filter")).display,
        getComputedStyle(document.getElementById("site")).breakAfter]""")
    assert shown == ["table", "none", "page"]
    pdf = page.call("Page.printToPDF", {"printBackground": True})["data"]
    assert len(pdf) > 10_000
    assert page.problems() == []


def test_console_errors_are_seen(chromium, site_file, tmp_path: Path):
    """The check behind ``problems() == []`` can fail: a page whose script the CSP blocks logs an error."""
    from .browser import Browser

    bad = tmp_path / "tampered.html"
    bad.write_text(site_file.read_text(encoding="utf-8").replace('"use strict";', '"use strict"; ', 1), encoding="utf-8")
    browser = Browser(chromium)
    try:
        browser.open(bad.as_uri())
        assert any("Content Security Policy" in p for p in browser.problems())
    finally:
        browser.close()
