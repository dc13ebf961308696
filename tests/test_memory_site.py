"""`taiyaku check` of a few articles against the translation memory of the rest of the site (S001–S003),
TM002 as a registered rule, and two `tm update` processes at once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from taiyaku.memory.store import Memory

from .helpers import invoke_cli
from .test_site_checks import BODY, DISCLAIMER, PASTE, contact, disclaimer, sciatica, term

GLOSSARY = ("ja\ten\tja_variants\ten_variants\ten_forbidden\tnote\n"
            "揉み返し\tpost-massage soreness\tもみ返し\tsoreness after massage|massage soreness\trubbing back\tx\n"
            "坐骨神経痛\tsciatica\t\tsciatic neuralgia|sciatic nerve pain\t\tx\n")
OTHER = "The content of this article is general information only."
SORE, AFTER = term("post-massage soreness"), term("soreness after massage")
NEURALGIA, NERVE = sciatica("sciatic neuralgia"), sciatica("sciatic nerve pain")


def write_article(root, i: int, extra) -> None:
    pairs = [(f"よくあるご質問の第{i + 1}回です。", f"This is part {i + 1} of our questions and answers."), *extra, *BODY]
    (root / f"a{i}.ja.txt").write_text("\n".join(j for j, _ in pairs) + "\n")
    (root / f"a{i}.en.txt").write_text("\n".join(e for _, e in pairs) + "\n")


def make_site(tmp_path, articles):
    (tmp_path / "g.tsv").write_text(GLOSSARY)
    site = tmp_path / "site"
    site.mkdir()
    for i, extra in enumerate(articles):
        write_article(site, i, extra)
    result = invoke_cli("tm", "update", "site", "--isolated", "--glossary", "g.tsv", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    return site


def check_json(tmp_path, *paths, select="S001,S002,S003", extra=()):
    result = invoke_cli("check", *paths, "--isolated", "--glossary", "g.tsv", "--select", select, "--format", "json",
                        *extra, cwd=tmp_path)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def _where(f) -> tuple:
    return f["rule"], int(f["path"].split("/a")[1].split(".")[0]), f["line"] - 2


# Each case: the stored site (extra pairs per article), then the changes (article → its new extra pairs,
# None: deleted), the articles checked, and the findings as (rule, article, English sentence index).
CASES = {
    "a new rendering in the changed article": (
        [[SORE]] * 4, {3: [AFTER]}, [3], [("S001", 3, 0)]),
    "the changed article follows the site": (
        [[SORE]] * 3 + [[AFTER]], {3: [SORE]}, [3], []),
    "a retranslated disclaimer": (
        [[disclaimer()]] * 4, {2: [disclaimer(OTHER)]}, [2], [("S002", 2, 0)]),
    "an English sentence pasted over other Japanese": (
        [[contact()]] * 3 + [[disclaimer()]], {3: [(DISCLAIMER, PASTE)]}, [3], [("S003", 3, 0)]),
    "a departure already in an unchanged article is left to a full check": (
        [[SORE]] * 3 + [[AFTER]], {0: [SORE, disclaimer()]}, [0], []),
    "a new article against the stored ones": (
        [[NEURALGIA]] * 3, {3: [NERVE]}, [3], [("S001", 3, 0)]),
    "deleted articles are gone": (
        [[NEURALGIA]] * 2 + [[NERVE]], {0: None, 1: None}, [2], []),
    "the same site without the deletion": (
        [[NEURALGIA]] * 2 + [[NERVE]], {}, [2], [("S001", 2, 0)]),
    "the change shifts the majority: reported at the changed place": (
        [[NEURALGIA]] * 2 + [[NERVE]] * 2 + [[NEURALGIA]], {4: [NERVE]}, [4], [("S001", 4, 0)]),
    "more articles than are read: the rest are counted": (
        [[NEURALGIA]] * 13 + [[NERVE]] * 12, {}, [24], [("S001", 24, 0)]),
    "more articles than are read, the majority shifted": (
        [[NEURALGIA]] * 13 + [[NERVE]] * 12, {0: [NERVE]}, [0], [("S001", 0, 0)]),
    "more articles than are read, a new one breaks a tie": (
        [[NEURALGIA]] * 12 + [[NERVE]] * 12, {24: [NERVE]}, [24], [("S001", 24, 0)]),
    "more articles than are read, the change makes a tie": (
        [[NEURALGIA]] * 12 + [[NERVE]] * 11 + [[SORE]], {23: [NERVE]}, [23], []),
    "a checked article that is not stored and not changed": (
        [[SORE]] * 3 + [[AFTER]], {}, [3], [("S001", 3, 0)]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_subset_is_checked_against_the_memory(tmp_path, case):
    stored, changes, checked, expected = CASES[case]
    site = make_site(tmp_path, stored)
    for i, extra in changes.items():
        if extra is None:
            for side in ("ja", "en"):
                (site / f"a{i}.{side}.txt").unlink()
        else:
            write_article(site, i, extra)
    paths = [f"site/a{i}.{side}.txt" for i in checked for side in ("ja", "en")]
    findings = check_json(tmp_path, *paths)
    assert [_where(f) for f in findings] == expected
    for f in findings:
        assert f["related"] and all(r["path"] not in paths for r in f["related"])
        for r in f["related"]:  # placed from the memory: the line and column hold the related text
            line = (tmp_path / r["path"]).read_text().splitlines()[r["line"] - 1]
            assert line[r["column"] - 1 :].startswith(r["text"]), r


@pytest.mark.parametrize("n", [3, 14])  # 14: more articles than the memory reads for each record (RELATED)
def test_positions_and_messages_from_the_memory_are_those_of_a_full_check(tmp_path, n):
    site = make_site(tmp_path, [[SORE, disclaimer()]] * n)
    write_article(site, n - 1, [AFTER, disclaimer(OTHER)])
    full = check_json(tmp_path, "site")
    subset = check_json(tmp_path, f"site/a{n - 1}.ja.txt", f"site/a{n - 1}.en.txt")
    assert len(subset) == 2
    key = lambda f: (f["rule"], f["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"])  # noqa: E731
    assert [key(f) for f in subset] == [key(f) for f in full]
    assert f'in {n - 1} articles' in subset[0]["message"] + subset[1]["message"]
    for a, b in zip(full, subset):
        if n < 10:
            assert sorted(map(json.dumps, a["related"])) == sorted(map(json.dumps, b["related"]))
        assert len(b["related"]) == min(n - 1, 10)
    for fmt in ("text", "sarif", "github"):  # every format places the related locations from the memory
        result = invoke_cli("check", f"site/a{n - 1}.ja.txt", f"site/a{n - 1}.en.txt", "--isolated", "--glossary", "g.tsv",
                            "--select", "S001,S002", "--format", fmt, cwd=tmp_path)
        assert result.exit_code == 1, result.output
    text = invoke_cli("check", f"site/a{n - 1}.en.txt", f"site/a{n - 1}.ja.txt", "--isolated", "--glossary", "g.tsv", "--select",
                      "S001", cwd=tmp_path).output
    assert "  = site/a0.en.txt:2: This is commonly called post-massage soreness" in text


def test_a_shifted_majority_names_the_places_that_now_depart(tmp_path):
    site = make_site(tmp_path, [[NEURALGIA]] * 2 + [[NERVE]] * 2 + [[NEURALGIA]])
    write_article(site, 4, [NERVE])
    (f,) = check_json(tmp_path, "site/a4.ja.txt", "site/a4.en.txt", select="S001")
    assert f["path"] == "site/a4.en.txt" and f["found"] == "sciatic nerve pain"
    assert "places outside this run that followed the site before now depart" in f["message"]
    assert "\"sciatic nerve pain\" in 3 articles, \"sciatic neuralgia\" in 2 articles" in f["message"]
    assert sorted((r["path"], r["line"], r["text"]) for r in f["related"]) == [
        ("site/a0.en.txt", 2, "sciatic neuralgia"), ("site/a1.en.txt", 2, "sciatic neuralgia")]


def test_without_a_memory_or_with_another_one(tmp_path):
    site = make_site(tmp_path, [[SORE]] * 3)
    write_article(site, 3, [AFTER])
    paths = ("site/a3.ja.txt", "site/a3.en.txt")
    assert check_json(tmp_path, *paths) and check_json(tmp_path, *paths, extra=("--tm", ".taiyaku/tm.sqlite"))
    os.rename(tmp_path / ".taiyaku", tmp_path / "elsewhere")
    assert check_json(tmp_path, *paths) == []  # no memory: the run alone
    assert check_json(tmp_path, *paths, extra=("--tm", "elsewhere/tm.sqlite"))
    missing = invoke_cli("check", *paths, "--isolated", "--glossary", "g.tsv", "--select", "S001", "--tm", "none.sqlite",
                         cwd=tmp_path)
    assert missing.exit_code == 2 and "no translation memory here" in missing.output
    (tmp_path / "g.tsv").write_text(GLOSSARY + "中枢性感作\tcentral sensitization\t\t\t\tx\n")
    stale = invoke_cli("check", *paths, "--isolated", "--glossary", "g.tsv", "--select", "S001", "--tm",
                       "elsewhere/tm.sqlite", cwd=tmp_path)
    assert stale.exit_code == 2 and "built with another glossary" in stale.output and "tm update" in stale.output


def test_a_memory_read_from_another_folder_says_so(tmp_path):
    make_site(tmp_path, [[SORE]] * 2)
    result = invoke_cli("check", "a0.ja.txt", "a0.en.txt", "--isolated", "--glossary", "../g.tsv", "--select", "S001",
                        "--tm", "../.taiyaku/tm.sqlite", cwd=tmp_path / "site")
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert "none of the files the translation memory holds exists from this folder" in line


def test_an_old_memory_says_to_rebuild(tmp_path):
    make_site(tmp_path, [[SORE]] * 2)
    with sqlite3.connect(tmp_path / ".taiyaku" / "tm.sqlite") as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    result = invoke_cli("tm", "update", "site", "--isolated", "--glossary", "g.tsv", cwd=tmp_path)
    assert result.exit_code == 2
    (line,) = result.output.splitlines()
    assert "format version '1'" in line and "run `taiyaku tm rebuild PATHS`" in line
    assert invoke_cli("tm", "rebuild", "site", "--isolated", "--glossary", "g.tsv", cwd=tmp_path).exit_code == 0


def test_the_memory_keeps_site_records_as_json(tmp_path):
    make_site(tmp_path, [[SORE, disclaimer()]] * 2)
    with sqlite3.connect(tmp_path / ".taiyaku" / "tm.sqlite") as db:
        rows = db.execute("SELECT kind, key, data FROM site_items ORDER BY id").fetchall()
        files = db.execute("SELECT path, data FROM site_files ORDER BY path").fetchall()
    assert {kind for kind, _, _ in rows} == {"t", "s"}
    assert all(isinstance(json.loads(data), list) for _, _, data in rows)
    assert ("t", "揉み返し") in {(kind, key) for kind, key, _ in rows}
    assert [p for p, _ in files] == ["site/a0.en.txt", "site/a0.ja.txt", "site/a1.en.txt", "site/a1.ja.txt"]
    assert json.loads(files[0][1])["lines"]["2"].startswith("This is commonly called post-massage soreness")


APPROVED = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="ja" datatype="plaintext"/><body>
<tu><tuv xml:lang="ja"><seg>本記事の内容は一般的な情報であり、診断や治療に代わるものではありません。</seg></tuv>
<tuv xml:lang="en"><seg>This article gives general information and does not replace diagnosis or treatment.</seg></tuv></tu>
</body></tmx>
"""


