"""The README's JSON and `taiyaku config` examples are what the tool prints (issue 15): each shown value
is checked against a real run; "…" stands for what the example leaves out."""

from __future__ import annotations

import json
import re

from .helpers import ROOT, invoke_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shown_agrees(shown, real) -> bool:
    """Every value the example shows is the real one; "…" stands for anything left out."""
    if shown == "…":
        return True
    if isinstance(shown, dict):
        return all(k == "…" or (k in real and _shown_agrees(v, real[k])) for k, v in shown.items())
    if isinstance(shown, list):
        items = [x for x in shown if x != "…"]
        return all(any(_shown_agrees(x, r) for r in real) for x in items) and (len(items) == len(real) or "…" in shown)
    return shown == real


def test_the_json_example_is_a_real_report():
    block = re.search(r"`taiyaku check --format json` prints.*?```json\n(.*?)```", README, re.S).group(1)
    shown = json.loads(block)
    real = json.loads(invoke_cli("check", "corpus/", "--format", "json").output)
    real["signature"]["lexicon"] = "jmdict"  # the tests run without the lexicon; `taiyaku check` has it
    shown["signature"]["glossary"].pop("sha256")
    assert _shown_agrees(shown, real)


def test_the_config_example_is_a_real_run(tmp_path):
    toml = re.search(r"```toml\n(\[tool\.taiyaku\].*?)```", README, re.S).group(1)
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "glossary.tsv").write_text("ja\ten\n腰痛\tlow back pain\n", encoding="utf-8")
    example = re.search(r"```text\n\$ taiyaku config --fail-on info\n(.*?)…\n```", README, re.S).group(1)
    real = {" ".join(line.split()) for line in invoke_cli("config", "--fail-on", "info", cwd=tmp_path).output.splitlines()}
    for line in example.splitlines():  # the real output pads the comments to its widest line
        assert " ".join(line.split()) in real, line


def test_the_github_example_is_a_real_annotation():
    shown = [line for line in README.splitlines() if line.startswith("::")]
    real = invoke_cli("check", "corpus/", "--format", "github").output.splitlines()
    assert shown and all(line in real for line in shown)
