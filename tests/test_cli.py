"""The command line as users meet it: exit codes, one-line errors, no tracebacks, files never written."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def invoke(*args, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args))


def test_rules_lists_every_registered_rule():
    from pipeline.rules import registry

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
