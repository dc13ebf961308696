"""--changed: article files changed since a git revision (or uncommitted), untracked ones not ignored,
restricted to the roots and to article files, with their partners; clear errors outside git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from taiyaku.project.changed import changed_paths
from taiyaku.errors import InputError

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

JA = "腰痛の原因について説明します。\n"
EN = "This article explains the causes of low back pain.\n"


def git(repo: Path, *args: str) -> str:
    # no global configuration: a path that does not exist (git skips it), not os.devnull, which some
    # sandboxes make a regular file that other processes write into
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(repo / ".no-global-gitconfig"), "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}"
    return done.stdout


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str = "c") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with committed articles; the working directory."""
    r = tmp_path / "site"
    r.mkdir()
    git(r, "init", "-q")
    git(r, "config", "user.name", "Test")
    git(r, "config", "user.email", "test@example.com")
    git(r, "config", "commit.gpgsign", "false")
    git(r, "checkout", "-q", "-b", "main")
    for name, text in {
        "articles/a.ja.txt": JA, "articles/a.en.txt": EN,
        "articles/b.ja.md": JA, "articles/b.en.html": "<p>" + EN + "</p>",
        "articles/c.txt": JA + "\n" + EN,
        "articles/sub/d.ja.txt": JA, "articles/sub/d.en.txt": EN,
        "other/e.ja.txt": JA,
        "notes.txt": "notes\n",
        ".gitignore": "*.bak.txt\nbuild/\n",
    }.items():
        write(r / name, text)
    commit(r, "initial")
    monkeypatch.chdir(r)
    return r


def touch(path: Path, extra: str = "追記です。\n") -> None:
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


J = os.path.join


@pytest.mark.parametrize(
    "change,roots,expected",
    [
        # nothing changed: nothing to check
        ([], ["."], []),
        # a changed half brings its unchanged partner (either half)
        (["articles/a.ja.txt"], ["."], ["articles/a.ja.txt", "articles/a.en.txt"]),
        (["articles/a.en.txt"], ["."], ["articles/a.ja.txt", "articles/a.en.txt"]),
        (["articles/b.en.html"], ["articles"], ["articles/b.ja.md", "articles/b.en.html"]),
        (["articles/c.txt"], ["."], ["articles/c.txt"]),  # a bilingual file alone
        # restricted to the roots
        (["articles/a.ja.txt", "other/e.ja.txt"], ["other"], ["other/e.ja.txt"]),
        (["articles/a.ja.txt", "other/e.ja.txt"], ["articles"], ["articles/a.ja.txt", "articles/a.en.txt"]),
        (["articles/sub/d.en.txt"], ["articles/sub"], ["articles/sub/d.ja.txt", "articles/sub/d.en.txt"]),
        (["articles/sub/d.en.txt"], ["articles/sub/d.en.txt"], ["articles/sub/d.ja.txt", "articles/sub/d.en.txt"]),
        (["articles/a.ja.txt"], ["articles/c.txt"], []),  # a file root that did not change
        (["articles/a.ja.txt", "other/e.ja.txt"], ["other", "articles/sub"], ["other/e.ja.txt"]),
        # several changes, several roots: each article once
        (["articles/a.ja.txt", "articles/a.en.txt", "articles/c.txt"], ["articles", "articles/c.txt"],
         ["articles/a.ja.txt", "articles/a.en.txt", "articles/c.txt"]),
        # only article files
        (["notes.txt", ".gitignore"], ["."], ["notes.txt"]),
    ],
)
def test_uncommitted_changes(repo, change, roots, expected):
    for name in change:
        touch(repo / name)
    assert changed_paths(None, roots) == [J(*p.split("/")) for p in expected]


def test_untracked_ignored_hidden_readme_and_deleted(repo):
    write(repo / "articles" / "new.ja.txt", JA)  # untracked: new
    write(repo / "articles" / "old.bak.txt", JA)  # ignored by .gitignore
    write(repo / "build" / "x.ja.txt", JA)  # in an ignored directory
    write(repo / "articles" / ".draft" / "h.ja.txt", JA)  # hidden: the directory walk skips it too
    write(repo / "articles" / "README.md", "# about\n")  # README: skipped
    write(repo / "articles" / "picture.png", "x")  # not an article
    (repo / "articles" / "sub" / "d.en.txt").unlink()  # deleted: nothing to check, but its partner is there
    assert changed_paths(None, ["."]) == [J("articles", "new.ja.txt")]


def test_staged_changes_count(repo):
    touch(repo / "articles" / "c.txt")
    git(repo, "add", "articles/c.txt")
    assert changed_paths(None, ["."]) == [J("articles", "c.txt")]


