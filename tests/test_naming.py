"""Pairing by the names editors give the two versions of an article, and two files named on the command
line; articles checked in one language are named in the report with the reason."""

from __future__ import annotations

import json
import os

import pytest

from taiyaku.read.articles import discover
from taiyaku.read.naming import partners, tagged

from .helpers import invoke_cli

JA = "揉み返しは施術の翌日に出ることがあります。\n"
EN = "A rubbing back can appear on the day after a treatment.\n"


@pytest.mark.parametrize(
    "ja, en",
    [
        ("a.ja.txt", "a.en.txt"),
        ("a.jp.txt", "a.eng.txt"),
        ("a_ja.md", "a_en.md"),
        ("a-JA.html", "a-EN.html"),
        ("a.ja.txt", "a.en.md"),  # the extensions may differ
        (os.path.join("ja", "a.md"), os.path.join("en", "a.md")),
        (os.path.join("japanese", "a.txt"), os.path.join("english", "a.txt")),
    ],
)
def test_naming_schemes_pair(tmp_path, monkeypatch, ja, en):
    monkeypatch.chdir(tmp_path)
    for name, text in ((ja, JA), (en, EN)):
        os.makedirs(os.path.dirname(name) or ".", exist_ok=True)
        with open(name, "w", encoding="utf-8") as f:
            f.write(text)
    (group,) = [g for _, g in discover(["."])]
    assert (group["ja"], group["en"]) == (os.path.normpath(ja), os.path.normpath(en))
    (named,) = [g for _, g in discover([ja])]  # naming one half picks up the other
    assert named["en"] == os.path.normpath(en)


@pytest.mark.parametrize("name", ["garden.txt", "open.txt", "children-book.md", "sign_eng_notes.txt"])
def test_names_that_only_look_tagged(name):
    assert tagged(name) is None


def test_partners_say_where_they_looked():
    assert "a.en.*" in partners("a.ja.txt") and "a_en.*" in partners("a.ja.txt")
    assert os.path.join("en", "a.*") in partners(os.path.join("ja", "a.md"))


def test_two_files_named_on_the_command_line_are_one_pair(tmp_path):
    (tmp_path / "draft.txt").write_text(JA, encoding="utf-8")
    (tmp_path / "translation.txt").write_text(EN, encoding="utf-8")
    out = invoke_cli("check", "draft.txt", "translation.txt", "--format", "json", cwd=tmp_path).output
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["T001"]
    aligned = invoke_cli("align", "translation.txt", "draft.txt", cwd=tmp_path)
    assert aligned.exit_code == 0 and "1-1" in aligned.output


def test_monolingual_articles_are_named_with_the_reason(tmp_path):
    (tmp_path / "a.ja.txt").write_text(JA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(JA, encoding="utf-8")
    result = invoke_cli("check", ".", cwd=tmp_path)
    assert "Checked in one language (no other version found):" in result.output
    assert "a.ja.txt: Japanese only; looked for a.en.*" in result.output
    assert "b.txt: Japanese only; no English text in it" in result.output
    doc = json.loads(invoke_cli("check", ".", "--format", "json", cwd=tmp_path).output)
    assert [(m["path"], m["language"]) for m in doc["monolingual"]] == [("a.ja.txt", "ja"), ("b.txt", "ja")]


def test_standard_input_with_its_file_name(tmp_path):
    """`taiyaku check -` reads the article from standard input; --stdin-filename gives its name, so its
    format, its language and its partner on disk are found as for a file (ruff's convention)."""
    import subprocess
    import sys

    (tmp_path / "a.ja.txt").write_text(JA, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "taiyaku.cli", "check", "-", "--stdin-filename", "a.en.txt",
                          "--format", "json"], input=EN.encode(), capture_output=True, cwd=tmp_path)
    doc = json.loads(run.stdout)
    assert run.returncode == 1 and [(f["rule"], f["path"]) for f in doc["findings"]] == [("T001", "a.en.txt")]
    assert {f["path"] for f in doc["files"]} == {"a.ja.txt", "a.en.txt"}
    two = subprocess.run([sys.executable, "-m", "taiyaku.cli", "check", "-", "a.ja.txt"], input="",
                         capture_output=True, text=True, cwd=tmp_path)
    assert two.returncode == 2 and two.stderr.count("\n") == 1 and "only path" in two.stderr


@pytest.mark.parametrize("layout", ["tagged", "folders"])
def test_a_site_folder_is_listed_once_not_once_per_article(tmp_path, monkeypatch, layout):
    """Finding each article's other half lists its folder once per discovery: a site of N articles
    costs N, not N² (3,000 articles took 8 s when every article listed the folder again)."""
    import taiyaku.read.naming as naming

    for i in range(40):
        if layout == "tagged":
            (tmp_path / f"{i:03}.ja.txt").write_text("腰痛です。", encoding="utf-8")
            (tmp_path / f"{i:03}.EN.md").write_text("Back pain.", encoding="utf-8")
        else:
            for folder, text in (("ja", "腰痛です。"), ("en", "Back pain.")):
                (tmp_path / folder).mkdir(exist_ok=True)
                (tmp_path / folder / f"{i:03}.txt").write_text(text, encoding="utf-8")
    calls = []
    real = naming._listdir
    monkeypatch.setattr(naming, "_listdir", lambda d: calls.append(d) or real(d))
    monkeypatch.chdir(tmp_path)
    found = discover(["."])
    assert len(found) == 40 and all({"ja", "en"} <= set(group) for _, group in found)
    assert len(calls) == len(set(calls))
