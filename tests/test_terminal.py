"""The terminal report: colour by severity (--color, NO_COLOR), --quiet, -o confirmation,
--statistics in JSON, `explain PREFIX`."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from taiyaku import cli
from tests.helpers import ROOT, invoke_cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_colour_is_only_paint_over_the_plain_report():
    plain = invoke_cli("check", "corpus/", "--color", "never").output
    painted = invoke_cli("check", "corpus/", "--color", "always").output
    assert ANSI.search(painted) and not ANSI.search(plain)
    assert ANSI.sub("", painted) == plain
    assert invoke_cli("check", "corpus/").output == plain  # auto: not a terminal here
    by_line = {ANSI.sub("", line): line for line in painted.splitlines()}
    t001 = next(line for plain_line, line in by_line.items() if " T001 error " in plain_line)
    assert "\x1b[1;31mT001\x1b[0m \x1b[1;31merror\x1b[0m" in t001  # errors red, in code and severity
    a001 = next(line for plain_line, line in by_line.items() if " A001 info " in plain_line)
    assert "\x1b[36mA001\x1b[0m" in a001


@pytest.mark.parametrize(
    "choice, output, no_color, tty, expected",
    [
        ("auto", None, "", True, True),
        ("auto", None, "1", True, False),  # NO_COLOR set (any non-empty value)
        ("auto", None, "", False, False),  # piped
        ("auto", "report.txt", "", True, False),  # a file gets no colour codes
        ("always", None, "1", False, True),  # the option beats the environment
        ("never", None, "", True, False),
    ],
)
def test_when_to_colour(monkeypatch, choice, output, no_color, tty, expected):
    monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(cli.sys.stdout, "isatty", lambda: tty, raising=False)
    assert cli.use_color(choice, output) is expected


def test_quiet_prints_the_summary_line_only():
    full = invoke_cli("check", "corpus/")
    quiet = invoke_cli("check", "corpus/", "--quiet")
    assert quiet.output == full.output.splitlines()[-1] + "\n"
    assert quiet.exit_code == full.exit_code == 1
    bad = invoke_cli("check", "corpus/", "-q", "--format", "json")
    assert bad.exit_code == 2 and "--quiet" in bad.output and bad.output.count("\n") == 1


def test_output_file_is_confirmed_on_stderr(tmp_path):
    out = tmp_path / "report.json"
    result = invoke_cli("check", "corpus/", "--format", "json", "-o", out)
    n = len(json.loads(out.read_text(encoding="utf-8"))["findings"])
    assert result.stdout == "" and result.stderr == f"wrote {out} ({n} findings)\n"


def test_statistics_in_json():
    doc = json.loads(invoke_cli("check", "corpus/", "--format", "json", "--statistics").output)
    counts = Counter(f["rule"] for f in doc["findings"])
    assert {r["code"]: r["count"] for r in doc["summary"]["by_rule"]} == counts
    assert [r["count"] for r in doc["summary"]["by_rule"]] == sorted(counts.values(), reverse=True)
    plain = json.loads(invoke_cli("check", "corpus/", "--format", "json").output)
    assert "by_rule" not in plain["summary"]


@pytest.mark.parametrize(
    "prefix, codes",
    [("T", ["T001", "T002", "T003", "T004"]), ("u00", ["U001", "U002"]), ("C00", ["C001", "C002", "C003"])],
)
def test_explain_a_prefix_lists_its_rules(prefix, codes):
    result = invoke_cli("explain", prefix)
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines() if re.match(r"[A-Z]\d{3} ", line)] == codes


def test_explain_one_rule_and_unknown():
    assert invoke_cli("explain", "T001").output.startswith("T001 forbidden-rendering (terminology")
    unknown = invoke_cli("explain", "Z")
    assert unknown.exit_code == 2 and "unknown rule 'Z'" in unknown.output


def test_readme_examples_of_these_options_are_real(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quiet = invoke_cli("check", "corpus/", "--quiet").output.strip()
    assert f"| `--quiet`, `-q` | print only the summary line (`{quiet}`)" in readme
    out = invoke_cli("check", "corpus/", "--format", "html", "-o", tmp_path / "report.html").stderr
    assert out.replace(str(tmp_path / "report.html"), "report.html").strip() in readme


def test_score_shows_the_draft_beside_the_edited_english(tmp_path):
    (tmp_path / "draft.en.txt").write_text("The rubbing back is common.\nDrink water.\n", encoding="utf-8")
    (tmp_path / "edited.en.txt").write_text("Post-massage soreness is common.\nDrink water.\n", encoding="utf-8")
    out = invoke_cli("score", "draft.en.txt", "edited.en.txt", cwd=tmp_path).output
    worst = next(line for line in out.splitlines() if line.lstrip().startswith("chrF") and "│" in line)
    draft, edited = worst.split("│")[1:3]
    assert "The rubbing back is common." in draft and "Post-massage soreness is common." in edited
    assert "draft: draft.en.txt" in out and "edited: edited.en.txt" in out
