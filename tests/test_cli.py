"""The command line as users meet it: exit codes, one-line errors, no tracebacks, files never written."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from taiyaku.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def invoke(*args, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args))


def test_rules_lists_every_registered_rule():
    from taiyaku.checks.registry import registry

    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0
    listed = {r["code"] for r in json.loads(result.output)}
    assert listed == set(registry())


def test_explain_by_code_and_name():
    assert "What it checks" in invoke("explain", "T001").output
    assert invoke("explain", "forbidden-rendering").output == invoke("explain", "t001").output


def test_explain_unknown_rule_exits_2():
    result = invoke("explain", "Z999")
    assert result.exit_code == 2
    assert "unknown rule 'Z999'" in result.output


def test_glossary_check_ok_and_broken(tmp_path: Path):
    ok = invoke("glossary", "check")
    assert ok.exit_code == 0 and "entries, OK" in ok.output
    bad = tmp_path / "bad.tsv"
    bad.write_text("ja\ten\n腰痛\tlow back pain\textra\n", encoding="utf-8")
    result = invoke("glossary", "check", str(bad))
    assert result.exit_code == 2
    assert result.output.strip() == f"taiyaku: {bad}:2: expected 2 tab-separated columns (ja, en), found 3"


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["check", "no/such/file.ja.txt"], "no/such/file.ja.txt"),
        (["check", "--glossary", "missing.tsv", str(CORPUS)], "missing.tsv: no such glossary file"),
        (["check", "--select", "Q9", str(CORPUS)], "unknown rule or prefix 'Q9'"),
    ],
)
def test_input_errors_are_one_line_exit_2(args, fragment):
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert fragment in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_path_with_no_articles_is_an_error(tmp_path: Path):
    """A CI job pointed at the wrong folder must not pass with "No findings in 0 files" (issue 9)."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "data.csv").write_text("a,b\n", encoding="utf-8")
    for folder in ("empty", "notes"):
        proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(tmp_path / folder)],
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2 and proc.stdout == ""
        (line,) = proc.stderr.strip().splitlines()
        assert line.startswith(f"taiyaku: no articles found in {tmp_path / folder}")


def test_binary_input_exit_2(tmp_path: Path):
    p = tmp_path / "x.ja.txt"
    p.write_bytes(b"\x00\x01\x02binary")
    result = invoke("check", str(p))
    assert result.exit_code == 2
    assert str(p) in result.output


def test_exit_codes_follow_fail_on(tmp_path: Path):
    args = ["check", str(CORPUS)]
    assert invoke(*args).exit_code == 1
    assert invoke(*args, "--fail-on", "never").exit_code == 0
    assert invoke(*args, "--select", "U001", "--fail-on", "error").exit_code == 0
    clean = tmp_path / "clean.ja.txt"
    clean.write_text("今日は良い天気です。\n", encoding="utf-8")
    result = invoke("check", str(clean))
    assert result.exit_code == 0 and "No findings" in result.output


def test_check_never_writes_inputs():
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in CORPUS.iterdir()}
    invoke("check", str(CORPUS))
    invoke("check", str(CORPUS), "--format", "json")
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in CORPUS.iterdir()}


def test_align_json_lists_pairs_with_lines():
    result = invoke("align", str(CORPUS / "sacroiliac-joint.ja.md"), "--format", "json")
    assert result.exit_code == 0
    pairs = json.loads(result.output)["pairs"]
    untranslated = [p for p in pairs if p["ja"] and not p["en"]]
    assert [s["line"] for p in untranslated for s in p["ja"]] == [17, 18]
    first = pairs[0]
    assert first["ja"][0]["line"] == 6 and first["en"][0]["line"] == 6
    assert first["en"][0]["path"].endswith("sacroiliac-joint.en.md")


def test_align_text_and_errors():
    result = invoke("align", str(CORPUS / "stretching-bilingual.txt"))
    assert result.exit_code == 0 and "│" in result.output
    assert invoke("align", str(CORPUS)).exit_code == 2


def test_score_against_itself_and_a_draft(tmp_path: Path):
    ref = CORPUS / "massage-soreness.en.txt"
    same = json.loads(invoke("score", str(ref), str(ref), "--format", "json").output)
    assert same["bleu"] == 100.0 and same["ter"] == 0.0
    assert "version:" in same["signatures"]["bleu"]
    draft = tmp_path / "draft.en.txt"
    draft.write_text(ref.read_text(encoding="utf-8").replace("rubbing back", "return rub"), encoding="utf-8")
    scored = json.loads(invoke("score", str(draft), str(ref), "--format", "json").output)
    assert scored["bleu"] < 100.0
    worst = min(scored["sentences"], key=lambda s: s["chrf"])
    assert "rubbing back" in worst["ref"][0]["text"] and worst["ref"][0]["line"] == 4