def test_tm002_is_a_registered_rule(tmp_path):
    rules = invoke_cli("rules", cwd=tmp_path).output
    assert "TM002  approved-translation-differs" in rules
    explained = invoke_cli("explain", "TM002", cwd=tmp_path).output
    assert explained.startswith("TM002 approved-translation-differs (consistency, default severity warning)")
    site = make_site(tmp_path, [[disclaimer()], [disclaimer(OTHER)]])
    no_units = check_json(tmp_path, "site", select="TM002")
    assert no_units == []
    (tmp_path / "ok.tmx").write_text(APPROVED)
    assert invoke_cli("tm", "import", "ok.tmx", cwd=tmp_path).exit_code == 0
    (f,) = check_json(tmp_path, "site", select="TM002")
    assert (_where(f), f["suggestion"]) == (("TM002", 1, 0), disclaimer()[1])
    assert "TM002" not in {g["rule"] for g in check_json(tmp_path, "site", select="ALL")}  # off by default
    assert "TM002" in {g["rule"] for g in check_json(tmp_path, "site", select="ALL,TM002")}
    shutil.rmtree(tmp_path / ".taiyaku")
    result = invoke_cli("check", "site", "--isolated", "--glossary", "g.tsv", "--select", "TM002", cwd=tmp_path)
    assert result.exit_code == 2 and "run `taiyaku tm import FILE.tmx`" in result.output
    assert site.exists()


