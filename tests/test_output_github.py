"""``--format github``: GitHub Actions workflow commands, escaped as @actions/core does, pinned by a
golden file. Regenerate the golden file with TAIYAKU_UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taiyaku.models import Document, Finding
from taiyaku.output import render
from taiyaku.output.github import command, escape_data, escape_property
from taiyaku.run.report import Report

from .helpers import cli_output

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "corpus.github.txt"
LINE = re.compile(r"^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*,)*[a-zA-Z]+=[^,:]*)::(.*)$")


def run(*args: str) -> str:
    return cli_output(*args)


def unescape(value: str) -> str:
    """The runner's unescaping of a property or message (the inverse of the toolkit's escaping)."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = LINE.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m.group(3))


# --- escaping, as @actions/core does it ------------------------------------------------------------


@pytest.mark.parametrize(
    "value, data, prop",
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("%0A", "%250A", "%250A"),  # an escape sequence in the input is not taken as one
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("dir,with:colon/a.txt", "dir,with:colon/a.txt", "dir%2Cwith%3Acolon/a.txt"),
        ("T001 forbidden-rendering", "T001 forbidden-rendering", "T001 forbidden-rendering"),
        ("a::b", "a::b", "a%3A%3Ab"),
        ("記事, 整体: 50%\n", "記事, 整体: 50%25%0A", "記事%2C 整体%3A 50%25%0A"),
        ("", "", ""),
    ],
)
def test_escaping_table(value, data, prop):
    assert escape_data(value) == data
    assert escape_property(value) == prop


@given(st.text())
def test_escaping_round_trips_and_leaves_no_separator(value):
    prop = escape_property(value)
    assert not set(prop) & {"\r", "\n", ":", ","}
    assert unescape(prop) == value
    data = escape_data(value)
    assert "\n" not in data and "\r" not in data
    assert unescape(data) == value


# --- commands --------------------------------------------------------------------------------------


def _report(path: str, text: str, findings: list[tuple]) -> Report:
    doc = Document(path, text, "utf-8", "txt", "en")
    return Report([Finding(*f) for f in findings], {path: doc})


def test_tricky_path_and_message():
    text = "Line one.\nA 50% rubbing back, here.\n"
    s = text.index("rubbing")
    f = ("T001", "forbidden-rendering", "terminology", "error", "dir,with:colon/a b.en.txt", s, s + 12,
         'use "post-massage soreness": 100% wrong\nsecond line', None, "rubbing back", "post-massage soreness")
    report = _report("dir,with:colon/a b.en.txt", text, [f])
    line = command(report, report.findings[0])
    assert line == (
        "::error file=dir%2Cwith%3Acolon/a b.en.txt,line=2,col=7,endLine=2,endColumn=19,"
        "title=T001 forbidden-rendering::"
        'use "post-massage soreness": 100%25 wrong%0Asecond line (suggestion: post-massage soreness)'
    )
    kind, props, message = parse(line)
    assert kind == "error"
    assert props == {"file": "dir,with:colon/a b.en.txt", "line": "2", "col": "7", "endLine": "2",
                     "endColumn": "19", "title": "T001 forbidden-rendering"}
    assert message == 'use "post-massage soreness": 100% wrong\nsecond line (suggestion: post-massage soreness)'


@pytest.mark.parametrize("severity, kind", [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_severity_maps_to_command(severity, kind):
    report = _report("a.txt", "abc\n", [("X001", "x", "c", severity, "a.txt", 0, 1, "m")])
    assert render(report, "github") == f"::{kind} file=a.txt,line=1,col=1,endLine=1,endColumn=2,title=X001 x::m\n"


def test_columns_are_code_points_and_end_is_exclusive():
    text = "ところが、ギックリ腰を\n"
    s = text.index("ギックリ腰")
    report = _report("a.ja.txt", text, [("C002", "variant-spelling", "consistency", "info", "a.ja.txt", s, s + 5, "m")])
    _, props, _ = parse(render(report, "github").rstrip("\n"))
    assert (props["col"], props["endColumn"]) == ("6", "11")


def test_multi_line_findings_have_lines_but_no_columns():
    """GitHub annotations take columns only within one line."""
    text = "one.\ntwo.\nthree.\n"
    report = _report("a.txt", text, [("U002", "untranslated-passage", "untranslated", "warning", "a.txt", 5, 16, "m")])
    assert render(report, "github") == "::warning file=a.txt,line=2,endLine=3,title=U002 untranslated-passage::m\n"


def test_no_findings_no_output():
    assert render(Report([], {}), "github") == ""


# --- the corpus ------------------------------------------------------------------------------------


def test_corpus_github_matches_golden():
    out = run("check", "corpus", "--format", "github")
    if os.environ.get("TAIYAKU_UPDATE_GOLDEN"):
        GOLDEN.write_text(out, encoding="utf-8")
    assert out == GOLDEN.read_text(encoding="utf-8")


def test_corpus_github_is_one_command_per_finding():
    findings = json.loads(run("check", "corpus", "--format", "json"))["findings"]
    lines = run("check", "corpus", "--format", "github").splitlines()
    assert len(lines) == len(findings) == 14
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    for line, f in zip(lines, findings):
        kind, props, message = parse(line)
        assert kind == kinds[f["severity"]]
        assert props["file"] == f["path"]
        assert (int(props["line"]), int(props["endLine"])) == (f["line"], f["end_line"])
        if f["line"] == f["end_line"]:
            assert (int(props["col"]), int(props["endColumn"])) == (f["column"], f["end_column"])
        else:
            assert "col" not in props and "endColumn" not in props
        assert props["title"] == f"{f['rule']} {f['name']}"
        assert message == f["message"] + (f" (suggestion: {f['suggestion']})" if f["suggestion"] else "")
