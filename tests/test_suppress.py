"""Inline suppression: regions from HTML-comment directives in Markdown and HTML, and dropping the
findings inside them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from taiyaku.errors import InputError
from taiyaku.models import Document, Finding
from taiyaku.checks.registry import registry
from taiyaku.project.suppress import directives, drop_suppressed, suppressed_regions
from taiyaku.run.report import DocumentSummary

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def doc(text: str, fmt: str = "md", path: str = "a.en.md") -> Document:
    return Document(path, text, "utf-8", fmt, "en")


def finding(rule: str, start: int, path: str = "a.en.md") -> Finding:
    r = registry()[rule]
    return Finding(r.code, r.name, r.category, r.severity, path, start, start + 1, "m")


def summaries(*docs: Document) -> dict:
    """Documents as the filter chain sees them: path → DocumentSummary (which holds the regions)."""
    return {d.path: DocumentSummary.of(d) for d in docs}


def kept(text: str, rule: str, needle: str, fmt: str = "md") -> bool:
    """Is a finding of ``rule`` at the first ``needle`` (marked ``@needle``) kept?"""
    d = doc(text, fmt, "a.en." + fmt)
    start = text.index("@" + needle) + 1
    return bool(drop_suppressed([finding(rule, start, d.path)], summaries(d)))


BLOCK = """\
# Title @head

<!-- taiyaku-disable {codes} -->
A chiropractic @inside session.
<!-- taiyaku-enable {enable} -->