UPDATE = "import sys; from taiyaku.cli import main; sys.argv = ['taiyaku', *sys.argv[1:]]; main()"


@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True])
def test_two_updates_at_once_leave_a_consistent_memory(tmp_path, existing):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "g.tsv").write_text(GLOSSARY)
    for i in range(12):
        write_article(site, i, [SORE if i % 3 else AFTER, disclaimer()])
    args = ["tm", "update", "site", "--isolated", "--glossary", "g.tsv", "--jobs", "1"]
    if existing:  # the second pair of runs finds a memory to update
        assert invoke_cli(*args, cwd=tmp_path).exit_code == 0
        write_article(site, 0, [SORE, disclaimer(OTHER)])
    runs = [subprocess.Popen([sys.executable, "-c", UPDATE, *args], cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode in (0, 2), err
        if run.returncode == 2:
            (line,) = err.splitlines()
            assert "locked by another run" in line
        else:
            assert "articles stored" in out and not err
    assert any(run.returncode == 0 for run in runs)
    path = tmp_path / ".taiyaku" / "tm.sqlite"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with Memory(str(path)) as memory:
        counts = memory.counts()
        units = memory.units(("sure", "likely"))
    assert counts["articles"] == 12 and counts["site_files"] == 24
    assert len({u.ja_path for u, _ in units}) == 12 and counts["units"] == len(units)
    assert sum(OTHER in u.en for u, _ in units) == existing


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("commit_change", [False, True])
def test_changed_in_ci_checks_the_changed_article_against_the_site(tmp_path, commit_change):
    from .test_changed import commit, git

    site = make_site(tmp_path, [[SORE, disclaimer()]] * 12)
    (tmp_path / ".gitignore").write_text(".taiyaku/\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "t")
    commit(tmp_path, "site")
    git(tmp_path, "branch", "-q", "base")
    write_article(site, 7, [SORE, disclaimer(OTHER)])
    if commit_change:
        commit(tmp_path, "retranslate the disclaimer of a7")
    findings = check_json(tmp_path, "site", extra=("--changed", *(("base",) if commit_change else ())))
    assert [_where(f) for f in findings] == [("S002", 7, 1)]
    assert "translated differently in 11 articles" in findings[0]["message"]