@pytest.mark.parametrize("ref", ["HEAD~1", "main~1", "first"])
def test_since_a_revision(repo, ref):
    git(repo, "tag", "first")
    touch(repo / "articles" / "a.en.txt")
    commit(repo, "second")
    touch(repo / "other" / "e.ja.txt")  # uncommitted, also since REF
    assert changed_paths(ref, ["."]) == [J("articles", "a.ja.txt"), J("articles", "a.en.txt"), J("other", "e.ja.txt")]
    assert changed_paths("HEAD", ["."]) == [J("other", "e.ja.txt")]
    assert changed_paths(None, ["."]) == [J("other", "e.ja.txt")]


def test_a_branch_that_moved_on_is_compared_at_the_merge_base(repo):
    git(repo, "checkout", "-q", "-b", "feature")
    touch(repo / "articles" / "c.txt")
    commit(repo, "feature work")
    git(repo, "checkout", "-q", "main")
    touch(repo / "other" / "e.ja.txt")
    commit(repo, "someone else's work on main")
    git(repo, "checkout", "-q", "feature")
    # only the branch's own change, not main's (which `git diff main` would also list)
    assert changed_paths("main", ["."]) == [J("articles", "c.txt")]


def test_absolute_roots_give_absolute_paths(repo):
    touch(repo / "articles" / "a.ja.txt")
    assert changed_paths(None, [str(repo / "articles")]) == [str(repo / "articles" / "a.ja.txt"),
                                                             str(repo / "articles" / "a.en.txt")]


def test_from_a_subdirectory(repo, monkeypatch):
    touch(repo / "articles" / "sub" / "d.ja.txt")
    touch(repo / "other" / "e.ja.txt")
    monkeypatch.chdir(repo / "articles")
    assert changed_paths(None, ["."]) == [J("sub", "d.ja.txt"), J("sub", "d.en.txt")]
    assert changed_paths(None, ["../other"]) == [J("..", "other", "e.ja.txt")]


def test_japanese_file_names(repo):
    write(repo / "articles" / "腰痛.ja.txt", JA)
    write(repo / "articles" / "腰痛.en.txt", EN)
    commit(repo)
    touch(repo / "articles" / "腰痛.ja.txt")
    assert changed_paths(None, ["articles"]) == [J("articles", "腰痛.ja.txt"), J("articles", "腰痛.en.txt")]


def test_pattern_pairs_bring_their_partner(repo):
    write(repo / "ja" / "x.md", JA)
    write(repo / "en" / "x.md", EN)
    commit(repo)
    touch(repo / "en" / "x.md")
    pairs = [("ja/{name}.md", "en/{name}.md")]
    assert changed_paths(None, ["en"], pairs) == [J("ja", "x.md"), J("en", "x.md")]
    assert changed_paths(None, ["en"]) == [J("ja", "x.md"), J("en", "x.md")]  # ja/ and en/ folders pair anyway


def test_a_repository_without_commits(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    write(tmp_path / "a.ja.txt", JA)
    write(tmp_path / "b.txt", JA)
    git(tmp_path, "add", "a.ja.txt")  # staged
    monkeypatch.chdir(tmp_path)
    assert changed_paths(None, ["."]) == ["a.ja.txt", "b.txt"]  # staged and untracked: all new
    with pytest.raises(InputError, match="unknown git revision 'HEAD'"):
        changed_paths("HEAD", ["."])


@pytest.mark.parametrize("ref", ["no-such-branch", "HEAD~99", "-p", "", "deadbeef" * 5])
def test_unknown_revision(repo, ref):
    with pytest.raises(InputError) as err:
        changed_paths(ref, ["."])
    assert f"unknown git revision '{ref}'" in err.value.message
    assert "\n" not in str(err.value)


def test_not_a_git_repository(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    write(plain / "a.ja.txt", JA)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # do not find a repository above
    with pytest.raises(InputError) as err:
        changed_paths(None, [str(plain)])
    assert err.value.path == str(plain)
    assert "not a git repository" in err.value.message


def test_missing_root(repo):
    with pytest.raises(InputError, match="no such file or directory"):
        changed_paths(None, ["nope"])


def test_git_not_installed(repo, monkeypatch):
    monkeypatch.setenv("PATH", str(repo / "no-bin-here"))
    import taiyaku.project.changed

    monkeypatch.setattr(taiyaku.project.changed, "_ENV", {**taiyaku.project.changed._ENV, "PATH": str(repo / "no-bin-here")})
    with pytest.raises(InputError, match="git is not installed"):
        changed_paths(None, ["."])


def test_the_result_feeds_the_checker(repo):
    from taiyaku.read.articles import find_articles

    touch(repo / "articles" / "a.en.txt", "More English text.\n")
    articles = find_articles(changed_paths(None, ["."]))
    assert [sorted(d.role for d in a.documents) for a in articles] == [["en", "ja"]]