Another chiropractic @after session.
"""


@pytest.mark.parametrize(
    "codes,enable,rule,where,is_kept",
    [
        ("T001", "", "T001", "inside", False),
        ("T001", "", "T001", "head", True),  # before the directive
        ("T001", "", "T001", "after", True),  # after the enable
        ("T001", "", "U001", "inside", True),  # another rule
        ("", "", "U001", "inside", False),  # no codes: every rule
        ("ALL", "", "C001", "inside", False),
        ("T", "", "T002", "inside", False),  # a prefix
        ("T", "", "C001", "inside", True),
        ("forbidden-rendering", "", "T001", "inside", False),  # a name
        ("forbidden-rendering", "", "T002", "inside", True),
        ("T001,C001", "", "C001", "inside", False),  # several, comma-separated
        ("T001, C001", "", "C001", "inside", False),
        ("T001 C001", "", "C001", "inside", False),  # or space-separated
        ("t001", "", "T001", "inside", False),  # codes in any case
        ("T001 -- the clinic asked for it", "", "T001", "inside", False),  # a reason after --
        ("T001 -- the clinic asked for it", "", "C001", "inside", True),
        ("T001", "T001", "T001", "after", True),  # enable naming the rule
        ("T001", "C001", "T001", "after", False),  # enabling another rule leaves T001 off
        ("", "T001", "T001", "after", True),  # off for all, back on for T001 …
        ("", "T001", "C001", "after", False),  # … and still off for the rest
        ("T", "T001", "T002", "after", False),
    ],
)
def test_disable_enable(codes, enable, rule, where, is_kept):
    text = BLOCK.format(codes=codes, enable=enable)
    assert kept(text, rule, where) == is_kept


NEXT = """\
<!-- taiyaku-disable-next-line {codes} -->
{gap}The chiropractic @next line.
The chiropractic @following line.
"""


@pytest.mark.parametrize(
    "codes,gap,rule,where,is_kept",
    [
        ("T001", "", "T001", "next", False),
        ("T001", "", "T001", "following", True),  # only the next line
        ("T001", "", "U001", "next", True),
        ("", "", "U001", "next", False),  # no codes: every rule
        ("T", "", "T002", "next", False),
        ("T001", "\n\n   \n", "T001", "next", False),  # blank lines are skipped
        ("T001", "<!-- taiyaku-disable-next-line U001 -->\n", "T001", "next", False),  # stacked directives
        ("T001", "<!-- taiyaku-disable-next-line U001 -->\n", "U001", "next", False),
        ("T001", "<!-- taiyaku-disable-next-line U001 -->\n", "U001", "following", True),
    ],
)
def test_disable_next_line(codes, gap, rule, where, is_kept):
    assert kept(NEXT.format(codes=codes, gap=gap), rule, where) == is_kept


@pytest.mark.parametrize(
    "text,rule,where,is_kept",
    [
        # a disable never closed runs to the end of the file
        ("<!-- taiyaku-disable T001 -->\n\npara\n\nlast @end line\n", "T001", "end", False),
        # an enable with nothing to enable does nothing
        ("<!-- taiyaku-enable T001 -->\n\nlast @end line\n", "T001", "end", True),
        # a directive inside a paragraph, mid-line
        ("Text <!-- taiyaku-disable U001 --> and @mid more <!-- taiyaku-enable --> and @tail.\n", "U001", "mid", False),
        ("Text <!-- taiyaku-disable U001 --> and @mid more <!-- taiyaku-enable --> and @tail.\n", "U001", "tail", True),
        # directives in Markdown code are examples, not directives
        ("```html\n<!-- taiyaku-disable T001 -->\n```\n\nThe @body text.\n", "T001", "body", True),
        ("    <!-- taiyaku-disable T001 -->\n\nThe @body text.\n", "T001", "body", True),
        ("Write `<!-- taiyaku-disable T001 -->` to turn it off.\n\nThe @body text.\n", "T001", "body", True),
        # but one after a paragraph holding a lone backtick still counts
        ("A lone ` here.\n\n<!-- taiyaku-disable T001 -->\n\nThe @body text.\n", "T001", "body", False),
        # CRLF line endings
        ("<!-- taiyaku-disable-next-line T001 -->\r\n\r\nThe @next line.\r\nThe @following one.\r\n", "T001", "next", False),
        ("<!-- taiyaku-disable-next-line T001 -->\r\n\r\nThe @next line.\r\nThe @following one.\r\n", "T001", "following", True),
        # a comment spread over lines
        ("<!--\n  taiyaku-disable T001\n-->\n\nThe @body text.\n", "T001", "body", False),
        ("<!-- taiyaku-disable\n     T001 C001 -->\n\nThe @body text.\n", "C001", "body", False),
    ],
)
def test_edge_cases(text, rule, where, is_kept):
    assert kept(text, rule, where) == is_kept


HTML = """\
<html><head><title>Seitai</title></head><body>
<!-- taiyaku-disable T001 -->
<p>A chiropractic @inside session.</p>
<!-- taiyaku-enable -->
<!-- taiyaku-disable-next-line U001 -->
<p>締めてから緩める @next</p>
<p>Another chiropractic @after session.</p>
</body></html>
"""


@pytest.mark.parametrize(
    "rule,where,is_kept",
    [("T001", "inside", False), ("T001", "after", True), ("U001", "next", False), ("U001", "after", True)],
)
def test_html(rule, where, is_kept):
    assert kept(HTML, rule, where, fmt="html") == is_kept


def test_plain_text_files_have_no_directives():
    text = "<!-- taiyaku-disable -->\nThe @body text.\n"
    assert kept(text, "T001", "body", fmt="txt")
    assert suppressed_regions(doc(text, "txt", "a.en.txt")) == []


def test_regions_are_offsets_into_the_raw_text():
    text = "Intro.\n\n<!-- taiyaku-disable T001,U001 -->\nBody.\n<!-- taiyaku-enable -->\nEnd.\n"
    (region,) = suppressed_regions(doc(text))
    assert text[region.start :].startswith("<!-- taiyaku-disable")
    assert text[: region.end].endswith("<!-- taiyaku-enable -->")
    assert region.rules == {"T001", "U001"} and region.line == 3
    nxt = "a\n<!-- taiyaku-disable-next-line C -->\n\nnext line\nother\n"
    (region,) = suppressed_regions(doc(nxt))
    assert nxt[region.start : region.end] == "next line"
    assert region.rules == {"C001", "C002", "C003"} and region.line == 2


@pytest.mark.parametrize(
    "text,message,line",
    [
        ("ok\n\n<!-- taiyaku-disable T999 -->\n", "unknown rule or prefix 'T999' in taiyaku-disable", 3),
        ("<!-- taiyaku-enable nonsense -->\n", "unknown rule or prefix 'nonsense' in taiyaku-enable", 1),
        ("a\nb\n<!-- taiyaku-disable-next-line T001,X -->\n", "unknown rule or prefix 'X'", 3),
        ("<!-- taiyaku-disable:T001 -->\n", "unknown rule or prefix ':T001'", 1),
        ("\n<!-- taiyaku-disabel T001 -->\n", "unknown directive 'taiyaku-disabel': use taiyaku-disable", 2),
        ("<!-- taiyaku-ignore -->\n", "unknown directive 'taiyaku-ignore'", 1),
    ],
)
def test_malformed_directives(text, message, line):
    d = doc(text)
    with pytest.raises(InputError) as err:
        drop_suppressed([finding("T001", 0)], summaries(d))
    assert (err.value.path, err.value.line) == ("a.en.md", line)
    assert message in err.value.message
    assert str(err.value).startswith(f"a.en.md:{line}: ")


def test_files_without_directives_are_cheap(monkeypatch):
    import taiyaku.checks.registry

    def boom():
        raise AssertionError("the registry should not be needed")

    monkeypatch.setattr(taiyaku.checks.registry, "registry", boom)
    d = doc("# Plain article\n\n<!-- an ordinary comment -->\nText.\n")
    findings = [finding_stub(i) for i in range(1000)]
    assert drop_suppressed(findings, summaries(d)) == findings
    assert directives(d) == []


def finding_stub(i: int) -> Finding:
    return Finding("T001", "forbidden-rendering", "terminology", "error", "a.en.md", i, i + 1, "m")


def test_paths_without_documents_keep_their_findings():
    f = finding("T001", 3, "elsewhere.md")
    assert drop_suppressed([f], {}) == [f]


def test_order_is_kept_and_each_file_has_its_own_regions():
    a = doc("<!-- taiyaku-disable T001 -->\nxxxxxxxxxx\n", path="a.en.md")
    b = doc("nothing here\nxxxxxxxxxxxxxxx\n", path="b.en.md")
    fs = [finding("T001", 30, "b.en.md"), finding("T001", 31, "a.en.md"), finding("U001", 31, "a.en.md"),
          finding("T001", 5, "b.en.md")]
    assert drop_suppressed(fs, summaries(a, b)) == [fs[0], fs[2], fs[3]]


def test_with_the_engine_on_a_corpus_article(tmp_path):
    """sacroiliac-joint.en.md has T001 ("chiropractic", line 13) and U001 (line 20)."""
    from taiyaku.analyze.glossary import bundled_glossary_path, load_glossary

    from .helpers import check

    for name in ("sacroiliac-joint.ja.md", "sacroiliac-joint.en.md"):
        shutil.copy(CORPUS / name, tmp_path / name)
    en = tmp_path / "sacroiliac-joint.en.md"
    glossary = load_glossary(bundled_glossary_path())

    def rules_found() -> list[tuple[str, str]]:
        return sorted((f.rule, Path(f.path).name) for f in check([tmp_path], glossary).findings)

    before = rules_found()
    assert ("T001", en.name) in before and ("U001", en.name) in before
    lines = en.read_text(encoding="utf-8").split("\n")
    chiro = next(i for i, line in enumerate(lines) if "chiropractic" in line)
    lines.insert(chiro, "<!-- taiyaku-disable-next-line forbidden-rendering -- the clinic's own wording -->")
    en.write_text("\n".join(lines), encoding="utf-8")
    after = rules_found()
    assert ("T001", en.name) not in after
    assert [r for r in before if r != ("T001", en.name)] == after
