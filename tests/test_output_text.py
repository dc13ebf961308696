"""The text report: excerpts bounded around the match, whatever the line's length; control characters
from article text shown escaped."""

import time

import pytest

from taiyaku.models import Document, Finding
from taiyaku.output.text import MAX_LINE, MAX_MATCH, _fit, render, width
from taiyaku.run.report import Report


def _report(text: str, spans: list[tuple[int, int]], message: str = "m") -> Report:
    doc = Document(path="a.ja.txt", text=text, encoding="utf-8", format="txt", role="ja")
    findings = [Finding("T001", "forbidden-rendering", "terminology", "error", doc.path, a, b, message)
                for a, b in spans]
    return Report(findings, {doc.path: doc})


def _excerpts(out: str) -> list[tuple[str, str]]:
    lines = out.splitlines()
    return [(lines[i + 1], lines[i + 2]) for i, line in enumerate(lines) if line.startswith("a.ja.txt:")]


@pytest.mark.parametrize(
    "text, start, end, shown, caret_at",
    [
        ("腰痛がある。", 0, 2, "腰痛がある。", 0),  # short line: shown whole
        ("x" * 200 + "腰痛" + "y" * 200, 200, 202, "…" + "x" * 40 + "腰痛", 41),  # long: cut around
        ("x" * 10 + "\x1b[2J腰痛", 14, 16, "x" * 10 + "\\x1b[2J腰痛", 17),  # escape shown escaped
        ("a\tb 腰痛", 4, 6, "a b 腰痛", 4),  # a tab shows as one space
        ("\u202eevil 腰痛", 6, 8, "\\u202eevil 腰痛", 11),  # bidi override escaped
    ],
)
def test_excerpt(text, start, end, shown, caret_at):
    ((source, marker),) = _excerpts(render(_report(text, [(start, end)])))
    body = source.split("| ", 1)[1]
    assert body.startswith(shown)
    assert width(body) <= MAX_LINE + 2
    carets = marker.split("| ", 1)[1]
    assert carets.index("^") == width(body[:caret_at])
    assert carets.count("^") == width(text[start:end])


@pytest.mark.parametrize(
    "text, start, columns, end",
    [
        ("abcdefgh", 0, 5, 5),  # ASCII: one column each
        ("abc", 0, 5, 3),  # shorter than the columns
        ("abcde腰", 0, 5, 5),
        ("腰痛がある", 0, 5, 2),  # wide: two columns each
        ("ab腰痛", 0, 5, 3),
        ("xx腰痛がある", 2, 5, 4),  # from an offset
        ("ａｂｃ", 0, 3, 1),  # full-width Latin
        ("a\x1bb", 0, 5, 2),  # an escape takes its length ("\\x1b": 4)
        ("a\tb", 0, 5, 3),  # a tab shows as one space
        ("\u202a", 0, 5, 0),  # "\\u202a" does not fit at all
    ],
)
def test_fit(text, start, columns, end):
    assert _fit(text, start, columns) == end


@pytest.mark.slow
def test_megabyte_line_with_many_findings_renders_in_linear_time():
    text = ("腰痛" + "あ" * 98) * 10_000  # one 1,000,000-character line
    spans = [(i, i + 2) for i in range(0, len(text), 100)]
    began = time.perf_counter()
    out = render(_report(text, spans))
    assert time.perf_counter() - began < 10  # was hours: the whole line was measured per finding
    pairs = _excerpts(out)
    assert len(pairs) == len(spans)
    assert all(width(source) < MAX_LINE + 20 for source, _ in pairs)


def test_a_huge_match_is_shown_bounded():
    text = "あ" * 100_000
    ((source, marker),) = _excerpts(render(_report(text, [(10, 90_000)])))
    assert len(source) < MAX_MATCH + 20 and marker.count("^") <= 2 * MAX_MATCH


def test_message_escapes_are_shown_escaped():
    out = render(_report("腰痛", [(0, 2)], message='"\x1b]0;pwned\x07" found'))
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;pwned\\x07" in out


@pytest.mark.parametrize("fmt", ["sarif", "json_format", "github"])
def test_other_formats_render_a_megabyte_line_in_linear_time(fmt):
    import importlib

    module = importlib.import_module(f"taiyaku.output.{fmt}")
    text = ("腰痛" + "あ" * 98) * 10_000
    report = _report(text, [(i, i + 2) for i in range(0, len(text), 100)])
    began = time.perf_counter()
    out = module.render(report)
    assert time.perf_counter() - began < 10  # sarif took 115 s: each snippet and fingerprint copied the line
    assert len(out) < 20_000_000
