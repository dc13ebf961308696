"""The README cannot drift: its sample output and its rules table are what the tool prints.

Regenerate both with TAIYAKU_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from click.testing import CliRunner

from taiyaku.cli import main
from taiyaku.checks.registry import registry

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _section(name: str, body: str, text: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.S)
    assert pattern.search(text), f"README.md lacks the {name} markers"
    return pattern.sub(lambda m: m.group(1) + body + m.group(3), text)


def sample_output() -> str:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        out = CliRunner().invoke(main, ["check", "corpus/"]).output
    finally:
        os.chdir(cwd)
    return f"```text\n$ taiyaku check corpus/\n{out}```\n"


def rules_table() -> str:
    rows = ["| code | name | category | default severity | what it reports |", "|---|---|---|---|---|"]
    for r in registry().values():
        rows.append(f"| {r.code} | `{r.name}` | {r.category} | {r.severity} | {r.summary} |")
    return "\n".join(rows) + "\n"


def test_readme_is_true():
    text = README.read_text(encoding="utf-8")
    want = _section("rules", rules_table(), _section("sample-output", sample_output(), text))
    if os.environ.get("TAIYAKU_UPDATE_GOLDEN"):
        README.write_text(want, encoding="utf-8")
    assert text == want, "README.md is out of date: run TAIYAKU_UPDATE_GOLDEN=1 python3 -m pytest tests/test_readme.py"


def test_readme_starts_with_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    commands = re.findall(r"^    (python3 -m pip install .*)$", text, re.M)[:2]
    assert commands == [
        "python3 -m pip install . && taiyaku check corpus/",
        "python3 -m pip install -e '.[test]' && python3 -m pytest -q",
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'" in ci
    assert "python3 -m pytest -q" in ci


def test_readme_documents_every_command_and_option():
    import click

    text = README.read_text(encoding="utf-8")
    missing = []

    def walk(command, path):
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}")
            return
        if f"`{path}" not in text:
            missing.append(path)
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help",) and f"`{opt}" not in text:
                    missing.append(f"{path} {opt}")

    walk(main, "taiyaku")
    assert missing == []
