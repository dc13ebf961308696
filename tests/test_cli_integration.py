"""Issue-4 features through the command line: configuration, suppressions, baseline, --changed,
fixes and parallel runs, as a user meets them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from .helpers import invoke_cli

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def run(args, cwd: Path):
    return invoke_cli(*args, cwd=cwd)


def findings(args, cwd: Path):
    result = run(["check", *args, "--format", "json"], cwd)
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], Path(f["path"]).name, f["line"], f["severity"]) for f in json.loads(result.output)["findings"]]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(CORPUS, tmp_path / "site")
    (tmp_path / "site" / "README.md").unlink()
    return tmp_path


def test_pyproject_configuration_selects_and_overrides(site: Path):
    (site / "pyproject.toml").write_text(
        '[tool.taiyaku]\nselect = ["T"]\n\n[tool.taiyaku.severity]\nT002 = "error"\n\n'
        '[tool.taiyaku.per-file-ignores]\n"site/massage-*" = ["T001"]\n',
        encoding="utf-8",
    )
    got = findings(["site"], site)
    assert {r for r, *_ in got} == {"T001", "T002"}
    assert all(sev == "error" for r, _, _, sev in got if r == "T002")
    assert not [f for f in got if f[0] == "T001" and f[1].startswith("massage-")]
    # the command line overrides the file
    assert {r for r, *_ in findings(["site", "--select", "U"], site)} == {"U001", "U002"}
    shown = run(["config", "site"], site)
    assert 'select = ["T"]' in shown.output and "pyproject.toml" in shown.output


def test_broken_configuration_is_one_line_exit_2(site: Path):
    (site / "taiyaku.toml").write_text('selct = ["T"]\n', encoding="utf-8")
    result = run(["check", "site"], site)
    assert result.exit_code == 2
    assert "taiyaku.toml" in result.output and "selct" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_inline_suppression_in_markdown(site: Path):
    md = site / "site" / "sacroiliac-joint.en.md"
    text = md.read_text(encoding="utf-8")
    assert ("U001", "sacroiliac-joint.en.md", 20, "warning") in findings(["site"], site)
    md.write_text(text.replace("Keeping to this order,", "<!-- taiyaku-disable-next-line U001 -->\nKeeping to this order,", 1),
                  encoding="utf-8")
    assert not [f for f in findings(["site"], site) if f[0] == "U001" and f[1] == "sacroiliac-joint.en.md"]


def test_baseline_reports_only_new_findings(site: Path):
    result = run(["baseline", "base.json", "site"], site)
    assert result.exit_code == 0 and "recorded" in result.output
    assert findings(["site", "--baseline", "base.json"], site) == []
    en = site / "site" / "massage-soreness.en.txt"
    text = en.read_text(encoding="utf-8")
    # a lone single word with no Japanese source and no rendering of the term nearby is not reported
    # (issue 9: it may mean anything), so it is no new finding either
    en.write_text("New intro line.\n\n" + text + "\nAnother rubback appears.\n", encoding="utf-8")
    assert [f for f in findings(["site", "--baseline", "base.json"], site) if f[0] == "T001"] == []
    # a specific rendering (two content words) is reported even without a Japanese source: only it is new
    en.write_text("New intro line.\n\n" + text + "\nAnother rubbing back appears.\n", encoding="utf-8")
    new = findings(["site", "--baseline", "base.json"], site)
    assert [(r, name, line) for r, name, line, *_ in new if r == "T001"] == [("T001", "massage-soreness.en.txt", 27)]


def test_changed_checks_changed_articles_and_partners(site: Path):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=site, check=True)
    assert "No changed articles" in run(["check", "site", "--changed"], site).output
    ja = site / "site" / "massage-soreness.ja.txt"
    ja.write_text(ja.read_text(encoding="utf-8") + "\n揉み返しに注意してください。\n", encoding="utf-8")
    got = findings(["site", "--changed"], site)
    assert {name for _, name, *_ in got} <= {"massage-soreness.ja.txt", "massage-soreness.en.txt"}
    assert any(name == "massage-soreness.en.txt" for _, name, *_ in got)


def test_fix_writes_safe_fixes_atomically_and_diff_writes_nothing(site: Path):
    ja = site / "site" / "massage-soreness.ja.txt"
    en = site / "site" / "massage-soreness.en.txt"
    before_ja, before_en = ja.read_bytes(), en.read_bytes()
    diff = run(["check", "site", "--diff", "--unsafe-fixes"], site)
    assert diff.exit_code == 1
    assert "+もみ返し" not in diff.output and "-もみ返し" in diff.output and "+揉み返し" in diff.output
    assert "-This is commonly called “rubbing back.”" in diff.output
    assert ja.read_bytes() == before_ja and en.read_bytes() == before_en
    fixed = run(["check", "site", "--fix"], site)
    assert fixed.exit_code == 1
    assert ja.read_bytes() == before_ja.replace("もみ返し".encode(), "揉み返し".encode())
    assert en.read_bytes() == before_en  # unsafe fixes need --unsafe-fixes
    assert not [f for f in findings(["site"], site) if f[0] == "C002"]
    assert not list((site / "site").glob(".*.tmp"))


def test_parallel_run_is_identical(site: Path):
    for k in range(3):
        for p in CORPUS.glob("massage-soreness.*"):
            shutil.copy(p, site / "site" / p.name.replace("massage-soreness", f"copy{k}"))
    serial = run(["check", "site", "--jobs", "1", "--format", "json"], site).output
    parallel = run(["check", "site", "--jobs", "2", "--format", "json"], site).output
    assert serial == parallel
    assert json.loads(serial)["summary"]["files"] == 13
